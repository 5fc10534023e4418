"""Writes on usulan: record, edit, submit, withdraw, delete a draft, carry over.

Every service takes the acting user, checks their right (an operator of the usulan's
kelurahan), locks the row, checks the status, validates with ``full_clean`` and saves;
each status change writes one RiwayatStatus row. Views, the Excel import and the demo
loader all come through here.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, boleh, wajib
from apps.core.audit import catat_jejak, jejak, potret, selisih
from apps.core.exceptions import DomainError
from apps.core.models import Jejak
from apps.siklus.models import PrioritasDaerah, Siklus
from apps.usulan.kode import buat_kode
from apps.usulan.models import (
    STATUS_DIDANAI,
    FotoUsulan,
    PenutupanUsulan,
    RiwayatStatus,
    Status,
    SumberPembiayaan,
    Usulan,
)
from apps.wilayah.models import Kelurahan, PerangkatDaerah

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


def _jejak_status(usulan: Usulan, *, dari: str, ke: str, oleh, alasan: str = "") -> Jejak:
    return jejak(
        oleh=oleh,
        objek=usulan,
        aksi="status",
        perubahan={"status": [Status(dari).label if dari else "", Status(ke).label]},
        catatan=alasan,
    )


def _catat(usulan: Usulan, *, dari: str, ke: str, oleh, alasan: str = "") -> RiwayatStatus:
    """A status move: the public timeline's row, and the audit trail's."""
    _jejak_status(usulan, dari=dari, ke=ke, oleh=oleh, alasan=alasan).save(force_insert=True)
    return RiwayatStatus.objects.create(usulan=usulan, dari=dari, ke=ke, oleh=oleh, alasan=alasan)


def catat_banyak(pindahan: list[tuple], *, oleh, alasan: str = "") -> None:
    """``_catat`` for many status moves at once, (usulan, dari, ke) or (usulan, dari, ke,
    alasan) each: the same timeline and audit rows, in the order given, written with two
    queries instead of two per move."""
    baris = [(u, dari, ke, sisa[0] if sisa else alasan) for u, dari, ke, *sisa in pindahan]
    Jejak.objects.bulk_create(
        _jejak_status(u, dari=dari, ke=ke, oleh=oleh, alasan=a) for u, dari, ke, a in baris
    )
    RiwayatStatus.objects.bulk_create(
        RiwayatStatus(usulan=u, dari=dari, ke=ke, oleh=oleh, alasan=a) for u, dari, ke, a in baris
    )


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


# The links ``Usulan.clean`` reads, loaded with the locked rows: validating a status move
# then asks the database nothing more.
_TAUTAN_CLEAN = (
    "siklus__daerah",
    "kelurahan__kecamatan__daerah",
    "lingkungan",
    "rt",
    "perangkat_daerah",
    "prioritas_daerah",
    "rpjm_desa",
    "masalah",
)
# A status move changes the status, the version and at most the funding (a source from
# the choices, the perangkat daerah kept or cleared). The links and unique codes were
# checked when the row was saved and the row is locked, so ``full_clean`` skips the query
# each of them would cost; ``clean`` still checks how the fields fit together.
_TIDAK_DIPERIKSA_ULANG = tuple(
    f.name for f in Usulan._meta.concrete_fields if f.is_relation or f.unique
)


def _kunci_banyak(usulan_list) -> dict[int, Usulan]:
    """``_kunci`` for many usulan in one query, by pk, with what ``clean`` reads."""
    ids = [u.pk for u in usulan_list]
    terkunci = (
        Usulan.objects.select_for_update(of=("self",)).select_related(*_TAUTAN_CLEAN).in_bulk(ids)
    )
    if len(terkunci) != len(set(ids)):
        raise Usulan.DoesNotExist("some usulan no longer exist")
    return terkunci


def _pindah_banyak(langkah: list[tuple[Usulan, str, str]], *, oleh) -> None:
    """``_pindah`` for many rows locked by ``_kunci_banyak``: (usulan, ke, alasan) each, in
    order (an usulan may move more than once). Each move is validated as ``_pindah`` does;
    the rows are saved in one update and the history in bulk."""
    pindahan = []
    for usulan, ke, alasan in langkah:
        pindahan.append((usulan, usulan.status, ke, alasan))
        usulan.status = ke
        usulan.versi += 1
        usulan.full_clean(
            exclude=_TIDAK_DIPERIKSA_ULANG, validate_unique=False, validate_constraints=False
        )
    diubah = list({id(u): u for u, *_sisa in pindahan}.values())
    sekarang = timezone.now()
    for usulan in diubah:
        usulan.updated_at = sekarang  # auto_now is not applied by bulk_update
    Usulan.objects.bulk_update(
        diubah, ["status", "versi", "sumber_pembiayaan", "perangkat_daerah", "updated_at"]
    )
    catat_banyak(pindahan, oleh=oleh)


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


# Links the import resolves from lists it loaded itself (the kelurahan's RW and RT, the
# daerah's perangkat daerah, the siklus's prioritas) or holds (the acting user): they
# exist, and ``clean`` checks they belong together, so ``full_clean`` need not ask the
# database for each again.
TAUTAN_DIMUAT = (
    "siklus",
    "kelurahan",
    "lingkungan",
    "rt",
    "perangkat_daerah",
    "prioritas_daerah",
    "dibuat_oleh",
)


def usulan_periksa_baru(usulan: Usulan) -> None:
    """``full_clean`` of an usulan about to be created from loaded links (see
    ``TAUTAN_DIMUAT``), without the queries that only re-check those links and the receipt
    code (assigned later, unique in the database). Raises ValidationError."""
    usulan.full_clean(
        exclude=[
            "kode",
            "diusulkan_sejak",
            "sidik_impor",
            *(n for n in TAUTAN_DIMUAT if getattr(usulan, f"{n}_id") is not None),
        ],
        validate_unique=False,
    )


@transaction.atomic
def usulan_buat_banyak(
    *, user, kelurahan: Kelurahan, isian: list[tuple[dict, str]]
) -> list[Usulan]:
    """``usulan_buat`` for many rows at once (the Excel import): (data, sidik_impor) each.

    The same rules, receipt codes, history and audit rows as ``usulan_buat``, written in a
    constant number of queries. Links in ``data`` must come from lists loaded for this
    kelurahan and siklus (``TAUTAN_DIMUAT``). Raises ValidationError on the first bad row:
    callers report every bad row before calling this.
    """
    wajib(user, Aksi.KELOLA_USULAN, kelurahan)
    siklus = siklus_aktif_untuk(kelurahan)
    awalan = siklus.daerah.awalan_kode
    kode_baru: set[str] = set()
    while len(kode_baru) < len(isian):
        calon = {buat_kode(awalan, siklus.tahun_rencana) for _i in range(len(isian))}
        calon -= set(Usulan.objects.filter(kode__in=calon).values_list("kode", flat=True))
        kode_baru |= set(list(calon)[: len(isian) - len(kode_baru)])
    daftar = []
    for (data, sidik_impor), kode in zip(isian, sorted(kode_baru), strict=True):
        usulan = Usulan(
            siklus=siklus,
            kelurahan=kelurahan,
            kode_wilayah=kelurahan.kode,
            kode=kode,
            status=Status.DRAF,
            diusulkan_sejak=siklus.tahun_forum,
            sidik_impor=sidik_impor,
            dibuat_oleh=user,
        )
        _isi(usulan, data)
        usulan_periksa_baru(usulan)
        daftar.append(usulan)
    Usulan.objects.bulk_create(daftar)
    catat_banyak([(u, "", Status.DRAF) for u in daftar], oleh=user, alasan=_("Usulan dicatat."))
    return daftar


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
    sebelum = potret(usulan, data)
    _isi(usulan, data)
    usulan.versi += 1
    usulan.full_clean()
    usulan.save()
    catat_jejak(
        oleh=user,
        objek=usulan,
        aksi=_("mengubah usulan"),
        perubahan=selisih(sebelum, potret(usulan, data)),
    )
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
    # The same reason the pages read to decide whether to show the button.
    if alasan := usulan.alasan_tidak_dapat_diajukan:
        raise DomainError(alasan)
    return _pindah(usulan, ke=Status.DIAJUKAN, oleh=user, alasan=_("Diajukan ke Musrenbang."))


@dataclass
class HasilAjukanBanyak:
    diajukan: list[Usulan] = field(default_factory=list)
    ditolak: list[tuple[Usulan, str]] = field(default_factory=list)  # (usulan, reason)
    # Chosen ids the user may not see (another kelurahan's, or gone): never named.
    tidak_ditemukan: int = 0


def usulan_ajukan_banyak(*, user, usulan_ids) -> HasilAjukanBanyak:
    """Submit each chosen draft that can be submitted; report every refused one and why.

    Not all or nothing: each usulan goes through ``usulan_ajukan`` in its own transaction,
    exactly as if the operator had pressed "Ajukan" on each. An operator who ticks twenty
    drafts expects the eighteen good ones submitted and the two others named with their
    reason (another operator submitted one meanwhile, the forum was signed), not twenty
    refusals because of one. Ids outside the user's wilayah are counted in
    ``tidak_ditemukan`` and never touched, as a single usulan outside it answers 404;
    usulan the user sees but may not manage are refused like any other.
    """
    ids = list(dict.fromkeys(int(pk) for pk in usulan_ids))
    terlihat = Usulan.objects.for_user(user).in_bulk(ids)
    hasil = HasilAjukanBanyak(tidak_ditemukan=len(ids) - len(terlihat))
    for pk in ids:
        if (usulan := terlihat.get(pk)) is None:
            continue
        try:
            hasil.diajukan.append(usulan_ajukan(user=user, usulan=usulan))
        except PermissionDenied:
            hasil.ditolak.append((usulan, _("Anda tidak berhak mengajukan usulan ini.")))
        except DomainError as e:
            hasil.ditolak.append((usulan, str(e)))
        except ValidationError as e:
            hasil.ditolak.append((usulan, " ".join(e.messages)))
    return hasil


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


def _periksa_putusan_desa(usulan: Usulan, *, ke: str, alasan: str) -> None:
    """What each desa decision demands of the usulan itself."""
    if ke == Status.PRIORITAS_DESA and not usulan.perangkat_daerah_id:
        raise DomainError(
            _("Usulan %(kode)s belum menyebut perangkat daerah tujuan.") % {"kode": usulan.kode}
        )
    if ke == Status.DITOLAK_DESA and not alasan.strip():
        raise DomainError(_("Usulan yang tidak disepakati harus disertai alasan."))


def _ubah_putusan_desa(usulan: Usulan, *, user, ke: str, alasan: str) -> str:
    """Check and change a locked usulan for the desa forum's decision ``ke``: diajukan →
    the decision; the funding follows the decision (see ``Usulan.pembiayaan_untuk``) and
    the returned history text says when it changed."""
    wajib(user, Aksi.KELOLA_USULAN, usulan)
    if usulan.status != Status.DIAJUKAN:
        raise DomainError(
            _("Usulan %(kode)s berstatus “%(status)s”, bukan “Diajukan”.")
            % {"kode": usulan.kode, "status": usulan.get_status_display()}
        )
    sumber, perangkat_daerah = usulan.pembiayaan_untuk(ke)
    if sumber != usulan.sumber_pembiayaan or perangkat_daerah != usulan.perangkat_daerah:
        alasan = (
            alasan
            + " "
            + _("Sumber pembiayaan menjadi %(s)s.") % {"s": usulan.label_sumber(sumber)}
        ).strip()
        usulan.sumber_pembiayaan, usulan.perangkat_daerah = sumber, perangkat_daerah
    return alasan


def _putuskan_desa(usulan: Usulan, *, user, ke: str, alasan: str) -> Usulan:
    _periksa_putusan_desa(usulan, ke=ke, alasan=alasan)
    usulan = _kunci(usulan)
    alasan = _ubah_putusan_desa(usulan, user=user, ke=ke, alasan=alasan)
    return _pindah(usulan, ke=ke, oleh=user, alasan=alasan)


@transaction.atomic
def usulan_jadikan_prioritas_desa(*, user, usulan: Usulan, keterangan: str) -> Usulan:
    """diajukan → prioritas desa: agreed for the kota (Renja of its perangkat daerah),
    carried to the Musrenbang Kecamatan.

    Called when the desa forum's berita acara is signed; ``keterangan`` names it.
    """
    return _putuskan_desa(usulan, user=user, ke=Status.PRIORITAS_DESA, alasan=keterangan)


@transaction.atomic
def usulan_jadikan_didanai_desa(*, user, usulan: Usulan, keterangan: str) -> Usulan:
    """diajukan → didanai desa: the kelurahan's own Renja (dana kelurahan) or the desa's
    RKP Desa/APBDes funds it; it stays at the kelurahan (seed output 1)."""
    return _putuskan_desa(usulan, user=user, ke=Status.DIDANAI_DESA, alasan=keterangan)


@transaction.atomic
def usulan_jadikan_swadaya(*, user, usulan: Usulan, keterangan: str) -> Usulan:
    """diajukan → swadaya: the community will do it itself."""
    return _putuskan_desa(usulan, user=user, ke=Status.SWADAYA, alasan=keterangan)


@transaction.atomic
def usulan_tolak_desa(*, user, usulan: Usulan, alasan: str) -> Usulan:
    """diajukan → ditolak desa: not agreed by the forum, with its reason."""
    return _putuskan_desa(usulan, user=user, ke=Status.DITOLAK_DESA, alasan=alasan)


PUTUSAN_DESA = (Status.PRIORITAS_DESA, Status.DIDANAI_DESA, Status.SWADAYA, Status.DITOLAK_DESA)


@transaction.atomic
def usulan_putuskan_desa_banyak(*, user, putusan: list[tuple[Usulan, str, str]]) -> None:
    """The signed desa forum's decisions on all its usulan at once: (usulan, ke,
    keterangan) each, ``ke`` one of ``PUTUSAN_DESA`` (for ditolak desa, the keterangan is
    the reason). The same rules, funding, history and audit rows as
    ``usulan_jadikan_prioritas_desa`` and its siblings, in a number of queries that does
    not grow with the usulan. The first broken rule refuses the whole batch."""
    terkunci = _kunci_banyak([u for u, _ke, _a in putusan])
    langkah = []
    for u, ke, alasan in putusan:
        if ke not in PUTUSAN_DESA:
            raise ValueError(f"not a desa decision: {ke}")
        usulan = terkunci[u.pk]
        _periksa_putusan_desa(usulan, ke=ke, alasan=alasan)
        langkah.append((usulan, ke, _ubah_putusan_desa(usulan, user=user, ke=ke, alasan=alasan)))
    _pindah_banyak(langkah, oleh=user)


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
    catat_jejak(oleh=user, objek=usulan, aksi=_("menghapus draf"))
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


# The Musrenbang Kecamatan's decisions on an usulan. The forum keeps its own record of
# each usulan (apps.musyawarah Pembahasan); when its berita acara is signed, these
# services move the usulan and write its public timeline. Only the camat or operator of
# the usulan's kecamatan may call them.


def _kunci_kecamatan(user, usulan: Usulan, *, dari: tuple[str, ...]) -> Usulan:
    usulan = _kunci(usulan)
    wajib(user, Aksi.KELOLA_MUSYAWARAH_KECAMATAN, usulan)
    if usulan.status not in dari:
        raise DomainError(
            _("Usulan %(kode)s berstatus “%(status)s”; langkah ini tidak berlaku.")
            % {"kode": usulan.kode, "status": usulan.get_status_display()}
        )
    return usulan


@transaction.atomic
def usulan_kecamatan_buat(*, user, kecamatan, data: dict) -> Usulan:
    """An usulan the kecamatan forum proposes itself (seed 2.b: a priority no desa covered).

    It lies in a kelurahan of the kecamatan (``data["lingkungan"]`` says where) but is
    owned by the kecamatan: scoped by its kode, so no kelurahan operator sees or changes
    it. It enters the forum's list at once (status diajukan).
    """
    wajib(user, Aksi.KELOLA_MUSYAWARAH_KECAMATAN, kecamatan)
    lingkungan = data.get("lingkungan")
    if lingkungan is None or lingkungan.kelurahan.kecamatan_id != kecamatan.pk:
        raise DomainError(_("Pilih lokasi (RW/dusun) di wilayah kecamatan ini."))
    kelurahan = lingkungan.kelurahan
    siklus = siklus_aktif_untuk(kelurahan)
    usulan = Usulan(
        siklus=siklus,
        kelurahan=kelurahan,
        kode_wilayah=kecamatan.kode,
        kode=_kode_baru(siklus),
        status=Status.DIAJUKAN,
        diusulkan_sejak=siklus.tahun_forum,
        dibuat_oleh=user,
    )
    _isi(usulan, data)
    usulan.full_clean()
    usulan.save()
    _catat(
        usulan,
        dari="",
        ke=Status.DIAJUKAN,
        oleh=user,
        alasan=_("Diusulkan Musrenbang %(k)s.") % {"k": kecamatan},
    )
    return usulan


@transaction.atomic
def usulan_verifikasi(*, user, usulan: Usulan, layak: bool, keterangan: str) -> Usulan:
    """prioritas desa (or a kecamatan's own usulan) → layak | tidak layak; ``keterangan``
    holds the reason a group found it not feasible."""
    usulan = _kunci_kecamatan(user, usulan, dari=(Status.PRIORITAS_DESA, Status.DIAJUKAN))
    if usulan.status == Status.DIAJUKAN and not usulan.milik_kecamatan:
        raise DomainError(_("Usulan ini belum ditetapkan Musrenbang kelurahan/desa."))
    if not layak and not keterangan.strip():
        raise DomainError(_("Usulan yang tidak layak harus disertai alasan."))
    ke = Status.LAYAK if layak else Status.TIDAK_LAYAK
    return _pindah(usulan, ke=ke, oleh=user, alasan=keterangan)


@transaction.atomic
def usulan_koreksi_kecamatan(*, user, usulan: Usulan, data: dict, keterangan: str) -> Usulan:
    """Apply what a sidang kelompok corrected (perangkat daerah, prioritas daerah, volume,
    cost) to the usulan, with a note on its public timeline naming old → new."""
    boleh = {"perangkat_daerah", "prioritas_daerah", "volume", "perkiraan_biaya"}
    if set(data) - boleh:
        raise TypeError(f"not corrected by a group: {sorted(set(data) - boleh)}")
    usulan = _kunci_kecamatan(
        user, usulan, dari=(Status.PRIORITAS_DESA, Status.DIAJUKAN, Status.LAYAK)
    )
    sebelum = potret(usulan, data)
    for name, value in data.items():
        setattr(usulan, name, value)
    if usulan.perangkat_daerah_id and usulan.sumber_pembiayaan in (
        SumberPembiayaan.SWADAYA,
        SumberPembiayaan.DANA_KELURAHAN,
    ):
        usulan.sumber_pembiayaan = SumberPembiayaan.APBD
    perubahan = selisih(sebelum, potret(usulan, data))
    if not perubahan:
        return usulan
    usulan.versi += 1
    usulan.full_clean()
    usulan.save()
    rincian = "; ".join(f"{f.replace('_', ' ')}: {a} → {b}" for f, (a, b) in perubahan.items())
    catat_jejak(oleh=user, objek=usulan, aksi=_("koreksi kecamatan"), perubahan=perubahan)
    RiwayatStatus.objects.create(
        usulan=usulan,
        dari=usulan.status,
        ke=usulan.status,
        oleh=user,
        alasan=f"{keterangan} {_('Dikoreksi')}: {rincian}.".strip(),
    )
    return usulan


@transaction.atomic
def usulan_catat(*, user, usulan: Usulan, keterangan: str) -> Usulan:
    """A line on the usulan's public timeline without a change of status (a merge, a
    decision of the Pleno that keeps it where it is). The kecamatan's or the kota's forum
    managers may write it."""
    usulan = _kunci(usulan)
    # Written by whichever forum discusses it above the kelurahan: kecamatan or kota.
    if not any(
        boleh(user, aksi, usulan)
        for aksi in (Aksi.KELOLA_MUSYAWARAH_KECAMATAN, Aksi.KELOLA_MUSYAWARAH_KOTA)
    ):
        raise PermissionDenied
    RiwayatStatus.objects.create(
        usulan=usulan, dari=usulan.status, ke=usulan.status, oleh=user, alasan=keterangan
    )
    catat_jejak(oleh=user, objek=usulan, aksi=_("catatan"), catatan=keterangan)
    return usulan


@transaction.atomic
def usulan_jadikan_prioritas_kecamatan(*, user, usulan: Usulan, keterangan: str) -> Usulan:
    """layak → prioritas kecamatan: agreed by the Pleno II, in its order."""
    usulan = _kunci_kecamatan(user, usulan, dari=(Status.LAYAK,))
    return _pindah(usulan, ke=Status.PRIORITAS_KECAMATAN, oleh=user, alasan=keterangan)


@transaction.atomic
def usulan_teruskan_kota(*, user, usulan: Usulan, keterangan: str) -> Usulan:
    """prioritas kecamatan → diteruskan ke kota: the camat sent the berita acara to the
    walikota/bupati (Bappeda) and to the usulan's perangkat daerah (seed 4.c.6)."""
    usulan = _kunci_kecamatan(user, usulan, dari=(Status.PRIORITAS_KECAMATAN,))
    return _pindah(usulan, ke=Status.DITERUSKAN_KOTA, oleh=user, alasan=keterangan)


# The Musrenbang Kota/Kabupaten's decisions on an usulan (Bappeda's forum, the last one).
# It discusses what the signed kecamatan forums agreed as their priorities; when its berita
# acara is signed these services move each usulan: agreed into the RKPD and its perangkat
# daerah's Renja (diterima), moved to another perangkat daerah first, or not agreed with
# its reason (ditolak, so it may be carried over next year). Only an admin Bappeda of the
# usulan's daerah may call them.

STATUS_UNTUK_KOTA = (Status.PRIORITAS_KECAMATAN, Status.DITERUSKAN_KOTA)


def _kunci_kota(user, usulan: Usulan) -> Usulan:
    usulan = _kunci(usulan)
    wajib(user, Aksi.KELOLA_MUSYAWARAH_KOTA, usulan)
    if usulan.status not in STATUS_UNTUK_KOTA:
        raise DomainError(
            _("Usulan %(kode)s berstatus “%(status)s”; langkah ini tidak berlaku.")
            % {"kode": usulan.kode, "status": usulan.get_status_display()}
        )
    return usulan


@transaction.atomic
def usulan_pindah_perangkat_daerah(
    *, user, usulan: Usulan, perangkat_daerah: PerangkatDaerah, keterangan: str
) -> Usulan:
    """The kota forum gives the usulan to another perangkat daerah of its daerah: the
    change is a line of its own on the public timeline (old → new), the status stays."""
    usulan = _kunci_kota(user, usulan)
    if perangkat_daerah.daerah_id != usulan.siklus.daerah_id:
        raise DomainError(_("Perangkat daerah bukan dari daerah ini."))
    if perangkat_daerah.pk == usulan.perangkat_daerah_id:
        return usulan
    sebelum = potret(usulan, ["perangkat_daerah"])
    usulan.perangkat_daerah = perangkat_daerah
    usulan.versi += 1
    usulan.full_clean()
    usulan.save()
    perubahan = selisih(sebelum, potret(usulan, ["perangkat_daerah"]))
    catat_jejak(oleh=user, objek=usulan, aksi=_("pindah perangkat daerah"), perubahan=perubahan)
    RiwayatStatus.objects.create(
        usulan=usulan, dari=usulan.status, ke=usulan.status, oleh=user, alasan=keterangan
    )
    return usulan


@transaction.atomic
def usulan_terima_kota(*, user, usulan: Usulan, keterangan: str) -> Usulan:
    """prioritas kecamatan | diteruskan ke kota → diterima: agreed by the Musrenbang Kota
    for its perangkat daerah (the RKPD and the Renja)."""
    usulan = _kunci_kota(user, usulan)
    return _pindah(usulan, ke=Status.DITERIMA, oleh=user, alasan=keterangan)


@transaction.atomic
def usulan_tolak_kota(*, user, usulan: Usulan, alasan: str) -> Usulan:
    """prioritas kecamatan | diteruskan ke kota → ditolak, with the forum's reason."""
    if not alasan.strip():
        raise DomainError(_("Usulan yang tidak disepakati harus disertai alasan."))
    usulan = _kunci_kota(user, usulan)
    return _pindah(usulan, ke=Status.DITOLAK, oleh=user, alasan=alasan)
