"""The scoping rule: a user sees exactly the wilayah under their penugasan."""

import pytest

from apps.core.scoping import Cakupan, cakupan_dari, kode_di_bawah
from apps.dokumen.models import DokumenFinal
from apps.musyawarah import persiapan
from apps.musyawarah.models import Musyawarah
from apps.siklus.models import Siklus
from apps.usulan import kajian
from apps.usulan.models import STATUS_UNTUK_PERANGKAT_DAERAH, Masalah, RpjmDesa, Status, Usulan
from apps.wilayah.models import RT, Kecamatan, Kelurahan, Lingkungan, PerangkatDaerah
from tests.factories import PerangkatDaerahFactory, RTFactory, banyak_usulan


@pytest.mark.parametrize(
    ("kode", "induk", "expected"),
    [
        ("63.71.04.1005", "63.71.04", True),
        ("63.71.04", "63.71.04", True),
        ("63.71.04.1005", "63.71", True),
        ("63.71.04", "63.71.04.1005", False),
        # A plain prefix match would say yes: the dot keeps siblings apart.
        ("63.71.041", "63.71.04", False),
        ("63.711.01", "63.71", False),
    ],
)
def test_kode_di_bawah(kode, induk, expected):
    assert kode_di_bawah(kode, induk) is expected


def _kode(qs):
    return set(qs.values_list("kode", flat=True))


def test_operator_sees_only_own_kelurahan(dunia):
    assert _kode(Kelurahan.objects.for_user(dunia.operator_a)) == {"63.71.04.1005"}
    assert _kode(Kecamatan.objects.for_user(dunia.operator_a)) == set()


def test_camat_sees_every_kelurahan_of_the_kecamatan_and_no_other(dunia):
    assert _kode(Kelurahan.objects.for_user(dunia.camat_a)) == {"63.71.04.1005", "63.71.04.1001"}
    assert _kode(Kecamatan.objects.for_user(dunia.camat_a)) == {"63.71.04"}


def test_bappeda_sees_the_daerah_but_not_another_daerah(dunia):
    assert _kode(Kelurahan.objects.for_user(dunia.bappeda)) == {
        "63.71.04.1005",
        "63.71.04.1001",
        "63.71.01.1001",
    }
    assert _kode(Kelurahan.objects.for_user(dunia.bappeda_lain)) == set()


def test_skpd_sees_master_data_of_its_daerah(dunia):
    RTFactory(lingkungan=dunia.kelurahan_a.lingkungan.first())
    skpd = dunia.skpd_pupr
    assert len(_kode(Kelurahan.objects.for_user(skpd))) == 3
    assert len(_kode(Kecamatan.objects.for_user(skpd))) == 2
    assert Lingkungan.objects.for_user(skpd).count() == Lingkungan.objects.count() == 2
    assert RT.objects.for_user(skpd).count() == RT.objects.count() == 1
    assert list(PerangkatDaerah.objects.for_user(skpd)) == [dunia.pupr]
    assert list(Siklus.objects.for_user(skpd)) == [dunia.siklus]


def test_skpd_reads_usulan_addressed_to_it_once_a_forum_sent_them(dunia):
    dinkes = PerangkatDaerahFactory(daerah=dunia.daerah, singkatan="DINKES")
    for status in Status.values:
        for pd in (dunia.pupr, dinkes):
            banyak_usulan(
                dunia.siklus,
                dunia.kelurahan_a,
                1,
                judul=f"{status} {pd.singkatan}",
                status=status,
                sumber_pembiayaan="apbd",
                perangkat_daerah=pd,
            )
    dilihat = set(Usulan.objects.for_user(dunia.skpd_pupr).values_list("judul", flat=True))
    assert dilihat == {f"{status} Dinas PUPR" for status in STATUS_UNTUK_PERANGKAT_DAERAH}
    # Nothing the desa forum has not decided to send on, nor what it kept or refused.
    for status in ("draf", "diajukan", "swadaya", "ditolak_desa"):
        assert status not in STATUS_UNTUK_PERANGKAT_DAERAH
    # The kelurahan's own users are not limited by the status.
    assert Usulan.objects.for_user(dunia.operator_a).count() == 2 * len(Status.values)


def test_skpd_reads_no_forum_kajian_rpjm_or_signed_document(dunia):
    kajian.masalah_simpan(
        user=dunia.operator_a,
        kelurahan=dunia.kelurahan_a,
        data={"sektor": "ekonomi", "uraian": "x"},
    )
    kajian.rpjm_simpan(
        user=dunia.operator_a,
        kelurahan=dunia.kelurahan_a,
        data={
            "bidang": "pembangunan",
            "kegiatan": "Jalan",
            "tahun_mulai": 2025,
            "tahun_selesai": 2030,
        },
    )
    persiapan.musyawarah_desa_buat(user=dunia.operator_a, kelurahan=dunia.kelurahan_a)
    DokumenFinal.objects.create(
        kode="ABCD-EFGH",
        kode_wilayah=dunia.kelurahan_a.kode,
        snapshot={},
        ditandatangani_pada="2027-01-20T10:00:00+08:00",
    )
    for model in (Masalah, RpjmDesa, Musyawarah, DokumenFinal):
        assert model.objects.for_user(dunia.bappeda).count() == 1, model
        assert model.objects.for_user(dunia.skpd_pupr).count() == 0, model


def test_superuser_sees_everything(dunia):
    assert Kelurahan.objects.for_user(dunia.superuser).count() == Kelurahan.objects.count()


def test_anonymous_and_unassigned_users_see_nothing(dunia, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert Kelurahan.objects.for_user(AnonymousUser()).count() == 0
    tanpa = django_user_model.objects.create_user("tanpa-penugasan", password="x")
    assert Kelurahan.objects.for_user(tanpa).count() == 0
    assert cakupan_dari(None) == Cakupan()


def test_inactive_penugasan_gives_no_access(dunia):
    dunia.operator_a.penugasan.update(aktif=False)
    operator = type(dunia.operator_a).objects.get(pk=dunia.operator_a.pk)
    assert Kelurahan.objects.for_user(operator).count() == 0


def test_several_penugasan_add_up(dunia):
    from apps.akun.models import Penugasan, Peran

    Penugasan.objects.create(
        user=dunia.operator_a, peran=Peran.FASILITATOR, kecamatan=dunia.kecamatan_b
    )
    operator = type(dunia.operator_a).objects.get(pk=dunia.operator_a.pk)
    assert _kode(Kelurahan.objects.for_user(operator)) == {"63.71.04.1005", "63.71.01.1001"}


def test_cakupan_in_memory_agrees_with_the_query(dunia):
    for user in (dunia.operator_a, dunia.camat_a, dunia.bappeda, dunia.skpd_pupr):
        visible = _kode(Kelurahan.objects.for_user(user))
        for kelurahan in Kelurahan.objects.all():
            assert user.cakupan.mencakup_kode(
                kelurahan.kode, akses=Kelurahan.objects.all().akses_perangkat_daerah
            ) is (kelurahan.kode in visible)
