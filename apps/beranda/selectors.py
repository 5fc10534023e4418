"""What the home page shows: per penugasan, the wilayah, the siklus schedule, the tasks."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from apps.akun.models import Penugasan, Peran
from apps.beranda.tugas import Tugas, tugas_untuk
from apps.siklus.models import Siklus, Tahapan
from apps.siklus.selectors import StatusTahapan, hari_ini, jadwal, peringatan_jadwal


@dataclass
class KartuPenugasan:
    penugasan: Penugasan
    siklus: Siklus | None
    jadwal: list[StatusTahapan] = field(default_factory=list)
    sekarang: list[StatusTahapan] = field(default_factory=list)  # running, else next
    tugas: list[Tugas] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)


def _tahapan_sekarang(jadwal_siklus: list[StatusTahapan]) -> list[StatusTahapan]:
    """The running tahapan; if none runs, the next one; after the last, nothing."""
    berjalan = [s for s in jadwal_siklus if s.terbuka]
    if berjalan:
        return berjalan
    berikut = [s for s in jadwal_siklus if s.keadaan == StatusTahapan.BELUM_MULAI]
    return berikut[:1]


def beranda_untuk(user, pada: datetime.date | None = None) -> list[KartuPenugasan]:
    """One card per active penugasan of ``user``. Three queries whatever the count."""
    pada = pada or hari_ini()
    penugasan = user.penugasan_aktif
    daerah_ids = {p.daerah_induk.pk for p in penugasan if p.daerah_induk}
    siklus_per_daerah = {
        s.daerah_id: s
        for s in Siklus.objects.filter(daerah_id__in=daerah_ids, aktif=True)
        .select_related("daerah")
        .prefetch_related(Prefetch("tahapan", queryset=Tahapan.objects.order_by("mulai")))
    }
    kartu = []
    for p in penugasan:
        siklus = siklus_per_daerah.get(p.daerah_induk.pk) if p.daerah_induk else None
        k = KartuPenugasan(penugasan=p, siklus=siklus)
        if siklus is not None:
            k.jadwal = jadwal(siklus, pada)
            k.sekarang = _tahapan_sekarang(k.jadwal)
            k.tugas = [t for s in k.sekarang for t in tugas_untuk(p.peran, s.tahapan.jenis)]
            if p.peran == Peran.ADMIN_BAPPEDA:
                k.peringatan = peringatan_jadwal(siklus)
        kartu.append(k)
    return kartu
