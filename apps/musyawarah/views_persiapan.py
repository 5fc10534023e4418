"""Preparation screens: TPM and tim pemandu; schedule, agenda, logistics, invitations."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import DomainError
from apps.core.http import unduhan
from apps.musyawarah import cetak, persiapan
from apps.musyawarah.forms import (
    AgendaForm,
    AnggotaTpmForm,
    JadwalForm,
    LogistikForm,
    PemanduForm,
    SkTpmForm,
)
from apps.musyawarah.models import AgendaAcara, AnggotaTpm, Logistik, Pemandu
from apps.musyawarah.views import aksi_bagian, ambil, konteks, tampilkan_galat, wajib_kelola


def tpm(request, pk: int):
    """Step 1: the TPM set by the lurah's SK, and the tim pemandu of three."""
    m = ambil(request, pk)
    sk_form = SkTpmForm(initial={"nomor": m.sk_tpm_nomor, "tanggal": m.sk_tpm_tanggal})
    tpm_form, pemandu_form = AnggotaTpmForm(), PemanduForm()
    if request.method == "POST":
        wajib_kelola(request, m)
        bagian = request.POST.get("bagian")
        try:
            if bagian == "sk":
                sk_form = SkTpmForm(request.POST)
                if sk_form.is_valid():
                    persiapan.sk_tpm_simpan(user=request.user, musyawarah=m, **sk_form.cleaned_data)
                    messages.success(request, _("SK TPM tersimpan."))
                    return redirect("musyawarah:tpm", pk=pk)
            elif bagian == "tpm":
                tpm_form = AnggotaTpmForm(request.POST)
                if tpm_form.is_valid():
                    persiapan.tpm_tambah(
                        user=request.user, musyawarah=m, data=tpm_form.cleaned_data
                    )
                    messages.success(request, _("Anggota TPM ditambahkan."))
                    return redirect("musyawarah:tpm", pk=pk)
            elif bagian == "pemandu":
                pemandu_form = PemanduForm(request.POST)
                if pemandu_form.is_valid():
                    persiapan.pemandu_tambah(
                        user=request.user, musyawarah=m, data=pemandu_form.cleaned_data
                    )
                    messages.success(request, _("Pemandu ditambahkan."))
                    return redirect("musyawarah:tpm", pk=pk)
        except DomainError as e:
            tampilkan_galat(request, e)
    return render(
        request,
        "musyawarah/tpm.html",
        konteks(
            request,
            m,
            "tpm",
            sk_form=sk_form,
            tpm_form=tpm_form,
            pemandu_form=pemandu_form,
            jumlah_pemandu=persiapan.JUMLAH_PEMANDU,
        ),
    )


@require_POST
def tpm_hapus(request, pk: int, anggota_pk: int):
    return aksi_bagian(
        request,
        pk,
        AnggotaTpm,
        anggota_pk,
        "musyawarah:tpm",
        lambda anggota: persiapan.tpm_hapus(user=request.user, anggota=anggota),
    )


@require_POST
def pemandu_hapus(request, pk: int, pemandu_pk: int):
    return aksi_bagian(
        request,
        pk,
        Pemandu,
        pemandu_pk,
        "musyawarah:tpm",
        lambda pemandu: persiapan.pemandu_hapus(user=request.user, pemandu=pemandu),
    )


def jadwal(request, pk: int):
    """Step 2: date, time, place, the announcement (7-day rule), agenda and logistics."""
    m = ambil(request, pk)
    jadwal_form = JadwalForm(instance=m)
    agenda_form = AgendaForm(initial={"urutan": len(m.agenda.all()) + 1})
    logistik_form = LogistikForm()
    if request.method == "POST":
        wajib_kelola(request, m)
        bagian = request.POST.get("bagian")
        try:
            if bagian == "jadwal":
                jadwal_form = JadwalForm(request.POST, instance=ambil(request, pk))
                if jadwal_form.is_valid():
                    data = {f: jadwal_form.cleaned_data[f] for f in JadwalForm.Meta.fields}
                    persiapan.musyawarah_jadwalkan(
                        user=request.user,
                        musyawarah=m,
                        data=data,
                        versi=jadwal_form.cleaned_data["versi"],
                    )
                    messages.success(request, _("Jadwal tersimpan."))
                    return redirect("musyawarah:jadwal", pk=pk)
            elif bagian == "agenda":
                agenda_form = AgendaForm(request.POST)
                if agenda_form.is_valid():
                    persiapan.agenda_simpan(
                        user=request.user, musyawarah=m, data=agenda_form.cleaned_data
                    )
                    return redirect("musyawarah:jadwal", pk=pk)
            elif bagian == "logistik":
                logistik_form = LogistikForm(request.POST)
                if logistik_form.is_valid():
                    persiapan.logistik_simpan(
                        user=request.user, musyawarah=m, data=logistik_form.cleaned_data
                    )
                    return redirect("musyawarah:jadwal", pk=pk)
        except DomainError as e:
            tampilkan_galat(request, e)
    return render(
        request,
        "musyawarah/jadwal.html",
        konteks(
            request,
            m,
            "jadwal",
            jadwal_form=jadwal_form,
            agenda_form=agenda_form,
            logistik_form=logistik_form,
        ),
    )


@require_POST
def agenda_hapus(request, pk: int, acara_pk: int):
    return aksi_bagian(
        request,
        pk,
        AgendaAcara,
        acara_pk,
        "musyawarah:jadwal",
        lambda acara: persiapan.agenda_hapus(user=request.user, acara=acara),
    )


@require_POST
def logistik_siap(request, pk: int, item_pk: int):
    return aksi_bagian(
        request,
        pk,
        Logistik,
        item_pk,
        "musyawarah:jadwal",
        lambda item: persiapan.logistik_simpan(
            user=request.user, musyawarah=item.musyawarah, item=item, data={"siap": not item.siap}
        ),
    )


def undangan(request, pk: int):
    m = ambil(request, pk)
    peserta = None
    if (pid := request.GET.get("peserta", "")).isdigit():
        peserta = get_object_or_404(m.peserta.all(), pk=int(pid))
    return unduhan(*cetak.pdf_undangan(m, peserta))


def pengumuman(request, pk: int):
    return unduhan(*cetak.pdf_pengumuman(ambil(request, pk)))


def daftar_hadir_kosong(request, pk: int):
    return unduhan(*cetak.pdf_daftar_hadir_kosong(ambil(request, pk)))
