"""A kota whose kecamatan forums are signed: rows for the compilation, written in bulk.

The signed forum itself is made through the services in test_alur (tests/kecamatan); here
the compilation only needs what signing leaves behind (a signed kecamatan forum, its
records agreed for the kota, the usulan with their frozen score), at any size.
"""

from decimal import Decimal

import pytest

from apps.musyawarah.models import (
    Keputusan,
    Musyawarah,
    Pembahasan,
    StatusMusyawarah,
    Tingkat,
    Verifikasi,
)
from apps.usulan.models import Status
from tests.factories import PerangkatDaerahFactory, PrioritasDaerahFactory, banyak_usulan


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tugas_langsung(settings):
    # Background tasks run inside the request; one test runs them through the worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def dinkes(daerah):
    return PerangkatDaerahFactory(daerah=daerah, nama="Dinas Kesehatan", singkatan="Dinkes")


@pytest.fixture
def prioritas(siklus):
    return [
        PrioritasDaerahFactory(siklus=siklus, nomor=1, nama="Infrastruktur dasar"),
        PrioritasDaerahFactory(siklus=siklus, nomor=2, nama="SDM unggul"),
    ]


def forum_selesai(kecamatan, siklus, **kwargs) -> Musyawarah:
    return Musyawarah.objects.create(
        siklus=siklus,
        tingkat=Tingkat.KECAMATAN,
        kecamatan=kecamatan,
        status=kwargs.pop("status", StatusMusyawarah.SELESAI),
        **kwargs,
    )


def kirim(m: Musyawarah, kelurahan, n: int, *, pd, prioritas=None, nilai="70.00", **fields):
    """``n`` usulan of ``kelurahan`` agreed by forum ``m`` for ``pd``, in order."""
    usulan = banyak_usulan(
        m.siklus,
        kelurahan,
        n,
        status=fields.pop("status", Status.DITERUSKAN_KOTA),
        perangkat_daerah=pd,
        prioritas_daerah=prioritas,
        sumber_pembiayaan="apbd",
        **fields,
    )
    awal = Pembahasan.objects.filter(musyawarah=m).count()
    return Pembahasan.objects.bulk_create(
        Pembahasan(
            musyawarah=m,
            usulan=u,
            urutan=awal + i + 1,
            keputusan=Keputusan.KOTA,
            verifikasi=Verifikasi.LAYAK,
            nilai_penilaian=Decimal(nilai),
            peringkat_kelompok=i + 1,
            urutan_perangkat_daerah=i + 1,
        )
        for i, u in enumerate(usulan)
    )
