"""Preparing the Musrenbang Kecamatan (seed 3 and 4.a): the forum, its sidang kelompok,
the results of the kelurahan pulled in by reference, the letter to Bappeda."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.core.exceptions import DomainError
from apps.musyawarah.mesin import catat, catat_bagian, kunci_untuk
from apps.musyawarah.models import (
    ElemenKecamatan,
    JenisLogistik,
    KelompokDiskusi,
    KelompokPerangkatDaerah,
    Keputusan,
    Musyawarah,
    Pembahasan,
    PeranPeserta,
    Peserta,
    StatusMusyawarah,
    Tingkat,
    Unsur,
)
from apps.musyawarah.persiapan import isi_bawaan
from apps.musyawarah.tindakan import Tindakan
from apps.siklus.models import Siklus
from apps.usulan.models import Status
from apps.wilayah.models import Kecamatan, PerangkatDaerah

AGENDA_KECAMATAN = [
    ("08.00", "08.30", "Pendaftaran peserta"),
    ("08.30", "09.00", "Pembukaan dan sambutan camat"),
    ("09.00", "10.00", "Sidang Pleno I: pemaparan narasumber dan materi musrenbang"),
    ("10.00", "12.30", "Sidang kelompok: pemilihan pimpinan, verifikasi, skoring dan rating"),
    ("13.30", "15.00", "Sidang Pleno II: pemaparan hasil kelompok dan penyepakatan"),
    ("15.00", "15.30", "Perumusan, pembacaan dan penandatanganan berita acara"),
]
LOGISTIK_KECAMATAN = [
    (JenisLogistik.TEMPAT, "Aula kantor kecamatan dan ruang sidang kelompok"),
    (JenisLogistik.KONSUMSI, "Snack dan makan siang peserta"),
    (
        JenisLogistik.ALAT_BAHAN,
        "Pengeras suara, proyektor, bahan musrenbang, formulir verifikasi, daftar hadir",
    ),
]

# The seed's three default groups (issue 9: "Infrastruktur dan Kewilayahan, Sosial
# Budaya, Ekonomi dan SDA"), each taking the perangkat daerah whose name carries one of
# its words; the rest (planning, finance, order, records) go to the first group, and the
# camat may move any of them.
KELOMPOK_BAWAAN = [
    (
        "Infrastruktur dan Kewilayahan",
        (
            "pekerjaan umum",
            "perumahan",
            "permukiman",
            "lingkungan hidup",
            "perhubungan",
            "pemadam",
            "bencana",
            "tata ruang",
        ),
    ),
    (
        "Sosial Budaya",
        (
            "pendidikan",
            "kesehatan",
            "sosial",
            "kebudayaan",
            "pemuda",
            "olahraga",
            "perempuan",
            "anak",
            "keluarga berencana",
            "penduduk",
            "perpustakaan",
            "kependudukan",
        ),
    ),
    (
        "Ekonomi dan SDA",
        (
            "perdagangan",
            "perindustrian",
            "pertanian",
            "perikanan",
            "pangan",
            "koperasi",
            "usaha",
            "tenaga kerja",
            "penanaman modal",
            "pariwisata",
        ),
    ),
]


def _kelompok_untuk(pd: PerangkatDaerah) -> int:
    """The index of the default group a perangkat daerah falls in."""
    nama = pd.nama.lower()
    for i, (_nama, kata) in enumerate(KELOMPOK_BAWAAN):
        if any(k in nama for k in kata):
            return i
    return 0


def _buat_kelompok_bawaan(m: Musyawarah) -> None:
    kelompok = [
        KelompokDiskusi.objects.create(musyawarah=m, nama=nama, urutan=i)
        for i, (nama, _kata) in enumerate(KELOMPOK_BAWAAN, start=1)
    ]
    KelompokPerangkatDaerah.objects.bulk_create(
        KelompokPerangkatDaerah(
            musyawarah=m, kelompok=kelompok[_kelompok_untuk(pd)], perangkat_daerah=pd
        )
        for pd in PerangkatDaerah.objects.filter(daerah_id=m.siklus.daerah_id, aktif=True)
    )


@transaction.atomic
def musyawarah_kecamatan_buat(*, user, kecamatan: Kecamatan) -> Musyawarah:
    """Open the Musrenbang of ``kecamatan`` in the active siklus: a default agenda,
    logistics and three sidang kelompok covering every perangkat daerah, and the signed
    desa results already pulled in. One per kecamatan per siklus."""
    wajib(user, Aksi.KELOLA_MUSYAWARAH_KECAMATAN, kecamatan)
    siklus = Siklus.objects.filter(daerah_id=kecamatan.daerah_id, aktif=True).first()
    if siklus is None:
        raise DomainError(_("Belum ada siklus perencanaan yang aktif. Hubungi admin Bappeda."))
    if Musyawarah.objects.filter(
        siklus=siklus, kecamatan=kecamatan, tingkat=Tingkat.KECAMATAN, latihan=False
    ).exists():
        raise DomainError(_("Musrenbang %(k)s siklus ini sudah dibuat.") % {"k": kecamatan})
    m = Musyawarah(
        siklus=siklus,
        tingkat=Tingkat.KECAMATAN,
        kecamatan=kecamatan,
        kode_wilayah=kecamatan.kode,
        tempat=_("Aula Kantor Camat %(k)s") % {"k": kecamatan.nama},
        alamat_tempat=kecamatan.alamat,
    )
    m.full_clean()
    m.save()
    isi_bawaan(m, agenda=AGENDA_KECAMATAN, logistik=LOGISTIK_KECAMATAN)
    _buat_kelompok_bawaan(m)
    catat(m, dari="", ke=StatusMusyawarah.PERSIAPAN, oleh=user, catatan=_("Musrenbang dibuat."))
    _tarik(user, m)
    return m


@dataclass
class HasilTarik:
    usulan: int = 0
    peserta: int = 0
    kelurahan: list[str] = field(default_factory=list)


def forum_desa_ditandatangani(m: Musyawarah):
    """The signed desa forums of the kecamatan in the forum's siklus."""
    return (
        Musyawarah.objects.filter(
            siklus_id=m.siklus_id,
            tingkat=Tingkat.DESA,
            latihan=False,
            status=StatusMusyawarah.SELESAI,
            kelurahan__kecamatan_id=m.kecamatan_id,
        )
        .select_related("kelurahan")
        .order_by("kelurahan__nama")
    )


def _tarik(user, m: Musyawarah) -> HasilTarik:
    """Bring in what each signed desa forum sent up, by reference: one record per usulan
    sent "ke kecamatan/kota" (keeping its rank in the desa's list), the desa delegation
    and the lurah/kepala desa as invitees. What is already in creates nothing twice, so a
    kelurahan that signs late is added without disturbing work already done."""
    hasil = HasilTarik()
    kelompok = dict(
        KelompokPerangkatDaerah.objects.filter(musyawarah=m).values_list(
            "perangkat_daerah_id", "kelompok_id"
        )
    )
    ada_usulan = set(m.pembahasan.values_list("usulan_id", flat=True))
    ada_sumber = set(m.peserta.exclude(sumber=None).values_list("sumber_id", flat=True))
    ada_kepala = set(
        m.peserta.filter(elemen=ElemenKecamatan.KEPALA_KELURAHAN).values_list(
            "kelurahan_asal_id", flat=True
        )
    )
    for fd in forum_desa_ditandatangani(m):
        baru = 0
        dikirim = fd.pembahasan.filter(
            keputusan=Keputusan.KOTA, usulan__status=Status.PRIORITAS_DESA
        ).select_related("usulan")
        for peringkat, p in enumerate(dikirim.order_by("urutan", "pk"), start=1):
            if p.usulan_id in ada_usulan:
                continue
            Pembahasan.objects.create(
                musyawarah=m,
                usulan=p.usulan,
                urutan_asal=peringkat,
                kelompok_id=kelompok.get(p.usulan.perangkat_daerah_id),
            )
            baru += 1
        for d in fd.peserta.filter(delegasi=True).order_by("nama"):
            if d.pk in ada_sumber:
                continue
            Peserta.objects.create(
                musyawarah=m,
                sumber=d,
                nama=d.nama,
                jenis_kelamin=d.jenis_kelamin,
                kelompok_usia=d.kelompok_usia,
                kelompok_sosial=d.kelompok_sosial,
                unsur=d.unsur,
                organisasi=d.organisasi,
                jabatan=d.jabatan,
                telepon=d.telepon,
                kelurahan_asal=fd.kelurahan,
                elemen=ElemenKecamatan.DELEGASI,
                peran=PeranPeserta.PESERTA,
                diundang=True,
            )
            hasil.peserta += 1
        if fd.kepala_nama and fd.kelurahan_id not in ada_kepala:
            Peserta.objects.create(
                musyawarah=m,
                nama=fd.kepala_nama,
                jenis_kelamin="L",
                unsur=Unsur.PEMERINTAH,
                organisasi=str(fd.kelurahan),
                jabatan=f"{fd.kelurahan.jabatan_kepala} {fd.kelurahan.nama}",
                kelurahan_asal=fd.kelurahan,
                elemen=ElemenKecamatan.KEPALA_KELURAHAN,
                diundang=True,
            )
            hasil.peserta += 1
        if baru:
            hasil.usulan += baru
            hasil.kelurahan.append(fd.kelurahan.nama)
    if hasil.usulan or hasil.peserta:
        catat_bagian(
            user,
            m,
            _("menarik hasil Musrenbang desa"),
            catatan=_("%(u)d usulan dan %(p)d peserta dari %(k)s.")
            % {"u": hasil.usulan, "p": hasil.peserta, "k": ", ".join(hasil.kelurahan) or "—"},
        )
    return hasil


@transaction.atomic
def hasil_desa_tarik(*, user, musyawarah: Musyawarah) -> HasilTarik:
    """Pull the results of the kelurahan signed since the last pull (idempotent)."""
    m = kunci_untuk(user, musyawarah, Tindakan.TARIK_HASIL)
    return _tarik(user, m)


@transaction.atomic
def kelompok_simpan(
    *,
    user,
    musyawarah: Musyawarah,
    nama: str,
    perangkat_daerah: list[PerangkatDaerah],
    kelompok: KelompokDiskusi | None = None,
) -> KelompokDiskusi:
    """Add a sidang kelompok or change its name and the perangkat daerah it covers. A
    perangkat daerah moved here leaves its former group, and so do its usulan."""
    m = kunci_untuk(user, musyawarah, Tindakan.ATUR_KELOMPOK)
    if kelompok is not None and kelompok.musyawarah_id != m.pk:
        raise DomainError(_("Kelompok ini bukan dari musyawarah ini."))
    if any(pd.daerah_id != m.siklus.daerah_id for pd in perangkat_daerah):
        raise DomainError(_("Perangkat daerah bukan dari daerah ini."))
    baru = kelompok is None
    kelompok = kelompok or KelompokDiskusi(musyawarah=m, urutan=m.kelompok_diskusi.count() + 1)
    kelompok.nama = nama.strip()
    kelompok.full_clean()
    kelompok.save()
    pd_ids = [pd.pk for pd in perangkat_daerah]
    KelompokPerangkatDaerah.objects.filter(musyawarah=m, perangkat_daerah_id__in=pd_ids).delete()
    KelompokPerangkatDaerah.objects.filter(kelompok=kelompok).exclude(
        perangkat_daerah_id__in=pd_ids
    ).delete()
    KelompokPerangkatDaerah.objects.bulk_create(
        KelompokPerangkatDaerah(musyawarah=m, kelompok=kelompok, perangkat_daerah_id=pk)
        for pk in pd_ids
    )
    susun_kelompok_usulan(m)
    catat_bagian(
        user,
        m,
        _("menambah sidang kelompok") if baru else _("mengubah sidang kelompok"),
        kelompok,
        perubahan={"perangkat daerah": [None, ", ".join(pd.singkatan for pd in perangkat_daerah)]},
    )
    return kelompok


def susun_kelompok_usulan(m: Musyawarah) -> None:
    """Put every usulan record in the group of its (corrected) perangkat daerah."""
    peta = dict(
        KelompokPerangkatDaerah.objects.filter(musyawarah=m).values_list(
            "perangkat_daerah_id", "kelompok_id"
        )
    )
    for p in m.pembahasan.select_related("usulan"):
        kelompok_id = peta.get(p.pd_id)
        if p.kelompok_id != kelompok_id:
            Pembahasan.objects.filter(pk=p.pk).update(kelompok_id=kelompok_id)


@transaction.atomic
def kelompok_hapus(*, user, kelompok: KelompokDiskusi) -> None:
    """Remove an empty group (no perangkat daerah, no members)."""
    m = kunci_untuk(user, kelompok.musyawarah, Tindakan.ATUR_KELOMPOK)
    if kelompok.cakupan_pd.exists() or kelompok.anggota.exists():
        raise DomainError(
            _("Pindahkan dulu perangkat daerah dan anggota kelompok ini ke kelompok lain.")
        )
    catat_bagian(user, m, _("menghapus sidang kelompok"), kelompok)
    kelompok.delete()


@transaction.atomic
def surat_bappeda_simpan(*, user, musyawarah: Musyawarah, nomor: str, tanggal) -> Musyawarah:
    """The camat's notification letter to Bappeda, with the schedule and agenda (seed
    4.a.5)."""
    m = kunci_untuk(user, musyawarah, Tindakan.UBAH_JADWAL)
    sebelum = [m.nomor_surat_bappeda, str(m.tanggal_surat_bappeda or "")]
    m.nomor_surat_bappeda, m.tanggal_surat_bappeda = nomor.strip(), tanggal
    m.full_clean()
    m.save()
    catat_bagian(
        user,
        m,
        _("mengubah surat pemberitahuan ke Bappeda"),
        perubahan={"surat": [" ".join(sebelum).strip(), f"{m.nomor_surat_bappeda} {tanggal}"]},
    )
    return m
