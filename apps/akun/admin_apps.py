from django.contrib.admin.apps import AdminConfig


class MusrenbangAdminConfig(AdminConfig):
    """Django's admin, on a site that lets Bappeda in by peran rather than ``is_staff``."""

    default_site = "apps.akun.admin_site.MusrenbangAdminSite"
