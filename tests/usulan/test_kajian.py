import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.exceptions import DomainError
from apps.usulan import kajian
from apps.usulan.models import Masalah, RpjmDesa
from tests.factories import buat_usulan
from tests.helpers import klien


def test_operator_records_and_edits_a_masalah(operator_a, kelurahan_a, siklus):
    client = klien(operator_a)
    rw = kelurahan_a.lingkungan.get(nomor=2)
    response = client.post(
        reverse("usulan:masalah_tambah"),
        {
            "lingkungan": rw.pk,
            "sektor": "kesehatan",
            "uraian": "Balita stunting",
            "penyebab": "Gizi",
        },
    )
    assert response.status_code == 302
    masalah = Masalah.objects.get()
    assert (masalah.siklus, masalah.lingkungan, masalah.dicatat_oleh) == (siklus, rw, operator_a)
    client.post(
        reverse("usulan:masalah_ubah", args=[masalah.pk]),
        {"lingkungan": "", "sektor": "kesehatan", "uraian": "Balita stunting di 3 RW"},
    )
    masalah.refresh_from_db()
    assert masalah.lingkungan is None and masalah.uraian == "Balita stunting di 3 RW"
    html = client.get(reverse("usulan:masalah_daftar")).content.decode()
    assert "Balita stunting di 3 RW" in html and "Seluruh wilayah" in html


def test_masalah_form_error_keeps_input(operator_a, kelurahan_a, siklus):
    response = klien(operator_a).post(
        reverse("usulan:masalah_tambah"), {"sektor": "", "uraian": "Banjir"}
    )
    assert response.status_code == 200
    assert "Banjir" in response.content.decode()
    assert not Masalah.objects.exists()


def test_masalah_of_another_kelurahan_is_refused(
    operator_a, operator_b, kelurahan_a, kelurahan_b, siklus
):
    masalah = kajian.masalah_simpan(
        user=operator_b, kelurahan=kelurahan_b, data={"sektor": "ekonomi", "uraian": "Pengangguran"}
    )
    with pytest.raises(PermissionDenied):
        kajian.masalah_hapus(user=operator_a, masalah=masalah)
    assert (
        klien(operator_a).get(reverse("usulan:masalah_ubah", args=[masalah.pk])).status_code == 404
    )


def test_usulan_keeps_its_text_when_its_masalah_is_deleted(operator_a, kelurahan_a, siklus):
    masalah = kajian.masalah_simpan(
        user=operator_a, kelurahan=kelurahan_a, data={"sektor": "lingkungan", "uraian": "Banjir"}
    )
    usulan = buat_usulan(operator_a, kelurahan_a, masalah=masalah)
    kajian.masalah_hapus(user=operator_a, masalah=masalah)
    usulan.refresh_from_db()
    assert usulan.masalah is None and usulan.permasalahan


def test_rpjm_entry_and_year_rules(operator_a, kelurahan_a):
    client = klien(operator_a)
    data = {
        "bidang": "pembangunan",
        "kegiatan": "Siring sungai",
        "lokasi": "RW 01",
        "volume": "1.200",
        "satuan": "m",
        "tahun_mulai": 2025,
        "tahun_selesai": 2032,
    }
    response = client.post(reverse("usulan:rpjm_tambah"), data)
    assert "RPJM Desa berlaku paling lama 6 tahun." in response.content.decode()
    client.post(reverse("usulan:rpjm_tambah"), {**data, "tahun_selesai": 2030})
    rpjm = RpjmDesa.objects.get()
    assert rpjm.volume == 1200 and rpjm.berlaku_pada(2028)


def test_rpjm_used_by_an_usulan_cannot_be_deleted(operator_a, kelurahan_a, siklus):
    rpjm = kajian.rpjm_simpan(
        user=operator_a,
        kelurahan=kelurahan_a,
        data={
            "bidang": "pembangunan",
            "kegiatan": "Jalan",
            "tahun_mulai": 2025,
            "tahun_selesai": 2030,
        },
    )
    buat_usulan(operator_a, kelurahan_a, rpjm_desa=rpjm)
    with pytest.raises(DomainError, match="dirujuk oleh 1 usulan"):
        kajian.rpjm_hapus(user=operator_a, rpjm=rpjm)


def test_rpjm_import_all_or_nothing(operator_a, kelurahan_a):
    _nama, _mime, isi = kajian.templat_rpjm(kelurahan_a)
    wb = load_workbook(io.BytesIO(isi))
    ws = wb["RPJM Desa"]
    rows = [
        ["Pelaksanaan Pembangunan Desa", "Siring sungai", "RW 01", 200, "meter", 2025, 2030],
        ["Pembinaan Kemasyarakatan", "Posyandu", "", None, None, "dua ribu", 2030],
    ]
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=value)
    out = io.BytesIO()
    wb.save(out)
    berkas = SimpleUploadedFile("rpjm.xlsx", out.getvalue())
    hasil = kajian.rpjm_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas)
    assert [str(g) for g in hasil.galat] == [
        "Baris 3, kolom Tahun Mulai: “dua ribu” bukan tahun; tulis tahun empat angka, misalnya 2025"
    ]
    assert not RpjmDesa.objects.exists()
    ws.cell(row=3, column=6, value=2026)
    out = io.BytesIO()
    wb.save(out)
    berkas = SimpleUploadedFile("rpjm.xlsx", out.getvalue())
    hasil = kajian.rpjm_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas)
    assert (hasil.galat, hasil.dibuat) == ([], 2)
    berkas.seek(0)
    assert kajian.rpjm_impor(user=operator_a, kelurahan=kelurahan_a, berkas=berkas).dilewati == 2
    assert RpjmDesa.objects.count() == 2


def test_rpjm_import_page(operator_a, kelurahan_a):
    client = klien(operator_a)
    assert client.get(reverse("usulan:rpjm_templat")).status_code == 200
    response = client.post(
        reverse("usulan:rpjm_impor"), {"berkas": SimpleUploadedFile("x.xlsx", b"bukan excel")}
    )
    assert "bukan Excel .xlsx" in response.content.decode()


def test_form_headings_keep_their_capitals(operator_a, kelurahan_a, siklus):
    client = klien(operator_a)
    rpjm = kajian.rpjm_simpan(
        user=operator_a,
        kelurahan=kelurahan_a,
        data={
            "bidang": "pembangunan",
            "kegiatan": "Jalan",
            "tahun_mulai": 2025,
            "tahun_selesai": 2030,
        },
    )
    halaman = {
        reverse("usulan:rpjm_tambah"): "Tambah kegiatan RPJM Desa",
        reverse("usulan:rpjm_ubah", args=[rpjm.pk]): "Ubah kegiatan RPJM Desa",
        reverse("usulan:masalah_tambah"): "Catat masalah (kajian desa)",
    }
    for url, judul in halaman.items():
        html = client.get(url).content.decode()
        assert f'<h1 class="h3 mb-1">{judul}</h1>' in html, url
        assert "rpjm desa" not in html


def test_rpjm_import_explains_formulas_merged_cells_and_each_column(operator_a, kelurahan_a):
    # The RPJM Desa import reads files the same way as the usulan import.
    _nama, _mime, isi = kajian.templat_rpjm(kelurahan_a)
    wb = load_workbook(io.BytesIO(isi))
    ws = wb["RPJM Desa"]
    rows = [
        ["Pelaksanaan Pembangunan Desa", "Siring", "RW 01", 200, "meter", "=2020+5", 2030],
        ["Pelaksanaan Pembangunan Desa", "Titian", "RW 02", "dua", "meter", 2025, 2030],
        ["Pelaksanaan Pembangunan Desa", "Jalan", "RW 02", 5, "meter", 2025, 2024],
        ["Pelaksanaan Pembangunan Desa", "Gang", "RW 02", 5, "meter", 2025, 2030],
    ]
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=value)
    ws.merge_cells("A4:A5")
    out = io.BytesIO()
    wb.save(out)
    hasil = kajian.rpjm_impor(
        user=operator_a, kelurahan=kelurahan_a, berkas=SimpleUploadedFile("r.xlsx", out.getvalue())
    )
    assert [str(g) for g in hasil.galat] == [
        "Baris 2, kolom Tahun Mulai: sel F2 berisi rumus =2020+5 yang nilainya belum disimpan "
        "Excel; buka berkas di Excel atau LibreOffice lalu simpan ulang, atau ketik nilainya "
        "langsung",
        "Baris 3, kolom Volume: “dua” bukan angka; tulis angka, misalnya 120,5",
        "Baris 4, kolom Bidang: sel A4:A5 digabung (merge); pisahkan gabungan sel itu "
        "(Unmerge Cells) lalu isi nilainya di setiap baris",
        "Baris 4, kolom Tahun Selesai: Tahun selesai tidak boleh sebelum tahun mulai; "
        "tulis tahun empat angka, misalnya 2030",
    ]
    assert not RpjmDesa.objects.exists()
