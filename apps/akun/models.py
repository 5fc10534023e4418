"""Accounts: the custom User and its Penugasan (who does what, where).

A user may hold several penugasan (an operator kecamatan who is also fasilitator). What a
user may *see* is their cakupan, built here from the penugasan and applied to querysets
by apps.core.scoping; what a user may *do* is decided by apps.akun.permissions.
"""

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.scoping import Cakupan, ScopedQuerySet, cakupan_dari, cakupan_q
from apps.wilayah.models import Daerah, Kecamatan, Kelurahan, PerangkatDaerah


class UserQuerySet(models.QuerySet):
    def for_user(self, user):
        """Accounts a user may manage: those assigned within their cakupan, and new
        accounts not assigned yet. Superuser accounts are visible to superusers only."""
        cakupan = cakupan_dari(user)
        if cakupan.semua:
            return self
        return (
            self.filter(is_superuser=False)
            .filter(Q(penugasan__in=Penugasan.objects.for_user(user)) | Q(penugasan__isnull=True))
            .distinct()
        )


class Manager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who logs in. Indonesian names are often a single word, so one name field."""

    first_name = None
    last_name = None
    nama = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    telepon = models.CharField(_("telepon/WA"), max_length=30, blank=True)

    objects = Manager()

    REQUIRED_FIELDS = ["email"]

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.nama or self.username

    def get_full_name(self) -> str:
        return self.nama or self.username

    def get_short_name(self) -> str:
        return self.nama.split(" ")[0] if self.nama else self.username

    @cached_property
    def penugasan_aktif(self) -> list["Penugasan"]:
        """The user's active penugasan with their wilayah, loaded once per request."""
        return list(
            self.penugasan.filter(aktif=True).select_related(
                "daerah",
                "kecamatan__daerah",
                "kelurahan__kecamatan__daerah",
                "perangkat_daerah__daerah",
            )
        )

    @cached_property
    def cakupan(self) -> Cakupan:
        if self.is_superuser:
            return Cakupan(semua=True)
        wilayah, perangkat, daerah_perangkat, daerah = set(), set(), set(), set()
        for p in self.penugasan_aktif:
            daerah.add(p.daerah_induk.kode)
            if p.perangkat_daerah_id:
                perangkat.add(p.perangkat_daerah_id)
                daerah_perangkat.add(p.perangkat_daerah.daerah.kode)
            else:
                wilayah.add(p.kode_wilayah)
        return Cakupan(
            wilayah=frozenset(wilayah),
            perangkat_daerah=frozenset(perangkat),
            daerah_perangkat=frozenset(daerah_perangkat),
            daerah=frozenset(daerah),
        )


class Peran(models.TextChoices):
    ADMIN_BAPPEDA = "admin_bappeda", _("Admin Bappeda")
    CAMAT = "camat", _("Camat")
    OPERATOR_KECAMATAN = "operator_kecamatan", _("Operator kecamatan")
    OPERATOR_KELURAHAN = "operator_kelurahan", _("Operator kelurahan/desa")
    FASILITATOR = "fasilitator", _("Fasilitator")
    PERANGKAT_DAERAH = "perangkat_daerah", _("Perangkat daerah (SKPD)")


# The level of wilayah each peran is assigned to: the one foreign key a penugasan sets.
TINGKAT_PERAN = {
    Peran.ADMIN_BAPPEDA: "daerah",
    Peran.CAMAT: "kecamatan",
    Peran.OPERATOR_KECAMATAN: "kecamatan",
    Peran.FASILITATOR: "kecamatan",
    Peran.OPERATOR_KELURAHAN: "kelurahan",
    Peran.PERANGKAT_DAERAH: "perangkat_daerah",
}
_FIELDS = ("daerah", "kecamatan", "kelurahan", "perangkat_daerah")


def _hanya(field: str) -> Q:
    """Exactly ``field`` is set among the wilayah foreign keys."""
    q = Q(**{f"{field}__isnull": False})
    for other in _FIELDS:
        if other != field:
            q &= Q(**{f"{other}__isnull": True})
    return q


class PenugasanQuerySet(ScopedQuerySet):
    # Scoped by the kode of whichever wilayah the penugasan points at.
    def for_user(self, user):
        cakupan = cakupan_dari(user)
        q = Q(pk__in=[])
        for path in ("daerah__kode", "kecamatan__kode", "kelurahan__kode"):
            q |= cakupan_q(cakupan, kode=path)
        q |= cakupan_q(cakupan, kode="perangkat_daerah__daerah__kode")
        return self.filter(q)


class Penugasan(TimeStampedModel):
    """A user's role in one wilayah: peran + the daerah, kecamatan, kelurahan or SKPD."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="penugasan", verbose_name=_("pengguna")
    )
    peran = models.CharField(_("peran"), max_length=30, choices=Peran.choices)
    daerah = models.ForeignKey(
        Daerah, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("daerah")
    )
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("kecamatan")
    )
    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("kelurahan/desa"),
    )
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("perangkat daerah"),
    )
    jabatan = models.CharField(
        _("jabatan"), max_length=150, blank=True, help_text=_("Misalnya: Kasi Pemerintahan")
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    objects = PenugasanQuerySet.as_manager()

    class Meta:
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")
        ordering = ["user__username", "peran"]
        constraints = [
            models.CheckConstraint(
                condition=Q(peran__in=Peran.values), name="penugasan_peran_valid"
            ),
            # The peran decides which single wilayah foreign key is set.
            models.CheckConstraint(
                condition=(
                    (Q(peran=Peran.ADMIN_BAPPEDA) & _hanya("daerah"))
                    | (
                        Q(peran__in=[Peran.CAMAT, Peran.OPERATOR_KECAMATAN, Peran.FASILITATOR])
                        & _hanya("kecamatan")
                    )
                    | (Q(peran=Peran.OPERATOR_KELURAHAN) & _hanya("kelurahan"))
                    | (Q(peran=Peran.PERANGKAT_DAERAH) & _hanya("perangkat_daerah"))
                ),
                name="penugasan_wilayah_sesuai_peran",
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", "peran", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"penugasan_unik_per_{field}",
                )
                for field in _FIELDS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_peran_display()} — {self.wilayah}"

    def clean(self):
        tingkat = TINGKAT_PERAN.get(self.peran)
        if tingkat is None:
            return
        errors = {}
        if getattr(self, f"{tingkat}_id") is None:
            errors[tingkat] = _("Wajib diisi untuk peran ini.")
        for field in _FIELDS:
            if field != tingkat and getattr(self, f"{field}_id") is not None:
                errors[field] = _("Kosongkan: peran ini ditugaskan pada tingkat %(tingkat)s.") % {
                    "tingkat": self._meta.get_field(tingkat).verbose_name
                }
        if errors:
            raise ValidationError(errors)

    @property
    def wilayah(self) -> Daerah | Kecamatan | Kelurahan | PerangkatDaerah | None:
        return getattr(self, TINGKAT_PERAN[self.peran], None) if self.peran else None

    @property
    def kode_wilayah(self) -> str:
        wilayah = self.wilayah
        return wilayah.kode_wilayah if wilayah is not None else ""

    @property
    def daerah_induk(self) -> Daerah | None:
        """The daerah this penugasan lies in, whatever its level."""
        if self.daerah_id:
            return self.daerah
        if self.kecamatan_id:
            return self.kecamatan.daerah
        if self.kelurahan_id:
            return self.kelurahan.kecamatan.daerah
        if self.perangkat_daerah_id:
            return self.perangkat_daerah.daerah
        return None
