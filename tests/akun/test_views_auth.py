from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.helpers import klien


def test_login_page_is_in_bahasa_indonesia(db):
    response = Client().get(reverse("akun:masuk"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nama pengguna" in content
    assert "Kata sandi" in content
    assert '<html lang="id">' in content


def test_wrong_password_gets_a_clear_message_and_keeps_the_username(operator_a):
    response = Client().post(
        reverse("akun:masuk"), {"username": "operator-sungai-miai", "password": "salah"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nama pengguna atau kata sandi salah" in content
    assert 'value="operator-sungai-miai"' in content


def test_login_goes_to_the_home_page(operator_a, siklus):
    client = Client()
    response = client.post(
        reverse("akun:masuk"), {"username": "operator-sungai-miai", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("beranda:index")
    assert "Kelurahan Sungai Miai" in client.get(response.url).content.decode()


def test_login_returns_to_the_page_asked_for(operator_a):
    next_url = reverse("wilayah:daftar")
    response = Client().post(
        reverse("akun:masuk") + f"?next={next_url}",
        {"username": "operator-sungai-miai", "password": PASSWORD, "next": next_url},
    )
    assert response.url == next_url


def test_pages_require_login(db):
    response = Client().get(reverse("beranda:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:masuk"))


def test_logout_is_a_post_and_ends_the_session(operator_a):
    client = klien(operator_a)
    response = client.post(reverse("akun:keluar"))
    assert response.status_code == 302
    assert client.get(reverse("beranda:index")).status_code == 302


def test_password_change(operator_a):
    client = klien(operator_a)
    response = client.post(
        reverse("akun:ubah_sandi"),
        {
            "old_password": PASSWORD,
            "new_password1": "Banjarmasin-Baiman-2027",
            "new_password2": "Banjarmasin-Baiman-2027",
        },
        follow=True,
    )
    assert "Kata sandi Anda sudah diubah." in response.content.decode()
    operator_a.refresh_from_db()
    assert operator_a.check_password("Banjarmasin-Baiman-2027")


def test_password_change_refuses_wrong_old_password_in_indonesian(operator_a):
    response = klien(operator_a).post(
        reverse("akun:ubah_sandi"),
        {
            "old_password": "keliru",
            "new_password1": "Abcdef-12345",
            "new_password2": "Abcdef-12345",
        },
    )
    assert response.status_code == 200
    assert "salah" in response.content.decode()
