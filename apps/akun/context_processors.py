from apps.akun.permissions import Aksi, boleh


def navigasi(request):
    """What the navigation bar needs to know about the user, computed once per page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_admin": boleh(user, Aksi.MASUK_ADMIN)}
