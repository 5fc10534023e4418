from decimal import Decimal

import pytest

from apps.core.angka import parse_angka, parse_rupiah


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Rp 1.500.000", Decimal(1500000)),
        ("Rp1.500.000", Decimal(1500000)),
        ("rp. 1.500.000", Decimal(1500000)),
        ("1.500.000,00", Decimal(1500000)),
        ("1500000", Decimal(1500000)),
        (" 1 500 000 ", Decimal(1500000)),
        ("IDR 2.000", Decimal(2000)),
        (1500000, Decimal(1500000)),
        (1500000.0, Decimal(1500000)),
        ("1,500,000", Decimal(1500000)),
        (None, None),
        ("", None),
    ],
)
def test_parse_rupiah_reads_indonesian_money(raw, expected):
    assert parse_rupiah(raw) == expected


@pytest.mark.parametrize(
    "raw", ["satu juta", "1.5.0", "Rp 1.500.000,50", "-500", "12abc", "9" * 30, "1" + "0" * 40]
)
def test_parse_rupiah_refuses_with_a_message(raw):
    with pytest.raises(ValueError) as e:
        parse_rupiah(raw)
    assert str(e.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2,5", Decimal("2.5")),
        ("1.200", Decimal(1200)),
        ("150", Decimal(150)),
        ("2.75", Decimal("2.75")),
    ],
)
def test_parse_angka(raw, expected):
    assert parse_angka(raw) == expected
