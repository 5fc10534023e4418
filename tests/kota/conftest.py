"""A Musrenbang Kota of Kota Banjarmasin built through the services, on top of two
signed kecamatan forums.

Kecamatan A (Banjarmasin Utara) pulls the signed forums of Sungai Miai and Alalak Tengah:
its Pleno agrees the siring of Sungai Miai (merged with Alalak Tengah's, for Dinas PUPR)
and the titian ulin (PUPR); the posyandu (Dinkes) is found not feasible. Its camat sends
the copies, so its priorities are "diteruskan ke kota". Kecamatan B (Banjarmasin Selatan)
pulls Mantuil's forum and agrees its two usulan (both PUPR) but has not sent the copies
(still "prioritas kecamatan"). Both are signed before the kota forum is opened, so it
pulls three priorities (plus the merged one), four delegates and two camat.
"""

import datetime

import pytest

from apps.musyawarah import pembahasan as desa_pembahasan
from apps.musyawarah import penetapan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.kecamatan import persiapan as kecamatan_persiapan
from apps.musyawarah.kecamatan import pleno, sidang
from apps.musyawarah.kota import kesepakatan
from apps.musyawarah.kota import persiapan as kota_persiapan
from apps.musyawarah.models import ElemenKota, Keputusan, Musyawarah
from apps.musyawarah.tingkat import spek
from apps.siklus.selectors import hari_ini
from tests.factories import LingkunganFactory, PerangkatDaerahFactory, buat_usulan
from tests.kecamatan.conftest import (  # noqa: F401  (fixtures)
    _forum_desa,
    desa_a,
    desa_a2,
    dinkes,
    nilai_semua,
    operator_a2,
    siapkan_kecamatan,
)
from tests.musyawarah.conftest import URL, muat


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def disdik(daerah):
    return PerangkatDaerahFactory(daerah=daerah, nama="Dinas Pendidikan", singkatan="Disdik")


def kecamatan_ditandatangani(
    camat, m: Musyawarah, *, tidak_layak=(), ditolak=(), gabung=None, kirim=False
) -> Musyawarah:
    """Run a kecamatan forum from preparation to signed: everyone present, groups of
    three led and handed over, the duplicates in ``gabung`` (main title → merged titles)
    merged, every usulan feasible (unless named in ``tidak_layak``),
    scored, agreed by the Pleno (unless named in ``ditolak``), two delegates, signed;
    with ``kirim`` the copies sent."""
    m = siapkan_kecamatan(camat, m)
    persiapan.musyawarah_mulai(user=camat, musyawarah=m)
    for p in m.peserta.all():
        peserta_services.peserta_hadir(user=camat, peserta=p)
    m = muat(m)
    kelompok = [k for k in m.kelompok_diskusi.order_by("urutan") if k.pembahasan.exists()]
    orang = list(m.peserta.order_by("nama"))
    assert len(orang) >= 3 * len(kelompok)
    for i, k in enumerate(kelompok):
        anggota = orang[3 * i : 3 * i + 3]
        sidang.anggota_kelompok_simpan(user=camat, musyawarah=m, kelompok=k, peserta=anggota)
        sidang.pimpinan_kelompok_simpan(
            user=camat, kelompok=k, ketua=anggota[0], sekretaris=anggota[1], notulen=anggota[2]
        )
        sidang.kelompok_serahkan(user=camat, kelompok=k)
        rec = {p.usulan.judul: p for p in k.pembahasan.select_related("usulan")}
        for utama, lain in (gabung or {}).items():
            if utama in rec:
                sidang.usulan_gabung(
                    user=camat, kelompok=k, utama=rec[utama], lain=[rec[j] for j in lain]
                )
        for p in k.pembahasan.filter(digabung_ke__isnull=True).select_related("usulan"):
            layak = p.usulan.judul not in tidak_layak
            sidang.verifikasi_simpan(
                user=camat,
                kelompok=k,
                pembahasan=p,
                verifikasi="layak" if layak else "tidak_layak",
                alasan="" if layak else "Sudah didanai DAK tahun ini",
            )
        sidang.verifikasi_tutup(user=camat, kelompok=k)
    m = nilai_semua(camat, m)
    baris = pleno.usulan_pleno(m)
    pleno.pleno_simpan(
        user=camat,
        musyawarah=m,
        versi=m.versi,
        baris=[
            {
                "pembahasan_id": p.pk,
                "urutan": p.urutan_awal,
                "keputusan": Keputusan.DITOLAK if p.usulan.judul in ditolak else Keputusan.KOTA,
                "alasan": "Masuk program reguler" if p.usulan.judul in ditolak else "",
                "alasan_urutan": "",
            }
            for p in baris
        ],
    )
    m = muat(m)
    peserta_services.delegasi_simpan(
        user=camat, musyawarah=m, peserta_ids=[orang[0].pk, orang[1].pk], versi=m.versi
    )
    pleno.perumus_simpan(user=camat, musyawarah=muat(m), peserta_ids=[orang[2].pk])
    pleno.pleno_tetapkan(user=camat, musyawarah=muat(m))
    m = muat(m)
    pleno.berita_acara_dibacakan(user=camat, musyawarah=m)
    sp = spek(m)
    wakil = {}
    for p in m.peserta.filter(hadir=True).order_by("nama"):
        wakil.setdefault(sp.elemen(p), p)
    penetapan.penandatangan_simpan(
        user=camat,
        musyawarah=m,
        pimpinan=orang[2],
        jabatan_pimpinan=f"Camat {m.kecamatan.nama}",
        notulen=orang[1],
        wakil=wakil,
    )
    desa_pembahasan.catatan_simpan(
        user=camat, musyawarah=muat(m), data={"nomor_berita_acara": f"050/BA/{m.kecamatan.kode}"}
    )
    m = penetapan.berita_acara_tandatangani(
        user=camat, musyawarah=muat(m), url_verifikasi=URL.format
    )
    if kirim:
        pleno.berita_acara_kirim(user=camat, musyawarah=m)
    return muat(m)


@pytest.fixture
def kec_a_selesai(camat_a, kecamatan_a, request):
    """Kecamatan A signed and sent (see the module's docstring)."""
    request.getfixturevalue("desa_a")
    request.getfixturevalue("desa_a2")
    m = kecamatan_persiapan.musyawarah_kecamatan_buat(user=camat_a, kecamatan=kecamatan_a)
    return kecamatan_ditandatangani(
        camat_a,
        m,
        tidak_layak=("Posyandu balita",),
        gabung={"Siring sungai Sungai Miai": ["Siring sungai Alalak Tengah"]},
        kirim=True,
    )


@pytest.fixture
def desa_b(operator_b, kelurahan_b, siklus, pupr):
    LingkunganFactory(kelurahan=kelurahan_b, nomor=1)
    LingkunganFactory(kelurahan=kelurahan_b, nomor=2)
    usulan = [
        buat_usulan(
            operator_b,
            kelurahan_b,
            judul="Jalan lingkungan Mantuil",
            sumber_pembiayaan="apbd",
            perangkat_daerah=pupr,
            perkiraan_biaya=250_000_000,
            ajukan=True,
        ),
        buat_usulan(
            operator_b,
            kelurahan_b,
            judul="Rehab gedung PAUD Mantuil",
            sumber_pembiayaan="apbd",
            perangkat_daerah=pupr,
            perkiraan_biaya=90_000_000,
            ajukan=True,
        ),
    ]
    return _forum_desa(operator_b, kelurahan_b, usulan, (Keputusan.KOTA, Keputusan.KOTA))


@pytest.fixture
def kec_b_selesai(camat_b, kecamatan_b, desa_b):
    """Kecamatan B signed, its copies not sent."""
    m = kecamatan_persiapan.musyawarah_kecamatan_buat(user=camat_b, kecamatan=kecamatan_b)
    return kecamatan_ditandatangani(camat_b, m)


@pytest.fixture
def forum_kota(bappeda, daerah, kec_a_selesai, kec_b_selesai):
    """The kota forum, opened after both kecamatan signed (so it pulled them)."""
    return kota_persiapan.musyawarah_kota_buat(user=bappeda, daerah=daerah)


TAMU = [
    # nama, jk, elemen, organisasi, jabatan
    ("Ir. Hj. Nurul Hidayah", "P", ElemenKota.PERANGKAT_DAERAH, "Dinas PUPR", "Kepala Dinas PUPR"),
    ("dr. Rudi Hartono", "L", ElemenKota.PERANGKAT_DAERAH, "Dinas Kesehatan", "Kepala Dinas"),
    ("H. Anang Rosadi", "L", ElemenKota.DPRD, "DPRD Kota Banjarmasin", "Ketua Komisi III"),
    ("Dra. Siti Aisyah", "P", ElemenKota.PEMERINTAH_DAERAH, "Bappeda", "Kepala Bappeda"),
]


def siapkan_kota(bappeda, m: Musyawarah, *, tanggal=None) -> Musyawarah:
    """Preparation complete: the team with its decree and ketua, the schedule announced
    8 days ahead, and Bappeda's own invitees beside the pulled delegations."""
    tanggal = tanggal or hari_ini()
    persiapan.sk_tpm_simpan(
        user=bappeda,
        musyawarah=m,
        nomor="050/15/BAPPEDA/2027",
        tanggal=tanggal - datetime.timedelta(days=30),
        kepala_nama="Dra. Siti Aisyah",
    )
    persiapan.tpm_tambah(
        user=bappeda, musyawarah=m, data={"jabatan_tpm": "ketua", "nama": "Sekretaris Bappeda"}
    )
    m = muat(m)
    persiapan.musyawarah_jadwalkan(
        user=bappeda,
        musyawarah=m,
        versi=m.versi,
        data={
            "tanggal": tanggal,
            "jam_mulai": datetime.time(8, 0),
            "jam_selesai": datetime.time(15, 0),
            "tempat": "Aula Bappeda",
            "tanggal_undangan": tanggal - datetime.timedelta(days=8),
        },
    )
    for nama, jk, elemen, org, jabatan in TAMU:
        peserta_services.peserta_simpan(
            user=bappeda,
            musyawarah=muat(m),
            data={
                "nama": nama,
                "jenis_kelamin": jk,
                "unsur": "pemerintah",
                "elemen": elemen,
                "organisasi": org,
                "jabatan": jabatan,
            },
        )
    return muat(m)


def buka_dan_hadir(bappeda, m: Musyawarah) -> Musyawarah:
    persiapan.musyawarah_mulai(user=bappeda, musyawarah=m)
    for p in m.peserta.all():
        peserta_services.peserta_hadir(user=bappeda, peserta=p)
    return muat(m)


def rekaman(m: Musyawarah) -> dict:
    """The forum's main records by usulan title."""
    return {p.usulan.judul: p for p in kesepakatan.pembahasan_kota(m)}


def putuskan(bappeda, m: Musyawarah, keputusan: dict) -> Musyawarah:
    """``keputusan``: title → ("setuju" | "pindah" | "tolak", perangkat daerah or None,
    alasan)."""
    rec = rekaman(m)
    kesepakatan.kesepakatan_simpan(
        user=bappeda,
        musyawarah=m,
        versi=m.versi,
        baris=[
            {
                "pembahasan_id": rec[judul].pk,
                "keputusan": k,
                "perangkat_daerah_id": pd.pk if pd else None,
                "alasan": alasan,
            }
            for judul, (k, pd, alasan) in keputusan.items()
        ],
    )
    return muat(m)


def tetapkan_dan_ttd(bappeda, m: Musyawarah, *, tandatangani=True) -> Musyawarah:
    kesepakatan.kota_tetapkan(user=bappeda, musyawarah=m)
    m = muat(m)
    sp = spek(m)
    hadir = list(m.peserta.filter(hadir=True).order_by("nama"))
    wakil = {}
    for p in hadir:
        wakil.setdefault(sp.elemen(p), p)
    kepala = next(p for p in hadir if p.nama == "Dra. Siti Aisyah")
    penetapan.penandatangan_simpan(
        user=bappeda,
        musyawarah=m,
        pimpinan=kepala,
        jabatan_pimpinan="Kepala Bappeda Kota Banjarmasin",
        notulen=hadir[0],
        wakil=wakil,
    )
    desa_pembahasan.catatan_simpan(
        user=bappeda, musyawarah=muat(m), data={"nomor_berita_acara": "050/88/BA-BAPPEDA/2027"}
    )
    m = muat(m)
    if tandatangani:
        m = penetapan.berita_acara_tandatangani(
            user=bappeda, musyawarah=m, url_verifikasi=URL.format
        )
    return muat(m)
