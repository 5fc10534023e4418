"""The five outputs as pages, PDFs and Excel files.

Before signing they are drafts built from live data (marked DRAF); once signed, every
page and file is rendered from the frozen snapshot, and the berita acara PDF is the
stored file whose SHA-256 the verification page shows.
"""

from django.http import FileResponse, Http404
from django.shortcuts import render

from apps.core.http import unduhan
from apps.musyawarah import cetak
from apps.musyawarah.keluaran import snapshot_desa
from apps.musyawarah.views import ambil, konteks, url_verifikasi


def _snapshot(request, m) -> tuple[dict, str, str]:
    """(snapshot, verification code, url): frozen once signed, live before."""
    if m.berita_acara is not None:
        kode = m.berita_acara.kode
        return m.berita_acara.snapshot, kode, url_verifikasi(request)(kode)
    return snapshot_desa(m), "", ""


def keluaran(request, pk: int, jenis: str):
    if jenis not in cetak.KELUARAN:
        raise Http404
    m = ambil(request, pk)
    s, kode, url = _snapshot(request, m)
    return render(
        request,
        "musyawarah/keluaran.html",
        konteks(
            request,
            m,
            "keluaran",
            s=s,
            jenis=jenis,
            judul=cetak.JUDUL[jenis],
            kode=kode,
            url_verifikasi=url,
            daftar_jenis=[(j, cetak.JUDUL[j]) for j in cetak.KELUARAN],
        ),
    )


def unduh(request, pk: int, jenis: str, fmt: str):
    if jenis not in cetak.KELUARAN or fmt not in ("pdf", "xlsx"):
        raise Http404
    m = ambil(request, pk)
    s, kode, url = _snapshot(request, m)
    if fmt == "xlsx":
        return unduhan(*cetak.xlsx_keluaran(jenis, s))
    if jenis == "berita_acara" and m.berita_acara is not None:
        # The signed file itself: its bytes are what the stored SHA-256 describes.
        return FileResponse(
            m.berita_acara.pdf.open("rb"),
            as_attachment=True,
            filename=f"berita-acara-{m.berita_acara.kode}.pdf",
            content_type="application/pdf",
        )
    return unduhan(*cetak.pdf_keluaran(jenis, s, kode=kode, url=url, logo=cetak.logo_daerah(m)))
