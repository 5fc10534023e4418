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
from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.core.models import Jejak
from apps.core.scoping import cakupan_dari
from apps.musyawarah import latihan as latihan_services
from apps.musyawarah import pembahasan as pembahasan_services
from apps.musyawarah import penetapan, persiapan, selectors
from apps.musyawarah.forms import AlasanForm, MateriForm
from apps.musyawarah.kota import selectors as kota_selectors
from apps.musyawarah.models import Musyawarah
from apps.musyawarah.tindakan import tindakan_terbuka
from apps.musyawarah.tingkat import kekurangan, spek
from apps.usulan.selectors import kelurahan_kelola
from apps.usulan.views import siklus_bawaan


def ambil(request, pk: int, tingkat: str | None = None) -> Musyawarah:
    """The forum, within the user's scope (404 otherwise); with ``tingkat``, a page of one
    level only (another level's forum is not found there either)."""
    try:
        m = selectors.musyawarah_detail(request.user, pk)
    except Musyawarah.DoesNotExist as e:
        raise Http404 from e
    if tingkat is not None and m.tingkat != tingkat:
        raise Http404
    return m


def boleh_kelola(request, m: Musyawarah) -> bool:
    return boleh(request.user, spek(m).aksi_kelola, m)


def wajib_kelola(request, m: Musyawarah) -> None:
    if not boleh_kelola(request, m):
        raise PermissionDenied


def aksi_bagian(request, pk: int, model, bagian_pk: int, tujuan: str, lakukan):
    """A POST on one part of a forum (a TPM member, an agenda item, a participant...):
    find it within the forum (404), check the right (403), run ``lakukan(part)``, and go
    back to the ``tujuan`` page of the forum with any refusal shown."""
    m = ambil(request, pk)
    wajib_kelola(request, m)
    bagian = get_object_or_404(model, pk=bagian_pk, musyawarah=m)
    try:
        lakukan(bagian)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    return redirect(tujuan, pk=pk)


def url_verifikasi(request):
    """The public URL a QR code opens: DJANGO_SITE_URL if set, else this request's host."""
    basis = settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
    return lambda kode: basis + reverse("publik:verifikasi", args=[kode])


def konteks(request, m: Musyawarah, aktif: str, **extra) -> dict:
    """What every forum page shows: the forum, its tabs, and what the user may do now
    (``bisa.<tindakan>``: booleans from the one table of apps.musyawarah.tindakan)."""
    kelola = boleh_kelola(request, m)
    return {
        "m": m,
        "aktif": aktif,
        "tab": [(reverse(t.url_name, args=[m.pk, *t.args]), t.label, t.aktif) for t in spek(m).tab],
        "boleh_kelola": kelola and not m.ditandatangani,
        "bisa": tindakan_terbuka(m, boleh_kelola=kelola),
        "nama_forum": spek(m).nama_forum(m),
        "spek": spek(m),
        **extra,
    }


def simpan_form(request, form, simpan, *, pesan: str = "", tujuan: str = ""):
    """The POST half of a form on a forum page: when ``form`` is valid, run
    ``simpan(cleaned_data)``; on success show ``pesan`` and redirect to ``tujuan`` (a URL);
    on a refusal, put it beside the form and return None (the page is shown again with
    the user's input)."""
    if not form.is_valid():
        return None
    try:
        simpan(form.cleaned_data)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e, form)
        return None
    if pesan:
        messages.success(request, pesan)
    return redirect(tujuan)


def daftar(request):
    """Every kelurahan of the user's wilayah with the state of its forum, by name."""
    siklus = siklus_bawaan(request.user)
    kelola = {k.pk for k in kelurahan_kelola(request.user)}
    kota = None
    # The daerah's own forum, for those whose wilayah is the whole daerah (Bappeda).
    if siklus is not None and cakupan_dari(request.user).mencakup_kode(siklus.daerah.kode):
        kota = (
            siklus.daerah,
            kota_selectors.forum_kota(request.user, siklus),
            boleh(request.user, Aksi.KELOLA_MUSYAWARAH_KOTA, siklus.daerah),
        )
    return render(
        request,
        "musyawarah/daftar.html",
        {
            "siklus": siklus,
            "baris": selectors.forum_per_kelurahan(request.user, siklus),
            "kelola": kelola,
            "kota": kota,
            "kecamatan": [
                (k, m, boleh(request.user, Aksi.KELOLA_MUSYAWARAH_KECAMATAN, k))
                for k, m in selectors.forum_per_kecamatan(request.user, siklus)
            ],
        },
    )


@require_POST
def buat(request):
    pilihan = kelurahan_kelola(request.user)
    kelurahan = next((k for k in pilihan if k.kode == request.POST.get("kelurahan")), None)
    if kelurahan is None:
        raise PermissionDenied
    try:
        m = persiapan.musyawarah_desa_buat(user=request.user, kelurahan=kelurahan)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return redirect("musyawarah:daftar")
    messages.success(
        request, _("Musrenbang %(k)s dibuat. Mulai dengan TPM dan tim pemandu.") % {"k": kelurahan}
    )
    return redirect("musyawarah:ringkasan", pk=m.pk)


def ringkasan(request, pk: int):
    m = ambil(request, pk)
    kurang = kekurangan(m)
    return render(
        request,
        "musyawarah/ringkasan.html",
        konteks(
            request,
            m,
            "ringkasan",
            kurang=kurang,
            langkah=selectors.langkah_berikutnya(m, kurang),
            bisa_dibuka=selectors.bisa_dibuka(m, kurang),
            latihan=Musyawarah.objects.filter(latihan_dari=m).first(),
            kelola_latihan=boleh_kelola(request, m) and (m.latihan or not m.ditandatangani),
            materi_form=MateriForm(),
            peringatan=selectors.peringatan(m),
            ket=selectors.keterwakilan(m, list(m.peserta.all())),
            riwayat=list(Jejak.objects.untuk_objek(m).select_related("oleh")),
            buka_form=AlasanForm(),
            tautan_berlangsung=[
                (reverse(t.url_name, args=[m.pk, *t.args]), t.label)
                for t in spek(m).tab_berlangsung
            ],
        ),
    )


@require_POST
def latihan_buat(request, pk: int):
    m = ambil(request, pk)
    wajib_kelola(request, m)
    try:
        latihan = latihan_services.latihan_buat(user=request.user, musyawarah=m)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return redirect("musyawarah:ringkasan", pk=pk)
    messages.success(
        request,
        _(
            "Latihan dibuat. Jalankan seluruh musyawarah di sini: tidak ada yang tercatat "
            "resmi, dan semua dokumennya bertanda LATIHAN."
        ),
    )
    return redirect("musyawarah:ringkasan", pk=latihan.pk)


@require_POST
def latihan_hapus(request, pk: int):
    m = ambil(request, pk)
    wajib_kelola(request, m)
    asal = m.latihan_dari_id
    try:
        latihan_services.latihan_hapus(user=request.user, latihan=m)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return redirect("musyawarah:ringkasan", pk=pk)
    messages.success(request, _("Latihan dihapus."))
    return redirect("musyawarah:ringkasan", pk=asal)


def _transisi(request, pk: int, fungsi, pesan: str, **kwargs):
    m = ambil(request, pk)
    wajib_kelola(request, m)
    try:
        fungsi(user=request.user, musyawarah=m, **kwargs)
    except GALAT_LAYANAN as e:
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
    m = ambil(request, pk)
    return _transisi(
        request,
        pk,
        spek(m).tetapkan,
        _("Hasil musyawarah ditetapkan. Siapkan penandatangan berita acara."),
    )


@require_POST
def buka_kembali(request, pk: int):
    # Scope and right first: the form's answer must not tell an outsider the forum exists.
    wajib_kelola(request, ambil(request, pk))
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
    m = ambil(request, pk)
    return _transisi(
        request,
        pk,
        penetapan.berita_acara_tandatangani,
        str(spek(m).pesan_ditandatangani),
        url_verifikasi=url_verifikasi(request),
    )
