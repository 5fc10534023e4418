"""Practice runs (latihan): rehearse a whole forum on any day, with nothing official.

A trainer, or an operator before the real date, copies the forum's state into a practice
forum. It can be opened at once (the real forum opens only on its date), decided and
"signed"; every page and PDF of it says LATIHAN, it never gets a verification code, and
signing it moves no usulan, locks no masalah and closes no submission. One click deletes
it. The copy shares nothing that the real forum would later change: its participants,
decisions and signatories are its own rows.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError
from apps.musyawarah.mesin import catat, catat_bagian, kunci, wajib_kelola
from apps.musyawarah.models import (
    AgendaAcara,
    AnggotaTpm,
    KelompokDiskusi,
    KelompokPerangkatDaerah,
    Logistik,
    MasalahPrioritas,
    MateriMusyawarah,
    Musyawarah,
    Pemandu,
    Pembahasan,
    Penandatangan,
    Peserta,
)
from apps.penilaian import services as penilaian_services

# Rows of a forum copied as they are (their only link is the forum itself).
_BAGIAN_LANGSUNG = (AnggotaTpm, Pemandu, AgendaAcara, Logistik, MasalahPrioritas)
# The forum's own fields a copy leaves behind: identity, links, what only signing sets.
_TANPA = {
    "id",
    "created_at",
    "updated_at",
    "berita_acara",
    "latihan",
    "latihan_dari",
    "kriteria",
}


def _kosong(_pk):
    return None


def _salin_baris(model, asal: Musyawarah, tujuan: Musyawarah, **ganti) -> dict[int, int]:
    """Copy every ``model`` row of ``asal`` to ``tujuan``; returns old pk → new pk."""
    peta = {}
    for baris in model.objects.filter(musyawarah=asal).order_by("pk"):
        lama = baris.pk
        baris.pk = None
        baris._state.adding = True
        baris.musyawarah = tujuan
        for field, fungsi in ganti.items():
            setattr(baris, field, fungsi(getattr(baris, field)))
        baris.save()
        peta[lama] = baris.pk
    return peta


@transaction.atomic
def latihan_buat(*, user, musyawarah: Musyawarah) -> Musyawarah:
    """Copy ``musyawarah`` as it stands into its practice run (one per forum).

    Refused on a practice run itself, on a signed forum, or when one exists already
    (delete it to start again from the forum's current state).
    """
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    if m.latihan:
        raise DomainError(_("Ini sudah latihan."))
    if m.ditandatangani:
        raise DomainError(_("Musyawarah ini sudah ditandatangani; latihan tidak diperlukan."))
    if Musyawarah.objects.filter(latihan_dari=m).exists():
        raise DomainError(_("Latihan musyawarah ini sudah ada; hapus dulu untuk mengulang."))
    nilai = {
        f.attname: getattr(m, f.attname)
        for f in Musyawarah._meta.concrete_fields
        if f.name not in _TANPA
    }
    latihan = Musyawarah(**nilai, latihan=True, latihan_dari=m)
    latihan.full_clean()
    latihan.save()
    for model in _BAGIAN_LANGSUNG:
        _salin_baris(model, m, latihan)
    # The kecamatan's groups, then the rows that point at groups, participants or each
    # other, each pointer mapped to the copy.
    kelompok = _salin_baris(
        KelompokDiskusi,
        m,
        latihan,
        ketua_id=_kosong,
        sekretaris_id=_kosong,
        notulen_id=_kosong,
        penilaian_id=_kosong,
    )
    _salin_baris(KelompokPerangkatDaerah, m, latihan, kelompok_id=lambda pk: kelompok[pk])
    peserta = _salin_baris(Peserta, m, latihan, kelompok_id=lambda pk: kelompok.get(pk))
    for lama, baru in kelompok.items():
        k = KelompokDiskusi.objects.get(pk=lama)
        KelompokDiskusi.objects.filter(pk=baru).update(
            ketua_id=peserta.get(k.ketua_id),
            sekretaris_id=peserta.get(k.sekretaris_id),
            notulen_id=peserta.get(k.notulen_id),
        )
    pembahasan = _salin_baris(
        Pembahasan, m, latihan, kelompok_id=lambda pk: kelompok.get(pk), digabung_ke_id=_kosong
    )
    for asal in Pembahasan.objects.filter(musyawarah=m, digabung_ke__isnull=False):
        Pembahasan.objects.filter(pk=pembahasan[asal.pk]).update(
            digabung_ke_id=pembahasan[asal.digabung_ke_id]
        )
    _salin_baris(Penandatangan, m, latihan, peserta_id=lambda pk: peserta[pk])
    _salin_penilaian(m, latihan, kelompok, peserta)
    # Materials point at the same stored files: a practice run never changes or deletes them.
    _salin_baris(MateriMusyawarah, m, latihan)
    catat(
        latihan,
        dari="",
        ke=latihan.status,
        oleh=user,
        catatan=_("Latihan dibuat dari keadaan musyawarah saat ini."),
    )
    return latihan


def _salin_penilaian(m: Musyawarah, latihan: Musyawarah, kelompok: dict, peserta: dict) -> None:
    """The criteria and each group's scoring (scorers, scores), scorers mapped to the
    copied participants; the copy's scorers get links of their own."""
    if not m.kriteria_id:
        return
    asal = list(
        KelompokDiskusi.objects.filter(musyawarah=m, penilaian__isnull=False).select_related(
            "penilaian"
        )
    )
    salinan, peta_sesi = penilaian_services.set_salin(
        set=m.kriteria, sesi=[k.penilaian for k in asal], rujukan=peserta
    )
    Musyawarah.objects.filter(pk=latihan.pk).update(kriteria=salinan)
    latihan.kriteria = salinan
    for k in asal:
        KelompokDiskusi.objects.filter(pk=kelompok[k.pk]).update(
            penilaian=peta_sesi[k.penilaian_id]
        )


@transaction.atomic
def latihan_hapus(*, user, latihan: Musyawarah) -> None:
    """Delete a practice run and everything recorded in it; the real forum is untouched."""
    m = kunci(latihan)
    wajib_kelola(user, m)
    if not m.latihan:
        raise DomainError(_("Hanya latihan yang dapat dihapus."))
    berkas = set(m.materi.values_list("berkas", flat=True))
    # Signatories protect the participants they point at: they go first.
    m.penandatangan.all().delete()
    asal = m.latihan_dari
    kriteria = m.kriteria
    sesi = list(m.kelompok_diskusi.exclude(penilaian=None).values_list("penilaian", flat=True))
    m.delete()
    if kriteria is not None:
        penilaian_services.set_hapus(set=kriteria, sesi_ids=sesi)
    catat_bagian(user, asal, _("menghapus latihan"))
    # Its materials share their files with the real forum: a file goes once no row
    # points at it (the real forum may have removed its own copy meanwhile).
    dipakai = set(
        MateriMusyawarah.objects.filter(berkas__in=berkas).values_list("berkas", flat=True)
    )
    yatim = sorted(berkas - dipakai)
    penyimpanan = MateriMusyawarah._meta.get_field("berkas").storage

    def hapus_berkas():
        for nama in yatim:
            penyimpanan.delete(nama)

    if yatim:
        transaction.on_commit(hapus_berkas)
