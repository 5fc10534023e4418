"""The permission matrix: every view × every actor → the status code it must answer.

Out of the actor's wilayah → 404 (nothing leaks); inside but the peran may not → 403;
anonymous → 302 to the login page. Every new view adds its rows here.
"""

import pytest
from django.urls import reverse

from apps.usulan import kajian
from apps.usulan.foto import foto_tambah
from tests.factories import buat_usulan
from tests.helpers import klien
from tests.usulan.conftest import gambar

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


def _semua(status, **kecuali):
    return {ANON: 302, **dict.fromkeys(SEMUA, status), **kecuali}


ADMIN_SAJA = _semua(403, bappeda=200, bappeda_lain=200, superuser=200)
# Rows of kelurahan A: seen by its operator, the kecamatan above it and the kota.
LIHAT_A = _semua(404, operator_a=200, camat_a=200, fasilitator_a=200, bappeda=200, superuser=200)
# Changed only by kelurahan A's operator; others who can see it get 403.
KELOLA_A = {**LIHAT_A, "camat_a": 403, "fasilitator_a": 403, "bappeda": 403}
# Pages to enter data: any kelurahan operator (their own kelurahan), nobody else.
OPERATOR = _semua(403, operator_a=200, operator_b=200, superuser=200)
PUBLIK = {ANON: 200, **dict.fromkeys(SEMUA, 200)}

# (name, url(d), {actor: status}); d is the `dunia` fixture.
MATRIX = [
    ("beranda", lambda d: reverse("beranda:index"), _semua(200)),
    ("ubah sandi", lambda d: reverse("akun:ubah_sandi"), _semua(200)),
    ("wilayah daftar", lambda d: reverse("wilayah:daftar"), _semua(200)),
    (
        "wilayah kelurahan A",
        lambda d: reverse("wilayah:detail", args=[d.kelurahan_a.kode]),
        _semua(
            404,
            operator_a=200,
            camat_a=200,
            fasilitator_a=200,
            bappeda=200,
            skpd_pupr=200,
            superuser=200,
        ),
    ),
    (
        "wilayah kecamatan A",
        lambda d: reverse("wilayah:detail", args=[d.kecamatan_a.kode]),
        _semua(404, camat_a=200, fasilitator_a=200, bappeda=200, skpd_pupr=200, superuser=200),
    ),
    ("admin index", lambda d: reverse("admin:index"), ADMIN_SAJA),
    (
        "admin kelurahan A",
        lambda d: reverse("admin:wilayah_kelurahan_change", args=[d.kelurahan_a.pk]),
        {**ADMIN_SAJA, "bappeda_lain": 404},
    ),
    (
        "admin kecamatan daftar",
        lambda d: reverse("admin:wilayah_kecamatan_changelist"),
        ADMIN_SAJA,
    ),
    (
        "admin siklus",
        lambda d: reverse("admin:siklus_siklus_change", args=[d.siklus.pk]),
        {**ADMIN_SAJA, "bappeda_lain": 404},
    ),
    (
        "admin perangkat daerah",
        lambda d: reverse("admin:wilayah_perangkatdaerah_change", args=[d.pupr.pk]),
        {**ADMIN_SAJA, "bappeda_lain": 404},
    ),
    (
        "admin pengguna operator A",
        lambda d: reverse("admin:akun_user_change", args=[d.operator_a.pk]),
        {**ADMIN_SAJA, "bappeda_lain": 404},
    ),
    (
        "admin pengguna superuser",
        lambda d: reverse("admin:akun_user_change", args=[d.superuser.pk]),
        {**ADMIN_SAJA, "bappeda": 404, "bappeda_lain": 404},
    ),
    (
        "admin daerah tambah",
        lambda d: reverse("admin:wilayah_daerah_add"),
        {**ADMIN_SAJA, "bappeda": 403, "bappeda_lain": 403},
    ),
]

MATRIX += [
    ("usulan daftar", lambda d: reverse("usulan:daftar"), _semua(200)),
    ("usulan ekspor", lambda d: reverse("usulan:ekspor"), _semua(200)),
    ("usulan tambah", lambda d: reverse("usulan:tambah"), OPERATOR),
    ("usulan lanjutan", lambda d: reverse("usulan:lanjutan"), OPERATOR),
    ("usulan templat", lambda d: reverse("usulan:templat"), OPERATOR),
    ("usulan impor", lambda d: reverse("usulan:impor"), OPERATOR),
    (
        "usulan detail A",
        lambda d: reverse("usulan:detail", args=[d.usulan.pk]),
        {**LIHAT_A, "skpd_pupr": 200},  # addressed to Dinas PUPR
    ),
    (
        "usulan foto A",
        lambda d: reverse("usulan:foto_lihat", args=[d.usulan.pk, d.foto.pk]),
        {**LIHAT_A, "skpd_pupr": 200},
    ),
    (
        "usulan ubah A",
        lambda d: reverse("usulan:ubah", args=[d.usulan.pk]),
        {**KELOLA_A, "skpd_pupr": 403},
    ),
    (
        "usulan duplikat A",
        lambda d: reverse("usulan:duplikat") + f"?kelurahan={d.kelurahan_a.kode}&judul=jalan",
        {**LIHAT_A, "skpd_pupr": 200},
    ),
    ("masalah daftar", lambda d: reverse("usulan:masalah_daftar"), _semua(200)),
    ("masalah tambah", lambda d: reverse("usulan:masalah_tambah"), OPERATOR),
    (
        "masalah ubah A",
        lambda d: reverse("usulan:masalah_ubah", args=[d.masalah.pk]),
        {**KELOLA_A, "skpd_pupr": 403},
    ),
    ("rpjm daftar", lambda d: reverse("usulan:rpjm_daftar"), _semua(200)),
    ("rpjm tambah", lambda d: reverse("usulan:rpjm_tambah"), OPERATOR),
    ("rpjm templat", lambda d: reverse("usulan:rpjm_templat"), OPERATOR),
    ("rpjm impor", lambda d: reverse("usulan:rpjm_impor"), OPERATOR),
    (
        "rpjm ubah A",
        lambda d: reverse("usulan:rpjm_ubah", args=[d.rpjm.pk]),
        {**KELOLA_A, "skpd_pupr": 403},
    ),
    ("lacak", lambda d: reverse("publik:lacak"), PUBLIK),
    ("lacak detail", lambda d: reverse("publik:lacak_detail", args=[d.usulan.kode]), PUBLIK),
]

# POST actions: success redirects (302) back to a page; refusals are 403/404.
KELOLA_A_POST = {**KELOLA_A, "operator_a": 302, "superuser": 302, "skpd_pupr": 403}
MATRIX_POST = [
    ("usulan ajukan A", lambda d: reverse("usulan:ajukan", args=[d.usulan.pk]), KELOLA_A_POST),
    ("usulan hapus A", lambda d: reverse("usulan:hapus", args=[d.usulan.pk]), KELOLA_A_POST),
    (
        "usulan tarik A",
        lambda d: reverse("usulan:tarik", args=[d.usulan.pk]),
        KELOLA_A_POST,
    ),
    (
        "usulan foto hapus A",
        lambda d: reverse("usulan:foto_hapus", args=[d.usulan.pk, d.foto.pk]),
        KELOLA_A_POST,
    ),
    (
        "usulan foto tambah A",
        lambda d: reverse("usulan:foto_tambah", args=[d.usulan.pk]),
        KELOLA_A_POST,
    ),
    (
        "usulan lanjutkan A",
        lambda d: reverse("usulan:lanjutkan", args=[d.usulan.pk]),
        KELOLA_A_POST,
    ),
    (
        "masalah hapus A",
        lambda d: reverse("usulan:masalah_hapus", args=[d.masalah.pk]),
        {**KELOLA_A_POST, "skpd_pupr": 403},
    ),
    (
        "rpjm hapus A",
        lambda d: reverse("usulan:rpjm_hapus", args=[d.rpjm.pk]),
        {**KELOLA_A_POST, "skpd_pupr": 403},
    ),
]


@pytest.fixture
def dunia_usulan(dunia, settings, tmp_path):
    """The world plus one usulan of kelurahan A (to Dinas PUPR) with a photo, a masalah
    and an RPJM kegiatan."""
    settings.MEDIA_ROOT = tmp_path
    d = dunia
    d.usulan = buat_usulan(
        d.operator_a, d.kelurahan_a, sumber_pembiayaan="apbd", perangkat_daerah=d.pupr
    )
    d.foto = foto_tambah(user=d.operator_a, usulan=d.usulan, berkas=gambar(size=(40, 30)))
    d.masalah = kajian.masalah_simpan(
        user=d.operator_a, kelurahan=d.kelurahan_a, data={"sektor": "ekonomi", "uraian": "x"}
    )
    d.rpjm = kajian.rpjm_simpan(
        user=d.operator_a,
        kelurahan=d.kelurahan_a,
        data={
            "bidang": "pembangunan",
            "kegiatan": "Jalan",
            "tahun_mulai": 2025,
            "tahun_selesai": 2030,
        },
    )
    return d


def _cases(matrix):
    return [
        pytest.param(url, actor, status, id=f"{name}-{actor}")
        for name, url, expected in matrix
        for actor, status in expected.items()
    ]


def _cek(response, actor, status):
    assert response.status_code == status
    if actor == ANON and status == 302:
        assert reverse("akun:masuk") in response.url or reverse("admin:login") in response.url


@pytest.mark.parametrize(("url", "actor", "status"), _cases(MATRIX))
def test_permission_matrix(dunia_usulan, url, actor, status):
    user = None if actor == ANON else getattr(dunia_usulan, actor)
    response = klien(user).get(url(dunia_usulan))
    _cek(response, actor, status)
    if hasattr(response, "streaming_content"):
        response.close()


@pytest.mark.parametrize(("url", "actor", "status"), _cases(MATRIX_POST))
def test_permission_matrix_post(dunia_usulan, url, actor, status):
    user = None if actor == ANON else getattr(dunia_usulan, actor)
    _cek(klien(user).post(url(dunia_usulan), {"alasan": "uji"}), actor, status)
