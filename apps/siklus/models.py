"""Siklus: one yearly planning cycle of a daerah, its dated tahapan and prioritas daerah.

A siklus is named by the plan year (RKPD 2028); its forums are held the year before
(January to March 2027). Like Decidim's process steps, each tahapan has dates and one
selector (apps.siklus.selectors.tahapan_terbuka) answers whether it is open.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.scoping import ScopedQuerySet
from apps.wilayah.models import Daerah, Kecamatan


class SiklusQuerySet(ScopedQuerySet):
    kode_path = "daerah__kode"
    tingkat_daerah = True

    def aktif(self):
        return self.filter(aktif=True)


class Siklus(TimeStampedModel):
    daerah = models.ForeignKey(
        Daerah, on_delete=models.PROTECT, related_name="siklus", verbose_name=_("daerah")
    )
    tahun_rencana = models.PositiveSmallIntegerField(
        _("tahun rencana"), help_text=_("Tahun RKPD yang disusun, misalnya 2028.")
    )
    aktif = models.BooleanField(
        _("aktif"),
        default=False,
        help_text=_("Hanya satu siklus aktif per daerah; siklus aktif yang dikerjakan pengguna."),
    )

    objects = SiklusQuerySet.as_manager()

    class Meta:
        verbose_name = _("siklus")
        verbose_name_plural = _("siklus")
        ordering = ["daerah__kode", "-tahun_rencana"]
        constraints = [
            models.UniqueConstraint(
                fields=["daerah", "tahun_rencana"], name="siklus_tahun_unik_per_daerah"
            ),
            models.UniqueConstraint(
                fields=["daerah"], condition=Q(aktif=True), name="siklus_satu_aktif_per_daerah"
            ),
            models.CheckConstraint(
                condition=Q(tahun_rencana__gte=2000, tahun_rencana__lte=2100),
                name="siklus_tahun_wajar",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def nama(self) -> str:
        return f"RKPD {self.tahun_rencana}"

    @property
    def tahun_forum(self) -> int:
        """The calendar year in which the forums of this siklus are held."""
        return self.tahun_rencana - 1

    @property
    def kode_wilayah(self) -> str:
        return self.daerah.kode


class TahapanQuerySet(ScopedQuerySet):
    kode_path = "siklus__daerah__kode"
    tingkat_daerah = True


class JenisTahapan(models.TextChoices):
    # Declared in the order they happen; that order is used for display.
    PRA_MUSRENBANG = "pra_musrenbang", _("Pra-musrenbang dan kajian desa")
    MUSRENBANG_DESA = "musrenbang_desa", _("Musrenbang desa/kelurahan")
    MUSRENBANG_KECAMATAN = "musrenbang_kecamatan", _("Musrenbang kecamatan")
    FORUM_PERANGKAT_DAERAH = "forum_perangkat_daerah", _("Forum perangkat daerah")
    MUSRENBANG_KOTA = "musrenbang_kota", _("Musrenbang kota/kabupaten")


class Tahapan(TimeStampedModel):
    """One dated stage of a siklus. Dates are inclusive, in the server's TIME_ZONE."""

    Jenis = JenisTahapan

    siklus = models.ForeignKey(
        Siklus, on_delete=models.CASCADE, related_name="tahapan", verbose_name=_("siklus")
    )
    jenis = models.CharField(_("tahapan"), max_length=30, choices=Jenis.choices)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))

    objects = TahapanQuerySet.as_manager()

    class Meta:
        verbose_name = _("tahapan")
        verbose_name_plural = _("tahapan")
        ordering = ["siklus", "mulai", "selesai"]
        constraints = [
            models.UniqueConstraint(fields=["siklus", "jenis"], name="tahapan_jenis_unik"),
            models.CheckConstraint(
                condition=Q(jenis__in=JenisTahapan.values), name="tahapan_jenis_valid"
            ),
            models.CheckConstraint(
                condition=Q(selesai__gte=F("mulai")),
                name="tahapan_selesai_setelah_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.siklus})"

    @property
    def nama(self) -> str:
        """The label, naming the kabupaten's forum as such."""
        if self.jenis == self.Jenis.MUSRENBANG_KOTA:
            daerah = self.siklus.daerah
            return _("Musrenbang %(jenis)s") % {"jenis": daerah.get_jenis_display().lower()}
        return self.get_jenis_display()

    @property
    def urutan(self) -> int:
        return list(self.Jenis.values).index(self.jenis)

    @property
    def kode_wilayah(self) -> str:
        return self.siklus.daerah.kode


class PrioritasDaerahQuerySet(ScopedQuerySet):
    kode_path = "siklus__daerah__kode"
    tingkat_daerah = True


class PrioritasDaerah(TimeStampedModel):
    """A development priority of the daerah for one siklus, from the draft RKPD."""

    siklus = models.ForeignKey(
        Siklus,
        on_delete=models.CASCADE,
        related_name="prioritas_daerah",
        verbose_name=_("siklus"),
    )
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    nama = models.CharField(_("prioritas daerah"), max_length=200)
    sasaran = models.TextField(_("sasaran daerah"), blank=True)

    objects = PrioritasDaerahQuerySet.as_manager()

    class Meta:
        verbose_name = _("prioritas daerah")
        verbose_name_plural = _("prioritas daerah")
        ordering = ["siklus", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["siklus", "nomor"], name="prioritas_nomor_unik"),
            models.UniqueConstraint(fields=["siklus", "nama"], name="prioritas_nama_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.nama}"

    @property
    def kode_wilayah(self) -> str:
        return self.siklus.daerah.kode


class PaguIndikatifQuerySet(ScopedQuerySet):
    kode_path = "kecamatan__kode"


class PaguIndikatif(TimeStampedModel):
    """The indicative budget Bappeda gives a kecamatan for one siklus: the Musrenbang
    Kecamatan's ranked list shows its running total against it and where it is cut."""

    siklus = models.ForeignKey(
        Siklus, on_delete=models.CASCADE, related_name="pagu_indikatif", verbose_name=_("siklus")
    )
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="+", verbose_name=_("kecamatan")
    )
    jumlah = models.DecimalField(
        _("pagu indikatif (Rp)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(1, _("Pagu harus lebih dari 0."))],
    )

    objects = PaguIndikatifQuerySet.as_manager()

    class Meta:
        verbose_name = _("pagu indikatif kecamatan")
        verbose_name_plural = _("pagu indikatif kecamatan")
        ordering = ["siklus", "kecamatan__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["siklus", "kecamatan"],
                name="pagu_sekali_per_kecamatan",
                violation_error_message=_("Kecamatan ini sudah punya pagu pada siklus ini."),
            ),
            models.CheckConstraint(condition=Q(jumlah__gt=0), name="pagu_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.kecamatan}: {self.jumlah}"

    def clean(self):
        if (
            self.siklus_id
            and self.kecamatan_id
            and self.kecamatan.daerah_id != self.siklus.daerah_id
        ):
            raise ValidationError({"kecamatan": _("Kecamatan ini bukan dari daerah siklus ini.")})

    @property
    def kode_wilayah(self) -> str:
        return self.kecamatan.kode
