import io
import os

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.exceptions import DomainError
from apps.usulan.foto import foto_hapus, foto_tambah, olah_gambar
from apps.usulan.models import Status, Usulan
from tests.factories import buat_usulan
from tests.usulan.conftest import gambar


def _exif_gps():
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    exif[0x8825] = {1: "S", 2: (3.0, 19.0, 0.0)}  # GPSInfo: where the photographer stood
    return exif


def test_olah_gambar_reencodes_as_small_jpeg_without_exif():
    hasil = olah_gambar(gambar(exif=_exif_gps()))
    img = Image.open(io.BytesIO(hasil.read()))
    assert img.format == "JPEG"
    assert max(img.size) == 1600
    assert not img.getexif()


def test_png_with_transparency_becomes_jpeg():
    img = Image.open(io.BytesIO(olah_gambar(gambar("PNG", (300, 200), "RGBA")).read()))
    assert (img.format, img.mode, img.size) == ("JPEG", "RGB", (300, 200))


@pytest.mark.parametrize(
    "berkas",
    [
        gambar("GIF", (50, 50), "P"),
        gambar("BMP", (50, 50)),
        SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan foto", content_type="image/jpeg"),
        SimpleUploadedFile("foto.jpg", b"", content_type="image/jpeg"),
    ],
    ids=["gif", "bmp", "pdf-named-jpg", "empty"],
)
def test_olah_gambar_refuses_what_is_not_a_jpeg_or_png(berkas):
    with pytest.raises(DomainError):
        olah_gambar(berkas)


def test_olah_gambar_refuses_a_huge_upload():
    berkas = SimpleUploadedFile("besar.jpg", b"x" * (8 * 1024 * 1024 + 1))
    with pytest.raises(DomainError, match="terlalu besar"):
        olah_gambar(berkas)


def test_at_most_three_photos(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    for _ in range(3):
        foto_tambah(user=operator_a, usulan=usulan, berkas=gambar(size=(100, 80)))
    with pytest.raises(DomainError, match="maksimal"):
        foto_tambah(user=operator_a, usulan=usulan, berkas=gambar(size=(100, 80)))
    assert usulan.foto.count() == 3


def test_photo_refused_for_another_kelurahan_and_after_the_forum(
    operator_a, operator_b, kelurahan_a, siklus
):
    usulan = buat_usulan(operator_a, kelurahan_a)
    with pytest.raises(PermissionDenied):
        foto_tambah(user=operator_b, usulan=usulan, berkas=gambar(size=(100, 80)))
    foto = foto_tambah(user=operator_a, usulan=usulan, berkas=gambar(size=(100, 80)))
    Usulan.objects.filter(pk=usulan.pk).update(status=Status.PRIORITAS_DESA)
    with pytest.raises(DomainError):
        foto_tambah(user=operator_a, usulan=usulan, berkas=gambar(size=(100, 80)))
    with pytest.raises(DomainError):
        foto_hapus(user=operator_a, foto=foto)


def test_foto_hapus_removes_the_file(
    operator_a, kelurahan_a, siklus, django_capture_on_commit_callbacks
):
    usulan = buat_usulan(operator_a, kelurahan_a)
    foto = foto_tambah(user=operator_a, usulan=usulan, berkas=gambar(size=(100, 80)))
    path = foto.gambar.path
    with django_capture_on_commit_callbacks(execute=True):
        foto_hapus(user=operator_a, foto=foto)
    assert not os.path.exists(path)
    assert usulan.foto.count() == 0
