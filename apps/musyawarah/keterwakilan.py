"""Keterwakilan: who is represented at a forum, along the dimensions its level names.

Generic: a level gives the dimensions (apps.musyawarah.tingkat); this module counts the
people present (or invited, before the forum opens) and names the groups missing.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from apps.musyawarah.models import KelompokSosial


@dataclass
class Kelompok:
    label: str
    jumlah: int

    @property
    def ada(self) -> bool:
        return self.jumlah > 0


@dataclass
class Dimensi:
    nama: str
    kelompok: list[Kelompok]
    # When no fixed list applies (organisations), what is missing if nobody came.
    kosong: str = ""

    @property
    def kurang(self) -> list[str]:
        if self.kosong:
            return [] if any(k.ada for k in self.kelompok) else [self.kosong]
        return [k.label for k in self.kelompok if not k.ada]

    @property
    def hadir(self) -> list[Kelompok]:
        return [k for k in self.kelompok if k.ada]


@dataclass
class Keterwakilan:
    dimensi: list[Dimensi] = field(default_factory=list)
    jumlah: int = 0
    perempuan: int = 0
    dasar: str = "hadir"  # "hadir" (attendance) or "undangan" (before the forum)

    @property
    def persen_perempuan(self) -> int:
        return round(100 * self.perempuan / self.jumlah) if self.jumlah else 0

    @property
    def kurang(self) -> list[tuple[str, str]]:
        return [(d.nama, label) for d in self.dimensi for label in d.kurang]

    @property
    def lengkap(self) -> bool:
        return not self.kurang


def yang_dihitung(m, peserta) -> tuple[str, list]:
    """("undangan", invitees) before the forum opens, ("hadir", those present) after."""
    if m.dalam_persiapan:
        return "undangan", [p for p in peserta if p.diundang]
    return "hadir", [p for p in peserta if p.hadir]


def hitung(orang: Iterable, fn: Callable) -> Counter:
    """How many people fall in each group ``fn(person)`` names (a person may be in several)."""
    c = Counter()
    for p in orang:
        for kunci in fn(p):
            c[kunci] += 1
    return c


def kelompok_sosial(p) -> set[str]:
    """The social groups a participant counts for: "ibu-ibu"/"bapak-bapak" follow jenis
    kelamin, and disability counts as a marginal group."""
    kelompok = set(p.kelompok_sosial or [])
    if p.jenis_kelamin == "P":
        kelompok.add(KelompokSosial.PEREMPUAN)
    if p.jenis_kelamin == "L":
        kelompok.add(KelompokSosial.BAPAK_BAPAK)
    if KelompokSosial.DISABILITAS in kelompok:
        kelompok.add(KelompokSosial.MARJINAL)
    return kelompok


def keterwakilan_dari(m, peserta, dimensi: Callable) -> Keterwakilan:
    """Count ``peserta`` of forum ``m`` along ``dimensi(m, orang)`` (a list of Dimensi)."""
    dasar, orang = yang_dihitung(m, peserta)
    return Keterwakilan(
        dimensi=dimensi(m, orang),
        jumlah=len(orang),
        perempuan=sum(1 for p in orang if p.jenis_kelamin == "P"),
        dasar=dasar,
    )
