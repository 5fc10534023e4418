"""Login throttling (django-axes, per username + address), its admin unlock, the
password validators, session expiry, and sessions ended by a password change."""

import datetime

import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD
from tests.helpers import klien

MASUK = "/akun/masuk/"
USERNAME = "operator-sungai-miai"


def _masuk(client: Client, password: str, *, username: str = USERNAME, ip: str = "10.0.0.1"):
    return client.post(
        reverse("akun:masuk"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _salah(n: int, **kwargs) -> None:
    for _i in range(n):
        _masuk(Client(), "bukan-sandinya", **kwargs)


def test_five_wrong_passwords_lock_the_username_from_that_address(operator_a, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _i in range(4):
        assert _masuk(Client(), "bukan-sandinya").status_code == 200
    # The fifth failure locks: even the right password is refused now, with the reason.
    assert _masuk(Client(), "bukan-sandinya").status_code == 429
    client = Client()
    response = _masuk(client, PASSWORD)
    assert response.status_code == 429
    teks = response.content.decode()
    assert "Akun terkunci sementara" in teks
    assert "Kata sandi salah 5 kali" in teks
    assert "Coba lagi setelah 60 menit" in teks
    assert "Buka kunci masuk" in teks
    assert "Traceback" not in teks
    assert client.get(reverse("beranda:index")).status_code == 302  # not logged in


def test_the_lock_is_per_username_and_address(operator_a, operator_b):
    _salah(5)
    assert _masuk(Client(), PASSWORD).status_code == 429
    # The same account from another computer, another account from this one: both fine.
    assert _masuk(Client(), PASSWORD, ip="10.0.0.2").status_code == 302
    assert _masuk(Client(), PASSWORD, username="operator-mantuil").status_code == 302


def test_a_successful_login_forgets_the_earlier_failures(operator_a):
    _salah(4)
    assert _masuk(Client(), PASSWORD).status_code == 302
    _salah(4)
    assert _masuk(Client(), PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(operator_a):
    _salah(5)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        assert _masuk(Client(), PASSWORD).status_code == 302


def test_bappeda_unlocks_an_account_of_their_daerah_in_the_admin(dunia):
    _salah(5)
    assert _masuk(Client(), PASSWORD).status_code == 429
    # Bappeda of another daerah does not see the account: the action leaves it locked.
    klien(dunia.bappeda_lain).post(
        reverse("admin:akun_user_changelist"),
        {"action": "buka_kunci_masuk", "_selected_action": [dunia.operator_a.pk]},
    )
    assert AccessAttempt.objects.filter(username=USERNAME).exists()
    response = klien(dunia.bappeda).post(
        reverse("admin:akun_user_changelist"),
        {"action": "buka_kunci_masuk", "_selected_action": [dunia.operator_a.pk]},
        follow=True,
    )
    assert "Kunci masuk dibuka untuk 1 akun" in response.content.decode()
    assert not AccessAttempt.objects.filter(username=USERNAME).exists()
    assert _masuk(Client(), PASSWORD).status_code == 302


def test_behind_a_proxy_the_address_it_saw_counts_not_what_the_client_wrote(operator_a, settings):
    settings.PROXY_COUNT = 1

    def lewat_proxy(password, asli, palsu):
        # The client may write any X-Forwarded-For; the proxy appends the address it saw.
        return Client().post(
            reverse("akun:masuk"),
            {"username": USERNAME, "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{palsu}, {asli}",
        )

    for i in range(5):
        lewat_proxy("bukan-sandinya", "203.0.113.9", f"198.51.100.{i}")
    # A new forged address does not escape the lock; another real client is not locked.
    assert lewat_proxy(PASSWORD, "203.0.113.9", "198.51.100.99").status_code == 429
    assert lewat_proxy(PASSWORD, "203.0.113.10", "198.51.100.0").status_code == 302


def test_weak_new_passwords_are_refused_with_the_reason(operator_a):
    client = klien(operator_a)
    for lemah in ("12345678", "password", "operator-sungai-miai", "Ab1-x"):
        response = client.post(
            reverse("akun:ubah_sandi"),
            {"old_password": PASSWORD, "new_password1": lemah, "new_password2": lemah},
        )
        assert response.status_code == 200, lemah
    operator_a.refresh_from_db()
    assert operator_a.check_password(PASSWORD)


def test_changing_the_password_ends_the_other_sessions_of_the_account(operator_a):
    di_kantor, di_rumah = Client(), Client()
    assert _masuk(di_kantor, PASSWORD).status_code == 302
    assert _masuk(di_rumah, PASSWORD, ip="10.0.0.2").status_code == 302
    baru = "Banjarmasin-Baiman-2027"
    response = di_kantor.post(
        reverse("akun:ubah_sandi"),
        {"old_password": PASSWORD, "new_password1": baru, "new_password2": baru},
    )
    assert response.status_code == 302
    # The session that changed it stays; the other is logged out.
    assert di_kantor.get(reverse("wilayah:daftar")).status_code == 200
    response = di_rumah.get(reverse("wilayah:daftar"))
    assert response.status_code == 302
    assert response.url.startswith(MASUK)


def test_an_admin_setting_a_password_ends_the_users_sessions(dunia):
    client = Client()
    assert _masuk(client, PASSWORD).status_code == 302
    baru = "Banjarmasin-Baiman-2027"
    response = klien(dunia.bappeda).post(
        reverse("admin:auth_user_password_change", args=[dunia.operator_a.pk]),
        {"password1": baru, "password2": baru, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert client.get(reverse("wilayah:daftar")).status_code == 302


def test_a_session_ends_after_a_working_day_and_with_the_browser(operator_a, settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    client = Client()
    response = _masuk(client, PASSWORD)
    # A browser-session cookie: closing the browser of a shared computer logs out.
    assert response.cookies[settings.SESSION_COOKIE_NAME]["expires"] == ""
    assert client.get(reverse("wilayah:daftar")).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=12, minutes=1)):
        assert client.get(reverse("wilayah:daftar")).status_code == 302
