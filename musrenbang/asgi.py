import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "musrenbang.settings")
# A server process is production unless told otherwise: debug off, so a missing
# DJANGO_SECRET_KEY stops it at once (settings.py refuses the development key).
os.environ.setdefault("DJANGO_DEBUG", "0")

application = get_asgi_application()
