"""Forms of the usulan screens: input and layout only; the rules are in the services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.core.exceptions import DomainError
from apps.core.fields import AngkaField, KoordinatField, MultipleFileField, RupiahField
from apps.siklus.models import Siklus
from apps.usulan.foto import MAKS_FOTO, olah_gambar
from apps.usulan.kajian import ISIAN_MASALAH, ISIAN_RPJM
from apps.usulan.models import (
    Bidang,
    Masalah,
    RpjmDesa,
    Status,
    SumberPembiayaan,
    Usulan,
)
from apps.usulan.services import ISIAN
from apps.wilayah.models import RT, Kecamatan, Kelurahan, Lingkungan, PerangkatDaerah


def _lingkungan_dipilih(form: forms.ModelForm) -> int | None:
    """The RW/dusun the form is about: the one posted, else the usulan's own."""
    if form.is_bound:
        nilai = str(form.data.get(form.add_prefix("lingkungan")) or "")
        return int(nilai) if nilai.isdigit() else None
    return form.instance.lingkungan_id


def atur_pilihan_rt(field: forms.ModelChoiceField, *, kelurahan: Kelurahan, lingkungan_id) -> None:
    """The RT field of the usulan form: the chosen RW's RTs, or all of the kelurahan's.

    Without JavaScript the operator picks a pair from the full list (each RT names its
    RW) and the posted form narrows the list to the chosen RW; with it, changing the RW
    asks the server for this same field again (htmx, ``views.rt_pilihan``).
    """
    qs = RT.objects.filter(lingkungan__kelurahan=kelurahan).select_related("lingkungan")
    if lingkungan_id:
        qs = qs.filter(lingkungan_id=lingkungan_id)
    field.queryset = qs
    field.label_from_instance = lambda rt: (
        f"RT {rt.nomor:02d} / {rt.lingkungan.get_jenis_display()} {rt.lingkungan.nomor:02d}"
    )
    field.error_messages["invalid_choice"] = _(
        "RT ini bukan bagian dari RW/dusun yang dipilih; pilih lagi RT-nya."
    )
    field.widget.attrs.update(
        {
            "hx-get": reverse("usulan:rt_pilihan") + "?" + urlencode({"kelurahan": kelurahan.kode}),
            "hx-trigger": "change from:#id_lingkungan",
            "hx-include": "[name=lingkungan]",
            "hx-target": "#div_id_rt",
            "hx-swap": "outerHTML",
        }
    )


def _foto_valid(berkas_list):
    for berkas in berkas_list:
        try:
            olah_gambar(berkas)
        except DomainError as e:
            raise ValidationError(f"{berkas.name}: {e}") from e


def label_masalah(masalah: Masalah) -> str:
    """ "RW 02 · Kesehatan: Balita stunting ..." or "Seluruh wilayah · ..." in the dropdown."""
    wilayah = str(masalah.lingkungan) if masalah.lingkungan_id else _("Seluruh wilayah")
    return f"{wilayah} · {masalah}"


class PilihRTForm(forms.Form):
    """Only the RT field of the usulan form, re-rendered when the RW changes (htmx)."""

    rt = forms.ModelChoiceField(label=_("RT"), queryset=RT.objects.none(), required=False)

    def __init__(self, *args, kelurahan: Kelurahan, lingkungan_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        atur_pilihan_rt(self.fields["rt"], kelurahan=kelurahan, lingkungan_id=lingkungan_id)


class UsulanForm(forms.ModelForm):
    volume = AngkaField(label=_("Volume"))
    perkiraan_biaya = RupiahField(label=_("Perkiraan biaya (Rp)"))
    latitude = KoordinatField(label=_("Lintang (latitude)"), required=False)
    longitude = KoordinatField(label=_("Bujur (longitude)"), required=False)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    foto = MultipleFileField(
        label=_("Foto lokasi"),
        required=False,
        help_text=_(
            "Sampai %(n)d foto JPEG/PNG. Bila formulir perlu diperbaiki, pilih ulang fotonya."
        )
        % {"n": MAKS_FOTO},
    )

    class Meta:
        model = Usulan
        fields = ISIAN
        widgets = {
            "permasalahan": forms.Textarea(attrs={"rows": 3}),
            "judul": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, kelurahan: Kelurahan, siklus: Siklus, url_duplikat: str, **kwargs):
        super().__init__(*args, **kwargs)
        # The instance knows where it belongs, so the model's cross-checks run on the form.
        self.instance.kelurahan = kelurahan
        self.instance.siklus = siklus
        self.fields["lingkungan"].queryset = Lingkungan.objects.filter(kelurahan=kelurahan)
        self.fields["lingkungan"].label = kelurahan.nama_lingkungan
        atur_pilihan_rt(
            self.fields["rt"], kelurahan=kelurahan, lingkungan_id=_lingkungan_dipilih(self)
        )
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.filter(
            daerah_id=siklus.daerah_id, aktif=True
        ).order_by("singkatan")
        self.fields["perangkat_daerah"].label_from_instance = lambda pd: (
            f"{pd.singkatan} — {pd.nama}"
        )
        self.fields["prioritas_daerah"].queryset = siklus.prioritas_daerah.all()
        self.fields["rpjm_desa"].queryset = RpjmDesa.objects.filter(kelurahan=kelurahan)
        self.fields["masalah"].queryset = Masalah.objects.filter(
            kelurahan=kelurahan, siklus=siklus
        ).select_related("lingkungan")
        # Which RW and sector a masalah is about tells apart two with similar words.
        self.fields["masalah"].label_from_instance = label_masalah
        if self.instance.pk:
            # Photos of an existing usulan are managed on its page, one by one.
            del self.fields["foto"]
            self.fields["versi"].initial = self.instance.versi
        else:
            self.fields["foto"].widget.attrs["accept"] = "image/jpeg,image/png"
        # While typing a judul or choosing the RW, look for similar usulan (htmx).
        judul = self.fields["judul"].widget.attrs
        judul.update(
            {
                "hx-get": url_duplikat,
                "hx-trigger": "input changed delay:600ms, change",
                "hx-target": "#duplikat",
                "hx-include": "[name=lingkungan]",
            }
        )
        self.fields["lingkungan"].widget.attrs.update(
            {
                "hx-get": url_duplikat,
                "hx-trigger": "change",
                "hx-target": "#duplikat",
                "hx-include": "[name=judul]",
            }
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Kegiatan"),
                "judul",
                HTML('{% include "usulan/_duplikat_wadah.html" %}'),
                Row(Column("bidang", css_class="col-md-6"), Column("sektor", css_class="col-md-6")),
                "permasalahan",
                Row(
                    Column("masalah", css_class="col-md-6"),
                    Column("rpjm_desa", css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("Lokasi"),
                Row(Column("lingkungan", css_class="col-md-4"), Column("rt", css_class="col-md-4")),
                "alamat",
                Row(
                    Column("latitude", css_class="col-md-4"),
                    Column("longitude", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Volume dan sasaran"),
                Row(Column("volume", css_class="col-md-4"), Column("satuan", css_class="col-md-4")),
                Row(
                    Column("sasaran", css_class="col-md-8"),
                    Column("jumlah_penerima", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Pembiayaan"),
                Row(
                    Column("perkiraan_biaya", css_class="col-md-4"),
                    Column("sumber_pembiayaan", css_class="col-md-8"),
                ),
                Row(
                    Column("perangkat_daerah", css_class="col-md-6"),
                    Column("prioritas_daerah", css_class="col-md-6"),
                ),
            ),
            Fieldset(_("Pengusul"), "pengusul", *(["foto"] if "foto" in self.fields else [])),
            "versi",
        )

    def clean_foto(self):
        berkas = self.cleaned_data.get("foto") or []
        if len(berkas) > MAKS_FOTO:
            raise ValidationError(_("Paling banyak %(n)d foto.") % {"n": MAKS_FOTO})
        _foto_valid(berkas)
        return berkas

    def data_usulan(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ISIAN}


class FotoForm(forms.Form):
    gambar = forms.FileField(
        label=_("Tambah foto"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    keterangan = forms.CharField(label=_("Keterangan"), max_length=150, required=False)

    def clean_gambar(self):
        berkas = self.cleaned_data["gambar"]
        _foto_valid([berkas])
        return berkas


class TarikForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan menarik kembali"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class SaringanForm(forms.Form):
    """The filters of the usulan list (GET). Choices come from what the user may see."""

    q = forms.CharField(label=_("Cari"), required=False)
    siklus = forms.ModelChoiceField(
        label=_("Siklus"), queryset=Siklus.objects.none(), required=False
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.none(), required=False
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan/desa"), queryset=Kelurahan.objects.none(), required=False
    )
    lingkungan = forms.ModelChoiceField(
        label=_("RW/dusun"), queryset=Lingkungan.objects.none(), required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    bidang = forms.ChoiceField(label=_("Bidang"), required=False)
    sumber_pembiayaan = forms.ChoiceField(label=_("Sumber dana"), required=False)
    perangkat_daerah = forms.ModelChoiceField(
        label=_("Perangkat daerah"), queryset=PerangkatDaerah.objects.none(), required=False
    )
    urut = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[
            ("terbaru", _("Terbaru")),
            ("terlama", _("Terlama")),
            ("judul", _("Judul A–Z")),
            ("biaya", _("Biaya terbesar")),
            ("rw", _("RW")),
            ("status", _("Status")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        semua = [("", _("Semua"))]
        self.fields["status"].choices = semua + list(Status.choices)
        self.fields["bidang"].choices = semua + list(Bidang.choices)
        self.fields["sumber_pembiayaan"].choices = semua + list(SumberPembiayaan.choices)
        self.fields["siklus"].queryset = Siklus.objects.for_user(user).select_related("daerah")
        self.fields["siklus"].empty_label = _("Siklus aktif")
        kelurahan = Kelurahan.objects.for_user(user).order_by("nama")
        self.satu_kelurahan = kelurahan.count() == 1
        kecamatan = Kecamatan.objects.for_user(user).order_by("nama")
        tanpa_kelurahan = self.satu_kelurahan
        if kecamatan.count() > 1:
            # A kabupaten has thousands of kelurahan: one select of them all is too long to
            # send or to scroll. The kelurahan filter lists the chosen kecamatan's (or the
            # kecamatan of a kelurahan already chosen); with neither, only the kecamatan
            # filter shows. Choosing one and applying the form shows its kelurahan.
            self.fields["kecamatan"].queryset = kecamatan
            self.fields["kecamatan"].empty_label = _("Semua")
            kec, kel = self.data.get("kecamatan"), self.data.get("kelurahan")
            if kec and str(kec).isdigit():
                kelurahan = kelurahan.filter(kecamatan_id=int(kec))
            elif kel and str(kel).isdigit():
                kelurahan = kelurahan.filter(kecamatan__kelurahan=int(kel))
            else:
                kelurahan, tanpa_kelurahan = kelurahan.none(), True
        else:
            del self.fields["kecamatan"]
        self.fields["kelurahan"].queryset = kelurahan
        self.fields["kelurahan"].empty_label = _("Semua")
        self.fields["lingkungan"].queryset = Lingkungan.objects.for_user(user).filter(
            kelurahan__in=kelurahan
        )
        self.fields["lingkungan"].empty_label = _("Semua")
        if tanpa_kelurahan:
            del self.fields["kelurahan"]
        if not self.satu_kelurahan:
            # RW numbers repeat across kelurahan; the RW filter needs one kelurahan chosen.
            kel = self.data.get("kelurahan")
            if kel and str(kel).isdigit():
                self.fields["lingkungan"].queryset = self.fields["lingkungan"].queryset.filter(
                    kelurahan_id=int(kel)
                )
            else:
                del self.fields["lingkungan"]
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.for_user(user).order_by(
            "singkatan"
        )
        self.fields["perangkat_daerah"].label_from_instance = lambda pd: pd.singkatan
        self.fields["perangkat_daerah"].empty_label = _("Semua")

    def saring(self) -> dict:
        """The cleaned filters (an invalid value is ignored rather than shown as an error)."""
        if not self.is_valid():
            return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return self.cleaned_data


class MasalahForm(forms.ModelForm):
    class Meta:
        model = Masalah
        fields = list(ISIAN_MASALAH)
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 3}),
            "penyebab": forms.Textarea(attrs={"rows": 2}),
            "potensi": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, kelurahan: Kelurahan, siklus: Siklus, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kelurahan = kelurahan
        self.instance.siklus = siklus
        self.fields["lingkungan"].queryset = Lingkungan.objects.filter(kelurahan=kelurahan)
        self.fields["lingkungan"].empty_label = _("Seluruh kelurahan/desa")
        self.helper = FormHelper()
        self.helper.form_tag = False


class RpjmDesaForm(forms.ModelForm):
    volume = AngkaField(label=_("Volume"), required=False)
    perkiraan_biaya = RupiahField(label=_("Perkiraan biaya (Rp)"), required=False)

    class Meta:
        model = RpjmDesa
        fields = list(ISIAN_RPJM)

    def __init__(self, *args, kelurahan: Kelurahan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kelurahan = kelurahan
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "bidang",
            "kegiatan",
            "lokasi",
            Row(
                Column("volume", css_class="col-md-4"),
                Column("satuan", css_class="col-md-4"),
                Column("perkiraan_biaya", css_class="col-md-4"),
            ),
            Row(
                Column("tahun_mulai", css_class="col-md-6"),
                Column("tahun_selesai", css_class="col-md-6"),
            ),
            "keterangan",
        )


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas Excel (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
