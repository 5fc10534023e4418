"""A whole Musrenbang Kota in the browser, as the demo's admin Bappeda.

The demo signs and sends the Musrenbang Kecamatan of Banjarmasin Utara (Banjarmasin
Selatan is still verifying), so Bappeda starts the kota forum from the forum list, which
pulls Utara's priorities, delegation and camat; prepares it (team, schedule announced
8 days ago for today, its own invitees), opens it, checks everyone in, decides on each
usulan per perangkat daerah (one not agreed, one moved to another perangkat daerah, the
rest agreed), and signs the berita acara. The usulan move as signing says, and the PDF
reads back.
"""

import datetime
import io
import shutil
import subprocess

from playwright.sync_api import expect
from pypdf import PdfReader

from apps.musyawarah.models import Musyawarah, StatusMusyawarah, Tingkat
from apps.siklus.selectors import hari_ini
from apps.usulan.models import Status, Usulan
from apps.wilayah.models import PerangkatDaerah
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_musyawarah import demo, tab  # noqa: F401 (the demo fixture)
from tests.e2e.test_usulan import masuk

TAMU = [
    # nama, jenis kelamin, unsur pemangku kepentingan, unsur, lembaga
    ("Ir. H. Fajar Desira", "L", "pemerintah_daerah", "pemerintah", "Bappeda"),
    ("Hj. Nurul Hidayah, S.T.", "P", "perangkat_daerah", "pemerintah", "Dinas PUPR"),
    ("H. Anang Rosadi", "L", "dprd", "pemerintah", "DPRD Kota Banjarmasin"),
]
DITOLAK = "Pagu Dinas PUPR 2028 tidak mencukupi; diusulkan kembali tahun depan."
PINDAH = "Kawasan permukiman: kewenangan Disperkim."


def _teks_pdf(isi: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages).split())


def test_whole_kota_forum_as_bappeda(live_server, demo, page, screenshot):  # noqa: F811
    base = live_server.url
    hari = hari_ini()
    page.on("dialog", lambda dialog: dialog.accept())
    masuk(page, base, "bappeda")
    page.locator("#nav-utama").get_by_role("link", name="Musrenbang", exact=True).click()
    page.get_by_role("button", name="Mulai persiapan Musrenbang kota").click()
    assert page.get_by_text("sudah ditarik", exact=False).first.is_visible()
    m = Musyawarah.objects.get(tingkat=Tingkat.KOTA, latihan=False)
    utara = Musyawarah.objects.get(
        tingkat=Tingkat.KECAMATAN, kecamatan__nama="Banjarmasin Utara", latihan=False
    )
    disepakati = utara.pembahasan.filter(
        keputusan="kota", verifikasi="layak", digabung_ke__isnull=True
    )
    assert m.pembahasan.filter(digabung_ke__isnull=True).count() == disepakati.count() > 5

    # 1. The kecamatan board: Utara signed, the others not yet.
    tab(page, "1. Hasil kecamatan")
    assert page.get_by_text("1 dari 5 kecamatan sudah menandatangani").is_visible()
    utara_baris = page.locator("table.papan-kecamatan tr", has_text="Banjarmasin Utara")
    assert utara_baris.get_by_text("Ditandatangani").is_visible()
    assert utara_baris.get_by_text(utara.berita_acara.kode).is_visible()

    # 2. The team, set by the Kepala Bappeda.
    tab(page, "2. Tim penyelenggara")
    sk = page.locator("form:has(input[name=bagian][value=sk])")
    sk.locator("[name=nomor]").fill("050/15/KEP/BAPPEDA/2027")
    sk.locator("[name=tanggal]").fill((hari - datetime.timedelta(days=30)).isoformat())
    sk.locator("[name=kepala_nama]").fill("Ir. H. Fajar Desira")
    sk.get_by_role("button", name="Simpan SK").click()
    tpm = page.locator("form:has(input[name=bagian][value=tpm])")
    tpm.locator("[name=jabatan_tpm]").select_option("ketua")
    tpm.locator("[name=nama]").fill("Drs. Rahmat Hidayat")
    tpm.locator("[name=jabatan]").fill("Sekretaris Bappeda")
    tpm.get_by_role("button", name="Tambah anggota TPM").click()
    assert page.locator(".daftar-tpm li", has_text="Drs. Rahmat Hidayat").is_visible()

    # 3. The schedule: today, announced 8 days ago.
    tab(page, "3. Jadwal & undangan")
    jadwal = page.locator("form:has(input[name=bagian][value=jadwal])")
    jadwal.locator("[name=tanggal]").fill(hari.isoformat())
    jadwal.locator("[name=jam_mulai]").fill("08:00")
    jadwal.locator("[name=jam_selesai]").fill("15:00")
    jadwal.locator("[name=tempat]").fill("Aula Bappeda Kota Banjarmasin")
    jadwal.locator("[name=tanggal_undangan]").fill((hari - datetime.timedelta(days=8)).isoformat())
    jadwal.get_by_role("button", name="Simpan jadwal").click()
    assert page.get_by_text("Jadwal tersimpan.").is_visible()

    # 4. Bappeda's own invitees beside the pulled delegation and camat.
    tab(page, "4. Peserta")
    for nama, jk, elemen, unsur, lembaga in TAMU:
        form = page.locator("form:has(button:text-is('Tambah'))").last
        form.locator("[name=nama]").fill(nama)
        form.locator("[name=jenis_kelamin]").select_option(jk)
        form.locator("[name=elemen]").select_option(elemen)
        form.locator("[name=unsur]").select_option(unsur)
        form.locator("[name=organisasi]").fill(lembaga)
        form.get_by_role("button", name="Tambah", exact=True).click()
        assert page.get_by_text(f"{nama} ditambahkan.").is_visible()
    jumlah = m.peserta.count()
    assert jumlah > len(TAMU)

    tab(page, "Ringkasan")
    page.get_by_role("button", name="Buka musyawarah").click()
    assert page.get_by_text("Musyawarah dibuka.").first.is_visible()
    tab(page, "Daftar hadir")
    for n in range(1, jumlah + 1):
        page.locator("li.baris-hadir").get_by_role("button", name="Tandai hadir").first.click()
        expect(page.locator("#jumlah-hadir")).to_have_text(f"{n} hadir")

    # 5. The decisions, one perangkat daerah at a time.
    tab(page, "5. Kesepakatan per PD")
    pupr = PerangkatDaerah.objects.get(singkatan="Dinas PUPR")
    disperkim = PerangkatDaerah.objects.get(singkatan="Disperkim")
    nav = page.locator("nav.daftar-pd a")
    for i in range(nav.count()):
        nav.nth(i).click()
        baris = page.locator("tr.baris-kesepakatan")
        for j in range(baris.count()):
            baris.nth(j).locator("select[name^=keputusan]").select_option("setuju")
        if page.url.endswith(f"?pd={pupr.pk}"):
            baris.nth(0).locator("select[name^=keputusan]").select_option("tolak")
            baris.nth(0).locator("input[name^=alasan]").fill(DITOLAK)
            baris.nth(1).locator("select[name^=keputusan]").select_option("pindah")
            baris.nth(1).locator("select[name^=pd]").select_option(str(disperkim.pk))
            baris.nth(1).locator("input[name^=alasan]").fill(PINDAH)
            screenshot(page, "kota-kesepakatan-pupr")
        page.get_by_role("button", name="Simpan kesepakatan", exact=False).click()
        assert page.get_by_text("tersimpan.", exact=False).first.is_visible()
    assert page.get_by_text("0 belum diputuskan", exact=False).is_visible()

    tab(page, "Ringkasan")
    page.get_by_role("button", name="Tetapkan hasil musyawarah").click()
    assert page.get_by_text("Hasil musyawarah ditetapkan.").first.is_visible()

    # 6. The berita acara: number, one signatory per element present, signed.
    page.get_by_role("link", name="Siapkan tanda tangan berita acara").click()
    nomor = "050/212/BA-MUSRENBANG/BAPPEDA/2027"
    page.locator("[name=nomor_berita_acara]").fill(nomor)
    page.get_by_role("button", name="Simpan isi berita acara").click()
    ttd = page.locator("form:has(input[name=bagian][value=ttd])")
    ttd.locator("[name=pimpinan]").select_option(label="Ir. H. Fajar Desira")
    ttd.locator("[name=notulen]").select_option(label="Hj. Nurul Hidayah, S.T.")
    wakil = ttd.locator("select[name^=wakil_]")
    assert wakil.count() >= 4
    for i in range(wakil.count()):
        wakil.nth(i).select_option(index=1)
    ttd.get_by_role("button", name="Simpan penandatangan").click()
    assert page.get_by_text("Penandatangan tersimpan.").is_visible()
    page.get_by_role("button", name="Tandatangani berita acara").click()
    m.refresh_from_db()
    assert m.status == StatusMusyawarah.SELESAI and m.berita_acara.kode
    assert page.get_by_text("Hasil musyawarah ini final").is_visible()
    screenshot(page, "kota-ringkasan-selesai")

    # What signing did to the usulan.
    rekaman = {p.usulan_id: p for p in m.pembahasan.select_related("usulan")}
    ditolak = [p for p in rekaman.values() if p.keputusan == "ditolak"]
    assert len(ditolak) == 1 and ditolak[0].usulan.status == Status.DITOLAK
    pindah = [p for p in rekaman.values() if p.perangkat_daerah_id]
    assert len(pindah) == 1
    dipindah = Usulan.objects.get(pk=pindah[0].usulan_id)
    assert dipindah.perangkat_daerah == disperkim and dipindah.status == Status.DITERIMA
    ikut_ditolak = {ditolak[0].usulan_id} | {
        p.usulan_id for p in rekaman.values() if p.digabung_ke_id == ditolak[0].pk
    }
    for u in Usulan.objects.filter(pk__in=rekaman):
        assert u.status == (Status.DITOLAK if u.pk in ikut_ditolak else Status.DITERIMA)

    with page.expect_download() as unduh:
        page.get_by_role("link", name="Unduh berita acara (PDF)").first.click()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / "berita-acara-kota-banjarmasin.pdf"
    unduh.value.save_as(pdf_path)
    teks = _teks_pdf(pdf_path.read_bytes())
    assert nomor in teks and m.berita_acara.kode in teks
    assert DITOLAK in teks and "Kawasan permukiman" in teks
    assert "BADAN PERENCANAAN PEMBANGUNAN DAERAH" in teks
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "3", str(pdf_path)]
            + [str(ARTIFACTS / "berita-acara-kota-hal")],
            check=True,
        )
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
