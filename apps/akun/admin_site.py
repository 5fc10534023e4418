"""The admin site where Bappeda keeps master data (wilayah, SKPD, siklus, users).

Access follows peran, not Django's ``is_staff`` and model permissions: an admin Bappeda
of a daerah manages that daerah's data and nothing else (the model admins scope their
querysets through ``for_user``); a superuser manages everything.
"""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _

from apps.akun.permissions import Aksi, boleh


class MusrenbangAdminSite(admin.AdminSite):
    site_header = _("Musrenbang — data induk")
    site_title = _("Musrenbang")
    index_title = _("Data induk")
    enable_nav_sidebar = False

    def has_permission(self, request):
        return boleh(request.user, Aksi.MASUK_ADMIN)

    def boleh(self, user, aksi: str, obj=None) -> bool:
        """Used by apps.core.admin.ScopedModelAdmin, which cannot import apps.akun."""
        if obj is not None and not hasattr(obj, "kode_wilayah"):
            obj = None
        return boleh(user, Aksi(aksi), obj)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            # Django would redirect a logged-in user without the peran to a login page
            # they cannot use; answer 403 like every other page of the app.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, inner)

    def login(self, request, extra_context=None):
        # One login page for the whole app; a logged-in user without the peran gets 403.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get("next", resolve_url("admin:index")), resolve_url("akun:masuk")
        )
