"""The permission matrix: every view × every actor → the status code it must answer.

Out of the actor's wilayah → 404 (nothing leaks); inside but the peran may not → 403;
anonymous → 302 to the login page. A refused POST changes nothing in the database.
Every new view adds its rows here (tests/test_urls.py checks that every URL has some).

Every POST is sent three times: with the row's data, with no fields at all, and with a
hostile body (wrong types, huge numbers, and ids of another wilayah's RW, RT, perangkat
daerah, masalah, RPJM kegiatan, participants... in the fields that name objects). A
refusal does not depend on the body: scope and right are checked before anything posted
is read. Whoever is allowed gets no server error from the bad bodies either. Every GET
row is posted to as well, with the hostile body.
"""

from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from apps.dokumen.models import DokumenFinal
from apps.usulan import kajian
from apps.usulan.foto import foto_tambah
from apps.usulan.models import Status, Usulan
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
    # A signed-in user is sent on to the beranda.
    ("masuk", lambda d: reverse("akun:masuk"), _semua(302, **{ANON: 200})),
    ("usulan daftar", lambda d: reverse("usulan:daftar"), _semua(200)),
    ("usulan ekspor", lambda d: reverse("usulan:ekspor"), _semua(200)),
    ("usulan tambah", lambda d: reverse("usulan:tambah"), OPERATOR),
    ("usulan lanjutan", lambda d: reverse("usulan:lanjutan"), OPERATOR),
    ("usulan templat", lambda d: reverse("usulan:templat"), OPERATOR),
    ("usulan impor", lambda d: reverse("usulan:impor"), OPERATOR),
    # A draft addressed to Dinas PUPR: the SKPD does not see it before a forum sends it.
    ("usulan detail A", lambda d: reverse("usulan:detail", args=[d.usulan.pk]), LIHAT_A),
    (
        "usulan foto A",
        lambda d: reverse("usulan:foto_lihat", args=[d.usulan.pk, d.foto.pk]),
        LIHAT_A,
    ),
    ("usulan ubah A", lambda d: reverse("usulan:ubah", args=[d.usulan.pk]), KELOLA_A),
    # Sent to Dinas PUPR by the signed desa forum: the SKPD reads it, changes nothing.
    (
        "usulan detail terkirim A",
        lambda d: reverse("usulan:detail", args=[d.usulan_terkirim.pk]),
        {**LIHAT_A, "skpd_pupr": 200},
    ),
    (
        "usulan foto terkirim A",
        lambda d: reverse("usulan:foto_lihat", args=[d.usulan_terkirim.pk, d.foto_terkirim.pk]),
        {**LIHAT_A, "skpd_pupr": 200},
    ),
    (
        "usulan ubah terkirim A",
        lambda d: reverse("usulan:ubah", args=[d.usulan_terkirim.pk]),
        # The operator is sent back to the detail page: a decided usulan cannot change.
        {**KELOLA_A, "operator_a": 302, "superuser": 302, "skpd_pupr": 403},
    ),
    (
        "usulan duplikat A",
        lambda d: reverse("usulan:duplikat") + f"?kelurahan={d.kelurahan_a.kode}&judul=jalan",
        {**LIHAT_A, "skpd_pupr": 200},
    ),
    (
        "usulan rt A",
        lambda d: reverse("usulan:rt_pilihan") + f"?kelurahan={d.kelurahan_a.kode}",
        {**LIHAT_A, "skpd_pupr": 200},
    ),
    ("masalah daftar", lambda d: reverse("usulan:masalah_daftar"), _semua(200)),
    ("masalah tambah", lambda d: reverse("usulan:masalah_tambah"), OPERATOR),
    (
        "masalah ubah A",
        lambda d: reverse("usulan:masalah_ubah", args=[d.masalah.pk]),
        KELOLA_A,
    ),
    ("rpjm daftar", lambda d: reverse("usulan:rpjm_daftar"), _semua(200)),
    ("rpjm tambah", lambda d: reverse("usulan:rpjm_tambah"), OPERATOR),
    ("rpjm templat", lambda d: reverse("usulan:rpjm_templat"), OPERATOR),
    ("rpjm impor", lambda d: reverse("usulan:rpjm_impor"), OPERATOR),
    (
        "rpjm ubah A",
        lambda d: reverse("usulan:rpjm_ubah", args=[d.rpjm.pk]),
        KELOLA_A,
    ),
    ("lacak", lambda d: reverse("publik:lacak"), PUBLIK),
    ("lacak detail", lambda d: reverse("publik:lacak_detail", args=[d.usulan.kode]), PUBLIK),
]

# POST actions: success redirects (302) back to a page; refusals are 403/404.
KELOLA_A_POST = {**KELOLA_A, "operator_a": 302, "superuser": 302}

# POST rows with a fourth element post that data (``d`` → dict), and the actors allowed
# must change the database with it: so the same data, refused to everyone else, would
# have changed it too. Data the forum's state refuses even to them is wrapped in
# ``tetap``: then nothing may change for anyone.

# Bappeda's compilation: Bappeda, the camat (their kecamatan's rows) and the SKPD (theirs);
# a download belongs to who asked for it alone (bappeda's, in the world).
KOMPILASI = _semua(
    403, camat_a=200, camat_b=200, bappeda=200, bappeda_lain=200, skpd_pupr=200, superuser=200
)
PEMILIK_UNDUHAN = _semua(404, bappeda=200, **{ANON: 302})
MATRIX += [
    ("pantauan papan", lambda d: reverse("pantauan:papan"), ADMIN_SAJA),
    ("kompilasi daftar", lambda d: reverse("kompilasi:daftar"), KOMPILASI),
    (
        "kompilasi unduhan",
        lambda d: reverse("kompilasi:unduhan", args=[d.unduhan.pk]),
        PEMILIK_UNDUHAN,
    ),
    (
        "kompilasi unduhan berkas",
        lambda d: reverse("kompilasi:unduhan_berkas", args=[d.unduhan.pk]),
        PEMILIK_UNDUHAN,
    ),
]


def tetap(data):
    """Row data whose POST changes nothing, even for the actors allowed."""

    def isi(d):
        return data(d)

    isi.tetap = True
    return isi


def _kosong(d) -> dict:
    """No fields: the URL names the action."""
    return {}


MATRIX_POST = [
    # Small downloads answer with the file (the world's compilation is small).
    # (The other daerah has no active siklus: nothing to download.)
    (
        "kompilasi unduh xlsx",
        lambda d: reverse("kompilasi:unduh", args=["xlsx"]),
        {**KOMPILASI, "bappeda_lain": 404},
    ),
    ("keluar", lambda d: reverse("akun:keluar"), _semua(302)),
    ("usulan ajukan A", lambda d: reverse("usulan:ajukan", args=[d.usulan.pk]), KELOLA_A_POST),
    (
        # Any kelurahan operator (for their own usulan; others' ids are ignored), nobody else.
        "usulan ajukan banyak",
        lambda d: reverse("usulan:ajukan_banyak"),
        _semua(403, operator_a=302, operator_b=302, superuser=302),
    ),
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
        KELOLA_A_POST,
    ),
    (
        "rpjm hapus A",
        lambda d: reverse("usulan:rpjm_hapus", args=[d.rpjm.pk]),
        KELOLA_A_POST,
    ),
]


def _m(d, name, *extra):
    return reverse(f"musyawarah:{name}", args=[d.forum.pk, *extra])


MATRIX += [
    ("musyawarah daftar", lambda d: reverse("musyawarah:daftar"), _semua(200)),
    *[
        (f"musyawarah {name} A", lambda d, name=name: _m(d, name), LIHAT_A)
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
    ("musyawarah keluaran A", lambda d: _m(d, "keluaran", "prioritas"), LIHAT_A),
    ("musyawarah unduh pdf A", lambda d: _m(d, "unduh", "hadir", "pdf"), LIHAT_A),
    ("musyawarah unduh xlsx A", lambda d: _m(d, "unduh", "prioritas", "xlsx"), LIHAT_A),
    ("musyawarah rkp pdf A", lambda d: _m(d, "rkp_pdf"), LIHAT_A),
    ("musyawarah materi unduh A", lambda d: _m(d, "materi_unduh", d.materi.pk), LIHAT_A),
    (
        "musyawarah latihan ringkasan A",
        lambda d: reverse("musyawarah:ringkasan", args=[d.latihan.pk]),
        LIHAT_A,
    ),
    (
        "musyawarah agenda ubah A",
        lambda d: _m(d, "agenda_ubah", d.forum.agenda.first().pk),
        KELOLA_A,
    ),
    (
        "musyawarah peserta ubah A",
        lambda d: _m(d, "peserta_ubah", d.forum.peserta.first().pk),
        KELOLA_A,
    ),
    ("verifikasi cari", lambda d: reverse("publik:verifikasi_cari"), PUBLIK),
    (
        "verifikasi cari salah",
        lambda d: reverse("publik:verifikasi_cari") + "?kode=bukan/kode",
        PUBLIK,
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


# Opening a kelurahan's forum: its own operator only. Kelurahan A has one already (the
# operator is sent back with the refusal); kelurahan B has none.
MATRIX_POST += [
    (
        "musyawarah buat A",
        lambda d: reverse("musyawarah:buat"),
        _semua(403, operator_a=302, superuser=302),
        tetap(lambda d: {"kelurahan": d.kelurahan_a.kode}),
    ),
    (
        "musyawarah buat B",
        lambda d: reverse("musyawarah:buat"),
        _semua(403, operator_b=302, superuser=302),
        lambda d: {"kelurahan": d.kelurahan_b.kode},
    ),
]

# Forms that re-render (200) for the operator when posted empty; others never get there.
FORM_A_POST = {**KELOLA_A, "operator_a": 200, "superuser": 200}
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
    (
        "musyawarah agenda ubah A (form)",
        lambda d: _m(d, "agenda_ubah", d.forum.agenda.first().pk),
        FORM_A_POST,
    ),
    # The forum has a practice run already: the operator is sent back with the refusal.
    ("musyawarah latihan buat A", lambda d: _m(d, "latihan_buat"), KELOLA_A_POST),
    (
        "musyawarah latihan hapus A",
        lambda d: reverse("musyawarah:latihan_hapus", args=[d.latihan.pk]),
        KELOLA_A_POST,
    ),
    ("musyawarah materi tambah A", lambda d: _m(d, "materi_tambah"), KELOLA_A_POST),
    ("musyawarah materi hapus A", lambda d: _m(d, "materi_hapus", d.materi.pk), KELOLA_A_POST),
]


# The Musrenbang Kecamatan of kecamatan A, mid-session (tests/kecamatan/dunia.py). Its
# rows name more actors than the desa rows: the operator of kelurahan A2 (whose signed
# usulan the forum discusses), the operator of kecamatan A, the fasilitator of each of
# its groups (fasilitator_a: Infrastruktur, fasilitator_a2: Sosial Budaya), a
# fasilitator of kecamatan B; and on the scoring sheets ``penilai_*``, a browser that
# opened that scorer's personal link (no account).
KEC = [
    *SEMUA[:2],
    "operator_a2",
    "operator_kec_a",
    "camat_a",
    "camat_b",
    "fasilitator_a",
    "fasilitator_a2",
    "fasilitator_b",
    *SEMUA[5:],
]


def _kec(status, **kecuali):
    return {ANON: 302, **dict.fromkeys(KEC, status), **kecuali}


# Seen by kecamatan A (camat, operator, fasilitator) and the kota; no kelurahan operator.
LIHAT_KEC = _kec(
    404,
    operator_kec_a=200,
    camat_a=200,
    fasilitator_a=200,
    fasilitator_a2=200,
    bappeda=200,
    superuser=200,
)
# Run by the camat and the operator kecamatan; others who see the forum get 403.
KELOLA_KEC = {**LIHAT_KEC, "fasilitator_a": 403, "fasilitator_a2": 403, "bappeda": 403}
KELOLA_KEC_POST = {**KELOLA_KEC, "camat_a": 302, "operator_kec_a": 302, "superuser": 302}
FORM_KEC_POST = {**KELOLA_KEC, "camat_a": 200, "operator_kec_a": 200, "superuser": 200}
# A sidang kelompok is also run by its own fasilitator (PANDU_KELOMPOK), no other.
PANDU_INFRA_POST = {**KELOLA_KEC_POST, "fasilitator_a": 302}
PANDU_SOSIAL_POST = {**KELOLA_KEC_POST, "fasilitator_a2": 302}
# Found by nobody (a desa-only page of a kecamatan forum, a part of another forum).
TIDAK_ADA = _kec(404)
# Found by those who see the forum, and refused to every one of them.
DITOLAK_KEC = {a: 403 if s == 200 else s for a, s in LIHAT_KEC.items()}
# Bappeda's recommended criteria: each admin Bappeda manages their own daerah's.
BAPPEDA = _kec(403, bappeda=200, bappeda_lain=200, superuser=200)
BAPPEDA_POST = _kec(403, bappeda=302, bappeda_lain=302, superuser=302)
# Bappeda A's criterion: another daerah's Bappeda finds nothing.
BAPPEDA_A = {**BAPPEDA, "bappeda_lain": 404}
BAPPEDA_A_POST = {**BAPPEDA_POST, "bappeda_lain": 404}


def _k(d, name, *extra):
    return reverse(f"musyawarah:{name}", args=[d.kec.pk, *extra])


def _lembar(d, penilai):
    return reverse("musyawarah:lembar", args=[getattr(d, penilai).pk])


MATRIX += [
    *[
        (f"kecamatan {name}", lambda d, name=name: _k(d, name), LIHAT_KEC)
        for name in (
            # The forum engine's pages, on a kecamatan forum.
            "ringkasan",
            "tpm",
            "jadwal",
            "peserta",
            "hadir",
            "keterwakilan",
            "delegasi",
            "penetapan",
            "undangan",
            "pengumuman",
            "daftar_hadir",
            # The kecamatan's own.
            "masukan",
            "kompilasi",
            "kelompok",
            "pleno",
            "surat_bappeda_pdf",
            "penilaian",
        )
    ],
    *[
        (f"kecamatan keluaran {jenis}", lambda d, jenis=jenis: _k(d, "keluaran", jenis), LIHAT_KEC)
        for jenis in (
            "berita_acara",
            "prioritas",
            "kompilasi",
            "tidak_layak",
            "kelompok",
            "penilaian",
            "delegasi",
            "hadir",
        )
    ],
    ("kecamatan unduh pdf", lambda d: _k(d, "unduh", "penilaian", "pdf"), LIHAT_KEC),
    ("kecamatan unduh xlsx", lambda d: _k(d, "unduh", "prioritas", "xlsx"), LIHAT_KEC),
    ("kecamatan materi unduh", lambda d: _k(d, "materi_unduh", d.materi_kec.pk), LIHAT_KEC),
    (
        "kecamatan latihan ringkasan",
        lambda d: reverse("musyawarah:ringkasan", args=[d.latihan_kec.pk]),
        LIHAT_KEC,
    ),
    (
        "kecamatan laporan kelurahan A2",
        lambda d: _k(d, "laporan_kelurahan", d.kelurahan_a2.kode),
        LIHAT_KEC,
    ),
    # A kelurahan of another kecamatan is no part of this forum.
    (
        "kecamatan laporan kelurahan B",
        lambda d: _k(d, "laporan_kelurahan", d.kelurahan_b.kode),
        TIDAK_ADA,
    ),
    ("kecamatan kelompok infra", lambda d: _k(d, "kelompok_detail", d.infra.pk), LIHAT_KEC),
    ("kecamatan kelompok sosial", lambda d: _k(d, "kelompok_detail", d.sosial.pk), LIHAT_KEC),
    # The forum's group, asked for through its practice run: not found there.
    (
        "kecamatan kelompok lain",
        lambda d: reverse("musyawarah:kelompok_detail", args=[d.latihan_kec.pk, d.infra.pk]),
        TIDAK_ADA,
    ),
    (
        "kecamatan agenda ubah",
        lambda d: _k(d, "agenda_ubah", d.kec.agenda.first().pk),
        KELOLA_KEC,
    ),
    (
        "kecamatan peserta ubah",
        lambda d: _k(d, "peserta_ubah", d.kec.peserta.first().pk),
        KELOLA_KEC,
    ),
    ("kecamatan usulan kecamatan", lambda d: _k(d, "usulan_kecamatan"), KELOLA_KEC),
    # Desa-only pages: not found on a kecamatan forum, whoever asks.
    *[
        (f"kecamatan {name} (desa saja)", lambda d, name=name: _k(d, name), TIDAK_ADA)
        for name in ("rkp", "rkp_pdf", "pembahasan", "masalah")
    ],
    # And the kecamatan's pages are not found on a desa forum.
    *[
        (f"kecamatan {name} pada forum desa", lambda d, name=name: _m(d, name), TIDAK_ADA)
        for name in ("masukan", "kompilasi", "kelompok", "pleno", "penilaian")
    ],
    # Scoring: the camat's criteria, each group's scoring and ranking, the sheets.
    ("penilaian kriteria tambah", lambda d: _k(d, "kriteria_tambah"), KELOLA_KEC),
    ("penilaian kriteria ubah", lambda d: _k(d, "kriteria_ubah", d.kriteria.pk), KELOLA_KEC),
    # Bappeda's recommended criterion is no criterion of the forum.
    (
        "penilaian kriteria ubah lain",
        lambda d: _k(d, "kriteria_ubah", d.rekomendasi.pk),
        {**KELOLA_KEC, "camat_a": 404, "operator_kec_a": 404, "superuser": 404},
    ),
    ("penilaian buka kunci", lambda d: _k(d, "kriteria_buka_kunci"), KELOLA_KEC),
    ("penilaian kelompok infra", lambda d: _k(d, "penilaian_kelompok", d.infra.pk), LIHAT_KEC),
    # Closed: the ranking per prioritas daerah, every score shown.
    (
        "penilaian peringkat ekonomi",
        lambda d: _k(d, "penilaian_kelompok", d.ekonomi.pk),
        LIHAT_KEC,
    ),
    ("penilaian lembar kosong", lambda d: _k(d, "lembar_kosong", d.infra.pk), LIHAT_KEC),
    # Scorer A scores online: the sheet is theirs alone (logged-in or not); a scorer
    # never opens another's sheet.
    (
        "penilaian lembar A",
        lambda d: _lembar(d, "penilai_a"),
        {**DITOLAK_KEC, "penilai_a": 200, "penilai_e": 403, "penilai_latihan": 403},
    ),
    # The practice run's copy of scorer A: another forum, another link, another sheet.
    (
        "penilaian lembar latihan",
        lambda d: _lembar(d, "penilai_latihan"),
        {**DITOLAK_KEC, "penilai_latihan": 200, "penilai_a": 403},
    ),
    # Ekonomi closed its scoring: its scorer still opens the sheet (read-only, ranked).
    (
        "penilaian lembar E (ditutup)",
        lambda d: _lembar(d, "penilai_e"),
        {**DITOLAK_KEC, "penilai_e": 200, "penilai_a": 403},
    ),
    # Scorer B scores on paper: whoever runs the group enters it.
    (
        "penilaian lembar B (kertas)",
        lambda d: _lembar(d, "penilai_b"),
        {**LIHAT_KEC, "fasilitator_a2": 403, "bappeda": 403, "penilai_a": 403},
    ),
    # The personal link puts the scorer in the browser session, for anyone holding it.
    (
        "penilaian tautan A",
        lambda d: reverse("musyawarah:nilai_masuk", args=[d.penilai_a.token]),
        _kec(302),
    ),
    (
        "penilaian tautan salah",
        lambda d: reverse("musyawarah:nilai_masuk", args=["bukan-token-penilai"]),
        {**TIDAK_ADA, ANON: 404},
    ),
    ("rekomendasi", lambda d: reverse("penilaian:rekomendasi"), BAPPEDA),
    (
        "rekomendasi daerah A",
        lambda d: reverse("penilaian:rekomendasi") + f"?daerah={d.daerah.kode}",
        BAPPEDA_A,
    ),
    ("rekomendasi tambah", lambda d: reverse("penilaian:rekomendasi_tambah"), BAPPEDA),
    (
        "rekomendasi ubah A",
        lambda d: reverse("penilaian:rekomendasi_ubah", args=[d.rekomendasi.pk]),
        BAPPEDA_A,
    ),
    (
        "publik musrenbang kecamatan",
        lambda d: reverse("publik:musrenbang", args=[d.kec.pk]),
        {**_kec(200), ANON: 200},
    ),
    (
        "publik musrenbang desa",
        lambda d: reverse("publik:musrenbang", args=[d.forum.pk]),
        {**TIDAK_ADA, ANON: 404},
    ),
]


def _sel(d):
    """One cell of the Infrastruktur sheet: the siring on the first criterion."""
    return {
        "pembahasan": d.rec["Siring sungai Alalak Tengah"].pk,
        "kriteria": d.kriteria.pk,
        "versi": "0",
        "nilai": "3",
    }


def _pd(d, judul):
    p = d.rec[judul]
    pre = f"v{p.pk}-"
    return {
        pre + "verifikasi": "layak",
        pre + "perangkat_daerah": p.usulan.perangkat_daerah_id,
        pre + "volume": "120",
        pre + "perkiraan_biaya": "150000000",
    }


def _materi(d, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.musyawarah.bantu import pdf_asli

    return {"judul": "Paparan", "berkas": SimpleUploadedFile("p.pdf", pdf_asli()), **extra}


def _usulan_kecamatan(d):
    return {
        "judul": "Penerangan jalan Alalak",
        "bidang": "pembangunan",
        "sektor": "infrastruktur",
        "permasalahan": "Jalan gelap",
        "volume": "10",
        "satuan": "titik",
        "lingkungan": d.kelurahan_a2.lingkungan.first().pk,
        "sasaran": "Warga",
        "perkiraan_biaya": "50000000",
        "perangkat_daerah": d.pupr.pk,
        "pengusul": "Camat",
    }


KRITERIA = {"nama": "Kesiapan lahan", "bobot": "2", "skala": "5", "arti_5": "Lahan siap"}

MATRIX_POST += [
    (
        "kecamatan buat A (sudah ada)",
        lambda d: reverse("musyawarah:buat_kecamatan"),
        # The SKPD reads every wilayah of its daerah, and may open no forum.
        {**KELOLA_KEC_POST, "skpd_pupr": 403},
        tetap(lambda d: {"kecamatan": d.kecamatan_a.kode}),
    ),
    (
        "kecamatan buat B",
        lambda d: reverse("musyawarah:buat_kecamatan"),
        _kec(404, camat_b=302, fasilitator_b=403, bappeda=403, skpd_pupr=403, superuser=302),
        lambda d: {"kecamatan": d.kecamatan_b.kode},
    ),
    *[
        (f"kecamatan {name}", lambda d, name=name: _k(d, name), KELOLA_KEC_POST)
        for name in (
            # The forum engine's actions, on a kecamatan forum (refused by its status).
            "mulai",
            "tetapkan",
            "tandatangani",
            "buka_kembali",
            "pindaian",
            "latihan_buat",
            # The kecamatan's own.
            "tarik",
            "bacakan",
            "kirim",
        )
    ],
    *[
        (f"kecamatan {name} (form)", lambda d, name=name: _k(d, name), FORM_KEC_POST)
        for name in ("tpm", "jadwal", "peserta", "hadir", "delegasi", "penetapan", "pleno")
    ],
    (
        "kecamatan agenda ubah (form)",
        lambda d: _k(d, "agenda_ubah", d.kec.agenda.first().pk),
        FORM_KEC_POST,
    ),
    # Valid, and only for the preparation: refused now, whoever sends it.
    (
        "kecamatan surat bappeda",
        lambda d: _k(d, "surat_bappeda"),
        KELOLA_KEC_POST,
        tetap(lambda d: {"nomor": "050/13/KEC", "tanggal": "2027-02-01"}),
    ),
    (
        "kecamatan latihan hapus",
        lambda d: reverse("musyawarah:latihan_hapus", args=[d.latihan_kec.pk]),
        KELOLA_KEC_POST,
        _kosong,
    ),
    (
        "kecamatan tandai hadir",
        lambda d: _k(d, "tandai_hadir", d.kec.peserta.order_by("nama").last().pk),
        KELOLA_KEC_POST,
        lambda d: {"hadir": "0"},
    ),
    (
        "kecamatan peserta hapus",
        lambda d: _k(d, "peserta_hapus", d.kec.peserta.first().pk),
        KELOLA_KEC_POST,
    ),
    (
        "kecamatan agenda hapus",
        lambda d: _k(d, "agenda_hapus", d.kec.agenda.first().pk),
        KELOLA_KEC_POST,
        _kosong,
    ),
    (
        "kecamatan logistik",
        lambda d: _k(d, "logistik_siap", d.kec.logistik.first().pk),
        KELOLA_KEC_POST,
        _kosong,
    ),
    ("kecamatan tpm hapus", lambda d: _k(d, "tpm_hapus", d.kec.tpm.first().pk), KELOLA_KEC_POST),
    # The desa forum's pemandu is no part of the kecamatan forum.
    (
        "kecamatan pemandu hapus (forum lain)",
        lambda d: _k(d, "pemandu_hapus", d.forum.pemandu.first().pk),
        {**KELOLA_KEC_POST, "camat_a": 404, "operator_kec_a": 404, "superuser": 404},
    ),
    (
        "kecamatan materi tambah",
        lambda d: _k(d, "materi_tambah"),
        KELOLA_KEC_POST,
        _materi,
    ),
    (
        "kecamatan materi hapus",
        lambda d: _k(d, "materi_hapus", d.materi_kec.pk),
        KELOLA_KEC_POST,
        _kosong,
    ),
    (
        "kecamatan masukan (bahan)",
        lambda d: _k(d, "masukan"),
        KELOLA_KEC_POST,
        lambda d: _materi(d, jenis="rancangan_rkpd"),
    ),
    (
        "kecamatan delegasi",
        lambda d: _k(d, "delegasi"),
        KELOLA_KEC_POST,
        lambda d: {"versi": d.kec.versi, "peserta": [d.kec.peserta.order_by("nama").first().pk]},
    ),
    (
        "kecamatan pleno perumus",
        lambda d: _k(d, "pleno"),
        KELOLA_KEC_POST,
        lambda d: {"bagian": "perumus", "perumus": [d.kec.peserta.first().pk]},
    ),
    (
        "kecamatan pendaftaran terima",
        lambda d: _k(d, "pendaftaran", d.pendaftaran.pk, "terima"),
        KELOLA_KEC_POST,
        _kosong,
    ),
    (
        "kecamatan pendaftaran tolak",
        lambda d: _k(d, "pendaftaran", d.pendaftaran.pk, "tolak"),
        KELOLA_KEC_POST,
        lambda d: {"alasan": "Kuota penuh"},
    ),
    (
        "kecamatan pendaftaran aksi lain",
        lambda d: _k(d, "pendaftaran", d.pendaftaran.pk, "hapus"),
        DITOLAK_KEC,
    ),
    (
        "kecamatan kelompok ubah",
        lambda d: _k(d, "kelompok"),
        KELOLA_KEC_POST,
        lambda d: {
            "bagian": str(d.infra.pk),
            "nama": "Infrastruktur",
            "perangkat_daerah": [d.pupr.pk],
        },
    ),
    (
        "kecamatan usulan kecamatan tambah",
        lambda d: _k(d, "usulan_kecamatan"),
        KELOLA_KEC_POST,
        _usulan_kecamatan,
    ),
    # The sidang kelompok: the camat's team, and each group's own fasilitator.
    (
        "kecamatan pimpinan sosial",
        lambda d: _k(d, "kelompok_detail", d.sosial.pk),
        PANDU_SOSIAL_POST,
        lambda d: {
            "bagian": "pimpinan",
            "fasilitator": d.fasilitator_a2.pk,
            # The same three members in other seats.
            "ketua": d.sosial.notulen_id,
            "sekretaris": d.sosial.ketua_id,
            "notulen": d.sosial.sekretaris_id,
        },
    ),
    (
        "kecamatan verifikasi sosial",
        lambda d: _k(d, "verifikasi", d.sosial.pk, d.rec["Fogging DBD"].pk),
        PANDU_SOSIAL_POST,
        lambda d: _pd(d, "Fogging DBD"),
    ),
    # An usulan of another group is not verified through this one.
    (
        "kecamatan verifikasi kelompok lain",
        lambda d: _k(d, "verifikasi", d.sosial.pk, d.rec["Titian ulin Alalak"].pk),
        {
            **PANDU_SOSIAL_POST,
            **dict.fromkeys(("camat_a", "operator_kec_a", "fasilitator_a2", "superuser"), 404),
        },
    ),
    (
        "kecamatan gabung sosial",
        lambda d: _k(d, "gabung", d.sosial.pk),
        PANDU_SOSIAL_POST,
        lambda d: {"utama": d.rec["Puskesmas pembantu"].pk, "lain": [d.rec["Fogging DBD"].pk]},
    ),
    (
        "kecamatan pisah sosial",
        lambda d: _k(d, "pisah", d.sosial.pk, d.rec["Posyandu lansia"].pk),
        PANDU_SOSIAL_POST,
        _kosong,
    ),
    (
        "kecamatan verifikasi buka infra",
        lambda d: _k(d, "kelompok_aksi", d.infra.pk, "buka"),
        PANDU_INFRA_POST,
        lambda d: {"alasan": "Ada koreksi biaya"},
    ),
    *[
        (
            f"kecamatan kelompok {aksi} sosial",
            lambda d, aksi=aksi: _k(d, "kelompok_aksi", d.sosial.pk, aksi),
            PANDU_SOSIAL_POST,
        )
        for aksi in ("serahkan", "tutup")
    ],
    (
        "kecamatan kelompok aksi lain",
        lambda d: _k(d, "kelompok_aksi", d.sosial.pk, "hapus"),
        DITOLAK_KEC,
    ),
    # Scoring.
    # The criteria are locked (Ekonomi has scores), and Ekonomi closed its scoring so they
    # cannot be unlocked: refused, the page or form comes back with the refusal.
    (
        "penilaian kriteria mulai",
        lambda d: _k(d, "kriteria_mulai"),
        KELOLA_KEC_POST,
        tetap(lambda d: {"sumber": "seed"}),
    ),
    (
        "penilaian buka kunci (form)",
        lambda d: _k(d, "kriteria_buka_kunci"),
        FORM_KEC_POST,
        tetap(lambda d: {"jumlah": "5"}),
    ),
    (
        "penilaian kriteria tambah (form)",
        lambda d: _k(d, "kriteria_tambah"),
        FORM_KEC_POST,
        tetap(lambda d: KRITERIA),
    ),
    (
        "penilaian kriteria ubah (form)",
        lambda d: _k(d, "kriteria_ubah", d.kriteria.pk),
        FORM_KEC_POST,
        tetap(lambda d: KRITERIA),
    ),
    (
        "penilaian kriteria hapus",
        lambda d: _k(d, "kriteria_hapus", d.kriteria.pk),
        KELOLA_KEC_POST,
        tetap(_kosong),
    ),
    (
        "penilaian kriteria hapus lain",
        lambda d: _k(d, "kriteria_hapus", d.rekomendasi.pk),
        {**KELOLA_KEC, "camat_a": 404, "operator_kec_a": 404, "superuser": 404},
    ),
    (
        "penilaian penilai infra",
        lambda d: _k(d, "penilaian_kelompok", d.infra.pk),
        PANDU_INFRA_POST,
        lambda d: {"penilai": [p.pk for p in d.infra.anggota.all()]},
    ),
    (
        "penilaian kertas infra",
        lambda d: _k(d, "penilaian_aksi", d.infra.pk, "kertas"),
        PANDU_INFRA_POST,
        lambda d: {"penilai": d.penilai_a.pk},
    ),
    (
        "penilaian langsung infra",
        lambda d: _k(d, "penilaian_aksi", d.infra.pk, "langsung"),
        PANDU_INFRA_POST,
        lambda d: {"penilai": d.penilai_b.pk},
    ),
    # Another group's scorer is not switched through this group.
    (
        "penilaian kertas penilai lain",
        lambda d: _k(d, "penilaian_aksi", d.infra.pk, "kertas"),
        {
            **PANDU_INFRA_POST,
            **dict.fromkeys(("camat_a", "operator_kec_a", "fasilitator_a", "superuser"), 404),
        },
        lambda d: {"penilai": d.penilai_e.pk},
    ),
    (
        # Not every score is in: refused.
        "penilaian tutup infra",
        lambda d: _k(d, "penilaian_aksi", d.infra.pk, "tutup"),
        PANDU_INFRA_POST,
        tetap(_kosong),
    ),
    # Ekonomi has no fasilitator account: the camat's team runs it.
    (
        "penilaian buka ekonomi",
        lambda d: _k(d, "penilaian_aksi", d.ekonomi.pk, "buka"),
        KELOLA_KEC_POST,
        lambda d: {"alasan": "Nilai salah ketik"},
    ),
    (
        "penilaian aksi lain",
        lambda d: _k(d, "penilaian_aksi", d.infra.pk, "hapus"),
        DITOLAK_KEC,
    ),
    # One cell of a sheet (htmx): the answer is the cell (200).
    (
        "penilaian sel A",
        lambda d: reverse("musyawarah:sel", args=[d.penilai_a.pk]),
        {**DITOLAK_KEC, ANON: 403, "penilai_a": 200, "penilai_latihan": 403},
        _sel,
    ),
    (
        "penilaian sel B (kertas)",
        lambda d: reverse("musyawarah:sel", args=[d.penilai_b.pk]),
        {**LIHAT_KEC, ANON: 403, "penilai_a": 403, "fasilitator_a2": 403, "bappeda": 403},
        _sel,
    ),
    # Ekonomi closed its scoring: its scorer's link shows the sheet and saves nothing.
    (
        "penilaian sel E (ditutup)",
        lambda d: reverse("musyawarah:sel", args=[d.penilai_e.pk]),
        {**DITOLAK_KEC, ANON: 403, "penilai_a": 403, "penilai_e": 200},
        tetap(
            lambda d: {
                "pembahasan": d.rec["Pasar terapung"].pk,
                "kriteria": d.kriteria.pk,
                "versi": "1",
                "nilai": "2",
            }
        ),
    ),
    (
        "rekomendasi contoh",
        lambda d: reverse("penilaian:rekomendasi_contoh"),
        BAPPEDA_POST,
        _kosong,
    ),
    (
        "rekomendasi contoh daerah A",
        lambda d: reverse("penilaian:rekomendasi_contoh"),
        BAPPEDA_A_POST,
        lambda d: {"daerah": d.daerah.kode},
    ),
    (
        "rekomendasi tambah",
        lambda d: reverse("penilaian:rekomendasi_tambah"),
        BAPPEDA_POST,
        lambda d: KRITERIA,
    ),
    (
        "rekomendasi ubah A",
        lambda d: reverse("penilaian:rekomendasi_ubah", args=[d.rekomendasi.pk]),
        BAPPEDA_A_POST,
        lambda d: KRITERIA,
    ),
    (
        "rekomendasi hapus A",
        lambda d: reverse("penilaian:rekomendasi_hapus", args=[d.rekomendasi.pk]),
        BAPPEDA_A_POST,
        _kosong,
    ),
]


@pytest.fixture(scope="module")
def dunia_usulan(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world plus two usulan of kelurahan A to Dinas PUPR with a photo each (a draft,
    and one a signed forum sent on), a masalah, an RPJM kegiatan, an open desa forum with
    a material and a practice run, a signed document, and kecamatan A's forum in the
    middle of its sidang kelompok (tests/kecamatan/dunia.py). Built once for the module
    and committed: every case runs in its own transaction, so what a POST changes is
    rolled back.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import override_settings

    from apps.musyawarah import latihan, materi, persiapan
    from tests.conftest import bangun_dunia
    from tests.kecamatan.dunia import bangun_kecamatan
    from tests.musyawarah.bantu import pdf_asli
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
        d.usulan_terkirim = buat_usulan(
            d.operator_a,
            d.kelurahan_a,
            judul="Titian ulin RW 02",
            sumber_pembiayaan="apbd",
            perangkat_daerah=d.pupr,
        )
        d.foto_terkirim = foto_tambah(
            user=d.operator_a, usulan=d.usulan_terkirim, berkas=gambar(size=(40, 30))
        )
        # What signing the desa forum's berita acara does to a prioritised usulan.
        Usulan.objects.filter(pk=d.usulan_terkirim.pk).update(status=Status.PRIORITAS_DESA)
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
        d.materi = materi.materi_tambah(
            user=d.operator_a,
            musyawarah=d.forum,
            judul="Paparan kajian",
            berkas=SimpleUploadedFile("paparan.pdf", pdf_asli()),
        )
        d.latihan = latihan.latihan_buat(user=d.operator_a, musyawarah=d.forum)
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
        bangun_kecamatan(d)
        d.asing = _bangun_asing(d)
        from apps.kompilasi.models import StatusUnduhan, Unduhan

        d.unduhan = Unduhan.objects.create(
            pemilik=d.bappeda,
            siklus=d.siklus,
            jenis="xlsx",
            status=StatusUnduhan.SELESAI,
            berkas=ContentFile(b"PK uji", name="kompilasi-uji.xlsx"),
        )
        yield d
        call_command("flush", interactive=False, verbosity=0)


def _cases(matrix, *, post: bool = False):
    """One case per row and actor; with ``post``, the row's data (None: the default)."""
    return [
        pytest.param(
            url, actor, status, *([data[0] if data else None] if post else []), id=f"{name}-{actor}"
        )
        for name, url, expected, *data in matrix
        for actor, status in expected.items()
    ]


def _klien(d, actor) -> Client:
    """A client as ``actor``: a user of the world, anonymous, or a browser that opened a
    scorer's personal link (``penilai_*``: no account, the scorer in its session)."""
    if actor == ANON:
        return klien(None)
    if actor.startswith("penilai_"):
        client = klien(None)
        token = getattr(d, actor).token
        assert client.get(reverse("musyawarah:nilai_masuk", args=[token])).status_code == 302
        return client
    return klien(getattr(d, actor))


def _tanpa_akun(actor) -> bool:
    return actor == ANON or actor.startswith("penilai_")


def _cek(response, actor, status, url):
    assert response.status_code == status
    if _tanpa_akun(actor) and status == 302:
        # A page behind the login sends a visitor to it; only the scorer's own pages
        # (login_not_required) answer them otherwise, as their rows say.
        if getattr(resolve(urlsplit(url).path).func, "login_required", True):
            assert reverse("akun:masuk") in response.url or reverse("admin:login") in response.url


def _ditolak(actor, status) -> bool:
    return status in (403, 404) or (_tanpa_akun(actor) and status == 302)


def isi_basis_data() -> dict[str, list[str]]:
    """Every row of every table, to compare before and after a request. Sessions aside:
    logging in (and opening a scorer's link) writes one before the request."""
    hasil = {}
    with connection.cursor() as cursor:
        for tabel in sorted(connection.introspection.table_names(cursor)):
            if tabel == "django_session":
                continue
            cursor.execute(f'SELECT * FROM "{tabel}"')
            hasil[tabel] = sorted(map(repr, cursor.fetchall()))
    return hasil


def berubah(sebelum: dict, sesudah: dict) -> list[str]:
    """The tables whose rows differ."""
    return [t for t in sorted(set(sebelum) | set(sesudah)) if sebelum.get(t) != sesudah.get(t)]


@pytest.mark.parametrize(("url", "actor", "status"), _cases(MATRIX))
def test_permission_matrix(dunia_usulan, db, url, actor, status):
    alamat = url(dunia_usulan)
    response = _klien(dunia_usulan, actor).get(alamat)
    _cek(response, actor, status, alamat)
    if response.streaming:
        # Reading it to the end closes the file (and the test client's request cleanly).
        b"".join(response.streaming_content)


def _bangun_asing(d) -> dict[str, object]:
    """Objects of other wilayah (and other forums), by the name of the fields that name
    them: the hostile bodies put their ids where the row's own belong."""
    from apps.musyawarah.models import Pembahasan, Peserta
    from tests.factories import (
        KecamatanFactory,
        KelurahanFactory,
        LingkunganFactory,
        PerangkatDaerahFactory,
        RTFactory,
    )

    d.rt_a = RTFactory(lingkungan=d.kelurahan_a.lingkungan.get(nomor=1), nomor=3)
    rw_b = LingkunganFactory(kelurahan=d.kelurahan_b, nomor=7)
    rt_b = RTFactory(lingkungan=rw_b, nomor=3)
    pd_lain = PerangkatDaerahFactory(daerah=d.daerah_lain, singkatan="Dinas Lain")
    # A kecamatan and kelurahan of the other daerah: in nobody's scope but its Bappeda's.
    kecamatan_lain = KecamatanFactory(daerah=d.daerah_lain, kode="63.72.01", nama="Landasan")
    kelurahan_lain = KelurahanFactory(
        kecamatan=kecamatan_lain, kode="63.72.01.1001", nama="Landasan Ulin"
    )
    masalah_b = kajian.masalah_simpan(
        user=d.operator_b, kelurahan=d.kelurahan_b, data={"sektor": "ekonomi", "uraian": "b"}
    )
    rpjm_b = kajian.rpjm_simpan(
        user=d.operator_b,
        kelurahan=d.kelurahan_b,
        data={"bidang": "pembangunan", "kegiatan": "B", "tahun_mulai": 2025, "tahun_selesai": 2030},
    )
    usulan_b = buat_usulan(d.operator_b, d.kelurahan_b, judul="Drainase Mantuil")
    # A participant and a discussed usulan of kelurahan A2's forum: another forum than
    # the desa forum A and the kecamatan forum of the rows.
    peserta_lain = Peserta.objects.filter(musyawarah=d.desa_a2).first()
    pembahasan_lain = Pembahasan.objects.filter(musyawarah=d.desa_a2).first()
    return {
        "kelurahan": kelurahan_lain.kode,
        "kecamatan": kecamatan_lain.kode,
        "daerah": d.daerah_lain.kode,
        "lingkungan": rw_b.pk,
        "rt": rt_b.pk,
        "perangkat_daerah": pd_lain.pk,
        "pd": pd_lain.pk,
        "masalah": masalah_b.pk,
        "rpjm": rpjm_b.pk,
        "rpjm_desa": rpjm_b.pk,
        "usulan": usulan_b.pk,
        "peserta": peserta_lain.pk,
        "penilai": peserta_lain.pk,
        "perumus": peserta_lain.pk,
        "ketua": peserta_lain.pk,
        "sekretaris": peserta_lain.pk,
        "notulen": peserta_lain.pk,
        "pimpinan": peserta_lain.pk,
        "fasilitator": d.fasilitator_b.pk,
        "pembahasan": pembahasan_lain.pk,
        "utama": pembahasan_lain.pk,
        "lain": pembahasan_lain.pk,
        "kriteria": d.rekomendasi.pk,
        "siklus": 10**6,
    }


# Wrong types for the fields that name no object: text where a number belongs, numbers
# no column holds, a NUL byte, impossible dates, a megabyte of text.
SALAH_TIPE = ["abc", "9" * 30, "-1", "x\x00y", "0001-01-01", "9999-12-31T99:99", "😀" * 10**5]


def jahat(d, isi: dict) -> dict:
    """The hostile counterpart of a POST body: every field named after an object holds
    another wilayah's id, the others a wrong type; plus every object field the row did
    not send (a view that reads more than its form shows)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    asing = d.asing
    hasil: dict = {}
    for i, (key, value) in enumerate(isi.items()):
        nama = key.rsplit("-", 1)[-1]
        if key == "bagian" or key in PILIH_WILAYAH:
            # Which form of the page, which wilayah the row acts on: kept, so the same
            # form is reached for the same target (another kelurahan's code would only
            # make it a valid request of that kelurahan's own operator).
            hasil[key] = value
        elif nama in asing:
            hasil[key] = [asing[nama], "abc"] if isinstance(value, list) else asing[nama]
        elif hasattr(value, "read"):
            # A web page (with a script) named like the document the field wants.
            hasil[key] = SimpleUploadedFile(
                value.name, b"<html><script>alert(1)</script></html>", "application/pdf"
            )
        elif isinstance(value, list):
            hasil[key] = ["abc", "9" * 30]
        else:
            hasil[key] = SALAH_TIPE[i % len(SALAH_TIPE)]
    return {**asing, "versi": "abc", "hadir": "abc", **hasil}


# Fields that choose the wilayah a request acts on (e.g. which kelurahan's forum to open).
PILIH_WILAYAH = {"kelurahan", "kecamatan", "daerah"}

BODI = ("kosong", "jahat")


def _penolakan_sama(diharapkan: int, didapat: int, *, halaman: bool = False) -> bool:
    """Is ``didapat``, for a bad body, the same refusal as ``diharapkan`` for the row's?
    Out of scope (404) and not logged in (302) must not depend on the body at all. Inside
    the scope without the right (403), a body naming something outside may be not found
    instead (404), and a body that names no action may show the page the actor reads
    anyway (200; nothing may change either way). On a page's URL (``halaman``) a view that
    takes no POST may say so (405) to everyone."""
    if halaman and didapat == 405:
        return True
    if diharapkan == 403:
        return didapat in (403, 404, 200)
    return didapat == diharapkan


def _bodi(d, isi: dict, jenis: str) -> dict:
    """No fields but the wilayah the row acts on (without it, a view acts on the actor's
    own wilayah: a different request), or the hostile body."""
    if jenis == "kosong":
        return {k: v for k, v in isi.items() if k in PILIH_WILAYAH}
    return jahat(d, isi)


def _kirim(client, alamat, isi):
    """POST, and read a streamed answer to its end (that closes the file it serves)."""
    response = client.post(alamat, isi)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def _tanpa_galat(client, alamat, isi) -> None:
    """The allowed actor's POST of a bad body: no server error, whatever it answers (a
    form with its errors, a refusal with a message). Rolled back afterwards."""
    with transaction.atomic():
        response = _kirim(client, alamat, isi)
        assert response.status_code < 500
        transaction.set_rollback(True)


def _get_cases():
    return [pytest.param(url, expected, id=name) for name, url, expected in MATRIX]


# The only file served inline: the photo of an usulan, which is never the uploaded bytes
# but the app's own JPEG re-encoding of them (apps.usulan.foto), shown in <img> tags.
INLINE = {"usulan:foto_lihat"}


def _usulan_sah(d) -> dict:
    """A complete usulan of kelurahan A naming an object of every kind its form offers."""
    return {
        "judul": "Lampu jalan gang Rahayu",
        "bidang": "pembangunan",
        "sektor": "infrastruktur",
        "permasalahan": "Gang gelap di malam hari",
        "volume": "10",
        "satuan": "titik",
        "lingkungan": d.rt_a.lingkungan_id,
        "rt": d.rt_a.pk,
        "sasaran": "Warga RT 03",
        "perkiraan_biaya": "50000000",
        "sumber_pembiayaan": "apbd",
        "perangkat_daerah": d.pupr.pk,
        "masalah": d.masalah.pk,
        "rpjm_desa": d.rpjm.pk,
        "pengusul": "Ketua RT 03",
        "versi": str(d.usulan.versi),
    }


def _baris(nama):
    """The URL and data of the MATRIX_POST row ``nama``."""
    return next((url, data) for n, url, _e, *data in MATRIX_POST if n == nama)


USULAN_OBJEK = ("lingkungan", "rt", "perangkat_daerah", "masalah", "rpjm_desa")
# (case, url, actor, valid data, the fields naming objects): the form pages where a user
# picks RW, RT, perangkat daerah, masalah, RPJM kegiatan, participants, delegates, group
# leaders, fasilitator, usulan to merge or scorers.
LINTAS_WILAYAH = [
    *[
        ("usulan tambah", lambda d: reverse("usulan:tambah"), "operator_a", _usulan_sah, f)
        for f in USULAN_OBJEK
    ],
    *[
        (
            "usulan ubah",
            lambda d: reverse("usulan:ubah", args=[d.usulan.pk]),
            "operator_a",
            _usulan_sah,
            f,
        )
        for f in USULAN_OBJEK
    ],
    (
        "masalah tambah",
        lambda d: reverse("usulan:masalah_tambah"),
        "operator_a",
        lambda d: {"sektor": "ekonomi", "uraian": "Pasar sepi", "lingkungan": d.rt_a.lingkungan_id},
        "lingkungan",
    ),
    *[
        (nama, _baris(nama)[0], "camat_a", _baris(nama)[1][0], f)
        for nama, fields in (
            ("kecamatan delegasi", ["peserta"]),
            ("kecamatan pleno perumus", ["perumus"]),
            ("kecamatan kelompok ubah", ["perangkat_daerah"]),
            ("kecamatan pimpinan sosial", ["ketua", "sekretaris", "notulen", "fasilitator"]),
            ("kecamatan verifikasi sosial", ["perangkat_daerah"]),
            ("kecamatan gabung sosial", ["utama", "lain"]),
            ("kecamatan usulan kecamatan tambah", ["lingkungan", "perangkat_daerah"]),
            ("penilaian penilai infra", ["penilai"]),
        )
        for f in fields
    ],
]
