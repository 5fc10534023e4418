import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone

from apps.core import formatting


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1500000, "Rp 1.500.000"),
        (Decimal("1500000.00"), "Rp 1.500.000"),
        (0, "Rp 0"),
        (999, "Rp 999"),
        (Decimal("1234.5"), "Rp 1.235"),
        (-250000, "-Rp 250.000"),
        (12_345_678_901, "Rp 12.345.678.901"),
        (None, ""),
    ],
)
def test_rupiah(value, expected):
    assert formatting.rupiah(value) == expected


def test_tanggal_spells_the_month():
    assert formatting.tanggal(datetime.date(2027, 2, 12)) == "12 Februari 2027"


def test_tanggal_hari_names_the_weekday():
    assert formatting.tanggal_hari(datetime.date(2027, 1, 18)) == "Senin, 18 Januari 2027"
    assert formatting.tanggal_hari(datetime.date(2027, 1, 22)) == "Jumat, 22 Januari 2027"


def test_tanggal_of_aware_datetime_uses_local_date(settings):
    settings.TIME_ZONE = "Asia/Jakarta"
    utc_evening = datetime.datetime(2027, 1, 31, 18, 0, tzinfo=datetime.UTC)  # 01:00 WIB
    with timezone.override("Asia/Jakarta"):
        assert formatting.tanggal(utc_evening) == "1 Februari 2027"
        assert formatting.jam(utc_evening) == "01.00"


@pytest.mark.parametrize(
    ("mulai", "selesai", "expected"),
    [
        ((2027, 1, 11), (2027, 1, 31), "11–31 Januari 2027"),
        ((2027, 2, 15), (2027, 3, 10), "15 Februari – 10 Maret 2027"),
        ((2026, 12, 28), (2027, 1, 3), "28 Desember 2026 – 3 Januari 2027"),
        ((2027, 2, 1), (2027, 2, 1), "1 Februari 2027"),
    ],
)
def test_rentang_tanggal(mulai, selesai, expected):
    assert formatting.rentang_tanggal(datetime.date(*mulai), datetime.date(*selesai)) == expected


def test_template_filters():
    out = Template("{% load format_id %}{{ b|rupiah }} / {{ d|tanggal }}").render(
        Context({"b": 2500000, "d": datetime.date(2027, 3, 1)})
    )
    assert out == "Rp 2.500.000 / 1 Maret 2027"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("120.50"), "120,5"),
        (Decimal("1200"), "1.200"),
        (Decimal("1234.25"), "1.234,25"),
        (None, ""),
    ],
)
def test_bilangan_keeps_decimals(value, expected):
    assert formatting.bilangan(value) == expected


def test_awal_kecil_keeps_acronyms():
    from apps.core.formatting import awal_kecil

    assert awal_kecil("Anggota DPRD") == "anggota DPRD"
    assert awal_kecil("LSM/organisasi masyarakat") == "LSM/organisasi masyarakat"
    assert awal_kecil("Swasta/bisnis") == "swasta/bisnis"
