"""The Sidang Pleno II (seed 4.c), led by the camat: the groups' feasible usulan presented
together in their starting order, the forum's agreed order and decisions (a changed
place needs a reason), the tim perumus, the reading back of the draft, and — once signed
— the copies sent to the walikota/bupati and to each perangkat daerah (4.c.6)."""

from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError
from apps.musyawarah.kecamatan.nilai import kekurangan_penilaian, usulan_dinilai
from apps.musyawarah.kecamatan.peringkat import dengan_peringkat, kriteria_forum
from apps.musyawarah.kecamatan.sidang import kekurangan_verifikasi
from apps.musyawarah.mesin import catat_bagian, kunci_untuk, pindah, wajib_versi
from apps.musyawarah.models import (
    Keputusan,
    Musyawarah,
    Pembahasan,
    StatusMusyawarah,
)
from apps.musyawarah.tindakan import Tindakan
from apps.siklus.models import PaguIndikatif
from apps.usulan import services as usulan_services
from apps.usulan.models import Status

# The Pleno decides between these two: on the kecamatan's priority list (to the kota),
# or not agreed, with a reason.
KEPUTUSAN_PLENO = (Keputusan.BELUM, Keputusan.KOTA, Keputusan.DITOLAK)


def pembahasan_kecamatan(m: Musyawarah):
    """The forum's usulan records with what the pages and documents read of them."""
    return m.pembahasan.select_related(
        "usulan__kelurahan__kecamatan",
        "usulan__perangkat_daerah",
        "usulan__prioritas_daerah",
        "usulan__lingkungan",
        "usulan__rt",
        "usulan__siklus",
        "perangkat_daerah",
        "prioritas_daerah",
        "kelompok__penilaian",
        "digabung_ke__usulan",
    ).prefetch_related(
        Prefetch(
            "gabungan",
            queryset=Pembahasan.objects.select_related(
                "usulan__kelurahan", "usulan__lingkungan", "usulan__rt"
            ),
        )
    )


def kelompok_berusulan(m: Musyawarah):
    """The groups that have usulan to verify (an empty group has nothing to close)."""
    return m.kelompok_diskusi.filter(pembahasan__isnull=False).distinct()


def kelompok_belum_siap(m: Musyawarah) -> list:
    """The groups the Pleno II still waits for: verification or scoring not closed (a
    group without feasible usulan has nothing to score)."""
    return [
        k
        for k in kelompok_berusulan(m).select_related("penilaian")
        if not k.verifikasi_selesai_pada
        or (usulan_dinilai(k) and not (k.penilaian_id and k.penilaian.ditutup_pada))
    ]


def kunci_urutan_awal(p: Pembahasan) -> tuple:
    """The starting order of the Pleno: by group, by prioritas daerah, then by the rank
    the group's scoring gave (once it closed), then by the order each kelurahan agreed,
    then by kelurahan."""
    ditutup = p.kelompok_id and p.kelompok.penilaian_id and p.kelompok.penilaian.ditutup_pada
    return (
        p.kelompok.urutan if p.kelompok_id else 999,
        p.prioritas.nomor if p.prioritas else 999,
        (getattr(p, "peringkat", None) or 999) if ditutup else 999,
        p.urutan_asal or 999,
        p.usulan.kelurahan.nama,
        p.pk,
    )


def usulan_pleno(m: Musyawarah) -> list[Pembahasan]:
    """The feasible usulan the groups bring to the Pleno (merged duplicates ride along
    with their main usulan) with their score and rank, in the Pleno's current order: its
    agreed order where set, the starting order otherwise. With the kecamatan's pagu
    indikatif, each row carries the running total of what is not rejected
    (``kumulatif``) and whether it lies beyond the pagu (``lewat_pagu``)."""
    kriteria = kriteria_forum(m)
    baris = list(dengan_peringkat(pembahasan_kecamatan(m), kriteria))
    awal = {p.pk: i for i, p in enumerate(sorted(baris, key=kunci_urutan_awal), start=1)}
    for p in baris:
        p.urutan_awal = awal[p.pk]
    baris.sort(key=lambda p: (p.urutan or awal[p.pk], awal[p.pk]))
    tandai_pagu(baris, pagu_forum(m))
    return baris


def pagu_forum(m: Musyawarah):
    """The kecamatan's pagu indikatif for the forum's siklus (None when Bappeda set none)."""
    pagu = PaguIndikatif.objects.filter(siklus_id=m.siklus_id, kecamatan_id=m.kecamatan_id).first()
    return pagu.jumlah if pagu else None


def tandai_pagu(baris: list[Pembahasan], pagu) -> None:
    jumlah = 0
    for p in baris:
        ditolak = p.keputusan == Keputusan.DITOLAK
        if not ditolak:
            jumlah += p.biaya or 0
        p.kumulatif = None if ditolak else jumlah
        # Once the total passes the pagu, every row below lies beyond the cut line.
        p.lewat_pagu = bool(pagu is not None and jumlah > pagu)


def _periksa(baris: list[dict], pembahasan: dict[int, Pembahasan], lengkap: bool) -> list[str]:
    galat, dipakai = [], {}
    for b in baris:
        p = pembahasan[b["pembahasan_id"]]
        kode = p.usulan.kode
        if b["keputusan"] not in KEPUTUSAN_PLENO:
            galat.append(_("%(k)s: keputusan tidak dikenal.") % {"k": kode})
        if b["urutan"] is None:
            if lengkap:
                galat.append(_("%(k)s belum diberi urutan.") % {"k": kode})
        elif b["urutan"] < 1:
            galat.append(_("%(k)s: urutan harus 1 atau lebih.") % {"k": kode})
        elif b["urutan"] in dipakai:
            galat.append(
                _("Urutan %(n)d dipakai dua kali (%(a)s dan %(b)s).")
                % {"n": b["urutan"], "a": dipakai[b["urutan"]], "b": kode}
            )
        else:
            dipakai[b["urutan"]] = kode
        if b["urutan"] and b["urutan"] != p.urutan_awal and not b["alasan_urutan"].strip():
            galat.append(
                _("%(k)s dipindah dari urutan %(a)d ke %(b)d: tuliskan alasannya.")
                % {"k": kode, "a": p.urutan_awal, "b": b["urutan"]}
            )
        if b["keputusan"] == Keputusan.DITOLAK and not b["alasan"].strip():
            galat.append(_("%(k)s tidak disepakati: tuliskan alasannya.") % {"k": kode})
        if lengkap and b["keputusan"] == Keputusan.BELUM:
            galat.append(_("%(k)s belum diputuskan.") % {"k": kode})
    return galat


def kekurangan_pleno(m: Musyawarah) -> list[str]:
    """What still stops the Pleno's decisions from being closed."""
    kurang = []
    for k in kelompok_berusulan(m).select_related("penilaian"):
        if not k.verifikasi_selesai_pada:
            kurang += kekurangan_verifikasi(k) or [
                _("Verifikasi kelompok %(k)s belum ditutup.") % {"k": k}
            ]
        elif usulan_dinilai(k) and not (k.penilaian_id and k.penilaian.ditutup_pada):
            kurang += kekurangan_penilaian(k) or [
                _("Penilaian kelompok %(k)s belum ditutup.") % {"k": k}
            ]
    tanpa_kelompok = m.pembahasan.filter(kelompok__isnull=True).count()
    if tanpa_kelompok:
        kurang.append(
            _(
                "%(n)d usulan belum masuk kelompok (perangkat daerahnya tidak dibahas "
                "kelompok mana pun)."
            )
            % {"n": tanpa_kelompok}
        )
    baris = usulan_pleno(m)
    kurang += _periksa(
        [
            {
                "pembahasan_id": p.pk,
                "urutan": p.urutan,
                "keputusan": p.keputusan,
                "alasan": p.alasan,
                "alasan_urutan": p.alasan_urutan,
            }
            for p in baris
        ],
        {p.pk: p for p in baris},
        lengkap=True,
    )
    if not m.peserta.filter(hadir=True).exists():
        kurang.append(_("Belum ada peserta yang tercatat hadir."))
    if not m.peserta.filter(delegasi=True).exists():
        kurang.append(_("Delegasi ke Musrenbang kota/kabupaten belum dipilih."))
    if not m.peserta.filter(perumus=True).exists():
        kurang.append(_("Tim perumus berita acara belum ditetapkan."))
    return kurang


@transaction.atomic
def pleno_simpan(*, user, musyawarah: Musyawarah, baris: list[dict], versi: int) -> int:
    """Record the Pleno's order and decisions: each row names its Pembahasan, its place
    (urutan), keputusan (kota | ditolak | belum), alasan, and the reason it left its
    starting place (alasan_urutan). All rows or none; a save based on an older page is
    refused. Open once every group has closed its verification."""
    m = kunci_untuk(user, musyawarah, Tindakan.PLENO)
    wajib_versi(m, versi)
    terbuka = [k.nama for k in kelompok_belum_siap(m)]
    if terbuka:
        raise DomainError(
            _(
                "Pleno II dimulai setelah semua kelompok menutup verifikasi dan penilaiannya; "
                "belum: %(k)s."
            )
            % {"k": ", ".join(terbuka)}
        )
    pembahasan = {p.pk: p for p in usulan_pleno(m)}
    if any(b["pembahasan_id"] not in pembahasan for b in baris):
        raise DomainError(_("Ada usulan yang tidak (lagi) dibahas di Pleno ini."))
    galat = _periksa(baris, pembahasan, lengkap=False)
    if galat:
        raise DomainError(_("Hasil Pleno belum disimpan:"), galat)
    perubahan = {}
    for b in baris:
        p = pembahasan[b["pembahasan_id"]]
        lama = (p.urutan, p.keputusan, p.alasan, p.alasan_urutan)
        baru = (b["urutan"], b["keputusan"], b["alasan"].strip(), b["alasan_urutan"].strip())
        if lama != baru:
            Pembahasan.objects.filter(pk=p.pk).update(
                urutan=baru[0], keputusan=baru[1], alasan=baru[2], alasan_urutan=baru[3]
            )
            perubahan[p.usulan.kode] = [
                " · ".join(str(x) for x in lama if x),
                " · ".join(str(x) for x in baru if x),
            ]
    m.versi += 1
    m.save(update_fields=["versi", "updated_at"])
    if perubahan:
        catat_bagian(user, m, _("mengubah hasil Pleno II"), perubahan=perubahan)
    return len(baris)


@transaction.atomic
def perumus_simpan(*, user, musyawarah: Musyawarah, peserta_ids: list[int]) -> int:
    """The tim perumus led by the camat (seed 4.c.4), chosen among those present."""
    m = kunci_untuk(user, musyawarah, Tindakan.PLENO)
    hadir = set(m.peserta.filter(hadir=True).values_list("pk", flat=True))
    if set(peserta_ids) - hadir:
        raise DomainError(_("Tim perumus dipilih dari peserta yang hadir."))
    m.peserta.exclude(pk__in=peserta_ids).update(perumus=False)
    m.peserta.filter(pk__in=peserta_ids).update(perumus=True)
    nama = list(m.peserta.filter(perumus=True).order_by("nama").values_list("nama", flat=True))
    catat_bagian(user, m, _("menetapkan tim perumus"), perubahan={"perumus": [None, nama]})
    return len(nama)


@transaction.atomic
def pleno_tetapkan(*, user, musyawarah: Musyawarah) -> Musyawarah:
    """pelaksanaan → penetapan: every group closed, every feasible usulan ordered and
    decided, the delegation and the tim perumus named. The order is renumbered 1..n."""
    m = kunci_untuk(user, musyawarah, Tindakan.TETAPKAN)
    kurang = kekurangan_pleno(m)
    if kurang:
        raise DomainError(_("Hasil musyawarah belum dapat ditetapkan:"), kurang)
    for i, p in enumerate(usulan_pleno(m), start=1):
        if p.urutan != i:
            Pembahasan.objects.filter(pk=p.pk).update(urutan=i)
    return pindah(
        m, ke=StatusMusyawarah.PENETAPAN, oleh=user, catatan=_("Hasil Pleno II ditetapkan.")
    )


@transaction.atomic
def berita_acara_dibacakan(*, user, musyawarah: Musyawarah) -> Musyawarah:
    """The tim perumus read the draft berita acara back to the Pleno (seed 4.c.5)."""
    m = kunci_untuk(user, musyawarah, Tindakan.BACAKAN)
    m.dibacakan_pada = timezone.now()
    m.save(update_fields=["dibacakan_pada", "updated_at"])
    catat_bagian(user, m, _("membacakan rancangan berita acara"))
    return m


@transaction.atomic
def berita_acara_kirim(*, user, musyawarah: Musyawarah) -> int:
    """The camat sends the signed berita acara to the walikota/bupati (Bappeda) and to
    each perangkat daerah (seed 4.c.6): every usulan on the kecamatan's priority list
    moves to "diteruskan ke kota", and each SKPD then reads its own list."""
    m = kunci_untuk(user, musyawarah, Tindakan.KIRIM)
    if m.dikirim_pada:
        raise DomainError(_("Salinan berita acara sudah dikirim."))
    n = 0
    for p in m.pembahasan.select_related("usulan__perangkat_daerah").order_by("urutan"):
        if p.usulan.status != Status.PRIORITAS_KECAMATAN:
            continue
        usulan_services.usulan_teruskan_kota(
            user=user,
            usulan=p.usulan,
            keterangan=_("Berita acara Musrenbang %(k)s dikirim ke Bappeda dan %(pd)s.")
            % {"k": m.kecamatan, "pd": p.usulan.perangkat_daerah},
        )
        n += 1
    m.dikirim_pada = timezone.now()
    m.save(update_fields=["dikirim_pada", "updated_at"])
    catat_bagian(user, m, _("mengirim salinan berita acara"), catatan=_("%(n)d usulan") % {"n": n})
    return n


def kelompok_forum(m: Musyawarah):
    """The forum's groups with their pimpinan, their perangkat daerah, and how many
    usulan (a merged duplicate counts with its main usulan) and members each has."""
    return (
        m.kelompok_diskusi.select_related("ketua", "sekretaris", "notulen", "fasilitator")
        .prefetch_related("cakupan_pd__perangkat_daerah")
        .annotate(
            jumlah_usulan=Count(
                "pembahasan", filter=Q(pembahasan__digabung_ke__isnull=True), distinct=True
            ),
            jumlah_anggota=Count("anggota", distinct=True),
        )
    )
