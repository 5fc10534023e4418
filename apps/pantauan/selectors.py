"""Bappeda's progress board: every forum of the active siklus and the usulan it moved.

One :func:`papan` answers "which kelurahan haven't signed yet, and which kecamatan is
behind?": per kecamatan and per kelurahan the state of each forum (not started,
preparing, held, signed) and whether it is late against the tahapan dates, the usulan
and their cost at each stage, and the share of women among the participants. Everything
is counted in the database in a fixed number of queries (:data:`JUMLAH_QUERY`), whatever
the number of kelurahan, forums, participants or usulan: a large kabupaten's 430
kelurahan and 20,000 usulan cost what Banjarmasin's 52 do.

Who may open it is :func:`daerah_pantauan`'s answer (admin Bappeda of the daerah).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db import models
from django.db.models import Count, Prefetch, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.akun.permissions import Aksi, penugasan_untuk
from apps.musyawarah.models import Musyawarah, StatusMusyawarah, Tingkat
from apps.siklus.models import Siklus, Tahapan
from apps.siklus.selectors import StatusTahapan, hari_ini, status_tahapan
from apps.usulan.models import STATUS_UNTUK_PERANGKAT_DAERAH, Status, Usulan
from apps.wilayah.models import Daerah, Kecamatan, Kelurahan


def daerah_pantauan(user) -> list[Daerah]:
    """The daerah whose board ``user`` may open: where they are admin Bappeda; every
    daerah for a superuser. Empty for everyone else (the view answers 403)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return list(Daerah.objects.order_by("kode"))
    daerah = {p.daerah.pk: p.daerah for p in penugasan_untuk(user, Aksi.PANTAU)}
    return sorted(daerah.values(), key=lambda d: d.kode)


class Keadaan(models.TextChoices):
    """Where a forum stands, as the board groups it (the forum's own status is finer)."""

    DITANDATANGANI = "ditandatangani", _("Ditandatangani")
    # Held (or being held) and not signed yet: the forum's pelaksanaan and penetapan.
    DILAKSANAKAN = "dilaksanakan", _("Dilaksanakan")
    PERSIAPAN = "persiapan", _("Persiapan")
    BELUM_MULAI = "belum_mulai", _("Belum mulai")


_KEADAAN_STATUS = {
    StatusMusyawarah.PERSIAPAN: Keadaan.PERSIAPAN,
    StatusMusyawarah.PELAKSANAAN: Keadaan.DILAKSANAKAN,
    StatusMusyawarah.PENETAPAN: Keadaan.DILAKSANAKAN,
    StatusMusyawarah.SELESAI: Keadaan.DITANDATANGANI,
}
# Badge colours (Bootstrap), the same as the forum pages' status badges.
WARNA_KEADAAN = {
    Keadaan.DITANDATANGANI: "success",
    Keadaan.DILAKSANAKAN: "warning",
    Keadaan.PERSIAPAN: "secondary",
    Keadaan.BELUM_MULAI: "light",
}
# The "most behind first" order: not started before preparing before held before signed.
_URUTAN_TERTINGGAL = {
    Keadaan.BELUM_MULAI: 0,
    Keadaan.PERSIAPAN: 1,
    Keadaan.DILAKSANAKAN: 2,
    Keadaan.DITANDATANGANI: 3,
}


@dataclass(frozen=True)
class Tahap:
    """A stage of the usulan's journey, counted as "reached at least this far": an
    usulan now accepted by its perangkat daerah also counts as sent to the kota. The
    three hand-overs between levels; every status on its own is in ``Papan.per_status``."""

    kode: str
    label: str
    status: frozenset[str]


TAHAP = (
    Tahap("diajukan", _("Diajukan"), frozenset(Status.values) - {Status.DRAF}),
    Tahap("ke_kecamatan", _("Prioritas ke kecamatan"), frozenset(STATUS_UNTUK_PERANGKAT_DAERAH)),
    Tahap(
        "ke_kota",
        _("Diteruskan ke kota"),
        frozenset({Status.DITERUSKAN_KOTA, Status.DITERIMA, Status.DITOLAK}),
    ),
)
TAHAP_PER_KODE = {t.kode: t for t in TAHAP}


@dataclass
class Jumlah:
    """How many usulan and their estimated cost together."""

    usulan: int = 0
    biaya: Decimal = Decimal(0)

    def __add__(self, other: "Jumlah") -> "Jumlah":
        return Jumlah(self.usulan + other.usulan, self.biaya + other.biaya)


def _per_tahap(per_status: dict[str, Jumlah]) -> list[Jumlah]:
    return [sum((per_status.get(s, Jumlah()) for s in t.status), Jumlah()) for t in TAHAP]


@dataclass
class BarisForum:
    """One wilayah's forum of one level (kelurahan → its desa forum, kecamatan → its
    kecamatan forum), or the lack of one, with what the board shows of it."""

    wilayah: Kelurahan | Kecamatan
    forum: Musyawarah | None
    keadaan: str
    # Not signed and the level's tahapan has ended.
    terlambat: bool = False
    # Not late yet, but scheduled after the tahapan ends.
    lewat_jadwal: bool = False
    # Invitees while preparing, those present once opened (as the keterwakilan panel).
    peserta: int = 0
    perempuan: int = 0
    dasar_peserta: str = ""  # "undangan" | "hadir" | "" (no forum)
    hadir: int = 0
    hadir_perempuan: int = 0
    tahap: list[Jumlah] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Keadaan(self.keadaan).label

    @property
    def warna(self) -> str:
        return WARNA_KEADAAN[self.keadaan]

    @property
    def ditandatangani(self) -> bool:
        return self.keadaan == Keadaan.DITANDATANGANI

    @property
    def persen_perempuan(self) -> float | None:
        return 100 * self.perempuan / self.peserta if self.peserta else None

    @property
    def belum_dikirim(self) -> bool:
        """A signed kecamatan forum whose camat has not sent its copies yet: its
        priorities are not "diteruskan ke kota" until then."""
        return (
            self.ditandatangani
            and self.forum.tingkat == Tingkat.KECAMATAN
            and self.forum.dikirim_pada is None
        )

    @property
    def dihitung_dari_undangan(self) -> bool:
        return self.dasar_peserta == "undangan"

    @property
    def berita_acara(self):
        return self.forum.berita_acara if self.forum and self.forum.berita_acara_id else None

    @property
    def url_forum(self) -> str:
        return reverse("musyawarah:ringkasan", args=[self.forum.pk]) if self.forum else ""

    @property
    def url_hasil(self) -> str:
        """The signed outputs: the forum's "Hasil & dokumen" page, from the snapshot."""
        if self.berita_acara is None:
            return ""
        return reverse("musyawarah:keluaran", args=[self.forum.pk, "berita_acara"])

    @property
    def url_pdf(self) -> str:
        if self.berita_acara is None:
            return ""
        return reverse("musyawarah:unduh", args=[self.forum.pk, "berita_acara", "pdf"])

    @property
    def url_verifikasi(self) -> str:
        if self.berita_acara is None:
            return ""
        return reverse("publik:verifikasi", args=[self.berita_acara.kode])

    @property
    def urutan_tertinggal(self) -> tuple:
        return (
            not self.terlambat,
            not self.lewat_jadwal,
            _URUTAN_TERTINGGAL[self.keadaan],
            self.wilayah.nama,
        )


@dataclass
class BarisKecamatan:
    kecamatan: Kecamatan
    forum: BarisForum
    kelurahan: list[BarisForum]
    tahap: list[Jumlah]

    @property
    def jumlah_kelurahan(self) -> int:
        return len(self.kelurahan)

    @property
    def per_keadaan(self) -> dict[str, int]:
        hasil = dict.fromkeys(Keadaan.values, 0)
        for b in self.kelurahan:
            hasil[b.keadaan] += 1
        return hasil

    @property
    def ditandatangani(self) -> int:
        return sum(1 for b in self.kelurahan if b.ditandatangani)

    @property
    def terlambat(self) -> int:
        """Late kelurahan forums (the kecamatan's own forum is ``forum.terlambat``)."""
        return sum(1 for b in self.kelurahan if b.terlambat)

    @property
    def persen_ditandatangani(self) -> float:
        return 100 * self.ditandatangani / self.jumlah_kelurahan if self.jumlah_kelurahan else 0.0

    @property
    def tertinggal(self) -> bool:
        return self.forum.terlambat or self.terlambat > 0

    @property
    def hadir(self) -> int:
        return sum(b.hadir for b in self.kelurahan)

    @property
    def hadir_perempuan(self) -> int:
        return sum(b.hadir_perempuan for b in self.kelurahan)

    @property
    def persen_perempuan(self) -> float | None:
        """Women among those present at the kecamatan's kelurahan forums, together."""
        return 100 * self.hadir_perempuan / self.hadir if self.hadir else None

    @property
    def urutan_tertinggal(self) -> tuple:
        return (
            -(self.terlambat + self.forum.terlambat),
            self.persen_ditandatangani,
            self.kecamatan.nama,
        )


@dataclass
class Papan:
    daerah: Daerah
    siklus: Siklus
    pada: datetime.date
    tahapan_desa: StatusTahapan | None
    tahapan_kecamatan: StatusTahapan | None
    kecamatan: list[BarisKecamatan]
    per_status: dict[str, Jumlah]
    tahap: tuple[Tahap, ...] = TAHAP

    # Read many times by one page: computed once.
    @cached_property
    def kelurahan(self) -> list[BarisForum]:
        return [b for k in self.kecamatan for b in k.kelurahan]

    @cached_property
    def total(self) -> list[Jumlah]:
        return _per_tahap(self.per_status)

    @property
    def tahap_total(self) -> list[tuple[Tahap, Jumlah]]:
        return list(zip(self.tahap, self.total, strict=True))

    @property
    def status_usulan(self) -> list[tuple[str, str, Jumlah]]:
        """(status, label, count and cost) for every status of the lifecycle, in order."""
        return [(s.value, s.label, self.per_status.get(s.value, Jumlah())) for s in Status]

    @property
    def semua_usulan(self) -> Jumlah:
        return sum(self.per_status.values(), Jumlah())

    @property
    def jumlah_kelurahan(self) -> int:
        return len(self.kelurahan)

    @property
    def kelurahan_ditandatangani(self) -> int:
        return sum(k.ditandatangani for k in self.kecamatan)

    @property
    def kelurahan_terlambat(self) -> int:
        return sum(k.terlambat for k in self.kecamatan)

    @property
    def kelurahan_lewat_jadwal(self) -> int:
        return sum(1 for b in self.kelurahan if b.lewat_jadwal)

    @property
    def persen_kelurahan_ditandatangani(self) -> float:
        n = self.jumlah_kelurahan
        return 100 * self.kelurahan_ditandatangani / n if n else 0.0

    @property
    def kecamatan_ditandatangani(self) -> int:
        return sum(1 for k in self.kecamatan if k.forum.ditandatangani)

    @property
    def kecamatan_terlambat(self) -> int:
        return sum(1 for k in self.kecamatan if k.forum.terlambat)

    @property
    def kecamatan_tertinggal(self) -> list[BarisKecamatan]:
        """The kecamatan with a late forum at either level, most behind first."""
        return sorted(
            (k for k in self.kecamatan if k.tertinggal), key=lambda k: k.urutan_tertinggal
        )

    @property
    def persen_kecamatan_ditandatangani(self) -> float:
        n = len(self.kecamatan)
        return 100 * self.kecamatan_ditandatangani / n if n else 0.0

    @property
    def hadir(self) -> int:
        return sum(b.hadir for b in self.kelurahan) + sum(k.forum.hadir for k in self.kecamatan)

    @property
    def hadir_perempuan(self) -> int:
        return sum(b.hadir_perempuan for b in self.kelurahan) + sum(
            k.forum.hadir_perempuan for k in self.kecamatan
        )

    @property
    def persen_perempuan(self) -> float | None:
        return 100 * self.hadir_perempuan / self.hadir if self.hadir else None


def _tahapan(siklus: Siklus, jenis: str, pada: datetime.date) -> StatusTahapan | None:
    t = next((t for t in siklus.tahapan.all() if t.jenis == jenis), None)
    return status_tahapan(t, pada) if t is not None else None


def _baris_forum(
    wilayah, forum: Musyawarah | None, tahapan: StatusTahapan | None, per_status
) -> BarisForum:
    keadaan = _KEADAAN_STATUS[forum.status] if forum else Keadaan.BELUM_MULAI
    b = BarisForum(
        wilayah=wilayah,
        forum=forum,
        keadaan=keadaan,
        tahap=_per_tahap(per_status),
    )
    if keadaan != Keadaan.DITANDATANGANI and tahapan is not None:
        b.terlambat = tahapan.keadaan == StatusTahapan.SELESAI
        b.lewat_jadwal = (
            not b.terlambat
            and forum is not None
            and forum.tanggal is not None
            and forum.tanggal > tahapan.tahapan.selesai
        )
    if forum is not None:
        b.hadir, b.hadir_perempuan = forum.n_hadir, forum.n_hadir_p
        if forum.dalam_persiapan:
            b.dasar_peserta, b.peserta, b.perempuan = (
                "undangan",
                forum.n_undangan,
                forum.n_undangan_p,
            )
        else:
            b.dasar_peserta, b.peserta, b.perempuan = "hadir", forum.n_hadir, forum.n_hadir_p
    return b


def forum_siklus(user, siklus: Siklus):
    """The real (not practice) desa and kecamatan forums of ``siklus`` the user sees,
    with their participants counted in the database: invitees and those present, and
    the women among each. The signed document comes without its snapshot (a berita
    acara's frozen JSON is large, and the board shows only its code and date)."""
    hadir = Q(peserta__hadir=True)
    undangan = Q(peserta__diundang=True)
    perempuan = Q(peserta__jenis_kelamin="P")
    return (
        Musyawarah.objects.for_user(user)
        .filter(siklus=siklus, latihan=False, tingkat__in=[Tingkat.DESA, Tingkat.KECAMATAN])
        .select_related("berita_acara")
        .only(
            "pk",
            "siklus_id",
            "tingkat",
            "status",
            "kelurahan_id",
            "kecamatan_id",
            "kode_wilayah",
            "tanggal",
            "dikirim_pada",
            "latihan",
            "berita_acara",
            "berita_acara__kode",
            "berita_acara__ditandatangani_pada",
        )
        .annotate(
            n_hadir=Count("peserta", filter=hadir),
            n_hadir_p=Count("peserta", filter=hadir & perempuan),
            n_undangan=Count("peserta", filter=undangan),
            n_undangan_p=Count("peserta", filter=undangan & perempuan),
        )
        .order_by()
    )


def usulan_per_wilayah(user, siklus: Siklus) -> dict[str, dict[str, Jumlah]]:
    """{kode_wilayah: {status: Jumlah}} of the siklus's usulan: one GROUP BY. The owner
    is the kelurahan, or the kecamatan for an usulan the kecamatan forum proposed."""
    hasil: dict[str, dict[str, Jumlah]] = defaultdict(dict)
    for r in (
        Usulan.objects.for_user(user)
        .filter(siklus=siklus)
        .values("kode_wilayah", "status")
        .annotate(n=Count("pk"), biaya=Sum("perkiraan_biaya"))
        .order_by()
    ):
        hasil[r["kode_wilayah"]][r["status"]] = Jumlah(r["n"], r["biaya"] or Decimal(0))
    return hasil


def _gabung(*bagian: dict[str, Jumlah]) -> dict[str, Jumlah]:
    hasil: dict[str, Jumlah] = {}
    for b in bagian:
        for status, j in b.items():
            hasil[status] = hasil.get(status, Jumlah()) + j
    return hasil


def siklus_pantauan(daerah: Daerah) -> Siklus | None:
    """The daerah's active siklus with its tahapan (two queries)."""
    return (
        Siklus.objects.filter(daerah=daerah, aktif=True)
        .select_related("daerah")
        .prefetch_related(Prefetch("tahapan", queryset=Tahapan.objects.order_by("mulai")))
        .first()
    )


# What papan() costs, whatever the size of the daerah: the siklus and its tahapan, the
# kecamatan, the kelurahan, the forums with their participants, the usulan per status.
JUMLAH_QUERY = 6


def papan(
    user, daerah: Daerah, pada: datetime.date | None = None, *, siklus: Siklus | None = None
) -> Papan | None:
    """The board of ``daerah``'s active siklus on ``pada`` (default today), as ``user``
    sees it (the view lets only its admin Bappeda in); None without an active siklus.

    Kecamatan and kelurahan in name order; each kelurahan with its desa forum, each
    kecamatan with its kecamatan forum, each with the usulan it owns per stage (a
    kecamatan's totals hold its kelurahan's usulan and its own). A caller that has the
    active siklus with its tahapan prefetched (the home page) passes it in ``siklus``.
    """
    pada = pada or hari_ini()
    siklus = siklus or siklus_pantauan(daerah)
    if siklus is None:
        return None
    tahapan_desa = _tahapan(siklus, Tahapan.Jenis.MUSRENBANG_DESA, pada)
    tahapan_kecamatan = _tahapan(siklus, Tahapan.Jenis.MUSRENBANG_KECAMATAN, pada)

    kecamatan = list(Kecamatan.objects.for_user(user).filter(daerah=daerah).order_by("nama"))
    kelurahan_per_kecamatan: dict[int, list[Kelurahan]] = defaultdict(list)
    for kel in (
        Kelurahan.objects.for_user(user).filter(kecamatan__daerah=daerah).order_by("nama", "kode")
    ):
        kelurahan_per_kecamatan[kel.kecamatan_id].append(kel)
    forum_desa, forum_kecamatan = {}, {}
    for m in forum_siklus(user, siklus):
        if m.tingkat == Tingkat.DESA:
            forum_desa[m.kelurahan_id] = m
        else:
            forum_kecamatan[m.kecamatan_id] = m
    usulan = usulan_per_wilayah(user, siklus)

    baris = []
    per_status_daerah: dict[str, Jumlah] = {}
    for kec in kecamatan:
        kelurahan = [
            _baris_forum(kel, forum_desa.get(kel.pk), tahapan_desa, usulan.get(kel.kode, {}))
            for kel in kelurahan_per_kecamatan[kec.pk]
        ]
        # The kecamatan's usulan: its kelurahan's and the ones it proposed itself.
        per_status = _gabung(
            usulan.get(kec.kode, {}),
            *(usulan.get(kel.kode, {}) for kel in kelurahan_per_kecamatan[kec.pk]),
        )
        per_status_daerah = _gabung(per_status_daerah, per_status)
        forum = _baris_forum(
            kec, forum_kecamatan.get(kec.pk), tahapan_kecamatan, usulan.get(kec.kode, {})
        )
        baris.append(
            BarisKecamatan(
                kecamatan=kec, forum=forum, kelurahan=kelurahan, tahap=_per_tahap(per_status)
            )
        )
    return Papan(
        daerah=daerah,
        siklus=siklus,
        pada=pada,
        tahapan_desa=tahapan_desa,
        tahapan_kecamatan=tahapan_kecamatan,
        kecamatan=baris,
        per_status=per_status_daerah,
    )


TAMPIL = {
    "semua": _("Semua"),
    "terlambat": _("Terlambat"),
    "belum": _("Belum ditandatangani"),
}
URUT = {
    "nama": _("Nama"),
    "tertinggal": _("Paling tertinggal"),
}


@dataclass
class Bagian:
    """A kecamatan listed below the summary: its whole row (its counts stay those of all
    its kelurahan) and the kelurahan rows the filter kept."""

    kecamatan: BarisKecamatan
    kelurahan: list[BarisForum]


def saring(
    papan: Papan, *, tampil: str = "semua", urut: str = "nama", kecamatan: str = ""
) -> list[Bagian]:
    """The kecamatan and kelurahan rows to list below the summary: only the late ones
    (``terlambat``), only those not signed (``belum``) or all; one kecamatan by kode;
    by name or most behind first (late first, then the least signed)."""
    cocok = {
        "terlambat": lambda b: b.terlambat,
        "belum": lambda b: not b.ditandatangani,
    }.get(tampil, lambda b: True)
    hasil = []
    for k in papan.kecamatan:
        if kecamatan and k.kecamatan.kode != kecamatan:
            continue
        kel = [b for b in k.kelurahan if cocok(b)]
        if not kel and not cocok(k.forum):
            continue
        if urut == "tertinggal":
            kel.sort(key=lambda b: b.urutan_tertinggal)
        hasil.append(Bagian(k, kel))
    if urut == "tertinggal":
        hasil.sort(key=lambda b: b.kecamatan.urutan_tertinggal)
    return hasil


def hitung_per_perangkat_daerah(user, siklus: Siklus, tahap: Tahap) -> list[dict]:
    """Usulan of ``siklus`` that reached ``tahap``, counted and costed per perangkat
    daerah (None: no SKPD, e.g. swadaya), largest cost first. One query."""
    return list(
        Usulan.objects.for_user(user)
        .filter(siklus=siklus, status__in=tahap.status)
        .values("perangkat_daerah_id", "perangkat_daerah__singkatan", "perangkat_daerah__nama")
        .annotate(n=Count("pk"), biaya=Sum("perkiraan_biaya"))
        .order_by("-biaya", "perangkat_daerah__nama")
    )


def hitung_per_prioritas(user, siklus: Siklus, tahap: Tahap) -> list[dict]:
    """The same per prioritas daerah, in the RKPD's order (None, not mapped, last)."""
    baris = list(
        Usulan.objects.for_user(user)
        .filter(siklus=siklus, status__in=tahap.status)
        .values("prioritas_daerah_id", "prioritas_daerah__nomor", "prioritas_daerah__nama")
        .annotate(n=Count("pk"), biaya=Sum("perkiraan_biaya"))
        .order_by()
    )
    return sorted(
        baris,
        key=lambda r: (r["prioritas_daerah_id"] is None, r["prioritas_daerah__nomor"] or 0),
    )
