"""Documents of the Musrenbang Kota/Kabupaten: PDFs (WeasyPrint) and Excel (openpyxl),
read from its snapshot (apps.musyawarah.keluaran_kota) like the other levels': live
drafts while the forum runs, from the frozen snapshot with its code once signed. Every
page carries Bappeda's kop."""

from django.utils.text import slugify

from apps.dokumen import xlsx
from apps.musyawarah.cetak import pdf_tingkat

JUDUL = {
    "berita_acara": "Berita Acara Hasil Kesepakatan Musrenbang",
    "disepakati": "Daftar Prioritas Kegiatan yang Disepakati menurut Perangkat Daerah",
    "dipindah": "Usulan yang Dipindahkan ke Perangkat Daerah Lain",
    "tidak_disepakati": "Usulan yang Tidak Disepakati",
    "kecamatan": "Rekapitulasi Hasil per Kecamatan",
    "hadir": "Daftar Hadir Peserta",
}
KELUARAN = ("berita_acara", "disepakati", "dipindah", "tidak_disepakati", "kecamatan", "hadir")
_TABEL = {
    "disepakati": ("dokumen/kota/_tabel_disepakati.html", True),
    "dipindah": ("dokumen/kota/_tabel_dipindah.html", True),
    "tidak_disepakati": ("dokumen/kota/_tabel_tidak_disepakati.html", True),
    "kecamatan": ("dokumen/kota/_tabel_kecamatan.html", True),
    "hadir": ("dokumen/desa/_tabel_orang.html", False),
}


def judul(jenis: str, s: dict) -> str:
    return JUDUL[jenis]


def _nama(jenis: str, s: dict, ext: str) -> str:
    return f"{slugify(jenis)}-{slugify(s['wilayah']['daerah'])}-{s['tahun_rencana']}.{ext}"


def pdf_berita_acara(s: dict, *, kode: str, url: str, logo: str) -> bytes:
    return pdf_keluaran("berita_acara", s, kode=kode, url=url, logo=logo)[2]


def pdf_keluaran(jenis: str, s: dict, *, kode: str = "", url: str = "", logo: str = ""):
    return pdf_tingkat(
        jenis,
        s,
        folder="kota",
        judul=JUDUL,
        tabel=_TABEL,
        nama=_nama(jenis, s, "pdf"),
        orang=[] if jenis == "berita_acara" else s["peserta"],
        kode=kode,
        url=url,
        logo=logo,
    )


# Excel: the same outputs, one sheet each, from the same snapshot.
KOLOM_DISEPAKATI = [
    xlsx.Kolom("No", 6),
    xlsx.Kolom("Prioritas Daerah", 24),
    xlsx.Kolom("Program", 24),
    xlsx.Kolom("Kegiatan Prioritas", 36),
    xlsx.Kolom("Sasaran Kegiatan", 24),
    xlsx.Kolom("Lokasi (Desa/Kelurahan)", 24),
    xlsx.Kolom("Kecamatan", 18),
    xlsx.Kolom("Volume", 10, xlsx.FORMAT_ANGKA),
    xlsx.Kolom("Satuan", 9),
    xlsx.Kolom("Pagu Indikatif (Rp)", 18, xlsx.FORMAT_RUPIAH),
    xlsx.Kolom("Perangkat Daerah Penanggung Jawab", 18),
    xlsx.Kolom("Kode Usulan", 16),
    xlsx.Kolom("Urutan Kecamatan", 10, "0"),
    xlsx.Kolom("Nilai Skoring Kecamatan", 10, "0.00"),
    xlsx.Kolom("Keterangan", 28),
]


def _keterangan(r: dict) -> str:
    if r["perangkat_daerah_asal"] and r["perangkat_daerah_asal"] != r["perangkat_daerah"]:
        return f"Dipindah dari {r['perangkat_daerah_asal']}" + (
            f": {r['alasan']}" if r["alasan"] else ""
        )
    return ""


def _baris(r: dict) -> list:
    return [
        r["no"],
        r["prioritas_daerah"],
        r["program"],
        r["kegiatan"],
        r["sasaran"],
        r["lokasi"],
        r["kecamatan"],
        r["volume_nilai"],
        r["satuan"],
        r["pagu"],
        r["perangkat_daerah"],
        r["kode"],
        r["urutan_kecamatan"],
        r["nilai"],
        _keterangan(r),
    ]


def _lembar(jenis: str, s: dict) -> xlsx.Lembar:
    atas = [JUDUL[jenis], f"{s['wilayah']['daerah']} — {s['siklus']}"]
    if s.get("latihan"):
        atas.append("LATIHAN — bukan dokumen resmi")
    if jenis == "disepakati":

        def rows():
            for blok in s["disepakati"]["per_pd"]:
                yield xlsx.Baris(["", blok["perangkat_daerah_nama"]], "grup")
                for r in blok["baris"]:
                    yield _baris(r)
                yield xlsx.Baris(
                    ["", f"Jumlah {blok['perangkat_daerah']}"] + [""] * 7 + [blok["total"]],
                    "subtotal",
                )
            yield xlsx.Baris(
                ["", "JUMLAH SELURUHNYA"] + [""] * 7 + [s["disepakati"]["total"]], "total"
            )

        return xlsx.Lembar("Disepakati per PD", KOLOM_DISEPAKATI, rows(), atas)
    if jenis in ("dipindah", "tidak_disepakati"):
        kolom = [
            xlsx.Kolom("No", 6),
            xlsx.Kolom("Kode Usulan", 16),
            xlsx.Kolom("Kegiatan", 36),
            xlsx.Kolom("Lokasi", 24),
            xlsx.Kolom("Kecamatan", 18),
            xlsx.Kolom("Volume", 10, xlsx.FORMAT_ANGKA),
            xlsx.Kolom("Satuan", 9),
            xlsx.Kolom("Pagu Indikatif (Rp)", 18, xlsx.FORMAT_RUPIAH),
            xlsx.Kolom("Perangkat Daerah Usulan", 18),
            xlsx.Kolom("Perangkat Daerah Baru" if jenis == "dipindah" else "Keputusan", 18),
            xlsx.Kolom("Alasan", 48),
        ]
        rows = [
            [
                r["no"],
                r["kode"],
                r["kegiatan"],
                r["lokasi"],
                r["kecamatan"],
                r["volume_nilai"],
                r["satuan"],
                r["pagu"],
                r["perangkat_daerah_asal"],
                r["perangkat_daerah"] if jenis == "dipindah" else r["keputusan"],
                r["alasan"],
            ]
            for r in s[jenis]
        ]
        nama = "Dipindah" if jenis == "dipindah" else "Tidak disepakati"
        return xlsx.Lembar(nama, kolom, rows, atas)
    if jenis == "kecamatan":
        kolom = [
            xlsx.Kolom("Kecamatan", 22),
            xlsx.Kolom("Berita Acara Kecamatan", 24),
            xlsx.Kolom("Ditandatangani", 16),
            xlsx.Kolom("Usulan", 8, "0"),
            xlsx.Kolom("Biaya Usulan (Rp)", 18, xlsx.FORMAT_RUPIAH),
            xlsx.Kolom("Disepakati", 10, "0"),
            xlsx.Kolom("Biaya Disepakati (Rp)", 18, xlsx.FORMAT_RUPIAH),
            xlsx.Kolom("Dipindah PD", 10, "0"),
            xlsx.Kolom("Tidak Disepakati", 10, "0"),
            xlsx.Kolom("Hadir", 8, "0"),
            xlsx.Kolom("Perempuan", 10, "0"),
        ]
        rows = [
            [
                k["kecamatan"],
                k["nomor"],
                k["ditandatangani"] or "belum",
                k["usulan"],
                k["biaya_usulan"],
                k["disepakati"],
                k["biaya_disepakati"],
                k["dipindah"],
                k["tidak_disepakati"],
                k["hadir"],
                k["perempuan"],
            ]
            for k in s["per_kecamatan"]
        ]
        return xlsx.Lembar("Per kecamatan", kolom, rows, atas)
    kolom = [
        xlsx.Kolom("No", 6),
        xlsx.Kolom("Nama", 28),
        xlsx.Kolom("Lembaga", 24),
        xlsx.Kolom("Unsur", 22),
        xlsx.Kolom("Asal", 18),
        xlsx.Kolom("L/P", 6),
    ]
    rows = [
        [r["no"], r["nama"], r["lembaga"], r["unsur"], r["alamat"], r["jenis_kelamin"]]
        for r in s["peserta"]
    ]
    return xlsx.Lembar("Daftar hadir", kolom, rows, atas)


def xlsx_keluaran(jenis: str, s: dict):
    """One output as Excel; "berita_acara" gives every lampiran, one sheet each."""
    if jenis == "berita_acara":
        lembar = [
            _lembar(j, s)
            for j in ("hadir", "disepakati", "dipindah", "tidak_disepakati", "kecamatan")
        ]
    else:
        lembar = [_lembar(jenis, s)]
    return _nama(jenis, s, "xlsx"), xlsx.MIMETYPE, xlsx.tulis_xlsx(lembar)
