"""Settings for Musrenbang, read from environment variables (documented in README.md).

One file for every environment, as healthchecks does: development, tests and production
differ only in their environment. DJANGO_DEBUG defaults to on for manage.py and the test
suite (a fresh checkout just works), while the server entry points (wsgi.py, asgi.py)
default it to off: a production server that forgets a variable fails safe, and without
DJANGO_SECRET_KEY it refuses to start instead of leaking tracebacks.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=True)

# The development key only ever serves a developer's laptop or the test suite.
DEVELOPMENT_SECRET_KEY = "django-insecure-pengembangan-saja-jangan-dipakai-di-server-produksi"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (the WSGI/ASGI entry points "
        "turn it off unless told otherwise; for development use `make run`)."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The public address printed under every QR code (e.g. https://musrenbang.example.go.id);
# empty: the address the signing request came in on.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "apps.core",
    "apps.wilayah",
    "apps.akun",
    "apps.siklus",
    "apps.dokumen",
    "apps.usulan",
    "apps.penilaian",
    "apps.musyawarah",
    "apps.kompilasi",
    "apps.publik",
    "apps.pantauan",
    "apps.beranda",
    "apps.demo",
    "apps.akun.admin_apps.MusrenbangAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks_db",
    "axes",
]

# Background tasks (the big compilation downloads): Django's tasks framework with a
# database-backed queue, so no extra server is needed; `manage.py db_worker` runs them
# (`make run` starts one beside the web server). DJANGO_TASKS_BACKEND=immediate runs them
# inside the request instead (a machine where no worker can run; the tests).
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASKS_BACKENDS[os.environ.get("DJANGO_TASKS_BACKEND", "database")],
    }
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "apps.core.middleware.BasisDataSibukMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "musrenbang.urls"
WSGI_APPLICATION = "musrenbang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.akun.context_processors.navigasi",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the report pages read while an operator saves; IMMEDIATE avoids the
    # "database is locked" error when two requests upgrade to a write at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "akun.User"
LOGIN_URL = "akun:masuk"
LOGIN_REDIRECT_URL = "beranda:index"
LOGOUT_REDIRECT_URL = "akun:masuk"
AUTHENTICATION_BACKENDS = [
    # Refuses a login attempt while its username+IP is locked out, before the password
    # is even checked; then Django's own backend.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development (and tests) whitenoise serves straight from the app and static dirs;
# in production from STATIC_ROOT, filled by `collectstatic` (`make serve` runs it).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Request limits of the app itself (the proxy in front limits bodies too, README).
# Form fields: 2.5 MB and 5,000 fields (a Pleno II of a few hundred usulan posts four
# fields each). Files: up to 2.5 MB in memory, larger ones spooled to a temporary file,
# and no request with more than UPLOAD_MAX_SIZE of files (three 8 MB photos and the form)
# is read at all; each field has its own limit (photo 8 MB, forum material 10 MB, Excel
# import 5 MB), checked with the file's content.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
DATA_UPLOAD_MAX_NUMBER_FILES = 25
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
UPLOAD_MAX_SIZE = int(os.environ.get("DJANGO_UPLOAD_MAX_MB", "30")) * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "apps.core.unggahan.BatasUnggahanHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Pillow refuses images past this many pixels (decompression bombs: a few KB of PNG
# that unpack to gigabytes) wherever an image is opened, in the app or in WeasyPrint.
MAX_IMAGE_PIXELS = 50_000_000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# One working day at the kantor kelurahan; the session also ends when the browser
# closes (a shared computer). Changing a password ends the account's other sessions
# (Django checks each session against the password hash).
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", 60 * 60 * 12))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is locked for AXES_COOLOFF_TIME hours (or until an
# admin unlocks it in Data induk → Pengguna). Per pair, so an attacker can neither try
# passwords endlessly nor lock a colleague out from another computer.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_LOGIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "apps.akun.throttle.respons_terkunci"
AXES_USERNAME_FORM_FIELD = "username"
# Behind a proxy every request comes from the proxy: the client's address is then the
# entry the proxy appended to X-Forwarded-For (DJANGO_PROXY_COUNT proxies in front).
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "apps.akun.throttle.alamat_klien"
AXES_VERBOSE = False  # no banner on every manage.py command; lockouts are still logged
# Every script and stylesheet is a vendored file under /static/: no inline script,
# no CDN. Images may be data: URIs (QR codes are rendered inline).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every rendering step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes narrates every login at INFO; lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}
