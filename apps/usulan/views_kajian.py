"""Kajian desa (masalah) and RPJM Desa screens of a kelurahan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.akun.permissions import Aksi, boleh
from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.core.http import unduhan
from apps.usulan import kajian
from apps.usulan.forms import ImporForm, MasalahForm, RpjmDesaForm
from apps.usulan.models import Masalah, RpjmDesa
from apps.usulan.services import siklus_aktif_untuk
from apps.usulan.views import siklus_bawaan, untuk_kelurahan
from apps.wilayah.models import Kelurahan


def _ke_daftar(nama_url: str, kelurahan: Kelurahan):
    return redirect(f"{reverse(nama_url)}?kelurahan={kelurahan.kode}")


def _kelurahan_dilihat(request):
    """For the lists: the kelurahan chosen by kode among those the user may see."""
    kelurahan = Kelurahan.objects.for_user(request.user).order_by("nama")
    kode = request.GET.get("kelurahan")
    if kode:
        return get_object_or_404(kelurahan, kode=kode), kelurahan
    return (kelurahan.first() if kelurahan.count() == 1 else None), kelurahan


def masalah_daftar(request):
    kelurahan, pilihan = _kelurahan_dilihat(request)
    siklus = siklus_bawaan(request.user)
    qs = Masalah.objects.for_user(request.user).select_related("lingkungan", "kelurahan")
    if siklus is not None:
        qs = qs.filter(siklus=siklus)
    if kelurahan is not None:
        qs = qs.filter(kelurahan=kelurahan)
    return render(
        request,
        "usulan/masalah_daftar.html",
        {
            "masalah_list": qs.order_by("kelurahan__nama", "lingkungan__nomor", "sektor", "pk"),
            "kelurahan": kelurahan,
            "pilihan": pilihan,
            "siklus": siklus,
            "boleh_kelola": kelurahan is not None
            and boleh(request.user, Aksi.KELOLA_KAJIAN, kelurahan),
        },
    )


def _form_masalah(request, kelurahan, masalah=None):
    try:
        siklus = masalah.siklus if masalah else siklus_aktif_untuk(kelurahan)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return redirect("usulan:masalah_daftar")
    form = MasalahForm(request.POST or None, instance=masalah, kelurahan=kelurahan, siklus=siklus)
    if request.method == "POST" and form.is_valid():
        try:
            kajian.masalah_simpan(
                user=request.user,
                kelurahan=kelurahan,
                masalah=masalah,
                data={f: form.cleaned_data[f] for f in kajian.ISIAN_MASALAH},
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e, form)
        else:
            messages.success(request, _("Masalah tersimpan."))
            return _ke_daftar("usulan:masalah_daftar", kelurahan)
    return render(
        request,
        "usulan/kajian_form.html",
        {
            "form": form,
            "kelurahan": kelurahan,
            "judul": _("Ubah masalah (kajian desa)")
            if masalah
            else _("Catat masalah (kajian desa)"),
        },
    )


@untuk_kelurahan(gettext_lazy("Catat masalah"))
def masalah_tambah(request, kelurahan):
    return _form_masalah(request, kelurahan)


def _masalah(request, pk):
    masalah = get_object_or_404(
        Masalah.objects.for_user(request.user).select_related("kelurahan", "siklus"), pk=pk
    )
    if not boleh(request.user, Aksi.KELOLA_KAJIAN, masalah):
        raise PermissionDenied
    return masalah


def masalah_ubah(request, pk: int):
    masalah = _masalah(request, pk)
    return _form_masalah(request, masalah.kelurahan, masalah)


@require_POST
def masalah_hapus(request, pk: int):
    masalah = _masalah(request, pk)
    try:
        kajian.masalah_hapus(user=request.user, masalah=masalah)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    else:
        messages.success(request, _("Masalah dihapus."))
    return _ke_daftar("usulan:masalah_daftar", masalah.kelurahan)


def rpjm_daftar(request):
    kelurahan, pilihan = _kelurahan_dilihat(request)
    qs = RpjmDesa.objects.for_user(request.user).select_related("kelurahan")
    if kelurahan is not None:
        qs = qs.filter(kelurahan=kelurahan)
    return render(
        request,
        "usulan/rpjm_daftar.html",
        {
            "rpjm_list": qs,
            "kelurahan": kelurahan,
            "pilihan": pilihan,
            "boleh_kelola": kelurahan is not None
            and boleh(request.user, Aksi.KELOLA_KAJIAN, kelurahan),
        },
    )


def _form_rpjm(request, kelurahan, rpjm=None):
    form = RpjmDesaForm(request.POST or None, instance=rpjm, kelurahan=kelurahan)
    if request.method == "POST" and form.is_valid():
        try:
            kajian.rpjm_simpan(
                user=request.user,
                kelurahan=kelurahan,
                rpjm=rpjm,
                data={f: form.cleaned_data[f] for f in kajian.ISIAN_RPJM},
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e, form)
        else:
            messages.success(request, _("Kegiatan RPJM tersimpan."))
            return _ke_daftar("usulan:rpjm_daftar", kelurahan)
    return render(
        request,
        "usulan/kajian_form.html",
        {
            "form": form,
            "kelurahan": kelurahan,
            "judul": _("Ubah kegiatan RPJM Desa") if rpjm else _("Tambah kegiatan RPJM Desa"),
        },
    )


@untuk_kelurahan(gettext_lazy("Tambah kegiatan RPJM"))
def rpjm_tambah(request, kelurahan):
    return _form_rpjm(request, kelurahan)


def _rpjm(request, pk):
    rpjm = get_object_or_404(
        RpjmDesa.objects.for_user(request.user).select_related("kelurahan"), pk=pk
    )
    if not boleh(request.user, Aksi.KELOLA_KAJIAN, rpjm):
        raise PermissionDenied
    return rpjm


def rpjm_ubah(request, pk: int):
    rpjm = _rpjm(request, pk)
    return _form_rpjm(request, rpjm.kelurahan, rpjm)


@require_POST
def rpjm_hapus(request, pk: int):
    rpjm = _rpjm(request, pk)
    try:
        kajian.rpjm_hapus(user=request.user, rpjm=rpjm)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    else:
        messages.success(request, _("Kegiatan RPJM dihapus."))
    return _ke_daftar("usulan:rpjm_daftar", rpjm.kelurahan)


@untuk_kelurahan(gettext_lazy("Templat RPJM"))
def rpjm_templat(request, kelurahan):
    return unduhan(*kajian.templat_rpjm(kelurahan))


@untuk_kelurahan(gettext_lazy("Impor RPJM"))
def rpjm_impor(request, kelurahan):
    form = ImporForm(request.POST or None, request.FILES or None)
    hasil = None
    if request.method == "POST" and form.is_valid():
        try:
            hasil = kajian.rpjm_impor(
                user=request.user, kelurahan=kelurahan, berkas=form.cleaned_data["berkas"]
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e, form)
        else:
            if not hasil.galat:
                messages.success(
                    request,
                    _("%(n)d kegiatan RPJM diimpor; %(m)d sudah ada.")
                    % {"n": hasil.dibuat, "m": hasil.dilewati},
                )
                return _ke_daftar("usulan:rpjm_daftar", kelurahan)
            messages.error(request, _("Tidak ada yang disimpan: perbaiki kesalahan berikut."))
    return render(
        request,
        "usulan/impor.html",
        {"form": form, "kelurahan": kelurahan, "hasil": hasil, "rpjm": True},
    )
