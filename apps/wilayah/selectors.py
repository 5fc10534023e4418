"""Reads on wilayah, always through ``for_user``: what a user's wilayah pages show."""

from django.db.models import Count, Prefetch

from apps.wilayah.models import Kecamatan, Kelurahan, Lingkungan


def kelurahan_untuk(user):
    """The kelurahan/desa a user covers, with their kecamatan and number of RW/dusun."""
    return (
        Kelurahan.objects.for_user(user)
        .select_related("kecamatan__daerah")
        .annotate(jumlah_lingkungan=Count("lingkungan"))
        .order_by("kode")
    )


def kecamatan_detail(user, kode: str) -> Kecamatan:
    """Raises Kecamatan.DoesNotExist when the kode is unknown or outside the user's wilayah."""
    return (
        Kecamatan.objects.for_user(user)
        .select_related("daerah")
        .prefetch_related(
            Prefetch(
                "kelurahan",
                queryset=Kelurahan.objects.annotate(jumlah_lingkungan=Count("lingkungan")),
            )
        )
        .get(kode=kode)
    )


def kelurahan_detail(user, kode: str) -> Kelurahan:
    """Raises Kelurahan.DoesNotExist when the kode is unknown or outside the user's wilayah."""
    return (
        Kelurahan.objects.for_user(user)
        .select_related("kecamatan__daerah")
        .prefetch_related(
            Prefetch(
                "lingkungan",
                queryset=Lingkungan.objects.prefetch_related("rt").order_by("nomor"),
            )
        )
        .get(kode=kode)
    )
