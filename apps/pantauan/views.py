"""Bappeda's progress board. Thin: who may open it, which daerah, the filters; the
counting is apps.pantauan.selectors', the charts apps.pantauan.grafik_papan's."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from apps.pantauan import grafik_papan, selectors
from apps.siklus.selectors import hari_ini


def daerah_dipilih(request):
    """(the daerah to show, every daerah the user may show). 403 for a user who is no
    admin Bappeda anywhere; 404 for a daerah that is not theirs (nothing leaks)."""
    pilihan = selectors.daerah_pantauan(request.user)
    if not pilihan:
        raise PermissionDenied
    kode = request.GET.get("daerah")
    if not kode:
        return pilihan[0], pilihan
    daerah = next((d for d in pilihan if d.kode == kode), None)
    if daerah is None:
        raise Http404
    return daerah, pilihan


def _pilih(request, nama: str, pilihan, bawaan: str) -> str:
    nilai = request.GET.get(nama, bawaan)
    return nilai if nilai in pilihan else bawaan


def papan(request):
    daerah, pilihan_daerah = daerah_dipilih(request)
    pada = hari_ini()
    p = selectors.papan(request.user, daerah, pada)
    konteks = {"daerah": daerah, "pilihan_daerah": pilihan_daerah, "papan": p, "hari_ini": pada}
    if p is not None:
        tampil = _pilih(request, "tampil", selectors.TAMPIL, "semua")
        urut = _pilih(request, "urut", selectors.URUT, "nama")
        kecamatan = _pilih(request, "kecamatan", {k.kecamatan.kode for k in p.kecamatan}, "")
        tahap = selectors.TAHAP_PER_KODE[
            _pilih(request, "tahap", selectors.TAHAP_PER_KODE, "ke_kecamatan")
        ]
        konteks.update(
            bagian=selectors.saring(p, tampil=tampil, urut=urut, kecamatan=kecamatan),
            grafik=grafik_papan.semua(request.user, p, tahap),
            tampil=tampil,
            urut=urut,
            kecamatan_dipilih=kecamatan,
            tahap_dipilih=tahap,
            pilihan_tampil=selectors.TAMPIL,
            pilihan_urut=selectors.URUT,
        )
    return render(request, "pantauan/papan.html", konteks)
