"""The compilation's Excel and PDF, read back; background downloads and their worker."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.dokumen.xlsx import judul_lembar
from apps.kompilasi import ekspor, selectors, services
from apps.kompilasi.models import StatusUnduhan, Unduhan
from tests.factories import PerangkatDaerahFactory
from tests.helpers import klien
from tests.kompilasi.conftest import forum_selesai, kirim


@pytest.fixture
def kota(siklus, kecamatan_a, kecamatan_b, kelurahan_a, kelurahan_b, pupr, dinkes, prioritas):
    utara = forum_selesai(kecamatan_a, siklus)
    selatan = forum_selesai(kecamatan_b, siklus)
    kirim(utara, kelurahan_a, 4, pd=pupr, prioritas=prioritas[0], nilai="81.25")
    kirim(utara, kelurahan_a, 2, pd=dinkes, prioritas=prioritas[1])
    kirim(selatan, kelurahan_b, 3, pd=pupr, prioritas=prioritas[1])
    # A title a spreadsheet would run as a formula.
    u = utara.pembahasan.order_by("pk").first().usulan
    u.judul = '=HYPERLINK("http://contoh.test","klik")'
    u.save(update_fields=["judul"])
    return utara


def unduh(user, jenis: str, **saring):
    url = reverse("kompilasi:unduh", args=[jenis])
    if saring:
        url += "?" + "&".join(f"{k}={v}" for k, v in saring.items())
    return klien(user).post(url)


def buku(isi: bytes):
    return load_workbook(io.BytesIO(isi))


def data(ws) -> list[tuple]:
    """The sheet's rows under its header row (the one starting with "No")."""
    rows = list(ws.iter_rows(values_only=True))
    mulai = next(i for i, r in enumerate(rows) if r[0] == "No")
    return rows[mulai + 1 :]


def test_excel_summary_and_one_sheet_per_perangkat_daerah(kota, bappeda, siklus, pupr, dinkes):
    r = unduh(bappeda, "xlsx")
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith('attachment; filename="kompilasi-kota-banjarmasin')
    wb = buku(r.content)
    assert wb.sheetnames == ["Ringkasan", "Per kecamatan", "Dinas PUPR", "Dinkes"]
    qs = selectors.kompilasi(bappeda, siklus)
    for pd, ws in ((pupr, wb["Dinas PUPR"]), (dinkes, wb["Dinkes"])):
        rows = data(ws)
        isi, total = rows[:-1], rows[-1]
        db = [p for p in qs.select_related("usulan") if p.usulan.perangkat_daerah_id == pd.pk]
        assert len(isi) == len(db)
        assert sum(row[9] for row in isi) == sum(p.usulan.perkiraan_biaya for p in db)
        assert total[1] == "JUMLAH" and total[9] == sum(row[9] for row in isi)
        assert [row[0] for row in isi] == list(range(1, len(db) + 1))
        # Layout: frozen header, filter over the header, print titles, landscape.
        assert ws.freeze_panes == "A7"
        assert ws.auto_filter.ref == f"A6:S{6 + len(isi)}"
        assert ws.print_title_rows == "$6:$6"
        assert ws.page_setup.orientation == "landscape"
    pupr_rows = data(wb["Dinas PUPR"])[:-1]
    # Numbers are numbers, with the Rupiah format; the score keeps its decimals.
    baris = next(r for r in pupr_rows if r[16] == 81.25)
    assert isinstance(baris[9], int) and isinstance(baris[7], int)
    assert wb["Dinas PUPR"].cell(row=7, column=10).number_format == "#,##0"
    # The formula-looking title is text, never a formula.
    ws = wb["Dinas PUPR"]
    sel = next(c for row in ws.iter_rows(min_row=7) for c in row if str(c.value).startswith("="))
    assert sel.data_type == "s"
    # Summary: per perangkat daerah with its prioritas daerah, then a grand total.
    ringkasan = list(wb["Ringkasan"].iter_rows(values_only=True))
    total = next(r for r in ringkasan if r[0] == "JUMLAH")
    assert total[2] == 9 and Decimal(total[3]) == selectors.total_semua(qs).biaya
    kec = list(wb["Per kecamatan"].iter_rows(values_only=True))
    assert kec[-3][:2] == ("Banjarmasin Selatan", 3) and kec[-2][:2] == ("Banjarmasin Utara", 6)
    assert kec[-1][1] == 9


def test_excel_of_a_filter_says_so(kota, bappeda, dinkes):
    wb = buku(unduh(bappeda, "xlsx", perangkat_daerah=dinkes.pk).content)
    assert wb.sheetnames == ["Ringkasan", "Per kecamatan", "Dinkes"]
    cap = wb["Dinkes"]["A4"].value
    assert "Disusun oleh" in cap and "Perangkat daerah: Dinkes" in cap
    assert "WITA" in cap or "WIB" in cap or "WIT" in cap


@pytest.mark.parametrize(
    ("singkatan", "judul"),
    [
        ("Dinas PU/PR", "Dinas PU PR"),
        ("[Bappeda]: *?", "Bappeda"),
        ("'Kutip'", "Kutip"),
        ("Dinas Pekerjaan Umum dan Penataan Ruang Kota", "Dinas Pekerjaan Umum dan Penata"),
    ],
)
def test_sheet_names_are_valid(singkatan, judul):
    assert judul_lembar(singkatan) == judul
    assert len(judul_lembar(singkatan)) <= 31


def test_sheet_names_are_unique_ignoring_case():
    terpakai: set[str] = set()
    hasil = [judul_lembar(t, terpakai) for t in ["PUPR", "pupr", "PUPR", "A" * 40, "A" * 35]]
    assert hasil[:3] == ["PUPR", "pupr (2)", "PUPR (3)"]
    assert hasil[3] == "A" * 31 and hasil[4] == "A" * 27 + " (2)"
    assert all(len(h) <= 31 for h in hasil)


def test_excel_with_awkward_perangkat_daerah_names(
    siklus, kecamatan_a, kelurahan_a, bappeda, daerah
):
    m = forum_selesai(kecamatan_a, siklus)
    for singkatan in ("Dinas PU/PR", "dinas pu/pr", "Ringkasan"):
        kirim(m, kelurahan_a, 1, pd=PerangkatDaerahFactory(daerah=daerah, singkatan=singkatan))
    wb = buku(unduh(bappeda, "xlsx").content)
    assert wb.sheetnames == [
        "Ringkasan",
        "Per kecamatan",
        "Dinas PU PR",
        "dinas pu pr (2)",
        "Ringkasan (2)",
    ]


def test_pdf_has_contents_kop_page_numbers_stamp_and_totals(kota, bappeda, siklus):
    r = unduh(bappeda, "pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(r.content))
    teks = "\n".join(p.extract_text() for p in pdf.pages)
    n = len(pdf.pages)
    assert "BADAN PERENCANAAN PEMBANGUNAN DAERAH" in teks
    assert "Daftar isi" in teks and "Dinas Pekerjaan Umum" in teks
    assert f"Halaman 1 dari {n}" in teks and f"Halaman {n} dari {n}" in teks
    assert "Disusun oleh" in teks and "seluruh daerah" in teks
    total = selectors.total_semua(selectors.kompilasi(bappeda, siklus))
    assert f"{total.biaya:,.0f}".replace(",", ".") in teks
    assert "Jumlah Dinas PUPR (7 usulan)" in teks and "81,25" in teks
    # Each perangkat daerah starts its own page.
    halaman_pupr = [i for i, p in enumerate(pdf.pages) if "Jumlah Dinas PUPR" in p.extract_text()]
    assert halaman_pupr and "Jumlah Dinkes" not in pdf.pages[halaman_pupr[0]].extract_text()


def test_big_download_runs_in_the_background_and_reports_progress(
    kota, bappeda, siklus, monkeypatch
):
    monkeypatch.setitem(services.BATAS_LANGSUNG, "xlsx", 5)
    r = unduh(bappeda, "xlsx")
    unduhan = Unduhan.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("kompilasi:unduhan", args=[unduhan.pk])
    # The tests' backend runs the task at once: the file is there.
    assert unduhan.status == StatusUnduhan.SELESAI and unduhan.progres == 100
    assert unduhan.jumlah_baris == 9
    halaman = klien(bappeda).get(r["Location"]).content.decode()
    assert "Berkas siap: 9 usulan" in halaman
    berkas = klien(bappeda).get(reverse("kompilasi:unduhan_berkas", args=[unduhan.pk]))
    wb = buku(b"".join(berkas.streaming_content))
    berkas.close()
    assert "Dinas PUPR" in wb.sheetnames


def test_progress_is_reported_as_rows_are_written(
    siklus, kecamatan_a, kelurahan_a, pupr, bappeda, tmp_path, monkeypatch
):
    monkeypatch.setattr(ekspor, "LAPOR_TIAP", 10)
    m = forum_selesai(kecamatan_a, siklus)
    kirim(m, kelurahan_a, 25, pd=pupr)
    laporan = []
    n = ekspor.xlsx_kompilasi(
        selectors.kompilasi(bappeda, siklus),
        siklus=siklus,
        stempel="uji",
        ke=tmp_path / "k.xlsx",
        kemajuan=lambda selesai, jumlah: laporan.append((selesai, jumlah)),
    )
    assert n == 25 and laporan == [(10, 25), (20, 25), (25, 25)]


def test_progress_page_polls_until_done(kota, bappeda, siklus):
    unduhan = Unduhan.objects.create(
        pemilik=bappeda, siklus=siklus, jenis="pdf", progres=40, status=StatusUnduhan.BERJALAN
    )
    url = reverse("kompilasi:unduhan", args=[unduhan.pk])
    teks = klien(bappeda).get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in teks and 'value="40" max="100"' in teks
    assert "<html" not in teks  # just the fragment


def test_a_download_is_its_owners_alone(kota, bappeda, siklus, camat_a, daerah):
    from tests.factories import tugaskan

    unduhan = services.unduhan_mulai(
        user=bappeda, siklus=siklus, jenis="xlsx", saring={}, keterangan=""
    )
    rekan = tugaskan("admin_bappeda", daerah, username="bappeda-rekan")
    for url in ("kompilasi:unduhan", "kompilasi:unduhan_berkas"):
        alamat = reverse(url, args=[unduhan.pk])
        r = klien(bappeda).get(alamat)
        assert r.status_code == 200
        if r.streaming:
            # Read to the end: the test client closes the file itself. Closing the
            # response by hand sends request_finished, which drops PostgreSQL's
            # connection in the middle of the test's transaction.
            b"".join(r.streaming_content)
        assert klien(rekan).get(alamat).status_code == 404
        assert klien(camat_a).get(alamat).status_code == 404


def test_failed_download_says_so_and_keeps_no_file(kota, bappeda, siklus, monkeypatch):
    def rusak(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(ekspor, "xlsx_kompilasi", rusak)
    unduhan = services.unduhan_mulai(
        user=bappeda, siklus=siklus, jenis="xlsx", saring={}, keterangan=""
    )
    unduhan.refresh_from_db()
    assert unduhan.status == StatusUnduhan.GAGAL and not unduhan.berkas
    teks = klien(bappeda).get(reverse("kompilasi:unduhan", args=[unduhan.pk])).content.decode()
    assert "Berkas gagal disusun" in teks
    assert (
        klien(bappeda).get(reverse("kompilasi:unduhan_berkas", args=[unduhan.pk])).status_code
        == 404
    )


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_makes_the_file(settings, tmp_path):
    """Through the database queue and `manage.py db_worker`, as in production."""
    from tests.factories import (
        DaerahFactory,
        KecamatanFactory,
        KelurahanFactory,
        PerangkatDaerahFactory,
        SiklusFactory,
        tugaskan,
    )

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    daerah = DaerahFactory(kode="63.72", nama="Kota Uji Pekerja")
    kelurahan = KelurahanFactory(kecamatan=KecamatanFactory(daerah=daerah))
    siklus = SiklusFactory(daerah=daerah)
    m = forum_selesai(kelurahan.kecamatan, siklus)
    kirim(m, kelurahan, 12, pd=PerangkatDaerahFactory(daerah=daerah, singkatan="PUPR"))
    bappeda = tugaskan("admin_bappeda", daerah, username="bappeda-pekerja")
    unduhan = services.unduhan_mulai(
        user=bappeda, siklus=siklus, jenis="xlsx", saring={}, keterangan=""
    )
    unduhan.refresh_from_db()
    assert unduhan.status == StatusUnduhan.ANTRI  # waiting for the worker
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")
    unduhan.refresh_from_db()
    assert unduhan.status == StatusUnduhan.SELESAI and unduhan.jumlah_baris == 12
    with unduhan.berkas.open("rb") as f:
        assert "PUPR" in buku(f.read()).sheetnames


def test_a_download_nobody_takes_says_the_worker_is_missing(kota, bappeda, siklus, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    unduhan = services.unduhan_mulai(
        user=bappeda, siklus=siklus, jenis="xlsx", saring={}, keterangan=""
    )
    url = reverse("kompilasi:unduhan", args=[unduhan.pk])
    assert "pekerja-mati" not in klien(bappeda).get(url).content.decode()
    Unduhan.objects.filter(pk=unduhan.pk).update(
        created_at=unduhan.created_at - datetime.timedelta(minutes=2)
    )
    assert "db_worker" in klien(bappeda).get(url).content.decode()
