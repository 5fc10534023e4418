"""Bappeda's recommended criteria for its daerah: every kecamatan forum can start from
them. The same criterion form as a forum's own criteria."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.akun.permissions import Aksi, boleh
from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.penilaian import services
from apps.penilaian.forms import KriteriaForm
from apps.penilaian.models import Kriteria
from apps.penilaian.selectors import kriteria_dengan_persen
from apps.wilayah.models import Daerah


def _daerah(request) -> Daerah:
    """The daerah whose recommendation the user manages (404 outside their scope, 403
    without the right)."""
    qs = Daerah.objects.for_user(request.user).order_by("kode")
    kode = request.GET.get("daerah") or request.POST.get("daerah")
    daerah = get_object_or_404(qs, kode=kode) if kode else qs.first()
    if daerah is None:
        raise PermissionDenied
    if not boleh(request.user, Aksi.KELOLA_MASTER, daerah):
        raise PermissionDenied
    return daerah


def rekomendasi(request):
    daerah = _daerah(request)
    s = services.rekomendasi_daerah(daerah)
    return render(
        request,
        "penilaian/rekomendasi.html",
        {"daerah": daerah, "set": s, "kriteria": kriteria_dengan_persen(s)},
    )


@require_POST
def rekomendasi_contoh(request):
    daerah = _daerah(request)
    try:
        services.rekomendasi_isi_contoh(user=request.user, daerah=daerah)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    else:
        messages.success(request, _("Kriteria rekomendasi diisi dari contoh pedoman."))
    return redirect("penilaian:rekomendasi")


def _kriteria(daerah, pk):
    s = services.rekomendasi_daerah(daerah)
    if pk is None:
        return None
    # A daerah without a recommendation yet has no criterion to find (404, not a crash).
    return get_object_or_404(s.kriteria.all() if s else Kriteria.objects.none(), pk=pk)


def rekomendasi_kriteria(request, pk: int | None = None):
    daerah = _daerah(request)
    kriteria = _kriteria(daerah, pk)
    form = KriteriaForm(request.POST or None, kriteria=kriteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.rekomendasi_kriteria_simpan(
                user=request.user, daerah=daerah, kriteria=kriteria, data=form.data_kriteria()
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e, form)
        else:
            messages.success(request, _("Kriteria tersimpan."))
            return redirect("penilaian:rekomendasi")
    return render(
        request,
        "penilaian/kriteria_ubah.html",
        {"daerah": daerah, "form": form, "kriteria": kriteria},
    )


@require_POST
def rekomendasi_hapus(request, pk: int):
    daerah = _daerah(request)
    kriteria = _kriteria(daerah, pk)
    try:
        services.rekomendasi_kriteria_hapus(user=request.user, daerah=daerah, kriteria=kriteria)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    else:
        messages.success(request, _("Kriteria dihapus."))
    return redirect("penilaian:rekomendasi")
