"""Forum screens: the list, the overview with its checklist, the status transitions.

Thin: fetch through the selectors (404 outside the user's wilayah), check the right (403),
call one service, show its DomainError (with every detail) and keep the user's input.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.akun.permissions import Aksi, boleh
from apps.core.exceptions import DomainError
from apps.musyawarah import pembahasan as pembahasan_services
from apps.musyawarah import penetapan, persiapan, selectors
from apps.musyawarah.forms import AlasanForm
from apps.musyawarah.models import Musyawarah, StatusMusyawarah
from apps.usulan.selectors import kelurahan_kelola
from apps.usulan.views import siklus_bawaan

S = StatusMusyawarah


def ambil(request, pk: int) -> Musyawarah:
    try:
        return selectors.musyawarah_detail(request.user, pk)
    except Musyawarah.DoesNotExist as e:
        raise Http404 from e


def boleh_kelola(request, m: Musyawarah) -> bool:
    return boleh(request.user, Aksi.KELOLA_MUSYAWARAH_DESA, m)


def wajib_kelola(request, m: Musyawarah) -> None:
    if not boleh_kelola(request, m):
        raise PermissionDenied


def tampilkan_galat(request, e: DomainError) -> None:
    """One message with every detail, so the operator sees all that is left to do."""
    messages.error(request, e.message)
    for rincian in e.rincian:
        messages.warning(request, rincian)


def aksi_bagian(request, pk: int, model, bagian_pk: int, tujuan: str, lakukan):
    """A POST on one part of a forum (a TPM member, an agenda item, a participant...):
    find it within the forum (404), check the right (403), run ``lakukan(part)``, and go
    back to the ``tujuan`` page of the forum with any refusal shown."""
    m = ambil(request, pk)
    wajib_kelola(request, m)
    bagian = get_object_or_404(model, pk=bagian_pk, musyawarah=m)
    try:
        lakukan(bagian)
    except DomainError as e:
        tampilkan_galat(request, e)
    return redirect(tujuan, pk=pk)


def url_verifikasi(request):
    """The public URL a QR code opens: DJANGO_SITE_URL if set, else this request's host."""
    basis = settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
    return lambda kode: basis + reverse("publik:verifikasi", args=[kode])


def konteks(request, m: Musyawarah, aktif: str, **extra) -> dict:
    """What every forum page shows: the forum, its tabs, whether the user may act."""
    return {
        "m": m,
        "aktif": aktif,
        "boleh_kelola": boleh_kelola(request, m) and not m.ditandatangani,
        "S": S,
        **extra,
    }


def daftar(request):
    siklus = siklus_bawaan(request.user)
    forum = selectors.musyawarah_daftar(request.user, siklus=siklus)
    ada = {m.kelurahan_id for m in forum}
    belum = [k for k in kelurahan_kelola(request.user) if k.pk not in ada]
    return render(
        request,
        "musyawarah/daftar.html",
        {"forum": forum, "siklus": siklus, "belum": belum},
    )


@require_POST
def buat(request):
    pilihan = kelurahan_kelola(request.user)
    kelurahan = next((k for k in pilihan if k.kode == request.POST.get("kelurahan")), None)
    if kelurahan is None:
        raise PermissionDenied
    try:
        m = persiapan.musyawarah_desa_buat(user=request.user, kelurahan=kelurahan)
    except DomainError as e:
        tampilkan_galat(request, e)
        return redirect("musyawarah:daftar")
    messages.success(
        request, _("Musrenbang %(k)s dibuat. Mulai dengan TPM dan tim pemandu.") % {"k": kelurahan}
    )
    return redirect("musyawarah:ringkasan", pk=m.pk)


def ringkasan(request, pk: int):
    m = ambil(request, pk)
    kurang = []
    if m.status == S.PERSIAPAN:
        kurang = persiapan.kekurangan_persiapan(m)
    elif m.status == S.PELAKSANAAN:
        kurang = pembahasan_services.kekurangan_keputusan(m)
    elif m.status == S.PENETAPAN:
        kurang = penetapan.kekurangan_tanda_tangan(m)
    return render(
        request,
        "musyawarah/ringkasan.html",
        konteks(
            request,
            m,
            "ringkasan",
            kurang=kurang,
            peringatan=selectors.peringatan(m),
            ket=selectors.keterwakilan(m, list(m.peserta.all())),
            riwayat=m.riwayat.select_related("oleh"),
            buka_form=AlasanForm(),
        ),
    )


def _transisi(request, pk: int, fungsi, pesan: str, **kwargs):
    m = ambil(request, pk)
    wajib_kelola(request, m)
    try:
        fungsi(user=request.user, musyawarah=m, **kwargs)
    except DomainError as e:
        tampilkan_galat(request, e)
    else:
        messages.success(request, pesan)
    return redirect("musyawarah:ringkasan", pk=pk)


@require_POST
def mulai(request, pk: int):
    return _transisi(
        request, pk, persiapan.musyawarah_mulai, _("Musyawarah dibuka. Catat kehadiran peserta.")
    )


@require_POST
def tetapkan(request, pk: int):
    return _transisi(
        request,
        pk,
        pembahasan_services.musyawarah_tetapkan,
        _("Hasil musyawarah ditetapkan. Siapkan penandatangan berita acara."),
    )


@require_POST
def buka_kembali(request, pk: int):
    form = AlasanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan membuka kembali pembahasan."))
        return redirect("musyawarah:ringkasan", pk=pk)
    return _transisi(
        request,
        pk,
        pembahasan_services.musyawarah_buka_kembali,
        _("Pembahasan dibuka kembali."),
        alasan=form.cleaned_data["alasan"],
    )


@require_POST
def tandatangani(request, pk: int):
    return _transisi(
        request,
        pk,
        penetapan.berita_acara_tandatangani,
        _("Berita acara ditandatangani. Hasil musyawarah kini final dan diteruskan ke kecamatan."),
        url_verifikasi=url_verifikasi(request),
    )
