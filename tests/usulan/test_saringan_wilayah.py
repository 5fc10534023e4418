"""The list's wilayah filters stay short in a kabupaten: kelurahan are offered per
kecamatan, chosen by submitting the form (no JavaScript needed)."""

from django.urls import reverse

from apps.usulan.forms import SaringanForm
from tests.factories import banyak_usulan
from tests.helpers import klien

URL = reverse("usulan:daftar")


def _pilihan(form: SaringanForm, nama: str) -> set[str]:
    return {str(label) for value, label in form.fields[nama].choices if value != ""}


def test_bappeda_chooses_a_kecamatan_before_its_kelurahan(dunia):
    d = dunia
    form = SaringanForm({}, user=d.bappeda)
    assert _pilihan(form, "kecamatan") == {
        "Kecamatan Banjarmasin Utara",
        "Kecamatan Banjarmasin Selatan",
    }
    assert "kelurahan" not in form.fields and "lingkungan" not in form.fields

    form = SaringanForm({"kecamatan": str(d.kecamatan_a.pk)}, user=d.bappeda)
    assert _pilihan(form, "kelurahan") == {str(d.kelurahan_a), str(d.kelurahan_a2)}

    # A link naming only a kelurahan offers its kecamatan's kelurahan.
    form = SaringanForm({"kelurahan": str(d.kelurahan_b.pk)}, user=d.bappeda)
    assert _pilihan(form, "kelurahan") == {str(d.kelurahan_b)}
    assert form.saring()["kelurahan"] == d.kelurahan_b


def test_a_camat_sees_their_kelurahan_without_a_kecamatan_filter(dunia):
    form = SaringanForm({}, user=dunia.camat_a)
    assert "kecamatan" not in form.fields
    assert _pilihan(form, "kelurahan") == {str(dunia.kelurahan_a), str(dunia.kelurahan_a2)}


def test_the_kecamatan_filter_narrows_the_list(dunia):
    d = dunia
    banyak_usulan(d.siklus, d.kelurahan_a, 2, judul="Utara")
    banyak_usulan(d.siklus, d.kelurahan_b, 3, judul="Selatan")
    r = klien(d.bappeda).get(URL, {"kecamatan": d.kecamatan_b.pk})
    assert r.status_code == 200
    assert [u.kelurahan_id for u in r.context["halaman"]] == [d.kelurahan_b.pk] * 3
    halaman = r.content.decode()
    assert 'name="kecamatan"' in halaman and 'name="kelurahan"' in halaman
    assert d.kelurahan_a.nama not in halaman  # not offered, not listed
    # Without a kecamatan, every kelurahan's rows, with the Kelurahan column.
    r = klien(d.bappeda).get(URL)
    assert len(r.context["halaman"]) == 5 and r.context["banyak_kelurahan"]
    assert 'name="kelurahan"' not in r.content.decode()
