import pytest

from apps.core.exceptions import DomainError
from apps.core.models import Jejak
from apps.musyawarah import pembahasan
from apps.musyawarah.models import Keputusan, StatusMusyawarah
from apps.usulan.services import usulan_tarik
from tests.factories import buat_usulan
from tests.musyawarah.conftest import muat, putuskan


def _baris(f, *rows):
    return [
        {"usulan_id": u.pk, "urutan": urutan, "keputusan": k, "alasan": alasan}
        for u, (urutan, k, alasan) in zip(f.usulan, rows, strict=True)
    ]


def test_every_wrong_row_is_named_and_nothing_saved(forum_berjalan, operator_a):
    f = forum_berjalan
    with pytest.raises(DomainError) as e:
        pembahasan.pembahasan_simpan(
            user=operator_a,
            musyawarah=f.m,
            versi=f.m.versi,
            baris=_baris(f, (1, "kota", ""), (1, "ditolak", " "), (3, "kota", "")),
        )
    kode = [u.kode for u in f.usulan]
    assert e.value.rincian == [
        f"Urutan 1 dipakai dua kali ({kode[0]} dan {kode[1]}).",
        f"{kode[1]} tidak disepakati: tuliskan alasannya.",
        f"{kode[2]} ke kota: usulan belum menyebut perangkat daerah tujuan "
        "(ubah usulan, atau jadikan swadaya).",
    ]
    assert not f.m.pembahasan.exists()


def test_concurrent_edit_of_the_decisions_is_refused(forum_berjalan, operator_a):
    f = forum_berjalan
    versi = f.m.versi
    pembahasan.pembahasan_simpan(
        user=operator_a,
        musyawarah=f.m,
        versi=versi,
        baris=_baris(f, (1, "kota", ""), (2, "kota", ""), (3, "swadaya", "")),
    )
    with pytest.raises(DomainError, match="sudah diubah orang lain"):
        pembahasan.pembahasan_simpan(
            user=operator_a,
            musyawarah=f.m,
            versi=versi,
            baris=_baris(f, (3, "kota", ""), (2, "kota", ""), (1, "swadaya", "")),
        )
    assert f.m.pembahasan.get(usulan=f.usulan[0]).urutan == 1


def test_tetapkan_needs_every_usulan_decided(forum_berjalan, operator_a, kelurahan_a):
    f = forum_berjalan
    baru = buat_usulan(operator_a, kelurahan_a, judul="Usulan di forum", ajukan=True)
    putuskan(operator_a, f)
    with pytest.raises(DomainError) as e:
        pembahasan.musyawarah_tetapkan(user=operator_a, musyawarah=f.m)
    assert f"{baru.kode} belum diberi urutan." in e.value.rincian
    assert f"{baru.kode} belum diputuskan." in e.value.rincian


def test_tetapkan_renumbers_and_drops_withdrawn_usulan(forum_berjalan, operator_a):
    f = forum_berjalan
    pembahasan.pembahasan_simpan(
        user=operator_a,
        musyawarah=f.m,
        versi=f.m.versi,
        baris=_baris(f, (5, "kota", ""), (9, "kota", ""), (20, "swadaya", "")),
    )
    usulan_tarik(user=operator_a, usulan=f.usulan[1], alasan="Ditarik di forum")
    f.m = muat(f.m)
    putuskan_sisanya = [
        {"usulan_id": f.usulan[0].pk, "urutan": 5, "keputusan": "kota", "alasan": ""},
        {"usulan_id": f.usulan[2].pk, "urutan": 20, "keputusan": "swadaya", "alasan": ""},
    ]
    pembahasan.pembahasan_simpan(
        user=operator_a, musyawarah=f.m, versi=f.m.versi, baris=putuskan_sisanya
    )
    pembahasan.masalah_prioritas_simpan(user=operator_a, musyawarah=f.m, masalah_ids=[f.masalah.pk])
    from apps.musyawarah import peserta as ps

    m = muat(f.m)
    ps.delegasi_simpan(user=operator_a, musyawarah=m, peserta_ids=[f.peserta[0].pk], versi=m.versi)
    m = pembahasan.musyawarah_tetapkan(user=operator_a, musyawarah=m)
    assert m.status == StatusMusyawarah.PENETAPAN
    assert list(m.pembahasan.order_by("urutan").values_list("usulan_id", "urutan")) == [
        (f.usulan[0].pk, 1),
        (f.usulan[2].pk, 2),
    ]


def test_tetapkan_needs_delegation_and_priority_problems(forum_berjalan, operator_a):
    f = forum_berjalan
    pembahasan.pembahasan_simpan(
        user=operator_a,
        musyawarah=f.m,
        versi=f.m.versi,
        baris=_baris(f, (1, "kota", ""), (2, "kota", ""), (3, "swadaya", "")),
    )
    with pytest.raises(DomainError) as e:
        pembahasan.musyawarah_tetapkan(user=operator_a, musyawarah=muat(f.m))
    assert "Delegasi ke Musrenbang kecamatan belum dipilih." in e.value.rincian
    assert "Masalah prioritas untuk Musrenbang kecamatan belum dipilih." in e.value.rincian


def test_buka_kembali_needs_a_reason(forum_ditetapkan, operator_a):
    m = forum_ditetapkan.m
    with pytest.raises(DomainError, match="alasan"):
        pembahasan.musyawarah_buka_kembali(user=operator_a, musyawarah=m, alasan="")
    m = pembahasan.musyawarah_buka_kembali(user=operator_a, musyawarah=m, alasan="Salah urutan")
    assert m.status == StatusMusyawarah.PELAKSANAAN
    terakhir = Jejak.objects.untuk_objek(m).last()
    assert terakhir.catatan == "Salah urutan"
    assert terakhir.perubahan == {"status": ["Penetapan", "Pelaksanaan"]}


def test_masalah_must_be_of_the_kelurahan(forum_berjalan, operator_b, kelurahan_b, operator_a):
    from apps.usulan import kajian

    lain = kajian.masalah_simpan(
        user=operator_b, kelurahan=kelurahan_b, data={"sektor": "ekonomi", "uraian": "x"}
    )
    with pytest.raises(DomainError, match="kajian desa kelurahan ini"):
        pembahasan.masalah_prioritas_simpan(
            user=operator_a, musyawarah=forum_berjalan.m, masalah_ids=[lain.pk]
        )
    assert Keputusan.KOTA == "kota"
