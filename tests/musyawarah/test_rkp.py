"""The draft RKP Desa: RPJM Desa kegiatan due in the plan year and the usulan answering
them; usulan outside the RPJM; its PDF; the RPJM Desa's cost."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from apps.musyawarah import persiapan, selectors
from apps.usulan import kajian
from apps.usulan.models import RpjmDesa
from tests.factories import buat_usulan
from tests.helpers import klien
from tests.musyawarah.bantu import isi_respons, teks_pdf


def rpjm(op, kel, kegiatan, mulai=2027, selesai=2029, **extra):
    data = {
        "bidang": "pembangunan",
        "kegiatan": kegiatan,
        "lokasi": "RW 01",
        "tahun_mulai": mulai,
        "tahun_selesai": selesai,
    }
    data.update(extra)
    return kajian.rpjm_simpan(user=op, kelurahan=kel, data=data)


@pytest.fixture
def forum_rkp(operator_a, kelurahan_a, siklus):
    """RPJM Desa: two kegiatan due in 2028 (one answered by an usulan), one of 2030-2031;
    usulan: one answering, one outside the RPJM but named like a kegiatan, one unlike any,
    one draft."""
    siring = rpjm(
        operator_a,
        kelurahan_a,
        "Pembangunan siring sungai",
        volume=Decimal(200),
        satuan="m",
    )
    RpjmDesa.objects.filter(pk=siring.pk).update(perkiraan_biaya=250_000_000)
    titian = rpjm(operator_a, kelurahan_a, "Rehabilitasi titian ulin gang")
    RpjmDesa.objects.filter(pk=titian.pk).update(perkiraan_biaya=75_000_000)
    rpjm(operator_a, kelurahan_a, "Gedung serbaguna kelurahan", mulai=2030, selesai=2031)
    u = {
        "menjawab": buat_usulan(
            operator_a, kelurahan_a, judul="Siring sungai RW 01", rpjm_desa=siring, ajukan=True
        ),
        "mirip": buat_usulan(
            operator_a, kelurahan_a, judul="Rehabilitasi titian ulin gang Haji", ajukan=True
        ),
        "lain": buat_usulan(operator_a, kelurahan_a, judul="Pelatihan menjahit", ajukan=True),
        "draf": buat_usulan(operator_a, kelurahan_a, judul="Draf lampu jalan"),
    }
    m = persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)
    return m, {"siring": siring, "titian": titian}, u


def test_draft_rkp_lists_the_kegiatan_due_in_the_plan_year(forum_rkp):
    m, r, u = forum_rkp
    rkp = selectors.rkp_draf(m)
    assert rkp.tahun == 2028
    assert [k.rpjm.kegiatan for k in rkp.kegiatan] == [
        "Pembangunan siring sungai",
        "Rehabilitasi titian ulin gang",
    ]
    siring, titian = rkp.kegiatan
    assert [x.pk for x in siring.usulan] == [u["menjawab"].pk] and siring.terjawab
    assert titian.usulan == [] and not titian.terjawab
    assert [k.rpjm.pk for k in rkp.belum_dijawab] == [r["titian"].pk]
    assert rkp.total_rpjm == 325_000_000


def test_submitted_usulan_outside_the_rpjm_get_a_suggestion(forum_rkp):
    m, r, u = forum_rkp
    luar = {b.usulan.pk: b for b in selectors.rkp_draf(m).luar_rpjm}
    # Drafts are not on the forum's list; the answering usulan is inside the RPJM.
    assert set(luar) == {u["mirip"].pk, u["lain"].pk}
    assert luar[u["mirip"].pk].cocok == "belum"
    assert luar[u["mirip"].pk].saran.pk == r["titian"].pk
    assert luar[u["lain"].pk].saran is None


def test_an_usulan_linked_to_a_kegiatan_of_another_year_is_flagged(
    forum_rkp, operator_a, kelurahan_a
):
    m, _r, _u = forum_rkp
    nanti = RpjmDesa.objects.get(kegiatan="Gedung serbaguna kelurahan")
    x = buat_usulan(operator_a, kelurahan_a, judul="Gedung serbaguna", rpjm_desa=nanti, ajukan=True)
    (baris,) = [b for b in selectors.rkp_draf(m).luar_rpjm if b.usulan.pk == x.pk]
    assert baris.cocok == "luar_tahun"


def test_the_page_offers_a_draft_usulan_to_the_operator_only(forum_rkp, operator_a, camat_a):
    m, r, _u = forum_rkp
    url = reverse("musyawarah:rkp", args=[m.pk])
    tambah = f"{reverse('usulan:tambah')}?kelurahan={m.kelurahan.kode}&amp;rpjm={r['titian'].pk}"
    html = klien(operator_a).get(url).content.decode()
    assert "Rancangan awal RKP Desa 2028" in html
    assert "Pembangunan siring sungai" in html and "Rehabilitasi titian ulin gang" in html
    assert "Gedung serbaguna kelurahan" not in html
    assert "2 kegiatan RPJM Desa jatuh pada tahun rencana ini; 1 belum dijawab usulan." in html
    assert tambah in html and "Jadikan usulan draf" in html
    assert html.count("Jadikan usulan draf") == 1  # the answered kegiatan gets none
    assert "mungkin: Rehabilitasi titian ulin gang" in html
    assert "Rp 250.000.000" in html
    camat = klien(camat_a).get(url).content.decode()
    assert "Rehabilitasi titian ulin gang" in camat
    assert "Jadikan usulan draf" not in camat and tambah not in camat


def test_the_draft_usulan_link_prefills_the_kegiatan(forum_rkp, operator_a):
    m, r, _u = forum_rkp
    response = klien(operator_a).get(
        reverse("usulan:tambah"), {"kelurahan": m.kelurahan.kode, "rpjm": r["titian"].pk}
    )
    assert response.status_code == 200
    assert "Rehabilitasi titian ulin gang" in response.content.decode()


def test_the_draft_rkp_pdf(forum_rkp, camat_a):
    m, _r, u = forum_rkp
    teks = teks_pdf(isi_respons(klien(camat_a).get(reverse("musyawarah:rkp_pdf", args=[m.pk]))))
    assert "RANCANGAN AWAL RKP DESA TAHUN 2028" in teks.upper()
    assert "PEMERINTAH KOTA BANJARMASIN" in teks
    assert "Pembangunan siring sungai" in teks and "Rehabilitasi titian ulin gang" in teks
    assert f"{u['menjawab'].kode} Siring sungai RW 01 (diajukan)" in teks
    assert "Belum ada usulan" in teks
    assert "JUMLAH 325.000.000" in teks
    assert "Gedung serbaguna kelurahan" not in teks
    assert "Mungkin: Rehabilitasi titian ulin gang" in teks
    assert "Draf lampu jalan" not in teks


def _banyak_rpjm(kel, n, awal=0):
    RpjmDesa.objects.bulk_create(
        RpjmDesa(
            kelurahan=kel,
            bidang="pembangunan",
            kegiatan=f"Kegiatan RPJM {i}",
            tahun_mulai=2026,
            tahun_selesai=2030,
            perkiraan_biaya=1_000_000 * i,
        )
        for i in range(awal, awal + n)
    )


def test_the_page_query_count_does_not_grow_with_the_rpjm(
    operator_a, kelurahan_a, siklus, django_assert_max_num_queries
):
    from django.db import connection

    m = persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)
    client = klien(operator_a)
    url = reverse("musyawarah:rkp", args=[m.pk])
    _banyak_rpjm(kelurahan_a, 5)
    for i in range(3):
        buat_usulan(operator_a, kelurahan_a, judul=f"Kegiatan RPJM {i} baru", ajukan=True)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as lima:
        assert client.get(url).status_code == 200
    _banyak_rpjm(kelurahan_a, 25, awal=5)
    with django_assert_max_num_queries(len(lima.captured_queries)):
        html = client.get(url).content.decode()
    assert "30 kegiatan RPJM Desa jatuh pada tahun rencana ini" in html


# The RPJM Desa's numbers.
@pytest.mark.parametrize(
    ("field", "nilai", "pesan"),
    [
        ("volume", Decimal(0), "Volume harus lebih dari 0."),
        ("volume", Decimal(-5), "Volume harus lebih dari 0."),
        ("perkiraan_biaya", Decimal(-1), "Biaya tidak boleh negatif."),
    ],
)
def test_rpjm_refuses_bad_numbers(field, nilai, pesan, operator_a, kelurahan_a, siklus):
    with pytest.raises(ValidationError) as e:
        rpjm(operator_a, kelurahan_a, "Jalan", **{field: nilai})
    assert e.value.message_dict[field] == [pesan]
    assert not RpjmDesa.objects.exists()
    ada = rpjm(operator_a, kelurahan_a, "Jalan lingkungan")
    # The database refuses it too, whatever writes it.
    with pytest.raises(IntegrityError), transaction.atomic():
        RpjmDesa.objects.filter(pk=ada.pk).update(**{field: nilai})


def test_rpjm_accepts_a_zero_cost(operator_a, kelurahan_a, siklus):
    x = rpjm(operator_a, kelurahan_a, "Kerja bakti", perkiraan_biaya=Decimal(0))
    assert x.perkiraan_biaya == 0


def test_rpjm_cost_is_entered_in_the_form(operator_a, kelurahan_a, siklus):
    client = klien(operator_a)
    url = reverse("usulan:rpjm_tambah") + f"?kelurahan={kelurahan_a.kode}"
    assert 'name="perkiraan_biaya"' in client.get(url).content.decode()
    data = {
        "bidang": "pembangunan",
        "kegiatan": "Siring sungai",
        "tahun_mulai": 2027,
        "tahun_selesai": 2029,
        "perkiraan_biaya": "Rp 125.000.000",
    }
    assert client.post(url, data).status_code == 302
    assert RpjmDesa.objects.get().perkiraan_biaya == 125_000_000
    html = client.get(reverse("usulan:rpjm_daftar")).content.decode()
    assert "Rp 125.000.000" in html
    response = client.post(url, {**data, "kegiatan": "Lain", "perkiraan_biaya": "-5"})
    assert response.status_code == 200
    assert "perkiraan_biaya" in response.context["form"].errors
    assert RpjmDesa.objects.count() == 1


def test_rpjm_cost_is_read_from_excel(operator_a, kelurahan_a):
    _nama, _mime, isi = kajian.templat_rpjm(kelurahan_a)
    wb = load_workbook(io.BytesIO(isi))
    ws = wb["RPJM Desa"]
    judul = [c.value for c in ws[1]]
    kolom = judul.index("Perkiraan Biaya (Rp)") + 1
    baris = ["Pelaksanaan Pembangunan Desa", "Siring sungai", "RW 01", 200, "meter", 2025, 2030]
    for j, value in enumerate(baris, start=1):
        ws.cell(row=2, column=j, value=value)
    ws.cell(row=2, column=kolom, value="Rp 1.500.000")
    out = io.BytesIO()
    wb.save(out)
    hasil = kajian.rpjm_impor(
        user=operator_a, kelurahan=kelurahan_a, berkas=SimpleUploadedFile("r.xlsx", out.getvalue())
    )
    assert (hasil.galat, hasil.dibuat) == ([], 1)
    assert RpjmDesa.objects.get().perkiraan_biaya == 1_500_000
