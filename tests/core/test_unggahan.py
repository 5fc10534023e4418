"""Upload and request limits of the app itself: the request as a whole, each field,
image decompression bombs, xlsx zip bombs and XML entities, refused before parsing."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image

from apps.core.exceptions import DomainError
from apps.core.unggahan import BatasUnggahanHandler
from apps.dokumen.xlsx_impor import KolomImpor, baca_xlsx
from apps.usulan.foto import olah_gambar
from apps.usulan.models import FotoUsulan
from tests.factories import buat_usulan
from tests.helpers import klien

KOLOM = [KolomImpor("Judul", "judul", wajib=True)]


def test_the_limits_are_set_by_the_app():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2.5 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2.5 * 1024 * 1024
    assert settings.UPLOAD_MAX_SIZE == 30 * 1024 * 1024
    assert settings.FILE_UPLOAD_HANDLERS[0] == "apps.core.unggahan.BatasUnggahanHandler"
    # Set on Pillow for the whole process, WeasyPrint's images included.
    assert Image.MAX_IMAGE_PIXELS == 50_000_000


@pytest.fixture
def usulan_a(operator_a, kelurahan_a, siklus):
    return buat_usulan(operator_a, kelurahan_a)


def test_a_request_with_more_files_than_the_limit_is_refused_unread(operator_a, usulan_a, settings):
    settings.UPLOAD_MAX_SIZE = 100 * 1024
    client = klien(operator_a)
    client.raise_request_exception = False
    besar = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff" + b"0" * 200 * 1024, "image/jpeg")
    response = client.post(reverse("usulan:foto_tambah", args=[usulan_a.pk]), {"gambar": besar})
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()
    assert not FotoUsulan.objects.exists()


def test_a_streamed_body_without_a_length_is_cut_at_the_limit(settings):
    settings.UPLOAD_MAX_SIZE = 1000
    handler = BatasUnggahanHandler()
    handler.handle_raw_input(io.BytesIO(), {}, None, b"batas")
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(RequestDataTooBig):
        handler.receive_data_chunk(b"x" * 600, 600)


def test_an_image_decompression_bomb_is_refused():
    # 60 million pixels of one colour: a small PNG that would unpack to 60 MB or more.
    out = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(out, format="PNG")
    assert len(out.getvalue()) < 1024 * 1024
    with pytest.raises(DomainError):
        olah_gambar(SimpleUploadedFile("bom.png", out.getvalue(), "image/png"))


def _xlsx(judul: str = "Jalan") -> bytes:
    wb = Workbook()
    wb.active.append(["Judul"])
    wb.active.append([judul])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _ganti_lembar(isi: bytes, ubah) -> bytes:
    """The same workbook with its first sheet's XML changed by ``ubah``."""
    masuk, keluar = zipfile.ZipFile(io.BytesIO(isi)), io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in masuk.infolist():
            data = masuk.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = ubah(data)
            z.writestr(info.filename, data)
    return keluar.getvalue()


def test_a_real_workbook_is_read():
    hasil = baca_xlsx(SimpleUploadedFile("u.xlsx", _xlsx()), KOLOM)
    assert [data for _baris, data in hasil.baris] == [{"judul": "Jalan"}]


def test_an_xlsx_zip_bomb_is_refused_by_its_ratio_before_it_is_unpacked():
    # 20 MB of spaces inside the sheet: a few KB once zipped, far below the size limit.
    bom = _ganti_lembar(
        _xlsx(), lambda data: data.replace(b"<sheetData>", b" " * 20_000_000 + b"<sheetData>", 1)
    )
    assert len(bom) < 100 * 1024
    with pytest.raises(DomainError, match="Isi berkas terlalu besar untuk diimpor"):
        baca_xlsx(SimpleUploadedFile("bom.xlsx", bom), KOLOM)


def test_xml_entities_in_a_workbook_are_never_expanded():
    def dengan_entitas(data: bytes) -> bytes:
        # A DTD declaring an entity (the seed of "billion laughs" and of reading local
        # files through external entities), used in a cell.
        dtd = b'<!DOCTYPE worksheet [<!ENTITY rahasia "ENTITAS-DIURAIKAN">]>'
        return dtd + data.replace(b"<v>", b"<v>&rahasia;", 1)

    isi = _ganti_lembar(_xlsx(), dengan_entitas)
    with pytest.raises(DomainError, match="rusak atau tidak dapat dibaca"):
        baca_xlsx(SimpleUploadedFile("entitas.xlsx", isi), KOLOM)


@pytest.mark.django_db
def test_a_scanned_berita_acara_is_checked_by_content(settings, tmp_path, kelurahan_a):
    """The hand-signed scan (PDF or JPEG, 15 MB): a page starting with the JPEG marker is
    not a JPEG; a real photo of the page is."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from apps.dokumen.models import DokumenFinal
    from apps.dokumen.services import pindaian_unggah

    settings.MEDIA_ROOT = tmp_path
    dokumen = DokumenFinal.objects.create(
        kode="ABCD-EFGH",
        jenis="berita_acara_desa",
        judul="Berita acara uji",
        nomor="1/BA",
        kode_wilayah=kelurahan_a.kode,
        nama_wilayah=kelurahan_a.nama,
        snapshot={},
        sha256_snapshot="0" * 64,
        pdf=ContentFile(b"%PDF-1.4 uji", name="uji.pdf"),
        sha256_pdf="0" * 64,
        ditandatangani_pada=timezone.now(),
    )
    palsu = b"\xff\xd8\xff<html><script>alert(1)</script></html>"
    with pytest.raises(DomainError, match="Pindaian harus berupa PDF atau JPEG"):
        pindaian_unggah(dokumen=dokumen, berkas=SimpleUploadedFile("ba.jpg", palsu))
    foto = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(foto, format="JPEG")
    pindaian_unggah(dokumen=dokumen, berkas=SimpleUploadedFile("ba.jpg", foto.getvalue()))
    dokumen.refresh_from_db()
    with dokumen.pindaian.open("rb") as f:
        assert f.read() == foto.getvalue()
