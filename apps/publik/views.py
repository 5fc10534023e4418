"""Pages without login: track an usulan by its receipt code."""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render

from apps.dokumen.models import DokumenFinal
from apps.publik.selectors import riwayat_publik, usulan_publik
from apps.usulan.kode import kode_sah, normalkan_kode


@login_not_required
def lacak(request):
    kode = normalkan_kode(request.GET.get("kode", ""))
    if kode:
        return redirect("publik:lacak_detail", kode=kode)
    return render(request, "publik/lacak.html", {})


@login_not_required
def lacak_detail(request, kode: str):
    normal = normalkan_kode(kode)
    if normal != kode:
        return redirect("publik:lacak_detail", kode=normal)
    usulan = usulan_publik(kode) if kode_sah(kode) else None
    if usulan is None:
        return render(
            request,
            "publik/lacak.html",
            {"kode": kode, "tidak_ditemukan": True, "kode_sah": kode_sah(kode)},
            status=404,
        )
    return render(
        request, "publik/lacak_detail.html", {"usulan": usulan, "riwayat": riwayat_publik(usulan)}
    )


@login_not_required
def verifikasi(request, kode: str):
    """What was signed, when, by whom, and the SHA-256 of the stored PDF."""
    dokumen = DokumenFinal.objects.filter(kode=kode.strip().upper()).first()
    if dokumen is None:
        return render(request, "publik/verifikasi.html", {"kode": kode}, status=404)
    return render(request, "publik/verifikasi.html", {"dokumen": dokumen, "s": dokumen.snapshot})


@login_not_required
def verifikasi_unduh(request, kode: str):
    dokumen = get_object_or_404(DokumenFinal, kode=kode.strip().upper())
    return FileResponse(
        dokumen.pdf.open("rb"),
        as_attachment=True,
        filename=f"{dokumen.jenis.replace('_', '-')}-{dokumen.kode}.pdf",
        content_type="application/pdf",
    )
