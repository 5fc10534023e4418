"""Documents of the Musrenbang Kecamatan: PDFs (WeasyPrint) and Excel (openpyxl), read
from its snapshot (apps.musyawarah.keluaran_kecamatan) like the desa's: live drafts
while the forum runs, from the frozen snapshot with its code once signed."""

from django.utils.text import slugify

from apps.dokumen import pdf as dokpdf
from apps.dokumen import xlsx
from apps.musyawarah.cetak import pdf_tingkat

JUDUL = {
    "berita_acara": "Berita Acara Hasil Kesepakatan Musrenbang Kecamatan",
    "prioritas": "Daftar Urutan Kegiatan Prioritas Kecamatan menurut Perangkat Daerah",
    "kompilasi": "Kompilasi Hasil Musrenbang Kelurahan/Desa menurut Perangkat Daerah",
    "tidak_layak": "Usulan Tidak Layak dan Belum Disepakati",
    "kelompok": "Pimpinan dan Hasil Sidang Kelompok",
    "penilaian": "Kriteria Penilaian dan Hasil Skoring Sidang Kelompok",
    "delegasi": "Daftar Delegasi ke Musrenbang Kota/Kabupaten",
    "hadir": "Daftar Hadir Peserta",
}
KELUARAN = (
    "berita_acara",
    "prioritas",
    "kompilasi",
    "tidak_layak",
    "kelompok",
    "penilaian",
    "delegasi",
    "hadir",
)
_TABEL = {
    "prioritas": ("dokumen/kecamatan/_tabel_td4.html", True),
    "kompilasi": ("dokumen/kecamatan/_tabel_kompilasi.html", True),
    "tidak_layak": ("dokumen/kecamatan/_tabel_tidak_layak.html", True),
    "kelompok": ("dokumen/kecamatan/_tabel_kelompok.html", True),
    "penilaian": ("dokumen/kecamatan/_tabel_penilaian.html", True),
    "delegasi": ("dokumen/desa/_tabel_orang.html", False),
    "hadir": ("dokumen/desa/_tabel_orang.html", False),
}


def judul(jenis: str, s: dict) -> str:
    return JUDUL[jenis]


def _nama(jenis: str, s: dict, ext: str) -> str:
    return f"{slugify(jenis)}-{slugify(s['wilayah']['kecamatan'])}-{s['tahun_rencana']}.{ext}"


def pdf_berita_acara(s: dict, *, kode: str, url: str, logo: str) -> bytes:
    return pdf_keluaran("berita_acara", s, kode=kode, url=url, logo=logo)[2]


def pdf_keluaran(jenis: str, s: dict, *, kode: str = "", url: str = "", logo: str = ""):
    return pdf_tingkat(
        jenis,
        s,
        folder="kecamatan",
        judul=JUDUL,
        tabel=_TABEL,
        nama=_nama(jenis, s, "pdf"),
        orang=[]
        if jenis == "berita_acara"
        else s["peserta"]
        if jenis == "hadir"
        else s["delegasi"],
        kode=kode,
        url=url,
        logo=logo,
    )


# Excel: the same outputs, one sheet each, from the same snapshot.
KOLOM_TD4 = [
    xlsx.Kolom("No", 6),
    xlsx.Kolom("Prioritas Daerah", 24),
    xlsx.Kolom("Sasaran Daerah", 24),
    xlsx.Kolom("Program", 24),
    xlsx.Kolom("Kegiatan Prioritas", 36),
    xlsx.Kolom("Sasaran Kegiatan", 24),
    xlsx.Kolom("Lokasi (Desa/Kelurahan)", 24),
    xlsx.Kolom("Volume", 10, xlsx.FORMAT_ANGKA),
    xlsx.Kolom("Satuan", 9),
    xlsx.Kolom("Pagu Indikatif (Rp)", 18, xlsx.FORMAT_RUPIAH),
    xlsx.Kolom("Perangkat Daerah Penanggung Jawab", 18),
    xlsx.Kolom("Kode Usulan", 16),
    xlsx.Kolom("Urutan Kecamatan", 10, "0"),
    xlsx.Kolom("Nilai Skoring", 10, "0.00"),
    xlsx.Kolom("Peringkat di Kelompok", 10, "0"),
]


def _baris_td4(r: dict) -> list:
    return [
        r["no"],
        r["prioritas_daerah"],
        r["sasaran_daerah"],
        r["program"],
        r["kegiatan"],
        r["sasaran"],
        r["lokasi"],
        r["volume_nilai"],
        r["satuan"],
        r["pagu"],
        r["perangkat_daerah"],
        r["kode"],
        r["urutan"],
        r.get("nilai"),
        r.get("peringkat"),
    ]


def _lembar(jenis: str, s: dict) -> xlsx.Lembar:
    atas = [JUDUL[jenis], f"Kecamatan {s['wilayah']['kecamatan']} — {s['siklus']}"]
    if s.get("latihan"):
        atas.append("LATIHAN — bukan dokumen resmi")
    if jenis == "prioritas":

        def rows():
            for blok in s["prioritas"]["per_pd"]:
                yield xlsx.Baris(["", blok["perangkat_daerah_nama"]], "grup")
                for r in blok["baris"]:
                    yield _baris_td4(r)
                yield xlsx.Baris(
                    ["", f"Jumlah {blok['perangkat_daerah']}"] + [""] * 7 + [blok["total"]],
                    "subtotal",
                )
            yield xlsx.Baris(
                ["", "JUMLAH SELURUHNYA"] + [""] * 7 + [s["prioritas"]["total"]], "total"
            )

        return xlsx.Lembar("Prioritas per PD", KOLOM_TD4, rows(), atas)
    if jenis == "kompilasi":
        kolom = [
            xlsx.Kolom("No", 6),
            xlsx.Kolom("Kelurahan/Desa", 20),
            xlsx.Kolom("Urutan Kelurahan", 10, "0"),
            xlsx.Kolom("Kode Usulan", 16),
            xlsx.Kolom("Kegiatan", 36),
            xlsx.Kolom("Lokasi", 14),
            xlsx.Kolom("Volume", 10, xlsx.FORMAT_ANGKA),
            xlsx.Kolom("Satuan", 9),
            xlsx.Kolom("Perkiraan Biaya (Rp)", 18, xlsx.FORMAT_RUPIAH),
            xlsx.Kolom("Prioritas Daerah", 24),
            xlsx.Kolom("Perangkat Daerah", 16),
        ]

        def rows():
            for blok in s["kompilasi"]["per_pd"]:
                yield xlsx.Baris(["", blok["perangkat_daerah_nama"] or "—"], "grup")
                for r in blok["baris"]:
                    yield [
                        r["no"],
                        r["kelurahan"],
                        r["urutan_asal"],
                        r["kode"],
                        r["kegiatan"],
                        r["lokasi"],
                        r["volume_nilai"],
                        r["satuan"],
                        r["pagu"],
                        r["prioritas_daerah"],
                        r["perangkat_daerah"],
                    ]

        return xlsx.Lembar("Kompilasi kelurahan", kolom, rows(), atas)
    if jenis == "tidak_layak":
        kolom = [
            xlsx.Kolom("No", 6),
            xlsx.Kolom("Kode Usulan", 16),
            xlsx.Kolom("Kegiatan", 36),
            xlsx.Kolom("Lokasi", 24),
            xlsx.Kolom("Volume", 10, xlsx.FORMAT_ANGKA),
            xlsx.Kolom("Satuan", 9),
            xlsx.Kolom("Keterangan", 18),
            xlsx.Kolom("Alasan", 48),
        ]
        rows = [
            [
                r["no"],
                r["kode"],
                r["kegiatan"],
                r["lokasi"],
                r["volume_nilai"],
                r["satuan"],
                k,
                r["alasan"],
            ]
            for k, daftar in (
                ("Tidak layak", s["tidak_layak"]),
                ("Tidak disepakati", s["belum_disepakati"]),
            )
            for r in daftar
        ]
        return xlsx.Lembar("Tidak layak", kolom, rows, atas)
    if jenis == "kelompok":
        kolom = [
            xlsx.Kolom("Kelompok", 24),
            xlsx.Kolom("Perangkat Daerah", 30),
            xlsx.Kolom("Ketua", 20),
            xlsx.Kolom("Sekretaris", 20),
            xlsx.Kolom("Notulen", 20),
            xlsx.Kolom("Fasilitator", 20),
            xlsx.Kolom("Usulan", 8, "0"),
            xlsx.Kolom("Layak", 8, "0"),
            xlsx.Kolom("Tidak Layak", 8, "0"),
        ]
        rows = [
            [
                k["nama"],
                k["perangkat_daerah"],
                k["ketua"],
                k["sekretaris"],
                k["notulen"],
                k["fasilitator"],
                k["jumlah"],
                k["layak"],
                k["tidak_layak"],
            ]
            for k in s["kelompok"]
        ]
        return xlsx.Lembar("Sidang kelompok", kolom, rows, atas)
    if jenis == "penilaian":
        return _lembar_penilaian(s, atas)
    orang = s["peserta"] if jenis == "hadir" else s["delegasi"]
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
        for r in orang
    ]
    return xlsx.Lembar("Daftar hadir" if jenis == "hadir" else "Delegasi", kolom, rows, atas)


def _lembar_penilaian(s: dict, atas: list[str]) -> xlsx.Lembar:
    """Each group's ranking per prioritas daerah, one row per usulan with every
    criterion's mean; the criteria themselves above the table."""
    p = s.get("penilaian") or {"kriteria": [], "kelompok": [], "aturan_seri": ""}
    kriteria = p["kriteria"]
    atas = atas + [
        f"K{i}. {k['nama']} — bobot {str(k['persen']).replace('.', ',')}%, skala 1–{k['skala']}"
        for i, k in enumerate(kriteria, start=1)
    ]
    kolom = [
        xlsx.Kolom("Kelompok", 22),
        xlsx.Kolom("Prioritas Daerah", 26),
        xlsx.Kolom("Peringkat", 9, "0"),
        xlsx.Kolom("Kode Usulan", 16),
        xlsx.Kolom("Kegiatan", 36),
        xlsx.Kolom("Kelurahan/Desa", 18),
        *[xlsx.Kolom(f"K{i}", 8, "0.00") for i in range(1, len(kriteria) + 1)],
        xlsx.Kolom("Nilai", 9, "0.00"),
    ]

    def rows():
        for g in p["kelompok"]:
            for b in g["bagian"]:
                for r in b["baris"]:
                    yield [
                        g["nama"],
                        b["prioritas"],
                        r["peringkat"],
                        r["kode"],
                        r["kegiatan"],
                        r["kelurahan"],
                        *r["rata"],
                        r["nilai"],
                    ]

    return xlsx.Lembar("Skoring", kolom, rows(), atas)


def xlsx_keluaran(jenis: str, s: dict):
    """One output as Excel; "berita_acara" gives every lampiran, one sheet each."""
    if jenis == "berita_acara":
        lembar = [
            _lembar(j, s)
            for j in (
                "hadir",
                "prioritas",
                "tidak_layak",
                "kelompok",
                "delegasi",
                "penilaian",
                "kompilasi",
            )
        ]
    else:
        lembar = [_lembar(jenis, s)]
    return _nama(jenis, s, "xlsx"), xlsx.MIMETYPE, xlsx.tulis_xlsx(lembar)


def pdf_laporan_kelurahan(m, kelurahan):
    """One page for a kelurahan's delegates to report back to its residents (seed 5.a):
    what became of each usulan the kelurahan sent to the kecamatan forum."""
    from apps.musyawarah.cetak import konteks_persiapan
    from apps.musyawarah.kecamatan.pleno import pembahasan_kecamatan
    from apps.musyawarah.keluaran_kecamatan import baris_usulan

    def hasil(p) -> str:
        utama = p.digabung_ke or p
        if p.digabung_ke_id:
            awal = f"Digabung dengan {utama.usulan.kode} ({utama.usulan.asal}). "
        else:
            awal = ""
        if utama.verifikasi == "tidak_layak":
            return awal + f"Tidak layak: {utama.alasan_verifikasi}"
        if utama.verifikasi == "layak" and utama.keputusan == "kota":
            return awal + f"Prioritas kecamatan, urutan {utama.urutan} ({utama.pd})"
        if utama.verifikasi == "layak" and utama.keputusan == "ditolak":
            return awal + f"Layak, tidak disepakati: {utama.alasan}"
        return awal + "Belum diputuskan"

    baris = [
        {**baris_usulan(p), "hasil": hasil(p)}
        for p in pembahasan_kecamatan(m).filter(usulan__kelurahan=kelurahan)
        if p.usulan.kode_wilayah == kelurahan.kode
    ]
    baris.sort(key=lambda r: (r["urutan_asal"] or 999, r["kode"]))
    konteks = konteks_persiapan(m)
    konteks.update(
        {
            "judul_dokumen": "Hasil Musrenbang Kecamatan untuk Kelurahan",
            "kelurahan": kelurahan,
            "baris": baris,
            "ditandatangani": m.berita_acara,
            "lebar": True,
        }
    )
    return (
        f"hasil-musrenbang-kecamatan-{slugify(kelurahan.nama)}.pdf",
        dokpdf.MIMETYPE,
        dokpdf.render_pdf("dokumen/kecamatan/laporan_kelurahan.html", konteks),
    )
