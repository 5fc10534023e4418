"""The one table of which forum action is open in which status, and the pages it drives."""

import pytest
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.musyawarah import latihan, materi, persiapan
from apps.musyawarah.models import Musyawarah, StatusMusyawarah
from apps.musyawarah.tindakan import Tindakan, terbuka, tindakan_terbuka, wajib_tindakan
from tests.helpers import klien
from tests.musyawarah.bantu import pdf_asli, unggahan

S = StatusMusyawarah
P, L, T, SELESAI = S.PERSIAPAN, S.PELAKSANAAN, S.PENETAPAN, S.SELESAI

# The rules as the seed states them, written out independently of the table they test.
ATURAN = {
    Tindakan.UBAH_TPM: ({P}, "mengubah TPM dan tim pemandu"),
    Tindakan.UBAH_JADWAL: ({P}, "mengubah jadwal"),
    Tindakan.UBAH_AGENDA: ({P, L}, "mengubah agenda"),
    Tindakan.UBAH_LOGISTIK: ({P, L}, "mengubah logistik"),
    Tindakan.UNGGAH_MATERI: ({P, L}, "mengubah bahan musyawarah"),
    Tindakan.UBAH_PESERTA: ({P, L}, "mengubah daftar peserta"),
    Tindakan.CATAT_HADIR: ({L}, "mencatat kehadiran"),
    Tindakan.PUTUSKAN: ({L}, "mengubah keputusan usulan"),
    Tindakan.PILIH_MASALAH: ({L}, "memilih masalah prioritas"),
    Tindakan.PILIH_DELEGASI: ({L}, "memilih delegasi"),
    Tindakan.UBAH_CATATAN: ({L, T}, "mengubah isi berita acara"),
    Tindakan.TETAPKAN_TTD: ({T}, "menetapkan penandatangan"),
    Tindakan.MULAI: ({P}, "membuka musyawarah"),
    Tindakan.TETAPKAN: ({L}, "menetapkan hasil musyawarah"),
    Tindakan.BUKA_KEMBALI: ({T}, "membuka kembali pembahasan"),
    Tindakan.TANDATANGANI: ({T}, "menandatangani berita acara"),
    Tindakan.UNGGAH_PINDAIAN: ({SELESAI}, "mengunggah pindaian"),
    # The kecamatan forum's own.
    Tindakan.TARIK_HASIL: ({P, L}, "menarik hasil musyawarah tingkat di bawahnya"),
    Tindakan.ATUR_KELOMPOK: ({P, L}, "mengatur sidang kelompok"),
    Tindakan.TERIMA_PENDAFTARAN: ({P, L}, "memproses pendaftaran"),
    Tindakan.USULAN_KECAMATAN: ({P, L}, "menambah usulan kecamatan"),
    Tindakan.VERIFIKASI: ({L}, "memverifikasi usulan"),
    Tindakan.ATUR_KRITERIA: ({P, L}, "mengubah kriteria penilaian"),
    Tindakan.NILAI: ({L}, "menilai usulan"),
    Tindakan.PLENO: ({L}, "mengubah hasil sidang pleno"),
    Tindakan.BACAKAN: ({T}, "mencatat pembacaan berita acara"),
    Tindakan.KIRIM: ({SELESAI}, "mengirim salinan berita acara"),
}
# Actions of one level only, written out again: the desa forum decides on its usulan and
# problems; the kecamatan forum pulls, groups, registers, verifies, holds the Pleno, sends.
KECAMATAN_SAJA = {
    Tindakan.TARIK_HASIL,
    Tindakan.ATUR_KELOMPOK,
    Tindakan.TERIMA_PENDAFTARAN,
    Tindakan.USULAN_KECAMATAN,
    Tindakan.VERIFIKASI,
    Tindakan.ATUR_KRITERIA,
    Tindakan.NILAI,
    Tindakan.PLENO,
    Tindakan.BACAKAN,
    Tindakan.KIRIM,
}
DESA_SAJA = {Tindakan.PUTUSKAN, Tindakan.PILIH_MASALAH}


def _tingkat(t) -> str:
    return "kecamatan" if t in KECAMATAN_SAJA else "desa"


LABEL = {
    P: "persiapan",
    L: "pelaksanaan",
    T: "penetapan",
    SELESAI: "selesai (berita acara ditandatangani)",
}


def test_every_tindakan_has_a_rule():
    assert set(ATURAN) == set(Tindakan)


KASUS = [(t, s) for t in Tindakan for s in S]


@pytest.mark.parametrize(("tindakan", "status"), KASUS, ids=[f"{t}-{s}" for t, s in KASUS])
def test_each_action_is_open_only_in_its_statuses(tindakan, status):
    m = Musyawarah(status=status, tingkat=_tingkat(tindakan))
    boleh, nama = ATURAN[tindakan]
    if status in boleh:
        assert terbuka(m, tindakan)
        wajib_tindakan(m, tindakan)  # no refusal
        return
    assert not terbuka(m, tindakan)
    with pytest.raises(DomainError) as e:
        wajib_tindakan(m, tindakan)
    if status == SELESAI:
        assert e.value.message == (
            f"Berita acara sudah ditandatangani; {nama} tidak dapat dilakukan lagi."
        )
    else:
        tahap = " atau ".join(LABEL[s] for s in (P, L, T, SELESAI) if s in boleh)
        assert e.value.message == (
            f"{nama[0].upper()}{nama[1:]} hanya dapat dilakukan pada tahap {tahap} "
            f"(sekarang: {LABEL[status]})."
        )


def test_after_signing_only_the_scan_and_sending_the_copies_are_open():
    desa = Musyawarah(status=SELESAI, tingkat="desa")
    assert [t for t in Tindakan if terbuka(desa, t)] == [Tindakan.UNGGAH_PINDAIAN]
    kecamatan = Musyawarah(status=SELESAI, tingkat="kecamatan")
    assert [t for t in Tindakan if terbuka(kecamatan, t)] == [
        Tindakan.UNGGAH_PINDAIAN,
        Tindakan.KIRIM,
    ]


@pytest.mark.parametrize("tindakan", sorted(KECAMATAN_SAJA | DESA_SAJA))
def test_an_action_of_one_level_is_closed_at_the_other(tindakan):
    lain = "desa" if tindakan in KECAMATAN_SAJA else "kecamatan"
    m = Musyawarah(status=L if tindakan != Tindakan.KIRIM else SELESAI, tingkat=lain)
    assert not terbuka(m, tindakan)
    with pytest.raises(DomainError, match="tidak berlaku untuk musyawarah tingkat ini"):
        wajib_tindakan(m, tindakan)


def test_a_practice_run_has_no_scan_to_upload():
    m = Musyawarah(status=SELESAI, latihan=True, tingkat="kecamatan")
    assert not terbuka(m, Tindakan.UNGGAH_PINDAIAN) and not terbuka(m, Tindakan.KIRIM)
    with pytest.raises(DomainError, match="Latihan tidak ditandatangani sungguhan"):
        wajib_tindakan(m, Tindakan.UNGGAH_PINDAIAN)


@pytest.mark.parametrize("status", list(S))
def test_pages_get_false_for_a_user_who_does_not_manage_the_forum(status):
    m = Musyawarah(status=status, tingkat="desa")
    assert set(tindakan_terbuka(m, boleh_kelola=False).values()) == {False}
    bisa = tindakan_terbuka(m, boleh_kelola=True)
    assert {t for t, v in bisa.items() if v} == {
        t.value for t, (boleh, _n) in ATURAN.items() if status in boleh and t not in KECAMATAN_SAJA
    }


def test_the_camat_gets_no_action_on_the_forum_pages(forum_berjalan, camat_a):
    response = klien(camat_a).get(reverse("musyawarah:ringkasan", args=[forum_berjalan.m.pk]))
    assert set(response.context["bisa"].values()) == {False}
    assert response.context["bisa"]["catat_hadir"] is False


def test_the_operator_gets_the_actions_of_the_status(forum_berjalan, operator_a):
    response = klien(operator_a).get(reverse("musyawarah:ringkasan", args=[forum_berjalan.m.pk]))
    bisa = response.context["bisa"]
    assert bisa["catat_hadir"] and bisa["putuskan"] and not bisa["ubah_tpm"]


# The new services refuse through the table once signed.
def test_new_services_refuse_after_signing(forum_selesai, operator_a):
    m = forum_selesai.m
    acara = m.agenda.first()
    with pytest.raises(DomainError, match="Berita acara sudah ditandatangani; mengubah agenda"):
        persiapan.agenda_simpan(
            user=operator_a, musyawarah=m, acara=acara, data={"acara": "Diubah"}
        )
    with pytest.raises(DomainError, match="mengubah agenda tidak dapat dilakukan lagi"):
        persiapan.agenda_hapus(user=operator_a, acara=acara)
    with pytest.raises(DomainError, match="mengubah bahan musyawarah tidak dapat"):
        materi.materi_tambah(
            user=operator_a,
            musyawarah=m,
            judul="Paparan",
            berkas=unggahan("a.pdf", pdf_asli()),
        )
    with pytest.raises(DomainError, match="sudah ditandatangani; latihan tidak diperlukan"):
        latihan.latihan_buat(user=operator_a, musyawarah=m)
    assert m.agenda.filter(acara="Diubah").count() == 0
    assert m.agenda.count() == 6 and m.materi.count() == 0


# On a signed forum no page offers a change: the only submit buttons left are the
# logout in the menu and, on the berita acara page, the scan upload.
HALAMAN = [
    ("tpm", [], 1, ["Tambah anggota TPM", "Simpan SK", "Tambah pemandu", "/hapus/"]),
    ("jadwal", [], 1, ["Simpan jadwal", "Tambah acara", "/agenda/", "/siap/", "Tambah item"]),
    ("peserta", [], 1, ["/ubah/", "Tambah undangan", "Tambah peserta"]),
    ("hadir", [], 1, ["Catat hadir", "hx-post"]),
    ("delegasi", [], 1, ["Simpan delegasi"]),
    ("pembahasan", [], 1, ["Simpan urutan dan keputusan", "<select"]),
    ("masalah", [], 1, ["Simpan masalah prioritas"]),
    ("penetapan", [], 2, ["Simpan isi berita acara", "Simpan penandatangan", "/tandatangani/"]),
    ("ringkasan", [], 1, ["Lampirkan bahan", "/latihan/", "/mulai/", "/tetapkan/"]),
    ("keluaran", ["berita_acara"], 1, []),
]


@pytest.mark.parametrize(("halaman", "args", "tombol", "tidak_ada"), HALAMAN)
def test_a_signed_forum_shows_no_edit_form(
    halaman, args, tombol, tidak_ada, forum_selesai, operator_a
):
    m = forum_selesai.m
    response = klien(operator_a).get(reverse(f"musyawarah:{halaman}", args=[m.pk, *args]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('type="submit"') == tombol
    for teks in tidak_ada:
        assert teks not in html, teks


@pytest.mark.parametrize(
    ("halaman", "bagian"),
    [
        ("agenda_ubah", lambda m: m.agenda.first().pk),
        ("peserta_ubah", lambda m: m.peserta.first().pk),
    ],
)
def test_edit_pages_of_a_signed_forum_offer_no_form(halaman, bagian, forum_selesai, operator_a):
    m = forum_selesai.m
    response = klien(operator_a).get(reverse(f"musyawarah:{halaman}", args=[m.pk, bagian(m)]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('type="submit"') == 1  # the logout in the menu


def test_the_same_pages_offer_their_forms_before_the_forum(forum_siap, operator_a):
    """The counterpart of the test above: the same markers are there while editing is open."""
    client = klien(operator_a)
    tpm = client.get(reverse("musyawarah:tpm", args=[forum_siap.m.pk])).content.decode()
    assert "Tambah anggota TPM" in tpm and "Simpan SK" in tpm and "/hapus/" in tpm
    jadwal = client.get(reverse("musyawarah:jadwal", args=[forum_siap.m.pk])).content.decode()
    assert "Simpan jadwal" in jadwal and "Tambah acara" in jadwal and "/agenda/" in jadwal
    ringkasan = client.get(reverse("musyawarah:ringkasan", args=[forum_siap.m.pk]))
    html = ringkasan.content.decode()
    assert "Lampirkan bahan" in html and "/latihan/" in html and "/mulai/" in html
