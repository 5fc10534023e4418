"""Synthetic daerah at the sizes of DESIGN.md's scale table, for the benchmarks (bench/).

``buat(profil, skala)`` writes, with bulk inserts, one or more daerah under province
code 99 (so it never meets the demo's Kota Banjarmasin, 63.71): kecamatan, desa with
RW and RT, the SKPD list, an active siklus with its tahapan and prioritas daerah, one
account per peran, usulan with their status history, Musrenbang Desa forums (half of them
signed, with TPM, pemandu, ~25 participants, decisions, signatories and a berita acara
snapshot; the rest in preparation), and a Musrenbang Kecamatan per kecamatan holding a
per-forum record of every usulan its signed desa sent up, three sidang kelompok, five
criteria and three scorers per group with every score filled (half of those forums
signed and sent, so Bappeda's compilation has rows).

Two forums are shaped for the benchmarks: the first kecamatan is larger, so its forum
ranks ~1,000 usulan (figure 4), and one desa of the last kecamatan holds a forum of ~300
usulan decided and ready to sign (figure 3).

The rows are written directly, not through the services (a kabupaten must load in under
a minute); what the app relies on is kept: every status move has its RiwayatStatus row,
an usulan's decided funding matches its status, a signed desa forum closes its
kelurahan's submission, a kecamatan forum holds only what signed desa forums sent up,
and signed forums carry their snapshot through ``dokumen_terbitkan``. Nothing here is
random across runs: the same profile and scale give the same rows (receipt codes and
verification codes aside).
"""

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify

from apps.akun.models import Penugasan, Peran, User
from apps.core.kode import ALFABET
from apps.demo.musyawarah import BELAKANG, LAKI, ORGANISASI, PEREMPUAN
from apps.demo.pengguna import KATA_SANDI
from apps.demo.siklus import PRIORITAS
from apps.demo.usulan import GANG, PENGUSUL, TEMPLAT
from apps.demo.wilayah import DATA
from apps.dokumen.services import dokumen_terbitkan
from apps.musyawarah.kecamatan.peringkat import dengan_peringkat, kriteria_forum
from apps.musyawarah.kecamatan.persiapan import KELOMPOK_BAWAAN
from apps.musyawarah.models import (
    AnggotaTpm,
    ElemenKecamatan,
    JabatanTpm,
    KelompokDiskusi,
    KelompokPerangkatDaerah,
    Keputusan,
    Musyawarah,
    Pemandu,
    Pembahasan,
    Penandatangan,
    PeranPeserta,
    PeranTtd,
    Peserta,
    StatusMusyawarah,
    Tingkat,
    Unsur,
    Verifikasi,
)
from apps.musyawarah.tingkat import spek
from apps.penilaian.models import Kriteria, Penilai, SesiPenilaian, SetKriteria, Skor
from apps.siklus.models import PrioritasDaerah
from apps.siklus.services import siklus_aktifkan, siklus_buat
from apps.usulan.models import PenutupanUsulan, RiwayatStatus, Status, Usulan
from apps.wilayah.models import RT, Daerah, Kecamatan, Kelurahan, Lingkungan
from apps.wilayah.services import perangkat_daerah_impor_csv

PROVINSI = "99"
TAHUN_RENCANA = 2028
BATCH = 2000
S = Status
SM = StatusMusyawarah
KOLOM_RIWAYAT = ["usulan", "dari", "ke", "oleh", "waktu", "alasan"]
KOLOM_SKOR = ["penilai", "kriteria", "usulan", "nilai", "cara", "diubah_pada", "versi"]


@dataclass(frozen=True)
class Profil:
    """The shape of one profile at scale 1 (DESIGN.md's scale table)."""

    daerah: int
    kecamatan: int  # per daerah
    desa: int  # per kecamatan
    usulan: int  # per desa
    besar: int  # usulan the first kecamatan's forum ranks (figure 4)
    forum_ttd: int = 300  # usulan of the forum left ready to sign (figure 3)
    peserta: int = 25  # per forum


PROFIL = {
    "banjarmasin": Profil(daerah=1, kecamatan=5, desa=10, usulan=40, besar=200),
    "kabupaten": Profil(daerah=1, kecamatan=25, desa=13, usulan=61, besar=1000),
    # A province's daerah on one server: ten kabupaten-sized daerah side by side.
    "provinsi": Profil(daerah=10, kecamatan=40, desa=12, usulan=41, besar=1000),
}


@dataclass
class Ukuran:
    """A profile at a scale: each dimension shrinks by the cube root, so a tiny scale
    still has several kecamatan, desa and usulan per desa."""

    daerah: int
    kecamatan: int
    desa: int
    usulan: int
    besar: int
    forum_ttd: int
    peserta: int

    @classmethod
    def dari(cls, profil: Profil, skala: float) -> "Ukuran":
        akar = skala ** (1 / 3)
        return cls(
            daerah=profil.daerah if skala >= 1 else max(1, min(2, profil.daerah)),
            kecamatan=max(2, round(profil.kecamatan * akar)),
            desa=max(2, round(profil.desa * akar)),
            usulan=max(6, round(profil.usulan * akar)),
            besar=max(12, round(profil.besar * skala)),
            forum_ttd=max(12, round(profil.forum_ttd * skala)),
            peserta=max(12, min(profil.peserta, round(profil.peserta * akar * 2))),
        )


@dataclass
class Hasil:
    """What was written, for the command's report and the benchmarks."""

    daerah: list[str] = field(default_factory=list)
    jumlah: Counter = field(default_factory=Counter)
    detik: float = 0.0
    # Of which building the signed forums' snapshots (the app's own builders) took.
    detik_snapshot: float = 0.0
    # The forums the benchmarks use, by pk.
    forum_besar: int | None = None
    forum_ttd: int | None = None
    forum_desa_selesai: int | None = None
    forum_kecamatan_selesai: int | None = None
    # One username per peran for the page benchmarks, of the first daerah.
    akun: dict[str, str] = field(default_factory=dict)


def _kode_usulan(awalan: str, n: int) -> str:
    """Receipt code number ``n`` of a daerah: unique by construction, valid by the app's
    pattern (apps.usulan.kode), not guessable from the pattern alone only in real data."""
    basis = len(ALFABET)
    huruf = []
    for _ in range(6):
        n, sisa = divmod(n, basis)
        huruf.append(ALFABET[sisa])
    h = "".join(reversed(huruf))
    return f"{awalan}-{TAHUN_RENCANA % 100:02d}-{h[:4]}-{h[4:]}"


def _bulat(nilai: float, ke: int) -> Decimal:
    return Decimal(max(ke, round(nilai / ke) * ke))


class _Pembangun:
    def __init__(self, ukuran: Ukuran, hasil: Hasil, seed: str):
        self.u = ukuran
        self.h = hasil
        self.acak = random.Random(seed)
        self.hash = make_password(KATA_SANDI)
        self.hari = timezone.localdate()
        self.pdf = _pdf_pengganti()

    # -- helpers ---------------------------------------------------------------------
    def simpan(self, model, rows: list) -> list:
        if rows:
            model.objects.bulk_create(rows, batch_size=BATCH)
            self.h.jumlah[model._meta.model_name] += len(rows)
        return rows

    def salin(self, model, kolom: list[str], nilai: list[tuple]) -> None:
        """Insert plain tuples for the two biggest tables (history rows, scores): the ORM's
        per-row preparation of bulk_create is most of the load time at kabupaten size."""
        if not nilai:
            return
        meta, qn = model._meta, connection.ops.quote_name
        fields = [meta.get_field(f) for f in kolom]
        waktu = [i for i, f in enumerate(fields) if f.get_internal_type() == "DateTimeField"]
        if waktu:
            adapt = connection.ops.adapt_datetimefield_value
            nilai = [
                tuple(adapt(v) if i in waktu else v for i, v in enumerate(row)) for row in nilai
            ]
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            qn(meta.db_table),
            ", ".join(qn(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)),
        )
        with connection.cursor() as c:
            for i in range(0, len(nilai), 10 * BATCH):
                c.executemany(sql, nilai[i : i + 10 * BATCH])
        self.h.jumlah[meta.model_name] += len(nilai)

    def waktu(self, hari_lalu: float, jam: int = 9) -> datetime.datetime:
        t = timezone.now().replace(hour=jam, minute=0, second=0, microsecond=0)
        return t - datetime.timedelta(days=hari_lalu)

    def nama(self, perempuan: bool | None = None) -> tuple[str, str]:
        if perempuan is None:
            perempuan = self.acak.random() < 0.42
        depan = self.acak.choice(PEREMPUAN if perempuan else LAKI)
        return f"{depan} {self.acak.choice(BELAKANG)}", "P" if perempuan else "L"

    def user(self, username: str, nama: str, peran: str, **wilayah) -> User:
        user = User.objects.create(username=username, nama=nama, password=self.hash)
        Penugasan.objects.create(user=user, peran=peran, jabatan=nama, **wilayah)
        self.h.jumlah["user"] += 1
        return user

    # -- wilayah, accounts, siklus ---------------------------------------------------
    def daerah(self, nomor: int) -> None:
        kode = f"{PROVINSI}.{nomor:02d}"
        if Daerah.objects.filter(kode=kode).exists():
            raise ValueError(f"Daerah {kode} sudah ada: data skala sudah dibuat di basis data ini.")
        awalan = "SK" + ALFABET[nomor % len(ALFABET)]
        d = Daerah.objects.create(
            kode=kode,
            nama=f"Kabupaten Skala {nomor:02d}",
            singkatan=awalan,
            jenis=Daerah.Jenis.KABUPATEN,
            provinsi="Provinsi Skala",
            alamat="Jl. Perencanaan No. 1",
        )
        self.h.daerah.append(kode)
        pd = perangkat_daerah_impor_csv(DATA / "perangkat-daerah-banjarmasin.csv", daerah=d)
        self.h.jumlah["perangkatdaerah"] += len(pd)
        bappeda = self.user(f"bappeda-{kode}", f"Bappeda {d.nama}", Peran.ADMIN_BAPPEDA, daerah=d)
        siklus = siklus_buat(user=bappeda, daerah=d, tahun_rencana=TAHUN_RENCANA)
        siklus_aktifkan(user=bappeda, siklus=siklus)
        for n, (nama, sasaran) in enumerate(PRIORITAS, start=1):
            PrioritasDaerah.objects.create(siklus=siklus, nomor=n, nama=nama, sasaran=sasaran)
        self.siklus, self.d, self.bappeda = siklus, d, bappeda
        self.pd = {p.singkatan: p for p in pd}
        self.prioritas = {p.nomor: p for p in siklus.prioritas_daerah.all()}
        self.awalan, self.nomor_usulan = awalan, nomor * 1_000_000
        skpd = {}
        for p in pd:
            skpd[p.singkatan] = self.user(
                f"skpd-{kode}-{slugify(p.singkatan)}",
                f"Staf {p.nama}",
                Peran.PERANGKAT_DAERAH,
                perangkat_daerah=p,
            )
        if not self.h.akun:
            self.h.akun.update(bappeda=bappeda.username, skpd=skpd["Dinas PUPR"].username)
        for k in range(1, self.u.kecamatan + 1):
            self.kecamatan(k)

    def kecamatan(self, nomor: int) -> None:
        kec = Kecamatan.objects.create(
            daerah=self.d,
            kode=f"{self.d.kode}.{nomor:02d}",
            nama=f"Skala {self.d.kode[-2:]}-{nomor:02d}",
            alamat=f"Jl. Kecamatan No. {nomor}",
        )
        self.h.jumlah["kecamatan"] += 1
        camat = self.user(f"camat-{kec.kode}", f"Camat {kec.nama}", Peran.CAMAT, kecamatan=kec)
        besar = nomor == 1 and len(self.h.daerah) == 1
        ttd = nomor == self.u.kecamatan and len(self.h.daerah) == 1
        # The first kecamatan grows desa by desa (all signed) until its forum ranks
        # ``besar`` usulan; the others have ``desa`` desa, every other one signed.
        forum_desa: list[Musyawarah] = []
        dikirim = 0
        i = 0
        while (besar and dikirim < self.u.besar) or (not besar and i < self.u.desa):
            i += 1
            ditandatangani = besar or i % 2 == 1
            m, n = self.desa(kec, i, ditandatangani=ditandatangani)
            forum_desa.append(m)
            dikirim += n
        if ttd:
            m, _n = self.desa(kec, i + 1, ditandatangani=False, siap_ttd=True)
            self.h.forum_ttd = m.pk
        if not self.h.akun.get("camat"):
            self.h.akun["camat"] = camat.username
        self.forum_kecamatan(kec, camat, besar=besar, ditandatangani=nomor % 2 == 0)

    def desa(self, kec: Kecamatan, nomor: int, *, ditandatangani: bool, siap_ttd: bool = False):
        """One desa with its RW/RT, operator, usulan and forum. Returns the forum and
        how many usulan it sent to the kecamatan."""
        acak = self.acak
        kel = Kelurahan.objects.create(
            kecamatan=kec,
            kode=f"{kec.kode}.{2000 + nomor:04d}",
            nama=f"Desa {kec.nama}-{nomor:02d}",
            jenis=Kelurahan.Jenis.DESA,
        )
        self.h.jumlah["kelurahan"] += 1
        rw = self.simpan(
            Lingkungan,
            [
                Lingkungan(kelurahan=kel, jenis=Lingkungan.Jenis.DUSUN, nomor=n)
                for n in range(1, acak.randint(3, 6) + 1)
            ],
        )
        rt_per_rw = {
            lg.pk: self.simpan(
                RT, [RT(lingkungan=lg, nomor=n) for n in range(1, acak.randint(3, 6))]
            )
            for lg in rw
        }
        op = self.user(
            f"operator-{kel.kode}", f"Operator {kel.nama}", Peran.OPERATOR_KELURAHAN, kelurahan=kel
        )
        if not self.h.akun.get("operator") and ditandatangani:
            self.h.akun["operator"] = op.username
        jumlah = self.u.forum_ttd if siap_ttd else self.u.usulan
        rencana = [self.rencana_usulan(kel, rw, rt_per_rw, op, i) for i in range(jumlah)]
        if siap_ttd:
            # The forum to sign decides on exactly ``forum_ttd`` usulan: all submitted.
            for r in rencana:
                r["status"] = S.DIAJUKAN
        forum_selesai = ditandatangani
        # Decisions of a forum that decided (signed, or ready to sign).
        if ditandatangani or siap_ttd:
            for r in rencana:
                if r["status"] == S.DIAJUKAN:
                    r["keputusan"] = self.keputusan(r["usulan"])
                    if forum_selesai:
                        r["status"] = {
                            Keputusan.KOTA: S.PRIORITAS_DESA,
                            Keputusan.KELURAHAN: S.DIDANAI_DESA,
                            Keputusan.SWADAYA: S.SWADAYA,
                            Keputusan.DITOLAK: S.DITOLAK_DESA,
                        }[r["keputusan"]]
        self.tulis_usulan(rencana, op)
        status = SM.SELESAI if ditandatangani else (SM.PENETAPAN if siap_ttd else SM.PERSIAPAN)
        m = self.forum_desa(kel, rw, op, rencana, status)
        dikirim = sum(1 for r in rencana if r.get("keputusan") == Keputusan.KOTA)
        return m, dikirim if ditandatangani else 0

    def rencana_usulan(self, kel, rw, rt_per_rw, op, i: int) -> dict:
        acak = self.acak
        t = acak.choice(TEMPLAT)
        judul, bidang, sektor, satuan, vol, harga, sumber, pd, prio, masalah, sasaran = t
        lg = acak.choice(rw)
        rts = rt_per_rw[lg.pk]
        rt = acak.choice(rts) if rts and acak.random() < 0.7 else None
        volume = Decimal(acak.randint(*vol))
        biaya = _bulat(
            float(volume) * acak.uniform(*harga), 500_000 if sumber == "apbd" else 100_000
        )
        self.nomor_usulan += 1
        u = Usulan(
            siklus=self.siklus,
            kelurahan=kel,
            kode_wilayah=kel.kode,
            kode=_kode_usulan(self.awalan, self.nomor_usulan),
            judul=f"{judul} {lg}" if acak.random() < 0.5 else judul,
            bidang=bidang,
            sektor=sektor,
            permasalahan=masalah,
            volume=volume,
            satuan=satuan,
            lingkungan=lg,
            rt=rt,
            alamat=acak.choice(["", f"Gang {acak.choice(GANG)}"]),
            sasaran=sasaran,
            jumlah_penerima=acak.choice([None, acak.randint(20, 400)]),
            perkiraan_biaya=biaya,
            sumber_pembiayaan=sumber,
            perangkat_daerah=self.pd.get(pd) if pd else None,
            prioritas_daerah=self.prioritas.get(prio) if prio else None,
            pengusul=acak.choice(PENGUSUL).format(rt=rt.nomor if rt else 1, rw=lg.nomor),
            diusulkan_sejak=self.siklus.tahun_forum,
            dibuat_oleh=op,
        )
        # A tenth stays a draft; the rest were submitted (the forums decide those).
        status = S.DRAF if acak.random() < 0.1 else S.DIAJUKAN
        return {"usulan": u, "status": status, "hari": acak.uniform(20, 80), "i": i}

    def keputusan(self, u: Usulan) -> str:
        if self.acak.random() < 0.1:
            return Keputusan.DITOLAK
        if u.sumber_pembiayaan == "dana_kelurahan":
            return Keputusan.KELURAHAN
        if u.perangkat_daerah_id:
            return Keputusan.KOTA
        return Keputusan.SWADAYA

    def tulis_usulan(self, rencana: list[dict], op) -> None:
        """The usulan with their decided status and funding, and one history row per move."""
        for r in rencana:
            u = r["usulan"]
            u.status = r["status"]
            if u.status in (S.DIDANAI_DESA, S.SWADAYA, S.PRIORITAS_DESA):
                u.sumber_pembiayaan, u.perangkat_daerah = u.pembiayaan_untuk(u.status)
        self.simpan(Usulan, [r["usulan"] for r in rencana])
        riwayat = []
        for r in rencana:
            u, hari = r["usulan"], r["hari"]
            riwayat.append((u.pk, "", S.DRAF, op.pk, self.waktu(hari), ""))
            if u.status != S.DRAF:
                riwayat.append((u.pk, S.DRAF, S.DIAJUKAN, op.pk, self.waktu(hari - 2), ""))
            if u.status not in (S.DRAF, S.DIAJUKAN):
                alasan = "Ditetapkan Musrenbang desa (data skala)."
                riwayat.append((u.pk, S.DIAJUKAN, u.status, op.pk, self.waktu(10, 12), alasan))
        self.salin(RiwayatStatus, KOLOM_RIWAYAT, riwayat)

    # -- forums ----------------------------------------------------------------------
    def peserta_desa(self, m: Musyawarah, rw: list, hadir: bool) -> list[Peserta]:
        acak = self.acak
        rows = []
        for i in range(self.u.peserta):
            nama, jk = self.nama()
            unsur = (
                Unsur.PEMERINTAH
                if i == 0
                else acak.choices([Unsur.MASYARAKAT, Unsur.PEMERINTAH, Unsur.SWASTA], [7, 2, 1])[0]
            )
            rows.append(
                Peserta(
                    musyawarah=m,
                    nama=nama,
                    jenis_kelamin=jk,
                    kelompok_usia=acak.choice(["muda", "tua"]),
                    lingkungan=rw[i % len(rw)],
                    sektor=acak.choice(["ekonomi", "pertanian", "kesehatan", "pendidikan", ""]),
                    kelompok_sosial=acak.choice([[], [], ["tokoh_masyarakat"], ["pemuda"]]),
                    unsur=unsur,
                    organisasi=acak.choice(ORGANISASI),
                    peran=PeranPeserta.NARASUMBER if i == 0 else PeranPeserta.PESERTA,
                    hadir=hadir and (i < 3 or acak.random() < 0.85),
                )
            )
        for p in rows:
            p.waktu_hadir = self.waktu(10, 8) if p.hadir else None
        # Three delegates among those present from the community.
        warga = [p for p in rows if p.hadir and p.unsur == Unsur.MASYARAKAT]
        for p in warga[:3]:
            p.delegasi = True
        return self.simpan(Peserta, rows)

    def forum_desa(self, kel, rw, op, rencana, status) -> Musyawarah:
        acak = self.acak
        lalu = status != SM.PERSIAPAN
        tanggal = (
            self.hari - datetime.timedelta(days=10)
            if lalu
            else self.hari + datetime.timedelta(days=20)
        )
        kepala, _jk = self.nama(False)
        m = Musyawarah.objects.create(
            siklus=self.siklus,
            tingkat=Tingkat.DESA,
            kelurahan=kel,
            kode_wilayah=kel.kode,
            status=status,
            kepala_nama=f"{kepala}, S.Sos",
            sk_tpm_nomor=f"{acak.randint(10, 99)}/SK-TPM/{kel.kode}",
            sk_tpm_tanggal=tanggal - datetime.timedelta(days=30),
            tanggal=tanggal,
            jam_mulai=datetime.time(8, 30),
            jam_selesai=datetime.time(12, 0),
            tempat=f"Balai {kel}",
            tanggal_undangan=tanggal - datetime.timedelta(days=9),
            nomor_berita_acara=f"050/{kel.kode}/BA-MUSRENBANG" if lalu else "",
            catatan_sambutan="Sambutan kepala desa dan camat." if lalu else "",
            catatan_pemaparan="Pemaparan kajian desa oleh tim pemandu." if lalu else "",
            catatan_diskusi="Peserta membahas urutan prioritas per bidang." if lalu else "",
        )
        self.h.jumlah["musyawarah"] += 1
        self.simpan(
            AnggotaTpm,
            [AnggotaTpm(musyawarah=m, jabatan_tpm=j, nama=self.nama()[0]) for j in JabatanTpm],
        )
        self.simpan(Pemandu, [Pemandu(musyawarah=m, nama=self.nama()[0]) for _ in range(3)])
        peserta = self.peserta_desa(m, rw, hadir=lalu)
        if not lalu:
            return m
        diputuskan = [r for r in rencana if r.get("keputusan")]
        self.simpan(
            Pembahasan,
            [
                Pembahasan(
                    musyawarah=m,
                    usulan=r["usulan"],
                    urutan=n,
                    keputusan=r["keputusan"],
                    alasan="Sudah diusulkan lewat program lain."
                    if r["keputusan"] == "ditolak"
                    else "",
                )
                for n, r in enumerate(diputuskan, start=1)
            ],
        )
        hadir = [p for p in peserta if p.hadir]
        per_unsur = {}
        for p in hadir:
            per_unsur.setdefault(p.unsur, p)
        ttd = [
            Penandatangan(
                musyawarah=m,
                peran_ttd=PeranTtd.PIMPINAN_SIDANG,
                peserta=peserta[0],
                jabatan=f"Kepala {kel}",
            ),
            Penandatangan(musyawarah=m, peran_ttd=PeranTtd.NOTULEN, peserta=hadir[-1]),
        ] + [
            Penandatangan(musyawarah=m, peran_ttd=PeranTtd.WAKIL_UNSUR, unsur=unsur, peserta=p)
            for unsur, p in per_unsur.items()
        ]
        self.simpan(Penandatangan, ttd)
        if status == SM.SELESAI:
            self.terbitkan(m, op)
            PenutupanUsulan.objects.create(
                siklus=self.siklus, kelurahan=kel, keterangan="Ditetapkan (data skala)."
            )
            if self.h.forum_desa_selesai is None:
                self.h.forum_desa_selesai = m.pk
        return m

    def terbitkan(self, m: Musyawarah, oleh) -> None:
        """The signed forum's snapshot, built by its level as signing builds it; the PDF is
        a stand-in (rendering hundreds of berita acara would take minutes)."""
        sp = spek(m)
        mulai = time.perf_counter()
        dokumen = dokumen_terbitkan(
            jenis=sp.jenis_dokumen,
            judul=sp.judul(m),
            nomor=m.nomor_berita_acara,
            kode_wilayah=m.kode_wilayah,
            nama_wilayah=sp.nama_wilayah(m),
            snapshot=sp.snapshot(m),
            render=lambda s, kode: self.pdf,
            oleh=oleh,
        )
        Musyawarah.objects.filter(pk=m.pk).update(berita_acara=dokumen)
        self.h.jumlah["dokumenfinal"] += 1
        self.h.detik_snapshot += time.perf_counter() - mulai

    def forum_kecamatan(self, kec: Kecamatan, camat, *, besar: bool, ditandatangani: bool):
        acak = self.acak
        tanggal = self.hari - datetime.timedelta(days=3)
        ditandatangani = ditandatangani and not besar
        set_kriteria = SetKriteria.objects.create(
            kode_wilayah=kec.kode, judul=f"Kriteria Musrenbang Kecamatan {kec.nama}"
        )
        kriteria = self.simpan(
            Kriteria,
            [
                Kriteria(
                    set=set_kriteria,
                    urutan=n,
                    nama=nama,
                    bobot=Decimal(bobot),
                    skala=5,
                    arti_nilai=["Sangat rendah", "Rendah", "Sedang", "Tinggi", "Sangat tinggi"],
                )
                for n, (nama, bobot) in enumerate(
                    [
                        ("Kesesuaian dengan rancangan RKPD", 2),
                        ("Kepentingan lintas kelurahan", 1),
                        ("Dukungan pada sasaran prioritas kota", 1),
                        ("Pemenuhan hak dasar", 1),
                        ("Kesiapan lahan dan dokumen", 1),
                    ],
                    start=1,
                )
            ],
        )
        m = Musyawarah.objects.create(
            siklus=self.siklus,
            tingkat=Tingkat.KECAMATAN,
            kecamatan=kec,
            kode_wilayah=kec.kode,
            status=SM.SELESAI if ditandatangani else SM.PELAKSANAAN,
            kriteria=set_kriteria,
            tanggal=tanggal,
            jam_mulai=datetime.time(8, 0),
            jam_selesai=datetime.time(15, 0),
            tempat=f"Aula Kantor Camat {kec.nama}",
            tanggal_undangan=tanggal - datetime.timedelta(days=10),
            nomor_surat_bappeda=f"050/{kec.kode}/KEC",
            tanggal_surat_bappeda=tanggal - datetime.timedelta(days=12),
            nomor_berita_acara=f"050/{kec.kode}/BA-MUSRENBANG-KEC" if ditandatangani else "",
            catatan_sambutan="Sambutan camat.",
            catatan_pemaparan="Pemaparan Bappeda tentang rancangan RKPD.",
            catatan_diskusi="Hasil sidang kelompok dipaparkan di Pleno II.",
            dibacakan_pada=self.waktu(3, 14) if ditandatangani else None,
            dikirim_pada=self.waktu(3, 16) if ditandatangani else None,
        )
        self.h.jumlah["musyawarah"] += 1
        if besar:
            self.h.forum_besar = m.pk
        kelompok = []
        for n, (nama, _kata) in enumerate(KELOMPOK_BAWAAN, start=1):
            k = KelompokDiskusi.objects.create(
                musyawarah=m,
                nama=nama,
                urutan=n,
                diserahkan_pada=self.waktu(3, 10),
                verifikasi_selesai_pada=self.waktu(3, 11),
                penilaian=SesiPenilaian.objects.create(
                    set=set_kriteria,
                    nama=f"Penilaian {nama}",
                    ditutup_pada=self.waktu(3, 12) if ditandatangani else None,
                ),
            )
            kelompok.append(k)
        peta = {}
        for p in self.pd.values():
            nama = p.nama.lower()
            i = next(
                (i for i, (_n, kata) in enumerate(KELOMPOK_BAWAAN) if any(w in nama for w in kata)),
                0,
            )
            peta[p.pk] = kelompok[i]
        self.simpan(
            KelompokPerangkatDaerah,
            [
                KelompokPerangkatDaerah(musyawarah=m, kelompok=k, perangkat_daerah_id=pd)
                for pd, k in peta.items()
            ],
        )
        # Participants: the camat's team first, then the stakeholder elements; every one
        # present, each in a group.
        elemen = list(ElemenKecamatan)
        peserta = []
        for i in range(self.u.peserta):
            nama, jk = self.nama()
            e = elemen[i % len(elemen)]
            peserta.append(
                Peserta(
                    musyawarah=m,
                    nama=nama,
                    jenis_kelamin=jk,
                    unsur=Unsur.PEMERINTAH if i % 3 == 0 else Unsur.MASYARAKAT,
                    elemen=e,
                    organisasi=str(e.label),
                    hadir=True,
                    waktu_hadir=self.waktu(3, 8),
                    kelompok=kelompok[i % len(kelompok)],
                    delegasi=i < 3,
                )
            )
        self.simpan(Peserta, peserta)
        for k in kelompok:
            anggota = [p for p in peserta if p.kelompok_id == k.pk]
            k.ketua, k.sekretaris, k.notulen = anggota[0], anggota[1], anggota[2]
        KelompokDiskusi.objects.bulk_update(kelompok, ["ketua", "sekretaris", "notulen"])
        # One record per usulan the signed desa forums sent up, in their desa order.
        dikirim = list(
            Pembahasan.objects.filter(
                musyawarah__siklus=self.siklus,
                musyawarah__tingkat=Tingkat.DESA,
                musyawarah__status=SM.SELESAI,
                musyawarah__kelurahan__kecamatan=kec,
                keputusan=Keputusan.KOTA,
            )
            .select_related("usulan")
            .order_by("musyawarah__kelurahan__kode", "urutan")
        )
        rows = []
        urutan_asal: Counter = Counter()
        for p in dikirim:
            urutan_asal[p.musyawarah_id] += 1
            layak = acak.random() >= 0.08
            rows.append(
                Pembahasan(
                    musyawarah=m,
                    usulan=p.usulan,
                    urutan_asal=urutan_asal[p.musyawarah_id],
                    kelompok=peta.get(p.usulan.perangkat_daerah_id, kelompok[0]),
                    verifikasi=Verifikasi.LAYAK if layak else Verifikasi.TIDAK_LAYAK,
                    alasan_verifikasi="" if layak else "Bukan kewenangan kabupaten.",
                )
            )
        self.simpan(Pembahasan, rows)
        # Three scorers per group, every layak usulan scored on every criterion.
        penilai = {}
        for k in kelompok:
            anggota = [p for p in peserta if p.kelompok_id == k.pk][:3]
            penilai[k.pk] = self.simpan(
                Penilai,
                [
                    Penilai(sesi_id=k.penilaian_id, nama=p.nama, rujukan=p.pk, di_kertas=j == 2)
                    for j, p in enumerate(anggota)
                ],
            )
        skor, sekarang = [], timezone.now()
        for p in rows:
            if p.verifikasi != Verifikasi.LAYAK:
                continue
            dasar = acak.randint(2, 4)
            for pn in penilai[p.kelompok_id]:
                for kr in kriteria:
                    nilai = min(5, max(1, dasar + acak.choice((-1, 0, 0, 1))))
                    skor.append((pn.pk, kr.pk, p.usulan_id, nilai, "langsung", sekarang, 1))
        self.salin(Skor, KOLOM_SKOR, skor)
        if ditandatangani:
            self.tetapkan_kecamatan(m, rows, peserta, camat)

    def tetapkan_kecamatan(self, m: Musyawarah, rows: list, peserta: list, camat) -> None:
        """The Pleno II order (the groups' ranking), the decisions, the score frozen, the
        usulan moved to their kecamatan result with history rows, and the signing."""
        nilai = {
            p.pk: p
            for p in dengan_peringkat(Pembahasan.objects.filter(musyawarah=m), kriteria_forum(m))
        }
        layak = [p for p in rows if p.pk in nilai]
        layak.sort(key=lambda p: (-(nilai[p.pk].nilai or 0), p.pk))
        per_pd: Counter = Counter()
        potong = int(len(layak) * 0.9)
        for n, p in enumerate(layak, start=1):
            p.urutan = n
            p.nilai_penilaian = (
                Decimal(str(nilai[p.pk].nilai)) if nilai[p.pk].nilai is not None else None
            )
            p.peringkat_kelompok = nilai[p.pk].peringkat
            if n <= potong:
                p.keputusan = Keputusan.KOTA
                per_pd[p.usulan.perangkat_daerah_id] += 1
                p.urutan_perangkat_daerah = per_pd[p.usulan.perangkat_daerah_id]
            else:
                p.keputusan = Keputusan.DITOLAK
                p.alasan = "Melampaui pagu indikatif kecamatan."
        Pembahasan.objects.bulk_update(
            layak,
            [
                "urutan",
                "keputusan",
                "alasan",
                "nilai_penilaian",
                "peringkat_kelompok",
                "urutan_perangkat_daerah",
            ],
            batch_size=500,
        )
        waktu = self.waktu(3, 15)
        riwayat, ubah = [], []
        ket = f"Musrenbang Kecamatan {m.kecamatan.nama} (data skala)."
        for p in rows:
            u = p.usulan
            jalur = (
                [S.TIDAK_LAYAK]
                if p.verifikasi != Verifikasi.LAYAK
                else [S.LAYAK, S.PRIORITAS_KECAMATAN, S.DITERUSKAN_KOTA]
                if p.keputusan == Keputusan.KOTA
                else [S.LAYAK]
            )
            dari = u.status
            for ke in jalur:
                riwayat.append((u.pk, dari, ke, camat.pk, waktu, ket))
                dari = ke
            u.status = dari
            ubah.append(u)
        Usulan.objects.bulk_update(ubah, ["status"], batch_size=500)
        self.salin(RiwayatStatus, KOLOM_RIWAYAT, riwayat)
        ttd = [
            Penandatangan(
                musyawarah=m,
                peran_ttd=PeranTtd.PIMPINAN_SIDANG,
                peserta=peserta[0],
                jabatan="Camat",
            ),
            Penandatangan(musyawarah=m, peran_ttd=PeranTtd.NOTULEN, peserta=peserta[1]),
        ]
        ttd += [
            Penandatangan(musyawarah=m, peran_ttd=PeranTtd.WAKIL_UNSUR, unsur=e, peserta=p)
            for e, p in {p.elemen: p for p in reversed(peserta)}.items()
        ]
        self.simpan(Penandatangan, ttd)
        self.terbitkan(m, camat)
        if self.h.forum_kecamatan_selesai is None:
            self.h.forum_kecamatan_selesai = m.pk


def _pdf_pengganti() -> bytes:
    """One small real PDF, stored for every signed forum of the synthetic data."""
    from weasyprint import HTML

    return HTML(string="<p>Berita acara data skala (berkas pengganti).</p>").write_pdf()


def _waktu_masuk(daerah: list[str]) -> None:
    """Each usulan's entry time is its first history row's (bulk inserts share one
    timestamp), so lists sorted by entry time sort something real."""
    pertama = RiwayatStatus.objects.filter(usulan=OuterRef("pk"), dari="").values("waktu")[:1]
    Usulan.objects.filter(siklus__daerah__kode__in=daerah).update(created_at=Subquery(pertama))


def buat(profil: str, skala: float = 1.0, *, seed: str = "skala", laporan=None) -> Hasil:
    """Write the profile's synthetic data; refuses if province 99 already holds it."""
    if profil not in PROFIL:
        raise ValueError(f"Profil tidak dikenal: {profil}")
    ukuran = Ukuran.dari(PROFIL[profil], skala)
    hasil = Hasil()
    mulai = time.perf_counter()
    p = _Pembangun(ukuran, hasil, f"{seed}-{profil}-{skala}")
    for n in range(1, ukuran.daerah + 1):
        with transaction.atomic():
            p.daerah(n)
        if laporan:
            laporan(f"daerah {PROVINSI}.{n:02d}: {time.perf_counter() - mulai:.1f} s")
    _waktu_masuk(hasil.daerah)
    hasil.detik = time.perf_counter() - mulai
    return hasil


def ringkas(hasil: Hasil) -> dict[str, int]:
    """Counts of the main rows, for the command's report."""
    return dict(sorted(hasil.jumlah.items()))


def temukan(kode_daerah: str = f"{PROVINSI}.01") -> Hasil:
    """The benchmark handles (forums, accounts) of data written earlier by :func:`buat`."""
    h = Hasil(
        daerah=list(
            Daerah.objects.filter(kode__startswith=PROVINSI + ".").values_list("kode", flat=True)
        )
    )
    if kode_daerah not in h.daerah:
        raise ValueError(f"Belum ada data skala di daerah {kode_daerah}.")
    forum = Musyawarah.objects.filter(siklus__daerah__kode=kode_daerah, latihan=False)
    kec_1 = f"{kode_daerah}.01"
    h.forum_besar = forum.get(tingkat=Tingkat.KECAMATAN, kode_wilayah=kec_1).pk
    h.forum_ttd = forum.get(tingkat=Tingkat.DESA, status=SM.PENETAPAN).pk
    selesai = forum.filter(status=SM.SELESAI).order_by("kode_wilayah")
    h.forum_desa_selesai = selesai.filter(tingkat=Tingkat.DESA).values_list("pk", flat=True)[0]
    h.forum_kecamatan_selesai = selesai.filter(tingkat=Tingkat.KECAMATAN).values_list(
        "pk", flat=True
    )[0]
    h.akun = {
        "bappeda": f"bappeda-{kode_daerah}",
        "skpd": f"skpd-{kode_daerah}-dinas-pupr",
        "operator": f"operator-{kec_1}.2001",
        "camat": f"camat-{kec_1}",
    }
    return h


@dataclass(frozen=True)
class Halaman:
    peran: str  # a key of Hasil.akun, or "" for a page without login
    nama: str
    url: str


def halaman(h: Hasil) -> list[Halaman]:
    """The pages every peran lives on, on the synthetic data: what the page benchmark
    loads and what the tests open. Lists are filtered and paginated as people use them."""
    from django.urls import reverse

    desa = Musyawarah.objects.get(pk=h.forum_desa_selesai)
    usulan = Usulan.objects.filter(kelurahan_id=desa.kelurahan_id).order_by("pk")
    dikirim = usulan.filter(status__in=[S.DITERUSKAN_KOTA, S.PRIORITAS_DESA, S.LAYAK]).first()
    u = dikirim or usulan.first()
    kec_selesai = Musyawarah.objects.get(pk=h.forum_kecamatan_selesai)
    kelompok = KelompokDiskusi.objects.filter(musyawarah_id=h.forum_besar).order_by("urutan")[0]
    daftar = reverse("usulan:daftar")
    forum = "musyawarah:ringkasan"
    return [
        Halaman("operator", "usulan: daftar", daftar),
        Halaman("operator", "usulan: daftar bidang hal. 2", f"{daftar}?bidang=pembangunan&hal=2"),
        Halaman("operator", "usulan: detail", reverse("usulan:detail", args=[u.pk])),
        Halaman("operator", "forum desa: ringkasan", reverse(forum, args=[desa.pk])),
        Halaman(
            "operator", "forum desa: keputusan", reverse("musyawarah:pembahasan", args=[desa.pk])
        ),
        Halaman("camat", "usulan: daftar", daftar),
        Halaman("camat", "usulan: daftar status hal. 3", f"{daftar}?status=prioritas_desa&hal=3"),
        Halaman("camat", "forum kecamatan: ringkasan", reverse(forum, args=[h.forum_besar])),
        Halaman(
            "camat",
            "forum kecamatan: penilaian",
            reverse("musyawarah:penilaian", args=[h.forum_besar]),
        ),
        Halaman(
            "camat",
            "forum kecamatan: peringkat kelompok",
            reverse("musyawarah:penilaian_kelompok", args=[h.forum_besar, kelompok.pk]),
        ),
        Halaman("skpd", "usulan: daftar", daftar),
        Halaman("skpd", "kompilasi", reverse("kompilasi:daftar")),
        Halaman("bappeda", "usulan: daftar", daftar),
        Halaman(
            "bappeda", "usulan: daftar status hal. 5", f"{daftar}?status=diteruskan_kota&hal=5"
        ),
        Halaman("bappeda", "usulan: detail", reverse("usulan:detail", args=[u.pk])),
        Halaman("bappeda", "pantauan", reverse("pantauan:papan")),
        Halaman("bappeda", "kompilasi", reverse("kompilasi:daftar")),
        Halaman(
            "bappeda", "forum kecamatan selesai: ringkasan", reverse(forum, args=[kec_selesai.pk])
        ),
        Halaman("", "lacak usulan (publik)", reverse("publik:lacak_detail", args=[u.kode])),
    ]
