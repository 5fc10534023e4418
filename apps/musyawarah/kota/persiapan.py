"""Preparing the Musrenbang Kota/Kabupaten: the forum of the daerah's active siklus, and
the results of the signed kecamatan forums pulled in by reference."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.core.exceptions import DomainError
from apps.musyawarah.mesin import catat, catat_bagian, kunci_untuk
from apps.musyawarah.models import (
    ElemenKota,
    JenisLogistik,
    Keputusan,
    Musyawarah,
    Pembahasan,
    PeranPeserta,
    PeranTtd,
    Peserta,
    StatusMusyawarah,
    Tingkat,
    Verifikasi,
)
from apps.musyawarah.persiapan import isi_bawaan
from apps.musyawarah.tindakan import Tindakan
from apps.siklus.models import Siklus
from apps.usulan.services import STATUS_UNTUK_KOTA
from apps.wilayah.models import Daerah


def agenda_kota(daerah: Daerah) -> list[tuple[str, str, str]]:
    return [
        ("08.00", "08.30", "Pendaftaran peserta"),
        ("08.30", "09.15", f"Pembukaan dan sambutan {daerah.jabatan_kepala}"),
        ("09.15", "10.15", "Pemaparan rancangan RKPD dan kompilasi hasil Musrenbang kecamatan"),
        ("10.15", "13.30", "Pembahasan usulan prioritas menurut perangkat daerah"),
        ("13.30", "14.30", "Penyepakatan daftar prioritas kegiatan"),
        ("14.30", "15.00", "Pembacaan dan penandatanganan berita acara"),
    ]


LOGISTIK_KOTA = [
    (JenisLogistik.TEMPAT, "Aula utama dan ruang pembahasan per perangkat daerah"),
    (JenisLogistik.KONSUMSI, "Snack dan makan siang peserta"),
    (
        JenisLogistik.ALAT_BAHAN,
        "Pengeras suara, proyektor, kompilasi usulan per perangkat daerah, daftar hadir",
    ),
]


@transaction.atomic
def musyawarah_kota_buat(*, user, daerah: Daerah) -> Musyawarah:
    """Open the Musrenbang of ``daerah`` in its active siklus: a default agenda and
    logistics checklist, and what the signed kecamatan forums agreed already pulled in.
    One per siklus; only an admin Bappeda of the daerah."""
    wajib(user, Aksi.KELOLA_MUSYAWARAH_KOTA, daerah)
    siklus = Siklus.objects.filter(daerah=daerah, aktif=True).first()
    if siklus is None:
        raise DomainError(_("Belum ada siklus perencanaan yang aktif."))
    if Musyawarah.objects.filter(siklus=siklus, tingkat=Tingkat.KOTA, latihan=False).exists():
        raise DomainError(_("Musrenbang %(d)s siklus ini sudah dibuat.") % {"d": daerah})
    m = Musyawarah(
        siklus=siklus,
        tingkat=Tingkat.KOTA,
        daerah=daerah,
        kode_wilayah=daerah.kode,
        tempat=_("Aula Bappeda %(d)s") % {"d": daerah.nama},
        alamat_tempat=daerah.alamat,
    )
    m.full_clean()
    m.save()
    isi_bawaan(m, agenda=agenda_kota(daerah), logistik=LOGISTIK_KOTA)
    catat(m, dari="", ke=StatusMusyawarah.PERSIAPAN, oleh=user, catatan=_("Musrenbang dibuat."))
    _tarik(user, m)
    return m


@dataclass
class HasilTarik:
    usulan: int = 0
    peserta: int = 0
    kecamatan: list[str] = field(default_factory=list)


def forum_kecamatan_ditandatangani(m: Musyawarah):
    """The signed kecamatan forums of the kota forum's siklus, by kecamatan name."""
    return (
        Musyawarah.objects.filter(
            siklus_id=m.siklus_id,
            tingkat=Tingkat.KECAMATAN,
            latihan=False,
            status=StatusMusyawarah.SELESAI,
        )
        .select_related("kecamatan", "berita_acara")
        .order_by("kecamatan__nama")
    )


def usulan_disepakati_kecamatan(fk: Musyawarah):
    """What a signed kecamatan forum agreed as its priorities for the kota: its feasible
    usulan the Pleno II put on the list (merged duplicates ride along with their main
    usulan), still waiting for the kota."""
    return (
        fk.pembahasan.filter(
            keputusan=Keputusan.KOTA,
            verifikasi=Verifikasi.LAYAK,
            digabung_ke__isnull=True,
            usulan__status__in=STATUS_UNTUK_KOTA,
        )
        .prefetch_related("gabungan")
        .order_by("urutan", "pk")
    )


def _salin_orang(m: Musyawarah, d: Peserta, *, kecamatan, elemen: str, jabatan: str = ""):
    return Peserta.objects.create(
        musyawarah=m,
        sumber=d,
        nama=d.nama,
        jenis_kelamin=d.jenis_kelamin,
        kelompok_usia=d.kelompok_usia,
        kelompok_sosial=d.kelompok_sosial,
        unsur=d.unsur,
        organisasi=d.organisasi,
        jabatan=jabatan or d.jabatan,
        telepon=d.telepon,
        kecamatan_asal=kecamatan,
        elemen=elemen,
        peran=PeranPeserta.PESERTA,
        diundang=True,
    )


def _tarik(user, m: Musyawarah) -> HasilTarik:
    """Bring in what each signed kecamatan forum sent up, by reference: one record per
    usulan it agreed (keeping its place for its perangkat daerah and its frozen score;
    a merged duplicate as a record following its main one), its delegation, and the
    pimpinan of its sidang (the camat) as invitees. What is already in creates nothing
    twice, so a kecamatan that signs late is added without disturbing work already done."""
    hasil = HasilTarik()
    ada_usulan = set(m.pembahasan.values_list("usulan_id", flat=True))
    ada_sumber = set(m.peserta.exclude(sumber=None).values_list("sumber_id", flat=True))
    for fk in forum_kecamatan_ditandatangani(m):
        baru = 0
        for p in usulan_disepakati_kecamatan(fk):
            if p.usulan_id in ada_usulan:
                continue
            beku = {
                "urutan_asal": p.urutan_perangkat_daerah,
                "nilai_penilaian": p.nilai_penilaian,
                "peringkat_kelompok": p.peringkat_kelompok,
            }
            utama = Pembahasan.objects.create(musyawarah=m, usulan_id=p.usulan_id, **beku)
            ada_usulan.add(p.usulan_id)
            for g in p.gabungan.all():
                if g.usulan_id not in ada_usulan:
                    Pembahasan.objects.create(
                        musyawarah=m, usulan_id=g.usulan_id, digabung_ke=utama, **beku
                    )
                    ada_usulan.add(g.usulan_id)
            baru += 1
        for d in fk.peserta.filter(delegasi=True).order_by("nama"):
            if d.pk not in ada_sumber:
                _salin_orang(m, d, kecamatan=fk.kecamatan, elemen=ElemenKota.DELEGASI)
                ada_sumber.add(d.pk)
                hasil.peserta += 1
        pimpinan = (
            fk.penandatangan.filter(peran_ttd=PeranTtd.PIMPINAN_SIDANG)
            .select_related("peserta")
            .first()
        )
        if pimpinan is not None and pimpinan.peserta_id not in ada_sumber:
            _salin_orang(
                m,
                pimpinan.peserta,
                kecamatan=fk.kecamatan,
                elemen=ElemenKota.CAMAT,
                jabatan=pimpinan.jabatan,
            )
            ada_sumber.add(pimpinan.peserta_id)
            hasil.peserta += 1
        if baru:
            hasil.usulan += baru
            hasil.kecamatan.append(fk.kecamatan.nama)
    if hasil.usulan or hasil.peserta:
        catat_bagian(
            user,
            m,
            _("menarik hasil Musrenbang kecamatan"),
            catatan=_("%(u)d usulan dan %(p)d peserta dari %(k)s.")
            % {"u": hasil.usulan, "p": hasil.peserta, "k": ", ".join(hasil.kecamatan) or "—"},
        )
    return hasil


@transaction.atomic
def hasil_kecamatan_tarik(*, user, musyawarah: Musyawarah) -> HasilTarik:
    """Pull the results of the kecamatan signed since the last pull (idempotent)."""
    m = kunci_untuk(user, musyawarah, Tindakan.TARIK_HASIL)
    return _tarik(user, m)
