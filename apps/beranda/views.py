from django.shortcuts import render

from apps.beranda.selectors import beranda_untuk
from apps.siklus.selectors import hari_ini


def index(request):
    pada = hari_ini()
    return render(
        request,
        "beranda/index.html",
        {"kartu": beranda_untuk(request.user, pada), "hari_ini": pada},
    )
