from django.urls import path

from apps.publik import views

app_name = "publik"
urlpatterns = [
    path("lacak/", views.lacak, name="lacak"),
    path("lacak/<str:kode>/", views.lacak_detail, name="lacak_detail"),
    path("verifikasi/", views.verifikasi_cari, name="verifikasi_cari"),
    path("verifikasi/<str:kode>/", views.verifikasi, name="verifikasi"),
    path("verifikasi/<str:kode>/unduh/", views.verifikasi_unduh, name="verifikasi_unduh"),
    path("musrenbang/<int:pk>/", views.musrenbang, name="musrenbang"),
]
