"""The Musrenbang Kecamatan (second seed document) as a level of the forum engine.

Managed by the camat and the operator kecamatan; prepared by a tim penyelenggara set by
the camat, announced publicly at least 7 days ahead and notified to Bappeda; its
participants come from the signed desa forums (the lurah/kepala desa and the delegations)
and from the public registration; its usulan are verified in sidang kelompok and ordered
by the Pleno II; its berita acara is signed by a representative of every stakeholder
element present; signing moves each usulan (layak/tidak layak, prioritas kecamatan) with
the group's corrections, and sending the copies forwards the priorities to the kota.
"""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.akun.permissions import Aksi
from apps.core.formatting import desimal
from apps.musyawarah import cetak_kecamatan
from apps.musyawarah.kecamatan.peringkat import dengan_peringkat, kriteria_forum
from apps.musyawarah.kecamatan.pleno import kekurangan_pleno, pembahasan_kecamatan, pleno_tetapkan
from apps.musyawarah.kecamatan.sidang import KOREKSI
from apps.musyawarah.keluaran_kecamatan import (
    data_wilayah_kecamatan,
    orang_kecamatan,
    snapshot_kecamatan,
)
from apps.musyawarah.keterwakilan import Dimensi, Kelompok, hitung, kelompok_sosial
from apps.musyawarah.keterwakilan import keterwakilan_dari as _keterwakilan_dari
from apps.musyawarah.models import (
    ElemenKecamatan,
    JabatanTpm,
    KelompokSosial,
    Keputusan,
    Musyawarah,
    Pembahasan,
    Unsur,
    Verifikasi,
)
from apps.musyawarah.penetapan import kekurangan_tanda_tangan
from apps.musyawarah.persiapan import kekurangan_jadwal_undangan
from apps.musyawarah.tingkat import Spesifikasi, Tab
from apps.siklus.models import Tahapan
from apps.usulan import services as usulan_services

# A participant recorded without an element counts for the one their unsur suggests.
ELEMEN_DARI_UNSUR = {
    Unsur.PEMERINTAH: ElemenKecamatan.KECAMATAN,
    Unsur.SWASTA: ElemenKecamatan.SWASTA,
    Unsur.MASYARAKAT: ElemenKecamatan.TOKOH,
}
# The participants seed 6.a names: the forum should hear each of them.
ELEMEN_SEED = (
    ElemenKecamatan.KEPALA_KELURAHAN,
    ElemenKecamatan.DELEGASI,
    ElemenKecamatan.DPRD,
    ElemenKecamatan.PERANGKAT_DAERAH,
    ElemenKecamatan.TOKOH,
)


def elemen(p) -> str:
    return p.elemen or ELEMEN_DARI_UNSUR.get(p.unsur, ElemenKecamatan.TOKOH)


def label_elemen(value: str) -> str:
    return str(ElemenKecamatan(value).label) if value in ElemenKecamatan.values else value


def kekurangan_persiapan(m: Musyawarah) -> list[str]:
    """Seed 4.a: the tim penyelenggara set by the camat, the schedule announced, Bappeda
    notified, the groups covering every usulan, the invitees."""
    kurang = []
    if not m.sk_tpm_nomor or not m.sk_tpm_tanggal:
        kurang.append(_("Nomor dan tanggal keputusan camat tentang tim penyelenggara belum diisi."))
    if JabatanTpm.KETUA not in [a.jabatan_tpm for a in m.tpm.all()]:
        kurang.append(_("Tim penyelenggara belum memiliki ketua."))
    if not m.nomor_surat_bappeda or not m.tanggal_surat_bappeda:
        kurang.append(_("Surat pemberitahuan ke Bappeda belum dicatat."))
    if not m.kelompok_diskusi.exists():
        kurang.append(_("Belum ada sidang kelompok."))
    tanpa = m.pembahasan.filter(kelompok__isnull=True).count()
    if tanpa:
        kurang.append(
            _("%(n)d usulan belum masuk sidang kelompok: masukkan perangkat daerahnya ke kelompok.")
            % {"n": tanpa}
        )
    return kurang + kekurangan_jadwal_undangan(m)


def kekurangan_penetapan(m: Musyawarah) -> list[str]:
    kurang = kekurangan_tanda_tangan(m)
    if not m.dibacakan_pada:
        kurang.append(_("Rancangan berita acara belum dibacakan kembali di Sidang Pleno II."))
    return kurang


def _dimensi(m: Musyawarah, orang: list) -> list[Dimensi]:
    """Per kelurahan, per element of seed 6.a, and women and vulnerable groups."""
    asal = hitung(orang, lambda p: [p.kelurahan_asal_id] if p.kelurahan_asal_id else [])
    per_elemen = hitung(orang, lambda p: [elemen(p)])
    sosial = hitung(orang, kelompok_sosial)
    return [
        Dimensi(
            _("Kelurahan/desa"),
            [Kelompok(k.nama, asal[k.pk]) for k in m.kecamatan.kelurahan.order_by("nama")],
        ),
        Dimensi(
            _("Unsur peserta"),
            [Kelompok(ElemenKecamatan(e).label, per_elemen[e]) for e in ELEMEN_SEED],
        ),
        Dimensi(
            _("Perempuan dan kelompok rentan"),
            [
                Kelompok(_("Perempuan"), sosial[KelompokSosial.PEREMPUAN]),
                Kelompok(
                    _("Kelompok rentan/marjinal"),
                    sosial[KelompokSosial.MARJINAL] + per_elemen[ElemenKecamatan.RENTAN],
                ),
            ],
        ),
    ]


def keterwakilan(m: Musyawarah, peserta: list):
    return _keterwakilan_dari(m, peserta, _dimensi)


def langkah(m: Musyawarah) -> str:
    if m.dalam_persiapan:
        return _(
            "Lengkapi persiapan: tim penyelenggara dengan keputusan camat, jadwal yang "
            "diumumkan paling lambat 7 hari sebelumnya, surat pemberitahuan ke Bappeda, dan "
            "undangan peserta. Hasil Musrenbang kelurahan/desa yang ditandatangani ditarik "
            "di tab 1."
        )
    if m.berlangsung:
        return _(
            "Musyawarah berlangsung: catat kehadiran, bagi peserta ke sidang kelompok dan "
            "verifikasi setiap usulan, sepakati urutan dan keputusan di Pleno II, pilih tim "
            "perumus dan delegasi, lalu tetapkan hasilnya."
        )
    if not m.ditandatangani:
        return _(
            "Hasil sudah ditetapkan: isi nomor berita acara, catat pembacaan rancangannya di "
            "Pleno II, tetapkan pimpinan sidang, notulen dan wakil setiap unsur yang hadir, "
            "lalu tandatangani."
        )
    if not m.dikirim_pada:
        return _(
            "Berita acara sudah ditandatangani. Kirim salinannya ke wali kota/bupati dan "
            "perangkat daerah: usulan prioritas baru diteruskan ke kota setelah dikirim."
        )
    return _(
        "Salinan berita acara sudah dikirim dan usulan prioritas diteruskan ke kota. Unduh "
        "dokumen hasil musyawarah dan unggah pindaian yang ditandatangani."
    )


def _pindahkan(user, p, keterangan: str, rank: str) -> None:
    """One usulan (or one merged into another) takes what the forum decided."""
    u = p.usulan
    if p.verifikasi == Verifikasi.TIDAK_LAYAK:
        usulan_services.usulan_verifikasi(
            user=user, usulan=u, layak=False, keterangan=f"{keterangan} {p.alasan_verifikasi}"
        )
        return
    if p.nilai_penilaian is not None:
        # The score goes into the usulan's public trail with its verification.
        keterangan = _("%(k)s Nilai %(n)s, peringkat %(r)d di kelompok %(g)s.") % {
            "k": keterangan,
            "n": desimal(p.nilai_penilaian),
            "r": p.peringkat_kelompok,
            "g": p.kelompok.nama if p.kelompok_id else "",
        }
    usulan_services.usulan_verifikasi(user=user, usulan=u, layak=True, keterangan=keterangan)
    if p.keputusan == Keputusan.KOTA:
        usulan_services.usulan_jadikan_prioritas_kecamatan(
            user=user, usulan=u, keterangan=f"{keterangan} {rank}".strip()
        )
    else:
        usulan_services.usulan_catat(
            user=user,
            usulan=u,
            keterangan=_("Tidak disepakati sebagai prioritas kecamatan: %(a)s") % {"a": p.alasan},
        )


def terapkan(user, m: Musyawarah) -> None:
    """Every usulan the forum discussed takes its result: the group's corrections, its
    verification, and — for those the Pleno agreed — prioritas kecamatan with its rank
    for its perangkat daerah. Merged usulan follow their main usulan and say so."""
    keterangan = _("Musrenbang Kecamatan %(k)s, berita acara nomor %(n)s.") % {
        "k": m.kecamatan.nama,
        "n": m.nomor_berita_acara,
    }
    semua = list(pembahasan_kecamatan(m))
    utama = sorted((p for p in semua if not p.digabung_ke_id), key=lambda p: (p.urutan or 0, p.pk))
    peringkat: Counter = Counter()
    nilai = {
        p.pk: (p.nilai, p.peringkat)
        for p in dengan_peringkat(Pembahasan.objects.filter(musyawarah=m), kriteria_forum(m))
    }
    dibekukan = []
    for p in utama:
        p.nilai_penilaian, p.peringkat_kelompok = nilai.get(p.pk, (None, None))
        dibekukan.append(p)
        # The corrections belong to the (merged) item, so to its main usulan only.
        koreksi = {k: getattr(p, k) for k in KOREKSI if getattr(p, k) is not None}
        if koreksi:
            usulan_services.usulan_koreksi_kecamatan(
                user=user, usulan=p.usulan, data=koreksi, keterangan=keterangan
            )
        rank = ""
        if p.layak and p.keputusan == Keputusan.KOTA:
            peringkat[p.pd_id] += 1
            p.urutan_perangkat_daerah = peringkat[p.pd_id]
            rank = _("Urutan %(n)d untuk %(pd)s (urutan %(u)d di kecamatan).") % {
                "n": peringkat[p.pd_id],
                "pd": p.pd,
                "u": p.urutan,
            }
        _pindahkan(user, p, keterangan, rank)
        for g in p.gabungan.all():
            usulan_services.usulan_catat(
                user=user,
                usulan=g.usulan,
                keterangan=_("Digabung dengan %(k)s (%(a)s) di Musrenbang Kecamatan %(kec)s.")
                % {"k": p.usulan.kode, "a": p.usulan.asal, "kec": m.kecamatan.nama},
            )
            g.verifikasi, g.alasan_verifikasi = p.verifikasi, p.alasan_verifikasi
            g.keputusan, g.alasan = p.keputusan, p.alasan
            g.nilai_penilaian, g.peringkat_kelompok = p.nilai_penilaian, p.peringkat_kelompok
            g.urutan_perangkat_daerah = p.urutan_perangkat_daerah
            dibekukan.append(g)
            _pindahkan(user, g, keterangan, rank)
    Pembahasan.objects.bulk_update(
        dibekukan, ["nilai_penilaian", "peringkat_kelompok", "urutan_perangkat_daerah"]
    )


SPESIFIKASI = Spesifikasi(
    tingkat="kecamatan",
    aksi_kelola=Aksi.KELOLA_MUSYAWARAH_KECAMATAN,
    jenis_tahapan=Tahapan.Jenis.MUSRENBANG_KECAMATAN,
    jenis_dokumen="berita_acara_kecamatan",
    kekurangan_persiapan=kekurangan_persiapan,
    kekurangan_pelaksanaan=kekurangan_pleno,
    kekurangan_penetapan=kekurangan_penetapan,
    keterwakilan=keterwakilan,
    elemen=elemen,
    label_elemen=label_elemen,
    snapshot=snapshot_kecamatan,
    render_berita_acara=cetak_kecamatan.pdf_berita_acara,
    terapkan=terapkan,
    judul=lambda m: (
        _("Berita Acara Musrenbang Kecamatan %(k)s %(s)s") % {"k": m.kecamatan.nama, "s": m.siklus}
    ),
    nama_wilayah=lambda m: str(m.kecamatan),
    nama_forum=lambda m: _("Musrenbang Kecamatan %(k)s") % {"k": m.kecamatan.nama},
    data_wilayah=data_wilayah_kecamatan,
    orang=orang_kecamatan,
    tetapkan=pleno_tetapkan,
    jabatan_kepala=lambda m: _("Camat"),
    pemandu=False,
    langkah=langkah,
    keluaran=cetak_kecamatan,
    templat_keluaran="musyawarah/kecamatan/keluaran.html",
    templat={
        "undangan": "dokumen/kecamatan/undangan.html",
        "pengumuman": "dokumen/kecamatan/pengumuman.html",
        "daftar_hadir": "dokumen/desa/daftar_hadir.html",
        "surat_bappeda": "dokumen/kecamatan/surat_bappeda.html",
    },
    pesan_ditandatangani=gettext_lazy(
        "Berita acara ditandatangani. Hasil musyawarah kini final; kirim salinannya ke wali "
        "kota/bupati dan perangkat daerah."
    ),
    petunjuk_materi=gettext_lazy(
        "Bahan dari kecamatan dan kota (evaluasi, rancangan rencana kerja, rancangan awal "
        "RKPD) dilampirkan di tab 1. Lampirkan di sini bahan lain yang dibawa ke forum; "
        "namanya dicantumkan di berita acara."
    ),
    nama_tim=gettext_lazy("Tim penyelenggara Musrenbang Kecamatan"),
    keterangan_tim=gettext_lazy(
        "Ditetapkan dengan keputusan camat: ketua, dan anggota yang menyiapkan jadwal, bahan, "
        "peserta dan logistik."
    ),
    petunjuk_keterwakilan=gettext_lazy(
        "Keterwakilan Musrenbang kecamatan: setiap kelurahan/desa, setiap unsur peserta, "
        "serta perempuan dan kelompok rentan. Panel ini diperbarui sendiri selama musyawarah "
        "berlangsung."
    ),
    tab_berlangsung=(
        Tab("musyawarah:kelompok", gettext_lazy("Sidang kelompok"), "kelompok"),
        Tab("musyawarah:pleno", gettext_lazy("Pleno II"), "pleno"),
    ),
    tab=(
        Tab("musyawarah:ringkasan", gettext_lazy("Ringkasan"), "ringkasan"),
        Tab("musyawarah:masukan", gettext_lazy("1. Masukan kelurahan"), "masukan"),
        Tab("musyawarah:tpm", gettext_lazy("2. Tim penyelenggara"), "tpm"),
        Tab("musyawarah:jadwal", gettext_lazy("3. Jadwal & pengumuman"), "jadwal"),
        Tab("musyawarah:peserta", gettext_lazy("4. Peserta"), "peserta"),
        Tab("musyawarah:kompilasi", gettext_lazy("Kompilasi per PD"), "kompilasi"),
        Tab("musyawarah:hadir", gettext_lazy("Daftar hadir"), "hadir"),
        Tab("musyawarah:keterwakilan", gettext_lazy("Keterwakilan"), "keterwakilan"),
        Tab("musyawarah:kelompok", gettext_lazy("5. Sidang kelompok"), "kelompok"),
        Tab("musyawarah:penilaian", gettext_lazy("6. Penilaian"), "penilaian"),
        Tab("musyawarah:pleno", gettext_lazy("7. Pleno II"), "pleno"),
        Tab("musyawarah:penetapan", gettext_lazy("8. Berita acara"), "penetapan"),
        Tab(
            "musyawarah:keluaran",
            gettext_lazy("Hasil & dokumen"),
            "keluaran",
            args=("berita_acara",),
        ),
    ),
)
