"""Middleware of the whole app."""

import logging

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger("apps.core")

# Seconds a browser (or a proxy) is told to wait before retrying.
COBA_LAGI_DETIK = 60


class BasisDataSibukMiddleware:
    """A database that cannot answer now (PostgreSQL down or restarting, SQLite still
    locked after its timeout) is a passing state, not a defect of the page: the user
    gets the 503 page with Retry-After instead of the 500 one, and the log still gets
    the error. In debug the traceback stays (it is what a developer needs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG or not isinstance(exception, OperationalError):
            return None
        logger.error("Basis data tidak dapat dipakai: %s", request.path, exc_info=exception)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(COBA_LAGI_DETIK)
        return response
