"""One writer for every Excel export (openpyxl, write-only so memory stays flat).

Exporters hand it sheets of plain values; it adds the header style, frozen header,
filters, column widths and number formats, and writes any text that a spreadsheet would
take for a formula (``=``, ``+``, ``-``, ``@``) as text: a usulan titled
``=HYPERLINK(...)`` must never run in a Bappeda planner's Excel.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_RUPIAH = "#,##0"
FORMAT_ANGKA = "General"  # "#,##0.##" would print 120 as "120."
FORMAT_BULAT = "#,##0"
FORMAT_TANGGAL = "d mmmm yyyy"
AWALAN_RUMUS = ("=", "+", "-", "@")

_TIPIS = Side(style="thin", color="999999")
GAYA_HEADER = {
    "font": Font(bold=True, color="FFFFFF"),
    "fill": PatternFill("solid", fgColor="1F4E79"),
    "alignment": Alignment(wrap_text=True, vertical="center", horizontal="center"),
    "border": Border(top=_TIPIS, bottom=_TIPIS, left=_TIPIS, right=_TIPIS),
}
_GAYA_BARIS = {
    "grup": {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="DDEBF7")},
    "subtotal": {"font": Font(bold=True, italic=True)},
    "total": {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="FFF2CC")},
}


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: int = 15
    format: str | None = None


@dataclass(frozen=True)
class Baris:
    """A row with a style: ``grup`` (a group heading), ``subtotal`` or ``total``."""

    nilai: list
    gaya: str


@dataclass
class Lembar:
    judul: str
    kolom: list[Kolom]
    baris: Iterable[list | Baris]
    judul_atas: list[str] = field(default_factory=list)  # title lines above the header


def nilai_aman(value):
    """Plain values a cell can hold; text never becomes a formula or breaks the file."""
    if isinstance(value, Promise):  # a lazily translated label
        value = str(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, Decimal):
        # Excel stores floats; whole amounts stay exact as ints.
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def sel(ws, value, *, fmt: str | None = None, gaya: dict | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=nilai_aman(value))
    if isinstance(cell.value, str) and cell.value.startswith(AWALAN_RUMUS):
        cell.data_type = "s"
    if fmt and not isinstance(cell.value, str):
        cell.number_format = fmt
    for name, style in (gaya or {}).items():
        setattr(cell, name, style)
    return cell


def _penulis_baris(ws, kolom: list[Kolom]):
    """The writer of a sheet's plain rows: what ``sel`` does, at a fraction of its cost.

    Most cells go to openpyxl as plain values (it reuses one cell for them); a cell is
    made only for text that looks like a formula and for numbers with a format, and a
    number format's style is built once per column and copied, not set cell by cell.
    """
    gaya = []
    for k in kolom:
        if k.format:
            contoh = WriteOnlyCell(ws)
            contoh.number_format = k.format
            gaya.append(contoh._style)
        else:
            gaya.append(None)

    def tulis(row) -> list:
        hasil = []
        for value, style in zip(row, gaya, strict=False):
            value = nilai_aman(value)
            if isinstance(value, str):
                if value.startswith(AWALAN_RUMUS):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.data_type = "s"
                    value = cell
            elif style is not None:
                value = Cell(ws, row=1, column=1, value=value, style_array=style)
            hasil.append(value)
        return hasil

    return tulis


def _tulis_lembar(wb: Workbook, lembar: Lembar, judul: str) -> None:
    ws = wb.create_sheet(title=judul)
    for i, kolom in enumerate(lembar.kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = kolom.lebar
    baris_header = len(lembar.judul_atas) + (2 if lembar.judul_atas else 1)
    ws.freeze_panes = f"A{baris_header + 1}"
    # Printed: landscape A4, as wide as one page, the header row on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{baris_header}:{baris_header}"
    for teks in lembar.judul_atas:
        ws.append([sel(ws, teks, gaya={"font": Font(bold=True, size=12)})])
    if lembar.judul_atas:
        ws.append([])
    ws.append([sel(ws, k.judul, gaya=GAYA_HEADER) for k in lembar.kolom])
    n = 0
    tulis = _penulis_baris(ws, lembar.kolom)
    for row in lembar.baris:
        if isinstance(row, Baris):
            # The filter covers the data, not a closing total (sorting would move it).
            if row.gaya == "total":
                n -= 1
            gaya = _GAYA_BARIS[row.gaya]
            ws.append(
                [
                    sel(ws, value, fmt=kolom.format, gaya=gaya)
                    for value, kolom in zip(row.nilai, lembar.kolom, strict=False)
                ]
            )
        else:
            ws.append(tulis(row))
        n += 1
    terakhir = get_column_letter(len(lembar.kolom))
    ws.auto_filter.ref = f"A{baris_header}:{terakhir}{baris_header + max(n, 1)}"


def judul_lembar(teks: str, terpakai: set[str] | None = None) -> str:
    """A valid sheet title: at most 31 characters, none of []:*?/\\, not starting or
    ending with an apostrophe, and — given the titles already used — unique the way Excel
    compares them (ignoring case), by a numbered suffix that still fits."""
    for ch in "[]:*?/\\":
        teks = teks.replace(ch, " ")
    teks = " ".join(teks.split()).strip("'").strip()[:31] or "Lembar"
    if terpakai is None:
        return teks
    judul, n = teks, 1
    while judul.casefold() in terpakai:
        n += 1
        akhiran = f" ({n})"
        judul = teks[: 31 - len(akhiran)].rstrip() + akhiran
    terpakai.add(judul.casefold())
    return judul


def tulis_xlsx(lembar: Iterable[Lembar], ke=None) -> bytes | None:
    """Write the sheets (consumed one after the other, so a generator of sheets with
    generators of rows keeps memory flat) to ``ke`` (a path or binary file), or return
    the bytes when ``ke`` is None."""
    wb = Workbook(write_only=True)
    terpakai: set[str] = set()
    for item in lembar:
        _tulis_lembar(wb, item, judul_lembar(item.judul, terpakai))
    if ke is not None:
        wb.save(ke)
        return None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
