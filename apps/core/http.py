"""HTTP helpers shared by every app's views."""

from django.http import HttpResponse


def unduhan(nama: str, mimetype: str, isi: bytes) -> HttpResponse:
    """A file download from a renderer's (filename, mimetype, bytes)."""
    response = HttpResponse(isi, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response
