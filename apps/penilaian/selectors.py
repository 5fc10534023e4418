"""Reads of the scoring app: criteria with their shares, progress per scorer, the score
of each usulan (computed by the database), disagreements between scorers.

The score of an usulan is the weighted mean over the criteria of the mean over the
scorers, each criterion's mean put on 0–100 ((mean − 1) / (scale − 1) × 100), rounded to
two decimals so that equal shown scores are equal for the tie-break too.
"""

from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Round

from apps.penilaian.models import Kriteria, Penilai, SesiPenilaian, SetKriteria, Skor

# Scorers disagree on a cell when their values lie this many levels apart or more
# (two levels on 1–5; the same share of the range, four levels, on 1–10).
AMBANG_SEBARAN = {5: 2, 10: 4}


def kriteria_dengan_persen(set: SetKriteria | None) -> list[Kriteria]:
    """The set's criteria in order, each with ``persen``: its weight as a share of 100."""
    if set is None:
        return []
    kriteria = list(set.kriteria.all())
    total = sum((k.bobot for k in kriteria), Decimal(0))
    for k in kriteria:
        k.persen = (k.bobot * 100 / total) if total else Decimal(0)
        k.arti = list(enumerate(k.arti_nilai or [""] * k.skala, start=1))
    return kriteria


def kriteria_utama(kriteria: list[Kriteria]) -> Kriteria | None:
    """The most-weighted criterion (the first of equals): the first tie-break."""
    return max(kriteria, key=lambda k: (k.bobot, -k.urutan, -k.pk), default=None)


def progres(sesi: SesiPenilaian, usulan_ids: list[int], kriteria_ids: list[int]) -> list[Penilai]:
    """Each scorer with ``terisi`` (cells filled) and ``target`` (cells to fill)."""
    terhitung = Q(skor__usulan_id__in=usulan_ids, skor__kriteria_id__in=kriteria_ids)
    penilai = list(sesi.penilai.annotate(terisi=Count("skor", filter=terhitung)))
    target = len(usulan_ids) * len(kriteria_ids)
    for p in penilai:
        p.target = target
        p.persen = round(p.terisi * 100 / target) if target else 0
        p.lengkap = target and p.terisi >= target
    return penilai


def anotasi_nilai(qs, *, sesi: SesiPenilaian, kriteria: list[Kriteria], usulan_ref="usulan"):
    """``qs`` (rows that name an usulan through ``usulan_ref``) annotated with, for each
    criterion, ``rata_<pk>`` (mean over scorers) and ``sebar_<pk>`` (highest − lowest),
    and ``nilai``: the usulan's score on 0–100. All in one query."""
    if not kriteria:
        return qs.annotate(nilai=Value(None, output_field=FloatField()))
    annotations = {}
    for k in kriteria:
        sel = Skor.objects.filter(
            penilai__sesi=sesi, kriteria=k, usulan=OuterRef(usulan_ref)
        ).values("usulan")
        annotations[f"rata_{k.pk}"] = Subquery(
            sel.annotate(v=Avg("nilai", output_field=FloatField())).values("v"),
            output_field=FloatField(),
        )
        annotations[f"sebar_{k.pk}"] = Subquery(
            sel.annotate(v=Max("nilai") - Min("nilai")).values("v"),
            output_field=IntegerField(),
        )
    total = float(sum(k.bobot for k in kriteria))
    jumlah = sum(
        (
            (F(f"rata_{k.pk}") - Value(1.0)) * Value(float(k.bobot) * 100 / (k.skala - 1) / total)
            for k in kriteria
        ),
        Value(0.0),
    )
    return qs.annotate(**annotations).annotate(nilai=Round(jumlah, 2, output_field=FloatField()))


def perbedaan(sesi: SesiPenilaian, usulan_ids: list[int]) -> dict[tuple[int, int], tuple]:
    """{(usulan id, kriteria id): (lowest, highest)} where the scorers disagree widely."""
    luas = Q()
    for skala, ambang in AMBANG_SEBARAN.items():
        luas |= Q(kriteria__skala=skala, sebar__gte=ambang)
    rows = (
        Skor.objects.filter(penilai__sesi=sesi, usulan_id__in=usulan_ids)
        .values("usulan_id", "kriteria_id", "kriteria__skala")
        .annotate(lo=Min("nilai"), hi=Max("nilai"), sebar=Max("nilai") - Min("nilai"))
        .filter(luas)
    )
    return {(r["usulan_id"], r["kriteria_id"]): (r["lo"], r["hi"]) for r in rows}


def skor_penilai(penilai: Penilai, usulan_ids: list[int]) -> dict[tuple[int, int], Skor]:
    """{(usulan id, kriteria id): score} of one scorer's sheet."""
    return {
        (s.usulan_id, s.kriteria_id): s
        for s in Skor.objects.filter(penilai=penilai, usulan_id__in=usulan_ids)
    }


def skor_sesi(sesi: SesiPenilaian, usulan_ids: list[int]) -> dict[tuple[int, int, int], int]:
    """{(penilai id, usulan id, kriteria id): value}: every score of the session (shown
    only once it is closed)."""
    return {
        (s["penilai_id"], s["usulan_id"], s["kriteria_id"]): s["nilai"]
        for s in Skor.objects.filter(penilai__sesi=sesi, usulan_id__in=usulan_ids).values(
            "penilai_id", "usulan_id", "kriteria_id", "nilai"
        )
    }
