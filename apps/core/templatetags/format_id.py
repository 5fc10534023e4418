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
register.filter("rentang_tanggal", formatting.rentang_tanggal)
