"""Usulan.full_clean skips the database for its CheckConstraints (see
``Usulan.get_constraints``): that is only safe while each of them has a Python mirror in
``clean_fields`` or ``clean`` that refuses the same row with a message for the user."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from apps.usulan.models import Usulan
from tests.factories import buat_usulan

# One way to break each CheckConstraint of Usulan, by the constraint's name.
PELANGGARAN = {
    "usulan_status_valid": {"status": "entah"},
    "usulan_bidang_valid": {"bidang": "entah"},
    "usulan_sektor_valid": {"sektor": "entah"},
    "usulan_satuan_valid": {"satuan": "entah"},
    "usulan_sumber_valid": {"sumber_pembiayaan": "entah"},
    "usulan_apbd_butuh_perangkat_daerah": {"sumber_pembiayaan": "apbd", "perangkat_daerah": None},
    "usulan_angka_tidak_negatif": {"perkiraan_biaya": Decimal(-1)},
}


def test_every_check_constraint_is_listed_here():
    nama = {c.name for c in Usulan._meta.constraints if isinstance(c, models.CheckConstraint)}
    assert nama == set(PELANGGARAN)


@pytest.mark.parametrize("nama", sorted(PELANGGARAN))
def test_full_clean_refuses_what_each_check_constraint_refuses(
    nama, operator_a, kelurahan_a, siklus
):
    usulan = buat_usulan(operator_a, kelurahan_a)
    for field, value in PELANGGARAN[nama].items():
        setattr(usulan, field, value)
    with pytest.raises(ValidationError):
        usulan.full_clean()
    # ...and the database still refuses it when something skips full_clean.
    with pytest.raises(IntegrityError, match=nama), transaction.atomic():
        usulan.save()


def test_full_clean_asks_no_check_constraint_query(
    operator_a, kelurahan_a, siklus, django_assert_max_num_queries
):
    usulan = buat_usulan(operator_a, kelurahan_a)
    usulan = Usulan.objects.select_related("siklus", "kelurahan", "lingkungan", "dibuat_oleh").get(
        pk=usulan.pk
    )
    # Link existence (siklus, kelurahan, lingkungan, dibuat_oleh), the unique kode and the
    # two conditional unique constraints; none of the seven CheckConstraints (it was 15).
    with django_assert_max_num_queries(8):
        usulan.full_clean()
