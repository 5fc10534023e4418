"""The forum list (every kelurahan of the user's wilayah, lateness) and the operator's home
page following their forum."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.akun.models import Penugasan, Peran
from apps.core.formatting import rentang_tanggal, tanggal
from apps.musyawarah import persiapan
from apps.musyawarah.tingkat import kekurangan
from apps.siklus.models import Tahapan
from apps.siklus.selectors import hari_ini
from tests.factories import KelurahanFactory, tugaskan
from tests.helpers import klien

WIB = datetime.timezone(datetime.timedelta(hours=7))


def _baris(html: str) -> list[str]:
    """The list's rows as text, in order."""
    tbody = html[html.index("<tbody>") : html.index("</tbody>")]
    return [" ".join(re.sub(r"<[^>]+>", " ", r).split()) for r in tbody.split("<tr>")[1:]]


@pytest.fixture
def kelurahan_a3(kecamatan_a):
    # Its code sorts last, its name second: the list follows names.
    return KelurahanFactory(kecamatan=kecamatan_a, kode="63.71.04.1009", nama="Antasan Kecil Timur")


def _desa_lewat(siklus):
    kemarin = hari_ini() - datetime.timedelta(days=1)
    Tahapan.objects.filter(siklus=siklus, jenis=Tahapan.Jenis.MUSRENBANG_DESA).update(
        mulai=kemarin - datetime.timedelta(days=30), selesai=kemarin
    )


def test_camat_sees_every_kelurahan_by_name(
    forum_siap, camat_a, kelurahan_a2, kelurahan_a3, kelurahan_b
):
    response = klien(camat_a).get(reverse("musyawarah:daftar"))
    html = response.content.decode()
    baris = _baris(html)
    assert [b.split(" Banjarmasin Utara")[0] for b in baris] == [
        "Alalak Tengah",
        "Antasan Kecil Timur",
        "Sungai Miai",
    ]
    assert "Belum mulai" in baris[0] and "Belum mulai" in baris[1]
    assert "Persiapan" in baris[2] and "Belum mulai" not in baris[2]
    assert "Mantuil" not in html
    assert "terlambat" not in html
    # The camat reads the desa forums (only operators start one) and starts their own.
    assert "Mulai persiapan Musrenbang</button>" not in html
    assert "Mulai persiapan Musrenbang Kecamatan" in html
    assert reverse("musyawarah:ringkasan", args=[forum_siap.m.pk]) in html


def test_late_when_the_tahapan_has_ended_and_the_forum_is_not_signed(
    forum_siap, camat_a, kelurahan_a2, siklus
):
    _desa_lewat(siklus)
    baris = _baris(klien(camat_a).get(reverse("musyawarah:daftar")).content.decode())
    assert len(baris) == 2
    assert all("terlambat" in b for b in baris)  # one not started, one not signed


def test_a_signed_forum_is_never_late(forum_selesai, camat_a, kelurahan_a2, siklus):
    _desa_lewat(siklus)
    baris = _baris(klien(camat_a).get(reverse("musyawarah:daftar")).content.decode())
    alalak, sungai_miai = baris
    assert "terlambat" in alalak
    assert "terlambat" not in sungai_miai
    assert forum_selesai.m.berita_acara.kode in sungai_miai


def test_operator_b_sees_only_mantuil(forum_siap, operator_b, kelurahan_b, kelurahan_a2):
    html = klien(operator_b).get(reverse("musyawarah:daftar")).content.decode()
    baris = _baris(html)
    assert len(baris) == 1 and baris[0].startswith("Mantuil")
    assert "Belum mulai" in baris[0] and "Mulai persiapan Musrenbang" in baris[0]
    assert "Sungai Miai" not in html and "Alalak Tengah" not in html


@pytest.mark.parametrize("n", [2, 12])
def test_the_list_query_count_does_not_grow_with_kelurahan(
    n, camat_a, kecamatan_a, siklus, superuser, django_assert_max_num_queries
):
    for i in range(n):
        kel = KelurahanFactory(kecamatan=kecamatan_a, nama=f"Kelurahan {i:02d}")
        if i % 2:
            persiapan.musyawarah_desa_buat(user=superuser, kelurahan=kel)
    client = klien(camat_a)
    # session, user, penugasan, siklus, forums, tahapan, kelurahan; the kecamatan forums
    # and the kecamatan
    with django_assert_max_num_queries(9):
        response = client.get(reverse("musyawarah:daftar"))
    assert len(_baris(response.content.decode())) == n


def test_the_list_query_count_is_the_same_for_2_and_12(camat_a, kecamatan_a, siklus, superuser):
    client = klien(camat_a)
    jumlah = []
    for n in (2, 10):
        for i in range(n):
            kel = KelurahanFactory(kecamatan=kecamatan_a, nama=f"Kelurahan {len(jumlah)}-{i}")
            if i % 2:
                persiapan.musyawarah_desa_buat(user=superuser, kelurahan=kel)
        with CaptureQueriesContext(connection) as q:
            client.get(reverse("musyawarah:daftar"))
        jumlah.append(len(q.captured_queries))
    assert jumlah[0] == jumlah[1]


# The operator's home page.
def _beranda(user) -> str:
    response = klien(user).get(reverse("beranda:index"))
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


SEBELUM_FORUM = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)


def test_home_without_a_forum_shows_the_tahapan_tasks(operator_a, siklus):
    with time_machine.travel(SEBELUM_FORUM, tick=False):
        teks = _beranda(operator_a)
    assert "Bentuk TPM dan tim pemandu (3 orang)." in teks
    assert "Lengkapi persiapan Musrenbang" not in teks


def test_home_follows_a_forum_in_preparation(operator_a, kelurahan_a, siklus):
    m = persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)
    n = len(kekurangan(m))
    assert n > 1
    with time_machine.travel(SEBELUM_FORUM, tick=False):
        response = klien(operator_a).get(reverse("beranda:index"))
    html = response.content.decode()
    teks = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert f"Lengkapi persiapan Musrenbang: {n} hal belum selesai." in teks
    assert reverse("musyawarah:ringkasan", args=[m.pk]) in html
    assert "Bentuk TPM dan tim pemandu" not in teks


def test_home_says_when_preparation_is_complete(forum_siap, operator_a):
    assert "Persiapan Musrenbang lengkap: buka musyawarah." in _beranda(operator_a)


def test_home_after_signing(forum_selesai, operator_a, siklus):
    ba = forum_selesai.m.berita_acara
    kecamatan = Tahapan.objects.get(siklus=siklus, jenis=Tahapan.Jenis.MUSRENBANG_KECAMATAN)
    with time_machine.travel(SEBELUM_FORUM, tick=False):
        response = klien(operator_a).get(reverse("beranda:index"))
    html = response.content.decode()
    teks = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert (
        f"Musrenbang ditandatangani {tanggal(ba.ditandatangani_pada)}, kode verifikasi {ba.kode}."
        in teks
    )
    assert reverse("publik:verifikasi", args=[ba.kode]) in html
    assert (
        "Pastikan 2 delegasi hadir di Musrenbang Kecamatan Banjarmasin Utara "
        f"({rentang_tanggal(kecamatan.mulai, kecamatan.selesai)})." in teks
    )
    assert "Unggah pindaian berita acara yang sudah ditandatangani." in teks
    # What was to prepare is done: none of the preparation tasks.
    assert "Bentuk TPM" not in teks
    assert "Lengkapi persiapan" not in teks


def test_home_of_another_operator_is_not_about_this_forum(forum_selesai, operator_b):
    with time_machine.travel(SEBELUM_FORUM, tick=False):
        teks = _beranda(operator_b)
    assert "Musrenbang ditandatangani" not in teks
    assert "Bentuk TPM dan tim pemandu (3 orang)." in teks


def test_home_follows_the_real_forum_not_its_practice_run(forum_siap, operator_a):
    from apps.musyawarah import latihan

    lat = latihan.latihan_buat(user=operator_a, musyawarah=forum_siap.m)
    persiapan.musyawarah_mulai(user=operator_a, musyawarah=lat)
    teks = _beranda(operator_a)
    assert "Persiapan Musrenbang lengkap: buka musyawarah." in teks
    assert "Musrenbang berlangsung" not in teks


def _operator_dengan_forum(kecamatan_a, superuser, n):
    user = tugaskan(Peran.OPERATOR_KELURAHAN, KelurahanFactory(kecamatan=kecamatan_a))
    for _ in range(n - 1):
        Penugasan.objects.create(
            user=user,
            peran=Peran.OPERATOR_KELURAHAN,
            kelurahan=KelurahanFactory(kecamatan=kecamatan_a),
        )
    for p in user.penugasan.all():
        persiapan.musyawarah_desa_buat(user=superuser, kelurahan=p.kelurahan)
    return user


def test_home_query_count_with_forums_does_not_grow(kecamatan_a, siklus, superuser):
    jumlah = []
    for n in (1, 8):
        user = _operator_dengan_forum(kecamatan_a, superuser, n)
        client = klien(user)
        with CaptureQueriesContext(connection) as q:
            html = client.get(reverse("beranda:index")).content.decode()
        assert html.count("Lengkapi persiapan Musrenbang") == n
        jumlah.append(len(q.captured_queries))
    assert jumlah[0] == jumlah[1]
