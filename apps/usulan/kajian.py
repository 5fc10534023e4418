"""The kajian desa (Masalah per RW/sector) and the RPJM Desa of a kelurahan.

The tim pemandu's findings are entered by the kelurahan operator; usulan point to the
masalah they answer and to the RPJM Desa kegiatan they implement, so the draft RKP Desa
can be checked against the 6-year plan.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.core.angka import CONTOH_ANGKA, CONTOH_RUPIAH, dengan_contoh, parse_angka, parse_rupiah
from apps.core.audit import catat_jejak, potret, selisih
from apps.core.exceptions import DomainError
from apps.dokumen.xlsx import FORMAT_ANGKA, FORMAT_RUPIAH
from apps.dokumen.xlsx_impor import (
    GalatSel,
    KolomImpor,
    baca_xlsx,
    contoh_pilihan,
    pilihan,
    teks,
)
from apps.dokumen.xlsx_templat import tulis_templat
from apps.usulan.models import Bidang, Masalah, RpjmDesa, Satuan
from apps.usulan.services import siklus_aktif_untuk
from apps.wilayah.models import Kelurahan

ISIAN_MASALAH = ("lingkungan", "sektor", "uraian", "penyebab", "potensi")
ISIAN_RPJM = (
    "bidang",
    "kegiatan",
    "lokasi",
    "volume",
    "satuan",
    "perkiraan_biaya",
    "tahun_mulai",
    "tahun_selesai",
    "keterangan",
)


def _isi(obj, data: dict, boleh: tuple[str, ...]) -> None:
    asing = set(data) - set(boleh)
    if asing:
        raise TypeError(f"unexpected fields: {sorted(asing)}")
    for name, value in data.items():
        setattr(obj, name, value)


@transaction.atomic
def masalah_simpan(
    *, user, kelurahan: Kelurahan, data: dict, masalah: Masalah | None = None
) -> Masalah:
    """Record a masalah of ``kelurahan`` in the active siklus, or change one."""
    wajib(user, Aksi.KELOLA_KAJIAN, kelurahan)
    if masalah is None:
        masalah = Masalah(
            kelurahan=kelurahan, siklus=siklus_aktif_untuk(kelurahan), dicatat_oleh=user
        )
    else:
        masalah = Masalah.objects.select_for_update().select_related("siklus").get(pk=masalah.pk)
    if masalah.kelurahan_id != kelurahan.pk:
        raise DomainError(_("Masalah ini milik kelurahan/desa lain."))
    elif not masalah.siklus.aktif:
        raise DomainError(_("Kajian siklus yang sudah lewat tidak dapat diubah."))
    elif masalah.terkunci:
        raise DomainError(_("Masalah ini tercantum dalam berita acara yang sudah ditandatangani."))
    sebelum = potret(masalah, ISIAN_MASALAH) if masalah.pk else {}
    _isi(masalah, data, ISIAN_MASALAH)
    masalah.full_clean()
    masalah.save()
    catat_jejak(
        oleh=user,
        objek=masalah,
        aksi=_("mengubah masalah") if sebelum else _("mencatat masalah"),
        perubahan=selisih(sebelum, potret(masalah, ISIAN_MASALAH)),
    )
    return masalah


@transaction.atomic
def masalah_hapus(*, user, masalah: Masalah) -> None:
    """Delete a masalah; usulan that pointed to it keep their text and lose the link."""
    wajib(user, Aksi.KELOLA_KAJIAN, masalah)
    masalah = Masalah.objects.select_for_update().select_related("siklus").get(pk=masalah.pk)
    if not masalah.siklus.aktif:
        raise DomainError(_("Kajian siklus yang sudah lewat tidak dapat dihapus."))
    if masalah.terkunci:
        raise DomainError(_("Masalah ini tercantum dalam berita acara yang sudah ditandatangani."))
    catat_jejak(oleh=user, objek=masalah, aksi=_("menghapus masalah"))
    masalah.delete()


@transaction.atomic
def masalah_kunci(*, user, masalah_list: list[Masalah]) -> None:
    """Freeze the masalah a signed berita acara lists."""
    for masalah in masalah_list:
        wajib(user, Aksi.KELOLA_KAJIAN, masalah)
    Masalah.objects.filter(pk__in=[m.pk for m in masalah_list]).update(terkunci=True)


@transaction.atomic
def rpjm_simpan(
    *, user, kelurahan: Kelurahan, data: dict, rpjm: RpjmDesa | None = None
) -> RpjmDesa:
    wajib(user, Aksi.KELOLA_KAJIAN, kelurahan)
    if rpjm is None:
        rpjm = RpjmDesa(kelurahan=kelurahan)
    elif rpjm.kelurahan_id != kelurahan.pk:
        raise DomainError(_("Kegiatan RPJM ini milik kelurahan/desa lain."))
    sebelum = potret(rpjm, ISIAN_RPJM) if rpjm.pk else {}
    _isi(rpjm, data, ISIAN_RPJM)
    rpjm.full_clean()
    rpjm.save()
    catat_jejak(
        oleh=user,
        objek=rpjm,
        aksi=_("mengubah kegiatan RPJM") if sebelum else _("mencatat kegiatan RPJM"),
        perubahan=selisih(sebelum, potret(rpjm, ISIAN_RPJM)),
    )
    return rpjm


@transaction.atomic
def rpjm_hapus(*, user, rpjm: RpjmDesa) -> None:
    wajib(user, Aksi.KELOLA_KAJIAN, rpjm)
    if rpjm.usulan.exists():
        raise DomainError(
            _("Kegiatan RPJM ini dirujuk oleh %(n)d usulan; ubah usulan itu lebih dulu.")
            % {"n": rpjm.usulan.count()}
        )
    catat_jejak(oleh=user, objek=rpjm, aksi=_("menghapus kegiatan RPJM"))
    rpjm.delete()


def _tahun(raw) -> int | None:
    pesan = f"“{teks(raw)}” bukan tahun"
    try:
        angka = parse_angka(raw)
    except ValueError as e:
        raise ValueError(pesan) from e
    if angka is None:
        return None
    if angka != angka.to_integral_value() or not 2000 <= angka <= 2100:
        raise ValueError(pesan)
    return int(angka)


KOLOM_RPJM = [
    KolomImpor(
        "Bidang",
        "bidang",
        True,
        pilihan(Bidang.choices, "bidang"),
        lebar=30,
        daftar=tuple(Bidang.labels),
        contoh=contoh_pilihan(Bidang.PEMBANGUNAN.label),
    ),
    KolomImpor(
        "Kegiatan",
        "kegiatan",
        True,
        teks,
        lebar=40,
        contoh="tulis kegiatannya, misalnya “Pembangunan siring sungai”",
    ),
    KolomImpor(
        "Lokasi",
        "lokasi",
        False,
        teks,
        lebar=24,
        contoh="tulis lokasinya, misalnya “RW 01 sepanjang Sungai Miai”",
    ),
    KolomImpor(
        "Volume",
        "volume",
        False,
        parse_angka,
        lebar=10,
        format=FORMAT_ANGKA,
        contoh=CONTOH_ANGKA,
    ),
    KolomImpor(
        "Satuan",
        "satuan",
        False,
        pilihan(Satuan.choices, "satuan", {"meter persegi": "m2", "meter kubik": "m3"}),
        lebar=10,
        daftar=tuple(Satuan.labels),
        contoh=contoh_pilihan(Satuan.METER.label, Satuan.UNIT.label),
    ),
    KolomImpor(
        "Tahun Mulai",
        "tahun_mulai",
        True,
        _tahun,
        lebar=12,
        contoh="tulis tahun empat angka, misalnya 2025",
    ),
    KolomImpor(
        "Tahun Selesai",
        "tahun_selesai",
        True,
        _tahun,
        lebar=12,
        contoh="tulis tahun empat angka, misalnya 2030",
    ),
    KolomImpor(
        "Keterangan",
        "keterangan",
        False,
        teks,
        lebar=30,
        contoh="tulis catatan singkat, misalnya “Tahap 1 dari 3”",
    ),
    # Added later, so it goes last: workbooks filled from the older template still read.
    KolomImpor(
        "Perkiraan Biaya (Rp)",
        "perkiraan_biaya",
        False,
        parse_rupiah,
        ("perkiraan biaya", "biaya"),
        lebar=18,
        format=FORMAT_RUPIAH,
        contoh=CONTOH_RUPIAH,
    ),
]


def templat_rpjm(kelurahan: Kelurahan) -> tuple[str, str, bytes]:
    isi = tulis_templat(
        judul_lembar="RPJM Desa",
        kolom=KOLOM_RPJM,
        petunjuk=[
            f"Kegiatan RPJM Desa/Renstra Kelurahan {kelurahan}.",
            "Isi satu kegiatan per baris; kolom bertanda * wajib. Bila ada baris yang salah, "
            "tidak ada yang disimpan. Kegiatan yang sudah ada dilewati.",
        ],
    )
    return (
        f"templat-rpjm-{kelurahan.kode}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        isi,
    )


@dataclass
class HasilImporRpjm:
    galat: list[GalatSel] = field(default_factory=list)
    dibuat: int = 0
    dilewati: int = 0


def rpjm_impor(*, user, kelurahan: Kelurahan, berkas) -> HasilImporRpjm:
    """Import RPJM Desa kegiatan from Excel, all rows or none; known kegiatan are skipped."""
    wajib(user, Aksi.KELOLA_KAJIAN, kelurahan)
    bacaan = baca_xlsx(berkas, KOLOM_RPJM, nama_lembar="RPJM Desa")
    hasil = HasilImporRpjm(galat=list(bacaan.galat))
    kolom = {k.nama: k for k in KOLOM_RPJM}
    siap = []
    for baris, nilai in bacaan.baris:
        data = {k: (v if v is not None else "") for k, v in nilai.items()}
        # Numbers left empty stay empty (None), not "".
        data["volume"] = nilai.get("volume")
        data["perkiraan_biaya"] = nilai.get("perkiraan_biaya")
        rpjm = RpjmDesa(kelurahan=kelurahan, **data)
        try:
            rpjm.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as e:
            for name, pesan_list in e.message_dict.items():
                if (baris, name) in bacaan.ditandai:
                    continue  # the cell itself was already reported
                k = kolom.get(name)
                for pesan in pesan_list:
                    if k is None:
                        hasil.galat.append(GalatSel(baris, "", pesan))
                    else:
                        hasil.galat.append(GalatSel(baris, k.judul, dengan_contoh(pesan, k.contoh)))
        siap.append(rpjm)
    if hasil.galat:
        hasil.galat.sort(key=lambda g: g.baris)
        return hasil
    with transaction.atomic():
        for rpjm in siap:
            kunci = {f: getattr(rpjm, f) for f in ("bidang", "kegiatan", "lokasi", "tahun_mulai")}
            if RpjmDesa.objects.filter(kelurahan=kelurahan, **kunci).exists():
                hasil.dilewati += 1
                continue
            rpjm.save()
            hasil.dibuat += 1
    return hasil
