"""Import templates: a data sheet with dropdowns, an instructions sheet, hidden lists.

The data sheet's header is what ``xlsx_impor.baca_xlsx`` looks for, so a filled-in
template imports as it is. Dropdown values live on a hidden sheet (an inline list is
limited to 255 characters, too short for the SKPD of a kota).
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from apps.dokumen.xlsx import GAYA_HEADER, nilai_aman
from apps.dokumen.xlsx_impor import KolomImpor


def tulis_templat(
    *, judul_lembar: str, kolom: list[KolomImpor], petunjuk: list[str], baris: int = 500
) -> bytes:
    wb = Workbook()
    data = wb.active
    data.title = judul_lembar
    daftar = wb.create_sheet("Daftar")
    daftar.sheet_state = "hidden"
    for j, k in enumerate(kolom, start=1):
        huruf = get_column_letter(j)
        cell = data.cell(row=1, column=j, value=k.judul + (" *" if k.wajib else ""))
        for name, style in GAYA_HEADER.items():
            setattr(cell, name, style)
        data.column_dimensions[huruf].width = k.lebar
        if k.format:
            for r in range(2, baris + 2):
                data.cell(row=r, column=j).number_format = k.format
        if k.daftar:
            daftar.cell(row=1, column=j, value=k.judul)
            for i, value in enumerate(k.daftar, start=2):
                daftar.cell(row=i, column=j, value=nilai_aman(value)).data_type = "s"
            rentang = f"{quote_sheetname('Daftar')}!${huruf}$2:${huruf}${len(k.daftar) + 1}"
            dv = DataValidation(
                type="list",
                formula1=f"={rentang}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Pilihan tidak tersedia",
                error=f"Pilih {k.judul} dari daftar.",
            )
            dv.add(f"{huruf}2:{huruf}{baris + 1}")
            data.add_data_validation(dv)
    data.freeze_panes = "A2"
    data.row_dimensions[1].height = 32

    ws = wb.create_sheet("Petunjuk", 0)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 60
    ws.append(["Petunjuk pengisian"])
    ws["A1"].font = Font(bold=True, size=14)
    for teks in petunjuk:
        ws.append([teks])
    ws.append([])
    ws.append(["Kolom", "Wajib", "Keterangan", "Cara menulis"])
    for cell in ws[ws.max_row]:
        for name, style in GAYA_HEADER.items():
            setattr(cell, name, style)
    for k in kolom:
        ws.append([k.judul, "ya" if k.wajib else "", k.keterangan, str(k.contoh)])
        for kolom in (3, 4):
            ws.cell(row=ws.max_row, column=kolom).alignment = Alignment(wrap_text=True)
    # Open on the data sheet, with only that tab selected (else Excel groups the sheets).
    wb.active = wb.index(data)
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is data
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
