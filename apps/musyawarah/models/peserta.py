"""The people of a forum: invitees and those present, with what they represent."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.musyawarah.models.forum import Musyawarah
from apps.usulan.models import Sektor
from apps.wilayah.models import RT, Kecamatan, Kelurahan, Lingkungan


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
    FASILITATOR = "fasilitator", _("Fasilitator")


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
    delegasi = models.BooleanField(_("delegasi ke musyawarah berikutnya"), default=False)

    # At the kecamatan forum: which kelurahan they come from, the stakeholder element they
    # represent, their sidang kelompok, the desa delegate they were taken from (pulling
    # the desa results twice adds nobody twice), and whether they sit in the tim perumus.
    kelurahan_asal = models.ForeignKey(
        Kelurahan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asal kelurahan/desa"),
    )
    elemen = models.CharField(_("unsur pemangku kepentingan"), max_length=20, blank=True)
    kelompok = models.ForeignKey(
        "musyawarah.KelompokDiskusi",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="anggota",
        verbose_name=_("sidang kelompok"),
    )
    sumber = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    perumus = models.BooleanField(_("anggota tim perumus"), default=False)
    # At the kota forum: the kecamatan they come from (its delegation, its camat).
    kecamatan_asal = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asal kecamatan"),
    )

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
            models.UniqueConstraint(
                fields=["musyawarah", "sumber"],
                condition=Q(sumber__isnull=False),
                name="peserta_sumber_sekali",
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
        if self.kelurahan_asal_id and self.musyawarah.kecamatan_id:
            if self.kelurahan_asal.kecamatan_id != self.musyawarah.kecamatan_id:
                errors["kelurahan_asal"] = _("Kelurahan/desa ini bukan dari kecamatan forum.")
        if self.kecamatan_asal_id and self.musyawarah.daerah_id:
            if self.kecamatan_asal.daerah_id != self.musyawarah.daerah_id:
                errors["kecamatan_asal"] = _("Kecamatan ini bukan dari daerah forum.")
        if errors:
            raise ValidationError(errors)

    @property
    def asal(self) -> str:
        """RT 03/RW 02, for the daftar hadir's address column."""
        if self.rt_id:
            return f"RT {self.rt.nomor:02d}/RW {self.lingkungan.nomor:02d}"
        if self.lingkungan_id:
            return str(self.lingkungan)
        if self.kecamatan_asal_id:
            return str(self.kecamatan_asal)
        return self.alamat

    @property
    def label_unsur(self) -> str:
        """What they represent: their stakeholder element at the kecamatan or the kota
        forum, else their unsur."""
        from apps.musyawarah.models.kecamatan import ElemenKecamatan
        from apps.musyawarah.models.kota import ElemenKota

        # The kota's elements share some values with the kecamatan's, with other labels.
        if self.elemen in ElemenKota.values and self.musyawarah.tingkat == "kota":
            return str(ElemenKota(self.elemen).label)
        if self.elemen in ElemenKecamatan.values:
            return str(ElemenKecamatan(self.elemen).label)
        return str(self.get_unsur_display())

    def label_kelompok_sosial(self) -> list[str]:
        return [KelompokSosial(k).label for k in self.kelompok_sosial if k in KelompokSosial.values]
