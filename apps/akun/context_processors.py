from apps.akun.permissions import Aksi, boleh


def _nav_aktif(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace == "usulan":
        for awalan, nav in (("masalah", "kajian"), ("rpjm", "rpjm")):
            if match.url_name.startswith(awalan):
                return nav
    return match.namespace


def navigasi(request):
    """What the navigation bar needs to know about the user, computed once per page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_admin": boleh(user, Aksi.MASUK_ADMIN),
        "nav_kompilasi": boleh(user, Aksi.UNDUH_KOMPILASI),
        # The kajian, RPJM Desa and forums of kelurahan: an SKPD user reads none of them.
        "nav_kelurahan": not user.cakupan.hanya_perangkat_daerah,
        "nav_aktif": _nav_aktif(request),
    }
