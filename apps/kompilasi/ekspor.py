"""Bappeda's compilation as documents: an Excel workbook and a PDF, the whole daerah or
any filter.

Rows are read from the database in chunks and written as they come (openpyxl write-only;
one sheet per perangkat daerah in the compilation's order), so the Excel file of a large
kabupaten never sits in memory as a list. The PDF is one HTML document for WeasyPrint,
which lays out a whole document at once; it is built from the same row iterator.

Both report progress through ``kemajuan(selesai, jumlah)`` so a background task can show
a progress bar.
"""

import datetime
from collections.abc import Callable, Iterator
from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML

from apps.core.formatting import waktu_daerah
from apps.dokumen import xlsx
from apps.dokumen.pdf import gambar_data_uri
from apps.kompilasi import selectors
from apps.kompilasi.selectors import Total
from apps.siklus.models import PrioritasDaerah

POTONGAN = 500  # rows fetched per query while writing
LAPOR_TIAP = 200  # rows between two progress reports

KOLOM = [
    xlsx.Kolom("No", 6, "0"),
    xlsx.Kolom("Prioritas Daerah", 24),
    xlsx.Kolom("Sasaran Daerah", 24),
    xlsx.Kolom("Program", 22),
    xlsx.Kolom("Kegiatan Prioritas", 36),
    xlsx.Kolom("Sasaran Kegiatan", 24),
    xlsx.Kolom("Lokasi", 28),
    xlsx.Kolom("Volume", 10, xlsx.FORMAT_ANGKA),
    xlsx.Kolom("Satuan", 9),
    xlsx.Kolom("Pagu Indikatif (Rp)", 18, xlsx.FORMAT_RUPIAH),
    xlsx.Kolom("Perangkat Daerah Penanggung Jawab", 18),
    xlsx.Kolom("Kecamatan", 18),
    xlsx.Kolom("Kelurahan/Desa", 20),
    xlsx.Kolom("Kode Usulan", 17),
    xlsx.Kolom("Urutan Kecamatan", 10, "0"),
    xlsx.Kolom("Urutan untuk PD", 10, "0"),
    xlsx.Kolom("Nilai Skoring", 10, "0.00"),
    xlsx.Kolom("Peringkat di Kelompok", 10, "0"),
    xlsx.Kolom("Status", 20),
]

Kemajuan = Callable[[int, int], None]


def _diam(_selesai: int, _jumlah: int) -> None:
    pass


def _nilai_xlsx(r: dict) -> list:
    return [
        r["no"],
        r["prioritas_daerah"],
        r["sasaran_daerah"],
        r["program"],
        r["kegiatan"],
        r["sasaran"],
        r["lokasi"],
        r["volume"],
        r["satuan"],
        r["pagu"],
        r["perangkat_daerah"],
        r["kecamatan"],
        r["kelurahan"],
        r["kode"],
        r["urutan"],
        r["urutan_pd"],
        r["nilai"],
        r["peringkat"],
        r["status"],
    ]


def kop_bappeda(daerah) -> dict:
    """The letterhead of Bappeda's documents."""
    return {
        "provinsi": daerah.provinsi,
        "daerah": daerah.nama,
        "jenis_daerah": daerah.get_jenis_display(),
        "instansi": "Badan Perencanaan Pembangunan Daerah",
        "kecamatan": "",
        "kelurahan": "",
        "alamat": daerah.alamat,
        "telepon": daerah.telepon,
        "kode_pos": "",
    }


def cap(user, siklus, keterangan: str, pada: datetime.datetime | None = None) -> str:
    """Who made the document, when, and of which filter: printed on every copy."""
    nama = user.get_full_name() or user.get_username()
    return _("Disusun oleh %(nama)s pada %(waktu)s. Saringan: %(saring)s.") % {
        "nama": nama,
        "waktu": waktu_daerah(pada or timezone.now(), siklus.daerah),
        "saring": keterangan or _("seluruh daerah"),
    }


def _baris_urut(qs) -> Iterator[tuple[int | None, Iterator[dict]]]:
    """(perangkat daerah pk, its rows numbered from 1), one perangkat daerah after the
    other, fetched in chunks."""
    rows = selectors.dengan_isi(qs).iterator(chunk_size=POTONGAN)
    for pd_pk, isi in groupby(rows, key=lambda p: p.usulan.perangkat_daerah_id):
        yield pd_pk, (selectors.baris(p, no) for no, p in enumerate(isi, start=1))


def _baris_ringan(qs) -> Iterator[tuple[int | None, Iterator[dict]]]:
    """``_baris_urut`` read as plain values (``selectors.baris_ringan``): the workbook's
    rows, the same cells."""
    for pd_pk, isi in groupby(selectors.baris_ringan(qs, POTONGAN), key=lambda x: x[0]):
        yield pd_pk, ({**r, "no": no} for no, (_pd, r) in enumerate(isi, start=1))


def _penghitung(jumlah: int, kemajuan: Kemajuan) -> Callable[[], None]:
    hitung = 0

    def satu() -> None:
        nonlocal hitung
        hitung += 1
        if hitung % LAPOR_TIAP == 0 or hitung == jumlah:
            kemajuan(hitung, jumlah)

    return satu


def _lembar_ringkasan(qs, siklus, atas: list[str]) -> list[xlsx.Lembar]:
    per_pd = selectors.total_perangkat_daerah(qs)
    grid = selectors.total_pd_prioritas(qs)
    prioritas = list(PrioritasDaerah.objects.filter(siklus=siklus).order_by("nomor"))
    kolom = [
        xlsx.Kolom("Perangkat Daerah", 36),
        xlsx.Kolom("Prioritas Daerah", 40),
        xlsx.Kolom("Jumlah Usulan", 12, xlsx.FORMAT_BULAT),
        xlsx.Kolom("Pagu Indikatif (Rp)", 20, xlsx.FORMAT_RUPIAH),
    ]

    def baris_pd():
        for t in per_pd:
            yield xlsx.Baris([t.nama or "(tanpa perangkat daerah)", "", t.jumlah, t.biaya], "grup")
            for pr in [*prioritas, None]:
                sel = grid.get((t.pk, pr.pk if pr else None))
                if sel:
                    yield ["", pr.nama if pr else "(tanpa prioritas daerah)", sel.jumlah, sel.biaya]
        semua = selectors.total_semua(qs)
        yield xlsx.Baris(["JUMLAH", "", semua.jumlah, semua.biaya], "total")

    kolom_kec = [
        xlsx.Kolom("Kecamatan", 30),
        xlsx.Kolom("Jumlah Usulan", 12, xlsx.FORMAT_BULAT),
        xlsx.Kolom("Pagu Indikatif (Rp)", 20, xlsx.FORMAT_RUPIAH),
    ]

    def baris_kec():
        total = Total(None, "", "", 0, 0)
        for t in selectors.total_kecamatan(qs):
            total = Total(None, "", "", total.jumlah + t.jumlah, total.biaya + t.biaya)
            yield [t.nama, t.jumlah, t.biaya]
        yield xlsx.Baris(["JUMLAH", total.jumlah, total.biaya], "total")

    return [
        xlsx.Lembar("Ringkasan", kolom, baris_pd(), [*atas, "Ringkasan per perangkat daerah"]),
        xlsx.Lembar("Per kecamatan", kolom_kec, baris_kec(), [*atas, "Ringkasan per kecamatan"]),
    ]


def xlsx_kompilasi(qs, *, siklus, stempel: str, ke, kemajuan: Kemajuan = _diam) -> int:
    """Write the compilation of ``qs`` (``selectors.kompilasi``) to ``ke`` (a path or a
    binary file). Returns the number of usulan written."""
    jumlah = selectors.total_semua(qs).jumlah
    nama_pd = {t.pk: t for t in selectors.total_perangkat_daerah(qs)}
    atas = [f"Kompilasi Usulan Musrenbang Kecamatan — {siklus.daerah.nama}", str(siklus), stempel]
    langkah = _penghitung(jumlah, kemajuan)
    ditulis = 0

    def lembar():
        nonlocal ditulis
        yield from _lembar_ringkasan(qs, siklus, atas)
        for pd_pk, rows in _baris_ringan(qs):
            t = nama_pd.get(pd_pk)

            def isi(rows=rows, t=t):
                nonlocal ditulis
                for r in rows:
                    ditulis += 1
                    langkah()
                    yield _nilai_xlsx(r)
                if t is not None:
                    yield xlsx.Baris(["", "JUMLAH", "", "", "", "", "", "", "", t.biaya], "total")

            judul = t.nama if t and t.nama else "Tanpa perangkat daerah"
            yield xlsx.Lembar(
                (t.singkatan or t.nama) if t and t.pk else "Tanpa PD",
                KOLOM,
                isi(),
                [*atas[:2], judul, stempel],
            )

    xlsx.tulis_xlsx(lembar(), ke=ke)
    if jumlah == 0:
        kemajuan(0, 0)
    return ditulis


def pdf_kompilasi(qs, *, siklus, stempel: str, kemajuan: Kemajuan = _diam) -> bytes:
    """The compilation of ``qs`` as a PDF: a table of contents, then one section per
    perangkat daerah (landscape, the T-D.4 columns), Bappeda's kop, "Halaman n dari m"
    and the stamp on every page."""
    jumlah = selectors.total_semua(qs).jumlah
    per_pd = selectors.total_perangkat_daerah(qs)
    nama_pd = {t.pk: t for t in per_pd}
    langkah = _penghitung(jumlah, kemajuan)

    # One section rendered at a time, from one perangkat daerah's rows: Django's {% for %}
    # would turn a generator of sections into a list and exhaust the row groups.
    bagian = []
    for no, (pd_pk, rows) in enumerate(_baris_urut(qs), start=1):
        baris = []
        for r in rows:
            langkah()
            baris.append(r)
        bagian.append(
            render_to_string(
                "dokumen/kompilasi/_bagian.html",
                {"no": no, "pd": nama_pd.get(pd_pk), "baris": baris},
            )
        )

    html = render_to_string(
        "dokumen/kompilasi/kompilasi.html",
        {
            "judul_dokumen": f"Kompilasi Usulan Musrenbang Kecamatan {siklus}",
            "w": kop_bappeda(siklus.daerah),
            "logo": gambar_data_uri(siklus.daerah.logo),
            "siklus": siklus,
            "stempel": stempel,
            # In a CSS string (the page footer): no quote or backslash may end it early.
            "stempel_css": stempel.replace("\\", "/").replace('"', "'").replace("\n", " "),
            "per_pd": per_pd,
            "per_kecamatan": selectors.total_kecamatan(qs),
            "total": selectors.total_semua(qs),
            "bagian": [mark_safe(h) for h in bagian],  # noqa: S308 (our own templates)
        },
    )
    if jumlah == 0:
        kemajuan(0, 0)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
