"""Forms of the forum screens: input and layout; the rules live in the services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.musyawarah.models import (
    AgendaAcara,
    AnggotaTpm,
    KelompokSosial,
    Keputusan,
    Logistik,
    Musyawarah,
    Pemandu,
    Peserta,
    Unsur,
)
from apps.musyawarah.peserta import ISIAN as ISIAN_PESERTA
from apps.wilayah.models import RT, Lingkungan


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class JamInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    return helper


class SkTpmForm(forms.Form):
    nomor = forms.CharField(label=_("Nomor SK TPM"), max_length=100)
    tanggal = forms.DateField(label=_("Tanggal SK"), widget=TanggalInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(Column("nomor", css_class="col-md-7"), Column("tanggal", css_class="col-md-5"))
        )


class AnggotaTpmForm(forms.ModelForm):
    class Meta:
        model = AnggotaTpm
        fields = ["jabatan_tpm", "nama", "jabatan", "kontak"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(
                Column("jabatan_tpm", css_class="col-md-3"),
                Column("nama", css_class="col-md-3"),
                Column("jabatan", css_class="col-md-3"),
                Column("kontak", css_class="col-md-3"),
            )
        )


class PemanduForm(forms.ModelForm):
    class Meta:
        model = Pemandu
        fields = ["nama", "lembaga", "kontak"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(
                Column("nama", css_class="col-md-4"),
                Column("lembaga", css_class="col-md-4"),
                Column("kontak", css_class="col-md-4"),
            )
        )


class JadwalForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Musyawarah
        fields = [
            "tanggal",
            "jam_mulai",
            "jam_selesai",
            "tempat",
            "alamat_tempat",
            "tanggal_undangan",
            "alasan_kurang_7_hari",
        ]
        widgets = {
            "tanggal": TanggalInput(),
            "tanggal_undangan": TanggalInput(),
            "jam_mulai": JamInput(),
            "jam_selesai": JamInput(),
            "alasan_kurang_7_hari": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versi"].initial = self.instance.versi
        for name in ("tanggal", "jam_mulai", "tempat", "tanggal_undangan"):
            self.fields[name].required = True
        self.helper = _helper(
            Row(
                Column("tanggal", css_class="col-md-4"),
                Column("jam_mulai", css_class="col-md-4"),
                Column("jam_selesai", css_class="col-md-4"),
            ),
            Row(
                Column("tempat", css_class="col-md-6"),
                Column("alamat_tempat", css_class="col-md-6"),
            ),
            Row(Column("tanggal_undangan", css_class="col-md-4")),
            "alasan_kurang_7_hari",
            "versi",
        )


class AgendaForm(forms.ModelForm):
    class Meta:
        model = AgendaAcara
        fields = ["urutan", "jam_mulai", "jam_selesai", "acara", "dipandu"]
        widgets = {"jam_mulai": JamInput(), "jam_selesai": JamInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(
                Column("urutan", css_class="col-4"),
                Column("jam_mulai", css_class="col-4"),
                Column("jam_selesai", css_class="col-4"),
            ),
            Row(Column("acara", css_class="col-md-7"), Column("dipandu", css_class="col-md-5")),
        )


class LogistikForm(forms.ModelForm):
    class Meta:
        model = Logistik
        fields = ["jenis", "uraian"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(Column("jenis", css_class="col-md-4"), Column("uraian", css_class="col-md-8"))
        )


class PesertaForm(forms.ModelForm):
    kelompok_sosial = forms.MultipleChoiceField(
        label=_("Kelompok sosial"),
        choices=KelompokSosial.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Peserta
        fields = list(ISIAN_PESERTA)

    def __init__(self, *args, musyawarah: Musyawarah, ringkas: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.musyawarah = musyawarah
        kelurahan = musyawarah.kelurahan
        self.fields["lingkungan"].queryset = Lingkungan.objects.filter(kelurahan=kelurahan)
        self.fields["lingkungan"].label = _("Asal %(rw)s") % {"rw": kelurahan.nama_lingkungan}
        self.fields["rt"].queryset = RT.objects.filter(
            lingkungan__kelurahan=kelurahan
        ).select_related("lingkungan")
        self.fields["rt"].label_from_instance = lambda rt: (
            f"RT {rt.nomor:02d}/RW {rt.lingkungan.nomor:02d}"
        )
        if ringkas:
            # At the door: what the keterwakilan needs, nothing more; details later.
            for name in ("rt", "jabatan", "peran", "alamat", "telepon", "diundang", "organisasi"):
                del self.fields[name]
            self.helper = _helper(
                "nama",
                Row(
                    Column("jenis_kelamin", css_class="col-6"),
                    Column("kelompok_usia", css_class="col-6"),
                ),
                Row(Column("lingkungan", css_class="col-6"), Column("unsur", css_class="col-6")),
                "sektor",
                "kelompok_sosial",
            )
            return
        self.helper = _helper(
            Row(Column("nama", css_class="col-md-6"), Column("jabatan", css_class="col-md-6")),
            Row(
                Column("jenis_kelamin", css_class="col-md-3"),
                Column("kelompok_usia", css_class="col-md-3"),
                Column("unsur", css_class="col-md-3"),
                Column("peran", css_class="col-md-3"),
            ),
            Row(
                Column("lingkungan", css_class="col-md-3"),
                Column("rt", css_class="col-md-3"),
                Column("sektor", css_class="col-md-3"),
                Column("organisasi", css_class="col-md-3"),
            ),
            "kelompok_sosial",
            Row(
                Column("alamat", css_class="col-md-5"),
                Column("telepon", css_class="col-md-4"),
                Column("diundang", css_class="col-md-3"),
            ),
        )

    def data_peserta(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class PembahasanForm(forms.Form):
    """One row per usulan: its place in the agreed order, its class, the reason."""

    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, baris: list[dict], versi: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versi"].initial = versi
        self.baris = baris
        # Rows not ordered yet are proposed after the ordered ones, in the order shown.
        berikut = max((b["urutan"] or 0 for b in baris), default=0)
        for b in baris:
            pk = b["usulan"].pk
            if b["urutan"] is None:
                berikut += 1
            self.fields[f"urutan-{pk}"] = forms.IntegerField(
                required=False,
                min_value=1,
                initial=b["urutan"] or berikut,
                widget=forms.NumberInput(
                    attrs={"class": "form-control form-control-sm urutan", "min": 1}
                ),
            )
            self.fields[f"keputusan-{pk}"] = forms.ChoiceField(
                choices=Keputusan.choices,
                initial=b["keputusan"],
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"alasan-{pk}"] = forms.CharField(
                required=False,
                initial=b["alasan"],
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "placeholder": _("alasan bila tidak disepakati"),
                    }
                ),
            )

    def rows(self):
        """(row, urutan field, keputusan field, alasan field) for the template."""
        for b in self.baris:
            pk = b["usulan"].pk
            yield b, self[f"urutan-{pk}"], self[f"keputusan-{pk}"], self[f"alasan-{pk}"]

    def data_baris(self) -> list[dict]:
        return [
            {
                "usulan_id": b["usulan"].pk,
                "urutan": self.cleaned_data[f"urutan-{b['usulan'].pk}"],
                "keputusan": self.cleaned_data[f"keputusan-{b['usulan'].pk}"],
                "alasan": self.cleaned_data[f"alasan-{b['usulan'].pk}"],
            }
            for b in self.baris
        ]


class DelegasiForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)
    peserta = forms.ModelMultipleChoiceField(
        label=_("Delegasi"),
        queryset=Peserta.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, musyawarah: Musyawarah, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versi"].initial = musyawarah.versi
        hadir = musyawarah.peserta.filter(hadir=True).order_by("nama")
        self.fields["peserta"].queryset = hadir
        self.fields["peserta"].initial = [p.pk for p in hadir if p.delegasi]
        self.fields["peserta"].label_from_instance = lambda p: (
            f"{p.nama} ({p.get_jenis_kelamin_display()}, {p.get_unsur_display()}"
            + (f", {p.organisasi}" if p.organisasi else "")
            + ")"
        )


class CatatanForm(forms.ModelForm):
    class Meta:
        model = Musyawarah
        fields = ["nomor_berita_acara", "catatan_sambutan", "catatan_pemaparan", "catatan_diskusi"]
        widgets = {
            "catatan_sambutan": forms.Textarea(attrs={"rows": 2}),
            "catatan_pemaparan": forms.Textarea(attrs={"rows": 2}),
            "catatan_diskusi": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomor_berita_acara"].required = True
        self.helper = _helper()


class PenandatanganForm(forms.Form):
    pimpinan = forms.ModelChoiceField(label=_("Pimpinan sidang"), queryset=Peserta.objects.none())
    jabatan_pimpinan = forms.CharField(label=_("Jabatan pimpinan sidang"), max_length=150)
    notulen = forms.ModelChoiceField(label=_("Notulen"), queryset=Peserta.objects.none())

    def __init__(self, *args, musyawarah: Musyawarah, unsur_hadir: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        hadir = musyawarah.peserta.filter(hadir=True).order_by("nama")
        self.fields["pimpinan"].queryset = hadir
        self.fields["notulen"].queryset = hadir
        self.fields[
            "jabatan_pimpinan"
        ].initial = f"{musyawarah.kelurahan.jabatan_kepala} {musyawarah.kelurahan.nama}"
        ada = {(t.peran_ttd, t.unsur): t for t in musyawarah.penandatangan.all()}
        if ("pimpinan", "") in ada:
            self.fields["pimpinan"].initial = ada[("pimpinan", "")].peserta_id
            self.fields["jabatan_pimpinan"].initial = ada[("pimpinan", "")].jabatan
        if ("notulen", "") in ada:
            self.fields["notulen"].initial = ada[("notulen", "")].peserta_id
        for u in unsur_hadir:
            name = f"wakil_{u}"
            self.fields[name] = forms.ModelChoiceField(
                label=_("Wakil unsur %(u)s") % {"u": Unsur(u).label.lower()},
                queryset=hadir.filter(unsur=u),
            )
            if ("wakil_unsur", u) in ada:
                self.fields[name].initial = ada[("wakil_unsur", u)].peserta_id
        self.helper = _helper()

    def wakil(self) -> dict:
        return {
            name.removeprefix("wakil_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("wakil_")
        }


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class PindaianForm(forms.Form):
    berkas = forms.FileField(
        label=_("Pindaian berita acara bertanda tangan (PDF/JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg"}),
    )
