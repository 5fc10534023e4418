"""Preparation of the Musrenbang Desa/Kelurahan (seed steps 1-3), and starting it.

Every service: the acting user must be an operator of the forum's kelurahan; nothing
changes once the berita acara is signed; each status move writes a RiwayatMusyawarah row.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.core.exceptions import DomainError
from apps.core.formatting import tanggal as fmt_tanggal
from apps.musyawarah.models import (
    AgendaAcara,
    AnggotaTpm,
    JabatanTpm,
    JenisLogistik,
    Logistik,
    Musyawarah,
    Pemandu,
    RiwayatMusyawarah,
    StatusMusyawarah,
    Tingkat,
)
from apps.siklus.selectors import hari_ini
from apps.usulan.services import siklus_aktif_untuk
from apps.wilayah.models import Kelurahan

S = StatusMusyawarah
JUMLAH_PEMANDU = 3
HARI_UNDANGAN = 7

AGENDA_BAWAAN = [
    ("08.00", "08.30", "Pendaftaran peserta"),
    ("08.30", "09.00", "Pembukaan dan sambutan lurah/kepala desa"),
    ("09.00", "09.45", "Pemaparan kajian desa dan rancangan RKP Desa oleh tim pemandu"),
    ("09.45", "11.15", "Pembahasan dan penetapan prioritas usulan"),
    ("11.15", "11.45", "Pemilihan delegasi ke Musrenbang kecamatan"),
    ("11.45", "12.00", "Pembacaan dan penandatanganan berita acara"),
]
LOGISTIK_BAWAAN = [
    (JenisLogistik.TEMPAT, "Balai/aula kelurahan, kursi dan meja peserta"),
    (JenisLogistik.KONSUMSI, "Snack dan makan siang peserta"),
    (JenisLogistik.ALAT_BAHAN, "Pengeras suara, proyektor, kertas plano, spidol, daftar hadir"),
]


def kunci(musyawarah: Musyawarah) -> Musyawarah:
    """The current row, locked until the transaction ends."""
    return (
        Musyawarah.objects.select_for_update(of=("self",))
        .select_related("kelurahan__kecamatan__daerah", "siklus__daerah")
        .get(pk=musyawarah.pk)
    )


def wajib_kelola(user, musyawarah: Musyawarah) -> None:
    wajib(user, Aksi.KELOLA_MUSYAWARAH_DESA, musyawarah)


def wajib_status(musyawarah: Musyawarah, *boleh: str, tindakan: str) -> None:
    """Refuse unless the forum is in one of ``boleh``; the signed forum never changes."""
    if musyawarah.status == S.SELESAI:
        raise DomainError(
            _("Berita acara sudah ditandatangani; %(tindakan)s tidak dapat dilakukan lagi.")
            % {"tindakan": tindakan}
        )
    if musyawarah.status not in boleh:
        raise DomainError(
            _("%(tindakan)s hanya dapat dilakukan pada tahap %(tahap)s (sekarang: %(status)s).")
            % {
                "tindakan": tindakan[:1].upper() + tindakan[1:],
                "tahap": " atau ".join(str(S(s).label).lower() for s in boleh),
                "status": musyawarah.get_status_display().lower(),
            }
        )


def catat(musyawarah: Musyawarah, *, dari: str, ke: str, oleh, catatan: str = "") -> None:
    RiwayatMusyawarah.objects.create(
        musyawarah=musyawarah, dari=dari, ke=ke, oleh=oleh, catatan=catatan
    )


def pindah(musyawarah: Musyawarah, *, ke: str, oleh, catatan: str = "") -> Musyawarah:
    dari = musyawarah.status
    musyawarah.status = ke
    musyawarah.versi += 1
    musyawarah.full_clean()
    musyawarah.save()
    catat(musyawarah, dari=dari, ke=ke, oleh=oleh, catatan=catatan)
    return musyawarah


@transaction.atomic
def musyawarah_desa_buat(*, user, kelurahan: Kelurahan) -> Musyawarah:
    """Open the Musrenbang of ``kelurahan`` in the active siklus, with a default agenda
    and logistics checklist to adapt. One per kelurahan per siklus."""
    wajib(user, Aksi.KELOLA_MUSYAWARAH_DESA, kelurahan)
    siklus = siklus_aktif_untuk(kelurahan)
    if Musyawarah.objects.filter(siklus=siklus, kelurahan=kelurahan, tingkat=Tingkat.DESA).exists():
        raise DomainError(_("Musrenbang %(k)s siklus ini sudah dibuat.") % {"k": kelurahan})
    m = Musyawarah(
        siklus=siklus,
        tingkat=Tingkat.DESA,
        kelurahan=kelurahan,
        kode_wilayah=kelurahan.kode,
        tempat=_("Aula Kantor %(k)s") % {"k": kelurahan},
    )
    m.full_clean()
    m.save()
    for i, (mulai, selesai, acara) in enumerate(AGENDA_BAWAAN, start=1):
        AgendaAcara.objects.create(
            musyawarah=m,
            urutan=i,
            jam_mulai=datetime.time.fromisoformat(mulai.replace(".", ":")),
            jam_selesai=datetime.time.fromisoformat(selesai.replace(".", ":")),
            acara=acara,
        )
    Logistik.objects.bulk_create(
        Logistik(musyawarah=m, jenis=jenis, uraian=uraian) for jenis, uraian in LOGISTIK_BAWAAN
    )
    catat(m, dari="", ke=S.PERSIAPAN, oleh=user, catatan=_("Musrenbang dibuat."))
    return m


@transaction.atomic
def sk_tpm_simpan(*, user, musyawarah: Musyawarah, nomor: str, tanggal: datetime.date) -> None:
    """Record the SK of the kepala desa/lurah forming the TPM."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, tindakan=_("mengubah TPM"))
    m.sk_tpm_nomor, m.sk_tpm_tanggal = nomor.strip(), tanggal
    m.full_clean()
    m.save()


@transaction.atomic
def tpm_tambah(*, user, musyawarah: Musyawarah, data: dict) -> AnggotaTpm:
    """Add a TPM member; ketua and bendahara are one person each, seksi may have several."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, tindakan=_("mengubah TPM"))
    anggota = AnggotaTpm(musyawarah=m, **data)
    anggota.full_clean()
    anggota.save()
    return anggota


@transaction.atomic
def tpm_hapus(*, user, anggota: AnggotaTpm) -> None:
    m = kunci(anggota.musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, tindakan=_("mengubah TPM"))
    anggota.delete()


@transaction.atomic
def pemandu_tambah(*, user, musyawarah: Musyawarah, data: dict) -> Pemandu:
    """The TPM appoints the tim pemandu: three people, no more."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, tindakan=_("mengubah tim pemandu"))
    if m.pemandu.count() >= JUMLAH_PEMANDU:
        raise DomainError(_("Tim pemandu sudah 3 orang; hapus salah satu untuk mengganti."))
    pemandu = Pemandu(musyawarah=m, **data)
    pemandu.full_clean()
    pemandu.save()
    return pemandu


@transaction.atomic
def pemandu_hapus(*, user, pemandu: Pemandu) -> None:
    m = kunci(pemandu.musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, tindakan=_("mengubah tim pemandu"))
    pemandu.delete()


def cek_tujuh_hari(
    tanggal: datetime.date | None, tanggal_undangan: datetime.date | None, alasan: str
) -> None:
    """The forum is held at least 7 days after the announcement and invitations, unless a
    reason is recorded (it is printed in the berita acara)."""
    if not tanggal or not tanggal_undangan:
        return
    if tanggal_undangan > tanggal:
        raise DomainError(_("Tanggal undangan tidak boleh sesudah tanggal musyawarah."))
    hari = (tanggal - tanggal_undangan).days
    if hari < HARI_UNDANGAN and not alasan.strip():
        raise DomainError(
            _(
                "Musyawarah harus dilaksanakan paling cepat 7 hari setelah pengumuman dan "
                "undangan (sekarang %(hari)d hari: undangan %(undangan)s, musyawarah "
                "%(tanggal)s). Mundurkan tanggalnya, atau tuliskan alasannya; alasan itu "
                "dicetak di berita acara."
            )
            % {
                "hari": hari,
                "undangan": fmt_tanggal(tanggal_undangan),
                "tanggal": fmt_tanggal(tanggal),
            }
        )


@transaction.atomic
def musyawarah_jadwalkan(*, user, musyawarah: Musyawarah, data: dict, versi: int) -> Musyawarah:
    """Set date, time, place and the date of announcement/invitations (7-day rule)."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, tindakan=_("mengubah jadwal"))
    if versi != m.versi:
        raise DomainError(_("Jadwal sudah diubah orang lain; buka ulang halaman ini."))
    boleh = {
        "tanggal",
        "jam_mulai",
        "jam_selesai",
        "tempat",
        "alamat_tempat",
        "tanggal_undangan",
        "alasan_kurang_7_hari",
    }
    if set(data) - boleh:
        raise TypeError(f"unexpected fields: {sorted(set(data) - boleh)}")
    for name, value in data.items():
        setattr(m, name, value)
    if m.jam_mulai and m.jam_selesai and m.jam_selesai <= m.jam_mulai:
        raise DomainError(_("Jam selesai harus sesudah jam mulai."))
    cek_tujuh_hari(m.tanggal, m.tanggal_undangan, m.alasan_kurang_7_hari)
    if m.hari_sejak_undangan is not None and m.hari_sejak_undangan >= HARI_UNDANGAN:
        m.alasan_kurang_7_hari = ""  # no exception to record any more
    m.versi += 1
    m.full_clean()
    m.save()
    return m


@transaction.atomic
def agenda_simpan(
    *, user, musyawarah: Musyawarah, data: dict, acara: AgendaAcara | None = None
) -> AgendaAcara:
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, S.PELAKSANAAN, tindakan=_("mengubah agenda"))
    acara = acara or AgendaAcara(musyawarah=m)
    for name, value in data.items():
        setattr(acara, name, value)
    acara.full_clean()
    acara.save()
    return acara


@transaction.atomic
def agenda_hapus(*, user, acara: AgendaAcara) -> None:
    m = kunci(acara.musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, S.PELAKSANAAN, tindakan=_("mengubah agenda"))
    acara.delete()


@transaction.atomic
def logistik_simpan(
    *, user, musyawarah: Musyawarah, data: dict, item: Logistik | None = None
) -> Logistik:
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, S.PELAKSANAAN, tindakan=_("mengubah logistik"))
    item = item or Logistik(musyawarah=m)
    for name, value in data.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


def kekurangan_persiapan(m: Musyawarah) -> list[str]:
    """What still stops the forum from starting, in words for the operator."""
    kurang = []
    if not m.sk_tpm_nomor or not m.sk_tpm_tanggal:
        kurang.append(_("Nomor dan tanggal SK TPM belum diisi."))
    jabatan = [a.jabatan_tpm for a in m.tpm.all()]
    for j in JabatanTpm:
        if j not in jabatan:
            kurang.append(_("TPM belum memiliki %(j)s.") % {"j": j.label.lower()})
    jumlah = len(m.pemandu.all())
    if jumlah != JUMLAH_PEMANDU:
        kurang.append(_("Tim pemandu harus tepat 3 orang (sekarang %(n)d).") % {"n": jumlah})
    if not (m.tanggal and m.jam_mulai and m.tempat):
        kurang.append(_("Tanggal, jam dan tempat musyawarah belum lengkap."))
    if not m.tanggal_undangan:
        kurang.append(_("Tanggal pengumuman dan undangan belum diisi."))
    if not any(p.diundang for p in m.peserta.all()):
        kurang.append(_("Belum ada peserta yang diundang."))
    return kurang


@transaction.atomic
def musyawarah_mulai(*, user, musyawarah: Musyawarah) -> Musyawarah:
    """persiapan → pelaksanaan, on or after the forum's date, once the TPM is complete, the
    tim pemandu is exactly three, the schedule is set and the 7-day rule is met."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, tindakan=_("memulai musyawarah"))
    kurang = kekurangan_persiapan(m)
    if kurang:
        raise DomainError(_("Musyawarah belum dapat dimulai:"), kurang)
    cek_tujuh_hari(m.tanggal, m.tanggal_undangan, m.alasan_kurang_7_hari)
    if m.tanggal > hari_ini():
        raise DomainError(
            _("Musyawarah dijadwalkan %(t)s; pelaksanaan dapat dimulai pada hari itu.")
            % {"t": fmt_tanggal(m.tanggal)}
        )
    return pindah(m, ke=S.PELAKSANAAN, oleh=user, catatan=_("Musyawarah dibuka."))
