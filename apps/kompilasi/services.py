"""Compilation downloads: small ones answered at once, big ones prepared in the
background (``tasks.unduhan_susun``) while the page shows their progress."""

import logging
import tempfile

from django.core.files import File
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.dokumen import pdf as dokumen_pdf
from apps.dokumen import xlsx as dokumen_xlsx
from apps.kompilasi import ekspor, selectors
from apps.kompilasi.models import Jenis, StatusUnduhan, Unduhan

log = logging.getLogger(__name__)

# Above this many usulan a download runs in the background: an Excel file of 2,000 rows
# takes about two seconds, a PDF of 150 rows about as long (WeasyPrint lays out pages).
BATAS_LANGSUNG = {Jenis.XLSX: 2000, Jenis.PDF: 150}
MIMETYPE = {Jenis.XLSX: dokumen_xlsx.MIMETYPE, Jenis.PDF: dokumen_pdf.MIMETYPE}
# The PDF's rows are read while the HTML is built, which is the first part of the work;
# WeasyPrint's layout is the rest.
BAGIAN_BARIS_PDF = 40


def nama_berkas(siklus, jenis: str, pada=None) -> str:
    pada = timezone.localtime(pada or timezone.now())
    return (
        f"kompilasi-{slugify(siklus.daerah.nama)}-{siklus.tahun_rencana}-{pada:%Y%m%d-%H%M}.{jenis}"
    )


def perlu_latar(qs, jenis: str) -> bool:
    """Whether a download of ``qs`` is big enough to run in the background."""
    return selectors.total_semua(qs).jumlah > BATAS_LANGSUNG[jenis]


def unduhan_langsung(*, user, siklus, jenis: str, saring: dict, keterangan: str):
    """(file name, mimetype, bytes) of a small download, made in the request."""
    wajib(user, Aksi.UNDUH_KOMPILASI)
    qs = selectors.kompilasi(user, siklus, saring)
    stempel = ekspor.cap(user, siklus, keterangan)
    if jenis == Jenis.XLSX:
        with tempfile.TemporaryFile() as f:
            ekspor.xlsx_kompilasi(qs, siklus=siklus, stempel=stempel, ke=f)
            f.seek(0)
            isi = f.read()
    else:
        isi = ekspor.pdf_kompilasi(qs, siklus=siklus, stempel=stempel)
    return nama_berkas(siklus, jenis), MIMETYPE[jenis], isi


def unduhan_mulai(*, user, siklus, jenis: str, saring: dict, keterangan: str) -> Unduhan:
    """Queue a download for the background worker; the page follows its progress."""
    # Imported here: tasks imports this module for the work itself.
    from apps.kompilasi.tasks import unduhan_susun

    wajib(user, Aksi.UNDUH_KOMPILASI)
    unduhan = Unduhan.objects.create(
        pemilik=user,
        siklus=siklus,
        jenis=jenis,
        saring=saring,
        keterangan_saring=keterangan[:500],
    )
    # The task row is written in the same transaction as the Unduhan: a worker never
    # sees one without the other.
    unduhan_susun.enqueue(str(unduhan.pk))
    return unduhan


def _catat_kemajuan(pk, awal: int, rentang: int):
    terakhir = -1

    def kemajuan(selesai: int, jumlah: int) -> None:
        nonlocal terakhir
        persen = awal + (rentang * selesai // jumlah if jumlah else rentang)
        if persen != terakhir:
            terakhir = persen
            Unduhan.objects.filter(pk=pk).update(progres=min(persen, 99))

    return kemajuan


def unduhan_susun(pk) -> Unduhan:
    """Make the file of a queued download, reporting progress on the row. Runs once: a
    download already started (a retried task) is left as it is."""
    dimulai = Unduhan.objects.filter(pk=pk, status=StatusUnduhan.ANTRI).update(
        status=StatusUnduhan.BERJALAN, progres=0
    )
    unduhan = Unduhan.objects.select_related("pemilik", "siklus__daerah").get(pk=pk)
    if not dimulai:
        return unduhan
    # The rows are those the owner may see now, not when the download was asked for.
    qs = selectors.kompilasi(unduhan.pemilik, unduhan.siklus, unduhan.saring)
    stempel = ekspor.cap(
        unduhan.pemilik, unduhan.siklus, unduhan.keterangan_saring, unduhan.created_at
    )
    nama = nama_berkas(unduhan.siklus, unduhan.jenis, unduhan.created_at)
    try:
        if unduhan.jenis == Jenis.XLSX:
            with tempfile.TemporaryFile() as f:
                n = ekspor.xlsx_kompilasi(
                    qs,
                    siklus=unduhan.siklus,
                    stempel=stempel,
                    ke=f,
                    kemajuan=_catat_kemajuan(pk, 0, 95),
                )
                f.seek(0)
                unduhan.berkas.save(nama, File(f), save=False)
        else:
            isi = ekspor.pdf_kompilasi(
                qs,
                siklus=unduhan.siklus,
                stempel=stempel,
                kemajuan=_catat_kemajuan(pk, 0, BAGIAN_BARIS_PDF),
            )
            n = selectors.total_semua(qs).jumlah
            unduhan.berkas.save(nama, ContentFile(isi), save=False)
    except Exception:
        log.exception("Unduhan kompilasi %s gagal", pk)
        Unduhan.objects.filter(pk=pk).update(
            status=StatusUnduhan.GAGAL,
            galat=_("Berkas gagal disusun. Coba lagi; bila terulang, hubungi admin Bappeda."),
            selesai_pada=timezone.now(),
        )
        unduhan.refresh_from_db()
        return unduhan
    unduhan.status = StatusUnduhan.SELESAI
    unduhan.progres = 100
    unduhan.jumlah_baris = n
    unduhan.selesai_pada = timezone.now()
    unduhan.save(update_fields=["berkas", "status", "progres", "jumlah_baris", "selesai_pada"])
    return unduhan
