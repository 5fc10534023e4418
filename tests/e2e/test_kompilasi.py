"""Bappeda's compilation in the browser: filter it, download the whole of it as Excel in
the background (through the real database queue and worker), a filtered PDF at once."""

import io

from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from apps.akun.models import User
from apps.kompilasi import selectors, services
from apps.siklus.models import Siklus
from tests.e2e.test_musyawarah import demo  # noqa: F401 (the demo fixture)
from tests.e2e.test_usulan import masuk

PONSEL = {"width": 390, "height": 844}


def test_bappeda_filters_and_downloads_the_compilation(
    live_server,
    demo,  # noqa: F811
    page,
    screenshot,
    settings,
    monkeypatch,
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The demo's compilation is small: any Excel of more than five rows goes to the worker.
    monkeypatch.setitem(services.BATAS_LANGSUNG, "xlsx", 5)
    bappeda = User.objects.get(username="bappeda")
    siklus = Siklus.objects.get(aktif=True)
    qs = selectors.kompilasi(bappeda, siklus)
    total = selectors.total_semua(qs)
    per_pd = selectors.total_perangkat_daerah(qs)
    assert total.jumlah > 5 and len(per_pd) > 1
    terbesar = max(per_pd, key=lambda t: t.jumlah)

    base = live_server.url
    masuk(page, base, "bappeda")
    page.locator("#nav-utama").get_by_role("link", name="Kompilasi").click()
    expect(page.locator("#jumlah-usulan")).to_have_text(str(total.jumlah))
    screenshot(page, "kompilasi")

    # Filter by one perangkat daerah: the count and the rows follow.
    page.locator("#id_perangkat_daerah").select_option(value=str(terbesar.pk))
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator("#jumlah-usulan")).to_have_text(str(terbesar.jumlah))
    assert page.locator("table.tabel-kompilasi tbody tr").count() == min(terbesar.jumlah, 50)

    # The filtered PDF is small: it comes at once.
    with page.expect_download() as unduhan:
        page.get_by_role("button", name="Unduh PDF").click()
    pdf = PdfReader(unduhan.value.path())
    teks = "\n".join(p.extract_text() for p in pdf.pages)
    assert terbesar.nama in teks and f"Halaman 1 dari {len(pdf.pages)}" in teks

    # The whole daerah in Excel: prepared in the background, with a progress bar.
    page.get_by_role("link", name="Hapus saringan").click()
    page.get_by_role("button", name="Unduh Excel").click()
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_text("Menunggu giliran disusun")).to_be_visible()
    screenshot(page, "kompilasi-kemajuan")
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")
    # The page polls and turns into the download link by itself.
    tombol = page.locator("#unduh-berkas")
    expect(tombol).to_be_visible(timeout=15_000)
    expect(page.get_by_text(f"Berkas siap: {total.jumlah} usulan")).to_be_visible()
    with page.expect_download() as unduhan:
        tombol.click()
    with open(unduhan.value.path(), "rb") as f:
        wb = load_workbook(io.BytesIO(f.read()))
    assert wb.sheetnames[:2] == ["Ringkasan", "Per kecamatan"]
    assert len(wb.sheetnames) == 2 + len(per_pd)
    jumlah = next(r for r in wb["Ringkasan"].iter_rows(values_only=True) if r[0] == "JUMLAH")
    assert jumlah[2] == total.jumlah and jumlah[3] == int(total.biaya)

    # The list of the user's downloads, at phone width.
    page.goto(base + "/kompilasi/")
    expect(page.locator("#unduhan-terakhir")).to_contain_text("Siap diunduh")
    page.set_viewport_size(PONSEL)
    screenshot(page, "kompilasi-phone")
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= PONSEL["width"], "the page scrolls sideways on a phone"
    assert page.console_errors == []
