"""A whole Musrenbang Kelurahan in the browser, as operator-sungai-miai."""

import datetime
import io
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from apps.musyawarah.models import Musyawarah, StatusMusyawarah
from apps.siklus.selectors import hari_ini
from apps.usulan.models import Status, Usulan
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_usulan import masuk

PESERTA = [
    # nama, jenis kelamin, usia, unsur, organisasi, kelompok sosial
    ("Syahrani, S.Sos", "L", "tua", "pemerintah", "Kantor Kelurahan", []),
    ("Hj. Rahmah", "P", "tua", "masyarakat", "PKK", ["tokoh_masyarakat"]),
    ("Rina Anshari", "P", "muda", "swasta", "Koperasi Warga", []),
    ("Andi Maulana", "L", "muda", "masyarakat", "Karang Taruna", ["pemuda"]),
]


def tab(page, nama: str) -> None:
    """Open one of the forum's tabs."""
    page.locator(".nav-forum").get_by_role("link", name=nama, exact=True).click()


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("muat_demo", stdout=StringIO())


def test_whole_desa_forum(live_server, demo, page, screenshot):
    base = live_server.url
    hari = hari_ini()
    page.on("dialog", lambda dialog: dialog.accept())
    masuk(page, base, "operator-sungai-miai")
    page.locator("#nav-utama").get_by_role("link", name="Musrenbang", exact=True).click()
    page.get_by_role("button", name="Mulai persiapan Musrenbang").click()
    assert page.get_by_text("Tim pemandu harus tepat 3 orang (sekarang 0).").is_visible()
    m = Musyawarah.objects.get(kelurahan__nama="Sungai Miai")

    # 1. TPM with its SK, and the tim pemandu of three.
    tab(page, "1. TPM & pemandu")
    sk = page.locator("form:has(input[name=bagian][value=sk])")
    sk.locator("[name=nomor]").fill("12/SK-TPM/SM/2026")
    sk.locator("[name=tanggal]").fill((hari - datetime.timedelta(days=30)).isoformat())
    sk.get_by_role("button", name="Simpan SK").click()
    for jabatan, nama in [
        ("ketua", "H. Fauzi Rahman"),
        ("bendahara", "Siti Aminah"),
        ("seksi_acara", "Rudi Hakim"),
        ("seksi_materi", "Nurul Fadillah"),
        ("seksi_logistik", "Budi Noor"),
    ]:
        tpm = page.locator("form:has(input[name=bagian][value=tpm])")
        tpm.locator("[name=jabatan_tpm]").select_option(jabatan)
        tpm.locator("[name=nama]").fill(nama)
        tpm.get_by_role("button", name="Tambah anggota TPM").click()
    for nama in ["Ir. Hasan Syarif", "Dewi Lestari", "M. Rizky Ramadhan"]:
        pemandu = page.locator("form:has(input[name=bagian][value=pemandu])")
        pemandu.locator("[name=nama]").fill(nama)
        pemandu.get_by_role("button", name="Tambah pemandu").click()
    assert page.locator(".daftar-tpm li").count() == 5
    assert page.get_by_text("3/3").is_visible()

    # 2. Schedule: the 7-day rule refuses a short notice, then the right dates pass.
    tab(page, "2. Jadwal & undangan")
    jadwal = page.locator("form:has(input[name=bagian][value=jadwal])")
    jadwal.locator("[name=tanggal]").fill(hari.isoformat())
    jadwal.locator("[name=jam_mulai]").fill("08:30")
    jadwal.locator("[name=jam_selesai]").fill("12:00")
    jadwal.locator("[name=tempat]").fill("Aula Kantor Kelurahan Sungai Miai")
    jadwal.locator("[name=tanggal_undangan]").fill((hari - datetime.timedelta(days=3)).isoformat())
    jadwal.get_by_role("button", name="Simpan jadwal").click()
    assert page.get_by_text("paling cepat 7 hari", exact=False).is_visible()
    jadwal = page.locator("form:has(input[name=bagian][value=jadwal])")
    assert jadwal.locator("[name=tempat]").input_value() == "Aula Kantor Kelurahan Sungai Miai"
    jadwal.locator("[name=tanggal_undangan]").fill((hari - datetime.timedelta(days=8)).isoformat())
    jadwal.get_by_role("button", name="Simpan jadwal").click()
    assert page.get_by_text("Jadwal tersimpan.").is_visible()
    with page.expect_download() as unduh:
        page.get_by_role("link", name="Undangan dengan daftar undangan (PDF)").click()
    assert unduh.value.suggested_filename.startswith("undangan-semua")

    # 4. Invitations: four participants through the full form.
    tab(page, "4. Peserta")
    for i, (nama, jk, usia, unsur, org, sosial) in enumerate(PESERTA):
        form = page.locator("form:has(button:text('Tambah'))").last
        form.locator("[name=nama]").fill(nama)
        form.locator("[name=jenis_kelamin]").select_option(jk)
        form.locator("[name=kelompok_usia]").select_option(usia)
        form.locator("[name=unsur]").select_option(unsur)
        form.locator("[name=lingkungan]").select_option(index=1 + i % 2)
        form.locator("[name=organisasi]").fill(org)
        for k in sosial:
            form.locator(f"input[name=kelompok_sosial][value={k}]").check()
        form.get_by_role("button", name="Tambah").click()
        assert page.get_by_text(f"{nama} ditambahkan.").is_visible()

    # Open the forum.
    tab(page, "Ringkasan")
    page.get_by_role("button", name="Buka musyawarah").click()
    assert page.get_by_text("Musyawarah dibuka.").first.is_visible()

    # Check-in at the door, on a phone: search, tick, add a walk-in.
    page.set_viewport_size({"width": 390, "height": 844})
    tab(page, "Daftar hadir")
    for nama, *_rest in PESERTA:
        page.get_by_placeholder("Ketik nama peserta…").fill(nama.split()[0])
        # The test database (in-memory SQLite) takes one request at a time: let the
        # search finish before ticking.
        page.wait_for_load_state("networkidle")
        baris = page.locator("li.baris-hadir", has_text=nama)
        baris.get_by_role("button", name="Tandai hadir").click()
        baris = page.locator("li.baris-hadir", has_text=nama)
        baris.get_by_role("button", name="Hadir").wait_for()
        page.wait_for_load_state("networkidle")
    walk_in = page.locator("#peserta-baru form")
    walk_in.locator("[name=baru-nama]").fill("Pak Darman")
    walk_in.locator("[name=baru-jenis_kelamin]").select_option("L")
    walk_in.locator("[name=baru-unsur]").select_option("masyarakat")
    walk_in.locator("input[name=baru-kelompok_sosial][value=marjinal]").check()
    walk_in.get_by_role("button", name="Catat hadir").click()
    assert page.get_by_text("Pak Darman dicatat hadir.").is_visible()
    assert m.peserta.filter(hadir=True).count() == 5
    tab(page, "Keterwakilan")
    assert page.get_by_text("Kelompok marjinal · 1").is_visible()
    screenshot(page, "keterwakilan-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot(page, "keterwakilan")

    # 5. The agreed order and class of each usulan: drag a row, classify, save.
    tab(page, "5. Prioritas usulan")
    baris = page.locator("tr[data-baris]")
    jumlah = baris.count()
    assert jumlah >= 5
    pertama = baris.nth(0).locator("code").inner_text()
    baris.nth(0).get_by_role("button", name="Turunkan").click()
    assert page.locator("tr[data-baris]").nth(1).locator("code").inner_text() == pertama
    urutan = [page.locator("input.urutan").nth(i).input_value() for i in range(jumlah)]
    assert urutan == [str(i) for i in range(1, jumlah + 1)]
    for i in range(jumlah):
        row = page.locator("tr[data-baris]").nth(i)
        kode = row.locator("code").inner_text()
        u = Usulan.objects.get(kode=kode)
        keputusan = "kota" if u.perangkat_daerah_id else "swadaya"
        if i == jumlah - 1:
            keputusan = "ditolak"
            row.locator("input[name^=alasan]").fill("Sudah ditangani program KOTAKU")
        row.locator("select[name^=keputusan]").select_option(keputusan)
    page.get_by_role("button", name="Simpan urutan dan keputusan").click()
    assert page.get_by_text("Urutan dan keputusan tersimpan.").is_visible()

    # Priority problems and the delegation.
    tab(page, "Masalah prioritas")
    page.locator("input[type=checkbox][name^=pilih-]").first.check()
    page.get_by_role("button", name="Simpan masalah prioritas").click()
    tab(page, "Delegasi")
    page.get_by_label("Hj. Rahmah", exact=False).check()
    page.get_by_label("Andi Maulana", exact=False).check()
    page.get_by_role("button", name="Simpan delegasi").click()
    assert page.get_by_text("2 delegasi tersimpan.").is_visible()

    # 6. The berita acara: its number, closing the decisions, the signatories, signing.
    tab(page, "6. Berita acara")
    page.locator("[name=nomor_berita_acara]").fill("050/017/BA-MUSRENBANG/SM/2026")
    page.locator("[name=catatan_sambutan]").fill("Sambutan Lurah Sungai Miai")
    page.get_by_role("button", name="Simpan isi berita acara").click()
    tab(page, "Ringkasan")
    page.get_by_role("button", name="Tetapkan hasil musyawarah").click()
    assert page.get_by_text("Hasil musyawarah ditetapkan.").first.is_visible()
    page.get_by_role("link", name="Siapkan tanda tangan berita acara").click()
    page.locator("[name=pimpinan]").select_option(label="Syahrani, S.Sos")
    page.locator("[name=notulen]").select_option(label="Rina Anshari")
    page.locator("[name=wakil_pemerintah]").select_option(label="Syahrani, S.Sos")
    page.locator("[name=wakil_swasta]").select_option(label="Rina Anshari")
    page.locator("[name=wakil_masyarakat]").select_option(label="Hj. Rahmah")
    page.get_by_role("button", name="Simpan penandatangan").click()
    assert page.get_by_text("Penandatangan tersimpan.").is_visible()
    page.get_by_role("button", name="Tandatangani berita acara").click()
    assert page.get_by_text("Berita acara ditandatangani.", exact=False).first.is_visible()

    m.refresh_from_db()
    assert m.status == StatusMusyawarah.SELESAI
    kode = m.berita_acara.kode
    statuses = set(
        Usulan.objects.filter(kelurahan=m.kelurahan, siklus=m.siklus).values_list(
            "status", flat=True
        )
    )
    assert Status.DIAJUKAN not in statuses and Status.DITOLAK_DESA in statuses

    with page.expect_download() as unduh:
        page.get_by_role("link", name="Unduh berita acara (PDF)").click()
    pdf_path = ARTIFACTS / "berita-acara-sungai-miai.pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    unduh.value.save_as(pdf_path)
    teks = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages
        ).split()
    )
    assert "050/017/BA-MUSRENBANG/SM/2026" in teks and kode in teks
    assert "Syahrani, S.Sos" in teks and "Sudah ditangani program KOTAKU" in teks
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf_path),
                str(ARTIFACTS / "berita-acara-hal"),
            ],
            check=True,
        )

    # The QR's page, as a citizen sees it.
    publik = page.context.browser.new_page()
    publik.goto(f"{base}/verifikasi/{kode}/")
    assert publik.get_by_text(m.berita_acara.sha256_pdf).is_visible()
    screenshot(publik, "verifikasi")
    publik.close()
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
