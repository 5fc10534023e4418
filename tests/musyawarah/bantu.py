"""Helpers for the forum tests: real files of each format, PDF text, a forum's rows."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from apps.musyawarah.models import Musyawarah


def teks_pdf(isi: bytes) -> str:
    """The PDF's text with whitespace collapsed (table cells wrap lines anywhere)."""
    assert isi.startswith(b"%PDF-")
    teks = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(isi)).pages)
    return " ".join(teks.split())


def teks_pdf_tata(isi: bytes) -> str:
    """The text in page layout order: list markers ("a.", "b.") stay before their item
    (plain extraction puts them after the page's text)."""
    halaman = PdfReader(io.BytesIO(isi)).pages
    teks = " ".join(p.extract_text(extraction_mode="layout") for p in halaman)
    return " ".join(teks.split())


def isi_respons(response) -> bytes:
    # Consuming a streaming response closes it (the test client's wrapper does).
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_asli(teks: str = "Paparan") -> bytes:
    """A real PDF, rendered by WeasyPrint."""
    from weasyprint import HTML

    return HTML(string=f"<p>{teks}</p>").write_pdf()


def xlsx_asli() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Rekap kegiatan"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx_asli() -> bytes:
    """The smallest Word document: its content types and its main part."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
            '"/></Types>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Notulen</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return out.getvalue()


def gambar_asli(fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 200)).save(out, format=fmt)
    return out.getvalue()


def zip_tanpa_office() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("catatan.txt", "bukan dokumen Office")
    return out.getvalue()


def zip_bom() -> bytes:
    """A "docx" whose one member unpacks from about 50 KB to 50 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    return out.getvalue()


def unggahan(nama: str, isi: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(nama, isi, content_type=content_type)


def jejak(m: Musyawarah) -> dict:
    """Everything a forum holds, as plain values: equal before and after a refused POST
    means nothing was saved."""
    m = Musyawarah.objects.get(pk=m.pk)
    return {
        "forum": {
            f: getattr(m, f)
            for f in (
                "status",
                "versi",
                "tanggal",
                "jam_mulai",
                "jam_selesai",
                "tempat",
                "tanggal_undangan",
                "sk_tpm_nomor",
                "kepala_nama",
                "nomor_berita_acara",
                "catatan_sambutan",
                "pimpinan_kepala",
            )
        },
        "tpm": list(m.tpm.order_by("pk").values_list("jabatan_tpm", "nama")),
        "pemandu": list(m.pemandu.order_by("pk").values_list("nama", flat=True)),
        "agenda": list(
            m.agenda.order_by("pk").values_list("urutan", "jam_mulai", "jam_selesai", "acara")
        ),
        "logistik": list(m.logistik.order_by("pk").values_list("uraian", "siap")),
        "peserta": list(
            m.peserta.order_by("pk").values_list(
                "nama", "lingkungan_id", "rt_id", "hadir", "delegasi"
            )
        ),
        "pembahasan": list(
            m.pembahasan.order_by("pk").values_list("usulan_id", "urutan", "keputusan", "alasan")
        ),
        "masalah": list(m.masalah_prioritas.order_by("pk").values_list("masalah_id", "urutan")),
        "penandatangan": list(
            m.penandatangan.order_by("pk").values_list("peran_ttd", "unsur", "peserta_id")
        ),
        "materi": list(m.materi.order_by("pk").values_list("judul", "berkas")),
    }
