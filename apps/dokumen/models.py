"""A signed, final document: a frozen snapshot, the PDF rendered from it, their hashes.

Generic on purpose (pretix's Invoice): a forum builds the snapshot of its berita acara
and hands it here; this app knows no forum and no usulan. Reprints serve the stored PDF,
never live data; the public verification page (/verifikasi/<kode>/) shows what was signed,
when, by whom, and the SHA-256 of the PDF so a printed or e-mailed copy can be checked.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.scoping import ScopedQuerySet


class DokumenFinalQuerySet(ScopedQuerySet):
    kode_path = "kode_wilayah"


def _path_pdf(instance, filename: str) -> str:
    return f"dokumen/{instance.kode}.pdf"


def _path_pindaian(instance, filename: str) -> str:
    ext = "pdf" if filename.lower().endswith(".pdf") else "jpg"
    return f"dokumen/{instance.kode}-pindaian.{ext}"


class DokumenFinal(models.Model):
    kode = models.CharField(_("kode verifikasi"), max_length=16, unique=True, editable=False)
    jenis = models.CharField(_("jenis"), max_length=40)
    judul = models.CharField(_("judul"), max_length=300)
    nomor = models.CharField(_("nomor"), max_length=100)
    kode_wilayah = models.CharField(_("kode wilayah"), max_length=13, db_index=True)
    nama_wilayah = models.CharField(_("wilayah"), max_length=200)
    snapshot = models.JSONField(_("isi yang ditandatangani"))
    sha256_snapshot = models.CharField(max_length=64)
    pdf = models.FileField(_("PDF"), upload_to=_path_pdf)
    sha256_pdf = models.CharField(_("SHA-256 PDF"), max_length=64)
    ditandatangani_pada = models.DateTimeField(_("ditandatangani pada"))
    dicatat_oleh = models.ForeignKey(
        "akun.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pindaian = models.FileField(_("pindaian bertanda tangan"), upload_to=_path_pindaian, blank=True)
    sha256_pindaian = models.CharField(max_length=64, blank=True)
    pindaian_diunggah_pada = models.DateTimeField(null=True, blank=True)

    objects = DokumenFinalQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen final")
        verbose_name_plural = _("dokumen final")
        ordering = ["-ditandatangani_pada"]

    def __str__(self) -> str:
        return f"{self.judul} ({self.kode})"
