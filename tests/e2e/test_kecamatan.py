"""A whole Musrenbang Kecamatan in the browser, as camat-banjarmasin-timur.

The demo leaves Banjarmasin Timur without a kecamatan forum (its one desa forum, Kuripan,
is still preparing), so this test signs two desa forums there through the services
(Sungai Lulut and Banua Anyar, each sending three usulan, one of them the same activity)
and then runs the kecamatan forum through the UI, from "Mulai persiapan" to the copies
sent to the perangkat daerah — with the scoring between the sidang kelompok and the
Pleno II: the camat's criteria, scorers on their own devices through their personal
links (one losing its connection), paper sheets typed in, each group's ranking.

Public registration closes the day before the forum, so the forum is first announced
(8 days ago) for tomorrow, a resident registers, and the camat then moves it to today,
the day it opens.
"""

import datetime
import io
import random
import re
import shutil
import subprocess

from django.utils.text import slugify
from playwright.sync_api import expect
from pypdf import PdfReader

from apps.akun.models import User
from apps.core.formatting import rupiah
from apps.demo import musyawarah as demo_musyawarah
from apps.musyawarah import pembahasan, penetapan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.models import Keputusan, Musyawarah, StatusMusyawarah, Tingkat, Unsur
from apps.siklus.selectors import hari_ini
from apps.usulan.models import Masalah, Status, Usulan
from apps.wilayah.models import Kelurahan
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_musyawarah import demo, tab  # noqa: F401 (the demo fixture)
from tests.e2e.test_usulan import masuk

KECAMATAN = "Banjarmasin Timur"
# What each kelurahan sends to the kecamatan, in its agreed order; the rest is swadaya.
KE_KECAMATAN = {
    "Sungai Lulut": [
        "Peninggian jalan gang dengan cor beton",
        "Kelas ibu hamil dan penyuluhan gizi cegah stunting",
        "Pengadaan alat timbang dan ukur balita",
    ],
    "Banua Anyar": [
        "Peninggian jalan gang dengan cor beton",
        "Pembangunan sumur bor dan tandon air bersih",
        "Bantuan alat tangkap ikan nelayan sungai",
    ],
}
PESERTA = [
    # nama, jenis kelamin, usia, unsur pemangku kepentingan, unsur, kelompok sosial
    ("Drs. H. Rusdiansyah", "L", "tua", "kecamatan", "pemerintah", []),
    ("Hj. Noorhayati, S.E.", "P", "tua", "dprd", "pemerintah", ["perempuan"]),
    ("Siti Maulida", "P", "muda", "perempuan", "masyarakat", ["perempuan"]),
]
PONSEL = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
# The social group's sheets, per scorer (its ketua, then the other): one digit per
# criterion (K1 weighs double). The class and the scale tie at 64,58.
GIZI = ("43551", "43451")
TIMBANG = ("52541", "52441")
KONTROL = "input:not([type=hidden]), select, textarea, button"


def _tandatangani_desa(nama: str) -> Musyawarah:
    """A desa forum held three days ago and signed, through the services, with the demo's
    own preparation (TPM, schedule, invitations with the lurah)."""
    kelurahan = Kelurahan.objects.get(nama=nama, kecamatan__nama=KECAMATAN)
    op = User.objects.get(username=f"operator-{slugify(nama)}")
    acak = random.Random(f"e2e-{kelurahan.kode}")
    m = persiapan.musyawarah_desa_buat(user=op, kelurahan=kelurahan)
    semua = demo_musyawarah._siapkan(op, m, acak, hari_ini() - datetime.timedelta(days=3), 6)
    persiapan.musyawarah_mulai(user=op, musyawarah=m)
    for p in semua:
        peserta_services.peserta_hadir(user=op, peserta=p)
    m.refresh_from_db()
    usulan = list(pembahasan.usulan_forum(m))
    judul = KE_KECAMATAN[nama]
    # The listed ones first, in that order (one of each title); the rest swadaya.
    dikirim = [next(u for u in usulan if u.judul == j) for j in judul]
    sisa = [u for u in usulan if u not in dikirim]
    baris = [
        {"usulan_id": u.pk, "urutan": i, "keputusan": k, "alasan": ""}
        for i, (u, k) in enumerate(
            [(u, Keputusan.KOTA) for u in dikirim] + [(u, Keputusan.SWADAYA) for u in sisa],
            start=1,
        )
    ]
    pembahasan.pembahasan_simpan(user=op, musyawarah=m, baris=baris, versi=m.versi)
    warga = [p for p in semua if p.unsur == Unsur.MASYARAKAT][:2] or semua[1:3]
    m.refresh_from_db()
    peserta_services.delegasi_simpan(
        user=op, musyawarah=m, peserta_ids=[p.pk for p in warga], versi=m.versi
    )
    masalah = Masalah.objects.filter(kelurahan=kelurahan, siklus=m.siklus)
    pembahasan.masalah_prioritas_simpan(
        user=op, musyawarah=m, masalah_ids=list(masalah.values_list("pk", flat=True)[:2])
    )
    pembahasan.catatan_simpan(
        user=op, musyawarah=m, data={"nomor_berita_acara": f"050/9/BA/{kelurahan.kode}"}
    )
    pembahasan.musyawarah_tetapkan(user=op, musyawarah=m)
    per_unsur = {}
    for p in semua:
        per_unsur.setdefault(p.unsur, p)
    penetapan.penandatangan_simpan(
        user=op,
        musyawarah=m,
        pimpinan=semua[0],
        jabatan_pimpinan=f"Lurah {nama}",
        notulen=semua[-1],
        wakil=per_unsur,
        pimpinan_kepala=True,
    )
    penetapan.berita_acara_tandatangani(
        user=op,
        musyawarah=m,
        url_verifikasi=lambda kode: f"http://127.0.0.1:8000/verifikasi/{kode}/",
    )
    m.refresh_from_db()
    assert m.status == StatusMusyawarah.SELESAI
    return m


def _di_layar(page, locator, lebar: int = PONSEL["width"]) -> None:
    """Every matching control lies within the phone's width."""
    for i in range(locator.count()):
        kotak = locator.nth(i).bounding_box()
        assert kotak is not None, i
        assert kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= lebar, (i, kotak)


def _teks_pdf(isi: bytes) -> str:
    halaman = PdfReader(io.BytesIO(isi)).pages
    return " ".join(" ".join(p.extract_text() for p in halaman).split())


def _buka_lembar(browser, tautan: str, viewport: dict):
    """A scorer opens their personal link on their own device: no account, no login."""
    konteks = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta")
    hal = konteks.new_page()
    hal.set_default_timeout(10_000)
    hal.console_errors = []
    hal.on("console", lambda m: hal.console_errors.append(m.text) if m.type == "error" else None)
    hal.goto(tautan)
    return konteks, hal


def _ketik(hal, angka: str, terisi: int, target: int) -> None:
    """Type values from the focused cell on: one digit per cell on a 1–5 scale, the cursor
    moving on by itself (lembar-nilai.js); each cell saves as it is left.

    At a person's pace: each cell is saved before the next digit. The test database
    (SQLite in memory, shared cache) refuses two writes at once where the app's databases
    let them wait for each other; a refused cell would only be sent again 10 s later."""
    mulai = hal.evaluate(
        "Array.from(document.querySelectorAll('input.sel-nilai')).indexOf(document.activeElement)"
    )
    assert mulai >= 0
    for i, digit in enumerate(angka):
        hal.keyboard.type(digit)
        expect(hal.locator(".sel").nth(mulai + i)).to_have_class(re.compile(r"\bsel-tersimpan\b"))
    expect(hal.locator("#progres-saya")).to_contain_text(f"{terisi} dari {target} nilai")


def nilai_kelompok(page, browser, base, m, screenshot, infra, sosial, ekonomi, rec) -> None:
    """6. Penilaian, as the camat and the scorers do it: Bappeda's recommended criteria with
    the first weighed double; the social group's two scorers each on their own device (one
    on a tablet, one on a phone that loses its connection), the two other groups scored on
    paper and entered by the camat's team; every group closes its scoring and ranks.

    The social group's two usulan tie on purpose: the class for pregnant mothers gives one
    level less on the double-weighted criterion and one more on two others, so the
    tie-break (the most-weighted criterion first) puts the scale first."""
    gizi = rec["Kelas ibu hamil dan penyuluhan gizi cegah stunting", "Sungai Lulut"]
    timbang = rec["Pengadaan alat timbang dan ukur balita", "Sungai Lulut"]
    jalan = rec["Peninggian jalan gang dengan cor beton", "Sungai Lulut"]

    tab(page, "6. Penilaian")
    assert page.get_by_text("Belum ada kriteria.", exact=False).is_visible()
    page.locator("#kriteria").get_by_role("button", name="Rekomendasi Bappeda", exact=False).click()
    assert page.get_by_text("Kriteria penilaian diisi; sesuaikan bila perlu.").is_visible()
    kriteria = list(Musyawarah.objects.get(pk=m.pk).kriteria.kriteria.order_by("urutan"))
    assert len(kriteria) == 5
    tabel = page.locator("table.tabel-kriteria tbody tr")
    for i, kr in enumerate(kriteria):
        assert kr.nama in tabel.nth(i).inner_text() and "20%" in tabel.nth(i).inner_text()
    # Fit with the draft RKPD counts double: the shares follow.
    page.get_by_role("link", name=f"Ubah {kriteria[0].nama}").click()
    page.locator("[name=bobot]").fill("2")
    page.get_by_role("button", name="Simpan", exact=True).click()
    assert page.get_by_text("Kriteria tersimpan.").is_visible()
    assert "33,3%" in tabel.nth(0).inner_text()
    for i in range(1, 5):
        assert "16,7%" in tabel.nth(i).inner_text()
    screenshot(page, "kecamatan-penilaian-kriteria")

    # The social group: its ketua and one more member score on their own devices.
    page.locator("#kelompok-penilaian a", has_text=sosial.nama).click()
    sosial.refresh_from_db()
    ketua = sosial.ketua
    kedua = next(p for p in sosial.anggota.order_by("nama") if p.pk != ketua.pk)
    form = page.locator("form:has(input[name=penilai])")
    for p in (ketua, kedua):
        form.get_by_label(p.nama, exact=True).check()
    form.get_by_role("button", name="Simpan penilai").click()
    assert page.get_by_text("Penilai kelompok tersimpan.").is_visible()
    tautan = {
        p.pk: page.get_by_label(f"Tautan pribadi {p.nama}").input_value() for p in (ketua, kedua)
    }
    assert all("/musyawarah/nilai/" in t for t in tautan.values())

    # The ketua, on a tablet: a slip first (7 is off the 1–5 scale: the cursor waits,
    # Enter moves on and the cell refuses it), then back with Shift+Tab and the whole
    # sheet typed in one go.
    konteks_a, a = _buka_lembar(browser, tautan[ketua.pk], TABLET)
    assert a.get_by_role("heading", name=f"Lembar penilaian · {ketua.nama}").is_visible()
    sel = a.locator("input.sel-nilai")
    assert sel.count() == 10
    assert a.locator(".lembar-nilai .judul-usulan").all_inner_texts() == [
        gizi.usulan.judul,
        timbang.usulan.judul,
    ]
    sel.first.click()
    expect(a.locator("#sel-aktif")).to_be_visible()
    expect(a.locator("#sel-aktif")).to_contain_text(kriteria[0].nama)
    a.keyboard.type("7")
    expect(sel.first).to_be_focused()
    a.keyboard.press("Enter")
    expect(sel.nth(1)).to_be_focused()
    expect(a.locator("#sel-aktif")).to_contain_text(kriteria[1].nama)
    expect(a.locator(".sel").first.locator(".sel-pesan")).to_contain_text("antara 1 dan 5")
    a.keyboard.press("Shift+Tab")
    expect(sel.first).to_be_focused()
    _ketik(a, GIZI[0] + TIMBANG[0], 10, 10)
    expect(a.locator(".sel.sel-tersimpan")).to_have_count(10)
    assert a.locator("#progres-saya").get_by_text("lengkap").is_visible()
    # The ketua's sheet follows the group's progress as they save.
    expect(a.locator("#progres-kelompok")).to_contain_text(f"{ketua.nama}: 10 dari 10 nilai")
    expect(a.locator("#progres-kelompok")).to_contain_text(f"{kedua.nama}: 0 dari 10 nilai")
    sel.nth(3).focus()
    expect(a.locator("#sel-aktif")).to_contain_text(gizi.usulan.judul)
    expect(a.locator("#sel-aktif")).to_contain_text(kriteria[3].arti_nilai[4])
    screenshot(a, "kecamatan-lembar-nilai-tablet")
    assert not a.console_errors

    # The second scorer, on a phone: five criteria fit its width. The connection drops
    # after the first usulan: the cell typed then says it is not saved, and the page
    # counts it; back online it is sent again by itself.
    konteks_b, b = _buka_lembar(browser, tautan[kedua.pk], PONSEL)
    sel = b.locator("input.sel-nilai")
    _di_layar(b, sel)
    sel.first.click()
    _ketik(b, GIZI[1], 5, 10)
    konteks_b.set_offline(True)
    b.keyboard.type(TIMBANG[1][0])
    tertunda = b.locator(".sel").nth(5)
    expect(tertunda).to_have_class(re.compile(r"\bsel-gagal\b"))
    expect(tertunda.locator(".sel-pesan")).to_have_text("Belum tersimpan — dikirim ulang otomatis")
    expect(b.locator("#status-simpan")).to_contain_text("Belum tersimpan: 1 nilai")
    expect(b.locator("#progres-saya")).to_contain_text("5 dari 10 nilai")
    screenshot(b, "kecamatan-lembar-nilai-phone-offline")
    konteks_b.set_offline(False)
    expect(tertunda).to_have_class(re.compile(r"\bsel-tersimpan\b"), timeout=15_000)
    expect(b.locator("#status-simpan")).to_be_hidden()
    expect(sel.nth(6)).to_be_focused()
    _ketik(b, TIMBANG[1][1:], 10, 10)
    b.reload()
    assert [sel.nth(i).input_value() for i in range(10)] == list(GIZI[1] + TIMBANG[1])
    screenshot(b, "kecamatan-lembar-nilai-phone")
    # The only errors are the request lost offline (htmx logs it too).
    lost = ("htmx:afterRequest", "htmx:sendError", "ERR_INTERNET_DISCONNECTED")
    assert [e for e in b.console_errors if not e.startswith(lost) and lost[2] not in e] == []

    # The ketua's sheet, reloaded, shows the other scorer done too.
    a.reload()
    ketua_panel = a.locator("section", has_text="Kemajuan kelompok (ketua)")
    assert ketua_panel.get_by_text(f"{kedua.nama}: 10 dari 10 nilai").is_visible()

    # The camat closes the group's scoring: the ranking with its tie and the rule.
    page.reload()
    for p in (ketua, kedua):
        assert (
            page.locator("#penilai .list-group-item", has_text=p.nama)
            .get_by_text("10 dari 10 nilai")
            .is_visible()
        )
    page.get_by_role("button", name="Tutup penilaian kelompok").click()
    assert page.get_by_text(
        "Penilaian kelompok ditutup; peringkatnya dibawa ke Pleno II."
    ).is_visible()
    peringkat = page.locator("#peringkat table.tabel-peringkat tbody tr:not(.table-group-divider)")
    assert peringkat.count() == 2
    for i, p in enumerate((timbang, gizi), start=1):
        baris = peringkat.nth(i - 1)
        assert baris.locator("td").first.inner_text().split() == [str(i), "seri"]
        assert p.usulan.judul in baris.inner_text() and "64,58" in baris.inner_text()
    assert page.get_by_text("Bila nilai sama, urutan ditentukan oleh", exact=False).is_visible()
    screenshot(page, "kecamatan-penilaian-peringkat")
    page.set_viewport_size(PONSEL)
    _di_layar(page, page.locator("#peringkat table.tabel-peringkat td:visible"))
    screenshot(page, "kecamatan-penilaian-peringkat-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    # The scorers see the closed sheet: every score and the ranking, nothing to type.
    a.reload()
    assert a.get_by_text("Penilaian kelompok sudah ditutup.", exact=False).is_visible()
    assert a.locator("input.sel-nilai").count() == 0
    assert a.locator("table.tabel-peringkat").get_by_text("seri").count() == 2
    konteks_a.close()
    konteks_b.close()

    # The two other groups score on paper: the blank sheet is printed for their scorer,
    # then the camat's team types it in.
    for k, usulan, angka in ((infra, jalan, "34432"), (ekonomi, None, "43325")):
        page.goto(f"{base}/musyawarah/{m.pk}/kelompok/{k.pk}/penilaian/")
        k.refresh_from_db()
        penilai = k.ketua
        form = page.locator("form:has(input[name=penilai])")
        form.get_by_label(penilai.nama, exact=True).check()
        form.get_by_role("button", name="Simpan penilai").click()
        assert page.get_by_text("Penilai kelompok tersimpan.").is_visible()
        page.get_by_role("button", name="Menilai di kertas").click()
        baris = page.locator("#penilai .list-group-item", has_text=penilai.nama)
        assert baris.get_by_text("di kertas").is_visible()
        if usulan is not None:
            with page.expect_download() as unduh:
                page.get_by_role("link", name="Lembar penilaian kosong (PDF)").click()
            path = ARTIFACTS / "lembar-penilaian-kosong.pdf"
            unduh.value.save_as(path)
            teks = _teks_pdf(path.read_bytes())
            assert "LEMBAR PENILAIAN USULAN" in teks and f"Penilai: {penilai.nama}" in teks
            assert usulan.usulan.kode in teks and kriteria[0].nama in teks
            if shutil.which("pdftoppm"):
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path)]
                    + [str(ARTIFACTS / "lembar-penilaian-kosong")],
                    check=True,
                )
        baris.get_by_role("link", name="Masukkan lembar kertas").click()
        assert page.get_by_text(
            f"Memasukkan lembar kertas {penilai.nama}.", exact=False
        ).is_visible()
        page.locator("input.sel-nilai").first.click()
        _ketik(page, angka, 5, 5)
        page.get_by_role("link", name="← Penilaian kelompok").click()
        page.get_by_role("button", name="Tutup penilaian kelompok").click()
        assert page.get_by_text("Penilaian kelompok ditutup", exact=False).is_visible()
        assert page.locator("#peringkat table.tabel-peringkat").is_visible()

    # The criteria are locked by the scores; every group's scoring is closed.
    tab(page, "6. Penilaian")
    assert page.get_by_text("Kriteria terkunci: 30 nilai sudah dimasukkan.").is_visible()
    assert page.get_by_role("link", name="Tambah kriteria").count() == 0
    assert page.locator("#kelompok-penilaian").get_by_text("Penilaian ditutup").count() == 3


def test_whole_kecamatan_forum(live_server, demo, browser, page, screenshot):  # noqa: F811
    base = live_server.url
    hari = hari_ini()
    desa = {nama: _tandatangani_desa(nama) for nama in KE_KECAMATAN}
    assert not Musyawarah.objects.filter(
        tingkat=Tingkat.KECAMATAN, kecamatan__nama=KECAMATAN
    ).exists()
    page.on("dialog", lambda dialog: dialog.accept())

    # The forum list: the camat starts the kecamatan's forum; the signed results come in.
    masuk(page, base, "camat-banjarmasin-timur")
    page.locator("#nav-utama").get_by_role("link", name="Musrenbang", exact=True).click()
    page.locator(".daftar-forum-kecamatan li", has_text=KECAMATAN).get_by_role(
        "button", name="Mulai persiapan Musrenbang Kecamatan"
    ).click()
    assert page.get_by_text("sudah ditarik", exact=False).first.is_visible()
    m = Musyawarah.objects.get(tingkat=Tingkat.KECAMATAN, kecamatan__nama=KECAMATAN)
    assert m.pembahasan.count() == 6

    # 1. The inputs board: both signed kelurahan with their usulan, Kuripan still preparing.
    tab(page, "1. Masukan kelurahan")
    papan = page.locator("table.papan-kelurahan")
    assert page.get_by_text("2 dari 9 kelurahan/desa sudah menandatangani").is_visible()
    for nama, fd in desa.items():
        baris = papan.locator("tr", has_text=nama).first
        assert baris.locator("td").last.inner_text().strip() == "3"
        assert baris.get_by_text(fd.berita_acara.kode).is_visible()
        rincian = papan.locator("details", has_text=f"3 usulan dari berita acara {nama}")
        rincian.locator("summary").click()
        for judul in KE_KECAMATAN[nama]:
            assert rincian.get_by_text(judul).is_visible()
    kuripan = papan.locator("tr", has_text="Kuripan")
    assert kuripan.get_by_text("Persiapan").is_visible()
    assert kuripan.locator("td").last.inner_text().strip() == "0"
    screenshot(page, "kecamatan-masukan")

    # 2. The tim penyelenggara set by the camat.
    tab(page, "2. Tim penyelenggara")
    sk = page.locator("form:has(input[name=bagian][value=sk])")
    sk.locator("[name=nomor]").fill("050/41/SK/KEC-BJM-TIM/2026")
    sk.locator("[name=tanggal]").fill((hari - datetime.timedelta(days=20)).isoformat())
    sk.locator("[name=kepala_nama]").fill("Drs. H. Rusdiansyah")
    sk.get_by_role("button", name="Simpan SK").click()
    assert page.get_by_text("SK TPM tersimpan.").is_visible()
    tpm = page.locator("form:has(input[name=bagian][value=tpm])")
    tpm.locator("[name=jabatan_tpm]").select_option("ketua")
    tpm.locator("[name=nama]").fill("Ahmad Fauzi, S.STP")
    tpm.locator("[name=jabatan]").fill("Sekretaris Camat")
    tpm.get_by_role("button", name="Tambah anggota TPM").click()
    assert page.locator(".daftar-tpm li", has_text="Ahmad Fauzi").is_visible()

    # 3. Schedule: tomorrow first, so the public registration is still open.
    tab(page, "3. Jadwal & pengumuman")
    jadwal = page.locator("form:has(input[name=bagian][value=jadwal])")
    jadwal.locator("[name=tanggal]").fill((hari + datetime.timedelta(days=1)).isoformat())
    jadwal.locator("[name=jam_mulai]").fill("08:00")
    jadwal.locator("[name=jam_selesai]").fill("15:30")
    jadwal.locator("[name=tempat]").fill("Aula Kantor Camat Banjarmasin Timur")
    jadwal.locator("[name=tanggal_undangan]").fill((hari - datetime.timedelta(days=8)).isoformat())
    jadwal.get_by_role("button", name="Simpan jadwal").click()
    assert page.get_by_text("Jadwal tersimpan.").is_visible()
    surat = page.locator("#surat form")
    surat.locator("[name=nomor]").fill("050/77/KEC-BJM-TIM/2026")
    surat.locator("[name=tanggal]").fill((hari - datetime.timedelta(days=9)).isoformat())
    surat.get_by_role("button", name="Simpan surat").click()
    assert page.get_by_text("Surat pemberitahuan ke Bappeda tersimpan.").is_visible()

    # The public announcement, read by a resident without an account, who registers.
    warga = browser.new_context(viewport=PONSEL, locale="id-ID", timezone_id="Asia/Jakarta")
    publik = warga.new_page()
    publik.set_default_timeout(10_000)
    publik.goto(f"{base}/musrenbang/{m.pk}/")
    assert publik.get_by_role("heading", name="Pendaftaran peserta").is_visible()
    form = publik.locator("form.form-pendaftaran")
    form.locator("[name=nama]").fill("Rahmat Hidayat")
    form.locator("[name=lembaga]").fill("Forum Peduli Sungai")
    form.locator("[name=elemen]").select_option("lsm")
    form.locator("[name=jenis_kelamin]").select_option("L")
    form.locator("[name=kelurahan]").select_option(label="Kelurahan Sungai Lulut")
    form.locator("[name=kontak]").fill("0812 5000 1234")
    form.get_by_role("button", name="Daftar").click()
    assert publik.get_by_text("pendaftaran Anda kami terima", exact=False).is_visible()
    screenshot(publik, "kecamatan-pengumuman-publik")
    warga.close()

    # 4. Participants: accept the registration, add the camat, a DPRD member and a woman.
    tab(page, "4. Peserta")
    daftar = page.locator("#pendaftaran li", has_text="Rahmat Hidayat")
    daftar.get_by_role("button", name="Terima").click()
    assert page.get_by_text("Rahmat Hidayat diterima sebagai peserta.").is_visible()
    for nama, jk, usia, elemen, unsur, sosial in PESERTA:
        form = page.locator("form:has(button:text-is('Tambah'))").last
        form.locator("[name=nama]").fill(nama)
        form.locator("[name=jenis_kelamin]").select_option(jk)
        form.locator("[name=kelompok_usia]").select_option(usia)
        form.locator("[name=elemen]").select_option(elemen)
        form.locator("[name=unsur]").select_option(unsur)
        for k in sosial:
            form.locator(f"input[name=kelompok_sosial][value={k}]").check()
        form.get_by_role("button", name="Tambah", exact=True).click()
        assert page.get_by_text(f"{nama} ditambahkan.").is_visible()
    jumlah_peserta = m.peserta.count()
    assert jumlah_peserta == 2 + 4 + 1 + len(PESERTA)

    # The forum moves to today (the announcement stays 9 days before it) and opens.
    tab(page, "3. Jadwal & pengumuman")
    jadwal = page.locator("form:has(input[name=bagian][value=jadwal])")
    jadwal.locator("[name=tanggal]").fill(hari.isoformat())
    jadwal.get_by_role("button", name="Simpan jadwal").click()
    assert page.get_by_text("Jadwal tersimpan.").is_visible()
    tab(page, "Ringkasan")
    page.get_by_role("button", name="Buka musyawarah").click()
    assert page.get_by_text("Musyawarah dibuka.").first.is_visible()

    # Check-in at the door, on a phone: every control on screen.
    page.set_viewport_size(PONSEL)
    tab(page, "Daftar hadir")
    _di_layar(page, page.locator("li.baris-hadir button"))
    for n in range(1, jumlah_peserta + 1):
        page.locator("li.baris-hadir").get_by_role("button", name="Tandai hadir").first.click()
        expect(page.locator("#jumlah-hadir")).to_have_text(f"{n} hadir")
    _di_layar(page, page.locator("#peserta-baru").locator(KONTROL))
    screenshot(page, "kecamatan-hadir-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    # 5. Sidang kelompok: every participant present sits in a group.
    tab(page, "5. Sidang kelompok")
    kelompok = {k.nama: k for k in m.kelompok_diskusi.all()}
    infra, sosial, ekonomi = (
        kelompok["Infrastruktur dan Kewilayahan"],
        kelompok["Sosial Budaya"],
        kelompok["Ekonomi dan SDA"],
    )
    pilih = page.locator("#anggota select[name^=kelompok-]")
    assert pilih.count() == jumlah_peserta
    for i in range(jumlah_peserta):
        pilih.nth(i).select_option(label=[infra, sosial, ekonomi][i % 3].nama)
    page.get_by_role("button", name="Simpan pembagian").click()
    assert page.get_by_text("Pembagian kelompok tersimpan.").is_visible()
    for k in (infra, sosial, ekonomi):
        assert k.anggota.count() >= 3

    rec = {
        (p.usulan.judul, p.usulan.kelurahan.nama): p
        for p in m.pembahasan.select_related("usulan__kelurahan")
    }
    jalan_sl = rec["Peninggian jalan gang dengan cor beton", "Sungai Lulut"]
    jalan_ba = rec["Peninggian jalan gang dengan cor beton", "Banua Anyar"]
    sumur = rec["Pembangunan sumur bor dan tandon air bersih", "Banua Anyar"]
    gizi = rec["Kelas ibu hamil dan penyuluhan gizi cegah stunting", "Sungai Lulut"]
    timbang = rec["Pengadaan alat timbang dan ukur balita", "Sungai Lulut"]
    nelayan = rec["Bantuan alat tangkap ikan nelayan sungai", "Banua Anyar"]
    assert {jalan_sl.kelompok_id, jalan_ba.kelompok_id, sumur.kelompok_id} == {infra.pk}
    assert gizi.kelompok_id == timbang.kelompok_id == sosial.pk
    assert nelayan.kelompok_id == ekonomi.pk

    def buka_kelompok(k, fasilitator: str = "") -> None:
        """Open a group, elect its pimpinan from its members, hand it over."""
        page.goto(f"{base}/musyawarah/{m.pk}/kelompok/{k.pk}/")
        form = page.locator("form:has(input[name=bagian][value=pimpinan])")
        for i, jabatan in enumerate(("ketua", "sekretaris", "notulen"), start=1):
            form.locator(f"[name={jabatan}]").select_option(index=i)
        if fasilitator:
            form.locator("[name=fasilitator]").select_option(label=fasilitator)
        form.get_by_role("button", name="Simpan pimpinan").click()
        assert page.get_by_text("Pimpinan kelompok tersimpan.").is_visible()
        page.get_by_role("button", name="Serahkan kepada ketua", exact=False).click()
        assert page.get_by_text("Kelompok diserahkan kepada ketuanya.").is_visible()

    def verifikasi(p, hasil: str, alasan: str = "", biaya: str = "") -> None:
        form = page.locator(f"#u{p.pk} form.form-verifikasi")
        form.locator("select[name$=verifikasi]").select_option(hasil)
        if alasan:
            form.locator("input[name$=alasan]").fill(alasan)
        if biaya:
            form.locator("input[name$=perkiraan_biaya]").fill(biaya)
        form.get_by_role("button", name="Simpan").click()
        assert page.get_by_text(f"{p.usulan.kode}: verifikasi tersimpan.").is_visible()

    def tutup_kelompok() -> None:
        page.get_by_role("button", name="Tutup verifikasi kelompok").click()
        assert page.get_by_text("Verifikasi kelompok ditutup", exact=False).is_visible()

    # The infrastructure group, on a phone: the same road from two kelurahan is merged,
    # its cost corrected; the well is not feasible. Every control fits the screen.
    buka_kelompok(infra)
    screenshot(page, "kecamatan-kelompok")
    page.set_viewport_size(PONSEL)
    _di_layar(page, page.locator(".daftar-verifikasi").locator(KONTROL))
    gabung = page.locator("form:has(select[name=utama])")
    _di_layar(page, gabung.locator(KONTROL))
    gabung.locator("[name=utama]").select_option(str(jalan_sl.pk))
    gabung.locator(f"input[name=lain][value='{jalan_ba.pk}']").check()
    gabung.get_by_role("button", name="Gabungkan").click()
    assert page.get_by_text(f"Usulan digabung ke {jalan_sl.usulan.kode}.").is_visible()
    assert page.locator(f"#u{jalan_ba.pk}").count() == 0
    assert page.locator(f"#u{jalan_sl.pk}").get_by_text(jalan_ba.usulan.kode).is_visible()
    verifikasi(jalan_sl, "layak", biaya="Rp 385.000.000")
    verifikasi(sumur, "tidak_layak", alasan="Lahan belum tersedia; sudah ada jaringan PDAM")
    # The correction shows the kelurahan's figure struck through before the group's.
    semula = rupiah(jalan_sl.usulan.perkiraan_biaya)
    assert page.locator(f"#u{jalan_sl.pk} s", has_text=semula).is_visible()
    _di_layar(page, page.locator("main").locator(KONTROL))
    screenshot(page, "kecamatan-kelompok-phone")
    tutup_kelompok()
    page.set_viewport_size({"width": 1366, "height": 900})

    # The social group is run by the kecamatan's fasilitator, who verifies from their
    # own phone; another group's page offers them nothing to change.
    buka_kelompok(sosial, fasilitator="Fasilitator Banjarmasin Timur")
    konteks_fas = browser.new_context(viewport=PONSEL, locale="id-ID", timezone_id="Asia/Jakarta")
    fas = konteks_fas.new_page()
    fas.set_default_timeout(10_000)
    masuk(fas, base, "fasilitator-banjarmasin-timur")
    fas.goto(f"{base}/musyawarah/{m.pk}/kelompok/{sosial.pk}/")
    form = fas.locator(f"#u{gizi.pk} form.form-verifikasi")
    form.locator("select[name$=verifikasi]").select_option("layak")
    form.get_by_role("button", name="Simpan").click()
    assert fas.get_by_text(f"{gizi.usulan.kode}: verifikasi tersimpan.").is_visible()
    _di_layar(fas, fas.locator("main").locator(KONTROL))
    fas.goto(f"{base}/musyawarah/{m.pk}/kelompok/{infra.pk}/")
    assert fas.get_by_role("heading", name=infra.nama).is_visible()
    assert fas.locator("main form").count() == 0
    konteks_fas.close()

    # The camat's team verifies the rest and closes the groups.
    page.reload()
    verifikasi(timbang, "layak")
    tutup_kelompok()
    buka_kelompok(ekonomi)
    verifikasi(nelayan, "layak")
    tutup_kelompok()

    # 6. Penilaian: the camat's criteria, scorers per group, the scores, the ranking.
    nilai_kelompok(page, browser, base, m, screenshot, infra, sosial, ekonomi, rec)

    # 7. Pleno II: the four feasible usulan in the starting order (group, prioritas
    # daerah, rank): the tie-break put the scale before the class; one not agreed.
    tab(page, "7. Pleno II")
    baris = page.locator("tr[data-baris]")
    assert baris.count() == 4
    for i, p in enumerate((jalan_sl, timbang, gizi, nelayan), start=1):
        teks = baris.nth(i - 1).inner_text()
        assert p.usulan.kode in teks and f"awal {i}" in teks, (i, teks)
    assert "peringkat 1 · prioritas 1" in baris.nth(1).inner_text()
    assert "peringkat 2 · prioritas 1" in baris.nth(2).inner_text()
    for i in range(4):
        row = baris.nth(i)
        if timbang.usulan.kode in row.inner_text():
            row.locator("select[name^=keputusan]").select_option("ditolak")
            row.locator("input[name^=alasan-]").fill("Sudah dianggarkan Dinas Kesehatan (DAK)")
        else:
            row.locator("select[name^=keputusan]").select_option("kota")
    page.get_by_role("button", name="Simpan hasil Pleno II").click()
    assert page.get_by_text("Hasil Pleno II tersimpan.").is_visible()
    perumus = page.locator("#perumus")
    perumus.get_by_label("Drs. H. Rusdiansyah", exact=False).check()
    perumus.get_by_label("Siti Maulida", exact=False).check()
    perumus.get_by_role("button", name="Simpan tim perumus").click()
    assert page.get_by_text("Tim perumus tersimpan.").is_visible()
    screenshot(page, "kecamatan-pleno")
    page.get_by_role("link", name="Pilih delegasi").click()
    page.get_by_label("Siti Maulida", exact=False).check()
    page.get_by_label("Rahmat Hidayat", exact=False).check()
    page.get_by_role("button", name="Simpan delegasi").click()
    assert page.get_by_text("2 delegasi tersimpan.").is_visible()

    # Ringkasan: the results are set.
    tab(page, "Ringkasan")
    page.get_by_role("button", name="Tetapkan hasil musyawarah").click()
    assert page.get_by_text("Hasil musyawarah ditetapkan.").first.is_visible()

    # 8. The berita acara: number, read back, one signatory per element present, signed.
    page.get_by_role("link", name="Siapkan tanda tangan berita acara").click()
    nomor = "050/112/BA-MUSRENBANG/KEC-BJM-TIM/XII/2026"
    page.locator("[name=nomor_berita_acara]").fill(nomor)
    page.get_by_role("button", name="Simpan isi berita acara").click()
    page.get_by_role("button", name="Catat: rancangan sudah dibacakan kembali", exact=False).click()
    assert page.get_by_text("Pembacaan rancangan berita acara dicatat.").is_visible()
    ttd = page.locator("form:has(input[name=bagian][value=ttd])")
    ttd.locator("[name=pimpinan]").select_option(label="Drs. H. Rusdiansyah")
    ttd.locator("[name=notulen]").select_option(label="Siti Maulida")
    wakil = ttd.locator("select[name^=wakil_]")
    assert wakil.count() >= 5
    for i in range(wakil.count()):
        wakil.nth(i).select_option(index=1)
    ttd.get_by_role("button", name="Simpan penandatangan").click()
    assert page.get_by_text("Penandatangan tersimpan.").is_visible()
    page.get_by_role("button", name="Tandatangani berita acara").click()
    m.refresh_from_db()
    assert m.status == StatusMusyawarah.SELESAI and m.berita_acara.kode
    # Signed: the overview asks for the copies to be sent, and sends them.
    assert "Kirim salinannya" in page.locator("p.langkah").inner_text()
    page.get_by_role("button", name="Kirim salinan", exact=False).click()
    assert page.get_by_text("Salinan berita acara dikirim", exact=False).is_visible()
    jalan = Usulan.objects.get(pk=jalan_sl.usulan_id)
    assert jalan.status == Status.DITERUSKAN_KOTA and jalan.perkiraan_biaya == 385_000_000
    assert Usulan.objects.get(pk=sumur.usulan_id).status == Status.TIDAK_LAYAK
    screenshot(page, "kecamatan-ringkasan-selesai")

    with page.expect_download() as unduh:
        page.get_by_role("link", name="Unduh berita acara (PDF)").first.click()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / "berita-acara-kecamatan-banjarmasin-timur.pdf"
    unduh.value.save_as(pdf_path)
    teks = _teks_pdf(pdf_path.read_bytes())
    assert nomor in teks and m.berita_acara.kode in teks
    assert "T-D.4" in teks
    assert "Lahan belum tersedia; sudah ada jaringan PDAM" in teks
    assert "Sudah dianggarkan Dinas Kesehatan (DAK)" in teks
    assert "385.000.000" in teks
    # Lampiran VI: the criteria, who scored (on paper or not), the tie and its rule.
    assert "HASIL SKORING SIDANG KELOMPOK" in teks
    assert "Bila nilai sama" in teks and teks.count("64,58") >= 2
    assert "(lembar kertas)" in teks
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "3", str(pdf_path)]
            + [str(ARTIFACTS / "berita-acara-kecamatan-hal")],
            check=True,
        )

    # The perangkat daerah of a priority reads it in its own usulan list.
    konteks_pd = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    pd = konteks_pd.new_page()
    pd.set_default_timeout(10_000)
    masuk(pd, base, f"skpd-{slugify(jalan.perangkat_daerah.singkatan)}")
    pd.locator("#nav-utama").get_by_role("link", name="Usulan", exact=True).click()
    assert pd.get_by_text(jalan.kode).first.is_visible()
    konteks_pd.close()
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
