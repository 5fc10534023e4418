"""The draft RKP Desa's "jadikan usulan draf": a new usulan filled from an RPJM kegiatan,
and the RPJM Desa's cost (form, import, and the refusal of negative numbers)."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.usulan import kajian
from apps.usulan.models import RpjmDesa, Usulan
from tests.helpers import klien

RPJM = {
    "bidang": "pembangunan",
    "kegiatan": "Pembangunan siring sungai",
    "lokasi": "RW 01 tepi Sungai Miai",
    "volume": Decimal("120"),
    "satuan": "m",
    "perkiraan_biaya": Decimal("180000000"),
    "tahun_mulai": 2025,
    "tahun_selesai": 2030,
}


@pytest.fixture
def rpjm(operator_a, kelurahan_a, siklus):
    return kajian.rpjm_simpan(user=operator_a, kelurahan=kelurahan_a, data=RPJM)


def test_new_usulan_form_is_filled_from_the_rpjm_kegiatan(operator_a, kelurahan_a, rpjm):
    url = reverse("usulan:tambah") + f"?kelurahan={kelurahan_a.kode}&rpjm={rpjm.pk}"
    html = klien(operator_a).get(url).content.decode()
    assert 'value="Pembangunan siring sungai"' in html
    assert 'value="RW 01 tepi Sungai Miai"' in html
    assert "180.000.000" in html
    assert f'<option value="{rpjm.pk}" selected' in html
    assert "Lengkapi RW/dusun, sektor, permasalahan" in html


def test_saving_the_filled_form_makes_a_draft_answering_the_kegiatan(operator_a, kelurahan_a, rpjm):
    rw = kelurahan_a.lingkungan.order_by("nomor").first()
    response = klien(operator_a).post(
        reverse("usulan:tambah") + f"?kelurahan={kelurahan_a.kode}",
        {
            "kelurahan": kelurahan_a.kode,
            "judul": "Pembangunan siring sungai",
            "bidang": "pembangunan",
            "sektor": "infrastruktur",
            "permasalahan": "Tepian sungai longsor.",
            "volume": "120",
            "satuan": "m",
            "lingkungan": rw.pk,
            "sasaran": "Warga RW 01",
            "perkiraan_biaya": "180.000.000",
            "sumber_pembiayaan": "dana_kelurahan",
            "rpjm_desa": rpjm.pk,
            "pengusul": "Tim pemandu (RPJM Desa)",
        },
    )
    assert response.status_code == 302
    u = Usulan.objects.get()
    assert u.rpjm_desa == rpjm and u.status == "draf"


def test_another_kelurahans_kegiatan_fills_nothing(operator_b, kelurahan_b, rpjm, siklus):
    url = reverse("usulan:tambah") + f"?kelurahan={kelurahan_b.kode}&rpjm={rpjm.pk}"
    html = klien(operator_b).get(url).content.decode()
    assert "Pembangunan siring sungai" not in html


@pytest.mark.parametrize(
    ("field", "value"), [("volume", Decimal("0")), ("perkiraan_biaya", Decimal("-1"))]
)
def test_rpjm_refuses_non_positive_volume_and_negative_cost(operator_a, kelurahan_a, field, value):
    rpjm = RpjmDesa(kelurahan=kelurahan_a, **{**RPJM, field: value})
    with pytest.raises(ValidationError) as e:
        rpjm.full_clean()
    assert field in e.value.message_dict


def test_rpjm_import_reads_the_cost_column(operator_a, kelurahan_a):
    _nama, _mime, isi = kajian.templat_rpjm(kelurahan_a)
    wb = load_workbook(io.BytesIO(isi))
    ws = wb["RPJM Desa"]
    judul = [c.value for c in ws[1]]
    baris = {
        "Bidang": "Pelaksanaan Pembangunan Desa",
        "Kegiatan": "Siring sungai",
        "Tahun Mulai": 2025,
        "Tahun Selesai": 2030,
        "Perkiraan Biaya (Rp)": "Rp 150.000.000",
    }
    for j, h in enumerate(judul, start=1):
        key = (h or "").rstrip(" *")
        if key in baris:
            ws.cell(row=2, column=j, value=baris[key])
    out = io.BytesIO()
    wb.save(out)
    hasil = kajian.rpjm_impor(
        user=operator_a,
        kelurahan=kelurahan_a,
        berkas=SimpleUploadedFile("rpjm.xlsx", out.getvalue()),
    )
    assert not hasil.galat, [str(g) for g in hasil.galat]
    assert RpjmDesa.objects.get().perkiraan_biaya == 150_000_000
