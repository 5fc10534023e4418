"""A desa forum of kelurahan A built through the services, at each stage."""

import datetime
from dataclasses import dataclass

import pytest

from apps.musyawarah import pembahasan, penetapan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.models import Keputusan, Musyawarah
from apps.siklus.selectors import hari_ini
from apps.usulan import kajian
from tests.factories import buat_usulan

URL = "http://testserver/verifikasi/{}/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def muat(m: Musyawarah) -> Musyawarah:
    return Musyawarah.objects.get(pk=m.pk)


def siapkan(op, m: Musyawarah, *, tanggal=None, undangan_hari=8, pemandu=3) -> Musyawarah:
    tanggal = tanggal or hari_ini()
    persiapan.sk_tpm_simpan(
        user=op,
        musyawarah=m,
        nomor="7/SK/2026",
        tanggal=tanggal - datetime.timedelta(days=30),
        kepala_nama="Syahrani",
    )
    for j in ("ketua", "bendahara", "seksi_acara", "seksi_materi", "seksi_logistik"):
        persiapan.tpm_tambah(user=op, musyawarah=m, data={"jabatan_tpm": j, "nama": f"TPM {j}"})
    for i in range(pemandu):
        persiapan.pemandu_tambah(user=op, musyawarah=m, data={"nama": f"Pemandu {i + 1}"})
    m = muat(m)
    persiapan.musyawarah_jadwalkan(
        user=op,
        musyawarah=m,
        versi=m.versi,
        data={
            "tanggal": tanggal,
            "jam_mulai": datetime.time(9, 0),
            "jam_selesai": datetime.time(12, 0),
            "tempat": "Aula Kelurahan",
            "tanggal_undangan": tanggal - datetime.timedelta(days=undangan_hari),
        },
    )
    return muat(m)


ORANG = [
    # nama, jk, usia, unsur, sosial, sektor, organisasi, rw index
    ("Hj. Rahmah", "P", "tua", "masyarakat", ["tokoh_masyarakat"], "kesehatan", "PKK", 0),
    ("Syahrani", "L", "tua", "pemerintah", [], "", "Kantor Kelurahan", 0),
    ("Andi", "L", "muda", "masyarakat", ["pemuda"], "ekonomi", "Karang Taruna", 1),
    ("H. Gusti", "L", "tua", "masyarakat", ["tokoh_agama"], "pendidikan", "Majelis Taklim", 1),
    ("Rina", "P", "muda", "swasta", [], "ekonomi", "Koperasi", 0),
]


def undang(op, m: Musyawarah, orang=ORANG) -> list:
    rw = list(m.kelurahan.lingkungan.order_by("nomor"))
    return [
        peserta_services.peserta_simpan(
            user=op,
            musyawarah=m,
            data={
                "nama": n,
                "jenis_kelamin": jk,
                "kelompok_usia": usia,
                "unsur": unsur,
                "kelompok_sosial": sosial,
                "sektor": sektor,
                "organisasi": org,
                "lingkungan": rw[i],
            },
        )
        for n, jk, usia, unsur, sosial, sektor, org, i in orang
    ]


@dataclass
class Forum:
    m: Musyawarah
    peserta: list
    usulan: list
    masalah: object


@pytest.fixture
def forum_siap(operator_a, kelurahan_a, siklus, pupr):
    """Preparation complete: TPM, 3 pemandu, date today, invitations 8 days ago, five
    invitees; three submitted usulan (two to Dinas PUPR) and one masalah."""
    usulan = [
        buat_usulan(
            operator_a,
            kelurahan_a,
            judul="Siring sungai RW 01",
            sumber_pembiayaan="apbd",
            perangkat_daerah=pupr,
            ajukan=True,
        ),
        buat_usulan(
            operator_a,
            kelurahan_a,
            judul="Titian ulin RW 02",
            sumber_pembiayaan="apbd",
            perangkat_daerah=pupr,
            ajukan=True,
        ),
        buat_usulan(operator_a, kelurahan_a, judul="Kerja bakti saluran", ajukan=True),
    ]
    masalah = kajian.masalah_simpan(
        user=operator_a, kelurahan=kelurahan_a, data={"sektor": "lingkungan", "uraian": "Genangan"}
    )
    m = persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)
    m = siapkan(operator_a, m)
    peserta = undang(operator_a, m)
    return Forum(muat(m), peserta, usulan, masalah)


def mulai_dan_hadir(op, f: Forum) -> Forum:
    persiapan.musyawarah_mulai(user=op, musyawarah=f.m)
    for p in f.peserta:
        peserta_services.peserta_hadir(user=op, peserta=p)
    f.m = muat(f.m)
    return f


def putuskan(op, f: Forum, keputusan=(Keputusan.KOTA, Keputusan.KOTA, Keputusan.SWADAYA)) -> Forum:
    baris = [
        {
            "usulan_id": u.pk,
            "urutan": i,
            "keputusan": k,
            "alasan": "Alasan" if k == "ditolak" else "",
        }
        for i, (u, k) in enumerate(zip(f.usulan, keputusan, strict=True), start=1)
    ]
    pembahasan.pembahasan_simpan(user=op, musyawarah=f.m, baris=baris, versi=f.m.versi)
    pembahasan.masalah_prioritas_simpan(user=op, musyawarah=f.m, masalah_ids=[f.masalah.pk])
    f.m = muat(f.m)
    peserta_services.delegasi_simpan(
        user=op, musyawarah=f.m, peserta_ids=[f.peserta[0].pk, f.peserta[2].pk], versi=f.m.versi
    )
    pembahasan.catatan_simpan(
        user=op, musyawarah=f.m, data={"nomor_berita_acara": "005/BA/SM/2026"}
    )
    f.m = muat(f.m)
    return f


def tetapkan_dan_ttd(op, f: Forum, *, tandatangani=True) -> Forum:
    pembahasan.musyawarah_tetapkan(user=op, musyawarah=f.m)
    p = f.peserta
    penetapan.penandatangan_simpan(
        user=op,
        musyawarah=muat(f.m),
        pimpinan=p[1],
        jabatan_pimpinan="Lurah Sungai Miai",
        notulen=p[4],
        wakil={"pemerintah": p[1], "swasta": p[4], "masyarakat": p[0]},
    )
    if tandatangani:
        penetapan.berita_acara_tandatangani(
            user=op, musyawarah=muat(f.m), url_verifikasi=lambda k: URL.format(k)
        )
    f.m = muat(f.m)
    return f


@pytest.fixture
def forum_berjalan(operator_a, forum_siap):
    return mulai_dan_hadir(operator_a, forum_siap)


@pytest.fixture
def forum_ditetapkan(operator_a, forum_berjalan):
    return tetapkan_dan_ttd(operator_a, putuskan(operator_a, forum_berjalan), tandatangani=False)


@pytest.fixture
def forum_selesai(operator_a, forum_berjalan):
    return tetapkan_dan_ttd(operator_a, putuskan(operator_a, forum_berjalan))
