"""Signing the berita acara: after it, the forum and all it lists are final. Any level.

Signing freezes the level's snapshot into a DokumenFinal (PDF with a verification code,
QR and SHA-256) and lets the signed decisions take effect (the level's ``terapkan``: for a
desa forum, every decided usulan moves to its new status with a history row, the
priority problems lock and the kelurahan's submission closes). All of it in one
transaction: nothing is ever half-signed.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError
from apps.core.formatting import awal_kecil
from apps.core.formatting import tanggal as fmt_tanggal
from apps.dokumen.services import dokumen_terbitkan, pindaian_unggah
from apps.musyawarah import cetak
from apps.musyawarah.mesin import catat_bagian, kunci_untuk, pindah
from apps.musyawarah.models import Musyawarah, Penandatangan, PeranTtd, Peserta, StatusMusyawarah
from apps.musyawarah.tindakan import Tindakan
from apps.musyawarah.tingkat import spek
from apps.siklus.selectors import hari_ini

S = StatusMusyawarah


def elemen_hadir(m: Musyawarah) -> list[str]:
    """The stakeholder elements present (the level says what an element is): each needs
    a representative among the signatories. In the order they first appear by name."""
    sp = spek(m)
    return list(dict.fromkeys(sp.elemen(p) for p in m.peserta.filter(hadir=True).order_by("nama")))


@transaction.atomic
def penandatangan_simpan(
    *,
    user,
    musyawarah: Musyawarah,
    pimpinan: Peserta,
    jabatan_pimpinan: str,
    notulen: Peserta,
    wakil: dict[str, Peserta],
    pimpinan_kepala: bool = True,
) -> None:
    """Record who signs: the pimpinan sidang, the notulen, and one representative of each
    element present, all chosen among those present. When the pimpinan is not the head of
    the wilayah (``pimpinan_kepala``), the berita acara adds "Mengetahui" for them."""
    m = kunci_untuk(user, musyawarah, Tindakan.TETAPKAN_TTD)
    sp = spek(m)
    # Judge by the rows as they are now, not by the objects the caller holds.
    hadir = {p.pk: p for p in m.peserta.filter(hadir=True)}
    if any(p.pk not in hadir for p in [pimpinan, notulen, *wakil.values()]):
        raise DomainError(_("Penandatangan dipilih dari peserta yang hadir."))
    pimpinan, notulen = hadir[pimpinan.pk], hadir[notulen.pk]
    wakil = {elemen: hadir[p.pk] for elemen, p in wakil.items()}
    kurang = [sp.label_elemen(e) for e in elemen_hadir(m) if e not in wakil]
    if kurang:
        raise DomainError(
            _("Pilih wakil setiap unsur yang hadir; belum ada: %(u)s.") % {"u": ", ".join(kurang)}
        )
    for elemen, p in wakil.items():
        if sp.elemen(p) != elemen:
            raise DomainError(
                _("%(n)s bukan dari unsur %(u)s.") % {"n": p.nama, "u": sp.label_elemen(elemen)}
            )
    m.pimpinan_kepala = pimpinan_kepala
    m.save(update_fields=["pimpinan_kepala", "updated_at"])
    m.penandatangan.all().delete()
    Penandatangan.objects.create(
        musyawarah=m, peran_ttd=PeranTtd.PIMPINAN_SIDANG, peserta=pimpinan, jabatan=jabatan_pimpinan
    )
    Penandatangan.objects.create(musyawarah=m, peran_ttd=PeranTtd.NOTULEN, peserta=notulen)
    for elemen, p in wakil.items():
        Penandatangan.objects.create(
            musyawarah=m, peran_ttd=PeranTtd.WAKIL_UNSUR, unsur=elemen, peserta=p
        )
    catat_bagian(
        user,
        m,
        _("menetapkan penandatangan"),
        perubahan={
            "pimpinan": [None, f"{pimpinan.nama} ({jabatan_pimpinan})"],
            "notulen": [None, notulen.nama],
            **{sp.label_elemen(e): [None, p.nama] for e, p in wakil.items()},
        },
    )


def kekurangan_tanda_tangan(m: Musyawarah) -> list[str]:
    """What every level needs before signing: the number, the pimpinan and notulen, one
    representative of each element present, and the forum's date reached."""
    sp = spek(m)
    kurang = []
    if not m.nomor_berita_acara:
        kurang.append(_("Nomor berita acara belum diisi."))
    peran = {(t.peran_ttd, t.unsur) for t in m.penandatangan.all()}
    if (PeranTtd.PIMPINAN_SIDANG, "") not in peran:
        kurang.append(_("Pimpinan sidang belum ditetapkan."))
    if (PeranTtd.NOTULEN, "") not in peran:
        kurang.append(_("Notulen belum ditetapkan."))
    for e in elemen_hadir(m):
        if (PeranTtd.WAKIL_UNSUR, e) not in peran:
            kurang.append(
                _("Wakil unsur %(u)s belum dipilih.") % {"u": awal_kecil(sp.label_elemen(e))}
            )
    if m.tanggal and m.tanggal > hari_ini() and not m.latihan:
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
    """penetapan → selesai. ``url_verifikasi(kode)`` gives the public URL the QR opens.

    A practice run keeps its snapshot on itself instead: no verification code, no
    document, and the signed decisions take no effect.
    """
    m = kunci_untuk(user, musyawarah, Tindakan.TANDATANGANI)
    sp = spek(m)
    kurang = sp.kekurangan_penetapan(m)
    if kurang:
        raise DomainError(_("Berita acara belum dapat ditandatangani:"), kurang)
    snapshot = sp.snapshot(m)
    if m.latihan:
        m.snapshot_latihan = snapshot
        return pindah(
            m, ke=S.SELESAI, oleh=user, catatan=_("Latihan selesai (bukan dokumen resmi).")
        )
    logo = cetak.logo_daerah(m)
    dokumen = dokumen_terbitkan(
        jenis=sp.jenis_dokumen,
        judul=sp.judul(m),
        nomor=m.nomor_berita_acara,
        kode_wilayah=m.kode_wilayah,
        nama_wilayah=sp.nama_wilayah(m),
        snapshot=snapshot,
        render=lambda s, kode: sp.render_berita_acara(
            s, kode=kode, url=url_verifikasi(kode), logo=logo
        ),
        oleh=user,
    )
    sp.terapkan(user, m)
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
    m = kunci_untuk(user, musyawarah, Tindakan.UNGGAH_PINDAIAN)
    pindaian_unggah(dokumen=m.berita_acara, berkas=berkas)
