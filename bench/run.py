#!/usr/bin/env python
"""The benchmark suite (issue 12): each figure a ratio against a raw baseline measured in
the same run on the same machine, printed as a table.

    python bench/run.py                         # kabupaten profile, SQLite, all figures
    python bench/run.py --profil provinsi --only 2,4
    python bench/run.py --kecil                 # tiny data, every figure quickly (CI)
    python bench/run.py --db postgres://postgres@127.0.0.1:5432/musrenbang_bench

Figures: 1 pages under gunicorn (2 workers, DEBUG off, a bounded load from a second
process) against a minimal 50-row ORM view; 2 Excel (usulan export, Bappeda's
compilation) against openpyxl write-only; 3 PDF (a 1,000-row priority list, the berita
acara of a 300-usulan forum) against a plain WeasyPrint table, and signing that forum;
4 ranking recompute; 5 import of a 2,000-row workbook; 6 gunicorn worker memory after
the page load. The data is generated once per profile (``buat_data_skala``) into
bench/.data/ (SQLite) or into the database of ``--db``; nothing here runs in production.
"""

import argparse
import io
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
KECIL = 0.003  # the tiny scale of --kecil
BARIS_DASAR = 100_000
sys.path.insert(0, str(ROOT))


@dataclass
class Angka:
    """One row of the table."""

    gambar: str
    nama: str
    nilai: float | None = None
    satuan: str = ""
    dasar: float | None = None
    rasio: float | None = None
    target: str = ""
    lulus: bool | None = None
    catatan: str = ""


def _nama_data(profil: str, kecil: bool) -> str:
    return f"{profil}-kecil" if kecil else profil


def siapkan_env(*, profil: str, kecil: bool, db: str | None) -> dict:
    """The environment of this process, its measuring subprocesses and gunicorn."""
    nama = _nama_data(profil, kecil)
    DATA.mkdir(parents=True, exist_ok=True)
    env = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": db or f"sqlite:///{DATA / nama}.sqlite3",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-never-used-in-production-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_MEDIA_ROOT": str(DATA / f"media-{nama}"),
        "DJANGO_TASKS_BACKEND": "immediate",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    return dict(os.environ)


def siapkan_django():
    import django

    django.setup()


# -- data ---------------------------------------------------------------------------------


def siapkan_data(profil: str, skala: float, cetak=print):
    """Migrate, then generate the profile once; returns its handles (apps.demo.skala)."""
    from django.core.management import call_command

    from apps.demo import skala as data_skala
    from bench.models import BarisDasar

    call_command("migrate", run_syncdb=True, verbosity=0)
    try:
        h = data_skala.temukan()
    except ValueError:
        cetak(f"Membuat data {profil} (x{skala:g})...")
        h = data_skala.buat(profil, skala, laporan=cetak)
        cetak(
            f"Data dibuat dalam {h.detik:.1f} s (snapshot berita acara {h.detik_snapshot:.1f} s)."
        )
        h = data_skala.temukan()
    if not BarisDasar.objects.exists():
        _isi_dasar(BarisDasar)
    return h


def _isi_dasar(BarisDasar):
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    awal = timezone.now()
    status = ["draf", "diajukan", "prioritas_desa", "layak", "diteruskan_kota"]
    BarisDasar.objects.bulk_create(
        (
            BarisDasar(
                judul=f"Peninggian jalan gang nomor {i}",
                lokasi=f"RT {i % 20 + 1:02d}/RW {i % 7 + 1:02d}",
                biaya=Decimal(1_000_000 + i * 500),
                status=status[i % len(status)],
                dibuat=awal - datetime.timedelta(seconds=i * 31),
            )
            for i in range(BARIS_DASAR)
        ),
        batch_size=5000,
    )


def _konteks():
    """The objects the figures use: the first daerah's siklus, Bappeda, the forums."""
    from apps.akun.models import User
    from apps.demo import skala as data_skala
    from apps.musyawarah.models import Musyawarah
    from apps.siklus.models import Siklus

    h = data_skala.temukan()
    siklus = Siklus.objects.get(daerah__kode=h.daerah[0], aktif=True)
    akun = {peran: User.objects.get(username=u) for peran, u in h.akun.items()}
    return h, siklus, akun, Musyawarah


# -- measuring tasks (run in a fresh subprocess for their peak memory) ---------------------


def _ukur(fungsi, ulang: int = 1) -> tuple[float, object]:
    """(median seconds, last result) of ``ulang`` runs."""
    waktu, hasil = [], None
    for _ in range(ulang):
        mulai = time.perf_counter()
        hasil = fungsi()
        waktu.append(time.perf_counter() - mulai)
    return statistics.median(waktu), hasil


def tugas_xlsx_usulan():
    from apps.usulan.ekspor import KOLOM, ekspor_du_rkp

    _h, siklus, akun, _M = _konteks()
    detik, (_n, _m, isi) = _ukur(lambda: ekspor_du_rkp(akun["bappeda"], siklus=siklus, saring={}))
    from apps.usulan.models import Usulan

    baris = Usulan.objects.for_user(akun["bappeda"]).filter(siklus=siklus).count()
    return {"detik": detik, "baris": baris, "kolom": len(KOLOM), "bita": len(isi)}


def tugas_xlsx_usulan_dasar():
    from apps.usulan.models import Usulan

    _h, siklus, akun, _M = _konteks()
    kolom = [
        "pk", "bidang", "judul", "lingkungan__nomor", "volume", "satuan", "sasaran",
        "siklus__tahun_rencana", "perkiraan_biaya", "sumber_pembiayaan",
        "perangkat_daerah__singkatan", "kode", "kelurahan__nama", "status", "pengusul",
    ]  # fmt: skip

    def tulis():
        qs = Usulan.objects.for_user(akun["bappeda"]).filter(siklus=siklus).order_by("bidang", "pk")
        return _openpyxl_polos(qs.values_list(*kolom).iterator(chunk_size=2000), len(kolom))

    detik, isi = _ukur(tulis)
    return {"detik": detik, "bita": len(isi)}


def _openpyxl_polos(rows, n_kolom: int) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append([f"Kolom {i}" for i in range(n_kolom)])
    for r in rows:
        ws.append(list(r))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _kompilasi(akun, siklus):
    from apps.kompilasi import selectors

    return selectors.kompilasi(akun["bappeda"], siklus)


def tugas_xlsx_kompilasi():
    import tempfile

    from apps.kompilasi import ekspor, selectors

    _h, siklus, akun, _M = _konteks()
    qs = _kompilasi(akun, siklus)

    def tulis():
        with tempfile.TemporaryFile() as f:
            n = ekspor.xlsx_kompilasi(qs, siklus=siklus, stempel="bench", ke=f)
            return n, f.tell()

    detik, (n, bita) = _ukur(tulis)
    return {"detik": detik, "baris": n, "kolom": len(ekspor.KOLOM), "bita": bita,
            "total": selectors.total_semua(qs).jumlah}  # fmt: skip


def tugas_xlsx_kompilasi_dasar():
    from apps.kompilasi import ekspor

    _h, siklus, akun, _M = _konteks()
    kolom = [
        "pk", "usulan__prioritas_daerah__nama", "usulan__prioritas_daerah__sasaran",
        "usulan__perangkat_daerah__nama", "usulan__judul", "usulan__sasaran",
        "usulan__kelurahan__nama", "usulan__volume", "usulan__satuan",
        "usulan__perkiraan_biaya", "usulan__perangkat_daerah__singkatan",
        "musyawarah__kecamatan__nama", "nilai_penilaian", "urutan_perangkat_daerah",
        "usulan__kode", "usulan__status",
    ]  # fmt: skip
    n = len(ekspor.KOLOM)

    def tulis():
        qs = _kompilasi(akun, siklus).order_by("usulan__perangkat_daerah", "pk")
        return _openpyxl_polos((r[:n] for r in qs.values_list(*kolom).iterator(2000)), n)

    detik, isi = _ukur(tulis)
    return {"detik": detik, "bita": len(isi)}


def _seribu(akun, siklus, n: int):
    pks = list(_kompilasi(akun, siklus).order_by("pk").values_list("pk", flat=True)[:n])
    return _kompilasi(akun, siklus).filter(pk__in=pks), len(pks)


def tugas_pdf_prioritas(n: int = 1000):
    from apps.kompilasi import ekspor

    _h, siklus, akun, _M = _konteks()
    qs, jumlah = _seribu(akun, siklus, n)
    detik, isi = _ukur(lambda: ekspor.pdf_kompilasi(qs, siklus=siklus, stempel="bench"))
    return {"detik": detik, "baris": jumlah, "bita": len(isi)}


def _tabel_weasyprint(rows, judul: list[str]) -> bytes:
    """A plain HTML table on A4 landscape: the baseline of the PDF figures."""
    from django.utils.html import escape
    from weasyprint import HTML

    kepala = "".join(f"<th>{escape(j)}</th>" for j in judul)
    badan = "".join(
        "<tr>" + "".join(f"<td>{escape('' if v is None else v)}</td>" for v in r) + "</tr>"
        for r in rows
    )
    html = (
        "<html><head><style>@page{size:A4 landscape;margin:1.5cm}"
        "body{font:8pt 'DejaVu Sans'}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #000;padding:2px}</style></head><body>"
        f"<h1>Tabel</h1><table><thead><tr>{kepala}</tr></thead><tbody>{badan}</tbody>"
        "</table></body></html>"
    )
    return HTML(string=html).write_pdf()


def tugas_pdf_prioritas_dasar(n: int = 1000):
    from apps.kompilasi import ekspor

    _h, siklus, akun, _M = _konteks()
    qs, _j = _seribu(akun, siklus, n)
    kolom = [
        "pk", "usulan__prioritas_daerah__nama", "usulan__prioritas_daerah__sasaran",
        "usulan__perangkat_daerah__nama", "usulan__judul", "usulan__sasaran",
        "usulan__kelurahan__nama", "usulan__volume", "usulan__satuan",
        "usulan__perkiraan_biaya", "usulan__perangkat_daerah__singkatan",
    ]  # fmt: skip
    judul = [k.judul for k in ekspor.KOLOM][: len(kolom)]

    def render():
        rows = list(qs.order_by("usulan__perangkat_daerah", "pk").values_list(*kolom))
        return _tabel_weasyprint(rows, judul)

    detik, isi = _ukur(render)
    return {"detik": detik, "bita": len(isi)}


def tugas_pdf_berita_acara():
    from apps.musyawarah.tingkat import spek

    h, _s, _a, Musyawarah = _konteks()
    m = Musyawarah.objects.get(pk=h.forum_ttd)
    sp = spek(m)
    detik_snapshot, s = _ukur(lambda: sp.snapshot(m))
    kode = "BNCH-MRKX"
    url = f"http://127.0.0.1/verifikasi/{kode}/"
    detik, isi = _ukur(lambda: sp.render_berita_acara(s, kode=kode, url=url, logo=""))
    return {"detik": detik, "snapshot": detik_snapshot, "usulan": m.pembahasan.count(),
            "bita": len(isi)}  # fmt: skip


def tugas_pdf_berita_acara_dasar():
    h, _s, _a, Musyawarah = _konteks()
    m = Musyawarah.objects.get(pk=h.forum_ttd)
    kolom = [
        "urutan", "usulan__bidang", "usulan__judul", "usulan__lingkungan__nomor",
        "usulan__volume", "usulan__satuan", "usulan__sasaran", "usulan__perkiraan_biaya",
        "usulan__sumber_pembiayaan", "keputusan",
    ]  # fmt: skip

    def render():
        rows = list(m.pembahasan.order_by("urutan").values_list(*kolom))
        return _tabel_weasyprint(rows, kolom)

    detik, isi = _ukur(render)
    return {"detik": detik, "bita": len(isi)}


class _Batal(Exception):
    pass


def tugas_ttd():
    """Sign the 300-usulan forum through the real service, then roll everything back
    (the stored PDF file is removed too), so the run can be repeated."""
    from django.db import transaction

    from apps.akun.models import User
    from apps.musyawarah.penetapan import berita_acara_tandatangani

    h, _s, _a, Musyawarah = _konteks()
    m = Musyawarah.objects.select_related("kelurahan").get(pk=h.forum_ttd)
    op = User.objects.get(username=f"operator-{m.kelurahan.kode}")
    hasil = {}
    try:
        with transaction.atomic():
            mulai = time.perf_counter()
            m = berita_acara_tandatangani(
                user=op, musyawarah=m, url_verifikasi=lambda k: f"http://127.0.0.1/v/{k}/"
            )
            hasil["detik"] = time.perf_counter() - mulai
            hasil["usulan"] = m.pembahasan.count()
            berkas = m.berita_acara.pdf.path
            raise _Batal
    except _Batal:
        Path(berkas).unlink(missing_ok=True)
    return hasil


def tugas_peringkat():
    from django.db.models import Avg

    from apps.musyawarah.kecamatan.peringkat import dengan_peringkat, kriteria_forum
    from apps.musyawarah.models import Pembahasan
    from apps.penilaian.models import Skor

    h, _s, _a, Musyawarah = _konteks()
    m = Musyawarah.objects.get(pk=h.forum_besar)

    def hitung():
        return list(dengan_peringkat(Pembahasan.objects.filter(musyawarah=m), kriteria_forum(m)))

    detik, baris = _ukur(hitung, ulang=5)

    def dasar():
        return list(
            Skor.objects.filter(kriteria__set_id=m.kriteria_id)
            .values("usulan_id", "kriteria_id")
            .annotate(v=Avg("nilai"))
        )

    detik_dasar, sel = _ukur(dasar, ulang=5)
    return {
        "detik": detik,
        "dasar": detik_dasar,
        "usulan": m.pembahasan.count(),
        "dinilai": len(baris),
        "kriteria": m.kriteria.kriteria.count(),
        "skor": Skor.objects.filter(kriteria__set_id=m.kriteria_id).count(),
        "sel": len(sel),
    }


def buku_impor(kelurahan, n: int, rusak: set[int]) -> bytes:
    """The kelurahan's own import template filled with ``n`` rows; the rows numbered in
    ``rusak`` (0-based) carry one bad cell each (a cost that is no number)."""
    from openpyxl import load_workbook

    from apps.usulan.impor import LEMBAR, templat_usulan

    _nama, _mime, isi = templat_usulan(kelurahan)
    wb = load_workbook(io.BytesIO(isi))
    ws = wb[LEMBAR]
    # The header row names each column, a required one with " *".
    kepala_baris, kepala = next(
        (r[0].row, [str(c.value or "").removesuffix(" *") for c in r])
        for r in ws.iter_rows(min_row=1, max_row=10)
        if any(str(c.value or "").startswith("Jenis Kegiatan") for c in r)
    )
    rw = list(kelurahan.lingkungan.order_by("nomor"))
    for i in range(n):
        lg = rw[i % len(rw)]
        nilai = {
            "Jenis Kegiatan": f"Peninggian jalan gang {i + 1}",
            "Bidang": "Pelaksanaan Pembangunan Desa",
            "Sektor": "Infrastruktur",
            "RW/Dusun": lg.nomor,
            "Alamat/Lokasi": f"Gang Mawar {i + 1}",
            "Permasalahan": "Jalan tergenang saat hujan.",
            "Volume": 100 + i % 50,
            "Satuan": "meter",
            "Sasaran/Penerima Manfaat": "Warga yang melintas",
            "Jumlah Penerima": 50,
            "Perkiraan Biaya (Rp)": "dua juta" if i in rusak else 150_000_000 + i * 1000,
            "Sumber Pembiayaan": "APBD kota",
            "Perangkat Daerah": "Dinas PUPR",
            "Prioritas Daerah": 5,
            "Pengusul": f"Ketua RT {i % 9 + 1:02d}",
        }
        for j, nama in enumerate(kepala, start=1):
            if nama in nilai:
                ws.cell(row=kepala_baris + 1 + i, column=j, value=nilai[nama])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def tugas_impor(n: int | None = None):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from openpyxl import load_workbook

    from apps.akun.models import User
    from apps.musyawarah.models import StatusMusyawarah
    from apps.usulan.impor import usulan_impor

    # 2,000 rows (the import's limit); fewer at the tiny size, to keep CI quick.
    n = n or int(os.environ.get("BENCH_IMPOR_BARIS", "2000"))
    h, _s, _a, Musyawarah = _konteks()
    # A desa still preparing its forum: it may add usulan.
    m = (
        Musyawarah.objects.filter(
            siklus__daerah__kode=h.daerah[0], tingkat="desa", status=StatusMusyawarah.PERSIAPAN
        )
        .select_related("kelurahan")
        .order_by("kode_wilayah")
        .first()
    )
    kel = m.kelurahan
    op = User.objects.get(username=f"operator-{kel.kode}")
    rusak = set(range(7, n, max(1, n // 20)))
    baik, buruk = buku_impor(kel, n, set()), buku_impor(kel, n, rusak)

    def impor(isi):
        berkas = SimpleUploadedFile("usulan.xlsx", isi)
        try:
            with transaction.atomic():
                hasil = usulan_impor(user=op, kelurahan=kel, berkas=berkas)
                raise _Batal(hasil)
        except _Batal as e:
            return e.args[0]

    detik, hasil = _ukur(lambda: impor(baik))
    detik_buruk, hasil_buruk = _ukur(lambda: impor(buruk))

    def dasar():
        wb = load_workbook(io.BytesIO(baik), read_only=True)
        return sum(1 for ws in wb.worksheets for _r in ws.iter_rows(values_only=True))

    detik_dasar, _r = _ukur(dasar)
    return {
        "detik": detik,
        "dibuat": len(hasil.dibuat),
        "galat_baik": len(hasil.galat),
        "detik_buruk": detik_buruk,
        "rusak": len(rusak),
        "baris_galat": len({g.baris for g in hasil_buruk.galat}),
        "dasar": detik_dasar,
        "n": n,
    }


TUGAS = {
    "xlsx_usulan": tugas_xlsx_usulan,
    "xlsx_usulan_dasar": tugas_xlsx_usulan_dasar,
    "xlsx_kompilasi": tugas_xlsx_kompilasi,
    "xlsx_kompilasi_dasar": tugas_xlsx_kompilasi_dasar,
    "pdf_prioritas": tugas_pdf_prioritas,
    "pdf_prioritas_dasar": tugas_pdf_prioritas_dasar,
    "pdf_berita_acara": tugas_pdf_berita_acara,
    "pdf_berita_acara_dasar": tugas_pdf_berita_acara_dasar,
    "ttd": tugas_ttd,
    "peringkat": tugas_peringkat,
    "impor": tugas_impor,
}


def jalankan(nama: str, terpisah: bool) -> dict:
    """Run one task, in a fresh process when ``terpisah`` (its peak memory is then its
    own: ``mb`` is how far RSS rose above the process with Django set up and connected;
    ``mb_total`` the peak RSS)."""
    if not terpisah:
        with PengukurMemori() as m:
            hasil = TUGAS[nama]()
        hasil["mb"], hasil["mb_total"] = m.naik, m.puncak
        return hasil
    proses = subprocess.run(
        [sys.executable, __file__, "--tugas", nama],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        cwd=ROOT,
    )
    if proses.returncode != 0:
        raise RuntimeError(f"{nama}: {proses.stderr.strip().splitlines()[-1:]}")
    return json.loads(proses.stdout.strip().splitlines()[-1])


def rss_sekarang_mb() -> float:
    with open("/proc/self/status") as f:
        for baris in f:
            if baris.startswith("VmRSS:"):
                return int(baris.split()[1]) / 1024
    return 0.0


class PengukurMemori:
    """Samples this process's RSS every few milliseconds while a task runs: the task's
    peak is the highest sample above the RSS just before it (a high-water mark such as
    ru_maxrss would also count what Django's start-up once used)."""

    def __init__(self, jeda: float = 0.005):
        import threading

        self.jeda, self.puncak, self._henti = jeda, 0.0, threading.Event()
        self._benang = threading.Thread(target=self._ukur, daemon=True)

    def _ukur(self):
        while not self._henti.is_set():
            self.puncak = max(self.puncak, rss_sekarang_mb())
            self._henti.wait(self.jeda)

    def __enter__(self):
        self.awal = rss_sekarang_mb()
        self._benang.start()
        return self

    def __exit__(self, *exc):
        self._henti.set()
        self._benang.join()
        self.puncak = max(self.puncak, rss_sekarang_mb())

    @property
    def naik(self) -> float:
        return max(0.0, self.puncak - self.awal)


def _tugas_anak(nama: str) -> None:
    siapkan_django()
    from apps.usulan.models import Usulan

    Usulan.objects.exists()  # connected, apps and models loaded
    with PengukurMemori() as m:
        hasil = TUGAS[nama]()
    hasil["mb"], hasil["mb_total"] = m.naik, m.puncak
    print(json.dumps(hasil))


# -- figures ------------------------------------------------------------------------------


def _rasio(nilai, dasar):
    return nilai / dasar if nilai is not None and dasar else None


def gambar_2(terpisah: bool) -> list[Angka]:
    hasil = []
    for nama, judul in (("xlsx_usulan", "usulan (DU-RKP)"), ("xlsx_kompilasi", "kompilasi")):
        a, d = jalankan(nama, terpisah), jalankan(f"{nama}_dasar", terpisah)
        rasio = _rasio(a["detik"], d["detik"])
        baris = a.get("baris", 0)
        hasil.append(
            Angka(
                "2",
                f"Excel {judul}: waktu",
                a["detik"],
                "s",
                d["detik"],
                rasio,
                "≤ 1.3×",
                rasio is not None and rasio <= 1.3,
                f"{baris:,} baris × {a['kolom']} kolom; dasar openpyxl write-only",
            )  # fmt: skip
        )
        hasil.append(
            Angka(
                "2",
                f"Excel {judul}: memori puncak",
                a["mb"],
                "MB",
                d["mb"],
                _rasio(a["mb"], d["mb"]),
                "< 150 MB",
                a["mb"] < 150,
                f"naik di atas Django yang siap; puncak proses {a['mb_total']:.0f} MB",
            )  # fmt: skip
        )
    return hasil


def gambar_3(terpisah: bool) -> list[Angka]:
    a, d = jalankan("pdf_prioritas", terpisah), jalankan("pdf_prioritas_dasar", terpisah)
    r = _rasio(a["detik"], d["detik"])
    hasil = [
        Angka(
            "3",
            "PDF daftar prioritas (kompilasi)",
            a["detik"],
            "s",
            d["detik"],
            r,
            "≤ 1.3×",
            r is not None and r <= 1.3,
            f"{a['baris']:,} baris; dasar tabel WeasyPrint polos",
        )  # fmt: skip
    ]
    a, d = jalankan("pdf_berita_acara", terpisah), jalankan("pdf_berita_acara_dasar", terpisah)
    r = _rasio(a["detik"], d["detik"])
    hasil.append(
        Angka(
            "3",
            "PDF berita acara desa",
            a["detik"],
            "s",
            d["detik"],
            r,
            "≤ 1.3×",
            r is not None and r <= 1.3,
            f"{a['usulan']} usulan; snapshot {a['snapshot']:.2f} s tidak dihitung",
        )  # fmt: skip
    )
    t = jalankan("ttd", terpisah)
    hasil.append(
        Angka(
            "3",
            "Tanda tangan forum",
            t["detik"],
            "s",
            None,
            None,
            "< 5 s",
            t["detik"] < 5,
            f"{t['usulan']} usulan, layanan asli, lalu dibatalkan",
        )  # fmt: skip
    )
    return hasil


def gambar_4(terpisah: bool) -> list[Angka]:
    a = jalankan("peringkat", terpisah)
    ms, dasar = a["detik"] * 1000, a["dasar"] * 1000
    return [
        Angka(
            "4",
            "Peringkat kecamatan (hitung ulang)",
            ms,
            "ms",
            dasar,
            _rasio(ms, dasar),
            "< 200 ms",
            ms < 200,
            f"{a['usulan']} usulan × {a['kriteria']} kriteria × 3 penilai ({a['skor']:,} skor);"
            " dasar: rata-rata per sel, satu GROUP BY",
        )  # fmt: skip
    ]


def gambar_5(terpisah: bool) -> list[Angka]:
    a = jalankan("impor", terpisah)
    lengkap = a["dibuat"] == a["n"] and a["galat_baik"] == 0 and a["baris_galat"] == a["rusak"]
    return [
        Angka(
            "5",
            f"Impor {a['n']:,} baris",
            a["detik"],
            "s",
            a["dasar"],
            _rasio(a["detik"], a["dasar"]),
            "< 10 s",
            a["detik"] < 10 and lengkap,
            f"{a['dibuat']:,} dibuat; berkas dengan {a['rusak']} baris rusak: "
            f"{a['baris_galat']} dilaporkan dalam {a['detik_buruk']:.1f} s;"
            " dasar: openpyxl membaca berkas",
        )  # fmt: skip
    ]


def _sesi(username: str) -> tuple[str, object]:
    """A logged-in session cookie for ``username``, and a test client holding it."""
    from django.conf import settings
    from django.test import Client

    from apps.akun.models import User

    c = Client()
    c.force_login(User.objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={c.cookies[settings.SESSION_COOKIE_NAME].value}", c


def _jumlah_query(client, url: str) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, secure=True)
    with CaptureQueriesContext(connection) as q:
        r = client.get(url, secure=True)
    return r.status_code, len(q.captured_queries)


def _gunicorn(port: int) -> subprocess.Popen:
    proses = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "musrenbang.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=dict(os.environ),
        start_new_session=True,
    )
    import http.client

    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/dasar/", headers={"X-Forwarded-Proto": "https"})
            if conn.getresponse().status == 200:
                return proses
        except OSError:
            pass
        if proses.poll() is not None:
            raise RuntimeError("gunicorn berhenti saat mulai")
        time.sleep(0.1)
    raise RuntimeError("gunicorn tidak menjawab")


def _rss_pekerja(master: int) -> list[float]:
    hasil = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            isi = status.read_text()
        except OSError:
            continue
        baris = dict(b.split(":", 1) for b in isi.splitlines() if ":" in b)
        if baris.get("PPid", "").strip() == str(master):
            hasil.append(int(baris["VmRSS"].split()[0]) / 1024)
    return hasil


def _beban(port: int, path: str, cookie: str, koneksi: int, detik: float) -> dict:
    proses = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "beban.py"),
            "--port",
            str(port),
            "--path",
            path,
            "--cookie",
            cookie,
            "--koneksi",
            str(koneksi),
            "--detik",
            str(detik),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proses.stdout)


def gambar_1_dan_6(*, koneksi: int, detik: float, port: int, cetak=print) -> list[Angka]:
    from django.core.management import call_command

    from apps.demo import skala as data_skala

    call_command("collectstatic", interactive=False, verbosity=0)
    h = data_skala.temukan()
    halaman = data_skala.halaman(h)
    sesi = {peran: _sesi(u) for peran, u in h.akun.items()}
    from django.test import Client

    query = {}
    for x in halaman:
        client = sesi[x.peran][1] if x.peran else Client()
        query[x] = _jumlah_query(client, x.url)
    proses = _gunicorn(port)
    hasil = []
    try:
        dasar_awal = _beban(port, "/bench/dasar/", "", koneksi, detik)
        ukuran = {}
        for x in halaman:
            ukuran[x] = _beban(port, x.url, sesi[x.peran][0] if x.peran else "", koneksi, detik)
            cetak(f"  {x.peran or 'publik'} {x.nama}: {ukuran[x]['rps']:.1f} req/s")
        dasar_akhir = _beban(port, "/bench/dasar/", "", koneksi, detik)
        rss = _rss_pekerja(proses.pid)
    finally:
        os.killpg(proses.pid, signal.SIGTERM)
        proses.wait(timeout=30)
    dasar = (dasar_awal["rps"] + dasar_akhir["rps"]) / 2
    hasil.append(
        Angka(
            "1",
            "Dasar: 50 baris dari 100.000 (ORM)",
            dasar,
            "req/s",
            None,
            None,
            "",
            None,
            f"awal {dasar_awal['rps']:.0f}, akhir {dasar_akhir['rps']:.0f} req/s; "
            f"p99 {max(dasar_awal['p99_ms'], dasar_akhir['p99_ms']):.0f} ms; "
            f"{koneksi} koneksi × {detik:g} s",
        )  # fmt: skip
    )
    for x in halaman:
        u = ukuran[x]
        status, n_query = query[x]
        r = _rasio(u["rps"], dasar)
        lulus = r is not None and r >= 0.5 and u["p99_ms"] < 250 and u["galat"] == 0
        hasil.append(
            Angka(
                "1",
                f"{x.peran or 'publik'}: {x.nama}",
                u["rps"],
                "req/s",
                dasar,
                r,
                "≥ 0.5×, p99 < 250 ms, 0 galat",
                lulus,
                f"p99 {u['p99_ms']:.0f} ms, galat {u['galat']}, {n_query} query"
                + (f", status {status}" if status != 200 else ""),
            )  # fmt: skip
        )
    hasil.append(
        Angka(
            "6",
            "RSS pekerja gunicorn setelah beban",
            max(rss) if rss else None,
            "MB",
            None,
            None,
            "< 250 MB",
            bool(rss) and max(rss) < 250,
            "pekerja: " + ", ".join(f"{m:.0f} MB" for m in rss),
        )  # fmt: skip
    )
    return hasil


def _fmt(v, satuan: str = "") -> str:
    if v is None:
        return "—"
    if satuan in ("req/s", "ms", "MB"):
        return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"
    return f"{v:,.2f}"


def tabel(angka: list[Angka]) -> str:
    kepala = ["#", "ukuran", "nilai", "dasar", "rasio", "target", "hasil", "catatan"]
    rows = [
        [
            a.gambar,
            a.nama,
            f"{_fmt(a.nilai, a.satuan)} {a.satuan}".strip(),
            f"{_fmt(a.dasar, a.satuan)} {a.satuan}".strip() if a.dasar is not None else "—",
            f"{a.rasio:.2f}×" if a.rasio is not None else "—",
            a.target,
            {True: "lulus", False: "GAGAL", None: ""}[a.lulus],
            a.catatan,
        ]
        for a in angka
    ]
    lebar = [max(len(str(r[i])) for r in [kepala, *rows]) for i in range(len(kepala))]

    def garis(r):
        return "| " + " | ".join(str(v).ljust(w) for v, w in zip(r, lebar, strict=True)) + " |"

    return "\n".join(
        [garis(kepala), "|" + "|".join("-" * (w + 2) for w in lebar) + "|", *map(garis, rows)]
    )


FIGURES = {"2": gambar_2, "3": gambar_3, "4": gambar_4, "5": gambar_5}


def jalankan_gambar(pilihan: list[str], *, terpisah: bool, cetak=print, **beban) -> list[Angka]:
    """The figures chosen, each guarded: one that fails becomes a GALAT row."""
    hasil = []
    if "1" in pilihan or "6" in pilihan:
        try:
            hasil += gambar_1_dan_6(cetak=cetak, **beban)
        except Exception as e:  # a broken figure must not hide the others
            traceback.print_exc()
            hasil.append(Angka("1", "halaman", catatan=f"GALAT: {e}", lulus=False))
    for g in pilihan:
        if g in FIGURES:
            try:
                hasil += FIGURES[g](terpisah)
            except Exception as e:
                traceback.print_exc()
                hasil.append(Angka(g, "gambar", catatan=f"GALAT: {e}", lulus=False))
    return hasil


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--profil", choices=["banjarmasin", "kabupaten", "provinsi"],
                   default="kabupaten")  # fmt: skip
    p.add_argument("--kecil", action="store_true", help="data sangat kecil (CI)")
    p.add_argument("--only", default="1,2,3,4,5,6", help="gambar yang dijalankan, mis. 2,3")
    p.add_argument("--db", help="DATABASE_URL, mis. postgres://postgres@127.0.0.1:5432/bench")
    p.add_argument("--koneksi", type=int, default=None, help="koneksi serentak (gambar 1)")
    p.add_argument("--detik", type=float, default=None, help="lama beban per halaman (gambar 1)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--tugas", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.tugas:
        _tugas_anak(a.tugas)
        return 0
    siapkan_env(profil=a.profil, kecil=a.kecil, db=a.db)
    if a.kecil:
        os.environ["BENCH_IMPOR_BARIS"] = "20"
    siapkan_django()
    from django.conf import settings
    from django.db import connection

    skala = KECIL if a.kecil else 1.0
    mulai = time.perf_counter()
    siapkan_data(a.profil, skala)
    pilihan = [g.strip() for g in a.only.split(",") if g.strip()]
    angka = jalankan_gambar(
        pilihan,
        terpisah=True,
        koneksi=a.koneksi or (2 if a.kecil else 8),
        detik=a.detik or (1.0 if a.kecil else 5.0),
        port=a.port,
    )
    mesin = f"{os.uname().nodename}, {os.cpu_count()} CPU, Python {sys.version.split()[0]}"
    db = connection.vendor + (
        f" {connection.pg_version}" if connection.vendor == "postgresql" else ""
    )
    judul = (
        f"Musrenbang benchmark — profil {_nama_data(a.profil, a.kecil)}, {db}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {mesin}, debug {settings.DEBUG}"
    )
    print(judul)
    print(tabel(angka))
    print(f"({time.perf_counter() - mulai:.0f} s)")
    keluaran = DATA / f"hasil-{_nama_data(a.profil, a.kecil)}-{connection.vendor}.json"
    keluaran.write_text(json.dumps({"judul": judul, "angka": [asdict(x) for x in angka]}, indent=1))
    return 1 if any("GALAT" in x.catatan for x in angka) else 0


if __name__ == "__main__":
    sys.exit(main())
