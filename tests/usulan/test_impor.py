"""Excel import: every bad cell reported by row and column, all or nothing, idempotent."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from apps.core.exceptions import DomainError
from apps.usulan.impor import templat_usulan, usulan_impor
from apps.usulan.models import Status, Usulan
from apps.wilayah.models import RT

BARIS_BAIK = {
    "Jenis Kegiatan": "  Peninggian   jalan gang  ",
    "Bidang": "Pelaksanaan Pembangunan Desa",
    "Sektor": "Infrastruktur",
    "RW/Dusun": "RW 01",
    "RT": 3,
    "Alamat/Lokasi": "Gang Rahayu",
    "Permasalahan": "Tergenang saat pasang",
    "Volume": "120,5",
    "Satuan": "meter",
    "Sasaran/Penerima Manfaat": "Warga RT 03",
    "Jumlah Penerima": 120,
    "Perkiraan Biaya (Rp)": "Rp 1.500.000",
    "Sumber Pembiayaan": "APBD kota/kabupaten (melalui perangkat daerah)",
    "Perangkat Daerah": "Dinas PUPR",
    "Prioritas Daerah": "",
    "Pengusul": "Ketua RT 03",
}


@pytest.fixture
def templat(operator_a, kelurahan_a, siklus, pupr):
    RT.objects.create(lingkungan=kelurahan_a.lingkungan.get(nomor=1), nomor=3)
    _nama, _mime, isi = templat_usulan(kelurahan_a)
    return isi


def isi_templat(templat: bytes, rows: list[dict], *, kosong_di_akhir=0) -> SimpleUploadedFile:
    wb = load_workbook(io.BytesIO(templat))
    ws = wb["Usulan"]
    header = [str(c.value).replace(" *", "") for c in ws[1]]
    for i, row in enumerate(rows, start=2):
        for j, judul in enumerate(header, start=1):
            if judul in row:
                ws.cell(row=i, column=j, value=row[judul])
    for k in range(kosong_di_akhir):
        ws.cell(row=len(rows) + 2 + k, column=1, value="   ")
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("usulan.xlsx", out.getvalue())


def test_template_has_dropdowns_and_instructions(templat):
    wb = load_workbook(io.BytesIO(templat))
    assert wb.sheetnames == ["Petunjuk", "Usulan", "Daftar"]
    assert wb["Daftar"].sheet_state == "hidden"
    ws = wb["Usulan"]
    assert ws["A1"].value == "Jenis Kegiatan *"
    assert ws.freeze_panes == "A2"
    rentang = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    kolom = {c.value.replace(" *", ""): c.column_letter for c in ws[1]}
    for judul in [
        "Bidang",
        "Sektor",
        "RW/Dusun",
        "Satuan",
        "Sumber Pembiayaan",
        "Perangkat Daerah",
    ]:
        assert any(r.startswith(kolom[judul] + "2:") for r in rentang), judul
    daftar = [c.value for c in wb["Daftar"][kolom["RW/Dusun"]][1:] if c.value]
    assert daftar == ["RW 01", "RW 02"]


def test_good_file_creates_draft_usulan(templat, operator_a, kelurahan_a, pupr):
    berkas = isi_templat(
        templat, [BARIS_BAIK, {**BARIS_BAIK, "Jenis Kegiatan": "Rehab titian", "RT": ""}]
    )
    hasil = usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas)
    assert hasil.berhasil, [str(g) for g in hasil.galat]
    assert len(hasil.dibuat) == 2
    u = Usulan.objects.get(judul="Peninggian jalan gang")
    assert u.status == Status.DRAF
    assert u.perkiraan_biaya == Decimal(1500000)
    assert u.volume == Decimal("120.5")
    assert u.rt.nomor == 3 and u.lingkungan.nomor == 1
    assert u.perangkat_daerah == pupr
    assert u.riwayat.count() == 1


def test_money_as_indonesians_type_it(templat, operator_a, kelurahan_a):
    rows = [
        {**BARIS_BAIK, "Jenis Kegiatan": f"Usulan {i}", "Perkiraan Biaya (Rp)": biaya}
        for i, biaya in enumerate(["1.500.000,00", 1500000, "1500000", " Rp1.500.000 "])
    ]
    hasil = usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=isi_templat(templat, rows))
    assert hasil.berhasil, [str(g) for g in hasil.galat]
    assert {u.perkiraan_biaya for u in hasil.dibuat} == {Decimal(1500000)}


def test_blank_trailing_rows_are_ignored(templat, operator_a, kelurahan_a):
    berkas = isi_templat(templat, [BARIS_BAIK], kosong_di_akhir=5)
    assert len(usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas).dibuat) == 1


def test_every_bad_cell_is_reported_and_nothing_is_saved(templat, operator_a, kelurahan_a):
    rows = [
        BARIS_BAIK,  # row 2 is fine
        {**BARIS_BAIK, "Perkiraan Biaya (Rp)": "satu juta"},  # row 3
        {**BARIS_BAIK, "Jenis Kegiatan": "", "Satuan": "ekor"},  # row 4
        {**BARIS_BAIK, "Sumber Pembiayaan": "apbd", "Perangkat Daerah": ""},  # row 5
        {**BARIS_BAIK, "RW/Dusun": "RW 09"},  # row 6
        {**BARIS_BAIK, "RT": 8},  # row 7: no RT 08 in RW 01
        {**BARIS_BAIK, "Volume": "-3"},  # row 8
        BARIS_BAIK,  # row 9 repeats row 2
    ]
    hasil = usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=isi_templat(templat, rows))
    pesan = [str(g) for g in hasil.galat]
    assert not hasil.berhasil
    assert not Usulan.objects.exists()
    assert (
        "Baris 3, kolom Perkiraan Biaya (Rp): “satu juta” bukan angka (contoh: 1.500.000 atau 2,5)"
        in pesan
    )
    assert "Baris 4, kolom Jenis Kegiatan: wajib diisi" in pesan
    assert "Baris 4, kolom Satuan: “ekor” bukan satuan yang tersedia" in pesan
    assert (
        "Baris 5, kolom Perangkat Daerah: Wajib dipilih bila dibiayai APBD kota/kabupaten." in pesan
    )
    assert "Baris 6, kolom RW/Dusun: “RW 09” bukan RW/dusun yang tersedia" in pesan
    assert "Baris 7, kolom RT: RT 08 tidak ada di RW 01" in pesan
    assert any(p.startswith("Baris 8, kolom Volume") for p in pesan)
    assert "Baris 9: sama persis dengan baris 2" in pesan
    assert not any(p.startswith("Baris 2") for p in pesan)


def test_reupload_does_not_duplicate(templat, operator_a, kelurahan_a):
    berkas = isi_templat(templat, [BARIS_BAIK, {**BARIS_BAIK, "Jenis Kegiatan": "Lain"}])
    usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas)
    berkas.seek(0)
    hasil = usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas)
    assert hasil.berhasil and hasil.dibuat == [] and hasil.dilewati == [2, 3]
    assert Usulan.objects.count() == 2


def test_a_file_without_the_template_header_still_imports_by_column_names(
    operator_a, kelurahan_a, siklus, pupr
):
    RT.objects.create(lingkungan=kelurahan_a.lingkungan.get(nomor=1), nomor=3)
    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR USULAN KELURAHAN SUNGAI MIAI"])
    ws.append(list(BARIS_BAIK))
    ws.append(list(BARIS_BAIK.values()))
    out = io.BytesIO()
    wb.save(out)
    hasil = usulan_impor(
        user=operator_a, kelurahan=kelurahan_a, berkas=SimpleUploadedFile("x.xlsx", out.getvalue())
    )
    assert hasil.berhasil, [str(g) for g in hasil.galat]


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"", "Berkas kosong"),
        (b"No,Jenis Kegiatan\n1,Jalan\n", "bukan Excel .xlsx"),
        (b"PK\x03\x04bukan-zip-yang-utuh", "rusak"),
    ],
)
def test_files_that_are_not_xlsx(isi, pesan, operator_a, kelurahan_a, siklus):
    with pytest.raises(DomainError, match=pesan):
        usulan_impor(
            user=operator_a, kelurahan=kelurahan_a, berkas=SimpleUploadedFile("u.xlsx", isi)
        )


def test_a_workbook_without_data(operator_a, kelurahan_a, siklus):
    out = io.BytesIO()
    Workbook().save(out)
    with pytest.raises(DomainError, match="tidak berisi data"):
        usulan_impor(
            user=operator_a,
            kelurahan=kelurahan_a,
            berkas=SimpleUploadedFile("u.xlsx", out.getvalue()),
        )


def test_missing_required_columns(operator_a, kelurahan_a, siklus):
    wb = Workbook()
    wb.active.append(["Jenis Kegiatan", "Volume"])
    wb.active.append(["Jalan", 5])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(DomainError, match="Kolom berikut tidak ditemukan: Bidang, Sektor"):
        usulan_impor(
            user=operator_a,
            kelurahan=kelurahan_a,
            berkas=SimpleUploadedFile("u.xlsx", out.getvalue()),
        )


def test_too_many_rows(templat, operator_a, kelurahan_a, settings, monkeypatch):
    from apps.dokumen import xlsx_impor

    monkeypatch.setattr(xlsx_impor, "MAKS_BARIS", 3)
    berkas = isi_templat(templat, [{**BARIS_BAIK, "Jenis Kegiatan": f"U{i}"} for i in range(20)])
    with pytest.raises(DomainError, match="terlalu banyak baris"):
        usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas)


def test_too_large_upload(operator_a, kelurahan_a, siklus):
    berkas = SimpleUploadedFile("u.xlsx", b"PK\x03\x04" + b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(DomainError, match="terlalu besar"):
        usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas)


def test_import_refused_for_another_kelurahan(templat, operator_b, kelurahan_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        usulan_impor(
            user=operator_b, kelurahan=kelurahan_a, berkas=isi_templat(templat, [BARIS_BAIK])
        )
