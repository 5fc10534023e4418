from django.urls import path

from apps.penilaian import views

app_name = "penilaian"
urlpatterns = [
    path("rekomendasi/", views.rekomendasi, name="rekomendasi"),
    path("rekomendasi/contoh/", views.rekomendasi_contoh, name="rekomendasi_contoh"),
    path("rekomendasi/tambah/", views.rekomendasi_kriteria, name="rekomendasi_tambah"),
    path("rekomendasi/<int:pk>/", views.rekomendasi_kriteria, name="rekomendasi_ubah"),
    path("rekomendasi/<int:pk>/hapus/", views.rekomendasi_hapus, name="rekomendasi_hapus"),
]
