"""Scoring screens of the Musrenbang Kecamatan: the camat's criteria, each group's
scorers and ranking, the blank paper sheet, and the score sheet itself.

The score sheet is opened by a scorer through their personal link (no account: the
link puts the scorer in the browser session) or, for a scorer who scored on paper, by
whoever runs the group. Anyone else is refused: a scorer never sees or writes another
scorer's sheet (403), a user outside the kecamatan finds nothing (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import DomainError
from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.core.http import unduhan
from apps.musyawarah import cetak_penilaian
from apps.musyawarah.forms import AlasanForm
from apps.musyawarah.forms_penilaian import PenilaiForm
from apps.musyawarah.kecamatan import nilai as nilai_services
from apps.musyawarah.kecamatan.lembar import lembar_penilai, ringkasan_penilaian
from apps.musyawarah.kecamatan.peringkat import ATURAN_SERI, kriteria_forum, peringkat_kelompok
from apps.musyawarah.kecamatan.sidang import boleh_pandu
from apps.musyawarah.models import KelompokDiskusi, Pembahasan
from apps.musyawarah.tindakan import Tindakan, terbuka
from apps.musyawarah.views import ambil, konteks, simpan_form, wajib_kelola
from apps.penilaian import services as penilaian_services
from apps.penilaian.forms import KriteriaForm
from apps.penilaian.models import Kriteria, Penilai
from apps.penilaian.selectors import AMBANG_SEBARAN

KECAMATAN = "kecamatan"
SESI_PENILAI = "penilai"


def _jalankan(request, lakukan, pesan: str = "") -> bool:
    try:
        lakukan()
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return False
    if pesan:
        messages.success(request, pesan)
    return True


def ringkasan(request, pk: int):
    """The forum's criteria (weights as shares, level texts, lock) and each group's
    scoring at a glance."""
    m = ambil(request, pk, KECAMATAN)
    jumlah_skor = penilaian_services.jumlah_skor(m.kriteria) if m.kriteria_id else 0
    isi = konteks(
        request,
        m,
        "penilaian",
        kriteria=kriteria_forum(m),
        aturan_seri=ATURAN_SERI,
        ambang=AMBANG_SEBARAN,
        sumber=nilai_services.sumber_kriteria(m),
        jumlah_skor=jumlah_skor,
        kelompok=ringkasan_penilaian(m),
    )
    # Criteria change while the forum allows it and no score locks them.
    isi["ubah_kriteria"] = isi["bisa"]["atur_kriteria"] and not jumlah_skor
    return render(request, "musyawarah/kecamatan/penilaian.html", isi)


@require_POST
def kriteria_mulai(request, pk: int):
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    _jalankan(
        request,
        lambda: nilai_services.kriteria_mulai(
            user=request.user, musyawarah=m, sumber=request.POST.get("sumber", "")
        ),
        _("Kriteria penilaian diisi; sesuaikan bila perlu."),
    )
    return redirect("musyawarah:penilaian", pk=pk)


def kriteria_ubah(request, pk: int, kriteria_pk: int | None = None):
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    kriteria = None
    if kriteria_pk is not None:
        # A forum without criteria yet has none to find (404, not a crash).
        kriteria = get_object_or_404(
            m.kriteria.kriteria.all() if m.kriteria_id else Kriteria.objects.none(),
            pk=kriteria_pk,
        )
    form = KriteriaForm(request.POST or None, kriteria=kriteria)
    if request.method == "POST":
        jawaban = simpan_form(
            request,
            form,
            lambda data: nilai_services.kriteria_simpan(
                user=request.user, musyawarah=m, kriteria=kriteria, data=form.data_kriteria()
            ),
            pesan=_("Kriteria tersimpan."),
            tujuan=reverse("musyawarah:penilaian", args=[pk]),
        )
        if jawaban is not None:
            return jawaban
    return render(
        request,
        "musyawarah/kecamatan/kriteria_ubah.html",
        konteks(request, m, "penilaian", form=form, kriteria=kriteria),
    )


@require_POST
def kriteria_hapus(request, pk: int, kriteria_pk: int):
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    if not m.kriteria_id:
        raise PermissionDenied
    kriteria = get_object_or_404(m.kriteria.kriteria.all(), pk=kriteria_pk)
    _jalankan(
        request,
        lambda: nilai_services.kriteria_hapus(user=request.user, musyawarah=m, kriteria=kriteria),
        _("Kriteria dihapus."),
    )
    return redirect("musyawarah:penilaian", pk=pk)


def kriteria_buka_kunci(request, pk: int):
    """Unlocking discards every score: the page says how many before anything happens."""
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    jumlah = penilaian_services.jumlah_skor(m.kriteria) if m.kriteria_id else 0
    if request.method == "POST":
        dikonfirmasi = request.POST.get("jumlah", "")
        if _jalankan(
            request,
            lambda: nilai_services.kriteria_buka_kunci(
                user=request.user,
                musyawarah=m,
                jumlah=int(dikonfirmasi) if dikonfirmasi.isdigit() else -1,
            ),
            _("Kunci kriteria dibuka; semua nilai dihapus."),
        ):
            return redirect("musyawarah:penilaian", pk=pk)
        jumlah = penilaian_services.jumlah_skor(m.kriteria) if m.kriteria_id else 0
    return render(
        request,
        "musyawarah/kecamatan/kriteria_buka_kunci.html",
        konteks(request, m, "penilaian", jumlah=jumlah, kelompok=ringkasan_penilaian(m)),
    )


def _kelompok(request, pk: int, kelompok_pk: int):
    m = ambil(request, pk, KECAMATAN)
    k = get_object_or_404(
        KelompokDiskusi.objects.select_related("penilaian", "ketua", "sekretaris"),
        pk=kelompok_pk,
        musyawarah=m,
    )
    k.musyawarah = m
    return m, k


def kelompok(request, pk: int, kelompok_pk: int):
    """One group's scoring: its scorers and their links, progress, disagreements; once
    closed, the ranking per prioritas daerah with every score."""
    m, k = _kelompok(request, pk, kelompok_pk)
    pandu = boleh_pandu(request.user, k)
    form = PenilaiForm(kelompok=k)
    if request.method == "POST":
        if not pandu:
            raise PermissionDenied
        form = PenilaiForm(request.POST, kelompok=k)
        jawaban = simpan_form(
            request,
            form,
            lambda data: nilai_services.penilai_simpan(
                user=request.user, kelompok=k, peserta=list(data["penilai"])
            ),
            pesan=_("Penilai kelompok tersimpan."),
            tujuan=reverse("musyawarah:penilaian_kelompok", args=[pk, kelompok_pk]),
        )
        if jawaban is not None:
            return jawaban
    data = lembar_penilai(k, semua_skor=True)
    for p in data.penilai:
        p.tautan = request.build_absolute_uri(reverse("musyawarah:nilai_masuk", args=[p.token]))
    return render(
        request,
        "musyawarah/kecamatan/penilaian_kelompok.html",
        konteks(
            request,
            m,
            "penilaian",
            k=k,
            pandu=pandu,
            bisa_atur=pandu and terbuka(m, Tindakan.ATUR_KRITERIA),
            bisa_nilai=pandu and terbuka(m, Tindakan.NILAI),
            form=form,
            data=data,
            peringkat=peringkat_kelompok(k) if data.ditutup else None,
            aturan_seri=ATURAN_SERI,
            ambang=AMBANG_SEBARAN,
            kurang=nilai_services.kekurangan_penilaian(k),
            buka_form=AlasanForm(),
        ),
    )


@require_POST
def kelompok_aksi(request, pk: int, kelompok_pk: int, aksi: str):
    """Close or reopen a group's scoring; switch a scorer to paper and back."""
    m, k = _kelompok(request, pk, kelompok_pk)
    if not boleh_pandu(request.user, k):
        raise PermissionDenied
    if aksi == "tutup":
        _jalankan(
            request,
            lambda: nilai_services.penilaian_tutup(user=request.user, kelompok=k),
            _("Penilaian kelompok ditutup; peringkatnya dibawa ke Pleno II."),
        )
    elif aksi == "buka":
        form = AlasanForm(request.POST)
        alasan = form.cleaned_data["alasan"] if form.is_valid() else ""
        _jalankan(
            request,
            lambda: nilai_services.penilaian_buka(user=request.user, kelompok=k, alasan=alasan),
            _("Penilaian kelompok dibuka kembali."),
        )
    elif aksi in ("kertas", "langsung"):
        penilai = get_object_or_404(
            Penilai, pk=request.POST.get("penilai") or 0, sesi_id=k.penilaian_id or 0
        )
        _jalankan(
            request,
            lambda: nilai_services.penilai_kertas(
                user=request.user, kelompok=k, penilai=penilai, kertas=aksi == "kertas"
            ),
        )
    else:
        raise PermissionDenied
    return redirect("musyawarah:penilaian_kelompok", pk=pk, kelompok_pk=kelompok_pk)


def lembar_kosong(request, pk: int, kelompok_pk: int):
    """The printable blank score sheet: one page per scorer, and one unnamed."""
    m, k = _kelompok(request, pk, kelompok_pk)
    return unduhan(*cetak_penilaian.pdf_lembar_kosong(k))


@login_not_required
def nilai_masuk(request, token: str):
    """A scorer's personal link: remembers the scorer in this browser, then opens the
    sheet (so the link need not stay in the address bar)."""
    penilai = get_object_or_404(Penilai, token=token)
    daftar = [x for x in request.session.get(SESI_PENILAI, []) if x != penilai.pk]
    request.session[SESI_PENILAI] = [*daftar, penilai.pk][-10:]
    return redirect("musyawarah:lembar", penilai_pk=penilai.pk)


def _penilai(request, penilai_pk: int) -> tuple[Penilai, KelompokDiskusi, str]:
    """The scorer of the sheet and how this request may use it: ``penilai`` (the scorer
    in person) or ``kertas`` (entering their paper sheet)."""
    if penilai_pk in request.session.get(SESI_PENILAI, []):
        penilai = get_object_or_404(Penilai.objects.select_related("sesi__set"), pk=penilai_pk)
        return penilai, nilai_services.kelompok_penilai(penilai), "penilai"
    if not request.user.is_authenticated:
        if request.session.get(SESI_PENILAI):
            raise PermissionDenied  # another scorer's sheet
        raise _LoginDulu
    penilai = get_object_or_404(
        Penilai.objects.for_user(request.user).select_related("sesi__set"), pk=penilai_pk
    )
    kelompok = nilai_services.kelompok_penilai(penilai)
    if nilai_services.boleh_isi_kertas(request.user, kelompok, penilai):
        return penilai, kelompok, "kertas"
    raise PermissionDenied


class _LoginDulu(Exception):
    pass


@login_not_required
def lembar(request, penilai_pk: int):
    """The score sheet: one usulan per row, one criterion per column, saved cell by
    cell; once the group closes its scoring, the group's ranking and every score."""
    try:
        penilai, k, cara = _penilai(request, penilai_pk)
    except _LoginDulu:
        return redirect_to_login(request.get_full_path())
    data = lembar_penilai(k, penilai=penilai, semua_skor=True)
    ketua = cara == "penilai" and penilai.rujukan and penilai.rujukan == k.ketua_id
    try:
        nilai_services.wajib_bisa_menilai(k)
        pesan = ""
    except DomainError as e:
        pesan = e.message
    return render(
        request,
        "musyawarah/kecamatan/lembar.html",
        {
            "m": k.musyawarah,
            "k": k,
            "penilai": penilai,
            "cara": cara,
            "data": data,
            "ketua": ketua,
            "bisa_isi": not pesan
            and not data.ditutup
            and (cara == "kertas" or not penilai.di_kertas),
            "pesan": pesan,
            "peringkat": peringkat_kelompok(k) if data.ditutup else None,
            "aturan_seri": ATURAN_SERI,
            "ambang": AMBANG_SEBARAN,
        },
    )


@login_not_required
@require_POST
def sel(request, penilai_pk: int):
    """Save one cell (htmx): the response is the cell, saved, refused with the newer
    value kept, or refused with the reason; the progress counter follows out of band."""
    try:
        penilai, k, cara = _penilai(request, penilai_pk)
    except _LoginDulu as e:
        raise PermissionDenied from e
    if cara == "penilai" and penilai.di_kertas:
        raise PermissionDenied  # their sheet is entered from paper now
    pembahasan_pk = int(request.POST.get("pembahasan") or 0)
    kriteria_pk = int(request.POST.get("kriteria") or 0)
    teks = request.POST.get("nilai", "").strip()
    versi = request.POST.get("versi", "0")
    kriteria = next((kr for kr in kriteria_forum(k.musyawarah) if kr.pk == kriteria_pk), None)
    if kriteria is None or not Pembahasan.objects.filter(pk=pembahasan_pk, kelompok=k).exists():
        raise PermissionDenied
    konteks_sel = {
        "penilai": penilai,
        "kr": kriteria,
        "pembahasan_pk": pembahasan_pk,
        # The ketua's sheet shows the group's progress: each of their cells updates it.
        "ketua": cara == "penilai" and bool(penilai.rujukan) and penilai.rujukan == k.ketua_id,
    }
    if teks and not teks.isdigit():
        return _sel(
            request, konteks_sel, teks, versi, galat=_("Isi angka 1–%(s)d.") % {"s": kriteria.skala}
        )
    try:
        hasil = nilai_services.skor_simpan(
            penilai=penilai,
            pembahasan_id=pembahasan_pk,
            kriteria_id=kriteria_pk,
            nilai=int(teks) if teks else None,
            versi=int(versi) if versi.isdigit() else -1,
            user=request.user if request.user.is_authenticated else None,
        )
    except penilaian_services.SkorBentrok as e:
        return _sel(
            request,
            konteks_sel,
            e.skor.nilai if e.skor else "",
            e.skor.versi if e.skor else 0,
            galat=e.message,
            bentrok=True,
        )
    except DomainError as e:
        return _sel(request, konteks_sel, teks, versi, galat=e.message)
    return _sel(request, konteks_sel, hasil.nilai or "", hasil.versi, tersimpan=True)


def _sel(request, konteks_sel, nilai, versi, *, galat="", bentrok=False, tersimpan=False):
    data = lembar_penilai(
        nilai_services.kelompok_penilai(konteks_sel["penilai"]),
        penilai=konteks_sel["penilai"],
        hanya_progres=True,
    )
    return render(
        request,
        "musyawarah/kecamatan/_sel.html",
        {
            **konteks_sel,
            "nilai": nilai,
            "versi": versi,
            "galat": galat,
            "bentrok": bentrok,
            "tersimpan": tersimpan,
            "data": data,
            "bisa_isi": True,
            "oob": True,
        },
    )
