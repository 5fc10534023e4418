"""The project's URL configuration: as `manage.py runserver` loads it (debug on), and
every URL it names has rows in the permission matrix (tests/test_permissions.py)."""

import importlib
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver, resolve

import musrenbang.urls
from apps.musyawarah.models import Musyawarah, Tingkat
from tests.test_permissions import MATRIX, MATRIX_POST, dunia_usulan  # noqa: F401


@pytest.fixture
def urls_debug(settings):
    """musrenbang.urls as loaded with DEBUG on (it adds the media files then)."""
    settings.DEBUG = True
    importlib.reload(musrenbang.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(musrenbang.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_favicon_redirects_to_the_static_svg_in_debug(urls_debug):
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


def pola_bernama(patterns=None, namespace: str = ""):
    """Every named URL pattern of the project as ("namespace:name", pattern)."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            yield from pola_bernama(
                p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace
            )
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", p


def _baris_matrix(d) -> list[tuple[str, dict]]:
    """(view name, URL kwargs) of every row of the permission matrix, GET and POST."""
    hasil = []
    for _name, url, _expected, *_data in MATRIX + MATRIX_POST:
        match = resolve(urlsplit(url(d)).path)
        hasil.append((match.view_name, match.kwargs))
    return hasil


# The kota forum's own pages have their matrix in tests/kota/test_permissions_kota.py
# (on a world with a kota forum), which checks its own coverage the same way.
MODUL_KOTA = "apps.musyawarah.views_kota"


def halaman_kota(p) -> bool:
    return getattr(p.callback, "__module__", "") == MODUL_KOTA


def test_every_url_has_rows_in_the_permission_matrix(dunia_usulan, db):  # noqa: F811
    # The Django admin's own URLs are checked through a few of its pages only.
    semua = {
        name for name, p in pola_bernama() if not name.startswith("admin:") and not halaman_kota(p)
    }
    dicakup = {name for name, _kwargs in _baris_matrix(dunia_usulan)}
    assert sorted(semua - dicakup) == []


def test_every_forum_page_has_rows_on_a_kecamatan_forum(dunia_usulan, db):  # noqa: F811
    """The forum engine's pages (and the kecamatan's own) serve the kecamatan forum too:
    each needs its rows there, not only on a desa forum."""
    forum = set(Musyawarah.objects.filter(tingkat=Tingkat.KECAMATAN).values_list("pk", flat=True))
    dicakup = {
        name
        for name, kwargs in _baris_matrix(dunia_usulan)
        if name.startswith("musyawarah:") and kwargs.get("pk") in forum
    }
    halaman_forum = {
        name
        for name, p in pola_bernama()
        if name.startswith("musyawarah:") and "<int:pk>" in str(p.pattern) and not halaman_kota(p)
    }
    assert sorted(halaman_forum - dicakup) == []
