"""Load the demo data: Kota Banjarmasin, siklus RKPD 2028 and one account per role.

Idempotent: running it again adds what is missing and changes nothing that exists
(passwords someone changed stay changed). ``make run`` calls it.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.demo.pengguna import KATA_SANDI, muat_pengguna, muat_superuser
from apps.demo.siklus import muat_siklus
from apps.demo.wilayah import muat_wilayah


class Command(BaseCommand):
    help = "Muat data demo Kota Banjarmasin (idempoten)."

    def handle(self, *args, **options):
        with transaction.atomic():
            admin = muat_superuser()
            daerah = muat_wilayah()
            siklus = muat_siklus(daerah, user=admin)
            akun = muat_pengguna(daerah)
        self.stdout.write(self.style.SUCCESS(f"Data demo {daerah} siap, siklus aktif {siklus}."))
        self.stdout.write(f"Semua akun demo memakai kata sandi: {KATA_SANDI}")
        lebar = max(len(u) for u, _, _ in akun)
        for username, peran, wilayah in akun:
            self.stdout.write(f"  {username:<{lebar}}  {peran} — {wilayah}")
