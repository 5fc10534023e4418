"""Read an uploaded .xlsx against a column spec, reporting every bad cell.

Nothing here saves anything: callers validate the whole file first and save all rows in
one transaction only when there is no error ("all or nothing"). File-level problems (not
an xlsx, empty, too large, missing columns) raise DomainError with a message for the user;
cell-level problems are collected as ``GalatSel`` ("Baris 7, kolom Perkiraan Biaya: ..."),
each followed by how that column is written (``KolomImpor.contoh``).

Values are streamed (openpyxl read-only, cached values). What read-only mode hides is read
in a second streaming pass over the sheet's XML (``_struktur``): formulas whose value the
file does not hold, and merged cells. Both would otherwise look like empty cells.
"""

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_from_string, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.xml.constants import SHEET_MAIN_NS

from apps.core.angka import dengan_contoh
from apps.core.exceptions import DomainError

MAKS_UKURAN = 5 * 1024 * 1024  # bytes uploaded
MAKS_ISI = 50 * 1024 * 1024  # bytes once unzipped: refuses zip bombs
# ...and a real workbook never unpacks to a hundred times its size (small files aside:
# a few KB of shared formatting may compress that well, and cannot hurt).
MAKS_RASIO = 100
RASIO_DARI = 1024 * 1024
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
    # How to write a good value, appended to every error of this column and shown in the
    # template's instructions: "tulis nomor RT, misalnya 3 atau “RT 03”".
    contoh: str = ""


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
    # (row number, column nama) of every cell already reported, so that callers checking
    # whole rows do not report the same cell again as "empty".
    ditandai: set[tuple[int, str]] = field(default_factory=set)

    def tambah(self, baris: int, kolom: KolomImpor, pesan: str) -> None:
        self.galat.append(GalatSel(baris, kolom.judul, pesan))
        self.ditandai.add((baris, kolom.nama))


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
    if size is None:
        berkas.seek(0, 2)
        size = berkas.tell()
    if size == 0:
        raise DomainError("Berkas kosong.")
    if size > MAKS_UKURAN:
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
            # The sizes the zip declares are the ones zipfile enforces while unpacking,
            # so checking them refuses a bomb before openpyxl unpacks anything.
            terurai = sum(info.file_size for info in z.infolist())
            if terurai > MAKS_ISI or (terurai > RASIO_DARI and terurai > MAKS_RASIO * size):
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


_TAG_SEL = f"{{{SHEET_MAIN_NS}}}c"
_TAG_RUMUS = f"{{{SHEET_MAIN_NS}}}f"
_TAG_NILAI = f"{{{SHEET_MAIN_NS}}}v"
_TAG_BARIS = f"{{{SHEET_MAIN_NS}}}row"
_TAG_GABUNG = f"{{{SHEET_MAIN_NS}}}mergeCell"
# What a formula shows when it fails; read as text it would pass for a value.
GALAT_EXCEL = frozenset(
    ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"]
)


@dataclass
class _Struktur:
    # (row, column) -> formula text, for formulas whose value the file does not hold.
    rumus: dict[tuple[int, int], str] = field(default_factory=dict)
    # (range as written, min_col, min_row, max_col, max_row)
    gabungan: list[tuple[str, int, int, int, int]] = field(default_factory=list)


def _struktur(ws) -> _Struktur:
    """Formulas without a saved value and merged ranges of a read-only sheet, streamed.

    openpyxl's read-only mode exposes neither: with ``data_only`` a formula nobody
    calculated reads as None (openpyxl, and some converters, save formulas without a
    value), and merged ranges are not parsed at all. Loading the workbook in full would
    show both but holds every cell in memory; this reads the sheet's XML once more and
    keeps only those two things. ``_get_source`` is openpyxl's own way to open the sheet.
    """
    hasil = _Struktur()
    with ws._get_source() as sumber:
        for _event, el in iterparse(sumber):
            if el.tag == _TAG_SEL:
                rumus = el.find(_TAG_RUMUS)
                # A formula whose result is empty text is saved as t="str" with an empty
                # value: that is a value, not a missing one.
                if rumus is not None and not el.findtext(_TAG_NILAI) and el.get("t") != "str":
                    if ref := el.get("r"):
                        huruf, baris = coordinate_from_string(ref)
                        kolom = column_index_from_string(huruf)
                        hasil.rumus[(baris, kolom)] = f"={rumus.text}" if rumus.text else ""
                el.clear()
            elif el.tag == _TAG_BARIS:
                el.clear()
            elif el.tag == _TAG_GABUNG and (ref := el.get("ref")):
                try:
                    hasil.gabungan.append((ref, *range_boundaries(ref)))
                except ValueError:
                    continue
    return hasil


def _gabungan_di_data(
    struktur: _Struktur, baris_data: set[int], kolom_dibaca: dict[int, KolomImpor]
) -> list[tuple[str, int, KolomImpor, set[tuple[int, int]]]]:
    """Merged ranges that hide values of data rows: (range, row, column, cells hidden).

    A merge only matters where it covers a cell the import reads: in a data row, in a
    column of the spec, other than its top-left cell (which holds the value). A title
    merged above the header, or a tall row merged over blank rows, is left alone.
    """
    hasil = []
    for ref, min_col, min_row, max_col, max_row in struktur.gabungan:
        tertutup = {
            (r, c)
            for r in range(min_row, max_row + 1)
            if r in baris_data
            for c in range(min_col, max_col + 1)
            if c in kolom_dibaca and (r, c) != (min_row, min_col)
        }
        if not tertutup:
            continue
        baris = min_row if min_row in baris_data else min(r for r, _c in tertutup)
        kolom = kolom_dibaca.get(min_col) or kolom_dibaca[min(c for _r, c in tertutup)]
        hasil.append((ref, baris, kolom, tertutup))
    return hasil


def baca_xlsx(berkas, kolom: list[KolomImpor], *, nama_lembar: str | None = None) -> HasilBaca:
    wb = _buka(berkas)
    try:
        ws = wb[nama_lembar] if nama_lembar and nama_lembar in wb.sheetnames else wb.worksheets[0]
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append(row)
            if len(rows) > MAKS_BARIS + BARIS_CARI_HEADER:
                raise DomainError(f"Berkas terlalu banyak baris; maksimal {MAKS_BARIS} baris data.")
        struktur = _struktur(ws)
    except DefusedXmlException as e:
        # A DTD or entity in a sheet's XML: never expanded (defusedxml), refused.
        raise DomainError("Berkas .xlsx rusak atau tidak dapat dibaca.") from e
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
    # Sheet rows and columns count from 1; ``rows`` and ``peta`` from 0.
    baris_data = {
        i for i, row in enumerate(rows[header + 1 :], start=header + 2) if any(teks(v) for v in row)
    }
    kolom_dibaca = {peta[k.nama] + 1: k for k in kolom if k.nama in peta}
    hasil = HasilBaca()
    tertutup = set()
    for ref, baris, k, sel in _gabungan_di_data(struktur, baris_data, kolom_dibaca):
        hasil.tambah(
            baris,
            k,
            f"sel {ref} digabung (merge); pisahkan gabungan sel itu (Unmerge Cells) "
            "lalu isi nilainya di setiap baris",
        )
        tertutup |= sel
        hasil.ditandai |= {(r, kolom_dibaca[c].nama) for r, c in sel}
    for offset, row in enumerate(rows[header + 1 :], start=header + 2):
        if offset not in baris_data:
            continue  # blank rows, including the trailing ones Excel keeps
        nilai = {}
        for k in kolom:
            nilai[k.nama] = None
            if k.nama not in peta:
                continue
            j = peta[k.nama] + 1
            sel = f"{get_column_letter(j)}{offset}"
            raw = row[j - 1] if j - 1 < len(row) else None
            if isinstance(raw, str):
                raw = teks(raw)
            if (offset, j) in tertutup:
                continue  # reported once for its merged range
            if (offset, j) in struktur.rumus:
                rumus = struktur.rumus[(offset, j)]
                hasil.tambah(
                    offset,
                    k,
                    f"sel {sel} berisi rumus{' ' + rumus if rumus else ''} yang nilainya belum "
                    "disimpan Excel; buka berkas di Excel atau LibreOffice lalu simpan ulang, "
                    "atau ketik nilainya langsung",
                )
                continue
            if isinstance(raw, str) and raw in GALAT_EXCEL:
                hasil.tambah(
                    offset,
                    k,
                    f"rumus di sel {sel} menghasilkan galat {raw}; perbaiki rumusnya atau "
                    "ketik nilainya langsung",
                )
                continue
            if raw in (None, ""):
                if k.wajib:
                    hasil.tambah(offset, k, dengan_contoh("wajib diisi", k.contoh))
                continue
            try:
                nilai[k.nama] = k.parser(raw)
            except ValueError as e:
                hasil.tambah(offset, k, dengan_contoh(str(e), k.contoh))
        hasil.baris.append((offset, nilai))
    if len(hasil.baris) > MAKS_BARIS:
        raise DomainError(f"Berkas terlalu banyak baris; maksimal {MAKS_BARIS} baris data.")
    if not hasil.baris:
        raise DomainError("Berkas tidak berisi baris data di bawah judul kolom.")
    hasil.galat.sort(key=lambda g: g.baris)
    return hasil


def contoh_pilihan(*contoh: str) -> str:
    """``KolomImpor.contoh`` of a choice column: "pilih dari daftar, misalnya “a” atau “b”"."""
    if not contoh:
        return "pilih dari daftar pada templat"
    return "pilih dari daftar, misalnya " + " atau ".join(f"“{c}”" for c in contoh)


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
