"""The board page and Bappeda's home: who may open them, what they show, what they cost."""

import datetime
import hashlib
import re

import pytest
import time_machine
from django.urls import reverse

from apps.musyawarah.models import StatusMusyawarah as S
from tests.helpers import klien
from tests.pantauan.conftest import SETELAH_DESA, forum, peserta, tambah_kelurahan, usulan

URL = "/pantauan/"


@pytest.fixture
def dunia_forum(dunia):
    d = dunia
    d.forum_a = forum(
        d.siklus,
        d.kelurahan_a,
        S.SELESAI,
        tanggal=datetime.date(2027, 1, 25),
        ditandatangani=datetime.datetime(2027, 1, 25, 14, 0, tzinfo=datetime.UTC),
    )
    peserta(d.forum_a, laki=3, perempuan=2, hadir=True)
    d.forum_b = forum(d.siklus, d.kelurahan_b, S.PELAKSANAAN, tanggal=datetime.date(2027, 1, 30))
    usulan(d.siklus, d.kelurahan_a, 3, "prioritas_desa", 1_500_000)
    return d


def test_url_is_pantauan():
    assert reverse("pantauan:papan") == URL


@pytest.mark.parametrize(
    ("aktor", "status"),
    [
        (None, 302),
        ("operator_a", 403),
        ("operator_b", 403),
        ("camat_a", 403),
        ("camat_b", 403),
        ("fasilitator_a", 403),
        ("skpd_pupr", 403),
        ("bappeda", 200),
        ("bappeda_lain", 200),
        ("superuser", 200),
    ],
)
def test_who_may_open_the_board(dunia, aktor, status):
    response = klien(getattr(dunia, aktor) if aktor else None).get(URL)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("akun:masuk"))


def test_another_daerahs_board_is_not_found_and_leaks_nothing(dunia_forum):
    d = dunia_forum
    lain = klien(d.bappeda_lain)
    assert lain.get(URL, {"daerah": d.daerah.kode}).status_code == 404
    html = lain.get(URL).content.decode()
    assert "Kota Banjarbaru" in html
    assert "Sungai Miai" not in html and "Banjarmasin Utara" not in html
    # The superuser chooses among every daerah; the Bappeda among theirs only.
    assert klien(d.superuser).get(URL, {"daerah": d.daerah_lain.kode}).status_code == 200
    assert klien(d.bappeda).get(URL, {"daerah": d.daerah_lain.kode}).status_code == 404


def test_a_signed_forum_is_one_click_from_its_documents(dunia, forum_selesai):
    """A forum signed through the services: the board links its outputs page, the
    signed PDF and the public verification page, and each opens for Bappeda."""
    d, m = dunia, forum_selesai.m
    client = klien(d.bappeda)
    html = client.get(URL).content.decode()
    hasil = reverse("musyawarah:keluaran", args=[m.pk, "berita_acara"])
    pdf = reverse("musyawarah:unduh", args=[m.pk, "berita_acara", "pdf"])
    verifikasi = reverse("publik:verifikasi", args=[m.berita_acara.kode])
    for url in (hasil, pdf, verifikasi):
        assert f'href="{url}"' in html
    assert client.get(hasil).status_code == 200
    unduh = client.get(pdf)
    assert unduh.status_code == 200
    isi = b"".join(unduh.streaming_content)
    assert isi.startswith(b"%PDF") and hashlib.sha256(isi).hexdigest() == m.berita_acara.sha256_pdf
    assert m.berita_acara.kode in client.get(verifikasi).content.decode()
    # Its participants: 2 women among the 5 present.
    assert "40% perempuan" in html


@time_machine.travel(SETELAH_DESA, tick=False)
def test_board_shows_each_kelurahan_and_its_forum(dunia_forum):
    d = dunia_forum
    html = klien(d.bappeda).get(URL).content.decode()
    # An unsigned forum links to its own page; a kelurahan without one says so.
    assert f'href="{reverse("musyawarah:ringkasan", args=[d.forum_b.pk])}"' in html
    assert "Alalak Tengah" in html
    for teks in ("Ditandatangani", "Dilaksanakan", "Belum mulai", "Terlambat", "Rp 4.500.000"):
        assert teks in html
    assert "40% perempuan" in html


@time_machine.travel(SETELAH_DESA, tick=False)
def test_filter_terlambat_lists_only_the_late_forums(dunia_forum):
    d = dunia_forum
    html = klien(d.bappeda).get(URL, {"tampil": "terlambat", "urut": "tertinggal"}).content.decode()
    rincian = html[html.index('id="rincian"') : html.index('id="grafik"')]
    # Mantuil (held, unsigned) and Alalak Tengah (nothing) are late; Sungai Miai signed.
    baris = re.findall(
        r'<th scope="row" class="fw-normal">\s*(?:<a [^>]*>|<span [^>]*>)([^<]+)<', rincian
    )
    assert baris == ["Mantuil", "Alalak Tengah"]
    # Unknown filter values fall back to everything, by name.
    html = klien(d.bappeda).get(URL, {"tampil": "<script>", "urut": "x"}).content.decode()
    rincian = html[html.index('id="rincian"') : html.index('id="grafik"')]
    assert "Sungai Miai" in rincian and "<script>" not in html


@time_machine.travel(SETELAH_DESA, tick=False)
def test_board_draws_its_charts_with_their_tables(dunia_forum):
    html = klien(dunia_forum.bappeda).get(URL, {"tahap": "ke_kecamatan"}).content.decode()
    for judul in (
        "Kemajuan forum per tingkat",
        "Musrenbang kelurahan/desa per kecamatan",
        "Penandatanganan Musrenbang kelurahan/desa per pekan",
        "Usulan per perangkat daerah",
        "Usulan per prioritas daerah",
        "Usulan per kecamatan",
        "Peserta hadir Musrenbang kelurahan/desa, per kecamatan",
    ):
        assert f">{judul}</title>" in html  # the SVG's accessible name
    assert html.count('role="img"') >= 6
    assert html.count("Tampilkan tabel angka") == html.count('role="img"')
    assert "Usulan yang sudah sampai tahap “Prioritas ke kecamatan”" in html


def test_board_queries_stay_flat_as_the_daerah_grows(dunia, django_assert_max_num_queries):
    d = dunia
    client = klien(d.bappeda)
    tambah_kelurahan(d.siklus, d.kecamatan_a, 1, 0)
    with django_assert_max_num_queries(20) as kecil:
        assert client.get(URL).status_code == 200
    tambah_kelurahan(d.siklus, d.kecamatan_a, 12, 100)
    tambah_kelurahan(d.siklus, d.kecamatan_b, 12, 200)
    with django_assert_max_num_queries(len(kecil.captured_queries)) as besar:
        response = client.get(URL)
    assert response.status_code == 200
    assert "Uji 211" in response.content.decode()
    assert len(besar.captured_queries) == len(kecil.captured_queries)


@time_machine.travel(SETELAH_DESA, tick=False)
def test_bappeda_home_opens_on_the_board_summary(dunia_forum):
    d = dunia_forum
    html = klien(d.bappeda).get(reverse("beranda:index")).content.decode()
    assert "Pantauan Musrenbang" in html
    assert f'href="{URL}"' in html
    assert f'href="{URL}#kec-{d.kecamatan_a.kode}"' in html
    assert "1 dari 3" in html  # kelurahan forums signed
    assert "terlambat" in html
    # Nobody else's home has it, nor the menu entry.
    for aktor in ("camat_a", "operator_a", "skpd_pupr"):
        html = klien(getattr(d, aktor)).get(reverse("beranda:index")).content.decode()
        assert "Pantauan Musrenbang" not in html
        assert f'href="{URL}"' not in html


def test_bappeda_home_queries_stay_flat(dunia, django_assert_max_num_queries):
    d = dunia
    client = klien(d.bappeda)
    tambah_kelurahan(d.siklus, d.kecamatan_a, 1, 0)
    with django_assert_max_num_queries(30) as kecil:
        client.get(reverse("beranda:index"))
    tambah_kelurahan(d.siklus, d.kecamatan_b, 15, 300)
    with django_assert_max_num_queries(len(kecil.captured_queries)):
        client.get(reverse("beranda:index"))


@time_machine.travel(SETELAH_DESA, tick=False)
def test_board_and_home_repeat_no_html_id(dunia_forum):
    from tests.test_id_unik import id_ganda

    client = klien(dunia_forum.bappeda)
    for url in (URL, URL + "?tampil=terlambat&urut=tertinggal", reverse("beranda:index")):
        assert id_ganda(client.get(url).content.decode()) == {}, url
