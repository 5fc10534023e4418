"""The scoping rule: a user sees exactly the wilayah under their penugasan."""

import pytest

from apps.core.scoping import Cakupan, cakupan_dari, kode_di_bawah
from apps.wilayah.models import Kecamatan, Kelurahan, PerangkatDaerah


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
    assert len(_kode(Kelurahan.objects.for_user(dunia.skpd_pupr))) == 3
    assert list(PerangkatDaerah.objects.for_user(dunia.skpd_pupr)) == [dunia.pupr]


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
            assert user.cakupan.mencakup_kode(kelurahan.kode) is (kelurahan.kode in visible)
