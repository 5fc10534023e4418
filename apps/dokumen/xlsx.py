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
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
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


def _tulis_lembar(wb: Workbook, lembar: Lembar) -> None:
    ws = wb.create_sheet(title=judul_lembar(lembar.judul))
    for i, kolom in enumerate(lembar.kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = kolom.lebar
    baris_header = len(lembar.judul_atas) + (2 if lembar.judul_atas else 1)
    ws.freeze_panes = f"A{baris_header + 1}"
    for teks in lembar.judul_atas:
        ws.append([sel(ws, teks, gaya={"font": Font(bold=True, size=12)})])
    if lembar.judul_atas:
        ws.append([])
    ws.append([sel(ws, k.judul, gaya=GAYA_HEADER) for k in lembar.kolom])
    n = 0
    for row in lembar.baris:
        gaya = None
        if isinstance(row, Baris):
            gaya, row = _GAYA_BARIS[row.gaya], row.nilai
        ws.append(
            [
                sel(ws, value, fmt=kolom.format, gaya=gaya)
                for value, kolom in zip(row, lembar.kolom, strict=False)
            ]
        )
        n += 1
    terakhir = get_column_letter(len(lembar.kolom))
    ws.auto_filter.ref = f"A{baris_header}:{terakhir}{baris_header + max(n, 1)}"


def judul_lembar(teks: str) -> str:
    """A valid, unique-enough sheet title: at most 31 characters, none of []:*?/\\."""
    for ch in "[]:*?/\\":
        teks = teks.replace(ch, " ")
    return teks.strip()[:31] or "Lembar"


def tulis_xlsx(lembar: list[Lembar]) -> bytes:
    wb = Workbook(write_only=True)
    for item in lembar:
        _tulis_lembar(wb, item)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
