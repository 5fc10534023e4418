"""Forms of the scoring screens: input and layout; rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.musyawarah.models import KelompokDiskusi


class PenilaiForm(forms.Form):
    """The group's scorers, chosen among its members."""

    penilai = forms.ModelMultipleChoiceField(
        label=_("Penilai"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Anggota kelompok yang menilai; biasanya tiga sampai lima orang."),
        error_messages={"required": _("Pilih sedikitnya satu penilai.")},
    )

    def __init__(self, *args, kelompok: KelompokDiskusi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penilai"].queryset = kelompok.anggota.order_by("nama")
        if kelompok.penilaian_id and not self.is_bound:
            self.initial["penilai"] = [
                p.rujukan for p in kelompok.penilaian.penilai.all() if p.rujukan
            ]
