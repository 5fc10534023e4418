"""The filtered list as Excel, read back with openpyxl."""

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from apps.usulan.ekspor import ekspor_du_rkp
from apps.usulan.models import Status, Usulan
from apps.wilayah.models import RT
from tests.factories import banyak_usulan, buat_usulan
from tests.helpers import klien

DU_RKP = [
    "No",
    "Bidang",
    "Jenis Kegiatan",
    "Lokasi (RT/RW)",
    "Volume",
    "Satuan",
    "Sasaran/Penerima Manfaat",
    "Perkiraan Waktu Pelaksanaan",
    "Prakiraan Biaya (Rp)",
    "Sumber Pembiayaan",
]


def _baca(isi: bytes):
    ws = load_workbook(io.BytesIO(isi)).active
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def test_du_rkp_columns_groups_and_subtotals(operator_a, kelurahan_a, siklus):
    buat_usulan(operator_a, kelurahan_a, judul="Jalan A", perkiraan_biaya=Decimal(1_000_000))
    buat_usulan(operator_a, kelurahan_a, judul="Jalan B", perkiraan_biaya=Decimal(2_500_000))
    buat_usulan(
        operator_a,
        kelurahan_a,
        judul="Posyandu",
        bidang="kemasyarakatan",
        perkiraan_biaya=Decimal(700_000),
    )
    nama, mime, isi = ekspor_du_rkp(operator_a, siklus=siklus, saring={})
    assert nama.endswith(".xlsx") and "spreadsheetml" in mime
    ws, rows = _baca(isi)
    assert rows[0][0] == "DAFTAR USULAN RENCANA KERJA PEMBANGUNAN DESA/KELURAHAN"
    header = rows[3]
    assert header[: len(DU_RKP)] == DU_RKP
    assert ws.freeze_panes == "A5"
    assert ws.auto_filter.ref.startswith("A4:")
    data = rows[4:]
    # Groups in the official bidang order, each with its subtotal, then the total.
    assert data[0][:2] == ["B", "Pelaksanaan Pembangunan Desa"]
    assert [r[2] for r in data[1:3]] == ["Jalan A", "Jalan B"] or [r[2] for r in data[1:3]] == [
        "Jalan B",
        "Jalan A",
    ]
    assert data[3][1] == "Jumlah Pelaksanaan Pembangunan Desa" and data[3][8] == 3_500_000
    assert data[4][:2] == ["C", "Pembinaan Kemasyarakatan"]
    assert data[5][0] == 1 and data[5][8] == 700_000
    assert data[-1][1] == "JUMLAH SELURUHNYA" and data[-1][8] == 4_200_000
    row = data[1]
    assert row[3] == "RW 01" and row[5] == "meter" and row[7] == "2028"
    assert ws.cell(row=6, column=9).number_format == "#,##0"
    assert isinstance(row[4], int | float)


def test_formula_looking_text_stays_text(operator_a, kelurahan_a, siklus):
    buat_usulan(operator_a, kelurahan_a, judul='=HYPERLINK("http://x","klik")', pengusul="@warga")
    ws, rows = _baca(ekspor_du_rkp(operator_a, siklus=siklus, saring={})[2])
    cell = ws.cell(row=6, column=3)
    assert cell.value == '=HYPERLINK("http://x","klik")'
    assert cell.data_type == "s"
    assert ws.cell(row=6, column=15).data_type == "s"


def test_export_follows_the_list_filters_and_scope(
    operator_a, operator_b, kelurahan_a, kelurahan_b, siklus
):
    buat_usulan(operator_a, kelurahan_a, judul="Draf A")
    buat_usulan(operator_a, kelurahan_a, judul="Diajukan A", ajukan=True)
    buat_usulan(operator_b, kelurahan_b, judul="Usulan B")
    response = klien(operator_a).get(reverse("usulan:ekspor") + "?status=diajukan")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    _ws, rows = _baca(response.content)
    judul = [r[2] for r in rows[4:] if isinstance(r[0], int)]
    assert judul == ["Diajukan A"]


def test_skpd_export_holds_only_what_a_forum_sent_to_it(
    operator_a, kelurahan_a, siklus, pupr, skpd_pupr
):
    for judul in ("Siring untuk PUPR", "Draf untuk PUPR"):
        buat_usulan(
            operator_a, kelurahan_a, judul=judul, sumber_pembiayaan="apbd", perangkat_daerah=pupr
        )
    Usulan.objects.filter(judul="Siring untuk PUPR").update(status=Status.PRIORITAS_DESA)
    response = klien(skpd_pupr).get(reverse("usulan:ekspor"))
    assert response.status_code == 200
    _ws, rows = _baca(response.content)
    judul = [r[2] for r in rows[4:] if isinstance(r[0], int)]
    assert judul == ["Siring untuk PUPR"]


def test_location_is_written_like_the_usulan_page(operator_a, kelurahan_a, siklus):
    lingkungan = kelurahan_a.lingkungan.get(nomor=2)
    rt = RT.objects.create(lingkungan=lingkungan, nomor=3)
    buat_usulan(operator_a, kelurahan_a, judul="Dengan RT", lingkungan=lingkungan, rt=rt)
    buat_usulan(operator_a, kelurahan_a, judul="Tanpa RT", lingkungan=lingkungan)
    _ws, rows = _baca(ekspor_du_rkp(operator_a, siklus=siklus, saring={})[2])
    lokasi = {r[2]: r[3] for r in rows[5:7]}
    assert lokasi == {
        "Dengan RT": Usulan.objects.get(judul="Dengan RT").lokasi,
        "Tanpa RT": Usulan.objects.get(judul="Tanpa RT").lokasi,
    }
    assert lokasi["Dengan RT"] == "RT 03/RW 02" and lokasi["Tanpa RT"] == "RW 02"


def test_export_queries_do_not_grow_with_rows(
    bappeda, kelurahan_a, kelurahan_b, siklus, pupr, django_assert_max_num_queries
):
    banyak_usulan(siklus, kelurahan_a, 2, perangkat_daerah=pupr)
    with django_assert_max_num_queries(6):  # the user's penugasan, one per bidang
        ekspor_du_rkp(bappeda, siklus=siklus, saring={})
    banyak_usulan(siklus, kelurahan_a, 60, perangkat_daerah=pupr)
    banyak_usulan(siklus, kelurahan_b, 60)
    with django_assert_max_num_queries(6):  # the user's penugasan, one per bidang
        _ws, rows = _baca(ekspor_du_rkp(bappeda, siklus=siklus, saring={})[2])
    assert sum(isinstance(r[0], int) for r in rows[4:]) == 122
