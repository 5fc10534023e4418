"""The one place that decides which rows a user may see.

A user's *cakupan* (coverage) comes from their penugasan (apps.akun builds it); every
scoped model's queryset calls :func:`cakupan_q` through :class:`ScopedQuerySet`, so
"what may this user see" is answered here and nowhere else.

Wilayah are identified by their Kemendagri code used as a path (``63.71`` the kota,
``63.71.01`` a kecamatan, ``63.71.01.1001`` a kelurahan), so "everything under this
kecamatan" is a prefix match that works the same on SQLite and PostgreSQL.

A perangkat daerah (SKPD) is no wilayah: an SKPD user reads of a model only what the
model's queryset declares in ``akses_perangkat_daerah`` (:class:`AksesPerangkatDaerah`),
nothing by default. So a new model is closed to SKPD until someone decides otherwise.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q


def kode_di_bawah(kode: str, induk: str) -> bool:
    """True when wilayah ``kode`` is ``induk`` itself or lies under it.

    The dot matters: ``63.71.1`` must not count as lying under ``63.71.0``'s sibling.
    """
    return kode == induk or kode.startswith(induk + ".")


def _paling_atas(kode_list: Iterable[str]) -> list[str]:
    """Drop codes already covered by another code in the list (63.71.01 under 63.71)."""
    kode_list = sorted(set(kode_list))
    hasil: list[str] = []
    for kode in kode_list:
        if not any(kode_di_bawah(kode, atas) for atas in hasil):
            hasil.append(kode)
    return hasil


@dataclass(frozen=True)
class AksesPerangkatDaerah:
    """What an SKPD user reads of one model, declared on the model's queryset.

    ``seluruh_daerah``: every row of the SKPD's daerah (the wilayah pages: an SKPD plans
    for the whole kota). ``ditujukan``: the lookup path from the model to the SKPD a row
    is addressed to; the SKPD reads the rows addressed to it, and with ``syarat`` only
    those that also match that filter (e.g. usulan that a signed forum sent on).
    The default reads nothing.
    """

    seluruh_daerah: bool = False
    ditujukan: str | None = None
    syarat: Q | None = None


TANPA_AKSES = AksesPerangkatDaerah()
SELURUH_DAERAH = AksesPerangkatDaerah(seluruh_daerah=True)


@dataclass(frozen=True)
class Cakupan:
    """What one user covers.

    ``wilayah``: kode of each wilayah the user covers with everything under it.
    ``perangkat_daerah``: ids of the SKPD the user works for, and ``daerah_perangkat`` the
    kode of their daerah; what such a user reads of each model is the model's
    :class:`AksesPerangkatDaerah`.
    ``daerah``: kode of every daerah the user works in, whatever the level: everyone reads
    their daerah's own rows (its siklus, prioritas daerah, SKPD list).
    """

    semua: bool = False
    wilayah: frozenset[str] = field(default_factory=frozenset)
    perangkat_daerah: frozenset[int] = field(default_factory=frozenset)
    daerah_perangkat: frozenset[str] = field(default_factory=frozenset)
    daerah: frozenset[str] = field(default_factory=frozenset)

    def mencakup_kode(
        self, kode: str, *, akses: AksesPerangkatDaerah = TANPA_AKSES, tingkat_daerah: bool = False
    ) -> bool:
        """The same rule as :func:`cakupan_q` for a row known by its wilayah kode alone
        (rows addressed to an SKPD need the query: their ``syarat`` is a filter)."""
        if self.semua:
            return True
        if tingkat_daerah:
            return kode in self.daerah
        if any(kode_di_bawah(kode, induk) for induk in self.wilayah):
            return True
        return akses.seluruh_daerah and any(
            kode_di_bawah(kode, induk) for induk in self.daerah_perangkat
        )

    @property
    def hanya_perangkat_daerah(self) -> bool:
        """Works for SKPD only: no wilayah of their own, so no kelurahan's forums or kajian."""
        return not self.semua and not self.wilayah and bool(self.perangkat_daerah)


TANPA_CAKUPAN = Cakupan()


def cakupan_dari(user) -> Cakupan:
    """The user's cakupan; anonymous users and users without penugasan see nothing."""
    if user is None or not getattr(user, "is_authenticated", False):
        return TANPA_CAKUPAN
    return getattr(user, "cakupan", TANPA_CAKUPAN)


def cakupan_q(
    cakupan: Cakupan,
    *,
    kode: str,
    perangkat_daerah: AksesPerangkatDaerah = TANPA_AKSES,
    tingkat_daerah: bool = False,
) -> Q:
    """A filter for rows whose wilayah kode (at lookup path ``kode``) the cakupan covers.

    ``perangkat_daerah`` says what an SKPD user reads of these rows (nothing by default).
    With ``tingkat_daerah``, ``kode`` is a daerah's kode and every user working in that
    daerah, SKPD included, sees the row.
    """
    if cakupan.semua:
        return Q()
    if tingkat_daerah:
        return Q(**{f"{kode}__in": sorted(cakupan.daerah)})
    prefixes = set(cakupan.wilayah)
    if perangkat_daerah.seluruh_daerah:
        prefixes |= cakupan.daerah_perangkat
    q = Q(pk__in=[])
    for induk in _paling_atas(prefixes):
        q |= Q(**{kode: induk}) | Q(**{f"{kode}__startswith": induk + "."})
    if perangkat_daerah.ditujukan is not None and cakupan.perangkat_daerah:
        ditujukan = Q(**{f"{perangkat_daerah.ditujukan}__in": sorted(cakupan.perangkat_daerah)})
        if perangkat_daerah.syarat is not None:
            ditujukan &= perangkat_daerah.syarat
        q |= ditujukan
    return q


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every model a view shows; subclasses name the lookup paths.

    ``kode_path``: from the model to the kode of the wilayah the row belongs to.
    ``akses_perangkat_daerah``: what an SKPD user reads of the model (nothing by default).
    ``tingkat_daerah``: the row belongs to a whole daerah (``kode_path`` leads to the
    daerah's kode), so everyone working in that daerah reads it.
    """

    kode_path: str = "kode"
    akses_perangkat_daerah: AksesPerangkatDaerah = TANPA_AKSES
    tingkat_daerah: bool = False

    def for_user(self, user):
        return self.filter(
            cakupan_q(
                cakupan_dari(user),
                kode=self.kode_path,
                perangkat_daerah=self.akses_perangkat_daerah,
                tingkat_daerah=self.tingkat_daerah,
            )
        )
