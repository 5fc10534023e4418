"""The permission matrix: every view × every actor → the status code it must answer.

Out of the actor's wilayah → 404 (nothing leaks); inside but the peran may not → 403;
anonymous → 302 to the login page. Every new view adds its rows here.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from apps.dokumen.models import DokumenFinal
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
ORANG_SATU = [("Hj. Rahmah", "P", "tua", "masyarakat", [], "kesehatan", "PKK", 0)]

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


def _m(d, name, *extra):
    return reverse(f"musyawarah:{name}", args=[d.forum.pk, *extra])


LIHAT_A_SKPD = {**LIHAT_A, "skpd_pupr": 200}  # the SKPD reads its daerah's forums
MATRIX += [
    ("musyawarah daftar", lambda d: reverse("musyawarah:daftar"), _semua(200)),
    *[
        (f"musyawarah {name} A", lambda d, name=name: _m(d, name), LIHAT_A_SKPD)
        for name in (
            "ringkasan",
            "tpm",
            "jadwal",
            "rkp",
            "peserta",
            "hadir",
            "keterwakilan",
            "pembahasan",
            "masalah",
            "delegasi",
            "penetapan",
            "undangan",
            "pengumuman",
            "daftar_hadir",
        )
    ],
    ("musyawarah keluaran A", lambda d: _m(d, "keluaran", "prioritas"), LIHAT_A_SKPD),
    ("musyawarah unduh pdf A", lambda d: _m(d, "unduh", "hadir", "pdf"), LIHAT_A_SKPD),
    ("musyawarah unduh xlsx A", lambda d: _m(d, "unduh", "prioritas", "xlsx"), LIHAT_A_SKPD),
    (
        "musyawarah peserta ubah A",
        lambda d: _m(d, "peserta_ubah", d.forum.peserta.first().pk),
        {**KELOLA_A, "skpd_pupr": 403},
    ),
    ("verifikasi", lambda d: reverse("publik:verifikasi", args=[d.dokumen.kode]), PUBLIK),
    (
        "verifikasi unduh",
        lambda d: reverse("publik:verifikasi_unduh", args=[d.dokumen.kode]),
        PUBLIK,
    ),
]


def _peserta(d):
    return d.forum.peserta.first().pk


# Forms that re-render (200) for the operator when posted empty; others never get there.
FORM_A_POST = {**KELOLA_A, "operator_a": 200, "superuser": 200, "skpd_pupr": 403}
MATRIX_POST += [
    *[
        (f"musyawarah {name} A", lambda d, name=name: _m(d, name), KELOLA_A_POST)
        for name in ("mulai", "tetapkan", "tandatangani", "buka_kembali", "pindaian", "masalah")
    ],
    ("musyawarah tandai hadir A", lambda d: _m(d, "tandai_hadir", _peserta(d)), KELOLA_A_POST),
    ("musyawarah peserta hapus A", lambda d: _m(d, "peserta_hapus", _peserta(d)), KELOLA_A_POST),
    (
        "musyawarah agenda hapus A",
        lambda d: _m(d, "agenda_hapus", d.forum.agenda.first().pk),
        KELOLA_A_POST,
    ),
    (
        "musyawarah logistik A",
        lambda d: _m(d, "logistik_siap", d.forum.logistik.first().pk),
        KELOLA_A_POST,
    ),
    ("musyawarah tpm hapus A", lambda d: _m(d, "tpm_hapus", d.forum.tpm.first().pk), KELOLA_A_POST),
    (
        "musyawarah pemandu hapus A",
        lambda d: _m(d, "pemandu_hapus", d.forum.pemandu.first().pk),
        KELOLA_A_POST,
    ),
    *[
        (f"musyawarah {name} A (form)", lambda d, name=name: _m(d, name), FORM_A_POST)
        for name in ("tpm", "jadwal", "peserta", "hadir", "pembahasan", "delegasi", "penetapan")
    ],
]


@pytest.fixture(scope="module")
def dunia_usulan(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world plus one usulan of kelurahan A (to Dinas PUPR) with a photo, a masalah, an
    RPJM kegiatan, an open desa forum and a signed document. Built once for the module and
    committed: every case runs in its own transaction, so what a POST changes is rolled back.
    """
    from django.core.management import call_command
    from django.test import override_settings

    from apps.musyawarah import persiapan
    from tests.conftest import bangun_dunia
    from tests.musyawarah.conftest import siapkan, undang

    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), PASSWORD_HASHERS=fast),
        django_db_blocker.unblock(),
    ):
        d = bangun_dunia()
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
        d.forum = siapkan(
            d.operator_a,
            persiapan.musyawarah_desa_buat(user=d.operator_a, kelurahan=d.kelurahan_a),
        )
        undang(d.operator_a, d.forum, ORANG_SATU)
        persiapan.musyawarah_mulai(user=d.operator_a, musyawarah=d.forum)
        d.dokumen = DokumenFinal.objects.create(
            kode="ABCD-EFGH",
            jenis="berita_acara_desa",
            judul="Berita acara uji",
            nomor="1/BA",
            kode_wilayah=d.kelurahan_a.kode,
            nama_wilayah="Sungai Miai",
            snapshot={},
            sha256_snapshot="0" * 64,
            pdf=ContentFile(b"%PDF-1.4 uji", name="uji.pdf"),
            sha256_pdf="0" * 64,
            ditandatangani_pada=timezone.now(),
        )
        yield d
        call_command("flush", interactive=False, verbosity=0)


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
def test_permission_matrix(dunia_usulan, db, url, actor, status):
    user = None if actor == ANON else getattr(dunia_usulan, actor)
    response = klien(user).get(url(dunia_usulan))
    _cek(response, actor, status)
    if response.streaming:
        # Reading it to the end closes the file (and the test client's request cleanly).
        b"".join(response.streaming_content)


@pytest.mark.parametrize(("url", "actor", "status"), _cases(MATRIX_POST))
def test_permission_matrix_post(dunia_usulan, db, settings, tmp_path, url, actor, status):
    settings.MEDIA_ROOT = tmp_path
    user = None if actor == ANON else getattr(dunia_usulan, actor)
    _cek(klien(user).post(url(dunia_usulan), {"alasan": "uji"}), actor, status)
