"""The public verification page: find a signed document by the code printed on it."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.dokumen.models import DokumenFinal

CARI = "/verifikasi/"


@pytest.fixture
def dokumen(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return DokumenFinal.objects.create(
        kode="ABCD-EFGH",
        jenis="berita_acara_desa",
        judul="Berita Acara Musrenbang Kelurahan Sungai Miai",
        nomor="005/BA/SM/2026",
        kode_wilayah="63.71.04.1005",
        nama_wilayah="Kelurahan Sungai Miai",
        snapshot={},
        sha256_snapshot="0" * 64,
        pdf=ContentFile(b"%PDF-1.4 uji", name="uji.pdf"),
        sha256_pdf="0" * 64,
        ditandatangani_pada=timezone.now(),
    )


def test_the_search_page_needs_no_login(db):
    assert reverse("publik:verifikasi_cari") == CARI
    response = Client().get(CARI)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="kode"' in html and f'action="{CARI}"' in html
    assert "Verifikasi dokumen" in html


@pytest.mark.parametrize(
    "diketik", ["ABCD-EFGH", "abcd-efgh", "abcdefgh", "  abcd efgh ", "Abcd.Efgh"]
)
def test_the_form_takes_the_code_as_typed(dokumen, diketik):
    response = Client().get(CARI, {"kode": diketik}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("publik:verifikasi", args=["ABCD-EFGH"])
    assert response.status_code == 200
    assert "Berita Acara Musrenbang Kelurahan Sungai Miai" in response.content.decode()


def test_a_code_without_the_dash_in_the_url_goes_to_the_canonical_page(dokumen):
    response = Client().get("/verifikasi/abcdefgh/")
    assert response.status_code == 302
    assert response["Location"] == "/verifikasi/ABCD-EFGH/"


def test_download_accepts_the_code_as_written(dokumen):
    response = Client().get("/verifikasi/abcdefgh/unduh/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_something_that_is_no_code_is_explained_and_kept(db):
    response = Client().get(CARI, {"kode": "abc/def"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "bukan kode verifikasi yang benar" in html
    assert 'value="abc/def"' in html


def test_an_unknown_code_answers_404_with_the_form_to_try_again(db):
    response = Client().get("/verifikasi/ZZZZ-ZZZZ/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Dokumen tidak ditemukan" in html and 'name="kode"' in html
