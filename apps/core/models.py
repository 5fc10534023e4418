import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from apps.core.formatting import jam, tanggal
from apps.core.scoping import ScopedQuerySet


class TimeStampedModel(models.Model):
    """Every domain row knows when it was created and last changed."""

    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        abstract = True


class JejakQuerySet(ScopedQuerySet):
    kode_path = "kode_wilayah"

    def untuk_objek(self, obj):
        """Everything recorded on ``obj`` itself or on its parts (rows recorded with it as
        their ``induk``), oldest first."""
        jenis, pk = kunci_objek(obj)
        return self.filter(
            models.Q(objek_jenis=jenis, objek_id=pk) | models.Q(induk_jenis=jenis, induk_id=pk)
        ).order_by("waktu", "pk")


def kunci_objek(obj) -> tuple[str, str]:
    """("app_label.model", "pk") naming any model row."""
    return obj._meta.label_lower, str(obj.pk)


class Jejak(models.Model):
    """One change a user made: who, when, on what, and each field's old → new value.

    The audit trail of every service (apps.core.audit.catat_jejak), whatever the app:
    a forum's status moves and its TPM, agenda, participants, decisions and signatories;
    an usulan's edits. ``kode_wilayah`` is the wilayah of the changed row, so the trail is
    scoped like the rows it describes; ``induk`` names the row it is part of (a TPM
    member → its forum), so a forum's page lists the changes to all its parts.
    """

    waktu = models.DateTimeField("waktu", default=timezone.now, db_index=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="oleh",
    )
    kode_wilayah = models.CharField(max_length=13, blank=True, db_index=True)
    objek_jenis = models.CharField(max_length=60)
    objek_id = models.CharField(max_length=40)
    objek = models.CharField("objek", max_length=200)
    induk_jenis = models.CharField(max_length=60, blank=True)
    induk_id = models.CharField(max_length=40, blank=True)
    aksi = models.CharField("aksi", max_length=40)
    perubahan = models.JSONField("perubahan", default=dict, blank=True)
    catatan = models.TextField("catatan", blank=True)

    objects = JejakQuerySet.as_manager()

    class Meta:
        verbose_name = "jejak perubahan"
        verbose_name_plural = "jejak perubahan"
        ordering = ["-waktu", "-pk"]
        indexes = [
            models.Index(fields=["objek_jenis", "objek_id"], name="jejak_objek"),
            models.Index(fields=["induk_jenis", "induk_id"], name="jejak_induk"),
        ]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.aksi} {self.objek}"

    @property
    def rincian(self) -> list[tuple[str, str, str]]:
        """(field, old, new) for display, as a reader writes them ("ya", "12 Februari
        2027", "08.30"); a field that was empty and stays empty says nothing."""
        hasil = []
        for f, (lama, baru) in self.perubahan.items():
            lama, baru = tampil_jejak(lama), tampil_jejak(baru)
            if lama or baru:
                hasil.append((f.replace("_", " "), lama, baru))
        return hasil


def tampil_jejak(value) -> str:
    """A value as the trail stores it (apps.core.audit.nilai_jejak), for a reader."""
    if value is None or value == "" or value == []:
        return ""
    if value is True:
        return "ya"
    if value is False:
        return "tidak"
    if isinstance(value, list):
        return ", ".join(t for t in (tampil_jejak(v) for v in value) if t)
    if isinstance(value, str):
        # ISO dates and times, the only strings nilai_jejak writes in these shapes.
        try:
            if len(value) == 10 and value[4] == value[7] == "-":
                return tanggal(datetime.date.fromisoformat(value))
            if len(value) == 8 and value[2] == value[5] == ":":
                return jam(datetime.time.fromisoformat(value))
        except ValueError:
            pass
    return str(value)
