"""An operator enters an usulan with a photo, submits it, and a citizen tracks it."""

import io
import re
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image

from apps.usulan.models import Status, Usulan


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("muat_demo", stdout=StringIO())


@pytest.fixture
def foto_jalan(tmp_path):
    path = tmp_path / "jalan-gang.jpg"
    img = Image.new("RGB", (1200, 900), (120, 110, 90))
    buf = io.BytesIO()
    img.save(buf, format="JPEG")
    path.write_bytes(buf.getvalue())
    return path


def masuk(page, base, username):
    page.goto(base + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill("musrenbang-demo")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(base + "/")


def test_operator_creates_submits_and_citizen_tracks(
    live_server, demo, page, foto_jalan, screenshot
):
    base = live_server.url
    masuk(page, base, "operator-sungai-miai")
    page.get_by_role("link", name="Usulan", exact=True).click()
    page.get_by_role("link", name="Tambah usulan").click()

    page.get_by_label("Jenis kegiatan").fill("Peninggian jalan gang Rahayu dengan cor beton")
    page.get_by_label("Bidang").select_option(label="Pelaksanaan Pembangunan Desa")
    page.get_by_label("Sektor").select_option(label="Infrastruktur")
    page.get_by_label("Permasalahan").fill("Gang tergenang setiap air pasang; warga sulit lewat.")
    page.locator("select[name=lingkungan]").select_option(index=2)
    page.get_by_label("Alamat/lokasi").fill("Gang Rahayu, depan langgar")
    page.get_by_label("Volume").fill("120,5")
    page.get_by_label("Satuan").select_option(value="m")
    page.get_by_label("Sasaran/penerima manfaat").fill("Warga RT 02 dan RT 03")
    page.get_by_label("Perkiraan biaya (Rp)").fill("Rp 185.000.000")
    page.get_by_label("Sumber pembiayaan").select_option(value="apbd")
    page.get_by_label("Perangkat daerah tujuan").select_option(
        label="Disperkim — Dinas Perumahan Rakyat dan Kawasan Permukiman"
    )
    page.get_by_label("Pengusul").fill("Ketua RT 02")
    page.get_by_label("Foto lokasi").set_input_files(str(foto_jalan))
    screenshot(page, "usulan-form-terisi")
    page.get_by_role("button", name="Simpan sebagai draf").click()

    assert page.get_by_text("Usulan tersimpan dengan kode").is_visible()
    kode = page.locator("code").first.inner_text()
    assert re.fullmatch(r"BJM-28-[A-Z0-9]{4}-[A-Z0-9]{2}", kode)
    assert page.locator("img.foto-usulan").count() == 1
    page.get_by_role("button", name="Ajukan").click()
    assert page.get_by_text("Usulan sudah diajukan ke Musrenbang.").is_visible()
    screenshot(page, "usulan-detail-diajukan")

    usulan = Usulan.objects.get(kode=kode)
    assert usulan.status == Status.DIAJUKAN
    assert str(usulan.perkiraan_biaya) == "185000000"
    assert str(usulan.volume) == "120.50"
    assert page.get_by_text("120,5 meter").is_visible()
    assert usulan.foto.count() == 1

    # A citizen, not logged in, types the code as it is written on the receipt.
    citizen = page.context.browser.new_page()
    citizen.goto(base + "/lacak/")
    citizen.get_by_label("Kode usulan").fill(kode.lower().replace("-", " "))
    citizen.get_by_role("button", name="Lacak").click()
    citizen.wait_for_url(f"{base}/lacak/{kode}/")
    assert citizen.get_by_role("heading", name=usulan.judul).is_visible()
    assert citizen.locator(".riwayat-publik li").count() == 2
    assert "Ketua RT 02" not in citizen.content()
    screenshot(citizen, "lacak-publik")
    citizen.close()


def test_duplicate_warning_appears_while_typing(live_server, demo, page):
    base = live_server.url
    existing = Usulan.objects.filter(kelurahan__nama="Sungai Miai").first()
    masuk(page, base, "operator-sungai-miai")
    page.goto(base + "/usulan/tambah/")
    page.locator("select[name=lingkungan]").select_option(value=str(existing.lingkungan_id))
    page.get_by_label("Jenis kegiatan").fill(existing.judul)
    warning = page.locator("#duplikat .alert-warning")
    warning.wait_for(timeout=5000)
    assert existing.kode in warning.inner_text()


def test_rt_list_follows_the_rw_and_drafts_are_submitted_together(live_server, demo, page):
    from apps.wilayah.models import Lingkungan

    base = live_server.url
    masuk(page, base, "operator-sungai-miai")
    page.goto(base + "/usulan/tambah/")
    rw = Lingkungan.objects.filter(kelurahan__nama="Sungai Miai", rt__isnull=False).last()
    rt_rw = sorted(f"RT {rt.nomor:02d} / RW {rw.nomor:02d}" for rt in rw.rt.all())
    page.locator("select[name=lingkungan]").select_option(value=str(rw.pk))
    # htmx replaces the RT field with the chosen RW's RTs.
    page.wait_for_function(
        "n => document.querySelectorAll('#id_rt option').length === n", arg=len(rt_rw) + 1
    )
    labels = page.locator("#id_rt option").all_inner_texts()[1:]
    assert sorted(label.strip() for label in labels) == rt_rw

    page.goto(base + "/usulan/?status=draf")
    kotak = page.locator("input[name=usulan]")
    n = kotak.count()
    assert n > 0
    page.get_by_role("link", name="Pilih semua draf").click()
    assert page.url == base + "/usulan/?status=draf"  # ticked in place, no reload
    assert all(kotak.nth(i).is_checked() for i in range(n))
    page.get_by_role("button", name="Ajukan draf terpilih").click()
    assert page.get_by_text(f"{n} usulan diajukan ke Musrenbang.").is_visible()
    assert page.url == base + "/usulan/?status=draf"
    assert not page.console_errors
