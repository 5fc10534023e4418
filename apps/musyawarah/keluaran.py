"""The five outputs of the Musrenbang Desa/Kelurahan as one plain dict (the snapshot).

Built from live data while the forum runs (draft documents) and frozen into the berita
acara when it is signed; every page, PDF and Excel file of the outputs reads this dict,
so a signed document and its lampiran always agree, and reprints never read live data.
Only JSON types: text already formatted for print, amounts as whole Rupiah integers.
"""

from collections import Counter

from django.utils.translation import gettext as _

from apps.core.formatting import bilangan, jam, tanggal, tanggal_hari
from apps.core.terbilang import tanggal_terbilang
from apps.musyawarah.models import Keputusan, Musyawarah, PeranTtd, Unsur
from apps.musyawarah.selectors import keterwakilan
from apps.usulan.models import Bidang

HURUF = "ABCDEFGHIJ"


def data_wilayah(m: Musyawarah) -> dict:
    kel = m.kelurahan
    kec = kel.kecamatan
    daerah = kec.daerah
    return {
        "provinsi": daerah.provinsi,
        "daerah": daerah.nama,
        "jenis_daerah": daerah.get_jenis_display(),
        "kecamatan": kec.nama,
        "kelurahan": kel.nama,
        "jenis_kelurahan": kel.get_jenis_display(),
        "kepala": str(kel.jabatan_kepala),
        "alamat": kel.alamat,
        "telepon": kel.telepon,
        "kode_pos": kel.kode_pos,
        "kode": kel.kode,
    }


def _usulan(p) -> dict:
    u = p.usulan
    return {
        "urutan": p.urutan,
        "kode": u.kode,
        "bidang": str(u.get_bidang_display()),
        "judul": u.judul,
        "lokasi": u.lokasi,
        "volume": bilangan(u.volume),
        "satuan": str(u.get_satuan_display()),
        "sasaran": u.sasaran,
        "waktu": str(u.siklus.tahun_rencana),
        "biaya": int(u.perkiraan_biaya),
        "sumber": str(u.get_sumber_pembiayaan_display()),
        "perangkat_daerah": u.perangkat_daerah.singkatan if u.perangkat_daerah_id else "",
        "perangkat_daerah_nama": u.perangkat_daerah.nama if u.perangkat_daerah_id else "",
        "prioritas_daerah": u.prioritas_daerah.nama if u.prioritas_daerah_id else "",
        "alasan": p.alasan,
    }


def _per_bidang(baris: list[dict], bidang_of: dict) -> dict:
    """Rows grouped by bidang in the official order, numbered per group, with subtotals."""
    kelompok = []
    for i, b in enumerate(Bidang):
        isi = [r for r in baris if bidang_of[r["kode"]] == b.value]
        if not isi:
            continue
        for no, r in enumerate(isi, start=1):
            r["no"] = no
        kelompok.append(
            {
                "huruf": HURUF[i],
                "bidang": str(b.label),
                "baris": isi,
                "subtotal": sum(r["biaya"] for r in isi),
            }
        )
    return {
        "kelompok": kelompok,
        "jumlah": len(baris),
        "total": sum(k["subtotal"] for k in kelompok),
    }


def data_orang(p, no: int) -> dict:
    return {
        "no": no,
        "nama": p.nama,
        "jenis_kelamin": p.jenis_kelamin,
        "unsur": str(p.get_unsur_display()),
        "lembaga": p.organisasi or p.jabatan,
        "jabatan": p.jabatan,
        "alamat": p.asal,
        "peran": str(p.get_peran_display()),
    }


def snapshot_desa(m: Musyawarah) -> dict:
    """Everything the berita acara and its lampiran print, as of now."""
    peserta = list(m.peserta.select_related("lingkungan", "rt").order_by("nama", "pk"))
    hadir = [p for p in peserta if p.hadir]
    pembahasan = list(
        m.pembahasan.select_related(
            "usulan__perangkat_daerah",
            "usulan__prioritas_daerah",
            "usulan__lingkungan",
            "usulan__rt",
            "usulan__siklus",
        ).order_by("urutan", "pk")
    )
    bidang_of = {p.usulan.kode: p.usulan.bidang for p in pembahasan}
    per_keputusan = {k: [_usulan(p) for p in pembahasan if p.keputusan == k] for k in Keputusan}
    for i, r in enumerate(per_keputusan[Keputusan.DITOLAK], start=1):
        r["no"] = i
    swadaya = per_keputusan[Keputusan.SWADAYA]
    for i, r in enumerate(swadaya, start=1):
        r["no"] = i
    ket = keterwakilan(m, peserta)
    ttd = {t.peran_ttd + (t.unsur or ""): t for t in m.penandatangan.select_related("peserta")}

    def penandatangan(key):
        t = ttd.get(key)
        if t is None:
            return None
        return {**data_orang(t.peserta, 0), "jabatan": t.jabatan or t.peserta.jabatan}

    jk = Counter(p.jenis_kelamin for p in hadir)
    return {
        "jenis": "berita_acara_desa",
        "wilayah": data_wilayah(m),
        "siklus": str(m.siklus),
        "tahun_rencana": m.siklus.tahun_rencana,
        "tahun_forum": m.siklus.tahun_forum,
        "nomor": m.nomor_berita_acara,
        "tanggal": m.tanggal.isoformat() if m.tanggal else "",
        "tanggal_teks": tanggal(m.tanggal),
        "tanggal_hari": tanggal_hari(m.tanggal),
        "tanggal_terbilang": tanggal_terbilang(m.tanggal) if m.tanggal else "",
        "jam_mulai": jam(m.jam_mulai),
        "jam_selesai": jam(m.jam_selesai),
        "tempat": m.tempat,
        "alamat_tempat": m.alamat_tempat,
        "tanggal_undangan": tanggal(m.tanggal_undangan),
        "hari_sejak_undangan": m.hari_sejak_undangan,
        "alasan_kurang_7_hari": m.alasan_kurang_7_hari,
        "sk_tpm": {"nomor": m.sk_tpm_nomor, "tanggal": tanggal(m.sk_tpm_tanggal)},
        "tpm": [
            {"jabatan_tpm": str(a.get_jabatan_tpm_display()), "nama": a.nama, "jabatan": a.jabatan}
            for a in m.tpm.all()
        ],
        "pemandu": [{"nama": p.nama, "lembaga": p.lembaga} for p in m.pemandu.all()],
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
        "catatan": {
            "sambutan": m.catatan_sambutan,
            "pemaparan": m.catatan_pemaparan,
            "diskusi": m.catatan_diskusi,
        },
        "peserta": [data_orang(p, i) for i, p in enumerate(hadir, start=1)],
        "jumlah_peserta": len(hadir),
        "jumlah_laki": jk["L"],
        "jumlah_perempuan": jk["P"],
        "prioritas": _per_bidang(per_keputusan[Keputusan.KOTA], bidang_of),
        "swadaya": {"baris": swadaya, "total": sum(r["biaya"] for r in swadaya)},
        "ditolak": per_keputusan[Keputusan.DITOLAK],
        "masalah": [
            {
                "no": mp.urutan,
                "rw": str(mp.masalah.lingkungan)
                if mp.masalah.lingkungan_id
                else _("Seluruh wilayah"),
                "sektor": str(mp.masalah.get_sektor_display()),
                "uraian": mp.masalah.uraian,
                "penyebab": mp.masalah.penyebab,
                "potensi": mp.masalah.potensi,
            }
            for mp in m.masalah_prioritas.select_related("masalah__lingkungan").order_by("urutan")
        ],
        "delegasi": [
            data_orang(p, i) for i, p in enumerate([p for p in hadir if p.delegasi], start=1)
        ],
        "keterwakilan": {
            "dimensi": [
                {
                    "nama": str(d.nama),
                    "hadir": [f"{k.label} ({k.jumlah})" for k in d.hadir],
                    "kurang": [str(k) for k in d.kurang],
                }
                for d in ket.dimensi
            ],
            "persen_perempuan": ket.persen_perempuan,
            "kurang": [f"{d}: {k}" for d, k in ket.kurang],
        },
        "penandatangan": {
            "pimpinan": penandatangan(PeranTtd.PIMPINAN_SIDANG),
            "notulen": penandatangan(PeranTtd.NOTULEN),
            "wakil": [
                penandatangan(PeranTtd.WAKIL_UNSUR + u.value)
                for u in Unsur
                if penandatangan(PeranTtd.WAKIL_UNSUR + u.value)
            ],
        },
    }
