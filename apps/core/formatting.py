"""Indonesian formats for dates and money, the same on pages, PDFs and Excel files.

Written out instead of relying on the ``id`` locale's formats: Django's ``id`` locale
abbreviates months ("12 Feb 2027") while official letters spell them ("12 Februari 2027"),
and the documents must not depend on which locale a worker process happens to run in.
"""

import datetime
import zoneinfo
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def nama_bulan(bulan: int) -> str:
    return BULAN[bulan - 1]


def tanggal(value: datetime.date | datetime.datetime | None) -> str:
    """12 Februari 2027."""
    if value is None:
        return ""
    d = _as_date(value)
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def tanggal_hari(value: datetime.date | datetime.datetime | None) -> str:
    """Senin, 18 Januari 2027."""
    if value is None:
        return ""
    d = _as_date(value)
    return f"{HARI[d.weekday()]}, {tanggal(d)}"


def jam(value: datetime.time | datetime.datetime | None) -> str:
    """09.30: Indonesian letters separate hours and minutes with a dot."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.hour:02d}.{value.minute:02d}"


def angka(value: int | float | Decimal | None) -> str:
    """1.500.000: thousands separated by dots, no decimals (Rupiah has no sen in practice)."""
    if value is None:
        return ""
    whole = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if whole < 0 else ""
    return sign + f"{abs(int(whole)):,}".replace(",", ".")


def bilangan(value: int | float | Decimal | None) -> str:
    """A quantity: 1.200 or 120,5 (Indonesian separators, decimals only when present)."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if value == value.to_integral_value():
        return angka(value)
    bulat, _sep, pecahan = f"{abs(value).normalize():f}".partition(".")
    sign = "-" if value < 0 else ""
    return f"{sign}{angka(Decimal(bulat))},{pecahan}"


def desimal(value: int | float | Decimal | None, tempat: int = 2) -> str:
    """83,33: a score or a mean with a fixed number of decimals (Indonesian comma)."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value)).quantize(Decimal(1).scaleb(-tempat), rounding=ROUND_HALF_UP)
    bulat, _sep, pecahan = f"{abs(value):f}".partition(".")
    sign = "-" if value < 0 else ""
    return f"{sign}{angka(Decimal(bulat))}" + (f",{pecahan}" if pecahan else "")


def persen(value: int | float | Decimal | None) -> str:
    """33,3%: a share with one decimal, none when whole (20%)."""
    if value is None or value == "":
        return ""
    teks = desimal(value, 1)
    return (teks[:-2] if teks.endswith(",0") else teks) + "%"


def rupiah(value: int | float | Decimal | None) -> str:
    """Rp 1.500.000 (negative amounts: -Rp 1.500.000)."""
    if value is None:
        return ""
    text = angka(value)
    if text.startswith("-"):
        return "-Rp " + text[1:]
    return "Rp " + text


def rentang_tanggal(mulai: datetime.date | None, selesai: datetime.date | None) -> str:
    """11–31 Januari 2027; 25 Januari – 3 Februari 2027; 28 Desember 2026 – 3 Januari 2027."""
    if mulai is None or selesai is None:
        return tanggal(mulai or selesai)
    mulai, selesai = _as_date(mulai), _as_date(selesai)
    if mulai == selesai:
        return tanggal(mulai)
    if (mulai.year, mulai.month) == (selesai.year, selesai.month):
        return f"{mulai.day}–{tanggal(selesai)}"
    if mulai.year == selesai.year:
        return f"{mulai.day} {BULAN[mulai.month - 1]} – {tanggal(selesai)}"
    return f"{tanggal(mulai)} – {tanggal(selesai)}"


def zona_waktu(daerah) -> str:
    """WIB, WITA or WIT, as letters print it after a time: the daerah's own setting
    (``Daerah.zona_waktu``), not the server's TIME_ZONE, which may serve several zones."""
    return daerah.zona_waktu if daerah is not None else ""


# The IANA zone of each Indonesian time zone a daerah may be set to.
ZONA_IANA = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


def waktu_daerah(value: datetime.datetime | None, daerah) -> str:
    """12 Februari 2027 09.30 WITA: a moment on the daerah's own clock."""
    if value is None:
        return ""
    zona = zona_waktu(daerah)
    if zona in ZONA_IANA and timezone.is_aware(value):
        value = value.astimezone(zoneinfo.ZoneInfo(ZONA_IANA[zona]))
        return f"{tanggal(value)} {value.hour:02d}.{value.minute:02d} {zona}"
    return f"{tanggal(value)} {jam(value)} {zona}".strip()


def awal_kecil(teks: str) -> str:
    """A label inside a sentence: its first letter in lower case, unless it starts with an
    acronym ("Anggota DPRD" → "anggota DPRD", "LSM/organisasi" stays)."""
    teks = str(teks)
    return teks if teks[:2].isupper() else teks[:1].lower() + teks[1:]


def label_pilihan(choices) -> Callable[[str], str]:
    """value → label of a ``TextChoices``, translated once per language and value.

    ``get_FOO_display`` rebuilds a dict of every (lazily translated) label on each call:
    fine for one row, most of the time of a 20,000-row export. Build this once per export
    (the language is the one active when it is called)."""
    peta = {value: str(label) for value, label in choices.choices}
    return lambda value: peta.get(value, value)
