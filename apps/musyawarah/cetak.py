"""Documents of the Musrenbang Desa/Kelurahan: PDFs (WeasyPrint) and Excel (openpyxl).

The outputs (prioritas, swadaya, masalah, delegasi, daftar hadir, berita acara) are
rendered from the snapshot (apps.musyawarah.keluaran): live while the forum runs, with a
DRAF mark and no code; from the frozen snapshot once signed, with its verification code
and QR. Renderers return (filename, mimetype, bytes).
"""

from django.utils.text import slugify

from apps.core.formatting import jam, tanggal, tanggal_hari, zona_waktu
from apps.dokumen import pdf as dokpdf
from apps.dokumen import xlsx
from apps.musyawarah.keluaran import data_orang, data_wilayah
from apps.musyawarah.models import Musyawarah

JUDUL = {
    "berita_acara": "Berita Acara Musrenbang",
    "prioritas": "Daftar Prioritas Kegiatan untuk Rencana Kerja Perangkat Daerah",
    "swadaya": "Daftar Prioritas Kegiatan Swadaya",
    "masalah": "Daftar Masalah Prioritas untuk Musrenbang Kecamatan",
    "delegasi": "Daftar Delegasi ke Musrenbang Kecamatan",
    "hadir": "Daftar Hadir Peserta",
    "ditolak": "Usulan yang Tidak Disepakati",
}
KELUARAN = ("berita_acara", "prioritas", "swadaya", "masalah", "delegasi", "hadir")
_TABEL = {
    "prioritas": ("dokumen/desa/_tabel_prioritas.html", True),
    "swadaya": ("dokumen/desa/_tabel_swadaya.html", True),
    "masalah": ("dokumen/desa/_tabel_masalah.html", False),
    "delegasi": ("dokumen/desa/_tabel_orang.html", False),
    "hadir": ("dokumen/desa/_tabel_orang.html", False),
    "ditolak": ("dokumen/desa/_tabel_ditolak.html", False),
}


def _nama(jenis: str, s: dict, ext: str) -> str:
    return f"{slugify(jenis)}-{slugify(s['wilayah']['kelurahan'])}-{s['tahun_rencana']}.{ext}"


def _dasar(s: dict, *, kode: str, url: str, logo: str) -> dict:
    return {
        "s": s,
        "kode": kode,
        "url_verifikasi": url,
        "qr": dokpdf.qr_data_uri(url) if kode else "",
        "logo": logo,
        # Outputs of a forum not signed yet are drafts; signed ones carry their code.
        "draf": not kode,
    }


def logo_daerah(m: Musyawarah) -> str:
    return dokpdf.gambar_data_uri(m.kelurahan.kecamatan.daerah.logo)


def pdf_berita_acara(s: dict, *, kode: str, url: str, logo: str) -> bytes:
    konteks = _dasar(s, kode=kode, url=url, logo=logo)
    konteks["judul_dokumen"] = JUDUL["berita_acara"]
    return dokpdf.render_pdf("dokumen/desa/berita_acara.html", konteks)


def pdf_keluaran(jenis: str, s: dict, *, kode: str = "", url: str = "", logo: str = ""):
    """One output as its own PDF; the berita acara with all its lampiran for jenis
    "berita_acara"."""
    if jenis == "berita_acara":
        return (
            _nama(jenis, s, "pdf"),
            dokpdf.MIMETYPE,
            pdf_berita_acara(s, kode=kode, url=url, logo=logo),
        )
    tabel, lebar = _TABEL[jenis]
    konteks = _dasar(s, kode=kode, url=url, logo=logo)
    konteks.update(
        {
            "judul": JUDUL[jenis],
            "judul_dokumen": JUDUL[jenis],
            "tabel": tabel,
            "lebar": lebar,
            "orang": s["peserta"] if jenis == "hadir" else s["delegasi"],
        }
    )
    return (
        _nama(jenis, s, "pdf"),
        dokpdf.MIMETYPE,
        dokpdf.render_pdf("dokumen/desa/daftar.html", konteks),
    )


def _persiapan(m: Musyawarah) -> dict:
    """What the invitation, the announcement and the blank daftar hadir print."""

    diundang = [
        p for p in m.peserta.select_related("lingkungan", "rt").order_by("nama") if p.diundang
    ]
    return {
        "w": data_wilayah(m),
        "s": {"wilayah": data_wilayah(m)},
        "siklus": str(m.siklus),
        "tanggal_hari": tanggal_hari(m.tanggal) or "……………",
        "tanggal_undangan": tanggal(m.tanggal_undangan) or "……………",
        "jam_mulai": jam(m.jam_mulai),
        "jam_selesai": jam(m.jam_selesai),
        "zona": zona_waktu(),
        "tempat": m.tempat,
        "alamat_tempat": m.alamat_tempat,
        "agenda": [
            {
                "jam": f"{jam(a.jam_mulai)}–{jam(a.jam_selesai)}"
                if a.jam_selesai
                else jam(a.jam_mulai),
                "acara": a.acara,
                "dipandu": a.dipandu,
            }
            for a in m.agenda.all()
        ],
        "orang": [data_orang(p, i) for i, p in enumerate(diundang, start=1)],
        "logo": logo_daerah(m),
        # Invitations and announcements are final letters, not drafts of the outputs.
        "kode": "",
        "draf": False,
    }


def pdf_undangan(m: Musyawarah, peserta=None):
    """One letter for all invitees (with the list as lampiran), or one for ``peserta``."""
    konteks = _persiapan(m)
    konteks.update({"judul_dokumen": "Undangan Musrenbang", "satu": peserta})
    isi = dokpdf.render_pdf("dokumen/desa/undangan.html", konteks)
    nama = (
        f"undangan-{slugify(peserta.nama) if peserta else 'semua'}-{slugify(m.kelurahan.nama)}.pdf"
    )
    return nama, dokpdf.MIMETYPE, isi


def pdf_pengumuman(m: Musyawarah):
    konteks = _persiapan(m)
    konteks["judul_dokumen"] = "Pengumuman Musrenbang"
    return (
        f"pengumuman-{slugify(m.kelurahan.nama)}.pdf",
        dokpdf.MIMETYPE,
        dokpdf.render_pdf("dokumen/desa/pengumuman.html", konteks),
    )


def pdf_daftar_hadir_kosong(m: Musyawarah):
    """The invitees with an empty signature column, to sign on paper at the door."""
    konteks = _persiapan(m)
    konteks.update({"judul_dokumen": "Daftar Hadir", "kosong": range(15)})
    return (
        f"daftar-hadir-{slugify(m.kelurahan.nama)}.pdf",
        dokpdf.MIMETYPE,
        dokpdf.render_pdf("dokumen/desa/daftar_hadir.html", konteks),
    )


# Excel: the same outputs, one sheet each, from the same snapshot.
_KOLOM_USULAN = [
    xlsx.Kolom("No", 6),
    xlsx.Kolom("Kode Usulan", 16),
    xlsx.Kolom("Jenis Kegiatan", 40),
    xlsx.Kolom("Bidang", 28),
    xlsx.Kolom("Lokasi (RT/RW)", 14),
    xlsx.Kolom("Volume", 10),
    xlsx.Kolom("Satuan", 9),
    xlsx.Kolom("Sasaran/Penerima Manfaat", 30),
    xlsx.Kolom("Perkiraan Waktu Pelaksanaan", 12),
    xlsx.Kolom("Prakiraan Biaya (Rp)", 18, xlsx.FORMAT_RUPIAH),
    xlsx.Kolom("Sumber Pembiayaan", 26),
    xlsx.Kolom("Perangkat Daerah", 16),
    xlsx.Kolom("Urutan Forum", 8),
]
_KOLOM_ORANG = [
    xlsx.Kolom("No", 6),
    xlsx.Kolom("Nama", 28),
    xlsx.Kolom("Lembaga", 24),
    xlsx.Kolom("Unsur", 16),
    xlsx.Kolom("Alamat", 18),
    xlsx.Kolom("L/P", 6),
    xlsx.Kolom("Peran", 14),
]


def _baris_usulan(r: dict) -> list:
    return [
        r["no"],
        r["kode"],
        r["judul"],
        r["bidang"],
        r["lokasi"],
        r["volume"],
        r["satuan"],
        r["sasaran"],
        r["waktu"],
        r["biaya"],
        r["sumber"],
        r["perangkat_daerah"],
        r["urutan"],
    ]


def _lembar(jenis: str, s: dict) -> xlsx.Lembar:
    atas = [
        JUDUL[jenis],
        f"{s['wilayah']['jenis_kelurahan']} {s['wilayah']['kelurahan']} — {s['siklus']}",
    ]
    if jenis == "prioritas":

        def rows():
            for k in s["prioritas"]["kelompok"]:
                yield xlsx.Baris([k["huruf"], "", k["bidang"]], "grup")
                for r in k["baris"]:
                    yield _baris_usulan(r)
                yield xlsx.Baris(
                    ["", "", f"Jumlah {k['bidang']}"] + [""] * 6 + [k["subtotal"]], "subtotal"
                )
            yield xlsx.Baris(
                ["", "", "JUMLAH SELURUHNYA"] + [""] * 6 + [s["prioritas"]["total"]], "total"
            )

        return xlsx.Lembar("Prioritas", _KOLOM_USULAN, rows(), atas)
    if jenis == "swadaya":
        rows = [_baris_usulan(r) for r in s["swadaya"]["baris"]]
        rows.append(xlsx.Baris(["", "", "JUMLAH"] + [""] * 6 + [s["swadaya"]["total"]], "total"))
        return xlsx.Lembar("Swadaya", _KOLOM_USULAN, rows, atas)
    if jenis == "ditolak":
        kolom = [
            xlsx.Kolom("No", 6),
            xlsx.Kolom("Kode Usulan", 16),
            xlsx.Kolom("Kegiatan", 40),
            xlsx.Kolom("Lokasi", 14),
            xlsx.Kolom("Volume", 12),
            xlsx.Kolom("Alasan", 50),
        ]
        rows = [
            [
                r["no"],
                r["kode"],
                r["judul"],
                r["lokasi"],
                f"{r['volume']} {r['satuan']}",
                r["alasan"],
            ]
            for r in s["ditolak"]
        ]
        return xlsx.Lembar("Tidak disepakati", kolom, rows, atas)
    if jenis == "masalah":
        kolom = [
            xlsx.Kolom("No", 6),
            xlsx.Kolom("RW/Dusun", 14),
            xlsx.Kolom("Sektor", 18),
            xlsx.Kolom("Masalah", 40),
            xlsx.Kolom("Penyebab", 30),
            xlsx.Kolom("Potensi", 30),
        ]
        rows = [
            [r["no"], r["rw"], r["sektor"], r["uraian"], r["penyebab"], r["potensi"]]
            for r in s["masalah"]
        ]
        return xlsx.Lembar("Masalah prioritas", kolom, rows, atas)
    orang = s["peserta"] if jenis == "hadir" else s["delegasi"]
    rows = [
        [r["no"], r["nama"], r["lembaga"], r["unsur"], r["alamat"], r["jenis_kelamin"], r["peran"]]
        for r in orang
    ]
    return xlsx.Lembar("Daftar hadir" if jenis == "hadir" else "Delegasi", _KOLOM_ORANG, rows, atas)


def xlsx_keluaran(jenis: str, s: dict):
    """One output as Excel; "berita_acara" gives every lampiran, one sheet each."""
    if jenis == "berita_acara":
        lembar = [
            _lembar(j, s)
            for j in ("hadir", "prioritas", "swadaya", "masalah", "delegasi", "ditolak")
        ]
    else:
        lembar = [_lembar(jenis, s)]
    return _nama(jenis, s, "xlsx"), xlsx.MIMETYPE, xlsx.tulis_xlsx(lembar)
