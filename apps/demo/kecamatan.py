"""Demo Musrenbang Kecamatan: Banjarmasin Utara has scored, signed and sent its berita
acara; Banjarmasin Selatan is in its sidang kelompok, scoring.

Both run through the real services in the order a camat's team works (the same path as
tests/kecamatan/test_alur.py): the forum pulls the signed desa forums of its kelurahan,
the tim penyelenggara, the schedule and the criteria are set, participants invited and
ticked present, groups verify and score (apps.demo.penilaian), the Pleno II starts from
the groups' ranking and decides against the kecamatan's pagu indikatif, and the berita
acara is signed and sent. The camat leads and decides; the operator kecamatan does the
data entry (participants, attendance, registrations); the demo fasilitator runs the group
assigned to them. Forums are dated after the desa forums (apps.demo.musyawarah) and never
after today: a forum cannot open or be signed before its date.
"""

import datetime
import hashlib
import itertools
import random
from decimal import Decimal

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils.text import slugify

from apps.akun.models import User
from apps.demo import penilaian as demo_penilaian
from apps.demo.musyawarah import BELAKANG, LAKI, PEREMPUAN
from apps.musyawarah import pembahasan, penetapan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.kecamatan import nilai, pendaftaran, pleno, sidang
from apps.musyawarah.kecamatan import persiapan as kecamatan_persiapan
from apps.musyawarah.models import (
    ElemenKecamatan,
    Keputusan,
    Musyawarah,
    Peserta,
    StatusMusyawarah,
    Tingkat,
    Unsur,
    Verifikasi,
)
from apps.musyawarah.tingkat.kecamatan import elemen
from apps.siklus.models import PaguIndikatif, Siklus
from apps.siklus.selectors import hari_ini
from apps.wilayah.models import Kecamatan, Lingkungan, PerangkatDaerah

SELESAI = "Banjarmasin Utara"  # scored, signed, copies sent
BERJALAN = "Banjarmasin Selatan"  # in its sidang kelompok, scoring
E = ElemenKecamatan

# Who the kecamatan invites besides what the kelurahan send (seed 6.a): elemen, jenis
# kelamin, jabatan, lembaga, peran, kelompok sosial, and the role they play in the demo.
TAMBAHAN = [
    (E.KECAMATAN, "L", "Camat {kec}", "Kantor Kecamatan {kec}", "narasumber", [], "camat"),
    (E.KECAMATAN, "P", "Sekretaris Kecamatan", "Kantor Kecamatan {kec}", "peserta", [], "sekcam"),
    (
        E.KECAMATAN,
        "L",
        "Kepala Seksi Pemberdayaan Masyarakat",
        "Kantor Kecamatan {kec}",
        "notulen",
        [],
        "kasi",
    ),
    (
        E.DPRD,
        "L",
        "Anggota DPRD Kota Banjarmasin",
        "DPRD Kota Banjarmasin, daerah pemilihan {kec}",
        "narasumber",
        [],
        "pleno",
    ),
    (
        E.PERANGKAT_DAERAH,
        "P",
        "Perencana Ahli Muda",
        "Bappedalitbang Kota Banjarmasin",
        "narasumber",
        [],
        "bappeda",
    ),
    (E.PERANGKAT_DAERAH, "L", "Kepala Seksi Drainase", "Dinas PUPR", "narasumber", [], "infra"),
    (
        E.PERANGKAT_DAERAH,
        "P",
        "Kepala UPT Puskesmas",
        "Dinas Kesehatan",
        "narasumber",
        [],
        "sosial",
    ),
    (E.TOKOH, "L", "Tokoh agama", "MUI Kecamatan {kec}", "peserta", ["tokoh_agama"], ""),
    (E.TOKOH, "L", "Tokoh masyarakat", "LPM Kecamatan {kec}", "peserta", ["tokoh_masyarakat"], ""),
    (E.PEREMPUAN, "P", "Ketua TP PKK Kecamatan", "TP PKK Kecamatan {kec}", "peserta", [], "pkk"),
    (
        E.RENTAN,
        "L",
        "Ketua cabang",
        "Persatuan Penyandang Disabilitas Indonesia Kota Banjarmasin",
        "peserta",
        ["disabilitas"],
        "",
    ),
    (E.LSM, "P", "Koordinator", "Yayasan Peduli Sungai Banjarmasin", "peserta", [], ""),
]
UNSUR_ELEMEN = {
    E.KECAMATAN: Unsur.PEMERINTAH,
    E.DPRD: Unsur.PEMERINTAH,
    E.PERANGKAT_DAERAH: Unsur.PEMERINTAH,
    E.SWASTA: Unsur.SWASTA,
}
GELAR = {"camat": ", S.STP, M.Si", "sekcam": ", S.Sos", "kasi": ", S.AP"}

# The groups' verdicts the demo gives, by the usulan's title; each used once per forum.
TIDAK_LAYAK = {
    "Perbaikan rumah tidak layak huni": (
        "Rumah yang diusulkan sudah masuk bantuan stimulan perumahan swadaya (BSPS) "
        "Kementerian PUPR tahun 2027."
    ),
    "Pembangunan MCK komunal": "Lahan belum bersertifikat atau dihibahkan; belum siap dibangun.",
    "Pelatihan servis sepeda motor untuk pemuda": (
        "Sudah tercakup pelatihan berbasis kompetensi BLK kota tahun 2027; calon peserta "
        "didaftarkan ke sana."
    ),
}
# Corrections a group makes: the cost to the standard unit price, or the perangkat daerah
# whose task it is (piped water is Dinas PUPR's, not Disperkim's).
KOREKSI_BIAYA = {"Pembangunan siring sungai": Decimal("0.8")}
KOREKSI_PD = {"Pembangunan sumur bor dan tandon air bersih": "Dinas PUPR"}
# Titles worth merging when two kelurahan propose them, best first.
GABUNG = [
    "Pengadaan pompa air penanggulangan genangan",
    "Pembangunan siring sungai",
    "Normalisasi saluran drainase lingkungan",
    "Pembangunan gorong-gorong",
]
ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _nama(acak: random.Random, jenis_kelamin: str, *, gelar: str = "") -> str:
    depan = acak.choice(PEREMPUAN if jenis_kelamin == "P" else LAKI)
    nama = f"{depan} {acak.choice(BELAKANG)}"
    if acak.random() < 0.3:
        nama = ("Hj. " if jenis_kelamin == "P" else "H. ") + nama
    return nama + gelar


def _inti(nama: str) -> str:
    """A name without its pilgrim title and academic degrees."""
    return nama.removeprefix("H. ").removeprefix("Hj. ").split(",")[0]


def _url_verifikasi(kode: str) -> str:
    basis = settings.SITE_URL or "http://127.0.0.1:8000"
    return basis + reverse("publik:verifikasi", args=[kode])


def _muat(m: Musyawarah) -> Musyawarah:
    """The forum as it is now (services bump its version and status)."""
    return Musyawarah.objects.get(pk=m.pk)


class _Forum:
    """One kecamatan forum being run by its camat, operator and fasilitator."""

    def __init__(self, kecamatan: Kecamatan, tanggal: datetime.date):
        slug = slugify(kecamatan.nama)
        self.kecamatan = kecamatan
        self.tanggal = tanggal
        self.camat = User.objects.get(username=f"camat-{slug}")
        self.operator = User.objects.get(username=f"operator-kecamatan-{slug}")
        self.fasilitator = User.objects.get(username=f"fasilitator-{slug}")
        self.acak = random.Random(f"musyawarah-kecamatan-{kecamatan.kode}")
        self.peran: dict[str, Peserta] = {}
        self.m = kecamatan_persiapan.musyawarah_kecamatan_buat(user=self.camat, kecamatan=kecamatan)
        # Everyone pulled from the kelurahan keeps their name; nobody new shares it.
        self.nama_dipakai = {_inti(n) for n in self.m.peserta.values_list("nama", flat=True)}
        self.nama_camat = self.nama("L", gelar=GELAR["camat"])

    def nama(self, jenis_kelamin: str, *, gelar: str = "") -> str:
        """A Banjar name no one else at this forum has."""
        for _ in range(100):
            nama = _nama(self.acak, jenis_kelamin, gelar=gelar)
            if _inti(nama) not in self.nama_dipakai:
                break
        self.nama_dipakai.add(_inti(nama))
        return nama

    def siapkan(self, *, pendaftar: list[dict]) -> None:
        """The camat's SK and team, the announcement, the registrations that came in, the
        date, the letter to Bappeda, and the invitees besides the kelurahan's."""
        acak, camat, kec = self.acak, self.camat, self.kecamatan
        undangan = self.tanggal - datetime.timedelta(days=9)
        singkat = slugify(kec.nama).upper().replace("BANJARMASIN-", "BJM-")
        persiapan.sk_tpm_simpan(
            user=camat,
            musyawarah=self.m,
            nomor=f"050/{acak.randint(10, 60)}/SK-TIM/KEC-{singkat}/{undangan.year}",
            tanggal=undangan - datetime.timedelta(days=14),
            kepala_nama=self.nama_camat,
            kepala_nip=f"19{acak.randint(72, 85)}0{acak.randint(1, 9)}1{acak.randint(0, 9)}"
            f"200{acak.randint(0, 9)}0{acak.randint(1, 2)}100{acak.randint(1, 9)}",
        )
        self.nama_sekcam = self.nama("P", gelar=GELAR["sekcam"])
        self.nama_kasi = self.nama("L", gelar=GELAR["kasi"])
        for jabatan, nama, asal in (
            ("ketua", self.nama_sekcam, "Sekretaris Kecamatan"),
            ("bendahara", self.nama("P"), "Bendahara Kecamatan"),
            ("seksi_acara", self.nama_kasi, "Kasi Pemberdayaan Masyarakat"),
            ("seksi_materi", self.nama("L", gelar=", S.T"), "Kasi Pemerintahan"),
            ("seksi_logistik", self.nama("L"), "Staf kecamatan"),
        ):
            persiapan.tpm_tambah(
                user=camat,
                musyawarah=self.m,
                data={"jabatan_tpm": jabatan, "nama": nama, "jabatan": asal},
            )
        jadwal = {
            "tanggal": self.tanggal,
            "jam_mulai": datetime.time(8, 0),
            "jam_selesai": datetime.time(15, 30),
            "tempat": f"Aula Kantor Camat {kec.nama}",
            "tanggal_undangan": undangan,
        }
        if pendaftar:
            # Registration is open from the announcement until the day before the forum,
            # and this forum's date is past: the announcement is recorded first, the
            # registrations that came in, then the date.
            self._jadwalkan({k: v for k, v in jadwal.items() if k != "tanggal"})
            self._daftar(pendaftar)
            jadwal = {"tanggal": self.tanggal}
        self._jadwalkan(jadwal)
        kecamatan_persiapan.surat_bappeda_simpan(
            user=camat,
            musyawarah=_muat(self.m),
            nomor=f"050/{acak.randint(100, 400)}/KEC-{singkat}/{undangan.year}",
            tanggal=undangan - datetime.timedelta(days=2),
        )
        kelurahan = list(kec.kelurahan.order_by("kode"))
        dikenal = {"camat": self.nama_camat, "sekcam": self.nama_sekcam, "kasi": self.nama_kasi}
        for el, jk, jabatan, lembaga, peran, sosial, tugas in TAMBAHAN:
            p = peserta_services.peserta_simpan(
                user=self.operator,
                musyawarah=self.m,
                data={
                    "nama": dikenal.get(tugas) or self.nama(jk),
                    "jenis_kelamin": jk,
                    "kelompok_usia": "tua",
                    "unsur": UNSUR_ELEMEN.get(el, Unsur.MASYARAKAT),
                    "elemen": el,
                    "organisasi": lembaga.format(kec=kec.nama),
                    "jabatan": jabatan.format(kec=kec.nama),
                    "peran": peran,
                    "kelompok_sosial": sosial,
                    "kelurahan_asal": None
                    if UNSUR_ELEMEN.get(el) == Unsur.PEMERINTAH
                    else acak.choice(kelurahan),
                },
            )
            if tugas:
                self.peran.setdefault(tugas, p)

    def _jadwalkan(self, data: dict) -> None:
        m = _muat(self.m)
        persiapan.musyawarah_jadwalkan(user=self.camat, musyawarah=m, versi=m.versi, data=data)

    def _daftar(self, pendaftar: list[dict]) -> None:
        """Public registrations from the announcement, accepted or declined by the operator."""
        for i, data in enumerate(pendaftar):
            alasan = data.pop("tolak", "")
            daftar = pendaftaran.pendaftaran_kirim(
                musyawarah=self.m,
                data=data,
                sidik_pengirim=hashlib.sha256(
                    f"demo-{self.kecamatan.kode}-{i}".encode()
                ).hexdigest(),
            )
            if alasan:
                pendaftaran.pendaftaran_tolak(user=self.operator, pendaftaran=daftar, alasan=alasan)
            else:
                pendaftaran.pendaftaran_terima(user=self.operator, pendaftaran=daftar)

    def buka(self) -> list[Peserta]:
        """Open the forum and tick everyone present but one delegate; the present."""
        persiapan.musyawarah_mulai(user=self.camat, musyawarah=_muat(self.m))
        semua = list(self.m.peserta.order_by("nama", "pk"))
        delegasi = [p for p in semua if p.elemen == E.DELEGASI]
        absen = {self.acak.choice(delegasi).pk} if len(delegasi) > 3 else set()
        for p in semua:
            if p.pk not in absen:
                peserta_services.peserta_hadir(user=self.operator, peserta=p)
        return list(self.m.peserta.filter(hadir=True).order_by("nama", "pk"))

    def bagi_kelompok(self, hadir: list[Peserta]) -> list:
        """Everyone present sits in a group except those who stay at the Pleno table; the
        perangkat daerah's people sit with the group that discusses their agency."""
        kelompok = list(self.m.kelompok_diskusi.order_by("urutan"))
        anggota: list[list[Peserta]] = [[] for _ in kelompok]
        tetap = {self.peran[t].pk: i for i, t in enumerate(("infra", "sosial")) if t in self.peran}
        pleno_saja = {self.peran[t].pk for t in ("camat", "bappeda", "pleno")}
        lain = [p for p in hadir if p.pk not in pleno_saja and p.pk not in tetap]
        self.acak.shuffle(lain)
        for p in hadir:
            if p.pk in tetap:
                anggota[tetap[p.pk]].append(p)
        for i, p in enumerate(lain):
            anggota[i % len(kelompok)].append(p)
        for k, orang in zip(kelompok, anggota, strict=True):
            sidang.anggota_kelompok_simpan(
                user=self.operator, musyawarah=_muat(self.m), kelompok=k, peserta=orang
            )
        return list(zip(kelompok, anggota, strict=True))

    def pimpin(self, kelompok, anggota: list[Peserta], *, fasilitator: bool) -> None:
        """The members elect their ketua, sekretaris and notulen; the fasilitator (the
        demo account, or a named Bappedalitbang planner) hands the group over."""
        warga = [p for p in anggota if p.unsur != Unsur.PEMERINTAH] or anggota
        ketua, sekretaris, notulen = (warga + [p for p in anggota if p not in warga])[:3]
        sidang.pimpinan_kelompok_simpan(
            user=self.camat,
            kelompok=kelompok,
            ketua=ketua,
            sekretaris=sekretaris,
            notulen=notulen,
            fasilitator=self.fasilitator if fasilitator else None,
            fasilitator_nama="" if fasilitator else f"{self.nama('P')} (Bappedalitbang)",
        )
        kelompok.refresh_from_db()
        sidang.kelompok_serahkan(user=self.pemandu(kelompok), kelompok=kelompok)

    def pemandu(self, kelompok) -> User:
        """Who works the group's pages: its fasilitator account, else the camat's team."""
        return self.fasilitator if kelompok.fasilitator_id == self.fasilitator.pk else self.camat

    def verifikasi(self, kelompok, *, gabung: bool = True) -> int:
        """The group verifies its usulan in their desa order:
        one cross-kelurahan duplicate merged, a few not feasible with their reason, a
        cost and a perangkat daerah corrected, the rest feasible."""
        user = self.pemandu(kelompok)
        catatan = kelompok.pembahasan.select_related(
            "usulan__kelurahan", "usulan__perangkat_daerah"
        )
        rec = sorted(catatan, key=lambda p: (p.urutan_asal or 999, p.usulan.kelurahan.nama, p.pk))
        if gabung:
            self._gabung(user, kelompok, rec)
        dipakai: set[tuple[str, str]] = set()  # each verdict and correction once per group
        n = 0
        for p in rec:
            p.refresh_from_db(fields=["digabung_ke"])
            if p.digabung_ke_id:
                continue
            judul = p.usulan.judul
            if judul in TIDAK_LAYAK and ("tidak_layak", judul) not in dipakai:
                dipakai.add(("tidak_layak", judul))
                sidang.verifikasi_simpan(
                    user=user,
                    kelompok=kelompok,
                    pembahasan=p,
                    verifikasi=Verifikasi.TIDAK_LAYAK,
                    alasan=TIDAK_LAYAK[judul],
                )
            else:
                koreksi = {}
                if judul in KOREKSI_BIAYA and ("biaya", judul) not in dipakai:
                    dipakai.add(("biaya", judul))
                    biaya = p.usulan.perkiraan_biaya * KOREKSI_BIAYA[judul]
                    koreksi["perkiraan_biaya"] = Decimal(round(biaya / 500_000) * 500_000)
                if judul in KOREKSI_PD and ("pd", judul) not in dipakai:
                    dipakai.add(("pd", judul))
                    koreksi["perangkat_daerah"] = PerangkatDaerah.objects.get(
                        daerah=self.kecamatan.daerah, singkatan=KOREKSI_PD[judul]
                    )
                sidang.verifikasi_simpan(
                    user=user,
                    kelompok=kelompok,
                    pembahasan=p,
                    verifikasi=Verifikasi.LAYAK,
                    koreksi=koreksi,
                )
            n += 1
        return n

    def _gabung(self, user, kelompok, rec: list) -> None:
        """Merge one title two kelurahan both proposed, if any: the better-ranked leads."""
        for judul in GABUNG:
            sama = [p for p in rec if p.usulan.judul == judul]
            per_kelurahan = list({p.usulan.kelurahan_id: p for p in reversed(sama)}.values())
            if len(per_kelurahan) >= 2:
                utama, lain = sorted(per_kelurahan[:2], key=rec.index)
                sidang.usulan_gabung(user=user, kelompok=kelompok, utama=utama, lain=[lain])
                return

    def usulan_sendiri(self) -> None:
        """The kecamatan's own usulan (seed 2.b): flooding that crosses kelurahan lines,
        located in a kelurahan that has not proposed anything yet."""
        kelurahan = self.kecamatan.kelurahan.exclude(
            musyawarah__tingkat=Tingkat.DESA, musyawarah__siklus=self.m.siklus
        ).order_by("kode")
        lokasi = Lingkungan.objects.filter(
            kelurahan__in=kelurahan[:1] or self.kecamatan.kelurahan.all()
        ).order_by("kelurahan__kode", "nomor")[0]
        sidang.usulan_kecamatan_tambah(
            user=self.camat,
            musyawarah=_muat(self.m),
            data={
                "judul": "Normalisasi anak sungai lintas kelurahan",
                "bidang": "pembangunan",
                "sektor": "lingkungan",
                "permasalahan": (
                    "Anak sungai yang melintasi beberapa kelurahan dangkal dan menyempit; "
                    "genangan di satu kelurahan tidak selesai bila hulunya di kelurahan lain "
                    "tidak ikut dinormalisasi."
                ),
                "volume": Decimal(1800),
                "satuan": "m",
                "lingkungan": lokasi,
                "sasaran": f"Warga bantaran sungai di Kecamatan {self.kecamatan.nama}",
                "jumlah_penerima": 1250,
                "perkiraan_biaya": Decimal(1_450_000_000),
                "sumber_pembiayaan": "apbd",
                "perangkat_daerah": PerangkatDaerah.objects.get(
                    daerah=self.kecamatan.daerah, singkatan="Dinas PUPR"
                ),
                "prioritas_daerah": self.m.siklus.prioritas_daerah.get(nomor=4),
                "pengusul": f"Camat {self.kecamatan.nama}",
            },
        )

    def nilai(self, kelompok, anggota: list[Peserta], *, seri: bool) -> None:
        """The group scores its feasible usulan (three scorers, one on paper), talks over
        the wide disagreement on the kecamatan's own usulan, and closes its scoring."""
        demo_penilaian.nilai_kelompok(
            pemandu=self.pemandu(kelompok),
            kelompok=kelompok,
            anggota=anggota,
            sekaligus=True,
            seri=seri,
            beda=demo_penilaian.KESIAPAN["nama"],
        )
        nilai.penilaian_tutup(user=self.pemandu(kelompok), kelompok=kelompok)

    def pleno_ii(self) -> None:
        """The Pleno starts from the groups' ranking and keeps it but for two decisions,
        each with its reason: the kecamatan's own usulan, ranked just below another usulan
        of its group and prioritas daerah (its land and DED are not ready yet), moves up one
        place because the flooding crosses kelurahan lines; the lowest-scored Dinas PUPR
        usulan is not agreed, the pagu indikatif being short. Then the delegation, the tim
        perumus and the berita acara's words."""
        m = _muat(self.m)
        baris = [
            {
                "pembahasan_id": p.pk,
                "urutan": i,
                "keputusan": Keputusan.KOTA,
                "alasan": "",
                "alasan_urutan": "",
                "_p": p,
            }
            for i, p in enumerate(pleno.usulan_pleno(m), start=1)
        ]
        sendiri = [b for b in baris if b["_p"].usulan.milik_kecamatan]
        j = baris.index(sendiri[0]) if sendiri else 0
        if j > 0 and _satu_bagian(baris[j - 1]["_p"], baris[j]["_p"]):
            naik, turun = baris[j], baris[j - 1]
            naik["urutan"], turun["urutan"] = turun["urutan"], naik["urutan"]
            naik["alasan_urutan"] = (
                "Genangan lintas kelurahan tidak selesai tanpa normalisasi hulunya; Pleno "
                "sepakat mendahulukannya sambil DED disiapkan Dinas PUPR."
            )
            turun["alasan_urutan"] = (
                "Bergeser satu tempat untuk normalisasi anak sungai lintas kelurahan; "
                "tetap di dalam pagu indikatif."
            )
        pupr = [
            b
            for b in baris
            if b["_p"].pd and b["_p"].pd.singkatan == "Dinas PUPR" and b not in sendiri
        ]
        if len(pupr) > 1:
            terendah = min(reversed(pupr), key=lambda b: b["_p"].nilai or 0)
            terendah["keputusan"] = Keputusan.DITOLAK
            terendah["alasan"] = (
                "Nilai terendah di antara usulan Dinas PUPR dan pagu indikatif kecamatan "
                "tidak mencukupi; diusulkan kembali tahun depan."
            )
        self.pagu(
            [
                b["_p"]
                for b in sorted(baris, key=lambda b: b["urutan"])
                if b["keputusan"] != Keputusan.DITOLAK
            ],
            lewat=2,
        )
        pleno.pleno_simpan(
            user=self.camat,
            musyawarah=m,
            versi=m.versi,
            baris=[{k: v for k, v in b.items() if k != "_p"} for b in baris],
        )
        hadir = list(self.m.peserta.filter(hadir=True).order_by("nama", "pk"))
        lurah = [p for p in hadir if p.elemen == E.KEPALA_KELURAHAN]
        tokoh = [p for p in hadir if p.elemen == E.TOKOH]
        delegasi = [self.peran["pkk"], *lurah[:1], *tokoh[:1]]
        m = _muat(self.m)
        peserta_services.delegasi_simpan(
            user=self.camat, musyawarah=m, peserta_ids=[p.pk for p in delegasi], versi=m.versi
        )
        pleno.perumus_simpan(
            user=self.camat,
            musyawarah=_muat(self.m),
            peserta_ids=[self.peran[t].pk for t in ("camat", "sekcam", "kasi")],
        )
        kec = self.kecamatan.nama
        singkat = slugify(kec).upper().replace("BANJARMASIN-", "BJM-")
        pembahasan.catatan_simpan(
            user=self.camat,
            musyawarah=_muat(self.m),
            data={
                "nomor_berita_acara": f"050/{self.acak.randint(100, 199)}/BA-MUSRENBANG/"
                f"KEC-{singkat}/{ROMAWI[self.tanggal.month - 1]}/{self.tanggal.year}",
                "catatan_sambutan": (
                    f"Sambutan Camat {kec} selaku pimpinan sidang dan anggota DPRD Kota "
                    f"Banjarmasin daerah pemilihan {kec}"
                ),
                "catatan_pemaparan": (
                    "Pemaparan rancangan awal RKPD dan prioritas daerah oleh Bappedalitbang; "
                    "pemaparan hasil Musrenbang kelurahan oleh para lurah"
                ),
                "catatan_diskusi": (
                    "Sidang kelompok memverifikasi usulan kelurahan terhadap prioritas daerah "
                    "dan tugas perangkat daerah; pengendalian genangan lintas kelurahan "
                    "didahulukan"
                ),
            },
        )
        pleno.pleno_tetapkan(user=self.camat, musyawarah=_muat(self.m))

    def pagu(self, baris: list, *, lewat: int) -> None:
        """Bappeda's pagu indikatif for the kecamatan: a round amount that ``baris`` (the
        usulan in the Pleno's order) pass ``lewat`` rows before the end: the cut line.
        (Bappeda sets it in the admin; no service to call.)"""
        kumulatif = [0, *itertools.accumulate(p.biaya or 0 for p in baris)]
        if 0 < lewat < len(kumulatif) - 1:
            jumlah = _bulat(kumulatif[-lewat - 1], kumulatif[-lewat])
        else:
            jumlah = _bulat(kumulatif[-1], None)  # everything fits
        pagu = PaguIndikatif(siklus=self.m.siklus, kecamatan=self.kecamatan, jumlah=jumlah)
        pagu.full_clean()
        pagu.save()

    def tandatangani_dan_kirim(self) -> None:
        """Read back, every element present represented among the signatories, signed,
        and the copies sent to the walikota and each perangkat daerah."""
        pleno.berita_acara_dibacakan(user=self.camat, musyawarah=_muat(self.m))
        hadir = list(self.m.peserta.filter(hadir=True).order_by("nama", "pk"))
        wakil = {
            E.KECAMATAN.value: self.peran["sekcam"],
            E.PEREMPUAN.value: self.peran["pkk"],
            E.PERANGKAT_DAERAH.value: self.peran["bappeda"],
        }
        for p in hadir:
            wakil.setdefault(elemen(p), p)
        penetapan.penandatangan_simpan(
            user=self.camat,
            musyawarah=_muat(self.m),
            pimpinan=self.peran["camat"],
            jabatan_pimpinan=f"Camat {self.kecamatan.nama}",
            notulen=self.peran["kasi"],
            wakil=wakil,
        )
        penetapan.berita_acara_tandatangani(
            user=self.camat, musyawarah=_muat(self.m), url_verifikasi=_url_verifikasi
        )
        pleno.berita_acara_kirim(user=self.camat, musyawarah=_muat(self.m))


def _satu_bagian(a, b) -> bool:
    """Two usulan ranked in the same group and prioritas daerah."""
    return a.kelompok_id == b.kelompok_id and a.prioritas == b.prioritas


def _bulat(bawah, atas) -> Decimal:
    """The roundest amount (in whole juta) from ``bawah`` up to (not including) ``atas``
    (without one, up to 500 juta above); ``bawah`` itself when none fits; never 0."""
    bawah = max(int(bawah), 1)
    atas = bawah + 500_000_000 if atas is None else max(int(atas), bawah + 1)
    for juta in (500, 250, 100, 50, 25, 10, 5, 1):
        langkah = juta * 1_000_000
        jumlah = -(-bawah // langkah) * langkah  # rounded up
        if jumlah < atas:
            return Decimal(jumlah)
    return Decimal(bawah)


def _pendaftar(f: _Forum) -> list[dict]:
    """Two residents' groups who registered from the announcement (accepted) and one
    registration sent twice (declined)."""
    acak = f.acak
    kelurahan = list(f.kecamatan.kelurahan.order_by("kode"))
    ibu, pemuda = f.nama("P"), f.nama("L")
    asal_ibu, asal_pemuda = acak.sample(kelurahan, 2)
    return [
        {
            "nama": ibu,
            "lembaga": f"Kelompok Usaha Bersama Ibu Nelayan {asal_ibu.nama}",
            "elemen": E.PEREMPUAN,
            "jenis_kelamin": "P",
            "kontak": f"0812{acak.randint(10_000_000, 99_999_999)}",
            "kelurahan": asal_ibu,
        },
        {
            "nama": pemuda,
            "lembaga": f"Karang Taruna {asal_pemuda.nama}",
            "elemen": E.TOKOH,
            "jenis_kelamin": "L",
            "kontak": f"0813{acak.randint(10_000_000, 99_999_999)}",
            "kelurahan": asal_pemuda,
        },
        {
            "nama": pemuda,
            "lembaga": "Karang Taruna",
            "elemen": E.TOKOH,
            "jenis_kelamin": "L",
            "kontak": f"{slugify(pemuda).replace('-', '.')}@gmail.com",
            "kelurahan": asal_pemuda,
            "tolak": "Terdaftar dua kali; pendaftaran pertama sudah diterima.",
        },
    ]


def muat_musyawarah_kecamatan(siklus: Siklus) -> tuple[int, int]:
    """(signed, scoring) kecamatan forums created; a kecamatan that has its forum is left
    alone."""
    hari = hari_ini()
    dibuat = []
    for nama in (SELESAI, BERJALAN):
        kecamatan = Kecamatan.objects.get(nama=nama, daerah=siklus.daerah)
        if Musyawarah.objects.filter(
            siklus=siklus, kecamatan=kecamatan, tingkat=Tingkat.KECAMATAN, latihan=False
        ).exists():
            continue
        selesai = nama == SELESAI
        tanggal = hari  # the forum still scoring is held today
        if selesai:
            # Three days ago, yet after every desa forum it pulls (a demo loaded by an
            # older version dated those later).
            desa_terakhir = Musyawarah.objects.filter(
                siklus=siklus,
                tingkat=Tingkat.DESA,
                kelurahan__kecamatan=kecamatan,
                status=StatusMusyawarah.SELESAI,
            ).aggregate(t=Max("tanggal"))["t"]
            tanggal = hari - datetime.timedelta(days=3)
            if desa_terakhir:
                tanggal = min(hari, max(tanggal, desa_terakhir + datetime.timedelta(days=1)))
        f = _Forum(kecamatan, tanggal)
        f.siapkan(pendaftar=_pendaftar(f) if selesai else [])
        # The camat sets the criteria before the forum: Utara makes the seed's template
        # its own, Selatan takes Bappeda's recommendation.
        if selesai:
            demo_penilaian.kriteria_lokal(f.camat, _muat(f.m))
        else:
            demo_penilaian.kriteria_rekomendasi(f.camat, _muat(f.m))
        hadir = f.buka()
        kelompok = f.bagi_kelompok(hadir)
        if selesai:
            f.usulan_sendiri()
            for k, anggota in kelompok:
                f.pimpin(k, anggota, fasilitator=k.urutan == 1)
            for k, _anggota in kelompok:
                if k.pembahasan.exists():
                    f.verifikasi(k)
                    sidang.verifikasi_tutup(user=f.pemandu(k), kelompok=k)
            dinilai = [(k, anggota) for k, anggota in kelompok if nilai.usulan_dinilai(k)]
            seri = demo_penilaian.kelompok_seri([k for k, _anggota in dinilai])
            for k, anggota in dinilai:
                f.nilai(k, anggota, seri=k == seri)
            f.pleno_ii()
            f.tandatangani_dan_kirim()
        else:
            # The group with the most usulan has elected its pimpinan, been handed over to
            # it by the demo fasilitator, verified them and named its scorers: two are
            # part-way through their sheets (and far apart on one cell they both filled),
            # the third has not started. The other groups have their members.
            k, anggota = max(kelompok, key=lambda ka: ka[0].pembahasan.count())
            f.pimpin(k, anggota, fasilitator=True)
            f.verifikasi(k, gabung=False)
            sidang.verifikasi_tutup(user=f.pemandu(k), kelompok=k)
            demo_penilaian.nilai_kelompok(
                pemandu=f.pemandu(k),
                kelompok=k,
                anggota=anggota,
                bagian=(0.6, 0.3, 0),
                kertas=False,
                beda=demo_penilaian.KOLOM[1],
                revisi=False,
            )
            baris = pleno.usulan_pleno(_muat(f.m))
            f.pagu(baris, lewat=len(baris) // 3)
        dibuat.append(selesai)
    return dibuat.count(True), dibuat.count(False)
