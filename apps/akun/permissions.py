"""The one module that answers "may this user do X on this object".

Seeing is scoping (``Model.objects.for_user``): an object outside the user's wilayah is
simply not found, so views answer 404 and leak nothing. Doing is this module: inside the
wilayah but without a peran allowed to act, views answer 403 (``wajib`` raises
``PermissionDenied``). Services take the acting user and call ``wajib`` too, so a
management command or an admin action cannot skip the rule.

Objects are matched by duck typing: anything with ``kode_wilayah`` (the Kemendagri code
of the wilayah it belongs to) and, for rows addressed to an SKPD, ``perangkat_daerah_id``.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from apps.akun.models import Penugasan, Peran
from apps.core.scoping import kode_di_bawah


class Aksi(StrEnum):
    KELOLA_MASTER = "master.kelola"  # wilayah, SKPD, siklus and its tahapan, prioritas daerah
    KELOLA_PENGGUNA = "pengguna.kelola"
    MASUK_ADMIN = "admin.masuk"
    # Enter, edit, submit, withdraw and carry over the usulan of a kelurahan.
    KELOLA_USULAN = "usulan.kelola"
    # The kajian desa (masalah) and the RPJM Desa of a kelurahan.
    KELOLA_KAJIAN = "kajian.kelola"
    # Run the Musrenbang Desa/Kelurahan: TPM, invitations, attendance, decisions, signing.
    KELOLA_MUSYAWARAH_DESA = "musyawarah_desa.kelola"
    # Run the Musrenbang Kecamatan: preparation, groups, Pleno II, signing, sending; and
    # decide on the usulan of the kecamatan (verification, corrections, its own usulan).
    KELOLA_MUSYAWARAH_KECAMATAN = "musyawarah_kecamatan.kelola"
    # Guide a sidang kelompok (verification) — only the group the fasilitator is assigned to.
    PANDU_KELOMPOK = "kelompok.pandu"
    # Run the Musrenbang Kota (Bappeda's forum of the kecamatan delegations).
    KELOLA_MUSYAWARAH_KOTA = "musyawarah_kota.kelola"
    # Follow every forum of the daerah on the progress board.
    PANTAU = "pantauan.lihat"
    # Open Bappeda's compilation and download it (Excel/PDF). Which rows a user finds in
    # it is scoping: the usulan their wilayah or SKPD covers.
    UNDUH_KOMPILASI = "kompilasi.unduh"


ATURAN: dict[Aksi, frozenset[Peran]] = {
    Aksi.KELOLA_MASTER: frozenset({Peran.ADMIN_BAPPEDA}),
    Aksi.KELOLA_PENGGUNA: frozenset({Peran.ADMIN_BAPPEDA}),
    Aksi.MASUK_ADMIN: frozenset({Peran.ADMIN_BAPPEDA}),
    Aksi.KELOLA_USULAN: frozenset({Peran.OPERATOR_KELURAHAN}),
    Aksi.KELOLA_KAJIAN: frozenset({Peran.OPERATOR_KELURAHAN}),
    Aksi.KELOLA_MUSYAWARAH_DESA: frozenset({Peran.OPERATOR_KELURAHAN}),
    Aksi.KELOLA_MUSYAWARAH_KECAMATAN: frozenset({Peran.CAMAT, Peran.OPERATOR_KECAMATAN}),
    Aksi.PANDU_KELOMPOK: frozenset({Peran.FASILITATOR}),
    Aksi.KELOLA_MUSYAWARAH_KOTA: frozenset({Peran.ADMIN_BAPPEDA}),
    Aksi.PANTAU: frozenset({Peran.ADMIN_BAPPEDA}),
    Aksi.UNDUH_KOMPILASI: frozenset(
        {Peran.ADMIN_BAPPEDA, Peran.CAMAT, Peran.OPERATOR_KECAMATAN, Peran.PERANGKAT_DAERAH}
    ),
}


def penugasan_mencakup(penugasan: Penugasan, obj) -> bool:
    """Whether ``obj`` lies within what ``penugasan`` is assigned to."""
    if penugasan.perangkat_daerah_id:
        # An SKPD acts on the rows addressed to it. (What it may read is scoping's
        # business: each model's AksesPerangkatDaerah in apps.core.scoping.)
        pd_id = getattr(obj, "perangkat_daerah_id", None)
        if pd_id is not None:
            return pd_id == penugasan.perangkat_daerah_id
        return kode_di_bawah(obj.kode_wilayah, penugasan.perangkat_daerah.daerah.kode)
    return kode_di_bawah(obj.kode_wilayah, penugasan.kode_wilayah)


def penugasan_untuk(user, aksi: Aksi, obj=None) -> list[Penugasan]:
    """The user's penugasan that allow ``aksi`` (on ``obj``, when given)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    allowed = ATURAN[aksi]
    return [
        p
        for p in user.penugasan_aktif
        if p.peran in allowed and (obj is None or penugasan_mencakup(p, obj))
    ]


def boleh(user, aksi: Aksi, obj=None) -> bool:
    """May ``user`` do ``aksi`` (on ``obj``)? Superusers may do everything."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(penugasan_untuk(user, aksi, obj))


def wajib(user, aksi: Aksi, obj=None) -> None:
    """Raise PermissionDenied (403) unless ``boleh``."""
    if not boleh(user, aksi, obj):
        raise PermissionDenied
