"""Participants: the invitation list, check-in at the door, and the delegation."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import potret, selisih
from apps.core.exceptions import DomainError
from apps.musyawarah.mesin import catat_bagian, kunci_untuk, wajib_versi
from apps.musyawarah.models import Musyawarah, Peserta, StatusMusyawarah
from apps.musyawarah.tindakan import Tindakan

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
    # At the kecamatan forum (the form shows these instead of RW and RT).
    "kelurahan_asal",
    "elemen",
    # At the kota forum.
    "kecamatan_asal",
)


@transaction.atomic
def peserta_simpan(
    *, user, musyawarah: Musyawarah, data: dict, peserta: Peserta | None = None
) -> Peserta:
    """Add someone to the invitation list (persiapan) or a walk-in at the door
    (pelaksanaan, marked present at once); or correct their details."""
    m = kunci_untuk(user, musyawarah, Tindakan.UBAH_PESERTA)
    if set(data) - set(ISIAN):
        raise TypeError(f"unexpected fields: {sorted(set(data) - set(ISIAN))}")
    baru = peserta is None
    peserta = peserta or Peserta(musyawarah=m)
    if peserta.musyawarah_id != m.pk:
        raise DomainError(_("Peserta ini bukan dari musyawarah ini."))
    sebelum = {} if baru else potret(Peserta.objects.get(pk=peserta.pk), data)
    for name, value in data.items():
        setattr(peserta, name, value)
    if baru and m.status == S.PELAKSANAAN:
        peserta.diundang = data.get("diundang", False)
        peserta.hadir, peserta.waktu_hadir = True, timezone.now()
    peserta.full_clean()
    peserta.save()
    catat_bagian(
        user,
        m,
        _("menambah peserta") if baru else _("mengubah data peserta"),
        peserta,
        perubahan=selisih(sebelum, potret(peserta, data)),
    )
    return peserta


@transaction.atomic
def peserta_hapus(*, user, peserta: Peserta) -> None:
    m = kunci_untuk(user, peserta.musyawarah, Tindakan.UBAH_PESERTA)
    peserta = Peserta.objects.get(pk=peserta.pk)
    if peserta.hadir:
        raise DomainError(
            _("Peserta yang sudah hadir tidak dapat dihapus; batalkan hadirnya dulu.")
        )
    catat_bagian(user, m, _("menghapus peserta"), peserta)
    peserta.delete()


@transaction.atomic
def peserta_hadir(*, user, peserta: Peserta, hadir: bool = True) -> Peserta:
    """Tick (or untick) someone present, during the forum."""
    m = kunci_untuk(user, peserta.musyawarah, Tindakan.CATAT_HADIR)
    peserta = Peserta.objects.select_for_update().get(pk=peserta.pk)
    if not hadir and peserta.delegasi:
        raise DomainError(_("%(n)s terpilih sebagai delegasi; lepaskan dulu.") % {"n": peserta})
    peserta.hadir = hadir
    peserta.waktu_hadir = timezone.now() if hadir else None
    peserta.save(update_fields=["hadir", "waktu_hadir", "updated_at"])
    catat_bagian(user, m, _("mencatat hadir") if hadir else _("membatalkan hadir"), peserta)
    return peserta


@transaction.atomic
def delegasi_simpan(*, user, musyawarah: Musyawarah, peserta_ids: list[int], versi: int) -> int:
    """Choose the delegation to the Musrenbang Kecamatan among those present."""
    m = kunci_untuk(user, musyawarah, Tindakan.PILIH_DELEGASI)
    wajib_versi(m, versi)
    pilih = set(peserta_ids)
    hadir = set(m.peserta.filter(hadir=True).values_list("pk", flat=True))
    if pilih - hadir:
        raise DomainError(_("Delegasi dipilih dari peserta yang hadir."))
    sebelum = sorted(m.peserta.filter(delegasi=True).values_list("nama", flat=True))
    m.peserta.exclude(pk__in=pilih).update(delegasi=False)
    m.peserta.filter(pk__in=pilih).update(delegasi=True)
    sesudah = sorted(m.peserta.filter(delegasi=True).values_list("nama", flat=True))
    catat_bagian(
        user,
        m,
        _("memilih delegasi"),
        perubahan=selisih({"delegasi": sebelum}, {"delegasi": sesudah}),
    )
    m.versi += 1
    m.save(update_fields=["versi", "updated_at"])
    return len(pilih)
