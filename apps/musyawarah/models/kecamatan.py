"""What only the Musrenbang Kecamatan has (second seed document): the sidang kelompok with
the perangkat daerah each covers, and the public registration queue (seed 4.a.6–7)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.musyawarah.models.forum import Musyawarah
from apps.musyawarah.models.peserta import JenisKelamin
from apps.wilayah.models import Kelurahan, PerangkatDaerah


class ElemenKecamatan(models.TextChoices):
    """The stakeholder elements of the kecamatan forum (seed 6): one representative of each
    element present signs the berita acara (seed 4.c.5)."""

    KECAMATAN = "kecamatan", _("Pemerintah kecamatan")
    KEPALA_KELURAHAN = "kepala_kelurahan", _("Lurah/kepala desa")
    DELEGASI = "delegasi", _("Delegasi kelurahan/desa")
    DPRD = "dprd", _("Anggota DPRD")
    PERANGKAT_DAERAH = "perangkat_daerah", _("Perangkat daerah/UPT")
    TOKOH = "tokoh", _("Tokoh masyarakat")
    PEREMPUAN = "perempuan", _("Keterwakilan perempuan")
    RENTAN = "rentan", _("Kelompok rentan/marjinal")
    LSM = "lsm", _("LSM/organisasi masyarakat")
    SWASTA = "swasta", _("Swasta/dunia usaha")
    AHLI = "ahli", _("Ahli/profesional")


class KelompokDiskusi(TimeStampedModel):
    """A sidang kelompok (seed 4.b.4–9): it covers a set of perangkat daerah, so every
    usulan of the forum belongs to one group; its members elect a ketua, sekretaris and
    notulen; its fasilitator hands it over to the ketua; it verifies its usulan."""

    musyawarah = models.ForeignKey(
        Musyawarah, on_delete=models.CASCADE, related_name="kelompok_diskusi"
    )
    nama = models.CharField(_("nama kelompok"), max_length=100)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    perangkat_daerah = models.ManyToManyField(
        PerangkatDaerah,
        through="KelompokPerangkatDaerah",
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    ketua = models.ForeignKey(
        "Peserta", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sekretaris = models.ForeignKey(
        "Peserta", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notulen = models.ForeignKey(
        "Peserta", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fasilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kelompok_dipandu",
        verbose_name=_("fasilitator (akun)"),
    )
    fasilitator_nama = models.CharField(
        _("fasilitator"),
        max_length=150,
        blank=True,
        help_text=_("Nama fasilitator bila tidak memiliki akun."),
    )
    diserahkan_pada = models.DateTimeField(_("diserahkan kepada ketua pada"), null=True, blank=True)
    verifikasi_selesai_pada = models.DateTimeField(
        _("verifikasi selesai pada"), null=True, blank=True
    )
    hasil = models.TextField(_("ringkasan hasil kelompok"), blank=True)
    # The group's scoring of its feasible usulan (seed 4.b.8–9), once verification closes.
    penilaian = models.OneToOneField(
        "penilaian.SesiPenilaian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kelompok",
        verbose_name=_("penilaian"),
    )

    class Meta:
        verbose_name = _("sidang kelompok")
        verbose_name_plural = _("sidang kelompok")
        ordering = ["musyawarah", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["musyawarah", "nama"], name="kelompok_nama_unik"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def menunggu(self) -> bool:
        return self.status == StatusPendaftaran.MENUNGGU

    @property
    def warna(self) -> str:
        return {"diterima": "success", "ditolak": "secondary"}.get(self.status, "warning")

    @property
    def nama_fasilitator(self) -> str:
        if self.fasilitator_id:
            return str(self.fasilitator)
        return self.fasilitator_nama


class KelompokPerangkatDaerah(models.Model):
    """Which group discusses the usulan of a perangkat daerah: one group per SKPD per forum."""

    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="+")
    kelompok = models.ForeignKey(
        KelompokDiskusi, on_delete=models.CASCADE, related_name="cakupan_pd"
    )
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("perangkat daerah kelompok")
        verbose_name_plural = _("perangkat daerah kelompok")
        constraints = [
            models.UniqueConstraint(
                fields=["musyawarah", "perangkat_daerah"],
                name="kelompok_pd_sekali_per_forum",
                violation_error_message=_("Perangkat daerah ini sudah masuk kelompok lain."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kelompok}: {self.perangkat_daerah}"


class StatusPendaftaran(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    DITERIMA = "diterima", _("Diterima")
    DITOLAK = "ditolak", _("Ditolak")


class Pendaftaran(TimeStampedModel):
    """A resident or community group registering from the public announcement page
    (seed 4.a.6–7: "membuka pendaftaran"); the organisers accept (it becomes a
    participant) or decline it."""

    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="pendaftaran")
    nama = models.CharField(_("nama"), max_length=150)
    lembaga = models.CharField(_("lembaga/kelompok"), max_length=150, blank=True)
    elemen = models.CharField(_("unsur"), max_length=20, choices=ElemenKecamatan.choices)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    kontak = models.CharField(
        _("telepon/WA atau email"),
        max_length=100,
        help_text=_("Untuk konfirmasi; tidak ditampilkan di dokumen."),
    )
    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asal kelurahan/desa"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusPendaftaran.choices,
        default=StatusPendaftaran.MENUNGGU,
    )
    alasan = models.CharField(_("alasan"), max_length=255, blank=True)
    peserta = models.OneToOneField(
        "Peserta", on_delete=models.SET_NULL, null=True, blank=True, related_name="pendaftaran"
    )
    # A hash of the sender's address: limits registrations per sender without keeping it.
    sidik_pengirim = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("pendaftaran peserta")
        verbose_name_plural = _("pendaftaran peserta")
        ordering = ["musyawarah", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StatusPendaftaran.values), name="pendaftaran_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(elemen__in=ElemenKecamatan.values), name="pendaftaran_elemen_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def menunggu(self) -> bool:
        return self.status == StatusPendaftaran.MENUNGGU

    @property
    def warna(self) -> str:
        return {"diterima": "success", "ditolak": "secondary"}.get(self.status, "warning")
