"""Participants: the invitation list, check-in at the door, and the delegation."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError
from apps.musyawarah.models import Musyawarah, Peserta, StatusMusyawarah
from apps.musyawarah.persiapan import kunci, wajib_kelola, wajib_status

S = StatusMusyawarah
ISIAN = (
    "nama",
    "jenis_kelamin",
    "kelompok_usia",
    "lingkungan",
    "rt",
    "sektor",
    "kelompok_sosial",
    "unsur",
    "organisasi",
    "jabatan",
    "peran",
    "alamat",
    "telepon",
    "diundang",
)


@transaction.atomic
def peserta_simpan(
    *, user, musyawarah: Musyawarah, data: dict, peserta: Peserta | None = None
) -> Peserta:
    """Add someone to the invitation list (persiapan) or a walk-in at the door
    (pelaksanaan, marked present at once); or correct their details."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, S.PELAKSANAAN, tindakan=_("mengubah daftar peserta"))
    if set(data) - set(ISIAN):
        raise TypeError(f"unexpected fields: {sorted(set(data) - set(ISIAN))}")
    baru = peserta is None
    peserta = peserta or Peserta(musyawarah=m)
    if peserta.musyawarah_id != m.pk:
        raise DomainError(_("Peserta ini bukan dari musyawarah ini."))
    for name, value in data.items():
        setattr(peserta, name, value)
    if baru and m.status == S.PELAKSANAAN:
        peserta.diundang = data.get("diundang", False)
        peserta.hadir, peserta.waktu_hadir = True, timezone.now()
    peserta.full_clean()
    peserta.save()
    return peserta


@transaction.atomic
def peserta_hapus(*, user, peserta: Peserta) -> None:
    m = kunci(peserta.musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PERSIAPAN, S.PELAKSANAAN, tindakan=_("mengubah daftar peserta"))
    peserta = Peserta.objects.get(pk=peserta.pk)
    if peserta.hadir:
        raise DomainError(
            _("Peserta yang sudah hadir tidak dapat dihapus; batalkan hadirnya dulu.")
        )
    peserta.delete()


@transaction.atomic
def peserta_hadir(*, user, peserta: Peserta, hadir: bool = True) -> Peserta:
    """Tick (or untick) someone present, during the forum."""
    m = kunci(peserta.musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PELAKSANAAN, tindakan=_("mencatat kehadiran"))
    peserta = Peserta.objects.select_for_update().get(pk=peserta.pk)
    if not hadir and peserta.delegasi:
        raise DomainError(_("%(n)s terpilih sebagai delegasi; lepaskan dulu.") % {"n": peserta})
    peserta.hadir = hadir
    peserta.waktu_hadir = timezone.now() if hadir else None
    peserta.save(update_fields=["hadir", "waktu_hadir", "updated_at"])
    return peserta


@transaction.atomic
def delegasi_simpan(*, user, musyawarah: Musyawarah, peserta_ids: list[int], versi: int) -> int:
    """Choose the delegation to the Musrenbang Kecamatan among those present."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_status(m, S.PELAKSANAAN, tindakan=_("memilih delegasi"))
    if versi != m.versi:
        raise DomainError(_("Data musyawarah sudah diubah orang lain; buka ulang halaman ini."))
    pilih = set(peserta_ids)
    hadir = set(m.peserta.filter(hadir=True).values_list("pk", flat=True))
    if pilih - hadir:
        raise DomainError(_("Delegasi dipilih dari peserta yang hadir."))
    m.peserta.exclude(pk__in=pilih).update(delegasi=False)
    m.peserta.filter(pk__in=pilih).update(delegasi=True)
    m.versi += 1
    m.save(update_fields=["versi", "updated_at"])
    return len(pilih)
