"""Usulan: the unit everything moves, from its RT to the RKPD.

An usulan belongs to one siklus and one kelurahan of origin, carries a public receipt code
(the citizen's proof of submission), and changes status only through the services, each
transition writing a RiwayatStatus row (who, from, to, when, why). Moving up a level copies
(``usulan_asal``), so the desa original keeps its own history.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.scoping import AksesPerangkatDaerah, ScopedQuerySet
from apps.siklus.models import PrioritasDaerah, Siklus
from apps.wilayah.models import RT, Kelurahan, Lingkungan, PerangkatDaerah


class Bidang(models.TextChoices):
    """The five bidang of the DU-RKP Desa (Permendagri 114/2014), in their official order."""

    PEMERINTAHAN = "pemerintahan", _("Penyelenggaraan Pemerintahan Desa")
    PEMBANGUNAN = "pembangunan", _("Pelaksanaan Pembangunan Desa")
    KEMASYARAKATAN = "kemasyarakatan", _("Pembinaan Kemasyarakatan")
    PEMBERDAYAAN = "pemberdayaan", _("Pemberdayaan Masyarakat")
    BENCANA = "bencana", _("Penanggulangan Bencana, Keadaan Darurat dan Mendesak")


class Sektor(models.TextChoices):
    """Sectors of the kajian desa: the seed's five, plus the ones usulan most often need."""

    INFRASTRUKTUR = "infrastruktur", _("Infrastruktur")
    EKONOMI = "ekonomi", _("Ekonomi")
    PERTANIAN = "pertanian", _("Pertanian dan perikanan")
    KESEHATAN = "kesehatan", _("Kesehatan")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    LINGKUNGAN = "lingkungan", _("Lingkungan hidup")
    SOSIAL = "sosial", _("Sosial budaya")
    PEMERINTAHAN = "pemerintahan", _("Pemerintahan dan ketertiban")


class SumberPembiayaan(models.TextChoices):
    APBD = "apbd", _("APBD kota/kabupaten (melalui perangkat daerah)")
    DANA_KELURAHAN = "dana_kelurahan", _("Dana desa/APBDes/dana kelurahan")
    SWADAYA = "swadaya", _("Swadaya masyarakat")
    LAINNYA = "lainnya", _("Sumber lain (APBD provinsi, APBN, CSR)")


class Satuan(models.TextChoices):
    METER = "m", _("meter")
    METER_PERSEGI = "m2", _("m²")
    METER_KUBIK = "m3", _("m³")
    KILOMETER = "km", _("km")
    UNIT = "unit", _("unit")
    BUAH = "buah", _("buah")
    TITIK = "titik", _("titik")
    PAKET = "paket", _("paket")
    KEGIATAN = "kegiatan", _("kegiatan")
    ORANG = "orang", _("orang")
    KELOMPOK = "kelompok", _("kelompok")
    LOKASI = "lokasi", _("lokasi")
    SET = "set", _("set")
    BULAN = "bulan", _("bulan")


class Status(models.TextChoices):
    """The whole lifecycle (DESIGN.md). Each later forum adds the services for its steps."""

    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    PRIORITAS_DESA = "prioritas_desa", _("Prioritas kelurahan/desa ke kecamatan")
    # Seed output 1: agreed for the kelurahan's own Renja (dana kelurahan) or, in a desa,
    # the RKP Desa/APBDes. It stays at the kelurahan.
    DIDANAI_DESA = "didanai_desa", _("Prioritas kelurahan/desa, didanai sendiri")
    SWADAYA = "swadaya", _("Swadaya")
    DITOLAK_DESA = "ditolak_desa", _("Tidak disepakati kelurahan/desa")
    LAYAK = "layak", _("Diverifikasi: layak")
    TIDAK_LAYAK = "tidak_layak", _("Diverifikasi: tidak layak")
    DINILAI = "dinilai", _("Dinilai")
    PRIORITAS_KECAMATAN = "prioritas_kecamatan", _("Prioritas kecamatan")
    DITERUSKAN_KOTA = "diteruskan_kota", _("Diteruskan ke kota")
    DITERIMA = "diterima", _("Diterima perangkat daerah")
    DITOLAK = "ditolak", _("Ditolak perangkat daerah")


# What a citizen reads on the tracking page for each status.
PENJELASAN_STATUS = {
    Status.DRAF: _("Usulan sedang disiapkan oleh kelurahan/desa dan belum diajukan."),
    Status.DIAJUKAN: _("Usulan tercatat dan menunggu pembahasan di Musrenbang kelurahan/desa."),
    Status.PRIORITAS_DESA: _(
        "Musrenbang kelurahan/desa menyepakati usulan ini sebagai prioritas untuk diteruskan."
    ),
    Status.DIDANAI_DESA: _(
        "Musrenbang kelurahan/desa menyepakati usulan ini untuk dilaksanakan dengan anggaran "
        "kelurahan/desa sendiri (Renja kelurahan, atau RKP Desa/APBDes)."
    ),
    Status.SWADAYA: _("Usulan disepakati untuk dikerjakan secara swadaya oleh masyarakat."),
    Status.DITOLAK_DESA: _("Usulan tidak disepakati di Musrenbang kelurahan/desa."),
    Status.LAYAK: _("Musrenbang kecamatan memverifikasi usulan ini sebagai layak."),
    Status.TIDAK_LAYAK: _("Musrenbang kecamatan memverifikasi usulan ini sebagai tidak layak."),
    Status.DINILAI: _("Usulan sudah dinilai (skoring) di sidang kelompok kecamatan."),
    Status.PRIORITAS_KECAMATAN: _("Usulan masuk daftar prioritas kecamatan."),
    Status.DITERUSKAN_KOTA: _("Usulan diteruskan ke Bappeda dan perangkat daerah."),
    Status.DITERIMA: _(
        "Disepakati di Musrenbang kota/kabupaten: perangkat daerah memuat usulan ini ke dalam "
        "Renja-nya."
    ),
    Status.DITOLAK: _(
        "Tidak disepakati di Musrenbang kota/kabupaten atau tidak dapat diterima perangkat "
        "daerah; alasannya tercatat di riwayat."
    ),
}

# Before the desa forum decides, the kelurahan may still edit, submit or withdraw.
STATUS_TERBUKA = (Status.DRAF, Status.DIAJUKAN)
# Funded, by a perangkat daerah or by the community itself: nothing to carry over.
STATUS_DIDANAI = (Status.DITERIMA, Status.DIDANAI_DESA, Status.SWADAYA)
# What a perangkat daerah reads of the usulan addressed to it: those a signed desa forum
# sent on (prioritas desa) and whatever the later forums made of them. Drafts, usulan
# still waiting for the desa forum, swadaya and those the forum did not agree on stay
# with the kelurahan: the SKPD sees only what was decided, in public, for it.
STATUS_UNTUK_PERANGKAT_DAERAH = (
    Status.PRIORITAS_DESA,
    Status.LAYAK,
    Status.TIDAK_LAYAK,
    Status.DINILAI,
    Status.PRIORITAS_KECAMATAN,
    Status.DITERUSKAN_KOTA,
    Status.DITERIMA,
    Status.DITOLAK,
)


class UsulanQuerySet(ScopedQuerySet):
    kode_path = "kode_wilayah"
    akses_perangkat_daerah = AksesPerangkatDaerah(
        ditujukan="perangkat_daerah", syarat=Q(status__in=STATUS_UNTUK_PERANGKAT_DAERAH)
    )


class Usulan(TimeStampedModel):
    siklus = models.ForeignKey(
        Siklus, on_delete=models.PROTECT, related_name="usulan", verbose_name=_("siklus")
    )
    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.PROTECT,
        related_name="usulan",
        verbose_name=_("kelurahan/desa asal"),
    )
    # The wilayah that owns the usulan and whose users see it: its kelurahan's kode, or
    # the kecamatan's for an usulan the kecamatan forum proposes itself (seed 2.b), which
    # no kelurahan operator can then see or change. ``kelurahan`` stays where it is.
    kode_wilayah = models.CharField(max_length=13, db_index=True, editable=False)
    kode = models.CharField(_("kode usulan"), max_length=24, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAF, db_index=True
    )

    # What
    judul = models.CharField(
        _("jenis kegiatan"),
        max_length=200,
        help_text=_("Singkat dan jelas, misalnya: Peninggian jalan gang dengan cor beton."),
    )
    bidang = models.CharField(_("bidang"), max_length=20, choices=Bidang.choices)
    sektor = models.CharField(_("sektor"), max_length=20, choices=Sektor.choices)
    permasalahan = models.TextField(
        _("permasalahan"), help_text=_("Masalah yang dijawab usulan ini, dengan akibatnya.")
    )
    volume = models.DecimalField(
        _("volume"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), _("Volume harus lebih dari 0."))],
    )
    satuan = models.CharField(_("satuan"), max_length=10, choices=Satuan.choices)

    # Where
    lingkungan = models.ForeignKey(
        Lingkungan,
        on_delete=models.PROTECT,
        related_name="usulan",
        verbose_name=_("RW/dusun"),
    )
    rt = models.ForeignKey(
        RT, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("RT")
    )
    alamat = models.CharField(
        _("alamat/lokasi"),
        max_length=255,
        blank=True,
        help_text=_("Nama jalan/gang, patokan, dan sebagainya."),
    )
    latitude = models.DecimalField(
        _("lintang"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("bujur"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    # For whom
    sasaran = models.CharField(
        _("sasaran/penerima manfaat"),
        max_length=255,
        help_text=_("Misalnya: warga RT 03 dan RT 04, anak sekolah, kelompok tani."),
    )
    jumlah_penerima = models.PositiveIntegerField(
        _("jumlah penerima manfaat (orang)"), null=True, blank=True
    )

    # How much and by whom
    perkiraan_biaya = models.DecimalField(
        _("perkiraan biaya (Rp)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    sumber_pembiayaan = models.CharField(
        _("sumber pembiayaan"), max_length=20, choices=SumberPembiayaan.choices
    )
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usulan",
        verbose_name=_("perangkat daerah tujuan"),
        help_text=_("Wajib bila dibiayai APBD kota/kabupaten."),
    )
    prioritas_daerah = models.ForeignKey(
        PrioritasDaerah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usulan",
        verbose_name=_("prioritas daerah"),
    )
    rpjm_desa = models.ForeignKey(
        "RpjmDesa",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="usulan",
        verbose_name=_("kegiatan RPJM Desa/Renstra Kelurahan"),
    )
    masalah = models.ForeignKey(
        "Masalah",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="usulan",
        verbose_name=_("masalah (kajian desa)"),
    )
    pengusul = models.CharField(
        _("pengusul"),
        max_length=150,
        help_text=_("RT/RW, kelompok, lembaga atau nama warga yang mengusulkan."),
    )

    # Traceability
    usulan_asal = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lanjutan",
        verbose_name=_("usulan siklus sebelumnya"),
    )
    diusulkan_sejak = models.PositiveSmallIntegerField(
        _("diusulkan sejak (tahun)"),
        help_text=_("Tahun musrenbang pertama kali usulan ini diajukan."),
    )
    sidik_impor = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Fingerprint of the Excel row it came from: re-uploading skips it.",
    )
    dibuat_oleh = models.ForeignKey(
        "akun.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    # Optimistic locking: an edit based on an older versi is refused, not applied.
    versi = models.PositiveIntegerField(default=1, editable=False)

    objects = UsulanQuerySet.as_manager()

    class Meta:
        verbose_name = _("usulan")
        verbose_name_plural = _("usulan")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["siklus", "kelurahan", "status"], name="usulan_siklus_kel_status"),
            # The list's default sort (newest first) within a siklus: Bappeda's first page
            # reads 50 rows off this index instead of sorting the whole siklus.
            models.Index(fields=["siklus", "-created_at", "-id"], name="usulan_siklus_terbaru"),
            # A camat's or SKPD's list: their wilayah (a code prefix) within a siklus. On
            # PostgreSQL a plain index serves no LIKE 'prefix%' unless the database collates
            # as "C": the pattern operator class serves both the prefix and equality. Other
            # databases ignore opclasses and build a plain index.
            models.Index(
                fields=["siklus", "kode_wilayah"],
                name="usulan_siklus_wilayah_pola",
                opclasses=["", "varchar_pattern_ops"],
            ),
            models.Index(fields=["siklus", "perangkat_daerah"], name="usulan_siklus_pd"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="usulan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(bidang__in=Bidang.values), name="usulan_bidang_valid"
            ),
            models.CheckConstraint(
                condition=Q(sektor__in=Sektor.values), name="usulan_sektor_valid"
            ),
            models.CheckConstraint(
                condition=Q(satuan__in=Satuan.values), name="usulan_satuan_valid"
            ),
            models.CheckConstraint(
                condition=Q(sumber_pembiayaan__in=SumberPembiayaan.values),
                name="usulan_sumber_valid",
            ),
            models.CheckConstraint(
                condition=~Q(sumber_pembiayaan=SumberPembiayaan.APBD)
                | Q(perangkat_daerah__isnull=False),
                name="usulan_apbd_butuh_perangkat_daerah",
                violation_error_message=_(
                    "Usulan yang dibiayai APBD kota/kabupaten harus menyebut perangkat daerah."
                ),
            ),
            models.CheckConstraint(
                condition=Q(perkiraan_biaya__gte=0) & Q(volume__gte=0),
                name="usulan_angka_tidak_negatif",
            ),
            # Carrying an usulan over twice into the same siklus would duplicate it.
            models.UniqueConstraint(
                fields=["siklus", "usulan_asal"],
                condition=Q(usulan_asal__isnull=False),
                name="usulan_lanjutan_sekali_per_siklus",
                violation_error_message=_("Usulan ini sudah dilanjutkan ke siklus tersebut."),
            ),
            models.UniqueConstraint(
                fields=["siklus", "kelurahan", "sidik_impor"],
                condition=~Q(sidik_impor=""),
                name="usulan_impor_sekali",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.judul}"

    def get_constraints(self):
        """The constraints ``full_clean`` validates: the unique ones only.

        Every CheckConstraint above repeats a rule that ``clean_fields`` (choices,
        validators) or ``clean`` already checks in Python, with the message users see; the
        database still enforces each on save. Django would validate each of them once more
        with a query of its own: seven queries per usulan, 14,000 for a 2,000-row import.
        tests/usulan/test_validasi.py proves every CheckConstraint has its Python mirror.
        """
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]

    def clean(self):
        errors = {}
        if self.sumber_pembiayaan == SumberPembiayaan.APBD and not self.perangkat_daerah_id:
            errors["perangkat_daerah"] = _("Wajib dipilih bila dibiayai APBD kota/kabupaten.")
        if self.lingkungan_id and self.kelurahan_id:
            if self.lingkungan.kelurahan_id != self.kelurahan_id:
                errors["lingkungan"] = _("RW/dusun ini bukan bagian dari kelurahan/desa usulan.")
        if self.rt_id and self.lingkungan_id and self.rt.lingkungan_id != self.lingkungan_id:
            errors["rt"] = _("RT ini bukan bagian dari RW/dusun yang dipilih.")
        if self.perangkat_daerah_id and self.siklus_id:
            if self.perangkat_daerah.daerah_id != self.siklus.daerah_id:
                errors["perangkat_daerah"] = _("Perangkat daerah bukan dari daerah ini.")
        if self.prioritas_daerah_id and self.siklus_id:
            if self.prioritas_daerah.siklus_id != self.siklus_id:
                errors["prioritas_daerah"] = _("Prioritas daerah bukan dari siklus ini.")
        if self.rpjm_desa_id and self.kelurahan_id:
            if self.rpjm_desa.kelurahan_id != self.kelurahan_id:
                errors["rpjm_desa"] = _("Kegiatan RPJM ini milik kelurahan/desa lain.")
        if self.masalah_id and self.kelurahan_id:
            if self.masalah.kelurahan_id != self.kelurahan_id:
                errors["masalah"] = _("Masalah ini milik kelurahan/desa lain.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Owned by its kelurahan unless a higher level created it (see kode_wilayah).
        if not self.kode_wilayah and self.kelurahan_id:
            self.kode_wilayah = self.kelurahan.kode
        super().save(*args, **kwargs)

    @property
    def milik_kecamatan(self) -> bool:
        """Proposed by the kecamatan forum itself (seed 2.b), not by a kelurahan."""
        return bool(self.kode_wilayah) and self.kode_wilayah != self.kelurahan.kode

    @property
    def asal(self) -> str:
        """Who proposed it: the kelurahan/desa, or the kecamatan for its own usulan."""
        if self.milik_kecamatan:
            return str(self.kelurahan.kecamatan)
        return str(self.kelurahan)

    @property
    def terbuka(self) -> bool:
        """Still in the kelurahan's hands: editable, submittable, withdrawable."""
        return self.status in STATUS_TERBUKA

    @property
    def pengajuan_ditutup(self) -> bool:
        """The kelurahan's desa forum of this siklus is signed: nothing more is submitted.

        Lists annotate it (``selectors.usulan_daftar``), so a page of rows costs no query;
        elsewhere it is asked once and remembered.
        """
        if "penutupan_ada" not in self.__dict__:
            self.penutupan_ada = PenutupanUsulan.objects.filter(
                siklus_id=self.siklus_id, kelurahan_id=self.kelurahan_id
            ).exists()
        return self.penutupan_ada

    @property
    def alasan_tidak_dapat_diajukan(self) -> str:
        """Why this usulan cannot be submitted now, or "" when it can.

        ``usulan_ajukan`` refuses with this reason and the pages show the "Ajukan" button
        only when it is empty: a button is never shown for a submission that would fail.
        """
        if self.status != Status.DRAF:
            return str(_("Hanya usulan berstatus draf yang dapat diajukan."))
        if not self.siklus.aktif:
            return str(
                _("Siklus %(siklus)s sudah tidak aktif; usulannya tidak dapat diajukan.")
            ) % {"siklus": self.siklus}
        if self.pengajuan_ditutup:
            return str(
                _(
                    "Musrenbang %(kelurahan)s siklus ini sudah ditetapkan; usulan baru dapat "
                    "dilanjutkan ke siklus berikutnya."
                )
            ) % {"kelurahan": self.kelurahan}
        return ""

    @property
    def bisa_diajukan(self) -> bool:
        return not self.alasan_tidak_dapat_diajukan

    @property
    def draf_tertutup(self) -> bool:
        """A draft left when the kelurahan's forum was signed: to carry over next siklus."""
        return self.status == Status.DRAF and self.pengajuan_ditutup

    @property
    def lokasi(self) -> str:
        """RT 03/RW 02, as the DU-RKP Desa writes the location."""
        if self.rt_id:
            return f"RT {self.rt.nomor:02d}/RW {self.lingkungan.nomor:02d}"
        return str(self.lingkungan)

    @property
    def penjelasan_status(self) -> str:
        return PENJELASAN_STATUS[Status(self.status)]

    def pembiayaan_untuk(self, status: str) -> tuple[str, "PerangkatDaerah | None"]:
        """The funding a desa forum's decision gives this usulan: (sumber, perangkat daerah).

        Kept to the kota's perangkat daerah, it is APBD (or the other source it named);
        funded by the kelurahan/desa itself, dana kelurahan/APBDes with no perangkat daerah;
        swadaya, the community's own. So a decided usulan never reads "swadaya · APBD ·
        Dinas PUPR".
        """
        if status == Status.PRIORITAS_DESA:
            if self.sumber_pembiayaan in (
                SumberPembiayaan.DANA_KELURAHAN,
                SumberPembiayaan.SWADAYA,
            ):
                return SumberPembiayaan.APBD, self.perangkat_daerah
            return self.sumber_pembiayaan, self.perangkat_daerah
        if status == Status.DIDANAI_DESA:
            return SumberPembiayaan.DANA_KELURAHAN, None
        if status == Status.SWADAYA:
            return SumberPembiayaan.SWADAYA, None
        return self.sumber_pembiayaan, self.perangkat_daerah

    def label_sumber(self, sumber: str | None = None) -> str:
        """The funding source as documents print it, naming the desa's or kelurahan's own."""
        sumber = sumber or self.sumber_pembiayaan
        if sumber == SumberPembiayaan.DANA_KELURAHAN:
            if self.kelurahan.jenis == Kelurahan.Jenis.DESA:
                return str(_("APBDes (RKP Desa)"))
            return str(_("Dana kelurahan (Renja kelurahan)"))
        return str(SumberPembiayaan(sumber).label)

    @property
    def tahun_diusulkan(self) -> int:
        """How many forums this usulan has been through, counting this one."""
        return self.siklus.tahun_forum - self.diusulkan_sejak + 1


class RiwayatStatus(models.Model):
    """One status change: the audit trail and what the public tracking page shows."""

    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField(_("dari"), max_length=24, choices=Status.choices, blank=True)
    ke = models.CharField(_("menjadi"), max_length=24, choices=Status.choices)
    oleh = models.ForeignKey(
        "akun.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    waktu = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    alasan = models.TextField(_("alasan/catatan"), blank=True)

    class Meta:
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        ordering = ["waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ke__in=Status.values) & (Q(dari="") | Q(dari__in=Status.values)),
                name="riwayat_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.usulan_id}: {self.dari or '-'} → {self.ke}"


def _path_foto(instance, filename: str) -> str:
    # Unguessable names; the file is served only through a scoped view.
    return f"usulan/{instance.usulan.siklus.tahun_rencana}/{uuid.uuid4().hex}.jpg"


class FotoUsulan(TimeStampedModel):
    """A photo of the location, re-encoded as JPEG by the service (nothing else is kept)."""

    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="foto")
    gambar = models.ImageField(_("foto"), upload_to=_path_foto)
    keterangan = models.CharField(_("keterangan"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("foto usulan")
        verbose_name_plural = _("foto usulan")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.gambar.name


class MasalahQuerySet(ScopedQuerySet):
    # The kelurahan's own working notes: no perangkat daerah reads them.
    kode_path = "kelurahan__kode"


class Masalah(TimeStampedModel):
    """One problem found by the kajian desa, per RW/dusun and/or per sector."""

    siklus = models.ForeignKey(
        Siklus, on_delete=models.PROTECT, related_name="masalah", verbose_name=_("siklus")
    )
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, related_name="masalah", verbose_name=_("kelurahan")
    )
    lingkungan = models.ForeignKey(
        Lingkungan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="masalah",
        verbose_name=_("RW/dusun"),
        help_text=_("Kosongkan bila masalah berlaku untuk seluruh kelurahan/desa."),
    )
    sektor = models.CharField(_("sektor"), max_length=20, choices=Sektor.choices)
    uraian = models.TextField(_("masalah"))
    penyebab = models.TextField(_("penyebab"), blank=True)
    potensi = models.TextField(
        _("potensi"), blank=True, help_text=_("Sumber daya yang bisa dipakai untuk mengatasinya.")
    )
    dicatat_oleh = models.ForeignKey(
        "akun.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Set when a signed berita acara lists this masalah: from then on it cannot change.
    terkunci = models.BooleanField(_("terkunci"), default=False, editable=False)

    objects = MasalahQuerySet.as_manager()

    class Meta:
        verbose_name = _("masalah (kajian desa)")
        verbose_name_plural = _("masalah (kajian desa)")
        ordering = ["lingkungan__nomor", "sektor", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sektor__in=Sektor.values), name="masalah_sektor_valid"
            ),
        ]

    def __str__(self) -> str:
        teks = self.uraian if len(self.uraian) <= 80 else self.uraian[:77] + "..."
        return f"{self.get_sektor_display()}: {teks}"

    def clean(self):
        if self.lingkungan_id and self.kelurahan_id:
            if self.lingkungan.kelurahan_id != self.kelurahan_id:
                raise ValidationError(
                    {"lingkungan": _("RW/dusun ini bukan bagian dari kelurahan.")}
                )

    @property
    def kode_wilayah(self) -> str:
        return self.kelurahan.kode


class RpjmDesaQuerySet(ScopedQuerySet):
    # The kelurahan's own plan: no perangkat daerah reads it.
    kode_path = "kelurahan__kode"


class RpjmDesa(TimeStampedModel):
    """A kegiatan of the 6-year village plan (RPJM Desa / Renstra Kelurahan)."""

    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, related_name="rpjm_desa", verbose_name=_("kelurahan")
    )
    bidang = models.CharField(_("bidang"), max_length=20, choices=Bidang.choices)
    kegiatan = models.CharField(_("kegiatan"), max_length=200)
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True)
    volume = models.DecimalField(
        _("volume"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"), _("Volume harus lebih dari 0."))],
    )
    satuan = models.CharField(_("satuan"), max_length=10, choices=Satuan.choices, blank=True)
    perkiraan_biaya = models.DecimalField(
        _("perkiraan biaya (Rp)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, _("Biaya tidak boleh negatif."))],
    )
    tahun_mulai = models.PositiveSmallIntegerField(
        _("tahun mulai"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    tahun_selesai = models.PositiveSmallIntegerField(
        _("tahun selesai"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)

    objects = RpjmDesaQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan RPJM Desa")
        verbose_name_plural = _("kegiatan RPJM Desa")
        ordering = ["kelurahan__kode", "bidang", "tahun_mulai", "kegiatan"]
        constraints = [
            models.CheckConstraint(condition=Q(bidang__in=Bidang.values), name="rpjm_bidang_valid"),
            models.CheckConstraint(
                condition=(Q(volume__isnull=True) | Q(volume__gt=0))
                & (Q(perkiraan_biaya__isnull=True) | Q(perkiraan_biaya__gte=0)),
                name="rpjm_angka_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(tahun_selesai__gte=models.F("tahun_mulai")),
                name="rpjm_tahun_urut",
                violation_error_message=_("Tahun selesai tidak boleh sebelum tahun mulai."),
            ),
            models.UniqueConstraint(
                fields=["kelurahan", "bidang", "kegiatan", "lokasi", "tahun_mulai"],
                name="rpjm_kegiatan_unik",
                violation_error_message=_("Kegiatan RPJM yang sama sudah tercatat."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan} ({self.tahun_mulai}–{self.tahun_selesai})"

    def clean(self):
        if self.tahun_mulai and self.tahun_selesai:
            if self.tahun_selesai < self.tahun_mulai:
                raise ValidationError(
                    {"tahun_selesai": _("Tahun selesai tidak boleh sebelum tahun mulai.")}
                )
            if self.tahun_selesai - self.tahun_mulai > 5:
                raise ValidationError(
                    {"tahun_selesai": _("RPJM Desa berlaku paling lama 6 tahun.")}
                )

    @property
    def kode_wilayah(self) -> str:
        return self.kelurahan.kode

    def berlaku_pada(self, tahun: int) -> bool:
        return self.tahun_mulai <= tahun <= self.tahun_selesai


class PenutupanUsulan(models.Model):
    """The kelurahan's desa forum has decided: no more usulan submitted this siklus.

    Written when its berita acara is signed; drafts stay drafts (they can be carried
    over to the next siklus).
    """

    siklus = models.ForeignKey(Siklus, on_delete=models.CASCADE, related_name="+")
    kelurahan = models.ForeignKey(Kelurahan, on_delete=models.CASCADE, related_name="+")
    ditutup_pada = models.DateTimeField(default=timezone.now)
    keterangan = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("penutupan pengajuan usulan")
        verbose_name_plural = _("penutupan pengajuan usulan")
        constraints = [
            models.UniqueConstraint(fields=["siklus", "kelurahan"], name="penutupan_sekali"),
        ]

    def __str__(self) -> str:
        return f"{self.kelurahan} {self.siklus}"
