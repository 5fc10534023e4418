"""A compilation download prepared in the background (the big Excel and PDF files).

An Unduhan belongs to the user who asked for it and to no one else: the file holds what
that user's scope showed when it was made, so another user (even of the same wilayah)
does not find it. It records the filter as asked and in words, for the file's stamp.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel

BATAS_ANTRI_DETIK = 60


class Jenis(models.TextChoices):
    XLSX = "xlsx", _("Excel")
    PDF = "pdf", _("PDF")


class StatusUnduhan(models.TextChoices):
    ANTRI = "antri", _("Menunggu giliran")
    BERJALAN = "berjalan", _("Sedang disusun")
    SELESAI = "selesai", _("Siap diunduh")
    GAGAL = "gagal", _("Gagal")


def _path(instance: "Unduhan", filename: str) -> str:
    return f"kompilasi/{instance.pk}/{filename}"


class Unduhan(TimeStampedModel):
    # Unguessable: the id is in the progress and download URLs.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unduhan"
    )
    siklus = models.ForeignKey("siklus.Siklus", on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=4, choices=Jenis.choices)
    saring = models.JSONField(_("saringan"), default=dict, blank=True)
    keterangan_saring = models.CharField(_("saringan"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusUnduhan.choices, default=StatusUnduhan.ANTRI
    )
    progres = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    jumlah_baris = models.PositiveIntegerField(_("jumlah usulan"), default=0)
    berkas = models.FileField(_("berkas"), upload_to=_path, blank=True)
    galat = models.TextField(_("galat"), blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("unduhan kompilasi")
        verbose_name_plural = _("unduhan kompilasi")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progres__lte=100), name="unduhan_progres_persen"),
            models.CheckConstraint(
                condition=Q(status__in=StatusUnduhan.values), name="unduhan_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def menunggu_lama(self) -> bool:
        """Queued for over a minute: no worker is taking tasks (the page says so)."""
        batas = timezone.now() - datetime.timedelta(seconds=BATAS_ANTRI_DETIK)
        return self.status == StatusUnduhan.ANTRI and self.created_at < batas

    @property
    def selesai(self) -> bool:
        return self.status in (StatusUnduhan.SELESAI, StatusUnduhan.GAGAL)
