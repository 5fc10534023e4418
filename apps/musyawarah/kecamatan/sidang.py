"""The sidang kelompok (seed 4.b.4–9): members, their elected pimpinan, the hand-over from
the fasilitator, and the verification of every usulan of the group — feasible or not
(with its reason), corrections, merges of cross-kelurahan duplicates, and the kecamatan's
own usulan (seed 2.b).

A group is run by the camat's team or by the fasilitator assigned to it; a fasilitator
acting on another group is refused (403).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, boleh
from apps.core.audit import potret, selisih
from apps.core.exceptions import DomainError
from apps.musyawarah.mesin import catat_bagian, kunci, kunci_untuk
from apps.musyawarah.models import (
    KelompokDiskusi,
    KelompokPerangkatDaerah,
    Musyawarah,
    Pembahasan,
    Peserta,
    Verifikasi,
)
from apps.musyawarah.tindakan import Tindakan, wajib_tindakan
from apps.usulan import services as usulan_services

KOREKSI = ("perangkat_daerah", "prioritas_daerah", "volume", "perkiraan_biaya")


def boleh_pandu(user, kelompok: KelompokDiskusi) -> bool:
    """The camat's team runs every group; a fasilitator only the group assigned to them."""
    m = kelompok.musyawarah
    if boleh(user, Aksi.KELOLA_MUSYAWARAH_KECAMATAN, m):
        return True
    return boleh(user, Aksi.PANDU_KELOMPOK, m) and kelompok.fasilitator_id == user.pk


def _kunci_kelompok(user, kelompok: KelompokDiskusi, tindakan: Tindakan):
    """Lock the forum, check the status and who runs the group; the group as it is now."""
    m = kunci(kelompok.musyawarah)
    kelompok = KelompokDiskusi.objects.select_for_update().get(pk=kelompok.pk)
    kelompok.musyawarah = m
    if not boleh_pandu(user, kelompok):
        raise PermissionDenied
    wajib_tindakan(m, tindakan)
    return m, kelompok


def _wajib_terbuka(kelompok: KelompokDiskusi) -> None:
    if kelompok.verifikasi_selesai_pada:
        raise DomainError(
            _("Verifikasi kelompok %(k)s sudah ditutup; buka kembali untuk mengubahnya.")
            % {"k": kelompok}
        )


@transaction.atomic
def anggota_kelompok_simpan(
    *, user, musyawarah: Musyawarah, kelompok: KelompokDiskusi | None, peserta: list[Peserta]
) -> int:
    """Assign participants to a group (or to none). The camat's team assigns."""
    m = kunci_untuk(user, musyawarah, Tindakan.ATUR_KELOMPOK)
    if kelompok is not None and kelompok.musyawarah_id != m.pk:
        raise DomainError(_("Kelompok ini bukan dari musyawarah ini."))
    if any(p.musyawarah_id != m.pk for p in peserta):
        raise DomainError(_("Peserta ini bukan dari musyawarah ini."))
    Peserta.objects.filter(pk__in=[p.pk for p in peserta]).update(kelompok=kelompok)
    catat_bagian(
        user,
        m,
        _("membagi peserta ke kelompok"),
        kelompok,
        perubahan={"anggota": [None, ", ".join(p.nama for p in peserta)]},
    )
    return len(peserta)


@transaction.atomic
def pimpinan_kelompok_simpan(
    *,
    user,
    kelompok: KelompokDiskusi,
    ketua: Peserta,
    sekretaris: Peserta,
    notulen: Peserta,
    fasilitator=None,
    fasilitator_nama: str = "",
) -> KelompokDiskusi:
    """The group's ketua, sekretaris and notulen, elected from and by its members (seed
    4.b.5), and its fasilitator (an account with the fasilitator peran in the kecamatan,
    or a name)."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.VERIFIKASI)
    anggota = {p.pk for p in kelompok.anggota.all()}
    for p in (ketua, sekretaris, notulen):
        if p.pk not in anggota:
            raise DomainError(
                _("%(n)s bukan anggota kelompok %(k)s.") % {"n": p.nama, "k": kelompok}
            )
    if len({ketua.pk, sekretaris.pk, notulen.pk}) < 3:
        raise DomainError(_("Ketua, sekretaris dan notulen adalah tiga orang berbeda."))
    if fasilitator is not None and not boleh(fasilitator, Aksi.PANDU_KELOMPOK, m):
        raise DomainError(_("Akun ini bukan fasilitator kecamatan ini."))
    isian = ("ketua", "sekretaris", "notulen", "fasilitator", "fasilitator_nama")
    sebelum = potret(kelompok, isian)
    kelompok.ketua, kelompok.sekretaris, kelompok.notulen = ketua, sekretaris, notulen
    if boleh(user, Aksi.KELOLA_MUSYAWARAH_KECAMATAN, m):
        # Only the camat's team appoints fasilitator; a fasilitator cannot reassign a group.
        kelompok.fasilitator, kelompok.fasilitator_nama = fasilitator, fasilitator_nama.strip()
    kelompok.save()
    catat_bagian(
        user,
        m,
        _("memilih pimpinan kelompok"),
        kelompok,
        perubahan=selisih(sebelum, potret(kelompok, isian)),
    )
    return kelompok


@transaction.atomic
def kelompok_serahkan(*, user, kelompok: KelompokDiskusi) -> KelompokDiskusi:
    """The fasilitator hands the group over to its elected ketua (seed 4.b.6)."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.VERIFIKASI)
    if not (kelompok.ketua_id and kelompok.sekretaris_id and kelompok.notulen_id):
        raise DomainError(_("Pilih dulu ketua, sekretaris dan notulen kelompok."))
    if kelompok.diserahkan_pada:
        raise DomainError(_("Kelompok ini sudah diserahkan kepada ketuanya."))
    kelompok.diserahkan_pada = timezone.now()
    kelompok.save(update_fields=["diserahkan_pada", "updated_at"])
    catat_bagian(
        user,
        m,
        _("menyerahkan kelompok kepada ketua"),
        kelompok,
        catatan=str(kelompok.ketua),
    )
    return kelompok


def _pembahasan_kelompok(p: Pembahasan, kelompok: KelompokDiskusi) -> Pembahasan:
    if p.musyawarah_id != kelompok.musyawarah_id or p.kelompok_id != kelompok.pk:
        raise DomainError(_("Usulan ini tidak dibahas di kelompok %(k)s.") % {"k": kelompok})
    return p


@transaction.atomic
def verifikasi_simpan(
    *,
    user,
    kelompok: KelompokDiskusi,
    pembahasan: Pembahasan,
    verifikasi: str,
    alasan: str = "",
    koreksi: dict | None = None,
) -> Pembahasan:
    """The group's verification of one usulan (seed 4.b.7): layak, or tidak layak with
    its reason; and its corrections (perangkat daerah, prioritas daerah, volume, cost),
    each recorded old → new. A corrected perangkat daerah may move the usulan to another
    group. What the desa forum signed is never changed; the usulan itself takes the
    corrections only when the berita acara is signed."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.VERIFIKASI)
    _wajib_terbuka(kelompok)
    p = Pembahasan.objects.select_for_update().select_related("usulan").get(pk=pembahasan.pk)
    _pembahasan_kelompok(p, kelompok)
    if p.digabung_ke_id:
        raise DomainError(_("Usulan ini sudah digabung; verifikasi usulan gabungannya."))
    if verifikasi not in Verifikasi.values:
        raise DomainError(_("Pilih hasil verifikasi."))
    if verifikasi == Verifikasi.TIDAK_LAYAK and not alasan.strip():
        raise DomainError(_("Tuliskan alasan usulan tidak layak."))
    koreksi = dict(koreksi or {})
    if set(koreksi) - set(KOREKSI):
        raise TypeError(f"not a correction: {sorted(set(koreksi) - set(KOREKSI))}")
    u = p.usulan
    asli = {
        "perangkat_daerah": u.perangkat_daerah,
        "prioritas_daerah": u.prioritas_daerah,
        "volume": u.volume,
        "perkiraan_biaya": u.perkiraan_biaya,
    }
    isian = ("verifikasi", "alasan_verifikasi", *KOREKSI)
    sebelum = potret(p, isian)
    p.verifikasi = verifikasi
    p.alasan_verifikasi = alasan.strip() if verifikasi == Verifikasi.TIDAK_LAYAK else ""
    for name, value in koreksi.items():
        # The same as the usulan's own value is no correction.
        setattr(p, name, None if value == asli[name] else value)
    if p.prioritas_daerah_id and p.prioritas_daerah.siklus_id != m.siklus_id:
        raise DomainError(_("Prioritas daerah bukan dari siklus ini."))
    if p.perangkat_daerah_id and p.perangkat_daerah.daerah_id != m.siklus.daerah_id:
        raise DomainError(_("Perangkat daerah bukan dari daerah ini."))
    p.full_clean()
    pindah_kelompok = None
    if p.pd_id:
        baru = (
            KelompokPerangkatDaerah.objects.filter(musyawarah=m, perangkat_daerah_id=p.pd_id)
            .values_list("kelompok_id", flat=True)
            .first()
        )
        if baru and baru != p.kelompok_id:
            pindah_kelompok, p.kelompok_id = baru, baru
            p.verifikasi, p.alasan_verifikasi = Verifikasi.BELUM, ""
    p.save()
    perubahan = selisih(sebelum, potret(p, isian))
    catatan = ""
    if pindah_kelompok:
        catatan = _("Pindah ke kelompok %(k)s; diverifikasi di sana.") % {
            "k": KelompokDiskusi.objects.get(pk=pindah_kelompok)
        }
    catat_bagian(user, m, _("memverifikasi usulan"), p, perubahan=perubahan, catatan=catatan)
    return p


@transaction.atomic
def usulan_gabung(
    *, user, kelompok: KelompokDiskusi, utama: Pembahasan, lain: list[Pembahasan]
) -> Pembahasan:
    """Merge cross-kelurahan duplicates into one kecamatan item: ``lain`` follow
    ``utama`` (verified and decided with it) and keep their link to it; each original's
    public timeline says so when the berita acara is signed."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.VERIFIKASI)
    _wajib_terbuka(kelompok)
    utama = Pembahasan.objects.select_for_update().get(pk=utama.pk)
    _pembahasan_kelompok(utama, kelompok)
    if utama.digabung_ke_id:
        raise DomainError(_("Usulan utama tidak boleh usulan yang sudah digabung."))
    lain = [Pembahasan.objects.select_for_update().get(pk=p.pk) for p in lain]
    if not lain or any(p.pk == utama.pk for p in lain):
        raise DomainError(_("Pilih usulan lain untuk digabung ke usulan utama."))
    for p in lain:
        _pembahasan_kelompok(p, kelompok)
        if p.gabungan.exists():
            raise DomainError(
                _("%(k)s sudah menjadi usulan utama gabungan lain.") % {"k": p.usulan.kode}
            )
        p.digabung_ke = utama
        p.verifikasi, p.alasan_verifikasi = Verifikasi.BELUM, ""
        p.save()
    catat_bagian(
        user,
        m,
        _("menggabungkan usulan"),
        utama,
        perubahan={"gabungan": [None, ", ".join(p.usulan.kode for p in lain)]},
    )
    return utama


@transaction.atomic
def usulan_pisah(*, user, kelompok: KelompokDiskusi, pembahasan: Pembahasan) -> Pembahasan:
    """Undo a merge: the usulan is discussed on its own again."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.VERIFIKASI)
    _wajib_terbuka(kelompok)
    p = Pembahasan.objects.select_for_update().get(pk=pembahasan.pk)
    _pembahasan_kelompok(p, kelompok)
    if not p.digabung_ke_id:
        raise DomainError(_("Usulan ini tidak digabung."))
    p.digabung_ke = None
    p.save()
    catat_bagian(user, m, _("memisahkan usulan gabungan"), p)
    return p


@transaction.atomic
def usulan_kecamatan_tambah(*, user, musyawarah: Musyawarah, data: dict) -> Pembahasan:
    """The kecamatan's own usulan (seed 2.b): a real usulan owned by the kecamatan, put
    on the forum's list in the group of its perangkat daerah."""
    m = kunci_untuk(user, musyawarah, Tindakan.USULAN_KECAMATAN)
    usulan = usulan_services.usulan_kecamatan_buat(user=user, kecamatan=m.kecamatan, data=data)
    kelompok_id = (
        KelompokPerangkatDaerah.objects.filter(
            musyawarah=m, perangkat_daerah_id=usulan.perangkat_daerah_id
        )
        .values_list("kelompok_id", flat=True)
        .first()
    )
    p = Pembahasan.objects.create(musyawarah=m, usulan=usulan, kelompok_id=kelompok_id)
    catat_bagian(user, m, _("menambah usulan kecamatan"), p)
    return p


def kekurangan_verifikasi(kelompok: KelompokDiskusi) -> list[str]:
    """What still stops the group from closing its verification."""
    kurang = []
    if not kelompok.diserahkan_pada:
        kurang.append(
            _("Kelompok %(k)s belum memilih pimpinan dan diserahkan kepada ketuanya.")
            % {"k": kelompok}
        )
    belum = [
        p.usulan.kode
        for p in kelompok.pembahasan.select_related("usulan")
        if not p.digabung_ke_id and p.verifikasi == Verifikasi.BELUM
    ]
    if belum:
        kurang.append(
            _("Kelompok %(k)s: %(n)d usulan belum diverifikasi (%(kode)s).")
            % {"k": kelompok, "n": len(belum), "kode": ", ".join(belum[:5])}
        )
    return kurang


@transaction.atomic
def verifikasi_tutup(*, user, kelompok: KelompokDiskusi) -> KelompokDiskusi:
    """The group has verified every usulan: its list goes to the Pleno II."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.VERIFIKASI)
    _wajib_terbuka(kelompok)
    kurang = kekurangan_verifikasi(kelompok)
    if kurang:
        raise DomainError(_("Verifikasi kelompok belum dapat ditutup:"), kurang)
    kelompok.verifikasi_selesai_pada = timezone.now()
    kelompok.save(update_fields=["verifikasi_selesai_pada", "updated_at"])
    catat_bagian(user, m, _("menutup verifikasi kelompok"), kelompok)
    return kelompok


@transaction.atomic
def verifikasi_buka(*, user, kelompok: KelompokDiskusi, alasan: str) -> KelompokDiskusi:
    """Reopen a group's verification (before the Pleno closes), with a reason."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.VERIFIKASI)
    if not kelompok.verifikasi_selesai_pada:
        raise DomainError(_("Verifikasi kelompok ini belum ditutup."))
    if kelompok.penilaian_id and kelompok.penilaian.ditutup_pada:
        raise DomainError(
            _("Penilaian kelompok ini sudah ditutup; buka kembali penilaiannya dulu.")
        )
    if not alasan.strip():
        raise DomainError(_("Tuliskan alasan membuka kembali verifikasi."))
    kelompok.verifikasi_selesai_pada = None
    kelompok.save(update_fields=["verifikasi_selesai_pada", "updated_at"])
    catat_bagian(user, m, _("membuka kembali verifikasi kelompok"), kelompok, catatan=alasan)
    return kelompok
