"""The blank score sheet (seed 4.b.8–9 on paper): for groups that score on paper, one
landscape page per named scorer and one unnamed, each with the criteria and what every
level means, and one empty box per usulan × criterion."""

from django.utils.text import slugify

from apps.dokumen import pdf as dokpdf
from apps.musyawarah.cetak import logo_daerah
from apps.musyawarah.kecamatan.lembar import baris_dinilai, lembar_penilai
from apps.musyawarah.models import KelompokDiskusi
from apps.musyawarah.tingkat import spek


def pdf_lembar_kosong(k: KelompokDiskusi) -> tuple[str, str, bytes]:
    m = k.musyawarah
    data = lembar_penilai(k)
    # Before the scorers are named the sheet still lists what the group will score.
    data.baris = data.baris or baris_dinilai(k)
    wilayah = spek(m).data_wilayah(m)
    konteks = {
        "s": {"wilayah": wilayah},
        "w": wilayah,
        "logo": logo_daerah(m),
        "lebar": True,
        "judul_dokumen": "Lembar Penilaian",
        "nama_forum": spek(m).nama_forum(m),
        "siklus": str(m.siklus),
        "k": k,
        "data": data,
        # One page per named scorer, and one to fill in by hand.
        "halaman": [p.nama for p in data.penilai] + [""],
        "kode": "",
        "draf": False,
    }
    nama = f"lembar-penilaian-{slugify(k.nama)}-{slugify(m.kecamatan.nama)}.pdf"
    return (
        nama,
        dokpdf.MIMETYPE,
        dokpdf.render_pdf("dokumen/kecamatan/lembar_penilaian.html", konteks),
    )
