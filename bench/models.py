"""The baseline's table: 100,000 plain rows, read 50 at a time through the ORM.

Installed only by bench.settings (no migrations: ``migrate --run-syncdb`` creates it in
the benchmark's own database), never in production.
"""

from django.db import models


class BarisDasar(models.Model):
    judul = models.CharField(max_length=200)
    lokasi = models.CharField(max_length=100)
    biaya = models.DecimalField(max_digits=15, decimal_places=0)
    status = models.CharField(max_length=24, db_index=True)
    dibuat = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-dibuat", "-pk"]

    def __str__(self) -> str:
        return self.judul
