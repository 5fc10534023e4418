"""Forum materials: checked by content, size-limited, scoped downloads, named in the
berita acara, their files removed with them."""

import hashlib

import pytest
from django.db import IntegrityError
from django.db.models.signals import pre_save
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.dokumen.berkas import kenali_format
from apps.musyawarah import latihan, materi
from apps.musyawarah.models import MateriMusyawarah
from tests.helpers import klien
from tests.musyawarah.bantu import (
    docx_asli,
    gambar_asli,
    isi_respons,
    pdf_asli,
    teks_pdf,
    unggahan,
    xlsx_asli,
    zip_bom,
    zip_tanpa_office,
)
from tests.musyawarah.conftest import putuskan, tetapkan_dan_ttd

DITOLAK = "Isi berkas bukan PDF, Excel (XLSX), Word (DOCX), JPG, PNG."


def _berkas(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def tambah(op, m, nama, isi, judul="Paparan kajian"):
    return materi.materi_tambah(user=op, musyawarah=m, judul=judul, berkas=unggahan(nama, isi))


@pytest.mark.parametrize(
    ("nama", "buat", "fmt"),
    [
        ("paparan.pdf", pdf_asli, "pdf"),
        ("rekap.xlsx", xlsx_asli, "xlsx"),
        ("notulen.docx", docx_asli, "docx"),
        ("foto.png", lambda: gambar_asli("PNG"), "png"),
        ("foto.jpg", lambda: gambar_asli("JPEG"), "jpg"),
        # The name does not matter, the content does.
        ("tanpa-ekstensi", pdf_asli, "pdf"),
        ("gambar.pdf", lambda: gambar_asli("PNG"), "png"),
    ],
)
def test_each_accepted_format_is_recognised_by_content(
    nama, buat, fmt, forum_siap, operator_a, settings
):
    isi = buat()
    assert kenali_format(isi) == fmt
    x = tambah(operator_a, forum_siap.m, nama, isi)
    assert (x.format, x.ukuran, x.sha256) == (fmt, len(isi), hashlib.sha256(isi).hexdigest())
    assert x.berkas.name.endswith(f".{fmt}") and x.diunggah_oleh == operator_a
    with x.berkas.open("rb") as f:
        assert f.read() == isi
    # Stored under an unguessable name, not the uploaded one.
    assert nama.rsplit(".", 1)[0] not in x.berkas.name
    assert len(_berkas(settings)) == 1


@pytest.mark.parametrize(
    ("nama", "buat", "pesan"),
    [
        ("laporan.pdf", lambda: b"Ini hanya teks biasa, bukan PDF.\n" * 20, DITOLAK),
        (
            "paparan.pdf",
            lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            DITOLAK,
        ),
        ("program.pdf", lambda: b"MZ\x90\x00\x03" + b"\x00" * 200, DITOLAK),
        ("arsip.docx", zip_tanpa_office, DITOLAK),
        ("bom.docx", zip_bom, "Berkas Office ini tidak wajar (isinya terlalu besar)."),
        ("rusak.png", lambda: b"\x89PNG\r\n\x1a\n" + b"bukan gambar" * 10, DITOLAK),
        ("besar.pdf", lambda: b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "Berkas terlalu besar"),
        ("kosong.pdf", lambda: b"", "Berkas kosong."),
    ],
)
def test_refused_content_leaves_nothing(nama, buat, pesan, forum_siap, operator_a, settings):
    with pytest.raises(DomainError) as e:
        tambah(operator_a, forum_siap.m, nama, buat())
    assert pesan in e.value.message
    assert not MateriMusyawarah.objects.exists()
    assert _berkas(settings) == []


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    isi = zip_bom()
    assert len(isi) < 1024 * 1024  # small on the wire...
    with pytest.raises(DomainError, match="tidak wajar"):
        kenali_format(isi)  # ...and refused from its table of contents alone


def test_exactly_ten_megabytes_is_accepted(forum_siap, operator_a):
    isi = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 - 9)
    assert len(isi) == 10 * 1024 * 1024
    assert tambah(operator_a, forum_siap.m, "pas.pdf", isi).ukuran == len(isi)


def test_at_most_twenty_materials(forum_siap, operator_a, settings):
    png = gambar_asli("PNG")
    for i in range(20):
        tambah(operator_a, forum_siap.m, f"{i}.png", png, judul=f"Foto {i}")
    with pytest.raises(DomainError, match="Bahan musyawarah paling banyak 20 berkas."):
        tambah(operator_a, forum_siap.m, "21.png", png, judul="Foto 21")
    assert forum_siap.m.materi.count() == 20
    assert len(_berkas(settings)) == 20


def test_a_failed_save_removes_the_file_it_wrote(forum_siap, operator_a, settings):
    """The file is written before the row; if the row cannot be saved, the file goes."""

    def gagal(sender, instance, **kwargs):
        raise IntegrityError("disk database penuh")

    pre_save.connect(gagal, sender=MateriMusyawarah, dispatch_uid="uji-gagal")
    try:
        with pytest.raises(IntegrityError):
            tambah(operator_a, forum_siap.m, "a.pdf", pdf_asli())
    finally:
        pre_save.disconnect(dispatch_uid="uji-gagal", sender=MateriMusyawarah)
    assert _berkas(settings) == []


def test_a_too_long_title_is_refused_before_any_file_is_written(forum_siap, operator_a, settings):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as e:
        tambah(operator_a, forum_siap.m, "a.pdf", pdf_asli(), judul="x" * 201)
    assert "judul" in e.value.error_dict
    assert _berkas(settings) == []


def test_the_page_lists_the_material_and_offers_the_upload(forum_siap, operator_a, camat_a):
    x = tambah(operator_a, forum_siap.m, "a.pdf", pdf_asli(), judul="Paparan Dinas PUPR")
    url = reverse("musyawarah:ringkasan", args=[forum_siap.m.pk])
    html = klien(operator_a).get(url).content.decode()
    unduh = reverse("musyawarah:materi_unduh", args=[forum_siap.m.pk, x.pk])
    assert "Paparan Dinas PUPR" in html and unduh in html and "Lampirkan bahan" in html
    html = klien(camat_a).get(url).content.decode()
    assert unduh in html and "Lampirkan bahan" not in html
    assert reverse("musyawarah:materi_hapus", args=[forum_siap.m.pk, x.pk]) not in html


def test_upload_from_the_page(forum_siap, operator_a):
    response = klien(operator_a).post(
        reverse("musyawarah:materi_tambah", args=[forum_siap.m.pk]),
        {"judul": "Rekap usulan RW", "berkas": unggahan("rekap.xlsx", xlsx_asli())},
        follow=True,
    )
    assert "Bahan musyawarah ditambahkan." in response.content.decode()
    assert forum_siap.m.materi.get().format == "xlsx"


def test_download_is_an_attachment_never_sniffed(forum_siap, operator_a, camat_a):
    isi = pdf_asli("Paparan")
    x = tambah(operator_a, forum_siap.m, "apa saja.pdf", isi, judul="Paparan Dinas PUPR")
    url = reverse("musyawarah:materi_unduh", args=[forum_siap.m.pk, x.pk])
    for user in (operator_a, camat_a):
        response = klien(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="paparan-dinas-pupr.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert isi_respons(response) == isi


def test_download_is_scoped(forum_siap, operator_a, operator_b, kelurahan_b, skpd_pupr):
    from apps.musyawarah import persiapan

    x = tambah(operator_a, forum_siap.m, "a.pdf", pdf_asli())
    url = reverse("musyawarah:materi_unduh", args=[forum_siap.m.pk, x.pk])
    assert klien(operator_b).get(url).status_code == 404
    assert klien(skpd_pupr).get(url).status_code == 404
    assert klien(None).get(url).status_code == 302
    # Through another forum's address, even one the user sees: not found.
    lain = persiapan.musyawarah_desa_buat(user=operator_b, kelurahan=kelurahan_b)
    url_lain = reverse("musyawarah:materi_unduh", args=[lain.pk, x.pk])
    assert klien(operator_b).get(url_lain).status_code == 404


def test_deleting_removes_the_file(
    forum_siap, operator_a, settings, django_capture_on_commit_callbacks
):
    x = tambah(operator_a, forum_siap.m, "a.pdf", pdf_asli())
    with django_capture_on_commit_callbacks(execute=True):
        response = klien(operator_a).post(
            reverse("musyawarah:materi_hapus", args=[forum_siap.m.pk, x.pk])
        )
    assert response.status_code == 302
    assert not MateriMusyawarah.objects.exists()
    assert _berkas(settings) == []


def test_a_file_a_practice_run_still_uses_stays(
    forum_siap, operator_a, settings, django_capture_on_commit_callbacks
):
    x = tambah(operator_a, forum_siap.m, "a.pdf", pdf_asli())
    lat = latihan.latihan_buat(user=operator_a, musyawarah=forum_siap.m)
    salinan = lat.materi.get()
    assert salinan.berkas.name == x.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        materi.materi_hapus(user=operator_a, materi=x)
    assert [p.name for p in _berkas(settings)] == [x.berkas.name.rsplit("/", 1)[1]]
    # Once its last user removes it, the file goes.
    with django_capture_on_commit_callbacks(execute=True):
        materi.materi_hapus(user=operator_a, materi=salinan)
    assert _berkas(settings) == []


def test_deleting_the_practice_run_last_removes_the_shared_file(
    forum_siap, operator_a, settings, django_capture_on_commit_callbacks
):
    x = tambah(operator_a, forum_siap.m, "a.pdf", pdf_asli())
    y = tambah(operator_a, forum_siap.m, "b.png", gambar_asli("PNG"), judul="Foto")
    lat = latihan.latihan_buat(user=operator_a, musyawarah=forum_siap.m)
    with django_capture_on_commit_callbacks(execute=True):
        materi.materi_hapus(user=operator_a, materi=x)
    assert len(_berkas(settings)) == 2  # the practice run still shows the PDF
    with django_capture_on_commit_callbacks(execute=True):
        latihan.latihan_hapus(user=operator_a, latihan=lat)
    # The PDF no row points at is gone; the photo the real forum still has stays.
    assert [p.name for p in _berkas(settings)] == [y.berkas.name.rsplit("/", 1)[1]]


def test_camat_cannot_add_or_delete(forum_siap, operator_a, camat_a):
    x = tambah(operator_a, forum_siap.m, "a.pdf", pdf_asli())
    client = klien(camat_a)
    tambah_url = reverse("musyawarah:materi_tambah", args=[forum_siap.m.pk])
    assert (
        client.post(tambah_url, {"judul": "x", "berkas": unggahan("b.pdf", pdf_asli())}).status_code
        == 403
    )
    hapus_url = reverse("musyawarah:materi_hapus", args=[forum_siap.m.pk, x.pk])
    assert client.post(hapus_url).status_code == 403
    assert forum_siap.m.materi.count() == 1


def test_the_signed_berita_acara_names_the_materials(forum_berjalan, operator_a):
    f = forum_berjalan
    tambah(operator_a, f.m, "a.pdf", pdf_asli(), judul="Paparan Dinas PUPR")
    tambah(operator_a, f.m, "b.xlsx", xlsx_asli(), judul="Rekap usulan per RW")
    f = tetapkan_dan_ttd(operator_a, putuskan(operator_a, f))
    s = f.m.berita_acara.snapshot
    assert s["materi"] == [
        {"judul": "Paparan Dinas PUPR", "jenis": "Bahan musyawarah lainnya"},
        {"judul": "Rekap usulan per RW", "jenis": "Bahan musyawarah lainnya"},
    ]
    with f.m.berita_acara.pdf.open("rb") as pdf:
        teks = teks_pdf(pdf.read())
    assert "Renstra Kelurahan, Paparan Dinas PUPR, Rekap usulan per RW." in teks
    html = klien(operator_a).get(reverse("musyawarah:keluaran", args=[f.m.pk, "berita_acara"]))
    assert "Paparan Dinas PUPR; Rekap usulan per RW" in html.content.decode()
    # No material can be added or removed once signed.
    with pytest.raises(DomainError, match="tidak dapat dilakukan lagi"):
        materi.materi_hapus(user=operator_a, materi=f.m.materi.first())
    assert f.m.materi.count() == 2
