"""A Musrenbang Kecamatan of kecamatan A in the middle of its sidang kelompok, built
through the services on top of the permission matrix's world (``tests.conftest``'s
``bangun_dunia``), so one state shows every kecamatan page and scoring page at once.

Kelurahan A2 (Alalak Tengah) has signed its desa forum; its five usulan fall in the
three default groups:

- Infrastruktur (fasilitator ``fasilitator_a``): verified and closed, scoring open with
  two scorers — ``penilai_a`` on their own phone, ``penilai_b`` on paper.
- Sosial Budaya (fasilitator ``fasilitator_a2``): verification still open, nothing
  verified yet: one merge made (the lansia posyandu into the balita one, to split),
  two usulan to merge, one to verify.
- Ekonomi dan SDA: verified, scored by ``penilai_e`` and closed, so it has a ranking
  (and a scorer whose session no longer takes scores). Its scores lock the criteria.

Plus the actors the kecamatan pages need besides the standard ones: the operator of
kecamatan A, a second fasilitator of A, a fasilitator of kecamatan B; a public
registration waiting for the organisers; a forum material; Bappeda's recommended
criteria for the daerah; a practice run of the forum, whose copied scorers have links of
their own (``penilai_latihan``: scorer A's copy).
"""

import datetime
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.akun.models import Peran
from apps.musyawarah import latihan, materi, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.kecamatan import nilai, sidang
from apps.musyawarah.kecamatan import persiapan as kecamatan_persiapan
from apps.musyawarah.models import Keputusan, Pendaftaran
from apps.penilaian import services as penilaian_services
from apps.penilaian.models import Penilai
from apps.siklus.selectors import hari_ini
from tests.factories import LingkunganFactory, PerangkatDaerahFactory, buat_usulan, tugaskan
from tests.kecamatan.conftest import _forum_desa, siapkan_kecamatan
from tests.musyawarah.bantu import pdf_asli
from tests.musyawarah.conftest import muat

# Walk-ins of the kecamatan forum beside the pulled delegates: nine people seat three
# groups of ketua, sekretaris and notulen.
TAMBAHAN = [
    ("Hj. Noorhayati", "P", "pemerintah", "dprd"),
    ("Ir. Fauzan", "L", "pemerintah", "perangkat_daerah"),
    ("Siti Aminah", "P", "masyarakat", "perempuan"),
    ("H. Saberan", "L", "masyarakat", "tokoh"),
    ("Dewi Lestari", "P", "masyarakat", "lsm"),
    ("Budi Santoso", "L", "swasta", "swasta"),
]


def _usulan(op, kelurahan, judul, pd):
    return buat_usulan(
        op, kelurahan, judul=judul, sumber_pembiayaan="apbd", perangkat_daerah=pd, ajukan=True
    )


def bangun_kecamatan(d: SimpleNamespace) -> SimpleNamespace:
    """Add the kecamatan forum of kecamatan A and its actors to the world ``d``."""
    d.operator_kec_a = tugaskan(
        Peran.OPERATOR_KECAMATAN, d.kecamatan_a, "operator-kec-banjarmasin-utara"
    )
    d.fasilitator_a2 = tugaskan(Peran.FASILITATOR, d.kecamatan_a, "fasilitator-2-bjm-utara")
    d.fasilitator_b = tugaskan(Peran.FASILITATOR, d.kecamatan_b, "fasilitator-bjm-selatan")
    d.operator_a2 = tugaskan(Peran.OPERATOR_KELURAHAN, d.kelurahan_a2, "operator-alalak-tengah")
    # Perangkat daerah exist before the forum: creating it spreads them over the groups.
    dinkes = PerangkatDaerahFactory(daerah=d.daerah, nama="Dinas Kesehatan", singkatan="Dinkes")
    dkop = PerangkatDaerahFactory(
        daerah=d.daerah, nama="Dinas Koperasi dan Perdagangan", singkatan="Diskopdag"
    )
    LingkunganFactory(kelurahan=d.kelurahan_a2, nomor=1)
    LingkunganFactory(kelurahan=d.kelurahan_a2, nomor=2)
    op = d.operator_a2
    usulan = [
        _usulan(op, d.kelurahan_a2, "Siring sungai Alalak Tengah", d.pupr),
        _usulan(op, d.kelurahan_a2, "Titian ulin Alalak", d.pupr),
        _usulan(op, d.kelurahan_a2, "Posyandu balita", dinkes),
        _usulan(op, d.kelurahan_a2, "Posyandu lansia", dinkes),
        _usulan(op, d.kelurahan_a2, "Puskesmas pembantu", dinkes),
        _usulan(op, d.kelurahan_a2, "Fogging DBD", dinkes),
        _usulan(op, d.kelurahan_a2, "Pasar terapung", dkop),
    ]
    d.desa_a2 = _forum_desa(op, d.kelurahan_a2, usulan, [Keputusan.KOTA] * len(usulan)).m

    camat = d.camat_a
    m = kecamatan_persiapan.musyawarah_kecamatan_buat(user=camat, kecamatan=d.kecamatan_a)
    # Announced, with the forum tomorrow: registration is open, one comes in.
    m = siapkan_kecamatan(camat, m, tanggal=hari_ini() + datetime.timedelta(days=1))
    d.pendaftaran = Pendaftaran.objects.create(
        musyawarah=m,
        nama="Rusmini",
        lembaga="Kelompok Tani Alalak",
        elemen="tokoh",
        jenis_kelamin="P",
        kontak="0811 5000 111",
        sidik_pengirim="uji",
    )
    persiapan.musyawarah_jadwalkan(
        user=camat, musyawarah=m, versi=m.versi, data={"tanggal": hari_ini()}
    )
    m = muat(m)
    for nama, jk, unsur, elemen in TAMBAHAN:
        peserta_services.peserta_simpan(
            user=camat,
            musyawarah=m,
            data={"nama": nama, "jenis_kelamin": jk, "unsur": unsur, "elemen": elemen},
        )
    d.materi_kec = materi.materi_tambah(
        user=camat,
        musyawarah=m,
        judul="Paparan RKPD",
        berkas=SimpleUploadedFile("rkpd.pdf", pdf_asli()),
    )
    persiapan.musyawarah_mulai(user=camat, musyawarah=muat(m))
    m = muat(m)
    for p in m.peserta.all():
        peserta_services.peserta_hadir(user=camat, peserta=p)
    m = muat(m)
    infra, sosial, ekonomi = list(m.kelompok_diskusi.order_by("urutan"))
    orang = list(m.peserta.order_by("nama"))
    assert len(orang) >= 9, orang
    for k, anggota, fasilitator in (
        (infra, orang[0:3], d.fasilitator_a),
        (sosial, orang[3:6], d.fasilitator_a2),
        (ekonomi, orang[6:], None),
    ):
        sidang.anggota_kelompok_simpan(user=camat, musyawarah=m, kelompok=k, peserta=anggota)
        k.musyawarah = m
        sidang.pimpinan_kelompok_simpan(
            user=camat,
            kelompok=k,
            ketua=anggota[0],
            sekretaris=anggota[1],
            notulen=anggota[2],
            fasilitator=fasilitator,
        )
        sidang.kelompok_serahkan(user=camat, kelompok=k)
    rec = {p.usulan.judul: p for p in m.pembahasan.select_related("usulan")}
    sidang.usulan_gabung(
        user=camat, kelompok=sosial, utama=rec["Posyandu balita"], lain=[rec["Posyandu lansia"]]
    )
    for judul in ("Siring sungai Alalak Tengah", "Titian ulin Alalak"):
        sidang.verifikasi_simpan(
            user=camat, kelompok=infra, pembahasan=rec[judul], verifikasi="layak"
        )
    sidang.verifikasi_simpan(
        user=camat, kelompok=ekonomi, pembahasan=rec["Pasar terapung"], verifikasi="layak"
    )
    for k in (infra, ekonomi):
        sidang.verifikasi_tutup(user=camat, kelompok=k)

    nilai.kriteria_mulai(user=camat, musyawarah=muat(m), sumber=nilai.SUMBER_SEED)
    m = muat(m)
    kriteria = list(m.kriteria.kriteria.order_by("urutan"))
    for k in (infra, ekonomi):
        k.refresh_from_db()
        k.musyawarah = m
    (d.penilai_e,) = nilai.penilai_simpan(user=camat, kelompok=ekonomi, peserta=[orang[6]])
    for kr in kriteria:
        nilai.skor_simpan(
            penilai=d.penilai_e,
            pembahasan_id=rec["Pasar terapung"].pk,
            kriteria_id=kr.pk,
            nilai=4,
            versi=0,
        )
    nilai.penilaian_tutup(user=camat, kelompok=ekonomi)
    d.penilai_a, d.penilai_b = nilai.penilai_simpan(user=camat, kelompok=infra, peserta=orang[0:2])
    d.penilai_b = nilai.penilai_kertas(user=camat, kelompok=infra, penilai=d.penilai_b, kertas=True)
    penilaian_services.rekomendasi_isi_contoh(user=d.bappeda, daerah=d.daerah)
    d.rekomendasi = penilaian_services.rekomendasi_daerah(d.daerah).kriteria.first()

    d.kec = muat(m)
    d.latihan_kec = latihan.latihan_buat(user=camat, musyawarah=d.kec)
    # The practice run's copy of scorer A: a link of its own, to another forum's sheet.
    d.penilai_latihan = Penilai.objects.get(
        sesi__kelompok__musyawarah=d.latihan_kec, nama=d.penilai_a.nama
    )
    for k in (infra, sosial, ekonomi):
        k.refresh_from_db()
    d.infra, d.sosial, d.ekonomi = infra, sosial, ekonomi
    d.kriteria = kriteria[0]
    d.rec = rec
    return d
