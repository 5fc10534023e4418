"""The forum engine's common steps: lock the forum, check who acts and whether its status
allows the action, move its status with a history row.

Every forum service starts with ``kunci_untuk(user, musyawarah, Tindakan.X)``, so the
rules "only those who manage this forum", "only in these statuses" and "nothing after
signing" are written once.
"""

from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.core.audit import catat_jejak
from apps.core.exceptions import DomainError
from apps.musyawarah.models import Musyawarah, StatusMusyawarah
from apps.musyawarah.tindakan import Tindakan, wajib_tindakan
from apps.musyawarah.tingkat import spek


def aksi_kelola(m: Musyawarah) -> Aksi:
    """The right that manages forums of ``m``'s level."""
    return spek(m).aksi_kelola


def kunci(musyawarah: Musyawarah) -> Musyawarah:
    """The current row, locked until the transaction ends."""
    return (
        Musyawarah.objects.select_for_update(of=("self",))
        .select_related(
            "kelurahan__kecamatan__daerah", "kecamatan__daerah", "daerah", "siklus__daerah"
        )
        .get(pk=musyawarah.pk)
    )


def wajib_kelola(user, musyawarah: Musyawarah) -> None:
    """PermissionDenied unless ``user`` manages this forum."""
    wajib(user, aksi_kelola(musyawarah), musyawarah)


def kunci_untuk(user, musyawarah: Musyawarah, tindakan: Tindakan) -> Musyawarah:
    """Lock the forum, then refuse unless ``user`` manages it and its status allows
    ``tindakan``. What every forum service does first."""
    m = kunci(musyawarah)
    wajib_kelola(user, m)
    wajib_tindakan(m, tindakan)
    return m


def wajib_versi(m: Musyawarah, versi: int, pesan: str | None = None) -> None:
    """Refuse a save based on a page opened before someone else's save."""
    if versi != m.versi:
        raise DomainError(
            pesan
            or _(
                "Data musyawarah sudah diubah orang lain sejak halaman ini dibuka. Perubahan "
                "Anda belum disimpan: buka ulang halaman, lalu ulangi."
            )
        )


def catat(musyawarah: Musyawarah, *, dari: str, ke: str, oleh, catatan: str = "") -> None:
    """A status move in the forum's trail (the audit log every change goes to)."""
    label = {s.value: str(s.label) for s in StatusMusyawarah}
    catat_jejak(
        oleh=oleh,
        objek=musyawarah,
        aksi="status",
        perubahan={"status": [label.get(dari, ""), label[ke]]},
        catatan=catatan,
    )


def catat_bagian(user, m: Musyawarah, aksi: str, bagian=None, *, perubahan=None, catatan=""):
    """A change to the forum or one of its parts (a TPM member, an agenda item, a
    participant, the decisions...) in the forum's trail."""
    catat_jejak(
        oleh=user,
        objek=bagian if bagian is not None else m,
        induk=m if bagian is not None else None,
        aksi=aksi,
        perubahan=perubahan,
        catatan=catatan,
    )


def pindah(musyawarah: Musyawarah, *, ke: str, oleh, catatan: str = "") -> Musyawarah:
    """Move the forum's status, bump its version and record the move."""
    dari = musyawarah.status
    musyawarah.status = ke
    musyawarah.versi += 1
    musyawarah.full_clean()
    musyawarah.save()
    catat(musyawarah, dari=dari, ke=ke, oleh=oleh, catatan=catatan)
    return musyawarah
