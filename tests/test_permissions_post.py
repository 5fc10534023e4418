"""The permission matrix, posted: every POST row with its own body, an empty one and a
hostile one; every GET row posted to; the fields that name objects; served files; CSRF.

A file of its own so the two test workers share the matrix's time; the rows, the world
and the helpers are those of tests/test_permissions.py.
"""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import resolve

from tests.test_permissions import (  # noqa: F401
    ANON,
    BODI,
    INLINE,
    LINTAS_WILAYAH,
    MATRIX,
    MATRIX_POST,
    _bodi,
    _cases,
    _cek,
    _ditolak,
    _get_cases,
    _kirim,
    _klien,
    _penolakan_sama,
    _tanpa_galat,
    berubah,
    dunia_usulan,
    isi_basis_data,
    jahat,
)


@pytest.mark.parametrize(("url", "actor", "status", "data"), _cases(MATRIX_POST, post=True))
def test_permission_matrix_post(dunia_usulan, db, settings, tmp_path, url, actor, status, data):  # noqa: F811
    """Refused: nothing in the database changed, with the row's data, no data, or hostile
    data. A row with its own data: the allowed actors' POST changes it (so the refusals
    would have been seen); their empty and hostile POSTs cause no server error."""
    settings.MEDIA_ROOT = tmp_path
    d = dunia_usulan
    client = _klien(d, actor)
    alamat = url(d)
    isi = data(d) if data else {"alasan": "uji"}
    sebelum = isi_basis_data()
    response = client.post(alamat, isi)
    _cek(response, actor, status, alamat)
    sesudah = isi_basis_data()
    ditolak = _ditolak(actor, status)
    if ditolak or getattr(data, "tetap", False):
        assert berubah(sebelum, sesudah) == []
    elif data:
        assert berubah(sebelum, sesudah), "the allowed POST changed nothing"
    for jenis in BODI:
        bodi = _bodi(d, data(d) if data else {"alasan": "uji"}, jenis)
        if ditolak:
            response = _kirim(client, alamat, bodi)
            assert _penolakan_sama(status, response.status_code), (jenis, response.status_code)
            if response.status_code == status:
                _cek(response, actor, status, alamat)
        else:
            _tanpa_galat(client, alamat, bodi)
    if ditolak:
        assert berubah(sesudah, isi_basis_data()) == []


@pytest.mark.parametrize(("url", "expected"), _get_cases())
def test_permission_matrix_get_rows_posted(dunia_usulan, db, url, expected):  # noqa: F811
    """A page's URL posted to with a hostile body: whoever may not see or use it is
    refused as on GET (or told the method is not allowed) and nothing changes; whoever
    may gets no server error. One test per row (the actors in a loop) keeps it fast."""
    d = dunia_usulan
    alamat = url(d)
    isi = jahat(d, {})
    klien_aktor = {actor: _klien(d, actor) for actor in expected}  # logging in writes
    sebelum = isi_basis_data()
    for actor, status in expected.items():
        client = klien_aktor[actor]
        if _ditolak(actor, status):
            response = _kirim(client, alamat, isi)
            assert _penolakan_sama(status, response.status_code, halaman=True), (
                actor,
                response.status_code,
            )
            if response.status_code == status:
                _cek(response, actor, status, alamat)
        else:
            _tanpa_galat(client, alamat, isi)
    assert berubah(sebelum, isi_basis_data()) == []


def test_every_file_served_is_an_attachment_never_sniffed(dunia_usulan, db):  # noqa: F811
    """Each page and file of the matrix, fetched by the first actor who may: no response
    is sniffed into another type, no file opens as a page (HTML, SVG) in the app's origin,
    and every file but the re-encoded photo downloads as an attachment."""
    d = dunia_usulan
    berkas = set()
    for name, url, expected, *_data in MATRIX:
        actor = next((a for a, s in expected.items() if s == 200), None)
        if actor is None:
            continue
        alamat = url(d)
        response = _klien(d, actor).get(alamat)
        isi = b"".join(response.streaming_content) if response.streaming else response.content
        assert response["X-Content-Type-Options"] == "nosniff", name
        jenis = response["Content-Type"].split(";")[0]
        if jenis == "text/html":
            assert "Content-Disposition" not in response, name
            continue
        berkas.add(name)
        assert jenis != "image/svg+xml", name
        if resolve(urlsplit(alamat).path).view_name in INLINE:
            assert jenis == "image/jpeg" and isi.startswith(b"\xff\xd8\xff"), name
        else:
            assert response["Content-Disposition"].startswith("attachment;"), name
    # The walk met the files it is about (uploads, signed documents, exports).
    assert {
        "usulan foto A",
        "musyawarah materi unduh A",
        "verifikasi unduh",
        "kompilasi unduhan berkas",
        "musyawarah unduh pdf A",
    } <= berkas


@pytest.mark.parametrize(
    ("url", "actor", "data", "field"),
    [pytest.param(u, a, data, f, id=f"{n}-{f}") for n, u, a, data, f in LINTAS_WILAYAH],
)
def test_fields_naming_objects_accept_only_objects_in_scope(
    dunia_usulan,  # noqa: F811
    db,
    settings,
    tmp_path,
    url,
    actor,
    data,
    field,  # noqa: F811
):
    """The same valid POST, once as it is (it changes the database: rolled back), once
    with one field naming another wilayah's (or another forum's) object: refused, and
    nothing changes."""
    settings.MEDIA_ROOT = tmp_path
    d = dunia_usulan
    client = _klien(d, actor)
    alamat = url(d)
    sah = data(d)
    sebelum = isi_basis_data()
    with transaction.atomic():
        response = client.post(alamat, sah)
        assert response.status_code == 302, "the valid POST was refused"
        assert berubah(sebelum, isi_basis_data()), "the valid POST changed nothing"
        transaction.set_rollback(True)
    kunci = next((k for k in sah if k.rsplit("-", 1)[-1] == field), field)
    asing = d.asing[field]
    isi = {**sah, kunci: [asing] if isinstance(sah.get(kunci), list) else asing}
    response = client.post(alamat, isi)
    assert response.status_code in (200, 302, 404)
    assert berubah(sebelum, isi_basis_data()) == []


def test_every_post_needs_the_csrf_token(dunia_usulan, db, settings, tmp_path):  # noqa: F811
    """Each POST row, by an actor it would serve, from a browser that did not get the
    form (no CSRF token): refused with the CSRF page, and nothing changes."""
    settings.MEDIA_ROOT = tmp_path
    d = dunia_usulan
    kasus = []
    for name, url, expected, *data in MATRIX_POST:
        actor = next((a for a, s in expected.items() if s in (200, 302) and a != ANON), None)
        if actor is not None:
            client = _klien(d, actor)  # logging in writes: before the snapshot
            client.handler.enforce_csrf_checks = True
            kasus.append((name, client, url(d), data[0](d) if data else {"alasan": "uji"}))
    assert len(kasus) > 50
    sebelum = isi_basis_data()
    for name, client, alamat, isi in kasus:
        response = _kirim(client, alamat, isi)
        assert response.status_code == 403, name
        assert "Formulir sudah kedaluwarsa" in response.content.decode(), name
    assert berubah(sebelum, isi_basis_data()) == []
