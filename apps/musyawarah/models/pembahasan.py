"""What a forum decides: its record of each usulan, the priority problems, who signs."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.musyawarah.models.forum import Musyawarah
from apps.musyawarah.models.peserta import Peserta
from apps.siklus.models import PrioritasDaerah
from apps.usulan.models import Masalah, Usulan
from apps.wilayah.models import PerangkatDaerah


class Keputusan(models.TextChoices):
    """Where the forum sends an usulan (seed outputs 1 and 2): to the kota's perangkat
    daerah through the kecamatan, into the kelurahan's own plan, to the community itself,
    or nowhere (with a reason)."""

    BELUM = "belum", _("Belum diputuskan")
    KOTA = "kota", _("Ke kecamatan/kota (Renja perangkat daerah)")
    KELURAHAN = "kelurahan", _("Didanai kelurahan/desa (Renja kelurahan/RKP Desa)")
    SWADAYA = "swadaya", _("Swadaya masyarakat")
    DITOLAK = "ditolak", _("Tidak disepakati")


class Verifikasi(models.TextChoices):
    BELUM = "belum", _("Belum diverifikasi")
    LAYAK = "layak", _("Layak")
    TIDAK_LAYAK = "tidak_layak", _("Tidak layak")


class Pembahasan(TimeStampedModel):
    """A forum's record of one usulan: its place in the agreed order and its decision.

    Recorded during the forum; the usulan's status changes only when the berita acara
    is signed, so the public sees the decision once it is official. An usulan keeps one
    row for its whole journey; each forum that discusses it keeps its own record here.
    At the kecamatan the record also holds what the sidang kelompok made of it (seed
    4.b.7, the Permendagri 86/2017 T-D.4 columns): its group, its verification, the
    corrections of its perangkat daerah, prioritas daerah, volume and cost (empty =
    unchanged), and the kecamatan item it was merged into.
    """

    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="pembahasan")
    usulan = models.ForeignKey(Usulan, on_delete=models.PROTECT, related_name="pembahasan")
    urutan = models.PositiveIntegerField(_("urutan prioritas"), null=True, blank=True)
    keputusan = models.CharField(
        _("keputusan"), max_length=10, choices=Keputusan.choices, default=Keputusan.BELUM
    )
    alasan = models.TextField(_("alasan"), blank=True)

    # The kecamatan forum's columns.
    kelompok = models.ForeignKey(
        "musyawarah.KelompokDiskusi",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pembahasan",
        verbose_name=_("sidang kelompok"),
    )
    urutan_asal = models.PositiveIntegerField(
        _("urutan di kelurahan/desa"), null=True, blank=True, editable=False
    )
    verifikasi = models.CharField(
        _("verifikasi"), max_length=12, choices=Verifikasi.choices, default=Verifikasi.BELUM
    )
    alasan_verifikasi = models.TextField(_("alasan tidak layak"), blank=True)
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("perangkat daerah (koreksi)"),
    )
    prioritas_daerah = models.ForeignKey(
        PrioritasDaerah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prioritas daerah (koreksi)"),
    )
    volume = models.DecimalField(
        _("volume (koreksi)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"), _("Volume harus lebih dari 0."))],
    )
    perkiraan_biaya = models.DecimalField(
        _("perkiraan biaya (koreksi)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, _("Biaya tidak boleh negatif."))],
    )
    digabung_ke = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gabungan",
        verbose_name=_("digabung ke"),
    )
    alasan_urutan = models.CharField(_("alasan perubahan urutan"), max_length=255, blank=True)
    # Frozen when the kecamatan's berita acara is signed: the score (0–100) and rank the
    # sidang kelompok gave it, and its place among the forum's priorities for its
    # perangkat daerah. Bappeda's compilation reads them at any size without recomputing
    # the scoring (which may be reopened in a practice run, never in a signed forum).
    nilai_penilaian = models.DecimalField(
        _("nilai"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    peringkat_kelompok = models.PositiveIntegerField(
        _("peringkat di kelompok"), null=True, blank=True, editable=False
    )
    urutan_perangkat_daerah = models.PositiveIntegerField(
        _("urutan untuk perangkat daerah"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("pembahasan usulan")
        verbose_name_plural = _("pembahasan usulan")
        ordering = ["musyawarah", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["musyawarah", "usulan"], name="pembahasan_usulan_sekali"
            ),
            models.CheckConstraint(
                condition=Q(keputusan__in=Keputusan.values), name="pembahasan_keputusan_valid"
            ),
            models.CheckConstraint(
                condition=Q(verifikasi__in=Verifikasi.values),
                name="pembahasan_verifikasi_valid",
            ),
            models.CheckConstraint(
                condition=(Q(volume__isnull=True) | Q(volume__gt=0))
                & (Q(perkiraan_biaya__isnull=True) | Q(perkiraan_biaya__gte=0)),
                name="pembahasan_koreksi_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        # A kecamatan record has no place until the Pleno orders it.
        return f"{self.urutan}. {self.usulan}" if self.urutan else str(self.usulan)

    # What the forum works with: the corrected value if the group corrected it.
    @property
    def pd(self):
        return self.perangkat_daerah or self.usulan.perangkat_daerah

    @property
    def pd_id(self):
        return self.perangkat_daerah_id or self.usulan.perangkat_daerah_id

    @property
    def prioritas(self):
        return self.prioritas_daerah or self.usulan.prioritas_daerah

    @property
    def vol(self):
        return self.volume if self.volume is not None else self.usulan.volume

    @property
    def biaya(self):
        return (
            self.perkiraan_biaya
            if self.perkiraan_biaya is not None
            else self.usulan.perkiraan_biaya
        )

    @property
    def layak(self) -> bool:
        return self.verifikasi == Verifikasi.LAYAK


class MasalahPrioritas(TimeStampedModel):
    """A problem of the kajian desa the forum sends to the Musrenbang Kecamatan."""

    musyawarah = models.ForeignKey(
        Musyawarah, on_delete=models.CASCADE, related_name="masalah_prioritas"
    )
    masalah = models.ForeignKey(Masalah, on_delete=models.PROTECT, related_name="+")
    urutan = models.PositiveSmallIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("masalah prioritas")
        verbose_name_plural = _("masalah prioritas")
        ordering = ["musyawarah", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["musyawarah", "masalah"], name="masalah_prioritas_sekali"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.urutan}. {self.masalah}"


class PeranTtd(models.TextChoices):
    PIMPINAN_SIDANG = "pimpinan", _("Pimpinan sidang")
    NOTULEN = "notulen", _("Notulen")
    WAKIL_UNSUR = "wakil_unsur", _("Wakil unsur")


class Penandatangan(TimeStampedModel):
    """Who signs the berita acara: the pimpinan sidang, the notulen, one per unsur present."""

    musyawarah = models.ForeignKey(
        Musyawarah, on_delete=models.CASCADE, related_name="penandatangan"
    )
    peran_ttd = models.CharField(_("peran"), max_length=12, choices=PeranTtd.choices)
    # The element this signatory represents; each level names its elements (the desa's
    # three unsur, the kecamatan's stakeholder elements).
    unsur = models.CharField(_("unsur"), max_length=20, blank=True)
    peserta = models.ForeignKey(Peserta, on_delete=models.PROTECT, related_name="+")
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("penandatangan")
        verbose_name_plural = _("penandatangan")
        ordering = ["musyawarah", "peran_ttd", "unsur"]
        constraints = [
            models.UniqueConstraint(
                fields=["musyawarah", "peran_ttd", "unsur"], name="penandatangan_sekali"
            ),
            models.CheckConstraint(
                condition=Q(peran_ttd__in=PeranTtd.values), name="penandatangan_peran_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_peran_ttd_display()}: {self.peserta}"
