from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path


@login_not_required
def favicon(request):
    # Browsers ask for /favicon.ico on every page, the admin's included.
    return redirect(static("img/favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("", include("apps.beranda.urls")),
    path("akun/", include("apps.akun.urls")),
    path("wilayah/", include("apps.wilayah.urls")),
    path("usulan/", include("apps.usulan.urls")),
    path("musyawarah/", include("apps.musyawarah.urls")),
    path("penilaian/", include("apps.penilaian.urls")),
    path("kompilasi/", include("apps.kompilasi.urls")),
    path("pantauan/", include("apps.pantauan.urls")),
    path("", include("apps.publik.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Under its own name: importing it as ``static`` would shadow the template helper
    # that ``favicon`` calls, and /favicon.ico would answer 500 in debug.
    from django.conf.urls.static import static as static_urls

    urlpatterns += static_urls(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
