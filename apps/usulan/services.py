"""Writes on usulan: record, edit, submit, withdraw, delete a draft, carry over.

Every service takes the acting user, checks their right (an operator of the usulan's
kelurahan), locks the row, checks the status, validates with ``full_clean`` and saves;
each status change writes one RiwayatStatus row. Views, the Excel import and the demo
loader all come through here.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.core.exceptions import DomainError
from apps.siklus.models import PrioritasDaerah, Siklus
from apps.usulan.kode import buat_kode
from apps.usulan.models import (
    STATUS_DIDANAI,
    FotoUsulan,
    PenutupanUsulan,
    RiwayatStatus,
    Status,
    Usulan,
)
from apps.wilayah.models import Kelurahan

# The fields a kelurahan operator fills in; everything else is set by the services.
ISIAN = (
    "judul",
    "bidang",
    "sektor",
    "permasalahan",
    "volume",
    "satuan",
    "lingkungan",
    "rt",
    "alamat",
    "latitude",
    "longitude",
    "sasaran",
    "jumlah_penerima",
    "perkiraan_biaya",
    "sumber_pembiayaan",
    "perangkat_daerah",
    "prioritas_daerah",
    "rpjm_desa",
    "masalah",
    "pengusul",
)


def siklus_aktif_untuk(kelurahan: Kelurahan) -> Siklus:
    siklus = Siklus.objects.filter(daerah_id=kelurahan.kecamatan.daerah_id, aktif=True).first()
    if siklus is None:
        raise DomainError(_("Belum ada siklus perencanaan yang aktif. Hubungi admin Bappeda."))
    return siklus


def _isi(usulan: Usulan, data: dict) -> None:
    asing = set(data) - set(ISIAN)
    if asing:
        raise TypeError(f"not fields an operator fills in: {sorted(asing)}")
    for name, value in data.items():
        setattr(usulan, name, value)


def _kode_baru(siklus: Siklus) -> str:
    awalan = siklus.daerah.awalan_kode
    for _attempt in range(20):
        kode = buat_kode(awalan, siklus.tahun_rencana)
        if not Usulan.objects.filter(kode=kode).exists():
            return kode
    raise RuntimeError("could not find a free receipt code")  # 887 million per year


def _catat(usulan: Usulan, *, dari: str, ke: str, oleh, alasan: str = "") -> RiwayatStatus:
    return RiwayatStatus.objects.create(usulan=usulan, dari=dari, ke=ke, oleh=oleh, alasan=alasan)


def _kunci(usulan: Usulan) -> Usulan:
    """The current row, locked until the transaction ends: status checks see the truth."""
    return (
        Usulan.objects.select_for_update(of=("self",))
        .select_related("kelurahan__kecamatan__daerah", "siklus__daerah")
        .get(pk=usulan.pk)
    )


def _pindah(usulan: Usulan, *, ke: str, oleh, alasan: str = "") -> Usulan:
    dari = usulan.status
    usulan.status = ke
    usulan.versi += 1
    usulan.full_clean()
    usulan.save()
    _catat(usulan, dari=dari, ke=ke, oleh=oleh, alasan=alasan)
    return usulan


def _wajib_terbuka(usulan: Usulan, tindakan: str) -> None:
    if not usulan.terbuka:
        raise DomainError(
            _("Usulan berstatus “%(status)s” tidak dapat %(tindakan)s lagi.")
            % {"status": usulan.get_status_display(), "tindakan": tindakan}
        )
    if not usulan.siklus.aktif:
        raise DomainError(
            _("Siklus %(siklus)s sudah tidak aktif; usulannya tidak dapat %(tindakan)s.")
            % {"siklus": usulan.siklus, "tindakan": tindakan}
        )


@transaction.atomic
def usulan_buat(*, user, kelurahan: Kelurahan, data: dict, sidik_impor: str = "") -> Usulan:
    """Record a new usulan (status draf) of ``kelurahan`` in its daerah's active siklus.

    Only an operator of that kelurahan may; refused when no siklus is active. The receipt
    code is assigned here and never changes.
    """
    wajib(user, Aksi.KELOLA_USULAN, kelurahan)
    siklus = siklus_aktif_untuk(kelurahan)
    usulan = Usulan(
        siklus=siklus,
        kelurahan=kelurahan,
        kode=_kode_baru(siklus),
        status=Status.DRAF,
        diusulkan_sejak=siklus.tahun_forum,
        sidik_impor=sidik_impor,
        dibuat_oleh=user,
    )
    _isi(usulan, data)
    usulan.full_clean()
    usulan.save()
    _catat(usulan, dari="", ke=Status.DRAF, oleh=user, alasan=_("Usulan dicatat."))
    return usulan


@transaction.atomic
def usulan_ubah(*, user, usulan: Usulan, data: dict, versi: int) -> Usulan:
    """Change what the operator filled in, while the usulan is draf or diajukan.

    ``versi`` is the version the user's form was built from: if someone saved in between,
    the edit is refused rather than silently overwriting their change.
    """
    usulan = _kunci(usulan)
    wajib(user, Aksi.KELOLA_USULAN, usulan)
    _wajib_terbuka(usulan, _("diubah"))
    if versi != usulan.versi:
        raise DomainError(
            _(
                "Usulan ini sudah diubah orang lain sejak Anda membukanya. Perubahan Anda "
                "belum disimpan: buka ulang usulan, lalu ulangi perubahan Anda."
            )
        )
    _isi(usulan, data)
    usulan.versi += 1
    usulan.full_clean()
    usulan.save()
    return usulan


def pengajuan_ditutup(usulan: Usulan) -> PenutupanUsulan | None:
    return PenutupanUsulan.objects.filter(
        siklus_id=usulan.siklus_id, kelurahan_id=usulan.kelurahan_id
    ).first()


@transaction.atomic
def usulan_ajukan(*, user, usulan: Usulan) -> Usulan:
    """draf → diajukan: the usulan goes on the list for the Musrenbang kelurahan/desa.

    Refused once the kelurahan's desa forum has signed its berita acara.
    """
    usulan = _kunci(usulan)
    wajib(user, Aksi.KELOLA_USULAN, usulan)
    if usulan.status != Status.DRAF:
        raise DomainError(_("Hanya usulan berstatus draf yang dapat diajukan."))
    _wajib_terbuka(usulan, _("diajukan"))
    if pengajuan_ditutup(usulan):
        raise DomainError(
            _(
                "Musrenbang %(kelurahan)s siklus ini sudah ditetapkan; usulan baru dapat "
                "dilanjutkan ke siklus berikutnya."
            )
            % {"kelurahan": usulan.kelurahan}
        )
    return _pindah(usulan, ke=Status.DIAJUKAN, oleh=user, alasan=_("Diajukan ke Musrenbang."))


@transaction.atomic
def usulan_tarik(*, user, usulan: Usulan, alasan: str) -> Usulan:
    """diajukan → draf, before the desa forum decides; the reason is kept in the history."""
    usulan = _kunci(usulan)
    wajib(user, Aksi.KELOLA_USULAN, usulan)
    if usulan.status != Status.DIAJUKAN:
        raise DomainError(
            _("Hanya usulan yang sudah diajukan dan belum diputuskan yang dapat ditarik.")
        )
    if not alasan.strip():
        raise DomainError(_("Tuliskan alasan menarik kembali usulan."))
    _wajib_terbuka(usulan, _("ditarik"))
    return _pindah(usulan, ke=Status.DRAF, oleh=user, alasan=alasan.strip())


def _putuskan_desa(usulan: Usulan, *, user, ke: str, alasan: str) -> Usulan:
    usulan = _kunci(usulan)
    wajib(user, Aksi.KELOLA_USULAN, usulan)
    if usulan.status != Status.DIAJUKAN:
        raise DomainError(
            _("Usulan %(kode)s berstatus “%(status)s”, bukan “Diajukan”.")
            % {"kode": usulan.kode, "status": usulan.get_status_display()}
        )
    return _pindah(usulan, ke=ke, oleh=user, alasan=alasan)


@transaction.atomic
def usulan_jadikan_prioritas_desa(*, user, usulan: Usulan, keterangan: str) -> Usulan:
    """diajukan → prioritas desa: agreed for the kota (Renja of its perangkat daerah).

    Called when the desa forum's berita acara is signed; ``keterangan`` names it.
    """
    if not usulan.perangkat_daerah_id:
        raise DomainError(
            _("Usulan %(kode)s belum menyebut perangkat daerah tujuan.") % {"kode": usulan.kode}
        )
    return _putuskan_desa(usulan, user=user, ke=Status.PRIORITAS_DESA, alasan=keterangan)


@transaction.atomic
def usulan_jadikan_swadaya(*, user, usulan: Usulan, keterangan: str) -> Usulan:
    """diajukan → swadaya: the community will do it itself."""
    return _putuskan_desa(usulan, user=user, ke=Status.SWADAYA, alasan=keterangan)


@transaction.atomic
def usulan_tolak_desa(*, user, usulan: Usulan, alasan: str) -> Usulan:
    """diajukan → ditolak desa: not agreed by the forum, with its reason."""
    if not alasan.strip():
        raise DomainError(_("Usulan yang tidak disepakati harus disertai alasan."))
    return _putuskan_desa(usulan, user=user, ke=Status.DITOLAK_DESA, alasan=alasan)


@transaction.atomic
def pengajuan_tutup(*, user, kelurahan: Kelurahan, siklus: Siklus, keterangan: str) -> None:
    """Close submission of usulan of ``kelurahan`` in ``siklus`` (its forum has decided)."""
    wajib(user, Aksi.KELOLA_USULAN, kelurahan)
    PenutupanUsulan.objects.get_or_create(
        siklus=siklus, kelurahan=kelurahan, defaults={"keterangan": keterangan}
    )


@transaction.atomic
def usulan_hapus(*, user, usulan: Usulan) -> None:
    """Delete a draft that was never submitted (a typing mistake, a duplicate).

    Once submitted, an usulan is part of the record: withdraw it instead.
    """
    usulan = _kunci(usulan)
    wajib(user, Aksi.KELOLA_USULAN, usulan)
    if usulan.status != Status.DRAF or usulan.riwayat.filter(ke=Status.DIAJUKAN).exists():
        raise DomainError(
            _("Hanya draf yang belum pernah diajukan yang dapat dihapus; tarik kembali usulan.")
        )
    if usulan.lanjutan.exists():
        raise DomainError(_("Usulan ini sudah dilanjutkan ke siklus berikutnya."))
    berkas = [f.gambar for f in usulan.foto.all()]
    usulan.delete()
    transaction.on_commit(lambda: [b.delete(save=False) for b in berkas])


@transaction.atomic
def usulan_lanjutkan(*, user, usulan: Usulan) -> Usulan:
    """Copy an unfunded usulan of an earlier siklus into the active one, as a new draf.

    The copy links to the original (``usulan_asal``) and keeps the year it was first
    proposed; photos are copied. Refused for an usulan that was funded (diterima by an SKPD,
    or done by swadaya), that
    belongs to the active siklus, or that was already carried over (carry the newer copy).
    """
    usulan = _kunci(usulan)
    wajib(user, Aksi.KELOLA_USULAN, usulan)
    aktif = siklus_aktif_untuk(usulan.kelurahan)
    if usulan.siklus.tahun_rencana >= aktif.tahun_rencana:
        raise DomainError(_("Hanya usulan dari siklus sebelumnya yang dapat dilanjutkan."))
    if usulan.status in STATUS_DIDANAI:
        raise DomainError(
            _("Usulan ini sudah didanai (%(status)s); tidak perlu dilanjutkan.")
            % {"status": usulan.get_status_display()}
        )
    sudah = usulan.lanjutan.select_related("siklus").first()
    if sudah is not None:
        raise DomainError(
            _("Usulan ini sudah dilanjutkan ke %(siklus)s dengan kode %(kode)s.")
            % {"siklus": sudah.siklus, "kode": sudah.kode}
        )
    data = {name: getattr(usulan, name) for name in ISIAN}
    data["masalah"] = None  # the kajian is redone every siklus
    data["prioritas_daerah"] = PrioritasDaerah.objects.filter(
        siklus=aktif, nama=getattr(usulan.prioritas_daerah, "nama", None)
    ).first()
    if data["perangkat_daerah"] is not None and not data["perangkat_daerah"].aktif:
        data["perangkat_daerah"] = None
        if data["sumber_pembiayaan"] == "apbd":
            raise DomainError(
                _("Perangkat daerah tujuan usulan ini sudah tidak aktif; salin manual usulannya.")
            )
    baru = Usulan(
        siklus=aktif,
        kelurahan=usulan.kelurahan,
        kode=_kode_baru(aktif),
        status=Status.DRAF,
        usulan_asal=usulan,
        diusulkan_sejak=usulan.diusulkan_sejak,
        dibuat_oleh=user,
    )
    _isi(baru, data)
    baru.full_clean()
    baru.save()
    for foto in usulan.foto.all():
        with foto.gambar.open("rb") as f:
            salinan = FotoUsulan(usulan=baru, keterangan=foto.keterangan)
            salinan.gambar.save("foto.jpg", ContentFile(f.read()), save=True)
    _catat(
        baru,
        dari="",
        ke=Status.DRAF,
        oleh=user,
        alasan=_("Dilanjutkan dari %(siklus)s (kode %(kode)s, diusulkan sejak %(tahun)s).")
        % {"siklus": usulan.siklus, "kode": usulan.kode, "tahun": usulan.diusulkan_sejak},
    )
    return baru
