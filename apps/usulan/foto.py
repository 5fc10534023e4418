"""Photos of an usulan's location: JPEG or PNG in, a clean re-encoded JPEG out.

Re-encoding with Pillow means nothing but pixels is ever stored: no EXIF (phone photos
carry the GPS position of the photographer's house), no polyglot files, no oversized
originals on a kelurahan's slow upload.
"""

import io
import warnings

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from apps.akun.permissions import Aksi, wajib
from apps.core.exceptions import DomainError
from apps.usulan.models import FotoUsulan, Usulan

MAKS_FOTO = 3
MAKS_UKURAN = 8 * 1024 * 1024  # a phone photo is 2-6 MB
MAKS_PIKSEL = 50_000_000  # refuses decompression bombs long before Pillow's own limit
SISI_TERPANJANG = 1600
FORMAT_DITERIMA = {"JPEG", "PNG"}


def olah_gambar(berkas) -> ContentFile:
    """Validate an uploaded image and return it re-encoded as JPEG (max 1600 px).

    Raises DomainError with a message for the user when it is not a usable photo.
    """
    size = getattr(berkas, "size", None)
    if size is not None and size > MAKS_UKURAN:
        raise DomainError(
            _("Foto terlalu besar (%(mb).1f MB); maksimal %(maks)d MB.")
            % {"mb": size / 1024 / 1024, "maks": MAKS_UKURAN // 1024 // 1024}
        )
    try:
        berkas.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(berkas) as img:
                if img.format not in FORMAT_DITERIMA:
                    raise DomainError(_("Foto harus berformat JPEG atau PNG."))
                if img.width * img.height > MAKS_PIKSEL:
                    raise DomainError(_("Ukuran gambar (piksel) terlalu besar."))
                img.load()
                img = ImageOps.exif_transpose(img)
                if img.mode in ("RGBA", "LA", "P"):
                    rgba = img.convert("RGBA")
                    img = Image.new("RGB", rgba.size, "white")
                    img.paste(rgba, mask=rgba.getchannel("A"))
                else:
                    img = img.convert("RGB")
                img.thumbnail((SISI_TERPANJANG, SISI_TERPANJANG))
                out = io.BytesIO()
                img.save(out, format="JPEG", quality=85, optimize=True)
    except DomainError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as e:
        raise DomainError(_("Berkas bukan foto JPEG/PNG yang dapat dibaca.")) from e
    return ContentFile(out.getvalue(), name="foto.jpg")


@transaction.atomic
def foto_tambah(*, user, usulan: Usulan, berkas, keterangan: str = "") -> FotoUsulan:
    """Attach a photo while the usulan is still the kelurahan's to change (max three)."""
    usulan = Usulan.objects.select_for_update().select_related("siklus").get(pk=usulan.pk)
    wajib(user, Aksi.KELOLA_USULAN, usulan)
    if not usulan.terbuka or not usulan.siklus.aktif:
        raise DomainError(_("Foto hanya dapat ditambah selama usulan masih draf atau diajukan."))
    if usulan.foto.count() >= MAKS_FOTO:
        raise DomainError(_("Usulan sudah memiliki %(n)d foto (maksimal).") % {"n": MAKS_FOTO})
    foto = FotoUsulan(usulan=usulan, keterangan=keterangan.strip())
    foto.gambar.save("foto.jpg", olah_gambar(berkas), save=False)
    # The file is written before the row; if the row cannot be saved, remove it again.
    try:
        foto.full_clean()
        foto.save()
    except Exception:
        foto.gambar.delete(save=False)
        raise
    return foto


@transaction.atomic
def foto_hapus(*, user, foto: FotoUsulan) -> None:
    usulan = Usulan.objects.select_for_update().select_related("siklus").get(pk=foto.usulan_id)
    wajib(user, Aksi.KELOLA_USULAN, usulan)
    if not usulan.terbuka or not usulan.siklus.aktif:
        raise DomainError(_("Foto hanya dapat dihapus selama usulan masih draf atau diajukan."))
    gambar = foto.gambar
    foto.delete()
    transaction.on_commit(lambda: gambar.delete(save=False))
