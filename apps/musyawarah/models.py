"""Musyawarah: one forum at one level for one wilayah in one siklus, and its parts.

The Musrenbang Desa/Kelurahan follows the seed step by step: the TPM set by the lurah
(with an SK), the tim pemandu of exactly three, the schedule and agenda announced at
least 7 days ahead, logistics, the participants with their representation, the forum's
decisions on each usulan, the priority problems and the delegation, and finally the
signed berita acara. Its status moves persiapan → pelaksanaan → penetapan → selesai
through the services, each move checked and recorded.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.scoping import ScopedQuerySet
from apps.siklus.models import Siklus
from apps.usulan.models import Masalah, Sektor, Usulan
from apps.wilayah.models import RT, Kecamatan, Kelurahan, Lingkungan


class Tingkat(models.TextChoices):
    DESA = "desa", _("Musrenbang desa/kelurahan")
    KECAMATAN = "kecamatan", _("Musrenbang kecamatan")
    KOTA = "kota", _("Musrenbang kota/kabupaten")


class StatusMusyawarah(models.TextChoices):
    PERSIAPAN = "persiapan", _("Persiapan")
    PELAKSANAAN = "pelaksanaan", _("Pelaksanaan")
    PENETAPAN = "penetapan", _("Penetapan")
    SELESAI = "selesai", _("Selesai (berita acara ditandatangani)")


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
    # The kode of the forum's wilayah, whatever its level: one scoping path for all.
    kode_wilayah = models.CharField(max_length=13, db_index=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StatusMusyawarah.choices,
        default=StatusMusyawarah.PERSIAPAN,
    )

    # 1. TPM, set by the kepala desa/lurah.
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
            models.UniqueConstraint(
                fields=["siklus", "kelurahan"],
                condition=Q(tingkat="desa"),
                name="musyawarah_desa_satu_per_siklus",
                violation_error_message=_(
                    "Kelurahan/desa ini sudah memiliki Musrenbang siklus ini."
                ),
            ),
        ]

    def __str__(self) -> str:
        wilayah = self.kelurahan or self.kecamatan
        return f"{self.get_tingkat_display()} {wilayah} {self.siklus}"

    @property
    def wilayah(self):
        return self.kelurahan if self.tingkat == Tingkat.DESA else self.kecamatan

    @property
    def ditandatangani(self) -> bool:
        return self.status == StatusMusyawarah.SELESAI

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


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


class KelompokUsia(models.TextChoices):
    MUDA = "muda", _("Generasi muda")
    TUA = "tua", _("Generasi tua")


class KelompokSosial(models.TextChoices):
    TOKOH_MASYARAKAT = "tokoh_masyarakat", _("Tokoh masyarakat")
    TOKOH_ADAT = "tokoh_adat", _("Tokoh adat")
    TOKOH_AGAMA = "tokoh_agama", _("Tokoh agama")
    PEMUDA = "pemuda", _("Pemuda")
    PEREMPUAN = "perempuan", _("Perempuan/ibu-ibu")
    BAPAK_BAPAK = "bapak_bapak", _("Bapak-bapak")
    MARJINAL = "marjinal", _("Kelompok marjinal")
    DISABILITAS = "disabilitas", _("Penyandang disabilitas")


class Unsur(models.TextChoices):
    PEMERINTAH = "pemerintah", _("Pemerintah")
    SWASTA = "swasta", _("Swasta/bisnis")
    MASYARAKAT = "masyarakat", _("Masyarakat")


class PeranPeserta(models.TextChoices):
    PESERTA = "peserta", _("Peserta")
    NARASUMBER = "narasumber", _("Narasumber")
    PEMANDU = "pemandu", _("Pemandu")
    NOTULEN = "notulen", _("Notulen")


class Peserta(TimeStampedModel):
    """A person invited to, or attending, the forum, with the dimensions of keterwakilan."""

    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="peserta")
    nama = models.CharField(_("nama"), max_length=150)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    kelompok_usia = models.CharField(
        _("kelompok usia"), max_length=5, choices=KelompokUsia.choices, blank=True
    )
    lingkungan = models.ForeignKey(
        Lingkungan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asal RW/dusun"),
    )
    rt = models.ForeignKey(
        RT, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("RT")
    )
    sektor = models.CharField(_("sektor"), max_length=20, choices=Sektor.choices, blank=True)
    kelompok_sosial = models.JSONField(_("kelompok sosial"), default=list, blank=True)
    unsur = models.CharField(_("unsur"), max_length=12, choices=Unsur.choices)
    organisasi = models.CharField(
        _("organisasi/lembaga"), max_length=150, blank=True, help_text=_("Misalnya: PKK, LPM")
    )
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)
    peran = models.CharField(
        _("peran"), max_length=12, choices=PeranPeserta.choices, default=PeranPeserta.PESERTA
    )
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    telepon = models.CharField(
        _("telepon"), max_length=30, blank=True, help_text=_("Tidak dicetak di dokumen publik.")
    )
    diundang = models.BooleanField(_("diundang"), default=True)
    hadir = models.BooleanField(_("hadir"), default=False)
    waktu_hadir = models.DateTimeField(_("waktu hadir"), null=True, blank=True)
    delegasi = models.BooleanField(_("delegasi ke Musrenbang kecamatan"), default=False)

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        ordering = ["musyawarah", "nama", "pk"]
        indexes = [models.Index(fields=["musyawarah", "hadir"], name="peserta_musyawarah_hadir")]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis_kelamin__in=JenisKelamin.values), name="peserta_jk_valid"
            ),
            models.CheckConstraint(condition=Q(unsur__in=Unsur.values), name="peserta_unsur_valid"),
            models.CheckConstraint(
                condition=Q(peran__in=PeranPeserta.values), name="peserta_peran_valid"
            ),
            models.CheckConstraint(
                condition=Q(delegasi=False) | Q(hadir=True),
                name="peserta_delegasi_hadir",
                violation_error_message=_("Delegasi dipilih dari peserta yang hadir."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self):
        errors = {}
        asing = set(self.kelompok_sosial or []) - set(KelompokSosial.values)
        if asing:
            errors["kelompok_sosial"] = _("Kelompok sosial tidak dikenal: %(k)s") % {
                "k": ", ".join(sorted(asing))
            }
        if self.rt_id and self.lingkungan_id and self.rt.lingkungan_id != self.lingkungan_id:
            errors["rt"] = _("RT ini bukan bagian dari RW/dusun yang dipilih.")
        if self.lingkungan_id and self.musyawarah.kelurahan_id:
            if self.lingkungan.kelurahan_id != self.musyawarah.kelurahan_id:
                errors["lingkungan"] = _("RW/dusun ini bukan bagian dari kelurahan forum.")
        if errors:
            raise ValidationError(errors)

    @property
    def asal(self) -> str:
        """RT 03/RW 02, for the daftar hadir's address column."""
        if self.rt_id:
            return f"RT {self.rt.nomor:02d}/RW {self.lingkungan.nomor:02d}"
        if self.lingkungan_id:
            return str(self.lingkungan)
        return self.alamat

    def label_kelompok_sosial(self) -> list[str]:
        return [KelompokSosial(k).label for k in self.kelompok_sosial if k in KelompokSosial.values]


class Keputusan(models.TextChoices):
    BELUM = "belum", _("Belum diputuskan")
    KOTA = "kota", _("Prioritas ke kota (Renja perangkat daerah)")
    SWADAYA = "swadaya", _("Swadaya masyarakat")
    DITOLAK = "ditolak", _("Tidak disepakati")


class Pembahasan(TimeStampedModel):
    """The forum's decision on one usulan: its place in the agreed order and its class.

    Recorded during the forum; the usulan's status changes only when the berita acara
    is signed, so the public sees the decision once it is official.
    """

    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="pembahasan")
    usulan = models.ForeignKey(Usulan, on_delete=models.PROTECT, related_name="pembahasan")
    urutan = models.PositiveIntegerField(_("urutan prioritas"), null=True, blank=True)
    keputusan = models.CharField(
        _("keputusan"), max_length=10, choices=Keputusan.choices, default=Keputusan.BELUM
    )
    alasan = models.TextField(_("alasan"), blank=True)

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
        ]

    def __str__(self) -> str:
        return f"{self.urutan}. {self.usulan}"


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
    unsur = models.CharField(_("unsur"), max_length=12, choices=Unsur.choices, blank=True)
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


class RiwayatMusyawarah(models.Model):
    """One status change of a forum: who moved it, when, and why."""

    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField(max_length=12, choices=StatusMusyawarah.choices, blank=True)
    ke = models.CharField(max_length=12, choices=StatusMusyawarah.choices)
    oleh = models.ForeignKey(
        "akun.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    waktu = models.DateTimeField(auto_now_add=True)
    catatan = models.TextField(blank=True)

    class Meta:
        verbose_name = _("riwayat musyawarah")
        verbose_name_plural = _("riwayat musyawarah")
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.dari or '-'} → {self.ke}"
