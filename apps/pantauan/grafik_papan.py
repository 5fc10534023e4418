"""The board's charts, built from a :class:`~apps.pantauan.selectors.Papan` (and two
more counts of usulan) with the generic :func:`~apps.pantauan.grafik.grafik_batang`."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.formatting import angka, persen, rentang_tanggal, rupiah, tanggal
from apps.pantauan import grafik as g
from apps.pantauan.grafik import Data, grafik_batang
from apps.pantauan.selectors import (
    Keadaan,
    Papan,
    Tahap,
    hitung_per_perangkat_daerah,
    hitung_per_prioritas,
)
from apps.siklus.selectors import StatusTahapan

# Signed first, so a bar fills from the left as the forums sign.
WARNA_KEADAAN = {
    Keadaan.DITANDATANGANI: g.HIJAU,
    Keadaan.DILAKSANAKAN: g.KUNING,
    Keadaan.PERSIAPAN: g.ABU,
    Keadaan.BELUM_MULAI: g.ABU_MUDA,
}
URUTAN_KEADAAN = list(WARNA_KEADAAN)
WARNA_JENIS_KELAMIN = (g.UNGU, g.BIRU)
# Weeks drawn after a tahapan's end while forums still sign late; the rest is one row.
PEKAN_LEWAT_MAKS = 8


def _keadaan(rows) -> list[int]:
    jumlah = dict.fromkeys(URUTAN_KEADAAN, 0)
    for b in rows:
        jumlah[b.keadaan] += 1
    return [jumlah[k] for k in URUTAN_KEADAAN]


def forum_per_tingkat(p: Papan) -> g.Grafik:
    kelurahan = p.kelurahan
    kecamatan = [k.forum for k in p.kecamatan]
    data = []
    for label, rows in (
        (_("Musrenbang kelurahan/desa"), kelurahan),
        (_("Musrenbang kecamatan"), kecamatan),
    ):
        ttd = sum(1 for b in rows if b.ditandatangani)
        data.append(
            Data(
                label,
                _keadaan(rows),
                catatan=[angka(sum(1 for b in rows if b.terlambat))],
                teks=_("%(a)s dari %(n)s ditandatangani") % {"a": ttd, "n": len(rows)},
            )
        )
    return grafik_batang(
        id="forum-tingkat",
        judul=_("Kemajuan forum per tingkat"),
        keterangan=_("Setiap batang: seluruh forum tingkat itu, menurut keadaannya hari ini."),
        penuh=True,
        data=data,
        seri=[Keadaan(k).label for k in URUTAN_KEADAAN],
        warna=[WARNA_KEADAAN[k] for k in URUTAN_KEADAAN],
        kolom_label=_("Tingkat"),
        kolom_catatan=[_("Terlambat")],
    )


def kelurahan_per_kecamatan(p: Papan) -> g.Grafik:
    return grafik_batang(
        id="forum-kecamatan",
        judul=_("Musrenbang kelurahan/desa per kecamatan"),
        keterangan=_("Setiap batang: seluruh kelurahan/desa kecamatan itu."),
        penuh=True,
        data=[
            Data(
                k.kecamatan.nama,
                _keadaan(k.kelurahan),
                catatan=[angka(k.terlambat)],
                teks=f"{k.ditandatangani}/{k.jumlah_kelurahan}",
                url=f"#kec-{k.kecamatan.kode}",
            )
            for k in p.kecamatan
        ],
        seri=[Keadaan(k).label for k in URUTAN_KEADAAN],
        warna=[WARNA_KEADAAN[k] for k in URUTAN_KEADAAN],
        kolom_label=_("Kecamatan"),
        kolom_catatan=[_("Terlambat")],
        total=True,
    )


def _tanggal_ttd(b) -> datetime.date:
    return timezone.localtime(b.berita_acara.ditandatangani_pada).date()


def ttd_per_pekan(p: Papan, tingkat: str) -> g.Grafik:
    """Forums of one level signed so far, week by week over the level's tahapan (and
    the weeks after it, while forums still sign late), as a growing bar."""
    if tingkat == "desa":
        rows, st = p.kelurahan, p.tahapan_desa
        judul = _("Penandatanganan Musrenbang kelurahan/desa per pekan")
    else:
        rows, st = [k.forum for k in p.kecamatan], p.tahapan_kecamatan
        judul = _("Penandatanganan Musrenbang kecamatan per pekan")
    kosong = dict(id=f"ttd-{tingkat}", judul=judul, data=[])
    if st is None:
        return grafik_batang(**kosong, teks_kosong=_("Tahapan ini belum dijadwalkan."))
    t = st.tahapan
    if st.keadaan == StatusTahapan.BELUM_MULAI:
        return grafik_batang(
            **kosong,
            teks_kosong=_("Tahapan dimulai %(t)s.") % {"t": tanggal(t.mulai)},
        )
    ttd = sorted(_tanggal_ttd(b) for b in rows if b.ditandatangani)
    if st.keadaan == StatusTahapan.BERJALAN:
        akhir = p.pada
    elif any(not b.ditandatangani for b in rows):
        akhir = p.pada  # still waiting: the weeks since the deadline show it
    else:
        akhir = min(max(t.selesai, ttd[-1] if ttd else t.selesai), p.pada)
    periode, mulai = [], t.mulai
    if ttd and ttd[0] < t.mulai:
        # Signed before the tahapan opened (a forum may be held early): a row of its own.
        periode.append((ttd[0], t.mulai - datetime.timedelta(days=1), False))
    while mulai <= akhir:
        lewat = mulai > t.selesai
        selesai = min(mulai + datetime.timedelta(days=6), akhir)
        if not lewat:
            selesai = min(selesai, t.selesai)
        elif sum(1 for x in periode if x[2]) == PEKAN_LEWAT_MAKS - 1:
            selesai = akhir  # long overdue: the rest in one last row
        periode.append((mulai, selesai, lewat))
        mulai = selesai + datetime.timedelta(days=1)
    n, data, sebelumnya, i = len(rows), [], 0, 0
    for awal, ujung, lewat in periode:
        baru = 0
        # A forum signed before its tahapan opened counts in the first week.
        while i < len(ttd) and ttd[i] <= ujung:
            baru += 1
            i += 1
        label = rentang_tanggal(awal, ujung)
        if ujung < t.mulai:
            label = _("Sebelum %(t)s") % {"t": tanggal(t.mulai)}
        elif lewat:
            label = _("%(r)s (lewat jadwal)") % {"r": label}
        data.append(
            Data(
                label,
                [sebelumnya, baru],
                teks=_("%(a)s dari %(n)s") % {"a": sebelumnya + baru, "n": n},
            )
        )
        sebelumnya += baru
    return grafik_batang(
        id=f"ttd-{tingkat}",
        judul=judul,
        keterangan=_("Tahapan %(r)s. Panjang batang: seluruh %(n)s forum.")
        % {"r": rentang_tanggal(t.mulai, t.selesai), "n": n},
        data=data,
        seri=[_("Ditandatangani sebelumnya"), _("Ditandatangani pada pekan itu")],
        warna=[g.HIJAU_MUDA, g.HIJAU],
        maks=n,
        kolom_label=_("Pekan"),
    )


def usulan_per_kecamatan(p: Papan, tahap: Tahap) -> g.Grafik:
    i = p.tahap.index(tahap)
    data = [
        Data(
            k.kecamatan.nama,
            [k.tahap[i].biaya],
            catatan=[angka(k.tahap[i].usulan)],
            singkat=_("%(k)s · %(n)s usulan")
            % {"k": k.kecamatan.nama, "n": angka(k.tahap[i].usulan)},
            url=f"#kec-{k.kecamatan.kode}",
        )
        for k in p.kecamatan
    ]
    return _usulan("usulan-kecamatan", _("Usulan per kecamatan"), tahap, data, _("Kecamatan"))


def usulan_per_perangkat_daerah(user, p: Papan, tahap: Tahap) -> g.Grafik:
    data = []
    for r in hitung_per_perangkat_daerah(user, p.siklus, tahap):
        if r["perangkat_daerah_id"] is None:
            nama = singkat = _("Tanpa perangkat daerah")
        else:
            nama, singkat = r["perangkat_daerah__nama"], r["perangkat_daerah__singkatan"]
        data.append(
            Data(
                nama,
                [r["biaya"] or 0],
                catatan=[angka(r["n"])],
                singkat=_("%(k)s · %(n)s usulan") % {"k": singkat, "n": angka(r["n"])},
            )
        )
    return _usulan(
        "usulan-perangkat-daerah",
        _("Usulan per perangkat daerah"),
        tahap,
        data,
        _("Perangkat daerah"),
    )


def usulan_per_prioritas_daerah(user, p: Papan, tahap: Tahap) -> g.Grafik:
    data = []
    for r in hitung_per_prioritas(user, p.siklus, tahap):
        if r["prioritas_daerah_id"] is None:
            nama = _("Belum dipetakan ke prioritas daerah")
        else:
            nama = f"{r['prioritas_daerah__nomor']}. {r['prioritas_daerah__nama']}"
        data.append(
            Data(
                nama,
                [r["biaya"] or 0],
                catatan=[angka(r["n"])],
                singkat=_("%(k)s · %(n)s usulan")
                % {"k": g.pendekkan(nama, 34), "n": angka(r["n"])},
            )
        )
    return _usulan(
        "usulan-prioritas", _("Usulan per prioritas daerah"), tahap, data, _("Prioritas daerah")
    )


def _usulan(id: str, judul: str, tahap: Tahap, data: list[Data], kolom: str) -> g.Grafik:
    return grafik_batang(
        id=id,
        judul=judul,
        keterangan=_("Usulan yang sudah sampai tahap “%(t)s”; panjang batang: perkiraan biaya.")
        % {"t": tahap.label},
        data=data,
        seri=[_("Perkiraan biaya")],
        format=rupiah,
        kolom_label=kolom,
        kolom_catatan=[_("Jumlah usulan")],
        total=True,
        maks_label=52,
        teks_kosong=_("Belum ada usulan yang sampai tahap ini."),
    )


def peserta_per_kecamatan(p: Papan) -> g.Grafik:
    data = []
    for k in p.kecamatan:
        if not k.hadir:
            continue
        data.append(
            Data(
                k.kecamatan.nama,
                [k.hadir_perempuan, k.hadir - k.hadir_perempuan],
                catatan=[persen(k.persen_perempuan)],
                singkat=_("%(k)s · %(p)s perempuan")
                % {"k": k.kecamatan.nama, "p": persen(k.persen_perempuan)},
            )
        )
    return _peserta(
        "peserta-kelurahan",
        _("Peserta hadir Musrenbang kelurahan/desa, per kecamatan"),
        data,
        _("Belum ada Musrenbang kelurahan/desa yang mencatat kehadiran."),
    )


def peserta_forum_kecamatan(p: Papan) -> g.Grafik:
    data = []
    for k in p.kecamatan:
        f = k.forum
        if not f.hadir:
            continue
        pr = 100 * f.hadir_perempuan / f.hadir
        data.append(
            Data(
                k.kecamatan.nama,
                [f.hadir_perempuan, f.hadir - f.hadir_perempuan],
                catatan=[persen(pr)],
                singkat=_("%(k)s · %(p)s perempuan") % {"k": k.kecamatan.nama, "p": persen(pr)},
                url=f.url_forum,
            )
        )
    return _peserta(
        "peserta-kecamatan",
        _("Peserta hadir Musrenbang kecamatan"),
        data,
        _("Belum ada Musrenbang kecamatan yang mencatat kehadiran."),
    )


def _peserta(id: str, judul: str, data: list[Data], kosong: str) -> g.Grafik:
    return grafik_batang(
        id=id,
        judul=judul,
        data=data,
        seri=[_("Perempuan"), _("Laki-laki")],
        warna=WARNA_JENIS_KELAMIN,
        kolom_label=_("Kecamatan"),
        kolom_catatan=[_("Perempuan (%)")],
        total=True,
        teks_kosong=kosong,
    )


def semua(user, p: Papan, tahap: Tahap) -> dict[str, list[g.Grafik]]:
    """The board's charts in its three groups: forums, usulan (at ``tahap``), people."""
    return {
        "forum": [
            forum_per_tingkat(p),
            kelurahan_per_kecamatan(p),
            ttd_per_pekan(p, "desa"),
            ttd_per_pekan(p, "kecamatan"),
        ],
        "usulan": [
            usulan_per_perangkat_daerah(user, p, tahap),
            usulan_per_prioritas_daerah(user, p, tahap),
            usulan_per_kecamatan(p, tahap),
        ],
        "peserta": [peserta_per_kecamatan(p), peserta_forum_kecamatan(p)],
    }
