"""The five outputs of the Musrenbang Desa/Kelurahan as one plain dict (the snapshot).

Built from live data while the forum runs (draft documents) and frozen into the berita
acara when it is signed; every page, PDF and Excel file of the outputs reads this dict,
so a signed document and its lampiran always agree, and reprints never read live data.
Only JSON types: text already formatted for print, amounts as whole Rupiah integers.
"""

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.core.formatting import bilangan, jam, rupiah, tanggal, tanggal_hari, zona_waktu
from apps.core.terbilang import tanggal_terbilang
from apps.musyawarah.models import JabatanTpm, Keputusan, Musyawarah, PeranTtd
from apps.musyawarah.selectors import keterwakilan
from apps.usulan.models import Bidang, Status

HURUF = "ABCDEFGHIJ"
URUTAN_TPM = {j.value: i for i, j in enumerate(JabatanTpm)}


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
        # How the wilayah names its own plan and budget (seed output 1).
        "rencana_kerja": "RKP Desa" if kel.jenis == kel.Jenis.DESA else "Renja Kelurahan",
        "dana_sendiri": "APBDes" if kel.jenis == kel.Jenis.DESA else "dana kelurahan",
    }


# What each decision makes of an usulan once signed, and the list it is printed on.
STATUS_KEPUTUSAN = {
    Keputusan.KOTA: Status.PRIORITAS_DESA,
    Keputusan.KELURAHAN: Status.DIDANAI_DESA,
    Keputusan.SWADAYA: Status.SWADAYA,
    Keputusan.DITOLAK: Status.DITOLAK_DESA,
}
DAFTAR_KEPUTUSAN = {
    Keputusan.KOTA: "prioritas",
    Keputusan.KELURAHAN: "kelurahan",
    Keputusan.SWADAYA: "swadaya",
    Keputusan.DITOLAK: "ditolak",
}


def _angka(value: Decimal) -> int | float:
    """A JSON number for Excel: whole numbers stay ints."""
    return int(value) if value == value.to_integral_value() else float(value)


def _usulan(p, peringkat: int) -> dict:
    """One decided usulan as the outputs print it, with the funding the decision gives it
    and its rank within the list it is on."""
    u = p.usulan
    sumber, perangkat_daerah = u.pembiayaan_untuk(STATUS_KEPUTUSAN.get(p.keputusan, u.status))
    return {
        "urutan": p.urutan,
        "peringkat": peringkat,
        "kode": u.kode,
        "bidang": str(u.get_bidang_display()),
        "judul": u.judul,
        "lokasi": u.lokasi,
        "volume": bilangan(u.volume),
        "volume_nilai": _angka(u.volume),
        "satuan": str(u.get_satuan_display()),
        "sasaran": u.sasaran,
        "waktu": u.siklus.tahun_rencana,
        "biaya": int(u.perkiraan_biaya),
        "sumber": u.label_sumber(sumber),
        "perangkat_daerah": perangkat_daerah.singkatan if perangkat_daerah else "",
        "perangkat_daerah_nama": perangkat_daerah.nama if perangkat_daerah else "",
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


def snapshot_umum(m: Musyawarah, *, wilayah: dict, orang) -> dict:
    """What every level's berita acara prints about the forum itself: when and where,
    the organising team, the agenda, the materials, who came and what they represent,
    the delegation, the keterwakilan, and who signs. ``orang(peserta, no)`` is the
    level's row of a person; the signatories' element labels come from the level."""
    from apps.musyawarah.tingkat import spek

    sp = spek(m)
    peserta = list(
        m.peserta.select_related("lingkungan", "rt", "kelurahan_asal", "kecamatan_asal").order_by(
            "nama", "pk"
        )
    )
    hadir = [p for p in peserta if p.hadir]
    ket = keterwakilan(m, peserta)
    ttd = {(t.peran_ttd, t.unsur): t for t in m.penandatangan.select_related("peserta")}

    def penandatangan(key):
        t = ttd.get(key)
        if t is None:
            return None
        return {**orang(t.peserta, 0), "jabatan": t.jabatan or t.peserta.jabatan}

    wakil = sorted(
        (t for (peran, _u), t in ttd.items() if peran == PeranTtd.WAKIL_UNSUR),
        key=lambda t: t.peserta.nama,
    )
    jk = Counter(p.jenis_kelamin for p in hadir)
    return {
        "wilayah": wilayah,
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
            # As the SK lists them: ketua, bendahara, then the seksi (not alphabetically).
            for a in sorted(m.tpm.all(), key=lambda a: (URUTAN_TPM[a.jabatan_tpm], a.pk))
        ],
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
        "peserta": [orang(p, i) for i, p in enumerate(hadir, start=1)],
        "jumlah_peserta": len(hadir),
        "jumlah_laki": jk["L"],
        "jumlah_perempuan": jk["P"],
        "delegasi": [orang(p, i) for i, p in enumerate([p for p in hadir if p.delegasi], start=1)],
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
            "pimpinan": penandatangan((PeranTtd.PIMPINAN_SIDANG, "")),
            "notulen": penandatangan((PeranTtd.NOTULEN, "")),
            "wakil": [{**orang(t.peserta, 0), "unsur": sp.label_elemen(t.unsur)} for t in wakil],
            "mengetahui": None,
        },
        "materi": [{"judul": x.judul, "jenis": str(x.get_jenis_display())} for x in m.materi.all()],
        "zona": zona_waktu(m.siklus.daerah),
        "latihan": m.latihan,
    }


def snapshot_desa(m: Musyawarah) -> dict:
    """Everything the desa berita acara and its lampiran print, as of now."""
    pembahasan = list(
        m.pembahasan.select_related(
            "usulan__perangkat_daerah",
            "usulan__prioritas_daerah",
            "usulan__lingkungan",
            "usulan__rt",
            "usulan__siklus",
            "usulan__kelurahan",
        ).order_by("urutan", "pk")
    )
    bidang_of = {p.usulan.kode: p.usulan.bidang for p in pembahasan}
    per_keputusan = {}
    for k in DAFTAR_KEPUTUSAN:
        dipilih = [p for p in pembahasan if p.keputusan == k]
        per_keputusan[k] = [_usulan(p, i) for i, p in enumerate(dipilih, start=1)]
    for k in (Keputusan.SWADAYA, Keputusan.DITOLAK):
        for r in per_keputusan[k]:
            r["no"] = r["peringkat"]
    swadaya = per_keputusan[Keputusan.SWADAYA]
    s = snapshot_umum(m, wilayah=data_wilayah(m), orang=data_orang)
    s.update(
        {
            "jenis": "berita_acara_desa",
            "pemandu": [{"nama": p.nama, "lembaga": p.lembaga} for p in m.pemandu.all()],
            "prioritas": _per_bidang(per_keputusan[Keputusan.KOTA], bidang_of),
            "kelurahan": _per_bidang(per_keputusan[Keputusan.KELURAHAN], bidang_of),
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
                for mp in m.masalah_prioritas.select_related("masalah__lingkungan").order_by(
                    "urutan"
                )
            ],
        }
    )
    if not m.pimpinan_kepala:
        # The lurah/kepala desa acknowledges a berita acara chaired by someone else.
        s["penandatangan"]["mengetahui"] = {
            "jabatan": f"{m.kelurahan.jabatan_kepala} {m.kelurahan.nama}",
            "nama": m.kepala_nama,
            "nip": m.kepala_nip,
        }
    s["ringkasan"] = ringkasan_publik(s)
    return s


def ringkasan_publik(s: dict) -> dict:
    """What the public verification page shows of a signed desa berita acara: rows of
    (label, value) and the signatories. The page reads only this, whatever the level."""
    ttd = s["penandatangan"]
    orang = []
    if ttd["pimpinan"]:
        jabatan = f" ({ttd['pimpinan']['jabatan']})" if ttd["pimpinan"]["jabatan"] else ""
        orang.append([ttd["pimpinan"]["nama"], _("pimpinan sidang") + jabatan])
    if ttd["notulen"]:
        orang.append([ttd["notulen"]["nama"], _("notulen")])
    orang += [[w["nama"], _("wakil unsur %(u)s") % {"u": w["unsur"]}] for w in ttd["wakil"]]
    if ttd.get("mengetahui"):
        orang.append([ttd["mengetahui"]["nama"], _("mengetahui, %(jabatan)s") % ttd["mengetahui"]])
    kegiatan = _("%(n)d kegiatan, %(rp)s")
    return {
        "baris": [
            [_("Musyawarah"), f"{s['tanggal_hari']}, {s['tempat']}"],
            [_("Peserta hadir"), str(s["jumlah_peserta"])],
            [
                _("Didanai kelurahan/desa"),
                kegiatan % {"n": s["kelurahan"]["jumlah"], "rp": rupiah(s["kelurahan"]["total"])},
            ],
            [
                _("Diteruskan ke kecamatan"),
                kegiatan % {"n": s["prioritas"]["jumlah"], "rp": rupiah(s["prioritas"]["total"])},
            ],
            [_("Kegiatan swadaya"), str(len(s["swadaya"]["baris"]))],
            [_("Tidak disepakati"), str(len(s["ditolak"]))],
        ],
        "penandatangan": orang,
    }
