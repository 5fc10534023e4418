"""Load the demo data: Kota Banjarmasin, siklus RKPD 2027 and 2028, one account per role,
usulan with their kajian desa and RPJM Desa, Musrenbang kelurahan forums (some signed,
some in preparation), Bappeda's recommended scoring criteria, and two Musrenbang kecamatan
forums (one scored, signed and sent; one in its sidang kelompok, scoring).

Idempotent: running it again adds what is missing and changes nothing that exists
(passwords someone changed stay changed). ``make run`` calls it.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.demo.kecamatan import muat_musyawarah_kecamatan
from apps.demo.musyawarah import muat_musyawarah
from apps.demo.pengguna import KATA_SANDI, muat_pengguna, muat_superuser
from apps.demo.penilaian import muat_rekomendasi
from apps.demo.siklus import muat_siklus
from apps.demo.usulan import muat_usulan
from apps.demo.wilayah import muat_wilayah


class Command(BaseCommand):
    help = "Muat data demo Kota Banjarmasin (idempoten)."

    def handle(self, *args, **options):
        with transaction.atomic():
            admin = muat_superuser()
            daerah = muat_wilayah()
            lalu = muat_siklus(daerah, user=admin, tahun_rencana=2027, aktif=False)
            siklus = muat_siklus(daerah, user=admin, tahun_rencana=2028, aktif=True)
            akun = muat_pengguna(daerah)
            jumlah_usulan = muat_usulan(siklus_lalu=lalu, siklus_aktif=siklus)
            forum_selesai, forum_persiapan = muat_musyawarah(siklus)
            kriteria_rekomendasi = muat_rekomendasi(daerah)
            kecamatan_selesai, kecamatan_berjalan = muat_musyawarah_kecamatan(siklus)
        self.stdout.write(self.style.SUCCESS(f"Data demo {daerah} siap, siklus aktif {siklus}."))
        if jumlah_usulan:
            self.stdout.write(f"{jumlah_usulan} usulan demo ditambahkan ({lalu} dan {siklus}).")
        if forum_selesai or forum_persiapan:
            self.stdout.write(
                f"Musrenbang kelurahan: {forum_selesai} selesai dengan berita acara, "
                f"{forum_persiapan} dalam persiapan."
            )
        if kriteria_rekomendasi:
            self.stdout.write(f"Kriteria penilaian rekomendasi Bappeda: {kriteria_rekomendasi}.")
        if kecamatan_selesai or kecamatan_berjalan:
            self.stdout.write(
                f"Musrenbang kecamatan: {kecamatan_selesai} selesai dan dikirim, "
                f"{kecamatan_berjalan} dalam sidang kelompok (penilaian berjalan)."
            )
        self.stdout.write(f"Semua akun demo memakai kata sandi: {KATA_SANDI}")
        lebar = max(len(u) for u, _, _ in akun)
        for username, peran, wilayah in akun:
            self.stdout.write(f"  {username:<{lebar}}  {peran} — {wilayah}")
