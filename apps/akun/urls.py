from django.urls import path

from apps.akun import views

app_name = "akun"
urlpatterns = [
    path("masuk/", views.MasukView.as_view(), name="masuk"),
    path("keluar/", views.KeluarView.as_view(), name="keluar"),
    path("kata-sandi/", views.UbahSandiView.as_view(), name="ubah_sandi"),
]
