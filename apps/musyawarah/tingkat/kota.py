"""The Musrenbang Kota/Kabupaten (Bappeda's forum) as a level of the forum engine.

Managed by the admin Bappeda of the daerah; prepared by a tim penyelenggara set by the
Kepala Bappeda, with an announced schedule; its invitees are the delegations and camat
of the signed kecamatan forums (pulled by reference) and those Bappeda invites itself
(perangkat daerah heads, DPRD, ...); represented per kecamatan (and women per
kecamatan) and per stakeholder element; its material is what the signed kecamatan forums
agreed, per perangkat daerah; it decides on each usulan (agreed, moved to another
perangkat daerah, or not agreed with a reason); and its berita acara, signed by a
representative of each element present, makes those decisions final.

What signing does to each usulan (``terapkan``), as a Bappeda planner reads the
Musrenbang RKPD: the forum is where the kota agrees its priorities for the RKPD after the
Forum Perangkat Daerah, so an agreed usulan is *diterima* (into its perangkat daerah's
Renja and the RKPD: funded, never carried over); a moved one first changes perangkat
daerah (a line on its timeline, old → new) and is then diterima for the new one; one not
agreed is *ditolak* with the forum's reason (so the kelurahan may carry it over next
year). A merged duplicate follows its main usulan and says so.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.akun.permissions import Aksi
from apps.musyawarah import cetak_kota
from apps.musyawarah.keluaran_kota import (
    data_wilayah_kota,
    label_elemen,
    orang_kota,
    snapshot_kota,
)
from apps.musyawarah.keterwakilan import Dimensi, Kelompok, hitung, kelompok_sosial
from apps.musyawarah.keterwakilan import keterwakilan_dari as _keterwakilan_dari
from apps.musyawarah.kota.kesepakatan import (
    KeputusanKota,
    kekurangan_kesepakatan,
    keputusan_kota,
    kota_tetapkan,
    kunci_urutan,
    pembahasan_kota,
)
from apps.musyawarah.models import ElemenKota, JabatanTpm, KelompokSosial, Musyawarah, Unsur
from apps.musyawarah.penetapan import kekurangan_tanda_tangan
from apps.musyawarah.persiapan import kekurangan_jadwal_undangan
from apps.musyawarah.tingkat import Spesifikasi, Tab
from apps.siklus.models import Tahapan
from apps.usulan import services as usulan_services

# A participant recorded without an element counts for the one their unsur suggests.
ELEMEN_DARI_UNSUR = {
    Unsur.PEMERINTAH: ElemenKota.PEMERINTAH_DAERAH,
    Unsur.SWASTA: ElemenKota.SWASTA,
    Unsur.MASYARAKAT: ElemenKota.TOKOH,
}
# Who the forum should hear: the kecamatan (delegations and camat), the perangkat daerah
# whose Renja the usulan go into, and the DPRD.
ELEMEN_WAJIB = (
    ElemenKota.DELEGASI,
    ElemenKota.CAMAT,
    ElemenKota.PERANGKAT_DAERAH,
    ElemenKota.DPRD,
)


def elemen(p) -> str:
    return p.elemen or ELEMEN_DARI_UNSUR.get(p.unsur, ElemenKota.TOKOH)


def nama_forum(m: Musyawarah) -> str:
    return _("Musrenbang %(d)s") % {"d": m.daerah.nama}


def kekurangan_persiapan(m: Musyawarah) -> list[str]:
    """The tim penyelenggara set by the Kepala Bappeda, the material (a signed kecamatan
    forum pulled in), the schedule announced and the invitees."""
    kurang = []
    if not m.sk_tpm_nomor or not m.sk_tpm_tanggal:
        kurang.append(_("Nomor dan tanggal keputusan tentang tim penyelenggara belum diisi."))
    if JabatanTpm.KETUA not in [a.jabatan_tpm for a in m.tpm.all()]:
        kurang.append(_("Tim penyelenggara belum memiliki ketua."))
    if not m.pembahasan.exists():
        kurang.append(
            _(
                "Belum ada usulan dari Musrenbang kecamatan yang ditandatangani: tarik hasil "
                "kecamatan di tab 1."
            )
        )
    return kurang + kekurangan_jadwal_undangan(m)


def kekurangan_penetapan(m: Musyawarah) -> list[str]:
    return kekurangan_tanda_tangan(m)


def _dimensi(m: Musyawarah, orang: list) -> list[Dimensi]:
    """Per kecamatan (everyone, and women), per element, and women and vulnerable
    groups."""
    kecamatan = list(m.daerah.kecamatan.order_by("nama"))
    asal = hitung(orang, lambda p: [p.kecamatan_asal_id] if p.kecamatan_asal_id else [])
    perempuan = hitung(
        [p for p in orang if p.jenis_kelamin == "P"],
        lambda p: [p.kecamatan_asal_id] if p.kecamatan_asal_id else [],
    )
    per_elemen = hitung(orang, lambda p: [elemen(p)])
    sosial = hitung(orang, kelompok_sosial)
    return [
        Dimensi(_("Kecamatan"), [Kelompok(k.nama, asal[k.pk]) for k in kecamatan]),
        Dimensi(
            _("Perempuan dari setiap kecamatan"),
            [Kelompok(k.nama, perempuan[k.pk]) for k in kecamatan],
        ),
        Dimensi(
            _("Unsur peserta"),
            [Kelompok(ElemenKota(e).label, per_elemen[e]) for e in ELEMEN_WAJIB],
        ),
        Dimensi(
            _("Perempuan dan kelompok rentan"),
            [
                Kelompok(_("Perempuan"), sosial[KelompokSosial.PEREMPUAN]),
                Kelompok(
                    _("Kelompok rentan/marjinal"),
                    sosial[KelompokSosial.MARJINAL] + per_elemen[ElemenKota.RENTAN],
                ),
            ],
        ),
    ]


def keterwakilan(m: Musyawarah, peserta: list):
    return _keterwakilan_dari(m, peserta, _dimensi)


def langkah(m: Musyawarah) -> str:
    if m.dalam_persiapan:
        return _(
            "Lengkapi persiapan: tim penyelenggara, jadwal yang diumumkan paling lambat 7 hari "
            "sebelumnya, dan undangan. Hasil Musrenbang kecamatan yang ditandatangani (usulan, "
            "delegasi dan camat) ditarik di tab 1; tambahkan undangan Bappeda sendiri "
            "(kepala perangkat daerah, DPRD, dan lainnya) di tab 4."
        )
    if m.berlangsung:
        return _(
            "Musyawarah berlangsung: catat kehadiran, bahas usulan setiap perangkat daerah dan "
            "catat kesepakatannya (disepakati, pindah perangkat daerah, atau tidak disepakati "
            "dengan alasan), lalu tetapkan hasilnya."
        )
    if not m.ditandatangani:
        return _(
            "Hasil sudah ditetapkan: isi nomor berita acara, tetapkan pimpinan sidang, notulen "
            "dan wakil setiap unsur yang hadir, lalu tandatangani."
        )
    return _(
        "Berita acara sudah ditandatangani: usulan yang disepakati diterima perangkat daerahnya "
        "dan yang tidak disepakati ditolak dengan alasannya. Unduh dokumen hasil musyawarah "
        "dan unggah pindaian yang ditandatangani."
    )


def terapkan(user, m: Musyawarah) -> None:
    """Every usulan the forum decided on takes its result (see the module's docstring):
    diterima (after a move to its new perangkat daerah, when moved), or ditolak with the
    reason. Merged duplicates follow their main usulan."""
    dasar = _("Musrenbang %(d)s, berita acara nomor %(n)s.") % {
        "d": m.daerah.nama,
        "n": m.nomor_berita_acara,
    }
    for p in sorted(pembahasan_kota(m), key=kunci_urutan):
        k = keputusan_kota(p)
        tujuan = p.pd
        for q in [p, *p.gabungan.all()]:
            u = q.usulan
            awal = ""
            if q is not p:
                awal = _("Digabung dengan %(k)s (%(a)s). ") % {
                    "k": p.usulan.kode,
                    "a": p.usulan.asal,
                }
            if k == KeputusanKota.TOLAK:
                usulan_services.usulan_tolak_kota(
                    user=user,
                    usulan=u,
                    alasan=f"{dasar} {awal}" + _("Tidak disepakati: %(a)s") % {"a": p.alasan},
                )
                continue
            if tujuan is not None and u.perangkat_daerah_id != tujuan.pk:
                asal = u.perangkat_daerah
                usulan_services.usulan_pindah_perangkat_daerah(
                    user=user,
                    usulan=u,
                    perangkat_daerah=tujuan,
                    keterangan=f"{dasar} {awal}"
                    + _("Dipindahkan dari %(a)s ke %(b)s.") % {"a": asal or "—", "b": tujuan}
                    + (f" {p.alasan}" if p.alasan else ""),
                )
            usulan_services.usulan_terima_kota(
                user=user,
                usulan=u,
                keterangan=f"{dasar} {awal}"
                + _("Disepakati untuk %(pd)s, urutan %(n)s.") % {"pd": tujuan, "n": p.urutan},
            )


SPESIFIKASI = Spesifikasi(
    tingkat="kota",
    aksi_kelola=Aksi.KELOLA_MUSYAWARAH_KOTA,
    jenis_tahapan=Tahapan.Jenis.MUSRENBANG_KOTA,
    jenis_dokumen="berita_acara_kota",
    kekurangan_persiapan=kekurangan_persiapan,
    kekurangan_pelaksanaan=kekurangan_kesepakatan,
    kekurangan_penetapan=kekurangan_penetapan,
    keterwakilan=keterwakilan,
    elemen=elemen,
    label_elemen=label_elemen,
    snapshot=snapshot_kota,
    render_berita_acara=cetak_kota.pdf_berita_acara,
    terapkan=terapkan,
    judul=lambda m: _("Berita Acara Musrenbang %(d)s %(s)s") % {"d": m.daerah.nama, "s": m.siklus},
    nama_wilayah=lambda m: m.daerah.nama,
    nama_forum=nama_forum,
    data_wilayah=data_wilayah_kota,
    orang=orang_kota,
    tetapkan=kota_tetapkan,
    jabatan_kepala=lambda m: _("Kepala Bappeda"),
    pemandu=False,
    langkah=langkah,
    keluaran=cetak_kota,
    templat_keluaran="musyawarah/kota/keluaran.html",
    templat={
        "undangan": "dokumen/kota/undangan.html",
        "pengumuman": "dokumen/kota/pengumuman.html",
        "daftar_hadir": "dokumen/desa/daftar_hadir.html",
    },
    pesan_ditandatangani=gettext_lazy(
        "Berita acara ditandatangani. Hasil musyawarah kini final: usulan yang disepakati "
        "diterima perangkat daerahnya, yang tidak disepakati ditolak dengan alasannya."
    ),
    petunjuk_materi=gettext_lazy(
        "Hasil Musrenbang kecamatan yang ditandatangani ditarik di tab 1 dan dibahas per "
        "perangkat daerah di tab 5. Lampirkan di sini bahan lain yang dibawa ke forum "
        "(rancangan RKPD, evaluasi kinerja); namanya dicantumkan di berita acara."
    ),
    nama_tim=gettext_lazy("Tim penyelenggara Musrenbang kota/kabupaten"),
    keterangan_tim=gettext_lazy(
        "Ditetapkan dengan keputusan Kepala Bappeda (atau kepala daerah): ketua, dan anggota "
        "yang menyiapkan jadwal, bahan, peserta dan logistik."
    ),
    petunjuk_keterwakilan=gettext_lazy(
        "Keterwakilan Musrenbang kota/kabupaten: setiap kecamatan (dan perempuan dari setiap "
        "kecamatan), setiap unsur peserta, serta perempuan dan kelompok rentan. Sebelum "
        "musyawarah dibuka, panel menghitung undangan; sesudahnya, yang hadir."
    ),
    tab_berlangsung=(
        Tab(
            "musyawarah:kesepakatan",
            gettext_lazy("Kesepakatan per perangkat daerah"),
            "kesepakatan",
        ),
    ),
    tab=(
        Tab("musyawarah:ringkasan", gettext_lazy("Ringkasan"), "ringkasan"),
        Tab("musyawarah:hasil_kecamatan", gettext_lazy("1. Hasil kecamatan"), "hasil_kecamatan"),
        Tab("musyawarah:tpm", gettext_lazy("2. Tim penyelenggara"), "tpm"),
        Tab("musyawarah:jadwal", gettext_lazy("3. Jadwal & undangan"), "jadwal"),
        Tab("musyawarah:peserta", gettext_lazy("4. Peserta"), "peserta"),
        Tab("musyawarah:hadir", gettext_lazy("Daftar hadir"), "hadir"),
        Tab("musyawarah:keterwakilan", gettext_lazy("Keterwakilan"), "keterwakilan"),
        Tab("musyawarah:kesepakatan", gettext_lazy("5. Kesepakatan per PD"), "kesepakatan"),
        Tab("musyawarah:penetapan", gettext_lazy("6. Berita acara"), "penetapan"),
        Tab(
            "musyawarah:keluaran",
            gettext_lazy("Hasil & dokumen"),
            "keluaran",
            args=("berita_acara",),
        ),
    ),
)
