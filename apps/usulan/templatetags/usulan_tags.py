from django import template

from apps.usulan.models import Status

register = template.Library()

_WARNA = {
    Status.DRAF: "text-bg-secondary",
    Status.DIAJUKAN: "text-bg-primary",
    Status.PRIORITAS_DESA: "text-bg-info",
    Status.SWADAYA: "text-bg-warning",
    Status.DITOLAK_DESA: "text-bg-danger",
    Status.LAYAK: "text-bg-success",
    Status.TIDAK_LAYAK: "text-bg-danger",
    Status.DINILAI: "text-bg-info",
    Status.PRIORITAS_KECAMATAN: "text-bg-primary",
    Status.DITERUSKAN_KOTA: "text-bg-primary",
    Status.DITERIMA: "text-bg-success",
    Status.DITOLAK: "text-bg-danger",
}


@register.filter
def warna_status(status: str) -> str:
    """The Bootstrap badge class of a status."""
    return _WARNA.get(status, "text-bg-secondary")


@register.inclusion_tag("usulan/_status.html")
def lencana_status(status: str):
    return {"kelas": warna_status(status), "label": Status(status).label}
