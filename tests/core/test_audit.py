"""The one audit helper: every change recorded with who, when, and old → new."""

import datetime
from decimal import Decimal

from apps.core.audit import catat_jejak, nilai_jejak, selisih
from apps.core.models import Jejak
from apps.musyawarah import persiapan
from apps.usulan import services as usulan_services
from tests.factories import buat_usulan


def test_values_are_stored_as_json():
    assert nilai_jejak(Decimal("120.50")) == "120.50"
    assert nilai_jejak(Decimal("1500000")) == "1500000"
    assert nilai_jejak(datetime.date(2027, 1, 16)) == "2027-01-16"
    assert nilai_jejak([datetime.time(9, 30)]) == ["09:30:00"]


def test_the_trail_reads_as_a_person_writes():
    j = Jejak(
        perubahan={
            "diundang": [None, True],
            "kelompok_sosial": [[], ["perempuan"]],
            "alamat": ["", None],
            "tanggal": [None, "2027-02-12"],
            "jam_mulai": ["08:00:00", "08:30:00"],
            "nomor": ["050/12", "050/13"],
        }
    )
    assert j.rincian == [
        ("diundang", "", "ya"),
        ("kelompok sosial", "", "perempuan"),
        ("tanggal", "", "12 Februari 2027"),
        ("jam mulai", "08.00", "08.30"),
        ("nomor", "050/12", "050/13"),
    ]


def test_selisih_keeps_only_what_changed():
    assert selisih({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": [2, 3]}


def test_a_part_is_listed_under_its_forum(operator_a, kelurahan_a, siklus):
    m = persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)
    anggota = persiapan.tpm_tambah(
        user=operator_a, musyawarah=m, data={"jabatan_tpm": "ketua", "nama": "H. Fauzi"}
    )
    persiapan.tpm_hapus(user=operator_a, anggota=anggota)
    jejak = list(Jejak.objects.untuk_objek(m))
    assert [j.aksi for j in jejak] == ["status", "menambah anggota TPM", "menghapus anggota TPM"]
    assert all(j.oleh == operator_a and j.kode_wilayah == kelurahan_a.kode for j in jejak)


def test_schedule_change_records_old_and_new(operator_a, kelurahan_a, siklus):
    m = persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)
    persiapan.musyawarah_jadwalkan(
        user=operator_a, musyawarah=m, versi=m.versi, data={"tempat": "Balai RW 03"}
    )
    j = Jejak.objects.untuk_objek(m).last()
    assert j.perubahan == {"tempat": ["Aula Kantor Kelurahan Sungai Miai", "Balai RW 03"]}


def test_usulan_edit_records_each_changed_field(operator_a, kelurahan_a, siklus):
    u = buat_usulan(operator_a, kelurahan_a, judul="Titian ulin", perkiraan_biaya=1_000_000)
    usulan_services.usulan_ubah(
        user=operator_a,
        usulan=u,
        versi=u.versi,
        data={"judul": "Titian ulin RW 02", "perkiraan_biaya": Decimal("1500000")},
    )
    j = Jejak.objects.untuk_objek(u).filter(aksi="mengubah usulan").get()
    assert j.perubahan == {
        "judul": ["Titian ulin", "Titian ulin RW 02"],
        "perkiraan_biaya": ["1000000", "1500000"],
    }


def test_the_trail_is_scoped_like_its_rows(operator_a, operator_b, camat_a, kelurahan_a, siklus):
    catat_jejak(oleh=operator_a, objek=kelurahan_a, aksi="uji")
    assert Jejak.objects.for_user(camat_a).count() == 1
    assert Jejak.objects.for_user(operator_b).count() == 0
