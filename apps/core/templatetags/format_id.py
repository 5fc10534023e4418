"""Template filters for Indonesian dates and Rupiah: ``{% load format_id %}``."""

from django import template

from apps.core import formatting

register = template.Library()

register.filter("tanggal", formatting.tanggal)
register.filter("tanggal_hari", formatting.tanggal_hari)
register.filter("jam", formatting.jam)
register.filter("angka", formatting.angka)
register.filter("bilangan", formatting.bilangan)
register.filter("rupiah", formatting.rupiah)
register.filter("desimal", formatting.desimal)
register.filter("persen", formatting.persen)
register.filter("rentang_tanggal", formatting.rentang_tanggal)


@register.filter
def tanpa_tanda_akhir(teks) -> str:
    """Text typed by a user, without its closing punctuation, for a line the document
    ends itself (a berita acara's "...;" would otherwise print ".;")."""
    return str(teks or "").strip().rstrip(".;,:")
