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


def _kotak(locator) -> dict:
    return locator.bounding_box()


def test_whole_desa_forum_through_a_practice_run(live_server, demo, page, screenshot):
    """Sungai Miai prepares its forum for ten days from now, so the real forum cannot open
    today; the operator walks the whole forum in a practice run, on today's date, then
    deletes it. Nothing official changes."""
    base = live_server.url
    hari = hari_ini()
    tanggal_forum = hari + datetime.timedelta(days=10)
    page.on("dialog", lambda dialog: dialog.accept())
    masuk(page, base, "operator-sungai-miai")
    page.locator("#nav-utama").get_by_role("link", name="Musrenbang", exact=True).click()
    page.locator("tr", has_text="Sungai Miai").get_by_role(
        "button", name="Mulai persiapan Musrenbang"
    ).click()
    assert page.get_by_text("Tim pemandu harus tepat 3 orang (sekarang 0).").is_visible()
    m = Musyawarah.objects.get(kelurahan__nama="Sungai Miai", latihan=False)
    diajukan = set(
        Usulan.objects.filter(
            kelurahan=m.kelurahan, siklus=m.siklus, status=Status.DIAJUKAN
        ).values_list("pk", flat=True)
    )

    # 1. TPM with its SK (signed by the lurah), and the tim pemandu of three.
    tab(page, "1. TPM & pemandu")
    sk = page.locator("form:has(input[name=bagian][value=sk])")
    sk.locator("[name=nomor]").fill("12/SK-TPM/SM/2026")
    sk.locator("[name=tanggal]").fill((hari - datetime.timedelta(days=30)).isoformat())
    sk.locator("[name=kepala_nama]").fill("H. Gusti Rahman, S.Sos")
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
    # A second ketua is refused beside the form, the typed name kept (it was a 500).
    tpm = page.locator("form:has(input[name=bagian][value=tpm])")
    tpm.locator("[name=jabatan_tpm]").select_option("ketua")
    tpm.locator("[name=nama]").fill("Ketua Kedua")
    tpm.get_by_role("button", name="Tambah anggota TPM").click()
    assert page.get_by_text("TPM hanya memiliki satu ketua dan satu bendahara.").is_visible()
    tpm = page.locator("form:has(input[name=bagian][value=tpm])")
    assert tpm.locator("[name=nama]").input_value() == "Ketua Kedua"
    for nama in ["Ir. Hasan Syarif", "Dewi Lestari", "M. Rizky Ramadhan"]:
        pemandu = page.locator("form:has(input[name=bagian][value=pemandu])")
        pemandu.locator("[name=nama]").fill(nama)
        pemandu.get_by_role("button", name="Tambah pemandu").click()
    assert page.locator(".daftar-tpm li").count() == 5
    assert page.get_by_text("3/3").is_visible()

    # 2. Schedule: the 7-day rule refuses a short notice, then the right dates pass.
    tab(page, "2. Jadwal & undangan")
    jadwal = page.locator("form:has(input[name=bagian][value=jadwal])")
    jadwal.locator("[name=tanggal]").fill(tanggal_forum.isoformat())
    jadwal.locator("[name=jam_mulai]").fill("08:30")
    jadwal.locator("[name=jam_selesai]").fill("12:00")
    jadwal.locator("[name=tempat]").fill("Aula Kantor Kelurahan Sungai Miai")
    jadwal.locator("[name=tanggal_undangan]").fill(
        (tanggal_forum - datetime.timedelta(days=3)).isoformat()
    )
    jadwal.get_by_role("button", name="Simpan jadwal").click()
    assert page.get_by_text("paling cepat 7 hari", exact=False).is_visible()
    jadwal = page.locator("form:has(input[name=bagian][value=jadwal])")
    assert jadwal.locator("[name=tempat]").input_value() == "Aula Kantor Kelurahan Sungai Miai"
    jadwal.locator("[name=tanggal_undangan]").fill(hari.isoformat())
    jadwal.get_by_role("button", name="Simpan jadwal").click()
    assert page.get_by_text("Jadwal tersimpan.").is_visible()
    # An agenda item added in the middle takes its place; an overlapping one is refused.
    agenda = page.locator("form:has(input[name=bagian][value=agenda])")
    agenda.locator("[name=jam_mulai]").fill("09:45")
    agenda.locator("[name=jam_selesai]").fill("10:00")
    agenda.locator("[name=acara]").fill("Istirahat")
    agenda.get_by_role("button", name="Tambah acara").click()
    assert page.get_by_text("Waktunya bertumpuk dengan", exact=False).is_visible()
    agenda = page.locator("form:has(input[name=bagian][value=agenda])")
    assert agenda.locator("[name=acara]").input_value() == "Istirahat"
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

    # The real forum opens only on its date: the page says when, and offers a practice run.
    tab(page, "Ringkasan")
    assert page.get_by_text("Musyawarah dapat dibuka pada", exact=False).is_visible()
    assert page.get_by_role("button", name="Buka musyawarah").is_disabled()
    screenshot(page, "ringkasan-menunggu-tanggal")
    page.get_by_role("button", name="Mulai latihan").click()
    assert page.get_by_text("Latihan dibuat.", exact=False).is_visible()
    latihan = Musyawarah.objects.get(latihan_dari=m)
    assert page.locator(".banner-latihan").is_visible()
    page.get_by_role("button", name="Buka musyawarah (latihan)").click()
    assert page.get_by_text("Musyawarah dibuka.").first.is_visible()

    # Check-in at the door, on a phone: search, tick, add a walk-in; the counter follows.
    page.set_viewport_size({"width": 390, "height": 844})
    tab(page, "Daftar hadir")
    for n, (nama, *_rest) in enumerate(PESERTA, start=1):
        page.get_by_placeholder("Ketik nama peserta…").fill(nama.split()[0])
        # The test database (in-memory SQLite) takes one request at a time: let the
        # search finish before ticking.
        page.wait_for_load_state("networkidle")
        baris = page.locator("li.baris-hadir", has_text=nama)
        baris.get_by_role("button", name="Tandai hadir").click()
        baris = page.locator("li.baris-hadir", has_text=nama)
        baris.get_by_role("button", name="Hadir", exact=True).wait_for()
        page.wait_for_load_state("networkidle")
        assert page.locator("#jumlah-hadir").inner_text() == f"{n} hadir"
    walk_in = page.locator("#peserta-baru form")
    walk_in.locator("[name=baru-nama]").fill("Pak Darman")
    walk_in.locator("[name=baru-jenis_kelamin]").select_option("L")
    walk_in.locator("[name=baru-unsur]").select_option("masyarakat")
    walk_in.locator("input[name=baru-kelompok_sosial][value=marjinal]").check()
    walk_in.get_by_role("button", name="Catat hadir").click()
    assert page.get_by_text("Pak Darman dicatat hadir.").is_visible()
    assert latihan.peserta.filter(hadir=True).count() == 5
    assert m.peserta.filter(hadir=True).count() == 0  # the real forum is untouched
    tab(page, "Keterwakilan")
    assert page.get_by_text("Kelompok marjinal · 1").is_visible()
    screenshot(page, "keterwakilan-phone")

    # 5. The agreed order and class of each usulan, on the phone: every control on screen.
    tab(page, "5. Prioritas usulan")
    baris = page.locator("tr[data-baris]")
    jumlah = baris.count()
    assert jumlah >= 5
    for i in range(jumlah):
        row = baris.nth(i)
        for kontrol in (row.locator("select[name^=keputusan]"), row.locator("input[name^=alasan]")):
            kotak = _kotak(kontrol)
            assert kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 390, (i, kotak)
    screenshot(page, "keputusan-phone")
    pertama = baris.nth(0).locator("code").inner_text()
    baris.nth(0).get_by_role("button", name="Turunkan").click()
    assert page.locator("tr[data-baris]").nth(1).locator("code").inner_text() == pertama
    urutan = [page.locator("input.urutan").nth(i).input_value() for i in range(jumlah)]
    assert urutan == [str(i) for i in range(1, jumlah + 1)]
    for i in range(jumlah):
        row = page.locator("tr[data-baris]").nth(i)
        u = Usulan.objects.get(kode=row.locator("code").inner_text())
        if i == jumlah - 1:
            keputusan = "ditolak"
            row.locator("input[name^=alasan]").fill("Sudah ditangani program KOTAKU")
        elif u.sumber_pembiayaan == "dana_kelurahan" or i == 0:
            keputusan = "kelurahan"
        elif u.perangkat_daerah_id:
            keputusan = "kota"
        else:
            keputusan = "swadaya"
        row.locator("select[name^=keputusan]").select_option(keputusan)
    page.get_by_role("button", name="Simpan urutan dan keputusan").click()
    assert page.get_by_text("Urutan dan keputusan tersimpan.").is_visible()
    page.set_viewport_size({"width": 1366, "height": 900})
    # On a desktop the decision's text is not cut off.
    pilihan = page.locator("tr[data-baris] select[name^=keputusan]").first
    assert _kotak(pilihan)["width"] >= 200
    screenshot(page, "keputusan")

    # Priority problems and the delegation.
    tab(page, "Masalah prioritas")
    page.locator("input[type=checkbox][name^=pilih-]").first.check()
    page.get_by_role("button", name="Simpan masalah prioritas").click()
    tab(page, "Delegasi")
    page.get_by_label("Hj. Rahmah", exact=False).check()
    page.get_by_label("Andi Maulana", exact=False).check()
    page.get_by_role("button", name="Simpan delegasi").click()
    assert page.get_by_text("2 delegasi tersimpan.").is_visible()

    # 6. The berita acara: its number, closing the decisions, the signatories, "signing".
    tab(page, "6. Berita acara")
    page.locator("[name=nomor_berita_acara]").fill("050/017/BA-MUSRENBANG/SM/2026")
    page.locator("[name=catatan_sambutan]").fill("Sambutan Lurah Sungai Miai.")
    page.get_by_role("button", name="Simpan isi berita acara").click()
    tab(page, "Ringkasan")
    page.get_by_role("button", name="Tetapkan hasil musyawarah").click()
    assert page.get_by_text("Hasil musyawarah ditetapkan.").first.is_visible()
    page.get_by_role("link", name="Siapkan tanda tangan berita acara").click()
    # The secretary chairs: the lurah signs "Mengetahui".
    page.locator("[name=pimpinan]").select_option(label="Syahrani, S.Sos")
    page.locator("[name=jabatan_pimpinan]").fill("Sekretaris Lurah Sungai Miai")
    page.locator("[name=pimpinan_kepala]").uncheck()
    page.locator("[name=notulen]").select_option(label="Rina Anshari")
    page.locator("[name=wakil_pemerintah]").select_option(label="Syahrani, S.Sos")
    page.locator("[name=wakil_swasta]").select_option(label="Rina Anshari")
    page.locator("[name=wakil_masyarakat]").select_option(label="Hj. Rahmah")
    page.get_by_role("button", name="Simpan penandatangan").click()
    assert page.get_by_text("Penandatangan tersimpan.").is_visible()
    page.get_by_role("button", name="Tandatangani berita acara").click()
    assert page.get_by_text("Latihan selesai", exact=False).first.is_visible()

    latihan.refresh_from_db()
    assert latihan.status == StatusMusyawarah.SELESAI and latihan.berita_acara is None
    # Nothing official moved: the usulan wait for the real forum.
    assert (
        set(
            Usulan.objects.filter(
                kelurahan=m.kelurahan, siklus=m.siklus, status=Status.DIAJUKAN
            ).values_list("pk", flat=True)
        )
        == diajukan
    )

    with page.expect_download() as unduh:
        page.get_by_role("link", name="Unduh berita acara latihan (PDF)").first.click()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / "berita-acara-latihan-sungai-miai.pdf"
    unduh.value.save_as(pdf_path)
    teks = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages
        ).split()
    )
    assert "LATIHAN" in teks and "Kode verifikasi" not in teks
    assert "050/017/BA-MUSRENBANG/SM/2026" in teks and "Sudah ditangani program KOTAKU" in teks
    assert "Mengetahui" in teks and "H. Gusti Rahman, S.Sos" in teks
    assert "dalam rangka penyusunan RKPD 2028" in teks
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf_path)]
            + [str(ARTIFACTS / "berita-acara-latihan-hal")],
            check=True,
        )
    tab(page, "Hasil & dokumen")
    assert page.get_by_text("LATIHAN", exact=True).first.is_visible()
    screenshot(page, "hasil-latihan")

    # One click removes the practice run; the real forum is still in preparation.
    tab(page, "Ringkasan")
    page.get_by_role("button", name="Hapus latihan").click()
    assert page.get_by_text("Latihan dihapus.").is_visible()
    assert not Musyawarah.objects.filter(latihan=True).exists()
    m.refresh_from_db()
    assert m.status == StatusMusyawarah.PERSIAPAN
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
