"""Reads on usulan, always starting from ``for_user``: lists, totals, duplicates, history."""

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from apps.akun.models import Peran
from apps.akun.permissions import Aksi, boleh, penugasan_untuk
from apps.siklus.models import Siklus
from apps.usulan.models import (
    STATUS_DIDANAI,
    PenutupanUsulan,
    RpjmDesa,
    SumberPembiayaan,
    Usulan,
)
from apps.wilayah.models import Kelurahan

URUTAN = {
    "terbaru": ("-created_at", "-pk"),
    "terlama": ("created_at", "pk"),
    "judul": ("judul", "pk"),
    "biaya": ("-perkiraan_biaya", "pk"),
    "rw": ("kelurahan__kode", "lingkungan__nomor", "pk"),
    "status": ("status", "pk"),
}


def _penutupan_ada():
    """Annotation read by ``Usulan.pengajuan_ditutup``: one subquery, not a query per row."""
    return Exists(
        PenutupanUsulan.objects.filter(
            siklus_id=OuterRef("siklus_id"), kelurahan_id=OuterRef("kelurahan_id")
        )
    )


def pengajuan_ditutup_untuk(*, kelurahan: Kelurahan, siklus: Siklus) -> bool:
    """Whether the kelurahan's desa forum of ``siklus`` is signed (no more submissions)."""
    return PenutupanUsulan.objects.filter(siklus=siklus, kelurahan=kelurahan).exists()


def usulan_daftar(user, *, siklus: Siklus | None, saring: dict | None = None):
    """The usulan a user may see in ``siklus``, filtered, sorted, with what a row shows.

    ``saring`` keys (all optional): status, bidang, kecamatan, kelurahan, lingkungan,
    perangkat_daerah, sumber_pembiayaan, q (searches judul, kode, pengusul, alamat), urut
    (a key of URUTAN).
    """
    saring = saring or {}
    qs = (
        Usulan.objects.for_user(user)
        .select_related("kelurahan", "lingkungan", "rt", "perangkat_daerah", "siklus")
        .annotate(penutupan_ada=_penutupan_ada())
    )
    if siklus is not None:
        qs = qs.filter(siklus=siklus)
    for field in ("status", "bidang", "sumber_pembiayaan"):
        if saring.get(field):
            qs = qs.filter(**{field: saring[field]})
    for field in ("kelurahan", "lingkungan", "perangkat_daerah"):
        if saring.get(field):
            qs = qs.filter(**{field: saring[field]})
    if saring.get("kecamatan"):
        qs = qs.filter(kelurahan__kecamatan=saring["kecamatan"])
    if q := (saring.get("q") or "").strip():
        qs = qs.filter(
            Q(judul__icontains=q)
            | Q(kode__iexact=q)
            | Q(pengusul__icontains=q)
            | Q(alamat__icontains=q)
        )
    return qs.order_by(*URUTAN.get(saring.get("urut") or "terbaru", URUTAN["terbaru"]))


@dataclass(frozen=True)
class PilihanAjukan:
    bisa: frozenset[int]  # rows the user may submit now: they get a checkbox
    tertutup: frozenset[int]  # the user's drafts whose forum is signed: a lock and a note


def pilihan_ajukan(user, usulan_list) -> PilihanAjukan:
    """Which rows of a list page ``user`` may submit in bulk, and which drafts are locked.

    Rows come from ``usulan_daftar`` (submission closed is annotated) and the user's
    penugasan are loaded once, so this asks the database nothing per row.
    """
    bisa, tertutup = set(), set()
    for u in usulan_list:
        if not boleh(user, Aksi.KELOLA_USULAN, u):
            continue
        if u.bisa_diajukan:
            bisa.add(u.pk)
        elif u.draf_tertutup:
            tertutup.add(u.pk)
    return PilihanAjukan(frozenset(bisa), frozenset(tertutup))


def usulan_ringkasan(qs) -> dict:
    """Count and total cost of a (filtered) list, in one query."""
    hasil = qs.order_by().aggregate(jumlah=Count("pk"), total_biaya=Sum("perkiraan_biaya"))
    hasil["total_biaya"] = hasil["total_biaya"] or Decimal(0)
    return hasil


def usulan_detail(user, pk: int) -> Usulan:
    """Raises Usulan.DoesNotExist outside the user's scope (views answer 404)."""
    return (
        Usulan.objects.for_user(user)
        .select_related(
            "siklus__daerah",
            "kelurahan__kecamatan__daerah",
            "lingkungan",
            "rt",
            "perangkat_daerah",
            "prioritas_daerah",
            "rpjm_desa",
            "masalah",
            "usulan_asal__siklus",
            "dibuat_oleh",
        )
        .prefetch_related("foto")
        .annotate(penutupan_ada=_penutupan_ada())
        .get(pk=pk)
    )


def usulan_riwayat(usulan: Usulan):
    return usulan.riwayat.select_related("oleh").order_by("waktu", "pk")


def kelurahan_kelola(user) -> list[Kelurahan]:
    """The kelurahan whose usulan ``user`` may enter and change."""
    if user.is_superuser:
        return list(Kelurahan.objects.select_related("kecamatan__daerah").order_by("kode"))
    return sorted(
        {
            p.kelurahan
            for p in penugasan_untuk(user, Aksi.KELOLA_USULAN)
            if p.peran == Peran.OPERATOR_KELURAHAN
        },
        key=lambda k: k.kode,
    )


def usulan_bisa_dilanjutkan(user, *, kelurahan: Kelurahan, siklus_aktif: Siklus):
    """Usulan of earlier siklus of ``kelurahan`` that were not funded and not carried over."""
    sudah = Usulan.objects.filter(usulan_asal=OuterRef("pk"))
    return (
        Usulan.objects.for_user(user)
        .filter(
            kelurahan=kelurahan,
            siklus__daerah_id=siklus_aktif.daerah_id,
            siklus__tahun_rencana__lt=siklus_aktif.tahun_rencana,
        )
        .exclude(status__in=STATUS_DIDANAI)
        .filter(~Exists(sudah))
        .select_related("siklus", "lingkungan", "rt", "perangkat_daerah")
        .order_by("-siklus__tahun_rencana", "lingkungan__nomor", "judul")
    )


# Words that say how, not what: "rehab jembatan" and "pembangunan jembatan" are the same need.
_KATA_UMUM = frozenset(
    """dan atau di ke dari yang untuk dengan pada rt rw gang gg jalan jl jln kegiatan program
    pembangunan pengadaan rehab rehabilitasi peningkatan perbaikan pemeliharaan pembuatan
    penambahan lanjutan baru lama sekitar wilayah kelurahan desa warga""".split()
)


def _kata(judul: str) -> frozenset[str]:
    return frozenset(
        w for w in re.findall(r"[a-z]+", judul.lower()) if w not in _KATA_UMUM and len(w) > 2
    )


def kemiripan(a: str, b: str) -> float:
    """0..1: shared meaningful words (Jaccard), or near-identical spelling."""
    ka, kb = _kata(a), _kata(b)
    jaccard = len(ka & kb) / len(ka | kb) if ka and kb else 0.0
    urut = difflib.SequenceMatcher(None, " ".join(sorted(ka)), " ".join(sorted(kb))).ratio()
    return max(jaccard, urut if urut >= 0.85 else 0.0)


def kemungkinan_duplikat(
    user,
    *,
    kelurahan: Kelurahan,
    siklus: Siklus,
    judul: str,
    lingkungan_id: int | None = None,
    kecuali: Usulan | None = None,
    batas: float = 0.5,
    maks: int = 5,
) -> list[tuple[Usulan, float]]:
    """Usulan of the same kelurahan (and RW, when given), this siklus or a neighbouring one,
    whose judul looks like ``judul``, among those ``user`` may see. A warning for the
    operator, never a block."""
    if len(_kata(judul)) == 0:
        return []
    qs = (
        Usulan.objects.for_user(user)
        .filter(
            kelurahan=kelurahan,
            siklus__daerah_id=siklus.daerah_id,
            siklus__tahun_rencana__gte=siklus.tahun_rencana - 1,
            siklus__tahun_rencana__lte=siklus.tahun_rencana + 1,
        )
        .select_related("siklus", "lingkungan")
    )
    if lingkungan_id:
        qs = qs.filter(lingkungan_id=lingkungan_id)
    if kecuali is not None and kecuali.pk:
        # Its own carry-over chain is expected to look alike.
        qs = qs.exclude(pk=kecuali.pk).exclude(usulan_asal_id=kecuali.pk)
        if kecuali.usulan_asal_id:
            qs = qs.exclude(pk=kecuali.usulan_asal_id)
    hasil = []
    for u in qs[:500]:
        skor = kemiripan(judul, u.judul)
        if skor >= batas:
            hasil.append((u, skor))
    hasil.sort(key=lambda pair: -pair[1])
    return hasil[:maks]


def isian_dari_rpjm(kelurahan: Kelurahan, rpjm_pk: str) -> dict:
    """A new usulan's form filled from a kegiatan of the kelurahan's RPJM Desa (the draft
    RKP Desa's "jadikan usulan draf"); empty for a kegiatan of another kelurahan. What
    the RPJM does not say (RW, sector, problem, beneficiaries) the operator completes."""
    if not str(rpjm_pk).isdigit():
        return {}
    rpjm = RpjmDesa.objects.filter(kelurahan=kelurahan, pk=int(rpjm_pk)).first()
    if rpjm is None:
        return {}
    isian = {
        "judul": rpjm.kegiatan,
        "bidang": rpjm.bidang,
        "rpjm_desa": rpjm.pk,
        "alamat": rpjm.lokasi,
        "sumber_pembiayaan": SumberPembiayaan.DANA_KELURAHAN,
        "pengusul": str(_("Tim pemandu (RPJM Desa)")),
    }
    if rpjm.volume:
        isian["volume"] = rpjm.volume
    if rpjm.satuan:
        isian["satuan"] = rpjm.satuan
    if rpjm.perkiraan_biaya is not None:
        isian["perkiraan_biaya"] = rpjm.perkiraan_biaya
    return isian
