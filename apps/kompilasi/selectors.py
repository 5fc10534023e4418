"""The kota-wide compilation: every usulan a signed Musrenbang Kecamatan sent up.

A row is the kecamatan forum's record of the usulan (``Pembahasan``): agreed for the
perangkat daerah in the Pleno, verified layak, not merged into another item (a merged item
is one row that serves every kelurahan it merged). Its perangkat daerah, prioritas daerah,
volume and cost are the usulan's own, which signing corrected and a later decision (the
kota forum, the SKPD) may have changed again; its kecamatan rank, score and place for its
perangkat daerah are what the kecamatan froze at signing.

Who sees what is the usulan's scoping (``Usulan.objects.for_user``): Bappeda the whole
daerah, a camat their kecamatan, an SKPD the usulan addressed to it.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import islice

from django.db.models import Count, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import get_language

from apps.musyawarah.kecamatan.peringkat import dilayani
from apps.musyawarah.models import (
    Keputusan,
    Pembahasan,
    StatusMusyawarah,
    Tingkat,
    Verifikasi,
)
from apps.usulan.models import Bidang, Satuan, Status, Usulan

# The filters the page and the downloads understand (GET parameters, values as strings).
SARINGAN = (
    "kecamatan",
    "kelurahan",
    "perangkat_daerah",
    "prioritas_daerah",
    "bidang",
    "kelompok",
    "status",
    "q",
)


def kompilasi(user, siklus, saring: dict | None = None):
    """The rows ``user`` may see in ``siklus``, filtered, in the compilation's order: per
    perangkat daerah, per prioritas daerah, per kecamatan, by the kecamatan's place."""
    saring = saring or {}
    qs = Pembahasan.objects.filter(
        musyawarah__siklus=siklus,
        musyawarah__tingkat=Tingkat.KECAMATAN,
        musyawarah__latihan=False,
        musyawarah__status=StatusMusyawarah.SELESAI,
        keputusan=Keputusan.KOTA,
        verifikasi=Verifikasi.LAYAK,
        digabung_ke__isnull=True,
        usulan__in=Usulan.objects.for_user(user).values("pk"),
    )
    for kunci, lookup in (
        ("kecamatan", "musyawarah__kecamatan"),
        ("kelurahan", "usulan__kelurahan"),
        ("perangkat_daerah", "usulan__perangkat_daerah"),
        ("prioritas_daerah", "usulan__prioritas_daerah"),
    ):
        if str(saring.get(kunci) or "").isdigit():
            qs = qs.filter(**{lookup: int(saring[kunci])})
    for kunci, lookup in (
        ("bidang", "usulan__bidang"),
        ("kelompok", "kelompok__nama"),
        ("status", "usulan__status"),
    ):
        if saring.get(kunci):
            qs = qs.filter(**{lookup: saring[kunci]})
    if q := str(saring.get("q") or "").strip():
        qs = qs.filter(Q(usulan__judul__icontains=q) | Q(usulan__kode__iexact=q))
    return qs


def dengan_isi(qs):
    """What a row shows and prints, loaded with the rows (a constant number of queries)."""
    return (
        qs.select_related(
            "musyawarah__kecamatan",
            "kelompok",
            "usulan__kelurahan__kecamatan",
            "usulan__perangkat_daerah",
            "usulan__prioritas_daerah",
            "usulan__lingkungan",
            "usulan__rt",
        )
        .prefetch_related(
            Prefetch(
                "gabungan",
                queryset=Pembahasan.objects.select_related(
                    "usulan__kelurahan", "usulan__lingkungan", "usulan__rt"
                ).order_by("pk"),
            )
        )
        .annotate(dilayani=dilayani())
        .order_by(*_urutan())
    )


def _urutan() -> tuple:
    """The compilation's order: per perangkat daerah, prioritas daerah, kecamatan, then the
    kecamatan's place for the perangkat daerah and its own order."""
    return (
        Lower(Coalesce("usulan__perangkat_daerah__singkatan", Value(""))),
        Coalesce("usulan__prioritas_daerah__nomor", Value(999)),
        "musyawarah__kecamatan__nama",
        "urutan_perangkat_daerah",
        "urutan",
        "pk",
    )


@cache
def _label(choices, value: str, _bahasa: str | None) -> str:
    # get_FOO_display rebuilds a dict of every lazily translated label on each call: most
    # of the time of a whole-daerah workbook. Translated once per value and language.
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def baris(p: Pembahasan, no: int = 0) -> dict:
    """One row as the T-D.4 form prints it, with where it comes from and how the kecamatan
    ranked it."""
    u = p.usulan
    prioritas, pd = u.prioritas_daerah, u.perangkat_daerah
    asal = [u, *(g.usulan for g in p.gabungan.all())]
    return {
        "no": no,
        "pk": p.pk,
        "usulan_pk": u.pk,
        "kode": u.kode,
        "prioritas_daerah": prioritas.nama if prioritas else "",
        "sasaran_daerah": prioritas.sasaran if prioritas else "",
        "program": _label(Bidang, u.bidang, get_language()),
        "kegiatan": u.judul,
        "sasaran": u.sasaran,
        "lokasi": "; ".join(f"{x.kelurahan.nama}, {x.lokasi}" for x in asal),
        "kecamatan": p.musyawarah.kecamatan.nama,
        "kelurahan": "; ".join(dict.fromkeys(x.asal for x in asal)),
        "volume": u.volume,
        "satuan": _label(Satuan, u.satuan, get_language()),
        "pagu": u.perkiraan_biaya,
        "perangkat_daerah": pd.singkatan if pd else "",
        "perangkat_daerah_nama": pd.nama if pd else "",
        "kelompok": p.kelompok.nama if p.kelompok_id else "",
        "urutan": p.urutan,
        "urutan_pd": p.urutan_perangkat_daerah,
        "nilai": p.nilai_penilaian,
        "peringkat": p.peringkat_kelompok,
        "status": _label(Status, u.status, get_language()),
        "status_kode": u.status,
        "dilayani": getattr(p, "dilayani", len(asal)),
    }


# What a workbook row reads, as plain values (``baris_ringan``).
_NILAI = (
    "pk",
    "usulan__perangkat_daerah_id",
    "usulan__kode",
    "usulan__prioritas_daerah__nama",
    "usulan__prioritas_daerah__sasaran",
    "usulan__bidang",
    "usulan__judul",
    "usulan__sasaran",
    "usulan__lingkungan_id",
    "usulan__rt_id",
    "usulan__kelurahan_id",
    "usulan__kode_wilayah",
    "musyawarah__kecamatan__nama",
    "usulan__volume",
    "usulan__satuan",
    "usulan__perkiraan_biaya",
    "usulan__perangkat_daerah__singkatan",
    "urutan",
    "urutan_perangkat_daerah",
    "nilai_penilaian",
    "peringkat_kelompok",
    "usulan__status",
)
_ASAL = ("usulan__lingkungan_id", "usulan__rt_id", "usulan__kelurahan_id", "usulan__kode_wilayah")


class _Tempat:
    """The place texts of rows read as plain values, made by the models themselves
    (``Usulan.lokasi``, ``Usulan.asal``, ``Kelurahan.nama``) once per place: a kabupaten
    has a few thousand RW and RT for its tens of thousands of rows."""

    def __init__(self):
        self.lokasi: dict[tuple, str] = {}
        self.asal: dict[tuple, tuple[str, str]] = {}

    def muat(self, asal: list[tuple]) -> None:
        """Load the places of ``asal`` (``_ASAL`` values) not known yet, a query per kind."""
        from apps.wilayah.models import RT, Kelurahan, Lingkungan

        lokasi = {(lg, rt) for lg, rt, _k, _w in asal} - self.lokasi.keys()
        kel = {(k, w) for _lg, _rt, k, w in asal} - self.asal.keys()
        lingkungan = Lingkungan.objects.in_bulk({lg for lg, _rt in lokasi} - {None})
        rts = RT.objects.in_bulk({rt for _lg, rt in lokasi} - {None})
        kelurahan = Kelurahan.objects.select_related("kecamatan").in_bulk({k for k, _w in kel})
        for lg, rt in lokasi:
            u = Usulan(lingkungan=lingkungan.get(lg), rt=rts.get(rt))
            self.lokasi[lg, rt] = u.lokasi
        for k, w in kel:
            u = Usulan(kelurahan=kelurahan[k], kode_wilayah=w)
            self.asal[k, w] = (u.kelurahan.nama, u.asal)

    def teks(self, asal: list[tuple]) -> tuple[str, str]:
        """(lokasi, kelurahan) of a row serving ``asal``, as ``baris`` prints them."""
        tempat = [(self.asal[k, w], self.lokasi[lg, rt]) for lg, rt, k, w in asal]
        return (
            "; ".join(f"{nama}, {lokasi}" for (nama, _a), lokasi in tempat),
            "; ".join(dict.fromkeys(a for (_n, a), _l in tempat)),
        )


def baris_ringan(qs, potongan: int = 500):
    """``baris`` of every row of ``qs`` (``kompilasi``) in the compilation's order, for
    the workbook: (perangkat daerah pk, row) each, read as plain values in chunks of
    ``potongan`` (no model rows, no prefetch), the same cells as ``baris``. Rows carry
    no ``no``: the writer numbers them per perangkat daerah."""
    bahasa = get_language()
    gabungan: dict[int, list[tuple]] = {}
    for induk, *asal in (
        Pembahasan.objects.filter(digabung_ke__in=qs.order_by().values("pk"))
        .order_by("pk")
        .values_list("digabung_ke_id", *_ASAL)
    ):
        gabungan.setdefault(induk, []).append(tuple(asal))
    tempat = _Tempat()
    rows = qs.order_by(*_urutan()).values_list(*_NILAI).iterator(chunk_size=potongan)
    while chunk := list(islice(rows, potongan)):
        semua_asal = [(r[8], r[9], r[10], r[11]) for r in chunk]
        tempat.muat(semua_asal + [a for r in chunk for a in gabungan.get(r[0], ())])
        for r, asal in zip(chunk, semua_asal, strict=True):
            (pk, pd_pk, kode, prioritas, sasaran_daerah, bidang, judul, sasaran) = r[:8]
            (kecamatan, volume, satuan, biaya, singkatan, urutan, urutan_pd, nilai) = r[12:20]
            peringkat, status = r[20:]
            lokasi, kelurahan = tempat.teks([asal, *gabungan.get(pk, ())])
            yield (
                pd_pk,
                {
                    "prioritas_daerah": prioritas or "",
                    "sasaran_daerah": sasaran_daerah or "",
                    "program": _label(Bidang, bidang, bahasa),
                    "kegiatan": judul,
                    "sasaran": sasaran,
                    "lokasi": lokasi,
                    "kecamatan": kecamatan,
                    "kelurahan": kelurahan,
                    "volume": volume,
                    "satuan": _label(Satuan, satuan, bahasa),
                    "pagu": biaya,
                    "perangkat_daerah": singkatan or "",
                    "kode": kode,
                    "urutan": urutan,
                    "urutan_pd": urutan_pd,
                    "nilai": nilai,
                    "peringkat": peringkat,
                    "status": _label(Status, status, bahasa),
                },
            )


@dataclass(frozen=True)
class Total:
    """Count and biaya of one group of the compilation (a perangkat daerah, a prioritas
    daerah, a kecamatan)."""

    pk: int | None
    nama: str
    singkatan: str
    jumlah: int
    biaya: Decimal

    @property
    def label(self) -> str:
        return self.singkatan or self.nama


def _total(qs, pk: str, nama: str, singkatan: str | None, urut: str) -> list[Total]:
    kolom = [pk, nama] + ([singkatan] if singkatan else [])
    rows = (
        qs.order_by()
        .values(*kolom)
        .annotate(jumlah=Count("pk"), biaya=Coalesce(Sum("usulan__perkiraan_biaya"), Decimal(0)))
        .order_by(urut)
    )
    return [
        Total(
            pk=r[pk],
            nama=r[nama] or "",
            singkatan=(r[singkatan] or "") if singkatan else "",
            jumlah=r["jumlah"],
            biaya=r["biaya"],
        )
        for r in rows
    ]


def total_perangkat_daerah(qs) -> list[Total]:
    """In the order of the compilation's sections (by singkatan, ignoring case)."""
    hasil = _total(
        qs,
        "usulan__perangkat_daerah",
        "usulan__perangkat_daerah__nama",
        "usulan__perangkat_daerah__singkatan",
        "usulan__perangkat_daerah__singkatan",
    )
    return sorted(hasil, key=lambda t: t.singkatan.lower())


def total_prioritas_daerah(qs) -> list[Total]:
    return _total(
        qs,
        "usulan__prioritas_daerah",
        "usulan__prioritas_daerah__nama",
        None,
        "usulan__prioritas_daerah__nomor",
    )


def total_kecamatan(qs) -> list[Total]:
    return _total(
        qs,
        "musyawarah__kecamatan",
        "musyawarah__kecamatan__nama",
        None,
        "musyawarah__kecamatan__nama",
    )


def total_pd_prioritas(qs) -> dict[tuple, Total]:
    """Count and biaya per (perangkat daerah, prioritas daerah): the summary sheet's grid."""
    rows = (
        qs.order_by()
        .values("usulan__perangkat_daerah", "usulan__prioritas_daerah")
        .annotate(jumlah=Count("pk"), biaya=Coalesce(Sum("usulan__perkiraan_biaya"), Decimal(0)))
    )
    return {
        (r["usulan__perangkat_daerah"], r["usulan__prioritas_daerah"]): Total(
            None, "", "", r["jumlah"], r["biaya"]
        )
        for r in rows
    }


def total_semua(qs) -> Total:
    r = qs.order_by().aggregate(
        jumlah=Count("pk"), biaya=Coalesce(Sum("usulan__perkiraan_biaya"), Decimal(0))
    )
    return Total(None, "", "", r["jumlah"], r["biaya"])
