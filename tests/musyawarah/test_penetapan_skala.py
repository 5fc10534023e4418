"""Signing a large forum: its queries do not grow with the usulan it decides, and every
usulan still gets its funding, its history row and its audit row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.models import Jejak
from apps.musyawarah import pembahasan, penetapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.models import Keputusan
from apps.usulan.models import RiwayatStatus, Status, Usulan
from tests.factories import banyak_usulan
from tests.musyawarah.conftest import URL, muat, mulai_dan_hadir

# Every decision, in turn: to the kota, funded by the kelurahan, swadaya, not agreed.
KEPUTUSAN = (Keputusan.KOTA, Keputusan.KELURAHAN, Keputusan.SWADAYA, Keputusan.DITOLAK)
STATUS = {
    Keputusan.KOTA: Status.PRIORITAS_DESA,
    Keputusan.KELURAHAN: Status.DIDANAI_DESA,
    Keputusan.SWADAYA: Status.SWADAYA,
    Keputusan.DITOLAK: Status.DITOLAK_DESA,
}


def _tanda_tangani(op, forum, kelurahan, siklus, pupr, n: int):
    """Sign ``forum`` deciding ``n`` extra usulan (written in bulk, all submitted, funded
    by APBD through Dinas PUPR); the queries signing ran, and those usulan."""
    extra = banyak_usulan(
        siklus,
        kelurahan,
        n,
        status=Status.DIAJUKAN,
        sumber_pembiayaan="apbd",
        perangkat_daerah=pupr,
    )
    f = mulai_dan_hadir(op, forum)
    semua = [*f.usulan, *extra]
    baris = [
        {
            "usulan_id": u.pk,
            "urutan": i,
            "keputusan": KEPUTUSAN[i % 4],
            "alasan": "Belum mendesak" if KEPUTUSAN[i % 4] == Keputusan.DITOLAK else "",
        }
        for i, u in enumerate(semua, start=1)
    ]
    pembahasan.pembahasan_simpan(user=op, musyawarah=f.m, baris=baris, versi=f.m.versi)
    pembahasan.masalah_prioritas_simpan(user=op, musyawarah=f.m, masalah_ids=[f.masalah.pk])
    f.m = muat(f.m)
    peserta_services.delegasi_simpan(
        user=op, musyawarah=f.m, peserta_ids=[f.peserta[0].pk], versi=f.m.versi
    )
    pembahasan.catatan_simpan(user=op, musyawarah=f.m, data={"nomor_berita_acara": "9/BA"})
    pembahasan.musyawarah_tetapkan(user=op, musyawarah=muat(f.m))
    p = f.peserta
    penetapan.penandatangan_simpan(
        user=op,
        musyawarah=muat(f.m),
        pimpinan=p[1],
        jabatan_pimpinan="Lurah Sungai Miai",
        notulen=p[4],
        wakil={"pemerintah": p[1], "swasta": p[4], "masyarakat": p[0]},
    )
    with CaptureQueriesContext(connection) as queries:
        penetapan.berita_acara_tandatangani(
            user=op, musyawarah=muat(f.m), url_verifikasi=URL.format
        )
    return len(queries), semua, baris


@pytest.mark.parametrize("n", [1, 40])
def test_signing_queries_do_not_grow_with_the_usulan(
    n, operator_a, forum_siap, kelurahan_a, siklus, pupr
):
    jumlah, _semua, _baris = _tanda_tangani(operator_a, forum_siap, kelurahan_a, siklus, pupr, n)
    # 4 usulan or 43: the same bound (74 queries when written; it was 15 per usulan).
    assert jumlah <= 80


def test_every_usulan_moves_with_its_funding_history_and_audit(
    operator_a, forum_siap, kelurahan_a, siklus, pupr
):
    versi_awal = dict(Usulan.objects.values_list("pk", "versi"))
    _jumlah, semua, baris = _tanda_tangani(operator_a, forum_siap, kelurahan_a, siklus, pupr, 9)
    keputusan = {b["usulan_id"]: b["keputusan"] for b in baris}
    for u in Usulan.objects.filter(pk__in=[u.pk for u in semua]):
        k = keputusan[u.pk]
        assert u.status == STATUS[k]
        assert u.versi == versi_awal.get(u.pk, 1) + 1
        if k == Keputusan.KOTA:
            assert u.perangkat_daerah_id == pupr.pk and u.sumber_pembiayaan == "apbd"
        elif k == Keputusan.KELURAHAN:
            assert u.perangkat_daerah_id is None and u.sumber_pembiayaan == "dana_kelurahan"
        elif k == Keputusan.SWADAYA:
            assert u.perangkat_daerah_id is None and u.sumber_pembiayaan == "swadaya"
        terakhir = RiwayatStatus.objects.filter(usulan=u).last()
        assert (terakhir.dari, terakhir.ke, terakhir.oleh) == (
            Status.DIAJUKAN,
            u.status,
            operator_a,
        )
        if k == Keputusan.DITOLAK:
            assert terakhir.alasan == "Belum mendesak"
        else:
            assert "berita acara nomor 9/BA" in terakhir.alasan
        audit = Jejak.objects.filter(objek_jenis="usulan.usulan", objek_id=str(u.pk)).latest("pk")
        assert audit.aksi == "status" and audit.oleh == operator_a
        assert audit.perubahan["status"] == ["Diajukan", str(Status(u.status).label)]
