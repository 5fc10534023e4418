"""Excel import: every bad cell reported by row and column, all or nothing, idempotent."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from apps.core.exceptions import DomainError
from apps.core.models import Jejak
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
        "Baris 3, kolom Perkiraan Biaya (Rp): “satu juta” bukan angka; "
        "tulis rupiah bulat, misalnya Rp 1.500.000 atau 1500000" in pesan
    )
    assert (
        "Baris 4, kolom Jenis Kegiatan: wajib diisi; "
        "tulis kegiatannya, misalnya “Peninggian jalan gang dengan cor beton”" in pesan
    )
    assert (
        "Baris 4, kolom Satuan: “ekor” bukan satuan yang tersedia; "
        "pilih dari daftar, misalnya “meter” atau “unit”" in pesan
    )
    assert (
        "Baris 5, kolom Perangkat Daerah: Wajib dipilih bila dibiayai APBD kota/kabupaten; "
        "pilih dari daftar, misalnya “Dinas PUPR”" in pesan
    )
    assert (
        "Baris 6, kolom RW/Dusun: RW 09 tidak ada di Kelurahan Sungai Miai; "
        "tulis nomor RW yang ada (RW 01, RW 02), misalnya 1 atau “RW 01”" in pesan
    )
    assert "Baris 7, kolom RT: RT 08 tidak ada di RW 01; RT yang ada: 03" in pesan
    assert any(p.startswith("Baris 8, kolom Volume") for p in pesan)
    assert "Baris 9: sama persis dengan baris 2" in pesan
    assert not any(p.startswith("Baris 2") for p in pesan)


RT_03 = ["3", "03", "003", "RT 3", "RT 03", "RT.03", "RT. 003", "rt03", "Rt 03", "  RT 03  ", 3]
RT_03_RW_01 = ["RT 03/RW 01", "RT 03 / RW 01", "RT.03/RW.01", "03/01", "RT 03 RW 01", "rt03rw01"]
RW_01 = ["1", "01", "001", "RW 1", "RW 01", "RW.1", "RW. 01", "Rw 01", "rw01", "  RW 01 ", 1]


def test_rt_and_rw_as_people_write_them(templat, operator_a, kelurahan_a):
    rows = [
        {**BARIS_BAIK, "Jenis Kegiatan": f"RT {i}", "RT": rt}
        for i, rt in enumerate(RT_03 + RT_03_RW_01)
    ] + [{**BARIS_BAIK, "Jenis Kegiatan": f"RW {i}", "RW/Dusun": rw} for i, rw in enumerate(RW_01)]
    hasil = usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=isi_templat(templat, rows))
    assert hasil.berhasil, [str(g) for g in hasil.galat]
    assert len(hasil.dibuat) == len(rows)
    assert {(u.lingkungan.nomor, u.rt.nomor) for u in hasil.dibuat} == {(1, 3)}


@pytest.mark.parametrize(
    ("kolom", "isi", "pesan"),
    [
        ("RT", "RT 01", "RT 01 tidak ada di RW 01; RT yang ada: 03"),
        ("RT", "RT tiga", "“RT tiga” bukan nomor RT; tulis nomor RT, misalnya 3 atau “RT 03”"),
        ("RT", "0", "“0” bukan nomor RT; tulis nomor RT, misalnya 3 atau “RT 03”"),
        ("RT", "3,5", "“3,5” bukan nomor RT; tulis nomor RT, misalnya 3 atau “RT 03”"),
        ("RT", "RW 03", "“RW 03” bukan nomor RT; tulis nomor RT, misalnya 3 atau “RT 03”"),
        (
            "RT",
            "RT 03/RW 02",
            "kolom RT menyebut RW 02, tetapi kolom RW/Dusun berisi RW 01; "
            "tulis nomor RT, misalnya 3 atau “RT 03”",
        ),
        (
            "RW/Dusun",
            "RW satu",
            "“RW satu” bukan nomor RW; "
            "tulis nomor RW yang ada (RW 01, RW 02), misalnya 1 atau “RW 01”",
        ),
        (
            "RW/Dusun",
            "RT 01",
            "“RT 01” bukan nomor RW; "
            "tulis nomor RW yang ada (RW 01, RW 02), misalnya 1 atau “RW 01”",
        ),
    ],
)
def test_bad_rt_or_rw_is_explained_with_its_own_example(
    kolom, isi, pesan, templat, operator_a, kelurahan_a
):
    berkas = isi_templat(templat, [{**BARIS_BAIK, kolom: isi}])
    hasil = usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas)
    assert [str(g) for g in hasil.galat] == [f"Baris 2, kolom {kolom}: {pesan}"]


def test_every_column_explains_how_it_is_written(templat, operator_a, kelurahan_a, siklus):
    from tests.factories import PrioritasDaerahFactory

    PrioritasDaerahFactory(siklus=siklus, nama="Penurunan stunting")
    _nama, _mime, isi = templat_usulan(kelurahan_a)  # with the prioritas daerah
    salah = {judul: "x" for judul in BARIS_BAIK}
    salah.update({"Alamat/Lokasi": "x" * 300, "Jenis Kegiatan": "", "Permasalahan": ""})
    salah.update({"Sasaran/Penerima Manfaat": "", "Pengusul": ""})
    hasil = usulan_impor(
        user=operator_a, kelurahan=kelurahan_a, berkas=isi_templat(isi, [BARIS_BAIK, salah])
    )
    per_kolom = {g.kolom: g.pesan for g in hasil.galat}
    assert set(per_kolom) == set(BARIS_BAIK), [str(g) for g in hasil.galat]
    for kolom, pesan in per_kolom.items():
        assert "; " in pesan and "misalnya" in pesan, (kolom, pesan)
        # Each column shows its own example: money only where money is written.
        assert ("Rp 1.500.000" in pesan) == (kolom == "Perkiraan Biaya (Rp)"), (kolom, pesan)
    assert per_kolom["Volume"].endswith("tulis angka, misalnya 120,5")
    assert per_kolom["Jumlah Penerima"].endswith("tulis angka bulat, misalnya 40")
    assert per_kolom["Prioritas Daerah"].endswith("misalnya “Penurunan stunting”")


def test_template_instructions_show_how_each_column_is_written(templat):
    ws = load_workbook(io.BytesIO(templat))["Petunjuk"]
    baris = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert baris["Kolom"][3] == "Cara menulis"
    assert baris["RT"][3] == "tulis nomor RT, misalnya 3 atau “RT 03”"
    assert "Rp 1.500.000" in baris["Perkiraan Biaya (Rp)"][3]


def _simpan(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _ganti_sel(isi: bytes, sel: dict[str, str]) -> bytes:
    """The xlsx with cells of the Usulan sheet rewritten as Excel would have saved them."""
    import re
    import zipfile

    masuk, keluar = zipfile.ZipFile(io.BytesIO(isi)), io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in masuk.infolist():
            data = masuk.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                xml = data.decode()
                for ref, baru in sel.items():
                    xml, n = re.subn(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)', baru, xml)
                    assert n == 1, ref
                data = xml.encode()
            z.writestr(info, data)
    return keluar.getvalue()


def _kolom(templat: bytes) -> dict[str, str]:
    ws = load_workbook(io.BytesIO(templat))["Usulan"]
    return {c.value.replace(" *", ""): c.column_letter for c in ws[1]}


def test_a_formula_without_a_saved_value_is_explained(templat, operator_a, kelurahan_a):
    # openpyxl, like some converters, saves formulas without their value.
    kolom = _kolom(templat)
    berkas = isi_templat(
        templat,
        [
            {**BARIS_BAIK, "Perkiraan Biaya (Rp)": "=1500*1000"},
            {**BARIS_BAIK, "Jenis Kegiatan": "Lain", "Jumlah Penerima": "=SUM(1,2)"},
        ],
    )
    hasil = usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas)
    biaya, penerima = kolom["Perkiraan Biaya (Rp)"], kolom["Jumlah Penerima"]
    assert [str(g) for g in hasil.galat] == [
        f"Baris 2, kolom Perkiraan Biaya (Rp): sel {biaya}2 berisi rumus =1500*1000 yang "
        "nilainya belum disimpan Excel; buka berkas di Excel atau LibreOffice lalu simpan "
        "ulang, atau ketik nilainya langsung",
        # An optional column too: its value would otherwise be lost without a word.
        f"Baris 3, kolom Jumlah Penerima: sel {penerima}3 berisi rumus =SUM(1,2) yang "
        "nilainya belum disimpan Excel; buka berkas di Excel atau LibreOffice lalu simpan "
        "ulang, atau ketik nilainya langsung",
    ]
    assert not Usulan.objects.exists()


def test_formulas_with_saved_values_import(templat, operator_a, kelurahan_a):
    kolom = _kolom(templat)
    biaya, alamat = kolom["Perkiraan Biaya (Rp)"], kolom["Alamat/Lokasi"]
    berkas = isi_templat(templat, [BARIS_BAIK])
    # As Excel saves them: a number, and an empty text result (t="str").
    isi = _ganti_sel(
        berkas.read(),
        {
            f"{biaya}2": f'<c r="{biaya}2"><f>1500*1000</f><v>1500000</v></c>',
            f"{alamat}2": f'<c r="{alamat}2" t="str"><f>""</f><v></v></c>',
        },
    )
    hasil = usulan_impor(
        user=operator_a, kelurahan=kelurahan_a, berkas=SimpleUploadedFile("u.xlsx", isi)
    )
    assert hasil.berhasil, [str(g) for g in hasil.galat]
    assert hasil.dibuat[0].perkiraan_biaya == Decimal(1500000)
    assert hasil.dibuat[0].alamat == ""


def test_a_formula_error_is_explained(templat, operator_a, kelurahan_a):
    volume = _kolom(templat)["Volume"]
    isi = _ganti_sel(
        isi_templat(templat, [BARIS_BAIK]).read(),
        {f"{volume}2": f'<c r="{volume}2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'},
    )
    hasil = usulan_impor(
        user=operator_a, kelurahan=kelurahan_a, berkas=SimpleUploadedFile("u.xlsx", isi)
    )
    assert [str(g) for g in hasil.galat] == [
        f"Baris 2, kolom Volume: rumus di sel {volume}2 menghasilkan galat #DIV/0!; "
        "perbaiki rumusnya atau ketik nilainya langsung"
    ]


def test_merged_cells_over_data_rows_are_named(templat, operator_a, kelurahan_a):
    kolom = _kolom(templat)
    sumber, bidang, sektor = kolom["Sumber Pembiayaan"], kolom["Bidang"], kolom["Sektor"]
    wb = load_workbook(
        isi_templat(
            templat,
            [
                BARIS_BAIK,
                {**BARIS_BAIK, "Jenis Kegiatan": "Dua", "Sumber Pembiayaan": None},
                {**BARIS_BAIK, "Jenis Kegiatan": "Tiga", "Sumber Pembiayaan": None},
                {**BARIS_BAIK, "Jenis Kegiatan": "Empat"},
            ],
        )
    )
    ws = wb["Usulan"]
    ws.merge_cells(f"{sumber}2:{sumber}4")  # one funding source "for all three"
    ws.merge_cells(f"{bidang}5:{sektor}5")
    hasil = usulan_impor(
        user=operator_a,
        kelurahan=kelurahan_a,
        berkas=SimpleUploadedFile("u.xlsx", _simpan(wb)),
    )
    assert [str(g) for g in hasil.galat] == [
        f"Baris 2, kolom Sumber Pembiayaan: sel {sumber}2:{sumber}4 digabung (merge); pisahkan "
        "gabungan sel itu (Unmerge Cells) lalu isi nilainya di setiap baris",
        f"Baris 5, kolom Bidang: sel {bidang}5:{sektor}5 digabung (merge); pisahkan "
        "gabungan sel itu (Unmerge Cells) lalu isi nilainya di setiap baris",
    ]
    assert not Usulan.objects.exists()


def test_a_merged_title_above_the_header_is_fine(operator_a, kelurahan_a, siklus, pupr):
    RT.objects.create(lingkungan=kelurahan_a.lingkungan.get(nomor=1), nomor=3)
    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR USULAN KELURAHAN SUNGAI MIAI"])
    ws.merge_cells("A1:P1")
    ws.append(list(BARIS_BAIK))
    ws.append(list(BARIS_BAIK.values()))
    ws.append([])
    ws.append([None, None, None, None, None, None, None, None, None, None, None, None])
    ws.merge_cells("A5:C6")  # over blank rows below the data: hides nothing
    hasil = usulan_impor(
        user=operator_a, kelurahan=kelurahan_a, berkas=SimpleUploadedFile("x.xlsx", _simpan(wb))
    )
    assert hasil.berhasil, [str(g) for g in hasil.galat]


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


def test_import_queries_do_not_grow_with_rows(
    templat, operator_a, kelurahan_a, django_assert_max_num_queries
):
    """Links are loaded once for the whole file and rows are written in bulk: a 2,000-row
    workbook must not cost thousands of queries (it once cost 65 per row)."""
    sedikit = isi_templat(templat, [{**BARIS_BAIK, "Jenis Kegiatan": "Satu"}])
    banyak = isi_templat(
        templat, [{**BARIS_BAIK, "Jenis Kegiatan": f"Usulan {i}"} for i in range(40)]
    )
    buruk = isi_templat(
        templat,
        [{**BARIS_BAIK, "Jenis Kegiatan": f"Buruk {i}", "Volume": "-1"} for i in range(40)],
    )
    with django_assert_max_num_queries(15):
        assert len(usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=sedikit).dibuat) == 1
    with django_assert_max_num_queries(15):
        hasil = usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=banyak)
    assert len(hasil.dibuat) == 40
    assert {u.riwayat.count() for u in hasil.dibuat} == {1}
    assert len({u.kode for u in hasil.dibuat}) == 40
    assert Jejak.objects.filter(objek_jenis="usulan.usulan", aksi="status").count() == 41
    with django_assert_max_num_queries(10):
        hasil = usulan_impor(user=operator_a, kelurahan=kelurahan_a, berkas=buruk)
    assert len(hasil.galat) == 40 and Usulan.objects.count() == 41
