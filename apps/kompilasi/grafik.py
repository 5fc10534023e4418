"""The compilation page's charts: biaya (bar) and count (table) per perangkat daerah, per
prioritas daerah and per kecamatan, each row a link that filters the page by it."""

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.core.formatting import angka, rupiah
from apps.kompilasi.selectors import Total
from apps.pantauan.grafik import Data, Grafik, grafik_batang


def _grafik(id: str, judul: str, kolom: str, totals: list[Total], kunci: str, saring: dict):
    def url(t: Total) -> str:
        return "?" + urlencode({**saring, kunci: t.pk}) if t.pk else ""

    return grafik_batang(
        id=id,
        judul=judul,
        keterangan=_("Panjang batang: pagu indikatif; pilih baris untuk menyaring."),
        data=[
            Data(
                t.nama or _("(belum ditentukan)"),
                [t.biaya],
                catatan=[angka(t.jumlah)],
                url=url(t),
                singkat=t.singkatan,
            )
            for t in totals
        ],
        seri=[_("Pagu indikatif")],
        format=rupiah,
        kolom_label=kolom,
        kolom_catatan=[_("Jumlah usulan")],
        total=True,
        maks_label=34,
        teks_kosong=_("Belum ada usulan."),
    )


def grafik_kompilasi(*, per_pd, per_prioritas, per_kecamatan, saring: dict) -> list[Grafik]:
    return [
        _grafik(
            "kompilasi-pd",
            _("Per perangkat daerah"),
            _("Perangkat daerah"),
            per_pd,
            "perangkat_daerah",
            saring,
        ),
        _grafik(
            "kompilasi-prioritas",
            _("Per prioritas daerah"),
            _("Prioritas daerah"),
            per_prioritas,
            "prioritas_daerah",
            saring,
        ),
        _grafik(
            "kompilasi-kecamatan",
            _("Per kecamatan"),
            _("Kecamatan"),
            per_kecamatan,
            "kecamatan",
            saring,
        ),
    ]
