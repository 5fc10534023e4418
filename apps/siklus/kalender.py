"""Calendar rules of the cycle: the kecamatan deadline and the default schedule."""

import datetime

from apps.siklus.models import Tahapan


def batas_musrenbang_kecamatan(tahun_rencana: int) -> datetime.date:
    """The last day a Musrenbang Kecamatan may be held: the end of February's 2nd week.

    The rule says "selambat-lambatnya minggu kedua bulan Februari"; we read the weeks
    of the month as days 1-7 and 8-14, so the deadline is 14 February of the forum year.
    """
    return datetime.date(tahun_rencana - 1, 2, 14)


def jadwal_bawaan(tahun_rencana: int) -> dict[str, tuple[datetime.date, datetime.date]]:
    """A sensible default schedule, January to March of the forum year; Bappeda edits it."""
    tahun = tahun_rencana - 1
    d = datetime.date
    return {
        Tahapan.Jenis.PRA_MUSRENBANG: (d(tahun, 1, 2), d(tahun, 1, 10)),
        Tahapan.Jenis.MUSRENBANG_DESA: (d(tahun, 1, 11), d(tahun, 1, 31)),
        Tahapan.Jenis.MUSRENBANG_KECAMATAN: (
            d(tahun, 2, 1),
            batas_musrenbang_kecamatan(tahun_rencana),
        ),
        Tahapan.Jenis.FORUM_PERANGKAT_DAERAH: (d(tahun, 2, 15), d(tahun, 3, 10)),
        Tahapan.Jenis.MUSRENBANG_KOTA: (d(tahun, 3, 11), d(tahun, 3, 31)),
    }
