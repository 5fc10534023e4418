from django.urls import path

from apps.usulan import views, views_excel, views_kajian

app_name = "usulan"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
    path("ajukan/", views.ajukan_banyak, name="ajukan_banyak"),
    path("duplikat/", views.duplikat, name="duplikat"),
    path("rt/", views.rt_pilihan, name="rt_pilihan"),
    path("lanjutan/", views.lanjutan, name="lanjutan"),
    path("excel/templat/", views_excel.templat, name="templat"),
    path("excel/impor/", views_excel.impor, name="impor"),
    path("excel/ekspor/", views_excel.ekspor, name="ekspor"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/ajukan/", views.ajukan, name="ajukan"),
    path("<int:pk>/tarik/", views.tarik, name="tarik"),
    path("<int:pk>/hapus/", views.hapus, name="hapus"),
    path("<int:pk>/lanjutkan/", views.lanjutkan, name="lanjutkan"),
    path("<int:pk>/foto/", views.foto_tambah, name="foto_tambah"),
    path("<int:pk>/foto/<int:foto_pk>/", views.foto_lihat, name="foto_lihat"),
    path("<int:pk>/foto/<int:foto_pk>/hapus/", views.foto_hapus, name="foto_hapus"),
    path("masalah/", views_kajian.masalah_daftar, name="masalah_daftar"),
    path("masalah/tambah/", views_kajian.masalah_tambah, name="masalah_tambah"),
    path("masalah/<int:pk>/ubah/", views_kajian.masalah_ubah, name="masalah_ubah"),
    path("masalah/<int:pk>/hapus/", views_kajian.masalah_hapus, name="masalah_hapus"),
    path("rpjm/", views_kajian.rpjm_daftar, name="rpjm_daftar"),
    path("rpjm/tambah/", views_kajian.rpjm_tambah, name="rpjm_tambah"),
    path("rpjm/<int:pk>/ubah/", views_kajian.rpjm_ubah, name="rpjm_ubah"),
    path("rpjm/<int:pk>/hapus/", views_kajian.rpjm_hapus, name="rpjm_hapus"),
    path("rpjm/templat/", views_kajian.rpjm_templat, name="rpjm_templat"),
    path("rpjm/impor/", views_kajian.rpjm_impor, name="rpjm_impor"),
]
