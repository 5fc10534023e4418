"""Two app servers on one PostgreSQL, as docs/deploy.md grows the installation.

Nothing may live in one process: a login made through one server works on the other, a
download queued through one is prepared by the task worker (a third process) and its
progress and file are served by either. Separate gunicorn processes rather than workers of
one, so a request cannot happen to land where the state was made.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from apps.kompilasi import services
from apps.kompilasi.models import StatusUnduhan
from tests.factories import (
    PASSWORD,
    DaerahFactory,
    KecamatanFactory,
    KelurahanFactory,
    PerangkatDaerahFactory,
    SiklusFactory,
    tugaskan,
)
from tests.kompilasi.conftest import forum_selesai, kirim

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="several processes on one PostgreSQL"
    ),
]

BIN = Path(sys.executable).parent


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lingkungan(media: Path) -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        # Debug on spares a collectstatic run; what is shared is the same either way.
        "DJANGO_DEBUG": "1",
        "DJANGO_SECRET_KEY": "dua-server-uji-" + "x" * 50,
        "DJANGO_TASKS_BACKEND": "database",
        "DJANGO_MEDIA_ROOT": str(media),
    }


class Klien:
    """A browser's cookie jar over plain HTTP, pointed at any server."""

    def __init__(self):
        self.kue: dict[str, str] = {}

    def minta(self, port, metode, jalur, isi=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        kepala = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.kue.items())}
        if isi is not None:
            isi = urllib.parse.urlencode(isi)
            kepala["Content-Type"] = "application/x-www-form-urlencoded"
            kepala["Referer"] = f"http://127.0.0.1:{port}{jalur}"
        c.request(metode, jalur, body=isi, headers=kepala)
        r = c.getresponse()
        for nama, nilai in r.getheaders():
            if nama.lower() == "set-cookie":
                k, _, v = nilai.split(";")[0].partition("=")
                self.kue[k] = v
        badan = r.read()
        c.close()
        return r.status, r.getheader("Location"), badan


@pytest.fixture
def dua_server(tmp_path):
    env = _lingkungan(tmp_path / "media")
    proses, port = [], []
    for _ in range(2):
        p = _port_bebas()
        proses.append(
            subprocess.Popen(
                [BIN / "gunicorn", "musrenbang.wsgi", "--bind", f"127.0.0.1:{p}", "-w", "1"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        port.append(p)
    try:
        for p in port:
            batas = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", p), timeout=1).close()
                    break
                except OSError:
                    assert time.monotonic() < batas, "gunicorn did not start"
                    time.sleep(0.2)
        yield port, env
    finally:
        for pr in proses:
            pr.terminate()
            pr.wait(timeout=10)


def test_login_and_download_cross_servers(dua_server):
    (a, b), env = dua_server
    daerah = DaerahFactory(kode="63.73", nama="Kota Dua Server")
    kelurahan = KelurahanFactory(kecamatan=KecamatanFactory(daerah=daerah))
    siklus = SiklusFactory(daerah=daerah)
    kirim(
        forum_selesai(kelurahan.kecamatan, siklus),
        kelurahan,
        7,
        pd=PerangkatDaerahFactory(daerah=daerah, singkatan="DISPERKIM"),
    )
    bappeda = tugaskan("admin_bappeda", daerah, username="bappeda-dua")
    # The servers hash as production does, not with the tests' fast hasher.
    bappeda.password = PBKDF2PasswordHasher().encode(PASSWORD, "garam-dua-server")
    bappeda.save(update_fields=["password"])

    klien = Klien()
    status, _, halaman = klien.minta(a, "GET", "/akun/masuk/")
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', halaman).group(1)
    status, ke, badan = klien.minta(
        a,
        "POST",
        "/akun/masuk/",
        {"csrfmiddlewaretoken": token.decode(), "username": "bappeda-dua", "password": PASSWORD},
    )
    assert status == 302 and "/akun/masuk/" not in ke, badan.decode()[-3000:]

    # The session made on server A opens the compilation on server B.
    status, _, halaman = klien.minta(b, "GET", "/kompilasi/")
    assert status == 200 and b"DISPERKIM" in halaman

    unduhan = services.unduhan_mulai(
        user=bappeda, siklus=siklus, jenis="xlsx", saring={}, keterangan=""
    )
    subprocess.run(
        [BIN / "python", "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )
    unduhan.refresh_from_db()
    assert unduhan.status == StatusUnduhan.SELESAI

    # Progress and file written by the worker are served by both servers.
    for port in (a, b):
        status, _, halaman = klien.minta(port, "GET", f"/kompilasi/unduhan/{unduhan.pk}/")
        assert status == 200 and b'id="unduh-berkas"' in halaman
        status, _, berkas = klien.minta(port, "GET", f"/kompilasi/unduhan/{unduhan.pk}/berkas/")
        assert status == 200 and berkas[:2] == b"PK"
