"""Read numbers as Indonesian users type them: ``Rp 1.500.000``, ``1.500.000,00``, ``2,5``.

The dot groups thousands and the comma marks decimals. A value that could be read
either way ("1.500") is read the Indonesian way (fifteen hundred). Numbers typed the
English way with several groups ("1,500,000") are accepted too, since spreadsheets
exported from English-language software write them so.
"""

import re
from decimal import Decimal, InvalidOperation

_BUANG = re.compile(r"(?i)^\s*(rp\.?|idr)\s*|\s+|\u00a0")
_ID_RIBUAN = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.500.000 or 1.500.000,50
_ID_DESIMAL = re.compile(r"^-?\d+(,\d+)?$")  # 1500000 or 2,5
_EN_RIBUAN = re.compile(r"^-?\d{1,3}(,\d{3}){2,}(\.\d+)?$")  # 1,500,000(.50)
_EN_DESIMAL = re.compile(r"^-?\d+\.\d+$")  # 2.75 (not three digits after the dot)


def parse_angka(value) -> Decimal | None:
    """A Decimal, or None for an empty value. Raises ValueError with an Indonesian message."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("bukan angka")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        # Spreadsheet numbers arrive as floats; repr keeps 1500000.0 exact.
        return Decimal(repr(value))
    text = _BUANG.sub("", str(value))
    if text in {"", "-"}:
        return None
    if _ID_RIBUAN.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif _ID_DESIMAL.match(text):
        text = text.replace(",", ".")
    elif _EN_RIBUAN.match(text):
        text = text.replace(",", "")
    elif not _EN_DESIMAL.match(text):
        raise ValueError(f"“{str(value).strip()}” bukan angka (contoh: 1.500.000 atau 2,5)")
    try:
        return Decimal(text)
    except InvalidOperation as e:  # pragma: no cover - the patterns above exclude it
        raise ValueError(f"“{value}” bukan angka") from e


def parse_rupiah(value) -> Decimal | None:
    """Whole, non-negative Rupiah: ``Rp 1.500.000`` and ``1.500.000,00`` give 1500000."""
    angka = parse_angka(value)
    if angka is None:
        return None
    if angka < 0:
        raise ValueError("tidak boleh negatif")
    if angka != angka.to_integral_value():
        raise ValueError("harus rupiah bulat, tanpa sen")
    return angka.quantize(Decimal(1))
