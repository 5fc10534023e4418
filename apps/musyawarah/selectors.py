"""Reads on forums: lists, the keterwakilan panel, the draft RKP Desa, the decisions page."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from apps.core.formatting import rentang_tanggal
from apps.musyawarah.models import (
    KelompokSosial,
    KelompokUsia,
    Keputusan,
    Musyawarah,
    Pembahasan,
    Peserta,
    StatusMusyawarah,
    Tingkat,
    Unsur,
)
from apps.musyawarah.pembahasan import usulan_forum
from apps.siklus.models import Tahapan
from apps.usulan.models import Masalah, RpjmDesa, Sektor, Usulan
from apps.usulan.selectors import kemiripan

# The seed's five sectors: the forum should hear each of them.
SEKTOR_SEED = (
    Sektor.EKONOMI,
    Sektor.PERTANIAN,
    Sektor.KESEHATAN,
    Sektor.PENDIDIKAN,
    Sektor.LINGKUNGAN,
)


def musyawarah_daftar(user, *, siklus=None):
    qs = (
        Musyawarah.objects.for_user(user)
        .filter(tingkat=Tingkat.DESA)
        .select_related("kelurahan__kecamatan", "siklus", "berita_acara")
        .annotate(
            jumlah_hadir=Count("peserta", filter=Q(peserta__hadir=True), distinct=True),
        )
        .order_by("kelurahan__kecamatan__kode", "kelurahan__kode")
    )
    if siklus is not None:
        qs = qs.filter(siklus=siklus)
    return qs


def musyawarah_detail(user, pk: int) -> Musyawarah:
    """Raises Musyawarah.DoesNotExist outside the user's scope (views answer 404)."""
    return (
        Musyawarah.objects.for_user(user)
        .select_related("kelurahan__kecamatan__daerah", "siklus__daerah", "berita_acara")
        .prefetch_related(
            "tpm",
            "pemandu",
            "agenda",
            "logistik",
            Prefetch("peserta", queryset=Peserta.objects.select_related("lingkungan", "rt")),
        )
        .get(pk=pk)
    )


@dataclass
class Kelompok:
    label: str
    jumlah: int

    @property
    def ada(self) -> bool:
        return self.jumlah > 0


@dataclass
class Dimensi:
    nama: str
    kelompok: list[Kelompok]
    # When no fixed list applies (organisations), what is missing if nobody came.
    kosong: str = ""

    @property
    def kurang(self) -> list[str]:
        if self.kosong:
            return [] if any(k.ada for k in self.kelompok) else [self.kosong]
        return [k.label for k in self.kelompok if not k.ada]

    @property
    def hadir(self) -> list[Kelompok]:
        return [k for k in self.kelompok if k.ada]


@dataclass
class Keterwakilan:
    dimensi: list[Dimensi] = field(default_factory=list)
    jumlah: int = 0
    perempuan: int = 0
    dasar: str = "hadir"  # "hadir" (attendance) or "undangan" (before the forum)

    @property
    def persen_perempuan(self) -> int:
        return round(100 * self.perempuan / self.jumlah) if self.jumlah else 0

    @property
    def kurang(self) -> list[tuple[str, str]]:
        return [(d.nama, label) for d in self.dimensi for label in d.kurang]

    @property
    def lengkap(self) -> bool:
        return not self.kurang


def keterwakilan(m: Musyawarah, peserta: list[Peserta] | None = None) -> Keterwakilan:
    """Who is represented among those present (or invited, before the forum), along the
    six dimensions of the seed, and which groups are missing."""
    if peserta is None:
        peserta = list(m.peserta.all())
    dasar = "undangan" if m.status == StatusMusyawarah.PERSIAPAN else "hadir"
    orang = [p for p in peserta if (p.diundang if dasar == "undangan" else p.hadir)]

    def hitung(fn) -> Counter:
        c = Counter()
        for p in orang:
            for kunci in fn(p):
                c[kunci] += 1
        return c

    rw = hitung(lambda p: [p.lingkungan_id] if p.lingkungan_id else [])
    sektor = hitung(lambda p: [p.sektor] if p.sektor else [])
    usia = hitung(lambda p: [p.kelompok_usia] if p.kelompok_usia else [])

    def sosial(p):
        kelompok = set(p.kelompok_sosial or [])
        if p.jenis_kelamin == "P":
            kelompok.add(KelompokSosial.PEREMPUAN)
        if p.jenis_kelamin == "L":
            kelompok.add(KelompokSosial.BAPAK_BAPAK)
        if KelompokSosial.DISABILITAS in kelompok:
            kelompok.add(KelompokSosial.MARJINAL)
        return kelompok

    sos = hitung(sosial)
    unsur = hitung(lambda p: [p.unsur])
    organisasi = hitung(lambda p: [p.organisasi.strip()] if p.organisasi.strip() else [])
    lingkungan = list(m.kelurahan.lingkungan.order_by("nomor")) if m.kelurahan_id else []
    dimensi = [
        Dimensi(_("Wilayah (RW/dusun)"), [Kelompok(str(lg), rw[lg.pk]) for lg in lingkungan]),
        Dimensi(_("Sektor"), [Kelompok(s.label, sektor[s.value]) for s in SEKTOR_SEED]),
        Dimensi(_("Kelompok usia"), [Kelompok(k.label, usia[k.value]) for k in KelompokUsia]),
        Dimensi(
            _("Kelompok sosial dan jenis kelamin"),
            [
                Kelompok(k.label, sos[k.value])
                for k in (
                    KelompokSosial.TOKOH_MASYARAKAT,
                    KelompokSosial.TOKOH_ADAT,
                    KelompokSosial.TOKOH_AGAMA,
                    KelompokSosial.BAPAK_BAPAK,
                    KelompokSosial.PEREMPUAN,
                    KelompokSosial.MARJINAL,
                )
            ],
        ),
        Dimensi(_("Unsur tata pemerintahan"), [Kelompok(u.label, unsur[u.value]) for u in Unsur]),
        Dimensi(
            _("Organisasi"),
            [Kelompok(nama, n) for nama, n in sorted(organisasi.items())],
            kosong=_("organisasi kemasyarakatan"),
        ),
    ]
    return Keterwakilan(
        dimensi=dimensi,
        jumlah=len(orang),
        perempuan=sum(1 for p in orang if p.jenis_kelamin == "P"),
        dasar=dasar,
    )


@dataclass
class BarisRkp:
    usulan: Usulan
    cocok: str  # "sesuai" | "luar_tahun" | "belum"
    saran: RpjmDesa | None = None


def rkp_draf(m: Musyawarah) -> list[BarisRkp]:
    """The draft RKP Desa: the kelurahan's usulan for this siklus checked against its RPJM
    Desa, as one list for the tim pemandu to bring to the forum."""
    tahun = m.siklus.tahun_rencana
    rpjm = list(RpjmDesa.objects.filter(kelurahan_id=m.kelurahan_id))
    hasil = []
    usulan = (
        Usulan.objects.filter(siklus_id=m.siklus_id, kelurahan_id=m.kelurahan_id)
        .exclude(status="draf")
        .select_related("rpjm_desa", "lingkungan", "rt", "perangkat_daerah")
        .order_by("bidang", "lingkungan__nomor", "judul")
    )
    for u in usulan:
        if u.rpjm_desa_id:
            cocok = "sesuai" if u.rpjm_desa.berlaku_pada(tahun) else "luar_tahun"
            hasil.append(BarisRkp(u, cocok))
            continue
        kandidat = [(kemiripan(u.judul, r.kegiatan), r) for r in rpjm if r.berlaku_pada(tahun)]
        kandidat = [k for k in kandidat if k[0] >= 0.5]
        saran = max(kandidat, key=lambda k: k[0])[1] if kandidat else None
        hasil.append(BarisRkp(u, "belum", saran))
    return hasil


def pembahasan_baris(m: Musyawarah) -> list[dict]:
    """Rows of the decisions page: every usulan on the forum's list, ordered as agreed so
    far (new usulan last), with the decision recorded for it."""
    ada = {p.usulan_id: p for p in Pembahasan.objects.filter(musyawarah=m)}
    usulan = list(
        usulan_forum(m).select_related("lingkungan", "rt", "perangkat_daerah").order_by("pk")
    )
    baris = []
    for u in usulan:
        p = ada.get(u.pk)
        baris.append(
            {
                "usulan": u,
                "urutan": p.urutan if p else None,
                "keputusan": p.keputusan if p else Keputusan.BELUM,
                "alasan": p.alasan if p else "",
            }
        )
    baris.sort(key=lambda b: (b["urutan"] is None, b["urutan"] or 0, b["usulan"].pk))
    return baris


def masalah_forum(m: Musyawarah):
    return Masalah.objects.filter(
        kelurahan_id=m.kelurahan_id, siklus_id=m.siklus_id
    ).select_related("lingkungan")


def peringatan(m: Musyawarah) -> list[str]:
    """Things worth a second look, never blocking: the date outside the tahapan window,
    logistics not ready."""
    hasil = []
    tahapan = Tahapan.objects.filter(
        siklus_id=m.siklus_id, jenis=Tahapan.Jenis.MUSRENBANG_DESA
    ).first()
    if m.tanggal and tahapan and not (tahapan.mulai <= m.tanggal <= tahapan.selesai):
        hasil.append(
            _("Tanggal musyawarah di luar jadwal tahapan Musrenbang desa/kelurahan (%(r)s).")
            % {"r": rentang_tanggal(tahapan.mulai, tahapan.selesai)}
        )
    belum = [item.uraian for item in m.logistik.all() if not item.siap]
    if belum and m.status == StatusMusyawarah.PERSIAPAN:
        hasil.append(_("Logistik belum siap: %(l)s.") % {"l": "; ".join(belum)})
    return hasil
