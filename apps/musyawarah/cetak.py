"""Documents of the Musrenbang Desa/Kelurahan: PDFs (WeasyPrint) and Excel (openpyxl).

The outputs (prioritas, swadaya, masalah, delegasi, daftar hadir, berita acara) are
rendered from the snapshot (apps.musyawarah.keluaran): live while the forum runs, with a
DRAF mark and no code; from the frozen snapshot once signed, with its verification code
and QR. Renderers return (filename, mimetype, bytes).
"""

from django.utils import timezone
from django.utils.text import slugify

from apps.core.angka import parse_angka
from apps.core.formatting import jam, tanggal, tanggal_hari, zona_waktu
from apps.dokumen import pdf as dokpdf
from apps.dokumen import xlsx
from apps.musyawarah.models import Musyawarah

JUDUL = {
    "berita_acara": "Berita Acara Musrenbang",
    "kelurahan": "Daftar Prioritas Kegiatan Didanai Kelurahan/Desa",
    "prioritas": "Daftar Prioritas Kegiatan untuk Rencana Kerja Perangkat Daerah",
    "swadaya": "Daftar Prioritas Kegiatan Swadaya",
    "masalah": "Daftar Masalah Prioritas untuk Musrenbang Kecamatan",
    "delegasi": "Daftar Delegasi ke Musrenbang Kecamatan",
    "hadir": "Daftar Hadir Peserta",
    "ditolak": "Usulan yang Tidak Disepakati",
}
KELUARAN = ("berita_acara", "kelurahan", "prioritas", "swadaya", "masalah", "delegasi", "hadir")
_TABEL = {
    "kelurahan": ("dokumen/desa/_tabel_prioritas.html", True),
    "prioritas": ("dokumen/desa/_tabel_prioritas.html", True),
    "swadaya": ("dokumen/desa/_tabel_swadaya.html", True),
    "masalah": ("dokumen/desa/_tabel_masalah.html", False),
    "delegasi": ("dokumen/desa/_tabel_orang.html", False),
    "hadir": ("dokumen/desa/_tabel_orang.html", False),
    "ditolak": ("dokumen/desa/_tabel_ditolak.html", False),
}


def _nama(jenis: str, s: dict, ext: str) -> str:
    return f"{slugify(jenis)}-{slugify(s['wilayah']['kelurahan'])}-{s['tahun_rencana']}.{ext}"


def judul(jenis: str, s: dict) -> str:
    """The title of an output, naming the wilayah's own plan for output 1a."""
    if jenis == "kelurahan":
        return f"Daftar Prioritas Kegiatan {s['wilayah'].get('rencana_kerja', 'Kelurahan/Desa')}"
    return JUDUL[jenis]


def dasar_konteks(s: dict, *, kode: str, url: str, logo: str) -> dict:
    latihan = bool(s.get("latihan"))
    return {
        "s": s,
        "kode": "" if latihan else kode,
        "url_verifikasi": url,
        "qr": dokpdf.qr_data_uri(url) if kode and not latihan else "",
        "logo": logo,
        # Outputs of a forum not signed yet are drafts; signed ones carry their code; a
        # practice run's are marked LATIHAN and carry no code at all.
        "draf": not kode,
        "latihan": latihan,
    }


def pdf_tingkat(
    jenis: str,
    s: dict,
    *,
    folder: str,
    judul: dict,
    tabel: dict,
    nama: str,
    orang: list,
    kode: str,
    url: str,
    logo: str,
) -> tuple[str, str, bytes]:
    """One PDF output of the kecamatan or kota forum, from its snapshot: the berita acara
    (``dokumen/<folder>/berita_acara.html``) or a list (``<folder>/daftar.html`` around the
    table ``tabel[jenis]``, with ``orang`` for the lists of people), saved as ``nama``."""
    konteks = dasar_konteks(s, kode=kode, url=url, logo=logo)
    konteks["judul_dokumen"] = judul[jenis]
    if jenis == "berita_acara":
        templat = f"dokumen/{folder}/berita_acara.html"
    else:
        templat = f"dokumen/{folder}/daftar.html"
        isi, lebar = tabel[jenis]
        konteks.update({"judul": judul[jenis], "tabel": isi, "lebar": lebar, "orang": orang})
    return nama, dokpdf.MIMETYPE, dokpdf.render_pdf(templat, konteks)


def logo_daerah(m: Musyawarah) -> str:
    return dokpdf.gambar_data_uri(m.siklus.daerah.logo)


def pdf_berita_acara(s: dict, *, kode: str, url: str, logo: str) -> bytes:
    konteks = dasar_konteks(s, kode=kode, url=url, logo=logo)
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
    konteks = dasar_konteks(s, kode=kode, url=url, logo=logo)
    konteks.update(
        {
            "judul": judul(jenis, s),
            "judul_dokumen": judul(jenis, s),
            "tabel": tabel,
            "lebar": lebar,
            "orang": s["peserta"] if jenis == "hadir" else s["delegasi"],
            "daftar": s.get(jenis) if jenis in ("kelurahan", "prioritas") else None,
        }
    )
    return (
        _nama(jenis, s, "pdf"),
        dokpdf.MIMETYPE,
        dokpdf.render_pdf("dokumen/desa/daftar.html", konteks),
    )


def konteks_persiapan(m: Musyawarah) -> dict:
    """What the invitation, the announcement and the blank daftar hadir print, at any
    level (the level gives its wilayah's letterhead data and its person rows)."""
    from apps.musyawarah.tingkat import spek

    sp = spek(m)
    wilayah = sp.data_wilayah(m)
    diundang = [
        p
        for p in m.peserta.select_related(
            "lingkungan", "rt", "kelurahan_asal", "kecamatan_asal"
        ).order_by("nama")
        if p.diundang
    ]
    return {
        "w": wilayah,
        "s": {"wilayah": wilayah},
        "nama_forum": sp.nama_forum(m),
        "nomor": "",
        "siklus": str(m.siklus),
        "tanggal_hari": tanggal_hari(m.tanggal) or "……………",
        "tanggal_undangan": tanggal(m.tanggal_undangan) or "……………",
        "jam_mulai": jam(m.jam_mulai),
        "jam_selesai": jam(m.jam_selesai),
        "zona": zona_waktu(m.siklus.daerah),
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
        "orang": [sp.orang(p, i) for i, p in enumerate(diundang, start=1)],
        "materi": [x.judul for x in m.materi.all()],
        "logo": logo_daerah(m),
        # Invitations and announcements are final letters, not drafts of the outputs.
        "kode": "",
        "draf": False,
    }


def pdf_undangan(m: Musyawarah, peserta=None):
    """One letter for all invitees (with the list as lampiran), or one for ``peserta``."""
    konteks = konteks_persiapan(m)
    konteks.update({"judul_dokumen": "Undangan Musrenbang", "satu": peserta})
    isi = dokpdf.render_pdf(_templat(m, "undangan"), konteks)
    nama = f"undangan-{slugify(peserta.nama) if peserta else 'semua'}-{_slug(m)}.pdf"
    return nama, dokpdf.MIMETYPE, isi


def _templat(m: Musyawarah, nama: str) -> str:
    from apps.musyawarah.tingkat import spek

    return spek(m).templat[nama]


def _slug(m: Musyawarah) -> str:
    return slugify(m.wilayah.nama)


def pdf_pengumuman(m: Musyawarah):
    konteks = konteks_persiapan(m)
    konteks["judul_dokumen"] = "Pengumuman Musrenbang"
    return (
        f"pengumuman-{_slug(m)}.pdf",
        dokpdf.MIMETYPE,
        dokpdf.render_pdf(_templat(m, "pengumuman"), konteks),
    )


def pdf_rkp(m: Musyawarah, rkp) -> tuple[str, str, bytes]:
    """The draft RKP Desa as forum material (a landscape table under the kop)."""
    konteks = konteks_persiapan(m)
    konteks.update(
        {
            "judul_dokumen": "Rancangan Awal RKP Desa",
            "rkp": rkp,
            "lebar": True,
            "dicetak": tanggal(timezone.localdate()),
        }
    )
    return (
        f"rancangan-rkp-{slugify(m.kelurahan.nama)}-{rkp.tahun}.pdf",
        dokpdf.MIMETYPE,
        dokpdf.render_pdf("dokumen/desa/rkp.html", konteks),
    )


def pdf_daftar_hadir_kosong(m: Musyawarah):
    """The invitees with an empty signature column, to sign on paper at the door."""
    konteks = konteks_persiapan(m)
    konteks.update({"judul_dokumen": "Daftar Hadir", "kosong": range(15)})
    return (
        f"daftar-hadir-{_slug(m)}.pdf",
        dokpdf.MIMETYPE,
        dokpdf.render_pdf(_templat(m, "daftar_hadir"), konteks),
    )


# Excel: the same outputs, one sheet each, from the same snapshot.
_KOLOM_USULAN = [
    xlsx.Kolom("No", 6),
    xlsx.Kolom("Kode Usulan", 16),
    xlsx.Kolom("Jenis Kegiatan", 40),
    xlsx.Kolom("Bidang", 28),
    xlsx.Kolom("Lokasi (RT/RW)", 14),
    xlsx.Kolom("Volume", 10, xlsx.FORMAT_ANGKA),
    xlsx.Kolom("Satuan", 9),
    xlsx.Kolom("Sasaran/Penerima Manfaat", 30),
    xlsx.Kolom("Perkiraan Waktu Pelaksanaan", 12, "0"),
    xlsx.Kolom("Prakiraan Biaya (Rp)", 18, xlsx.FORMAT_RUPIAH),
    xlsx.Kolom("Sumber Pembiayaan", 26),
    xlsx.Kolom("Perangkat Daerah", 16),
    xlsx.Kolom("Urutan", 8, "0"),
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


def _volume(r: dict):
    """The volume as a number (snapshots signed before it was stored as one keep only the
    printed text, which is read back)."""
    if "volume_nilai" in r:
        return r["volume_nilai"]
    nilai = parse_angka(r["volume"])
    return int(nilai) if nilai == nilai.to_integral_value() else float(nilai)


def _baris_usulan(r: dict) -> list:
    return [
        r["no"],
        r["kode"],
        r["judul"],
        r["bidang"],
        r["lokasi"],
        _volume(r),
        r["satuan"],
        r["sasaran"],
        int(r["waktu"]),
        r["biaya"],
        r["sumber"],
        r["perangkat_daerah"],
        r.get("peringkat", r["urutan"]),
    ]


def _lembar(jenis: str, s: dict) -> xlsx.Lembar:
    atas = [
        judul(jenis, s),
        f"{s['wilayah']['jenis_kelurahan']} {s['wilayah']['kelurahan']} — {s['siklus']}",
    ]
    if s.get("latihan"):
        atas.append("LATIHAN — bukan dokumen resmi")
    if jenis in ("kelurahan", "prioritas"):
        daftar = s.get(jenis) or {"kelompok": [], "total": 0}

        def rows():
            for k in daftar["kelompok"]:
                yield xlsx.Baris([k["huruf"], "", k["bidang"]], "grup")
                for r in k["baris"]:
                    yield _baris_usulan(r)
                yield xlsx.Baris(
                    ["", "", f"Jumlah {k['bidang']}"] + [""] * 6 + [k["subtotal"]], "subtotal"
                )
            yield xlsx.Baris(["", "", "JUMLAH SELURUHNYA"] + [""] * 6 + [daftar["total"]], "total")

        nama = "Prioritas ke kecamatan" if jenis == "prioritas" else "Didanai kelurahan-desa"
        return xlsx.Lembar(nama, _KOLOM_USULAN, rows(), atas)
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
            xlsx.Kolom("Volume", 10, xlsx.FORMAT_ANGKA),
            xlsx.Kolom("Satuan", 9),
            xlsx.Kolom("Alasan", 50),
        ]
        rows = [
            [r["no"], r["kode"], r["judul"], r["lokasi"], _volume(r), r["satuan"], r["alasan"]]
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
            for j in (
                "hadir",
                "kelurahan",
                "prioritas",
                "swadaya",
                "masalah",
                "delegasi",
                "ditolak",
            )
        ]
    else:
        lembar = [_lembar(jenis, s)]
    return _nama(jenis, s, "xlsx"), xlsx.MIMETYPE, xlsx.tulis_xlsx(lembar)


def pdf_surat_bappeda(m: Musyawarah):
    """The camat's letter notifying Bappeda of the schedule, with the agenda (seed 4.a.5)."""
    konteks = konteks_persiapan(m)
    konteks.update(
        {
            "judul_dokumen": "Surat Pemberitahuan Musrenbang",
            "nomor": m.nomor_surat_bappeda,
            "tanggal_surat": tanggal(m.tanggal_surat_bappeda) or "……………",
            "daerah": m.siklus.daerah,
        }
    )
    return (
        f"surat-pemberitahuan-bappeda-{_slug(m)}.pdf",
        dokpdf.MIMETYPE,
        dokpdf.render_pdf(_templat(m, "surat_bappeda"), konteks),
    )
