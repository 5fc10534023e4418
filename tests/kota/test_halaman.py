"""The kota forum's pages, its documents and its finality: what Bappeda sees and does,
the berita acara read back from its PDF, the query count of the decisions page, and a
signed forum that nothing can change any more."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from apps.akun.models import Peran
from apps.beranda.tugas import tugas_untuk
from apps.core.exceptions import DomainError
from apps.musyawarah import latihan, penetapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.kota import kesepakatan
from apps.musyawarah.kota import persiapan as kota_persiapan
from apps.musyawarah.models import Pembahasan
from apps.musyawarah.selectors import keterwakilan
from apps.siklus.models import Tahapan
from apps.usulan import services as usulan_services
from apps.usulan.models import Status, Usulan
from tests.factories import banyak_usulan
from tests.helpers import klien
from tests.kota.conftest import buka_dan_hadir, putuskan, rekaman, siapkan_kota, tetapkan_dan_ttd
from tests.musyawarah.bantu import isi_respons, teks_pdf
from tests.musyawarah.conftest import muat


def _url(m, name, *args):
    return reverse(f"musyawarah:{name}", args=[m.pk, *args])


@pytest.fixture
def kota_selesai(forum_kota, bappeda, dinkes):
    m = buka_dan_hadir(bappeda, siapkan_kota(bappeda, forum_kota))
    m = putuskan(
        bappeda,
        m,
        {
            "Siring sungai Sungai Miai": ("setuju", None, ""),
            "Titian ulin RW 02": ("tolak", None, "Sudah masuk program jalan lingkungan 2028"),
            "Jalan lingkungan Mantuil": ("setuju", None, ""),
            "Rehab gedung PAUD Mantuil": ("pindah", dinkes, "Kewenangan bangunan PAUD"),
        },
    )
    return tetapkan_dan_ttd(bappeda, m)


def test_bappeda_walks_the_forum_pages_and_decides_through_the_page(
    forum_kota, bappeda, pupr, dinkes
):
    m = siapkan_kota(bappeda, forum_kota)
    c = klien(bappeda)
    # The way in from the home page leads to the forum.
    assert c.get(reverse("musyawarah:kota")).url == _url(m, "ringkasan")
    html = c.get(_url(m, "ringkasan")).content.decode()
    assert "Musrenbang Kota Banjarmasin" in html and "1. Hasil kecamatan" in html
    html = c.get(_url(m, "hasil_kecamatan")).content.decode()
    assert "2 dari 2 kecamatan sudah menandatangani" in html
    assert "Banjarmasin Selatan" in html and "Tarik hasil terbaru" in html
    m = buka_dan_hadir(bappeda, m)
    rec = rekaman(m)
    response = c.get(_url(m, "kesepakatan"))
    html = response.content.decode()
    assert response.context["dipilih"].pd == pupr
    assert f"/kompilasi/?perangkat_daerah={pupr.pk}" in html
    assert "Siring sungai Sungai Miai" in html and "+ " in html  # its merged duplicate
    paud = rec["Rehab gedung PAUD Mantuil"]
    titian = rec["Titian ulin RW 02"]
    data = {"versi": m.versi, "pd": pupr.pk}
    for p in rec.values():
        data[f"keputusan-{p.pk}"] = "setuju"
    data[f"keputusan-{paud.pk}"] = "pindah"
    data[f"pd-{paud.pk}"] = dinkes.pk
    data[f"keputusan-{titian.pk}"] = "tolak"  # no reason: refused, what was typed stays
    response = c.post(_url(m, "kesepakatan"), data)
    assert response.status_code == 200
    assert "tuliskan alasannya" in response.content.decode()
    assert not Pembahasan.objects.filter(musyawarah=m).exclude(keputusan="belum").exists()
    data[f"alasan-{titian.pk}"] = "Sudah masuk program jalan lingkungan 2028"
    response = c.post(_url(m, "kesepakatan"), data)
    assert response.status_code == 302
    paud.refresh_from_db()
    assert paud.perangkat_daerah == dinkes and paud.keputusan == "kota"
    # A page opened before that save is refused.
    data["versi"] = m.versi
    response = c.post(_url(m, "kesepakatan"), data)
    assert "sudah diubah orang lain" in response.content.decode()
    # The moved usulan shows under Dinkes too.
    html = c.get(_url(m, "kesepakatan") + f"?pd={dinkes.pk}").content.decode()
    assert "1 usulan dipindahkan ke perangkat daerah ini" in html
    assert c.post(_url(m, "tetapkan")).status_code == 302
    assert muat(m).status == "penetapan"


def test_signed_berita_acara_read_back_and_the_public_verification(kota_selesai, bappeda):
    m = kota_selesai
    with m.berita_acara.pdf.open("rb") as f:
        teks = teks_pdf(f.read())
    assert "BERITA ACARA HASIL KESEPAKATAN" in teks.upper()
    assert "PEMERINTAH KOTA BANJARMASIN BADAN PERENCANAAN PEMBANGUNAN DAERAH" in teks  # kop
    assert "Nomor: 050/88/BA-BAPPEDA/2027" in teks
    assert "MENYEPAKATI" in teks and "Lampiran V" in teks
    assert "Siring sungai Sungai Miai" in teks and "Jalan lingkungan Mantuil" in teks
    assert "Sudah masuk program jalan lingkungan 2028" in teks
    assert "Kewenangan bangunan PAUD" in teks and "Dipindah dari Dinas PUPR" in teks
    assert "sebanyak 3 kegiatan" in teks
    assert m.berita_acara.kode in teks
    assert "Banjarmasin Utara" in teks and "Banjarmasin Selatan" in teks
    # The public verification page, without login, shows what was signed.
    html = klien(None).get(reverse("publik:verifikasi", args=[m.berita_acara.kode])).content
    html = html.decode()
    assert "Musrenbang Kota Banjarmasin" in html and "3 kegiatan" in html
    assert "Dipindah ke perangkat daerah lain" in html
    # Every output as Excel from the signed snapshot.
    r = klien(bappeda).get(_url(m, "unduh", "berita_acara", "xlsx"))
    wb = load_workbook(io.BytesIO(isi_respons(r)))
    assert wb.sheetnames == [
        "Daftar hadir",
        "Disepakati per PD",
        "Dipindah",
        "Tidak disepakati",
        "Per kecamatan",
    ]
    rows = [[c.value for c in r] for r in wb["Disepakati per PD"].iter_rows()]
    assert rows[3][:4] == ["No", "Prioritas Daerah", "Program", "Kegiatan Prioritas"]
    assert rows[4][1] == "Dinas Kesehatan"  # the block of the perangkat daerah moved to
    paud = rows[5]
    assert paud[3] == "Rehab gedung PAUD Mantuil" and paud[9] == 90_000_000
    assert paud[14] == "Dipindah dari Dinas PUPR: Kewenangan bangunan PAUD"
    # Amounts and the kecamatan's place are numbers, not text that looks like one.
    assert isinstance(paud[9], int) and isinstance(paud[12], int)
    assert (
        rows[-1][1] == "JUMLAH SELURUHNYA"
        and rows[-1][9]
        == m.berita_acara.snapshot["disepakati"]["total"]
        == 90_000_000 + 250_000_000 + 150_000_000
    )


def test_signed_is_final(kota_selesai, bappeda, dinkes):
    m = kota_selesai
    p = rekaman(m)["Jalan lingkungan Mantuil"]
    with pytest.raises(DomainError, match="sudah ditandatangani"):
        kesepakatan.kesepakatan_simpan(
            user=bappeda,
            musyawarah=m,
            versi=m.versi,
            baris=[
                {
                    "pembahasan_id": p.pk,
                    "keputusan": "tolak",
                    "perangkat_daerah_id": None,
                    "alasan": "x",
                }
            ],
        )
    with pytest.raises(DomainError, match="sudah ditandatangani"):
        kota_persiapan.hasil_kecamatan_tarik(user=bappeda, musyawarah=m)
    with pytest.raises(DomainError, match="sudah ditandatangani"):
        peserta_services.peserta_simpan(
            user=bappeda,
            musyawarah=m,
            data={"nama": "Terlambat", "jenis_kelamin": "L", "unsur": "masyarakat"},
        )
    with pytest.raises(DomainError, match="sudah ditandatangani"):
        penetapan.berita_acara_tandatangani(user=bappeda, musyawarah=m, url_verifikasi=str)
    # The usulan it decided take no second decision.
    with pytest.raises(DomainError, match="tidak berlaku"):
        usulan_services.usulan_tolak_kota(user=bappeda, usulan=p.usulan, alasan="x")
    # No page offers a change any more.
    c = klien(bappeda)
    html = c.get(_url(m, "kesepakatan")).content.decode()
    # Only the perangkat daerah chooser is left: no decision can be changed.
    assert 'name="keputusan-' not in html and "Simpan kesepakatan" not in html
    assert "Tarik hasil" not in c.get(_url(m, "hasil_kecamatan")).content.decode()
    # Reprints read the signed snapshot, never live data.
    Usulan.objects.filter(pk=p.usulan_id).update(judul="Judul diubah diam-diam")
    html = c.get(_url(m, "keluaran", "disepakati")).content.decode()
    assert "Jalan lingkungan Mantuil" in html and "diam-diam" not in html


def test_keterwakilan_per_kecamatan_names_who_is_missing(forum_kota, bappeda):
    m = siapkan_kota(bappeda, forum_kota)
    ket = keterwakilan(m)  # before the forum opens: the invitees
    dimensi = {d.nama: d for d in ket.dimensi}
    assert {k.label: k.jumlah for k in dimensi["Kecamatan"].kelompok} == {
        "Banjarmasin Selatan": 3,
        "Banjarmasin Utara": 3,
    }
    perempuan = {k.label: k.jumlah for k in dimensi["Perempuan dari setiap kecamatan"].kelompok}
    assert perempuan["Banjarmasin Selatan"] == 1  # Hj. Rahmah, Mantuil's delegate
    assert dimensi["Unsur peserta"].kurang == []
    m = buka_dan_hadir(bappeda, m)
    utara = m.peserta.filter(kecamatan_asal__nama="Banjarmasin Utara")
    for p in utara:
        peserta_services.peserta_hadir(user=bappeda, peserta=p, hadir=False)
    ket = keterwakilan(muat(m))
    assert ("Kecamatan", "Banjarmasin Utara") in ket.kurang
    html = klien(bappeda).get(_url(m, "keterwakilan")).content.decode()
    assert "Banjarmasin Utara" in html and "setiap kecamatan" in html


def test_a_practice_run_signs_without_touching_any_usulan(forum_kota, bappeda):
    m = buka_dan_hadir(bappeda, siapkan_kota(bappeda, forum_kota))
    lat = latihan.latihan_buat(user=bappeda, musyawarah=muat(m))
    assert lat.pembahasan.filter(digabung_ke__musyawarah=lat).count() == 1
    lat = putuskan(
        bappeda,
        lat,
        {judul: ("tolak", None, "Latihan") for judul in rekaman(lat)},
    )
    tetapkan_dan_ttd(bappeda, lat)
    assert muat(lat).ditandatangani and muat(lat).berita_acara is None
    assert not Usulan.objects.filter(status__in=[Status.DITERIMA, Status.DITOLAK]).exists()


def test_the_home_page_steps_lead_bappeda_to_its_forum():
    for jenis in (Tahapan.Jenis.FORUM_PERANGKAT_DAERAH, Tahapan.Jenis.MUSRENBANG_KOTA):
        langkah = [t for t in tugas_untuk(Peran.ADMIN_BAPPEDA, jenis) if t.url_name]
        assert [t.url_name for t in langkah] == ["musyawarah:kota"]
    assert reverse("musyawarah:kota") == "/musyawarah/kota/"


def test_the_forum_list_offers_bappeda_to_start_its_forum(bappeda, camat_a, daerah, siklus):
    c = klien(bappeda)
    html = c.get(reverse("musyawarah:daftar")).content.decode()
    assert "Mulai persiapan Musrenbang kota" in html
    r = c.post(reverse("musyawarah:buat_kota"), {"daerah": daerah.kode})
    assert r.status_code == 302
    assert "Musrenbang Kota Banjarmasin" in c.get(r.url).content.decode()
    assert (
        "Musrenbang kota" not in klien(camat_a).get(reverse("musyawarah:daftar")).content.decode()
    )


def _forum_dengan(n, bappeda, daerah, siklus, kelurahan_a, pupr, dinkes):
    m = kota_persiapan.musyawarah_kota_buat(user=bappeda, daerah=daerah)
    usulan = banyak_usulan(
        siklus,
        kelurahan_a,
        n,
        status=Status.DITERUSKAN_KOTA,
        sumber_pembiayaan="apbd",
        perangkat_daerah=pupr,
    )
    utama = [
        Pembahasan.objects.create(musyawarah=m, usulan=u, urutan_asal=i)
        for i, u in enumerate(usulan[:-1], 1)
    ]
    # One merged duplicate, one moved and one not agreed: every kind of row.
    Pembahasan.objects.create(musyawarah=m, usulan=usulan[-1], digabung_ke=utama[0])
    Pembahasan.objects.filter(pk=utama[0].pk).update(keputusan="kota", perangkat_daerah=dinkes)
    Pembahasan.objects.filter(pk=utama[1].pk).update(keputusan="ditolak", alasan="x")
    return m


@pytest.mark.parametrize("berlangsung", [False, True])
def test_the_decisions_page_query_count_does_not_grow_with_usulan(
    berlangsung, bappeda, daerah, siklus, kelurahan_a, pupr, dinkes
):
    jumlah = []
    for n in (4, 24):
        Pembahasan.objects.all().delete()
        from apps.musyawarah.models import Musyawarah

        for lama in Musyawarah.objects.filter(tingkat="kota"):
            lama.penandatangan.all().delete()
            lama.delete()
        m = _forum_dengan(n, bappeda, daerah, siklus, kelurahan_a, pupr, dinkes)
        if berlangsung:
            m = buka_dan_hadir(bappeda, siapkan_kota(bappeda, m))
        c = klien(bappeda)
        c.get(_url(m, "kesepakatan"))  # warm the session
        with CaptureQueriesContext(connection) as q:
            response = c.get(_url(m, "kesepakatan") + f"?pd={pupr.pk}")
        assert len(response.context["dipilih"].baris) == n - 1
        jumlah.append(len(q.captured_queries))
    assert jumlah[0] == jumlah[1], jumlah
    assert jumlah[1] <= 16
