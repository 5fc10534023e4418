"""Receipt codes: short, unguessable, and readable on paper, e.g. ``BJM-28-7K4Q-P9``.

Daerah prefix, the plan year's last two digits, then six random characters from an
alphabet without look-alikes (no 0/O, 1/I/L): 31^6 ≈ 887 million codes per daerah and
year, so guessing one that exists takes hundreds of thousands of tries.
"""

import re

from apps.core.kode import ALFABET, acak

POLA = re.compile(r"^[A-Z0-9]{2,5}-\d{2}-[" + ALFABET + r"]{4}-[" + ALFABET + r"]{2}$")


def buat_kode(awalan: str, tahun_rencana: int) -> str:
    huruf = acak(6)
    return f"{awalan}-{tahun_rencana % 100:02d}-{huruf[:4]}-{huruf[4:]}"


def normalkan_kode(teks: str) -> str:
    """What a citizen typed, as stored: upper case, dashes, no spaces."""
    teks = re.sub(r"[\s_.]+", "-", (teks or "").strip().upper())
    return re.sub(r"-+", "-", teks).strip("-")


def kode_sah(teks: str) -> bool:
    return bool(POLA.match(teks))
