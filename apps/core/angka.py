"""Read numbers as Indonesian users type them: ``Rp 1.500.000``, ``1.500.000,00``, ``2,5``.

The dot groups thousands and the comma marks decimals. A value that could be read
either way ("1.500") is read the Indonesian way (fifteen hundred). Numbers typed the
English way with several groups ("1,500,000") are accepted too, since spreadsheets
exported from English-language software write them so.

The parsers say what is wrong with a value; the caller knows which field it was and adds
that field's own example (``dengan_contoh``): a money field shows money, an RT field an RT.
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
        raise ValueError(f"“{str(value).strip()}” bukan angka")
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
    # Past the decimal context's 28 digits quantize() raises InvalidOperation (a 500 in
    # a form); no budget has that many digits.
    if angka.adjusted() >= 18:
        raise ValueError("terlalu besar")
    if angka != angka.to_integral_value():
        raise ValueError("harus rupiah bulat, tanpa sen")
    return angka.quantize(Decimal(1))


# How to write each kind of number, appended to an error about it.
CONTOH_ANGKA = "tulis angka, misalnya 120,5"
CONTOH_RUPIAH = "tulis rupiah bulat, misalnya Rp 1.500.000 atau 1500000"
CONTOH_BULAT = "tulis angka bulat, misalnya 40"


def dengan_contoh(pesan: str, contoh: str) -> str:
    """``pesan`` followed by how to write the field: "“x” bukan angka; tulis angka, ..."."""
    if not contoh:
        return pesan
    return f"{pesan.rstrip('. ')}; {contoh}"


_NOMOR = re.compile(r"^(?:(?P<awalan>[^\W\d_]+)\s*\.?\s*)?0*(?P<nomor>\d{1,3})$")


def parse_nomor(value, *, awalan: tuple[str, ...], nama: str) -> int | None:
    """An RT/RW number as people write it: 3, ``03``, ``003``, ``RT 3``, ``RT.03``, ``rt01``.

    ``awalan`` are the labels that may precede the number (lower case, e.g. ``("rt",)``);
    ``nama`` names the number in the message. None for an empty value; ValueError for
    anything else, including 0 (numbering starts at 1).
    """
    if value is None:
        return None
    salah = ValueError(f"“{str(value).strip()}” bukan nomor {nama}")
    if isinstance(value, bool):
        raise salah
    if isinstance(value, float):
        if not value.is_integer():
            raise salah
        value = int(value)
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise salah
        value = int(value)
    text = " ".join(str(value).split())
    if not text:
        return None
    cocok = _NOMOR.match(text)
    if (
        cocok is None
        or (cocok["awalan"] and cocok["awalan"].lower() not in awalan)
        or int(cocok["nomor"]) == 0
    ):
        raise salah
    return int(cocok["nomor"])
