"""Preparation of the Musrenbang Desa/Kelurahan (seed steps 1-3), and starting it.

Every service: the acting user must manage the forum and its status must allow the action
(apps.musyawarah.tindakan); nothing changes once the berita acara is signed; each status
move and every change is recorded in the audit trail (apps.core.audit).
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.core.audit import potret, selisih
from apps.core.exceptions import DomainError
from apps.core.formatting import jam as fmt_jam
from apps.core.formatting import tanggal as fmt_tanggal
from apps.musyawarah.mesin import catat, catat_bagian, kunci_untuk, pindah, wajib_versi
from apps.musyawarah.models import (
    AgendaAcara,
    AnggotaTpm,
    JenisLogistik,
    Logistik,
    Musyawarah,
    Pemandu,
    StatusMusyawarah,
    Tingkat,
)
from apps.musyawarah.tindakan import Tindakan
from apps.musyawarah.tingkat import spek
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
    isi_bawaan(m, agenda=AGENDA_BAWAAN, logistik=LOGISTIK_BAWAAN)
    catat(m, dari="", ke=S.PERSIAPAN, oleh=user, catatan=_("Musrenbang dibuat."))
    return m


def isi_bawaan(m: Musyawarah, *, agenda, logistik) -> None:
    """A new forum's default agenda and logistics checklist, for the organisers to adapt."""
    for i, (mulai, selesai, acara) in enumerate(agenda, start=1):
        AgendaAcara.objects.create(
            musyawarah=m,
            urutan=i,
            jam_mulai=datetime.time.fromisoformat(mulai.replace(".", ":")),
            jam_selesai=datetime.time.fromisoformat(selesai.replace(".", ":")),
            acara=acara,
        )
    Logistik.objects.bulk_create(
        Logistik(musyawarah=m, jenis=jenis, uraian=uraian) for jenis, uraian in logistik
    )


@transaction.atomic
def sk_tpm_simpan(
    *,
    user,
    musyawarah: Musyawarah,
    nomor: str,
    tanggal: datetime.date,
    kepala_nama: str = "",
    kepala_nip: str = "",
) -> None:
    """Record the SK of the kepala desa/lurah forming the TPM, and who signed it (the
    berita acara's "Mengetahui" when someone else chairs the forum)."""
    m = kunci_untuk(user, musyawarah, Tindakan.UBAH_TPM)
    isian = ("sk_tpm_nomor", "sk_tpm_tanggal", "kepala_nama", "kepala_nip")
    sebelum = potret(m, isian)
    m.sk_tpm_nomor, m.sk_tpm_tanggal = nomor.strip(), tanggal
    m.kepala_nama, m.kepala_nip = kepala_nama.strip(), kepala_nip.strip()
    m.full_clean()
    m.save()
    catat_bagian(user, m, _("mengubah SK TPM"), perubahan=selisih(sebelum, potret(m, isian)))


@transaction.atomic
def tpm_tambah(*, user, musyawarah: Musyawarah, data: dict) -> AnggotaTpm:
    """Add a TPM member; ketua and bendahara are one person each, seksi may have several."""
    m = kunci_untuk(user, musyawarah, Tindakan.UBAH_TPM)
    anggota = AnggotaTpm(musyawarah=m, **data)
    anggota.full_clean()
    anggota.save()
    catat_bagian(user, m, _("menambah anggota TPM"), anggota)
    return anggota


@transaction.atomic
def tpm_hapus(*, user, anggota: AnggotaTpm) -> None:
    m = kunci_untuk(user, anggota.musyawarah, Tindakan.UBAH_TPM)
    catat_bagian(user, m, _("menghapus anggota TPM"), anggota)
    anggota.delete()


@transaction.atomic
def pemandu_tambah(*, user, musyawarah: Musyawarah, data: dict) -> Pemandu:
    """The TPM appoints the tim pemandu: three people, no more."""
    m = kunci_untuk(user, musyawarah, Tindakan.UBAH_TPM)
    if m.pemandu.count() >= JUMLAH_PEMANDU:
        raise DomainError(_("Tim pemandu sudah 3 orang; hapus salah satu untuk mengganti."))
    pemandu = Pemandu(musyawarah=m, **data)
    pemandu.full_clean()
    pemandu.save()
    catat_bagian(user, m, _("menambah pemandu"), pemandu)
    return pemandu


@transaction.atomic
def pemandu_hapus(*, user, pemandu: Pemandu) -> None:
    m = kunci_untuk(user, pemandu.musyawarah, Tindakan.UBAH_TPM)
    catat_bagian(user, m, _("menghapus pemandu"), pemandu)
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
    m = kunci_untuk(user, musyawarah, Tindakan.UBAH_JADWAL)
    wajib_versi(m, versi, _("Jadwal sudah diubah orang lain; buka ulang halaman ini."))
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
    sebelum = potret(m, boleh)
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
    catat_bagian(user, m, _("mengubah jadwal"), perubahan=selisih(sebelum, potret(m, boleh)))
    return m


def _akhir(acara: AgendaAcara) -> datetime.time:
    return acara.jam_selesai or acara.jam_mulai


def _bertumpuk(a: AgendaAcara, b: AgendaAcara) -> bool:
    """Two items overlap when their times intersect (an item without an end is a moment)."""
    if a.jam_mulai == b.jam_mulai:
        return True
    return a.jam_mulai < _akhir(b) and b.jam_mulai < _akhir(a)


def _nomori_agenda(m: Musyawarah) -> None:
    """Number the agenda 1..n in the order of its times: an item added or moved in the
    middle takes its place and the rest follow."""
    for i, acara in enumerate(m.agenda.order_by("jam_mulai", "pk"), start=1):
        if acara.urutan != i:
            AgendaAcara.objects.filter(pk=acara.pk).update(urutan=i)


@transaction.atomic
def agenda_simpan(
    *, user, musyawarah: Musyawarah, data: dict, acara: AgendaAcara | None = None
) -> AgendaAcara:
    """Add an agenda item, or change one. Items follow each other in time; an item whose
    time overlaps another is refused, naming it."""
    m = kunci_untuk(user, musyawarah, Tindakan.UBAH_AGENDA)
    if acara is not None and acara.musyawarah_id != m.pk:
        raise DomainError(_("Acara ini bukan dari musyawarah ini."))
    baru = acara is None
    acara = acara or AgendaAcara(musyawarah=m, urutan=0)
    isian = ("jam_mulai", "jam_selesai", "acara", "dipandu")
    sebelum = {} if baru else potret(AgendaAcara.objects.get(pk=acara.pk), isian)
    for name in isian:
        if name in data:
            setattr(acara, name, data[name])
    acara.full_clean(exclude=["urutan"])
    for lain in m.agenda.exclude(pk=acara.pk):
        if _bertumpuk(acara, lain):
            waktu = fmt_jam(lain.jam_mulai) + (
                f"–{fmt_jam(lain.jam_selesai)}" if lain.jam_selesai else ""
            )
            raise DomainError(
                _("Waktunya bertumpuk dengan acara “%(acara)s” (%(waktu)s).")
                % {"acara": lain.acara, "waktu": waktu}
            )
    acara.urutan = acara.urutan or m.agenda.count() + 1
    acara.save()
    _nomori_agenda(m)
    acara.refresh_from_db()
    catat_bagian(
        user,
        m,
        _("menambah acara") if baru else _("mengubah acara"),
        acara,
        perubahan=selisih(sebelum, potret(acara, isian)),
    )
    return acara


@transaction.atomic
def agenda_hapus(*, user, acara: AgendaAcara) -> None:
    m = kunci_untuk(user, acara.musyawarah, Tindakan.UBAH_AGENDA)
    catat_bagian(user, m, _("menghapus acara"), acara)
    acara.delete()
    _nomori_agenda(m)


@transaction.atomic
def logistik_simpan(
    *, user, musyawarah: Musyawarah, data: dict, item: Logistik | None = None
) -> Logistik:
    m = kunci_untuk(user, musyawarah, Tindakan.UBAH_LOGISTIK)
    item = item or Logistik(musyawarah=m)
    sebelum = potret(item, data) if item.pk else {}
    for name, value in data.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    catat_bagian(
        user, m, _("mengubah logistik"), item, perubahan=selisih(sebelum, potret(item, data))
    )
    return item


def kekurangan_jadwal_undangan(m: Musyawarah) -> list[str]:
    """What every level needs before opening: date, time and place, the announcement and
    invitations, and someone invited."""
    kurang = []
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
    m = kunci_untuk(user, musyawarah, Tindakan.MULAI)
    kurang = spek(m).kekurangan_persiapan(m)
    if kurang:
        raise DomainError(_("Musyawarah belum dapat dimulai:"), kurang)
    cek_tujuh_hari(m.tanggal, m.tanggal_undangan, m.alasan_kurang_7_hari)
    # A practice run rehearses on any day; the real forum opens on its date.
    if not m.latihan and m.tanggal > hari_ini():
        raise DomainError(
            _("Musyawarah dijadwalkan %(t)s; pelaksanaan dapat dimulai pada hari itu.")
            % {"t": fmt_tanggal(m.tanggal)}
        )
    return pindah(m, ke=S.PELAKSANAAN, oleh=user, catatan=_("Musyawarah dibuka."))
