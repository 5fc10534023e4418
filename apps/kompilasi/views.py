from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.akun.permissions import Aksi, wajib
from apps.kompilasi import selectors, services
from apps.kompilasi.forms import SaringanForm
from apps.kompilasi.grafik import grafik_kompilasi
from apps.kompilasi.models import Jenis, Unduhan
from apps.siklus.models import Siklus

PER_HALAMAN = 50


def _siklus(user) -> Siklus | None:
    return Siklus.objects.for_user(user).filter(aktif=True).select_related("daerah").first()


def _saringan(request, siklus) -> SaringanForm:
    return SaringanForm(request.GET or None, user=request.user, siklus=siklus)


def daftar(request):
    wajib(request.user, Aksi.UNDUH_KOMPILASI)
    siklus = _siklus(request.user)
    if siklus is None:
        return render(request, "kompilasi/daftar.html", {"siklus": None})
    form = _saringan(request, siklus)
    saring = form.saring()
    qs = selectors.kompilasi(request.user, siklus, saring)
    halaman = Paginator(selectors.dengan_isi(qs), PER_HALAMAN).get_page(request.GET.get("hal"))
    awal = halaman.start_index()
    params = request.GET.copy()
    params.pop("hal", None)
    per_pd = selectors.total_perangkat_daerah(qs)
    per_kecamatan = selectors.total_kecamatan(qs)
    return render(
        request,
        "kompilasi/daftar.html",
        {
            "siklus": siklus,
            "form": form,
            "halaman": halaman,
            "baris": [selectors.baris(p, awal + i) for i, p in enumerate(halaman.object_list)],
            "total": selectors.total_semua(qs),
            "per_pd": per_pd,
            "per_kecamatan": per_kecamatan,
            "grafik": grafik_kompilasi(
                per_pd=per_pd,
                per_prioritas=selectors.total_prioritas_daerah(qs),
                per_kecamatan=per_kecamatan,
                saring=saring,
            ),
            "params": params.urlencode(),
            "unduhan_terakhir": Unduhan.objects.filter(pemilik=request.user, siklus=siklus)[:5],
            "batas": services.BATAS_LANGSUNG,
        },
    )


@require_POST
def unduh(request, jenis: str):
    """Small downloads answer with the file; big ones start a background task and send
    the user to its progress page."""
    wajib(request.user, Aksi.UNDUH_KOMPILASI)
    if jenis not in Jenis.values:
        raise Http404
    siklus = _siklus(request.user)
    if siklus is None:
        raise Http404
    form = _saringan(request, siklus)
    saring, keterangan = form.saring(), form.keterangan()
    qs = selectors.kompilasi(request.user, siklus, saring)
    if not services.perlu_latar(qs, jenis):
        nama, mime, isi = services.unduhan_langsung(
            user=request.user, siklus=siklus, jenis=jenis, saring=saring, keterangan=keterangan
        )
        response = HttpResponse(isi, content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="{nama}"'
        return response
    unduhan = services.unduhan_mulai(
        user=request.user, siklus=siklus, jenis=jenis, saring=saring, keterangan=keterangan
    )
    messages.info(request, _("Berkas sedang disusun. Halaman ini menunjukkan kemajuannya."))
    return redirect("kompilasi:unduhan", pk=unduhan.pk)


def _unduhan(request, pk) -> Unduhan:
    # A download is its owner's alone: anyone else finds nothing.
    return get_object_or_404(Unduhan.objects.select_related("siklus"), pk=pk, pemilik=request.user)


def unduhan(request, pk):
    u = _unduhan(request, pk)
    konteks = {"unduhan": u}
    if request.headers.get("HX-Request"):
        return render(request, "kompilasi/_kemajuan.html", konteks)
    return render(request, "kompilasi/unduhan.html", konteks)


def unduhan_berkas(request, pk):
    u = _unduhan(request, pk)
    if not u.berkas:
        raise Http404
    return FileResponse(
        u.berkas.open("rb"),
        as_attachment=True,
        filename=u.berkas.name.rsplit("/", 1)[-1],
        content_type=services.MIMETYPE[u.jenis],
    )
