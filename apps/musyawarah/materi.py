"""Forum materials (desa seed step 3, "bahan masukan (materi) lainnya"): files brought to
the forum, checked by content, listed on the forum page and, by name, in the berita acara.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError
from apps.dokumen.berkas import periksa_unggahan
from apps.dokumen.services import sha256
from apps.musyawarah.mesin import catat_bagian, kunci_untuk
from apps.musyawarah.models import JenisMateri, MateriMusyawarah, Musyawarah
from apps.musyawarah.tindakan import Tindakan

FORMAT_MATERI = ("pdf", "xlsx", "docx", "jpg", "png")
MAKS_UKURAN = 10 * 1024 * 1024
MAKS_JUMLAH = 20


@transaction.atomic
def materi_tambah(
    *, user, musyawarah: Musyawarah, judul: str, berkas, jenis: str = JenisMateri.LAINNYA
) -> MateriMusyawarah:
    """Attach a file (PDF, XLSX, DOCX, JPG or PNG, at most 10 MB, checked by content)
    while the forum is prepared or held; at most 20 per forum."""
    m = kunci_untuk(user, musyawarah, Tindakan.UNGGAH_MATERI)
    if m.materi.count() >= MAKS_JUMLAH:
        raise DomainError(_("Bahan musyawarah paling banyak %(n)d berkas.") % {"n": MAKS_JUMLAH})
    fmt, isi = periksa_unggahan(berkas, boleh=FORMAT_MATERI, maks=MAKS_UKURAN)
    materi = MateriMusyawarah(
        musyawarah=m,
        jenis=jenis,
        judul=judul.strip(),
        format=fmt,
        ukuran=len(isi),
        sha256=sha256(isi),
        diunggah_oleh=user,
    )
    materi.full_clean(exclude=["berkas"])
    materi.berkas.save(f"materi.{fmt}", ContentFile(isi), save=False)
    try:
        # Nothing half-written: if the row cannot be saved, the file goes too.
        materi.save()
    except Exception:
        materi.berkas.delete(save=False)
        raise
    catat_bagian(user, m, _("melampirkan bahan"), materi, catatan=f"SHA-256 {materi.sha256}")
    return materi


@transaction.atomic
def materi_hapus(*, user, materi: MateriMusyawarah) -> None:
    """Remove a material (before the forum is decided); its file goes once no row (a
    practice run's copy included) points at it any more."""
    m = kunci_untuk(user, materi.musyawarah, Tindakan.UNGGAH_MATERI)
    catat_bagian(user, m, _("menghapus bahan"), materi)
    nama = materi.berkas.name
    penyimpanan = materi.berkas.storage
    materi.delete()
    if not MateriMusyawarah.objects.filter(berkas=nama).exists():
        transaction.on_commit(lambda: penyimpanan.delete(nama))
