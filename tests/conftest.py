"""Shared fixtures: one small world with the standard actors.

Kota Banjarmasin (63.71) with two kecamatan; kelurahan A (Sungai Miai) and A2 in
kecamatan Utara, kelurahan B (Mantuil) in kecamatan Selatan; a second daerah with its own
Bappeda. The three actors of STYLE.md are ``operator_a``, ``camat_a`` and ``operator_b``.
"""

from types import SimpleNamespace

import pytest

from apps.akun.models import Peran
from tests.factories import (
    DaerahFactory,
    KecamatanFactory,
    KelurahanFactory,
    LingkunganFactory,
    PerangkatDaerahFactory,
    SiklusFactory,
    UserFactory,
    tugaskan,
)

# The longest files first: pytest-xdist (`--dist loadfile`, see the Makefile) hands out
# whole files in collection order, so a long file handed out last keeps one worker busy
# while the other waits.
PERTAMA = (
    "tests/test_permissions_post.py",
    "tests/test_permissions.py",
    "tests/e2e/",
    "tests/demo/",
    "tests/kota/",
)


def pytest_collection_modifyitems(items):
    def urutan(item) -> int:
        return next(
            (i for i, awal in enumerate(PERTAMA) if item.nodeid.startswith(awal)), len(PERTAMA)
        )

    items.sort(key=urutan)  # stable: the order within a file stays


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The real hasher is deliberately slow; tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def daerah(db):
    return DaerahFactory(kode="63.71", nama="Kota Banjarmasin", provinsi="Kalimantan Selatan")


@pytest.fixture
def kecamatan_a(daerah):
    return KecamatanFactory(daerah=daerah, kode="63.71.04", nama="Banjarmasin Utara")


@pytest.fixture
def kecamatan_b(daerah):
    return KecamatanFactory(daerah=daerah, kode="63.71.01", nama="Banjarmasin Selatan")


@pytest.fixture
def kelurahan_a(kecamatan_a):
    kel = KelurahanFactory(kecamatan=kecamatan_a, kode="63.71.04.1005", nama="Sungai Miai")
    LingkunganFactory(kelurahan=kel, nomor=1)
    LingkunganFactory(kelurahan=kel, nomor=2)
    return kel


@pytest.fixture
def kelurahan_a2(kecamatan_a):
    return KelurahanFactory(kecamatan=kecamatan_a, kode="63.71.04.1001", nama="Alalak Tengah")


@pytest.fixture
def kelurahan_b(kecamatan_b):
    return KelurahanFactory(kecamatan=kecamatan_b, kode="63.71.01.1001", nama="Mantuil")


@pytest.fixture
def siklus(daerah):
    return SiklusFactory(daerah=daerah, tahun_rencana=2028)


@pytest.fixture
def pupr(daerah):
    return PerangkatDaerahFactory(
        daerah=daerah, nama="Dinas Pekerjaan Umum dan Penataan Ruang", singkatan="Dinas PUPR"
    )


@pytest.fixture
def operator_a(kelurahan_a):
    return tugaskan(Peran.OPERATOR_KELURAHAN, kelurahan_a, "operator-sungai-miai")


@pytest.fixture
def operator_b(kelurahan_b):
    return tugaskan(Peran.OPERATOR_KELURAHAN, kelurahan_b, "operator-mantuil")


@pytest.fixture
def camat_a(kecamatan_a):
    return tugaskan(Peran.CAMAT, kecamatan_a, "camat-banjarmasin-utara")


@pytest.fixture
def camat_b(kecamatan_b):
    return tugaskan(Peran.CAMAT, kecamatan_b, "camat-banjarmasin-selatan")


@pytest.fixture
def fasilitator_a(kecamatan_a):
    return tugaskan(Peran.FASILITATOR, kecamatan_a, "fasilitator-banjarmasin-utara")


@pytest.fixture
def bappeda(daerah):
    return tugaskan(Peran.ADMIN_BAPPEDA, daerah, "bappeda")


@pytest.fixture
def skpd_pupr(pupr):
    return tugaskan(Peran.PERANGKAT_DAERAH, pupr, "skpd-dinas-pupr")


@pytest.fixture
def daerah_lain(db):
    return DaerahFactory(kode="63.72", nama="Kota Banjarbaru")


@pytest.fixture
def bappeda_lain(daerah_lain):
    return tugaskan(Peran.ADMIN_BAPPEDA, daerah_lain, "bappeda-banjarbaru")


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def dunia(
    daerah,
    kecamatan_a,
    kecamatan_b,
    kelurahan_a,
    kelurahan_a2,
    kelurahan_b,
    siklus,
    pupr,
    operator_a,
    operator_b,
    camat_a,
    camat_b,
    fasilitator_a,
    bappeda,
    skpd_pupr,
    daerah_lain,
    bappeda_lain,
    superuser,
):
    """Everything above in one namespace, for tables of cases (the permission matrix)."""
    return SimpleNamespace(**{k: v for k, v in locals().items()})


def bangun_dunia() -> SimpleNamespace:
    """The same world as ``dunia``, built without fixtures (for module-scoped setups)."""
    d = SimpleNamespace()
    d.daerah = DaerahFactory(kode="63.71", nama="Kota Banjarmasin", provinsi="Kalimantan Selatan")
    d.kecamatan_a = KecamatanFactory(daerah=d.daerah, kode="63.71.04", nama="Banjarmasin Utara")
    d.kecamatan_b = KecamatanFactory(daerah=d.daerah, kode="63.71.01", nama="Banjarmasin Selatan")
    d.kelurahan_a = KelurahanFactory(
        kecamatan=d.kecamatan_a, kode="63.71.04.1005", nama="Sungai Miai"
    )
    LingkunganFactory(kelurahan=d.kelurahan_a, nomor=1)
    LingkunganFactory(kelurahan=d.kelurahan_a, nomor=2)
    d.kelurahan_a2 = KelurahanFactory(
        kecamatan=d.kecamatan_a, kode="63.71.04.1001", nama="Alalak Tengah"
    )
    d.kelurahan_b = KelurahanFactory(kecamatan=d.kecamatan_b, kode="63.71.01.1001", nama="Mantuil")
    d.siklus = SiklusFactory(daerah=d.daerah, tahun_rencana=2028)
    d.pupr = PerangkatDaerahFactory(
        daerah=d.daerah, nama="Dinas Pekerjaan Umum dan Penataan Ruang", singkatan="Dinas PUPR"
    )
    d.operator_a = tugaskan(Peran.OPERATOR_KELURAHAN, d.kelurahan_a, "operator-sungai-miai")
    d.operator_b = tugaskan(Peran.OPERATOR_KELURAHAN, d.kelurahan_b, "operator-mantuil")
    d.camat_a = tugaskan(Peran.CAMAT, d.kecamatan_a, "camat-banjarmasin-utara")
    d.camat_b = tugaskan(Peran.CAMAT, d.kecamatan_b, "camat-banjarmasin-selatan")
    d.fasilitator_a = tugaskan(Peran.FASILITATOR, d.kecamatan_a, "fasilitator-banjarmasin-utara")
    d.bappeda = tugaskan(Peran.ADMIN_BAPPEDA, d.daerah, "bappeda")
    d.skpd_pupr = tugaskan(Peran.PERANGKAT_DAERAH, d.pupr, "skpd-dinas-pupr")
    d.daerah_lain = DaerahFactory(kode="63.72", nama="Kota Banjarbaru")
    d.bappeda_lain = tugaskan(Peran.ADMIN_BAPPEDA, d.daerah_lain, "bappeda-banjarbaru")
    d.superuser = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return d
