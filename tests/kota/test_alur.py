"""The whole Musrenbang Kota through its services: the pull of the signed kecamatan
results, preparation, the decisions per perangkat daerah, signing, and what signing does
to each usulan."""

from decimal import Decimal

import pytest

from apps.core.exceptions import DomainError
from apps.musyawarah.kota import kesepakatan
from apps.musyawarah.kota import persiapan as kota_persiapan
from apps.musyawarah.models import ElemenKota, Keputusan, StatusMusyawarah
from apps.usulan.models import Status, Usulan
from tests.kota.conftest import buka_dan_hadir, putuskan, rekaman, siapkan_kota, tetapkan_dan_ttd
from tests.musyawarah.conftest import muat


def test_pull_takes_what_each_signed_kecamatan_agreed_by_reference_once(forum_kota, bappeda):
    m = forum_kota
    rec = rekaman(m)
    assert set(rec) == {
        "Siring sungai Sungai Miai",
        "Titian ulin RW 02",
        "Jalan lingkungan Mantuil",
        "Rehab gedung PAUD Mantuil",
    }
    # The merged duplicate rides along with its main usulan; nothing is copied.
    siring = rec["Siring sungai Sungai Miai"]
    assert [g.usulan.judul for g in siring.gabungan.all()] == ["Siring sungai Alalak Tengah"]
    assert m.pembahasan.count() == 5
    assert Usulan.objects.filter(judul="Siring sungai Sungai Miai").count() == 1
    # The kecamatan's place for its perangkat daerah and its frozen score come along.
    assert siring.urutan_asal == 1 and siring.nilai_penilaian == Decimal("50.00")
    assert rec["Titian ulin RW 02"].urutan_asal == 2
    delegasi = m.peserta.filter(elemen=ElemenKota.DELEGASI)
    assert delegasi.count() == 4
    assert set(delegasi.values_list("kecamatan_asal__nama", flat=True)) == {
        "Banjarmasin Utara",
        "Banjarmasin Selatan",
    }
    assert m.peserta.filter(elemen=ElemenKota.CAMAT).count() == 2
    hasil = kota_persiapan.hasil_kecamatan_tarik(user=bappeda, musyawarah=m)
    assert (hasil.usulan, hasil.peserta) == (0, 0)
    assert m.pembahasan.count() == 5 and m.peserta.count() == 6


def test_one_kota_forum_per_siklus_and_only_for_bappeda(forum_kota, bappeda, camat_a, daerah):
    with pytest.raises(DomainError, match="sudah dibuat"):
        kota_persiapan.musyawarah_kota_buat(user=bappeda, daerah=daerah)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        kota_persiapan.hasil_kecamatan_tarik(user=camat_a, musyawarah=forum_kota)


def test_whole_forum_to_signed(forum_kota, bappeda, pupr, dinkes):
    m = siapkan_kota(bappeda, forum_kota)
    assert m.status == StatusMusyawarah.PERSIAPAN
    m = buka_dan_hadir(bappeda, m)
    with pytest.raises(DomainError, match="belum dapat ditetapkan"):
        kesepakatan.kota_tetapkan(user=bappeda, musyawarah=m)
    # A refused save names every problem and saves nothing.
    with pytest.raises(DomainError) as e:
        putuskan(
            bappeda,
            m,
            {
                "Titian ulin RW 02": ("tolak", None, ""),
                "Jalan lingkungan Mantuil": ("pindah", pupr, ""),
            },
        )
    assert any("tuliskan alasannya" in r for r in e.value.rincian)
    assert any("pilih perangkat daerah lain" in r for r in e.value.rincian)
    assert not muat(m).pembahasan.exclude(keputusan=Keputusan.BELUM).exists()
    m = putuskan(
        bappeda,
        muat(m),
        {
            "Siring sungai Sungai Miai": ("setuju", None, ""),
            "Titian ulin RW 02": ("tolak", None, "Sudah masuk program jalan lingkungan 2028"),
            "Jalan lingkungan Mantuil": ("setuju", None, ""),
            "Rehab gedung PAUD Mantuil": ("pindah", dinkes, "Kewenangan bangunan PAUD"),
        },
    )
    m = tetapkan_dan_ttd(bappeda, m)
    assert m.status == StatusMusyawarah.SELESAI
    assert m.berita_acara.jenis == "berita_acara_kota"
    assert m.berita_acara.kode_wilayah == "63.71"
    # Agreed → diterima, with the forum's words on the public timeline.
    siring = Usulan.objects.get(judul="Siring sungai Sungai Miai")
    assert siring.status == Status.DITERIMA
    assert "Disepakati untuk Dinas PUPR" in siring.riwayat.last().alasan
    # The merged duplicate follows its main usulan and says so.
    siring2 = Usulan.objects.get(judul="Siring sungai Alalak Tengah")
    assert siring2.status == Status.DITERIMA
    assert "Digabung dengan" in siring2.riwayat.last().alasan
    # Not agreed → ditolak with the reason.
    titian = Usulan.objects.get(judul="Titian ulin RW 02")
    assert titian.status == Status.DITOLAK
    assert "Sudah masuk program jalan lingkungan 2028" in titian.riwayat.last().alasan
    # From "prioritas kecamatan" (kecamatan B never sent its copies) too.
    jalan = Usulan.objects.get(judul="Jalan lingkungan Mantuil")
    assert jalan.status == Status.DITERIMA
    assert jalan.riwayat.filter(dari=Status.PRIORITAS_KECAMATAN, ke=Status.DITERIMA).exists()
    # Moved → its perangkat daerah changes with a line of its own, then diterima.
    paud = Usulan.objects.get(judul="Rehab gedung PAUD Mantuil")
    assert paud.perangkat_daerah == dinkes and paud.status == Status.DITERIMA
    pindah = paud.riwayat.get(dari=Status.PRIORITAS_KECAMATAN, ke=Status.PRIORITAS_KECAMATAN)
    assert "Dipindahkan dari Dinas PUPR ke Dinkes" in pindah.alasan
    assert "Kewenangan bangunan PAUD" in pindah.alasan
    # The agreed usulan are numbered within the list of the perangkat daerah they end with.
    rec = {p.usulan.judul: p for p in m.pembahasan.select_related("usulan")}
    assert rec["Siring sungai Sungai Miai"].urutan == 2  # after Banjarmasin Selatan's
    assert rec["Jalan lingkungan Mantuil"].urutan == 1
    assert rec["Rehab gedung PAUD Mantuil"].urutan == 1
    assert rec["Titian ulin RW 02"].urutan is None
    s = m.berita_acara.snapshot
    assert s["disepakati"]["jumlah"] == 3
    # Perangkat daerah by name: Dinas Kesehatan, then Dinas Pekerjaan Umum.
    assert [b["perangkat_daerah"] for b in s["disepakati"]["per_pd"]] == ["Dinkes", "Dinas PUPR"]
    assert [r["kode"] for r in s["dipindah"]] == [paud.kode]
    assert s["tidak_disepakati"][0]["alasan"] == "Sudah masuk program jalan lingkungan 2028"
    assert s["ringkasan"]["baris"][3][1].startswith("3 kegiatan")
