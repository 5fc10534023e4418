"""Publishing a final document: freeze the snapshot, render and store its PDF, hash both.

Called by the forum that signs (apps.musyawarah), inside its transaction, so a failure
anywhere leaves nothing half-signed.
"""

import hashlib
import json
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError
from apps.dokumen.berkas import kenali_format
from apps.dokumen.kode import buat_kode_verifikasi
from apps.dokumen.models import DokumenFinal

MAKS_PINDAIAN = 15 * 1024 * 1024


def sha256(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def snapshot_json(snapshot: dict) -> bytes:
    """The canonical bytes of a snapshot: sorted keys, no whitespace variation."""
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def kode_verifikasi() -> str:
    while True:
        kode = buat_kode_verifikasi()
        if not DokumenFinal.objects.filter(kode=kode).exists():
            return kode


@transaction.atomic
def dokumen_terbitkan(
    *,
    jenis: str,
    judul: str,
    nomor: str,
    kode_wilayah: str,
    nama_wilayah: str,
    snapshot: dict,
    render: Callable[[dict, str], bytes],
    oleh,
) -> DokumenFinal:
    """Store ``snapshot`` as a final document and its PDF, rendered by ``render``.

    ``render(snapshot, kode)`` returns the PDF bytes; it receives the verification code so
    the PDF can print it and its QR code. The snapshot must be JSON-serialisable.
    """
    kode = kode_verifikasi()
    isi_snapshot = snapshot_json(snapshot)
    pdf = render(snapshot, kode)
    dokumen = DokumenFinal(
        kode=kode,
        jenis=jenis,
        judul=judul,
        nomor=nomor,
        kode_wilayah=kode_wilayah,
        nama_wilayah=nama_wilayah,
        snapshot=json.loads(isi_snapshot),
        sha256_snapshot=sha256(isi_snapshot),
        sha256_pdf=sha256(pdf),
        ditandatangani_pada=timezone.now(),
        dicatat_oleh=oleh,
    )
    dokumen.pdf.save(f"{kode}.pdf", ContentFile(pdf), save=False)
    dokumen.full_clean()
    dokumen.save()
    return dokumen


@transaction.atomic
def pindaian_unggah(*, dokumen: DokumenFinal, berkas) -> DokumenFinal:
    """Attach the scanned, hand-signed copy (PDF or JPEG), once.

    The caller checks the user's right on the document's owner (e.g. the forum).
    """
    dokumen = DokumenFinal.objects.select_for_update().get(pk=dokumen.pk)
    if dokumen.pindaian:
        raise DomainError(_("Pindaian berita acara sudah diunggah dan tidak dapat diganti."))
    if berkas.size > MAKS_PINDAIAN:
        raise DomainError(_("Berkas pindaian terlalu besar; maksimal 15 MB."))
    berkas.seek(0)
    isi = berkas.read()
    # Checked by content like every upload: a JPEG must be an image Pillow can read
    # within its pixel limit, not just a file starting with the JPEG marker.
    if kenali_format(isi) not in ("pdf", "jpg"):
        raise DomainError(_("Pindaian harus berupa PDF atau JPEG."))
    dokumen.pindaian.save(berkas.name, ContentFile(isi), save=False)
    dokumen.sha256_pindaian = sha256(isi)
    dokumen.pindaian_diunggah_pada = timezone.now()
    dokumen.save()
    return dokumen
