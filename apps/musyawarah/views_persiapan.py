"""Preparation screens: TPM and tim pemandu; schedule, agenda, logistics, invitations."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
from apps.musyawarah.forms_kecamatan import SuratBappedaForm
from apps.musyawarah.models import AgendaAcara, AnggotaTpm, Logistik, Pemandu
from apps.musyawarah.tingkat import spek
from apps.musyawarah.views import aksi_bagian, ambil, konteks, simpan_form, wajib_kelola


def tpm(request, pk: int):
    """Step 1: the TPM set by the lurah's SK, and the tim pemandu of three."""
    m = ambil(request, pk)
    sk_form = SkTpmForm(
        initial={
            "nomor": m.sk_tpm_nomor,
            "tanggal": m.sk_tpm_tanggal,
            "kepala_nama": m.kepala_nama,
            "kepala_nip": m.kepala_nip,
        },
        jabatan_kepala=spek(m).jabatan_kepala(m),
        mengetahui=spek(m).pemandu,
    )
    tpm_form, pemandu_form = (
        AnggotaTpmForm(auto_id="id_tpm_%s"),
        PemanduForm(auto_id="id_pemandu_%s"),
    )
    if request.method == "POST":
        wajib_kelola(request, m)
        tujuan = reverse("musyawarah:tpm", args=[pk])
        bagian = request.POST.get("bagian")
        jawaban = None
        if bagian == "sk":
            sk_form = SkTpmForm(
                request.POST, jabatan_kepala=spek(m).jabatan_kepala(m), mengetahui=spek(m).pemandu
            )
            jawaban = simpan_form(
                request,
                sk_form,
                lambda data: persiapan.sk_tpm_simpan(user=request.user, musyawarah=m, **data),
                pesan=_("SK TPM tersimpan."),
                tujuan=tujuan,
            )
        elif bagian == "tpm":
            tpm_form = AnggotaTpmForm(request.POST, auto_id="id_tpm_%s")
            jawaban = simpan_form(
                request,
                tpm_form,
                lambda data: persiapan.tpm_tambah(user=request.user, musyawarah=m, data=data),
                pesan=_("Anggota TPM ditambahkan."),
                tujuan=tujuan,
            )
        elif bagian == "pemandu":
            pemandu_form = PemanduForm(request.POST, auto_id="id_pemandu_%s")
            jawaban = simpan_form(
                request,
                pemandu_form,
                lambda data: persiapan.pemandu_tambah(user=request.user, musyawarah=m, data=data),
                pesan=_("Pemandu ditambahkan."),
                tujuan=tujuan,
            )
        if jawaban is not None:
            return jawaban
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
            jabatan_kepala=spek(m).jabatan_kepala(m),
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
    jadwal_form = JadwalForm(instance=m, auto_id="id_jadwal_%s")
    agenda_form = AgendaForm(auto_id="id_agenda_%s")
    logistik_form = LogistikForm(auto_id="id_logistik_%s")
    if request.method == "POST":
        wajib_kelola(request, m)
        tujuan = reverse("musyawarah:jadwal", args=[pk])
        bagian = request.POST.get("bagian")
        jawaban = None
        if bagian == "jadwal":
            jadwal_form = JadwalForm(
                request.POST, instance=ambil(request, pk), auto_id="id_jadwal_%s"
            )
            jawaban = simpan_form(
                request,
                jadwal_form,
                lambda data: persiapan.musyawarah_jadwalkan(
                    user=request.user,
                    musyawarah=m,
                    data={f: data[f] for f in JadwalForm.Meta.fields},
                    versi=data["versi"],
                ),
                pesan=_("Jadwal tersimpan."),
                tujuan=tujuan,
            )
        elif bagian == "agenda":
            agenda_form = AgendaForm(request.POST, auto_id="id_agenda_%s")
            jawaban = simpan_form(
                request,
                agenda_form,
                lambda data: persiapan.agenda_simpan(user=request.user, musyawarah=m, data=data),
                pesan=_("Acara ditambahkan ke agenda."),
                tujuan=tujuan + "#agenda",
            )
        elif bagian == "logistik":
            logistik_form = LogistikForm(request.POST, auto_id="id_logistik_%s")
            jawaban = simpan_form(
                request,
                logistik_form,
                lambda data: persiapan.logistik_simpan(user=request.user, musyawarah=m, data=data),
                tujuan=tujuan + "#logistik",
            )
        if jawaban is not None:
            return jawaban
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
            surat_form=SuratBappedaForm(
                initial={"nomor": m.nomor_surat_bappeda, "tanggal": m.tanggal_surat_bappeda}
            )
            if "surat_bappeda" in spek(m).templat
            else None,
        ),
    )


def agenda_ubah(request, pk: int, acara_pk: int):
    """Change one agenda item: its time, what happens, who leads it."""
    m = ambil(request, pk)
    wajib_kelola(request, m)
    acara = get_object_or_404(AgendaAcara, pk=acara_pk, musyawarah=m)
    form = AgendaForm(request.POST or None, instance=acara)
    if request.method == "POST":
        jawaban = simpan_form(
            request,
            form,
            lambda data: persiapan.agenda_simpan(
                user=request.user, musyawarah=m, acara=acara, data=data
            ),
            pesan=_("Acara tersimpan."),
            tujuan=reverse("musyawarah:jadwal", args=[pk]) + "#agenda",
        )
        if jawaban is not None:
            return jawaban
    return render(
        request,
        "musyawarah/agenda_ubah.html",
        konteks(request, m, "jadwal", form=form, acara=acara),
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
