from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.exceptions import DomainError
from apps.siklus.models import Siklus
from apps.usulan import services
from apps.usulan.kode import kode_sah
from apps.usulan.models import RiwayatStatus, Status, Usulan
from tests.factories import LingkunganFactory, SiklusFactory, buat_usulan, data_usulan


def _riwayat(usulan):
    return list(usulan.riwayat.values_list("dari", "ke", "oleh__username"))


def test_usulan_buat_records_a_draft_with_a_receipt_code_and_history(
    operator_a, kelurahan_a, siklus
):
    usulan = buat_usulan(operator_a, kelurahan_a)
    assert usulan.status == Status.DRAF
    assert usulan.siklus == siklus
    assert kode_sah(usulan.kode) and usulan.kode.startswith(f"{siklus.daerah.awalan_kode}-28-")
    assert usulan.diusulkan_sejak == 2027
    assert _riwayat(usulan) == [("", "draf", "operator-sungai-miai")]


def test_receipt_codes_are_unique(operator_a, kelurahan_a, siklus):
    kode = {buat_usulan(operator_a, kelurahan_a, judul=f"Usulan {i}").kode for i in range(30)}
    assert len(kode) == 30


def test_usulan_buat_refuses_another_kelurahans_operator(operator_b, kelurahan_a, siklus):
    with pytest.raises(PermissionDenied):
        buat_usulan(operator_b, kelurahan_a)
    assert not Usulan.objects.exists()


def test_usulan_buat_refuses_camat(camat_a, kelurahan_a, siklus):
    with pytest.raises(PermissionDenied):
        buat_usulan(camat_a, kelurahan_a)


def test_usulan_buat_without_active_siklus(operator_a, kelurahan_a, daerah):
    with pytest.raises(DomainError, match="Belum ada siklus perencanaan yang aktif"):
        buat_usulan(operator_a, kelurahan_a)


def test_apbd_needs_a_perangkat_daerah(operator_a, kelurahan_a, siklus, pupr):
    with pytest.raises(ValidationError) as e:
        buat_usulan(operator_a, kelurahan_a, sumber_pembiayaan="apbd")
    assert "perangkat_daerah" in e.value.message_dict
    usulan = buat_usulan(operator_a, kelurahan_a, sumber_pembiayaan="apbd", perangkat_daerah=pupr)
    assert usulan.perangkat_daerah == pupr


def test_rw_must_belong_to_the_kelurahan(operator_a, kelurahan_a, kelurahan_b, siklus):
    rw_lain = LingkunganFactory(kelurahan=kelurahan_b, nomor=7)
    with pytest.raises(ValidationError) as e:
        buat_usulan(operator_a, kelurahan_a, lingkungan=rw_lain)
    assert "lingkungan" in e.value.message_dict


def test_unknown_field_is_a_programming_error(operator_a, kelurahan_a, siklus):
    with pytest.raises(TypeError):
        services.usulan_buat(
            user=operator_a,
            kelurahan=kelurahan_a,
            data={**data_usulan(kelurahan_a), "status": "diterima"},
        )


def test_ajukan_then_tarik_with_reason(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a, ajukan=True)
    assert usulan.status == Status.DIAJUKAN
    with pytest.raises(DomainError, match="alasan"):
        services.usulan_tarik(user=operator_a, usulan=usulan, alasan="  ")
    usulan = services.usulan_tarik(user=operator_a, usulan=usulan, alasan="Lokasi salah")
    assert usulan.status == Status.DRAF
    assert _riwayat(usulan)[1:] == [
        ("draf", "diajukan", "operator-sungai-miai"),
        ("diajukan", "draf", "operator-sungai-miai"),
    ]
    assert usulan.riwayat.last().alasan == "Lokasi salah"


def test_ajukan_twice_is_refused(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a, ajukan=True)
    with pytest.raises(DomainError, match="Hanya usulan berstatus draf"):
        services.usulan_ajukan(user=operator_a, usulan=usulan)
    assert usulan.riwayat.count() == 2


def test_tarik_refused_once_the_desa_forum_decided(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a, ajukan=True)
    Usulan.objects.filter(pk=usulan.pk).update(status=Status.PRIORITAS_DESA)
    with pytest.raises(DomainError):
        services.usulan_tarik(user=operator_a, usulan=usulan, alasan="terlambat")
    with pytest.raises(DomainError, match="tidak dapat diubah"):
        services.usulan_ubah(user=operator_a, usulan=usulan, data={"judul": "x"}, versi=2)


def test_ubah_changes_fields_and_bumps_the_version(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    usulan = services.usulan_ubah(
        user=operator_a, usulan=usulan, data={"volume": Decimal("200")}, versi=usulan.versi
    )
    usulan.refresh_from_db()
    assert usulan.volume == Decimal("200")
    assert usulan.versi == 2


def test_ubah_refuses_a_stale_version(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    versi_lama = usulan.versi
    services.usulan_ubah(
        user=operator_a, usulan=usulan, data={"judul": "Versi A"}, versi=versi_lama
    )
    with pytest.raises(DomainError, match="sudah diubah orang lain"):
        services.usulan_ubah(
            user=operator_a, usulan=usulan, data={"judul": "Versi B"}, versi=versi_lama
        )
    usulan.refresh_from_db()
    assert usulan.judul == "Versi A"


def test_ubah_refused_for_another_kelurahan(operator_a, operator_b, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    with pytest.raises(PermissionDenied):
        services.usulan_ubah(user=operator_b, usulan=usulan, data={"judul": "x"}, versi=1)


def test_hapus_only_a_never_submitted_draft(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a, ajukan=True)
    usulan = services.usulan_tarik(user=operator_a, usulan=usulan, alasan="perbaiki")
    with pytest.raises(DomainError, match="belum pernah diajukan"):
        services.usulan_hapus(user=operator_a, usulan=usulan)
    draf = buat_usulan(operator_a, kelurahan_a, judul="Salah ketik")
    services.usulan_hapus(user=operator_a, usulan=draf)
    assert not Usulan.objects.filter(pk=draf.pk).exists()
    assert not RiwayatStatus.objects.filter(usulan_id=draf.pk).exists()


def test_changes_refused_in_an_inactive_siklus(operator_a, kelurahan_a, siklus, bappeda):
    usulan = buat_usulan(operator_a, kelurahan_a)
    Siklus.objects.filter(pk=siklus.pk).update(aktif=False)
    with pytest.raises(DomainError, match="sudah tidak aktif"):
        services.usulan_ajukan(user=operator_a, usulan=usulan)


@pytest.fixture
def siklus_lalu(daerah):
    return SiklusFactory(daerah=daerah, tahun_rencana=2027, aktif=False)


def _usulan_lalu(operator, kelurahan, siklus_lalu, siklus, status):
    """An usulan of last year's siklus (made while it was active), ending in ``status``."""
    Siklus.objects.filter(pk=siklus.pk).update(aktif=False)
    Siklus.objects.filter(pk=siklus_lalu.pk).update(aktif=True)
    usulan = buat_usulan(operator, kelurahan, judul="Rehab jembatan titian ulin")
    Siklus.objects.filter(pk=siklus_lalu.pk).update(aktif=False)
    Siklus.objects.filter(pk=siklus.pk).update(aktif=True)
    Usulan.objects.filter(pk=usulan.pk).update(status=status)
    usulan.refresh_from_db()
    return usulan


def test_lanjutkan_copies_an_unfunded_usulan_with_a_link(
    operator_a, kelurahan_a, siklus, siklus_lalu
):
    lama = _usulan_lalu(operator_a, kelurahan_a, siklus_lalu, siklus, Status.DITOLAK)
    baru = services.usulan_lanjutkan(user=operator_a, usulan=lama)
    assert baru.siklus == siklus
    assert baru.usulan_asal == lama
    assert baru.status == Status.DRAF
    assert baru.kode != lama.kode and baru.kode.split("-")[1] == "28"
    assert baru.diusulkan_sejak == 2026
    assert baru.tahun_diusulkan == 2
    assert "Dilanjutkan dari RKPD 2027" in baru.riwayat.get().alasan
    assert baru.judul == lama.judul and baru.perkiraan_biaya == lama.perkiraan_biaya


def test_lanjutkan_twice_is_refused(operator_a, kelurahan_a, siklus, siklus_lalu):
    lama = _usulan_lalu(operator_a, kelurahan_a, siklus_lalu, siklus, Status.TIDAK_LAYAK)
    baru = services.usulan_lanjutkan(user=operator_a, usulan=lama)
    with pytest.raises(DomainError, match=baru.kode):
        services.usulan_lanjutkan(user=operator_a, usulan=lama)
    assert Usulan.objects.filter(usulan_asal=lama).count() == 1


@pytest.mark.parametrize("status", [Status.DITERIMA, Status.SWADAYA])
def test_lanjutkan_refuses_a_funded_usulan(status, operator_a, kelurahan_a, siklus, siklus_lalu):
    lama = _usulan_lalu(operator_a, kelurahan_a, siklus_lalu, siklus, status)
    with pytest.raises(DomainError, match="sudah didanai"):
        services.usulan_lanjutkan(user=operator_a, usulan=lama)


def test_lanjutkan_refuses_an_usulan_of_the_active_siklus(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    with pytest.raises(DomainError, match="siklus sebelumnya"):
        services.usulan_lanjutkan(user=operator_a, usulan=usulan)


def test_lanjutkan_refused_for_another_kelurahan(
    operator_a, operator_b, kelurahan_a, siklus, siklus_lalu
):
    lama = _usulan_lalu(operator_a, kelurahan_a, siklus_lalu, siklus, Status.DITOLAK)
    with pytest.raises(PermissionDenied):
        services.usulan_lanjutkan(user=operator_b, usulan=lama)
