"""At and after the forum: draft RKP, the decisions, priority problems, signing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import DomainError
from apps.musyawarah import pembahasan as pembahasan_services
from apps.musyawarah import penetapan, selectors
from apps.musyawarah.forms import CatatanForm, PembahasanForm, PenandatanganForm, PindaianForm
from apps.musyawarah.models import StatusMusyawarah
from apps.musyawarah.views import ambil, boleh_kelola, konteks, tampilkan_galat, wajib_kelola

S = StatusMusyawarah


def rkp(request, pk: int):
    """Step 3 (tim pemandu): the kajian desa and the draft RKP Desa to bring to the forum."""
    m = ambil(request, pk)
    return render(
        request,
        "musyawarah/rkp.html",
        konteks(
            request,
            m,
            "rkp",
            baris=selectors.rkp_draf(m),
            masalah=selectors.masalah_forum(m).order_by("lingkungan__nomor", "sektor"),
        ),
    )


def pembahasan(request, pk: int):
    """The agreed order and class of every usulan: drag rows or type numbers."""
    m = ambil(request, pk)
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
            except DomainError as e:
                tampilkan_galat(request, e)
            else:
                messages.success(request, _("Urutan dan keputusan tersimpan."))
                return redirect("musyawarah:pembahasan", pk=pk)
        else:
            messages.error(request, _("Periksa kembali urutan yang ditandai merah."))
    jumlah = {
        k: sum(1 for b in baris if b["keputusan"] == k)
        for k in ("kota", "swadaya", "ditolak", "belum")
    }
    return render(
        request,
        "musyawarah/pembahasan.html",
        konteks(request, m, "pembahasan", form=form, jumlah=jumlah),
    )


def masalah(request, pk: int):
    """The kajian's problems the forum sends to the kecamatan, in order."""
    m = ambil(request, pk)
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
        except DomainError as e:
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
    catatan_form = CatatanForm(instance=m)
    ttd_form = None
    unsur = penetapan.unsur_hadir(m)
    if m.status == S.PENETAPAN:
        ttd_form = PenandatanganForm(musyawarah=m, unsur_hadir=unsur)
    if request.method == "POST":
        wajib_kelola(request, m)
        bagian = request.POST.get("bagian")
        try:
            if bagian == "catatan":
                catatan_form = CatatanForm(request.POST, instance=ambil(request, pk))
                if catatan_form.is_valid():
                    pembahasan_services.catatan_simpan(
                        user=request.user,
                        musyawarah=m,
                        data={f: catatan_form.cleaned_data[f] for f in CatatanForm.Meta.fields},
                    )
                    messages.success(request, _("Isi berita acara tersimpan."))
                    return redirect("musyawarah:penetapan", pk=pk)
            elif bagian == "ttd" and ttd_form is not None:
                ttd_form = PenandatanganForm(request.POST, musyawarah=m, unsur_hadir=unsur)
                if ttd_form.is_valid():
                    penetapan.penandatangan_simpan(
                        user=request.user,
                        musyawarah=m,
                        pimpinan=ttd_form.cleaned_data["pimpinan"],
                        jabatan_pimpinan=ttd_form.cleaned_data["jabatan_pimpinan"],
                        notulen=ttd_form.cleaned_data["notulen"],
                        wakil=ttd_form.wakil(),
                    )
                    messages.success(request, _("Penandatangan tersimpan."))
                    return redirect("musyawarah:penetapan", pk=pk)
        except DomainError as e:
            tampilkan_galat(request, e)
    return render(
        request,
        "musyawarah/penetapan.html",
        konteks(
            request,
            m,
            "penetapan",
            catatan_form=catatan_form,
            ttd_form=ttd_form,
            kurang=penetapan.kekurangan_tanda_tangan(m) if m.status == S.PENETAPAN else [],
            ket=selectors.keterwakilan(m, list(m.peserta.all())),
            pindaian_form=PindaianForm(),
            boleh_pindaian=boleh_kelola(request, m)
            and m.berita_acara is not None
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
        except DomainError as e:
            tampilkan_galat(request, e)
        else:
            messages.success(request, _("Pindaian berita acara tersimpan."))
    else:
        messages.error(request, _("Pilih berkas pindaian (PDF atau JPEG)."))
    return redirect("musyawarah:penetapan", pk=pk)
