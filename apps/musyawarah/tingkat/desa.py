"""The Musrenbang Desa/Kelurahan (first seed document) as a level of the forum engine.

Managed by the kelurahan's operator; prepared by a TPM of five and a tim pemandu of
three; represented along the seed's six dimensions; signed by one representative of each
of the three unsur present; its five outputs frozen in one snapshot; and signing moves
each decided usulan (output 1: the kelurahan's own plan or the kecamatan; output 2:
swadaya; or not agreed), locks the priority problems and closes submission.
"""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.akun.permissions import Aksi
from apps.musyawarah import cetak
from apps.musyawarah.keluaran import STATUS_KEPUTUSAN, data_orang, data_wilayah, snapshot_desa
from apps.musyawarah.keterwakilan import Dimensi, Kelompok, hitung, kelompok_sosial
from apps.musyawarah.keterwakilan import keterwakilan_dari as _keterwakilan_dari
from apps.musyawarah.models import (
    JabatanTpm,
    KelompokSosial,
    KelompokUsia,
    Keputusan,
    Musyawarah,
    Unsur,
)
from apps.musyawarah.pembahasan import kekurangan_keputusan, musyawarah_tetapkan
from apps.musyawarah.penetapan import kekurangan_tanda_tangan
from apps.musyawarah.persiapan import JUMLAH_PEMANDU, kekurangan_jadwal_undangan
from apps.musyawarah.tingkat import Spesifikasi, Tab
from apps.siklus.models import Tahapan
from apps.usulan import kajian
from apps.usulan import services as usulan_services
from apps.usulan.models import Sektor

# The seed's five sectors: the forum should hear each of them.
SEKTOR_SEED = (
    Sektor.EKONOMI,
    Sektor.PERTANIAN,
    Sektor.KESEHATAN,
    Sektor.PENDIDIKAN,
    Sektor.LINGKUNGAN,
)


def kekurangan_persiapan(m: Musyawarah) -> list[str]:
    """Seed steps 1-2: the TPM complete with its SK, the tim pemandu of exactly three, the
    schedule, the announcement and the invitees."""
    kurang = []
    if not m.sk_tpm_nomor or not m.sk_tpm_tanggal:
        kurang.append(_("Nomor dan tanggal SK TPM belum diisi."))
    jabatan = [a.jabatan_tpm for a in m.tpm.all()]
    for j in JabatanTpm:
        if j not in jabatan:
            kurang.append(_("TPM belum memiliki %(j)s.") % {"j": j.label.lower()})
    jumlah = len(m.pemandu.all())
    if jumlah != JUMLAH_PEMANDU:
        kurang.append(_("Tim pemandu harus tepat 3 orang (sekarang %(n)d).") % {"n": jumlah})
    return kurang + kekurangan_jadwal_undangan(m)


def kekurangan_penetapan(m: Musyawarah) -> list[str]:
    kurang = kekurangan_tanda_tangan(m)
    if not m.pimpinan_kepala and not m.kepala_nama:
        kurang.append(
            _(
                "Sidang tidak dipimpin %(j)s: isi nama %(j)s (halaman TPM) untuk tanda tangan "
                "“Mengetahui”."
            )
            % {"j": m.kelurahan.jabatan_kepala.lower()}
        )
    return kurang


def _dimensi(m: Musyawarah, orang: list) -> list[Dimensi]:
    """The seed's six dimensions of keterwakilan."""
    rw = hitung(orang, lambda p: [p.lingkungan_id] if p.lingkungan_id else [])
    sektor = hitung(orang, lambda p: [p.sektor] if p.sektor else [])
    usia = hitung(orang, lambda p: [p.kelompok_usia] if p.kelompok_usia else [])
    sos = hitung(orang, kelompok_sosial)
    unsur = hitung(orang, lambda p: [p.unsur])
    organisasi = hitung(orang, lambda p: [p.organisasi.strip()] if p.organisasi.strip() else [])
    lingkungan = list(m.kelurahan.lingkungan.order_by("nomor"))
    return [
        Dimensi(_("Wilayah (RW/dusun)"), [Kelompok(str(lg), rw[lg.pk]) for lg in lingkungan]),
        Dimensi(_("Sektor"), [Kelompok(s.label, sektor[s.value]) for s in SEKTOR_SEED]),
        Dimensi(_("Kelompok usia"), [Kelompok(k.label, usia[k.value]) for k in KelompokUsia]),
        Dimensi(
            _("Kelompok sosial dan jenis kelamin"),
            [
                Kelompok(k.label, sos[k.value])
                for k in (
                    KelompokSosial.TOKOH_MASYARAKAT,
                    KelompokSosial.TOKOH_ADAT,
                    KelompokSosial.TOKOH_AGAMA,
                    KelompokSosial.BAPAK_BAPAK,
                    KelompokSosial.PEREMPUAN,
                    KelompokSosial.MARJINAL,
                )
            ],
        ),
        Dimensi(_("Unsur tata pemerintahan"), [Kelompok(u.label, unsur[u.value]) for u in Unsur]),
        Dimensi(
            _("Organisasi"),
            [Kelompok(nama, n) for nama, n in sorted(organisasi.items())],
            kosong=_("organisasi kemasyarakatan"),
        ),
    ]


def keterwakilan(m: Musyawarah, peserta: list):
    return _keterwakilan_dari(m, peserta, _dimensi)


def langkah(m: Musyawarah) -> str:
    if m.dalam_persiapan:
        return _(
            "Lengkapi persiapan: TPM dan tim pemandu, jadwal dengan pengumuman paling lambat "
            "7 hari sebelumnya, undangan peserta, kajian desa dan rancangan RKP Desa."
        )
    if m.berlangsung:
        return _(
            "Musyawarah berlangsung: catat kehadiran, sepakati urutan dan klasifikasi usulan, "
            "pilih masalah prioritas dan delegasi, lalu tetapkan hasilnya."
        )
    if not m.ditandatangani:
        return _(
            "Hasil sudah ditetapkan: isi nomor berita acara, tetapkan pimpinan sidang, notulen "
            "dan wakil setiap unsur, lalu tandatangani."
        )
    return _(
        "Berita acara sudah ditandatangani. Unduh dokumen hasil musyawarah dan unggah "
        "pindaian yang ditandatangani."
    )


# The list each decision puts an usulan on, as the public tracking page names it.
NAMA_DAFTAR = {
    Keputusan.KOTA: gettext_lazy("daftar prioritas yang diteruskan ke Musrenbang kecamatan"),
    Keputusan.KELURAHAN: gettext_lazy("daftar prioritas yang didanai kelurahan/desa sendiri"),
    Keputusan.SWADAYA: gettext_lazy("daftar kegiatan swadaya"),
}


def terapkan(user, m: Musyawarah) -> None:
    """Move every decided usulan to the status its decision gives, with its rank within
    the list it is on (what the tracking page shows); lock the listed problems; close
    the kelurahan's submission for the siklus."""
    keterangan = _("Ditetapkan Musrenbang %(w)s, berita acara nomor %(n)s.") % {
        "w": m.kelurahan,
        "n": m.nomor_berita_acara,
    }
    putusan = []
    peringkat: Counter = Counter()
    for p in m.pembahasan.select_related("usulan").order_by("urutan"):
        if p.keputusan == Keputusan.DITOLAK:
            putusan.append((p.usulan, STATUS_KEPUTUSAN[p.keputusan], p.alasan))
            continue
        peringkat[p.keputusan] += 1
        teks = keterangan + _(" Urutan %(n)d dalam %(daftar)s.") % {
            "n": peringkat[p.keputusan],
            "daftar": NAMA_DAFTAR[p.keputusan],
        }
        putusan.append((p.usulan, STATUS_KEPUTUSAN[p.keputusan], teks))
    usulan_services.usulan_putuskan_desa_banyak(user=user, putusan=putusan)
    kajian.masalah_kunci(user=user, masalah_list=[mp.masalah for mp in m.masalah_prioritas.all()])
    usulan_services.pengajuan_tutup(
        user=user, kelurahan=m.kelurahan, siklus=m.siklus, keterangan=keterangan
    )


SPESIFIKASI = Spesifikasi(
    tingkat="desa",
    aksi_kelola=Aksi.KELOLA_MUSYAWARAH_DESA,
    jenis_tahapan=Tahapan.Jenis.MUSRENBANG_DESA,
    jenis_dokumen="berita_acara_desa",
    kekurangan_persiapan=kekurangan_persiapan,
    kekurangan_pelaksanaan=kekurangan_keputusan,
    kekurangan_penetapan=kekurangan_penetapan,
    keterwakilan=keterwakilan,
    elemen=lambda p: p.unsur,
    label_elemen=lambda v: str(Unsur(v).label),
    snapshot=snapshot_desa,
    render_berita_acara=cetak.pdf_berita_acara,
    terapkan=terapkan,
    judul=lambda m: _("Berita Acara Musrenbang %(w)s %(s)s") % {"w": m.kelurahan, "s": m.siklus},
    nama_wilayah=lambda m: f"{m.kelurahan}, Kecamatan {m.kelurahan.kecamatan.nama}",
    nama_forum=lambda m: _("Musrenbang %(w)s") % {"w": m.kelurahan},
    data_wilayah=data_wilayah,
    orang=data_orang,
    tetapkan=musyawarah_tetapkan,
    jabatan_kepala=lambda m: m.kelurahan.jabatan_kepala,
    pemandu=True,
    langkah=langkah,
    keluaran=cetak,
    templat_keluaran="musyawarah/keluaran.html",
    templat={
        "undangan": "dokumen/desa/undangan.html",
        "pengumuman": "dokumen/desa/pengumuman.html",
        "daftar_hadir": "dokumen/desa/daftar_hadir.html",
    },
    pesan_ditandatangani=gettext_lazy(
        "Berita acara ditandatangani. Hasil musyawarah kini final dan diteruskan ke kecamatan."
    ),
    petunjuk_materi=gettext_lazy(
        "Kajian desa dan rancangan RKP Desa ada di tab 3. Lampirkan di sini bahan lain yang "
        "dibawa ke forum; namanya dicantumkan di berita acara."
    ),
    petunjuk_keterwakilan=gettext_lazy(
        "Enam dimensi keterwakilan Musrenbang desa/kelurahan: wilayah, sektor, usia, kelompok "
        "sosial dan jenis kelamin, unsur tata pemerintahan, dan organisasi. Panel ini "
        "diperbarui sendiri selama musyawarah berlangsung."
    ),
    tab_berlangsung=(Tab("musyawarah:pembahasan", gettext_lazy("Prioritas usulan"), "pembahasan"),),
    tab=(
        Tab("musyawarah:ringkasan", gettext_lazy("Ringkasan"), "ringkasan"),
        Tab("musyawarah:tpm", gettext_lazy("1. TPM & pemandu"), "tpm"),
        Tab("musyawarah:jadwal", gettext_lazy("2. Jadwal & undangan"), "jadwal"),
        Tab("musyawarah:rkp", gettext_lazy("3. Kajian & RKP"), "rkp"),
        Tab("musyawarah:peserta", gettext_lazy("4. Peserta"), "peserta"),
        Tab("musyawarah:hadir", gettext_lazy("Daftar hadir"), "hadir"),
        Tab("musyawarah:keterwakilan", gettext_lazy("Keterwakilan"), "keterwakilan"),
        Tab("musyawarah:pembahasan", gettext_lazy("5. Prioritas usulan"), "pembahasan"),
        Tab("musyawarah:masalah", gettext_lazy("Masalah prioritas"), "masalah"),
        Tab("musyawarah:delegasi", gettext_lazy("Delegasi"), "delegasi"),
        Tab("musyawarah:penetapan", gettext_lazy("6. Berita acara"), "penetapan"),
        Tab(
            "musyawarah:keluaran",
            gettext_lazy("Hasil & dokumen"),
            "keluaran",
            args=("berita_acara",),
        ),
    ),
)
