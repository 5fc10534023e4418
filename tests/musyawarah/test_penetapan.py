"""Signing the berita acara, and everything it lists being final afterwards."""

import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from apps.core.exceptions import DomainError
from apps.dokumen.models import DokumenFinal
from apps.musyawarah import pembahasan, penetapan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.models import StatusMusyawarah
from apps.usulan import kajian
from apps.usulan import services as usulan_services
from apps.usulan.models import Status
from tests.factories import buat_usulan
from tests.musyawarah.conftest import URL, muat


def _teks(pdf_bytes: bytes) -> str:
    """The PDF's text with whitespace collapsed (table cells wrap lines anywhere)."""
    teks = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    return " ".join(teks.split())


def test_signing_moves_every_usulan_with_history(forum_selesai, operator_a):
    f = forum_selesai
    assert f.m.status == StatusMusyawarah.SELESAI
    a, b, c = (type(u).objects.get(pk=u.pk) for u in f.usulan)
    assert (a.status, b.status, c.status) == (
        Status.PRIORITAS_DESA,
        Status.PRIORITAS_DESA,
        Status.SWADAYA,
    )
    riwayat = a.riwayat.last()
    assert riwayat.dari == Status.DIAJUKAN and riwayat.oleh == operator_a
    assert "berita acara nomor 005/BA/SM/2026" in riwayat.alasan
    assert "Urutan 1 dalam daftar prioritas yang diteruskan ke Musrenbang kecamatan" in (
        riwayat.alasan
    )
    # The swadaya item is first on its own list, whatever its place in the forum's order.
    assert "Urutan 1 dalam daftar kegiatan swadaya" in c.riwayat.last().alasan


def test_signing_stores_the_pdf_with_its_hash_and_code(forum_selesai):
    dokumen = forum_selesai.m.berita_acara
    with dokumen.pdf.open("rb") as f:
        isi = f.read()
    assert hashlib.sha256(isi).hexdigest() == dokumen.sha256_pdf
    teks = _teks(isi)
    assert "BERITA ACARA HASIL KESEPAKATAN" in teks
    assert "KELURAHAN SUNGAI MIAI" in teks
    assert "Nomor: 005/BA/SM/2026" in teks
    assert "MENYEPAKATI" in teks and "KESATU" in teks and "KEENAM" in teks
    assert "Siring sungai RW 01" in teks and "Titian ulin RW 02" in teks
    assert "Hj. Rahmah" in teks and "Syahrani" in teks and "Lurah Sungai Miai" in teks
    assert dokumen.kode in teks and URL.format(dokumen.kode) in teks
    assert "300.000.000" in teks  # two usulan of Rp 150.000.000 to the kota
    assert "Keterwakilan peserta" in teks and "Tokoh adat" in teks
    assert dokumen.snapshot["jumlah_peserta"] == 5


def test_signed_snapshot_does_not_follow_live_data(forum_selesai, operator_a):
    dokumen = DokumenFinal.objects.get(pk=forum_selesai.m.berita_acara_id)
    sebelum = dict(dokumen.snapshot)
    # Even a direct database edit of a participant leaves the signed document alone.
    forum_selesai.peserta[0].__class__.objects.filter(pk=forum_selesai.peserta[0].pk).update(
        nama="Diubah"
    )
    dokumen.refresh_from_db()
    assert dokumen.snapshot == sebelum
    assert "Hj. Rahmah" in [p["nama"] for p in dokumen.snapshot["peserta"]]
    assert "Diubah" not in [p["nama"] for p in dokumen.snapshot["peserta"]]


def test_short_notice_reason_is_printed(operator_a, forum_siap):
    import datetime

    from apps.siklus.selectors import hari_ini

    m = forum_siap.m
    persiapan.musyawarah_jadwalkan(
        user=operator_a,
        musyawarah=m,
        versi=m.versi,
        data={
            "tanggal_undangan": hari_ini() - datetime.timedelta(days=4),
            "alasan_kurang_7_hari": "Menyesuaikan jadwal reses DPRD",
        },
    )
    from tests.musyawarah.conftest import mulai_dan_hadir, putuskan, tetapkan_dan_ttd

    f = tetapkan_dan_ttd(operator_a, putuskan(operator_a, mulai_dan_hadir(operator_a, forum_siap)))
    with f.m.berita_acara.pdf.open("rb") as pdf:
        teks = _teks(pdf.read())
    assert "4 hari setelah pengumuman" in teks and "Menyesuaikan jadwal reses DPRD" in teks


def test_signatories_need_a_representative_of_each_unsur_present(forum_ditetapkan, operator_a):
    p = forum_ditetapkan.peserta
    with pytest.raises(DomainError, match="belum ada: Swasta/bisnis"):
        penetapan.penandatangan_simpan(
            user=operator_a,
            musyawarah=forum_ditetapkan.m,
            pimpinan=p[1],
            jabatan_pimpinan="Lurah",
            notulen=p[4],
            wakil={"pemerintah": p[1], "masyarakat": p[0]},
        )
    with pytest.raises(DomainError, match="bukan dari unsur Swasta"):
        penetapan.penandatangan_simpan(
            user=operator_a,
            musyawarah=forum_ditetapkan.m,
            pimpinan=p[1],
            jabatan_pimpinan="Lurah",
            notulen=p[4],
            wakil={"pemerintah": p[1], "masyarakat": p[0], "swasta": p[2]},
        )


def test_signing_needs_a_number_and_signatories(forum_berjalan, operator_a):
    from tests.musyawarah.conftest import putuskan

    f = putuskan(operator_a, forum_berjalan)
    pembahasan.catatan_simpan(user=operator_a, musyawarah=f.m, data={"nomor_berita_acara": ""})
    m = pembahasan.musyawarah_tetapkan(user=operator_a, musyawarah=muat(f.m))
    with pytest.raises(DomainError) as e:
        penetapan.berita_acara_tandatangani(
            user=operator_a, musyawarah=m, url_verifikasi=URL.format
        )
    assert "Nomor berita acara belum diisi." in e.value.rincian
    assert "Pimpinan sidang belum ditetapkan." in e.value.rincian
    assert "Wakil unsur swasta/bisnis belum dipilih." in e.value.rincian
    assert not DokumenFinal.objects.exists()
    assert muat(m).status == StatusMusyawarah.PENETAPAN


def test_another_kelurahan_cannot_sign(forum_ditetapkan, operator_b):
    with pytest.raises(PermissionDenied):
        penetapan.berita_acara_tandatangani(
            user=operator_b, musyawarah=forum_ditetapkan.m, url_verifikasi=URL.format
        )


# Everything a signed berita acara lists is final: every service refuses.
def _ubah_semua(f, op):
    m = muat(f.m)
    p = f.peserta[0]
    u = type(f.usulan[0]).objects.get(pk=f.usulan[0].pk)
    return {
        "tpm": lambda: persiapan.tpm_tambah(
            user=op, musyawarah=m, data={"jabatan_tpm": "seksi_acara", "nama": "X"}
        ),
        "jadwal": lambda: persiapan.musyawarah_jadwalkan(
            user=op, musyawarah=m, data={"tempat": "X"}, versi=m.versi
        ),
        "agenda": lambda: persiapan.agenda_simpan(
            user=op, musyawarah=m, data={"urutan": 9, "acara": "X"}
        ),
        "peserta": lambda: peserta_services.peserta_simpan(
            user=op, musyawarah=m, peserta=p, data={"nama": "X"}
        ),
        "hadir": lambda: peserta_services.peserta_hadir(user=op, peserta=p, hadir=False),
        "delegasi": lambda: peserta_services.delegasi_simpan(
            user=op, musyawarah=m, peserta_ids=[], versi=m.versi
        ),
        "pembahasan": lambda: pembahasan.pembahasan_simpan(
            user=op, musyawarah=m, baris=[], versi=m.versi
        ),
        "masalah_prioritas": lambda: pembahasan.masalah_prioritas_simpan(
            user=op, musyawarah=m, masalah_ids=[]
        ),
        "catatan": lambda: pembahasan.catatan_simpan(
            user=op, musyawarah=m, data={"nomor_berita_acara": "X"}
        ),
        "buka_kembali": lambda: pembahasan.musyawarah_buka_kembali(
            user=op, musyawarah=m, alasan="X"
        ),
        "tandatangani_lagi": lambda: penetapan.berita_acara_tandatangani(
            user=op, musyawarah=m, url_verifikasi=URL.format
        ),
        "usulan_ubah": lambda: usulan_services.usulan_ubah(
            user=op, usulan=u, data={"judul": "X"}, versi=u.versi
        ),
        "usulan_tarik": lambda: usulan_services.usulan_tarik(user=op, usulan=u, alasan="X"),
        "masalah_ubah": lambda: kajian.masalah_simpan(
            user=op, kelurahan=m.kelurahan, masalah=f.masalah, data={"uraian": "X"}
        ),
        "masalah_hapus": lambda: kajian.masalah_hapus(
            user=op, masalah=type(f.masalah).objects.get(pk=f.masalah.pk)
        ),
    }


AKSI = [
    "tpm",
    "jadwal",
    "agenda",
    "peserta",
    "hadir",
    "delegasi",
    "pembahasan",
    "masalah_prioritas",
    "catatan",
    "buka_kembali",
    "tandatangani_lagi",
    "usulan_ubah",
    "usulan_tarik",
    "masalah_ubah",
    "masalah_hapus",
]


@pytest.mark.parametrize("aksi", AKSI)
def test_nothing_changes_after_signing(aksi, forum_selesai, operator_a):
    with pytest.raises(DomainError):
        _ubah_semua(forum_selesai, operator_a)[aksi]()


def test_no_new_usulan_is_submitted_after_signing(forum_selesai, operator_a, kelurahan_a):
    usulan = buat_usulan(operator_a, kelurahan_a, judul="Terlambat")
    with pytest.raises(DomainError, match="sudah ditetapkan"):
        usulan_services.usulan_ajukan(user=operator_a, usulan=usulan)


def test_scanned_copy_is_uploaded_once(forum_selesai, operator_a):
    berkas = SimpleUploadedFile("ba.pdf", b"%PDF-1.4 pindaian")
    penetapan.berita_acara_unggah_pindaian(
        user=operator_a, musyawarah=forum_selesai.m, berkas=berkas
    )
    dokumen = DokumenFinal.objects.get()
    assert dokumen.sha256_pindaian == hashlib.sha256(b"%PDF-1.4 pindaian").hexdigest()
    with pytest.raises(DomainError, match="tidak dapat diganti"):
        penetapan.berita_acara_unggah_pindaian(
            user=operator_a,
            musyawarah=forum_selesai.m,
            berkas=SimpleUploadedFile("b.pdf", b"%PDF-1.4 lain"),
        )


def test_scanned_copy_must_be_pdf_or_jpeg(forum_selesai, operator_a):
    with pytest.raises(DomainError, match="PDF atau JPEG"):
        penetapan.berita_acara_unggah_pindaian(
            user=operator_a,
            musyawarah=forum_selesai.m,
            berkas=SimpleUploadedFile("x.pdf", b"MZ\x90\x00"),
        )
