"""The ranking of the sidang kelompok (seed 4.b.9: "untuk tiap kelompok kegiatan dari
masing-masing prioritas pembangunan daerah"): per group and per prioritas daerah, by
score, computed by the database in one query whatever the number of usulan.

Ties are broken the same way on screen, in the Pleno and in the berita acara
(``ATURAN_SERI``): the higher mean on the most-weighted criterion, then more kelurahan
served (a merged item serves every kelurahan it merged), then the earlier place in the
kelurahan's own agreed order, then the usulan's code.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext_lazy as _

from apps.musyawarah.models import KelompokDiskusi, Musyawarah, Pembahasan, Verifikasi
from apps.penilaian.models import SetKriteria
from apps.penilaian.selectors import (
    AMBANG_SEBARAN,
    anotasi_nilai,
    kriteria_dengan_persen,
    kriteria_utama,
)

ATURAN_SERI = _(
    "Bila nilai sama, urutan ditentukan oleh: (1) rata-rata lebih tinggi pada kriteria "
    "berbobot terbesar, (2) lebih banyak kelurahan/desa yang dilayani, (3) urutan lebih "
    "awal di Musrenbang kelurahan/desa, (4) kode usulan."
)


def kriteria_forum(m: Musyawarah) -> list:
    """The forum's criteria with their shares (read afresh: a page may hold the forum
    from before its criteria were set)."""
    return kriteria_dengan_persen(SetKriteria.objects.filter(musyawarah=m.pk).first())


def dilayani():
    """The number of kelurahan a record serves: its own and those of the usulan merged into
    it (1 + the merged ones' other kelurahan). Asked of the merged records through their
    link, never as "this row or merged into it": databases answer such an OR by scanning
    every usulan for every row (1.4 s for a 1,000-usulan ranking on SQLite)."""
    lain = (
        Pembahasan.objects.filter(digabung_ke=OuterRef("pk"))
        .exclude(usulan__kelurahan=OuterRef("usulan__kelurahan"))
        # No Meta.ordering in this grouped subquery: PostgreSQL refuses ORDER BY columns
        # (the forum's siklus and daerah) that are not grouped.
        .order_by()
        .annotate(satu=Value(1))
        .values("satu")
        .annotate(n=Count("usulan__kelurahan", distinct=True))
        .values("n")
    )
    return Value(1) + Coalesce(Subquery(lain, output_field=IntegerField()), Value(0))


def dengan_peringkat(qs, kriteria: list):
    """Feasible, unmerged records of ``qs`` with ``nilai`` (0–100), ``rata_<k>`` and
    ``sebar_<k>`` per criterion, ``dilayani`` (kelurahan served) and ``peringkat`` (rank
    within its group and prioritas daerah). Each group scores in its own session."""
    qs = qs.filter(verifikasi=Verifikasi.LAYAK, digabung_ke__isnull=True)
    qs = anotasi_nilai(qs, sesi=OuterRef("kelompok__penilaian"), kriteria=kriteria)
    utama = kriteria_utama(kriteria)
    urutan = [F("nilai").desc(nulls_last=True)]
    if utama is not None:
        urutan.append(F(f"rata_{utama.pk}").desc(nulls_last=True))
    urutan += [
        F("dilayani").desc(),
        F("urutan_asal").asc(nulls_last=True),
        F("usulan__kode").asc(),
    ]
    return qs.annotate(
        prioritas_efektif=Coalesce("prioritas_daerah_id", "usulan__prioritas_daerah_id"),
        dilayani=dilayani(),
    ).annotate(
        peringkat=Window(
            RowNumber(),
            partition_by=[F("kelompok_id"), F("prioritas_efektif")],
            order_by=urutan,
        )
    )


@dataclass
class BagianPrioritas:
    """One prioritas daerah of a group's ranking."""

    prioritas: object
    baris: list = field(default_factory=list)


@dataclass
class Peringkat:
    kelompok: KelompokDiskusi
    kriteria: list
    bagian: list[BagianPrioritas]
    ditutup: bool

    @property
    def baris(self) -> list:
        return [p for b in self.bagian for p in b.baris]


def lengkapi(baris: list, kriteria: list) -> None:
    """Per row: its criteria means in the criteria's order (``rata``: criterion, mean,
    whether the scorers disagreed widely), and ``seri`` when its score equals a neighbour's (the
    tie-break decided)."""
    for p in baris:
        p.seri = False
        p.rata = [
            (
                k,
                getattr(p, f"rata_{k.pk}"),
                (getattr(p, f"sebar_{k.pk}") or 0) >= AMBANG_SEBARAN[k.skala],
            )
            for k in kriteria
        ]
    for a, b in zip(baris, baris[1:], strict=False):
        if (
            a.nilai is not None
            and a.nilai == b.nilai
            and a.prioritas_efektif == b.prioritas_efektif
            and a.kelompok_id == b.kelompok_id
        ):
            a.seri = b.seri = True


def peringkat_kelompok(kelompok: KelompokDiskusi) -> Peringkat:
    """A group's ranking, per prioritas daerah in the daerah's order."""
    m = kelompok.musyawarah
    kriteria = kriteria_forum(m)
    qs = dengan_peringkat(
        Pembahasan.objects.filter(musyawarah=m, kelompok=kelompok).select_related(
            "usulan__kelurahan__kecamatan",
            "usulan__prioritas_daerah",
            "usulan__perangkat_daerah",
            "prioritas_daerah",
            "perangkat_daerah",
        ),
        kriteria,
    )
    baris = sorted(qs, key=lambda p: (p.prioritas.nomor if p.prioritas else 999, p.peringkat))
    lengkapi(baris, kriteria)
    bagian: list[BagianPrioritas] = []
    for p in baris:
        if not bagian or bagian[-1].prioritas != p.prioritas:
            bagian.append(BagianPrioritas(p.prioritas))
        bagian[-1].baris.append(p)
    return Peringkat(
        kelompok=kelompok,
        kriteria=kriteria,
        bagian=bagian,
        ditutup=bool(kelompok.penilaian_id and kelompok.penilaian.ditutup_pada),
    )
