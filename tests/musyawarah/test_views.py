import datetime

import pytest
from django.urls import reverse

from apps.musyawarah.models import Musyawarah, Peserta, StatusMusyawarah
from apps.siklus.selectors import hari_ini
from tests.factories import banyak_usulan
from tests.helpers import klien
from tests.musyawarah.conftest import muat, putuskan, tetapkan_dan_ttd


def test_operator_opens_the_forum_from_the_list(operator_a, kelurahan_a, siklus):
    client = klien(operator_a)
    html = client.get(reverse("musyawarah:daftar")).content.decode()
    assert "Mulai persiapan Musrenbang" in html
    response = client.post(reverse("musyawarah:buat"), {"kelurahan": kelurahan_a.kode}, follow=True)
    m = Musyawarah.objects.get()
    assert response.redirect_chain[-1][0] == reverse("musyawarah:ringkasan", args=[m.pk])
    html = response.content.decode()
    assert "Tim pemandu harus tepat 3 orang (sekarang 0)." in html
    assert "disabled" in html  # "Buka musyawarah" waits for the checklist


def test_opening_early_lists_every_missing_step(operator_a, kelurahan_a, siklus):
    client = klien(operator_a)
    client.post(reverse("musyawarah:buat"), {"kelurahan": kelurahan_a.kode})
    m = Musyawarah.objects.get()
    html = client.post(reverse("musyawarah:mulai", args=[m.pk]), follow=True).content.decode()
    assert "Musyawarah belum dapat dimulai:" in html
    assert "TPM belum memiliki ketua." in html


def test_fourth_pemandu_is_refused_with_a_message(forum_siap, operator_a):
    response = klien(operator_a).post(
        reverse("musyawarah:tpm", args=[forum_siap.m.pk]),
        {"bagian": "pemandu", "nama": "Keempat"},
        follow=True,
    )
    assert "Tim pemandu sudah 3 orang" in response.content.decode()
    assert forum_siap.m.pemandu.count() == 3


def test_short_notice_without_reason_keeps_the_form(operator_a, kelurahan_a, siklus):
    from apps.musyawarah.persiapan import musyawarah_desa_buat

    m = musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)
    hari = hari_ini()
    response = klien(operator_a).post(
        reverse("musyawarah:jadwal", args=[m.pk]),
        {
            "bagian": "jadwal",
            "versi": m.versi,
            "tanggal": hari.isoformat(),
            "jam_mulai": "09:00",
            "tempat": "Balai RW 03",
            "tanggal_undangan": (hari - datetime.timedelta(days=3)).isoformat(),
        },
    )
    html = response.content.decode()
    assert "paling cepat 7 hari" in html
    assert 'value="Balai RW 03"' in html
    assert muat(m).tempat != "Balai RW 03"


def test_participant_form_error_keeps_input(forum_siap, operator_a):
    response = klien(operator_a).post(
        reverse("musyawarah:peserta", args=[forum_siap.m.pk]),
        {"nama": "Bu Salmah", "unsur": "masyarakat"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'value="Bu Salmah"' in html
    assert not Peserta.objects.filter(nama="Bu Salmah").exists()


def test_check_in_with_htmx_returns_the_row(forum_siap, operator_a):
    from apps.musyawarah.persiapan import musyawarah_mulai

    musyawarah_mulai(user=operator_a, musyawarah=forum_siap.m)
    p = forum_siap.peserta[0]
    client = klien(operator_a)
    response = client.post(
        reverse("musyawarah:tandai_hadir", args=[forum_siap.m.pk, p.pk]),
        {"hadir": "1"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.strip().startswith("<li") and "Hj. Rahmah" in html and 'aria-pressed="true"' in html
    p.refresh_from_db()
    assert p.hadir
    cari = client.get(
        reverse("musyawarah:hadir", args=[forum_siap.m.pk]),
        {"q": "gusti", "bagian": "daftar"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "H. Gusti" in cari and "Rina" not in cari


def test_walk_in_from_the_door(forum_siap, operator_a):
    from apps.musyawarah.persiapan import musyawarah_mulai

    musyawarah_mulai(user=operator_a, musyawarah=forum_siap.m)
    response = klien(operator_a).post(
        reverse("musyawarah:hadir", args=[forum_siap.m.pk]),
        {
            "baru-nama": "Pak Darman",
            "baru-jenis_kelamin": "L",
            "baru-unsur": "masyarakat",
            "baru-kelompok_sosial": ["marjinal"],
        },
        follow=True,
    )
    assert "Pak Darman dicatat hadir." in response.content.decode()
    assert Peserta.objects.get(nama="Pak Darman").hadir


def test_decisions_page_refuses_duplicates_and_saves_good_input(forum_berjalan, operator_a):
    f = forum_berjalan
    client = klien(operator_a)
    url = reverse("musyawarah:pembahasan", args=[f.m.pk])
    data = {"versi": f.m.versi}
    for u in f.usulan:
        data.update({f"urutan-{u.pk}": 1, f"keputusan-{u.pk}": "swadaya", f"alasan-{u.pk}": ""})
    html = client.post(url, data, follow=True).content.decode()
    assert "Urutan 1 dipakai dua kali" in html
    for i, u in enumerate(f.usulan, start=1):
        data[f"urutan-{u.pk}"] = 4 - i
    client.post(url, data)
    assert list(f.m.pembahasan.order_by("urutan").values_list("usulan_id", flat=True)) == [
        u.pk for u in reversed(f.usulan)
    ]
    # The same form sent again is stale now.
    html = client.post(url, data, follow=True).content.decode()
    assert "sudah diubah orang lain" in html


def test_signing_from_the_pages(forum_berjalan, operator_a):
    f = putuskan(operator_a, forum_berjalan)
    client = klien(operator_a)
    client.post(reverse("musyawarah:tetapkan", args=[f.m.pk]))
    p = f.peserta
    client.post(
        reverse("musyawarah:penetapan", args=[f.m.pk]),
        {
            "bagian": "ttd",
            "pimpinan": p[1].pk,
            "jabatan_pimpinan": "Lurah Sungai Miai",
            "notulen": p[4].pk,
            "wakil_pemerintah": p[1].pk,
            "wakil_swasta": p[4].pk,
            "wakil_masyarakat": p[0].pk,
        },
    )
    response = client.post(reverse("musyawarah:tandatangani", args=[f.m.pk]), follow=True)
    m = muat(f.m)
    assert m.status == StatusMusyawarah.SELESAI
    html = response.content.decode()
    assert "Berita acara ditandatangani" in html and m.berita_acara.kode in html
    # The QR and footer point at this server's verification page.
    assert m.berita_acara.snapshot["nomor"] == "005/BA/SM/2026"


@pytest.mark.parametrize(
    "jenis", ["berita_acara", "prioritas", "swadaya", "masalah", "delegasi", "hadir"]
)
def test_output_pages(jenis, forum_selesai, camat_a):
    html = (
        klien(camat_a)
        .get(reverse("musyawarah:keluaran", args=[forum_selesai.m.pk, jenis]))
        .content.decode()
    )
    assert forum_selesai.m.berita_acara.kode in html or jenis != "berita_acara"
    assert "DRAF" not in html


def test_skpd_sees_what_the_signed_forum_sent_it_and_no_forum(
    forum_berjalan, operator_a, skpd_pupr
):
    client = klien(skpd_pupr)
    # Submitted and discussed, but nothing is decided before the berita acara is signed.
    html = client.get(reverse("usulan:daftar")).content.decode()
    assert "Siring sungai RW 01" not in html
    f = tetapkan_dan_ttd(operator_a, putuskan(operator_a, forum_berjalan))
    html = client.get(reverse("usulan:daftar")).content.decode()
    assert "Siring sungai RW 01" in html and "Titian ulin RW 02" in html
    assert "Kerja bakti saluran" not in html
    ringkasan = reverse("musyawarah:ringkasan", args=[f.m.pk])
    assert ringkasan not in client.get(reverse("musyawarah:daftar")).content.decode()
    assert client.get(ringkasan).status_code == 404
    assert client.get(reverse("musyawarah:peserta", args=[f.m.pk])).status_code == 404


def test_camat_sees_the_forum_read_only(forum_berjalan, camat_a):
    html = (
        klien(camat_a)
        .get(reverse("musyawarah:pembahasan", args=[forum_berjalan.m.pk]))
        .content.decode()
    )
    assert "Simpan urutan dan keputusan" not in html
    assert "Siring sungai RW 01" in html


def _banyak_peserta(m, n):
    rw = m.kelurahan.lingkungan.first()
    Peserta.objects.bulk_create(
        Peserta(
            musyawarah=m,
            nama=f"Peserta {i}",
            jenis_kelamin="LP"[i % 2],
            unsur="masyarakat",
            lingkungan=rw,
            hadir=True,
            organisasi=f"Org {i % 4}",
        )
        for i in range(n)
    )


@pytest.mark.parametrize("n", [3, 60])
@pytest.mark.parametrize(
    "halaman",
    ["ringkasan", "peserta", "hadir", "keterwakilan", "pembahasan", "delegasi", "rkp", "penetapan"],
)
def test_forum_pages_query_count_is_constant(
    n, halaman, forum_berjalan, operator_a, siklus, kelurahan_a, django_assert_max_num_queries
):
    m = forum_berjalan.m
    _banyak_peserta(m, n)
    banyak_usulan(siklus, kelurahan_a, n, status="diajukan")
    client = klien(operator_a)
    url = reverse(f"musyawarah:{halaman}", args=[m.pk])
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [3, 60])
def test_output_pages_query_count_is_constant(
    n, forum_berjalan, operator_a, siklus, kelurahan_a, django_assert_max_num_queries
):
    m = forum_berjalan.m
    _banyak_peserta(m, n)
    client = klien(operator_a)
    with django_assert_max_num_queries(30):
        client.get(reverse("musyawarah:keluaran", args=[m.pk, "hadir"]))
    assert tetapkan_dan_ttd is not None


def test_decisions_page_proposes_numbers_for_new_rows(forum_berjalan, operator_a):
    html = klien(operator_a).get(reverse("musyawarah:pembahasan", args=[forum_berjalan.m.pk]))
    html = html.content.decode()
    for i, u in enumerate(forum_berjalan.usulan, start=1):
        assert f'name="urutan-{u.pk}" value="{i}"' in html
