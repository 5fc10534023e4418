"""Scoring in the sidang kelompok (seed 4.b.8–9): criteria, scorers, scores, the ranking
on hand-computed examples, and the Pleno's starting order that follows it."""

from decimal import Decimal

import pytest

from apps.core.exceptions import DomainError
from apps.musyawarah.kecamatan import nilai, pleno
from apps.musyawarah.kecamatan.peringkat import peringkat_kelompok
from apps.musyawarah.models import Pembahasan
from apps.penilaian.services import SkorBentrok
from apps.siklus.models import PaguIndikatif
from tests.kecamatan.test_alur import _jalankan_sampai_pleno
from tests.musyawarah.conftest import muat


@pytest.fixture
def sidang(forum_kec, camat_a, pupr):
    """Both groups verified: Infrastruktur has two feasible usulan (the siring, merged
    with Alalak Tengah's, and the titian); Sosial Budaya none."""
    m, rec = _jalankan_sampai_pleno(camat_a, forum_kec, pupr, nilai=False)
    infra = m.kelompok_diskusi.get(nama__startswith="Infrastruktur")
    infra.musyawarah = m
    return m, infra, rec


def _kriteria(camat, m, bobot_pertama=Decimal(2)):
    nilai.kriteria_mulai(user=camat, musyawarah=m, sumber=nilai.SUMBER_SEED)
    m = muat(m)
    pertama = m.kriteria.kriteria.order_by("urutan").first()
    nilai.kriteria_simpan(user=camat, musyawarah=m, kriteria=pertama, data={"bobot": bobot_pertama})
    return muat(m), list(m.kriteria.kriteria.order_by("urutan"))


def _isi(penilai, rec, kriteria, per_usulan: dict[str, list[int]], user=None):
    for judul, angka in per_usulan.items():
        for k, v in zip(kriteria, angka, strict=True):
            nilai.skor_simpan(
                penilai=penilai,
                pembahasan_id=rec[judul].pk,
                kriteria_id=k.pk,
                nilai=v,
                versi=0,
                user=user,
            )


def test_pleno_waits_for_the_groups_scoring(sidang, camat_a):
    m, infra, rec = sidang
    kurang = pleno.kekurangan_pleno(muat(m))
    assert any("belum menetapkan penilainya" in k for k in kurang)


def test_seed_template_weights_as_shares(sidang, camat_a):
    m, infra, rec = sidang
    m, kriteria = _kriteria(camat_a, m)
    assert [k.nama for k in kriteria][:2] == [
        "Kesesuaian dengan rancangan awal RKPD",
        "Kepentingan lintas kelurahan",
    ]
    from apps.penilaian.selectors import kriteria_dengan_persen

    persen = [round(k.persen, 2) for k in kriteria_dengan_persen(m.kriteria)]
    assert persen == [Decimal("33.33")] + [Decimal("16.67")] * 4
    assert all(len(k.arti_nilai) == 5 for k in kriteria)


def test_ranking_tie_break_and_pleno_order(sidang, camat_a):
    m, infra, rec = sidang
    m, kriteria = _kriteria(camat_a, m)
    anggota = list(infra.anggota.order_by("nama"))
    a, b = nilai.penilai_simpan(user=camat_a, kelompok=infra, peserta=anggota[:2])
    # Titian: 3 on the double-weighted criterion, 5 elsewhere: (2×.5 + 4×1) / 6 = 83.33.
    # Siring: 5, 5, 5, 3, 3: (2×1 + 1 + 1 + .5 + .5) / 6 = 83.33 as well — a tie that the
    # most-weighted criterion breaks in the siring's favour.
    for p in (a, b):
        _isi(
            p,
            rec,
            kriteria,
            {
                "Titian ulin RW 02": [3, 5, 5, 5, 5],
                "Siring sungai Sungai Miai": [5, 5, 5, 3, 3],
            },
        )
    with pytest.raises(DomainError, match="Penilaian"):
        pleno.pleno_tetapkan(user=camat_a, musyawarah=muat(m))
    nilai.penilaian_tutup(user=camat_a, kelompok=infra)
    hasil = peringkat_kelompok(infra)
    baris = hasil.baris
    assert [p.usulan.judul for p in baris] == ["Siring sungai Sungai Miai", "Titian ulin RW 02"]
    assert [p.nilai for p in baris] == [83.33, 83.33]
    assert [p.peringkat for p in baris] == [1, 2]
    assert all(p.seri for p in baris)
    assert baris[0].dilayani == 2  # the siring merged Alalak Tengah's
    assert [p.usulan.judul for p in pleno.usulan_pleno(muat(m))] == [
        "Siring sungai Sungai Miai",
        "Titian ulin RW 02",
    ]


def test_single_scorer_hand_computed(sidang, camat_a):
    m, infra, rec = sidang
    m, kriteria = _kriteria(camat_a, m, bobot_pertama=Decimal(1))
    (a,) = nilai.penilai_simpan(user=camat_a, kelompok=infra, peserta=[infra.anggota.first()])
    _isi(
        a,
        rec,
        kriteria,
        {
            "Titian ulin RW 02": [5, 5, 5, 5, 5],
            "Siring sungai Sungai Miai": [1, 2, 3, 4, 5],
        },
    )
    nilai.penilaian_tutup(user=camat_a, kelompok=infra)
    baris = peringkat_kelompok(infra).baris
    assert [(p.usulan.judul, p.nilai) for p in baris] == [
        ("Titian ulin RW 02", 100.0),
        ("Siring sungai Sungai Miai", 50.0),
    ]
    # The Pleno starts from the ranking: the titian first now.
    assert [p.usulan.judul for p in pleno.usulan_pleno(muat(m))][0] == "Titian ulin RW 02"


def test_missing_score_blocks_closing_and_disagreement_is_flagged(sidang, camat_a):
    m, infra, rec = sidang
    m, kriteria = _kriteria(camat_a, m)
    a, b = nilai.penilai_simpan(
        user=camat_a, kelompok=infra, peserta=list(infra.anggota.order_by("nama"))[:2]
    )
    _isi(a, rec, kriteria, {"Titian ulin RW 02": [1, 3, 3, 3, 3]})
    _isi(b, rec, kriteria, {"Titian ulin RW 02": [5, 3, 3, 4, 3]})
    with pytest.raises(DomainError) as e:
        nilai.penilaian_tutup(user=camat_a, kelompok=infra)
    assert any("5 dari 10 nilai belum diisi" in r for r in e.value.rincian)
    from apps.penilaian.selectors import perbedaan

    infra.refresh_from_db()
    beda = perbedaan(infra.penilaian, nilai.usulan_dinilai(infra))
    assert beda == {(rec["Titian ulin RW 02"].usulan_id, kriteria[0].pk): (1, 5)}


def test_criteria_lock_with_the_first_score_and_unlock_discards(sidang, camat_a):
    m, infra, rec = sidang
    m, kriteria = _kriteria(camat_a, m)
    (a,) = nilai.penilai_simpan(user=camat_a, kelompok=infra, peserta=[infra.anggota.first()])
    _isi(a, rec, kriteria[:1], {"Titian ulin RW 02": [4]})
    with pytest.raises(DomainError, match="terkunci karena 1 nilai"):
        nilai.kriteria_simpan(
            user=camat_a, musyawarah=muat(m), kriteria=kriteria[0], data={"bobot": 3}
        )
    with pytest.raises(DomainError, match="Jumlah nilai berubah"):
        nilai.kriteria_buka_kunci(user=camat_a, musyawarah=muat(m), jumlah=0)
    assert nilai.kriteria_buka_kunci(user=camat_a, musyawarah=muat(m), jumlah=1) == 1
    nilai.kriteria_simpan(user=camat_a, musyawarah=muat(m), kriteria=kriteria[0], data={"bobot": 3})


def test_stale_cell_is_refused_and_the_newer_value_kept(sidang, camat_a):
    m, infra, rec = sidang
    m, kriteria = _kriteria(camat_a, m)
    (a,) = nilai.penilai_simpan(user=camat_a, kelompok=infra, peserta=[infra.anggota.first()])
    sel = dict(penilai=a, pembahasan_id=rec["Titian ulin RW 02"].pk, kriteria_id=kriteria[0].pk)
    pertama = nilai.skor_simpan(**sel, nilai=4, versi=0)
    kedua = nilai.skor_simpan(**sel, nilai=5, versi=pertama.versi)  # tab 1
    with pytest.raises(SkorBentrok) as e:
        nilai.skor_simpan(**sel, nilai=2, versi=pertama.versi)  # tab 2, opened earlier
    assert e.value.skor.nilai == 5 and kedua.versi == 2
    with pytest.raises(DomainError, match="antara 1 dan 5"):
        nilai.skor_simpan(**sel, nilai=6, versi=kedua.versi)
    # A usulan of another group, or not feasible, is not scored here.
    posyandu = rec["Posyandu balita"]
    with pytest.raises(DomainError, match="tidak dinilai"):
        nilai.skor_simpan(
            penilai=a, pembahasan_id=posyandu.pk, kriteria_id=kriteria[0].pk, nilai=3, versi=0
        )


def test_pagu_marks_the_cut_line(sidang, camat_a):
    m, infra, rec = sidang
    m, kriteria = _kriteria(camat_a, m)
    (a,) = nilai.penilai_simpan(user=camat_a, kelompok=infra, peserta=[infra.anggota.first()])
    _isi(
        a,
        rec,
        kriteria,
        {"Titian ulin RW 02": [5] * 5, "Siring sungai Sungai Miai": [1] * 5},
    )
    nilai.penilaian_tutup(user=camat_a, kelompok=infra)
    titian = Pembahasan.objects.get(pk=rec["Titian ulin RW 02"].pk)
    PaguIndikatif.objects.create(siklus=m.siklus, kecamatan=m.kecamatan, jumlah=titian.biaya + 1)
    baris = pleno.usulan_pleno(muat(m))
    assert [p.lewat_pagu for p in baris] == [False, True]
    assert baris[1].kumulatif == titian.biaya + 400_000_000


def test_practice_run_copies_the_scoring_and_deleting_it_leaves_the_forum(sidang, camat_a):
    from apps.musyawarah import latihan as latihan_services
    from apps.penilaian.models import Penilai, SesiPenilaian, SetKriteria, Skor

    m, infra, rec = sidang
    m, kriteria = _kriteria(camat_a, m)
    (a,) = nilai.penilai_simpan(user=camat_a, kelompok=infra, peserta=[infra.anggota.first()])
    _isi(a, rec, kriteria, {"Titian ulin RW 02": [4] * 5})
    lat = latihan_services.latihan_buat(user=camat_a, musyawarah=muat(m))
    lat = muat(lat)
    assert lat.kriteria_id and lat.kriteria_id != m.kriteria_id
    assert lat.kriteria.kriteria.count() == 5
    infra_lat = lat.kelompok_diskusi.get(nama=infra.nama)
    (a_lat,) = infra_lat.penilaian.penilai.all()
    assert a_lat.token != a.token and a_lat.rujukan != a.rujukan
    assert lat.peserta.filter(pk=a_lat.rujukan).exists()
    assert Skor.objects.filter(penilai=a_lat).count() == 5
    # Scoring in the copy changes nothing of the real forum.
    infra_lat.musyawarah = lat
    k_lat = list(lat.kriteria.kriteria.all())
    rec_lat = {p.usulan.judul: p for p in lat.pembahasan.select_related("usulan")}
    _isi(a_lat, rec_lat, k_lat, {"Siring sungai Sungai Miai": [2] * 5})
    assert Skor.objects.filter(penilai=a).count() == 5
    latihan_services.latihan_hapus(user=camat_a, latihan=lat)
    assert SetKriteria.objects.count() == 1 and SesiPenilaian.objects.count() == 1
    assert Penilai.objects.count() == 1 and Skor.objects.count() == 5


def test_verification_reopens_only_after_the_scoring(sidang, camat_a):
    from apps.musyawarah.kecamatan import sidang as sidang_services

    m, infra, rec = sidang
    m, kriteria = _kriteria(camat_a, m)
    (a,) = nilai.penilai_simpan(user=camat_a, kelompok=infra, peserta=[infra.anggota.first()])
    _isi(a, rec, kriteria, {"Titian ulin RW 02": [4] * 5, "Siring sungai Sungai Miai": [2] * 5})
    nilai.penilaian_tutup(user=camat_a, kelompok=infra)
    with pytest.raises(DomainError, match="buka kembali penilaiannya dulu"):
        sidang_services.verifikasi_buka(user=camat_a, kelompok=infra, alasan="salah PD")
    nilai.penilaian_buka(user=camat_a, kelompok=infra, alasan="salah PD")
    sidang_services.verifikasi_buka(user=camat_a, kelompok=infra, alasan="salah PD")
    # While verification is open again, nobody scores.
    with pytest.raises(DomainError, match="Verifikasi kelompok .* belum ditutup"):
        nilai.skor_simpan(
            penilai=a,
            pembahasan_id=rec["Titian ulin RW 02"].pk,
            kriteria_id=kriteria[0].pk,
            nilai=5,
            versi=1,
        )
