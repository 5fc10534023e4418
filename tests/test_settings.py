"""Production settings: `check --deploy` is clean, and the development key is refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "p9$Zk2#vLq8!wX4@mN7^rT1&yB6*cF3(hJ5)dS0-gK9+eA2=uW8_oI4~",
    "DJANGO_ALLOWED_HOSTS": "musrenbang.banjarmasinkota.go.id",
    "DATABASE_URL": "sqlite:///:memory:",
    "DJANGO_PROXY_COUNT": "1",
    "TIME_ZONE": "Asia/Makassar",
}


def _manage(*args, env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_throttles_logins_and_bounds_sessions_and_uploads():
    """What check --deploy does not look at: the login lockout, the password validators,
    the session's end and the request limits, as production loads them."""
    code = (
        "from django.conf import settings as s; from PIL import Image; "
        "print(s.DEBUG, s.AXES_FAILURE_LIMIT, s.AXES_LOCKOUT_PARAMETERS, "
        "'axes.middleware.AxesMiddleware' in s.MIDDLEWARE, s.AUTHENTICATION_BACKENDS[0], "
        "len(s.AUTH_PASSWORD_VALIDATORS), s.SESSION_COOKIE_AGE, "
        "s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.PROXY_COUNT, s.DATA_UPLOAD_MAX_MEMORY_SIZE, "
        "s.FILE_UPLOAD_MAX_MEMORY_SIZE, s.UPLOAD_MAX_SIZE, Image.MAX_IMAGE_PIXELS)"
    )
    result = _manage("shell", "--no-imports", "-c", code, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "5",
        "[['username',",
        "'ip_address']]",
        "True",
        "axes.backends.AxesStandaloneBackend",
        "4",
        "43200",
        "True",
        "1",
        "2621440",
        "2621440",
        "31457280",
        "50000000",
    ]


def test_refuses_to_start_with_the_development_key_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy():
    response = Client().get("/akun/masuk/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_manage_py_works_in_a_bare_checkout():
    result = _manage("check", env={})
    assert result.returncode == 0, result.stderr


def test_the_wsgi_server_is_production_by_default():
    """gunicorn imports musrenbang.wsgi: without DJANGO_DEBUG it runs with debug off, and
    without a secret key it refuses to start."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", "import musrenbang.wsgi"],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
    ok = subprocess.run(
        [
            sys.executable,
            "-c",
            "import musrenbang.wsgi; from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"],
            "DATABASE_URL": "sqlite:///:memory:",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.stdout.strip() == "False", ok.stderr
