"""The outputs as PDF (read back with pypdf) and Excel (read back with openpyxl)."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.musyawarah import cetak
from apps.musyawarah.keluaran import snapshot_desa
from tests.helpers import klien
from tests.musyawarah.test_penetapan import _teks


def _pdf(response) -> str:
    # Consuming a streaming response closes it (the test client's wrapper does).
    isi = b"".join(response.streaming_content) if response.streaming else response.content
    assert isi.startswith(b"%PDF-")
    return _teks(isi)


@pytest.mark.parametrize(
    ("jenis", "harus"),
    [
        (
            "prioritas",
            [
                "DAFTAR PRIORITAS KEGIATAN UNTUK RENCANA KERJA",
                "Siring sungai RW 01",
                "Jumlah Pelaksanaan Pembangunan Desa",
                "JUMLAH SELURUHNYA 300.000.000",
            ],
        ),
        ("swadaya", ["DAFTAR PRIORITAS KEGIATAN SWADAYA", "Kerja bakti saluran"]),
        ("masalah", ["DAFTAR MASALAH PRIORITAS", "Genangan"]),
        ("delegasi", ["DAFTAR DELEGASI", "Hj. Rahmah", "Andi"]),
        ("hadir", ["DAFTAR HADIR PESERTA", "Syahrani", "Rina", "Koperasi / Swasta/bisnis"]),
    ],
)
def test_each_output_pdf_before_and_after_signing(jenis, harus, forum_berjalan, operator_a):
    from tests.musyawarah.conftest import putuskan, tetapkan_dan_ttd

    f = putuskan(operator_a, forum_berjalan)
    client = klien(operator_a)
    url = reverse("musyawarah:unduh", args=[f.m.pk, jenis, "pdf"])
    draf = _pdf(client.get(url))
    for teks in harus:
        assert teks in draf, teks
    assert "DRAF — belum ditandatangani" in draf
    f = tetapkan_dan_ttd(operator_a, f)
    final = _pdf(client.get(url))
    assert f.m.berita_acara.kode in final and "DRAF" not in final


def test_signed_berita_acara_download_is_the_stored_file(forum_selesai, operator_a):
    response = klien(operator_a).get(
        reverse("musyawarah:unduh", args=[forum_selesai.m.pk, "berita_acara", "pdf"])
    )
    isi = b"".join(response.streaming_content)
    with forum_selesai.m.berita_acara.pdf.open("rb") as f:
        assert isi == f.read()


def test_berita_acara_lampiran_pages(forum_selesai):
    with forum_selesai.m.berita_acara.pdf.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    teks = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert any("Lampiran II Berita Acara Nomor 005/BA/SM/2026" in t for t in teks)
    # Lampiran II is landscape.
    lebar = [p for p, t in zip(reader.pages, teks, strict=True) if "Lampiran II Berita" in t][0]
    assert lebar.mediabox.width > lebar.mediabox.height


@pytest.mark.parametrize(
    ("url_name", "harus"),
    [
        (
            "musyawarah:undangan",
            [
                "Undangan Musrenbang Kelurahan Sungai Miai",
                "Aula Kelurahan",
                "DAFTAR UNDANGAN",
                "Hj. Rahmah",
            ],
        ),
        ("musyawarah:pengumuman", ["PENGUMUMAN", "Pendaftaran peserta", "Aula Kelurahan"]),
        ("musyawarah:daftar_hadir", ["DAFTAR HADIR", "Syahrani", "TTD"]),
    ],
)
def test_preparation_documents(url_name, harus, forum_siap, operator_a):
    teks = _pdf(klien(operator_a).get(reverse(url_name, args=[forum_siap.m.pk])))
    for t in harus:
        assert t in teks, t
    assert "DRAF" not in teks  # letters to hand out, not drafts of the outputs


def test_letters_print_the_time_zone_of_the_daerah(forum_siap, operator_a, daerah):
    url = reverse("musyawarah:undangan", args=[forum_siap.m.pk])
    assert "09.00 s.d. 12.00 WIB" in _pdf(klien(operator_a).get(url))
    # Banjarmasin is WITA, whatever time zone the server runs in.
    daerah.zona_waktu = "WITA"
    daerah.save()
    teks = _pdf(klien(operator_a).get(url))
    assert "09.00 s.d. 12.00 WITA" in teks and "WIB" not in teks


def test_one_invitation_per_invitee(forum_siap, operator_a):
    p = forum_siap.peserta[3]
    url = reverse("musyawarah:undangan", args=[forum_siap.m.pk]) + f"?peserta={p.pk}"
    teks = _pdf(klien(operator_a).get(url))
    assert "Kepada Yth. H. Gusti" in teks and "DAFTAR UNDANGAN" not in teks


def test_excel_outputs_read_back(forum_selesai, operator_a):
    client = klien(operator_a)
    response = client.get(
        reverse("musyawarah:unduh", args=[forum_selesai.m.pk, "berita_acara", "xlsx"])
    )
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == [
        "Daftar hadir",
        "Didanai kelurahan-desa",
        "Prioritas ke kecamatan",
        "Swadaya",
        "Masalah prioritas",
        "Delegasi",
        "Tidak disepakati",
    ]
    ws = wb["Prioritas ke kecamatan"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[3][:3] == ["No", "Kode Usulan", "Jenis Kegiatan"]
    assert rows[4][:3] == ["B", None, "Pelaksanaan Pembangunan Desa"]
    assert rows[5][2] == "Siring sungai RW 01" and rows[5][9] == 150_000_000
    # Numbers are numbers: volume, plan year, cost and rank (not text that looks like one).
    baris = next(ws.iter_rows(min_row=6, max_row=6))
    assert [c.data_type for c in (baris[5], baris[8], baris[9], baris[12])] == ["n"] * 4
    assert baris[8].value == 2028 and baris[12].value == 1
    assert rows[-1][2] == "JUMLAH SELURUHNYA" and rows[-1][9] == 300_000_000
    assert ws.freeze_panes == "A5"
    hadir = [[c.value for c in r] for r in wb["Daftar hadir"].iter_rows(min_row=5)]
    assert {r[1] for r in hadir} == {"Hj. Rahmah", "Syahrani", "Andi", "H. Gusti", "Rina"}


def test_xlsx_of_a_single_output(forum_selesai):
    nama, mime, isi = cetak.xlsx_keluaran("masalah", forum_selesai.m.berita_acara.snapshot)
    ws = load_workbook(io.BytesIO(isi)).active
    assert nama.startswith("masalah-sungai-miai") and ws.title == "Masalah prioritas"
    assert ws["D5"].value == "Genangan"


def test_public_verification_page(forum_selesai):
    dokumen = forum_selesai.m.berita_acara
    response = Client().get(reverse("publik:verifikasi", args=[dokumen.kode]))
    html = response.content.decode()
    assert response.status_code == 200
    assert dokumen.sha256_pdf in html
    assert "005/BA/SM/2026" in html and "Syahrani — pimpinan sidang" in html
    pdf = Client().get(reverse("publik:verifikasi_unduh", args=[dokumen.kode]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert Client().get(reverse("publik:verifikasi", args=["ZZZZ-ZZZZ"])).status_code == 404


def test_draft_snapshot_matches_the_signed_one(forum_ditetapkan, operator_a):
    from apps.musyawarah import penetapan
    from tests.musyawarah.conftest import URL

    draf = snapshot_desa(forum_ditetapkan.m)
    m = penetapan.berita_acara_tandatangani(
        user=operator_a, musyawarah=forum_ditetapkan.m, url_verifikasi=URL.format
    )
    assert m.berita_acara.snapshot == draf


def test_verification_page_reads_the_summary_the_document_carries(forum_berjalan, operator_a):
    """The public page shows the rows the signed snapshot's ``ringkasan`` holds, whatever
    the level; with someone else chairing, the lurah's "Mengetahui" is listed."""
    from apps.musyawarah import penetapan
    from tests.musyawarah.conftest import URL, muat, putuskan

    f = putuskan(operator_a, forum_berjalan)
    from apps.musyawarah import pembahasan as pembahasan_services

    pembahasan_services.musyawarah_tetapkan(user=operator_a, musyawarah=f.m)
    p = f.peserta
    penetapan.penandatangan_simpan(
        user=operator_a,
        musyawarah=muat(f.m),
        pimpinan=p[0],
        jabatan_pimpinan="Ketua LPM",
        notulen=p[4],
        wakil={"pemerintah": p[1], "swasta": p[4], "masyarakat": p[0]},
        pimpinan_kepala=False,
    )
    m = penetapan.berita_acara_tandatangani(
        user=operator_a, musyawarah=muat(f.m), url_verifikasi=URL.format
    )
    ringkasan = m.berita_acara.snapshot["ringkasan"]
    assert ["Peserta hadir", "5"] in ringkasan["baris"]
    assert ["Syahrani", "mengetahui, Lurah Sungai Miai"] in ringkasan["penandatangan"]
    html = Client().get(reverse("publik:verifikasi", args=[m.berita_acara.kode])).content.decode()
    assert "Diteruskan ke kecamatan" in html and "2 kegiatan, Rp 300.000.000" in html
    assert "Hj. Rahmah — pimpinan sidang (Ketua LPM)" in html
