"""Forms of the forum screens: input and layout; the rules live in the services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.formatting import awal_kecil
from apps.musyawarah.models import (
    AgendaAcara,
    AnggotaTpm,
    ElemenKecamatan,
    ElemenKota,
    KelompokSosial,
    Keputusan,
    Logistik,
    Musyawarah,
    Pemandu,
    Peserta,
    Tingkat,
)
from apps.musyawarah.peserta import ISIAN as ISIAN_PESERTA
from apps.musyawarah.tingkat import spek
from apps.wilayah.models import RT, Lingkungan


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class JamInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def tata_letak(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    return helper


class SkTpmForm(forms.Form):
    nomor = forms.CharField(label=_("Nomor SK TPM"), max_length=100)
    tanggal = forms.DateField(label=_("Tanggal SK"), widget=TanggalInput())
    kepala_nama = forms.CharField(label=_("Nama lurah/kepala desa"), max_length=150)
    kepala_nip = forms.CharField(label=_("NIP"), max_length=30, required=False)

    def __init__(self, *args, jabatan_kepala: str = "", mengetahui: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if jabatan_kepala:
            self.fields["kepala_nama"].label = _("Nama %(j)s") % {"j": jabatan_kepala.lower()}
        if mengetahui:
            self.fields["kepala_nama"].help_text = _(
                "Yang menetapkan SK; bila sidang dipimpin orang lain, ia menandatangani "
                "“Mengetahui” di berita acara."
            )
        else:
            # The kecamatan's berita acara has no "Mengetahui": the camat chairs or not.
            self.fields["nomor"].label = _("Nomor keputusan")
            self.fields["tanggal"].label = _("Tanggal keputusan")
            self.fields["kepala_nama"].help_text = _(
                "Yang menetapkan keputusan tentang tim penyelenggara."
            )
        self.helper = tata_letak(
            Row(Column("nomor", css_class="col-md-7"), Column("tanggal", css_class="col-md-5")),
            Row(
                Column("kepala_nama", css_class="col-md-7"),
                Column("kepala_nip", css_class="col-md-5"),
            ),
        )


class AnggotaTpmForm(forms.ModelForm):
    class Meta:
        model = AnggotaTpm
        fields = ["jabatan_tpm", "nama", "jabatan", "kontak"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = tata_letak(
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
        self.helper = tata_letak(
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
        self.helper = tata_letak(
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
    """An agenda item; its number follows from its time (items are kept in time order)."""

    class Meta:
        model = AgendaAcara
        fields = ["jam_mulai", "jam_selesai", "acara", "dipandu"]
        widgets = {"jam_mulai": JamInput(), "jam_selesai": JamInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = tata_letak(
            Row(
                Column("jam_mulai", css_class="col-6 col-md-3"),
                Column("jam_selesai", css_class="col-6 col-md-3"),
                Column("dipandu", css_class="col-md-6"),
            ),
            "acara",
        )


class LogistikForm(forms.ModelForm):
    class Meta:
        model = Logistik
        fields = ["jenis", "uraian"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = tata_letak(
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
        if musyawarah.tingkat == Tingkat.KOTA:
            self._untuk_kota(musyawarah, ringkas)
            return
        del self.fields["kecamatan_asal"]
        if musyawarah.tingkat == Tingkat.KECAMATAN:
            self._untuk_kecamatan(musyawarah, ringkas)
            return
        for name in ("kelurahan_asal", "elemen"):
            del self.fields[name]
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
            self.helper = tata_letak(
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
        self.helper = tata_letak(
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

    def _untuk_kecamatan(self, musyawarah: Musyawarah, ringkas: bool) -> None:
        """At the kecamatan forum people come from a kelurahan and represent an element."""
        for name in ("lingkungan", "rt", "sektor"):
            del self.fields[name]
        self.fields["kelurahan_asal"].queryset = musyawarah.kecamatan.kelurahan.order_by("nama")
        # No element is preselected: a walk-in counted as "pemerintah kecamatan" by
        # default would sign for the wrong element.
        self.fields["elemen"] = forms.ChoiceField(
            label=_("Unsur pemangku kepentingan"),
            choices=[("", _("— Pilih —")), *ElemenKecamatan.choices],
        )
        self.fields["unsur"].label = _("Unsur (pemerintah, swasta atau masyarakat)")
        if ringkas:
            for name in ("jabatan", "peran", "alamat", "telepon", "diundang", "organisasi"):
                del self.fields[name]
            # The labels are long: at the door, on a phone, one select a line.
            self.helper = tata_letak(
                "nama",
                Row(
                    Column("jenis_kelamin", css_class="col-6"),
                    Column("kelompok_usia", css_class="col-6"),
                ),
                "elemen",
                "kelurahan_asal",
                "unsur",
                "kelompok_sosial",
            )
            return
        # The two "unsur" have long labels: each gets half a line, side by side.
        self.helper = tata_letak(
            Row(Column("nama", css_class="col-md-6"), Column("jabatan", css_class="col-md-6")),
            Row(
                Column("jenis_kelamin", css_class="col-md-3"),
                Column("kelompok_usia", css_class="col-md-3"),
                Column("peran", css_class="col-md-6"),
            ),
            Row(Column("elemen", css_class="col-md-6"), Column("unsur", css_class="col-md-6")),
            Row(
                Column("kelurahan_asal", css_class="col-md-6"),
                Column("organisasi", css_class="col-md-6"),
            ),
            "kelompok_sosial",
            Row(
                Column("alamat", css_class="col-md-5"),
                Column("telepon", css_class="col-md-4"),
                Column("diundang", css_class="col-md-3"),
            ),
        )

    def _untuk_kota(self, musyawarah: Musyawarah, ringkas: bool) -> None:
        """At the kota forum people come from a kecamatan (or none: Bappeda's own
        invitees) and represent one of the kota's stakeholder elements."""
        for name in ("lingkungan", "rt", "sektor", "kelurahan_asal"):
            del self.fields[name]
        self.fields["kecamatan_asal"].queryset = musyawarah.daerah.kecamatan.order_by("nama")
        self.fields["kecamatan_asal"].help_text = _(
            "Kosongkan untuk undangan tingkat kota (perangkat daerah, DPRD, dan lainnya)."
        )
        # No element is preselected, as at the kecamatan.
        self.fields["elemen"] = forms.ChoiceField(
            label=_("Unsur pemangku kepentingan"),
            choices=[("", _("— Pilih —")), *ElemenKota.choices],
        )
        self.fields["unsur"].label = _("Unsur (pemerintah, swasta atau masyarakat)")
        if ringkas:
            for name in ("jabatan", "peran", "alamat", "telepon", "diundang"):
                del self.fields[name]
            self.helper = tata_letak(
                "nama",
                Row(
                    Column("jenis_kelamin", css_class="col-6"),
                    Column("kelompok_usia", css_class="col-6"),
                ),
                "elemen",
                "kecamatan_asal",
                "organisasi",
                "unsur",
                "kelompok_sosial",
            )
            return
        self.helper = tata_letak(
            Row(Column("nama", css_class="col-md-6"), Column("jabatan", css_class="col-md-6")),
            Row(
                Column("jenis_kelamin", css_class="col-md-3"),
                Column("kelompok_usia", css_class="col-md-3"),
                Column("peran", css_class="col-md-6"),
            ),
            Row(Column("elemen", css_class="col-md-6"), Column("unsur", css_class="col-md-6")),
            Row(
                Column("kecamatan_asal", css_class="col-md-6"),
                Column("organisasi", css_class="col-md-6"),
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


# Short labels for the decisions table's selects (they must fit on a phone).
PILIHAN_KEPUTUSAN = [
    (Keputusan.BELUM, _("Belum diputuskan")),
    (Keputusan.KELURAHAN, _("Didanai kelurahan/desa")),
    (Keputusan.KOTA, _("Ke kecamatan/kota")),
    (Keputusan.SWADAYA, _("Swadaya")),
    (Keputusan.DITOLAK, _("Tidak disepakati")),
]


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
                choices=PILIHAN_KEPUTUSAN,
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
        self.helper = tata_letak()


class PenandatanganForm(forms.Form):
    pimpinan = forms.ModelChoiceField(label=_("Pimpinan sidang"), queryset=Peserta.objects.none())
    jabatan_pimpinan = forms.CharField(label=_("Jabatan pimpinan sidang"), max_length=150)
    pimpinan_kepala = forms.BooleanField(required=False)
    notulen = forms.ModelChoiceField(label=_("Notulen"), queryset=Peserta.objects.none())

    def __init__(self, *args, musyawarah: Musyawarah, unsur_hadir: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        sp = spek(musyawarah)
        jabatan = sp.jabatan_kepala(musyawarah)
        self.fields["pimpinan_kepala"].label = _("Pimpinan sidang adalah %(j)s sendiri") % {
            "j": jabatan.lower()
        }
        self.fields["pimpinan_kepala"].help_text = _(
            "Bila tidak, berita acara memuat tanda tangan “Mengetahui, %(j)s”."
        ) % {"j": jabatan}
        self.fields["pimpinan_kepala"].initial = musyawarah.pimpinan_kepala
        hadir = musyawarah.peserta.filter(hadir=True).order_by("nama")
        self.fields["pimpinan"].queryset = hadir
        self.fields["notulen"].queryset = hadir
        wilayah = musyawarah.wilayah
        self.fields["jabatan_pimpinan"].initial = f"{sp.jabatan_kepala(musyawarah)} {wilayah.nama}"
        ada = {(t.peran_ttd, t.unsur): t for t in musyawarah.penandatangan.all()}
        if ("pimpinan", "") in ada:
            self.fields["pimpinan"].initial = ada[("pimpinan", "")].peserta_id
            self.fields["jabatan_pimpinan"].initial = ada[("pimpinan", "")].jabatan
        if ("notulen", "") in ada:
            self.fields["notulen"].initial = ada[("notulen", "")].peserta_id
        if not sp.pemandu:
            # Only the desa forum's berita acara has "Mengetahui" for its head.
            del self.fields["pimpinan_kepala"]
        for u in unsur_hadir:
            name = f"wakil_{u}"
            self.fields[name] = forms.ModelChoiceField(
                label=_("Wakil unsur %(u)s") % {"u": awal_kecil(sp.label_elemen(u))},
                queryset=hadir.filter(pk__in=[p.pk for p in hadir if sp.elemen(p) == u]),
            )
            if ("wakil_unsur", u) in ada:
                self.fields[name].initial = ada[("wakil_unsur", u)].peserta_id
        self.helper = tata_letak()

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


class MateriForm(forms.Form):
    judul = forms.CharField(label=_("Judul bahan"), max_length=200)
    berkas = forms.FileField(
        label=_("Berkas (PDF, XLSX, DOCX, JPG atau PNG; maksimal 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.xlsx,.docx,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_materi_%s")
        super().__init__(*args, **kwargs)
        self.helper = tata_letak()
