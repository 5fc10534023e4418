"""Participants: invitation list, check-in at the door (phone), keterwakilan, delegation."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.galat import GALAT_LAYANAN, tampilkan_galat, teks_galat
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah import selectors
from apps.musyawarah.forms import DelegasiForm, PesertaForm
from apps.musyawarah.models import Peserta
from apps.musyawarah.tindakan import Tindakan, berlaku
from apps.musyawarah.views import aksi_bagian, ambil, konteks, wajib_kelola


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def daftar(request, pk: int):
    """The invitation list (and, during the forum, everyone present) with the panel."""
    m = ambil(request, pk)
    form = PesertaForm(musyawarah=m)
    if request.method == "POST":
        wajib_kelola(request, m)
        form = PesertaForm(request.POST, musyawarah=m)
        if form.is_valid():
            try:
                p = peserta_services.peserta_simpan(
                    user=request.user, musyawarah=m, data=form.data_peserta()
                )
            except GALAT_LAYANAN as e:
                tampilkan_galat(request, e, form)
            else:
                messages.success(request, _("%(n)s ditambahkan.") % {"n": p.nama})
                return redirect("musyawarah:peserta", pk=pk)
    peserta = list(m.peserta.all())
    return render(
        request,
        "musyawarah/peserta.html",
        konteks(
            request,
            m,
            "peserta",
            form=form,
            peserta=peserta,
            ket=selectors.keterwakilan(m, peserta),
            pendaftaran=list(m.pendaftaran.select_related("kelurahan").order_by("status", "pk"))
            if m.kecamatan_id and not m.kelurahan_id
            else None,
            url_publik=reverse("publik:musrenbang", args=[m.pk]),
        ),
    )


def ubah(request, pk: int, peserta_pk: int):
    m = ambil(request, pk)
    wajib_kelola(request, m)
    p = get_object_or_404(Peserta, pk=peserta_pk, musyawarah=m)
    form = PesertaForm(request.POST or None, instance=p, musyawarah=m)
    if request.method == "POST" and form.is_valid():
        try:
            peserta_services.peserta_simpan(
                user=request.user, musyawarah=m, peserta=p, data=form.data_peserta()
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e, form)
        else:
            messages.success(request, _("Data %(n)s tersimpan.") % {"n": p.nama})
            return redirect("musyawarah:peserta", pk=pk)
    return render(
        request, "musyawarah/peserta_ubah.html", konteks(request, m, "peserta", form=form, p=p)
    )


@require_POST
def hapus(request, pk: int, peserta_pk: int):
    return aksi_bagian(
        request,
        pk,
        Peserta,
        peserta_pk,
        "musyawarah:peserta",
        lambda p: peserta_services.peserta_hapus(user=request.user, peserta=p),
    )


def hadir(request, pk: int):
    """Check-in at the door: find a name, tick it; add a walk-in in seconds."""
    m = ambil(request, pk)
    q = request.GET.get("q", "").strip()
    daftar_peserta = m.peserta.all()
    if q:
        daftar_peserta = daftar_peserta.filter(Q(nama__icontains=q) | Q(organisasi__icontains=q))
    daftar_peserta = daftar_peserta.select_related("lingkungan").order_by("hadir", "nama")
    if _htmx(request) and request.GET.get("bagian") == "daftar":
        return render(
            request,
            "musyawarah/_hadir_daftar.html",
            konteks(request, m, "hadir", daftar_peserta=daftar_peserta),
        )
    form = PesertaForm(musyawarah=m, ringkas=True, prefix="baru")
    if request.method == "POST":
        wajib_kelola(request, m)
        form = PesertaForm(request.POST, musyawarah=m, ringkas=True, prefix="baru")
        if form.is_valid():
            try:
                p = peserta_services.peserta_simpan(
                    user=request.user, musyawarah=m, data=form.data_peserta()
                )
            except GALAT_LAYANAN as e:
                tampilkan_galat(request, e, form)
            else:
                messages.success(request, _("%(n)s dicatat hadir.") % {"n": p.nama})
                return redirect("musyawarah:hadir", pk=pk)
    return render(
        request,
        "musyawarah/hadir.html",
        konteks(
            request,
            m,
            "hadir",
            form=form,
            q=q,
            daftar_peserta=daftar_peserta,
            jumlah_hadir=m.peserta.filter(hadir=True).count(),
        ),
    )


@require_POST
def tandai_hadir(request, pk: int, peserta_pk: int):
    m = ambil(request, pk)
    wajib_kelola(request, m)
    p = get_object_or_404(Peserta, pk=peserta_pk, musyawarah=m)
    try:
        p = peserta_services.peserta_hadir(
            user=request.user, peserta=p, hadir=request.POST.get("hadir") == "1"
        )
    except GALAT_LAYANAN as e:
        if _htmx(request):
            return render(
                request,
                "musyawarah/_hadir_baris.html",
                konteks(request, m, "hadir", p=p, galat=teks_galat(e)),
            )
        tampilkan_galat(request, e)
        return redirect("musyawarah:hadir", pk=pk)
    if _htmx(request):
        # The row, and the counter at the top of the page (an out-of-band swap).
        return render(
            request,
            "musyawarah/_hadir_tandai.html",
            konteks(request, m, "hadir", p=p, jumlah_hadir=m.peserta.filter(hadir=True).count()),
        )
    url = reverse("musyawarah:hadir", args=[pk])
    q = request.POST.get("q", "")
    return redirect(f"{url}?{urlencode({'q': q})}" if q else url)


def keterwakilan(request, pk: int):
    """The live panel; htmx refreshes it while the forum runs."""
    m = ambil(request, pk)
    ket = selectors.keterwakilan(m, list(m.peserta.select_related("lingkungan")))
    template = "musyawarah/_keterwakilan.html" if _htmx(request) else "musyawarah/keterwakilan.html"
    return render(request, template, konteks(request, m, "keterwakilan", ket=ket))


def delegasi(request, pk: int):
    m = ambil(request, pk)
    if not berlaku(m, Tindakan.PILIH_DELEGASI):
        raise Http404  # the kota forum, the last one, sends no delegation
    form = DelegasiForm(musyawarah=m)
    if request.method == "POST":
        wajib_kelola(request, m)
        form = DelegasiForm(request.POST, musyawarah=m)
        if form.is_valid():
            try:
                n = peserta_services.delegasi_simpan(
                    user=request.user,
                    musyawarah=m,
                    peserta_ids=[p.pk for p in form.cleaned_data["peserta"]],
                    versi=form.cleaned_data["versi"],
                )
            except GALAT_LAYANAN as e:
                tampilkan_galat(request, e, form)
            else:
                messages.success(request, _("%(n)d delegasi tersimpan.") % {"n": n})
                return redirect("musyawarah:delegasi", pk=pk)
    terpilih = [p for p in m.peserta.all() if p.delegasi]
    return render(
        request,
        "musyawarah/delegasi.html",
        konteks(
            request,
            m,
            "delegasi",
            form=form,
            terpilih=terpilih,
            perempuan=sum(1 for p in terpilih if p.jenis_kelamin == "P"),
        ),
    )
