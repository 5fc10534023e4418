"""Output 1a: usulan the kelurahan (or desa) funds itself, next to those sent to the kota,
done by swadaya, or not agreed; the funding follows the decision."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.exceptions import DomainError
from apps.musyawarah import cetak, pembahasan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.keluaran import snapshot_desa
from apps.musyawarah.models import Keputusan
from apps.siklus.models import Siklus
from apps.usulan import services as usulan_services
from apps.usulan.models import RiwayatStatus, Status, Usulan
from apps.wilayah.models import Kelurahan
from tests.factories import SiklusFactory, buat_usulan
from tests.helpers import klien
from tests.musyawarah.bantu import isi_respons, teks_pdf, teks_pdf_tata
from tests.musyawarah.conftest import URL, muat, tetapkan_dan_ttd

K = Keputusan
APBD = "APBD kota/kabupaten (melalui perangkat daerah)"


@pytest.fixture
def forum_empat(operator_a, kelurahan_a, forum_siap):
    """forum_siap plus a fourth usulan funded by dana kelurahan with no perangkat daerah;
    opened, everyone present."""
    f = forum_siap
    lampu = buat_usulan(
        operator_a,
        kelurahan_a,
        judul="Lampu jalan gang",
        sumber_pembiayaan="dana_kelurahan",
        perkiraan_biaya=40_000_000,
        ajukan=True,
    )
    siring, titian, kerja_bakti = f.usulan
    f.usulan = {"siring": siring, "titian": titian, "kerja_bakti": kerja_bakti, "lampu": lampu}
    persiapan.musyawarah_mulai(user=operator_a, musyawarah=f.m)
    for p in f.peserta:
        peserta_services.peserta_hadir(user=operator_a, peserta=p)
    f.m = muat(f.m)
    return f


# The forum's order: the swadaya item is third overall but first on its own list.
KEPUTUSAN = [
    ("titian", K.KELURAHAN, ""),
    ("lampu", K.KOTA, ""),
    ("siring", K.SWADAYA, ""),
    ("kerja_bakti", K.DITOLAK, "Sudah dikerjakan warga bulan lalu."),
]


def _putuskan(op, f):
    pembahasan.pembahasan_simpan(
        user=op,
        musyawarah=f.m,
        baris=[
            {"usulan_id": f.usulan[n].pk, "urutan": i, "keputusan": k, "alasan": a}
            for i, (n, k, a) in enumerate(KEPUTUSAN, start=1)
        ],
        versi=f.m.versi,
    )
    f.m = muat(f.m)


def _beri_pupr(op, f, pupr):
    lampu = Usulan.objects.get(pk=f.usulan["lampu"].pk)
    f.usulan["lampu"] = usulan_services.usulan_ubah(
        user=op, usulan=lampu, data={"perangkat_daerah": pupr}, versi=lampu.versi
    )


@pytest.fixture
def forum_empat_diputuskan(operator_a, forum_empat, pupr):
    f = forum_empat
    _beri_pupr(operator_a, f, pupr)
    _putuskan(operator_a, f)
    pembahasan.masalah_prioritas_simpan(user=operator_a, musyawarah=f.m, masalah_ids=[f.masalah.pk])
    f.m = muat(f.m)
    peserta_services.delegasi_simpan(
        user=operator_a,
        musyawarah=f.m,
        peserta_ids=[f.peserta[0].pk, f.peserta[2].pk],
        versi=f.m.versi,
    )
    pembahasan.catatan_simpan(
        user=operator_a, musyawarah=f.m, data={"nomor_berita_acara": "005/BA/SM/2026"}
    )
    f.m = muat(f.m)
    return f


@pytest.fixture
def forum_empat_selesai(operator_a, forum_empat_diputuskan):
    return tetapkan_dan_ttd(operator_a, forum_empat_diputuskan)


def test_to_the_kota_needs_a_perangkat_daerah_even_when_funded_by_dana_kelurahan(
    forum_empat, operator_a, pupr
):
    f = forum_empat
    with pytest.raises(DomainError) as e:
        _putuskan(operator_a, f)
    assert e.value.rincian == [
        f"{f.usulan['lampu'].kode} ke kota: usulan belum menyebut perangkat daerah tujuan "
        "(ubah usulan, atau jadikan swadaya)."
    ]
    assert not f.m.pembahasan.exists()
    _beri_pupr(operator_a, f, pupr)
    _putuskan(operator_a, f)
    assert f.m.pembahasan.count() == 4


def test_snapshot_lists_each_decision_with_the_funding_it_gives(forum_empat_diputuskan):
    s = snapshot_desa(forum_empat_diputuskan.m)
    kode = {n: u.kode for n, u in forum_empat_diputuskan.usulan.items()}

    (kel,) = [r for k in s["kelurahan"]["kelompok"] for r in k["baris"]]
    assert (kel["kode"], kel["urutan"], kel["peringkat"]) == (kode["titian"], 1, 1)
    assert kel["sumber"] == "Dana kelurahan (Renja kelurahan)"
    assert kel["perangkat_daerah"] == "" and kel["perangkat_daerah_nama"] == ""
    assert s["kelurahan"]["jumlah"] == 1 and s["kelurahan"]["total"] == 150_000_000

    (kota,) = [r for k in s["prioritas"]["kelompok"] for r in k["baris"]]
    assert (kota["kode"], kota["urutan"], kota["peringkat"]) == (kode["lampu"], 2, 1)
    # Sent to the kota, dana kelurahan becomes the kota's APBD through its perangkat daerah.
    assert kota["sumber"] == APBD and kota["perangkat_daerah"] == "Dinas PUPR"
    assert s["prioritas"]["total"] == 40_000_000

    (swadaya,) = s["swadaya"]["baris"]
    assert (swadaya["kode"], swadaya["urutan"], swadaya["peringkat"]) == (kode["siring"], 3, 1)
    assert swadaya["no"] == 1
    # Proposed as APBD to Dinas PUPR, done by the community: no perangkat daerah left.
    assert swadaya["sumber"] == "Swadaya masyarakat" and swadaya["perangkat_daerah"] == ""

    (ditolak,) = s["ditolak"]
    assert ditolak["kode"] == kode["kerja_bakti"]
    assert ditolak["alasan"] == "Sudah dikerjakan warga bulan lalu."


def test_signing_moves_the_usulan_and_sets_their_funding_with_a_note(forum_empat_selesai, pupr):
    u = {n: Usulan.objects.get(pk=x.pk) for n, x in forum_empat_selesai.usulan.items()}
    assert {n: x.status for n, x in u.items()} == {
        "titian": Status.DIDANAI_DESA,
        "lampu": Status.PRIORITAS_DESA,
        "siring": Status.SWADAYA,
        "kerja_bakti": Status.DITOLAK_DESA,
    }
    assert (u["titian"].sumber_pembiayaan, u["titian"].perangkat_daerah) == (
        "dana_kelurahan",
        None,
    )
    assert (u["lampu"].sumber_pembiayaan, u["lampu"].perangkat_daerah) == ("apbd", pupr)
    assert (u["siring"].sumber_pembiayaan, u["siring"].perangkat_daerah) == ("swadaya", None)
    assert (u["kerja_bakti"].sumber_pembiayaan, u["kerja_bakti"].perangkat_daerah) == (
        "swadaya",
        None,
    )

    def catatan(x):
        return RiwayatStatus.objects.filter(usulan=x).latest("waktu", "pk").alasan

    assert catatan(u["titian"]).endswith(
        "Urutan 1 dalam daftar prioritas yang didanai kelurahan/desa sendiri. "
        "Sumber pembiayaan menjadi Dana kelurahan (Renja kelurahan)."
    )
    assert catatan(u["lampu"]).endswith(
        "Urutan 1 dalam daftar prioritas yang diteruskan ke Musrenbang kecamatan. "
        f"Sumber pembiayaan menjadi {APBD}."
    )
    assert catatan(u["siring"]).endswith(
        "Urutan 1 dalam daftar kegiatan swadaya. Sumber pembiayaan menjadi Swadaya masyarakat."
    )
    # Its funding did not change: no note.
    assert catatan(u["kerja_bakti"]) == "Sudah dikerjakan warga bulan lalu."


def test_the_tracking_page_gives_the_rank_within_the_list(forum_empat_selesai):
    siring = forum_empat_selesai.usulan["siring"]
    html = Client().get(reverse("publik:lacak_detail", args=[siring.kode])).content.decode()
    # Third in the forum's order, first of the swadaya list.
    assert "Urutan 1 dalam daftar kegiatan swadaya." in html
    assert "Urutan 3" not in html
    assert "Swadaya masyarakat" in html


def test_the_berita_acara_has_output_1a_and_its_lampiran(forum_empat_selesai):
    with forum_empat_selesai.m.berita_acara.pdf.open("rb") as f:
        isi = f.read()
    teks = teks_pdf(isi)
    tata = teks_pdf_tata(isi)
    kesatu = tata[tata.index("KESATU") : tata.index("KEDUA")]
    assert "a. kegiatan yang dilaksanakan dengan dana kelurahan dalam Renja Kelurahan" in kesatu
    assert "sebanyak 1 kegiatan senilai Rp 150.000.000 sebagaimana tercantum dalam Lampiran II" in (
        kesatu
    )
    assert "b. kegiatan yang diusulkan melalui Musrenbang Kecamatan Banjarmasin Utara" in kesatu
    assert "senilai Rp 40.000.000 sebagaimana tercantum dalam Lampiran III" in kesatu
    lampiran2 = teks[teks.index("Lampiran II Berita") : teks.index("Lampiran III Berita")]
    assert "DAFTAR PRIORITAS KEGIATAN RENJA KELURAHAN" in lampiran2.upper()
    assert "Titian ulin RW 02" in lampiran2 and "Lampu jalan gang" not in lampiran2
    lampiran7 = teks[teks.index("Lampiran VII Berita") :]
    assert "Kerja bakti saluran" in lampiran7
    assert "Sudah dikerjakan warga bulan lalu." in lampiran7


def test_output_1a_as_a_page(forum_empat_selesai, camat_a):
    m = forum_empat_selesai.m
    response = klien(camat_a).get(reverse("musyawarah:keluaran", args=[m.pk, "kelurahan"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Daftar Prioritas Kegiatan Renja Kelurahan" in html
    assert "Titian ulin RW 02" in html and "Dana kelurahan (Renja kelurahan)" in html
    assert "Lampu jalan gang" not in html and "Siring sungai RW 01" not in html


def test_output_1a_as_a_pdf(forum_empat_selesai, operator_a):
    m = forum_empat_selesai.m
    response = klien(operator_a).get(reverse("musyawarah:unduh", args=[m.pk, "kelurahan", "pdf"]))
    teks = teks_pdf(isi_respons(response))
    assert "DAFTAR PRIORITAS KEGIATAN RENJA KELURAHAN" in teks.upper()
    assert "Titian ulin RW 02" in teks and "Dana kelurahan (Renja kelurahan)" in teks
    assert "JUMLAH SELURUHNYA 150.000.000" in teks
    assert "Lampu jalan gang" not in teks and m.berita_acara.kode in teks


def test_output_1a_as_excel_with_numbers(forum_empat_selesai, operator_a):
    m = forum_empat_selesai.m
    response = klien(operator_a).get(reverse("musyawarah:unduh", args=[m.pk, "kelurahan", "xlsx"]))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Didanai kelurahan-desa"]
    ws = wb.active
    baris = [r for r in ws.iter_rows() if r[2].value == "Titian ulin RW 02"]
    assert len(baris) == 1
    (r,) = baris
    volume, tahun, biaya, peringkat = r[5], r[8], r[9], r[12]
    assert [c.data_type for c in (volume, tahun, biaya, peringkat)] == ["n"] * 4
    assert (volume.value, tahun.value, biaya.value, peringkat.value) == (120, 2028, 150_000_000, 1)
    assert r[10].value == "Dana kelurahan (Renja kelurahan)" and r[11].value in (None, "")
    assert ws.cell(row=ws.max_row, column=3).value == "JUMLAH SELURUHNYA"
    assert ws.cell(row=ws.max_row, column=10).value == 150_000_000


def test_a_desa_prints_its_rkp_desa_and_apbdes(forum_empat_diputuskan, kelurahan_a, operator_a):
    Kelurahan.objects.filter(pk=kelurahan_a.pk).update(jenis=Kelurahan.Jenis.DESA)
    f = tetapkan_dan_ttd(operator_a, forum_empat_diputuskan)
    s = f.m.berita_acara.snapshot
    assert s["wilayah"]["rencana_kerja"] == "RKP Desa"
    assert s["wilayah"]["dana_sendiri"] == "APBDes"
    (kel,) = [r for k in s["kelurahan"]["kelompok"] for r in k["baris"]]
    assert kel["sumber"] == "APBDes (RKP Desa)"
    with f.m.berita_acara.pdf.open("rb") as pdf:
        isi = pdf.read()
    teks = teks_pdf(isi)
    assert "a. kegiatan yang dilaksanakan dengan APBDes dalam RKP Desa" in teks_pdf_tata(isi)
    assert "DAFTAR PRIORITAS KEGIATAN RKP DESA" in teks.upper()
    assert "Renja Kelurahan" not in teks
    _n, _mime, isi = cetak.pdf_keluaran("kelurahan", s)
    assert "APBDes (RKP Desa)" in teks_pdf(isi)
    titian = Usulan.objects.get(pk=f.usulan["titian"].pk)
    assert "Sumber pembiayaan menjadi APBDes (RKP Desa)." in titian.riwayat.last().alasan


def test_decisions_page_counts_output_1a(forum_empat, operator_a, pupr):
    _beri_pupr(operator_a, forum_empat, pupr)
    _putuskan(operator_a, forum_empat)
    html = klien(operator_a).get(reverse("musyawarah:pembahasan", args=[forum_empat.m.pk]))
    html = html.content.decode()
    assert "didanai kelurahan/desa: 1" in html and "ke kecamatan/kota: 1" in html
    assert "swadaya: 1" in html and "tidak disepakati: 1" in html and "belum: 0" in html


def test_a_didanai_desa_usulan_of_last_year_is_not_carried_over(
    operator_a, kelurahan_a, siklus, daerah
):
    lalu = SiklusFactory(daerah=daerah, tahun_rencana=2027, aktif=False)
    Siklus.objects.filter(pk=siklus.pk).update(aktif=False)
    Siklus.objects.filter(pk=lalu.pk).update(aktif=True)
    lama = buat_usulan(operator_a, kelurahan_a, judul="Rehab balai warga", ajukan=True)
    usulan_services.usulan_jadikan_didanai_desa(
        user=operator_a, usulan=lama, keterangan="Musrenbang 2026."
    )
    Siklus.objects.filter(pk=lalu.pk).update(aktif=False)
    Siklus.objects.filter(pk=siklus.pk).update(aktif=True)
    lama.refresh_from_db()
    assert lama.status == Status.DIDANAI_DESA
    with pytest.raises(DomainError, match="sudah didanai \\(Prioritas kelurahan/desa, didanai"):
        usulan_services.usulan_lanjutkan(user=operator_a, usulan=lama)
    assert not Usulan.objects.filter(usulan_asal=lama).exists()


def test_signed_snapshot_is_what_the_standalone_list_prints(forum_empat_selesai):
    s = forum_empat_selesai.m.berita_acara.snapshot
    _n, _mime, isi = cetak.pdf_keluaran("kelurahan", s, kode="X", url=URL.format("X"))
    assert "Titian ulin RW 02" in teks_pdf(isi)
