"""The synthetic benchmark data (apps.demo.skala) at a tiny scale: its counts and shapes,
the invariants the app relies on, and every peran's pages opening on it."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from apps.akun.models import User
from apps.demo import skala
from apps.musyawarah.models import (
    Keputusan,
    Musyawarah,
    Pembahasan,
    Peserta,
    StatusMusyawarah,
    Tingkat,
    Verifikasi,
)
from apps.penilaian.models import Penilai, Skor
from apps.usulan.kode import kode_sah
from apps.usulan.models import PenutupanUsulan, RiwayatStatus, Status, Usulan
from apps.wilayah.models import Daerah, Kecamatan, Kelurahan

pytestmark = pytest.mark.django_db
SKALA = 0.002


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The kabupaten profile at a tiny scale, written once for the module (through the
    command) and committed; each test's own changes are rolled back."""
    from django.test import override_settings

    out = StringIO()
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast), django_db_blocker.unblock():
        call_command("buat_data_skala", profil="kabupaten", skala=SKALA, stdout=out)
        with override_settings(MEDIA_ROOT=media):
            yield out.getvalue(), skala.temukan()
        call_command("flush", interactive=False, verbosity=0)


def test_counts_follow_the_profile(data):
    out, _h = data
    ukuran = skala.Ukuran.dari(skala.PROFIL["kabupaten"], SKALA)
    daerah = Daerah.objects.get(kode="99.01")
    assert "Data skala kabupaten" in out
    assert Kecamatan.objects.filter(daerah=daerah).count() == ukuran.kecamatan
    # The first kecamatan grows until its forum ranks ``besar`` usulan; the last has the
    # extra desa whose forum is ready to sign; the others have ``desa`` desa each.
    per_kecamatan = Counter(
        Kelurahan.objects.filter(kecamatan__daerah=daerah).values_list("kecamatan__kode", flat=True)
    )
    assert per_kecamatan["99.01.02"] == ukuran.desa
    assert per_kecamatan[f"99.01.{ukuran.kecamatan:02d}"] == ukuran.desa + 1
    besar = Musyawarah.objects.get(pk=_h.forum_besar)
    assert besar.pembahasan.count() >= ukuran.besar
    assert Musyawarah.objects.get(pk=_h.forum_ttd).pembahasan.count() > 0.8 * ukuran.forum_ttd
    # ~25 participants per forum (fewer at a tiny scale), the same in every forum.
    peserta = Peserta.objects.values("musyawarah").annotate(n=Count("pk"))
    assert {p["n"] for p in peserta} == {ukuran.peserta}
    # An account per peran, and their names as the command printed them.
    for username in _h.akun.values():
        assert User.objects.filter(username=username, penugasan__aktif=True).exists()
        assert username in out


def test_half_the_desa_forums_signed_with_their_effects(data):
    _out, h = data
    desa = Musyawarah.objects.filter(tingkat=Tingkat.DESA)
    status = Counter(desa.values_list("status", flat=True))
    assert status[StatusMusyawarah.PENETAPAN] == 1
    assert status[StatusMusyawarah.SELESAI] >= status[StatusMusyawarah.PERSIAPAN]
    for m in desa.filter(status=StatusMusyawarah.SELESAI):
        # Signed: a snapshot, submission closed, every decision applied to its usulan.
        assert m.berita_acara.snapshot
        assert PenutupanUsulan.objects.filter(siklus=m.siklus, kelurahan=m.kelurahan).exists()
        for p in m.pembahasan.select_related("usulan"):
            if p.keputusan == Keputusan.KOTA:
                assert p.usulan.status not in (Status.DRAF, Status.DIAJUKAN)
            else:
                assert (
                    p.usulan.status
                    == {
                        Keputusan.KELURAHAN: Status.DIDANAI_DESA,
                        Keputusan.SWADAYA: Status.SWADAYA,
                        Keputusan.DITOLAK: Status.DITOLAK_DESA,
                    }[p.keputusan]
                )
    # Forums not signed have moved no usulan.
    terbuka = Usulan.objects.filter(
        kelurahan__musyawarah__status__in=[StatusMusyawarah.PERSIAPAN, StatusMusyawarah.PENETAPAN]
    )
    assert set(terbuka.values_list("status", flat=True)) <= {Status.DRAF, Status.DIAJUKAN}


def test_every_status_has_its_history(data):
    # The history ends at the usulan's status and starts at draf, one row per move.
    for u in Usulan.objects.prefetch_related("riwayat"):
        riwayat = list(u.riwayat.all())
        assert riwayat[0].dari == "" and riwayat[0].ke == Status.DRAF
        assert riwayat[-1].ke == u.status
        for a, b in zip(riwayat, riwayat[1:], strict=False):
            assert b.dari == a.ke
    assert kode_sah(Usulan.objects.first().kode)
    # Decided funding matches the status (no "swadaya · APBD · Dinas PUPR").
    assert not Usulan.objects.filter(status=Status.SWADAYA).exclude(sumber_pembiayaan="swadaya")
    assert not Usulan.objects.filter(
        status=Status.PRIORITAS_DESA, perangkat_daerah__isnull=True
    ).exists()
    assert RiwayatStatus.objects.count() >= 2 * Usulan.objects.count()


def test_kecamatan_forums_hold_what_signed_desa_sent_scored_in_full(data):
    for m in Musyawarah.objects.filter(tingkat=Tingkat.KECAMATAN):
        dikirim = Pembahasan.objects.filter(
            musyawarah__tingkat=Tingkat.DESA,
            musyawarah__status=StatusMusyawarah.SELESAI,
            musyawarah__kelurahan__kecamatan=m.kecamatan,
            keputusan=Keputusan.KOTA,
        )
        assert set(m.pembahasan.values_list("usulan", flat=True)) == set(
            dikirim.values_list("usulan", flat=True)
        )
        assert m.kriteria.kriteria.count() == 5
        for kelompok in m.kelompok_diskusi.all():
            assert Penilai.objects.filter(sesi=kelompok.penilaian).count() == 3
        layak = m.pembahasan.filter(verifikasi=Verifikasi.LAYAK)
        # 5 criteria × 3 scorers for every feasible usulan, each in its group's session.
        assert Skor.objects.filter(kriteria__set=m.kriteria).count() == layak.count() * 15
        for kelompok in m.kelompok_diskusi.all():
            assert set(
                Skor.objects.filter(penilai__sesi=kelompok.penilaian).values_list(
                    "usulan", flat=True
                )
            ) == set(layak.filter(kelompok=kelompok).values_list("usulan", flat=True))
    selesai = Musyawarah.objects.filter(
        tingkat=Tingkat.KECAMATAN, status=StatusMusyawarah.SELESAI
    ).first()
    assert selesai.berita_acara.snapshot
    diteruskan = selesai.pembahasan.filter(keputusan=Keputusan.KOTA)
    assert diteruskan.exists()
    assert not diteruskan.exclude(usulan__status=Status.DITERUSKAN_KOTA).exists()
    assert not diteruskan.filter(nilai_penilaian__isnull=True).exists()


def test_refuses_to_write_twice(data):
    with pytest.raises(CommandError, match="sudah"):
        call_command("buat_data_skala", profil="kabupaten", skala=SKALA, stdout=StringIO())


def test_every_perans_pages_open(data, client):
    _out, h = data
    halaman = skala.halaman(h)
    assert {x.peran for x in halaman} == {"operator", "camat", "skpd", "bappeda", ""}
    for x in halaman:
        client.logout()
        if x.peran:
            client.force_login(User.objects.get(username=h.akun[x.peran]))
        r = client.get(x.url)
        assert r.status_code == 200, (x, r.status_code)
