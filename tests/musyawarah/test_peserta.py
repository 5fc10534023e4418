import pytest

from apps.core.exceptions import DomainError
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.selectors import keterwakilan
from tests.factories import LingkunganFactory
from tests.musyawarah.conftest import muat


def test_keterwakilan_before_the_forum_counts_invitees(forum_siap):
    ket = keterwakilan(forum_siap.m)
    assert ket.dasar == "undangan"
    assert ket.jumlah == 5 and ket.perempuan == 2 and ket.persen_perempuan == 40


def test_keterwakilan_on_a_known_set_of_participants(forum_berjalan, operator_a, kelurahan_a):
    LingkunganFactory(kelurahan=kelurahan_a, nomor=3)  # an RW nobody came from
    m = muat(forum_berjalan.m)
    ket = keterwakilan(m)
    assert ket.dasar == "hadir" and ket.jumlah == 5
    dimensi = {d.nama: d for d in ket.dimensi}
    assert dimensi["Wilayah (RW/dusun)"].kurang == ["RW 03"]
    assert dimensi["Sektor"].kurang == ["Pertanian dan perikanan", "Lingkungan hidup"]
    assert dimensi["Kelompok usia"].kurang == []
    assert dimensi["Kelompok sosial dan jenis kelamin"].kurang == [
        "Tokoh adat",
        "Kelompok marjinal",
    ]
    assert [k.jumlah for k in dimensi["Unsur tata pemerintahan"].kelompok] == [1, 1, 3]
    assert dimensi["Organisasi"].kurang == []
    assert {k.label for k in dimensi["Organisasi"].hadir} == {
        "PKK",
        "Kantor Kelurahan",
        "Karang Taruna",
        "Majelis Taklim",
        "Koperasi",
    }
    assert ket.perempuan == 2 and ket.persen_perempuan == 40
    assert ("Sektor", "Lingkungan hidup") in ket.kurang


def test_absent_people_do_not_count(forum_berjalan, operator_a):
    rina = forum_berjalan.peserta[4]
    peserta_services.peserta_hadir(user=operator_a, peserta=rina, hadir=False)
    ket = keterwakilan(muat(forum_berjalan.m))
    unsur = {k.label: k.jumlah for k in ket.dimensi[4].kelompok}
    assert unsur["Swasta/bisnis"] == 0
    assert ("Unsur tata pemerintahan", "Swasta/bisnis") in ket.kurang


def test_walk_in_is_recorded_present(forum_berjalan, operator_a):
    p = peserta_services.peserta_simpan(
        user=operator_a,
        musyawarah=forum_berjalan.m,
        data={
            "nama": "Pak Darman",
            "jenis_kelamin": "L",
            "unsur": "masyarakat",
            "kelompok_sosial": ["marjinal"],
        },
    )
    assert p.hadir and p.waktu_hadir and not p.diundang


def test_check_in_only_during_the_forum(forum_siap, operator_a):
    with pytest.raises(DomainError, match="tahap pelaksanaan"):
        peserta_services.peserta_hadir(user=operator_a, peserta=forum_siap.peserta[0])


def test_unknown_kelompok_sosial_is_refused(forum_siap, operator_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        peserta_services.peserta_simpan(
            user=operator_a,
            musyawarah=forum_siap.m,
            data={
                "nama": "X",
                "jenis_kelamin": "L",
                "unsur": "masyarakat",
                "kelompok_sosial": ["raja"],
            },
        )


def test_delegation_is_chosen_among_those_present(forum_siap, operator_a):
    from apps.musyawarah import persiapan

    persiapan.musyawarah_mulai(user=operator_a, musyawarah=forum_siap.m)
    hadir, absen = forum_siap.peserta[0], forum_siap.peserta[1]
    peserta_services.peserta_hadir(user=operator_a, peserta=hadir)
    m = muat(forum_siap.m)
    with pytest.raises(DomainError, match="dari peserta yang hadir"):
        peserta_services.delegasi_simpan(
            user=operator_a, musyawarah=m, peserta_ids=[absen.pk], versi=m.versi
        )
    peserta_services.delegasi_simpan(
        user=operator_a, musyawarah=m, peserta_ids=[hadir.pk], versi=m.versi
    )
    with pytest.raises(DomainError, match="lepaskan dulu"):
        peserta_services.peserta_hadir(user=operator_a, peserta=hadir, hadir=False)
    with pytest.raises(DomainError, match="diubah orang lain"):
        peserta_services.delegasi_simpan(
            user=operator_a, musyawarah=m, peserta_ids=[], versi=m.versi
        )


def test_present_participant_cannot_be_deleted(forum_berjalan, operator_a):
    with pytest.raises(DomainError, match="sudah hadir"):
        peserta_services.peserta_hapus(user=operator_a, peserta=forum_berjalan.peserta[0])
