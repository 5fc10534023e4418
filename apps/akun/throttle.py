"""Login throttling with django-axes: whose address a login attempt comes from, and
unlocking an account's attempts (the admin's action on users)."""

from axes.helpers import get_cool_off, get_failure_limit
from axes.utils import reset
from django.conf import settings
from django.shortcuts import render


def alamat_klien(request) -> str | None:
    """The client's IP address for the lockout. Behind ``PROXY_COUNT`` trusted proxies,
    the address the outermost one saw, which it appended to X-Forwarded-For: entries to
    its left were written by the client and can be forged, so they are never used."""
    jumlah = settings.PROXY_COUNT
    diteruskan = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if jumlah > 0 and diteruskan:
        alamat = [a.strip() for a in diteruskan.split(",") if a.strip()]
        if len(alamat) >= jumlah:
            return alamat[-jumlah]
    return request.META.get("REMOTE_ADDR")


def buka_kunci(usernames: list[str]) -> int:
    """Forget the failed login attempts of these accounts (from every address): each can
    log in again at once. The number of attempt records removed."""
    return sum(reset(username=u) for u in usernames)


def respons_terkunci(request, original_response=None, credentials=None):
    """The page a locked-out login attempt gets (429), in Indonesian: why, for how long,
    and who can unlock it now."""
    jeda = get_cool_off(request)
    menit = round(jeda.total_seconds() / 60) if jeda else None
    return render(
        request,
        "akun/terkunci.html",
        {"batas": get_failure_limit(request, credentials), "menit": menit},
        status=429,
    )
