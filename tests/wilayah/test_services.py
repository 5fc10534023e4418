import pytest
from django.core.exceptions import ValidationError

from apps.core.exceptions import DomainError
from apps.wilayah.models import Kecamatan, Kelurahan
from apps.wilayah.services import wilayah_impor_csv


def _csv(tmp_path, text):
    path = tmp_path / "wilayah.csv"
    path.write_text("kode,tingkat,nama,induk\n" + text, encoding="utf-8")
    return path


def test_import_is_idempotent_and_updates_names(db, tmp_path):
    text = (
        "63.71,kota,Kota Banjarmasin,63\n"
        "63.71.01,kecamatan,Selatan,63.71\n"
        "63.71.01.1001,kelurahan,Mantuil,63.71.01\n"
    )
    wilayah_impor_csv(_csv(tmp_path, text))
    wilayah_impor_csv(_csv(tmp_path, text.replace("Mantuil", "Mantuil Baru")))
    assert Kecamatan.objects.count() == 1
    assert Kelurahan.objects.get().nama == "Mantuil Baru"


def test_import_refuses_a_kelurahan_whose_code_is_outside_its_kecamatan(db, tmp_path):
    text = (
        "63.71,kota,Kota Banjarmasin,63\n"
        "63.71.01,kecamatan,Selatan,63.71\n"
        "63.71.02.1001,kelurahan,Salah,63.71.01\n"
    )
    with pytest.raises(ValidationError):
        wilayah_impor_csv(_csv(tmp_path, text))
    assert not Kecamatan.objects.exists()  # all or nothing


def test_import_refuses_a_file_without_daerah(db, tmp_path):
    with pytest.raises(DomainError, match="tepat satu baris kota/kabupaten"):
        wilayah_impor_csv(_csv(tmp_path, "63.71.01,kecamatan,Selatan,63.71\n"))
