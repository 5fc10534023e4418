import datetime

import pytest
from django.core.exceptions import PermissionDenied

from apps.core.exceptions import DomainError
from apps.core.models import Jejak
from apps.musyawarah import persiapan
from apps.musyawarah.models import Musyawarah, StatusMusyawarah
from apps.musyawarah.tingkat import kekurangan
from apps.siklus.selectors import hari_ini
from tests.musyawarah.conftest import muat, siapkan, undang


@pytest.fixture
def forum(operator_a, kelurahan_a, siklus):
    return persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)


def test_buat_opens_one_forum_per_kelurahan_with_default_agenda(forum, operator_a, kelurahan_a):
    assert forum.status == StatusMusyawarah.PERSIAPAN
    assert forum.kode_wilayah == kelurahan_a.kode
    assert forum.agenda.count() == 6 and forum.logistik.count() == 3
    jejak = Jejak.objects.untuk_objek(forum).get()
    assert jejak.aksi == "status" and jejak.perubahan == {"status": ["", "Persiapan"]}
    assert jejak.oleh == operator_a and jejak.kode_wilayah == forum.kelurahan.kode
    with pytest.raises(DomainError, match="sudah dibuat"):
        persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)


def test_another_kelurahans_operator_and_the_camat_are_refused(forum, operator_b, camat_a):
    for user in (operator_b, camat_a):
        with pytest.raises(PermissionDenied):
            persiapan.tpm_tambah(
                user=user, musyawarah=forum, data={"jabatan_tpm": "ketua", "nama": "X"}
            )


def test_tim_pemandu_is_exactly_three(forum, operator_a):
    siapkan(operator_a, forum, pemandu=2)
    undang(operator_a, forum)
    with pytest.raises(DomainError) as e:
        persiapan.musyawarah_mulai(user=operator_a, musyawarah=forum)
    assert "Tim pemandu harus tepat 3 orang (sekarang 2)." in e.value.rincian
    persiapan.pemandu_tambah(user=operator_a, musyawarah=forum, data={"nama": "Ketiga"})
    with pytest.raises(DomainError, match="sudah 3 orang"):
        persiapan.pemandu_tambah(user=operator_a, musyawarah=forum, data={"nama": "Keempat"})
    persiapan.musyawarah_mulai(user=operator_a, musyawarah=forum)
    assert muat(forum).status == StatusMusyawarah.PELAKSANAAN


def test_tpm_needs_every_role_and_one_ketua(forum, operator_a):
    persiapan.tpm_tambah(
        user=operator_a, musyawarah=forum, data={"jabatan_tpm": "ketua", "nama": "A"}
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        persiapan.tpm_tambah(
            user=operator_a, musyawarah=forum, data={"jabatan_tpm": "ketua", "nama": "B"}
        )
    kurang = kekurangan(muat(forum))
    assert "TPM belum memiliki seksi materi." in kurang
    assert "Nomor dan tanggal SK TPM belum diisi." in kurang


def _jadwal(op, m, tanggal, undangan, alasan=""):
    m = muat(m)
    return persiapan.musyawarah_jadwalkan(
        user=op,
        musyawarah=m,
        versi=m.versi,
        data={
            "tanggal": tanggal,
            "jam_mulai": datetime.time(9),
            "tempat": "Aula",
            "tanggal_undangan": undangan,
            "alasan_kurang_7_hari": alasan,
        },
    )


def test_seven_day_rule_refuses_a_short_notice_without_reason(forum, operator_a):
    hari = hari_ini()
    with pytest.raises(DomainError, match=r"paling cepat 7 hari .* \(sekarang 5 hari"):
        _jadwal(operator_a, forum, hari, hari - datetime.timedelta(days=5))
    assert muat(forum).tanggal is None
    m = _jadwal(
        operator_a, forum, hari, hari - datetime.timedelta(days=5), "Menyesuaikan jadwal camat"
    )
    assert m.alasan_kurang_7_hari == "Menyesuaikan jadwal camat"
    # Seven days is enough, and the recorded exception is then dropped.
    m = _jadwal(operator_a, forum, hari, hari - datetime.timedelta(days=7), "tidak perlu")
    assert m.alasan_kurang_7_hari == ""


def test_invitation_after_the_forum_is_refused(forum, operator_a):
    hari = hari_ini()
    with pytest.raises(DomainError, match="tidak boleh sesudah"):
        _jadwal(operator_a, forum, hari, hari + datetime.timedelta(days=1))


def test_stale_schedule_form_is_refused(forum, operator_a):
    versi = forum.versi
    _jadwal(operator_a, forum, hari_ini(), hari_ini() - datetime.timedelta(days=9))
    with pytest.raises(DomainError, match="diubah orang lain"):
        persiapan.musyawarah_jadwalkan(
            user=operator_a, musyawarah=forum, versi=versi, data={"tempat": "Balai RW"}
        )


def test_forum_cannot_start_before_its_date(forum, operator_a):
    besok = hari_ini() + datetime.timedelta(days=1)
    siapkan(operator_a, forum, tanggal=besok)
    undang(operator_a, forum)
    with pytest.raises(DomainError, match="dapat dimulai pada hari itu"):
        persiapan.musyawarah_mulai(user=operator_a, musyawarah=forum)


def test_forum_needs_invitees_to_start(forum, operator_a):
    siapkan(operator_a, forum)
    with pytest.raises(DomainError) as e:
        persiapan.musyawarah_mulai(user=operator_a, musyawarah=forum)
    assert "Belum ada peserta yang diundang." in e.value.rincian


def test_tpm_frozen_once_the_forum_started(forum_berjalan, operator_a):
    with pytest.raises(DomainError, match="tahap persiapan"):
        persiapan.tpm_tambah(
            user=operator_a,
            musyawarah=forum_berjalan.m,
            data={"jabatan_tpm": "seksi_acara", "nama": "X"},
        )


def test_date_outside_the_tahapan_is_a_warning(forum_siap):
    from apps.musyawarah.selectors import peringatan

    assert any("di luar jadwal tahapan" in p for p in peringatan(forum_siap.m))
    assert Musyawarah.objects.count() == 1
