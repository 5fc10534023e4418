"""What the public may read: an usulan by its receipt code, without personal data."""

from dataclasses import dataclass

from apps.usulan.models import RiwayatStatus, Status, Usulan


@dataclass(frozen=True)
class LangkahPublik:
    waktu: object
    status: str
    label: str
    alasan: str


def usulan_publik(kode: str) -> Usulan | None:
    """The usulan with this code, or None."""
    return (
        Usulan.objects.select_related(
            "kelurahan__kecamatan__daerah", "siklus", "lingkungan", "perangkat_daerah"
        )
        .filter(kode=kode)
        .first()
    )


def riwayat_publik(usulan: Usulan) -> list[LangkahPublik]:
    """The dated timeline: statuses and reasons, never who clicked."""
    return [
        LangkahPublik(r.waktu, r.ke, Status(r.ke).label, r.alasan)
        for r in RiwayatStatus.objects.filter(usulan=usulan).order_by("waktu", "pk")
    ]


def musrenbang_publik(pk: int):
    """A Musrenbang Kecamatan whose announcement is out (its announcement date reached),
    or None: what the public may read of it is its date, place and agenda."""
    from apps.musyawarah.models import Musyawarah, Tingkat
    from apps.siklus.selectors import hari_ini

    return (
        Musyawarah.objects.filter(
            pk=pk,
            tingkat=Tingkat.KECAMATAN,
            latihan=False,
            tanggal_undangan__isnull=False,
            tanggal_undangan__lte=hari_ini(),
        )
        .select_related("kecamatan__daerah", "siklus")
        .first()
    )
