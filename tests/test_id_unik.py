"""No page repeats an HTML id: two forms on one page must not share an element id.

A repeated id breaks ``<label for>``, ``aria-controls`` and htmx targets without a word
(the browser picks the first element). Every page of the permission matrix is fetched as
the superuser, who sees all of them and every form on them, and parsed with the standard
library. Pages whose forms depend on a stage are fetched again in that stage: a forum
still in preparation, a submitted usulan.
"""

from collections import Counter
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from tests.helpers import klien
from tests.test_permissions import MATRIX, ORANG_SATU, dunia_usulan  # noqa: F401


class _PengumpulId(HTMLParser):
    def __init__(self):
        super().__init__()
        self.id = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.id[value] += 1

    handle_startendtag = handle_starttag


def id_ganda(html: str) -> dict[str, int]:
    """Every id that occurs more than once, with how often."""
    parser = _PengumpulId()
    parser.feed(html)
    parser.close()
    return {id_: n for id_, n in parser.id.items() if n > 1}


@pytest.fixture(scope="module")
def dunia_id(dunia_usulan, django_db_blocker):  # noqa: F811
    """The permission matrix's world, plus kelurahan B's forum still in preparation (its
    forms are shown) and a submitted usulan of kelurahan A (the withdraw form)."""
    from apps.musyawarah import persiapan
    from tests.factories import LingkunganFactory, buat_usulan
    from tests.musyawarah.conftest import siapkan, undang

    d = dunia_usulan
    with django_db_blocker.unblock():
        LingkunganFactory(kelurahan=d.kelurahan_b, nomor=1)
        forum = persiapan.musyawarah_desa_buat(user=d.operator_b, kelurahan=d.kelurahan_b)
        forum = siapkan(d.operator_b, forum)
        undang(d.operator_b, forum, ORANG_SATU)
        diajukan = buat_usulan(d.operator_a, d.kelurahan_a, judul="Titian ulin", ajukan=True)
    return {
        "": d,
        " (persiapan)": SimpleNamespace(**{**vars(d), "forum": forum}),
        " (diajukan)": SimpleNamespace(**{**vars(d), "usulan": diajukan}),
    }


def _halaman():
    for name, url, expected in MATRIX:
        if expected.get("superuser") != 200:
            continue
        varian = [""]
        # A forum still in preparation shows its forms; a file download has none.
        if name.startswith("musyawarah") and name not in (
            "musyawarah daftar",
            "musyawarah materi unduh A",
        ):
            varian.append(" (persiapan)")
        if name == "usulan detail A":
            varian.append(" (diajukan)")
        for v in varian:
            yield pytest.param(url, v, id=name + v)


def test_id_ganda_finds_repeats():
    html = '<form><input id="id_nama"></form><form><input id="id_nama"><p id="x"></p></form>'
    assert id_ganda(html) == {"id_nama": 2}


@pytest.mark.parametrize(("url", "varian"), list(_halaman()))
def test_no_page_repeats_an_id(dunia_id, db, url, varian):
    d = dunia_id[varian]
    response = klien(d.superuser).get(url(d))
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)  # closes the file
    if response.streaming or not response["Content-Type"].startswith("text/html"):
        pytest.skip("not an HTML page")
    assert id_ganda(response.content.decode()) == {}
