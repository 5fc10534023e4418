"""Who reaches the scoring pages, beyond the status codes of the permission matrix
(tests/test_permissions.py): a criterion asked for where there is none, the scorers'
links, a wrong token, another forum's scorer, a closed group's scorer."""

from django.urls import reverse

from apps.penilaian import services as penilaian_services
from apps.penilaian.models import Kriteria


def _rekomendasi(bappeda, daerah) -> Kriteria:
    penilaian_services.rekomendasi_isi_contoh(user=bappeda, daerah=daerah)
    return penilaian_services.rekomendasi_daerah(daerah).kriteria.first()


def test_criterion_asked_of_a_forum_without_criteria_is_not_found(
    client, forum_kec, camat_a, bappeda, daerah
):
    # It exists, in Bappeda's recommendation: no criterion of this forum.
    kriteria = _rekomendasi(bappeda, daerah)
    assert forum_kec.kriteria_id is None
    client.force_login(camat_a)
    url = reverse("musyawarah:kriteria_ubah", args=[forum_kec.pk, kriteria.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"nama": "X", "bobot": "1", "skala": "5"}).status_code == 404
    assert Kriteria.objects.get(pk=kriteria.pk).nama == kriteria.nama


def test_bappeda_of_a_daerah_without_recommendation_finds_no_other_criterion(
    client, bappeda, bappeda_lain, daerah
):
    kriteria = _rekomendasi(bappeda, daerah)
    client.force_login(bappeda_lain)
    ubah = reverse("penilaian:rekomendasi_ubah", args=[kriteria.pk])
    assert client.get(ubah).status_code == 404
    assert client.post(ubah, {"nama": "X", "bobot": "1", "skala": "5"}).status_code == 404
    hapus = reverse("penilaian:rekomendasi_hapus", args=[kriteria.pk])
    assert client.post(hapus).status_code == 404
    assert Kriteria.objects.get(pk=kriteria.pk).nama == kriteria.nama
