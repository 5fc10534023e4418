"""What the home page shows: per penugasan, the wilayah, the siklus schedule, the tasks."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from apps.akun.models import Penugasan, Peran
from apps.beranda.tugas import Tugas, tugas_untuk
from apps.musyawarah.selectors import (
    forum_desa_per_kelurahan,
    forum_kecamatan_per_kecamatan,
    langkah_fasilitator,
    langkah_forum,
    langkah_kecamatan,
)
from apps.pantauan.selectors import Papan, papan
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
    # An admin Bappeda's home opens on the progress board's summary.
    pantauan: Papan | None = None


def _tahapan_sekarang(jadwal_siklus: list[StatusTahapan]) -> list[StatusTahapan]:
    """The running tahapan; if none runs, the next one; after the last, nothing."""
    berjalan = [s for s in jadwal_siklus if s.terbuka]
    if berjalan:
        return berjalan
    berikut = [s for s in jadwal_siklus if s.keadaan == StatusTahapan.BELUM_MULAI]
    return berikut[:1]


def _tugas_forum_desa(m, jadwal_siklus) -> list[Tugas]:
    """An operator's home follows their Musrenbang: once it exists, what it needs next
    replaces the tahapan's to-do list; once signed, what is done and what comes next."""
    if m is None:
        return []
    kecamatan = next(
        (s.tahapan for s in jadwal_siklus if s.tahapan.jenis == Tahapan.Jenis.MUSRENBANG_KECAMATAN),
        None,
    )
    return [Tugas(t.teks, url=t.url, selesai=t.selesai) for t in langkah_forum(m, kecamatan)]


def beranda_untuk(user, pada: datetime.date | None = None) -> list[KartuPenugasan]:
    """One card per active penugasan of ``user``. Three queries whatever the count, and
    an admin Bappeda's board summary (apps.pantauan: a fixed number more)."""
    pada = pada or hari_ini()
    penugasan = user.penugasan_aktif
    daerah_ids = {p.daerah_induk.pk for p in penugasan if p.daerah_induk}
    siklus_per_daerah = {
        s.daerah_id: s
        for s in Siklus.objects.filter(daerah_id__in=daerah_ids, aktif=True)
        .select_related("daerah")
        .prefetch_related(Prefetch("tahapan", queryset=Tahapan.objects.order_by("mulai")))
    }
    forum_desa = forum_desa_per_kelurahan(
        [p.kelurahan_id for p in penugasan if p.kelurahan_id],
        [s.pk for s in siklus_per_daerah.values()],
    )
    forum_kecamatan = forum_kecamatan_per_kecamatan(
        [p.kecamatan_id for p in penugasan if p.kecamatan_id],
        [s.pk for s in siklus_per_daerah.values()],
    )
    kartu = []
    for p in penugasan:
        siklus = siklus_per_daerah.get(p.daerah_induk.pk) if p.daerah_induk else None
        k = KartuPenugasan(penugasan=p, siklus=siklus)
        if siklus is not None:
            k.jadwal = jadwal(siklus, pada)
            k.sekarang = _tahapan_sekarang(k.jadwal)
            k.tugas = [t for s in k.sekarang for t in tugas_untuk(p.peran, s.tahapan.jenis)]
            if p.peran == Peran.OPERATOR_KELURAHAN:
                forum = forum_desa.get((p.kelurahan_id, siklus.pk))
                k.tugas = _tugas_forum_desa(forum, k.jadwal) or k.tugas
            elif p.peran in (Peran.CAMAT, Peran.OPERATOR_KECAMATAN):
                forum = forum_kecamatan.get((p.kecamatan_id, siklus.pk))
                if forum is not None:
                    k.tugas = [
                        Tugas(t.teks, url=t.url, selesai=t.selesai)
                        for t in langkah_kecamatan(forum)
                    ]
            elif p.peran == Peran.FASILITATOR:
                k.tugas = [
                    Tugas(t.teks, url=t.url, selesai=t.selesai)
                    for t in langkah_fasilitator(user, p.kecamatan_id, siklus)
                ] or k.tugas
            if p.peran == Peran.ADMIN_BAPPEDA:
                k.peringatan = peringatan_jadwal(siklus)
                k.pantauan = papan(user, p.daerah, pada, siklus=siklus)
        kartu.append(k)
    return kartu
