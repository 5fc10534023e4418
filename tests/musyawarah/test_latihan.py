"""Practice runs (latihan): rehearse the whole forum before its date; nothing official."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.exceptions import DomainError
from apps.core.formatting import tanggal as fmt_tanggal
from apps.core.formatting import tanggal_hari
from apps.dokumen.models import DokumenFinal
from apps.musyawarah import latihan as latihan_services
from apps.musyawarah import materi, pembahasan, penetapan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.models import (
    Keputusan,
    Musyawarah,
    Pembahasan,
    Penandatangan,
    Peserta,
    StatusMusyawarah,
)
from apps.siklus.selectors import hari_ini
from apps.usulan import kajian
from apps.usulan import services as usulan_services
from apps.usulan.models import Masalah, PenutupanUsulan, Status, Usulan
from tests.factories import buat_usulan
from tests.helpers import klien
from tests.musyawarah.bantu import isi_respons, jejak, pdf_asli, teks_pdf, unggahan
from tests.musyawarah.conftest import URL, Forum, muat, siapkan, undang

S = StatusMusyawarah


@pytest.fixture
def forum_nanti(operator_a, kelurahan_a, siklus, pupr):
    """Preparation complete for a forum ten days from now, invitations sent today; three
    submitted usulan, a masalah and a material."""
    usulan = [
        buat_usulan(
            operator_a,
            kelurahan_a,
            judul="Siring sungai RW 01",
            sumber_pembiayaan="apbd",
            perangkat_daerah=pupr,
            ajukan=True,
        ),
        buat_usulan(operator_a, kelurahan_a, judul="Posyandu RW 02", ajukan=True),
        buat_usulan(operator_a, kelurahan_a, judul="Kerja bakti saluran", ajukan=True),
    ]
    masalah = kajian.masalah_simpan(
        user=operator_a, kelurahan=kelurahan_a, data={"sektor": "lingkungan", "uraian": "Banjir"}
    )
    m = persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)
    m = siapkan(operator_a, m, tanggal=hari_ini() + datetime.timedelta(days=10), undangan_hari=10)
    peserta = undang(operator_a, m)
    materi.materi_tambah(
        user=operator_a, musyawarah=m, judul="Paparan kajian", berkas=unggahan("a.pdf", pdf_asli())
    )
    return Forum(muat(m), peserta, usulan, masalah)


def _jalankan_latihan(op, f) -> Musyawarah:
    """Open, record, decide and "sign" the practice run of ``f`` the way the real forum
    would be; returns it signed."""
    lat = latihan_services.latihan_buat(user=op, musyawarah=f.m)
    lat = persiapan.musyawarah_mulai(user=op, musyawarah=lat)
    hadir = list(lat.peserta.order_by("pk"))
    for p in hadir:
        peserta_services.peserta_hadir(user=op, peserta=p)
    lat = muat(lat)
    keputusan = [Keputusan.KOTA, Keputusan.KELURAHAN, Keputusan.SWADAYA]
    pembahasan.pembahasan_simpan(
        user=op,
        musyawarah=lat,
        baris=[
            {"usulan_id": u.pk, "urutan": i, "keputusan": k, "alasan": ""}
            for i, (u, k) in enumerate(zip(f.usulan, keputusan, strict=True), start=1)
        ],
        versi=lat.versi,
    )
    pembahasan.masalah_prioritas_simpan(user=op, musyawarah=lat, masalah_ids=[f.masalah.pk])
    lat = muat(lat)
    peserta_services.delegasi_simpan(
        user=op, musyawarah=lat, peserta_ids=[hadir[0].pk, hadir[2].pk], versi=lat.versi
    )
    pembahasan.catatan_simpan(user=op, musyawarah=lat, data={"nomor_berita_acara": "LAT/1"})
    pembahasan.musyawarah_tetapkan(user=op, musyawarah=muat(lat))
    p = {x.nama: x for x in hadir}
    penetapan.penandatangan_simpan(
        user=op,
        musyawarah=muat(lat),
        pimpinan=p["Syahrani"],
        jabatan_pimpinan="Lurah Sungai Miai",
        notulen=p["Rina"],
        wakil={"pemerintah": p["Syahrani"], "swasta": p["Rina"], "masyarakat": p["Hj. Rahmah"]},
    )
    return penetapan.berita_acara_tandatangani(
        user=op, musyawarah=muat(lat), url_verifikasi=URL.format
    )


def test_the_real_forum_opens_only_on_its_date(forum_nanti, operator_a):
    m = forum_nanti.m
    with pytest.raises(DomainError) as e:
        persiapan.musyawarah_mulai(user=operator_a, musyawarah=m)
    assert e.value.message == (
        f"Musyawarah dijadwalkan {fmt_tanggal(m.tanggal)}; pelaksanaan dapat dimulai pada hari itu."
    )
    html = klien(operator_a).get(reverse("musyawarah:ringkasan", args=[m.pk])).content.decode()
    assert f"Musyawarah dapat dibuka pada {tanggal_hari(m.tanggal)} (10 hari lagi)" in html
    tombol = re.search(r'action="[^"]*/mulai/"[^>]*>.*?<button[^>]*>', html, re.S).group(0)
    assert "disabled" in tombol
    assert muat(m).status == S.PERSIAPAN


def test_starting_a_practice_run_from_the_page(forum_nanti, operator_a):
    m = forum_nanti.m
    client = klien(operator_a)
    response = client.post(reverse("musyawarah:latihan_buat", args=[m.pk]), follow=True)
    lat = Musyawarah.objects.get(latihan_dari=m)
    assert response.redirect_chain[-1][0] == reverse("musyawarah:ringkasan", args=[lat.pk])
    html = response.content.decode()
    assert "Latihan dibuat." in html and "banner-latihan" in html
    assert (lat.latihan, lat.status, lat.tanggal, lat.berita_acara) == (
        True,
        S.PERSIAPAN,
        m.tanggal,
        None,
    )
    # Its own copies of every part; the same people, agenda, TPM and materials.
    for bagian in ("tpm", "pemandu", "agenda", "logistik", "peserta", "materi"):
        asli = getattr(m, bagian).order_by("pk")
        salinan = getattr(lat, bagian).order_by("pk")
        assert salinan.count() == asli.count() > 0, bagian
        assert not set(salinan.values_list("pk", flat=True)) & set(
            asli.values_list("pk", flat=True)
        )
    assert list(lat.peserta.order_by("pk").values_list("nama", flat=True)) == [
        p.nama for p in forum_nanti.peserta
    ]
    # It opens today, ten days before the real forum.
    tombol = re.search(r'action="[^"]*/mulai/"[^>]*>.*?<button[^>]*>', html, re.S).group(0)
    assert "disabled" not in tombol
    client.post(reverse("musyawarah:mulai", args=[lat.pk]))
    assert muat(lat).status == S.PELAKSANAAN
    assert muat(m).status == S.PERSIAPAN


def test_a_practice_run_goes_all_the_way_and_touches_nothing(forum_nanti, operator_a):
    f = forum_nanti
    sebelum = jejak(f.m)
    lat = _jalankan_latihan(operator_a, f)
    assert lat.status == S.SELESAI and lat.ditandatangani
    assert lat.berita_acara is None
    assert lat.snapshot_latihan["latihan"] is True
    assert lat.snapshot_latihan["nomor"] == "LAT/1"
    assert [r["judul"] for r in lat.snapshot_latihan["swadaya"]["baris"]] == ["Kerja bakti saluran"]
    assert not DokumenFinal.objects.exists()
    # No usulan moved, no masalah locked, the submission still open.
    assert set(Usulan.objects.values_list("status", flat=True)) == {Status.DIAJUKAN}
    assert not Masalah.objects.get(pk=f.masalah.pk).terkunci
    assert not PenutupanUsulan.objects.exists()
    baru = buat_usulan(operator_a, f.m.kelurahan, judul="Masih bisa diajukan")
    assert usulan_services.usulan_ajukan(user=operator_a, usulan=baru).status == Status.DIAJUKAN
    # The real forum is as it was, nobody present there.
    assert jejak(f.m) == sebelum
    # A practice run has no hand-signed scan.
    with pytest.raises(DomainError, match="Latihan tidak ditandatangani sungguhan"):
        penetapan.berita_acara_unggah_pindaian(
            user=operator_a, musyawarah=lat, berkas=unggahan("scan.pdf", pdf_asli())
        )


@pytest.mark.parametrize("jenis", ["berita_acara", "prioritas", "kelurahan", "hadir"])
def test_practice_documents_say_latihan_and_carry_no_code(jenis, forum_nanti, operator_a):
    lat = _jalankan_latihan(operator_a, forum_nanti)
    client = klien(operator_a)
    teks = teks_pdf(
        isi_respons(client.get(reverse("musyawarah:unduh", args=[lat.pk, jenis, "pdf"])))
    )
    assert "LATIHAN" in teks
    assert "Kode verifikasi" not in teks and "/verifikasi/" not in teks
    assert "DRAF" not in teks
    html = client.get(reverse("musyawarah:keluaran", args=[lat.pk, jenis])).content.decode()
    assert '<span class="badge text-bg-warning">LATIHAN</span>' in html
    assert "tidak dapat diverifikasi" in html
    assert "publik/verifikasi" not in html and "/verifikasi/" not in html
    wb = load_workbook(
        io.BytesIO(client.get(reverse("musyawarah:unduh", args=[lat.pk, jenis, "xlsx"])).content)
    )
    kepala = [ws.cell(row=r, column=1).value for ws in wb for r in (1, 2, 3)]
    assert "LATIHAN — bukan dokumen resmi" in kepala


def test_nothing_of_a_practice_run_is_verifiable(forum_nanti, operator_a):
    lat = _jalankan_latihan(operator_a, forum_nanti)
    assert not DokumenFinal.objects.exists()
    html = klien(operator_a).get(reverse("musyawarah:ringkasan", args=[lat.pk])).content.decode()
    assert "Latihan selesai." in html
    assert not re.search(r"kode verifikasi [A-Z0-9]{4}-[A-Z0-9]{4}", html, re.I)
    assert "/verifikasi/" not in html
    assert "Unggah pindaian" not in html


def test_deleting_a_practice_run_removes_it_and_all_its_rows(forum_nanti, operator_a, settings):
    f = forum_nanti
    sebelum = jejak(f.m)
    lat = _jalankan_latihan(operator_a, f)
    berkas = f.m.materi.get().berkas
    response = klien(operator_a).post(
        reverse("musyawarah:latihan_hapus", args=[lat.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("musyawarah:ringkasan", args=[f.m.pk])
    assert "Latihan dihapus." in response.content.decode()
    assert not Musyawarah.objects.filter(pk=lat.pk).exists()
    for model in (Peserta, Pembahasan, Penandatangan):
        assert not model.objects.filter(musyawarah_id=lat.pk).exists(), model
    assert Peserta.objects.filter(musyawarah=f.m).count() == 5
    assert jejak(f.m) == sebelum
    # The material the two shared is still the real forum's.
    assert berkas.storage.exists(berkas.name)
    # A new practice run may be started again.
    assert latihan_services.latihan_buat(user=operator_a, musyawarah=f.m).latihan


def test_a_practice_run_copied_with_its_signatories_can_be_deleted(forum_ditetapkan, operator_a):
    """A forum in penetapan has signatories; its practice run copies them (pointing at its
    own participants) and is still deleted in one click."""
    lat = latihan_services.latihan_buat(user=operator_a, musyawarah=forum_ditetapkan.m)
    assert lat.penandatangan.count() == forum_ditetapkan.m.penandatangan.count() == 5
    assert {t.peserta.musyawarah_id for t in lat.penandatangan.all()} == {lat.pk}
    response = klien(operator_a).post(reverse("musyawarah:latihan_hapus", args=[lat.pk]))
    assert response.status_code == 302
    assert not Musyawarah.objects.filter(pk=lat.pk).exists()
    assert forum_ditetapkan.m.penandatangan.count() == 5


def test_one_practice_run_at_a_time(forum_nanti, operator_a):
    latihan_services.latihan_buat(user=operator_a, musyawarah=forum_nanti.m)
    with pytest.raises(DomainError, match="Latihan musyawarah ini sudah ada; hapus dulu"):
        latihan_services.latihan_buat(user=operator_a, musyawarah=forum_nanti.m)
    html = (
        klien(operator_a)
        .post(reverse("musyawarah:latihan_buat", args=[forum_nanti.m.pk]), follow=True)
        .content.decode()
    )
    assert "Latihan musyawarah ini sudah ada" in html
    assert Musyawarah.objects.filter(latihan=True).count() == 1


def test_no_practice_run_of_a_practice_run(forum_nanti, operator_a):
    lat = latihan_services.latihan_buat(user=operator_a, musyawarah=forum_nanti.m)
    with pytest.raises(DomainError, match="Ini sudah latihan."):
        latihan_services.latihan_buat(user=operator_a, musyawarah=lat)


def test_no_practice_run_of_a_signed_forum(forum_selesai, operator_a):
    response = klien(operator_a).post(
        reverse("musyawarah:latihan_buat", args=[forum_selesai.m.pk]), follow=True
    )
    assert "Musyawarah ini sudah ditandatangani; latihan tidak diperlukan." in (
        response.content.decode()
    )
    assert not Musyawarah.objects.filter(latihan=True).exists()


def test_only_a_practice_run_can_be_deleted(forum_nanti, operator_a):
    response = klien(operator_a).post(
        reverse("musyawarah:latihan_hapus", args=[forum_nanti.m.pk]), follow=True
    )
    assert "Hanya latihan yang dapat dihapus." in response.content.decode()
    assert Musyawarah.objects.filter(pk=forum_nanti.m.pk).exists()


def test_the_forum_list_shows_no_practice_run(forum_nanti, operator_a, camat_a, kelurahan_a2):
    lat = latihan_services.latihan_buat(user=operator_a, musyawarah=forum_nanti.m)
    for user in (operator_a, camat_a):
        response = klien(user).get(reverse("musyawarah:daftar"))
        html = response.content.decode()
        assert reverse("musyawarah:ringkasan", args=[lat.pk]) not in html
        assert reverse("musyawarah:ringkasan", args=[forum_nanti.m.pk]) in html
        nama = [b.kelurahan.nama for b in response.context["baris"]]
        assert nama.count("Sungai Miai") == 1
        assert all(b.forum is None or not b.forum.latihan for b in response.context["baris"])


@pytest.mark.parametrize("url_name", ["latihan_buat", "latihan_hapus"])
def test_another_kelurahan_gets_404_and_the_camat_403(
    url_name, forum_nanti, operator_a, operator_b, camat_a
):
    lat = latihan_services.latihan_buat(user=operator_a, musyawarah=forum_nanti.m)
    pk = forum_nanti.m.pk if url_name == "latihan_buat" else lat.pk
    url = reverse(f"musyawarah:{url_name}", args=[pk])
    assert klien(operator_b).post(url).status_code == 404
    assert klien(camat_a).post(url).status_code == 403
    assert Musyawarah.objects.filter(latihan=True).count() == 1
    with pytest.raises(PermissionDenied):
        latihan_services.latihan_hapus(user=camat_a, latihan=lat)
    assert Musyawarah.objects.filter(pk=lat.pk).exists()
