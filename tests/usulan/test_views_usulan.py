import re
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.usulan.models import Status, Usulan
from tests.factories import LingkunganFactory, banyak_usulan, buat_usulan
from tests.helpers import klien
from tests.usulan.conftest import gambar


def _form(kelurahan, **overrides):
    data = {
        "judul": "Rehab jembatan titian ulin",
        "bidang": "pembangunan",
        "sektor": "infrastruktur",
        "permasalahan": "Titian lapuk",
        "lingkungan": kelurahan.lingkungan.get(nomor=1).pk,
        "volume": "40",
        "satuan": "m",
        "sasaran": "Anak sekolah",
        "perkiraan_biaya": "Rp 150.000.000",
        "sumber_pembiayaan": "swadaya",
        "pengusul": "Ketua RT 02",
    }
    data.update(overrides)
    return data


def test_list_shows_the_kelurahans_usulan_with_totals(
    operator_a, operator_b, kelurahan_a, kelurahan_b, siklus
):
    buat_usulan(operator_a, kelurahan_a, judul="Jalan A", perkiraan_biaya=Decimal(1_500_000))
    buat_usulan(operator_a, kelurahan_a, judul="Titian A", perkiraan_biaya=Decimal(2_000_000))
    buat_usulan(operator_b, kelurahan_b, judul="Usulan Mantuil")
    html = klien(operator_a).get(reverse("usulan:daftar")).content.decode()
    assert "Jalan A" in html and "Titian A" in html
    assert "Usulan Mantuil" not in html
    assert "2 usulan" in html and "Rp 3.500.000" in html
    assert "Tambah usulan" in html


def test_list_filters_search_and_sort(operator_a, kelurahan_a, siklus):
    a = buat_usulan(
        operator_a, kelurahan_a, judul="Jalan murah", perkiraan_biaya=Decimal(1_000_000)
    )
    b = buat_usulan(
        operator_a,
        kelurahan_a,
        judul="Siring mahal",
        perkiraan_biaya=Decimal(9_000_000),
        ajukan=True,
    )
    rw2 = kelurahan_a.lingkungan.get(nomor=2)
    buat_usulan(
        operator_a,
        kelurahan_a,
        judul="Posyandu RW 2",
        bidang="kemasyarakatan",
        lingkungan=rw2,
        perkiraan_biaya=Decimal(500_000),
    )
    client = klien(operator_a)

    def judul(query):
        html = client.get(reverse("usulan:daftar") + query).content.decode()
        return re.findall(r'class="fw-semibold">([^<]+)</a>', html)

    assert judul("?status=diajukan") == ["Siring mahal"]
    assert judul("?bidang=kemasyarakatan") == ["Posyandu RW 2"]
    assert judul(f"?lingkungan={rw2.pk}") == ["Posyandu RW 2"]
    assert judul(f"?q={a.kode.lower()}") == ["Jalan murah"]
    assert judul("?q=siring") == ["Siring mahal"]
    assert judul("?urut=biaya") == [b.judul, a.judul, "Posyandu RW 2"]
    assert judul("?status=bukan-status") != []  # a bad filter value is ignored, not a 500


def test_list_paginates(operator_a, kelurahan_a, siklus):
    banyak_usulan(siklus, kelurahan_a, 30)
    client = klien(operator_a)
    html = client.get(reverse("usulan:daftar")).content.decode()
    assert "Halaman 1 dari 2" in html and "30 usulan" in html
    assert html.count('class="fw-semibold"') == 25
    html2 = client.get(reverse("usulan:daftar") + "?hal=2").content.decode()
    assert html2.count('class="fw-semibold"') == 5


@pytest.mark.parametrize("n", [10, 500])
def test_list_query_count_does_not_grow(
    n, operator_a, kelurahan_a, siklus, pupr, django_assert_max_num_queries
):
    banyak_usulan(siklus, kelurahan_a, n, perangkat_daerah=pupr, sumber_pembiayaan="apbd")
    client = klien(operator_a)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("usulan:daftar"))
    assert response.status_code == 200


def test_camat_sees_the_kecamatan_read_only_with_a_kelurahan_filter(
    operator_a, camat_a, kelurahan_a, kelurahan_a2, siklus
):
    from apps.akun.models import Peran
    from tests.factories import tugaskan

    LingkunganFactory(kelurahan=kelurahan_a2, nomor=1)
    op2 = tugaskan(Peran.OPERATOR_KELURAHAN, kelurahan_a2)
    buat_usulan(operator_a, kelurahan_a, judul="Usulan Sungai Miai")
    buat_usulan(op2, kelurahan_a2, judul="Usulan Alalak")
    client = klien(camat_a)
    html = client.get(reverse("usulan:daftar")).content.decode()
    assert "Usulan Sungai Miai" in html and "Usulan Alalak" in html
    assert "Tambah usulan" not in html
    html = client.get(reverse("usulan:daftar") + f"?kelurahan={kelurahan_a2.pk}").content.decode()
    assert "Usulan Alalak" in html and "Usulan Sungai Miai" not in html


def _untuk_pupr(operator, kelurahan, pupr, judul, status=None):
    usulan = buat_usulan(
        operator, kelurahan, judul=judul, sumber_pembiayaan="apbd", perangkat_daerah=pupr
    )
    if status is not None:
        # What signing the desa forum's berita acara does to a prioritised usulan.
        Usulan.objects.filter(pk=usulan.pk).update(status=status)
    return usulan


def test_skpd_sees_only_usulan_a_forum_sent_to_it(operator_a, kelurahan_a, siklus, pupr, skpd_pupr):
    _untuk_pupr(operator_a, kelurahan_a, pupr, "Siring untuk PUPR", Status.PRIORITAS_DESA)
    _untuk_pupr(operator_a, kelurahan_a, pupr, "Draf untuk PUPR")
    buat_usulan(operator_a, kelurahan_a, judul="Swadaya warga")
    html = klien(skpd_pupr).get(reverse("usulan:daftar")).content.decode()
    assert "Siring untuk PUPR" in html
    assert "Draf untuk PUPR" not in html and "Swadaya warga" not in html


def test_skpd_duplicate_check_lists_no_draft(operator_a, kelurahan_a, siklus, pupr, skpd_pupr):
    terkirim = _untuk_pupr(
        operator_a, kelurahan_a, pupr, "Normalisasi saluran drainase RT 01", Status.PRIORITAS_DESA
    )
    draf = _untuk_pupr(operator_a, kelurahan_a, pupr, "Normalisasi drainase saluran RT 01")
    client = klien(skpd_pupr)
    html = client.get(
        reverse("usulan:duplikat"), {"kelurahan": kelurahan_a.kode, "judul": "saluran drainase"}
    ).content.decode()
    assert terkirim.kode in html and draf.kode not in html
    html = client.get(reverse("usulan:detail", args=[terkirim.pk])).content.decode()
    assert draf.kode not in html
    # The operator still hears of both.
    html = klien(operator_a).get(reverse("usulan:detail", args=[terkirim.pk])).content.decode()
    assert draf.kode in html


def test_create_keeps_typed_input_on_error(operator_a, kelurahan_a, siklus):
    response = klien(operator_a).post(
        reverse("usulan:tambah"),
        _form(kelurahan_a, perkiraan_biaya="seratus ribu", volume="banyak", sasaran=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Periksa kembali isian yang ditandai merah" in html
    # Each field's error shows how that field is written, not a generic number.
    assert "bukan angka; tulis rupiah bulat, misalnya Rp 1.500.000 atau 1500000" in html
    assert "bukan angka; tulis angka, misalnya 120,5" in html
    assert 'value="Rehab jembatan titian ulin"' in html
    assert 'value="seratus ribu"' in html
    assert not Usulan.objects.exists()


def test_create_apbd_without_skpd_is_explained(operator_a, kelurahan_a, siklus):
    response = klien(operator_a).post(
        reverse("usulan:tambah"), _form(kelurahan_a, sumber_pembiayaan="apbd")
    )
    assert "Wajib dipilih bila dibiayai APBD kota/kabupaten." in response.content.decode()


def test_create_saves_submits_and_attaches_photos(operator_a, kelurahan_a, siklus):
    client = klien(operator_a)
    response = client.post(
        reverse("usulan:tambah"),
        {
            **_form(kelurahan_a),
            "ajukan": "1",
            "foto": [gambar(size=(800, 600)), gambar("PNG", (300, 300))],
        },
        follow=True,
    )
    usulan = Usulan.objects.get()
    assert usulan.status == Status.DIAJUKAN
    assert usulan.perkiraan_biaya == Decimal(150_000_000)
    assert usulan.foto.count() == 2
    html = response.content.decode()
    assert f"Usulan tersimpan dengan kode {usulan.kode}" in html
    foto = usulan.foto.first()
    img = client.get(reverse("usulan:foto_lihat", args=[usulan.pk, foto.pk]))
    assert img["Content-Type"] == "image/jpeg"
    assert b"".join(img.streaming_content)[:2] == b"\xff\xd8"  # a JPEG


def test_create_refuses_a_bad_photo_and_saves_nothing(operator_a, kelurahan_a, siklus):
    response = klien(operator_a).post(
        reverse("usulan:tambah"), {**_form(kelurahan_a), "foto": [gambar("GIF", (10, 10), "P")]}
    )
    assert "foto.gif: Foto harus berformat JPEG atau PNG." in response.content.decode()
    assert not Usulan.objects.exists()


def test_edit_refuses_a_stale_form_and_keeps_the_input(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    client = klien(operator_a)
    url = reverse("usulan:ubah", args=[usulan.pk])
    # Someone else saves first (versi 1 -> 2)...
    client.post(url, _form(kelurahan_a, judul="Perubahan pertama", versi=1))
    # ...then this user's form, built from versi 1, arrives.
    response = client.post(url, _form(kelurahan_a, judul="Perubahan kedua", versi=1))
    html = response.content.decode()
    assert "sudah diubah orang lain" in html
    assert 'value="Perubahan kedua"' in html
    usulan.refresh_from_db()
    assert usulan.judul == "Perubahan pertama"


def test_edit_after_the_forum_decided_is_refused(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a, ajukan=True)
    Usulan.objects.filter(pk=usulan.pk).update(status=Status.PRIORITAS_DESA)
    response = klien(operator_a).get(reverse("usulan:ubah", args=[usulan.pk]), follow=True)
    assert "tidak dapat diubah lagi" in response.content.decode()


def test_detail_shows_history_and_status_actions(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    client = klien(operator_a)
    client.post(reverse("usulan:ajukan", args=[usulan.pk]))
    client.post(reverse("usulan:tarik", args=[usulan.pk]), {"alasan": "Volume salah hitung"})
    html = client.get(reverse("usulan:detail", args=[usulan.pk])).content.decode()
    assert html.count('class="badge text-bg-primary">Diajukan') == 1
    assert "Volume salah hitung" in html
    assert "Ajukan" in html and "Hapus draf" in html


def test_tarik_without_reason_changes_nothing(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a, ajukan=True)
    response = klien(operator_a).post(
        reverse("usulan:tarik", args=[usulan.pk]), {"alasan": ""}, follow=True
    )
    assert "Tuliskan alasan" in response.content.decode()
    usulan.refresh_from_db()
    assert usulan.status == Status.DIAJUKAN


def test_hapus_draft_from_the_page(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    response = klien(operator_a).post(reverse("usulan:hapus", args=[usulan.pk]))
    assert response.url == reverse("usulan:daftar")
    assert not Usulan.objects.exists()


def test_duplicate_warning_while_typing(operator_a, kelurahan_a, siklus):
    lama = buat_usulan(operator_a, kelurahan_a, judul="Rehab jembatan titian ulin RT 03")
    rw = kelurahan_a.lingkungan.get(nomor=1)
    client = klien(operator_a)
    url = reverse("usulan:duplikat")
    html = client.get(
        url,
        {"kelurahan": kelurahan_a.kode, "judul": "pembangunan titian ulin", "lingkungan": rw.pk},
    )
    assert lama.kode in html.content.decode()
    other_rw = kelurahan_a.lingkungan.get(nomor=2)
    html = client.get(
        url, {"kelurahan": kelurahan_a.kode, "judul": "titian ulin", "lingkungan": other_rw.pk}
    )
    assert lama.kode not in html.content.decode()
    html = client.get(url, {"kelurahan": kelurahan_a.kode, "judul": "pelatihan tata boga"})
    assert "serupa" not in html.content.decode()


def test_detail_warns_of_a_similar_usulan(operator_a, kelurahan_a, siklus):
    a = buat_usulan(operator_a, kelurahan_a, judul="Normalisasi saluran drainase RT 01")
    b = buat_usulan(operator_a, kelurahan_a, judul="Normalisasi drainase saluran RT 01")
    html = klien(operator_a).get(reverse("usulan:detail", args=[b.pk])).content.decode()
    assert "Mungkin sudah ada usulan serupa" in html and a.kode in html


def test_photo_upload_and_delete_on_the_detail_page(operator_a, kelurahan_a, siklus):
    usulan = buat_usulan(operator_a, kelurahan_a)
    client = klien(operator_a)
    client.post(
        reverse("usulan:foto_tambah", args=[usulan.pk]),
        {"gambar": gambar(size=(300, 200)), "keterangan": "Titian"},
    )
    foto = usulan.foto.get()
    assert foto.keterangan == "Titian"
    response = client.post(
        reverse("usulan:foto_tambah", args=[usulan.pk]),
        {"gambar": gambar("GIF", (5, 5), "P")},
        follow=True,
    )
    assert "Foto harus berformat JPEG atau PNG." in response.content.decode()
    client.post(reverse("usulan:foto_hapus", args=[usulan.pk, foto.pk]))
    assert usulan.foto.count() == 0


def test_lanjutan_page_and_one_click_carry_over(operator_a, kelurahan_a, siklus, daerah):
    from apps.siklus.models import Siklus
    from tests.factories import SiklusFactory

    lalu = SiklusFactory(daerah=daerah, tahun_rencana=2027, aktif=False)
    Siklus.objects.filter(pk=siklus.pk).update(aktif=False)
    Siklus.objects.filter(pk=lalu.pk).update(aktif=True)
    lama = buat_usulan(operator_a, kelurahan_a, judul="Siring sungai RW 01")
    Siklus.objects.filter(pk=lalu.pk).update(aktif=False)
    Siklus.objects.filter(pk=siklus.pk).update(aktif=True)
    Usulan.objects.filter(pk=lama.pk).update(status=Status.DITOLAK)
    client = klien(operator_a)
    html = client.get(reverse("usulan:lanjutan")).content.decode()
    assert "Siring sungai RW 01" in html and "Lanjutkan ke RKPD 2028" in html
    response = client.post(reverse("usulan:lanjutkan", args=[lama.pk]), follow=True)
    baru = Usulan.objects.get(usulan_asal=lama)
    assert "Diusulkan sejak 2026 (2 kali)" in response.content.decode()
    assert baru.siklus == siklus
    assert "Siring sungai RW 01" not in client.get(reverse("usulan:lanjutan")).content.decode()
