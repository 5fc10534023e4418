import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.akun.models import Penugasan, Peran
from tests.factories import UserFactory


def test_penugasan_requires_the_wilayah_of_its_peran(kelurahan_a, kecamatan_a):
    user = UserFactory()
    p = Penugasan(user=user, peran=Peran.CAMAT, kelurahan=kelurahan_a)
    with pytest.raises(ValidationError) as e:
        p.full_clean()
    assert "kecamatan" in e.value.message_dict
    assert "kelurahan" in e.value.message_dict


def test_database_refuses_penugasan_with_the_wrong_wilayah(kelurahan_a, kecamatan_a):
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Penugasan.objects.create(user=user, peran=Peran.CAMAT, kelurahan=kelurahan_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Penugasan.objects.create(
            user=user, peran=Peran.CAMAT, kecamatan=kecamatan_a, kelurahan=kelurahan_a
        )


def test_database_refuses_unknown_peran(kecamatan_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Penugasan.objects.create(user=UserFactory(), peran="lurah_super", kecamatan=kecamatan_a)


def test_same_penugasan_twice_is_refused(kecamatan_a):
    user = UserFactory()
    Penugasan.objects.create(user=user, peran=Peran.CAMAT, kecamatan=kecamatan_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Penugasan.objects.create(user=user, peran=Peran.CAMAT, kecamatan=kecamatan_a)


def test_penugasan_knows_its_daerah_and_kode(operator_a, kelurahan_a, daerah):
    p = operator_a.penugasan.get()
    assert p.kode_wilayah == "63.71.04.1005"
    assert p.daerah_induk == daerah
    assert str(p) == "Operator kelurahan/desa — Kelurahan Sungai Miai"
