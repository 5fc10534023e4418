"""Screens only the Musrenbang Kota/Kabupaten has: the way in from Bappeda's home, the
board of the kecamatan results with the pull, and the decisions per perangkat daerah.
Thin, like every forum view: scoped fetch (404), right (403), one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.akun.permissions import Aksi, boleh
from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.musyawarah.kota import kesepakatan
from apps.musyawarah.kota import persiapan as kota_persiapan
from apps.musyawarah.kota import selectors as kota_selectors
from apps.musyawarah.kota.kesepakatan import KeputusanKota
from apps.musyawarah.views import ambil, konteks, wajib_kelola
from apps.usulan.views import siklus_bawaan
from apps.wilayah.models import Daerah

KOTA = "kota"


def kota(request):
    """Bappeda's way in (its home page's step): the kota forum of the active siklus, or
    the forum list, where it is started."""
    m = kota_selectors.forum_kota(request.user, siklus_bawaan(request.user))
    if m is not None:
        return redirect("musyawarah:ringkasan", pk=m.pk)
    return redirect(reverse("musyawarah:daftar") + "#kota")


@require_POST
def buat(request):
    """An admin Bappeda opens the daerah's forum (from the forum list)."""
    daerah = get_object_or_404(
        Daerah.objects.for_user(request.user), kode=request.POST.get("daerah", "")
    )
    if not boleh(request.user, Aksi.KELOLA_MUSYAWARAH_KOTA, daerah):
        raise PermissionDenied
    try:
        m = kota_persiapan.musyawarah_kota_buat(user=request.user, daerah=daerah)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return redirect("musyawarah:daftar")
    messages.success(
        request,
        _(
            "Musrenbang %(d)s dibuat; hasil Musrenbang kecamatan yang sudah ditandatangani "
            "sudah ditarik."
        )
        % {"d": daerah.nama},
    )
    return redirect("musyawarah:ringkasan", pk=m.pk)


def hasil_kecamatan(request, pk: int):
    """Every kecamatan's forum and what of it the kota forum holds, and the pull."""
    m = ambil(request, pk, KOTA)
    papan = kota_selectors.papan_kecamatan(m)
    return render(
        request,
        "musyawarah/kota/hasil_kecamatan.html",
        konteks(
            request,
            m,
            "hasil_kecamatan",
            papan=papan,
            jumlah_ditandatangani=sum(1 for b in papan if b.forum and b.forum.ditandatangani),
            jumlah_usulan=sum(b.usulan for b in papan),
            jumlah_biaya=sum(b.biaya for b in papan),
        ),
    )


@require_POST
def tarik(request, pk: int):
    m = ambil(request, pk, KOTA)
    wajib_kelola(request, m)
    try:
        hasil = kota_persiapan.hasil_kecamatan_tarik(user=request.user, musyawarah=m)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    else:
        if hasil.usulan or hasil.peserta:
            messages.success(
                request,
                _("%(u)d usulan dan %(p)d peserta baru ditarik.")
                % {"u": hasil.usulan, "p": hasil.peserta},
            )
        else:
            messages.info(request, _("Tidak ada hasil kecamatan baru."))
    return redirect("musyawarah:hasil_kecamatan", pk=pk)


def _baris_post(request, baris) -> list[dict]:
    data = []
    for p in baris:
        pd = request.POST.get(f"pd-{p.pk}", "")
        data.append(
            {
                "pembahasan_id": p.pk,
                "keputusan": request.POST.get(f"keputusan-{p.pk}", KeputusanKota.BELUM),
                "perangkat_daerah_id": int(pd) if pd.isdigit() else None,
                "alasan": request.POST.get(f"alasan-{p.pk}", "")[:1000],
            }
        )
    return data


def kesepakatan_halaman(request, pk: int):
    """The forum's decisions, one perangkat daerah at a time (``?pd=<pk>``; ``pd=0`` for
    usulan without one): the usulan the kecamatan sent it, and for each, agreed, moved to
    another perangkat daerah, or not agreed with a reason."""
    m = ambil(request, pk, KOTA)
    blok = kota_selectors.per_perangkat_daerah(m)
    dipilih_pk = request.POST.get("pd", request.GET.get("pd", ""))
    dipilih = next((b for b in blok if str(b.pd.pk if b.pd else 0) == dipilih_pk), None)
    if dipilih is None and blok:
        dipilih = next((b for b in blok if b.belum), blok[0])
    url = reverse("musyawarah:kesepakatan", args=[pk])
    if dipilih is not None:
        url += "?" + urlencode({"pd": dipilih.pd.pk if dipilih.pd else 0})
    if request.method == "POST" and dipilih is not None:
        wajib_kelola(request, m)
        data = _baris_post(request, dipilih.baris)
        versi = request.POST.get("versi", "")
        try:
            kesepakatan.kesepakatan_simpan(
                user=request.user,
                musyawarah=m,
                baris=data,
                versi=int(versi) if versi.isdigit() else -1,
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e)
            # Refused: show what was typed.
            ketik = {b["pembahasan_id"]: b for b in data}
            for p in dipilih.baris:
                b = ketik[p.pk]
                p.keputusan_kota, p.alasan = b["keputusan"], b["alasan"]
                p.pd_dipilih = b["perangkat_daerah_id"]
        else:
            messages.success(
                request,
                _("Kesepakatan untuk %(pd)s tersimpan.")
                % {"pd": dipilih.pd or _("usulan tanpa perangkat daerah")},
            )
            return redirect(url)
    pilihan_pd = list(kesepakatan.perangkat_daerah_forum(m).values())
    pilihan_pd.sort(key=lambda pd: pd.nama)
    return render(
        request,
        "musyawarah/kota/kesepakatan.html",
        konteks(
            request,
            m,
            "kesepakatan",
            blok=blok,
            dipilih=dipilih,
            pilihan=KeputusanKota.choices,
            pilihan_pd=pilihan_pd,
            url=url,
            jumlah=sum(b.jumlah for b in blok),
            belum=sum(b.belum for b in blok),
        ),
    )
