"""Forms of the kecamatan forum's own screens: input and layout; rules live in the services."""

from crispy_forms.layout import Column, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.fields import AngkaField, RupiahField
from apps.musyawarah.forms import TanggalInput, tata_letak
from apps.musyawarah.kecamatan.pendaftaran import ISIAN as ISIAN_PENDAFTARAN
from apps.musyawarah.models import (
    ElemenKecamatan,
    JenisMateri,
    KelompokDiskusi,
    Musyawarah,
    Pendaftaran,
    Peserta,
    Verifikasi,
)
from apps.siklus.models import PrioritasDaerah
from apps.usulan.models import Usulan
from apps.usulan.services import ISIAN as ISIAN_USULAN
from apps.wilayah.models import Lingkungan, PerangkatDaerah


def _pd(m: Musyawarah):
    return PerangkatDaerah.objects.filter(daerah_id=m.siklus.daerah_id, aktif=True).order_by(
        "singkatan"
    )


class SuratBappedaForm(forms.Form):
    nomor = forms.CharField(label=_("Nomor surat"), max_length=100)
    tanggal = forms.DateField(label=_("Tanggal surat"), widget=TanggalInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_surat_%s")
        super().__init__(*args, **kwargs)
        self.helper = tata_letak(
            Row(Column("nomor", css_class="col-md-7"), Column("tanggal", css_class="col-md-5"))
        )


class MateriKecamatanForm(forms.Form):
    """Seed 3.a: the kecamatan's and the kota's documents, typed."""

    jenis = forms.ChoiceField(label=_("Jenis bahan"), choices=JenisMateri.choices)
    judul = forms.CharField(label=_("Judul"), max_length=200)
    berkas = forms.FileField(
        label=_("Berkas (PDF, XLSX atau DOCX; maksimal 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.xlsx,.docx"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_materi_%s")
        super().__init__(*args, **kwargs)
        # One field a line: the form sits in the narrow column beside the board.
        self.helper = tata_letak("jenis", "judul", "berkas")


class KelompokForm(forms.Form):
    nama = forms.CharField(label=_("Nama kelompok"), max_length=100)
    perangkat_daerah = forms.ModelMultipleChoiceField(
        label=_("Perangkat daerah yang dibahas"),
        queryset=PerangkatDaerah.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, musyawarah: Musyawarah, kelompok=None, **kwargs):
        kwargs.setdefault("auto_id", f"id_kelompok{kelompok.pk if kelompok else 'baru'}_%s")
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].queryset = _pd(musyawarah)
        self.fields["perangkat_daerah"].label_from_instance = lambda pd: pd.singkatan
        if kelompok is not None and not self.is_bound:
            self.initial = {
                "nama": kelompok.nama,
                "perangkat_daerah": [c.perangkat_daerah_id for c in kelompok.cakupan_pd.all()],
            }
        self.helper = tata_letak()


class AnggotaForm(forms.Form):
    """Which participants sit in which group: one select per participant present."""

    def __init__(self, *args, musyawarah: Musyawarah, peserta: list[Peserta], **kwargs):
        super().__init__(*args, **kwargs)
        self.peserta = peserta
        pilihan = [("", _("— belum —"))] + [
            (str(k.pk), k.nama) for k in musyawarah.kelompok_diskusi.all()
        ]
        for p in peserta:
            self.fields[f"kelompok-{p.pk}"] = forms.ChoiceField(
                label=p.nama,
                choices=pilihan,
                required=False,
                initial=str(p.kelompok_id or ""),
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def baris(self):
        for p in self.peserta:
            yield p, self[f"kelompok-{p.pk}"]


class PimpinanKelompokForm(forms.Form):
    ketua = forms.ModelChoiceField(label=_("Ketua"), queryset=Peserta.objects.none())
    sekretaris = forms.ModelChoiceField(label=_("Sekretaris"), queryset=Peserta.objects.none())
    notulen = forms.ModelChoiceField(label=_("Notulen"), queryset=Peserta.objects.none())
    fasilitator = forms.ModelChoiceField(
        label=_("Fasilitator (akun)"), queryset=None, required=False
    )
    fasilitator_nama = forms.CharField(
        label=_("atau nama fasilitator"), max_length=150, required=False
    )

    def __init__(
        self, *args, kelompok: KelompokDiskusi, fasilitator_qs, atur_fasilitator: bool, **kwargs
    ):
        kwargs.setdefault("auto_id", "id_pimpinan_%s")
        super().__init__(*args, **kwargs)
        anggota = kelompok.anggota.order_by("nama")
        for name in ("ketua", "sekretaris", "notulen"):
            self.fields[name].queryset = anggota
            self.fields[name].initial = getattr(kelompok, f"{name}_id")
        self.fields["fasilitator"].queryset = fasilitator_qs
        self.fields["fasilitator"].initial = kelompok.fasilitator_id
        self.fields["fasilitator_nama"].initial = kelompok.fasilitator_nama
        if not atur_fasilitator:
            del self.fields["fasilitator"], self.fields["fasilitator_nama"]
        self.helper = tata_letak(
            Row(
                Column("ketua", css_class="col-md-4"),
                Column("sekretaris", css_class="col-md-4"),
                Column("notulen", css_class="col-md-4"),
            ),
            *(
                [
                    Row(
                        Column("fasilitator", css_class="col-md-6"),
                        Column("fasilitator_nama", css_class="col-md-6"),
                    )
                ]
                if atur_fasilitator
                else []
            ),
        )


class VerifikasiForm(forms.Form):
    """One usulan's verification in its group, with the corrections the group agrees."""

    verifikasi = forms.ChoiceField(
        label=_("Hasil"),
        choices=Verifikasi.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    alasan = forms.CharField(
        label=_("Alasan bila tidak layak"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    perangkat_daerah = forms.ModelChoiceField(
        label=_("Perangkat daerah"),
        queryset=PerangkatDaerah.objects.none(),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    prioritas_daerah = forms.ModelChoiceField(
        label=_("Prioritas daerah"),
        queryset=PrioritasDaerah.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    volume = AngkaField(label=_("Volume"))
    perkiraan_biaya = RupiahField(label=_("Biaya (Rp)"))

    def __init__(self, *args, pembahasan, **kwargs):
        kwargs.setdefault("auto_id", f"id_v{pembahasan.pk}_%s")
        kwargs.setdefault("prefix", f"v{pembahasan.pk}")
        super().__init__(*args, **kwargs)
        m = pembahasan.musyawarah
        self.fields["perangkat_daerah"].queryset = _pd(m)
        self.fields["perangkat_daerah"].label_from_instance = lambda pd: pd.singkatan
        self.fields["prioritas_daerah"].queryset = PrioritasDaerah.objects.filter(siklus=m.siklus)
        for name in ("volume", "perkiraan_biaya"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"
        if not self.is_bound:
            self.initial = {
                "verifikasi": pembahasan.verifikasi,
                "alasan": pembahasan.alasan_verifikasi,
                "perangkat_daerah": pembahasan.pd_id,
                "prioritas_daerah": pembahasan.prioritas.pk if pembahasan.prioritas else None,
                "volume": pembahasan.vol,
                "perkiraan_biaya": pembahasan.biaya,
            }

    def koreksi(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("perangkat_daerah", "prioritas_daerah", "volume", "perkiraan_biaya")
        }


class UsulanKecamatanForm(forms.ModelForm):
    """The kecamatan's own usulan: where in the kecamatan, what, for whom, how much."""

    volume = AngkaField(label=_("Volume"))
    perkiraan_biaya = RupiahField(label=_("Perkiraan biaya (Rp)"))

    class Meta:
        model = Usulan
        fields = [
            "judul",
            "bidang",
            "sektor",
            "permasalahan",
            "volume",
            "satuan",
            "lingkungan",
            "alamat",
            "sasaran",
            "perkiraan_biaya",
            "perangkat_daerah",
            "prioritas_daerah",
            "pengusul",
        ]
        widgets = {"permasalahan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, musyawarah: Musyawarah, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lingkungan"].queryset = Lingkungan.objects.filter(
            kelurahan__kecamatan=musyawarah.kecamatan
        ).select_related("kelurahan")
        self.fields["lingkungan"].label = _("Lokasi (kelurahan/desa dan RW/dusun)")
        self.fields["lingkungan"].label_from_instance = lambda lg: f"{lg.kelurahan.nama} — {lg}"
        self.fields["perangkat_daerah"].queryset = _pd(musyawarah)
        self.fields["perangkat_daerah"].required = True
        self.fields["perangkat_daerah"].label_from_instance = lambda pd: (
            f"{pd.singkatan} — {pd.nama}"
        )
        self.fields["prioritas_daerah"].queryset = PrioritasDaerah.objects.filter(
            siklus=musyawarah.siklus
        )
        self.fields["pengusul"].initial = _("Musrenbang Kecamatan %(k)s") % {
            "k": musyawarah.kecamatan.nama
        }
        self.helper = tata_letak(
            Row(Column("judul", css_class="col-md-8"), Column("bidang", css_class="col-md-4")),
            Row(Column("sektor", css_class="col-md-4"), Column("lingkungan", css_class="col-md-8")),
            "alamat",
            "permasalahan",
            Row(
                Column("volume", css_class="col-md-3"),
                Column("satuan", css_class="col-md-3"),
                Column("perkiraan_biaya", css_class="col-md-6"),
            ),
            "sasaran",
            Row(
                Column("perangkat_daerah", css_class="col-md-6"),
                Column("prioritas_daerah", css_class="col-md-6"),
            ),
            "pengusul",
        )

    def data_usulan(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["sumber_pembiayaan"] = "apbd"
        assert set(data) <= set(ISIAN_USULAN)
        return data


class PendaftaranForm(forms.ModelForm):
    """The public registration form; ``situs`` is a trap field no person fills in."""

    situs = forms.CharField(required=False, label=_("Kosongkan kolom ini"))

    class Meta:
        model = Pendaftaran
        fields = list(ISIAN_PENDAFTARAN)

    def __init__(self, *args, musyawarah: Musyawarah, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = musyawarah.kecamatan.kelurahan.order_by("nama")
        # A resident says which element they speak for; nothing is preselected (the
        # first choice, "lurah/kepala desa", is rarely someone who registers here).
        self.fields["elemen"].choices = [("", _("— Pilih —"))] + [
            (v, label)
            for v, label in ElemenKecamatan.choices
            if v not in (ElemenKecamatan.KECAMATAN, ElemenKecamatan.DELEGASI)
        ]
        self.fields["elemen"].label = _("Mewakili unsur")
        self.fields["situs"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.helper = tata_letak(
            Row(Column("nama", css_class="col-md-6"), Column("lembaga", css_class="col-md-6")),
            Row(
                Column("elemen", css_class="col-md-4"),
                Column("jenis_kelamin", css_class="col-md-4"),
                Column("kelurahan", css_class="col-md-4"),
            ),
            "kontak",
            Row(Column("situs", css_class="col-12 bidang-jebakan")),
        )

    def data_pendaftaran(self) -> dict:
        return {name: self.cleaned_data[name] for name in ISIAN_PENDAFTARAN}
