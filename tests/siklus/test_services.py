import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from apps.core.exceptions import DomainError
from apps.siklus.models import Siklus, Tahapan
from apps.siklus.services import siklus_aktifkan, siklus_buat


def test_siklus_buat_adds_five_tahapan_in_the_forum_year(bappeda, daerah):
    siklus = siklus_buat(user=bappeda, daerah=daerah, tahun_rencana=2029)
    tahapan = {t.jenis: (t.mulai, t.selesai) for t in siklus.tahapan.all()}
    assert set(tahapan) == set(Tahapan.Jenis.values)
    assert tahapan[Tahapan.Jenis.MUSRENBANG_KECAMATAN] == (
        datetime.date(2028, 2, 1),
        datetime.date(2028, 2, 14),
    )
    assert not siklus.aktif
    assert str(siklus) == "RKPD 2029"


def test_siklus_buat_refuses_a_second_siklus_for_the_same_year(bappeda, siklus, daerah):
    with pytest.raises(DomainError, match="RKPD 2028 untuk Kota Banjarmasin sudah ada"):
        siklus_buat(user=bappeda, daerah=daerah, tahun_rencana=2028)


def test_siklus_buat_refuses_bappeda_of_another_daerah(bappeda_lain, daerah):
    with pytest.raises(PermissionDenied):
        siklus_buat(user=bappeda_lain, daerah=daerah, tahun_rencana=2029)
    assert not Siklus.objects.filter(tahun_rencana=2029).exists()


def test_siklus_buat_refuses_camat(camat_a, daerah):
    with pytest.raises(PermissionDenied):
        siklus_buat(user=camat_a, daerah=daerah, tahun_rencana=2029)


def test_siklus_aktifkan_deactivates_the_previous_one(bappeda, siklus, daerah):
    baru = siklus_buat(user=bappeda, daerah=daerah, tahun_rencana=2029)
    siklus_aktifkan(user=bappeda, siklus=baru)
    siklus.refresh_from_db()
    assert not siklus.aktif
    assert Siklus.objects.get(daerah=daerah, aktif=True) == baru


def test_siklus_aktifkan_leaves_other_daerah_alone(bappeda_lain, siklus, daerah_lain):
    lain = siklus_buat(user=bappeda_lain, daerah=daerah_lain, tahun_rencana=2028)
    siklus_aktifkan(user=bappeda_lain, siklus=lain)
    siklus.refresh_from_db()
    assert siklus.aktif


def test_database_allows_one_active_siklus_per_daerah(siklus, daerah):
    with pytest.raises(IntegrityError), transaction.atomic():
        Siklus.objects.create(daerah=daerah, tahun_rencana=2029, aktif=True)


def test_database_refuses_tahapan_ending_before_it_starts(siklus):
    with pytest.raises(IntegrityError), transaction.atomic():
        siklus.tahapan.filter(jenis=Tahapan.Jenis.MUSRENBANG_DESA).update(
            selesai=datetime.date(2027, 1, 1)
        )
