"""Verification codes of signed documents, e.g. ``7K4Q-P9XM``: printed in every page
footer and under the QR code, typed by whoever checks a paper copy.

Two groups of four characters from the alphabet without look-alikes (apps.core.kode):
31^8 ≈ 850 billion codes, so guessing one that exists is hopeless.
"""

import re

from apps.core.kode import ALFABET, acak

POLA = re.compile(r"^[" + ALFABET + r"]{4}-[" + ALFABET + r"]{4}$")


def buat_kode_verifikasi() -> str:
    return f"{acak(4)}-{acak(4)}"


def normalkan_kode_verifikasi(teks: str) -> str:
    """What someone typed or read off paper, as stored: upper case, one dash after the
    fourth character. Spaces, dots and a missing or misplaced dash do not matter."""
    polos = re.sub(r"[\s_.\-]+", "", (teks or "").upper())
    return f"{polos[:4]}-{polos[4:]}" if len(polos) == 8 else polos


def kode_verifikasi_sah(teks: str) -> bool:
    return bool(POLA.match(teks))
