"""Wilayah: daerah > kecamatan > kelurahan/desa > lingkungan (RW/dusun) > RT, and the SKPD.

Daerah, kecamatan and kelurahan carry their Kemendagri code as a dotted path
(``63.71.01.1001``); scoping by prefix relies on each child's code starting with its
parent's code and a dot, which ``clean()`` enforces. Below the kelurahan there is no
official code, so lingkungan and RT are scoped through their kelurahan.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.scoping import SELURUH_DAERAH, ScopedQuerySet

KODE_DAERAH = re.compile(r"^\d{2}\.\d{2}$")
KODE_KECAMATAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
KODE_KELURAHAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")


def _cek_kode(kode: str, pola: re.Pattern, contoh: str, induk: str | None = None) -> None:
    if not pola.match(kode or ""):
        raise ValidationError(
            {"kode": _("Format kode harus seperti %(contoh)s.") % {"contoh": contoh}}
        )
    if induk is not None and not kode.startswith(induk + "."):
        raise ValidationError(
            {"kode": _("Kode harus diawali kode wilayah induknya (%(induk)s).") % {"induk": induk}}
        )


class DaerahQuerySet(ScopedQuerySet):
    kode_path = "kode"
    tingkat_daerah = True


class JenisDaerah(models.TextChoices):
    KOTA = "kota", _("Kota")
    KABUPATEN = "kabupaten", _("Kabupaten")


class ZonaWaktu(models.TextChoices):
    """Indonesia's three time zones; letters print the value after a time ("09.00 WITA")."""

    WIB = "WIB", _("WIB — Waktu Indonesia Barat (UTC+7)")
    WITA = "WITA", _("WITA — Waktu Indonesia Tengah (UTC+8)")
    WIT = "WIT", _("WIT — Waktu Indonesia Timur (UTC+9)")


class Daerah(TimeStampedModel):
    """A kota or kabupaten: the level whose Bappeda runs the planning cycle."""

    Jenis = JenisDaerah

    kode = models.CharField(_("kode Kemendagri"), max_length=5, unique=True)
    nama = models.CharField(_("nama"), max_length=100, help_text=_("Misalnya: Kota Banjarmasin"))
    singkatan = models.CharField(
        _("singkatan"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2,5}$", _("2–5 huruf kapital, misalnya BJM."))],
        help_text=_("Awalan kode tanda terima usulan, misalnya BJM. Kosong: kode Kemendagri."),
    )
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisDaerah.choices)
    provinsi = models.CharField(_("provinsi"), max_length=100, blank=True)
    # The daerah's own, not the server's TIME_ZONE: one server may serve daerah in
    # different zones, and a forum's time is entered and printed in local time.
    zona_waktu = models.CharField(
        _("zona waktu"),
        max_length=4,
        choices=ZonaWaktu.choices,
        default=ZonaWaktu.WIB,
        help_text=_("Dicetak setelah jam pada undangan dan pengumuman, misalnya 09.00 WITA."),
    )
    alamat = models.CharField(_("alamat kantor Bappeda"), max_length=255, blank=True)
    telepon = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    logo = models.ImageField(
        _("logo daerah"),
        upload_to="daerah/",
        blank=True,
        help_text=_("Lambang daerah untuk kop surat (PNG/JPEG)."),
    )

    objects = DaerahQuerySet.as_manager()

    class Meta:
        verbose_name = _("daerah")
        verbose_name_plural = _("daerah")
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=JenisDaerah.values), name="daerah_jenis_valid"
            ),
            models.CheckConstraint(
                condition=Q(zona_waktu__in=ZonaWaktu.values), name="daerah_zona_waktu_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self):
        _cek_kode(self.kode, KODE_DAERAH, "63.71")

    @property
    def kode_wilayah(self) -> str:
        return self.kode

    @property
    def jabatan_kepala(self) -> str:
        return _("Wali Kota") if self.jenis == self.Jenis.KOTA else _("Bupati")

    @property
    def awalan_kode(self) -> str:
        """Prefix of the daerah's receipt codes: BJM, or 6371 without a singkatan."""
        return self.singkatan or self.kode.replace(".", "")


class KecamatanQuerySet(ScopedQuerySet):
    # An SKPD plans for its whole daerah: it reads every wilayah of it (the wilayah only;
    # usulan, forums and kajian of a kelurahan declare their own access).
    kode_path = "kode"
    akses_perangkat_daerah = SELURUH_DAERAH


class Kecamatan(TimeStampedModel):
    daerah = models.ForeignKey(
        Daerah, on_delete=models.PROTECT, related_name="kecamatan", verbose_name=_("daerah")
    )
    kode = models.CharField(_("kode Kemendagri"), max_length=8, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    alamat = models.CharField(_("alamat kantor camat"), max_length=255, blank=True)
    telepon = models.CharField(_("telepon"), max_length=50, blank=True)

    objects = KecamatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["kode"]

    def __str__(self) -> str:
        return _("Kecamatan %(nama)s") % {"nama": self.nama}

    def clean(self):
        _cek_kode(
            self.kode, KODE_KECAMATAN, "63.71.01", self.daerah.kode if self.daerah_id else None
        )

    @property
    def kode_wilayah(self) -> str:
        return self.kode


class KelurahanQuerySet(ScopedQuerySet):
    kode_path = "kode"
    akses_perangkat_daerah = SELURUH_DAERAH


class JenisKelurahan(models.TextChoices):
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA = "desa", _("Desa")


class Kelurahan(TimeStampedModel):
    """A kelurahan (urban, led by a lurah) or a desa (rural, led by a kepala desa)."""

    Jenis = JenisKelurahan

    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        related_name="kelurahan",
        verbose_name=_("kecamatan"),
    )
    kode = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    jenis = models.CharField(
        _("jenis"), max_length=10, choices=JenisKelurahan.choices, default=Jenis.KELURAHAN
    )
    alamat = models.CharField(_("alamat kantor"), max_length=255, blank=True)
    telepon = models.CharField(_("telepon"), max_length=50, blank=True)
    kode_pos = models.CharField(_("kode pos"), max_length=5, blank=True)

    objects = KelurahanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kelurahan/desa")
        verbose_name_plural = _("kelurahan/desa")
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=JenisKelurahan.values), name="kelurahan_jenis_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nama}"

    def clean(self):
        _cek_kode(
            self.kode,
            KODE_KELURAHAN,
            "63.71.01.1001",
            self.kecamatan.kode if self.kecamatan_id else None,
        )

    @property
    def kode_wilayah(self) -> str:
        return self.kode

    @property
    def jabatan_kepala(self) -> str:
        return _("Kepala Desa") if self.jenis == self.Jenis.DESA else _("Lurah")

    @property
    def nama_lingkungan(self) -> str:
        """What the units inside are called: dusun in a desa, RW in a kelurahan."""
        return _("Dusun") if self.jenis == self.Jenis.DESA else _("RW")


class LingkunganQuerySet(ScopedQuerySet):
    kode_path = "kelurahan__kode"
    akses_perangkat_daerah = SELURUH_DAERAH


class JenisLingkungan(models.TextChoices):
    RW = "rw", _("RW")
    DUSUN = "dusun", _("Dusun")
    LINGKUNGAN = "lingkungan", _("Lingkungan")


class Lingkungan(TimeStampedModel):
    """An RW, dusun or lingkungan inside a kelurahan/desa."""

    Jenis = JenisLingkungan

    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.CASCADE,
        related_name="lingkungan",
        verbose_name=_("kelurahan/desa"),
    )
    jenis = models.CharField(
        _("jenis"), max_length=10, choices=JenisLingkungan.choices, default=Jenis.RW
    )
    nomor = models.PositiveSmallIntegerField(
        _("nomor"), help_text=_("Nomor RW/dusun; dipakai juga untuk mengurutkan.")
    )
    nama = models.CharField(
        _("nama"), max_length=100, blank=True, help_text=_("Nama dusun/lingkungan, bila ada.")
    )

    objects = LingkunganQuerySet.as_manager()

    class Meta:
        verbose_name = _("lingkungan (RW/dusun)")
        verbose_name_plural = _("lingkungan (RW/dusun)")
        ordering = ["kelurahan__kode", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["kelurahan", "nomor"], name="lingkungan_nomor_unik"),
            models.CheckConstraint(
                condition=Q(jenis__in=JenisLingkungan.values),
                name="lingkungan_jenis_valid",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.get_jenis_display()} {self.nomor:02d}"
        return f"{label} {self.nama}" if self.nama else label

    @property
    def kode_wilayah(self) -> str:
        return self.kelurahan.kode


class RTQuerySet(ScopedQuerySet):
    kode_path = "lingkungan__kelurahan__kode"
    akses_perangkat_daerah = SELURUH_DAERAH


class RT(TimeStampedModel):
    lingkungan = models.ForeignKey(
        Lingkungan, on_delete=models.CASCADE, related_name="rt", verbose_name=_("lingkungan")
    )
    nomor = models.PositiveSmallIntegerField(_("nomor"))

    objects = RTQuerySet.as_manager()

    class Meta:
        verbose_name = _("RT")
        verbose_name_plural = _("RT")
        ordering = ["lingkungan__kelurahan__kode", "lingkungan__nomor", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["lingkungan", "nomor"], name="rt_nomor_unik"),
        ]

    def __str__(self) -> str:
        return f"RT {self.nomor:02d}/{self.lingkungan}"

    @property
    def kode_wilayah(self) -> str:
        return self.lingkungan.kelurahan.kode


class PerangkatDaerahQuerySet(ScopedQuerySet):
    kode_path = "daerah__kode"
    tingkat_daerah = True

    def aktif(self):
        return self.filter(aktif=True)


class PerangkatDaerah(TimeStampedModel):
    """A kota/kabupaten agency (SKPD) that would fund an usulan: Dinas PUPR, Dinkes, ..."""

    daerah = models.ForeignKey(
        Daerah,
        on_delete=models.PROTECT,
        related_name="perangkat_daerah",
        verbose_name=_("daerah"),
    )
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=30)
    aktif = models.BooleanField(
        _("aktif"), default=True, help_text=_("SKPD yang dibubarkan/digabung dinonaktifkan.")
    )

    objects = PerangkatDaerahQuerySet.as_manager()

    class Meta:
        verbose_name = _("perangkat daerah (SKPD)")
        verbose_name_plural = _("perangkat daerah (SKPD)")
        ordering = ["daerah__kode", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["daerah", "singkatan"], name="perangkat_daerah_singkatan_unik"
            ),
            models.UniqueConstraint(fields=["daerah", "nama"], name="perangkat_daerah_nama_unik"),
        ]

    def __str__(self) -> str:
        return self.singkatan

    @property
    def kode_wilayah(self) -> str:
        return self.daerah.kode
