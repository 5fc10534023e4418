import re

from apps.usulan.kode import ALFABET, buat_kode, kode_sah, normalkan_kode


def test_kode_reads_well_on_paper():
    for _ in range(200):
        kode = buat_kode("BJM", 2028)
        assert re.fullmatch(r"BJM-28-[A-Z0-9]{4}-[A-Z0-9]{2}", kode)
        assert not set(kode[7:].replace("-", "")) & set("01ILO")
        assert kode_sah(kode)


def test_alphabet_has_no_look_alikes():
    assert not set(ALFABET) & set("01ILO")
    assert len(ALFABET) == 31


def test_normalkan_kode_accepts_what_people_type():
    assert normalkan_kode(" bjm 28 7k4q p9 ") == "BJM-28-7K4Q-P9"
    assert normalkan_kode("bjm-28-7k4q--p9") == "BJM-28-7K4Q-P9"
    assert not kode_sah("BJM-28-7K4Q")
