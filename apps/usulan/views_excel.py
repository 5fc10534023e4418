"""Excel screens of usulan: the template, the all-or-nothing import, the filtered export."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.core.http import unduhan
from apps.usulan.ekspor import ekspor_du_rkp
from apps.usulan.forms import ImporForm, SaringanForm
from apps.usulan.impor import templat_usulan, usulan_impor
from apps.usulan.views import siklus_bawaan, untuk_kelurahan


@untuk_kelurahan(gettext_lazy("Unduh templat Excel"))
def templat(request, kelurahan):
    try:
        return unduhan(*templat_usulan(kelurahan))
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return render(request, "usulan/impor.html", {"form": ImporForm(), "kelurahan": kelurahan})


@untuk_kelurahan(gettext_lazy("Impor usulan dari Excel"))
def impor(request, kelurahan):
    form = ImporForm(request.POST or None, request.FILES or None)
    hasil = None
    if request.method == "POST" and form.is_valid():
        try:
            hasil = usulan_impor(
                user=request.user, kelurahan=kelurahan, berkas=form.cleaned_data["berkas"]
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e, form)
        else:
            if hasil.berhasil:
                messages.success(
                    request,
                    _("%(n)d usulan diimpor sebagai draf; %(m)d baris sudah pernah diimpor.")
                    % {"n": len(hasil.dibuat), "m": len(hasil.dilewati)},
                )
            else:
                messages.error(
                    request,
                    _("Tidak ada usulan yang disimpan: perbaiki %(n)d kesalahan berikut.")
                    % {"n": len(hasil.galat)},
                )
    return render(
        request, "usulan/impor.html", {"form": form, "kelurahan": kelurahan, "hasil": hasil}
    )


def ekspor(request):
    form = SaringanForm(request.GET or None, user=request.user)
    saring = form.saring() if request.GET else {}
    siklus = saring.get("siklus") or siklus_bawaan(request.user)
    return unduhan(*ekspor_du_rkp(request.user, siklus=siklus, saring=saring))
