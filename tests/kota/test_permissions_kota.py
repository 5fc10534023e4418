"""The permission matrix of the kota forum's pages (rows for tests/test_permissions.py,
kept here): only an admin Bappeda of the daerah (and a superuser) reaches Bappeda's
forum; every other actor gets 404 (it lies outside their wilayah), anonymous users the
login page. A refused POST changes nothing.
"""

import pytest
from django.urls import reverse

from apps.musyawarah.kota import persiapan as kota_persiapan
from apps.musyawarah.models import Pembahasan
from apps.musyawarah.persiapan import musyawarah_mulai
from apps.usulan.models import Status, Usulan
from tests.factories import buat_usulan
from tests.helpers import klien
from tests.kota.conftest import siapkan_kota
from tests.musyawarah.bantu import isi_respons, jejak
from tests.musyawarah.conftest import muat

# The actors of tests/test_permissions.py (the ``dunia`` of tests/conftest.py).
ANON = "anonim"
SEMUA = [
    "operator_a",
    "operator_b",
    "camat_a",
    "camat_b",
    "fasilitator_a",
    "bappeda",
    "bappeda_lain",
    "skpd_pupr",
    "superuser",
]

# Seen and managed by the admin Bappeda of the daerah only.
BAPPEDA = {ANON: 302, **dict.fromkeys(SEMUA, 404), "bappeda": 200, "superuser": 200}
BAPPEDA_POST = {**BAPPEDA, "bappeda": 302, "superuser": 302}


def _k(d, name, *args):
    return reverse(f"musyawarah:{name}", args=[d.kota.pk, *args])


MATRIX = [
    *[
        (f"kota {name}", lambda d, name=name: _k(d, name), BAPPEDA)
        for name in (
            "ringkasan",
            "hasil_kecamatan",
            "tpm",
            "jadwal",
            "peserta",
            "hadir",
            "keterwakilan",
            "kesepakatan",
            "penetapan",
        )
    ],
    ("kota keluaran", lambda d: _k(d, "keluaran", "berita_acara"), BAPPEDA),
    ("kota keluaran disepakati", lambda d: _k(d, "keluaran", "disepakati"), BAPPEDA),
    ("kota unduh pdf", lambda d: _k(d, "unduh", "berita_acara", "pdf"), BAPPEDA),
    ("kota unduh xlsx", lambda d: _k(d, "unduh", "berita_acara", "xlsx"), BAPPEDA),
    ("kota undangan", lambda d: _k(d, "undangan"), BAPPEDA),
    ("kota pengumuman", lambda d: _k(d, "pengumuman"), BAPPEDA),
    ("kota daftar hadir kosong", lambda d: _k(d, "daftar_hadir"), BAPPEDA),
    (
        "kota peserta ubah",
        lambda d: _k(d, "peserta_ubah", d.kota.peserta.first().pk),
        BAPPEDA,
    ),
    # The last forum sends no delegation: not found, for Bappeda too.
    ("kota delegasi", lambda d: _k(d, "delegasi"), {**BAPPEDA, "bappeda": 404, "superuser": 404}),
    # A kota forum is no kecamatan forum: the kecamatan's pages do not find it.
    (
        "kota masukan kecamatan",
        lambda d: _k(d, "masukan"),
        {**BAPPEDA, "bappeda": 404, "superuser": 404},
    ),
    ("kota pleno", lambda d: _k(d, "pleno"), {**BAPPEDA, "bappeda": 404, "superuser": 404}),
    # The way in from the home page: Bappeda to its forum, everyone else to the list.
    ("kota pintu", lambda d: reverse("musyawarah:kota"), {ANON: 302, **dict.fromkeys(SEMUA, 302)}),
]

MATRIX_POST = [
    ("kota tarik", lambda d: _k(d, "tarik_kecamatan"), BAPPEDA_POST),
    # Refused for lack of a version: the page comes back with the message.
    ("kota kesepakatan", lambda d: _k(d, "kesepakatan"), BAPPEDA),
    ("kota tetapkan", lambda d: _k(d, "tetapkan"), BAPPEDA_POST),
    ("kota mulai", lambda d: _k(d, "mulai"), BAPPEDA_POST),
    ("kota tandatangani", lambda d: _k(d, "tandatangani"), BAPPEDA_POST),
    # Starting the daerah's forum: those who work in the daerah find it but may not (403);
    # Bappeda's is there already, so it is sent back with the refusal.
    (
        "kota buat",
        lambda d: reverse("musyawarah:buat_kota") + "?",
        {
            ANON: 302,
            **dict.fromkeys(SEMUA, 403),
            "bappeda": 302,
            "superuser": 302,
            "bappeda_lain": 404,
        },
    ),
]


def _cases(matrix):
    return [
        pytest.param(url, actor, status, id=f"{name}-{actor}")
        for name, url, expected in matrix
        for actor, status in expected.items()
    ]


def _cek(response, actor, status):
    assert response.status_code == status
    if actor == ANON and status == 302:
        assert reverse("akun:masuk") in response.url


@pytest.fixture(scope="module")
def dunia_kota(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world plus the kota forum of Kota Banjarmasin, held now, with one usulan of
    kelurahan A that its kecamatan sent on. Committed once for the module; every case
    runs in its own transaction."""
    from django.core.management import call_command
    from django.test import override_settings

    from tests.conftest import bangun_dunia

    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), PASSWORD_HASHERS=fast),
        django_db_blocker.unblock(),
    ):
        d = bangun_dunia()
        d.usulan = buat_usulan(
            d.operator_a, d.kelurahan_a, sumber_pembiayaan="apbd", perangkat_daerah=d.pupr
        )
        # What the kecamatan's signing and sending do to a priority.
        Usulan.objects.filter(pk=d.usulan.pk).update(status=Status.DITERUSKAN_KOTA)
        d.kota = kota_persiapan.musyawarah_kota_buat(user=d.bappeda, daerah=d.daerah)
        Pembahasan.objects.create(musyawarah=d.kota, usulan=d.usulan)
        d.kota = siapkan_kota(d.bappeda, d.kota)
        musyawarah_mulai(user=d.bappeda, musyawarah=d.kota)
        yield d
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.parametrize(("url", "actor", "status"), _cases(MATRIX))
def test_kota_permission_matrix(dunia_kota, db, url, actor, status):
    user = None if actor == ANON else getattr(dunia_kota, actor)
    response = klien(user).get(url(dunia_kota))
    _cek(response, actor, status)
    isi_respons(response)


@pytest.mark.parametrize(("url", "actor", "status"), _cases(MATRIX_POST))
def test_kota_permission_matrix_post(dunia_kota, db, settings, tmp_path, url, actor, status):
    settings.MEDIA_ROOT = tmp_path
    user = None if actor == ANON else getattr(dunia_kota, actor)
    data = {"daerah": dunia_kota.daerah.kode}
    _cek(klien(user).post(url(dunia_kota), data), actor, status)


@pytest.mark.parametrize("actor", [ANON, *[a for a in SEMUA if a not in ("bappeda", "superuser")]])
def test_a_refused_post_changes_nothing(dunia_kota, db, actor):
    m = muat(dunia_kota.kota)
    p = m.pembahasan.get()
    sebelum = jejak(m)
    user = None if actor == ANON else getattr(dunia_kota, actor)
    c = klien(user)
    c.post(
        _k(dunia_kota, "kesepakatan"),
        {
            "versi": m.versi,
            "pd": dunia_kota.pupr.pk,
            f"keputusan-{p.pk}": "tolak",
            f"alasan-{p.pk}": "Tidak perlu",
        },
    )
    c.post(_k(dunia_kota, "tetapkan"))
    c.post(_k(dunia_kota, "tarik_kecamatan"))
    c.post(
        _k(dunia_kota, "peserta"),
        {"nama": "Penyusup", "jenis_kelamin": "L", "unsur": "masyarakat", "elemen": "tokoh"},
    )
    assert jejak(m) == sebelum


def test_bappeda_post_goes_through(dunia_kota, db):
    """The same POST as above, by Bappeda, is saved: the refusals above are real."""
    m = muat(dunia_kota.kota)
    p = m.pembahasan.get()
    r = klien(dunia_kota.bappeda).post(
        _k(dunia_kota, "kesepakatan"),
        {
            "versi": m.versi,
            "pd": dunia_kota.pupr.pk,
            f"keputusan-{p.pk}": "tolak",
            f"alasan-{p.pk}": "Tidak perlu",
        },
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.keputusan, p.alasan) == ("ditolak", "Tidak perlu")


def test_every_kota_page_has_rows(dunia_kota, db):
    """Every page of the kota forum's own views has rows here (tests/test_urls.py leaves
    them to this matrix)."""
    from urllib.parse import urlsplit

    from django.urls import resolve

    from tests.test_urls import halaman_kota, pola_bernama

    semua = {name for name, p in pola_bernama() if halaman_kota(p)}
    dicakup = {
        resolve(urlsplit(url(dunia_kota)).path).view_name
        for _name, url, _expected in MATRIX + MATRIX_POST
    }
    assert semua and sorted(semua - dicakup) == []


def _jahat_kota(d) -> dict:
    """Wrong types everywhere the kota pages read (versions, perangkat daerah, decisions,
    participants), another daerah's perangkat daerah, the row's own daerah kept."""
    from tests.factories import PerangkatDaerahFactory

    p = d.kota.pembahasan.first()
    pd_lain = PerangkatDaerahFactory(daerah=d.daerah_lain, singkatan="Dinas Lain")
    return {
        "daerah": d.daerah.kode,
        "versi": "abc",
        "pd": pd_lain.pk,
        f"pd-{p.pk}": "9" * 30,
        f"keputusan-{p.pk}": "x\x00y",
        f"alasan-{p.pk}": "😀" * 5000,
        "peserta": ["abc", "9" * 30],
        "nama": "x" * 5000,
        "tanggal": "9999-12-31T99:99",
    }


@pytest.mark.parametrize(
    ("url", "expected"),
    [pytest.param(url, expected, id=name) for name, url, expected in MATRIX + MATRIX_POST],
)
def test_kota_refusals_do_not_depend_on_the_body(dunia_kota, db, url, expected):
    """Every kota URL posted with only the daerah and with a hostile body: whoever is
    refused gets the same refusal and nothing changes; Bappeda gets no server error."""
    from django.db import transaction

    from tests.test_permissions import _kirim, _penolakan_sama, berubah, isi_basis_data

    d = dunia_kota
    alamat = url(d)
    klien_aktor = {a: klien(None if a == ANON else getattr(d, a)) for a in expected}
    bodi = [{"daerah": d.daerah.kode}, _jahat_kota(d)]
    sebelum = isi_basis_data()
    for actor, status in expected.items():
        for isi in bodi:
            if status in (403, 404) or actor == ANON:
                response = _kirim(klien_aktor[actor], alamat, isi)
                assert _penolakan_sama(status, response.status_code, halaman=True), actor
            else:
                with transaction.atomic():
                    assert _kirim(klien_aktor[actor], alamat, isi).status_code < 500, actor
                    transaction.set_rollback(True)
    assert berubah(sebelum, isi_basis_data()) == []
