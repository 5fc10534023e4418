"""The outputs of the Musrenbang Kota/Kabupaten as one plain dict (the snapshot), as the
other levels'.

What the kota forum agreed, per perangkat daerah (the priorities the signed kecamatan
forums sent up that the forum agreed, each under the perangkat daerah it ends up with),
the usulan it moved to another perangkat daerah, those it did not agree with their
reasons, and a summary per kecamatan (what came from it, what was agreed, who came).
Only JSON types: text formatted for print, amounts as whole Rupiah integers.
"""

from collections import Counter, defaultdict

from django.utils.translation import gettext as _

from apps.core.formatting import rupiah, tanggal
from apps.musyawarah.keluaran import snapshot_umum
from apps.musyawarah.keluaran_kecamatan import baris_usulan, per_perangkat_daerah
from apps.musyawarah.kota.kesepakatan import (
    KeputusanKota,
    keputusan_kota,
    kunci_urutan,
    pembahasan_kota,
)
from apps.musyawarah.kota.persiapan import forum_kecamatan_ditandatangani
from apps.musyawarah.models import ElemenKota, Musyawarah

INSTANSI = "Badan Perencanaan Pembangunan Daerah"


def data_wilayah_kota(m: Musyawarah) -> dict:
    """The letterhead of Bappeda's documents: the daerah's government, then Bappeda."""
    daerah = m.daerah
    return {
        "provinsi": daerah.provinsi,
        "daerah": daerah.nama,
        "jenis_daerah": daerah.get_jenis_display(),
        "instansi": INSTANSI,
        "kecamatan": "",
        "kelurahan": "",
        "kepala": "Kepala Bappeda",
        "kepala_daerah": str(daerah.jabatan_kepala),
        "alamat": daerah.alamat,
        "telepon": daerah.telepon,
        "email": daerah.email,
        "kode_pos": "",
        "kode": daerah.kode,
    }


def label_elemen(value: str) -> str:
    return str(ElemenKota(value).label) if value in ElemenKota.values else value


def orang_kota(p, no: int) -> dict:
    """A participant's row: name, the kecamatan they come from, what they represent."""
    return {
        "no": no,
        "nama": p.nama,
        "jenis_kelamin": p.jenis_kelamin,
        "unsur": label_elemen(p.elemen) if p.elemen else str(p.get_unsur_display()),
        "lembaga": p.organisasi or p.jabatan,
        "jabatan": p.jabatan,
        "alamat": p.kecamatan_asal.nama if p.kecamatan_asal_id else p.alamat,
        "kecamatan": p.kecamatan_asal.nama if p.kecamatan_asal_id else "",
        "peran": str(p.get_peran_display()),
    }


def baris_kota(p, no: int = 0) -> dict:
    """One usulan as the kota's lists print it: the T-D.4 columns with the perangkat
    daerah it ends up with, where it comes from, and the place and score its kecamatan
    forum gave it (frozen there when that forum signed)."""
    r = baris_usulan(p, no)
    u = p.usulan
    asal = u.perangkat_daerah
    r.update(
        {
            "kecamatan": u.kelurahan.kecamatan.nama,
            "urutan_kecamatan": p.urutan_asal,
            "nilai": float(p.nilai_penilaian) if p.nilai_penilaian is not None else None,
            "peringkat": p.peringkat_kelompok,
            "perangkat_daerah_asal": asal.singkatan if asal else "",
            "perangkat_daerah_asal_nama": asal.nama if asal else "",
            "keputusan": str(KeputusanKota(keputusan_kota(p)).label),
            "alasan": p.alasan,
        }
    )
    return r


def _urutan_pd(p) -> tuple:
    pd = p.pd
    return (pd.nama if pd else "~", p.urutan or 9999, *kunci_urutan(p))


def per_kecamatan(m: Musyawarah, rekaman: list, peserta: list[dict]) -> list[dict]:
    """One row per kecamatan of the daerah: whether its forum signed (and its berita
    acara), how many usulan came from it and what became of them, who came."""
    forum = {f.kecamatan_id: f for f in forum_kecamatan_ditandatangani(m)}
    hitung: dict[int, Counter] = defaultdict(Counter)
    for p in rekaman:
        c = hitung[p.usulan.kelurahan.kecamatan_id]
        k = keputusan_kota(p)
        c["usulan"] += 1
        c["biaya_usulan"] += int(p.biaya)
        if k in (KeputusanKota.SETUJU, KeputusanKota.PINDAH):
            c["disepakati"] += 1
            c["biaya_disepakati"] += int(p.biaya)
        c[k] += 1
    hadir = Counter(r["kecamatan"] for r in peserta if r["kecamatan"])
    perempuan = Counter(
        r["kecamatan"] for r in peserta if r["kecamatan"] and r["jenis_kelamin"] == "P"
    )
    hasil = []
    for kec in m.daerah.kecamatan.order_by("nama"):
        f = forum.get(kec.pk)
        c = hitung[kec.pk]
        hasil.append(
            {
                "kecamatan": kec.nama,
                "ditandatangani": tanggal(f.berita_acara.ditandatangani_pada)
                if f and f.berita_acara_id
                else "",
                "nomor": f.nomor_berita_acara if f else "",
                "kode": f.berita_acara.kode if f and f.berita_acara_id else "",
                "usulan": c["usulan"],
                "biaya_usulan": c["biaya_usulan"],
                "disepakati": c["disepakati"],
                "biaya_disepakati": c["biaya_disepakati"],
                "dipindah": c[KeputusanKota.PINDAH],
                "tidak_disepakati": c[KeputusanKota.TOLAK],
                "hadir": hadir[kec.nama],
                "perempuan": perempuan[kec.nama],
            }
        )
    return hasil


def snapshot_kota(m: Musyawarah) -> dict:
    """Everything the kota's berita acara and its lampiran print, as of now."""
    rekaman = list(pembahasan_kota(m))
    disepakati = sorted(
        (p for p in rekaman if keputusan_kota(p) in (KeputusanKota.SETUJU, KeputusanKota.PINDAH)),
        key=_urutan_pd,
    )
    dipindah = sorted(
        (p for p in rekaman if keputusan_kota(p) == KeputusanKota.PINDAH), key=_urutan_pd
    )
    ditolak = sorted(
        (p for p in rekaman if keputusan_kota(p) == KeputusanKota.TOLAK),
        key=lambda p: (
            (p.usulan.perangkat_daerah.nama if p.usulan.perangkat_daerah_id else "~",)
            + kunci_urutan(p)
        ),
    )
    s = snapshot_umum(m, wilayah=data_wilayah_kota(m), orang=orang_kota)
    kecamatan = per_kecamatan(m, rekaman, s["peserta"])
    s.update(
        {
            "jenis": "berita_acara_kota",
            "disepakati": per_perangkat_daerah([baris_kota(p) for p in disepakati]),
            "dipindah": [baris_kota(p, i) for i, p in enumerate(dipindah, start=1)],
            "tidak_disepakati": [baris_kota(p, i) for i, p in enumerate(ditolak, start=1)],
            "belum_diputuskan": sum(1 for p in rekaman if keputusan_kota(p) == KeputusanKota.BELUM),
            "jumlah_usulan": len(rekaman),
            "total_usulan": sum(int(p.biaya) for p in rekaman),
            "per_kecamatan": kecamatan,
            "kecamatan_belum": [k["kecamatan"] for k in kecamatan if not k["ditandatangani"]],
        }
    )
    s["ringkasan"] = ringkasan_kota(s)
    return s


def ringkasan_kota(s: dict) -> dict:
    """What the public verification page shows of a signed kota berita acara."""
    ttd = s["penandatangan"]
    orang = []
    if ttd["pimpinan"]:
        jabatan = f" ({ttd['pimpinan']['jabatan']})" if ttd["pimpinan"]["jabatan"] else ""
        orang.append([ttd["pimpinan"]["nama"], _("pimpinan sidang") + jabatan])
    if ttd["notulen"]:
        orang.append([ttd["notulen"]["nama"], _("notulen")])
    orang += [[w["nama"], _("wakil unsur %(u)s") % {"u": w["unsur"]}] for w in ttd["wakil"]]
    return {
        "baris": [
            [_("Musyawarah"), f"{s['tanggal_hari']}, {s['tempat']}"],
            [_("Peserta hadir"), str(s["jumlah_peserta"])],
            [
                _("Usulan dari Musrenbang kecamatan"),
                _("%(n)d kegiatan, %(rp)s")
                % {"n": s["jumlah_usulan"], "rp": rupiah(s["total_usulan"])},
            ],
            [
                _("Disepakati"),
                _("%(n)d kegiatan, %(rp)s")
                % {"n": s["disepakati"]["jumlah"], "rp": rupiah(s["disepakati"]["total"])},
            ],
            [_("Dipindah ke perangkat daerah lain"), str(len(s["dipindah"]))],
            [_("Tidak disepakati"), str(len(s["tidak_disepakati"]))],
            [
                _("Kecamatan belum menandatangani"),
                ", ".join(s["kecamatan_belum"]) or "—",
            ],
        ],
        "penandatangan": orang,
    }
