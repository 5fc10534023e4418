"""PDF rendering with WeasyPrint: one print stylesheet, one kop surat, A4.

Renderers return ``(filename, mimetype, bytes)``. Templates live under
``templates/dokumen/`` and extend ``dokumen/_dasar.html`` (kop surat, page numbers,
repeated table headers, signature tables).
"""

import base64
import mimetypes

import segno
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

MIMETYPE = "application/pdf"


def qr_data_uri(teks: str) -> str:
    """An SVG QR code as a data: URI, for an <img> in a PDF template."""
    return segno.make(teks, error="m").svg_data_uri(scale=4, border=1)


def gambar_data_uri(field_file) -> str:
    """A stored image (e.g. the daerah's logo) as a data: URI; "" when there is none."""
    if not field_file:
        return ""
    try:
        with field_file.open("rb") as f:
            isi = f.read()
    except (FileNotFoundError, ValueError):
        return ""
    mime = mimetypes.guess_type(field_file.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(isi).decode()}"


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    # Nothing is fetched from the network: images are data: URIs, fonts are local.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
