"""The permission matrix: every view × every actor → the status code it must answer.

Out of the actor's wilayah → 404 (nothing leaks); inside but the peran may not → 403;
anonymous → 302 to the login page. Every new view adds its rows here.
"""

import pytest
from django.urls import reverse

from tests.helpers import klien

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

CASES = [
    pytest.param(url, actor, status, id=f"{name}-{actor}")
    for name, url, expected in MATRIX
    for actor, status in expected.items()
]


@pytest.mark.parametrize(("url", "actor", "status"), CASES)
def test_permission_matrix(dunia, url, actor, status):
    user = None if actor == ANON else getattr(dunia, actor)
    response = klien(user).get(url(dunia))
    assert response.status_code == status
    if status == 302:
        assert reverse("akun:masuk") in response.url or reverse("admin:login") in response.url
