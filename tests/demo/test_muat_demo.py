from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from apps.akun.models import Penugasan, User
from apps.siklus.models import PrioritasDaerah, Siklus
from apps.usulan.models import Masalah, RiwayatStatus, RpjmDesa, Status, Usulan
from apps.wilayah.models import RT, Kecamatan, Kelurahan, Lingkungan, PerangkatDaerah

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Kecamatan,
            Kelurahan,
            Lingkungan,
            RT,
            PerangkatDaerah,
            User,
            Penugasan,
            Siklus,
            PrioritasDaerah,
            Usulan,
            RiwayatStatus,
            Masalah,
            RpjmDesa,
        )
    }


def test_muat_demo_loads_banjarmasin_and_is_idempotent():
    out = StringIO()
    call_command("muat_demo", stdout=out)
    first = _counts()
    call_command("muat_demo", stdout=StringIO())
    assert _counts() == first

    assert first["Kecamatan"] == 5
    assert first["Kelurahan"] == 52
    assert first["PerangkatDaerah"] == 22
    # admin, bappeda, camat + fasilitator per kecamatan, operator per kelurahan, one per SKPD
    assert first["User"] == 1 + 1 + 5 * 2 + 52 + 22
    for kelurahan in Kelurahan.objects.all():
        assert 3 <= kelurahan.lingkungan.count() <= 6
    siklus = Siklus.objects.get(aktif=True)
    assert str(siklus) == "RKPD 2028"
    assert {t.mulai.year for t in siklus.tahapan.all()} == {2027}
    assert 4 <= siklus.prioritas_daerah.count() <= 5
    assert Siklus.objects.get(aktif=False).tahun_rencana == 2027

    text = out.getvalue()
    for username in [
        "operator-sungai-miai",
        "camat-banjarmasin-utara",
        "skpd-dinas-pupr",
        "bappeda",
    ]:
        assert username in text
        assert User.objects.get(username=username).check_password("musrenbang-demo")


def test_demo_usulan_are_realistic_and_traceable():
    call_command("muat_demo", stdout=StringIO())
    aktif = Siklus.objects.get(aktif=True)
    per_kelurahan = Usulan.objects.filter(siklus=aktif).values("kelurahan").annotate(n=Count("pk"))
    assert len(per_kelurahan) == 52
    assert all(10 <= row["n"] <= 25 for row in per_kelurahan)
    assert set(Usulan.objects.filter(siklus=aktif).values_list("status", flat=True)) == {
        Status.DRAF,
        Status.DIAJUKAN,
    }
    lalu = set(Usulan.objects.exclude(siklus=aktif).values_list("status", flat=True))
    assert {Status.DITERIMA, Status.DITOLAK, Status.TIDAK_LAYAK, Status.SWADAYA} <= lalu
    assert Usulan.objects.filter(usulan_asal__isnull=False, diusulkan_sejak=2026).exists()
    # Every usulan's history ends in its current status.
    for u in Usulan.objects.prefetch_related("riwayat")[:200]:
        assert list(u.riwayat.all())[-1].ke == u.status
    assert (
        Usulan.objects.filter(kode__startswith="BJM-28-").count()
        == Usulan.objects.filter(siklus=aktif).count()
    )


def test_muat_demo_keeps_a_changed_password():
    call_command("muat_demo", stdout=StringIO())
    user = User.objects.get(username="operator-sungai-miai")
    user.set_password("sandi-baru-yang-kuat")
    user.save()
    call_command("muat_demo", stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password("sandi-baru-yang-kuat")


def test_demo_users_see_only_their_wilayah():
    call_command("muat_demo", stdout=StringIO())
    operator = User.objects.get(username="operator-sungai-miai")
    assert list(Kelurahan.objects.for_user(operator).values_list("nama", flat=True)) == [
        "Sungai Miai"
    ]
    camat = User.objects.get(username="camat-banjarmasin-utara")
    assert Kelurahan.objects.for_user(camat).count() == 10
    assert Kelurahan.objects.for_user(User.objects.get(username="bappeda")).count() == 52
