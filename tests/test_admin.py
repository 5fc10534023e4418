"""The admin as Bappeda uses it: scoped lists, scoped choices, no escalation."""

from django.urls import reverse

from apps.akun.models import Penugasan, Peran, User
from apps.siklus.models import Siklus
from tests.factories import KecamatanFactory
from tests.helpers import klien


def test_kelurahan_list_shows_only_the_daerah(dunia):
    KecamatanFactory(daerah=dunia.daerah_lain, kode="63.72.01", nama="Landasan Ulin")
    html = klien(dunia.bappeda_lain).get(reverse("admin:wilayah_kecamatan_changelist"))
    html = html.content.decode()
    assert "Landasan Ulin" in html
    assert "Banjarmasin Utara" not in html


def test_foreign_key_choices_are_scoped(dunia):
    html = klien(dunia.bappeda_lain).get(reverse("admin:wilayah_kecamatan_add")).content.decode()
    assert "Kota Banjarbaru" in html
    assert "Kota Banjarmasin" not in html


def test_bappeda_cannot_add_kecamatan_to_another_daerah(dunia):
    response = klien(dunia.bappeda_lain).post(
        reverse("admin:wilayah_kecamatan_add"),
        {"daerah": dunia.daerah.pk, "kode": "63.71.09", "nama": "Selundupan"},
    )
    assert response.status_code == 200  # the form refuses the choice
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not dunia.daerah.kecamatan.filter(nama="Selundupan").exists()


def test_kode_must_extend_the_parent_kode(dunia):
    response = klien(dunia.bappeda).post(
        reverse("admin:wilayah_kecamatan_add"),
        {"daerah": dunia.daerah.pk, "kode": "63.72.09", "nama": "Salah Kode"},
    )
    assert "Kode harus diawali kode wilayah induknya (63.71)." in response.content.decode()


def test_adding_a_siklus_in_admin_creates_its_tahapan(dunia):
    response = klien(dunia.bappeda).post(
        reverse("admin:siklus_siklus_add"), {"daerah": dunia.daerah.pk, "tahun_rencana": 2029}
    )
    assert response.status_code == 302
    siklus = Siklus.objects.get(tahun_rencana=2029)
    assert siklus.tahapan.count() == 5
    assert not siklus.aktif


def test_aktifkan_action(dunia):
    baru = Siklus.objects.create(daerah=dunia.daerah, tahun_rencana=2029)
    klien(dunia.bappeda).post(
        reverse("admin:siklus_siklus_changelist"),
        {"action": "aktifkan", "_selected_action": [baru.pk]},
    )
    baru.refresh_from_db()
    dunia.siklus.refresh_from_db()
    assert baru.aktif and not dunia.siklus.aktif


def test_bappeda_creates_an_operator_account_but_cannot_make_a_superuser(dunia):
    client = klien(dunia.bappeda)
    response = client.post(
        reverse("admin:akun_user_add"),
        {
            "username": "operator-baru",
            "nama": "Operator Baru",
            "email": "",
            "usable_password": "true",
            "password1": "Sandi-Operator-2027",
            "password2": "Sandi-Operator-2027",
            "is_superuser": "on",
            "is_staff": "on",
            "penugasan-TOTAL_FORMS": "1",
            "penugasan-INITIAL_FORMS": "0",
            "penugasan-0-peran": Peran.OPERATOR_KELURAHAN,
            "penugasan-0-kelurahan": dunia.kelurahan_a2.pk,
            "penugasan-0-aktif": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="operator-baru")
    assert not user.is_superuser and not user.is_staff
    assert user.penugasan.get().kelurahan == dunia.kelurahan_a2

    html = client.get(reverse("admin:akun_user_change", args=[user.pk])).content.decode()
    assert 'name="is_superuser"' not in html
    # The penugasan inline offers only this daerah's kelurahan.
    assert "Sungai Miai" in html


def test_penugasan_for_another_daerah_is_refused(dunia):
    response = klien(dunia.bappeda_lain).post(
        reverse("admin:akun_user_add"),
        {
            "username": "penyusup",
            "usable_password": "false",
            "penugasan-TOTAL_FORMS": "1",
            "penugasan-INITIAL_FORMS": "0",
            "penugasan-0-peran": Peran.ADMIN_BAPPEDA,
            "penugasan-0-daerah": dunia.daerah.pk,
            "penugasan-0-aktif": "on",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="penyusup").exists()


def test_penugasan_with_the_wrong_wilayah_gets_a_clear_message(dunia):
    response = klien(dunia.bappeda).post(
        reverse("admin:akun_user_add"),
        {
            "username": "salah-isi",
            "usable_password": "false",
            "penugasan-TOTAL_FORMS": "1",
            "penugasan-INITIAL_FORMS": "0",
            "penugasan-0-peran": Peran.CAMAT,
            "penugasan-0-kelurahan": dunia.kelurahan_a.pk,
            "penugasan-0-aktif": "on",
        },
    )
    html = response.content.decode()
    assert "Wajib diisi untuk peran ini." in html
    assert not User.objects.filter(username="salah-isi").exists()


def test_penugasan_list_is_scoped(dunia):
    html = klien(dunia.bappeda_lain).get(reverse("admin:akun_penugasan_changelist"))
    assert "operator-sungai-miai" not in html.content.decode()
    assert Penugasan.objects.filter(peran=Peran.OPERATOR_KELURAHAN).exists()


def test_bappeda_sets_the_time_zone_of_the_daerah(dunia):
    url = reverse("admin:wilayah_daerah_change", args=[dunia.daerah.pk])
    client = klien(dunia.bappeda)
    html = client.get(url).content.decode()
    assert 'name="zona_waktu"' in html and "WITA — Waktu Indonesia Tengah" in html
    data = {
        "kode": dunia.daerah.kode,
        "nama": dunia.daerah.nama,
        "singkatan": "BJM",
        "jenis": "kota",
        "provinsi": dunia.daerah.provinsi,
        "zona_waktu": "WITA",
    }
    assert client.post(url, data).status_code == 302
    dunia.daerah.refresh_from_db()
    assert dunia.daerah.zona_waktu == "WITA"
