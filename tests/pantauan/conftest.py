"""Forums in every state, written straight to the database (the board only reads them),
and a daerah that grows on demand for the query counts.

The dates follow the default schedule of RKPD 2028 (apps.siklus.kalender): Musrenbang
desa 11–31 January 2027, kecamatan 1–14 February 2027.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from apps.dokumen.models import DokumenFinal
from apps.musyawarah.models import Musyawarah, Peserta, StatusMusyawarah, Tingkat
from tests.factories import KelurahanFactory, banyak_usulan

# A desa forum of kelurahan A run through the services, up to its signed berita acara.
from tests.musyawarah.conftest import forum_berjalan, forum_selesai, forum_siap  # noqa: E402, F401

WITA = datetime.timezone(datetime.timedelta(hours=8))
# The desa tahapan is over, the kecamatan tahapan runs (3 February 2027).
SETELAH_DESA = datetime.datetime(2027, 2, 3, 9, 0, tzinfo=WITA)
# Both tahapan are over.
SETELAH_KECAMATAN = datetime.datetime(2027, 2, 16, 9, 0, tzinfo=WITA)
# The desa tahapan runs (20 January 2027).
SAAT_DESA = datetime.datetime(2027, 1, 20, 9, 0, tzinfo=WITA)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def forum(
    siklus,
    wilayah,
    status: str,
    *,
    tanggal: datetime.date | None = None,
    ditandatangani: datetime.datetime | None = None,
    latihan_dari: Musyawarah | None = None,
) -> Musyawarah:
    """A desa forum (``wilayah`` a kelurahan) or a kecamatan forum, in ``status``; a
    signed one gets its berita acara, signed at ``ditandatangani``."""
    desa = hasattr(wilayah, "kecamatan")
    m = Musyawarah.objects.create(
        siklus=siklus,
        tingkat=Tingkat.DESA if desa else Tingkat.KECAMATAN,
        kelurahan=wilayah if desa else None,
        kecamatan=None if desa else wilayah,
        kode_wilayah=wilayah.kode,
        status=status,
        tanggal=tanggal,
        latihan=latihan_dari is not None,
        latihan_dari=latihan_dari,
    )
    if status == StatusMusyawarah.SELESAI:
        kode = f"T{m.pk:03d}-{wilayah.kode[-4:].replace('.', 'X')}"
        m.berita_acara = DokumenFinal.objects.create(
            kode=kode,
            jenis="berita_acara_desa" if desa else "berita_acara_kecamatan",
            judul=f"Berita acara {wilayah}",
            nomor="1/BA",
            kode_wilayah=wilayah.kode,
            nama_wilayah=str(wilayah),
            snapshot={"besar": "x" * 1000},
            sha256_snapshot="0" * 64,
            pdf=ContentFile(b"%PDF-1.4 uji", name="uji.pdf"),
            sha256_pdf="0" * 64,
            ditandatangani_pada=ditandatangani or timezone.now(),
        )
        m.save(update_fields=["berita_acara"])
    return m


def peserta(m: Musyawarah, *, laki: int, perempuan: int, hadir: bool, diundang: bool = True):
    """``laki`` men and ``perempuan`` women at forum ``m``, present or only invited."""
    Peserta.objects.bulk_create(
        Peserta(
            musyawarah=m,
            nama=f"Peserta {jk}{i}",
            jenis_kelamin=jk,
            unsur="masyarakat",
            hadir=hadir,
            diundang=diundang,
        )
        for jk, n in (("L", laki), ("P", perempuan))
        for i in range(n)
    )


def usulan(siklus, kelurahan, n: int, status: str, biaya: int, **fields) -> list:
    """``n`` usulan of ``kelurahan`` in ``status``, each costing ``biaya``."""
    return banyak_usulan(
        siklus, kelurahan, n, status=status, perkiraan_biaya=Decimal(biaya), **fields
    )


def tambah_kelurahan(siklus, kecamatan, n: int, awal: int) -> list:
    """``n`` more kelurahan in ``kecamatan``, each with a signed forum, participants of
    both sexes and usulan at three stages: everything the board counts grows."""
    hasil = []
    for i in range(n):
        kel = KelurahanFactory(
            kecamatan=kecamatan, kode=f"{kecamatan.kode}.{2000 + awal + i}", nama=f"Uji {awal + i}"
        )
        m = forum(siklus, kel, StatusMusyawarah.SELESAI, tanggal=datetime.date(2027, 1, 20))
        peserta(m, laki=3, perempuan=2, hadir=True)
        usulan(siklus, kel, 2, "diajukan", 1_000_000)
        usulan(siklus, kel, 2, "prioritas_desa", 2_000_000)
        usulan(siklus, kel, 1, "diteruskan_kota", 3_000_000)
        hasil.append(kel)
    return hasil
