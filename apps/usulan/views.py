"""Usulan screens: list, entry, detail with history and photos, the status actions.

Thin: fetch through the selectors (404 outside the user's wilayah), check the right
(403), call one service, report its DomainError with ``messages.error`` and keep the
user's input.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from apps.akun.permissions import Aksi, boleh
from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.siklus.models import Siklus
from apps.usulan import foto as foto_services
from apps.usulan import selectors, services
from apps.usulan.forms import FotoForm, PilihRTForm, SaringanForm, TarikForm, UsulanForm
from apps.usulan.models import FotoUsulan, Usulan
from apps.wilayah.models import Kelurahan

PER_HALAMAN = 25


def siklus_bawaan(user) -> Siklus | None:
    return Siklus.objects.for_user(user).filter(aktif=True).select_related("daerah").first()


def kelurahan_dipilih(request) -> tuple[Kelurahan | None, list[Kelurahan]]:
    """The kelurahan an operator works on: their only one, or the one chosen by kode."""
    pilihan = selectors.kelurahan_kelola(request.user)
    if not pilihan:
        raise PermissionDenied
    if len(pilihan) == 1:
        return pilihan[0], pilihan
    kode = request.GET.get("kelurahan") or request.POST.get("kelurahan")
    return next((k for k in pilihan if k.kode == kode), None), pilihan


def _usulan(request, pk: int) -> Usulan:
    try:
        return selectors.usulan_detail(request.user, pk)
    except Usulan.DoesNotExist as e:
        raise Http404 from e


def daftar(request):
    form = SaringanForm(request.GET or None, user=request.user)
    saring = form.saring() if request.GET else {}
    siklus = saring.get("siklus") or siklus_bawaan(request.user)
    qs = selectors.usulan_daftar(request.user, siklus=siklus, saring=saring)
    ringkasan = selectors.usulan_ringkasan(qs)
    paginator = Paginator(qs, PER_HALAMAN)
    # The summary already counted the rows: no second COUNT over the whole siklus.
    paginator.count = ringkasan["jumlah"]
    halaman = paginator.get_page(request.GET.get("hal"))
    # "Pilih semua draf" without JavaScript: the same page with every draft ticked.
    pilih_semua = request.GET.get("pilih") == "draf"
    params = request.GET.copy()
    params.pop("pilih", None)
    kembali = params.urlencode()  # this page, after a bulk submission
    params.pop("hal", None)
    params_pilih = request.GET.copy()
    params_pilih["pilih"] = "draf"
    return render(
        request,
        "usulan/daftar.html",
        {
            "form": form,
            "siklus": siklus,
            "halaman": halaman,
            "ringkasan": ringkasan,
            "params": params.urlencode(),
            "kembali": kembali,
            "params_pilih": params_pilih.urlencode(),
            "pilih_semua": pilih_semua,
            "pilihan": selectors.pilihan_ajukan(request.user, halaman.object_list),
            "boleh_kelola": bool(selectors.kelurahan_kelola(request.user)),
            "banyak_kelurahan": not form.satu_kelurahan,
        },
    )


@require_POST
def ajukan_banyak(request):
    """Submit the drafts ticked on the list; back to the same list page with a report."""
    if not selectors.kelurahan_kelola(request.user):
        raise PermissionDenied
    ids = [pk for pk in request.POST.getlist("usulan") if pk.isdigit()]
    kembali = QueryDict(request.POST.get("kembali", "")).urlencode()
    tujuan = reverse("usulan:daftar") + (f"?{kembali}" if kembali else "")
    if not ids:
        messages.warning(request, _("Pilih dulu draf yang akan diajukan."))
        return redirect(tujuan)
    hasil = services.usulan_ajukan_banyak(user=request.user, usulan_ids=ids)
    if hasil.diajukan:
        messages.success(
            request,
            ngettext(
                "%(n)d usulan diajukan ke Musrenbang.",
                "%(n)d usulan diajukan ke Musrenbang.",
                len(hasil.diajukan),
            )
            % {"n": len(hasil.diajukan)},
        )
    for usulan, alasan in hasil.ditolak:
        messages.error(
            request,
            _("%(kode)s tidak diajukan: %(alasan)s") % {"kode": usulan.kode, "alasan": alasan},
        )
    if hasil.tidak_ditemukan:
        messages.warning(
            request,
            _("%(n)d usulan yang dipilih tidak ditemukan di wilayah Anda; tidak ada yang diubah.")
            % {"n": hasil.tidak_ditemukan},
        )
    return redirect(tujuan)


def untuk_kelurahan(judul: str):
    """View decorator: the view gets the kelurahan the operator works on as its second
    argument. An operator of several kelurahan picks one first (page titled ``judul``);
    a user who manages none gets 403."""

    def dekorator(view):
        @wraps(view)
        def dibungkus(request, *args, **kwargs):
            kelurahan, pilihan = kelurahan_dipilih(request)
            if kelurahan is None:
                return render(
                    request, "usulan/pilih_kelurahan.html", {"pilihan": pilihan, "judul": judul}
                )
            return view(request, kelurahan, *args, **kwargs)

        return dibungkus

    return dekorator


@untuk_kelurahan(gettext_lazy("Tambah usulan"))
def tambah(request, kelurahan):
    try:
        siklus = services.siklus_aktif_untuk(kelurahan)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return redirect("usulan:daftar")
    dari_rpjm = selectors.isian_dari_rpjm(kelurahan, request.GET.get("rpjm", ""))
    form = UsulanForm(
        request.POST or None,
        request.FILES or None,
        kelurahan=kelurahan,
        siklus=siklus,
        url_duplikat=reverse("usulan:duplikat") + f"?kelurahan={kelurahan.kode}",
        initial=dari_rpjm,
    )
    if dari_rpjm and request.method == "GET":
        messages.info(
            request,
            _(
                "Diisi dari kegiatan RPJM Desa “%(k)s”. Lengkapi RW/dusun, sektor, permasalahan "
                "dan sasaran, lalu simpan sebagai draf."
            )
            % {"k": dari_rpjm["judul"]},
        )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                usulan = services.usulan_buat(
                    user=request.user, kelurahan=kelurahan, data=form.data_usulan()
                )
                for berkas in form.cleaned_data["foto"]:
                    foto_services.foto_tambah(user=request.user, usulan=usulan, berkas=berkas)
                if "ajukan" in request.POST:
                    services.usulan_ajukan(user=request.user, usulan=usulan)
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e, form)
        else:
            messages.success(
                request,
                _("Usulan tersimpan dengan kode %(kode)s. Berikan kode ini kepada pengusul.")
                % {"kode": usulan.kode},
            )
            return redirect("usulan:detail", pk=usulan.pk)
    return render(
        request,
        "usulan/form.html",
        {
            "form": form,
            "kelurahan": kelurahan,
            "siklus": siklus,
            "duplikat": [],
            "pengajuan_ditutup": selectors.pengajuan_ditutup_untuk(
                kelurahan=kelurahan, siklus=siklus
            ),
        },
    )


def detail(request, pk: int):
    usulan = _usulan(request, pk)
    boleh_kelola = boleh(request.user, Aksi.KELOLA_USULAN, usulan)
    return render(
        request,
        "usulan/detail.html",
        {
            "usulan": usulan,
            "riwayat": selectors.usulan_riwayat(usulan),
            "boleh_kelola": boleh_kelola and usulan.terbuka and usulan.siklus.aktif,
            "foto_form": FotoForm(),
            "tarik_form": TarikForm(),
            "maks_foto": foto_services.MAKS_FOTO,
            "duplikat": selectors.kemungkinan_duplikat(
                request.user,
                kelurahan=usulan.kelurahan,
                siklus=usulan.siklus,
                judul=usulan.judul,
                lingkungan_id=usulan.lingkungan_id,
                kecuali=usulan,
            ),
        },
    )


def ubah(request, pk: int):
    usulan = _usulan(request, pk)
    if not boleh(request.user, Aksi.KELOLA_USULAN, usulan):
        raise PermissionDenied
    if not (usulan.terbuka and usulan.siklus.aktif):
        messages.error(
            request,
            _("Usulan berstatus “%(status)s” tidak dapat diubah lagi.")
            % {"status": usulan.get_status_display()},
        )
        return redirect("usulan:detail", pk=usulan.pk)
    form = UsulanForm(
        request.POST or None,
        instance=usulan,
        kelurahan=usulan.kelurahan,
        siklus=usulan.siklus,
        url_duplikat=reverse("usulan:duplikat")
        + f"?kelurahan={usulan.kelurahan.kode}&kecuali={usulan.pk}",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.usulan_ubah(
                user=request.user,
                usulan=usulan,
                data=form.data_usulan(),
                versi=form.cleaned_data["versi"] or 0,
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e, form)
        else:
            messages.success(request, _("Perubahan usulan tersimpan."))
            return redirect("usulan:detail", pk=usulan.pk)
    return render(
        request,
        "usulan/form.html",
        {"form": form, "usulan": usulan, "kelurahan": usulan.kelurahan, "siklus": usulan.siklus},
    )


def _usulan_kelola(request, pk: int) -> Usulan:
    """The usulan the user may change: 404 outside their wilayah, 403 without the right.
    Called before the request's body is read, so the answer to someone outside never
    depends on what they posted (nor tells them that the usulan exists)."""
    usulan = _usulan(request, pk)
    if not boleh(request.user, Aksi.KELOLA_USULAN, usulan):
        raise PermissionDenied
    return usulan


def _jalankan(request, usulan: Usulan, fungsi, pesan: str, **kwargs) -> tuple[bool, object]:
    """Run one usulan service for the request's user; (succeeded, its result)."""
    try:
        hasil = fungsi(user=request.user, usulan=usulan, **kwargs)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return False, None
    messages.success(request, pesan)
    return True, hasil


@require_POST
def ajukan(request, pk: int):
    _jalankan(
        request,
        _usulan_kelola(request, pk),
        services.usulan_ajukan,
        _("Usulan sudah diajukan ke Musrenbang."),
    )
    return redirect("usulan:detail", pk=pk)


@require_POST
def tarik(request, pk: int):
    usulan = _usulan_kelola(request, pk)
    form = TarikForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan menarik kembali usulan."))
        return redirect("usulan:detail", pk=pk)
    _jalankan(
        request,
        usulan,
        services.usulan_tarik,
        _("Usulan ditarik kembali menjadi draf."),
        alasan=form.cleaned_data["alasan"],
    )
    return redirect("usulan:detail", pk=pk)


@require_POST
def hapus(request, pk: int):
    berhasil, _hasil = _jalankan(
        request, _usulan_kelola(request, pk), services.usulan_hapus, _("Draf usulan dihapus.")
    )
    return redirect("usulan:daftar") if berhasil else redirect("usulan:detail", pk=pk)


@require_POST
def lanjutkan(request, pk: int):
    berhasil, baru = _jalankan(
        request,
        _usulan_kelola(request, pk),
        services.usulan_lanjutkan,
        _("Usulan dilanjutkan ke siklus aktif."),
    )
    return redirect("usulan:detail", pk=baru.pk if berhasil else pk)


@untuk_kelurahan(gettext_lazy("Lanjutkan usulan tahun lalu"))
def lanjutan(request, kelurahan):
    """Earlier usulan of the operator's kelurahan that can be carried over in one click."""
    try:
        aktif = services.siklus_aktif_untuk(kelurahan)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return redirect("usulan:daftar")
    return render(
        request,
        "usulan/lanjutan.html",
        {
            "kelurahan": kelurahan,
            "siklus": aktif,
            "usulan_list": selectors.usulan_bisa_dilanjutkan(
                request.user, kelurahan=kelurahan, siklus_aktif=aktif
            ),
        },
    )


def duplikat(request):
    """htmx partial: usulan that look like the judul being typed (a warning only)."""
    kelurahan = get_object_or_404(
        Kelurahan.objects.for_user(request.user), kode=request.GET.get("kelurahan", "")
    )
    siklus = siklus_bawaan(request.user)
    kecuali = None
    if (pk := request.GET.get("kecuali", "")).isdigit():
        kecuali = Usulan.objects.for_user(request.user).filter(pk=int(pk)).first()
    lingkungan = request.GET.get("lingkungan", "")
    hasil = []
    if siklus is not None:
        hasil = selectors.kemungkinan_duplikat(
            request.user,
            kelurahan=kelurahan,
            siklus=siklus,
            judul=request.GET.get("judul", ""),
            lingkungan_id=int(lingkungan) if lingkungan.isdigit() else None,
            kecuali=kecuali,
        )
    return render(request, "usulan/_duplikat.html", {"duplikat": hasil})


def rt_pilihan(request):
    """htmx partial: the usulan form's RT field for the RW/dusun just chosen."""
    kelurahan = get_object_or_404(
        Kelurahan.objects.for_user(request.user), kode=request.GET.get("kelurahan", "")
    )
    lingkungan = request.GET.get("lingkungan", "")
    rt = request.GET.get("rt", "")
    form = PilihRTForm(
        initial={"rt": int(rt)} if rt.isdigit() else {},
        kelurahan=kelurahan,
        lingkungan_id=int(lingkungan) if lingkungan.isdigit() else None,
    )
    return render(request, "usulan/_pilih_rt.html", {"form": form})


@require_POST
def foto_tambah(request, pk: int):
    usulan = _usulan(request, pk)
    if not boleh(request.user, Aksi.KELOLA_USULAN, usulan):
        raise PermissionDenied
    form = FotoForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("usulan:detail", pk=pk)
    try:
        foto_services.foto_tambah(
            user=request.user,
            usulan=usulan,
            berkas=form.cleaned_data["gambar"],
            keterangan=form.cleaned_data["keterangan"],
        )
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    else:
        messages.success(request, _("Foto ditambahkan."))
    return redirect("usulan:detail", pk=pk)


def _foto(request, pk: int, foto_pk: int) -> FotoUsulan:
    usulan = _usulan(request, pk)
    return get_object_or_404(FotoUsulan, pk=foto_pk, usulan=usulan)


def foto_lihat(request, pk: int, foto_pk: int):
    # Photos are served through the scope check, never as public media files.
    foto = _foto(request, pk, foto_pk)
    response = FileResponse(foto.gambar.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def foto_hapus(request, pk: int, foto_pk: int):
    foto = _foto(request, pk, foto_pk)
    if not boleh(request.user, Aksi.KELOLA_USULAN, foto.usulan):
        raise PermissionDenied
    try:
        foto_services.foto_hapus(user=request.user, foto=foto)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    else:
        messages.success(request, _("Foto dihapus."))
    return redirect("usulan:detail", pk=pk)
