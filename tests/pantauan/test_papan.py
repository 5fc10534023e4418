"""The board's numbers, checked against the database, and its late detection."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Count, Sum
from django.utils import timezone

from apps.musyawarah.models import StatusMusyawarah as S
from apps.pantauan import grafik_papan
from apps.pantauan.selectors import (
    JUMLAH_QUERY,
    TAHAP,
    TAHAP_PER_KODE,
    Keadaan,
    daerah_pantauan,
    papan,
    saring,
)
from apps.usulan.models import Usulan
from tests.factories import KelurahanFactory, PrioritasDaerahFactory, SiklusFactory
from tests.pantauan.conftest import (
    SAAT_DESA,
    SETELAH_DESA,
    SETELAH_KECAMATAN,
    forum,
    peserta,
    tambah_kelurahan,
    usulan,
)


@pytest.fixture
def dunia_forum(dunia):
    """Kelurahan A signed (on 25 January), A2 held but not signed, B (kecamatan Selatan)
    preparing for 5 February (after its tahapan); kecamatan Utara's forum signed on
    10 February, Selatan's none. Participants and usulan at several stages."""
    d = dunia
    d.forum_a = forum(
        d.siklus,
        d.kelurahan_a,
        S.SELESAI,
        tanggal=datetime.date(2027, 1, 25),
        ditandatangani=datetime.datetime(2027, 1, 25, 14, 0, tzinfo=datetime.UTC),
    )
    peserta(d.forum_a, laki=6, perempuan=4, hadir=True)
    peserta(d.forum_a, laki=3, perempuan=0, hadir=False)  # invited, did not come
    d.forum_a2 = forum(d.siklus, d.kelurahan_a2, S.PENETAPAN, tanggal=datetime.date(2027, 1, 28))
    peserta(d.forum_a2, laki=2, perempuan=2, hadir=True)
    d.forum_b = forum(d.siklus, d.kelurahan_b, S.PERSIAPAN, tanggal=datetime.date(2027, 2, 5))
    peserta(d.forum_b, laki=1, perempuan=3, hadir=False)  # invitations only
    d.forum_kec_a = forum(
        d.siklus,
        d.kecamatan_a,
        S.SELESAI,
        tanggal=datetime.date(2027, 2, 10),
        ditandatangani=datetime.datetime(2027, 2, 10, 14, 0, tzinfo=datetime.UTC),
    )
    peserta(d.forum_kec_a, laki=5, perempuan=5, hadir=True)
    pd = d.pupr
    prio = PrioritasDaerahFactory(siklus=d.siklus, nomor=1, nama="Penurunan stunting")
    usulan(d.siklus, d.kelurahan_a, 2, "draf", 500_000)
    usulan(d.siklus, d.kelurahan_a, 3, "ditolak_desa", 1_000_000)
    usulan(
        d.siklus,
        d.kelurahan_a,
        4,
        "diteruskan_kota",
        2_500_000,
        sumber_pembiayaan="apbd",
        perangkat_daerah=pd,
        prioritas_daerah=prio,
    )
    usulan(d.siklus, d.kelurahan_a, 1, "tidak_layak", 7_000_000)
    usulan(d.siklus, d.kelurahan_a2, 5, "diajukan", 300_000)
    usulan(d.siklus, d.kelurahan_b, 2, "prioritas_desa", 4_000_000)
    # The kecamatan's own usulan: owned by its kode, kelurahan A stays its location.
    usulan(
        d.siklus,
        d.kelurahan_a,
        1,
        "diteruskan_kota",
        9_000_000,
        kode_wilayah=d.kecamatan_a.kode,
        sumber_pembiayaan="apbd",
        perangkat_daerah=pd,
    )
    # Noise the board must ignore: a practice run, another siklus, another daerah.
    forum(d.siklus, d.kelurahan_b, S.SELESAI, latihan_dari=d.forum_b)
    lalu = SiklusFactory(daerah=d.daerah, tahun_rencana=2027, aktif=False)
    usulan(lalu, d.kelurahan_b, 7, "diterima", 1_000_000)
    return d


def _baris(p, kelurahan):
    return next(b for b in p.kelurahan if b.wilayah.pk == kelurahan.pk)


def _kec(p, kecamatan):
    return next(k for k in p.kecamatan if k.kecamatan.pk == kecamatan.pk)


def test_only_an_admin_bappeda_has_a_board_and_only_of_their_daerah(dunia):
    assert daerah_pantauan(dunia.bappeda) == [dunia.daerah]
    assert daerah_pantauan(dunia.bappeda_lain) == [dunia.daerah_lain]
    assert daerah_pantauan(dunia.superuser) == [dunia.daerah, dunia.daerah_lain]
    for user in ("camat_a", "operator_a", "fasilitator_a", "skpd_pupr"):
        assert daerah_pantauan(getattr(dunia, user)) == []


@time_machine.travel(SETELAH_DESA, tick=False)
def test_each_forum_has_its_state_and_the_late_ones_are_named(dunia_forum):
    d = dunia_forum
    p = papan(d.bappeda, d.daerah)
    a, a2, b = (_baris(p, k) for k in (d.kelurahan_a, d.kelurahan_a2, d.kelurahan_b))
    assert (a.keadaan, a.terlambat) == (Keadaan.DITANDATANGANI, False)
    # The desa tahapan ended on 31 January: held but unsigned, or preparing, is late.
    assert (a2.keadaan, a2.terlambat) == (Keadaan.DILAKSANAKAN, True)
    assert (b.keadaan, b.terlambat) == (Keadaan.PERSIAPAN, True)
    # The practice run of B is not B's forum.
    assert b.forum.pk == d.forum_b.pk
    # The kecamatan tahapan runs until 14 February: nobody is late at that level yet.
    utara, selatan = _kec(p, d.kecamatan_a), _kec(p, d.kecamatan_b)
    assert (utara.forum.keadaan, utara.forum.terlambat) == (Keadaan.DITANDATANGANI, False)
    assert (selatan.forum.keadaan, selatan.forum.terlambat) == (Keadaan.BELUM_MULAI, False)
    assert (utara.ditandatangani, utara.jumlah_kelurahan, utara.terlambat) == (1, 2, 1)
    assert (p.kelurahan_ditandatangani, p.kelurahan_terlambat, p.kecamatan_terlambat) == (1, 2, 0)
    assert [k.kecamatan.nama for k in p.kecamatan_tertinggal] == [
        "Banjarmasin Selatan",  # 1 of 1 late, nothing signed
        "Banjarmasin Utara",  # 1 of 2 late
    ]


@time_machine.travel(SAAT_DESA, tick=False)
def test_while_the_tahapan_runs_a_forum_set_after_its_end_is_flagged_not_late(dunia_forum):
    d = dunia_forum
    p = papan(d.bappeda, d.daerah)
    b = _baris(p, d.kelurahan_b)
    assert (b.terlambat, b.lewat_jadwal) == (False, True)
    assert not _baris(p, d.kelurahan_a2).lewat_jadwal  # 28 January is inside the tahapan
    assert p.kelurahan_terlambat == 0


@time_machine.travel(SETELAH_KECAMATAN, tick=False)
def test_a_kecamatan_without_a_signed_forum_is_late_after_its_tahapan(dunia_forum):
    d = dunia_forum
    p = papan(d.bappeda, d.daerah)
    assert _kec(p, d.kecamatan_b).forum.terlambat
    assert not _kec(p, d.kecamatan_a).forum.terlambat
    assert p.kecamatan_terlambat == 1
    # Signed, but its copies are not sent: its priorities have not reached the kota.
    assert _kec(p, d.kecamatan_a).forum.belum_dikirim
    assert not _baris(p, d.kelurahan_a).belum_dikirim  # a desa forum sends nothing
    d.forum_kec_a.dikirim_pada = timezone.now()
    d.forum_kec_a.save(update_fields=["dikirim_pada"])
    assert not _kec(papan(d.bappeda, d.daerah), d.kecamatan_a).forum.belum_dikirim


@time_machine.travel(SETELAH_DESA, tick=False)
def test_usulan_per_stage_match_the_database(dunia_forum):
    d = dunia_forum
    p = papan(d.bappeda, d.daerah)
    aktif = Usulan.objects.filter(siklus=d.siklus)

    def db(qs):
        r = qs.aggregate(n=Count("pk"), biaya=Sum("perkiraan_biaya"))
        return (r["n"], r["biaya"] or Decimal(0))

    for i, tahap in enumerate(TAHAP):
        dari_db = db(aktif.filter(status__in=tahap.status))
        assert (p.total[i].usulan, p.total[i].biaya) == dari_db, tahap.kode
        for k in p.kecamatan:
            milik = aktif.filter(kode_wilayah__startswith=k.kecamatan.kode, status__in=tahap.status)
            assert (k.tahap[i].usulan, k.tahap[i].biaya) == db(milik)
        for b in p.kelurahan:
            milik = aktif.filter(kode_wilayah=b.wilayah.kode, status__in=tahap.status)
            assert (b.tahap[i].usulan, b.tahap[i].biaya) == db(milik)
    # By hand, so the comparison above cannot pass on two equal mistakes.
    ke_kota = TAHAP.index(TAHAP_PER_KODE["ke_kota"])
    assert (p.total[ke_kota].usulan, p.total[ke_kota].biaya) == (5, Decimal(19_000_000))
    utara = _kec(p, d.kecamatan_a)
    # The kecamatan's own usulan count for the kecamatan, not for kelurahan A.
    assert utara.tahap[ke_kota].usulan == 5
    assert _baris(p, d.kelurahan_a).tahap[ke_kota].usulan == 4
    assert p.semua_usulan == sum((j for _s, _l, j in p.status_usulan), type(p.semua_usulan)())
    assert p.semua_usulan.usulan == aktif.count() == 18


@time_machine.travel(SETELAH_DESA, tick=False)
def test_share_of_women_counts_those_present_or_the_invitees_before_the_forum(dunia_forum):
    d = dunia_forum
    p = papan(d.bappeda, d.daerah)
    a, a2, b = (_baris(p, k) for k in (d.kelurahan_a, d.kelurahan_a2, d.kelurahan_b))
    # Held: those present (the three invited men who stayed away do not count).
    assert (a.dasar_peserta, a.peserta, a.perempuan, a.persen_perempuan) == ("hadir", 10, 4, 40)
    assert (a2.peserta, a2.perempuan) == (4, 2)
    # Preparing: the invitation list, as the keterwakilan panel counts it.
    assert (b.dasar_peserta, b.peserta, b.perempuan, b.persen_perempuan) == (
        "undangan",
        4,
        3,
        75,
    )
    assert (b.hadir, b.hadir_perempuan) == (0, 0)
    utara = _kec(p, d.kecamatan_a)
    assert (utara.hadir, utara.hadir_perempuan, utara.persen_perempuan) == (14, 6, 100 * 6 / 14)
    # Across every forum's attendance, the kecamatan forum's included.
    assert (p.hadir, p.hadir_perempuan) == (24, 11)


@time_machine.travel(SETELAH_DESA, tick=False)
def test_filters_keep_the_kecamatan_counts_and_sort_the_most_behind_first(dunia_forum):
    d = dunia_forum
    p = papan(d.bappeda, d.daerah)
    terlambat = saring(p, tampil="terlambat")
    assert [
        (b.kecamatan.kecamatan.nama, [k.wilayah.nama for k in b.kelurahan]) for b in terlambat
    ] == [
        ("Banjarmasin Selatan", ["Mantuil"]),
        ("Banjarmasin Utara", ["Alalak Tengah"]),
    ]
    # The header still counts the whole kecamatan.
    assert terlambat[1].kecamatan.jumlah_kelurahan == 2
    belum = saring(p, tampil="belum", kecamatan=d.kecamatan_a.kode)
    assert [k.wilayah.nama for b in belum for k in b.kelurahan] == ["Alalak Tengah"]
    semua = saring(p, urut="tertinggal", kecamatan=d.kecamatan_a.kode)
    assert [k.wilayah.nama for k in semua[0].kelurahan] == ["Alalak Tengah", "Sungai Miai"]
    assert [k.wilayah.nama for k in saring(p)[1].kelurahan] == ["Alalak Tengah", "Sungai Miai"]


@time_machine.travel(SETELAH_DESA, tick=False)
def test_charts_carry_the_boards_numbers(dunia_forum):
    d = dunia_forum
    p = papan(d.bappeda, d.daerah)
    tingkat = grafik_papan.forum_per_tingkat(p)
    desa, kecamatan = tingkat.baris
    assert desa.sel == ["1", "1", "1", "0", "3", "2"]  # signed, held, preparing, none; late
    assert kecamatan.sel == ["1", "0", "0", "1", "2", "0"]
    pd = grafik_papan.usulan_per_perangkat_daerah(d.bappeda, p, TAHAP_PER_KODE["ke_kota"])
    assert [(b.label, b.sel) for b in pd.baris] == [
        ("Dinas Pekerjaan Umum dan Penataan Ruang", ["Rp 19.000.000", "5"])
    ]
    prio = grafik_papan.usulan_per_prioritas_daerah(d.bappeda, p, TAHAP_PER_KODE["ke_kota"])
    assert [(b.label, b.sel) for b in prio.baris] == [
        ("1. Penurunan stunting", ["Rp 10.000.000", "4"]),
        ("Belum dipetakan ke prioritas daerah", ["Rp 9.000.000", "1"]),
    ]
    assert prio.total == ["Rp 19.000.000", ""]
    gender = grafik_papan.peserta_per_kecamatan(p)
    assert [(b.label, b.sel) for b in gender.baris] == [
        ("Banjarmasin Utara", ["6", "8", "14", "42,9%"])
    ]
    pekan = grafik_papan.ttd_per_pekan(p, "desa")
    # 11–17, 18–24, 25–31 January, then "lewat jadwal" until 3 February.
    assert [b.teks for b in pekan.baris] == ["0 dari 3", "0 dari 3", "1 dari 3", "1 dari 3"]
    assert pekan.baris[-1].label == "1–3 Februari 2027 (lewat jadwal)"


def test_no_active_siklus_no_board(dunia):
    dunia.siklus.aktif = False
    dunia.siklus.save()
    assert papan(dunia.bappeda, dunia.daerah) is None


def test_board_queries_do_not_grow_with_the_daerah(dunia, django_assert_num_queries):
    """A fixed number of queries for 2 kelurahan or 22, with their forums, participants
    and usulan (the bound is JUMLAH_QUERY; Django's query log checks it)."""
    d = dunia
    # Warm the user's penugasan (cached per request in real use).
    d.bappeda.cakupan  # noqa: B018
    tambah_kelurahan(d.siklus, d.kecamatan_a, 2, 0)
    with django_assert_num_queries(JUMLAH_QUERY):
        kecil = papan(d.bappeda, d.daerah)
    tambah_kelurahan(d.siklus, d.kecamatan_a, 10, 100)
    tambah_kelurahan(d.siklus, d.kecamatan_b, 10, 200)
    with django_assert_num_queries(JUMLAH_QUERY):
        besar = papan(d.bappeda, d.daerah)
    assert (kecil.jumlah_kelurahan, besar.jumlah_kelurahan) == (5, 25)
    assert besar.kelurahan_ditandatangani == 22
    assert besar.total[0].usulan == 22 * 5


def test_kelurahan_of_another_daerah_stay_off_the_board(dunia):
    from tests.factories import KecamatanFactory

    kec = KecamatanFactory(daerah=dunia.daerah_lain, kode="63.72.01", nama="Landasan Ulin")
    KelurahanFactory(kecamatan=kec, kode="63.72.01.1001", nama="Guntung Payung")
    p = papan(dunia.bappeda, dunia.daerah)
    assert "Guntung Payung" not in [b.wilayah.nama for b in p.kelurahan]
    assert "Landasan Ulin" not in [k.kecamatan.nama for k in p.kecamatan]
