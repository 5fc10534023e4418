"""Registration from the public announcement (seed 4.a.6–7: "membuka pendaftaran dan atau
mengundang calon peserta"): residents and community groups register without an account;
the organisers accept them (they join the participants) or decline them."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError
from apps.musyawarah.mesin import catat_bagian, kunci, kunci_untuk
from apps.musyawarah.models import (
    ElemenKecamatan,
    Musyawarah,
    Pendaftaran,
    Peserta,
    StatusPendaftaran,
    Tingkat,
    Unsur,
)
from apps.musyawarah.tindakan import Tindakan
from apps.siklus.selectors import hari_ini

# Registrations one sender may make in an hour: enough for a group registering a few
# members, too few for a script filling the queue.
MAKS_PER_JAM = 5
ISIAN = ("nama", "lembaga", "elemen", "jenis_kelamin", "kontak", "kelurahan")
UNSUR_ELEMEN = {
    ElemenKecamatan.KECAMATAN: Unsur.PEMERINTAH,
    ElemenKecamatan.KEPALA_KELURAHAN: Unsur.PEMERINTAH,
    ElemenKecamatan.DPRD: Unsur.PEMERINTAH,
    ElemenKecamatan.PERANGKAT_DAERAH: Unsur.PEMERINTAH,
    ElemenKecamatan.SWASTA: Unsur.SWASTA,
}


def pendaftaran_terbuka(m: Musyawarah) -> bool:
    """Registration is open from the public announcement until the day before the forum."""
    if m.tingkat != Tingkat.KECAMATAN or m.latihan or not m.dalam_persiapan:
        return False
    if not m.tanggal_undangan or m.tanggal_undangan > hari_ini():
        return False
    return m.tanggal is None or hari_ini() < m.tanggal


@transaction.atomic
def pendaftaran_kirim(*, musyawarah: Musyawarah, data: dict, sidik_pengirim: str) -> Pendaftaran:
    """A public registration (no login). Refused when registration is closed, when the
    same person registered already, or after ``MAKS_PER_JAM`` from one sender."""
    m = kunci(musyawarah)
    if not pendaftaran_terbuka(m):
        raise DomainError(_("Pendaftaran Musrenbang ini tidak dibuka saat ini."))
    if set(data) - set(ISIAN):
        raise TypeError(f"unexpected fields: {sorted(set(data) - set(ISIAN))}")
    sejam = timezone.now() - datetime.timedelta(hours=1)
    if (
        Pendaftaran.objects.filter(sidik_pengirim=sidik_pengirim, created_at__gte=sejam).count()
        >= MAKS_PER_JAM
    ):
        raise DomainError(
            _("Terlalu banyak pendaftaran dari perangkat ini; coba lagi satu jam lagi.")
        )
    nama, kontak = data["nama"].strip(), data["kontak"].strip()
    if m.pendaftaran.filter(nama__iexact=nama, kontak=kontak).exists():
        raise DomainError(_("%(n)s sudah terdaftar dengan kontak ini.") % {"n": nama})
    if data.get("kelurahan") and data["kelurahan"].kecamatan_id != m.kecamatan_id:
        raise DomainError(_("Pilih kelurahan/desa di kecamatan ini."))
    p = Pendaftaran(musyawarah=m, sidik_pengirim=sidik_pengirim, **data)
    p.nama, p.kontak = nama, kontak
    p.full_clean()
    p.save()
    return p


def _kunci_pendaftaran(user, pendaftaran: Pendaftaran):
    m = kunci_untuk(user, pendaftaran.musyawarah, Tindakan.TERIMA_PENDAFTARAN)
    p = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
    if p.status != StatusPendaftaran.MENUNGGU:
        raise DomainError(_("Pendaftaran ini sudah diproses."))
    return m, p


@transaction.atomic
def pendaftaran_terima(*, user, pendaftaran: Pendaftaran) -> Peserta:
    """Accept a registration: the person joins the participants, invited."""
    m, p = _kunci_pendaftaran(user, pendaftaran)
    peserta = Peserta(
        musyawarah=m,
        nama=p.nama,
        jenis_kelamin=p.jenis_kelamin,
        unsur=UNSUR_ELEMEN.get(p.elemen, Unsur.MASYARAKAT),
        elemen=p.elemen,
        organisasi=p.lembaga,
        telepon=p.kontak[:30],
        kelurahan_asal=p.kelurahan,
        diundang=True,
    )
    peserta.full_clean()
    peserta.save()
    p.status, p.peserta = StatusPendaftaran.DITERIMA, peserta
    p.save()
    catat_bagian(user, m, _("menerima pendaftaran"), peserta)
    return peserta


@transaction.atomic
def pendaftaran_tolak(*, user, pendaftaran: Pendaftaran, alasan: str) -> Pendaftaran:
    """Decline a registration, with a reason (a duplicate, not from the kecamatan...)."""
    m, p = _kunci_pendaftaran(user, pendaftaran)
    if not alasan.strip():
        raise DomainError(_("Tuliskan alasan pendaftaran ditolak."))
    p.status, p.alasan = StatusPendaftaran.DITOLAK, alasan.strip()
    p.save()
    catat_bagian(user, m, _("menolak pendaftaran"), p, catatan=p.alasan)
    return p
