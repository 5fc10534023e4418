"""The kecamatan forum's pages say what the kecamatan forum does, never the desa's steps."""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse

from apps.musyawarah import penetapan
from apps.musyawarah import peserta as peserta_services
from apps.musyawarah.kecamatan import pleno
from apps.musyawarah.models import Keputusan, StatusMusyawarah
from apps.musyawarah.tingkat.kecamatan import elemen
from tests.kecamatan.conftest import siapkan_kecamatan
from tests.kecamatan.test_alur import _jalankan_sampai_pleno
from tests.musyawarah.conftest import muat


def _ditetapkan(camat, m, pupr):
    """The Pleno decided, the draft read back, its signatories named: ready to sign."""
    m, _rec = _jalankan_sampai_pleno(camat, m, pupr)
    baris = pleno.usulan_pleno(m)
    pleno.pleno_simpan(
        user=camat,
        musyawarah=m,
        versi=m.versi,
        baris=[
            {
                "pembahasan_id": p.pk,
                "urutan": i,
                "keputusan": Keputusan.KOTA,
                "alasan": "",
                "alasan_urutan": "",
            }
            for i, p in enumerate(baris, start=1)
        ],
    )
    m = muat(m)
    orang = list(m.peserta.order_by("nama"))
    peserta_services.delegasi_simpan(
        user=camat, musyawarah=m, peserta_ids=[orang[0].pk], versi=m.versi
    )
    pleno.perumus_simpan(user=camat, musyawarah=muat(m), peserta_ids=[orang[1].pk])
    pleno.pleno_tetapkan(user=camat, musyawarah=muat(m))
    m = pleno.berita_acara_dibacakan(user=camat, musyawarah=muat(m))
    wakil = {}
    for p in m.peserta.filter(hadir=True).order_by("nama"):
        wakil.setdefault(elemen(p), p)
    penetapan.penandatangan_simpan(
        user=camat,
        musyawarah=m,
        pimpinan=orang[0],
        jabatan_pimpinan="Camat Banjarmasin Utara",
        notulen=orang[1],
        wakil=wakil,
    )
    from apps.musyawarah import pembahasan

    pembahasan.catatan_simpan(
        user=camat, musyawarah=muat(m), data={"nomor_berita_acara": "050/7/BA-KEC/2027"}
    )
    return muat(m)


def _langkah(client, m) -> str:
    r = client.get(reverse("musyawarah:ringkasan", args=[m.pk]))
    assert r.status_code == 200
    return r.content.decode()


def test_overview_names_the_kecamatan_steps_and_sending_after_signing(
    client, forum_kec, camat_a, pupr, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(camat_a)
    html = _langkah(client, forum_kec)
    assert "keputusan camat" in html and "surat pemberitahuan ke Bappeda" in html
    assert "tim pemandu" not in html and "RKP Desa" not in html

    m = _ditetapkan(camat_a, forum_kec, pupr)
    assert m.status == StatusMusyawarah.PENETAPAN
    r = client.post(reverse("musyawarah:tandatangani", args=[m.pk]), follow=True)
    pesan = [str(x) for x in get_messages(r.wsgi_request)]
    assert any("kirim salinannya" in p for p in pesan), pesan
    assert not any("diteruskan ke kecamatan" in p for p in pesan)
    html = r.content.decode()
    assert "Kirim salinan ke wali kota/bupati dan perangkat daerah" in html
    assert reverse("musyawarah:kirim", args=[m.pk]) in html
    assert "masalah prioritas" not in html

    client.post(reverse("musyawarah:kirim", args=[m.pk]))
    html = _langkah(client, m)
    assert "Salinan berita acara sudah dikirim" in html
    assert reverse("musyawarah:kirim", args=[m.pk]) not in html


def test_running_forum_overview_speaks_of_groups_and_the_pleno(client, forum_kec, camat_a):
    from apps.musyawarah import persiapan

    m = siapkan_kecamatan(camat_a, forum_kec)
    persiapan.musyawarah_mulai(user=camat_a, musyawarah=m)
    client.force_login(camat_a)
    html = _langkah(client, m)
    assert "sidang kelompok" in html and "Pleno II" in html
    assert "masalah prioritas" not in html


def test_date_outside_the_tahapan_names_the_kecamatan_tahapan(forum_kec, camat_a):
    from apps.musyawarah.selectors import peringatan
    from apps.siklus.models import Tahapan

    m = forum_kec
    tahapan = Tahapan.objects.get(siklus=m.siklus, jenis=Tahapan.Jenis.MUSRENBANG_KECAMATAN)
    m.tanggal = tahapan.selesai + datetime.timedelta(days=3)
    teks = " ".join(peringatan(m))
    assert "tahapan Musrenbang kecamatan" in teks and "desa/kelurahan" not in teks


def test_the_trail_names_each_record_and_the_forum_once(forum_kec, camat_a, pupr):
    from apps.core.models import Jejak

    m, _rec = _jalankan_sampai_pleno(camat_a, forum_kec, pupr)
    objek = list(Jejak.objects.untuk_objek(m).values_list("objek", flat=True))
    assert any("Siring sungai Sungai Miai" in o for o in objek)
    assert not [o for o in objek if o.startswith("None.")]
    assert str(m) == "Musrenbang Kecamatan Banjarmasin Utara RKPD 2028"


def test_td4_names_its_form_and_every_kelurahan_of_a_merged_item(forum_kec, camat_a, pupr):
    import io

    from pypdf import PdfReader

    from apps.musyawarah import cetak_kecamatan
    from apps.musyawarah.keluaran_kecamatan import snapshot_kecamatan

    m = _ditetapkan(camat_a, forum_kec, pupr)
    s = snapshot_kecamatan(m)
    siring = next(
        r
        for b in s["prioritas"]["per_pd"]
        for r in b["baris"]
        if r["kegiatan"] == "Siring sungai Sungai Miai"
    )
    assert "Sungai Miai" in siring["lokasi"] and "Alalak Tengah" in siring["lokasi"]
    _nama, _mime, isi = cetak_kecamatan.pdf_keluaran("prioritas", s)
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages)
    assert "Formulir T-D.4" in teks


def test_no_element_is_preselected_at_the_door_or_in_public_registration(forum_kec):
    from apps.musyawarah.forms import PesertaForm
    from apps.musyawarah.forms_kecamatan import PendaftaranForm

    for form in (
        PesertaForm(musyawarah=forum_kec, ringkas=True),
        PesertaForm(musyawarah=forum_kec),
        PendaftaranForm(musyawarah=forum_kec),
    ):
        assert form.fields["elemen"].choices[0][0] == ""
    # Left empty, the element is asked for instead of counting as "pemerintah kecamatan".
    form = PesertaForm(
        {"nama": "Pak Darman", "jenis_kelamin": "L", "unsur": "masyarakat"},
        musyawarah=forum_kec,
        ringkas=True,
    )
    assert not form.is_valid() and "elemen" in form.errors


def test_signatory_labels_keep_the_acronyms(forum_kec, camat_a):
    from apps.musyawarah import persiapan
    from apps.musyawarah.forms import PenandatanganForm
    from apps.musyawarah.penetapan import kekurangan_tanda_tangan

    m = siapkan_kecamatan(camat_a, forum_kec)
    dprd = peserta_services.peserta_simpan(
        user=camat_a,
        musyawarah=m,
        data={"nama": "Hj. Noorhayati", "jenis_kelamin": "P", "unsur": "pemerintah"}
        | {"elemen": "dprd"},
    )
    persiapan.musyawarah_mulai(user=camat_a, musyawarah=m)
    peserta_services.peserta_hadir(user=camat_a, peserta=dprd)
    m = muat(m)
    form = PenandatanganForm(musyawarah=m, unsur_hadir=["dprd"])
    assert form.fields["wakil_dprd"].label == "Wakil unsur anggota DPRD"
    assert "Wakil unsur anggota DPRD belum dipilih." in kekurangan_tanda_tangan(m)
