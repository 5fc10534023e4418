"""A bounded HTTP load from its own process: ``koneksi`` threads, each with one keep-alive
connection, requesting one URL in a loop for ``detik`` seconds (after a short warm-up).

Plain standard library, no Django, so it measures the server and not itself. Prints one
JSON object: requests, errors (status other than 200, or a broken connection), req/s,
p50/p99 latency in ms.

    python bench/beban.py --port 8123 --path /usulan/ --cookie sessionid=... --koneksi 8
"""

import argparse
import http.client
import json
import threading
import time


def _satu_koneksi(port: int, path: str, header: dict, sampai: float, hasil: list, galat: list):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.perf_counter() < sampai:
        mulai = time.perf_counter()
        try:
            conn.request("GET", path, headers=header)
            r = conn.getresponse()
            r.read()
            status = r.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        lama = time.perf_counter() - mulai
        hasil.append(lama)
        if status != 200:
            galat.append(status)
    conn.close()


def ukur(port: int, path: str, *, cookie: str = "", koneksi: int = 8, detik: float = 5.0):
    header = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    if cookie:
        header["Cookie"] = cookie
    # Warm-up: each worker imports and caches what the page needs.
    _satu_koneksi(port, path, header, time.perf_counter() + min(1.0, detik / 4), [], [])
    hasil: list[float] = []
    galat: list[int] = []
    mulai = time.perf_counter()
    sampai = mulai + detik
    benang = [
        threading.Thread(target=_satu_koneksi, args=(port, path, header, sampai, hasil, galat))
        for _ in range(koneksi)
    ]
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    lama = time.perf_counter() - mulai
    urut = sorted(hasil)

    def persentil(p: float) -> float:
        return urut[min(len(urut) - 1, int(p * len(urut)))] * 1000 if urut else 0.0

    return {
        "permintaan": len(hasil),
        "galat": len(galat),
        "status_galat": sorted(set(galat)),
        "rps": len(hasil) / lama if lama else 0.0,
        "p50_ms": persentil(0.50),
        "p99_ms": persentil(0.99),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", required=True)
    p.add_argument("--cookie", default="")
    p.add_argument("--koneksi", type=int, default=8)
    p.add_argument("--detik", type=float, default=5.0)
    a = p.parse_args()
    print(json.dumps(ukur(a.port, a.path, cookie=a.cookie, koneksi=a.koneksi, detik=a.detik)))


if __name__ == "__main__":
    main()
