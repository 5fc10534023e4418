"""Read an uploaded .xlsx against a column spec, reporting every bad cell.

Nothing here saves anything: callers validate the whole file first and save all rows in
one transaction only when there is no error ("all or nothing"). File-level problems (not
an xlsx, empty, too large, missing columns) raise DomainError with a message for the user;
cell-level problems are collected as ``GalatSel`` ("Baris 7, kolom Perkiraan Biaya: ...").
"""

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from apps.core.exceptions import DomainError

MAKS_UKURAN = 5 * 1024 * 1024  # bytes uploaded
MAKS_ISI = 50 * 1024 * 1024  # bytes once unzipped: refuses zip bombs
MAKS_BARIS = 2000
BARIS_CARI_HEADER = 10


@dataclass(frozen=True)
class KolomImpor:
    """One column of an import file: how to read it, and how its template shows it."""

    judul: str
    nama: str
    wajib: bool = False
    # Turns the raw cell value into the stored value; raises ValueError(pesan) when bad.
    parser: Callable[[Any], Any] = lambda v: v
    alias: tuple[str, ...] = ()  # other header texts accepted for this column
    # For the template (apps.dokumen.xlsx_templat):
    lebar: int = 16
    daftar: tuple[str, ...] = ()  # dropdown values
    keterangan: str = ""
    format: str | None = None


@dataclass(frozen=True)
class GalatSel:
    baris: int
    kolom: str
    pesan: str

    def __str__(self) -> str:
        if self.kolom:
            return f"Baris {self.baris}, kolom {self.kolom}: {self.pesan}"
        return f"Baris {self.baris}: {self.pesan}"


@dataclass
class HasilBaca:
    baris: list[tuple[int, dict]] = field(default_factory=list)  # (row number, values)
    galat: list[GalatSel] = field(default_factory=list)


def normalkan_judul(teks) -> str:
    teks = str(teks or "").lower().replace("*", "")
    teks = re.sub(r"\(.*?\)", "", teks)
    return re.sub(r"[^a-z0-9]+", " ", teks).strip()


def teks(value) -> str:
    """Cell text with stray spaces removed (also inside: "Jalan   Gang" -> "Jalan Gang")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _buka(berkas):
    size = getattr(berkas, "size", None)
    if size == 0:
        raise DomainError("Berkas kosong.")
    if size is not None and size > MAKS_UKURAN:
        raise DomainError(
            f"Berkas terlalu besar ({size // 1024} KB); maksimal {MAKS_UKURAN // 1024 // 1024} MB."
        )
    berkas.seek(0)
    if berkas.read(4) != b"PK\x03\x04":
        raise DomainError(
            "Berkas bukan Excel .xlsx. Simpan ulang sebagai “Excel Workbook (.xlsx)”."
        )
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as z:
            if sum(info.file_size for info in z.infolist()) > MAKS_ISI:
                raise DomainError("Isi berkas terlalu besar untuk diimpor.")
        berkas.seek(0)
        return load_workbook(berkas, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as e:
        raise DomainError("Berkas .xlsx rusak atau tidak dapat dibaca.") from e


def _cari_header(rows: list[tuple], kolom: list[KolomImpor]) -> tuple[int, dict[str, int]]:
    """The header row among the first rows: the one naming the most expected columns."""
    dikenal = {}
    for k in kolom:
        for judul in (k.judul, *k.alias):
            dikenal[normalkan_judul(judul)] = k.nama
    terbaik, peta_terbaik = -1, {}
    for i, row in enumerate(rows[:BARIS_CARI_HEADER]):
        peta = {}
        for j, value in enumerate(row):
            nama = dikenal.get(normalkan_judul(value))
            if nama and nama not in peta:
                peta[nama] = j
        if len(peta) > len(peta_terbaik):
            terbaik, peta_terbaik = i, peta
    return terbaik, peta_terbaik


def baca_xlsx(berkas, kolom: list[KolomImpor], *, nama_lembar: str | None = None) -> HasilBaca:
    wb = _buka(berkas)
    try:
        ws = wb[nama_lembar] if nama_lembar and nama_lembar in wb.sheetnames else wb.worksheets[0]
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append(row)
            if len(rows) > MAKS_BARIS + BARIS_CARI_HEADER:
                raise DomainError(f"Berkas terlalu banyak baris; maksimal {MAKS_BARIS} baris data.")
    finally:
        wb.close()
    if not any(any(teks(v) for v in row) for row in rows):
        raise DomainError("Berkas tidak berisi data.")
    header, peta = _cari_header(rows, kolom)
    hilang = [k.judul for k in kolom if k.wajib and k.nama not in peta]
    if header < 0 or hilang:
        raise DomainError(
            "Kolom berikut tidak ditemukan: "
            + ", ".join(hilang or [k.judul for k in kolom])
            + ". Gunakan templat terbaru."
        )
    hasil = HasilBaca()
    for offset, row in enumerate(rows[header + 1 :], start=header + 2):
        if not any(teks(v) for v in row):
            continue  # blank rows, including the trailing ones Excel keeps
        nilai = {}
        for k in kolom:
            raw = row[peta[k.nama]] if k.nama in peta and peta[k.nama] < len(row) else None
            if isinstance(raw, str):
                raw = teks(raw)
            if raw in (None, ""):
                if k.wajib:
                    hasil.galat.append(GalatSel(offset, k.judul, "wajib diisi"))
                nilai[k.nama] = None
                continue
            try:
                nilai[k.nama] = k.parser(raw)
            except ValueError as e:
                hasil.galat.append(GalatSel(offset, k.judul, str(e)))
                nilai[k.nama] = None
        hasil.baris.append((offset, nilai))
    if len(hasil.baris) > MAKS_BARIS:
        raise DomainError(f"Berkas terlalu banyak baris; maksimal {MAKS_BARIS} baris data.")
    if not hasil.baris:
        raise DomainError("Berkas tidak berisi baris data di bawah judul kolom.")
    return hasil


def _kunci_pilihan(teks_pilihan) -> str:
    # Only case and spacing are ignored: "m²" and "m" must stay different units.
    return " ".join(str(teks_pilihan).lower().replace("*", "").split())


def pilihan(choices, nama: str = "pilihan", alias: dict | None = None) -> Callable[[Any], Any]:
    """Parser for a choice: accepts the label or the stored value, any case and spacing.

    ``choices`` are (value, label) pairs; ``alias`` maps other accepted texts to a value.
    """
    peta = {}
    for value, label in choices:
        peta[_kunci_pilihan(value)] = value
        peta[_kunci_pilihan(label)] = value
    for teks_lain, value in (alias or {}).items():
        peta[_kunci_pilihan(teks_lain)] = value

    def parse(raw):
        value = peta.get(_kunci_pilihan(teks(raw)))
        if value is None:
            raise ValueError(f"“{teks(raw)}” bukan {nama} yang tersedia")
        return value

    return parse
