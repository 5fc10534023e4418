"""At the forum (seed step 6): the agreed order and class of each usulan, the priority
problems for the kecamatan, the berita acara's wording; then closing the decisions."""

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.audit import potret, selisih
from apps.core.exceptions import DomainError
from apps.musyawarah.mesin import catat_bagian, kunci_untuk, pindah, wajib_versi
from apps.musyawarah.models import (
    Keputusan,
    MasalahPrioritas,
    Musyawarah,
    Pembahasan,
    StatusMusyawarah,
)
from apps.musyawarah.tindakan import Tindakan
from apps.usulan.models import Masalah, Status, Usulan

S = StatusMusyawarah


def usulan_forum(m: Musyawarah):
    """The usulan this forum decides on: the kelurahan's own submitted usulan of the
    siklus (not those the kecamatan forum proposes in its territory)."""
    return Usulan.objects.filter(
        siklus_id=m.siklus_id,
        kelurahan_id=m.kelurahan_id,
        kode_wilayah=m.kode_wilayah,
        status=Status.DIAJUKAN,
    )


def _periksa_baris(baris: list[dict], usulan: dict[int, Usulan], lengkap: bool) -> list[str]:
    """Every problem of the proposed decisions; ``lengkap`` also demands every usulan
    decided and ordered (to close the forum)."""
    galat = []
    urutan_dipakai: dict[int, str] = {}
    for b in baris:
        u = usulan[b["usulan_id"]]
        if b["urutan"] is not None:
            if b["urutan"] < 1:
                galat.append(_("%(k)s: urutan harus 1 atau lebih.") % {"k": u.kode})
            elif b["urutan"] in urutan_dipakai:
                galat.append(
                    _("Urutan %(n)d dipakai dua kali (%(a)s dan %(b)s).")
                    % {"n": b["urutan"], "a": urutan_dipakai[b["urutan"]], "b": u.kode}
                )
            urutan_dipakai[b["urutan"]] = u.kode
        elif lengkap:
            galat.append(_("%(k)s belum diberi urutan.") % {"k": u.kode})
        if b["keputusan"] == Keputusan.DITOLAK and not b["alasan"].strip():
            galat.append(_("%(k)s tidak disepakati: tuliskan alasannya.") % {"k": u.kode})
        if b["keputusan"] == Keputusan.KOTA and not u.perangkat_daerah_id:
            galat.append(
                _(
                    "%(k)s ke kota: usulan belum menyebut perangkat daerah tujuan (ubah usulan, "
                    "atau jadikan swadaya)."
                )
                % {"k": u.kode}
            )
        if lengkap and b["keputusan"] == Keputusan.BELUM:
            galat.append(_("%(k)s belum diputuskan.") % {"k": u.kode})
    return galat


@transaction.atomic
def pembahasan_simpan(*, user, musyawarah: Musyawarah, baris: list[dict], versi: int) -> int:
    """Record the agreed order and class of the usulan, as typed or dragged at the forum.

    ``baris``: one dict per usulan with usulan_id, urutan (int or None), keputusan, alasan.
    Refused as a whole if any row is wrong (each problem is named), or if someone saved
    the decisions since this form was opened (``versi``).
    """
    m = kunci_untuk(user, musyawarah, Tindakan.PUTUSKAN)
    wajib_versi(
        m,
        versi,
        _(
            "Keputusan sudah diubah orang lain sejak halaman ini dibuka. Perubahan Anda "
            "belum disimpan: buka ulang halaman, lalu ulangi."
        ),
    )
    usulan = {u.pk: u for u in usulan_forum(m)}
    asing = [b["usulan_id"] for b in baris if b["usulan_id"] not in usulan]
    if asing:
        raise DomainError(_("Ada usulan yang tidak (lagi) diajukan di musyawarah ini."))
    galat = _periksa_baris(baris, usulan, lengkap=False)
    if galat:
        raise DomainError(_("Keputusan belum disimpan:"), galat)

    def keadaan(urutan, keputusan, alasan) -> str:
        return " · ".join(str(x) for x in (urutan or "—", Keputusan(keputusan).label, alasan) if x)

    lama = {p.usulan_id: keadaan(p.urutan, p.keputusan, p.alasan) for p in m.pembahasan.all()}
    perubahan = {}
    for b in baris:
        Pembahasan.objects.update_or_create(
            musyawarah=m,
            usulan_id=b["usulan_id"],
            defaults={"urutan": b["urutan"], "keputusan": b["keputusan"], "alasan": b["alasan"]},
        )
        baru = keadaan(b["urutan"], b["keputusan"], b["alasan"])
        if lama.get(b["usulan_id"]) != baru:
            perubahan[usulan[b["usulan_id"]].kode] = [lama.get(b["usulan_id"]), baru]
    if perubahan:
        catat_bagian(user, m, _("mengubah urutan dan keputusan"), perubahan=perubahan)
    # Usulan withdrawn since they were discussed leave the list.
    m.pembahasan.exclude(usulan_id__in=usulan).delete()
    m.versi += 1
    m.save(update_fields=["versi", "updated_at"])
    return len(baris)


@transaction.atomic
def masalah_prioritas_simpan(*, user, musyawarah: Musyawarah, masalah_ids: list[int]) -> int:
    """The kajian's problems the forum sends to the kecamatan, in the order given."""
    m = kunci_untuk(user, musyawarah, Tindakan.PILIH_MASALAH)
    boleh = set(
        Masalah.objects.filter(kelurahan_id=m.kelurahan_id, siklus_id=m.siklus_id).values_list(
            "pk", flat=True
        )
    )
    if set(masalah_ids) - boleh:
        raise DomainError(_("Masalah dipilih dari kajian desa kelurahan ini."))
    sebelum = [str(mp.masalah) for mp in m.masalah_prioritas.select_related("masalah")]
    m.masalah_prioritas.all().delete()
    MasalahPrioritas.objects.bulk_create(
        MasalahPrioritas(musyawarah=m, masalah_id=pk, urutan=i)
        for i, pk in enumerate(dict.fromkeys(masalah_ids), start=1)
    )
    sesudah = [str(mp.masalah) for mp in m.masalah_prioritas.select_related("masalah")]
    catat_bagian(
        user,
        m,
        _("memilih masalah prioritas"),
        perubahan=selisih({"masalah": sebelum}, {"masalah": sesudah}),
    )
    return len(masalah_ids)


@transaction.atomic
def catatan_simpan(*, user, musyawarah: Musyawarah, data: dict) -> Musyawarah:
    """The berita acara's number and its "memperhatikan, mendengar" paragraphs."""
    m = kunci_untuk(user, musyawarah, Tindakan.UBAH_CATATAN)
    boleh = {"nomor_berita_acara", "catatan_sambutan", "catatan_pemaparan", "catatan_diskusi"}
    if set(data) - boleh:
        raise TypeError(f"unexpected fields: {sorted(set(data) - boleh)}")
    sebelum = potret(m, boleh)
    for name, value in data.items():
        setattr(m, name, value.strip())
    m.full_clean()
    m.save()
    catat_bagian(
        user, m, _("mengubah isi berita acara"), perubahan=selisih(sebelum, potret(m, boleh))
    )
    return m


def kekurangan_keputusan(m: Musyawarah) -> list[str]:
    """What still stops the forum's decisions from being closed."""
    usulan = {u.pk: u for u in usulan_forum(m).select_related("perangkat_daerah")}
    ada = {p.usulan_id: p for p in m.pembahasan.all()}
    baris = [
        {
            "usulan_id": pk,
            "urutan": ada[pk].urutan if pk in ada else None,
            "keputusan": ada[pk].keputusan if pk in ada else Keputusan.BELUM,
            "alasan": ada[pk].alasan if pk in ada else "",
        }
        for pk in usulan
    ]
    kurang = _periksa_baris(baris, usulan, lengkap=True)
    if not m.peserta.filter(hadir=True).exists():
        kurang.append(_("Belum ada peserta yang tercatat hadir."))
    if not m.peserta.filter(delegasi=True).exists():
        kurang.append(_("Delegasi ke Musrenbang kecamatan belum dipilih."))
    if (
        Masalah.objects.filter(kelurahan_id=m.kelurahan_id, siklus_id=m.siklus_id).exists()
        and not m.masalah_prioritas.exists()
    ):
        kurang.append(_("Masalah prioritas untuk Musrenbang kecamatan belum dipilih."))
    return kurang


@transaction.atomic
def musyawarah_tetapkan(*, user, musyawarah: Musyawarah) -> Musyawarah:
    """pelaksanaan → penetapan: every usulan decided and ordered, the delegation and the
    priority problems chosen. The order is renumbered 1..n as agreed."""
    m = kunci_untuk(user, musyawarah, Tindakan.TETAPKAN)
    m.pembahasan.exclude(usulan__in=usulan_forum(m)).delete()
    kurang = kekurangan_keputusan(m)
    if kurang:
        raise DomainError(_("Hasil musyawarah belum dapat ditetapkan:"), kurang)
    for i, p in enumerate(m.pembahasan.order_by("urutan"), start=1):
        if p.urutan != i:
            Pembahasan.objects.filter(pk=p.pk).update(urutan=i)
    return pindah(m, ke=S.PENETAPAN, oleh=user, catatan=_("Hasil musyawarah ditetapkan."))


@transaction.atomic
def musyawarah_buka_kembali(*, user, musyawarah: Musyawarah, alasan: str) -> Musyawarah:
    """penetapan → pelaksanaan, to correct a decision before the berita acara is signed."""
    m = kunci_untuk(user, musyawarah, Tindakan.BUKA_KEMBALI)
    if not alasan.strip():
        raise DomainError(_("Tuliskan alasan membuka kembali pembahasan."))
    return pindah(m, ke=S.PELAKSANAAN, oleh=user, catatan=alasan.strip())
