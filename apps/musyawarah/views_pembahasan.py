"""At and after the forum: draft RKP, the decisions, priority problems, signing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.akun.permissions import Aksi, boleh
from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.core.http import unduhan
from apps.musyawarah import cetak, penetapan, selectors
from apps.musyawarah import pembahasan as pembahasan_services
from apps.musyawarah.forms import CatatanForm, PembahasanForm, PenandatanganForm, PindaianForm
from apps.musyawarah.models import StatusMusyawarah
from apps.musyawarah.tindakan import Tindakan, terbuka
from apps.musyawarah.tingkat import kekurangan
from apps.musyawarah.views import ambil, boleh_kelola, konteks, simpan_form, wajib_kelola

S = StatusMusyawarah


def rkp(request, pk: int):
    """Step 3 (tim pemandu): the kajian desa and the draft RKP Desa to bring to the forum."""
    m = ambil(request, pk, "desa")
    return render(
        request,
        "musyawarah/rkp.html",
        konteks(
            request,
            m,
            "rkp",
            rkp=selectors.rkp_draf(m),
            masalah=selectors.masalah_forum(m).order_by("lingkungan__nomor", "sektor"),
            kelola_usulan=boleh(request.user, Aksi.KELOLA_USULAN, m.kelurahan) and not m.latihan,
        ),
    )


def rkp_pdf(request, pk: int):
    m = ambil(request, pk, "desa")
    return unduhan(*cetak.pdf_rkp(m, selectors.rkp_draf(m)))


def pembahasan(request, pk: int):
    """The agreed order and class of every usulan: drag rows or type numbers."""
    m = ambil(request, pk, "desa")
    baris = selectors.pembahasan_baris(m)
    form = PembahasanForm(baris=baris, versi=m.versi)
    if request.method == "POST":
        wajib_kelola(request, m)
        form = PembahasanForm(request.POST, baris=baris, versi=m.versi)
        if form.is_valid():
            try:
                pembahasan_services.pembahasan_simpan(
                    user=request.user,
                    musyawarah=m,
                    baris=form.data_baris(),
                    versi=form.cleaned_data["versi"],
                )
            except GALAT_LAYANAN as e:
                tampilkan_galat(request, e, form)
            else:
                messages.success(request, _("Urutan dan keputusan tersimpan."))
                return redirect("musyawarah:pembahasan", pk=pk)
        else:
            messages.error(request, _("Periksa kembali urutan yang ditandai merah."))
    jumlah = {
        k: sum(1 for b in baris if b["keputusan"] == k)
        for k in ("kelurahan", "kota", "swadaya", "ditolak", "belum")
    }
    return render(
        request,
        "musyawarah/pembahasan.html",
        konteks(request, m, "pembahasan", form=form, jumlah=jumlah),
    )


def masalah(request, pk: int):
    """The kajian's problems the forum sends to the kecamatan, in order."""
    m = ambil(request, pk, "desa")
    semua = list(selectors.masalah_forum(m).order_by("lingkungan__nomor", "sektor"))
    dipilih = {mp.masalah_id: mp.urutan for mp in m.masalah_prioritas.all()}
    if request.method == "POST":
        wajib_kelola(request, m)
        pilihan = []
        for x in semua:
            if request.POST.get(f"pilih-{x.pk}"):
                urutan = request.POST.get(f"urutan-{x.pk}", "")
                pilihan.append((int(urutan) if urutan.isdigit() else 999, x.pk))
        try:
            pembahasan_services.masalah_prioritas_simpan(
                user=request.user, musyawarah=m, masalah_ids=[pk_ for _u, pk_ in sorted(pilihan)]
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e)
        else:
            messages.success(request, _("Masalah prioritas tersimpan."))
            return redirect("musyawarah:masalah", pk=pk)
    return render(
        request,
        "musyawarah/masalah.html",
        konteks(request, m, "masalah", semua=[(x, dipilih.get(x.pk)) for x in semua]),
    )


def penetapan_halaman(request, pk: int):
    """The berita acara's number and wording, its signatories, and signing."""
    m = ambil(request, pk)
    catatan_form = CatatanForm(instance=m, auto_id="id_catatan_%s")
    unsur = penetapan.elemen_hadir(m)
    ttd_form = None
    if terbuka(m, Tindakan.TETAPKAN_TTD):
        ttd_form = PenandatanganForm(musyawarah=m, unsur_hadir=unsur, auto_id="id_ttd_%s")
    if request.method == "POST":
        wajib_kelola(request, m)
        tujuan = reverse("musyawarah:penetapan", args=[pk])
        bagian = request.POST.get("bagian")
        jawaban = None
        if bagian == "catatan":
            catatan_form = CatatanForm(
                request.POST, instance=ambil(request, pk), auto_id="id_catatan_%s"
            )
            jawaban = simpan_form(
                request,
                catatan_form,
                lambda data: pembahasan_services.catatan_simpan(
                    user=request.user,
                    musyawarah=m,
                    data={f: data[f] for f in CatatanForm.Meta.fields},
                ),
                pesan=_("Isi berita acara tersimpan."),
                tujuan=tujuan,
            )
        elif bagian == "ttd" and ttd_form is not None:
            ttd_form = PenandatanganForm(
                request.POST, musyawarah=m, unsur_hadir=unsur, auto_id="id_ttd_%s"
            )
            jawaban = simpan_form(
                request,
                ttd_form,
                lambda data: penetapan.penandatangan_simpan(
                    user=request.user,
                    musyawarah=m,
                    pimpinan=data["pimpinan"],
                    jabatan_pimpinan=data["jabatan_pimpinan"],
                    notulen=data["notulen"],
                    wakil=ttd_form.wakil(),
                    pimpinan_kepala=data.get("pimpinan_kepala", True),
                ),
                pesan=_("Penandatangan tersimpan."),
                tujuan=tujuan,
            )
        if jawaban is not None:
            return jawaban
    return render(
        request,
        "musyawarah/penetapan.html",
        konteks(
            request,
            m,
            "penetapan",
            catatan_form=catatan_form,
            ttd_form=ttd_form,
            kurang=kekurangan(m) if ttd_form is not None else [],
            ket=selectors.keterwakilan(m, list(m.peserta.all())),
            pindaian_form=PindaianForm(),
            boleh_pindaian=boleh_kelola(request, m)
            and terbuka(m, Tindakan.UNGGAH_PINDAIAN)
            and not m.berita_acara.pindaian,
        ),
    )


@require_POST
def pindaian(request, pk: int):
    m = ambil(request, pk)
    wajib_kelola(request, m)
    form = PindaianForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            penetapan.berita_acara_unggah_pindaian(
                user=request.user, musyawarah=m, berkas=form.cleaned_data["berkas"]
            )
        except GALAT_LAYANAN as e:
            tampilkan_galat(request, e)
        else:
            messages.success(request, _("Pindaian berita acara tersimpan."))
    else:
        messages.error(request, _("Pilih berkas pindaian (PDF atau JPEG)."))
    return redirect("musyawarah:penetapan", pk=pk)
