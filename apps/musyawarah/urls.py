from django.urls import path

from apps.musyawarah import (
    views,
    views_dokumen,
    views_kecamatan,
    views_kota,
    views_pembahasan,
    views_penilaian,
    views_persiapan,
    views_peserta,
)

app_name = "musyawarah"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("buat/", views.buat, name="buat"),
    path("<int:pk>/", views.ringkasan, name="ringkasan"),
    path("<int:pk>/mulai/", views.mulai, name="mulai"),
    path("<int:pk>/tetapkan/", views.tetapkan, name="tetapkan"),
    path("<int:pk>/buka-kembali/", views.buka_kembali, name="buka_kembali"),
    path("<int:pk>/tandatangani/", views.tandatangani, name="tandatangani"),
    path("<int:pk>/latihan/", views.latihan_buat, name="latihan_buat"),
    path("<int:pk>/latihan/hapus/", views.latihan_hapus, name="latihan_hapus"),
    # Step 1-2: preparation.
    path("<int:pk>/tpm/", views_persiapan.tpm, name="tpm"),
    path("<int:pk>/tpm/<int:anggota_pk>/hapus/", views_persiapan.tpm_hapus, name="tpm_hapus"),
    path(
        "<int:pk>/pemandu/<int:pemandu_pk>/hapus/",
        views_persiapan.pemandu_hapus,
        name="pemandu_hapus",
    ),
    path("<int:pk>/jadwal/", views_persiapan.jadwal, name="jadwal"),
    path("<int:pk>/agenda/<int:acara_pk>/", views_persiapan.agenda_ubah, name="agenda_ubah"),
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
    path("<int:pk>/rkp.pdf", views_pembahasan.rkp_pdf, name="rkp_pdf"),
    path("<int:pk>/pembahasan/", views_pembahasan.pembahasan, name="pembahasan"),
    path("<int:pk>/masalah/", views_pembahasan.masalah, name="masalah"),
    path("<int:pk>/penetapan/", views_pembahasan.penetapan_halaman, name="penetapan"),
    path("<int:pk>/pindaian/", views_pembahasan.pindaian, name="pindaian"),
    # Forum materials.
    path("<int:pk>/materi/", views_dokumen.materi_tambah, name="materi_tambah"),
    path("<int:pk>/materi/<int:materi_pk>/", views_dokumen.materi_unduh, name="materi_unduh"),
    path(
        "<int:pk>/materi/<int:materi_pk>/hapus/",
        views_dokumen.materi_hapus,
        name="materi_hapus",
    ),
    # The Musrenbang Kecamatan's own pages.
    path("kecamatan/buat/", views_kecamatan.buat, name="buat_kecamatan"),
    path("<int:pk>/masukan/", views_kecamatan.masukan, name="masukan"),
    path("<int:pk>/masukan/tarik/", views_kecamatan.tarik, name="tarik"),
    path("<int:pk>/kompilasi/", views_kecamatan.kompilasi, name="kompilasi"),
    path("<int:pk>/surat-bappeda/", views_kecamatan.surat_bappeda, name="surat_bappeda"),
    path("<int:pk>/surat-bappeda.pdf", views_kecamatan.surat_bappeda_pdf, name="surat_bappeda_pdf"),
    path(
        "<int:pk>/pendaftaran/<int:daftar_pk>/<str:aksi>/",
        views_kecamatan.pendaftaran,
        name="pendaftaran",
    ),
    path("<int:pk>/kelompok/", views_kecamatan.kelompok, name="kelompok"),
    path(
        "<int:pk>/kelompok/<int:kelompok_pk>/",
        views_kecamatan.kelompok_detail,
        name="kelompok_detail",
    ),
    path(
        "<int:pk>/kelompok/<int:kelompok_pk>/verifikasi/<int:pembahasan_pk>/",
        views_kecamatan.verifikasi,
        name="verifikasi",
    ),
    path("<int:pk>/kelompok/<int:kelompok_pk>/gabung/", views_kecamatan.gabung, name="gabung"),
    path(
        "<int:pk>/kelompok/<int:kelompok_pk>/pisah/<int:pembahasan_pk>/",
        views_kecamatan.pisah,
        name="pisah",
    ),
    # Scoring (seed 4.b.8–9): the camat's criteria, each group's scorers and ranking.
    path("<int:pk>/penilaian/", views_penilaian.ringkasan, name="penilaian"),
    path("<int:pk>/penilaian/mulai/", views_penilaian.kriteria_mulai, name="kriteria_mulai"),
    path(
        "<int:pk>/penilaian/kriteria/tambah/",
        views_penilaian.kriteria_ubah,
        name="kriteria_tambah",
    ),
    path(
        "<int:pk>/penilaian/kriteria/<int:kriteria_pk>/",
        views_penilaian.kriteria_ubah,
        name="kriteria_ubah",
    ),
    path(
        "<int:pk>/penilaian/kriteria/<int:kriteria_pk>/hapus/",
        views_penilaian.kriteria_hapus,
        name="kriteria_hapus",
    ),
    path(
        "<int:pk>/penilaian/buka-kunci/",
        views_penilaian.kriteria_buka_kunci,
        name="kriteria_buka_kunci",
    ),
    path(
        "<int:pk>/kelompok/<int:kelompok_pk>/penilaian/",
        views_penilaian.kelompok,
        name="penilaian_kelompok",
    ),
    path(
        "<int:pk>/kelompok/<int:kelompok_pk>/penilaian/<str:aksi>/",
        views_penilaian.kelompok_aksi,
        name="penilaian_aksi",
    ),
    path(
        "<int:pk>/kelompok/<int:kelompok_pk>/lembar-penilaian.pdf",
        views_penilaian.lembar_kosong,
        name="lembar_kosong",
    ),
    path("nilai/<str:token>/", views_penilaian.nilai_masuk, name="nilai_masuk"),
    path("penilai/<int:penilai_pk>/", views_penilaian.lembar, name="lembar"),
    path("penilai/<int:penilai_pk>/sel/", views_penilaian.sel, name="sel"),
    path(
        "<int:pk>/kelompok/<int:kelompok_pk>/<str:aksi>/",
        views_kecamatan.kelompok_aksi,
        name="kelompok_aksi",
    ),
    path("<int:pk>/usulan-kecamatan/", views_kecamatan.usulan_tambah, name="usulan_kecamatan"),
    path("<int:pk>/pleno/", views_kecamatan.pleno, name="pleno"),
    path("<int:pk>/bacakan/", views_kecamatan.bacakan, name="bacakan"),
    path("<int:pk>/kirim/", views_kecamatan.kirim, name="kirim"),
    path(
        "<int:pk>/laporan/<str:kode>.pdf",
        views_kecamatan.laporan_kelurahan,
        name="laporan_kelurahan",
    ),
    # The Musrenbang Kota's own pages.
    path("kota/", views_kota.kota, name="kota"),
    path("kota/buat/", views_kota.buat, name="buat_kota"),
    path("<int:pk>/hasil-kecamatan/", views_kota.hasil_kecamatan, name="hasil_kecamatan"),
    path("<int:pk>/hasil-kecamatan/tarik/", views_kota.tarik, name="tarik_kecamatan"),
    path("<int:pk>/kesepakatan/", views_kota.kesepakatan_halaman, name="kesepakatan"),
    # The outputs.
    path("<int:pk>/keluaran/<str:jenis>/", views_dokumen.keluaran, name="keluaran"),
    path("<int:pk>/unduh/<str:jenis>.<str:fmt>", views_dokumen.unduh, name="unduh"),
]
