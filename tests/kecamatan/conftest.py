"""A Musrenbang Kecamatan of kecamatan A built through the services.

Kelurahan A (Sungai Miai) has signed its desa forum (two usulan sent to the kecamatan for
Dinas PUPR, one swadaya); kelurahan A2 (Alalak Tengah) has signed too (one usulan for
Dinas PUPR, one for Dinkes) — so there is a cross-kelurahan duplicate to merge, two
groups to verify in, and a delegation to pull.
"""

import datetime
from dataclasses import dataclass

import pytest

from apps.musyawarah import persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.kecamatan import persiapan as kecamatan_persiapan
from apps.musyawarah.models import Keputusan, Musyawarah
from apps.siklus.selectors import hari_ini
from tests.factories import LingkunganFactory, PerangkatDaerahFactory, buat_usulan
from tests.musyawarah.conftest import (
    muat,
    mulai_dan_hadir,
    siapkan,
    tetapkan_dan_ttd,
    undang,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dinkes(daerah):
    return PerangkatDaerahFactory(daerah=daerah, nama="Dinas Kesehatan", singkatan="Dinkes")


@pytest.fixture
def operator_a2(kelurahan_a2):
    from apps.akun.models import Peran
    from tests.factories import tugaskan

    return tugaskan(Peran.OPERATOR_KELURAHAN, kelurahan_a2, "operator-alalak-tengah")


@dataclass
class DesaSelesai:
    m: Musyawarah
    usulan: list


def _forum_desa(op, kelurahan, usulan, keputusan) -> DesaSelesai:
    from tests.musyawarah.conftest import Forum

    m = persiapan.musyawarah_desa_buat(user=op, kelurahan=kelurahan)
    m = siapkan(op, m)
    peserta = undang(op, m)
    f = Forum(muat(m), peserta, usulan, masalah=None)
    f = mulai_dan_hadir(op, f)
    baris = [
        {"usulan_id": u.pk, "urutan": i, "keputusan": k, "alasan": ""}
        for i, (u, k) in enumerate(zip(usulan, keputusan, strict=True), start=1)
    ]
    from apps.musyawarah import pembahasan

    pembahasan.pembahasan_simpan(user=op, musyawarah=f.m, baris=baris, versi=f.m.versi)
    f.m = muat(f.m)
    peserta_services.delegasi_simpan(
        user=op, musyawarah=f.m, peserta_ids=[peserta[0].pk, peserta[2].pk], versi=f.m.versi
    )
    pembahasan.catatan_simpan(user=op, musyawarah=f.m, data={"nomor_berita_acara": "1/BA"})
    f.m = muat(f.m)
    tetapkan_dan_ttd(op, f)
    return DesaSelesai(muat(f.m), usulan)


@pytest.fixture
def desa_a(operator_a, kelurahan_a, siklus, pupr):
    usulan = [
        buat_usulan(
            operator_a,
            kelurahan_a,
            judul="Siring sungai Sungai Miai",
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
    return _forum_desa(
        operator_a, kelurahan_a, usulan, (Keputusan.KOTA, Keputusan.KOTA, Keputusan.SWADAYA)
    )


@pytest.fixture
def desa_a2(operator_a2, kelurahan_a2, siklus, pupr, dinkes):
    LingkunganFactory(kelurahan=kelurahan_a2, nomor=1)
    LingkunganFactory(kelurahan=kelurahan_a2, nomor=2)
    usulan = [
        buat_usulan(
            operator_a2,
            kelurahan_a2,
            judul="Siring sungai Alalak Tengah",
            sumber_pembiayaan="apbd",
            perangkat_daerah=pupr,
            ajukan=True,
        ),
        buat_usulan(
            operator_a2,
            kelurahan_a2,
            judul="Posyandu balita",
            sumber_pembiayaan="apbd",
            perangkat_daerah=dinkes,
            ajukan=True,
        ),
    ]
    return _forum_desa(operator_a2, kelurahan_a2, usulan, (Keputusan.KOTA, Keputusan.KOTA))


@pytest.fixture
def forum_kec(camat_a, kecamatan_a, desa_a, desa_a2):
    """The kecamatan forum, created after both desa forums signed (so it pulled them)."""
    return kecamatan_persiapan.musyawarah_kecamatan_buat(user=camat_a, kecamatan=kecamatan_a)


def siapkan_kecamatan(camat, m, *, tanggal=None):
    """Preparation complete: team with its SK, schedule announced 8 days ahead, Bappeda
    notified."""
    tanggal = tanggal or hari_ini()
    persiapan.sk_tpm_simpan(
        user=camat, musyawarah=m, nomor="5/SK/KEC/2026", tanggal=tanggal - datetime.timedelta(30)
    )
    persiapan.tpm_tambah(user=camat, musyawarah=m, data={"jabatan_tpm": "ketua", "nama": "Sekcam"})
    m = muat(m)
    persiapan.musyawarah_jadwalkan(
        user=camat,
        musyawarah=m,
        versi=m.versi,
        data={
            "tanggal": tanggal,
            "jam_mulai": datetime.time(8, 0),
            "jam_selesai": datetime.time(15, 0),
            "tempat": "Aula Kecamatan",
            "tanggal_undangan": tanggal - datetime.timedelta(days=8),
        },
    )
    kecamatan_persiapan.surat_bappeda_simpan(
        user=camat, musyawarah=muat(m), nomor="050/12/KEC", tanggal=tanggal - datetime.timedelta(10)
    )
    return muat(m)


def nilai_semua(camat, m, angka: int = 3):
    """Every group with feasible usulan scores them: criteria from the seed's template,
    the group's first member as its one scorer, ``angka`` on every criterion, closed."""
    from apps.musyawarah.kecamatan import nilai

    m = muat(m)
    if not m.kriteria_id:
        nilai.kriteria_mulai(user=camat, musyawarah=m, sumber=nilai.SUMBER_SEED)
        m = muat(m)
    kriteria = list(m.kriteria.kriteria.all())
    for k in m.kelompok_diskusi.all():
        dinilai = list(
            k.pembahasan.filter(verifikasi="layak", digabung_ke__isnull=True).values_list(
                "pk", flat=True
            )
        )
        if not dinilai:
            continue
        k.musyawarah = m
        (penilai,) = nilai.penilai_simpan(
            user=camat, kelompok=k, peserta=[k.anggota.order_by("nama").first()]
        )
        for pk in dinilai:
            for kr in kriteria:
                nilai.skor_simpan(
                    penilai=penilai, pembahasan_id=pk, kriteria_id=kr.pk, nilai=angka, versi=0
                )
        nilai.penilaian_tutup(user=camat, kelompok=k)
    return muat(m)
