"""Submitting usulan: one by one, in bulk from the list, and never after the forum signed."""

import pytest
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.usulan import services
from apps.usulan.models import Status, Usulan
from apps.wilayah.models import RT
from tests.factories import buat_usulan
from tests.helpers import klien


def _tutup(operator, kelurahan, siklus):
    """What signing the kelurahan's berita acara does to submission."""
    services.pengajuan_tutup(
        user=operator, kelurahan=kelurahan, siklus=siklus, keterangan="Berita acara 1/BA"
    )


def test_detail_offers_ajukan_for_a_draft_of_an_open_kelurahan(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    html = klien(operator_a).get(reverse("usulan:detail", args=[usulan.pk])).content.decode()
    assert f'action="{reverse("usulan:ajukan", args=[usulan.pk])}"' in html
    assert "pengajuan-ditutup" not in html


def test_detail_hides_ajukan_once_the_forum_is_signed(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    _tutup(operator_a, kelurahan_a, siklus)
    html = klien(operator_a).get(reverse("usulan:detail", args=[usulan.pk])).content.decode()
    assert f'action="{reverse("usulan:ajukan", args=[usulan.pk])}"' not in html
    assert "Musrenbang kelurahan sudah ditetapkan" in html
    assert "Lanjutkan ke siklus berikutnya" in html
    # What the button would have done is refused with the same reason.
    with pytest.raises(DomainError, match="sudah ditetapkan"):
        services.usulan_ajukan(user=operator_a, usulan=usulan)


def test_new_usulan_form_offers_no_submit_once_the_forum_is_signed(operator_a, kelurahan_a, siklus):
    client = klien(operator_a)
    assert 'name="ajukan"' in client.get(reverse("usulan:tambah")).content.decode()
    _tutup(operator_a, kelurahan_a, siklus)
    html = client.get(reverse("usulan:tambah")).content.decode()
    assert 'name="ajukan"' not in html
    assert "Musrenbang kelurahan sudah ditetapkan" in html


def test_alasan_tidak_dapat_diajukan(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    assert usulan.bisa_diajukan and usulan.alasan_tidak_dapat_diajukan == ""
    diajukan = buat_usulan(operator_a, kelurahan_a, ajukan=True)
    assert not diajukan.bisa_diajukan
    _tutup(operator_a, kelurahan_a, siklus)
    usulan = Usulan.objects.get(pk=usulan.pk)
    assert usulan.draf_tertutup and not usulan.bisa_diajukan
    assert "sudah ditetapkan" in usulan.alasan_tidak_dapat_diajukan
    assert Usulan.objects.get(pk=diajukan.pk).status == Status.DIAJUKAN


def _pesan(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_bulk_submits_each_draft_that_can_be_and_names_the_others(operator_a, kelurahan_a, siklus):
    draf = [buat_usulan(operator_a, kelurahan_a, judul=f"Draf {i}") for i in range(3)]
    sudah = buat_usulan(operator_a, kelurahan_a, judul="Sudah diajukan", ajukan=True)
    # A draft that no longer passes the model's checks: reported, never a 500.
    rusak = buat_usulan(operator_a, kelurahan_a, judul="Rusak")
    rt_rw2 = RT.objects.create(lingkungan=kelurahan_a.lingkungan.get(nomor=2), nomor=1)
    Usulan.objects.filter(pk=rusak.pk).update(rt=rt_rw2)  # RW 01 with an RT of RW 02
    ids = [u.pk for u in [*draf, sudah, rusak]]
    response = klien(operator_a).post(
        reverse("usulan:ajukan_banyak"),
        {"usulan": ids, "kembali": "status=draf&hal=1"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("usulan:daftar") + "?status=draf&hal=1"
    status = dict(Usulan.objects.values_list("pk", "status"))
    assert [status[u.pk] for u in draf] == [Status.DIAJUKAN] * 3
    assert status[rusak.pk] == Status.DRAF
    pesan = _pesan(response)
    assert "3 usulan diajukan ke Musrenbang." in pesan
    assert f"{sudah.kode} tidak diajukan: Hanya usulan berstatus draf yang dapat diajukan." in pesan
    assert f"{rusak.kode} tidak diajukan: RT ini bukan bagian dari RW/dusun yang dipilih." in pesan
    # Each submission is recorded as if "Ajukan" had been pressed on it.
    assert draf[0].riwayat.filter(ke=Status.DIAJUKAN, oleh=operator_a).count() == 1


def test_bulk_never_touches_another_kelurahans_usulan(
    operator_a, operator_b, kelurahan_a, kelurahan_b, siklus
):
    from tests.factories import LingkunganFactory

    LingkunganFactory(kelurahan=kelurahan_b, nomor=1)
    milik_a = [buat_usulan(operator_a, kelurahan_a) for _ in range(2)]
    milik_b = buat_usulan(operator_b, kelurahan_b)
    response = klien(operator_b).post(
        reverse("usulan:ajukan_banyak"),
        {"usulan": [milik_a[0].pk, milik_b.pk, milik_a[1].pk, 999999]},
        follow=True,
    )
    assert response.status_code == 200
    assert set(Usulan.objects.filter(kelurahan=kelurahan_a).values_list("status", flat=True)) == {
        Status.DRAF
    }
    assert Usulan.objects.get(pk=milik_b.pk).status == Status.DIAJUKAN
    pesan = _pesan(response)
    assert "1 usulan diajukan ke Musrenbang." in pesan
    assert "3 usulan yang dipilih tidak ditemukan di wilayah Anda; tidak ada yang diubah." in pesan
    assert not any(u.kode in p for u in milik_a for p in pesan)  # nothing about them leaks


def test_bulk_is_for_kelurahan_operators_only(operator_a, camat_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    response = klien(camat_a).post(reverse("usulan:ajukan_banyak"), {"usulan": [usulan.pk]})
    assert response.status_code == 403
    assert Usulan.objects.get(pk=usulan.pk).status == Status.DRAF
    assert klien(operator_a).get(reverse("usulan:ajukan_banyak")).status_code == 405


def test_bulk_without_a_choice_asks_for_one(operator_a, kelurahan_a, siklus):
    response = klien(operator_a).post(reverse("usulan:ajukan_banyak"), {}, follow=True)
    assert _pesan(response) == ["Pilih dulu draf yang akan diajukan."]


def test_list_offers_a_checkbox_per_draft_and_select_all_without_javascript(
    operator_a, camat_a, kelurahan_a, siklus
):
    draf = [buat_usulan(operator_a, kelurahan_a, judul=f"Draf {i}") for i in range(2)]
    sudah = buat_usulan(operator_a, kelurahan_a, ajukan=True)
    client = klien(operator_a)
    html = client.get(reverse("usulan:daftar")).content.decode()
    assert f'action="{reverse("usulan:ajukan_banyak")}"' in html
    for u in draf:
        assert f'name="usulan" value="{u.pk}" id="pilih-usulan-{u.pk}"' in html
    assert f'value="{sudah.pk}"' not in html
    assert " checked" not in html
    assert 'href="?pilih=draf" data-pilih-semua="usulan"' in html
    html = client.get(reverse("usulan:daftar") + "?pilih=draf").content.decode()
    assert html.count('name="usulan"') == html.count(" checked") == 2
    # Someone who only reads the list gets no checkbox and no button.
    html = klien(camat_a).get(reverse("usulan:daftar")).content.decode()
    assert 'name="usulan"' not in html and "Ajukan draf terpilih" not in html


@pytest.mark.parametrize("n", [3, 25])
def test_list_of_a_signed_kelurahan_locks_its_drafts_without_a_query_per_row(
    n, operator_a, kelurahan_a, siklus, django_assert_max_num_queries
):
    from tests.factories import banyak_usulan

    banyak_usulan(siklus, kelurahan_a, n)
    _tutup(operator_a, kelurahan_a, siklus)
    client = klien(operator_a)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("usulan:daftar")).content.decode()
    assert 'name="usulan"' not in html and "Ajukan draf terpilih" not in html
    assert html.count('<i class="bi bi-lock text-body-secondary"') == n
    assert "Musrenbang kelurahan sudah ditetapkan" in html
    assert "Lanjutkan ke siklus berikutnya" in html
