"""The kota forum's place in the one table of actions: it pulls what the level below
signed (like the kecamatan), decides on each usulan in one table (like the desa), and,
being the last forum, sends no delegation; the kecamatan's own steps do not exist here."""

import pytest

from apps.core.exceptions import DomainError
from apps.musyawarah.models import Musyawarah, StatusMusyawarah
from apps.musyawarah.tindakan import Tindakan, terbuka, wajib_tindakan

S = StatusMusyawarah


def _kota(status) -> Musyawarah:
    return Musyawarah(status=status, tingkat="kota")


def test_the_kota_forum_pulls_and_decides():
    assert terbuka(_kota(S.PERSIAPAN), Tindakan.TARIK_HASIL)
    assert terbuka(_kota(S.PELAKSANAAN), Tindakan.TARIK_HASIL)
    assert terbuka(_kota(S.PELAKSANAAN), Tindakan.PUTUSKAN)
    assert not terbuka(_kota(S.PERSIAPAN), Tindakan.PUTUSKAN)
    assert terbuka(_kota(S.PENETAPAN), Tindakan.TANDATANGANI)


@pytest.mark.parametrize(
    "tindakan",
    [
        Tindakan.PILIH_DELEGASI,
        Tindakan.PILIH_MASALAH,
        Tindakan.ATUR_KELOMPOK,
        Tindakan.VERIFIKASI,
        Tindakan.NILAI,
        Tindakan.PLENO,
        Tindakan.BACAKAN,
        Tindakan.TERIMA_PENDAFTARAN,
    ],
)
def test_steps_of_other_levels_do_not_exist_at_the_kota(tindakan):
    m = _kota(S.PELAKSANAAN)
    assert not terbuka(m, tindakan)
    with pytest.raises(DomainError, match="tidak berlaku untuk musyawarah tingkat ini"):
        wajib_tindakan(m, tindakan)


def test_after_signing_only_the_scan_is_open():
    assert [t for t in Tindakan if terbuka(_kota(S.SELESAI), t)] == [Tindakan.UNGGAH_PINDAIAN]
