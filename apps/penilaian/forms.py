"""The criterion form, shared by a forum's criteria and Bappeda's recommended set."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.fields import AngkaField
from apps.penilaian.models import Kriteria, Skala

MAKS_SKALA = max(Skala.values)


class KriteriaForm(forms.Form):
    nama = forms.CharField(label=_("Kriteria"), max_length=200)
    deskripsi = forms.CharField(
        label=_("Keterangan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Apa yang dinilai; dicetak di lembar penilaian."),
    )
    bobot = AngkaField(
        label=_("Bobot"),
        help_text=_("Angka positif; ditampilkan sebagai persentase dari jumlah semua bobot."),
    )
    skala = forms.TypedChoiceField(
        label=_("Skala nilai"), choices=Skala.choices, coerce=int, initial=Skala.LIMA
    )

    def __init__(self, *args, kriteria: Kriteria | None = None, **kwargs):
        if kriteria is not None:
            kwargs.setdefault(
                "initial",
                {
                    "nama": kriteria.nama,
                    "deskripsi": kriteria.deskripsi,
                    "bobot": kriteria.bobot,
                    "skala": kriteria.skala,
                    **{f"arti_{i}": a for i, a in enumerate(kriteria.arti_nilai or [], start=1)},
                },
            )
        super().__init__(*args, **kwargs)
        for i in range(1, MAKS_SKALA + 1):
            self.fields[f"arti_{i}"] = forms.CharField(
                label=_("Nilai %(n)d") % {"n": i},
                max_length=120,
                required=False,
                widget=forms.TextInput(attrs={"data-tingkat": i}),
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "nama",
            "deskripsi",
            Row(Column("bobot", css_class="col-6"), Column("skala", css_class="col-6")),
            Fieldset(
                _("Arti setiap nilai (dari terendah)"),
                *[f"arti_{i}" for i in range(1, MAKS_SKALA + 1)],
                css_class="arti-nilai",
            ),
        )

    def clean_bobot(self):
        bobot = self.cleaned_data["bobot"]
        if bobot is not None and bobot <= 0:
            raise forms.ValidationError(_("Bobot harus lebih dari 0."))
        return bobot

    def data_kriteria(self) -> dict:
        d = self.cleaned_data
        return {
            "nama": d["nama"],
            "deskripsi": d["deskripsi"],
            "bobot": d["bobot"],
            "skala": d["skala"],
            "arti_nilai": [d.get(f"arti_{i}", "") for i in range(1, d["skala"] + 1)],
        }
