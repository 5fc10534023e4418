"""A whole Musrenbang Kecamatan through its services, from the pull of the signed desa
results to the copies sent to the perangkat daerah."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from apps.core.exceptions import DomainError
from apps.musyawarah import penetapan, persiapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.kecamatan import persiapan as kecamatan_persiapan
from apps.musyawarah.kecamatan import pleno, sidang
from apps.musyawarah.models import ElemenKecamatan, Keputusan, Pembahasan, StatusMusyawarah
from apps.usulan.models import Status, Usulan
from tests.kecamatan.conftest import nilai_semua, siapkan_kecamatan
from tests.musyawarah.conftest import URL, muat


def _teks(isi: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages).split())


def test_pull_takes_every_signed_result_by_reference_once(forum_kec, camat_a, desa_a, desa_a2):
    m = forum_kec
    records = {p.usulan.judul: p for p in m.pembahasan.select_related("usulan", "kelompok")}
    assert set(records) == {
        "Siring sungai Sungai Miai",
        "Titian ulin RW 02",
        "Siring sungai Alalak Tengah",
        "Posyandu balita",
    }
    # The desa order is kept; each usulan is still the one row it always was.
    assert records["Titian ulin RW 02"].urutan_asal == 2
    assert records["Titian ulin RW 02"].usulan_id == desa_a.usulan[1].pk
    assert records["Posyandu balita"].kelompok.nama == "Sosial Budaya"
    assert records["Siring sungai Sungai Miai"].kelompok.nama == "Infrastruktur dan Kewilayahan"
    assert Usulan.objects.count() == 5  # nothing copied
    delegasi = m.peserta.filter(elemen=ElemenKecamatan.DELEGASI)
    assert delegasi.count() == 4
    assert m.peserta.filter(elemen=ElemenKecamatan.KEPALA_KELURAHAN).count() == 2
    hasil = kecamatan_persiapan.hasil_desa_tarik(user=camat_a, musyawarah=m)
    assert (hasil.usulan, hasil.peserta) == (0, 0)
    assert m.pembahasan.count() == 4 and m.peserta.count() == 6


def _jalankan_sampai_pleno(camat, m, pupr, *, nilai: bool = True):
    """Prepared, opened, everyone present, both groups led and verified (the siring merged
    with Alalak Tengah's and its cost corrected, the posyandu not feasible) and closed;
    with ``nilai``, every group's scoring done and closed too (see ``nilai_semua``)."""
    m = siapkan_kecamatan(camat, m)
    persiapan.musyawarah_mulai(user=camat, musyawarah=m)
    for p in m.peserta.all():
        peserta_services.peserta_hadir(user=camat, peserta=p)
    m = muat(m)
    infra, sosial = list(m.kelompok_diskusi.order_by("urutan"))[:2]
    orang = list(m.peserta.order_by("nama"))
    sidang.anggota_kelompok_simpan(user=camat, musyawarah=m, kelompok=infra, peserta=orang[:3])
    sidang.anggota_kelompok_simpan(user=camat, musyawarah=m, kelompok=sosial, peserta=orang[3:])
    for k, anggota in ((infra, orang[:3]), (sosial, orang[3:])):
        sidang.pimpinan_kelompok_simpan(
            user=camat, kelompok=k, ketua=anggota[0], sekretaris=anggota[1], notulen=anggota[2]
        )
        sidang.kelompok_serahkan(user=camat, kelompok=k)
    rec = {p.usulan.judul: p for p in m.pembahasan.select_related("usulan")}
    sidang.usulan_gabung(
        user=camat,
        kelompok=infra,
        utama=rec["Siring sungai Sungai Miai"],
        lain=[rec["Siring sungai Alalak Tengah"]],
    )
    sidang.verifikasi_simpan(
        user=camat,
        kelompok=infra,
        pembahasan=rec["Siring sungai Sungai Miai"],
        verifikasi="layak",
        koreksi={"perkiraan_biaya": Decimal("400000000"), "perangkat_daerah": pupr},
    )
    sidang.verifikasi_simpan(
        user=camat, kelompok=infra, pembahasan=rec["Titian ulin RW 02"], verifikasi="layak"
    )
    sidang.verifikasi_simpan(
        user=camat,
        kelompok=sosial,
        pembahasan=rec["Posyandu balita"],
        verifikasi="tidak_layak",
        alasan="Sudah didanai DAK tahun ini",
    )
    for k in (infra, sosial):
        sidang.verifikasi_tutup(user=camat, kelompok=k)
    # The blank score sheet names every kelurahan a merged item serves.
    from apps.musyawarah.cetak_penilaian import pdf_lembar_kosong

    assert "Kelurahan Sungai Miai + Alalak Tengah" in _teks(pdf_lembar_kosong(infra)[2])
    if nilai:
        nilai_semua(camat, m)
    return muat(m), rec


def test_whole_forum_to_the_kota(forum_kec, camat_a, pupr, skpd_pupr, settings):
    m = forum_kec
    m, rec = _jalankan_sampai_pleno(camat_a, m, pupr)
    orang = list(m.peserta.order_by("nama"))
    # The Ekonomi group has no usulan: it has nothing to close and does not hold the Pleno.
    pleno_baris = pleno.usulan_pleno(muat(m))
    assert [p.usulan.judul for p in pleno_baris] == [
        "Siring sungai Sungai Miai",
        "Titian ulin RW 02",
    ]
    with pytest.raises(DomainError, match="dipindah dari urutan"):
        pleno.pleno_simpan(
            user=camat_a,
            musyawarah=muat(m),
            versi=muat(m).versi,
            baris=[
                {
                    "pembahasan_id": pleno_baris[0].pk,
                    "urutan": 2,
                    "keputusan": Keputusan.KOTA,
                    "alasan": "",
                    "alasan_urutan": "",
                },
                {
                    "pembahasan_id": pleno_baris[1].pk,
                    "urutan": 1,
                    "keputusan": Keputusan.KOTA,
                    "alasan": "",
                    "alasan_urutan": "",
                },
            ],
        )
    m = muat(m)
    pleno.pleno_simpan(
        user=camat_a,
        musyawarah=m,
        versi=m.versi,
        baris=[
            {
                "pembahasan_id": pleno_baris[0].pk,
                "urutan": 1,
                "keputusan": Keputusan.KOTA,
                "alasan": "",
                "alasan_urutan": "",
            },
            {
                "pembahasan_id": pleno_baris[1].pk,
                "urutan": 2,
                "keputusan": Keputusan.DITOLAK,
                "alasan": "Masuk program PUPR reguler",
                "alasan_urutan": "",
            },
        ],
    )
    m = muat(m)
    peserta_services.delegasi_simpan(
        user=camat_a, musyawarah=m, peserta_ids=[orang[0].pk], versi=m.versi
    )
    with pytest.raises(DomainError, match="Tim perumus"):
        pleno.pleno_tetapkan(user=camat_a, musyawarah=muat(m))
    pleno.perumus_simpan(user=camat_a, musyawarah=muat(m), peserta_ids=[orang[1].pk])
    pleno.pleno_tetapkan(user=camat_a, musyawarah=muat(m))
    m = muat(m)
    assert m.status == StatusMusyawarah.PENETAPAN
    pleno.berita_acara_dibacakan(user=camat_a, musyawarah=m)
    from apps.musyawarah.tingkat.kecamatan import elemen

    wakil = {}
    for p in m.peserta.filter(hadir=True).order_by("nama"):
        wakil.setdefault(elemen(p), p)
    penetapan.penandatangan_simpan(
        user=camat_a,
        musyawarah=m,
        pimpinan=orang[0],
        jabatan_pimpinan="Camat Banjarmasin Utara",
        notulen=orang[1],
        wakil=wakil,
    )
    from apps.musyawarah import pembahasan as desa_pembahasan

    desa_pembahasan.catatan_simpan(
        user=camat_a, musyawarah=muat(m), data={"nomor_berita_acara": "050/7/BA-KEC/2027"}
    )
    m = penetapan.berita_acara_tandatangani(
        user=camat_a, musyawarah=muat(m), url_verifikasi=URL.format
    )
    assert m.status == StatusMusyawarah.SELESAI and m.berita_acara.kode
    siring_a = Usulan.objects.get(judul="Siring sungai Sungai Miai")
    siring_a2 = Usulan.objects.get(judul="Siring sungai Alalak Tengah")
    titian = Usulan.objects.get(judul="Titian ulin RW 02")
    posyandu = Usulan.objects.get(judul="Posyandu balita")
    assert siring_a.status == Status.PRIORITAS_KECAMATAN
    assert siring_a.perkiraan_biaya == 400_000_000  # the group's correction applied
    assert siring_a2.status == Status.PRIORITAS_KECAMATAN
    assert any("Digabung dengan" in r.alasan for r in siring_a2.riwayat.all())
    assert titian.status == Status.LAYAK
    assert "Masuk program PUPR reguler" in titian.riwayat.last().alasan
    assert posyandu.status == Status.TIDAK_LAYAK
    assert "Sudah didanai DAK" in posyandu.riwayat.last().alasan
    # The desa forums' signed snapshots are untouched by the correction.
    assert Pembahasan.objects.filter(usulan=siring_a).count() == 2
    # Score, group rank and place for its perangkat daerah are frozen on the records, the
    # merged one with its main usulan's; the one not agreed has no place for the PD.
    beku = {
        p.usulan.judul: (p.nilai_penilaian, p.peringkat_kelompok, p.urutan_perangkat_daerah)
        for p in m.pembahasan.select_related("usulan").exclude(verifikasi="tidak_layak")
    }
    assert beku["Siring sungai Sungai Miai"] == (Decimal("50.00"), 1, 1)
    assert beku["Siring sungai Alalak Tengah"] == (Decimal("50.00"), 1, 1)
    assert beku["Titian ulin RW 02"] == (Decimal("50.00"), 2, None)
    # The score is in the usulan's public trail, with its verification.
    assert any("Nilai 50,00, peringkat 1 di kelompok" in r.alasan for r in siring_a.riwayat.all())
    with m.berita_acara.pdf.open("rb") as f:
        teks = _teks(f.read())
    assert "Siring sungai Sungai Miai" in teks and "400.000.000" in teks
    assert "Sudah didanai DAK tahun ini" in teks and "Masuk program PUPR reguler" in teks
    assert "MENYEPAKATI" in teks and "Lampiran V" in teks
    # The criteria, their weights and level texts, and each group's scores are signed too.
    assert "Lampiran VI" in teks and "KRITERIA PENILAIAN DAN HASIL SKORING" in teks
    assert "Kesesuaian dengan rancangan awal RKPD" in teks and "Sangat sesuai" in teks
    assert "20%" in teks and "50,00" in teks  # every score 3 of 5: 50 on 0–100
    snap = m.berita_acara.snapshot
    assert snap["prioritas"]["per_pd"][0]["baris"][0]["peringkat"] == 1
    assert snap["penilaian"]["kelompok"][0]["penilai"][0]["nama"]
    # Sending: the SKPD now reads what the kecamatan sent it.
    n = pleno.berita_acara_kirim(user=camat_a, musyawarah=m)
    assert n == 2
    terlihat = set(Usulan.objects.for_user(skpd_pupr).values_list("judul", flat=True))
    assert {"Siring sungai Sungai Miai", "Siring sungai Alalak Tengah"} <= terlihat
    assert Usulan.objects.get(pk=siring_a.pk).status == Status.DITERUSKAN_KOTA
    with pytest.raises(DomainError):
        sidang.verifikasi_simpan(
            user=camat_a,
            kelompok=m.kelompok_diskusi.first(),
            pembahasan=rec["Titian ulin RW 02"],
            verifikasi="tidak_layak",
            alasan="x",
        )


def test_a_practice_run_copies_groups_records_and_participants_with_their_links(
    forum_kec, camat_a, pupr
):
    from apps.musyawarah import latihan

    m, rec = _jalankan_sampai_pleno(camat_a, forum_kec, pupr, nilai=False)
    sidang.verifikasi_buka(user=camat_a, kelompok=rec["Titian ulin RW 02"].kelompok, alasan="x")
    lat = latihan.latihan_buat(user=camat_a, musyawarah=muat(m))
    assert lat.kelompok_diskusi.count() == m.kelompok_diskusi.count()
    for p in lat.pembahasan.select_related("kelompok", "digabung_ke"):
        assert p.kelompok is None or p.kelompok.musyawarah_id == lat.pk
        assert p.digabung_ke is None or p.digabung_ke.musyawarah_id == lat.pk
    assert lat.pembahasan.filter(digabung_ke__isnull=False).count() == 1
    for k in lat.kelompok_diskusi.all():
        assert k.ketua is None or k.ketua.musyawarah_id == lat.pk
    assert (
        lat.peserta.filter(kelompok__musyawarah=lat).count()
        == m.peserta.exclude(kelompok=None).count()
    )
    latihan.latihan_hapus(user=camat_a, latihan=lat)
    assert m.pembahasan.count() == 4 and m.kelompok_diskusi.count() == 3
