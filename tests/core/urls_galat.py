"""The project's URLs plus views that fail on purpose, for the error pages' tests."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.urls import path

from musrenbang.urls import urlpatterns as proyek


@login_not_required
def rusak(request):
    raise RuntimeError("rahasia-internal: baris 42 di services.py")


@login_not_required
def basis_data_mati(request):
    raise OperationalError("could not connect to server: Connection refused")


@login_not_required
def dilarang(request):
    raise PermissionDenied


urlpatterns = [
    path("uji/rusak/", rusak),
    path("uji/basis-data/", basis_data_mati),
    path("uji/dilarang/", dilarang),
    *proyek,
]
