"""Writes on siklus: create one with its default schedule, make one the active siklus.

Called by the admin, by ``muat_demo`` and by tests; each checks the acting user's right
(admin Bappeda of the daerah, or a superuser) itself.
"""

from django.db import transaction

from apps.akun.permissions import Aksi, wajib
from apps.core.exceptions import DomainError
from apps.siklus.kalender import jadwal_bawaan
from apps.siklus.models import Siklus, Tahapan
from apps.wilayah.models import Daerah


@transaction.atomic
def siklus_lengkapi_tahapan(*, siklus: Siklus) -> list[Tahapan]:
    """Add any missing tahapan with the default dates; existing dates are kept."""
    ada = set(siklus.tahapan.values_list("jenis", flat=True))
    baru = []
    for jenis, (mulai, selesai) in jadwal_bawaan(siklus.tahun_rencana).items():
        if jenis in ada:
            continue
        tahapan = Tahapan(siklus=siklus, jenis=jenis, mulai=mulai, selesai=selesai)
        tahapan.full_clean()
        tahapan.save()
        baru.append(tahapan)
    return baru


@transaction.atomic
def siklus_buat(*, user, daerah: Daerah, tahun_rencana: int) -> Siklus:
    """Create the siklus of ``tahun_rencana`` for ``daerah`` with its five tahapan.

    Refuses a second siklus for the same year. The new siklus is not active until
    ``siklus_aktifkan`` is called, so users keep working on the current one.
    """
    wajib(user, Aksi.KELOLA_MASTER, daerah)
    if Siklus.objects.filter(daerah=daerah, tahun_rencana=tahun_rencana).exists():
        raise DomainError(f"Siklus RKPD {tahun_rencana} untuk {daerah} sudah ada.")
    siklus = Siklus(daerah=daerah, tahun_rencana=tahun_rencana)
    siklus.full_clean()
    siklus.save()
    siklus_lengkapi_tahapan(siklus=siklus)
    return siklus


@transaction.atomic
def siklus_aktifkan(*, user, siklus: Siklus) -> Siklus:
    """Make ``siklus`` the daerah's active siklus; the previous one becomes inactive."""
    wajib(user, Aksi.KELOLA_MASTER, siklus)
    # Lock the daerah's siklus rows so two activations cannot interleave.
    list(Siklus.objects.select_for_update().filter(daerah_id=siklus.daerah_id))
    Siklus.objects.filter(daerah_id=siklus.daerah_id, aktif=True).exclude(pk=siklus.pk).update(
        aktif=False
    )
    siklus.aktif = True
    siklus.save(update_fields=["aktif", "updated_at"])
    return siklus
