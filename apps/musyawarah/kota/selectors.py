"""Reads for the kota forum's own pages: the board of kecamatan results, and the usulan
grouped per perangkat daerah for the decisions. Query counts do not grow with rows."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from apps.musyawarah.kota.kesepakatan import (
    KeputusanKota,
    keputusan_kota,
    kunci_urutan,
    pembahasan_kota,
)
from apps.musyawarah.models import Musyawarah, StatusMusyawarah, Tingkat
from apps.siklus.models import Tahapan
from apps.siklus.selectors import hari_ini
from apps.wilayah.models import Kecamatan, PerangkatDaerah

WARNA = {
    KeputusanKota.BELUM: "light border",
    KeputusanKota.SETUJU: "success",
    KeputusanKota.PINDAH: "success",
    KeputusanKota.TOLAK: "danger",
}


def forum_kota(user, siklus) -> Musyawarah | None:
    """The real kota forum of ``siklus`` if the user may see it."""
    if siklus is None:
        return None
    return (
        Musyawarah.objects.for_user(user)
        .filter(siklus=siklus, tingkat=Tingkat.KOTA, latihan=False)
        .select_related("berita_acara", "daerah")
        .first()
    )


@dataclass
class BarisKecamatan:
    """One kecamatan on the kota forum's board of inputs."""

    kecamatan: Kecamatan
    forum: Musyawarah | None
    usulan: int  # usulan of this kecamatan the kota forum holds (merged ones ride along)
    biaya: int
    peserta: int  # its delegates and camat invited to the kota forum
    terlambat: bool

    @property
    def label(self) -> str:
        if self.forum is None:
            return _("Belum mulai")
        if self.forum.ditandatangani:
            return _("Ditandatangani")
        if self.forum.status in (StatusMusyawarah.PELAKSANAAN, StatusMusyawarah.PENETAPAN):
            return _("Sudah dilaksanakan, belum ditandatangani")
        return _("Persiapan")

    @property
    def warna(self) -> str:
        return self.forum.warna_status if self.forum else "light"


def papan_kecamatan(m: Musyawarah) -> list[BarisKecamatan]:
    """Every kecamatan of the daerah, by name: its kecamatan forum's state (signed with
    its document, held, preparing, not started; late against the tahapan), and what of
    it the kota forum holds. Five queries whatever the count."""
    forum = {
        f.kecamatan_id: f
        for f in Musyawarah.objects.filter(
            siklus_id=m.siklus_id, tingkat=Tingkat.KECAMATAN, latihan=False
        ).select_related("berita_acara")
    }
    usulan: Counter = Counter()
    biaya: Counter = Counter()
    for p in m.pembahasan.filter(digabung_ke__isnull=True).values(
        "usulan__kelurahan__kecamatan_id", "usulan__perkiraan_biaya"
    ):
        usulan[p["usulan__kelurahan__kecamatan_id"]] += 1
        biaya[p["usulan__kelurahan__kecamatan_id"]] += int(p["usulan__perkiraan_biaya"])
    peserta = dict(
        m.peserta.exclude(kecamatan_asal=None)
        .values_list("kecamatan_asal_id")
        .annotate(n=Count("pk"))
        .values_list("kecamatan_asal_id", "n")
    )
    tahapan = Tahapan.objects.filter(
        siklus_id=m.siklus_id, jenis=Tahapan.Jenis.MUSRENBANG_KECAMATAN
    ).first()
    lewat = tahapan is not None and tahapan.selesai < hari_ini()
    return [
        BarisKecamatan(
            kecamatan=k,
            forum=forum.get(k.pk),
            usulan=usulan[k.pk],
            biaya=biaya[k.pk],
            peserta=peserta.get(k.pk, 0),
            terlambat=lewat and not (k.pk in forum and forum[k.pk].ditandatangani),
        )
        for k in m.daerah.kecamatan.order_by("nama")
    ]


@dataclass
class BlokPerangkatDaerah:
    """The usulan addressed to one perangkat daerah, as the kecamatan sent them, with
    what the forum decided on each."""

    pd: PerangkatDaerah | None
    baris: list = field(default_factory=list)
    masuk: list = field(default_factory=list)  # moved here from another perangkat daerah

    @property
    def jumlah(self) -> int:
        return len(self.baris)

    @property
    def total(self) -> int:
        return int(sum(p.biaya for p in self.baris))

    def _n(self, *k) -> int:
        return sum(1 for p in self.baris if p.keputusan_kota in k)

    @property
    def belum(self) -> int:
        return self._n(KeputusanKota.BELUM)

    @property
    def disepakati(self) -> int:
        return self._n(KeputusanKota.SETUJU, KeputusanKota.PINDAH)

    @property
    def dipindah(self) -> int:
        return self._n(KeputusanKota.PINDAH)

    @property
    def ditolak(self) -> int:
        return self._n(KeputusanKota.TOLAK)

    @property
    def total_disepakati(self) -> int:
        """What the forum agreed for this perangkat daerah: its own agreed usulan that
        stay, and those moved here."""
        tetap = sum(p.biaya for p in self.baris if p.keputusan_kota == KeputusanKota.SETUJU)
        return int(tetap + sum(p.biaya for p in self.masuk))


def per_perangkat_daerah(m: Musyawarah) -> list[BlokPerangkatDaerah]:
    """The forum's usulan grouped by the perangkat daerah the kecamatan sent them to,
    perangkat daerah by name (usulan without one last), each in the order of its
    kecamatan and their place there; each row knows its ``keputusan_kota``. Those moved
    are listed again, read-only, under the perangkat daerah they move to."""
    blok: dict[int | None, BlokPerangkatDaerah] = {}
    for p in sorted(pembahasan_kota(m), key=kunci_urutan):
        p.keputusan_kota = keputusan_kota(p)
        p.label_keputusan = KeputusanKota(p.keputusan_kota).label
        p.warna_keputusan = WARNA[p.keputusan_kota]
        pd = p.usulan.perangkat_daerah
        blok.setdefault(pd.pk if pd else None, BlokPerangkatDaerah(pd)).baris.append(p)
    for b in list(blok.values()):
        for p in b.baris:
            if p.keputusan_kota == KeputusanKota.PINDAH:
                tujuan = p.perangkat_daerah
                blok.setdefault(tujuan.pk, BlokPerangkatDaerah(tujuan)).masuk.append(p)
    return sorted(blok.values(), key=lambda b: (b.pd is None, b.pd.nama if b.pd else ""))
