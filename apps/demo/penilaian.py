"""Demo scoring (seed 4.b.8–9): Bappeda's recommended criteria for Kota Banjarmasin, the
Banjarmasin Utara camat's own criteria, and the groups' scorers filling their sheets.

The steps go through the real services (``apps.musyawarah.kecamatan.nilai``) in the
order a group works: the camat sets the criteria before the forum, the group names its
scorers once its verification is closed, each scorer fills the sheet (one of them on
paper, entered cell by cell by whoever runs the group), a wide disagreement is talked over
and one scorer revises their cell, and the group closes its scoring. Only the full sheets
of Utara's scorers on their own phones are written in one go (``nilai_kelompok``).

Values are not random: each usulan has a profile on the six criteria (what a group in
Banjarmasin would see in it), and each scorer leans a level up or down on some cells
following one fixed pattern, so the three sheets differ the way real scorers do while
every load gives the same ranking.
"""

from collections import Counter
from decimal import Decimal

from django.db.models import prefetch_related_objects

from apps.akun.models import User
from apps.musyawarah.kecamatan import nilai
from apps.musyawarah.kecamatan.lembar import baris_dinilai
from apps.musyawarah.kecamatan.peringkat import kriteria_forum
from apps.musyawarah.models import (
    ElemenKecamatan,
    KelompokDiskusi,
    Musyawarah,
    Pembahasan,
    Peserta,
    Unsur,
)
from apps.penilaian import services as penilaian_services
from apps.penilaian.models import CaraInput, Penilai, Skor
from apps.penilaian.selectors import kriteria_utama
from apps.penilaian.templat import KRITERIA_SEED
from apps.wilayah.models import Daerah

KESIAPAN = {
    "nama": "Kesiapan lahan dan dokumen",
    "deskripsi": (
        "Status lahan (milik pemerintah, hibah, bebas sengketa) dan dokumen teknis (gambar, "
        "RAB, DED) sehingga kegiatan dapat langsung dilaksanakan tahun rencana."
    ),
    "bobot": Decimal(1),
    "skala": 5,
    "arti_nilai": [
        "Lahan dan dokumen belum ada",
        "Lahan ada, status belum jelas atau bersengketa",
        "Lahan tersedia, surat hibah atau dokumen teknis dalam proses",
        "Lahan bersertifikat atau dihibahkan; dokumen teknis sebagian",
        "Lahan dan dokumen lengkap, atau tidak memerlukan lahan",
    ],
}
# The profiles' columns: the seed's five criteria, then the Utara camat's own.
KOLOM = [str(nama) for nama, _d, _a in KRITERIA_SEED] + [KESIAPAN["nama"]]
# Per title: rancangan awal RKPD, lintas kelurahan, target prioritas kota, hak dasar,
# nilai tambah pendapatan, kesiapan lahan dan dokumen (1–5).
PROFIL = {
    "Peninggian jalan gang dengan cor beton": (3, 1, 3, 3, 2, 4),
    "Rehab jembatan titian ulin": (4, 2, 4, 4, 3, 4),
    "Pembangunan gorong-gorong": (4, 2, 4, 3, 2, 4),
    "Pembangunan siring sungai": (5, 2, 5, 4, 2, 2),
    "Normalisasi saluran drainase lingkungan": (4, 2, 4, 3, 2, 4),
    "Pemasangan lampu penerangan jalan umum": (3, 2, 3, 3, 2, 5),
    "Pembangunan sumur bor dan tandon air bersih": (4, 2, 4, 5, 2, 3),
    "Perbaikan rumah tidak layak huni": (4, 1, 4, 5, 2, 3),
    "Pembangunan MCK komunal": (4, 1, 4, 5, 1, 2),
    "Pengadaan tong dan gerobak sampah": (3, 1, 3, 3, 1, 5),
    "Pengadaan pompa air penanggulangan genangan": (5, 3, 5, 4, 2, 5),
    "Pelatihan tata boga bagi ibu rumah tangga": (4, 2, 4, 2, 5, 5),
    "Pelatihan servis sepeda motor untuk pemuda": (3, 2, 3, 2, 4, 4),
    "Pemberian makanan tambahan balita di posyandu": (5, 2, 5, 5, 1, 5),
    "Kelas ibu hamil dan penyuluhan gizi cegah stunting": (5, 2, 5, 5, 1, 5),
    "Pengadaan alat timbang dan ukur balita": (5, 2, 5, 4, 1, 5),
    "Bantuan alat tangkap ikan nelayan sungai": (4, 2, 4, 3, 5, 4),
    "Perbaikan atap dan plafon gedung PAUD": (3, 1, 3, 5, 1, 4),
    "Pengadaan alat pemadam api ringan untuk RT": (2, 1, 2, 3, 1, 5),
    "Pembinaan karang taruna dan olahraga pemuda": (2, 1, 2, 2, 3, 4),
    # The kecamatan's own usulan: the whole kecamatan floods, but its DED is not ready.
    "Normalisasi anak sungai lintas kelurahan": (5, 5, 5, 4, 3, 2),
}
BAWAAN = (3, 2, 3, 3, 2, 3)
# Scorers lean one level from the profile on about a third of the cells: on each cell
# all who lean lean the same way (``ARAH``, read along the sheet), so they stay within one
# level of each other; who leans where follows ``CONDONG`` at a step of its own per scorer.
# The one wide disagreement of a sheet is made on purpose (``Lembar.beda``).
ARAH = (1, -1, -1, 1, -1, 1, 1, -1, 1, -1, -1)
CONDONG = (0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0)


def muat_rekomendasi(daerah: Daerah) -> int:
    """Bappeda recommends the seed's five examples to every kecamatan of the daerah (the
    "Rekomendasi Bappeda" start a camat sees); criteria created, 0 if it already has."""
    ada = penilaian_services.rekomendasi_daerah(daerah)
    if ada is not None and ada.kriteria.exists():
        return 0
    bappeda = User.objects.get(username="bappeda")
    return penilaian_services.rekomendasi_isi_contoh(user=bappeda, daerah=daerah).kriteria.count()


def kriteria_lokal(camat: User, m: Musyawarah) -> None:
    """The camat starts from the seed's template and makes it local: fit with the draft
    RKPD counts double, and land and documents readiness is added (seed 4.b.9 lets the
    camat adapt; DESIGN names land readiness among the criteria daerah use)."""
    nilai.kriteria_mulai(user=camat, musyawarah=m, sumber=nilai.SUMBER_SEED)
    m = Musyawarah.objects.get(pk=m.pk)
    pertama = m.kriteria.kriteria.order_by("urutan").first()
    nilai.kriteria_simpan(user=camat, musyawarah=m, kriteria=pertama, data={"bobot": Decimal(2)})
    nilai.kriteria_simpan(user=camat, musyawarah=m, kriteria=None, data=dict(KESIAPAN))


def kriteria_rekomendasi(camat: User, m: Musyawarah) -> None:
    """The camat takes Bappeda's recommendation as it is."""
    nilai.kriteria_mulai(user=camat, musyawarah=m, sumber=nilai.SUMBER_REKOMENDASI)


def pilih_penilai(kelompok: KelompokDiskusi, anggota: list[Peserta]) -> list[Peserta]:
    """Three members score: the group's ketua, a resident who is not in its pimpinan (who
    scores on paper), and someone from the government side (a lurah or the perangkat
    daerah's staff, who knows the land and the documents)."""
    pimpinan = {kelompok.ketua_id, kelompok.sekretaris_id, kelompok.notulen_id}
    ketua = next((p for p in anggota if p.pk == kelompok.ketua_id), anggota[0])
    warga = [p for p in anggota if p.pk not in pimpinan and p.unsur != Unsur.PEMERINTAH]
    pemerintah = sorted(
        (p for p in anggota if p.unsur == Unsur.PEMERINTAH and p.pk != ketua.pk),
        key=lambda p: p.elemen != ElemenKecamatan.PERANGKAT_DAERAH,
    )
    pilihan = [ketua]
    for p in [*warga[:1], *pemerintah[:1], *anggota]:
        if len(pilihan) == 3:
            break
        if p not in pilihan:
            pilihan.append(p)
    return pilihan


def kelompok_seri(kelompok: list[KelompokDiskusi]) -> KelompokDiskusi | None:
    """The group whose ranking shows a tie: the one with two usulan for the daerah's
    first priority (stunting), else the first with two in one prioritas daerah."""
    bagian = {
        k.pk: Counter(p.prioritas.nomor if p.prioritas else 999 for p in baris_dinilai(k))
        for k in kelompok
    }
    return next((k for k in kelompok if bagian[k.pk].get(1, 0) >= 2), None) or next(
        (k for k in kelompok if max(bagian[k.pk].values(), default=0) >= 2), None
    )


def _profil(p: Pembahasan, kriteria: list) -> list[int]:
    """The usulan's values on the forum's criteria (by name; 3 on any other), one level
    more across kelurahan for every other kelurahan a merge brought in."""
    dasar = dict(zip(KOLOM, PROFIL.get(p.usulan.judul, BAWAAN), strict=True))
    dilayani = {p.usulan.kelurahan_id} | {g.usulan.kelurahan_id for g in p.gabungan.all()}
    dasar[KOLOM[1]] += len(dilayani) - 1
    return [max(1, min(k.skala, dasar.get(k.nama, 3))) for k in kriteria]


def _condong(s: int, r: int, i: int) -> int:
    """How far scorer ``s`` leans from the profile on row ``r``, criterion ``i``."""
    return ARAH[(3 * r + i) % len(ARAH)] * CONDONG[(5 * s + 3 * r + i) % len(CONDONG)]


class Lembar:
    """The values each scorer of one group gives: ``nilai[s][r]`` is scorer ``s``'s row
    for the sheet's row ``r``."""

    def __init__(self, baris: list[Pembahasan], kriteria: list, jumlah_penilai: int):
        self.baris, self.kriteria = baris, kriteria
        self.profil = profil = [_profil(p, kriteria) for p in baris]
        self.nilai = [
            [
                [
                    max(1, min(k.skala, v + _condong(s, r, i)))
                    for i, (k, v) in enumerate(zip(kriteria, profil[r], strict=True))
                ]
                for r in range(len(baris))
            ]
            for s in range(jumlah_penilai)
        ]

    def seri(self) -> tuple[Pembahasan, Pembahasan] | None:
        """Make the first two usulan of the sheet's first prioritas daerah that has two
        score the same: the second keeps its values; the first gets one level less on the
        most-weighted criterion (weight 2) and one more on two criteria of weight 1. The
        tie-break then puts the second first: a tie the berita acara has to explain."""
        utama = kriteria_utama(self.kriteria)
        if utama is None or utama.bobot != 2:
            return None
        u = self.kriteria.index(utama)
        lain = [i for i, k in enumerate(self.kriteria) if k.bobot == 1]
        per_prioritas: dict = {}
        for r, p in enumerate(self.baris):
            per_prioritas.setdefault(p.prioritas.nomor if p.prioritas else 999, []).append(r)
        pasangan = next((rs[:2] for rs in per_prioritas.values() if len(rs) >= 2), None)
        if pasangan is None:
            return None
        b, a = pasangan
        for baris in self.nilai:
            salin = list(baris[a])
            naik = [i for i in lain if salin[i] < self.kriteria[i].skala][:2]
            if salin[u] >= 2 and len(naik) == 2:
                salin[u] -= 1
                for i in naik:
                    salin[i] += 1
            baris[b] = salin
        return self.baris[b], self.baris[a]

    def beda(self, r: int, i: int) -> tuple[int, int]:
        """A wide disagreement on row ``r``, criterion ``i``: the first scorer sees it far
        from the profile, the others on it; returns (first value, the revised one)."""
        v = self.profil[r][i]
        for baris in self.nilai:
            baris[r][i] = v
        awal = 5 if v <= 3 else 1
        self.nilai[0][r][i] = awal
        return awal, v + 1 if awal > v else v - 1


def nilai_kelompok(
    *,
    pemandu: User,
    kelompok: KelompokDiskusi,
    anggota: list[Peserta],
    bagian: tuple[float, ...] = (1, 1, 1),
    kertas: bool = True,
    sekaligus: bool = False,
    seri: bool = False,
    beda: str | None = None,
    revisi: bool = True,
) -> list[Penilai]:
    """The group names its three scorers and each fills ``bagian`` of the sheet (row by
    row, as it is laid out), cell by cell through the forum's service.

    With ``kertas`` the second scores on paper, entered by ``pemandu``. With ``sekaligus``
    the others' full sheets are written in one go after the paper sheet went through the
    service (which checked every usulan and criterion of the sheet): the same rows a first
    save makes (by the scorer, version 1, no trail entry), without ~300 service calls that
    would take the demo past its time. With ``seri`` two usulan tie. With ``beda`` (a
    criterion's name) the first scorer's value on the kecamatan's own usulan (the first
    row, without ``revisi``) lies far from the others' and, with ``revisi``, is revised
    through the service after the group talked it over; a group without the kecamatan's
    own usulan has no such disagreement."""
    peserta = pilih_penilai(kelompok, anggota)
    ditetapkan = nilai.penilai_simpan(user=pemandu, kelompok=kelompok, peserta=peserta)
    penilai = [next(x for x in ditetapkan if x.rujukan == p.pk) for p in peserta]
    if kertas:
        penilai[1] = nilai.penilai_kertas(
            user=pemandu, kelompok=kelompok, penilai=penilai[1], kertas=True
        )
    baris = baris_dinilai(kelompok)
    prefetch_related_objects(baris, "gabungan__usulan")
    kriteria = kriteria_forum(kelompok.musyawarah)
    lembar = Lembar(baris, kriteria, len(penilai))
    if seri:
        lembar.seri()
    ubah = None
    r = next((j for j, p in enumerate(baris) if p.usulan.milik_kecamatan), None)
    if beda is not None and (r is not None or not revisi):
        i = next(j for j, k in enumerate(kriteria) if k.nama == beda)
        r = r or 0
        ubah = (r, i, *lembar.beda(r, i))
    sel = [(r, i) for r in range(len(baris)) for i in range(len(kriteria))]
    urutan = sorted(range(len(penilai)), key=lambda s: not penilai[s].di_kertas)
    sekaligus_skor = []
    for s in urutan:
        p = penilai[s]
        isi = sel[: round(bagian[s] * len(sel))]
        if sekaligus and not p.di_kertas:
            sekaligus_skor += [
                Skor(
                    penilai=p,
                    kriteria=kriteria[i],
                    usulan_id=baris[r].usulan_id,
                    nilai=lembar.nilai[s][r][i],
                    cara=CaraInput.LANGSUNG,
                    versi=1,
                )
                for r, i in isi
            ]
            continue
        for r, i in isi:
            nilai.skor_simpan(
                penilai=p,
                pembahasan_id=baris[r].pk,
                kriteria_id=kriteria[i].pk,
                nilai=lembar.nilai[s][r][i],
                versi=0,
                user=pemandu if p.di_kertas else None,
            )
    Skor.objects.bulk_create(sekaligus_skor)
    if ubah is not None and revisi:
        r, i, _awal, akhir = ubah
        sebelumnya = Skor.objects.get(
            penilai=penilai[0], usulan_id=baris[r].usulan_id, kriteria=kriteria[i]
        )
        nilai.skor_simpan(
            penilai=penilai[0],
            pembahasan_id=baris[r].pk,
            kriteria_id=kriteria[i].pk,
            nilai=akhir,
            versi=sebelumnya.versi,
        )
    return penilai
