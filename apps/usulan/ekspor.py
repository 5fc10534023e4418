"""The usulan list as Excel, in the DU-RKP Desa column order, grouped by bidang.

Rows start from what the user may see (``usulan_daftar`` applies ``for_user`` and the
list's filters), so the file is exactly the filtered page, every page of it.
"""

from collections.abc import Iterator
from decimal import Decimal
from itertools import chain

from django.utils.text import slugify

from apps.dokumen.xlsx import (
    FORMAT_ANGKA,
    FORMAT_RUPIAH,
    MIMETYPE,
    Baris,
    Kolom,
    Lembar,
    tulis_xlsx,
)
from apps.siklus.models import Siklus
from apps.usulan.models import Bidang
from apps.usulan.selectors import usulan_daftar

KOLOM = [
    # The DU-RKP Desa columns (Permendagri 114/2014), in their order...
    Kolom("No", 6),
    Kolom("Bidang", 28),
    Kolom("Jenis Kegiatan", 42),
    Kolom("Lokasi (RT/RW)", 16),
    Kolom("Volume", 10, FORMAT_ANGKA),
    Kolom("Satuan", 9),
    Kolom("Sasaran/Penerima Manfaat", 32),
    Kolom("Perkiraan Waktu Pelaksanaan", 14),
    Kolom("Prakiraan Biaya (Rp)", 18, FORMAT_RUPIAH),
    Kolom("Sumber Pembiayaan", 28),
    # ...then what lets a planner trace each row.
    Kolom("Perangkat Daerah", 16),
    Kolom("Kode Usulan", 16),
    Kolom("Kelurahan/Desa", 20),
    Kolom("Status", 22),
    Kolom("Pengusul", 26),
]
HURUF = "ABCDE"


def baris_du_rkp(user, *, siklus: Siklus | None, saring: dict) -> Iterator[list | Baris]:
    """One group per bidang (in the official order) with its subtotal, then the total."""
    total = Decimal(0)
    for i, bidang in enumerate(Bidang):
        qs = usulan_daftar(user, siklus=siklus, saring={**saring, "bidang": bidang.value})
        rows = qs.iterator(chunk_size=500)
        pertama = next(rows, None)
        if pertama is None:
            continue  # no empty groups
        yield Baris([HURUF[i], bidang.label], "grup")
        subtotal = Decimal(0)
        for no, u in enumerate(chain([pertama], rows), start=1):
            subtotal += u.perkiraan_biaya
            yield _baris(no, u)
        total += subtotal
        yield Baris(["", f"Jumlah {bidang.label}", "", "", "", "", "", "", subtotal], "subtotal")
    yield Baris(["", "JUMLAH SELURUHNYA", "", "", "", "", "", "", total], "total")


def _baris(no: int, u) -> list:
    return [
        no,
        u.get_bidang_display(),
        u.judul,
        u.lokasi,
        u.volume,
        u.get_satuan_display(),
        u.sasaran,
        str(u.siklus.tahun_rencana),
        u.perkiraan_biaya,
        u.get_sumber_pembiayaan_display(),
        u.perangkat_daerah.singkatan if u.perangkat_daerah_id else "",
        u.kode,
        u.kelurahan.nama,
        u.get_status_display(),
        u.pengusul,
    ]


def ekspor_du_rkp(user, *, siklus: Siklus | None, saring: dict) -> tuple[str, str, bytes]:
    """(filename, mimetype, bytes) of the filtered list."""
    judul = "DAFTAR USULAN RENCANA KERJA PEMBANGUNAN DESA/KELURAHAN"
    sub = f"Siklus {siklus}" if siklus else "Semua siklus"
    if kel := saring.get("kelurahan"):
        sub = f"{kel} — {sub}"
    isi = tulis_xlsx(
        [
            Lembar(
                judul="Usulan",
                kolom=KOLOM,
                baris=baris_du_rkp(user, siklus=siklus, saring=saring),
                judul_atas=[judul, sub],
            )
        ]
    )
    nama = f"daftar-usulan-{slugify(sub)}.xlsx"
    return nama, MIMETYPE, isi
