"""The scorers' personal links, beyond the status codes of the permission matrix: who is
shown them, what a wrong link remembers, and what a closed group's link still does.
On the permission matrix's kecamatan forum (tests/kecamatan/dunia.py)."""

import pytest
from django.urls import reverse

from apps.penilaian.models import Skor
from tests.helpers import klien


@pytest.fixture(scope="module")
def dunia_kec(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.core.management import call_command
    from django.test import override_settings

    from tests.conftest import bangun_dunia
    from tests.kecamatan.dunia import bangun_kecamatan

    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), PASSWORD_HASHERS=fast),
        django_db_blocker.unblock(),
    ):
        yield bangun_kecamatan(bangun_dunia())
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.parametrize(
    ("actor", "tampak"),
    [
        ("camat_a", True),
        ("operator_kec_a", True),
        ("superuser", True),
        ("fasilitator_a", True),  # Infrastruktur's own fasilitator
        ("fasilitator_a2", False),  # another group's
        ("bappeda", False),  # reads the forum, runs no group
    ],
)
def test_scorer_links_only_on_the_page_of_those_who_run_the_group(dunia_kec, db, actor, tampak):
    d = dunia_kec
    url = reverse("musyawarah:penilaian_kelompok", args=[d.kec.pk, d.infra.pk])
    response = klien(getattr(d, actor)).get(url)
    assert response.status_code == 200
    # Both scorers are listed to everyone who sees the page (their progress)...
    assert d.penilai_a.nama in response.text and d.penilai_b.nama in response.text
    # ...but A's link, which lets anyone score as A, only to those who run the group.
    assert (d.penilai_a.token in response.text) is tampak


def test_a_wrong_link_is_not_found_and_remembers_no_scorer(dunia_kec, db):
    d = dunia_kec
    client = klien(None)
    assert client.get(reverse("musyawarah:nilai_masuk", args=["bukan-token"])).status_code == 404
    assert "penilai" not in client.session
    # Nobody in the session: the sheet sends to the login, a cell is refused.
    lembar = reverse("musyawarah:lembar", args=[d.penilai_a.pk])
    assert reverse("akun:masuk") in client.get(lembar).url
    sel = reverse("musyawarah:sel", args=[d.penilai_a.pk])
    assert client.post(sel, {"pembahasan": 0, "kriteria": 0, "nilai": "3"}).status_code == 403


def test_the_link_opens_its_own_sheet_only(dunia_kec, db):
    d = dunia_kec
    client = klien(None)
    r = client.get(reverse("musyawarah:nilai_masuk", args=[d.penilai_a.token]))
    assert r.status_code == 302 and r.url == reverse("musyawarah:lembar", args=[d.penilai_a.pk])
    r = client.get(r.url)
    assert r.status_code == 200 and "Titian ulin Alalak" in r.text and "sel-nilai" in r.text
    # The other usulan of the group are scored there; another group's are not.
    assert "Pasar terapung" not in r.text


def test_a_closed_groups_link_shows_the_ranking_and_saves_nothing(dunia_kec, db):
    d = dunia_kec
    client = klien(None)
    client.get(reverse("musyawarah:nilai_masuk", args=[d.penilai_e.token]))
    r = client.get(reverse("musyawarah:lembar", args=[d.penilai_e.pk]))
    assert r.status_code == 200 and "Penilaian kelompok sudah ditutup" in r.text
    assert "sel-nilai" not in r.text  # no cell to type in
    skor = Skor.objects.get(penilai=d.penilai_e, kriteria=d.kriteria)
    r = client.post(
        reverse("musyawarah:sel", args=[d.penilai_e.pk]),
        {
            "pembahasan": d.rec["Pasar terapung"].pk,
            "kriteria": d.kriteria.pk,
            "versi": str(skor.versi),
            "nilai": "1",
        },
    )
    assert r.status_code == 200 and "sel-galat" in r.text and "sudah ditutup" in r.text
    sesudah = Skor.objects.get(pk=skor.pk)
    assert sesudah.nilai == skor.nilai == 4 and sesudah.versi == skor.versi
