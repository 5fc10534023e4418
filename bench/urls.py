"""The app's URLs plus the baseline: a minimal view rendering 50 rows of a 100k-row table
through the ORM and a template, as cheap as a page of this app can be."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from bench.models import BarisDasar
from musrenbang.urls import urlpatterns as app_urlpatterns

TEMPLAT = engines["django"].from_string(
    """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Dasar</title></head>
<body><table>{% for b in baris %}<tr><td>{{ b.pk }}</td><td>{{ b.judul }}</td>
<td>{{ b.lokasi }}</td><td>{{ b.biaya }}</td><td>{{ b.status }}</td>
<td>{{ b.dibuat|date:"j F Y" }}</td></tr>{% endfor %}</table></body></html>"""
)


@login_not_required
def dasar(request):
    return HttpResponse(TEMPLAT.render({"baris": BarisDasar.objects.all()[:50]}, request))


urlpatterns = [path("bench/dasar/", dasar, name="bench-dasar"), *app_urlpatterns]
