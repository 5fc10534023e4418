"""The one audit helper: every service records what it changed through ``catat_jejak``.

Like pretix's ``log_action``: who, when, on which row, and each field's old → new value.
Domain histories that the public reads (an usulan's RiwayatStatus timeline) are written
by their own services besides; this is the full trail an auditor or a Bappeda reads.
"""

import datetime
from decimal import Decimal

from django.db import models

from apps.core.models import Jejak, kunci_objek


def nilai_jejak(value):
    """A field value as the trail stores it (JSON): rows by their label, numbers exact."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else format(value, "f")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [nilai_jejak(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def potret(obj, fields) -> dict:
    """The current values of ``fields`` of ``obj``, to compare after a change."""
    return {f: nilai_jejak(getattr(obj, f)) for f in fields}


def selisih(sebelum: dict, sesudah: dict) -> dict:
    """{field: [old, new]} for every field whose value changed."""
    return {
        f: [sebelum.get(f), sesudah.get(f)]
        for f in sorted(set(sebelum) | set(sesudah))
        if sebelum.get(f) != sesudah.get(f)
    }


def jejak(
    *,
    oleh,
    objek,
    aksi: str,
    perubahan: dict | None = None,
    catatan: str = "",
    induk=None,
) -> Jejak:
    """The unsaved row ``catat_jejak`` records: for services that write many at once
    (``Jejak.objects.bulk_create``)."""
    jenis, pk = kunci_objek(objek)
    induk_jenis, induk_id = kunci_objek(induk) if induk is not None else ("", "")
    sumber = objek if hasattr(objek, "kode_wilayah") else induk
    return Jejak(
        oleh=oleh if getattr(oleh, "pk", None) else None,
        kode_wilayah=getattr(sumber, "kode_wilayah", "") or "",
        objek_jenis=jenis,
        objek_id=pk,
        objek=str(objek)[:200],
        induk_jenis=induk_jenis,
        induk_id=induk_id,
        aksi=str(aksi),
        perubahan={str(f): nilai_jejak(list(v)) for f, v in (perubahan or {}).items()},
        catatan=catatan,
    )


def catat_jejak(
    *,
    oleh,
    objek,
    aksi: str,
    perubahan: dict | None = None,
    catatan: str = "",
    induk=None,
) -> Jejak:
    """Record that ``oleh`` did ``aksi`` on ``objek`` (a part of ``induk``, if given),
    with ``perubahan`` as {field: [old, new]}. Scoped by the wilayah of ``objek`` (or of
    ``induk``)."""
    baris = jejak(
        oleh=oleh, objek=objek, aksi=aksi, perubahan=perubahan, catatan=catatan, induk=induk
    )
    baris.save(force_insert=True)
    return baris
