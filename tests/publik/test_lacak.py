from django.test import Client
from django.urls import reverse

from apps.usulan.services import usulan_tarik
from tests.factories import buat_usulan


def test_tracking_shows_status_and_dated_timeline_without_personal_data(
    operator_a, kelurahan_a, siklus
):
    usulan = buat_usulan(operator_a, kelurahan_a, pengusul="Ibu Siti Rahmah, RT 03", ajukan=True)
    usulan_tarik(user=operator_a, usulan=usulan, alasan="Lokasi diperbaiki")
    response = Client().get(reverse("publik:lacak_detail", args=[usulan.kode]))
    assert response.status_code == 200
    html = response.content.decode()
    assert usulan.judul in html
    assert "Kelurahan Sungai Miai" in html
    assert "Draf" in html and "Diajukan" in html and "Lokasi diperbaiki" in html
    assert "Usulan sedang disiapkan oleh kelurahan/desa" in html
    assert "Siti Rahmah" not in html
    assert operator_a.username not in html and operator_a.nama not in html


def test_tracking_form_normalises_what_was_typed(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    typed = usulan.kode.lower().replace("-", " ")
    response = Client().get(reverse("publik:lacak"), {"kode": f"  {typed} "}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("publik:lacak_detail", args=[usulan.kode])
    assert usulan.judul in response.content.decode()


def test_unknown_code_gets_a_friendly_404(db):
    response = Client().get(reverse("publik:lacak_detail", args=["BJM-28-ZZZZ-ZZ"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "tidak ditemukan" in html and 'name="kode"' in html


def test_malformed_code_is_explained(db):
    response = Client().get(reverse("publik:lacak_detail", args=["12345"]))
    assert response.status_code == 404
    assert "bukan kode usulan yang benar" in response.content.decode()


def test_tracking_form_explains_a_code_that_cannot_be_one(db):
    # A slash cannot even be put in the tracking page's address: this answered 500.
    response = Client().get(reverse("publik:lacak"), {"kode": "abc/def"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "bukan kode usulan yang benar" in html and 'value="abc/def"' in html
