"""The usulan list as Excel, in the DU-RKP Desa column order, grouped by bidang.

Rows start from what the user may see (``usulan_daftar`` applies ``for_user`` and the
list's filters), so the file is exactly the filtered page, every page of it.
"""

from collections.abc import Iterator
from decimal import Decimal
from itertools import chain

from django.utils.text import slugify

from apps.core.formatting import label_pilihan
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
from apps.usulan.models import Bidang, Satuan, Status, SumberPembiayaan, Usulan
from apps.usulan.selectors import usulan_daftar
from apps.wilayah.models import RT, Lingkungan

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


# Only what the file prints, read as plain values: no model rows, no annotations.
_KOLOM_DB = (
    "bidang",
    "judul",
    "lingkungan__jenis",
    "lingkungan__nomor",
    "lingkungan__nama",
    "rt",
    "rt__nomor",
    "volume",
    "satuan",
    "sasaran",
    "siklus__tahun_rencana",
    "perkiraan_biaya",
    "sumber_pembiayaan",
    "perangkat_daerah__singkatan",
    "kode",
    "kelurahan__nama",
    "status",
    "pengusul",
)


def baris_du_rkp(user, *, siklus: Siklus | None, saring: dict) -> Iterator[list | Baris]:
    """One group per bidang (in the official order) with its subtotal, then the total."""
    total = Decimal(0)
    tulis = _penulis()
    for i, bidang in enumerate(Bidang):
        qs = usulan_daftar(user, siklus=siklus, saring={**saring, "bidang": bidang.value})
        rows = qs.values(*_KOLOM_DB).iterator(chunk_size=2000)
        pertama = next(rows, None)
        if pertama is None:
            continue  # no empty groups
        yield Baris([HURUF[i], bidang.label], "grup")
        subtotal = Decimal(0)
        for no, u in enumerate(chain([pertama], rows), start=1):
            subtotal += u["perkiraan_biaya"]
            yield tulis(no, u)
        total += subtotal
        yield Baris(["", f"Jumlah {bidang.label}", "", "", "", "", "", "", subtotal], "subtotal")
    yield Baris(["", "JUMLAH SELURUHNYA", "", "", "", "", "", "", total], "total")


def _penulis():
    """A row writer with the labels translated once and each location written once."""
    bidang, satuan = label_pilihan(Bidang), label_pilihan(Satuan)
    sumber, status = label_pilihan(SumberPembiayaan), label_pilihan(Status)
    lokasi = {}

    def lokasi_dari(u: dict) -> str:
        kunci = (
            u["lingkungan__jenis"],
            u["lingkungan__nomor"],
            u["lingkungan__nama"],
            u["rt"],
            u["rt__nomor"],
        )
        if kunci not in lokasi:
            # The model's own wording (Usulan.lokasi), on unsaved rows built from the values.
            lg = Lingkungan(jenis=kunci[0], nomor=kunci[1], nama=kunci[2])
            rt = RT(pk=kunci[3], nomor=kunci[4], lingkungan=lg) if kunci[3] else None
            lokasi[kunci] = Usulan(lingkungan=lg, rt=rt).lokasi
        return lokasi[kunci]

    def tulis(no: int, u: dict) -> list:
        return [
            no,
            bidang(u["bidang"]),
            u["judul"],
            lokasi_dari(u),
            u["volume"],
            satuan(u["satuan"]),
            u["sasaran"],
            str(u["siklus__tahun_rencana"]),
            u["perkiraan_biaya"],
            sumber(u["sumber_pembiayaan"]),
            u["perangkat_daerah__singkatan"] or "",
            u["kode"],
            u["kelurahan__nama"],
            status(u["status"]),
            u["pengusul"],
        ]

    return tulis


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
