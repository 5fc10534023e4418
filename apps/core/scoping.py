"""The one place that decides which rows a user may see.

A user's *cakupan* (coverage) comes from their penugasan (apps.akun builds it); every
scoped model's queryset calls :func:`cakupan_q` through :class:`ScopedQuerySet`, so
"what may this user see" is answered here and nowhere else.

Wilayah are identified by their Kemendagri code used as a path (``63.71`` the kota,
``63.71.01`` a kecamatan, ``63.71.01.1001`` a kelurahan), so "everything under this
kecamatan" is a prefix match that works the same on SQLite and PostgreSQL.
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
class Cakupan:
    """What one user covers.

    ``wilayah``: kode of each wilayah the user covers with everything under it.
    ``perangkat_daerah``: ids of the SKPD the user works for; such a user sees the rows
    addressed to their SKPD, and the wilayah of the SKPD's daerah (``daerah_perangkat``).
    ``daerah``: kode of every daerah the user works in, whatever the level: everyone reads
    their daerah's own rows (its siklus, prioritas daerah, SKPD list).
    """

    semua: bool = False
    wilayah: frozenset[str] = field(default_factory=frozenset)
    perangkat_daerah: frozenset[int] = field(default_factory=frozenset)
    daerah_perangkat: frozenset[str] = field(default_factory=frozenset)
    daerah: frozenset[str] = field(default_factory=frozenset)

    def mencakup_kode(
        self, kode: str, *, perangkat_daerah_id: int | None = None, tingkat_daerah: bool = False
    ) -> bool:
        """The same rule as :func:`cakupan_q`, for one object already in memory."""
        if self.semua:
            return True
        if tingkat_daerah:
            return kode in self.daerah
        if any(kode_di_bawah(kode, induk) for induk in self.wilayah):
            return True
        if perangkat_daerah_id is not None:
            return perangkat_daerah_id in self.perangkat_daerah
        return any(kode_di_bawah(kode, induk) for induk in self.daerah_perangkat)


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
    perangkat_daerah: str | None = None,
    tingkat_daerah: bool = False,
) -> Q:
    """A filter for rows whose wilayah kode (at lookup path ``kode``) the cakupan covers.

    With ``perangkat_daerah`` (the lookup path of the row's SKPD), an SKPD user sees the
    rows addressed to their SKPD; without it, the rows of their SKPD's daerah.
    With ``tingkat_daerah``, ``kode`` is a daerah's kode and every user working in that
    daerah sees the row.
    """
    if cakupan.semua:
        return Q()
    if tingkat_daerah:
        return Q(**{f"{kode}__in": sorted(cakupan.daerah)})
    prefixes = set(cakupan.wilayah)
    if perangkat_daerah is None:
        prefixes |= cakupan.daerah_perangkat
    q = Q(pk__in=[])
    for induk in _paling_atas(prefixes):
        q |= Q(**{kode: induk}) | Q(**{f"{kode}__startswith": induk + "."})
    if perangkat_daerah is not None and cakupan.perangkat_daerah:
        q |= Q(**{f"{perangkat_daerah}__in": sorted(cakupan.perangkat_daerah)})
    return q


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every model a view shows; subclasses name the lookup paths.

    ``kode_path``: from the model to the kode of the wilayah the row belongs to.
    ``perangkat_daerah_path``: from the model to the SKPD it is addressed to, if any.
    ``tingkat_daerah``: the row belongs to a whole daerah (``kode_path`` leads to the
    daerah's kode), so everyone working in that daerah reads it.
    """

    kode_path: str = "kode"
    perangkat_daerah_path: str | None = None
    tingkat_daerah: bool = False

    def for_user(self, user):
        return self.filter(
            cakupan_q(
                cakupan_dari(user),
                kode=self.kode_path,
                perangkat_daerah=self.perangkat_daerah_path,
                tingkat_daerah=self.tingkat_daerah,
            )
        )
