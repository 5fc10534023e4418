import datetime

import pytest
import time_machine

from apps.siklus.models import Tahapan
from apps.siklus.selectors import (
    StatusTahapan,
    jadwal,
    peringatan_jadwal,
    status_tahapan,
    tahapan_terbuka,
)

J = Tahapan.Jenis
WIB = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def desa(siklus):
    return siklus.tahapan.get(jenis=J.MUSRENBANG_DESA)  # 11-31 Januari 2027


@pytest.mark.parametrize(
    ("pada", "keadaan", "hari_lagi", "keterangan"),
    [
        (datetime.date(2027, 1, 1), StatusTahapan.BELUM_MULAI, 10, "dimulai 10 hari lagi"),
        (datetime.date(2027, 1, 10), StatusTahapan.BELUM_MULAI, 1, "dimulai besok"),
        (datetime.date(2027, 1, 11), StatusTahapan.BERJALAN, 20, "sisa 20 hari lagi"),
        (datetime.date(2027, 1, 31), StatusTahapan.BERJALAN, 0, "hari ini hari terakhir"),
        (datetime.date(2027, 2, 1), StatusTahapan.SELESAI, 0, "berakhir 31 Januari 2027"),
    ],
)
def test_status_tahapan_on_each_side_of_its_dates(desa, pada, keadaan, hari_lagi, keterangan):
    status = status_tahapan(desa, pada)
    assert (status.keadaan, status.hari_lagi, status.keterangan) == (keadaan, hari_lagi, keterangan)


def test_tahapan_terbuka_on_an_explicit_date(siklus):
    assert not tahapan_terbuka(siklus, J.MUSRENBANG_DESA, datetime.date(2027, 1, 10))
    assert tahapan_terbuka(siklus, J.MUSRENBANG_DESA, datetime.date(2027, 1, 11))
    assert tahapan_terbuka(siklus, J.MUSRENBANG_DESA, datetime.date(2027, 1, 31))
    assert not tahapan_terbuka(siklus, J.MUSRENBANG_DESA, datetime.date(2027, 2, 1))


def test_tahapan_terbuka_follows_the_local_calendar_not_utc(siklus, settings):
    settings.TIME_ZONE = "Asia/Jakarta"
    # 23:30 WIB on the last day: still open.
    with time_machine.travel(datetime.datetime(2027, 1, 31, 23, 30, tzinfo=WIB), tick=False):
        assert tahapan_terbuka(siklus, J.MUSRENBANG_DESA)
    # 00:30 WIB the next day is still 31 January in UTC; the tahapan is closed all the same.
    with time_machine.travel(datetime.datetime(2027, 2, 1, 0, 30, tzinfo=WIB), tick=False):
        assert not tahapan_terbuka(siklus, J.MUSRENBANG_DESA)
        assert tahapan_terbuka(siklus, J.MUSRENBANG_KECAMATAN)


def test_tahapan_terbuka_is_false_for_a_tahapan_not_scheduled(siklus):
    siklus.tahapan.filter(jenis=J.MUSRENBANG_KOTA).delete()
    assert not tahapan_terbuka(siklus, J.MUSRENBANG_KOTA, datetime.date(2027, 3, 20))


def test_jadwal_lists_tahapan_in_cycle_order(siklus):
    # Even when dates are edited out of order, the cycle's order is kept for display.
    siklus.tahapan.filter(jenis=J.PRA_MUSRENBANG).update(
        mulai=datetime.date(2027, 1, 20), selesai=datetime.date(2027, 1, 25)
    )
    assert [s.tahapan.jenis for s in jadwal(siklus, datetime.date(2027, 1, 1))] == list(J.values)


def test_default_schedule_has_no_warning(siklus):
    assert peringatan_jadwal(siklus) == []


def test_warning_when_kecamatan_forum_ends_after_the_second_week_of_february(siklus):
    siklus.tahapan.filter(jenis=J.MUSRENBANG_KECAMATAN).update(selesai=datetime.date(2027, 2, 20))
    assert peringatan_jadwal(siklus) == [
        "Musrenbang kecamatan selesai 20 Februari 2027, melewati batas minggu kedua Februari "
        "(14 Februari 2027)."
    ]


def test_warning_for_missing_or_misordered_tahapan(siklus):
    siklus.tahapan.filter(jenis=J.FORUM_PERANGKAT_DAERAH).delete()
    siklus.tahapan.filter(jenis=J.MUSRENBANG_DESA).update(mulai=datetime.date(2026, 12, 20))
    peringatan = peringatan_jadwal(siklus)
    assert "Tahapan Forum perangkat daerah belum dijadwalkan." in peringatan
    assert "Musrenbang desa/kelurahan dimulai sebelum pra-musrenbang dan kajian desa." in peringatan
