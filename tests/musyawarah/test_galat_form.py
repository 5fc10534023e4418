"""A refused save on any form of the forum pages: shown beside the form, never a 500,
nothing saved, the user's input kept."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from apps.musyawarah import pembahasan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.models import AnggotaTpm, JabatanTpm
from apps.siklus.selectors import hari_ini
from tests.factories import LingkunganFactory, RTFactory
from tests.helpers import klien
from tests.musyawarah.bantu import jejak, pdf_asli, unggahan
from tests.musyawarah.conftest import muat, putuskan


def test_second_ketua_is_shown_beside_the_form_not_a_500(forum_siap, operator_a):
    m = forum_siap.m
    response = klien(operator_a).post(
        reverse("musyawarah:tpm", args=[m.pk]),
        {"bagian": "tpm", "jabatan_tpm": "ketua", "nama": "Ketua Kedua", "jabatan": "Ketua RW"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "TPM hanya memiliki satu ketua dan satu bendahara." in html
    assert "Belum tersimpan: periksa isian yang ditandai." in html
    # The typed input is still in the TPM form (its own element ids), not lost.
    assert 'id="id_tpm_nama"' in html and 'value="Ketua Kedua"' in html
    assert 'value="Ketua RW"' in html
    assert AnggotaTpm.objects.filter(musyawarah=m, jabatan_tpm=JabatanTpm.KETUA).count() == 1
    assert not AnggotaTpm.objects.filter(nama="Ketua Kedua").exists()


def _id_ganda(html: str) -> list[str]:
    semua = re.findall(r'\sid="([^"]+)"', html)
    return sorted({i for i in semua if semua.count(i) > 1})


@pytest.mark.parametrize(
    ("forum", "halaman", "harus"),
    [
        ("forum_siap", "tpm", ["id_tpm_nama", "id_pemandu_nama", "id_kepala_nama"]),
        (
            "forum_siap",
            "jadwal",
            ["id_jadwal_jam_mulai", "id_agenda_jam_mulai", "id_logistik_jenis"],
        ),
        ("forum_siap", "ringkasan", ["id_materi_judul"]),
        ("forum_ditetapkan", "penetapan", ["id_catatan_nomor_berita_acara", "id_ttd_pimpinan"]),
    ],
)
def test_forms_on_one_page_have_distinct_ids(forum, halaman, harus, request, operator_a):
    f = request.getfixturevalue(forum)
    f.m.pemandu.first().delete()  # so the pemandu form shows on the TPM page
    html = klien(operator_a).get(reverse(f"musyawarah:{halaman}", args=[f.m.pk])).content
    html = html.decode()
    for i in harus:
        assert f'id="{i}"' in html, i
    assert _id_ganda(html) == []


@dataclass
class Kasus:
    """One refused POST: the forum it starts from, where it goes, what it sends, and
    what the page must say."""

    forum: str
    url: Callable
    data: Callable
    pesan: str | None = None
    # Form fields that must carry an error (input refused by the form itself).
    galat_field: tuple = ()
    # Text of the user's input that must still be on the page.
    tetap: tuple = ()
    siapkan: Callable | None = None
    ekstra: dict = field(default_factory=dict)


def _u(nama, *extra):
    return lambda f: reverse(f"musyawarah:{nama}", args=[f.m.pk, *extra])


def _jadwal(f, **ganti):
    tanggal = f.m.tanggal
    data = {
        "bagian": "jadwal",
        "versi": f.m.versi,
        "tanggal": tanggal.isoformat(),
        "jam_mulai": "09:00",
        "jam_selesai": "12:00",
        "tempat": "Balai Pertemuan Baru",
        "tanggal_undangan": (tanggal - datetime.timedelta(days=8)).isoformat(),
    }
    data.update(ganti)
    return data


def _baris(f, ubah):
    data = {"versi": f.m.versi}
    for i, u in enumerate(f.usulan, start=1):
        data.update({f"urutan-{u.pk}": i, f"keputusan-{u.pk}": "kota", f"alasan-{u.pk}": ""})
    data[f"keputusan-{f.usulan[2].pk}"] = "swadaya"
    data.update(ubah(f))
    return data


def _peserta_baru(f, **ganti):
    rw = f.m.kelurahan.lingkungan.order_by("nomor").first()
    data = {
        "nama": "Pak Darman",
        "jenis_kelamin": "L",
        "kelompok_usia": "tua",
        "unsur": "masyarakat",
        "lingkungan": rw.pk,
        "diundang": "on",
    }
    data.update(ganti)
    return data


def _rt_rw_lain(f):
    rw2 = f.m.kelurahan.lingkungan.get(nomor=2)
    f.rt_lain = RTFactory(lingkungan=rw2, nomor=7)


def _rw_kelurahan_lain(f):
    f.rw_lain = LingkunganFactory(kelurahan=f.kelurahan_b, nomor=9)


def _gusti_pulang(f):
    """H. Gusti (masyarakat, not a delegate) leaves: no longer present."""
    peserta_services.peserta_hadir(user=f.op, peserta=f.peserta[3], hadir=False)
    f.m = muat(f.m)


def _ditetapkan_tanpa_gusti(f):
    _gusti_pulang(f)
    putuskan(f.op, f)
    pembahasan.musyawarah_tetapkan(user=f.op, musyawarah=f.m)
    f.m = muat(f.m)


def _ttd(f, **ganti):
    p = f.peserta
    data = {
        "bagian": "ttd",
        "pimpinan": p[1].pk,
        "jabatan_pimpinan": "Lurah Sungai Miai",
        "notulen": p[4].pk,
        "wakil_pemerintah": p[1].pk,
        "wakil_swasta": p[4].pk,
        "wakil_masyarakat": p[0].pk,
    }
    data.update(ganti)
    return data


def _materi(nama, isi, content_type="application/pdf"):
    return lambda f: {"judul": "Paparan kajian", "berkas": unggahan(nama, isi, content_type)}


KASUS = {
    "sk tanggal bukan tanggal": Kasus(
        "forum_siap",
        _u("tpm"),
        lambda f: {"bagian": "sk", "nomor": "9/SK/2027", "tanggal": "kemarin", "kepala_nama": "X"},
        galat_field=("tanggal",),
        tetap=('value="9/SK/2027"',),
    ),
    "tpm bendahara kedua": Kasus(
        "forum_siap",
        _u("tpm"),
        lambda f: {"bagian": "tpm", "jabatan_tpm": "bendahara", "nama": "Bendahara Kedua"},
        pesan="TPM hanya memiliki satu ketua dan satu bendahara.",
        tetap=('value="Bendahara Kedua"',),
    ),
    "pemandu keempat": Kasus(
        "forum_siap",
        _u("tpm"),
        lambda f: {"bagian": "pemandu", "nama": "Pemandu Keempat", "lembaga": "LPM"},
        pesan="Tim pemandu sudah 3 orang; hapus salah satu untuk mengganti.",
    ),
    "jadwal jam selesai sebelum mulai": Kasus(
        "forum_siap",
        _u("jadwal"),
        lambda f: _jadwal(f, jam_mulai="12:00", jam_selesai="09:00"),
        pesan="Jam selesai harus sesudah jam mulai.",
        tetap=('value="Balai Pertemuan Baru"',),
    ),
    "jadwal undangan sesudah tanggal": Kasus(
        "forum_siap",
        _u("jadwal"),
        lambda f: _jadwal(
            f, tanggal_undangan=(f.m.tanggal + datetime.timedelta(days=1)).isoformat()
        ),
        pesan="Tanggal undangan tidak boleh sesudah tanggal musyawarah.",
        tetap=('value="Balai Pertemuan Baru"',),
    ),
    "jadwal versi basi": Kasus(
        "forum_siap",
        _u("jadwal"),
        lambda f: _jadwal(f, versi=f.m.versi - 1),
        pesan="Jadwal sudah diubah orang lain; buka ulang halaman ini.",
    ),
    "agenda bertumpuk": Kasus(
        "forum_siap",
        _u("jadwal"),
        lambda f: {
            "bagian": "agenda",
            "jam_mulai": "08:15",
            "jam_selesai": "08:45",
            "acara": "Senam pagi",
        },
        pesan="Waktunya bertumpuk dengan acara “Pendaftaran peserta” (08.00–08.30).",
        tetap=('value="Senam pagi"',),
    ),
    "agenda jam selesai sebelum mulai": Kasus(
        "forum_siap",
        _u("jadwal"),
        lambda f: {
            "bagian": "agenda",
            "jam_mulai": "13:00",
            "jam_selesai": "12:30",
            "acara": "Penutup",
        },
        galat_field=("jam_selesai",),
        pesan="Jam selesai sebelum jam mulai.",
        tetap=('value="Penutup"',),
    ),
    "logistik tanpa uraian": Kasus(
        "forum_siap",
        _u("jadwal"),
        lambda f: {"bagian": "logistik", "jenis": "bukan-jenis", "uraian": ""},
        galat_field=("jenis", "uraian"),
    ),
    "agenda ubah bertumpuk": Kasus(
        "forum_siap",
        lambda f: reverse("musyawarah:agenda_ubah", args=[f.m.pk, f.m.agenda.get(urutan=6).pk]),
        lambda f: {"jam_mulai": "09:30", "jam_selesai": "10:00", "acara": "Berita acara"},
        pesan=(
            "Waktunya bertumpuk dengan acara “Pemaparan kajian desa dan rancangan RKP Desa "
            "oleh tim pemandu” (09.00–09.45)."
        ),
        tetap=('value="Berita acara"',),
    ),
    "peserta RT dari RW lain": Kasus(
        "forum_siap",
        _u("peserta"),
        lambda f: _peserta_baru(f, rt=f.rt_lain.pk),
        siapkan=_rt_rw_lain,
        galat_field=("rt",),
        pesan="RT ini bukan bagian dari RW/dusun yang dipilih.",
        tetap=('value="Pak Darman"',),
    ),
    "peserta RW kelurahan lain": Kasus(
        "forum_siap",
        _u("peserta"),
        lambda f: _peserta_baru(f, lingkungan=f.rw_lain.pk),
        siapkan=_rw_kelurahan_lain,
        galat_field=("lingkungan",),
        tetap=('value="Pak Darman"',),
    ),
    "peserta ubah RT dari RW lain": Kasus(
        "forum_siap",
        lambda f: reverse("musyawarah:peserta_ubah", args=[f.m.pk, f.peserta[0].pk]),
        lambda f: _peserta_baru(f, nama="Hj. Rahmah Baru", rt=f.rt_lain.pk),
        siapkan=_rt_rw_lain,
        galat_field=("rt",),
        tetap=('value="Hj. Rahmah Baru"',),
    ),
    "hadir walk-in RW kelurahan lain": Kasus(
        "forum_berjalan",
        _u("hadir"),
        lambda f: {f"baru-{k}": v for k, v in _peserta_baru(f, lingkungan=f.rw_lain.pk).items()},
        siapkan=_rw_kelurahan_lain,
        galat_field=("lingkungan",),
        tetap=('value="Pak Darman"',),
    ),
    "hadir walk-in tanpa jenis kelamin": Kasus(
        "forum_berjalan",
        _u("hadir"),
        lambda f: {"baru-nama": "Bu Salmah", "baru-unsur": "masyarakat"},
        galat_field=("jenis_kelamin",),
        tetap=('value="Bu Salmah"',),
    ),
    "pembahasan urutan ganda": Kasus(
        "forum_berjalan",
        _u("pembahasan"),
        lambda f: _baris(f, lambda f: {f"urutan-{f.usulan[1].pk}": 1}),
        pesan="Urutan 1 dipakai dua kali",
    ),
    "pembahasan ditolak tanpa alasan": Kasus(
        "forum_berjalan",
        _u("pembahasan"),
        lambda f: _baris(f, lambda f: {f"keputusan-{f.usulan[0].pk}": "ditolak"}),
        pesan="tidak disepakati: tuliskan alasannya.",
    ),
    "pembahasan versi basi": Kasus(
        "forum_berjalan",
        _u("pembahasan"),
        lambda f: _baris(f, lambda f: {"versi": f.m.versi - 1}),
        pesan="Keputusan sudah diubah orang lain sejak halaman ini dibuka.",
    ),
    "masalah di tahap penetapan": Kasus(
        "forum_ditetapkan",
        _u("masalah"),
        lambda f: {f"pilih-{f.masalah.pk}": "1", f"urutan-{f.masalah.pk}": "1"},
        pesan="Memilih masalah prioritas hanya dapat dilakukan pada tahap pelaksanaan",
    ),
    "delegasi versi basi": Kasus(
        "forum_berjalan",
        _u("delegasi"),
        lambda f: {"versi": f.m.versi - 1, "peserta": [f.peserta[1].pk]},
        pesan="Data musyawarah sudah diubah orang lain sejak halaman ini dibuka.",
    ),
    "delegasi yang tidak hadir": Kasus(
        "forum_berjalan",
        _u("delegasi"),
        lambda f: {"versi": f.m.versi, "peserta": [f.peserta[3].pk]},
        siapkan=_gusti_pulang,
        galat_field=("peserta",),
    ),
    "catatan nomor terlalu panjang": Kasus(
        "forum_ditetapkan",
        _u("penetapan"),
        lambda f: {
            "bagian": "catatan",
            "nomor_berita_acara": "9" * 101,
            "catatan_sambutan": "Sambutan yang baru",
        },
        galat_field=("nomor_berita_acara",),
        tetap=("Sambutan yang baru",),
    ),
    "ttd pimpinan tidak hadir": Kasus(
        "forum_berjalan",
        _u("penetapan"),
        lambda f: _ttd(f, pimpinan=f.peserta[3].pk, wakil_masyarakat=f.peserta[3].pk),
        siapkan=_ditetapkan_tanpa_gusti,
        galat_field=("pimpinan", "wakil_masyarakat"),
        tetap=('value="Lurah Sungai Miai"',),
    ),
    "materi exe berganti nama pdf": Kasus(
        "forum_siap",
        _u("materi_tambah"),
        _materi("paparan.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500),
        pesan="Isi berkas bukan PDF, Excel (XLSX), Word (DOCX), JPG, PNG.",
    ),
    "materi html": Kasus(
        "forum_siap",
        _u("materi_tambah"),
        _materi(
            "paparan.html",
            b"<!doctype html><html><body><script>alert(1)</script></body></html>",
            "text/html",
        ),
        pesan="Isi berkas bukan PDF, Excel (XLSX), Word (DOCX), JPG, PNG.",
    ),
    "materi terlalu besar": Kasus(
        "forum_siap",
        _u("materi_tambah"),
        _materi("besar.pdf", pdf_asli() + b"\0" * (10 * 1024 * 1024)),
        pesan="Berkas terlalu besar",
    ),
    "materi tanpa judul": Kasus(
        "forum_siap",
        _u("materi_tambah"),
        lambda f: {"judul": "", "berkas": unggahan("a.pdf", pdf_asli())},
        pesan="Isi judul dan pilih berkasnya.",
    ),
    "pindaian bukan pdf": Kasus(
        "forum_selesai",
        _u("pindaian"),
        lambda f: {"berkas": unggahan("scan.pdf", b"MZ\x90\x00")},
        pesan="PDF atau JPEG",
    ),
}


@pytest.mark.parametrize("nama", list(KASUS))
def test_every_forum_form_refuses_without_a_500_and_saves_nothing(
    nama, request, operator_a, kelurahan_b, settings, tmp_path
):
    kasus = KASUS[nama]
    f = request.getfixturevalue(kasus.forum)
    f.op, f.kelurahan_b = operator_a, kelurahan_b
    if kasus.siapkan:
        kasus.siapkan(f)
    sebelum = jejak(f.m)
    pindaian = f.m.berita_acara.pindaian.name if f.m.berita_acara_id else ""
    # The test client re-raises any exception of the view: a 500 fails here.
    response = klien(operator_a).post(kasus.url(f), kasus.data(f), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert jejak(f.m) == sebelum
    if f.m.berita_acara_id:
        f.m.berita_acara.refresh_from_db()
        assert f.m.berita_acara.pindaian.name == pindaian
    if kasus.pesan:
        assert kasus.pesan in html
    form = _form_dengan_galat(response.context)
    for name in kasus.galat_field:
        assert form is not None and name in form.errors, (name, form and form.errors)
    for teks in kasus.tetap:
        assert teks in html, teks


def _form_dengan_galat(konteks):
    """The form of the page that carries errors (each page has several)."""
    for c in konteks if isinstance(konteks, list) else [konteks]:
        for d in c.dicts:
            for value in d.values():
                if hasattr(value, "is_bound") and value.is_bound and value.errors:
                    return value
    return None


def test_materi_refused_leaves_no_file(forum_siap, operator_a, settings):
    klien(operator_a).post(
        reverse("musyawarah:materi_tambah", args=[forum_siap.m.pk]),
        {"judul": "x", "berkas": unggahan("a.pdf", b"MZ\x90\x00")},
    )
    assert not list((settings.MEDIA_ROOT).rglob("*.*"))


def test_the_typed_date_of_a_refused_schedule_is_kept(forum_siap, operator_a):
    besok = hari_ini() + datetime.timedelta(days=20)
    f = forum_siap
    response = klien(operator_a).post(
        reverse("musyawarah:jadwal", args=[f.m.pk]),
        {**_jadwal(f), "tanggal": besok.isoformat(), "jam_mulai": "12:00", "jam_selesai": "08:00"},
    )
    assert f'value="{besok.isoformat()}"' in response.content.decode()
    assert muat(f.m).tanggal == f.m.tanggal
