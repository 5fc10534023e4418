from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(transactional_db):
    call_command("muat_demo", stdout=StringIO())


def test_operator_logs_in_and_sees_the_home_page(live_server, demo, page, screenshot):
    page.goto(live_server.url + "/")
    assert "/akun/masuk/" in page.url
    page.get_by_label("Nama pengguna").fill("operator-sungai-miai")
    page.get_by_label("Kata sandi").fill("musrenbang-demo")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(live_server.url + "/")

    heading = page.get_by_role("heading", level=2).first
    assert "Kelurahan Sungai Miai" in heading.inner_text()
    assert page.get_by_text("Kecamatan Banjarmasin Utara · Kota Banjarmasin").is_visible()
    assert page.get_by_text("Jadwal tahapan", exact=False).is_visible()
    assert page.locator(".jadwal li").count() == 5
    screenshot(page, "beranda-operator-sungai-miai")

    page.get_by_role("link", name="Lihat wilayah").click()
    assert page.get_by_role("heading", name="Kelurahan Sungai Miai").is_visible()
    assert page.locator("text=RW 01").first.is_visible()

    # Bootstrap's JS works under the CSP: the user menu opens and logs out.
    page.get_by_role("button", name="Operator Sungai Miai").click()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_wrong_password_in_the_browser(live_server, demo, page):
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("operator-sungai-miai")
    page.get_by_label("Kata sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_text("Nama pengguna atau kata sandi salah").is_visible()
    assert page.get_by_label("Nama pengguna").input_value() == "operator-sungai-miai"
