"""What the berita acara prints: TPM, agenda, materials, the "Mengetahui" block, its title
and time zone; the landscape lists with their kop; the attendance counter."""

import copy
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.core.exceptions import DomainError
from apps.dokumen.models import DokumenFinal
from apps.musyawarah import cetak, materi, pembahasan, penetapan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.models import StatusMusyawarah
from tests.helpers import klien
from tests.musyawarah.bantu import pdf_asli, teks_pdf, unggahan
from tests.musyawarah.conftest import URL, muat, mulai_dan_hadir, putuskan

LURAH = "H. Ahmad Fauzi, S.Sos"
NIP = "197001011990031001"


def _siapkan_isi(op, f, *, kepala_nama=LURAH):
    """While preparing: the lurah who signed the SK, a TPM member with a jabatan, a
    material; then open, everyone present, decisions, a sambutan ending with a period."""
    m = f.m
    persiapan.sk_tpm_simpan(
        user=op,
        musyawarah=m,
        nomor="7/SK/2026",
        tanggal=m.sk_tpm_tanggal,
        kepala_nama=kepala_nama,
        kepala_nip=NIP if kepala_nama else "",
    )
    persiapan.tpm_tambah(
        user=op,
        musyawarah=m,
        data={"jabatan_tpm": "seksi_acara", "nama": "Rudi Hartono", "jabatan": "Ketua LPM"},
    )
    materi.materi_tambah(
        user=op,
        musyawarah=m,
        judul="Paparan Dinas PUPR tentang drainase",
        berkas=unggahan("paparan.pdf", pdf_asli()),
    )
    f = putuskan(op, mulai_dan_hadir(op, f))
    pembahasan.catatan_simpan(
        user=op,
        musyawarah=f.m,
        data={
            "nomor_berita_acara": "005/BA/SM/2026",
            "catatan_sambutan": "Sambutan Lurah Sungai Miai.",
            "catatan_diskusi": "Peserta menyepakati urutan usulan;",
        },
    )
    pembahasan.musyawarah_tetapkan(user=op, musyawarah=muat(f.m))
    f.m = muat(f.m)
    return f


def _tanda_tangani(op, f, *, pimpinan_kepala: bool):
    p = f.peserta
    penetapan.penandatangan_simpan(
        user=op,
        musyawarah=muat(f.m),
        pimpinan=p[0] if not pimpinan_kepala else p[1],
        jabatan_pimpinan="Ketua LPM" if not pimpinan_kepala else "Lurah Sungai Miai",
        notulen=p[4],
        wakil={"pemerintah": p[1], "swasta": p[4], "masyarakat": p[0]},
        pimpinan_kepala=pimpinan_kepala,
    )
    m = penetapan.berita_acara_tandatangani(
        user=op, musyawarah=muat(f.m), url_verifikasi=URL.format
    )
    with m.berita_acara.pdf.open("rb") as pdf:
        return teks_pdf(pdf.read())


@pytest.fixture
def forum_isi(operator_a, forum_siap):
    return _siapkan_isi(operator_a, forum_siap)


@pytest.mark.parametrize("pimpinan_kepala", [True, False])
def test_mengetahui_only_when_someone_else_chairs(forum_isi, operator_a, pimpinan_kepala):
    teks = _tanda_tangani(operator_a, forum_isi, pimpinan_kepala=pimpinan_kepala)
    if pimpinan_kepala:
        assert "Mengetahui" not in teks
        assert LURAH not in teks and NIP not in teks
    else:
        assert f"Mengetahui, Lurah Sungai Miai {LURAH} NIP {NIP}" in teks
        # The chair signs as chair, with the jabatan typed for them.
        assert "Pimpinan Sidang, Ketua LPM" in teks


def test_berita_acara_prints_tpm_agenda_materials_and_plan_year(forum_isi, operator_a):
    teks = _tanda_tangani(operator_a, forum_isi, pimpinan_kepala=True)
    # The TPM with each member's jabatan.
    assert "Seksi acara Rudi Hartono, Ketua LPM" in teks
    # In the SK's order: ketua first, not the alphabet's (bendahara).
    susunan = teks[teks.index("Susunan TPM") : teks.index("Agenda musyawarah")]
    assert susunan.index("Ketua TPM ketua") < susunan.index("Bendahara TPM bendahara")
    assert susunan.index("Bendahara TPM bendahara") < susunan.index("Seksi acara TPM seksi_acara")
    assert susunan.index("Seksi acara Rudi Hartono") < susunan.index("Seksi materi")
    # The agenda, in time order with its times.
    assert "08.00–08.30 Pendaftaran peserta" in teks
    assert teks.index("Pendaftaran peserta") < teks.index("Pemilihan delegasi ke Musrenbang")
    # Materials by name.
    assert "Paparan Dinas PUPR tentang drainase." in teks
    # The title names the plan being prepared, not the year the forum is held in.
    judul = teks[teks.index("BERITA ACARA HASIL") : teks.index("Nomor: 005/BA/SM/2026")]
    assert "DALAM RANGKA PENYUSUNAN RKPD 2028" in judul.upper()
    assert "TAHUN 2027" not in teks.upper()
    # A note typed with its own closing punctuation does not print ".;" or ";;".
    assert "Sambutan pembukaan: Sambutan Lurah Sungai Miai;" in teks
    assert "hasil pembahasan peserta: Peserta menyepakati urutan usulan;" in teks
    assert ".;" not in teks and ";;" not in teks


def test_berita_acara_prints_the_time_zone_of_the_daerah(forum_isi, operator_a, daerah):
    daerah.zona_waktu = "WITA"
    daerah.save()
    teks = _tanda_tangani(operator_a, forum_isi, pimpinan_kepala=True)
    assert "pukul 09.00 sampai dengan 12.00 WITA, bertempat di Aula Kelurahan" in teks
    assert "WIB" not in teks


def test_signing_needs_the_lurahs_name_when_someone_else_chairs(operator_a, forum_siap):
    f = _siapkan_isi(operator_a, forum_siap, kepala_nama="")
    p = f.peserta
    penetapan.penandatangan_simpan(
        user=operator_a,
        musyawarah=f.m,
        pimpinan=p[0],
        jabatan_pimpinan="Ketua LPM",
        notulen=p[4],
        wakil={"pemerintah": p[1], "swasta": p[4], "masyarakat": p[0]},
        pimpinan_kepala=False,
    )
    with pytest.raises(DomainError) as e:
        penetapan.berita_acara_tandatangani(
            user=operator_a, musyawarah=muat(f.m), url_verifikasi=URL.format
        )
    assert e.value.rincian == [
        "Sidang tidak dipimpin lurah: isi nama lurah (halaman TPM) untuk tanda tangan “Mengetahui”."
    ]
    assert muat(f.m).status == StatusMusyawarah.PENETAPAN
    assert not DokumenFinal.objects.exists()
    # The lurah chairing needs no "Mengetahui": the same forum signs.
    penetapan.penandatangan_simpan(
        user=operator_a,
        musyawarah=muat(f.m),
        pimpinan=p[1],
        jabatan_pimpinan="Lurah Sungai Miai",
        notulen=p[4],
        wakil={"pemerintah": p[1], "swasta": p[4], "masyarakat": p[0]},
        pimpinan_kepala=True,
    )
    m = penetapan.berita_acara_tandatangani(
        user=operator_a, musyawarah=muat(f.m), url_verifikasi=URL.format
    )
    assert m.status == StatusMusyawarah.SELESAI


def test_the_penetapan_page_records_who_chairs(operator_a, forum_siap):
    f = _siapkan_isi(operator_a, forum_siap, kepala_nama="")
    p = f.peserta
    client = klien(operator_a)
    url = reverse("musyawarah:penetapan", args=[f.m.pk])
    response = client.post(
        url,
        {
            "bagian": "ttd",
            "pimpinan": p[0].pk,
            "jabatan_pimpinan": "Ketua LPM",
            "notulen": p[4].pk,
            "wakil_pemerintah": p[1].pk,
            "wakil_swasta": p[4].pk,
            "wakil_masyarakat": p[0].pk,
            # "pimpinan_kepala" unticked: someone else chairs.
        },
        follow=True,
    )
    html = response.content.decode()
    assert muat(f.m).pimpinan_kepala is False
    assert "isi nama lurah (halaman TPM)" in html
    assert re.search(
        r'action="[^"]*/tandatangani/"[^>]*>\s*<input[^>]*>\s*<button[^>]*disabled', html
    )


def _banyak(s: dict, jenis: str, n: int) -> dict:
    """The snapshot with ``n`` copies of the rows of a list, to span several pages."""
    s = copy.deepcopy(s)
    if jenis == "swadaya":
        s["swadaya"]["baris"] = [dict(r, no=i + 1) for i in range(n) for r in s["swadaya"]["baris"]]
        return s
    sumber = s["prioritas"]
    kelompok = copy.deepcopy(sumber["kelompok"][0])
    kelompok["baris"] = [dict(r, no=i + 1) for i in range(n) for r in kelompok["baris"]]
    s[jenis] = {**sumber, "kelompok": [kelompok], "jumlah": len(kelompok["baris"])}
    return s


@pytest.mark.parametrize("jenis", ["prioritas", "kelurahan", "swadaya"])
def test_standalone_lists_are_landscape_and_keep_their_kop(jenis, forum_selesai):
    s = _banyak(forum_selesai.m.berita_acara.snapshot, jenis, 40)
    _nama, _mime, isi = cetak.pdf_keluaran(jenis, s, kode="ABCD-EFGH", url=URL.format("ABCD"))
    halaman = PdfReader(io.BytesIO(isi)).pages
    assert len(halaman) >= 2
    for h in halaman:
        assert h.mediabox.width > h.mediabox.height
    pertama = " ".join(halaman[0].extract_text().split())
    assert "PEMERINTAH KOTA BANJARMASIN" in pertama
    assert "Jenis Kegiatan" in pertama
    assert cetak.judul(jenis, s).upper() in pertama.upper()


@pytest.mark.parametrize("jenis", ["masalah", "delegasi", "hadir"])
def test_narrow_lists_stay_portrait(jenis, forum_selesai):
    _nama, _mime, isi = cetak.pdf_keluaran(jenis, forum_selesai.m.berita_acara.snapshot)
    for h in PdfReader(io.BytesIO(isi)).pages:
        assert h.mediabox.width < h.mediabox.height


def test_checking_in_with_htmx_updates_the_counter(forum_berjalan, operator_a):
    f = forum_berjalan
    p = f.peserta[3]
    peserta_services.peserta_hadir(user=operator_a, peserta=p, hadir=False)
    client = klien(operator_a)
    url = reverse("musyawarah:tandai_hadir", args=[f.m.pk, p.pk])

    html = client.post(url, {"hadir": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="peserta-{p.pk}"' in html and "H. Gusti" in html
    penghitung = re.search(r"<span[^>]*id=\"jumlah-hadir\"[^>]*>([^<]*)</span>", html)
    assert penghitung is not None
    assert 'hx-swap-oob="true"' in penghitung.group(0)
    assert penghitung.group(1).strip() == "5 hadir"

    html = client.post(url, {"hadir": "0"}, HTTP_HX_REQUEST="true").content.decode()
    penghitung = re.search(r"<span[^>]*id=\"jumlah-hadir\"[^>]*>([^<]*)</span>", html)
    assert penghitung.group(1).strip() == "4 hadir"
    # The full page carries the counter in place, not as an out-of-band swap.
    halaman = client.get(reverse("musyawarah:hadir", args=[f.m.pk])).content.decode()
    penghitung = re.search(r"<span[^>]*id=\"jumlah-hadir\"[^>]*>([^<]*)</span>", halaman)
    assert penghitung.group(1).strip() == "4 hadir"
    assert "hx-swap-oob" not in penghitung.group(0)


def test_a_refused_check_in_with_htmx_answers_the_row_with_the_reason(forum_berjalan, operator_a):
    f = forum_berjalan
    delegasi = f.peserta[0]
    peserta_services.delegasi_simpan(
        user=operator_a, musyawarah=f.m, peserta_ids=[delegasi.pk], versi=f.m.versi
    )
    response = klien(operator_a).post(
        reverse("musyawarah:tandai_hadir", args=[f.m.pk, delegasi.pk]),
        {"hadir": "0"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "terpilih sebagai delegasi; lepaskan dulu" in html
    delegasi.refresh_from_db()
    assert delegasi.hadir
