"""Scoring and rating (seed 001 §4.b.8–9): criteria, scorers, scores. Generic: this app
knows no forum. A forum owns a ``SetKriteria`` (its criteria, weights and scales) and one
``SesiPenilaian`` per group of usulan it scores; a session's scorers score each of its
usulan on every criterion; the ranking is computed in the database (selectors).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.scoping import ScopedQuerySet
from apps.usulan.models import Usulan


class SetKriteriaQuerySet(ScopedQuerySet):
    kode_path = "kode_wilayah"


class SetKriteria(TimeStampedModel):
    """The criteria a forum scores with (the camat's), or a set Bappeda recommends for
    its daerah (``rekomendasi``), which a forum can start from."""

    kode_wilayah = models.CharField(max_length=13, db_index=True)
    judul = models.CharField(_("judul"), max_length=200)
    rekomendasi = models.BooleanField(
        _("rekomendasi Bappeda"),
        default=False,
        help_text=_("Ditawarkan kepada setiap kecamatan di daerah ini sebagai titik awal."),
    )

    objects = SetKriteriaQuerySet.as_manager()

    class Meta:
        verbose_name = _("set kriteria penilaian")
        verbose_name_plural = _("set kriteria penilaian")
        ordering = ["kode_wilayah", "judul"]

    def __str__(self) -> str:
        return self.judul


class Skala(models.IntegerChoices):
    LIMA = 5, _("1–5")
    SEPULUH = 10, _("1–10")


class Kriteria(TimeStampedModel):
    set = models.ForeignKey(SetKriteria, on_delete=models.CASCADE, related_name="kriteria")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    nama = models.CharField(_("kriteria"), max_length=200)
    deskripsi = models.TextField(_("keterangan"), blank=True)
    bobot = models.DecimalField(
        _("bobot"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0.01, _("Bobot harus lebih dari 0."))],
    )
    skala = models.PositiveSmallIntegerField(_("skala"), choices=Skala.choices, default=Skala.LIMA)
    # What each level means, lowest first: printed on the score sheet.
    arti_nilai = models.JSONField(_("arti setiap nilai"), default=list, blank=True)

    class Meta:
        verbose_name = _("kriteria")
        verbose_name_plural = _("kriteria")
        ordering = ["set", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bobot__gt=0), name="kriteria_bobot_positif"),
            models.CheckConstraint(condition=Q(skala__in=[5, 10]), name="kriteria_skala_valid"),
            models.UniqueConstraint(fields=["set", "nama"], name="kriteria_nama_unik"),
        ]

    def __str__(self) -> str:
        return self.nama


class SesiPenilaianQuerySet(ScopedQuerySet):
    kode_path = "set__kode_wilayah"


class SesiPenilaian(TimeStampedModel):
    """One group's scoring: its scorers score the usulan the owner (a forum's group)
    names, and it closes once every score is in. Which usulan belong to it is the
    owner's business: the services and selectors take them as an argument."""

    set = models.ForeignKey(SetKriteria, on_delete=models.PROTECT, related_name="sesi")
    nama = models.CharField(_("nama"), max_length=150)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    objects = SesiPenilaianQuerySet.as_manager()

    class Meta:
        verbose_name = _("sesi penilaian")
        verbose_name_plural = _("sesi penilaian")
        ordering = ["set", "pk"]

    def __str__(self) -> str:
        return self.nama

    @property
    def kode_wilayah(self) -> str:
        return self.set.kode_wilayah

    @property
    def ditutup(self) -> bool:
        return self.ditutup_pada is not None


def _token() -> str:
    return secrets.token_urlsafe(18)


class PenilaiQuerySet(ScopedQuerySet):
    kode_path = "sesi__set__kode_wilayah"


class Penilai(TimeStampedModel):
    """A scorer: a participant of the group, scoring on their own phone through a
    personal link (no account needed), or on paper entered by the group's sekretaris."""

    sesi = models.ForeignKey(SesiPenilaian, on_delete=models.CASCADE, related_name="penilai")
    nama = models.CharField(_("nama"), max_length=150)
    # The participant record this scorer is (an opaque reference: this app knows no forum).
    rujukan = models.PositiveIntegerField(null=True, blank=True, editable=False)
    token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    # Scores on a paper sheet that the group's sekretaris enters afterwards; the personal
    # link is then closed, and only such sheets are open to the sekretaris.
    di_kertas = models.BooleanField(_("menilai di kertas"), default=False)

    objects = PenilaiQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilai")
        verbose_name_plural = _("penilai")
        ordering = ["sesi", "nama", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sesi", "rujukan"],
                condition=Q(rujukan__isnull=False),
                name="penilai_sekali_per_sesi",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def kode_wilayah(self) -> str:
        return self.sesi.set.kode_wilayah


class CaraInput(models.TextChoices):
    LANGSUNG = "langsung", _("Langsung oleh penilai")
    KERTAS = "kertas", _("Dari lembar kertas (dimasukkan sekretaris)")


class Skor(models.Model):
    """One scorer's value for one usulan on one criterion."""

    penilai = models.ForeignKey(Penilai, on_delete=models.CASCADE, related_name="skor")
    kriteria = models.ForeignKey(Kriteria, on_delete=models.CASCADE, related_name="skor")
    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="+")
    nilai = models.PositiveSmallIntegerField(
        _("nilai"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    cara = models.CharField(max_length=10, choices=CaraInput.choices, default=CaraInput.LANGSUNG)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)
    # Two tabs of one scorer: a save based on an older value is refused, the newer kept.
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("skor")
        verbose_name_plural = _("skor")
        constraints = [
            models.UniqueConstraint(
                fields=["penilai", "usulan", "kriteria"], name="skor_sekali_per_sel"
            ),
            models.CheckConstraint(
                condition=Q(nilai__gte=1) & Q(nilai__lte=10), name="skor_nilai_wajar"
            ),
            models.CheckConstraint(condition=Q(cara__in=CaraInput.values), name="skor_cara_valid"),
        ]
        indexes = [models.Index(fields=["usulan", "kriteria"], name="skor_usulan_kriteria")]

    def __str__(self) -> str:
        return f"{self.penilai}: {self.usulan_id}/{self.kriteria_id} = {self.nilai}"
