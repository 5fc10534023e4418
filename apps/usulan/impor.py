"""Usulan from Excel: the template a kelurahan fills in, and its all-or-nothing import.

Every row is checked (cell by cell, then as an usulan); the answer lists every bad cell
as "Baris 7, kolom Perkiraan Biaya: ..." and nothing is saved while any row is bad.
Each imported row remembers a fingerprint of its content, so uploading the same file
again skips the rows already imported instead of duplicating them.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.core.angka import parse_angka, parse_rupiah
from apps.dokumen.xlsx import FORMAT_ANGKA, FORMAT_RUPIAH
from apps.dokumen.xlsx_impor import GalatSel, KolomImpor, baca_xlsx, pilihan, teks
from apps.dokumen.xlsx_templat import tulis_templat
from apps.siklus.models import Siklus
from apps.usulan.models import Bidang, Satuan, Sektor, SumberPembiayaan, Usulan
from apps.usulan.services import ISIAN, siklus_aktif_untuk, usulan_buat
from apps.wilayah.models import RT, Kelurahan, Lingkungan, PerangkatDaerah

LEMBAR = "Usulan"


def _bulat_positif(raw):
    angka = parse_angka(raw)
    if angka is None:
        return None
    if angka < 0 or angka != angka.to_integral_value():
        raise ValueError("harus bilangan bulat, misalnya 40")
    return int(angka)


def _rw_label(lingkungan: Lingkungan) -> str:
    return f"{lingkungan.get_jenis_display()} {lingkungan.nomor:02d}"


def kolom_usulan(kelurahan: Kelurahan, siklus: Siklus) -> list[KolomImpor]:
    """The columns of the template and the import, with this kelurahan's lists."""
    lingkungan = list(kelurahan.lingkungan.order_by("nomor"))
    rw = {_rw_label(lg): lg for lg in lingkungan}
    # "RW 1", "rw 01", "1" and "01" all name RW 01.
    rw_alias = {}
    for lg in lingkungan:
        for teks_rw in (str(lg.nomor), f"{lg.nomor:02d}", f"RW {lg.nomor}", f"Dusun {lg.nomor}"):
            rw_alias[teks_rw] = lg
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
        ),
        KolomImpor(
            "Bidang",
            "bidang",
            True,
            pilihan(Bidang.choices, "bidang"),
            lebar=30,
            daftar=tuple(Bidang.labels),
            keterangan="Bidang DU-RKP Desa.",
        ),
        KolomImpor(
            "Sektor",
            "sektor",
            True,
            pilihan(Sektor.choices, "sektor"),
            lebar=20,
            daftar=tuple(Sektor.labels),
        ),
        KolomImpor(
            "RW/Dusun",
            "lingkungan",
            True,
            pilihan([(lg, label) for label, lg in rw.items()], "RW/dusun", rw_alias),
            ("rw", "dusun", "lingkungan"),
            lebar=12,
            daftar=tuple(rw),
            keterangan="RW/dusun lokasi kegiatan, mis. RW 02.",
        ),
        KolomImpor(
            "RT",
            "rt",
            False,
            _bulat_positif,
            lebar=8,
            keterangan="Nomor RT (angka), bila lokasinya satu RT.",
        ),
        KolomImpor("Alamat/Lokasi", "alamat", False, teks, ("alamat", "lokasi"), lebar=30),
        KolomImpor("Permasalahan", "permasalahan", True, teks, lebar=40),
        KolomImpor(
            "Volume",
            "volume",
            True,
            parse_angka,
            lebar=10,
            format=FORMAT_ANGKA,
            keterangan="Angka, mis. 150 atau 2,5.",
        ),
        KolomImpor(
            "Satuan",
            "satuan",
            True,
            pilihan(Satuan.choices, "satuan", {"meter persegi": "m2", "meter kubik": "m3"}),
            lebar=10,
            daftar=tuple(Satuan.labels),
        ),
        KolomImpor("Sasaran/Penerima Manfaat", "sasaran", True, teks, ("sasaran",), lebar=30),
        KolomImpor(
            "Jumlah Penerima",
            "jumlah_penerima",
            False,
            _bulat_positif,
            ("jumlah penerima manfaat",),
            lebar=12,
            format="#,##0",
            keterangan="Jumlah orang, angka bulat.",
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
        ),
        KolomImpor(
            "Prioritas Daerah",
            "prioritas_daerah",
            False,
            pilihan([(p, p.nama) for p in prioritas], "prioritas daerah", prioritas_alias),
            lebar=30,
            daftar=tuple(p.nama for p in prioritas),
        ),
        KolomImpor(
            "Pengusul",
            "pengusul",
            True,
            teks,
            lebar=24,
            keterangan="RT/RW, kelompok, lembaga atau nama warga yang mengusulkan.",
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


def _data_baris(nilai: dict, judul: dict, baris: int, galat: list, rt_map: dict) -> dict:
    data = {name: nilai.get(name) for name in ISIAN if name in nilai}
    for name in ("alamat",):
        data[name] = data.get(name) or ""
    nomor_rt = data.pop("rt", None)
    data["rt"] = None
    lingkungan = data.get("lingkungan")
    if nomor_rt is not None and lingkungan is not None:
        data["rt"] = rt_map.get((lingkungan.pk, nomor_rt))
        if data["rt"] is None:
            galat.append(
                GalatSel(baris, judul["rt"], f"RT {nomor_rt:02d} tidak ada di {lingkungan}")
            )
    return data


def _periksa_model(usulan: Usulan, judul: dict, baris: int, galat: list, sudah: set) -> None:
    try:
        usulan.full_clean(exclude=["kode", "diusulkan_sejak", "sidik_impor"], validate_unique=False)
    except ValidationError as e:
        for name, pesan_list in e.message_dict.items():
            if name in sudah:
                continue  # the cell itself was already reported
            kolom = "" if name == NON_FIELD_ERRORS else judul.get(name, name)
            for pesan in pesan_list:
                galat.append(GalatSel(baris, kolom, pesan))


def usulan_impor(*, user, kelurahan: Kelurahan, berkas) -> HasilImpor:
    """Import every row of ``berkas`` as a draf usulan of ``kelurahan``, or none of them.

    Raises DomainError for a file that cannot be read at all; returns the bad cells
    otherwise. Only an operator of the kelurahan may import.
    """
    wajib(user, Aksi.KELOLA_USULAN, kelurahan)
    siklus = siklus_aktif_untuk(kelurahan)
    kolom = kolom_usulan(kelurahan, siklus)
    judul = {k.nama: k.judul for k in kolom}
    bacaan = baca_xlsx(berkas, kolom, nama_lembar=LEMBAR)
    hasil = HasilImpor(galat=list(bacaan.galat))
    rt_map = {
        (rt.lingkungan_id, rt.nomor): rt
        for rt in RT.objects.filter(lingkungan__kelurahan=kelurahan)
    }
    siap, dilihat = [], {}
    for baris, nilai in bacaan.baris:
        sudah = {
            next(k.nama for k in kolom if k.judul == g.kolom)
            for g in hasil.galat
            if g.baris == baris and g.kolom
        }
        data = _data_baris(nilai, judul, baris, hasil.galat, rt_map)
        _periksa_model(
            Usulan(siklus=siklus, kelurahan=kelurahan, **data), judul, baris, hasil.galat, sudah
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
    with transaction.atomic():
        for baris, data, s in siap:
            if s in ada:
                hasil.dilewati.append(baris)
                continue
            hasil.dibuat.append(
                usulan_buat(user=user, kelurahan=kelurahan, data=data, sidik_impor=s)
            )
    return hasil
