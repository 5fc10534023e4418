"""Uploaded documents checked by what they contain, never by their name or claimed type.

A forum's materials (PDF, Excel, Word, photos of a signed page) arrive from kantor
kelurahan computers; this module reads the first bytes and, for Office files, the zip's
table of contents, so a renamed executable or an HTML page is refused, and a zip bomb is
refused before anything is unpacked. Generic: knows no forum.
"""

import io
import zipfile

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from apps.core.exceptions import DomainError

MIMETYPE = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "png": "image/png",
}
NAMA_FORMAT = {
    "pdf": "PDF",
    "xlsx": "Excel (XLSX)",
    "docx": "Word (DOCX)",
    "jpg": "JPG",
    "png": "PNG",
}
# The part each Office format must contain.
_BAGIAN_UTAMA = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}
MAKS_TERURAI = 200 * 1024 * 1024  # an Office file unpacks to far less than this
MAKS_RASIO = 100  # ...and never compresses a hundredfold
MAKS_PIKSEL = 50_000_000


def _format_zip(isi: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            daftar = z.infolist()
            terurai = sum(i.file_size for i in daftar)
            if terurai > MAKS_TERURAI or terurai > MAKS_RASIO * max(len(isi), 1):
                raise DomainError(_("Berkas Office ini tidak wajar (isinya terlalu besar)."))
            nama = {i.filename for i in daftar}
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in nama:
        return None
    for fmt, bagian in _BAGIAN_UTAMA.items():
        if bagian in nama:
            return fmt
    return None


def _gambar_sah(isi: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(isi)) as img:
            if img.width * img.height > MAKS_PIKSEL:
                return False
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        return False
    return True


def kenali_format(isi: bytes) -> str | None:
    """ "pdf", "xlsx", "docx", "jpg" or "png" by content; None for anything else."""
    if isi.startswith(b"%PDF-"):
        return "pdf"
    if isi.startswith(b"PK\x03\x04"):
        return _format_zip(isi)
    if isi.startswith(b"\xff\xd8\xff") and _gambar_sah(isi):
        return "jpg"
    if isi.startswith(b"\x89PNG\r\n\x1a\n") and _gambar_sah(isi):
        return "png"
    return None


def periksa_unggahan(berkas, *, boleh: tuple[str, ...], maks: int) -> tuple[str, bytes]:
    """(format, bytes) of an uploaded file whose content is one of ``boleh`` and whose
    size is at most ``maks`` bytes; DomainError in Indonesian otherwise."""
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > maks:
        raise DomainError(
            _("Berkas terlalu besar (%(mb).1f MB); maksimal %(maks)d MB.")
            % {"mb": ukuran / 1024 / 1024, "maks": maks // 1024 // 1024}
        )
    berkas.seek(0)
    isi = berkas.read(maks + 1)
    if len(isi) > maks:
        raise DomainError(
            _("Berkas terlalu besar; maksimal %(maks)d MB.") % {"maks": maks // 2**20}
        )
    if not isi:
        raise DomainError(_("Berkas kosong."))
    fmt = kenali_format(isi)
    if fmt not in boleh:
        raise DomainError(
            _("Isi berkas bukan %(daftar)s. Simpan ulang berkas dalam salah satu format itu.")
            % {"daftar": ", ".join(NAMA_FORMAT[f] for f in boleh)}
        )
    return fmt, isi
