"""The forum itself and its preparation: TPM, tim pemandu, agenda, logistics, materials."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.scoping import ScopedQuerySet
from apps.siklus.models import Siklus
from apps.wilayah.models import Daerah, Kecamatan, Kelurahan


class Tingkat(models.TextChoices):
    DESA = "desa", _("Musrenbang desa/kelurahan")
    KECAMATAN = "kecamatan", _("Musrenbang kecamatan")
    KOTA = "kota", _("Musrenbang kota/kabupaten")


class StatusMusyawarah(models.TextChoices):
    PERSIAPAN = "persiapan", _("Persiapan")
    PELAKSANAAN = "pelaksanaan", _("Pelaksanaan")
    PENETAPAN = "penetapan", _("Penetapan")
    SELESAI = "selesai", _("Selesai (berita acara ditandatangani)")


WARNA_STATUS = {
    StatusMusyawarah.PERSIAPAN: "secondary",
    StatusMusyawarah.PELAKSANAAN: "primary",
    StatusMusyawarah.PENETAPAN: "warning",
    StatusMusyawarah.SELESAI: "success",
}


class MusyawarahQuerySet(ScopedQuerySet):
    kode_path = "kode_wilayah"


class Musyawarah(TimeStampedModel):
    siklus = models.ForeignKey(
        Siklus, on_delete=models.PROTECT, related_name="musyawarah", verbose_name=_("siklus")
    )
    tingkat = models.CharField(_("tingkat"), max_length=10, choices=Tingkat.choices)
    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="musyawarah",
        verbose_name=_("kelurahan/desa"),
    )
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="musyawarah",
        verbose_name=_("kecamatan"),
    )
    # The kota/kabupaten of the Musrenbang Kota, Bappeda's forum (the daerah itself).
    daerah = models.ForeignKey(
        Daerah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="musyawarah",
        verbose_name=_("kota/kabupaten"),
    )
    # The kode of the forum's wilayah, whatever its level: one scoping path for all.
    kode_wilayah = models.CharField(max_length=13, db_index=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StatusMusyawarah.choices,
        default=StatusMusyawarah.PERSIAPAN,
    )

    # A practice run (latihan): a copy of a forum's state to rehearse on any day. It is
    # opened, decided and "signed" at once, never verifiable, and never touches usulan.
    latihan = models.BooleanField(_("latihan"), default=False, editable=False)
    latihan_dari = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="latihan_forum",
        verbose_name=_("latihan dari"),
    )
    # What a practice run "signed": its outputs are printed from it, marked LATIHAN.
    snapshot_latihan = models.JSONField(null=True, blank=True, editable=False)

    # 1. TPM, set by the kepala desa/lurah.
    kepala_nama = models.CharField(
        _("nama lurah/kepala desa"),
        max_length=150,
        blank=True,
        help_text=_("Yang menetapkan SK TPM; menandatangani “Mengetahui” di berita acara."),
    )
    kepala_nip = models.CharField(_("NIP"), max_length=30, blank=True)
    sk_tpm_nomor = models.CharField(_("nomor SK TPM"), max_length=100, blank=True)
    sk_tpm_tanggal = models.DateField(_("tanggal SK TPM"), null=True, blank=True)

    # 2. Schedule, announcement and invitations.
    tanggal = models.DateField(_("tanggal musyawarah"), null=True, blank=True)
    jam_mulai = models.TimeField(_("jam mulai"), null=True, blank=True)
    jam_selesai = models.TimeField(_("jam selesai"), null=True, blank=True)
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    alamat_tempat = models.CharField(_("alamat tempat"), max_length=255, blank=True)
    tanggal_undangan = models.DateField(
        _("tanggal pengumuman dan undangan"),
        null=True,
        blank=True,
        help_text=_("Tanggal pengumuman ditempel dan undangan disebar."),
    )
    alasan_kurang_7_hari = models.TextField(
        _("alasan undangan kurang dari 7 hari"),
        blank=True,
        help_text=_(
            "Wajib bila musyawarah kurang dari 7 hari setelah undangan; dicetak di berita acara."
        ),
    )

    # 5. The berita acara's own words.
    nomor_berita_acara = models.CharField(_("nomor berita acara"), max_length=100, blank=True)
    catatan_sambutan = models.TextField(
        _("sambutan pembukaan"), blank=True, help_text=_("Siapa saja yang memberi sambutan.")
    )
    catatan_pemaparan = models.TextField(
        _("pemaparan narasumber"), blank=True, help_text=_("Materi yang dipaparkan dan oleh siapa.")
    )
    catatan_diskusi = models.TextField(
        _("hasil diskusi"), blank=True, help_text=_("Ringkasan tanggapan dan pembahasan peserta.")
    )
    # When someone else chairs the forum, the berita acara adds "Mengetahui, Lurah".
    pimpinan_kepala = models.BooleanField(
        _("pimpinan sidang adalah lurah/kepala desa"), default=True
    )
    # The kecamatan forum: the notification letter to Bappeda (seed 4.a.5), the reading
    # back of the draft berita acara (4.c.5) and the sending of its copies (4.c.6).
    nomor_surat_bappeda = models.CharField(
        _("nomor surat pemberitahuan ke Bappeda"), max_length=100, blank=True
    )
    tanggal_surat_bappeda = models.DateField(
        _("tanggal surat pemberitahuan"), null=True, blank=True
    )
    dibacakan_pada = models.DateTimeField(_("rancangan dibacakan pada"), null=True, blank=True)
    dikirim_pada = models.DateTimeField(_("salinan dikirim pada"), null=True, blank=True)
    # The kecamatan forum's scoring criteria (seed 4.b.8–9), set by the camat.
    kriteria = models.OneToOneField(
        "penilaian.SetKriteria",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="musyawarah",
        verbose_name=_("kriteria penilaian"),
    )
    berita_acara = models.OneToOneField(
        "dokumen.DokumenFinal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="musyawarah",
        verbose_name=_("berita acara"),
    )
    # Optimistic locking of the forum's decisions (order, classification, delegation).
    versi = models.PositiveIntegerField(default=1, editable=False)

    objects = MusyawarahQuerySet.as_manager()

    class Meta:
        verbose_name = _("musyawarah")
        verbose_name_plural = _("musyawarah")
        ordering = ["siklus", "kode_wilayah"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StatusMusyawarah.values), name="musyawarah_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(tingkat__in=Tingkat.values), name="musyawarah_tingkat_valid"
            ),
            models.CheckConstraint(
                condition=~Q(tingkat="desa") | Q(kelurahan__isnull=False),
                name="musyawarah_desa_punya_kelurahan",
            ),
            models.CheckConstraint(
                condition=Q(latihan=False, latihan_dari__isnull=True)
                | Q(latihan=True, latihan_dari__isnull=False),
                name="musyawarah_latihan_punya_asal",
            ),
            models.CheckConstraint(
                condition=~Q(tingkat="kecamatan") | Q(kecamatan__isnull=False),
                name="musyawarah_kecamatan_punya_kecamatan",
            ),
            models.CheckConstraint(
                condition=~Q(tingkat="kota") | Q(daerah__isnull=False),
                name="musyawarah_kota_punya_daerah",
            ),
            models.UniqueConstraint(
                fields=["siklus", "kecamatan"],
                condition=Q(tingkat="kecamatan", latihan=False),
                name="musyawarah_kecamatan_satu_per_siklus",
                violation_error_message=_("Kecamatan ini sudah memiliki Musrenbang siklus ini."),
            ),
            models.UniqueConstraint(
                fields=["siklus", "kelurahan"],
                condition=Q(tingkat="desa", latihan=False),
                name="musyawarah_desa_satu_per_siklus_v2",
                violation_error_message=_(
                    "Kelurahan/desa ini sudah memiliki Musrenbang siklus ini."
                ),
            ),
            # A siklus belongs to one daerah: one kota forum per siklus is one per daerah.
            models.UniqueConstraint(
                fields=["siklus"],
                condition=Q(tingkat="kota", latihan=False),
                name="musyawarah_kota_satu_per_siklus",
                violation_error_message=_("Siklus ini sudah memiliki Musrenbang kota/kabupaten."),
            ),
        ]

    def __str__(self) -> str:
        # The wilayah names its own kind ("Kelurahan Sungai Miai", "Kecamatan ...").
        wilayah = self.kelurahan or self.kecamatan or self.daerah
        return f"Musrenbang {wilayah} {self.siklus}"

    @property
    def wilayah(self):
        """The kelurahan, kecamatan or daerah the forum is held for."""
        if self.tingkat == Tingkat.DESA:
            return self.kelurahan
        if self.tingkat == Tingkat.KOTA:
            return self.daerah
        return self.kecamatan

    @property
    def ditandatangani(self) -> bool:
        return self.status == StatusMusyawarah.SELESAI

    @property
    def dalam_persiapan(self) -> bool:
        return self.status == StatusMusyawarah.PERSIAPAN

    @property
    def berlangsung(self) -> bool:
        """The forum is being held: attendance and decisions are recorded now."""
        return self.status == StatusMusyawarah.PELAKSANAAN

    @property
    def warna_status(self) -> str:
        """The Bootstrap colour of the status badge."""
        return WARNA_STATUS[self.status]

    @property
    def snapshot_beku(self) -> dict | None:
        """What was signed (or, for a practice run, "signed"); None before."""
        if self.latihan:
            return self.snapshot_latihan
        return self.berita_acara.snapshot if self.berita_acara_id else None

    @property
    def hari_sejak_undangan(self) -> int | None:
        if self.tanggal and self.tanggal_undangan:
            return (self.tanggal - self.tanggal_undangan).days
        return None


class JabatanTpm(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    BENDAHARA = "bendahara", _("Bendahara")
    SEKSI_ACARA = "seksi_acara", _("Seksi acara")
    SEKSI_MATERI = "seksi_materi", _("Seksi materi")
    SEKSI_LOGISTIK = "seksi_logistik", _("Seksi logistik")


class AnggotaTpm(TimeStampedModel):
    """A member of the Tim Penyelenggara Musrenbang."""

    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="tpm")
    jabatan_tpm = models.CharField(
        _("jabatan dalam TPM"), max_length=20, choices=JabatanTpm.choices
    )
    nama = models.CharField(_("nama"), max_length=150)
    jabatan = models.CharField(
        _("jabatan/lembaga"), max_length=150, blank=True, help_text=_("Misalnya: Ketua LPM")
    )
    kontak = models.CharField(_("kontak"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("anggota TPM")
        verbose_name_plural = _("anggota TPM")
        ordering = ["musyawarah", "jabatan_tpm", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jabatan_tpm__in=JabatanTpm.values), name="tpm_jabatan_valid"
            ),
            models.UniqueConstraint(
                fields=["musyawarah", "jabatan_tpm"],
                condition=Q(jabatan_tpm__in=["ketua", "bendahara"]),
                name="tpm_satu_ketua_bendahara",
                violation_error_message=_("TPM hanya memiliki satu ketua dan satu bendahara."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jabatan_tpm_display()}: {self.nama}"


class Pemandu(TimeStampedModel):
    """One of the three people of the tim pemandu appointed by the TPM."""

    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="pemandu")
    nama = models.CharField(_("nama"), max_length=150)
    lembaga = models.CharField(_("unsur/lembaga"), max_length=150, blank=True)
    kontak = models.CharField(_("kontak"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("pemandu")
        verbose_name_plural = _("tim pemandu")
        ordering = ["musyawarah", "pk"]

    def __str__(self) -> str:
        return self.nama


class AgendaAcara(TimeStampedModel):
    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="agenda")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    jam_mulai = models.TimeField(_("jam mulai"))
    jam_selesai = models.TimeField(_("jam selesai"), null=True, blank=True)
    acara = models.CharField(_("acara"), max_length=200)
    dipandu = models.CharField(_("dipimpin/dipandu oleh"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("acara")
        verbose_name_plural = _("agenda")
        ordering = ["musyawarah", "urutan", "jam_mulai"]

    def __str__(self) -> str:
        return self.acara

    def clean(self):
        if self.jam_selesai and self.jam_mulai and self.jam_selesai < self.jam_mulai:
            raise ValidationError({"jam_selesai": _("Jam selesai sebelum jam mulai.")})


class JenisLogistik(models.TextChoices):
    TEMPAT = "tempat", _("Tempat")
    KONSUMSI = "konsumsi", _("Konsumsi")
    ALAT_BAHAN = "alat_bahan", _("Alat dan bahan")


class Logistik(TimeStampedModel):
    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="logistik")
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisLogistik.choices)
    uraian = models.CharField(_("uraian"), max_length=200)
    siap = models.BooleanField(_("sudah siap"), default=False)

    class Meta:
        verbose_name = _("logistik")
        verbose_name_plural = _("logistik")
        ordering = ["musyawarah", "jenis", "pk"]

    def __str__(self) -> str:
        return self.uraian


class JenisMateri(models.TextChoices):
    """Forum materials (desa seed step 3 "bahan masukan lainnya"; kecamatan seed 3.a)."""

    LAINNYA = "lainnya", _("Bahan musyawarah lainnya")
    EVALUASI_KECAMATAN = "evaluasi_kecamatan", _("Evaluasi pembangunan kecamatan tahun lalu")
    RENJA_KECAMATAN = "renja_kecamatan", _("Rancangan awal rencana kerja kecamatan")
    EVALUASI_KOTA = "evaluasi_kota", _("Evaluasi kinerja pembangunan kota tahun lalu")
    RANCANGAN_RKPD = "rancangan_rkpd", _("Rancangan awal RKPD")


def _path_materi(instance, filename: str) -> str:
    # Unguessable names; served only through a scoped view, always as an attachment.
    return f"materi/{instance.musyawarah.siklus.tahun_rencana}/{uuid.uuid4().hex}.{instance.format}"


class MateriMusyawarah(TimeStampedModel):
    """A file brought to the forum as material, checked by content when uploaded."""

    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="materi")
    jenis = models.CharField(
        _("jenis bahan"), max_length=20, choices=JenisMateri.choices, default=JenisMateri.LAINNYA
    )
    judul = models.CharField(_("judul"), max_length=200)
    berkas = models.FileField(_("berkas"), upload_to=_path_materi, max_length=200)
    format = models.CharField(_("format"), max_length=5, editable=False)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"), editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    diunggah_oleh = models.ForeignKey(
        "akun.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bahan musyawarah")
        verbose_name_plural = _("bahan musyawarah")
        ordering = ["musyawarah", "jenis", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=JenisMateri.values), name="materi_jenis_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.judul
