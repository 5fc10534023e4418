"""The kota forum's decision on each usulan, per perangkat daerah: agreed (disepakati),
agreed for another perangkat daerah (pindah), or not agreed with a reason.

A decision is stored on the forum's own record of the usulan (Pembahasan): keputusan
``kota`` (agreed) or ``ditolak``, and for a move the new perangkat daerah in the record's
perangkat daerah (the same column the kecamatan uses for a correction). The usulan itself
changes only when the berita acara is signed (apps.musyawarah.tingkat.kota.terapkan).
"""

from django.db import models, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import DomainError
from apps.musyawarah.mesin import catat_bagian, kunci_untuk, pindah, wajib_versi
from apps.musyawarah.models import Keputusan, Musyawarah, Pembahasan, StatusMusyawarah
from apps.musyawarah.tindakan import Tindakan
from apps.wilayah.models import PerangkatDaerah


class KeputusanKota(models.TextChoices):
    """What the forum says of one usulan (the page's choices; stored as above)."""

    BELUM = "belum", gettext_lazy("Belum diputuskan")
    SETUJU = "setuju", gettext_lazy("Disepakati")
    PINDAH = "pindah", gettext_lazy("Disepakati, pindah perangkat daerah")
    TOLAK = "tolak", gettext_lazy("Tidak disepakati")


def keputusan_kota(p: Pembahasan) -> str:
    """The KeputusanKota a record holds."""
    if p.keputusan == Keputusan.DITOLAK:
        return KeputusanKota.TOLAK
    if p.keputusan == Keputusan.KOTA:
        return KeputusanKota.PINDAH if p.perangkat_daerah_id else KeputusanKota.SETUJU
    return KeputusanKota.BELUM


def pembahasan_kota(m: Musyawarah):
    """The forum's records of the usulan it decides on (merged duplicates ride along with
    their main usulan), with everything the pages and documents read of them."""
    return (
        m.pembahasan.filter(digabung_ke__isnull=True)
        .select_related(
            "usulan__kelurahan__kecamatan",
            "usulan__perangkat_daerah",
            "usulan__prioritas_daerah",
            "usulan__lingkungan",
            "usulan__rt",
            "usulan__siklus",
            "perangkat_daerah",
            "prioritas_daerah",
        )
        .prefetch_related(
            Prefetch(
                "gabungan",
                queryset=Pembahasan.objects.select_related(
                    "usulan__kelurahan", "usulan__lingkungan", "usulan__rt"
                ),
            )
        )
    )


def kunci_urutan(p: Pembahasan) -> tuple:
    """The order within a perangkat daerah's list: by kecamatan, then the place each
    kecamatan gave the usulan for that perangkat daerah."""
    return (p.usulan.kelurahan.kecamatan.nama, p.urutan_asal or 999, p.pk)


def _periksa(
    baris: list[dict],
    rekaman: dict[int, Pembahasan],
    pd: dict[int, PerangkatDaerah],
    lengkap: bool,
) -> list[str]:
    galat = []
    for b in baris:
        p = rekaman[b["pembahasan_id"]]
        kode = p.usulan.kode
        k = b["keputusan"]
        if k not in KeputusanKota.values:
            galat.append(_("%(k)s: keputusan tidak dikenal.") % {"k": kode})
        elif k == KeputusanKota.PINDAH:
            baru = pd.get(b["perangkat_daerah_id"])
            if baru is None:
                galat.append(_("%(k)s dipindah: pilih perangkat daerah tujuannya.") % {"k": kode})
            elif baru.pk == p.usulan.perangkat_daerah_id:
                galat.append(
                    _("%(k)s sudah untuk %(pd)s: pilih perangkat daerah lain, atau “Disepakati”.")
                    % {"k": kode, "pd": baru}
                )
        elif k == KeputusanKota.TOLAK and not b["alasan"].strip():
            galat.append(_("%(k)s tidak disepakati: tuliskan alasannya.") % {"k": kode})
        elif lengkap and k == KeputusanKota.BELUM:
            galat.append(_("%(k)s belum diputuskan.") % {"k": kode})
    return galat


def perangkat_daerah_forum(m: Musyawarah) -> dict[int, PerangkatDaerah]:
    """The perangkat daerah an usulan may move to: the active ones of the daerah."""
    return {pd.pk: pd for pd in PerangkatDaerah.objects.filter(daerah_id=m.daerah_id, aktif=True)}


def _label(k: str, pd: PerangkatDaerah | None, alasan: str) -> str:
    teks = str(KeputusanKota(k).label)
    if k == KeputusanKota.PINDAH and pd is not None:
        teks += f" → {pd.singkatan}"
    return f"{teks} · {alasan}" if alasan else teks


@transaction.atomic
def kesepakatan_simpan(*, user, musyawarah: Musyawarah, baris: list[dict], versi: int) -> int:
    """Record the forum's decisions on some of its usulan (a perangkat daerah's list, as
    discussed): each row names its Pembahasan, keputusan (KeputusanKota), the perangkat
    daerah it moves to (pindah) and the reason (required when not agreed). All rows or
    none; a save based on an older page is refused. Only while the forum is held."""
    m = kunci_untuk(user, musyawarah, Tindakan.PUTUSKAN)
    wajib_versi(m, versi)
    rekaman = {
        p.pk: p
        for p in m.pembahasan.filter(digabung_ke__isnull=True).select_related(
            "usulan__perangkat_daerah", "perangkat_daerah"
        )
    }
    if any(b["pembahasan_id"] not in rekaman for b in baris):
        raise DomainError(_("Ada usulan yang tidak dibahas di musyawarah ini."))
    pd = perangkat_daerah_forum(m)
    galat = _periksa(baris, rekaman, pd, lengkap=False)
    if galat:
        raise DomainError(_("Kesepakatan belum disimpan:"), galat)
    perubahan = {}
    for b in baris:
        p = rekaman[b["pembahasan_id"]]
        k = b["keputusan"]
        baru_pd = pd[b["perangkat_daerah_id"]] if k == KeputusanKota.PINDAH else None
        alasan = b["alasan"].strip()
        keputusan = {
            KeputusanKota.BELUM: Keputusan.BELUM,
            KeputusanKota.TOLAK: Keputusan.DITOLAK,
        }.get(k, Keputusan.KOTA)
        lama = _label(keputusan_kota(p), p.perangkat_daerah, p.alasan)
        baru = _label(k, baru_pd, alasan)
        if lama != baru:
            Pembahasan.objects.filter(pk=p.pk).update(
                keputusan=keputusan, perangkat_daerah=baru_pd, alasan=alasan
            )
            perubahan[p.usulan.kode] = [lama, baru]
    m.versi += 1
    m.save(update_fields=["versi", "updated_at"])
    if perubahan:
        catat_bagian(user, m, _("mengubah kesepakatan usulan"), perubahan=perubahan)
    return len(baris)


def kekurangan_kesepakatan(m: Musyawarah) -> list[str]:
    """What still stops the forum's decisions from being closed: every usulan decided
    (with its reason or its new perangkat daerah), and someone present."""
    rekaman = {p.pk: p for p in pembahasan_kota(m)}
    kurang = []
    if not rekaman:
        kurang.append(_("Belum ada usulan dari Musrenbang kecamatan yang ditandatangani."))
    kurang += _periksa(
        [
            {
                "pembahasan_id": p.pk,
                "keputusan": keputusan_kota(p),
                "perangkat_daerah_id": p.perangkat_daerah_id,
                "alasan": p.alasan,
            }
            for p in sorted(rekaman.values(), key=kunci_urutan)
        ],
        rekaman,
        perangkat_daerah_forum(m),
        lengkap=True,
    )
    if not m.peserta.filter(hadir=True).exists():
        kurang.append(_("Belum ada peserta yang tercatat hadir."))
    return kurang


@transaction.atomic
def kota_tetapkan(*, user, musyawarah: Musyawarah) -> Musyawarah:
    """pelaksanaan → penetapan: every usulan decided. The agreed usulan are numbered
    1..n within the list of the perangkat daerah they end up with (by kecamatan, then
    each kecamatan's order); the others lose any number."""
    m = kunci_untuk(user, musyawarah, Tindakan.TETAPKAN)
    kurang = kekurangan_kesepakatan(m)
    if kurang:
        raise DomainError(_("Hasil musyawarah belum dapat ditetapkan:"), kurang)
    nomor: dict[int, int] = {}
    for p in sorted(pembahasan_kota(m), key=kunci_urutan):
        urutan = None
        if p.keputusan == Keputusan.KOTA:
            nomor[p.pd_id] = urutan = nomor.get(p.pd_id, 0) + 1
        m.pembahasan.filter(pk=p.pk).update(urutan=urutan)
        m.pembahasan.filter(digabung_ke_id=p.pk).update(urutan=urutan)
    return pindah(m, ke=StatusMusyawarah.PENETAPAN, oleh=user, catatan=_("Kesepakatan ditetapkan."))
