"""Writes on wilayah: import a daerah's kecamatan and kelurahan, and its SKPD, from CSV.

Both imports are idempotent (matched on kode / singkatan), so they can be re-run when the
Kemendagri list is updated; names are updated, nothing is deleted.
"""

import csv
from pathlib import Path

from django.db import transaction

from apps.core.exceptions import DomainError
from apps.wilayah.models import Daerah, Kecamatan, Kelurahan, PerangkatDaerah


def _simpan(model, lookup: dict, values: dict):
    """Update the row matching ``lookup`` (or a new one) with ``values``, validated."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def wilayah_impor_csv(
    path: Path, *, provinsi: str = "", singkatan: str = "", zona_waktu: str | None = None
) -> Daerah:
    """Import one daerah from a CSV with columns kode, tingkat, nama, induk.

    ``tingkat`` is kota|kabupaten (one row), kecamatan, or kelurahan|desa.
    ``zona_waktu`` (WIB/WITA/WIT) is set when given; otherwise a new daerah gets the
    default and an existing one keeps what Bappeda chose.
    Returns the daerah. Refuses a file with no or several daerah rows.
    """
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    daerah_rows = [r for r in rows if r["tingkat"] in Daerah.Jenis.values]
    if len(daerah_rows) != 1:
        raise DomainError(f"{path.name}: harus ada tepat satu baris kota/kabupaten.")
    r = daerah_rows[0]
    nilai = {"nama": r["nama"], "jenis": r["tingkat"], "provinsi": provinsi, "singkatan": singkatan}
    if zona_waktu is not None:
        nilai["zona_waktu"] = zona_waktu
    daerah = _simpan(Daerah, {"kode": r["kode"]}, nilai)
    kecamatan = {}
    for r in rows:
        if r["tingkat"] == "kecamatan":
            obj = _simpan(Kecamatan, {"kode": r["kode"]}, {"nama": r["nama"], "daerah": daerah})
            kecamatan[obj.kode] = obj
    for r in rows:
        if r["tingkat"] in Kelurahan.Jenis.values:
            induk = kecamatan.get(r["induk"])
            if induk is None:
                raise DomainError(f"{path.name}: kecamatan induk {r['induk']} tidak ada.")
            _simpan(
                Kelurahan,
                {"kode": r["kode"]},
                {"nama": r["nama"], "kecamatan": induk, "jenis": r["tingkat"]},
            )
    return daerah


@transaction.atomic
def perangkat_daerah_impor_csv(path: Path, *, daerah: Daerah) -> list[PerangkatDaerah]:
    """Import the SKPD of ``daerah`` from a CSV with columns nama, singkatan."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    hasil = []
    for r in rows:
        hasil.append(
            _simpan(
                PerangkatDaerah,
                {"daerah": daerah, "singkatan": r["singkatan"].strip()},
                {"nama": r["nama"].strip()},
            )
        )
    return hasil
