"""Pages without login: track an usulan by its receipt code, verify a signed document.

Both take a code as people type it or read it off paper (any case, spaces, with or
without dashes) and send them to the one canonical address of that code.
"""

import datetime
import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.dokumen.kode import kode_verifikasi_sah, normalkan_kode_verifikasi
from apps.dokumen.models import DokumenFinal
from apps.musyawarah.forms_kecamatan import PendaftaranForm
from apps.musyawarah.kecamatan.pendaftaran import pendaftaran_kirim, pendaftaran_terbuka
from apps.publik.selectors import musrenbang_publik, riwayat_publik, usulan_publik
from apps.usulan.kode import kode_sah, normalkan_kode


@login_not_required
def lacak(request):
    diketik = request.GET.get("kode", "").strip()
    kode = normalkan_kode(diketik)
    if kode_sah(kode):
        return redirect("publik:lacak_detail", kode=kode)
    konteks = {"kode": diketik, "tidak_ditemukan": True, "kode_sah": False} if kode else {}
    return render(request, "publik/lacak.html", konteks)


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
def verifikasi_cari(request):
    """The form where a code read off a printed document is typed."""
    diketik = request.GET.get("kode", "").strip()
    kode = normalkan_kode_verifikasi(diketik)
    if kode_verifikasi_sah(kode):
        return redirect("publik:verifikasi", kode=kode)
    return render(
        request, "publik/verifikasi_cari.html", {"kode": diketik, "bukan_kode": bool(kode)}
    )


@login_not_required
def verifikasi(request, kode: str):
    """What was signed, when, by whom, and the SHA-256 of the stored PDF."""
    normal = normalkan_kode_verifikasi(kode)
    sah = kode_verifikasi_sah(normal)
    if sah and normal != kode:
        return redirect("publik:verifikasi", kode=normal)
    dokumen = DokumenFinal.objects.filter(kode=normal).first() if sah else None
    if dokumen is None:
        return render(
            request, "publik/verifikasi.html", {"kode": kode, "kode_sah": sah}, status=404
        )
    return render(request, "publik/verifikasi.html", {"dokumen": dokumen, "s": dokumen.snapshot})


@login_not_required
def verifikasi_unduh(request, kode: str):
    dokumen = DokumenFinal.objects.filter(kode=normalkan_kode_verifikasi(kode)).first()
    if dokumen is None:
        raise Http404
    return FileResponse(
        dokumen.pdf.open("rb"),
        as_attachment=True,
        filename=f"{dokumen.jenis.replace('_', '-')}-{dokumen.kode}.pdf",
        content_type="application/pdf",
    )


def _sidik_pengirim(request) -> str:
    """A salted hash of the sender's address: enough to limit registrations per sender,
    without keeping anyone's IP address."""
    alamat = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{alamat}".encode()).hexdigest()


@login_not_required
def musrenbang(request, pk: int):
    """The public announcement of a Musrenbang Kecamatan (seed 4.a.6): date, agenda and
    place, published from the announcement date; and its registration form (4.a.7)."""
    m = musrenbang_publik(pk)
    if m is None:
        raise Http404
    terbuka = pendaftaran_terbuka(m)
    form = PendaftaranForm(musyawarah=m) if terbuka else None
    if request.method == "POST" and terbuka:
        form = PendaftaranForm(request.POST, musyawarah=m)
        if form.is_valid():
            if form.cleaned_data["situs"]:
                # Filled by a script, not a person: answer as if it worked, store nothing.
                messages.success(request, _("Terima kasih, pendaftaran Anda kami terima."))
                return redirect("publik:musrenbang", pk=pk)
            try:
                pendaftaran_kirim(
                    musyawarah=m,
                    data=form.data_pendaftaran(),
                    sidik_pengirim=_sidik_pengirim(request),
                )
            except GALAT_LAYANAN as e:
                tampilkan_galat(request, e, form)
            else:
                messages.success(
                    request,
                    _(
                        "Terima kasih, pendaftaran Anda kami terima. Panitia akan menghubungi "
                        "Anda melalui kontak yang Anda tulis."
                    ),
                )
                return redirect("publik:musrenbang", pk=pk)
    return render(
        request,
        "publik/musrenbang.html",
        {
            "m": m,
            "form": form,
            "agenda": m.agenda.all(),
            "terbuka": terbuka,
            # Registration closes the day before the forum (pendaftaran_terbuka).
            "tutup": m.tanggal - datetime.timedelta(days=1) if m.tanggal else None,
        },
    )
