"""The outputs of the Musrenbang Kecamatan as one plain dict (the snapshot), as the desa's.

Seed section 5: (a) the priority list per perangkat daerah for the kota's forum — the
Permendagri 86/2017 form T-D.4 columns, one block per perangkat daerah in the agreed
order — and (b) the compilation of the kelurahan results in the order each kelurahan
agreed, grouped by perangkat daerah. Plus what the berita acara lists: the usulan found
not feasible or not agreed with their reasons, each group's pimpinan and result, the
delegation to the kota, the kelurahan that never signed.
"""

from collections import Counter, defaultdict

from django.utils.translation import gettext as _

from apps.core.formatting import bilangan, rupiah, tanggal, tanggal_hari
from apps.musyawarah.keluaran import snapshot_umum
from apps.musyawarah.models import ElemenKecamatan, Keputusan, Musyawarah, Pembahasan, Tingkat


def data_wilayah_kecamatan(m: Musyawarah) -> dict:
    kec = m.kecamatan
    daerah = kec.daerah
    return {
        "provinsi": daerah.provinsi,
        "daerah": daerah.nama,
        "jenis_daerah": daerah.get_jenis_display(),
        "kecamatan": kec.nama,
        "kelurahan": "",
        "kepala": "Camat",
        "kepala_daerah": str(daerah.jabatan_kepala),
        "alamat": kec.alamat,
        "telepon": kec.telepon,
        "kode_pos": "",
        "kode": kec.kode,
    }


def orang_kecamatan(p, no: int) -> dict:
    """A participant's row: name, their kelurahan and the element they represent."""
    elemen = ElemenKecamatan(p.elemen).label if p.elemen in ElemenKecamatan.values else ""
    return {
        "no": no,
        "nama": p.nama,
        "jenis_kelamin": p.jenis_kelamin,
        "unsur": str(elemen or p.get_unsur_display()),
        "lembaga": p.organisasi or p.jabatan,
        "jabatan": p.jabatan,
        "alamat": p.kelurahan_asal.nama if p.kelurahan_asal_id else p.asal,
        "peran": str(p.get_peran_display()),
    }


def _angka(value):
    return int(value) if value == value.to_integral_value() else float(value)


def baris_usulan(p, no: int = 0, skor: dict | None = None) -> dict:
    """One usulan as the T-D.4 form prints it, with the values the forum settled on (and,
    from ``skor``, the score and rank its group's scoring gave it)."""
    nilai, peringkat = (skor or {}).get(p.pk, (None, None))
    u = p.usulan
    prioritas = p.prioritas
    pd = p.pd
    return {
        "no": no,
        "kode": u.kode,
        "kelurahan": u.asal,
        "prioritas_daerah": prioritas.nama if prioritas else "",
        "sasaran_daerah": prioritas.sasaran if prioritas else "",
        "program": str(u.get_bidang_display()),
        "kegiatan": u.judul,
        "sasaran": u.sasaran,
        # A merged item is one activity in every kelurahan that proposed it.
        "lokasi": "; ".join(
            f"{x.kelurahan.nama}, {x.lokasi}" for x in [u, *(g.usulan for g in p.gabungan.all())]
        ),
        "volume": bilangan(p.vol),
        "volume_nilai": _angka(p.vol),
        "satuan": str(u.get_satuan_display()),
        "pagu": int(p.biaya),
        "perangkat_daerah": pd.singkatan if pd else "",
        "perangkat_daerah_nama": pd.nama if pd else "",
        "urutan": p.urutan,
        "urutan_asal": p.urutan_asal,
        "kelompok": p.kelompok.nama if p.kelompok_id else "",
        "gabungan": [g.usulan.kode for g in p.gabungan.all()],
        "alasan": p.alasan_verifikasi or p.alasan,
        "nilai": nilai,
        "peringkat": peringkat,
    }


def per_perangkat_daerah(baris: list[dict]) -> dict:
    """Rows grouped by perangkat daerah, in the order of each group's first row (the
    agreed order), each block numbered from 1, with its total."""
    blok: dict[str, list[dict]] = defaultdict(list)
    for r in baris:
        blok[r["perangkat_daerah"]].append(r)
    hasil = []
    for pd, isi in blok.items():
        for i, r in enumerate(isi, start=1):
            r["no"] = i
        hasil.append(
            {
                "perangkat_daerah": pd,
                "perangkat_daerah_nama": isi[0]["perangkat_daerah_nama"],
                "baris": isi,
                "jumlah": len(isi),
                "total": sum(r["pagu"] for r in isi),
            }
        )
    return {
        "per_pd": hasil,
        "jumlah": sum(b["jumlah"] for b in hasil),
        "total": sum(b["total"] for b in hasil),
    }


def kompilasi_desa(m: Musyawarah) -> dict:
    """Seed output 5.b: the kelurahan results in the order each kelurahan agreed, grouped
    by perangkat daerah (the values as the kelurahan sent them)."""
    from apps.musyawarah.kecamatan.pleno import pembahasan_kecamatan

    rekaman = [p for p in pembahasan_kecamatan(m) if p.urutan_asal]
    rekaman.sort(
        key=lambda p: (
            p.usulan.perangkat_daerah.singkatan if p.usulan.perangkat_daerah_id else "~",
            p.usulan.kelurahan.nama,
            p.urutan_asal,
        )
    )
    baris = []
    for p in rekaman:
        u = p.usulan
        baris.append(
            {
                "no": 0,
                "kode": u.kode,
                "kelurahan": u.kelurahan.nama,
                "urutan_asal": p.urutan_asal,
                "kegiatan": u.judul,
                "lokasi": u.lokasi,
                "volume": bilangan(u.volume),
                "volume_nilai": _angka(u.volume),
                "satuan": str(u.get_satuan_display()),
                "pagu": int(u.perkiraan_biaya),
                "prioritas_daerah": u.prioritas_daerah.nama if u.prioritas_daerah_id else "",
                "perangkat_daerah": u.perangkat_daerah.singkatan if u.perangkat_daerah_id else "",
                "perangkat_daerah_nama": u.perangkat_daerah.nama if u.perangkat_daerah_id else "",
            }
        )
    return per_perangkat_daerah(baris)


def kelurahan_belum(m: Musyawarah) -> list[str]:
    """The kelurahan of the kecamatan without a signed desa berita acara this siklus."""
    from apps.musyawarah.models import StatusMusyawarah

    sudah = set(
        Musyawarah.objects.filter(
            siklus_id=m.siklus_id,
            tingkat=Tingkat.DESA,
            latihan=False,
            status=StatusMusyawarah.SELESAI,
            kelurahan__kecamatan_id=m.kecamatan_id,
        ).values_list("kelurahan_id", flat=True)
    )
    return [str(k) for k in m.kecamatan.kelurahan.order_by("nama") if k.pk not in sudah]


def skor_forum(m: Musyawarah) -> dict[int, tuple]:
    """{record id: (score, rank within its group and prioritas daerah)}, one query."""
    from apps.musyawarah.kecamatan.peringkat import dengan_peringkat, kriteria_forum

    kriteria = kriteria_forum(m)
    if not kriteria:
        return {}
    return {
        r["pk"]: (r["nilai"], r["peringkat"])
        for r in dengan_peringkat(Pembahasan.objects.filter(musyawarah=m), kriteria).values(
            "pk", "nilai", "peringkat"
        )
    }


def penilaian_forum(m: Musyawarah) -> dict:
    """Seed 4.b.8–9 in the berita acara: the camat's criteria with their weights and level
    texts, the tie-break rule, and each group's scorers and ranking per prioritas daerah
    with every criterion's mean."""
    from apps.musyawarah.kecamatan.peringkat import (
        ATURAN_SERI,
        kriteria_forum,
        peringkat_kelompok,
    )

    kriteria = kriteria_forum(m)
    kelompok = []
    for k in m.kelompok_diskusi.select_related("penilaian").order_by("urutan", "pk"):
        if not k.penilaian_id:
            continue
        k.musyawarah = m
        hasil = peringkat_kelompok(k)
        kelompok.append(
            {
                "nama": k.nama,
                "penilai": [
                    {"nama": p.nama, "kertas": p.di_kertas} for p in k.penilaian.penilai.all()
                ],
                "ditutup": tanggal(k.penilaian.ditutup_pada),
                "bagian": [
                    {
                        "prioritas": str(b.prioritas) if b.prioritas else "",
                        "baris": [
                            {
                                "peringkat": p.peringkat,
                                "kode": p.usulan.kode,
                                "kegiatan": p.usulan.judul,
                                # Where it comes from: a kelurahan, or the kecamatan's own.
                                "kelurahan": p.usulan.asal,
                                "rata": [r for _k, r, _beda in p.rata],
                                "nilai": p.nilai,
                                "seri": p.seri,
                            }
                            for p in b.baris
                        ],
                    }
                    for b in hasil.bagian
                ],
            }
        )
    return {
        "kriteria": [
            {
                "nama": k.nama,
                "deskripsi": k.deskripsi,
                "bobot": bilangan(k.bobot),
                "persen": float(round(k.persen, 1)),
                "skala": k.skala,
                "arti": list(k.arti_nilai or []),
            }
            for k in kriteria
        ],
        "aturan_seri": str(ATURAN_SERI),
        "kelompok": kelompok,
    }


def snapshot_kecamatan(m: Musyawarah) -> dict:
    """Everything the kecamatan's berita acara and its lampiran print, as of now."""
    from apps.musyawarah.kecamatan.pleno import kelompok_forum, pembahasan_kecamatan

    semua = list(pembahasan_kecamatan(m))
    utama = [p for p in semua if not p.digabung_ke_id]
    pleno = sorted(
        [p for p in utama if p.layak and p.keputusan == Keputusan.KOTA],
        key=lambda p: (p.urutan or 9999, p.pk),
    )
    tidak_layak = [p for p in utama if p.verifikasi == "tidak_layak"]
    belum_disepakati = [p for p in utama if p.layak and p.keputusan == Keputusan.DITOLAK]
    kelompok = []
    for k in kelompok_forum(m):
        isi = [p for p in utama if p.kelompok_id == k.pk]
        kelompok.append(
            {
                "nama": k.nama,
                "perangkat_daerah": ", ".join(
                    c.perangkat_daerah.singkatan for c in k.cakupan_pd.all()
                ),
                "ketua": k.ketua.nama if k.ketua_id else "",
                "sekretaris": k.sekretaris.nama if k.sekretaris_id else "",
                "notulen": k.notulen.nama if k.notulen_id else "",
                "fasilitator": k.nama_fasilitator,
                "diserahkan": tanggal(k.diserahkan_pada),
                "jumlah": len(isi),
                "layak": sum(1 for p in isi if p.layak),
                "tidak_layak": sum(1 for p in isi if p.verifikasi == "tidak_layak"),
                "hasil": k.hasil,
            }
        )
    skor = skor_forum(m)
    s = snapshot_umum(m, wilayah=data_wilayah_kecamatan(m), orang=orang_kecamatan)
    per_kelurahan = Counter(r["alamat"] for r in s["peserta"])
    s.update(
        {
            "jenis": "berita_acara_kecamatan",
            "surat_bappeda": {
                "nomor": m.nomor_surat_bappeda,
                "tanggal": tanggal(m.tanggal_surat_bappeda),
            },
            "prioritas": per_perangkat_daerah([baris_usulan(p, skor=skor) for p in pleno]),
            "tidak_layak": [baris_usulan(p, i) for i, p in enumerate(tidak_layak, start=1)],
            "belum_disepakati": [
                baris_usulan(p, i) for i, p in enumerate(belum_disepakati, start=1)
            ],
            "kelompok": kelompok,
            "penilaian": penilaian_forum(m),
            "kompilasi": kompilasi_desa(m),
            "kelurahan_belum": kelurahan_belum(m),
            "peserta_per_kelurahan": sorted(per_kelurahan.items()),
            "perumus": sorted(p.nama for p in m.peserta.filter(perumus=True)),
            "dibacakan": (f"{tanggal_hari(m.dibacakan_pada)}" if m.dibacakan_pada else ""),
        }
    )
    s["ringkasan"] = ringkasan_kecamatan(s)
    return s


def ringkasan_kecamatan(s: dict) -> dict:
    """What the public verification page shows of a signed kecamatan berita acara."""
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
                _("Prioritas kecamatan"),
                _("%(n)d kegiatan, %(rp)s")
                % {"n": s["prioritas"]["jumlah"], "rp": rupiah(s["prioritas"]["total"])},
            ],
            [_("Tidak layak"), str(len(s["tidak_layak"]))],
            [_("Tidak disepakati"), str(len(s["belum_disepakati"]))],
            [
                _("Kelurahan/desa belum menandatangani"),
                ", ".join(s["kelurahan_belum"]) or "—",
            ],
        ],
        "penandatangan": orang,
    }
