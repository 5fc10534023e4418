"""The rules of apps.akun.permissions, object by object."""

from apps.akun.permissions import Aksi, boleh


def test_bappeda_manages_master_data_of_its_daerah_only(dunia):
    assert boleh(dunia.bappeda, Aksi.KELOLA_MASTER, dunia.kelurahan_b)
    assert boleh(dunia.bappeda, Aksi.KELOLA_MASTER, dunia.siklus)
    assert not boleh(dunia.bappeda_lain, Aksi.KELOLA_MASTER, dunia.kelurahan_b)
    assert not boleh(dunia.bappeda_lain, Aksi.KELOLA_MASTER, dunia.siklus)


def test_other_peran_do_not_manage_master_data(dunia):
    for user in (dunia.operator_a, dunia.camat_a, dunia.fasilitator_a, dunia.skpd_pupr):
        assert not boleh(user, Aksi.KELOLA_MASTER, dunia.kelurahan_a)
        assert not boleh(user, Aksi.MASUK_ADMIN)


def test_superuser_may_do_everything(dunia):
    assert boleh(dunia.superuser, Aksi.KELOLA_MASTER, dunia.kelurahan_b)


def test_inactive_user_may_do_nothing(dunia):
    dunia.bappeda.is_active = False
    assert not boleh(dunia.bappeda, Aksi.KELOLA_MASTER, dunia.kelurahan_a)
