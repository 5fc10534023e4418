"""Reads on forums: lists, the keterwakilan panel, the draft RKP Desa, the decisions page."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.formatting import rentang_tanggal, tanggal, tanggal_hari
from apps.core.scoping import cakupan_dari, cakupan_q
from apps.musyawarah.keterwakilan import Keterwakilan
from apps.musyawarah.models import (
    Keputusan,
    Musyawarah,
    MusyawarahQuerySet,
    Pembahasan,
    Peserta,
    StatusMusyawarah,
    Tingkat,
)
from apps.musyawarah.pembahasan import usulan_forum
from apps.musyawarah.tingkat import kekurangan, spek
from apps.siklus.models import Tahapan
from apps.siklus.selectors import hari_ini
from apps.usulan.models import Masalah, RpjmDesa, Usulan
from apps.usulan.selectors import kemiripan
from apps.wilayah.models import Kecamatan, Kelurahan


def musyawarah_daftar(user, *, siklus=None):
    qs = (
        Musyawarah.objects.for_user(user)
        .filter(tingkat=Tingkat.DESA, latihan=False)
        .select_related("kelurahan__kecamatan", "siklus", "berita_acara")
        .annotate(
            jumlah_hadir=Count("peserta", filter=Q(peserta__hadir=True), distinct=True),
        )
        .order_by("kelurahan__kecamatan__kode", "kelurahan__kode")
    )
    if siklus is not None:
        qs = qs.filter(siklus=siklus)
    return qs


@dataclass
class KeadaanForum:
    """One kelurahan of the user's wilayah and where its desa forum stands."""

    kelurahan: Kelurahan
    forum: Musyawarah | None
    terlambat: bool = False  # the tahapan has ended and the berita acara is not signed

    @property
    def label(self) -> str:
        return self.forum.get_status_display() if self.forum else _("Belum mulai")

    @property
    def warna(self) -> str:
        return self.forum.warna_status if self.forum else "light"


def forum_per_kelurahan(user, siklus) -> list[KeadaanForum]:
    """Every kelurahan the user sees, by name, each with its desa forum of ``siklus`` (or
    none yet): the camat's "which kelurahan is where". Three queries whatever the count."""
    if siklus is None:
        return []
    forum = {m.kelurahan_id: m for m in musyawarah_daftar(user, siklus=siklus)}
    tahapan = Tahapan.objects.filter(siklus=siklus, jenis=Tahapan.Jenis.MUSRENBANG_DESA).first()
    lewat = tahapan is not None and tahapan.selesai < hari_ini()
    return [
        KeadaanForum(
            kelurahan=k,
            forum=forum.get(k.pk),
            terlambat=lewat and not (k.pk in forum and forum[k.pk].ditandatangani),
        )
        # The kelurahan whose forums the user may see (an SKPD sees none).
        for k in Kelurahan.objects.filter(
            cakupan_q(
                cakupan_dari(user),
                kode="kode",
                perangkat_daerah=MusyawarahQuerySet.akses_perangkat_daerah,
            ),
            kecamatan__daerah_id=siklus.daerah_id,
        )
        .select_related("kecamatan")
        .order_by("nama", "kode")
    ]


def musyawarah_detail(user, pk: int) -> Musyawarah:
    """Raises Musyawarah.DoesNotExist outside the user's scope (views answer 404)."""
    return (
        Musyawarah.objects.for_user(user)
        .select_related(
            "kelurahan__kecamatan__daerah",
            "kecamatan__daerah",
            "daerah",
            "siklus__daerah",
            "berita_acara",
            "kriteria",
        )
        .prefetch_related(
            "tpm",
            "pemandu",
            "agenda",
            "logistik",
            "materi",
            Prefetch(
                "peserta",
                queryset=Peserta.objects.select_related(
                    "lingkungan", "rt", "kelurahan_asal", "kecamatan_asal"
                ),
            ),
        )
        .get(pk=pk)
    )


def keterwakilan(m: Musyawarah, peserta: list[Peserta] | None = None) -> Keterwakilan:
    """Who is represented among those present (or invited, before the forum), along the
    dimensions of the forum's level, and which groups are missing."""
    if peserta is None:
        peserta = list(m.peserta.all())
    return spek(m).keterwakilan(m, peserta)


@dataclass
class BarisRkp:
    """An usulan of the siklus and how it stands against the RPJM Desa."""

    usulan: Usulan
    cocok: str  # "sesuai" | "luar_tahun" | "belum"
    saran: RpjmDesa | None = None


@dataclass
class KegiatanRkp:
    """A kegiatan of the RPJM Desa due in the plan year, with the usulan answering it."""

    rpjm: RpjmDesa
    usulan: list[Usulan]

    @property
    def terjawab(self) -> bool:
        return bool(self.usulan)


@dataclass
class RkpDraf:
    """The draft RKP Desa (seed step 3): derived from the RPJM Desa for the plan year."""

    tahun: int
    kegiatan: list[KegiatanRkp]
    luar_rpjm: list[BarisRkp]

    @property
    def belum_dijawab(self) -> list[KegiatanRkp]:
        return [k for k in self.kegiatan if not k.terjawab]

    @property
    def total_rpjm(self) -> int:
        return int(sum(k.rpjm.perkiraan_biaya or 0 for k in self.kegiatan))


def rkp_draf(m: Musyawarah) -> RkpDraf:
    """The RPJM Desa kegiatan due in the siklus's plan year, each with the usulan of this
    siklus that answer it (drafts too: a kegiatan already taken up is not proposed twice),
    and the submitted usulan that follow no RPJM kegiatan, with a likely match. Three
    queries whatever the size."""
    tahun = m.siklus.tahun_rencana
    rpjm = list(
        RpjmDesa.objects.filter(
            kelurahan_id=m.kelurahan_id, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
        ).order_by("bidang", "kegiatan", "pk")
    )
    usulan = list(
        Usulan.objects.filter(
            siklus_id=m.siklus_id, kelurahan_id=m.kelurahan_id, kode_wilayah=m.kode_wilayah
        )
        .select_related("rpjm_desa", "lingkungan", "rt", "perangkat_daerah")
        .order_by("bidang", "lingkungan__nomor", "judul")
    )
    per_rpjm: dict[int, list[Usulan]] = {}
    for u in usulan:
        if u.rpjm_desa_id:
            per_rpjm.setdefault(u.rpjm_desa_id, []).append(u)
    luar = []
    for u in usulan:
        if u.status == "draf":
            continue
        if u.rpjm_desa_id:
            if not u.rpjm_desa.berlaku_pada(tahun):
                luar.append(BarisRkp(u, "luar_tahun"))
            continue
        kandidat = [(kemiripan(u.judul, r.kegiatan), r) for r in rpjm]
        kandidat = [k for k in kandidat if k[0] >= 0.5]
        saran = max(kandidat, key=lambda k: k[0])[1] if kandidat else None
        luar.append(BarisRkp(u, "belum", saran))
    return RkpDraf(
        tahun=tahun,
        kegiatan=[KegiatanRkp(r, per_rpjm.get(r.pk, [])) for r in rpjm],
        luar_rpjm=luar,
    )


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
                "label_keputusan": Keputusan(p.keputusan if p else Keputusan.BELUM).label,
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
    tahapan = Tahapan.objects.filter(siklus_id=m.siklus_id, jenis=spek(m).jenis_tahapan).first()
    if m.tanggal and tahapan and not (tahapan.mulai <= m.tanggal <= tahapan.selesai):
        hasil.append(
            _("Tanggal musyawarah di luar jadwal tahapan %(t)s (%(r)s).")
            % {
                "t": tahapan.get_jenis_display(),
                "r": rentang_tanggal(tahapan.mulai, tahapan.selesai),
            }
        )
    belum = [item.uraian for item in m.logistik.all() if not item.siap]
    if belum and m.status == StatusMusyawarah.PERSIAPAN:
        hasil.append(_("Logistik belum siap: %(l)s.") % {"l": "; ".join(belum)})
    return hasil


def langkah_berikutnya(m: Musyawarah, kurang: list[str]) -> str:
    """What the forum's overview tells the manager to do now: the opening day and the
    practice run are the engine's; everything else is in the level's own words."""
    if m.dalam_persiapan and not kurang:
        if m.tanggal and m.tanggal > hari_ini() and not m.latihan:
            return _(
                "Persiapan lengkap. Musyawarah dapat dibuka pada %(t)s (%(n)d hari lagi). "
                "Sebelum hari itu, Anda dapat berlatih menjalankan seluruh musyawarah."
            ) % {"t": tanggal_hari(m.tanggal), "n": (m.tanggal - hari_ini()).days}
        return _("Persiapan lengkap. Buka musyawarah, lalu catat kehadiran peserta.")
    if m.ditandatangani and m.latihan:
        return _(
            "Latihan selesai. Unduh dokumen latihan untuk diperiksa; hapus latihan bila tidak "
            "diperlukan lagi."
        )
    return spek(m).langkah(m)


def bisa_dibuka(m: Musyawarah, kurang: list[str]) -> bool:
    """Whether "Buka musyawarah" would succeed now (the button is disabled otherwise)."""
    if kurang:
        return False
    return m.latihan or not m.tanggal or m.tanggal <= hari_ini()


def forum_desa_per_kelurahan(kelurahan_ids, siklus_ids) -> dict[tuple[int, int], Musyawarah]:
    """The real desa forums of these kelurahan in these siklus, by (kelurahan, siklus), with
    what ``langkah_forum`` reads: a fixed number of queries whatever their count."""
    if not kelurahan_ids:
        return {}
    qs = (
        Musyawarah.objects.filter(
            siklus_id__in=siklus_ids,
            kelurahan_id__in=kelurahan_ids,
            tingkat=Tingkat.DESA,
            latihan=False,
        )
        .select_related("berita_acara", "kelurahan__kecamatan", "siklus")
        .prefetch_related("tpm", "pemandu", "peserta")
    )
    return {(m.kelurahan_id, m.siklus_id): m for m in qs}


@dataclass(frozen=True)
class Langkah:
    teks: str
    url: str | None = None
    selesai: bool = False


def langkah_forum(m: Musyawarah, tahapan_kecamatan: Tahapan | None = None) -> list[Langkah]:
    """Where the forum stands and what comes next, for the operator's home page."""
    ringkasan = reverse("musyawarah:ringkasan", args=[m.pk])
    if m.ditandatangani:
        ba = m.berita_acara
        langkah = [
            Langkah(
                _("Musrenbang ditandatangani %(t)s, kode verifikasi %(k)s.")
                % {"t": tanggal(ba.ditandatangani_pada), "k": ba.kode},
                reverse("publik:verifikasi", args=[ba.kode]),
                selesai=True,
            ),
            Langkah(
                _("Unduh berita acara dan daftar hasil musyawarah."),
                reverse("musyawarah:keluaran", args=[m.pk, "berita_acara"]),
            ),
        ]
        if not ba.pindaian:
            langkah.append(
                Langkah(
                    _("Unggah pindaian berita acara yang sudah ditandatangani."),
                    reverse("musyawarah:penetapan", args=[m.pk]),
                )
            )
        delegasi = sum(1 for p in m.peserta.all() if p.delegasi)
        waktu = (
            " (" + rentang_tanggal(tahapan_kecamatan.mulai, tahapan_kecamatan.selesai) + ")"
            if tahapan_kecamatan
            else ""
        )
        langkah.append(
            Langkah(
                _("Pastikan %(n)d delegasi hadir di Musrenbang Kecamatan %(k)s%(w)s.")
                % {"n": delegasi, "k": m.kelurahan.kecamatan.nama, "w": waktu},
                reverse("musyawarah:keluaran", args=[m.pk, "delegasi"]),
            )
        )
        langkah.append(
            Langkah(
                _("Sampaikan hasil kepada warga: setiap usulan dapat dilacak dengan kodenya."),
                reverse("publik:lacak"),
            )
        )
        return langkah
    if m.dalam_persiapan:
        kurang = kekurangan(m)
        if kurang:
            teks = _("Lengkapi persiapan Musrenbang: %(n)d hal belum selesai.") % {"n": len(kurang)}
        elif m.tanggal and m.tanggal > hari_ini():
            teks = _("Persiapan Musrenbang lengkap; musyawarah dibuka %(t)s.") % {
                "t": tanggal_hari(m.tanggal)
            }
        else:
            teks = _("Persiapan Musrenbang lengkap: buka musyawarah.")
        return [Langkah(teks, ringkasan)]
    if m.berlangsung:
        return [Langkah(_("Musrenbang berlangsung: catat kehadiran dan keputusan."), ringkasan)]
    return [
        Langkah(
            _("Hasil Musrenbang ditetapkan: tandatangani berita acara."),
            reverse("musyawarah:penetapan", args=[m.pk]),
        )
    ]


@dataclass
class BarisPapan:
    """One kelurahan on the kecamatan forum's board of inputs (seed 3.a.1)."""

    kelurahan: Kelurahan
    forum: Musyawarah | None
    usulan: int  # usulan of this kelurahan the kecamatan forum holds
    terlambat: bool
    # Those usulan's records, in the order the kelurahan agreed.
    rekaman: list = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.forum is None:
            return _("Belum mulai")
        if self.forum.ditandatangani:
            return _("Ditandatangani")
        if self.forum.berlangsung or self.forum.status == StatusMusyawarah.PENETAPAN:
            return _("Sudah dilaksanakan, belum ditandatangani")
        return _("Persiapan")

    @property
    def warna(self) -> str:
        return self.forum.warna_status if self.forum else "light"


def papan_kelurahan(m: Musyawarah) -> list[BarisPapan]:
    """Every kelurahan of the kecamatan forum's kecamatan, by name: its desa forum's state
    (signed with its date and document, held but not signed, preparing, not started,
    late against the tahapan) and which of its usulan the forum holds. Four queries
    whatever the count."""
    forum = {
        f.kelurahan_id: f
        for f in Musyawarah.objects.filter(
            siklus_id=m.siklus_id,
            tingkat=Tingkat.DESA,
            latihan=False,
            kelurahan__kecamatan_id=m.kecamatan_id,
        ).select_related("berita_acara")
    }
    rekaman: dict[int, list[Pembahasan]] = {}
    for p in (
        m.pembahasan.filter(usulan__kode_wilayah__startswith=m.kode_wilayah + ".")
        .select_related("usulan__perangkat_daerah")
        .order_by("urutan_asal", "pk")
    ):
        rekaman.setdefault(p.usulan.kelurahan_id, []).append(p)
    tahapan = Tahapan.objects.filter(
        siklus_id=m.siklus_id, jenis=Tahapan.Jenis.MUSRENBANG_DESA
    ).first()
    lewat = tahapan is not None and tahapan.selesai < hari_ini()
    return [
        BarisPapan(
            kelurahan=k,
            forum=forum.get(k.pk),
            usulan=len(rekaman.get(k.pk, [])),
            terlambat=lewat and not (k.pk in forum and forum[k.pk].ditandatangani),
            rekaman=rekaman.get(k.pk, []),
        )
        for k in m.kecamatan.kelurahan.order_by("nama")
    ]


def forum_per_kecamatan(user, siklus) -> list[tuple]:
    """(kecamatan, its kecamatan forum of ``siklus`` or None) for every kecamatan whose
    forums the user may see, by name. Two queries."""
    if siklus is None:
        return []
    forum = {
        m.kecamatan_id: m
        for m in Musyawarah.objects.for_user(user)
        .filter(siklus=siklus, tingkat=Tingkat.KECAMATAN, latihan=False)
        .select_related("berita_acara")
    }
    kecamatan = Kecamatan.objects.filter(
        cakupan_q(
            cakupan_dari(user),
            kode="kode",
            perangkat_daerah=MusyawarahQuerySet.akses_perangkat_daerah,
        ),
        daerah_id=siklus.daerah_id,
    ).order_by("nama")
    return [(k, forum.get(k.pk)) for k in kecamatan]


def forum_kecamatan_per_kecamatan(kecamatan_ids, siklus_ids) -> dict:
    """The real kecamatan forums of these kecamatan in these siklus, by (kecamatan, siklus)."""
    if not kecamatan_ids:
        return {}
    qs = Musyawarah.objects.filter(
        siklus_id__in=siklus_ids,
        kecamatan_id__in=kecamatan_ids,
        tingkat=Tingkat.KECAMATAN,
        latihan=False,
    ).select_related("berita_acara", "kecamatan")
    return {(m.kecamatan_id, m.siklus_id): m for m in qs}


def langkah_kecamatan(m: Musyawarah) -> list[Langkah]:
    """Where the kecamatan forum stands and what comes next, for the camat's home page."""
    ringkasan = reverse("musyawarah:ringkasan", args=[m.pk])
    if m.ditandatangani:
        langkah = [
            Langkah(
                _("Musrenbang kecamatan ditandatangani %(t)s, kode verifikasi %(k)s.")
                % {"t": tanggal(m.berita_acara.ditandatangani_pada), "k": m.berita_acara.kode},
                reverse("publik:verifikasi", args=[m.berita_acara.kode]),
                selesai=True,
            )
        ]
        if m.dikirim_pada:
            langkah.append(
                Langkah(
                    _("Salinan dikirim ke Bappeda dan perangkat daerah %(t)s.")
                    % {"t": tanggal(m.dikirim_pada)},
                    selesai=True,
                )
            )
        else:
            langkah.append(
                Langkah(
                    _("Kirim salinan berita acara ke wali kota/bupati dan perangkat daerah."),
                    reverse("musyawarah:penetapan", args=[m.pk]),
                )
            )
        langkah.append(
            Langkah(
                _("Bagikan hasil per kelurahan kepada delegasi untuk disampaikan ke warga."),
                reverse("musyawarah:keluaran", args=[m.pk, "berita_acara"]),
            )
        )
        return langkah
    kurang = kekurangan(m)
    jumlah_kriteria = m.kriteria.kriteria.count() if m.kriteria_id else 0
    kriteria = Langkah(
        _("Kriteria penilaian ditetapkan: %(n)d kriteria.") % {"n": jumlah_kriteria}
        if jumlah_kriteria
        else _("Tetapkan kriteria penilaian (skoring) usulan."),
        reverse("musyawarah:penilaian", args=[m.pk]),
        selesai=bool(jumlah_kriteria),
    )
    if m.dalam_persiapan:
        teks = (
            _("Lengkapi persiapan Musrenbang kecamatan: %(n)d hal belum selesai.")
            % {"n": len(kurang)}
            if kurang
            else _("Persiapan Musrenbang kecamatan lengkap.")
        )
        return [
            Langkah(teks, ringkasan),
            Langkah(
                _("Tarik hasil Musrenbang kelurahan/desa yang sudah ditandatangani."),
                reverse("musyawarah:masukan", args=[m.pk]),
            ),
            kriteria,
        ]
    if m.berlangsung:
        return [
            Langkah(
                _("Sidang kelompok dan Pleno II berlangsung: %(n)d hal belum selesai.")
                % {"n": len(kurang)},
                reverse("musyawarah:kelompok", args=[m.pk]),
            ),
            kriteria
            if not jumlah_kriteria
            else Langkah(
                _("Pantau penilaian setiap kelompok."),
                reverse("musyawarah:penilaian", args=[m.pk]),
            ),
        ]
    return [
        Langkah(
            _("Hasil ditetapkan: bacakan rancangan, lalu tandatangani berita acara."),
            reverse("musyawarah:penetapan", args=[m.pk]),
        )
    ]


def langkah_fasilitator(user, kecamatan_id, siklus) -> list[Langkah]:
    """The groups a fasilitator guides at their kecamatan's forum, each a link."""
    from apps.musyawarah.models import KelompokDiskusi

    kelompok = KelompokDiskusi.objects.filter(
        fasilitator=user,
        musyawarah__kecamatan_id=kecamatan_id,
        musyawarah__siklus=siklus,
        musyawarah__latihan=False,
    ).select_related("musyawarah__kecamatan")
    langkah = []
    for k in kelompok.select_related("penilaian"):
        langkah.append(
            Langkah(
                _("Pandu sidang kelompok %(k)s di Musrenbang Kecamatan %(kec)s.")
                % {"k": k.nama, "kec": k.musyawarah.kecamatan.nama},
                reverse("musyawarah:kelompok_detail", args=[k.musyawarah_id, k.pk]),
                selesai=bool(k.verifikasi_selesai_pada),
            )
        )
        if k.verifikasi_selesai_pada:
            langkah.append(
                Langkah(
                    _("Pandu penilaian (skoring) kelompok %(k)s.") % {"k": k.nama},
                    reverse("musyawarah:penilaian_kelompok", args=[k.musyawarah_id, k.pk]),
                    selesai=bool(k.penilaian_id and k.penilaian.ditutup_pada),
                )
            )
    return langkah
