"""Usulan from Excel: the template a kelurahan fills in, and its all-or-nothing import.

Every row is checked (cell by cell, then as an usulan); the answer lists every bad cell
as "Baris 7, kolom Perkiraan Biaya: ..." and nothing is saved while any row is bad.
Each imported row remembers a fingerprint of its content, so uploading the same file
again skips the rows already imported instead of duplicating them.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.akun.permissions import Aksi, wajib
from apps.core.angka import (
    CONTOH_ANGKA,
    CONTOH_BULAT,
    CONTOH_RUPIAH,
    dengan_contoh,
    parse_angka,
    parse_nomor,
    parse_rupiah,
)
from apps.dokumen.xlsx import FORMAT_ANGKA, FORMAT_RUPIAH
from apps.dokumen.xlsx_impor import (
    GalatSel,
    KolomImpor,
    baca_xlsx,
    contoh_pilihan,
    pilihan,
    teks,
)
from apps.dokumen.xlsx_templat import tulis_templat
from apps.siklus.models import Siklus
from apps.usulan.models import Bidang, Satuan, Sektor, SumberPembiayaan, Usulan
from apps.usulan.services import (
    ISIAN,
    siklus_aktif_untuk,
    usulan_buat_banyak,
    usulan_periksa_baru,
)
from apps.wilayah.models import RT, Kelurahan, Lingkungan, PerangkatDaerah

LEMBAR = "Usulan"
# Labels people put before an RW/dusun number ("RW 02", "Dusun 3", "Lingkungan 1").
AWALAN_RW = ("rw", "dusun", "lingkungan", "dsn")
CONTOH_RT = gettext_lazy("tulis nomor RT, misalnya 3 atau “RT 03”")
# "RT 01/RW 02", "01/02", "RT 01 RW 02", "rt01rw02": the RT, then its RW.
_RT_DAN_RW = re.compile(
    r"\s*/\s*|\s+(?=(?:rw|dusun|lingkungan|dsn))|(?<=\d)(?=(?:rw|dusun|dsn))", re.I
)


def _bulat_positif(raw):
    angka = parse_angka(raw)
    if angka is None:
        return None
    if angka < 0:
        raise ValueError("tidak boleh negatif")
    if angka != angka.to_integral_value():
        raise ValueError(f"“{teks(raw)}” bukan bilangan bulat")
    return int(angka)


def _rw_label(lingkungan: Lingkungan) -> str:
    return f"{lingkungan.get_jenis_display()} {lingkungan.nomor:02d}"


def nomor_rt(raw) -> tuple[int, int | None] | None:
    """The RT cell: its number, and the RW number when the cell names one ("RT 01/RW 02").

    Accepts 1, "01", "001", "RT 1", "RT.01", "RT. 001", "rt01"; the RW part is checked
    against the row's RW/Dusun column by the import (it confirms, never replaces it).
    """
    if isinstance(raw, str):
        bagian = _RT_DAN_RW.split(raw.strip())
        if len(bagian) == 2:
            try:
                rt = parse_nomor(bagian[0], awalan=("rt",), nama="RT")
                rw = parse_nomor(bagian[1], awalan=AWALAN_RW, nama="RW")
            except ValueError:
                rt = rw = None
            if rt is None or rw is None:
                raise ValueError(f"“{raw.strip()}” bukan nomor RT")
            return rt, rw
    rt = parse_nomor(raw, awalan=("rt",), nama="RT")
    return None if rt is None else (rt, None)


def _pilih_lingkungan(kelurahan: Kelurahan, lingkungan: list[Lingkungan]):
    """Parser of the RW/Dusun column: a label of the list ("RW 02", "RW 02 Mawar", "Mawar")
    or a number as people write it ("2", "02", "RW.2", "Rw 02", "Dusun 2")."""
    per_label = pilihan(
        [(lg, _rw_label(lg)) for lg in lingkungan],
        "RW/dusun",
        {**{str(lg): lg for lg in lingkungan}, **{lg.nama: lg for lg in lingkungan if lg.nama}},
    )
    per_nomor = {lg.nomor: lg for lg in lingkungan}
    nama = kelurahan.nama_lingkungan

    def parse(raw):
        try:
            return per_label(raw)
        except ValueError:
            pass
        nomor = parse_nomor(raw, awalan=AWALAN_RW, nama=f"{nama}")
        if nomor not in per_nomor:
            raise ValueError(f"{nama} {nomor:02d} tidak ada di {kelurahan}")
        return per_nomor[nomor]

    return parse


def _contoh_rw(kelurahan: Kelurahan, lingkungan: list[Lingkungan]) -> str:
    nama = kelurahan.nama_lingkungan
    if not lingkungan:
        return _("%(kelurahan)s belum punya data %(rw)s; minta admin Bappeda menambahkannya") % {
            "kelurahan": kelurahan,
            "rw": nama,
        }
    pertama = lingkungan[0]
    return _("tulis nomor %(rw)s yang ada (%(daftar)s), misalnya %(n)d atau “%(label)s”") % {
        "rw": nama,
        "daftar": ", ".join(_rw_label(lg) for lg in lingkungan),
        "n": pertama.nomor,
        "label": _rw_label(pertama),
    }


def kolom_usulan(kelurahan: Kelurahan, siklus: Siklus) -> list[KolomImpor]:
    """The columns of the template and the import, with this kelurahan's lists."""
    lingkungan = list(kelurahan.lingkungan.order_by("nomor"))
    perangkat = list(
        PerangkatDaerah.objects.filter(daerah_id=siklus.daerah_id, aktif=True).order_by("singkatan")
    )
    prioritas = list(siklus.prioritas_daerah.order_by("nomor"))
    prioritas_alias = {}
    for p in prioritas:
        prioritas_alias[str(p.nomor)] = p
        prioritas_alias[str(p)] = p
    return [
        KolomImpor(
            "Jenis Kegiatan",
            "judul",
            True,
            teks,
            ("judul", "kegiatan"),
            lebar=40,
            keterangan="Singkat dan jelas, mis. Peninggian jalan gang dengan cor beton.",
            contoh=_("tulis kegiatannya, misalnya “Peninggian jalan gang dengan cor beton”"),
        ),
        KolomImpor(
            "Bidang",
            "bidang",
            True,
            pilihan(Bidang.choices, "bidang"),
            lebar=30,
            daftar=tuple(Bidang.labels),
            keterangan="Bidang DU-RKP Desa.",
            contoh=contoh_pilihan(Bidang.PEMBANGUNAN.label),
        ),
        KolomImpor(
            "Sektor",
            "sektor",
            True,
            pilihan(Sektor.choices, "sektor"),
            lebar=20,
            daftar=tuple(Sektor.labels),
            contoh=contoh_pilihan(Sektor.INFRASTRUKTUR.label, Sektor.KESEHATAN.label),
        ),
        KolomImpor(
            "RW/Dusun",
            "lingkungan",
            True,
            _pilih_lingkungan(kelurahan, lingkungan),
            ("rw", "dusun", "lingkungan"),
            lebar=12,
            daftar=tuple(_rw_label(lg) for lg in lingkungan),
            keterangan="RW/dusun lokasi kegiatan, mis. RW 02 atau 2.",
            contoh=_contoh_rw(kelurahan, lingkungan),
        ),
        KolomImpor(
            "RT",
            "rt",
            False,
            nomor_rt,
            lebar=8,
            keterangan="Nomor RT bila lokasinya satu RT, mis. 3 atau RT 03. “RT 03/RW 02” "
            "boleh, bila RW-nya sama dengan kolom RW/Dusun.",
            contoh=CONTOH_RT,
        ),
        KolomImpor(
            "Alamat/Lokasi",
            "alamat",
            False,
            teks,
            ("alamat", "lokasi"),
            lebar=30,
            contoh=_("tulis jalan/gang dan patokannya, misalnya “Gang Rahayu dekat langgar”"),
        ),
        KolomImpor(
            "Permasalahan",
            "permasalahan",
            True,
            teks,
            lebar=40,
            contoh=_("tulis masalahnya, misalnya “Jalan tergenang setiap air pasang”"),
        ),
        KolomImpor(
            "Volume",
            "volume",
            True,
            parse_angka,
            lebar=10,
            format=FORMAT_ANGKA,
            keterangan="Angka, mis. 150 atau 2,5.",
            contoh=CONTOH_ANGKA,
        ),
        KolomImpor(
            "Satuan",
            "satuan",
            True,
            pilihan(Satuan.choices, "satuan", {"meter persegi": "m2", "meter kubik": "m3"}),
            lebar=10,
            daftar=tuple(Satuan.labels),
            contoh=contoh_pilihan(Satuan.METER.label, Satuan.UNIT.label),
        ),
        KolomImpor(
            "Sasaran/Penerima Manfaat",
            "sasaran",
            True,
            teks,
            ("sasaran",),
            lebar=30,
            contoh=_("tulis siapa yang menerima manfaat, misalnya “Warga RT 03”"),
        ),
        KolomImpor(
            "Jumlah Penerima",
            "jumlah_penerima",
            False,
            _bulat_positif,
            ("jumlah penerima manfaat",),
            lebar=12,
            format="#,##0",
            keterangan="Jumlah orang, angka bulat.",
            contoh=CONTOH_BULAT,
        ),
        KolomImpor(
            "Perkiraan Biaya (Rp)",
            "perkiraan_biaya",
            True,
            parse_rupiah,
            ("perkiraan biaya", "prakiraan biaya", "biaya"),
            lebar=18,
            format=FORMAT_RUPIAH,
            keterangan="Rupiah bulat: 1500000, 1.500.000 atau Rp 1.500.000.",
            contoh=CONTOH_RUPIAH,
        ),
        KolomImpor(
            "Sumber Pembiayaan",
            "sumber_pembiayaan",
            True,
            pilihan(
                SumberPembiayaan.choices,
                "sumber pembiayaan",
                {
                    "apbd": "apbd",
                    "apbd kota": "apbd",
                    "dana kelurahan": "dana_kelurahan",
                    "dana desa": "dana_kelurahan",
                    "swadaya": "swadaya",
                },
            ),
            ("sumber dana",),
            lebar=30,
            daftar=tuple(SumberPembiayaan.labels),
            contoh=contoh_pilihan(SumberPembiayaan.SWADAYA.label, "APBD kota"),
        ),
        KolomImpor(
            "Perangkat Daerah",
            "perangkat_daerah",
            False,
            pilihan(
                [(pd, pd.singkatan) for pd in perangkat],
                "perangkat daerah",
                {pd.nama: pd for pd in perangkat},
            ),
            ("skpd", "perangkat daerah tujuan"),
            lebar=16,
            daftar=tuple(pd.singkatan for pd in perangkat),
            keterangan="Wajib bila dibiayai APBD kota/kabupaten.",
            contoh=contoh_pilihan(*[pd.singkatan for pd in perangkat[:1]]),
        ),
        KolomImpor(
            "Prioritas Daerah",
            "prioritas_daerah",
            False,
            pilihan([(p, p.nama) for p in prioritas], "prioritas daerah", prioritas_alias),
            lebar=30,
            daftar=tuple(p.nama for p in prioritas),
            contoh=contoh_pilihan(*[p.nama for p in prioritas[:1]]),
        ),
        KolomImpor(
            "Pengusul",
            "pengusul",
            True,
            teks,
            lebar=24,
            keterangan="RT/RW, kelompok, lembaga atau nama warga yang mengusulkan.",
            contoh=_("tulis siapa yang mengusulkan, misalnya “Ketua RT 03”"),
        ),
    ]


PETUNJUK = [
    "1. Isi satu usulan per baris di lembar “Usulan”, mulai baris 2. Kolom bertanda * wajib.",
    "2. Untuk kolom dengan daftar pilihan (Bidang, Sektor, RW/Dusun, Satuan, Sumber "
    "Pembiayaan, Perangkat Daerah, Prioritas Daerah), pilih dari daftar.",
    "3. Angka boleh ditulis 1500000, 1.500.000 atau Rp 1.500.000; desimal memakai koma (2,5).",
    "4. Bila ada baris yang salah, tidak ada usulan yang disimpan: perbaiki semua baris yang "
    "disebut, lalu unggah ulang berkas yang sama.",
    "5. Mengunggah ulang berkas yang sudah diimpor tidak menggandakan usulan: baris yang sama "
    "dilewati.",
]


def templat_usulan(kelurahan: Kelurahan) -> tuple[str, str, bytes]:
    siklus = siklus_aktif_untuk(kelurahan)
    isi = tulis_templat(
        judul_lembar=LEMBAR,
        kolom=kolom_usulan(kelurahan, siklus),
        petunjuk=[f"Templat usulan {kelurahan} — {siklus}.", *PETUNJUK],
    )
    nama = f"templat-usulan-{kelurahan.nama.lower().replace(' ', '-')}-{siklus.tahun_rencana}.xlsx"
    return nama, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", isi


def sidik(data: dict) -> str:
    """A fingerprint of what a row says, insensitive to case and spacing."""
    bagian = []
    for name in ISIAN:
        value = data.get(name)
        if hasattr(value, "pk"):
            value = value.pk
        elif isinstance(value, str):
            value = " ".join(value.lower().split())
        elif value is not None:
            value = str(value.normalize() if hasattr(value, "normalize") else value)
        bagian.append(f"{name}={value}")
    return hashlib.sha256("\x1f".join(bagian).encode()).hexdigest()


@dataclass
class HasilImpor:
    galat: list[GalatSel] = field(default_factory=list)
    dibuat: list[Usulan] = field(default_factory=list)
    dilewati: list[int] = field(default_factory=list)  # rows imported before

    @property
    def berhasil(self) -> bool:
        return not self.galat


def _data_baris(nilai: dict, kolom: dict, baris: int, galat: list, rt_map: dict) -> dict:
    data = {name: nilai.get(name) for name in ISIAN if name in nilai}
    for name in ("alamat",):
        data[name] = data.get(name) or ""
    nomor = data.pop("rt", None)
    data["rt"] = None
    lingkungan = data.get("lingkungan")
    if nomor is None or lingkungan is None:
        return data
    rt, rw = nomor
    kolom_rt = kolom["rt"]
    if rw is not None and rw != lingkungan.nomor:
        galat.append(
            GalatSel(
                baris,
                kolom_rt.judul,
                dengan_contoh(
                    _("kolom RT menyebut %(rw)s %(n)02d, tetapi kolom %(kolom)s berisi %(ada)s")
                    % {
                        "rw": lingkungan.get_jenis_display(),
                        "n": rw,
                        "kolom": kolom["lingkungan"].judul,
                        "ada": _rw_label(lingkungan),
                    },
                    kolom_rt.contoh,
                ),
            )
        )
        return data
    data["rt"] = rt_map.get((lingkungan.pk, rt))
    if data["rt"] is None:
        ada = sorted(n for lg, n in rt_map if lg == lingkungan.pk)
        pesan = _("RT %(n)02d tidak ada di %(rw)s") % {"n": rt, "rw": lingkungan}
        if ada:
            pesan += _("; RT yang ada: %(daftar)s") % {"daftar": ", ".join(f"{n:02d}" for n in ada)}
        else:
            pesan += _("; %(rw)s belum punya data RT, kosongkan kolom RT") % {"rw": lingkungan}
        galat.append(GalatSel(baris, kolom_rt.judul, pesan))
    return data


def _periksa_model(usulan: Usulan, kolom: dict, baris: int, galat: list, sudah: set) -> None:
    try:
        usulan_periksa_baru(usulan)
    except ValidationError as e:
        for name, pesan_list in e.message_dict.items():
            if name in sudah:
                continue  # the cell itself was already reported
            k = kolom.get(name)
            for pesan in pesan_list:
                if name == NON_FIELD_ERRORS or k is None:
                    galat.append(GalatSel(baris, "", pesan))
                else:
                    galat.append(GalatSel(baris, k.judul, dengan_contoh(pesan, k.contoh)))


def usulan_impor(*, user, kelurahan: Kelurahan, berkas) -> HasilImpor:
    """Import every row of ``berkas`` as a draf usulan of ``kelurahan``, or none of them.

    Raises DomainError for a file that cannot be read at all; returns the bad cells
    otherwise. Only an operator of the kelurahan may import.
    """
    wajib(user, Aksi.KELOLA_USULAN, kelurahan)
    siklus = siklus_aktif_untuk(kelurahan)
    kolom = {k.nama: k for k in kolom_usulan(kelurahan, siklus)}
    bacaan = baca_xlsx(berkas, list(kolom.values()), nama_lembar=LEMBAR)
    hasil = HasilImpor(galat=list(bacaan.galat))
    rt_map = {
        (rt.lingkungan_id, rt.nomor): rt
        for rt in RT.objects.filter(lingkungan__kelurahan=kelurahan)
    }
    ditandai = defaultdict(set)
    for b, nama in bacaan.ditandai:
        ditandai[b].add(nama)
    siap, dilihat = [], {}
    for baris, nilai in bacaan.baris:
        sudah = ditandai[baris]
        data = _data_baris(nilai, kolom, baris, hasil.galat, rt_map)
        _periksa_model(
            Usulan(siklus=siklus, kelurahan=kelurahan, **data), kolom, baris, hasil.galat, sudah
        )
        s = sidik(data)
        if s in dilihat:
            hasil.galat.append(
                GalatSel(baris, "", _("sama persis dengan baris %(n)d") % {"n": dilihat[s]})
            )
        dilihat.setdefault(s, baris)
        siap.append((baris, data, s))
    if hasil.galat:
        hasil.galat.sort(key=lambda g: g.baris)
        return hasil
    ada = set(
        Usulan.objects.filter(
            siklus=siklus, kelurahan=kelurahan, sidik_impor__in=[s for _b, _d, s in siap]
        ).values_list("sidik_impor", flat=True)
    )
    hasil.dilewati = [baris for baris, _d, s in siap if s in ada]
    hasil.dibuat = usulan_buat_banyak(
        user=user, kelurahan=kelurahan, isian=[(d, s) for _b, d, s in siap if s not in ada]
    )
    return hasil
