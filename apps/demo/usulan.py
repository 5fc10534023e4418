"""Demo usulan: the kind Banjarmasin's kelurahan propose, in varied statuses.

Last year's siklus (RKPD 2027) is seeded with finished histories (accepted, refused with
reasons, found not feasible, done by swadaya) so the tracking page and the carry-over have
something to show; the active siklus gets 10-25 usulan per kelurahan, drafts and
submitted ones, a few carried over from last year through the real service.
Rows are written in bulk for speed; the services' rules are covered by the tests.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from apps.akun.models import User
from apps.siklus.models import Siklus
from apps.usulan.kode import buat_kode
from apps.usulan.models import Masalah, RiwayatStatus, RpjmDesa, Status, Usulan
from apps.usulan.services import usulan_lanjutkan
from apps.wilayah.models import Kelurahan, PerangkatDaerah

B_PEMB, B_KEMAS, B_PEMBER, B_BENCANA, B_PEM = (
    "pembangunan",
    "kemasyarakatan",
    "pemberdayaan",
    "bencana",
    "pemerintahan",
)

# judul, bidang, sektor, satuan, volume range, cost per unit range (Rp), sumber, SKPD,
# prioritas daerah number (1 stunting, 2 kumuh, 3 kemiskinan, 4 banjir, 5 infrastruktur),
# permasalahan, sasaran
TEMPLAT = [
    (
        "Peninggian jalan gang dengan cor beton",
        B_PEMB,
        "infrastruktur",
        "m",
        (60, 250),
        (1_200_000, 1_800_000),
        "apbd",
        "Disperkim",
        5,
        "Jalan gang lebih rendah dari muka air pasang sehingga tergenang dan licin.",
        "Warga yang melintas gang",
    ),
    (
        "Rehab jembatan titian ulin",
        B_PEMB,
        "infrastruktur",
        "m",
        (15, 60),
        (3_500_000, 5_000_000),
        "apbd",
        "Dinas PUPR",
        5,
        "Papan titian lapuk dan beberapa tiang patah; membahayakan anak sekolah.",
        "Warga dan anak sekolah",
    ),
    (
        "Pembangunan gorong-gorong",
        B_PEMB,
        "infrastruktur",
        "unit",
        (2, 6),
        (12_000_000, 20_000_000),
        "apbd",
        "Dinas PUPR",
        4,
        "Air hujan tidak mengalir ke sungai karena gorong-gorong tersumbat dan sempit.",
        "Rumah di sekitar saluran",
    ),
    (
        "Pembangunan siring sungai",
        B_PEMB,
        "lingkungan",
        "m",
        (50, 200),
        (4_000_000, 6_000_000),
        "apbd",
        "Dinas PUPR",
        4,
        "Tebing sungai longsor dan menggerus jalan serta rumah di bantaran.",
        "Rumah di bantaran sungai",
    ),
    (
        "Normalisasi saluran drainase lingkungan",
        B_PEMB,
        "lingkungan",
        "m",
        (100, 400),
        (500_000, 800_000),
        "apbd",
        "Dinas PUPR",
        4,
        "Saluran dangkal dan penuh sedimen; genangan bertahan berhari-hari.",
        "Warga RT yang tergenang",
    ),
    (
        "Pemasangan lampu penerangan jalan umum",
        B_PEMB,
        "infrastruktur",
        "titik",
        (5, 20),
        (4_000_000, 7_000_000),
        "apbd",
        "Dishub",
        5,
        "Gang gelap pada malam hari dan rawan kejahatan.",
        "Pengguna jalan",
    ),
    (
        "Pembangunan sumur bor dan tandon air bersih",
        B_PEMB,
        "kesehatan",
        "unit",
        (1, 2),
        (45_000_000, 70_000_000),
        "apbd",
        "Disperkim",
        2,
        "Warga membeli air bersih karena belum terjangkau jaringan PDAM.",
        "Keluarga yang belum terlayani PDAM",
    ),
    (
        "Perbaikan rumah tidak layak huni",
        B_PEMB,
        "sosial",
        "unit",
        (5, 15),
        (17_500_000, 20_000_000),
        "apbd",
        "Disperkim",
        3,
        "Masih ada rumah berdinding dan berlantai rusak milik keluarga miskin.",
        "Keluarga miskin pemilik rumah",
    ),
    (
        "Pembangunan MCK komunal",
        B_PEMB,
        "kesehatan",
        "unit",
        (1, 2),
        (80_000_000, 120_000_000),
        "apbd",
        "Disperkim",
        2,
        "Sebagian warga masih buang air di jamban apung di sungai.",
        "Warga tanpa jamban sehat",
    ),
    (
        "Pengadaan tong dan gerobak sampah",
        B_PEMB,
        "lingkungan",
        "unit",
        (10, 30),
        (900_000, 1_500_000),
        "apbd",
        "DLH",
        2,
        "Sampah rumah tangga dibuang ke sungai karena tidak ada sarana angkut.",
        "Seluruh warga RW",
    ),
    (
        "Pengadaan pompa air penanggulangan genangan",
        B_BENCANA,
        "lingkungan",
        "unit",
        (1, 3),
        (25_000_000, 35_000_000),
        "apbd",
        "BPBD",
        4,
        "Genangan saat hujan deras dan pasang bersamaan merendam rumah.",
        "Rumah di daerah rendah",
    ),
    (
        "Pelatihan tata boga bagi ibu rumah tangga",
        B_PEMBER,
        "ekonomi",
        "orang",
        (20, 40),
        (1_000_000, 1_500_000),
        "apbd",
        "Diskopumker",
        3,
        "Ibu rumah tangga ingin menambah penghasilan keluarga dari usaha kuliner.",
        "Ibu rumah tangga keluarga prasejahtera",
    ),
    (
        "Pelatihan servis sepeda motor untuk pemuda",
        B_PEMBER,
        "ekonomi",
        "orang",
        (15, 30),
        (1_500_000, 2_500_000),
        "apbd",
        "Diskopumker",
        3,
        "Banyak pemuda putus sekolah belum memiliki keterampilan kerja.",
        "Pemuda usia 17-25",
    ),
    (
        "Pemberian makanan tambahan balita di posyandu",
        B_KEMAS,
        "kesehatan",
        "orang",
        (40, 120),
        (250_000, 400_000),
        "apbd",
        "Dinkes",
        1,
        "Masih ditemukan balita gizi kurang dan stunting di posyandu.",
        "Balita gizi kurang",
    ),
    (
        "Kelas ibu hamil dan penyuluhan gizi cegah stunting",
        B_KEMAS,
        "kesehatan",
        "kegiatan",
        (4, 12),
        (1_500_000, 2_500_000),
        "apbd",
        "Dinkes",
        1,
        "Pengetahuan gizi ibu hamil dan ibu balita masih rendah.",
        "Ibu hamil dan ibu balita",
    ),
    (
        "Pengadaan alat timbang dan ukur balita",
        B_KEMAS,
        "kesehatan",
        "set",
        (2, 5),
        (3_000_000, 5_000_000),
        "apbd",
        "Dinkes",
        1,
        "Alat ukur tinggi badan posyandu rusak sehingga stunting tidak terdeteksi.",
        "Posyandu di kelurahan",
    ),
    (
        "Bantuan alat tangkap ikan nelayan sungai",
        B_PEMBER,
        "pertanian",
        "paket",
        (10, 25),
        (1_500_000, 2_500_000),
        "apbd",
        "DKP3",
        3,
        "Alat tangkap nelayan kecil sudah rusak dan hasil tangkapan menurun.",
        "Anggota kelompok nelayan",
    ),
    (
        "Perbaikan atap dan plafon gedung PAUD",
        B_PEMB,
        "pendidikan",
        "unit",
        (1, 1),
        (45_000_000, 90_000_000),
        "apbd",
        "Disdik",
        5,
        "Atap PAUD bocor sehingga kegiatan belajar terganggu saat hujan.",
        "Anak usia dini",
    ),
    (
        "Pengadaan alat pemadam api ringan untuk RT",
        B_BENCANA,
        "pemerintahan",
        "unit",
        (10, 30),
        (600_000, 900_000),
        "apbd",
        "Damkar",
        2,
        "Permukiman padat berbahan kayu rawan kebakaran.",
        "Rumah di permukiman padat",
    ),
    (
        "Pembinaan karang taruna dan olahraga pemuda",
        B_KEMAS,
        "sosial",
        "kegiatan",
        (2, 6),
        (3_000_000, 6_000_000),
        "apbd",
        "Disbudporapar",
        3,
        "Kegiatan positif pemuda kurang; muncul kenakalan remaja.",
        "Pemuda",
    ),
    (
        "Kerja bakti pembersihan saluran dan sungai",
        B_PEMB,
        "lingkungan",
        "kegiatan",
        (4, 12),
        (250_000, 500_000),
        "swadaya",
        None,
        4,
        "Sampah menyumbat saluran menjelang musim hujan.",
        "Seluruh warga RW",
    ),
    (
        "Perbaikan pos kamling",
        B_PEM,
        "pemerintahan",
        "unit",
        (1, 2),
        (5_000_000, 12_000_000),
        "dana_kelurahan",
        None,
        None,
        "Pos kamling rusak sehingga ronda malam tidak berjalan.",
        "Warga RT",
    ),
    (
        "Penanaman pohon pelindung bantaran sungai",
        B_PEMB,
        "lingkungan",
        "buah",
        (50, 200),
        (50_000, 100_000),
        "swadaya",
        None,
        2,
        "Bantaran sungai gersang dan mudah tergerus.",
        "Warga bantaran sungai",
    ),
    (
        "Pembentukan bank sampah",
        B_PEMBER,
        "lingkungan",
        "paket",
        (1, 1),
        (10_000_000, 20_000_000),
        "dana_kelurahan",
        None,
        2,
        "Sampah plastik menumpuk; belum ada pengelolaan bernilai ekonomi.",
        "Ibu-ibu PKK",
    ),
]

GANG = ["Mawar", "Melati", "Rahayu", "Sepakat", "Karya", "Family", "Bersama", "Damai"]

PENGUSUL = [
    "Ketua RT {rt:02d} RW {rw:02d}",
    "Kelompok PKK RW {rw:02d}",
    "Karang Taruna kelurahan",
    "Kader Posyandu RW {rw:02d}",
    "LPM kelurahan",
    "Tokoh masyarakat RW {rw:02d}",
    "Kelompok nelayan RW {rw:02d}",
    "Warga RT {rt:02d} RW {rw:02d}",
]

MASALAH = [
    (
        "infrastruktur",
        "Jalan gang tergenang saat air pasang dan hujan.",
        "Permukaan jalan lebih rendah dari muka air pasang.",
        "Warga siap bergotong royong.",
    ),
    (
        "lingkungan",
        "Saluran tersumbat sampah dan sedimen.",
        "Kebiasaan membuang sampah ke saluran; saluran tidak pernah dikeruk.",
        "Ada kelompok peduli lingkungan di RW.",
    ),
    (
        "kesehatan",
        "Masih ada balita stunting di posyandu.",
        "Pola makan kurang gizi dan sanitasi buruk.",
        "Posyandu aktif dengan kader terlatih.",
    ),
    (
        "ekonomi",
        "Banyak pemuda dan ibu rumah tangga belum berpenghasilan tetap.",
        "Keterampilan kerja terbatas.",
        "Bengkel dan usaha kuliner lokal bersedia membimbing.",
    ),
    (
        "pendidikan",
        "Gedung PAUD rusak dan sempit.",
        "Bangunan tua belum pernah direhab.",
        "Lahan milik kelurahan tersedia.",
    ),
    (
        "sosial",
        "Kegiatan positif pemuda kurang.",
        "Sarana olahraga tidak ada.",
        "Karang taruna aktif.",
    ),
]

ALASAN = {
    Status.DITOLAK: [
        "Pagu indikatif perangkat daerah tidak mencukupi; diusulkan kembali tahun depan.",
        "Lokasi sudah masuk program pusat (KOTAKU) tahun berjalan.",
    ],
    Status.TIDAK_LAYAK: [
        "Bukan kewenangan kota: ruas jalan berstatus jalan provinsi.",
        "Lahan belum bersertifikat/hibah, belum siap dibangun.",
    ],
    Status.DITOLAK_DESA: ["Tidak disepakati forum: dapat dikerjakan lewat kerja bakti warga."],
}

# The way each finished status was reached last year, with the dates of the 2026 forums.
JALUR = {
    Status.DITERIMA: [
        Status.DIAJUKAN,
        Status.PRIORITAS_DESA,
        Status.LAYAK,
        Status.DINILAI,
        Status.PRIORITAS_KECAMATAN,
        Status.DITERUSKAN_KOTA,
        Status.DITERIMA,
    ],
    Status.DITOLAK: [
        Status.DIAJUKAN,
        Status.PRIORITAS_DESA,
        Status.LAYAK,
        Status.DINILAI,
        Status.PRIORITAS_KECAMATAN,
        Status.DITERUSKAN_KOTA,
        Status.DITOLAK,
    ],
    Status.DINILAI: [Status.DIAJUKAN, Status.PRIORITAS_DESA, Status.LAYAK, Status.DINILAI],
    Status.TIDAK_LAYAK: [Status.DIAJUKAN, Status.PRIORITAS_DESA, Status.TIDAK_LAYAK],
    Status.DITOLAK_DESA: [Status.DIAJUKAN, Status.DITOLAK_DESA],
    Status.SWADAYA: [Status.DIAJUKAN, Status.SWADAYA],
}
TANGGAL = {
    Status.DIAJUKAN: (2026, 1, 6),
    Status.PRIORITAS_DESA: (2026, 1, 22),
    Status.SWADAYA: (2026, 1, 22),
    Status.DITOLAK_DESA: (2026, 1, 22),
    Status.LAYAK: (2026, 2, 5),
    Status.TIDAK_LAYAK: (2026, 2, 5),
    Status.DINILAI: (2026, 2, 6),
    Status.PRIORITAS_KECAMATAN: (2026, 2, 10),
    Status.DITERUSKAN_KOTA: (2026, 2, 13),
    Status.DITERIMA: (2026, 3, 24),
    Status.DITOLAK: (2026, 3, 24),
}


def _waktu(tahun, bulan, hari, jam=9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(tahun, bulan, hari, jam))


def _bulat(nilai: float, ke: int = 500_000) -> Decimal:
    return Decimal(max(ke, round(nilai / ke) * ke))


class _Pembuat:
    def __init__(self, siklus: Siklus, kode_terpakai: set[str]):
        self.siklus = siklus
        self.kode_terpakai = kode_terpakai
        self.pd = {pd.singkatan: pd for pd in PerangkatDaerah.objects.filter(daerah=siklus.daerah)}
        self.prioritas = {p.nomor: p for p in siklus.prioritas_daerah.all()}

    def kode(self) -> str:
        while True:
            kode = buat_kode(self.siklus.daerah.awalan_kode, self.siklus.tahun_rencana)
            if kode not in self.kode_terpakai:
                self.kode_terpakai.add(kode)
                return kode

    def usulan(self, acak: random.Random, kelurahan: Kelurahan, operator, rpjm, masalah):
        t = acak.choice(TEMPLAT)
        judul, bidang, sektor, satuan, vol, harga, sumber, pd, prio, masalah_teks, sasaran = t
        lingkungan = acak.choice(kelurahan._lingkungan)
        rt = acak.choice(lingkungan._rt) if lingkungan._rt and acak.random() < 0.7 else None
        volume = Decimal(acak.randint(*vol))
        biaya = _bulat(
            float(volume) * acak.uniform(*harga), 100_000 if sumber != "apbd" else 500_000
        )
        rw_no = lingkungan.nomor
        return Usulan(
            siklus=self.siklus,
            kelurahan=kelurahan,
            kode_wilayah=kelurahan.kode,  # written in bulk: save() does not run
            kode=self.kode(),
            judul=judul,
            bidang=bidang,
            sektor=sektor,
            permasalahan=masalah_teks,
            volume=volume,
            satuan=satuan,
            lingkungan=lingkungan,
            rt=rt,
            alamat=acak.choice(["", f"Gang {acak.choice(GANG)}"]),
            sasaran=sasaran,
            jumlah_penerima=acak.choice([None, acak.randint(20, 400)]),
            perkiraan_biaya=biaya,
            sumber_pembiayaan=sumber,
            perangkat_daerah=self.pd.get(pd) if pd else None,
            prioritas_daerah=self.prioritas.get(prio) if prio else None,
            rpjm_desa=rpjm.get(judul),
            masalah=masalah.get(sektor),
            pengusul=acak.choice(PENGUSUL).format(rt=rt.nomor if rt else 1, rw=rw_no),
            diusulkan_sejak=self.siklus.tahun_forum,
            dibuat_oleh=operator,
        )


def _riwayat(u: Usulan, jalur: list[str], mulai: datetime.datetime, oleh, acak, *, lalu: bool):
    """History rows: last year's on the 2026 forum dates, this year's two days after entry."""
    rows = [
        RiwayatStatus(
            usulan=u, dari="", ke=Status.DRAF, oleh=oleh, waktu=mulai, alasan="Usulan dicatat."
        )
    ]
    dari = Status.DRAF
    for ke in jalur:
        waktu = _waktu(*TANGGAL[ke]) if lalu else mulai + datetime.timedelta(days=2)
        alasan = acak.choice(ALASAN[ke]) if ke in ALASAN else ""
        rows.append(
            RiwayatStatus(usulan=u, dari=dari, ke=ke, oleh=oleh, waktu=waktu, alasan=alasan)
        )
        dari = ke
    return rows


def _rpjm(acak: random.Random, kelurahan: Kelurahan) -> dict[str, RpjmDesa]:
    if not kelurahan.rpjm_desa.exists():
        rows = []
        for t in acak.sample(TEMPLAT, 8):
            volume = acak.randint(*t[4])
            rows.append(
                RpjmDesa(
                    kelurahan=kelurahan,
                    bidang=t[1],
                    kegiatan=t[0],
                    lokasi=f"RW {acak.choice(kelurahan._lingkungan).nomor:02d}",
                    volume=Decimal(volume),
                    satuan=t[3],
                    # The plan's estimate: volume × a unit cost, to the nearest Rp 100.000.
                    perkiraan_biaya=Decimal(round(volume * acak.randint(*t[5]), -5)),
                    tahun_mulai=2025,
                    tahun_selesai=2030,
                )
            )
        RpjmDesa.objects.bulk_create(rows)
    return {r.kegiatan: r for r in kelurahan.rpjm_desa.all()}


def _masalah(acak: random.Random, kelurahan: Kelurahan, siklus: Siklus, operator) -> dict:
    if not Masalah.objects.filter(kelurahan=kelurahan, siklus=siklus).exists():
        Masalah.objects.bulk_create(
            Masalah(
                siklus=siklus,
                kelurahan=kelurahan,
                lingkungan=acak.choice([None, *kelurahan._lingkungan]),
                sektor=sektor,
                uraian=uraian,
                penyebab=penyebab,
                potensi=potensi,
                dicatat_oleh=operator,
            )
            for sektor, uraian, penyebab, potensi in acak.sample(MASALAH, acak.randint(3, 6))
        )
    return {m.sektor: m for m in Masalah.objects.filter(kelurahan=kelurahan, siklus=siklus)}


def muat_usulan(*, siklus_lalu: Siklus, siklus_aktif: Siklus) -> int:
    """Seed both siklus; kelurahan that already have usulan are left alone. Returns count."""
    kode_terpakai = set(Usulan.objects.values_list("kode", flat=True))
    lalu = _Pembuat(siklus_lalu, kode_terpakai)
    aktif = _Pembuat(siklus_aktif, kode_terpakai)
    operator = {u.username: u for u in User.objects.filter(username__startswith="operator-")}
    sudah = set(
        Usulan.objects.filter(siklus=siklus_aktif).values_list("kelurahan_id", flat=True).distinct()
    )
    kelurahan_list = (
        Kelurahan.objects.filter(kecamatan__daerah=siklus_aktif.daerah)
        .exclude(pk__in=sudah)
        .prefetch_related("lingkungan__rt")
        .order_by("kode")
    )
    dibuat = 0
    for kelurahan in kelurahan_list:
        acak = random.Random(f"usulan-{kelurahan.kode}")
        kelurahan._lingkungan = list(kelurahan.lingkungan.all())
        for lg in kelurahan._lingkungan:
            lg._rt = list(lg.rt.all())
        op = operator.get(f"operator-{slugify(kelurahan.nama)}")
        rpjm = _rpjm(acak, kelurahan)
        masalah = _masalah(acak, kelurahan, siklus_aktif, op)

        # Last year: finished histories.
        lama = [lalu.usulan(acak, kelurahan, op, rpjm, {}) for _ in range(acak.randint(4, 8))]
        hasil_lama = [acak.choice(list(JALUR)) for _ in lama]
        # This year: drafts and submitted usulan.
        baru = [
            aktif.usulan(acak, kelurahan, op, rpjm, masalah) for _ in range(acak.randint(10, 23))
        ]
        status_baru = [acak.choice([Status.DRAF, Status.DIAJUKAN, Status.DIAJUKAN]) for _ in baru]
        for u, s in zip(lama, hasil_lama, strict=True):
            u.status = s
        for u, s in zip(baru, status_baru, strict=True):
            u.status = s
        Usulan.objects.bulk_create(lama + baru)
        riwayat = []
        for u, s in zip(lama, hasil_lama, strict=True):
            mulai = _waktu(2025, acak.randint(11, 12), acak.randint(1, 28))
            riwayat += _riwayat(u, JALUR[s], mulai, op, acak, lalu=True)
            Usulan.objects.filter(pk=u.pk).update(created_at=mulai)
        for u, s in zip(baru, status_baru, strict=True):
            mulai = _waktu(2026, acak.choice([10, 11]), acak.randint(1, 20))
            jalur = [Status.DIAJUKAN] if s == Status.DIAJUKAN else []
            riwayat += _riwayat(u, jalur, mulai, op, acak, lalu=False)
            Usulan.objects.filter(pk=u.pk).update(created_at=mulai)
        RiwayatStatus.objects.bulk_create(riwayat)
        dibuat += len(lama) + len(baru)

        # Carry over one or two unfunded usulan of last year, through the real service.
        belum = [
            u
            for u, s in zip(lama, hasil_lama, strict=True)
            if s in (Status.DITOLAK, Status.DINILAI)
        ]
        for u in belum[: acak.randint(1, 2)]:
            if op is not None:
                usulan_lanjutkan(user=op, usulan=u)
                dibuat += 1
    return dibuat
