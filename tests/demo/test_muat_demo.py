from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from apps.akun.models import Penugasan, User
from apps.siklus.models import PrioritasDaerah, Siklus
from apps.usulan.models import Masalah, RiwayatStatus, RpjmDesa, Status, Usulan
from apps.wilayah.models import RT, Kecamatan, Kelurahan, Lingkungan, PerangkatDaerah

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for this module and committed; each test's own changes are
    rolled back. Its printed output is kept for the tests to read."""
    from django.test import override_settings

    out = StringIO()
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast), django_db_blocker.unblock():
        call_command("muat_demo", stdout=out)
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


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


def test_muat_demo_loads_banjarmasin_and_is_idempotent(demo):
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

    for username in [
        "operator-sungai-miai",
        "camat-banjarmasin-utara",
        "skpd-dinas-pupr",
        "bappeda",
    ]:
        assert username in demo
        assert User.objects.get(username=username).check_password("musrenbang-demo")


def test_demo_usulan_are_realistic_and_traceable():
    aktif = Siklus.objects.get(aktif=True)
    per_kelurahan = Usulan.objects.filter(siklus=aktif).values("kelurahan").annotate(n=Count("pk"))
    assert len(per_kelurahan) == 52
    assert all(10 <= row["n"] <= 25 for row in per_kelurahan)
    status_aktif = set(Usulan.objects.filter(siklus=aktif).values_list("status", flat=True))
    assert {Status.DRAF, Status.DIAJUKAN, Status.PRIORITAS_DESA, Status.SWADAYA} <= status_aktif
    assert status_aktif <= {
        Status.DRAF,
        Status.DIAJUKAN,
        Status.PRIORITAS_DESA,
        Status.SWADAYA,
        Status.DITOLAK_DESA,
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


def test_demo_forums_some_signed_some_preparing():
    from apps.dokumen.models import DokumenFinal
    from apps.musyawarah.models import Musyawarah

    status = dict(Musyawarah.objects.values_list("kelurahan__nama", "status"))
    assert [k for k, s in status.items() if s == "selesai"] and len(
        [k for k, s in status.items() if s == "persiapan"]
    ) >= 3
    assert "Sungai Miai" not in status  # left for a walk-through
    for m in Musyawarah.objects.filter(status="selesai"):
        assert m.berita_acara.pdf.name.endswith(".pdf")
        assert m.berita_acara.snapshot["jumlah_peserta"] > 0
        assert not Usulan.objects.filter(
            kelurahan=m.kelurahan, siklus=m.siklus, status=Status.DIAJUKAN
        ).exists()
    assert DokumenFinal.objects.count() == len([s for s in status.values() if s == "selesai"])


def test_muat_demo_keeps_a_changed_password():
    user = User.objects.get(username="operator-sungai-miai")
    user.set_password("sandi-baru-yang-kuat")
    user.save()
    call_command("muat_demo", stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password("sandi-baru-yang-kuat")


def test_demo_users_see_only_their_wilayah():
    operator = User.objects.get(username="operator-sungai-miai")
    assert list(Kelurahan.objects.for_user(operator).values_list("nama", flat=True)) == [
        "Sungai Miai"
    ]
    camat = User.objects.get(username="camat-banjarmasin-utara")
    assert Kelurahan.objects.for_user(camat).count() == 10
    assert Kelurahan.objects.for_user(User.objects.get(username="bappeda")).count() == 52
