"""Signing the berita acara (seed output 5): after it, the forum and all it lists are final.

Signing freezes the snapshot of the five outputs into a DokumenFinal (PDF with a
verification code, QR and SHA-256), moves every decided usulan to its new status with a
history row, locks the priority problems, and closes the kelurahan's submission of
usulan for this siklus. All of it in one transaction: nothing is ever half-signed.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError
from apps.core.formatting import tanggal as fmt_tanggal
from apps.dokumen.services import dokumen_terbitkan, pindaian_unggah
from apps.musyawarah import cetak
from apps.musyawarah.keluaran import snapshot_desa
from apps.musyawarah.models import (
    Keputusan,
    Musyawarah,
    Penandatangan,
    PeranTtd,
    Peserta,
    StatusMusyawarah,
    Unsur,
)
from apps.musyawarah.persiapan import kunci, pindah, wajib_kelola, wajib_status
from apps.siklus.selectors import hari_ini
from apps.usulan import kajian
from apps.usulan import services as usulan_services

S = StatusMusyawarah


def unsur_hadir(m: Musyawarah) -> list[str]:
    """The unsur present at the forum: each needs a representative among the signatories."""
    ada = set(m.peserta.filter(hadir=True).values_list("unsur", flat=True))
    return [u.value for u in Unsur if u.value in ada]


@transaction.atomic
def penandatangan_simpan(
    *,
    user,
    musyawarah: Musyawarah,
    pimpinan: Peserta,
    jabatan_pimpinan: str,
    notulen: Peserta,
    wakil: dict[str, Peserta],
) -> None:
    """Record who signs: the pimpinan sidang, the notulen, and one representative of each
    unsur present, all chosen among those present."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PENETAPAN, tindakan=_("menetapkan penandatangan"))
    # Judge by the rows as they are now, not by the objects the caller holds.
    hadir = {p.pk: p for p in m.peserta.filter(hadir=True)}
    if any(p.pk not in hadir for p in [pimpinan, notulen, *wakil.values()]):
        raise DomainError(_("Penandatangan dipilih dari peserta yang hadir."))
    pimpinan, notulen = hadir[pimpinan.pk], hadir[notulen.pk]
    wakil = {unsur: hadir[p.pk] for unsur, p in wakil.items()}
    kurang = [str(Unsur(u).label) for u in unsur_hadir(m) if u not in wakil]
    if kurang:
        raise DomainError(
            _("Pilih wakil setiap unsur yang hadir; belum ada: %(u)s.") % {"u": ", ".join(kurang)}
        )
    for unsur, p in wakil.items():
        if p.unsur != unsur:
            raise DomainError(
                _("%(n)s bukan dari unsur %(u)s.") % {"n": p.nama, "u": Unsur(unsur).label}
            )
    m.penandatangan.all().delete()
    Penandatangan.objects.create(
        musyawarah=m, peran_ttd=PeranTtd.PIMPINAN_SIDANG, peserta=pimpinan, jabatan=jabatan_pimpinan
    )
    Penandatangan.objects.create(musyawarah=m, peran_ttd=PeranTtd.NOTULEN, peserta=notulen)
    for unsur, p in wakil.items():
        Penandatangan.objects.create(
            musyawarah=m, peran_ttd=PeranTtd.WAKIL_UNSUR, unsur=unsur, peserta=p
        )


def kekurangan_tanda_tangan(m: Musyawarah) -> list[str]:
    kurang = []
    if not m.nomor_berita_acara:
        kurang.append(_("Nomor berita acara belum diisi."))
    peran = {(t.peran_ttd, t.unsur) for t in m.penandatangan.all()}
    if (PeranTtd.PIMPINAN_SIDANG, "") not in peran:
        kurang.append(_("Pimpinan sidang belum ditetapkan."))
    if (PeranTtd.NOTULEN, "") not in peran:
        kurang.append(_("Notulen belum ditetapkan."))
    for u in unsur_hadir(m):
        if (PeranTtd.WAKIL_UNSUR, u) not in peran:
            kurang.append(_("Wakil unsur %(u)s belum dipilih.") % {"u": Unsur(u).label.lower()})
    if m.tanggal and m.tanggal > hari_ini():
        kurang.append(
            _(
                "Musyawarah bertanggal %(t)s; berita acara ditandatangani pada atau "
                "sesudah hari itu."
            )
            % {"t": fmt_tanggal(m.tanggal)}
        )
    return kurang


@transaction.atomic
def berita_acara_tandatangani(
    *, user, musyawarah: Musyawarah, url_verifikasi: Callable[[str], str]
) -> Musyawarah:
    """penetapan → selesai. ``url_verifikasi(kode)`` gives the public URL the QR opens."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PENETAPAN, tindakan=_("menandatangani berita acara"))
    kurang = kekurangan_tanda_tangan(m)
    if kurang:
        raise DomainError(_("Berita acara belum dapat ditandatangani:"), kurang)
    snapshot = snapshot_desa(m)
    logo = cetak.logo_daerah(m)
    dokumen = dokumen_terbitkan(
        jenis="berita_acara_desa",
        judul=_("Berita Acara Musrenbang %(w)s %(s)s") % {"w": m.kelurahan, "s": m.siklus},
        nomor=m.nomor_berita_acara,
        kode_wilayah=m.kode_wilayah,
        nama_wilayah=f"{m.kelurahan}, Kecamatan {m.kelurahan.kecamatan.nama}",
        snapshot=snapshot,
        render=lambda s, kode: cetak.pdf_berita_acara(
            s, kode=kode, url=url_verifikasi(kode), logo=logo
        ),
        oleh=user,
    )
    keterangan = _("Ditetapkan Musrenbang %(w)s, berita acara nomor %(n)s.") % {
        "w": m.kelurahan,
        "n": m.nomor_berita_acara,
    }
    for p in m.pembahasan.select_related("usulan").order_by("urutan"):
        urutan = _(" Urutan prioritas %(n)d.") % {"n": p.urutan}
        if p.keputusan == Keputusan.KOTA:
            usulan_services.usulan_jadikan_prioritas_desa(
                user=user, usulan=p.usulan, keterangan=keterangan + urutan
            )
        elif p.keputusan == Keputusan.SWADAYA:
            usulan_services.usulan_jadikan_swadaya(
                user=user, usulan=p.usulan, keterangan=keterangan + urutan
            )
        else:
            usulan_services.usulan_tolak_desa(user=user, usulan=p.usulan, alasan=p.alasan)
    kajian.masalah_kunci(user=user, masalah_list=[mp.masalah for mp in m.masalah_prioritas.all()])
    usulan_services.pengajuan_tutup(
        user=user, kelurahan=m.kelurahan, siklus=m.siklus, keterangan=keterangan
    )
    m.berita_acara = dokumen
    return pindah(
        m,
        ke=S.SELESAI,
        oleh=user,
        catatan=_("Berita acara ditandatangani, kode verifikasi %(k)s.") % {"k": dokumen.kode},
    )


@transaction.atomic
def berita_acara_unggah_pindaian(*, user, musyawarah: Musyawarah, berkas) -> None:
    """Attach the scanned copy with the handwritten signatures (once)."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    if m.status != S.SELESAI or m.berita_acara is None:
        raise DomainError(_("Pindaian diunggah setelah berita acara ditandatangani."))
    pindaian_unggah(dokumen=m.berita_acara, berkas=berkas)
