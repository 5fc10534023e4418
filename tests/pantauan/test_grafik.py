"""The bar chart's geometry and table (pure functions) and its template."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from apps.core.formatting import rupiah
from apps.pantauan.grafik import (
    LEBAR_MINIMUM,
    TINGGI_BARIS,
    Data,
    grafik_batang,
    pendekkan,
)


def _lebar(b) -> list[float]:
    return [float(s.lebar) for s in b.segmen]


def test_bars_are_proportional_to_the_largest_row():
    g = grafik_batang(
        id="uji",
        judul="Biaya",
        data=[Data("A", [400]), Data("B", [100]), Data("C", [200])],
    )
    assert [_lebar(b) for b in g.baris] == [[100.0], [25.0], [50.0]]
    assert [b.y_label < b.y_batang for b in g.baris] == [True] * 3
    assert g.baris[1].y_batang - g.baris[0].y_batang == TINGGI_BARIS
    assert g.tinggi == 3 * TINGGI_BARIS


def test_stacked_segments_follow_each_other_and_sum_to_the_row_total():
    g = grafik_batang(
        id="uji",
        judul="Forum",
        data=[Data("Utara", [3, 1, 0, 6]), Data("Selatan", [1, 1, 1, 2])],
        seri=["Ditandatangani", "Dilaksanakan", "Persiapan", "Belum mulai"],
    )
    utara, selatan = g.baris
    # A zero value draws nothing; the others start where the previous one ends.
    assert [(s.x, s.lebar) for s in utara.segmen] == [("0", "30"), ("30", "10"), ("40", "60")]
    assert sum(_lebar(selatan)) == pytest.approx(50.0)
    # The table: each series, then the row total.
    assert utara.sel == ["3", "1", "0", "6", "10"]
    assert g.kolom == ["Ditandatangani", "Dilaksanakan", "Persiapan", "Belum mulai", "Jumlah"]
    assert g.legenda


def test_penuh_draws_each_row_as_shares_of_its_own_total():
    g = grafik_batang(
        id="uji",
        judul="Forum per tingkat",
        data=[Data("Desa", [26, 26]), Data("Kecamatan", [1, 4])],
        seri=["Ditandatangani", "Belum"],
        penuh=True,
    )
    assert _lebar(g.baris[0]) == [50.0, 50.0]
    assert _lebar(g.baris[1]) == [20.0, 80.0]


def test_a_tiny_value_stays_visible_and_the_bar_never_passes_the_edge():
    g = grafik_batang(id="uji", judul="x", data=[Data("besar", [10**9]), Data("kecil", [1])])
    assert _lebar(g.baris[1]) == [LEBAR_MINIMUM]
    g = grafik_batang(id="uji", judul="x", data=[Data("a", [1, 10**9])], seri=["p", "q"])
    assert sum(_lebar(g.baris[0])) <= 100.0


def test_percentages_are_written_for_svg_whatever_the_locale():
    g = grafik_batang(id="uji", judul="x", data=[Data("a", [3]), Data("b", [1])])
    # "33,33" would be what a float renders to under LANGUAGE_CODE "id".
    assert g.baris[1].segmen[0].lebar == "33.33"
    html = render_to_string("pantauan/_grafik_batang.html", {"grafik": g})
    assert 'width="33.33%"' in html
    assert "33,33" not in html


def test_value_sits_after_a_short_bar_and_inside_a_long_one():
    g = grafik_batang(id="uji", judul="x", data=[Data("a", [100]), Data("b", [20])])
    panjang, pendek = g.baris
    assert (panjang.teks_anchor, panjang.teks_x, panjang.teks_warna) == ("end", "99", "#ffffff")
    assert (pendek.teks_anchor, pendek.teks_x, pendek.teks_warna) == ("start", "21", "#212529")
    # A stacked bar ending in a thin segment: dark text with a halo.
    g = grafik_batang(id="uji", judul="x", data=[Data("a", [95, 5])], seri=["p", "q"])
    assert g.baris[0].teks_halo and g.baris[0].teks_warna == "#212529"


def test_money_is_formatted_in_rupiah_and_totals_stay_exact():
    g = grafik_batang(
        id="uji",
        judul="Biaya",
        data=[
            Data("Dinas PUPR", [Decimal("1500000")], catatan=["12"]),
            Data("Dinkes", [Decimal("0.1") * 3 + Decimal("249999.7")], catatan=["3"]),
        ],
        seri=["Perkiraan biaya"],
        format=rupiah,
        kolom_catatan=["Jumlah usulan"],
        total=True,
    )
    assert g.baris[0].teks == "Rp 1.500.000"
    assert g.baris[0].sel == ["Rp 1.500.000", "12"]
    assert g.kolom == ["Perkiraan biaya", "Jumlah usulan"]
    assert g.total == ["Rp 1.750.000", ""]


def test_labels_are_shortened_for_drawing_only():
    panjang = "Penanggulangan kemiskinan dan pemberdayaan ekonomi masyarakat"
    assert pendekkan(panjang, 30) == "Penanggulangan kemiskinan dan…"
    assert pendekkan("Dinas PUPR", 30) == "Dinas PUPR"
    g = grafik_batang(id="uji", judul="x", data=[Data(panjang, [1], singkat="PK · 3 usulan")])
    assert g.baris[0].label_pendek == "PK · 3 usulan"
    assert g.baris[0].label == panjang


def test_rows_must_give_one_value_per_series():
    with pytest.raises(ValueError, match="2 values for 3 series"):
        grafik_batang(id="uji", judul="x", data=[Data("a", [1, 2])], seri=["p", "q", "r"])


def test_template_draws_an_accessible_chart_and_the_same_numbers_as_a_table():
    g = grafik_batang(
        id="pd",
        judul="Usulan per perangkat daerah",
        keterangan="Panjang batang: perkiraan biaya.",
        data=[Data("Dinas PUPR", [3_663_000_000], url="#pupr"), Data("Dinkes", [38_000_000])],
        format=rupiah,
        kolom_label="Perangkat daerah",
    )
    html = render_to_string("pantauan/_grafik_batang.html", {"grafik": g})
    assert 'role="img"' in html
    assert 'aria-labelledby="grafik-pd-judul grafik-pd-ket"' in html
    assert '<title id="grafik-pd-judul">Usulan per perangkat daerah</title>' in html
    assert "Panjang batang: perkiraan biaya." in html
    assert html.count("<rect") == 2 * 2  # each bar: its track and one segment
    assert html.count("Rp 3.663.000.000") >= 2  # drawn and tabled
    assert "<table" in html and '<th scope="col">Perangkat daerah</th>' in html
    assert '<a href="#pupr">Dinas PUPR</a>' in html
    assert "style=" not in html  # the CSP forbids inline styles


def test_an_empty_chart_says_so_and_draws_nothing():
    g = grafik_batang(id="kosong", judul="x", data=[], teks_kosong="Belum ada usulan.")
    assert g.kosong
    html = render_to_string("pantauan/_grafik_batang.html", {"grafik": g})
    assert "Belum ada usulan." in html
    assert "<svg" not in html
