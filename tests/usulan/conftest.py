import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def gambar(fmt="JPEG", size=(2400, 1800), mode="RGB", exif=None, nama=None) -> SimpleUploadedFile:
    warna = {"RGB": (200, 120, 40), "RGBA": (200, 120, 40, 128), "P": 3}[mode]
    img = Image.new(mode, size, warna)
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    img.save(out, format=fmt, **kwargs)
    ext = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "BMP": "bmp"}[fmt]
    return SimpleUploadedFile(nama or f"foto.{ext}", out.getvalue(), content_type=f"image/{ext}")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
