"""Numbers in Indonesian words, as official minutes spell the date of a meeting:
"Pada hari ini Senin tanggal delapan belas bulan Januari tahun dua ribu dua puluh tujuh"."""

import datetime

from apps.core.formatting import BULAN, HARI

_SATUAN = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]


def terbilang(n: int) -> str:
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    if n < 200:
        return "seratus" + (f" {terbilang(n - 100)}" if n > 100 else "")
    if n < 1000:
        ratus, sisa = divmod(n, 100)
        return f"{_SATUAN[ratus]} ratus" + (f" {terbilang(sisa)}" if sisa else "")
    if n < 2000:
        return "seribu" + (f" {terbilang(n - 1000)}" if n > 1000 else "")
    for besar, nama in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        if n >= besar:
            depan, sisa = divmod(n, besar)
            return f"{terbilang(depan)} {nama}" + (f" {terbilang(sisa)}" if sisa else "")
    raise AssertionError("unreachable")


def tanggal_terbilang(d: datetime.date) -> str:
    """Senin tanggal delapan belas bulan Januari tahun dua ribu dua puluh tujuh."""
    return (
        f"{HARI[d.weekday()]} tanggal {terbilang(d.day)} bulan {BULAN[d.month - 1]} "
        f"tahun {terbilang(d.year)}"
    )
