"""Demo wilayah: Kota Banjarmasin from the reference CSVs, with RW and RT per kelurahan."""

import random
from pathlib import Path

from apps.wilayah.models import RT, Daerah, Kelurahan, Lingkungan, ZonaWaktu
from apps.wilayah.services import perangkat_daerah_impor_csv, wilayah_impor_csv

DATA = Path(__file__).resolve().parent.parent / "wilayah" / "data"


def muat_wilayah() -> Daerah:
    # Banjarmasin is WITA; set on every run, so a demo loaded before the field existed
    # is corrected too.
    daerah = wilayah_impor_csv(
        DATA / "wilayah-banjarmasin.csv",
        provinsi="Kalimantan Selatan",
        singkatan="BJM",
        zona_waktu=ZonaWaktu.WITA,
    )
    perangkat_daerah_impor_csv(DATA / "perangkat-daerah-banjarmasin.csv", daerah=daerah)
    for kelurahan in Kelurahan.objects.filter(kecamatan__daerah=daerah):
        _muat_rw_rt(kelurahan)
    return daerah


def _muat_rw_rt(kelurahan: Kelurahan) -> None:
    # Seeded by the kode, so every run (and every machine) makes the same RW and RT.
    acak = random.Random(kelurahan.kode)
    if kelurahan.lingkungan.exists():
        return
    for nomor_rw in range(1, acak.randint(3, 6) + 1):
        rw = Lingkungan.objects.create(
            kelurahan=kelurahan, jenis=Lingkungan.Jenis.RW, nomor=nomor_rw
        )
        RT.objects.bulk_create(
            RT(lingkungan=rw, nomor=nomor_rt) for nomor_rt in range(1, acak.randint(3, 8) + 1)
        )
