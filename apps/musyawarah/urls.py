from django.urls import path

from apps.musyawarah import views, views_dokumen, views_pembahasan, views_persiapan, views_peserta

app_name = "musyawarah"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("buat/", views.buat, name="buat"),
    path("<int:pk>/", views.ringkasan, name="ringkasan"),
    path("<int:pk>/mulai/", views.mulai, name="mulai"),
    path("<int:pk>/tetapkan/", views.tetapkan, name="tetapkan"),
    path("<int:pk>/buka-kembali/", views.buka_kembali, name="buka_kembali"),
    path("<int:pk>/tandatangani/", views.tandatangani, name="tandatangani"),
    # Step 1-2: preparation.
    path("<int:pk>/tpm/", views_persiapan.tpm, name="tpm"),
    path("<int:pk>/tpm/<int:anggota_pk>/hapus/", views_persiapan.tpm_hapus, name="tpm_hapus"),
    path(
        "<int:pk>/pemandu/<int:pemandu_pk>/hapus/",
        views_persiapan.pemandu_hapus,
        name="pemandu_hapus",
    ),
    path("<int:pk>/jadwal/", views_persiapan.jadwal, name="jadwal"),
    path(
        "<int:pk>/agenda/<int:acara_pk>/hapus/", views_persiapan.agenda_hapus, name="agenda_hapus"
    ),
    path(
        "<int:pk>/logistik/<int:item_pk>/siap/", views_persiapan.logistik_siap, name="logistik_siap"
    ),
    path("<int:pk>/undangan.pdf", views_persiapan.undangan, name="undangan"),
    path("<int:pk>/pengumuman.pdf", views_persiapan.pengumuman, name="pengumuman"),
    path("<int:pk>/daftar-hadir.pdf", views_persiapan.daftar_hadir_kosong, name="daftar_hadir"),
    # Step 3-4: participants.
    path("<int:pk>/peserta/", views_peserta.daftar, name="peserta"),
    path("<int:pk>/peserta/<int:peserta_pk>/ubah/", views_peserta.ubah, name="peserta_ubah"),
    path("<int:pk>/peserta/<int:peserta_pk>/hapus/", views_peserta.hapus, name="peserta_hapus"),
    path("<int:pk>/hadir/", views_peserta.hadir, name="hadir"),
    path("<int:pk>/hadir/<int:peserta_pk>/", views_peserta.tandai_hadir, name="tandai_hadir"),
    path("<int:pk>/keterwakilan/", views_peserta.keterwakilan, name="keterwakilan"),
    path("<int:pk>/delegasi/", views_peserta.delegasi, name="delegasi"),
    # Step 5-6: the forum's decisions and the berita acara.
    path("<int:pk>/rkp/", views_pembahasan.rkp, name="rkp"),
    path("<int:pk>/pembahasan/", views_pembahasan.pembahasan, name="pembahasan"),
    path("<int:pk>/masalah/", views_pembahasan.masalah, name="masalah"),
    path("<int:pk>/penetapan/", views_pembahasan.penetapan_halaman, name="penetapan"),
    path("<int:pk>/pindaian/", views_pembahasan.pindaian, name="pindaian"),
    # The five outputs.
    path("<int:pk>/keluaran/<str:jenis>/", views_dokumen.keluaran, name="keluaran"),
    path("<int:pk>/unduh/<str:jenis>.<str:fmt>", views_dokumen.unduh, name="unduh"),
]
