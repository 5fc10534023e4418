"""Demo forums: some kelurahan have signed their berita acara, others are preparing.

Run through the real services (TPM, tim pemandu, 7-day rule, attendance, decisions,
signing with a rendered PDF), so the demo shows exactly what an operator would produce.
The finished forums are dated about a week before the demo is loaded: forums cannot be
signed before they happen, and the kecamatan forums that pull them come after. Kelurahan
Sungai Miai is left untouched for a walk-through.
"""

import datetime
import random

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify

from apps.akun.models import User
from apps.musyawarah import pembahasan, penetapan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.models import Keputusan, Musyawarah, Tingkat, Unsur
from apps.siklus.models import Siklus
from apps.siklus.selectors import hari_ini
from apps.usulan.models import Masalah
from apps.wilayah.models import Kelurahan

SELESAI = ["Alalak Tengah", "Alalak Utara", "Antasan Kecil Timur", "Mantuil", "Kertak Baru Ilir"]
PERSIAPAN = [
    "Kuin Utara",
    "Pangeran",
    "Sungai Jingah",
    "Kelayan Selatan",
    "Belitung Utara",
    "Kuripan",
]

LAKI = [
    "Ahmad",
    "Muhammad",
    "Syahrani",
    "Rusdi",
    "Gusti",
    "Fauzi",
    "Hasan",
    "Jumadi",
    "Rahmat",
    "Arif",
    "Yusuf",
    "Abdul",
    "Irwan",
    "Taufik",
    "Supian",
    "Aswan",
    "Saiful",
    "Zainal",
    "Fahmi",
]
PEREMPUAN = [
    "Siti",
    "Rahmah",
    "Nurul",
    "Aminah",
    "Halimah",
    "Fitri",
    "Norhayati",
    "Rusmini",
    "Mariani",
    "Jamilah",
    "Hayati",
    "Zubaidah",
    "Salmah",
    "Nurhasanah",
    "Rina",
    "Maulida",
]
BELAKANG = [
    "Hidayat",
    "Rahman",
    "Syarif",
    "Noor",
    "Anshari",
    "Fadillah",
    "Maulana",
    "Hakim",
    "Ramadhan",
    "Ardiansyah",
    "Effendi",
    "Hamdani",
]
ORGANISASI = [
    "PKK",
    "LPM",
    "Karang Taruna",
    "Posyandu Melati",
    "Majelis Taklim",
    "Kelompok nelayan",
    "Bank Sampah",
    "Koperasi Warga",
    "BKM",
    "",
]


def _orang(acak: random.Random, lingkungan: list, i: int) -> dict:
    perempuan = acak.random() < 0.42
    tua = acak.random() < 0.6
    depan = acak.choice(PEREMPUAN if perempuan else LAKI)
    nama = f"{depan} {acak.choice(BELAKANG)}"
    if tua and acak.random() < 0.4:
        nama = ("Hj. " if perempuan else "H. ") + nama
    sosial = []
    for kelompok, p in (
        ("tokoh_masyarakat", 0.15),
        ("tokoh_agama", 0.1),
        ("pemuda", 0.2 if not tua else 0),
        ("marjinal", 0.05),
        ("disabilitas", 0.04),
        ("tokoh_adat", 0.02),
    ):
        if acak.random() < p:
            sosial.append(kelompok)
    unsur = acak.choices([Unsur.MASYARAKAT, Unsur.PEMERINTAH, Unsur.SWASTA], [7, 2, 1])[0]
    return {
        "nama": nama,
        "jenis_kelamin": "P" if perempuan else "L",
        "kelompok_usia": "tua" if tua else "muda",
        "lingkungan": lingkungan[i % len(lingkungan)],
        "sektor": acak.choice(
            ["ekonomi", "pertanian", "kesehatan", "pendidikan", "lingkungan", "infrastruktur", ""]
        ),
        "kelompok_sosial": sosial,
        "unsur": unsur,
        "organisasi": acak.choice(ORGANISASI)
        if unsur == Unsur.MASYARAKAT
        else ("Kantor Kelurahan" if unsur == Unsur.PEMERINTAH else "Toko/UMKM"),
        "jabatan": acak.choice(["Ketua RT", "Ketua RW", "Kader", "Warga", ""])
        if unsur == Unsur.MASYARAKAT
        else "",
    }


def _siapkan(op, m: Musyawarah, acak: random.Random, tanggal: datetime.date, n_peserta: int):
    lurah = f"{acak.choice(LAKI)} {acak.choice(BELAKANG)}, S.Sos"
    persiapan.sk_tpm_simpan(
        user=op,
        musyawarah=m,
        nomor=f"{acak.randint(10, 99)}/SK-TPM/{m.kelurahan.nama[:3].upper()}/2026",
        # An SK is signed before the demo is loaded, never in the future.
        tanggal=min(tanggal - datetime.timedelta(days=30), hari_ini() - datetime.timedelta(days=5)),
        kepala_nama=lurah,
        kepala_nip=f"19{acak.randint(70, 89)}0{acak.randint(1, 9)}1{acak.randint(0, 9)}"
        f"20{acak.randint(10, 99)}0{acak.randint(1, 2)}100{acak.randint(1, 9)}",
    )
    for jabatan in ("ketua", "bendahara", "seksi_acara", "seksi_materi", "seksi_logistik"):
        persiapan.tpm_tambah(
            user=op,
            musyawarah=m,
            data={
                "jabatan_tpm": jabatan,
                "nama": f"{acak.choice(LAKI + PEREMPUAN)} {acak.choice(BELAKANG)}",
                "jabatan": acak.choice(["LPM", "Staf kelurahan", "Tokoh masyarakat", "PKK"]),
            },
        )
    for _ in range(3):
        persiapan.pemandu_tambah(
            user=op,
            musyawarah=m,
            data={
                "nama": f"{acak.choice(LAKI + PEREMPUAN)} {acak.choice(BELAKANG)}",
                "lembaga": "LPM",
            },
        )
    m.refresh_from_db()
    persiapan.musyawarah_jadwalkan(
        user=op,
        musyawarah=m,
        versi=m.versi,
        data={
            "tanggal": tanggal,
            "jam_mulai": datetime.time(8, 30),
            "jam_selesai": datetime.time(12, 0),
            "tempat": f"Aula Kantor Kelurahan {m.kelurahan.nama}",
            "tanggal_undangan": tanggal - datetime.timedelta(days=acak.randint(8, 12)),
        },
    )
    lingkungan = list(m.kelurahan.lingkungan.order_by("nomor"))
    pejabat = peserta_services.peserta_simpan(
        user=op,
        musyawarah=m,
        data={
            "nama": lurah,
            "jenis_kelamin": "L",
            "kelompok_usia": "tua",
            "unsur": Unsur.PEMERINTAH,
            "organisasi": "Kantor Kelurahan",
            "jabatan": f"Lurah {m.kelurahan.nama}",
            "peran": "narasumber",
        },
    )
    semua = [pejabat] + [
        peserta_services.peserta_simpan(user=op, musyawarah=m, data=_orang(acak, lingkungan, i))
        for i in range(n_peserta)
    ]
    return semua


def _selesaikan(op, m: Musyawarah, acak: random.Random, semua: list) -> None:
    persiapan.musyawarah_mulai(user=op, musyawarah=m)
    hadir = [p for p in semua if acak.random() < 0.85] or semua
    for p in hadir:
        peserta_services.peserta_hadir(user=op, peserta=p)
    m.refresh_from_db()
    usulan = list(pembahasan.usulan_forum(m).select_related("perangkat_daerah"))
    acak.shuffle(usulan)
    baris = []
    for i, u in enumerate(usulan, start=1):
        if acak.random() < 0.1:
            keputusan, alasan = Keputusan.DITOLAK, "Sudah diusulkan lewat program lain tahun ini."
        elif u.sumber_pembiayaan == "dana_kelurahan":
            keputusan, alasan = Keputusan.KELURAHAN, ""
        elif u.perangkat_daerah_id:
            keputusan, alasan = Keputusan.KOTA, ""
        else:
            keputusan, alasan = Keputusan.SWADAYA, ""
        baris.append({"usulan_id": u.pk, "urutan": i, "keputusan": keputusan, "alasan": alasan})
    pembahasan.pembahasan_simpan(user=op, musyawarah=m, baris=baris, versi=m.versi)
    masalah = list(
        Masalah.objects.filter(kelurahan=m.kelurahan, siklus=m.siklus).values_list("pk", flat=True)
    )
    pembahasan.masalah_prioritas_simpan(user=op, musyawarah=m, masalah_ids=masalah[:3])
    hadir_ids = {p.pk for p in hadir}
    warga = [p for p in semua if p.pk in hadir_ids and p.unsur == Unsur.MASYARAKAT]
    delegasi = [p for p in warga if p.jenis_kelamin == "P"][:1] + [
        p for p in warga if p.jenis_kelamin == "L"
    ][:2]
    m.refresh_from_db()
    peserta_services.delegasi_simpan(
        user=op, musyawarah=m, peserta_ids=[p.pk for p in delegasi], versi=m.versi
    )
    pembahasan.catatan_simpan(
        user=op,
        musyawarah=m,
        data={
            "nomor_berita_acara": (
                f"050/{acak.randint(100, 199)}/BA-MUSRENBANG/"
                f"{slugify(m.kelurahan.nama).upper()[:8]}/XI/2026"
            ),
            "catatan_sambutan": (
                f"Sambutan Lurah {m.kelurahan.nama} dan Camat {m.kelurahan.kecamatan.nama}"
            ),
            "catatan_pemaparan": (
                "Pemaparan kajian desa dan rancangan awal RKP oleh tim pemandu; "
                "arah prioritas daerah oleh Bappeda"
            ),
            "catatan_diskusi": (
                "Peserta membahas urutan prioritas per bidang; usulan fisik di RW rawan "
                "genangan didahulukan"
            ),
        },
    )
    pembahasan.musyawarah_tetapkan(user=op, musyawarah=m)
    hadir_pg = [p for p in semua if p.pk in hadir_ids]
    per_unsur = {}
    for p in hadir_pg:
        per_unsur.setdefault(p.unsur, p)
    pejabat = semua[0] if semua[0].pk in hadir_ids else hadir_pg[0]
    penetapan.penandatangan_simpan(
        user=op,
        musyawarah=m,
        pimpinan=pejabat,
        jabatan_pimpinan=f"Lurah {m.kelurahan.nama}",
        notulen=hadir_pg[-1],
        wakil=per_unsur,
        pimpinan_kepala=pejabat == semua[0],
    )
    basis = settings.SITE_URL or "http://127.0.0.1:8000"
    penetapan.berita_acara_tandatangani(
        user=op,
        musyawarah=m,
        url_verifikasi=lambda kode: basis + reverse("publik:verifikasi", args=[kode]),
    )


def muat_musyawarah(siklus: Siklus) -> tuple[int, int]:
    """(signed, preparing) forums created; kelurahan that have one are left alone."""
    hari = hari_ini()
    selesai = disiapkan = 0
    for i, nama in enumerate(SELESAI + PERSIAPAN):
        kelurahan = Kelurahan.objects.get(nama=nama, kecamatan__daerah=siklus.daerah)
        if Musyawarah.objects.filter(
            siklus=siklus, kelurahan=kelurahan, tingkat=Tingkat.DESA
        ).exists():
            continue
        op = User.objects.get(username=f"operator-{slugify(nama)}")
        acak = random.Random(f"musyawarah-{kelurahan.kode}")
        m = persiapan.musyawarah_desa_buat(user=op, kelurahan=kelurahan)
        if nama in SELESAI:
            # A week or so ago: the kecamatan forums (apps.demo.kecamatan) come after.
            semua = _siapkan(
                op, m, acak, hari - datetime.timedelta(days=6 + i), acak.randint(24, 36)
            )
            _selesaikan(op, m, acak, semua)
            selesai += 1
        else:
            tahapan = siklus.tahapan.get(jenis="musrenbang_desa")
            tanggal = max(
                tahapan.mulai + datetime.timedelta(days=i), hari + datetime.timedelta(days=10)
            )
            _siapkan(op, m, acak, tanggal, acak.randint(8, 20))
            disiapkan += 1
    return selesai, disiapkan
