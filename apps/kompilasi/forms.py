from django import forms
from django.utils.translation import gettext_lazy as _

from apps.musyawarah.models import KelompokDiskusi, Tingkat
from apps.siklus.models import PrioritasDaerah
from apps.usulan.models import Bidang, Status
from apps.wilayah.models import Kecamatan, Kelurahan, PerangkatDaerah

# What an usulan of the compilation can have become since the kecamatan sent it.
STATUS_KOMPILASI = (
    Status.PRIORITAS_KECAMATAN,
    Status.DITERUSKAN_KOTA,
    Status.DITERIMA,
    Status.DITOLAK,
)


class SaringanForm(forms.Form):
    """The compilation's filters (GET). Choices come from what the user may see, so a
    camat is offered their own kecamatan's kelurahan and an SKPD only itself."""

    q = forms.CharField(label=_("Cari"), required=False)
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.none(), required=False
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan/desa"), queryset=Kelurahan.objects.none(), required=False
    )
    perangkat_daerah = forms.ModelChoiceField(
        label=_("Perangkat daerah"), queryset=PerangkatDaerah.objects.none(), required=False
    )
    prioritas_daerah = forms.ModelChoiceField(
        label=_("Prioritas daerah"), queryset=PrioritasDaerah.objects.none(), required=False
    )
    bidang = forms.ChoiceField(label=_("Bidang"), required=False)
    kelompok = forms.ChoiceField(label=_("Kelompok"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, user, siklus, **kwargs):
        super().__init__(*args, **kwargs)
        semua = [("", _("Semua"))]
        f = self.fields
        f["kecamatan"].queryset = Kecamatan.objects.for_user(user).order_by("nama")
        kelurahan = Kelurahan.objects.for_user(user).select_related("kecamatan")
        kec = self.data.get("kecamatan")
        if kec and str(kec).isdigit():
            kelurahan = kelurahan.filter(kecamatan_id=int(kec))
        f["kelurahan"].queryset = kelurahan.order_by("kecamatan__nama", "nama")
        f["perangkat_daerah"].queryset = PerangkatDaerah.objects.for_user(user).order_by(
            "singkatan"
        )
        f["prioritas_daerah"].queryset = PrioritasDaerah.objects.filter(siklus=siklus)
        for nama in ("kecamatan", "kelurahan", "perangkat_daerah", "prioritas_daerah"):
            f[nama].empty_label = _("Semua")
        f["bidang"].choices = semua + list(Bidang.choices)
        f["status"].choices = semua + [(s.value, s.label) for s in STATUS_KOMPILASI]
        nama_kelompok = (
            KelompokDiskusi.objects.filter(
                musyawarah__siklus=siklus,
                musyawarah__tingkat=Tingkat.KECAMATAN,
                musyawarah__latihan=False,
            )
            .order_by("nama")
            .values_list("nama", flat=True)
            .distinct()
        )
        f["kelompok"].choices = semua + [(n, n) for n in nama_kelompok]
        # One kecamatan (a camat) or one SKPD: nothing to choose.
        for nama in ("kecamatan", "perangkat_daerah"):
            if f[nama].queryset.count() == 1:
                del f[nama]

    def saring(self) -> dict[str, str]:
        """The valid filters as strings (what a download records and replays)."""
        if not self.is_valid():
            return {}
        hasil = {}
        for nama, nilai in self.cleaned_data.items():
            if nilai in (None, ""):
                continue
            hasil[nama] = str(getattr(nilai, "pk", nilai))
        return hasil

    def keterangan(self) -> str:
        """The filters in words, for a document's stamp: "Perangkat daerah: Dinas PUPR"."""
        if not self.is_valid():
            return ""
        bagian = []
        for nama, nilai in self.cleaned_data.items():
            if nilai in (None, ""):
                continue
            field = self.fields[nama]
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                nilai = dict(field.choices).get(nilai, nilai)
            bagian.append(f"{field.label}: {nilai}")
        return "; ".join(str(b) for b in bagian)
