import datetime

import pytest
import time_machine
from django.urls import reverse

from apps.akun.models import Penugasan, Peran
from apps.beranda.tugas import tugas_untuk
from apps.siklus.models import Tahapan
from tests.factories import KelurahanFactory, tugaskan
from tests.helpers import klien

WIB = datetime.timezone(datetime.timedelta(hours=7))


def _beranda(user) -> str:
    response = klien(user).get(reverse("beranda:index"))
    assert response.status_code == 200
    return response.content.decode()


@time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=WIB), tick=False)
def test_operator_sees_own_kelurahan_and_next_tahapan(operator_a, siklus):
    html = _beranda(operator_a)
    assert "Kelurahan Sungai Miai" in html
    assert "Kecamatan Banjarmasin Utara" in html
    assert "Tahapan berikutnya" in html
    assert "Pra-musrenbang dan kajian desa" in html
    assert "dimulai 40 hari lagi" in html
    assert "Bentuk TPM dan tim pemandu (3 orang)." in html
    assert "Senin, 23 November 2026" in html


@time_machine.travel(datetime.datetime(2027, 2, 10, 9, 0, tzinfo=WIB), tick=False)
def test_camat_sees_the_running_kecamatan_tahapan_and_its_tasks(camat_a, siklus):
    html = _beranda(camat_a)
    assert "Tahapan sekarang" in html
    assert "sisa 4 hari lagi" in html
    assert "Kompilasi prioritas kelurahan menurut perangkat daerah." in html
    assert "Data induk" not in html


@time_machine.travel(datetime.datetime(2027, 1, 5, 9, 0, tzinfo=WIB), tick=False)
def test_bappeda_sees_schedule_warnings_and_the_admin_link(bappeda, siklus):
    siklus.tahapan.filter(jenis="musrenbang_kecamatan").update(selesai=datetime.date(2027, 2, 21))
    html = _beranda(bappeda)
    assert "melewati batas minggu kedua Februari" in html
    assert reverse("admin:index") in html


@time_machine.travel(datetime.datetime(2027, 2, 20, 9, 0, tzinfo=WIB), tick=False)
def test_skpd_home_links_only_to_what_the_skpd_reads(skpd_pupr, siklus):
    html = _beranda(skpd_pupr)
    assert "Tanggapi usulan yang ditujukan kepada perangkat daerah Anda." in html
    # No forum, kajian or RPJM Desa: an SKPD reads none of them (the menu included).
    for url_name in ("musyawarah:daftar", "usulan:masalah_daftar", "usulan:rpjm_daftar"):
        assert f'href="{reverse(url_name)}"' not in html
    client = klien(skpd_pupr)
    for jenis in Tahapan.Jenis.values:
        for tugas in tugas_untuk(Peran.PERANGKAT_DAERAH, jenis):
            if tugas.url_name:
                assert client.get(reverse(tugas.url_name)).status_code == 200


def test_operator_does_not_see_schedule_warnings(operator_a, siklus):
    siklus.tahapan.filter(jenis="musrenbang_kecamatan").update(selesai=datetime.date(2027, 2, 21))
    assert "melewati batas" not in _beranda(operator_a)


def test_home_without_active_siklus(operator_a, daerah):
    assert "Belum ada siklus perencanaan yang aktif" in _beranda(operator_a)


def test_home_of_a_user_without_penugasan(django_user_model, db):
    user = django_user_model.objects.create_user("baru", password="x")
    assert "belum memiliki penugasan" in _beranda(user)


def test_home_of_the_superuser_links_to_admin(superuser):
    assert reverse("admin:index") in _beranda(superuser)


@pytest.mark.parametrize("n", [1, 8])
def test_home_query_count_does_not_grow_with_penugasan(
    n, kecamatan_a, siklus, django_assert_max_num_queries
):
    user = tugaskan(Peran.OPERATOR_KELURAHAN, KelurahanFactory(kecamatan=kecamatan_a))
    for _ in range(n - 1):
        Penugasan.objects.create(
            user=user,
            peran=Peran.OPERATOR_KELURAHAN,
            kelurahan=KelurahanFactory(kecamatan=kecamatan_a),
        )
    client = klien(user)
    # session + user + penugasan + siklus + tahapan
    with django_assert_max_num_queries(6):
        html = client.get(reverse("beranda:index")).content.decode()
    assert html.count('id="penugasan-') == n
