"""The five outputs as pages, PDFs and Excel files.

Before signing they are drafts built from live data (marked DRAF); once signed, every
page and file is rendered from the frozen snapshot, and the berita acara PDF is the
stored file whose SHA-256 the verification page shows.
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.core.http import unduhan
from apps.dokumen.berkas import MIMETYPE
from apps.musyawarah import cetak
from apps.musyawarah import materi as materi_services
from apps.musyawarah.forms import MateriForm
from apps.musyawarah.models import MateriMusyawarah
from apps.musyawarah.tingkat import spek
from apps.musyawarah.views import aksi_bagian, ambil, konteks, url_verifikasi, wajib_kelola


def _snapshot(request, m) -> tuple[dict, str, str]:
    """(snapshot, verification code, url): frozen once signed, live before."""
    if m.berita_acara is not None:
        kode = m.berita_acara.kode
        return m.berita_acara.snapshot, kode, url_verifikasi(request)(kode)
    if m.snapshot_latihan is not None:
        return m.snapshot_latihan, "", ""
    return spek(m).snapshot(m), "", ""


def keluaran(request, pk: int, jenis: str):
    m = ambil(request, pk)
    dok = spek(m).keluaran
    if jenis not in dok.KELUARAN:
        raise Http404
    s, kode, url = _snapshot(request, m)
    return render(
        request,
        spek(m).templat_keluaran,
        konteks(
            request,
            m,
            "keluaran",
            s=s,
            jenis=jenis,
            judul=dok.judul(jenis, s),
            kode=kode,
            url_verifikasi=url,
            daftar_jenis=[(j, dok.judul(j, s)) for j in dok.KELUARAN],
        ),
    )


def unduh(request, pk: int, jenis: str, fmt: str):
    m = ambil(request, pk)
    dok = spek(m).keluaran
    if jenis not in dok.KELUARAN or fmt not in ("pdf", "xlsx"):
        raise Http404
    s, kode, url = _snapshot(request, m)
    if fmt == "xlsx":
        return unduhan(*dok.xlsx_keluaran(jenis, s))
    if jenis == "berita_acara" and m.berita_acara is not None:
        # The signed file itself: its bytes are what the stored SHA-256 describes.
        return FileResponse(
            m.berita_acara.pdf.open("rb"),
            as_attachment=True,
            filename=f"berita-acara-{m.berita_acara.kode}.pdf",
            content_type="application/pdf",
        )
    return unduhan(*dok.pdf_keluaran(jenis, s, kode=kode, url=url, logo=cetak.logo_daerah(m)))


@require_POST
def materi_tambah(request, pk: int):
    m = ambil(request, pk)
    wajib_kelola(request, m)
    form = MateriForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Isi judul dan pilih berkasnya."))
        return redirect("musyawarah:ringkasan", pk=pk)
    try:
        materi_services.materi_tambah(
            user=request.user,
            musyawarah=m,
            judul=form.cleaned_data["judul"],
            berkas=form.cleaned_data["berkas"],
        )
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    else:
        messages.success(request, _("Bahan musyawarah ditambahkan."))
    return redirect("musyawarah:ringkasan", pk=pk)


def materi_unduh(request, pk: int, materi_pk: int):
    """A material, only to those who see the forum, always as a download."""
    m = ambil(request, pk)
    materi = get_object_or_404(MateriMusyawarah, pk=materi_pk, musyawarah=m)
    return FileResponse(
        materi.berkas.open("rb"),
        as_attachment=True,
        filename=f"{slugify(materi.judul) or 'bahan'}.{materi.format}",
        content_type=MIMETYPE[materi.format],
    )


@require_POST
def materi_hapus(request, pk: int, materi_pk: int):
    return aksi_bagian(
        request,
        pk,
        MateriMusyawarah,
        materi_pk,
        "musyawarah:ringkasan",
        lambda materi: materi_services.materi_hapus(user=request.user, materi=materi),
    )
