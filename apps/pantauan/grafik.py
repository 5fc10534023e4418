"""Horizontal bar charts drawn on the server as SVG: no script, no CDN, readable at 390 px.

The pure part lives here: :func:`grafik_batang` turns labelled values (one value per row,
or one per series for stacked bars) into what a template draws — each bar's segments as
percentages of the chart's width, rows in pixels — and into the same numbers as a table.
``templates/pantauan/_grafik_batang.html`` draws it. Nothing here touches the database.

Why percentages: the SVG has ``width="100%"`` and no ``viewBox``, so it stretches to its
column while its text keeps its real size (a scaled viewBox would shrink the labels to
8 px on a phone). Each row is a label line over its bar; the value sits after the bar,
or inside its end when the bar is long. Why attributes and no ``<style>``: the CSP
forbids inline styles, and the chart then needs no stylesheet of its own.

Use it from any app (the compilation page does)::

    from apps.core.formatting import angka, rupiah
    from apps.pantauan.grafik import Data, grafik_batang

    g = grafik_batang(
        id="biaya-pd",
        judul=_("Perkiraan biaya per perangkat daerah"),
        data=[Data("Dinas PUPR", [1_500_000], catatan=[angka(12)]), ...],
        seri=[_("Perkiraan biaya")],
        format=rupiah,
        kolom_catatan=[_("Jumlah usulan")],
    )

    {% include "pantauan/_grafik_batang.html" with grafik=g %}

Context contract of ``pantauan/_grafik_batang.html``: one variable, ``grafik``, a
:class:`Grafik`. The template reads only these, all computed here:

- ``id``: unique on the page; the ids of the SVG's ``<title>``/``<desc>`` derive from it.
- ``judul``: the heading above the chart and the SVG's ``<title>``.
- ``keterangan``: a line under the heading and the SVG's ``<desc>`` (may be empty).
- ``kosong`` / ``teks_kosong``: nothing to draw; the template says ``teks_kosong``.
- ``tinggi``: the SVG's height in px.
- ``seri``: the legend (:class:`Seri`: ``label``, ``warna``), drawn when ``legenda``.
- ``baris``: one :class:`Baris` per row: ``label`` (full, in the tooltip and the table),
  ``label_pendek`` (drawn), ``teks`` (the formatted value drawn by the bar), ``url``
  (optional link of the row), ``y_label``, ``y_batang``, ``tinggi_batang``, ``teks_x``
  (percent), ``teks_anchor``, ``teks_warna``, ``teks_halo`` (draw a white halo behind
  the value), ``segmen`` (:class:`Segmen`: ``x`` and ``lebar`` in percent, ``warna``,
  ``judul`` = "series: value" for the tooltip) and ``sel`` (the table cells after the
  label, formatted, in the order of ``kolom``).
- ``kolom``: the table's column headers after the label column; ``kolom_label`` heads
  the label column; ``total`` (optional): the table's footer cells, same order as
  ``kolom``.

Numbers are formatted here with apps.core.formatting ("Rp 1.500.000", "1.234"), never in
the template. Negative values are drawn as zero (a count or an amount is never negative).
The template needs Bootstrap only; ``static/pantauan/pantauan.css`` (loaded by the board)
merely colours the "show the table" toggle like a link. Put each chart in a column of
its own (a card, a grid cell): it takes the whole width it is given.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.core.formatting import angka

Angka = int | float | Decimal

# Bootstrap 5.3's palette, so the charts match the badges beside them. Each colour
# carries the text colour that reads on it (contrast about 4.5:1 or more) for the value
# drawn inside a long bar.
BIRU = ("#0d6efd", "#ffffff")
HIJAU = ("#198754", "#ffffff")
KUNING = ("#ffc107", "#212529")
MERAH = ("#dc3545", "#ffffff")
ABU = ("#6c757d", "#ffffff")
ABU_MUDA = ("#ced4da", "#212529")
HIJAU_MUDA = ("#a3cfbb", "#212529")
TOSCA = ("#0dcaf0", "#212529")
UNGU = ("#6f42c1", "#ffffff")
WARNA_BAWAAN = (BIRU, HIJAU, KUNING, MERAH, UNGU, TOSCA, ABU, ABU_MUDA)

TEKS = "#212529"  # labels and values outside a bar
JALUR = "#e9ecef"  # the track behind each bar, so a short bar still reads as a share

# Geometry of one row, in px: the label line, then the bar, then a gap.
TINGGI_LABEL = 16
TINGGI_BATANG = 18
JARAK = 12
TINGGI_BARIS = TINGGI_LABEL + 4 + TINGGI_BATANG + JARAK
# A bar at least this long (percent of the width) carries its value inside its end;
# a shorter one has it after its end, where 40% of a phone's width still fits
# "Rp 12.345.678.900".
PANJANG_TEKS_DALAM = 60.0
# A last segment at least this long (percent) holds the value drawn inside it.
SEGMEN_MUAT_TEKS = 25.0
# A value above zero never disappears: its segment is at least this wide (percent).
LEBAR_MINIMUM = 0.6


@dataclass(frozen=True)
class Data:
    """One row: its label, one value per series, and optional extras.

    ``catatan``: formatted cells shown in the table after the values (e.g. the count
    beside an amount), headed by ``kolom_catatan``. ``teks``: what is drawn by the bar
    instead of the formatted total (e.g. "12 dari 15"). ``url``: the row links there.
    ``singkat``: a short label to draw (the full one stays in the tooltip and table).
    """

    label: str
    nilai: Sequence[Angka]
    catatan: Sequence[str] = ()
    teks: str = ""
    url: str = ""
    singkat: str = ""  # drawn instead of the label (an SKPD's acronym); the table keeps it


@dataclass(frozen=True)
class Seri:
    label: str
    warna: str
    warna_teks: str


@dataclass(frozen=True)
class Segmen:
    x: str  # percent, as SVG reads it ("12.5"): a float in a template would be
    lebar: str  # localised to "12,5" under LANGUAGE_CODE "id" and break the drawing
    warna: str
    judul: str


@dataclass(frozen=True)
class Baris:
    label: str
    label_pendek: str
    teks: str
    url: str
    y_label: int
    y_batang: int
    tinggi_batang: int
    teks_x: str  # percent, like Segmen.x
    teks_anchor: str
    teks_warna: str
    teks_halo: bool
    segmen: list[Segmen]
    sel: list[str]


@dataclass(frozen=True)
class Grafik:
    id: str
    judul: str
    keterangan: str
    seri: list[Seri]
    baris: list[Baris]
    kolom: list[str]
    kolom_label: str
    total: list[str] = field(default_factory=list)
    teks_kosong: str = ""

    @property
    def kosong(self) -> bool:
        return not self.baris

    @property
    def tinggi(self) -> int:
        return len(self.baris) * TINGGI_BARIS

    @property
    def legenda(self) -> bool:
        return len(self.seri) > 1


def pendekkan(teks: str, maks: int) -> str:
    """``teks`` cut to ``maks`` characters with an ellipsis, at a word when one is near."""
    teks = " ".join(str(teks).split())
    if len(teks) <= maks:
        return teks
    potong = teks[: maks - 1]
    spasi = potong.rfind(" ")
    # Cut back to the last whole word, unless the cut already falls between words.
    if teks[maks - 1] != " " and spasi >= maks * 0.6:
        potong = potong[:spasi]
    return potong.rstrip(" ,.;:-") + "…"


def _persen(nilai: Decimal, maks: Decimal) -> float:
    return round(float(100 * nilai / maks), 2) if maks > 0 else 0.0


def _svg(persen: float) -> str:
    """A percentage as an SVG attribute: a dot, at most two decimals, no exponent."""
    return f"{persen:.2f}".rstrip("0").rstrip(".")


def _nilai(v) -> Decimal:
    """A value as drawn: exact (sums of Rupiah stay exact), never below zero."""
    return max(Decimal(str(v)) if isinstance(v, float) else Decimal(v or 0), Decimal(0))


def grafik_batang(
    *,
    id: str,
    judul: str,
    data: Iterable[Data],
    seri: Sequence[str] = (),
    warna: Sequence[tuple[str, str]] = WARNA_BAWAAN,
    format: Callable[[Angka], str] = angka,
    keterangan: str = "",
    kolom_label: str = "",
    kolom_catatan: Sequence[str] = (),
    maks: Angka | None = None,
    penuh: bool = False,
    maks_label: int = 44,
    total: bool = False,
    teks_kosong: str = "",
) -> Grafik:
    """A horizontal bar chart of ``data``: one bar per row, stacked when ``seri`` names
    several series (each row then gives one value per series, in that order).

    ``format`` formats every value drawn and tabled (``rupiah`` for money). Bars are
    scaled to ``maks``, or to the largest row total; with ``penuh`` each bar fills the
    width and its segments are shares of its own total (forums by state, per level,
    whatever each level's count). With ``total``, the table gets a
    footer row of the column sums (when the rows are parts of one whole). Rows are
    drawn in the order given: sort them before, as the reader expects.
    """
    seri = list(seri) or [judul]
    palet = [Seri(str(label), *warna[i % len(warna)]) for i, label in enumerate(seri)]
    data = list(data)
    for d in data:
        if len(d.nilai) != len(seri):
            raise ValueError(f"{d.label!r}: {len(d.nilai)} values for {len(seri)} series")
    jumlah = [sum((_nilai(v) for v in d.nilai), Decimal(0)) for d in data]
    skala = _nilai(maks) if maks is not None else max(jumlah, default=Decimal(0))
    bertumpuk = len(seri) > 1

    baris = []
    for i, (d, jml) in enumerate(zip(data, jumlah, strict=True)):
        y = i * TINGGI_BARIS
        segmen, x = [], 0.0
        for s, v in zip(palet, d.nilai, strict=True):
            v = _nilai(v)
            if v <= 0:
                continue
            lebar = max(_persen(v, jml if penuh else skala), LEBAR_MINIMUM)
            lebar = min(lebar, max(100.0 - x, 0.0))
            segmen.append(Segmen(_svg(x), _svg(lebar), s.warna, f"{s.label}: {format(v)}"))
            x += lebar
        ujung = round(x, 2)
        dalam = ujung >= PANJANG_TEKS_DALAM
        # On a bar's last segment when it is long enough, the value takes that colour's
        # text colour; when it would run over several colours (a stacked bar ending in
        # a thin segment), dark text with a white halo reads on any of them.
        teks_warna, halo = TEKS, False
        if dalam and float(segmen[-1].lebar) >= SEGMEN_MUAT_TEKS:
            teks_warna = next(p.warna_teks for p in palet if p.warna == segmen[-1].warna)
        elif dalam:
            halo = True
        sel = [format(_nilai(v)) for v in d.nilai]
        if bertumpuk:
            sel.append(format(jml))
        sel.extend(d.catatan)
        baris.append(
            Baris(
                label=str(d.label),
                label_pendek=pendekkan(d.singkat or d.label, maks_label),
                teks=d.teks or format(jml),
                url=d.url,
                y_label=y + TINGGI_LABEL - 3,
                y_batang=y + TINGGI_LABEL + 4,
                tinggi_batang=TINGGI_BATANG,
                teks_x=_svg(ujung - 1.0 if dalam else ujung + 1.0),
                teks_anchor="end" if dalam else "start",
                teks_warna=teks_warna,
                teks_halo=halo,
                segmen=segmen,
                sel=sel,
            )
        )

    kolom = [s.label for s in palet]
    if bertumpuk:
        kolom.append(_("Jumlah"))
    kolom.extend(str(k) for k in kolom_catatan)
    kaki = []
    if total and data:
        kaki = [
            format(sum((_nilai(d.nilai[j]) for d in data), Decimal(0))) for j in range(len(seri))
        ]
        if bertumpuk:
            kaki.append(format(sum(jumlah)))
        kaki.extend("" for _k in kolom_catatan)
    return Grafik(
        id=id,
        judul=str(judul),
        keterangan=str(keterangan),
        seri=palet,
        baris=baris,
        kolom=kolom,
        kolom_label=str(kolom_label),
        total=kaki,
        teks_kosong=str(teks_kosong) or _("Belum ada data untuk grafik ini."),
    )
