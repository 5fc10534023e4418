"""The scoring screens as their users meet them: the camat's criteria page, a group's
scoring page, a scorer's personal link and sheet (saved cell by cell), the blank paper
sheet, and who is refused."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.musyawarah.kecamatan import nilai
from apps.penilaian.models import Kriteria, Penilai, Skor
from apps.usulan.models import Usulan
from tests.kecamatan.test_alur import _jalankan_sampai_pleno
from tests.musyawarah.conftest import muat


@pytest.fixture
def sidang(forum_kec, camat_a, pupr):
    m, rec = _jalankan_sampai_pleno(camat_a, forum_kec, pupr, nilai=False)
    infra = m.kelompok_diskusi.get(nama__startswith="Infrastruktur")
    return m, infra, rec


@pytest.fixture
def dinilai(sidang, camat_a):
    """Seed criteria and two scorers in Infrastruktur."""
    m, infra, rec = sidang
    nilai.kriteria_mulai(user=camat_a, musyawarah=m, sumber=nilai.SUMBER_SEED)
    infra.musyawarah = muat(m)
    a, b = nilai.penilai_simpan(
        user=camat_a, kelompok=infra, peserta=list(infra.anggota.order_by("nama"))[:2]
    )
    return muat(m), infra, rec, a, b


def _teks(isi: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages).split())


def test_camat_sets_criteria_from_the_template(client, sidang, camat_a):
    m, infra, rec = sidang
    client.force_login(camat_a)
    url = reverse("musyawarah:penilaian", args=[m.pk])
    r = client.get(url)
    assert r.status_code == 200 and "Lima contoh kriteria pedoman" in r.text
    r = client.post(reverse("musyawarah:kriteria_mulai", args=[m.pk]), {"sumber": "seed"})
    assert r.status_code == 302
    r = client.get(url)
    assert "Kepentingan lintas kelurahan" in r.text and "20%" in r.text
    # Adding a criterion; a bad weight keeps what was typed.
    tambah = reverse("musyawarah:kriteria_tambah", args=[m.pk])
    r = client.post(tambah, {"nama": "Kesiapan lahan", "bobot": "0", "skala": "5"})
    assert r.status_code == 200 and "Bobot harus lebih dari 0" in r.text
    assert 'value="Kesiapan lahan"' in r.text
    r = client.post(
        tambah, {"nama": "Kesiapan lahan", "bobot": "5", "skala": "10", "arti_1": "Belum ada"}
    )
    assert r.status_code == 302
    k = muat(m).kriteria.kriteria.get(nama="Kesiapan lahan")
    assert k.skala == 10 and k.arti_nilai[0] == "Belum ada" and len(k.arti_nilai) == 10
    assert "50%" in client.get(url).text  # 5 of (5 × 1 + 5)


def test_scorer_link_sheet_and_autosave(client, dinilai):
    m, infra, rec, a, b = dinilai
    r = client.get(reverse("musyawarah:nilai_masuk", args=[a.token]))
    assert r.status_code == 302 and r.url == reverse("musyawarah:lembar", args=[a.pk])
    r = client.get(r.url)
    assert r.status_code == 200 and "Titian ulin RW 02" in r.text
    assert "0 dari 10 nilai" in r.text
    k1 = m.kriteria.kriteria.order_by("urutan").first()
    sel = reverse("musyawarah:sel", args=[a.pk])
    data = {"pembahasan": rec["Titian ulin RW 02"].pk, "kriteria": k1.pk, "versi": "0"}
    r = client.post(sel, {**data, "nilai": "4"})
    assert r.status_code == 200 and "sel-tersimpan" in r.text and "1 dari 10 nilai" in r.text
    assert Skor.objects.get(penilai=a).nilai == 4
    # The other tab still shows version 0: refused, the newer value kept and shown.
    r = client.post(sel, {**data, "nilai": "2"})
    assert "sel-bentrok" in r.text and 'value="4"' in r.text
    assert Skor.objects.get(penilai=a).nilai == 4
    # Out of scale: refused, what was typed stays in the box.
    r = client.post(sel, {**data, "versi": "1", "nilai": "7"})
    assert "sel-galat" in r.text and 'value="7"' in r.text and "antara 1 dan 5" in r.text
    # Another scorer's sheet: refused.
    assert client.get(reverse("musyawarah:lembar", args=[b.pk])).status_code == 403
    r = client.post(reverse("musyawarah:sel", args=[b.pk]), {**data, "nilai": "3"})
    assert r.status_code == 403
    assert not Skor.objects.filter(penilai=b).exists()


def test_ketua_sheet_follows_the_group_progress(client, dinilai):
    """The ketua's sheet lists every scorer's progress; each cell the ketua saves brings it
    up to date (out of band). Another scorer's cell carries nobody else's progress."""
    m, infra, rec, a, b = dinilai
    assert a.rujukan == infra.ketua_id and b.rujukan != infra.ketua_id
    k1 = m.kriteria.kriteria.order_by("urutan").first()
    data = {"pembahasan": rec["Titian ulin RW 02"].pk, "kriteria": k1.pk, "versi": "0"}
    client.get(reverse("musyawarah:nilai_masuk", args=[b.token]))
    r = client.post(reverse("musyawarah:sel", args=[b.pk]), {**data, "nilai": "3"})
    assert "sel-tersimpan" in r.text and 'id="progres-kelompok"' not in r.text
    client.get(reverse("musyawarah:nilai_masuk", args=[a.token]))
    r = client.get(reverse("musyawarah:lembar", args=[a.pk]))
    assert 'id="progres-kelompok"' in r.text and f"{b.nama}: 1 dari 10 nilai" in r.text
    r = client.post(reverse("musyawarah:sel", args=[a.pk]), {**data, "nilai": "4"})
    assert 'id="progres-kelompok" hx-swap-oob="true"' in r.text
    assert f"{a.nama}: 1 dari 10 nilai" in r.text and f"{b.nama}: 1 dari 10 nilai" in r.text


def test_scores_hidden_until_closed_then_ranked(client, dinilai, camat_a):
    m, infra, rec, a, b = dinilai
    kriteria = list(m.kriteria.kriteria.all())
    for p, angka in ((a, 5), (b, 1)):
        for judul in ("Titian ulin RW 02", "Siring sungai Sungai Miai"):
            for kr in kriteria:
                nilai.skor_simpan(
                    penilai=p, pembahasan_id=rec[judul].pk, kriteria_id=kr.pk, nilai=angka, versi=0
                )
    client.force_login(camat_a)
    url = reverse("musyawarah:penilaian_kelompok", args=[m.pk, infra.pk])
    r = client.get(url)
    assert "10 dari 10 nilai" in r.text and "Perbedaan pendapat" in r.text
    # The scorers' form is one form (crispy renders no <form> of its own inside it).
    awal = r.text.index('name="penilai"')
    form = r.text[r.text.rindex("<form", 0, awal) : r.text.index("Simpan penilai")]
    assert form.count("<form") == 1 and form.count("csrfmiddlewaretoken") == 1
    assert "Peringkat per prioritas daerah" not in r.text and "Nilai setiap penilai" not in r.text
    r = client.post(reverse("musyawarah:penilaian_aksi", args=[m.pk, infra.pk, "tutup"]))
    assert r.status_code == 302
    r = client.get(url)
    assert "Peringkat per prioritas daerah" in r.text and "5 · 1" in r.text
    assert "50,00" in r.text
    # Both usulan score 50,00: the tie is marked in words, the rule printed below.
    assert r.text.count(">seri</span>") == 2 and "Bila nilai sama" in r.text
    # A scorer's sheet shows the results once closed, read-only.
    client.logout()
    client.get(reverse("musyawarah:nilai_masuk", args=[b.token]))
    r = client.get(reverse("musyawarah:lembar", args=[b.pk]))
    assert "Penilaian kelompok sudah ditutup" in r.text and "sel-nilai" not in r.text


def test_paper_sheet_entered_by_the_group(client, dinilai, camat_a):
    m, infra, rec, a, b = dinilai
    client.force_login(camat_a)
    # An online scorer's sheet stays theirs alone.
    assert client.get(reverse("musyawarah:lembar", args=[a.pk])).status_code == 403
    client.post(
        reverse("musyawarah:penilaian_aksi", args=[m.pk, infra.pk, "kertas"]), {"penilai": a.pk}
    )
    assert Penilai.objects.get(pk=a.pk).di_kertas
    r = client.get(reverse("musyawarah:lembar", args=[a.pk]))
    assert r.status_code == 200 and "Memasukkan lembar kertas" in r.text
    k1 = m.kriteria.kriteria.first()
    r = client.post(
        reverse("musyawarah:sel", args=[a.pk]),
        {"pembahasan": rec["Titian ulin RW 02"].pk, "kriteria": k1.pk, "versi": "0", "nilai": "3"},
    )
    skor = Skor.objects.get(penilai=a)
    assert skor.cara == "kertas" and skor.dicatat_oleh == camat_a
    # The scorer's own link no longer writes.
    client.logout()
    client.get(reverse("musyawarah:nilai_masuk", args=[a.token]))
    r = client.post(
        reverse("musyawarah:sel", args=[a.pk]),
        {"pembahasan": rec["Titian ulin RW 02"].pk, "kriteria": k1.pk, "versi": "1", "nilai": "5"},
    )
    assert r.status_code == 403


def test_blank_sheet_pdf(client, dinilai, camat_a):
    m, infra, rec, a, b = dinilai
    client.force_login(camat_a)
    r = client.get(reverse("musyawarah:lembar_kosong", args=[m.pk, infra.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    isi = b"".join(r.streaming_content) if r.streaming else r.content
    teks = _teks(isi)
    assert "LEMBAR PENILAIAN USULAN" in teks and a.nama in teks and b.nama in teks
    assert "Titian ulin RW 02" in teks and "Sangat sesuai" in teks
    # One page per sheet here (two usulan): the signature stays with the scores. The table's
    # first header row, repeated on every page, names whose sheet it is.
    assert len(PdfReader(io.BytesIO(isi)).pages) == 3  # two named scorers and one blank
    assert f"Penilai: {a.nama} · {infra.nama}" in teks


def test_blank_sheet_keeps_receipt_codes_whole(client, dinilai, camat_a):
    """Many criteria make the sheet's code column narrow: a code split at its hyphens
    could not be looked up again from the paper."""
    m, infra, rec, _a, _b = dinilai
    Usulan.objects.filter(pk=rec["Titian ulin RW 02"].usulan_id).update(kode="BJM-28-FGXU-DE")
    for i in range(4):
        Kriteria.objects.create(set=m.kriteria, urutan=20 + i, nama=f"Tambahan {i}", bobot=5)
    client.force_login(camat_a)
    r = client.get(reverse("musyawarah:lembar_kosong", args=[m.pk, infra.pk]))
    isi = b"".join(r.streaming_content) if r.streaming else r.content
    assert "BJM-28-FGXU-DE" in _teks(isi)


def test_other_kecamatan_finds_nothing(client, dinilai, camat_b):
    m, infra, rec, a, b = dinilai
    client.force_login(camat_b)
    for url in (
        reverse("musyawarah:penilaian", args=[m.pk]),
        reverse("musyawarah:penilaian_kelompok", args=[m.pk, infra.pk]),
        reverse("musyawarah:lembar_kosong", args=[m.pk, infra.pk]),
        reverse("musyawarah:lembar", args=[a.pk]),
    ):
        assert client.get(url).status_code == 404, url
    r = client.post(reverse("musyawarah:kriteria_mulai", args=[m.pk]), {"sumber": "seed"})
    assert r.status_code == 404


def test_operator_kelurahan_may_look_but_not_change(client, dinilai, operator_a):
    m, infra, rec, a, b = dinilai
    client.force_login(operator_a)
    r = client.post(reverse("musyawarah:kriteria_mulai", args=[m.pk]), {"sumber": "seed"})
    assert r.status_code in (403, 404)
    r = client.post(reverse("musyawarah:penilaian_aksi", args=[m.pk, infra.pk, "tutup"]))
    assert r.status_code in (403, 404)


def _tambah_layak(m, kelompok, kelurahan, n):
    """``n`` more feasible usulan in ``kelompok`` (written in bulk: only counts matter)."""
    from apps.musyawarah.models import Pembahasan
    from tests.factories import banyak_usulan

    for u in banyak_usulan(m.siklus, kelurahan, n):
        Pembahasan.objects.create(musyawarah=m, usulan=u, kelompok=kelompok, verifikasi="layak")


def _hitung(django_assert_max_num_queries, client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_query_counts_do_not_grow_with_the_usulan(
    client, dinilai, camat_a, kelurahan_a, django_assert_max_num_queries
):
    m, infra, rec, a, b = dinilai
    client.get(reverse("musyawarah:nilai_masuk", args=[a.token]))
    lembar = reverse("musyawarah:lembar", args=[a.pk])
    sedikit = _hitung(django_assert_max_num_queries, client, lembar)
    client.force_login(camat_a)
    halaman = [
        reverse("musyawarah:penilaian", args=[m.pk]),
        reverse("musyawarah:penilaian_kelompok", args=[m.pk, infra.pk]),
        reverse("musyawarah:pleno", args=[m.pk]),
    ]
    awal = [_hitung(django_assert_max_num_queries, client, u) for u in halaman]
    _tambah_layak(m, infra, kelurahan_a, 12)
    client.logout()
    client.get(reverse("musyawarah:nilai_masuk", args=[a.token]))
    with django_assert_max_num_queries(sedikit):
        assert client.get(lembar).status_code == 200
    client.force_login(camat_a)
    for url, n in zip(halaman, awal, strict=True):
        with django_assert_max_num_queries(n):
            assert client.get(url).status_code == 200, url


def test_bappeda_recommends_criteria_and_a_camat_starts_from_them(
    client, sidang, bappeda, camat_a, camat_b, bappeda_lain
):
    m, infra, rec = sidang
    client.force_login(bappeda)
    assert client.get(reverse("penilaian:rekomendasi")).status_code == 200
    client.post(reverse("penilaian:rekomendasi_contoh"))
    r = client.post(
        reverse("penilaian:rekomendasi_tambah"),
        {"nama": "Kesiapan lahan", "bobot": "2", "skala": "5", "arti_5": "Lahan siap"},
    )
    assert r.status_code == 302
    assert "Kesiapan lahan" in client.get(reverse("penilaian:rekomendasi")).text
    # Only Bappeda: a camat may not change it; another daerah's Bappeda sees its own.
    client.force_login(camat_a)
    r = client.post(
        reverse("penilaian:rekomendasi_tambah"), {"nama": "X", "bobot": "1", "skala": "5"}
    )
    assert r.status_code == 403
    r = client.get(reverse("musyawarah:penilaian", args=[m.pk]))
    assert "Rekomendasi Bappeda" in r.text
    client.post(reverse("musyawarah:kriteria_mulai", args=[m.pk]), {"sumber": "rekomendasi"})
    assert muat(m).kriteria.kriteria.count() == 6
    client.force_login(bappeda_lain)
    assert "Kesiapan lahan" not in client.get(reverse("penilaian:rekomendasi")).text
