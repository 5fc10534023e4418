"""The benchmark suite keeps working: the figures that need no gunicorn (2 Excel, 3 PDF and
signing, 4 ranking, 5 import) run at a tiny size on the test database and produce their
table without an error. Timings are not asserted: they belong to bench/README.md."""

import os
from io import StringIO

import pytest
from django.core.management import call_command

from bench import run

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    lama = os.environ.get("BENCH_IMPOR_BARIS")
    os.environ["BENCH_IMPOR_BARIS"] = "12"
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast), django_db_blocker.unblock():
        call_command("buat_data_skala", profil="kabupaten", skala=0.002, stdout=StringIO())
        with override_settings(MEDIA_ROOT=media):
            yield media
        call_command("flush", interactive=False, verbosity=0)
    if lama is None:
        os.environ.pop("BENCH_IMPOR_BARIS")
    else:
        os.environ["BENCH_IMPOR_BARIS"] = lama


def test_figures_2_to_5_produce_their_table(data):
    pdf_sebelum = sorted((data / "dokumen").glob("*.pdf"))
    angka = run.jalankan_gambar(["2", "3", "4", "5"], terpisah=False)
    tabel = run.tabel(angka)
    assert not [a for a in angka if "GALAT" in a.catatan], tabel
    assert {a.gambar for a in angka} == {"2", "3", "4", "5"}
    for a in angka:
        assert a.nilai is not None and a.lulus is not None, a
    # Every figure that has a baseline reports its ratio.
    assert all(a.rasio is not None for a in angka if a.dasar), tabel
    for nama in ("Excel usulan", "Excel kompilasi", "PDF berita acara", "Tanda tangan", "Impor"):
        assert nama in tabel
    # The import saved every good row and reported every bad one.
    impor = next(a for a in angka if a.nama.startswith("Impor"))
    assert "12 dibuat" in impor.catatan
    # Signing was rolled back: the forum is still waiting for its signature, its file gone.
    from apps.demo import skala
    from apps.musyawarah.models import Musyawarah, StatusMusyawarah

    forum = Musyawarah.objects.get(pk=skala.temukan().forum_ttd)
    assert forum.status == StatusMusyawarah.PENETAPAN
    assert forum.berita_acara_id is None
    assert sorted((data / "dokumen").glob("*.pdf")) == pdf_sebelum


def test_table_layout():
    angka = [
        run.Angka("2", "Excel", 1.5, "s", 1.0, 1.5, "≤ 1.3×", False, "catatan"),
        run.Angka("4", "Peringkat", 150.0, "ms", None, None, "< 200 ms", True),
    ]
    baris = run.tabel(angka).splitlines()
    assert baris[0].startswith("| # | ukuran")
    assert "1.50×" in baris[2] and "GAGAL" in baris[2]
    assert "150 ms" in baris[3] and "lulus" in baris[3] and "—" in baris[3]
