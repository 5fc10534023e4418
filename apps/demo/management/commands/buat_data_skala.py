"""Generate a synthetic daerah at benchmark scale (apps.demo.skala): a kota the size of
Banjarmasin, a large kabupaten, or a province's daerah on one server.

    python manage.py buat_data_skala --profil kabupaten
    python manage.py buat_data_skala --profil kabupaten --skala 0.01   # tiny, for tests

Writes under province code 99, beside any demo data; refuses to run twice on one database.
"""

from django.core.management.base import BaseCommand, CommandError

from apps.demo.pengguna import KATA_SANDI
from apps.demo.skala import PROFIL, buat, ringkas


class Command(BaseCommand):
    help = "Buat data sintetis berskala (banjarmasin, kabupaten, provinsi) untuk benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--profil", choices=sorted(PROFIL), default="kabupaten")
        parser.add_argument(
            "--skala", type=float, default=1.0, help="Pengali ukuran (0.01 = sangat kecil)."
        )

    def handle(self, *args, profil: str, skala: float, **options):
        if skala <= 0:
            raise CommandError("--skala harus lebih dari 0.")
        try:
            hasil = buat(profil, skala, laporan=self.stdout.write)
        except ValueError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            self.style.SUCCESS(
                f"Data skala {profil} (x{skala:g}) selesai dalam {hasil.detik:.1f} s: "
                f"daerah {', '.join(hasil.daerah)}; berita acara yang ditandatangani "
                f"(snapshot) {hasil.detik_snapshot:.1f} s dari waktu itu."
            )
        )
        for nama, n in ringkas(hasil).items():
            self.stdout.write(f"  {nama:<28} {n:>9,}")
        self.stdout.write(f"Akun (kata sandi {KATA_SANDI}):")
        for peran, username in hasil.akun.items():
            self.stdout.write(f"  {peran:<10} {username}")
