"""Screens only the Musrenbang Kecamatan has: its inputs from the kelurahan, the
compilation per perangkat daerah, the sidang kelompok, the Pleno II, registrations, and
sending. Thin, like every forum view: scoped fetch (404), right (403), one service."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.akun.models import Peran, User
from apps.akun.permissions import Aksi, boleh
from apps.core.galat import GALAT_LAYANAN, tampilkan_galat
from apps.core.http import unduhan
from apps.musyawarah import cetak, cetak_kecamatan, materi, selectors
from apps.musyawarah.forms import AlasanForm
from apps.musyawarah.forms_kecamatan import (
    AnggotaForm,
    KelompokForm,
    MateriKecamatanForm,
    PimpinanKelompokForm,
    SuratBappedaForm,
    UsulanKecamatanForm,
    VerifikasiForm,
)
from apps.musyawarah.kecamatan import pendaftaran as pendaftaran_services
from apps.musyawarah.kecamatan import persiapan as kecamatan_services
from apps.musyawarah.kecamatan import pleno as pleno_services
from apps.musyawarah.kecamatan import sidang
from apps.musyawarah.kecamatan.peringkat import ATURAN_SERI
from apps.musyawarah.keluaran_kecamatan import kompilasi_desa
from apps.musyawarah.models import (
    KelompokDiskusi,
    Keputusan,
    Pembahasan,
    Pendaftaran,
    Verifikasi,
)
from apps.musyawarah.tindakan import Tindakan, terbuka
from apps.musyawarah.views import ambil, konteks, simpan_form, wajib_kelola
from apps.wilayah.models import Kecamatan

KECAMATAN = "kecamatan"


def _jalankan(request, lakukan, pesan: str = "") -> bool:
    """Run a service; show its refusal (or ``pesan``). True when it went through."""
    try:
        lakukan()
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return False
    if pesan:
        messages.success(request, pesan)
    return True


@require_POST
def buat(request):
    """The camat opens the kecamatan's forum (from the forum list)."""
    kecamatan = get_object_or_404(
        Kecamatan.objects.for_user(request.user), kode=request.POST.get("kecamatan", "")
    )
    if not boleh(request.user, Aksi.KELOLA_MUSYAWARAH_KECAMATAN, kecamatan):
        raise PermissionDenied
    try:
        m = kecamatan_services.musyawarah_kecamatan_buat(user=request.user, kecamatan=kecamatan)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
        return redirect("musyawarah:daftar")
    messages.success(
        request,
        _(
            "Musrenbang %(k)s dibuat dengan tiga sidang kelompok; hasil kelurahan/desa yang "
            "sudah ditandatangani sudah ditarik."
        )
        % {"k": kecamatan},
    )
    return redirect("musyawarah:ringkasan", pk=m.pk)


def masukan(request, pk: int):
    """Seed 3: every kelurahan's desa forum and what it sent, the pull, and the
    kecamatan's and kota's documents."""
    m = ambil(request, pk, KECAMATAN)
    form = MateriKecamatanForm()
    if request.method == "POST":
        wajib_kelola(request, m)
        form = MateriKecamatanForm(request.POST, request.FILES)
        jawaban = simpan_form(
            request,
            form,
            lambda data: materi.materi_tambah(
                user=request.user,
                musyawarah=m,
                judul=data["judul"],
                berkas=data["berkas"],
                jenis=data["jenis"],
            ),
            pesan=_("Bahan musyawarah ditambahkan."),
            tujuan=reverse("musyawarah:masukan", args=[pk]),
        )
        if jawaban is not None:
            return jawaban
    papan = selectors.papan_kelurahan(m)
    return render(
        request,
        "musyawarah/kecamatan/masukan.html",
        konteks(
            request,
            m,
            "masukan",
            papan=papan,
            jumlah_ditandatangani=sum(1 for b in papan if b.forum and b.forum.ditandatangani),
            jumlah_usulan=sum(b.usulan for b in papan),
            materi_form=form,
        ),
    )


@require_POST
def tarik(request, pk: int):
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    try:
        hasil = kecamatan_services.hasil_desa_tarik(user=request.user, musyawarah=m)
    except GALAT_LAYANAN as e:
        tampilkan_galat(request, e)
    else:
        if hasil.usulan or hasil.peserta:
            messages.success(
                request,
                _("%(u)d usulan dan %(p)d peserta baru ditarik.")
                % {"u": hasil.usulan, "p": hasil.peserta},
            )
        else:
            messages.info(request, _("Tidak ada hasil kelurahan/desa baru."))
    return redirect("musyawarah:masukan", pk=pk)


def kompilasi(request, pk: int):
    """Seed 4.a.10 / 5.b: the kelurahan priorities per perangkat daerah, in the order
    each kelurahan agreed."""
    m = ambil(request, pk, KECAMATAN)
    return render(
        request,
        "musyawarah/kecamatan/kompilasi.html",
        konteks(request, m, "kompilasi", s={"kompilasi": kompilasi_desa(m)}),
    )


def kelompok(request, pk: int):
    """The sidang kelompok: the perangkat daerah each covers, and who sits where."""
    m = ambil(request, pk, KECAMATAN)
    daftar = list(pleno_services.kelompok_forum(m))
    peserta = [p for p in m.peserta.all() if p.hadir or p.diundang]
    baru = KelompokForm(musyawarah=m)
    anggota = AnggotaForm(musyawarah=m, peserta=peserta)
    if request.method == "POST":
        wajib_kelola(request, m)
        bagian = request.POST.get("bagian", "")
        tujuan = reverse("musyawarah:kelompok", args=[pk])
        jawaban = None
        if bagian == "anggota":
            anggota = AnggotaForm(request.POST, musyawarah=m, peserta=peserta)
            if anggota.is_valid():
                per_kelompok: dict[str, list] = {}
                for p in peserta:
                    per_kelompok.setdefault(anggota.cleaned_data[f"kelompok-{p.pk}"], []).append(p)
                kelompok_pk = {str(k.pk): k for k in daftar}
                ok = _jalankan(
                    request,
                    lambda: [
                        sidang.anggota_kelompok_simpan(
                            user=request.user,
                            musyawarah=m,
                            kelompok=kelompok_pk.get(k),
                            peserta=orang,
                        )
                        for k, orang in per_kelompok.items()
                    ],
                    _("Pembagian kelompok tersimpan."),
                )
                if ok:
                    return redirect(tujuan + "#anggota")
        else:
            target = next((k for k in daftar if str(k.pk) == bagian), None)
            form = KelompokForm(request.POST, musyawarah=m, kelompok=target)
            jawaban = simpan_form(
                request,
                form,
                lambda data: kecamatan_services.kelompok_simpan(
                    user=request.user,
                    musyawarah=m,
                    nama=data["nama"],
                    perangkat_daerah=list(data["perangkat_daerah"]),
                    kelompok=target,
                ),
                pesan=_("Sidang kelompok tersimpan."),
                tujuan=tujuan,
            )
            if target is None:
                baru = form
        if jawaban is not None:
            return jawaban
    return render(
        request,
        "musyawarah/kecamatan/kelompok.html",
        konteks(
            request,
            m,
            "kelompok",
            kelompok=[(k, KelompokForm(musyawarah=m, kelompok=k)) for k in daftar],
            baru=baru,
            anggota=anggota,
            tanpa_kelompok=m.pembahasan.filter(kelompok__isnull=True).select_related("usulan"),
        ),
    )


def _kelompok(request, pk: int, kelompok_pk: int):
    m = ambil(request, pk, KECAMATAN)
    k = get_object_or_404(KelompokDiskusi, pk=kelompok_pk, musyawarah=m)
    k.musyawarah = m
    return m, k


def _wajib_pandu(request, k: KelompokDiskusi) -> None:
    if not sidang.boleh_pandu(request.user, k):
        raise PermissionDenied


def kelompok_detail(request, pk: int, kelompok_pk: int):
    """One sidang kelompok: its pimpinan, the hand-over, and the verification of each of
    its usulan (layak/tidak layak, corrections, merges)."""
    m, k = _kelompok(request, pk, kelompok_pk)
    pandu = sidang.boleh_pandu(request.user, k)
    atur = boleh(request.user, Aksi.KELOLA_MUSYAWARAH_KECAMATAN, m)
    fasilitator = User.objects.filter(
        penugasan__peran=Peran.FASILITATOR,
        penugasan__kecamatan_id=m.kecamatan_id,
        penugasan__aktif=True,
    ).order_by("username")
    pimpinan = PimpinanKelompokForm(kelompok=k, fasilitator_qs=fasilitator, atur_fasilitator=atur)
    if request.method == "POST" and request.POST.get("bagian") == "pimpinan":
        _wajib_pandu(request, k)
        pimpinan = PimpinanKelompokForm(
            request.POST, kelompok=k, fasilitator_qs=fasilitator, atur_fasilitator=atur
        )
        jawaban = simpan_form(
            request,
            pimpinan,
            lambda data: sidang.pimpinan_kelompok_simpan(
                user=request.user,
                kelompok=k,
                ketua=data["ketua"],
                sekretaris=data["sekretaris"],
                notulen=data["notulen"],
                fasilitator=data.get("fasilitator"),
                fasilitator_nama=data.get("fasilitator_nama", ""),
            ),
            pesan=_("Pimpinan kelompok tersimpan."),
            tujuan=reverse("musyawarah:kelompok_detail", args=[pk, kelompok_pk]),
        )
        if jawaban is not None:
            return jawaban
    baris = [
        p for p in pleno_services.pembahasan_kecamatan(m).filter(kelompok=k) if not p.digabung_ke_id
    ]
    baris.sort(key=pleno_services.kunci_urutan_awal)
    # The same activity proposed by several kelurahan: the likely merges.
    judul = Counter(p.usulan.judul.strip().lower() for p in baris)
    bisa_verifikasi = pandu and terbuka(m, Tindakan.VERIFIKASI) and not k.verifikasi_selesai_pada
    return render(
        request,
        "musyawarah/kecamatan/kelompok_detail.html",
        konteks(
            request,
            m,
            "kelompok",
            k=k,
            pandu=pandu and terbuka(m, Tindakan.VERIFIKASI),
            bisa_verifikasi=bisa_verifikasi,
            pimpinan=pimpinan,
            baris=[(p, VerifikasiForm(pembahasan=p)) for p in baris],
            kembar={p.pk for p in baris if judul[p.usulan.judul.strip().lower()] > 1},
            kurang=sidang.kekurangan_verifikasi(k),
            buka_form=AlasanForm(),
        ),
    )


@require_POST
def verifikasi(request, pk: int, kelompok_pk: int, pembahasan_pk: int):
    m, k = _kelompok(request, pk, kelompok_pk)
    _wajib_pandu(request, k)
    p = get_object_or_404(Pembahasan, pk=pembahasan_pk, musyawarah=m, kelompok=k)
    p.musyawarah = m
    form = VerifikasiForm(request.POST, pembahasan=p)
    tujuan = reverse("musyawarah:kelompok_detail", args=[pk, kelompok_pk]) + f"#u{p.pk}"
    if not form.is_valid():
        for field, errors in form.errors.items():
            for e in errors:
                messages.error(request, f"{p.usulan.kode}: {form.fields[field].label}: {e}")
        return redirect(tujuan)
    _jalankan(
        request,
        lambda: sidang.verifikasi_simpan(
            user=request.user,
            kelompok=k,
            pembahasan=p,
            verifikasi=form.cleaned_data["verifikasi"],
            alasan=form.cleaned_data["alasan"],
            koreksi=form.koreksi(),
        ),
        _("%(k)s: verifikasi tersimpan.") % {"k": p.usulan.kode},
    )
    return redirect(tujuan)


@require_POST
def gabung(request, pk: int, kelompok_pk: int):
    m, k = _kelompok(request, pk, kelompok_pk)
    _wajib_pandu(request, k)
    qs = Pembahasan.objects.filter(musyawarah=m, kelompok=k)
    utama = get_object_or_404(qs, pk=request.POST.get("utama") or 0)
    lain = list(qs.filter(pk__in=[x for x in request.POST.getlist("lain") if x.isdigit()]))
    _jalankan(
        request,
        lambda: sidang.usulan_gabung(user=request.user, kelompok=k, utama=utama, lain=lain),
        _("Usulan digabung ke %(k)s.") % {"k": utama.usulan.kode},
    )
    return redirect("musyawarah:kelompok_detail", pk=pk, kelompok_pk=kelompok_pk)


@require_POST
def pisah(request, pk: int, kelompok_pk: int, pembahasan_pk: int):
    m, k = _kelompok(request, pk, kelompok_pk)
    _wajib_pandu(request, k)
    p = get_object_or_404(Pembahasan, pk=pembahasan_pk, musyawarah=m, kelompok=k)
    _jalankan(
        request,
        lambda: sidang.usulan_pisah(user=request.user, kelompok=k, pembahasan=p),
        _("Gabungan dipisahkan."),
    )
    return redirect("musyawarah:kelompok_detail", pk=pk, kelompok_pk=kelompok_pk)


@require_POST
def kelompok_aksi(request, pk: int, kelompok_pk: int, aksi: str):
    """Hand-over to the ketua, closing and reopening the group's verification."""
    m, k = _kelompok(request, pk, kelompok_pk)
    _wajib_pandu(request, k)
    if aksi == "serahkan":
        _jalankan(
            request,
            lambda: sidang.kelompok_serahkan(user=request.user, kelompok=k),
            _("Kelompok diserahkan kepada ketuanya."),
        )
    elif aksi == "tutup":
        _jalankan(
            request,
            lambda: sidang.verifikasi_tutup(user=request.user, kelompok=k),
            _("Verifikasi kelompok ditutup; daftarnya dibawa ke Pleno II."),
        )
    elif aksi == "buka":
        form = AlasanForm(request.POST)
        alasan = form.cleaned_data["alasan"] if form.is_valid() else ""
        _jalankan(
            request,
            lambda: sidang.verifikasi_buka(user=request.user, kelompok=k, alasan=alasan),
            _("Verifikasi kelompok dibuka kembali."),
        )
    else:
        raise PermissionDenied
    return redirect("musyawarah:kelompok_detail", pk=pk, kelompok_pk=kelompok_pk)


def usulan_tambah(request, pk: int):
    """The kecamatan's own usulan (seed 2.b)."""
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    form = UsulanKecamatanForm(request.POST or None, musyawarah=m)
    if request.method == "POST":
        jawaban = simpan_form(
            request,
            form,
            lambda data: sidang.usulan_kecamatan_tambah(
                user=request.user, musyawarah=m, data=form.data_usulan()
            ),
            pesan=_("Usulan kecamatan dicatat dan masuk ke sidang kelompoknya."),
            tujuan=reverse("musyawarah:kelompok", args=[pk]),
        )
        if jawaban is not None:
            return jawaban
    return render(
        request,
        "musyawarah/kecamatan/usulan_tambah.html",
        konteks(request, m, "kelompok", form=form),
    )


def pleno(request, pk: int):
    """The Pleno II: the groups' feasible usulan in one order, decided."""
    m = ambil(request, pk, KECAMATAN)
    baris = pleno_services.usulan_pleno(m)
    if request.method == "POST":
        wajib_kelola(request, m)
        bagian = request.POST.get("bagian")
        if bagian == "perumus":
            ids = [int(x) for x in request.POST.getlist("perumus") if x.isdigit()]
            if _jalankan(
                request,
                lambda: pleno_services.perumus_simpan(
                    user=request.user, musyawarah=m, peserta_ids=ids
                ),
                _("Tim perumus tersimpan."),
            ):
                return redirect(reverse("musyawarah:pleno", args=[pk]) + "#perumus")
        else:
            data = []
            for p in baris:
                urutan = request.POST.get(f"urutan-{p.pk}", "").strip()
                data.append(
                    {
                        "pembahasan_id": p.pk,
                        "urutan": int(urutan) if urutan.isdigit() else None,
                        "keputusan": request.POST.get(f"keputusan-{p.pk}", Keputusan.BELUM),
                        "alasan": request.POST.get(f"alasan-{p.pk}", "")[:1000],
                        "alasan_urutan": request.POST.get(f"alasan_urutan-{p.pk}", "")[:255],
                    }
                )
            versi = request.POST.get("versi", "")
            if _jalankan(
                request,
                lambda: pleno_services.pleno_simpan(
                    user=request.user,
                    musyawarah=m,
                    baris=data,
                    versi=int(versi) if versi.isdigit() else -1,
                ),
                _("Hasil Pleno II tersimpan."),
            ):
                return redirect("musyawarah:pleno", pk=pk)
            # Refused: show what was typed.
            ketik = {b["pembahasan_id"]: b for b in data}
            for p in baris:
                b = ketik[p.pk]
                p.urutan, p.keputusan, p.alasan, p.alasan_urutan = (
                    b["urutan"],
                    b["keputusan"],
                    b["alasan"],
                    b["alasan_urutan"],
                )
    kelompok_terbuka = pleno_services.kelompok_belum_siap(m)
    hadir = [p for p in m.peserta.all() if p.hadir]
    return render(
        request,
        "musyawarah/kecamatan/pleno.html",
        konteks(
            request,
            m,
            "pleno",
            baris=baris,
            kelompok_terbuka=kelompok_terbuka,
            pagu=pleno_services.pagu_forum(m),
            aturan_seri=ATURAN_SERI,
            pilihan=[
                (Keputusan.BELUM, _("Belum diputuskan")),
                (Keputusan.KOTA, _("Disepakati (prioritas)")),
                (Keputusan.DITOLAK, _("Tidak disepakati")),
            ],
            hadir=hadir,
            delegasi=[p for p in hadir if p.delegasi],
            tidak_layak=m.pembahasan.filter(
                verifikasi=Verifikasi.TIDAK_LAYAK, digabung_ke__isnull=True
            ).count(),
        ),
    )


@require_POST
def pendaftaran(request, pk: int, daftar_pk: int, aksi: str):
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    d = get_object_or_404(Pendaftaran, pk=daftar_pk, musyawarah=m)
    if aksi == "terima":
        _jalankan(
            request,
            lambda: pendaftaran_services.pendaftaran_terima(user=request.user, pendaftaran=d),
            _("%(n)s diterima sebagai peserta.") % {"n": d.nama},
        )
    elif aksi == "tolak":
        _jalankan(
            request,
            lambda: pendaftaran_services.pendaftaran_tolak(
                user=request.user, pendaftaran=d, alasan=request.POST.get("alasan", "")[:255]
            ),
            _("Pendaftaran %(n)s ditolak.") % {"n": d.nama},
        )
    else:
        raise PermissionDenied
    return redirect(reverse("musyawarah:peserta", args=[pk]) + "#pendaftaran")


@require_POST
def surat_bappeda(request, pk: int):
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    form = SuratBappedaForm(request.POST)
    if form.is_valid():
        _jalankan(
            request,
            lambda: kecamatan_services.surat_bappeda_simpan(
                user=request.user, musyawarah=m, **form.cleaned_data
            ),
            _("Surat pemberitahuan ke Bappeda tersimpan."),
        )
    else:
        messages.error(request, _("Isi nomor dan tanggal surat."))
    return redirect(reverse("musyawarah:jadwal", args=[pk]) + "#surat")


def surat_bappeda_pdf(request, pk: int):
    return unduhan(*cetak.pdf_surat_bappeda(ambil(request, pk, KECAMATAN)))


@require_POST
def bacakan(request, pk: int):
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    _jalankan(
        request,
        lambda: pleno_services.berita_acara_dibacakan(user=request.user, musyawarah=m),
        _("Pembacaan rancangan berita acara dicatat."),
    )
    return redirect("musyawarah:penetapan", pk=pk)


@require_POST
def kirim(request, pk: int):
    m = ambil(request, pk, KECAMATAN)
    wajib_kelola(request, m)
    _jalankan(
        request,
        lambda: pleno_services.berita_acara_kirim(user=request.user, musyawarah=m),
        _(
            "Salinan berita acara dikirim ke Bappeda dan perangkat daerah; usulan prioritas "
            "kini diteruskan ke kota."
        ),
    )
    return redirect("musyawarah:ringkasan", pk=pk)


def laporan_kelurahan(request, pk: int, kode: str):
    """One page per kelurahan for its delegates to report back to residents (seed 5.a)."""
    m = ambil(request, pk, KECAMATAN)
    kelurahan = get_object_or_404(m.kecamatan.kelurahan.all(), kode=kode)
    return unduhan(*cetak_kecamatan.pdf_laporan_kelurahan(m, kelurahan))
