"""The usulan form: the masalah list names RW and sector; the RT list follows the RW."""

import re

import pytest
from django.urls import reverse

from apps.usulan import kajian
from apps.usulan.forms import UsulanForm
from apps.usulan.models import Usulan
from apps.wilayah.models import RT
from tests.factories import buat_usulan
from tests.helpers import klien
from tests.usulan.test_views_usulan import _form


@pytest.fixture
def rt(kelurahan_a):
    """RT 01 and RT 02 in RW 01, RT 01 in RW 02."""
    rw1, rw2 = kelurahan_a.lingkungan.order_by("nomor")
    return {
        "rw1": rw1,
        "rw2": rw2,
        "1/1": RT.objects.create(lingkungan=rw1, nomor=1),
        "2/1": RT.objects.create(lingkungan=rw1, nomor=2),
        "1/2": RT.objects.create(lingkungan=rw2, nomor=1),
    }


def _opsi(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)[0]
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)][1:]


def test_masalah_choices_name_their_rw_and_sector(operator_a, kelurahan_a, siklus, rt):
    for data in (
        {"lingkungan": rt["rw2"], "sektor": "kesehatan", "uraian": "Balita stunting"},
        {"lingkungan": None, "sektor": "ekonomi", "uraian": "Pengangguran pemuda"},
    ):
        kajian.masalah_simpan(user=operator_a, kelurahan=kelurahan_a, data=data)
    html = klien(operator_a).get(reverse("usulan:tambah")).content.decode()
    assert sorted(_opsi(html, "masalah")) == [
        "RW 02 · Kesehatan: Balita stunting",
        "Seluruh wilayah · Ekonomi: Pengangguran pemuda",
    ]


def test_new_form_lists_every_rt_with_its_rw(operator_a, kelurahan_a, siklus, rt):
    html = klien(operator_a).get(reverse("usulan:tambah")).content.decode()
    assert _opsi(html, "rt") == ["RT 01 / RW 01", "RT 02 / RW 01", "RT 01 / RW 02"]


def test_posted_form_lists_the_chosen_rws_rts_only(operator_a, kelurahan_a, siklus, rt):
    form = UsulanForm(
        data=_form(kelurahan_a, lingkungan=rt["rw2"].pk),
        kelurahan=kelurahan_a,
        siklus=siklus,
        url_duplikat="",
    )
    assert list(form.fields["rt"].queryset) == [rt["1/2"]]


def test_an_rt_of_another_rw_is_refused_and_the_list_narrowed(operator_a, kelurahan_a, siklus, rt):
    # Without JavaScript the RT list still shows every RW's RTs when the RW is changed.
    response = klien(operator_a).post(
        reverse("usulan:tambah"),
        _form(kelurahan_a, lingkungan=rt["rw1"].pk, rt=rt["1/2"].pk),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "RT ini bukan bagian dari RW/dusun yang dipilih; pilih lagi RT-nya." in html
    assert _opsi(html, "rt") == ["RT 01 / RW 01", "RT 02 / RW 01"]
    assert not Usulan.objects.exists()
    response = klien(operator_a).post(
        reverse("usulan:tambah"), _form(kelurahan_a, lingkungan=rt["rw1"].pk, rt=rt["2/1"].pk)
    )
    assert Usulan.objects.get().rt == rt["2/1"]


def test_edit_form_lists_the_usulans_rw(operator_a, kelurahan_a, siklus, rt):
    usulan = buat_usulan(operator_a, kelurahan_a, lingkungan=rt["rw2"], rt=rt["1/2"])
    html = klien(operator_a).get(reverse("usulan:ubah", args=[usulan.pk])).content.decode()
    assert _opsi(html, "rt") == ["RT 01 / RW 02"]


def test_rt_field_follows_the_rw_with_htmx(operator_a, operator_b, kelurahan_a, siklus, rt):
    html = klien(operator_a).get(reverse("usulan:tambah")).content.decode()
    url = reverse("usulan:rt_pilihan") + f"?kelurahan={kelurahan_a.kode}"
    assert f'hx-get="{url}" hx-trigger="change from:#id_lingkungan"' in html
    client = klien(operator_a)
    html = client.get(f"{url}&lingkungan={rt['rw1'].pk}&rt=").content.decode()
    assert 'id="div_id_rt"' in html and 'name="rt"' in html
    assert _opsi(html, "rt") == ["RT 01 / RW 01", "RT 02 / RW 01"]
    html = client.get(f"{url}&lingkungan=").content.decode()
    assert len(_opsi(html, "rt")) == 3
    assert klien(operator_b).get(f"{url}&lingkungan={rt['rw1'].pk}").status_code == 404
