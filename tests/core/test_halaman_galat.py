"""Friendly Indonesian error pages with debug off: what the user reads instead of a
traceback (400, 403, CSRF, 404, 500, 503)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import klien

pytestmark = [pytest.mark.urls("tests.core.urls_galat"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _debug_mati(settings):
    settings.DEBUG = False


def _tanpa_rahasia(teks: str) -> None:
    for jejak in ("Traceback", "rahasia-internal", "Connection refused", "services.py", "Django"):
        assert jejak not in teks


def _klien_tanpa_raise(user=None) -> Client:
    client = klien(user)
    client.raise_request_exception = False
    return client


def test_404_says_not_found_or_outside_the_wilayah(operator_a):
    for client in (Client(), klien(operator_a)):
        response = client.get("/tidak-ada-halaman-ini/")
        assert response.status_code == 404
        teks = response.content.decode()
        assert "Halaman tidak ditemukan" in teks
        assert "di luar wilayah penugasan Anda" in teks
        assert '<html lang="id">' in teks
        _tanpa_rahasia(teks)


def test_403_says_the_peran_does_not_allow_it(operator_a):
    response = klien(operator_a).get("/uji/dilarang/")
    assert response.status_code == 403
    teks = response.content.decode()
    assert "Anda tidak berwenang" in teks
    _tanpa_rahasia(teks)


def test_500_apologises_without_a_traceback(caplog):
    response = _klien_tanpa_raise().get("/uji/rusak/")
    assert response.status_code == 500
    teks = response.content.decode()
    assert "Terjadi kesalahan pada server" in teks
    assert "Data yang sudah tersimpan sebelumnya tetap aman" in teks
    assert '<html lang="id">' in teks
    _tanpa_rahasia(teks)
    # The administrator's log has what the user does not see.
    assert "rahasia-internal" in caplog.text


def test_a_database_that_cannot_answer_gives_503_with_retry_after(caplog):
    response = _klien_tanpa_raise().get("/uji/basis-data/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    teks = response.content.decode()
    assert "Layanan sedang sibuk atau dalam pemeliharaan" in teks
    _tanpa_rahasia(teks)
    assert "Connection refused" in caplog.text


def test_a_request_body_over_the_limit_gets_the_400_page(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = _klien_tanpa_raise().post(
        reverse("akun:masuk"), {"username": "x" * 5000, "password": "y"}
    )
    assert response.status_code == 400
    teks = response.content.decode()
    assert "Permintaan tidak dapat diproses" in teks
    assert "terlalu besar" in teks
    _tanpa_rahasia(teks)


def test_an_expired_form_gets_the_csrf_page_in_indonesian(operator_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(operator_a)
    response = client.post(reverse("usulan:masalah_tambah"), {"uraian": "x"})
    assert response.status_code == 403
    teks = response.content.decode()
    assert "Formulir sudah kedaluwarsa" in teks
    _tanpa_rahasia(teks)


def test_the_error_pages_render_even_without_a_database():
    """500 and 503 pages need no context processor, no user, no query: the database may
    be what failed."""
    from django.db import connection
    from django.template import loader
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        for nama in ("500.html", "503.html", "400.html", "403_csrf.html"):
            assert "Kembali ke beranda" in loader.render_to_string(nama)
    assert len(queries) == 0
