from django.http import Http404
from django.shortcuts import render

from apps.wilayah import selectors
from apps.wilayah.models import KODE_KECAMATAN, KODE_KELURAHAN, Kecamatan, Kelurahan


def daftar(request):
    return render(
        request, "wilayah/daftar.html", {"kelurahan": selectors.kelurahan_untuk(request.user)}
    )


def detail(request, kode: str):
    # Unknown and out-of-scope codes both answer 404: no hint that a wilayah exists.
    try:
        if KODE_KELURAHAN.match(kode):
            kelurahan = selectors.kelurahan_detail(request.user, kode)
            return render(request, "wilayah/kelurahan.html", {"kelurahan": kelurahan})
        if KODE_KECAMATAN.match(kode):
            kecamatan = selectors.kecamatan_detail(request.user, kode)
            return render(request, "wilayah/kecamatan.html", {"kecamatan": kecamatan})
    except (Kelurahan.DoesNotExist, Kecamatan.DoesNotExist):
        pass
    raise Http404
