"""Bappeda's compilation: which rows, filters, scoping, totals, the page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.kompilasi import selectors
from apps.musyawarah.models import Keputusan, Pembahasan, StatusMusyawarah, Verifikasi
from apps.usulan.models import Status
from tests.factories import KecamatanFactory, KelurahanFactory
from tests.helpers import klien
from tests.kompilasi.conftest import forum_selesai, kirim

URL = reverse("kompilasi:daftar")


@pytest.fixture
def kota(
    siklus,
    kecamatan_a,
    kecamatan_b,
    kelurahan_a,
    kelurahan_a2,
    kelurahan_b,
    pupr,
    dinkes,
    prioritas,
):
    """Utara signed (3 PUPR + 2 Dinkes); Selatan signed (2 PUPR); and what must stay out."""
    utara = forum_selesai(kecamatan_a, siklus)
    selatan = forum_selesai(kecamatan_b, siklus)
    kirim(utara, kelurahan_a, 3, pd=pupr, prioritas=prioritas[0], nilai="80.50")
    kirim(utara, kelurahan_a2, 2, pd=dinkes, prioritas=prioritas[1], bidang="kemasyarakatan")
    kirim(selatan, kelurahan_b, 2, pd=pupr, prioritas=prioritas[0])
    # Out: not agreed, not feasible, merged into another, a practice run, not yet signed.
    ditolak = kirim(utara, kelurahan_a, 1, pd=pupr, status=Status.LAYAK)[0]
    ditolak.keputusan = Keputusan.DITOLAK
    tidak_layak = kirim(utara, kelurahan_a, 1, pd=pupr, status=Status.TIDAK_LAYAK)[0]
    tidak_layak.verifikasi = Verifikasi.TIDAK_LAYAK
    utama = Pembahasan.objects.filter(musyawarah=utara).order_by("pk").first()
    gabung = kirim(utara, kelurahan_a2, 1, pd=pupr)[0]
    gabung.digabung_ke = utama
    Pembahasan.objects.bulk_update(
        [ditolak, tidak_layak, gabung], ["keputusan", "verifikasi", "digabung_ke"]
    )
    kec_c = KecamatanFactory(daerah=siklus.daerah, kode="63.71.09", nama="Banjarmasin Tengah")
    belum = forum_selesai(kec_c, siklus, status=StatusMusyawarah.PENETAPAN)
    kel_c = KelurahanFactory(kecamatan=kec_c, kode="63.71.09.1001", nama="Teluk Dalam")
    kirim(belum, kel_c, 2, pd=pupr, status=Status.LAYAK)
    return {"utara": utara, "selatan": selatan, "utama": utama}


def judul_kode(qs):
    return sorted(p.usulan.kode for p in qs.select_related("usulan"))


def test_rows_are_what_signed_kecamatan_forums_sent_up(kota, bappeda, siklus):
    qs = selectors.kompilasi(bappeda, siklus)
    assert qs.count() == 7
    assert all(p.keputusan == Keputusan.KOTA and p.layak for p in qs)
    # The merged item is one row serving both kelurahan.
    rows = {p.pk: p for p in selectors.dengan_isi(qs)}
    assert rows[kota["utama"].pk].dilayani == 2
    r = selectors.baris(rows[kota["utama"].pk])
    assert "Sungai Miai" in r["kelurahan"] and ";" in r["kelurahan"]
    assert r["nilai"] == Decimal("80.50") and r["peringkat"] == 1 and r["urutan_pd"] == 1


@pytest.mark.parametrize(
    ("saring", "jumlah"),
    [
        ({"perangkat_daerah": "pupr"}, 5),
        ({"perangkat_daerah": "dinkes"}, 2),
        ({"kecamatan": "selatan"}, 2),
        ({"kelurahan": "a2"}, 2),
        ({"prioritas_daerah": "kedua"}, 2),
        ({"bidang": "kemasyarakatan"}, 4),  # Dinkes, and every second row elsewhere
        ({"status": Status.DITERUSKAN_KOTA}, 7),
        ({"status": Status.DITERIMA}, 0),
        ({"q": "nomor 1"}, 3),
    ],
)
def test_filters(
    kota, bappeda, siklus, pupr, dinkes, kecamatan_b, kelurahan_a2, prioritas, saring, jumlah
):
    nilai = {
        "pupr": pupr.pk,
        "dinkes": dinkes.pk,
        "selatan": kecamatan_b.pk,
        "a2": kelurahan_a2.pk,
        "kedua": prioritas[1].pk,
    }
    saring = {k: str(nilai.get(v, v)) for k, v in saring.items()}
    assert selectors.kompilasi(bappeda, siklus, saring).count() == jumlah


def test_scoping_camat_skpd_other_daerah(kota, siklus, camat_a, camat_b, skpd_pupr, bappeda_lain):
    assert selectors.kompilasi(camat_a, siklus).count() == 5
    assert selectors.kompilasi(camat_b, siklus).count() == 2
    assert selectors.kompilasi(skpd_pupr, siklus).count() == 5  # PUPR's rows only
    assert selectors.kompilasi(bappeda_lain, siklus).count() == 0


def test_totals_match_the_rows(kota, bappeda, siklus, pupr, dinkes):
    qs = selectors.kompilasi(bappeda, siklus)
    per_pd = {t.pk: t for t in selectors.total_perangkat_daerah(qs)}
    for pd in (pupr, dinkes):
        rows = [p for p in qs.select_related("usulan") if p.usulan.perangkat_daerah_id == pd.pk]
        assert per_pd[pd.pk].jumlah == len(rows)
        assert per_pd[pd.pk].biaya == sum(p.usulan.perkiraan_biaya for p in rows)
    semua = selectors.total_semua(qs)
    assert semua.jumlah == 7
    assert sum(t.biaya for t in selectors.total_kecamatan(qs)) == semua.biaya
    assert sum(t.biaya for t in selectors.total_prioritas_daerah(qs)) == semua.biaya


def test_page_for_bappeda_with_totals_and_trail_links(kota, bappeda):
    r = klien(bappeda).get(URL)
    assert r.status_code == 200
    teks = r.content.decode()
    assert 'id="jumlah-usulan">7<' in teks
    utama = kota["utama"]
    assert reverse("usulan:detail", args=[utama.usulan_id]) in teks
    assert "melayani 2 kelurahan" in teks
    assert "80,50" in teks
    assert ">Tidak<" not in teks  # the "No" column, not Django's translation of "No"
    # The charts: one per grouping, each row a link that filters the page by it.
    assert 'id="grafik-kompilasi-pd"' in teks and 'id="grafik-kompilasi-kecamatan"' in teks
    assert f"?perangkat_daerah={kota['utama'].usulan.perangkat_daerah_id}" in teks


def test_page_filters_and_keeps_the_filter_on_downloads(kota, bappeda, dinkes):
    r = klien(bappeda).get(URL, {"perangkat_daerah": dinkes.pk})
    teks = r.content.decode()
    assert 'id="jumlah-usulan">2<' in teks
    assert f"/kompilasi/unduh/xlsx/?perangkat_daerah={dinkes.pk}" in teks


def test_camat_sees_only_their_kecamatan(kota, camat_b):
    r = klien(camat_b).get(URL)
    assert r.status_code == 200
    assert 'id="jumlah-usulan">2<' in r.content.decode()
    # Filters naming another kecamatan or its kelurahan never bring its rows in.
    utara = [p.usulan.kode for p in kota["utara"].pembahasan.select_related("usulan")]
    for saring in (
        {"kecamatan": kota["utara"].kecamatan_id},
        {"kelurahan": kota["utama"].usulan.kelurahan_id},
    ):
        teks = klien(camat_b).get(URL, saring).content.decode()
        assert not any(kode in teks for kode in utara)


@pytest.mark.parametrize("nama", ["operator_a", "fasilitator_a"])
def test_refused_without_the_role(kota, request, nama):
    user = request.getfixturevalue(nama)
    assert klien(user).get(URL).status_code == 403
    assert klien(user).post(reverse("kompilasi:unduh", args=["xlsx"])).status_code == 403


def test_anonymous_goes_to_login(kota, client):
    r = client.get(URL)
    assert r.status_code == 302 and "/akun/masuk" in r["Location"]


def test_query_count_does_not_grow_with_rows(
    siklus, kecamatan_a, kelurahan_a, pupr, prioritas, bappeda, django_assert_max_num_queries
):
    m = forum_selesai(kecamatan_a, siklus)
    kirim(m, kelurahan_a, 3, pd=pupr, prioritas=prioritas[0])
    c = klien(bappeda)
    c.get(URL)  # warm caches (sessions, content types)
    with django_assert_max_num_queries(30) as sedikit:
        assert c.get(URL).status_code == 200
    kirim(m, kelurahan_a, 45, pd=pupr, prioritas=prioritas[1])
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        r = c.get(URL)
    assert 'id="jumlah-usulan">48<' in r.content.decode()


def test_workbook_rows_read_as_values_are_the_page_rows(kota, bappeda, siklus):
    """The workbook streams plain values (``baris_ringan``); the page and the PDF build
    model rows (``baris``): the same cells, in the same order, merged item included."""
    qs = selectors.kompilasi(bappeda, siklus)
    # A kecamatan's own usulan (owned by the kecamatan, lying in a kelurahan) too.
    sendiri = Pembahasan.objects.filter(musyawarah=kota["selatan"]).first().usulan
    sendiri.kode_wilayah = sendiri.kelurahan.kecamatan.kode
    sendiri.save(update_fields=["kode_wilayah"])
    model = [selectors.baris(p) for p in selectors.dengan_isi(qs)]
    ringan = list(selectors.baris_ringan(qs, potongan=3))  # chunks smaller than the rows
    assert len(ringan) == len(model) == 7
    for (pd_pk, r), m in zip(ringan, model, strict=True):
        assert pd_pk == Pembahasan.objects.get(pk=m["pk"]).usulan.perangkat_daerah_id
        assert r == {k: m[k] for k in r}
    utama = next(r for _pd, r in ringan if "; " in r["kelurahan"])
    assert utama["lokasi"].count(";") == 1
    assert any(r["kelurahan"] == "Kecamatan Banjarmasin Selatan" for _pd, r in ringan)
