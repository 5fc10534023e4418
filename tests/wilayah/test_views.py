import pytest
from django.urls import reverse

from tests.factories import KelurahanFactory, LingkunganFactory, RTFactory
from tests.helpers import klien


def test_daftar_lists_only_the_users_kelurahan(dunia):
    html = klien(dunia.camat_a).get(reverse("wilayah:daftar")).content.decode()
    assert "Sungai Miai" in html
    assert "Alalak Tengah" in html
    assert "Mantuil" not in html


def test_kelurahan_page_lists_rw_and_rt(dunia):
    rw = dunia.kelurahan_a.lingkungan.get(nomor=1)
    RTFactory(lingkungan=rw, nomor=3)
    html = klien(dunia.operator_a).get(reverse("wilayah:detail", args=["63.71.04.1005"]))
    html = html.content.decode()
    assert "Kelurahan Sungai Miai" in html
    assert "RW 01" in html
    assert "RT 03" in html


def test_kecamatan_page_lists_its_kelurahan(dunia):
    html = klien(dunia.camat_a).get(reverse("wilayah:detail", args=["63.71.04"])).content.decode()
    assert "Sungai Miai" in html and "Alalak Tengah" in html


def test_unknown_kode_is_404(dunia):
    client = klien(dunia.bappeda)
    for kode in ["63.71.99", "63.71.04.9999", "bukan-kode", "63.71"]:
        assert client.get(reverse("wilayah:detail", args=[kode])).status_code == 404


@pytest.mark.parametrize("n", [2, 40])
def test_daftar_query_count_is_constant(
    n, daerah, kecamatan_a, bappeda, django_assert_max_num_queries
):
    for _ in range(n):
        kel = KelurahanFactory(kecamatan=kecamatan_a)
        LingkunganFactory(kelurahan=kel)
    client = klien(bappeda)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("wilayah:daftar"))
    assert response.content.decode().count("<tr>") == n + 1


@pytest.mark.parametrize("n", [1, 15])
def test_kelurahan_page_query_count_is_constant(
    n, kelurahan_a, operator_a, django_assert_max_num_queries
):
    for i in range(n):
        rw = LingkunganFactory(kelurahan=kelurahan_a, nomor=10 + i)
        RTFactory(lingkungan=rw, nomor=1)
    client = klien(operator_a)
    with django_assert_max_num_queries(6):
        client.get(reverse("wilayah:detail", args=[kelurahan_a.kode]))
