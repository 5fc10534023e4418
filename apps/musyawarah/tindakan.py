"""Which action a forum allows in which status: one table, read by services and pages.

Services refuse an action outside its statuses with ``wajib_tindakan`` (the message names
the action and the statuses it belongs to); pages get the same answer as booleans
(``bisa.ubah_tpm``) through ``tindakan_terbuka``, so no template compares status strings.
A signed forum (selesai) allows nothing but attaching the hand-signed scan.
"""

from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import DomainError
from apps.musyawarah.models import Musyawarah, StatusMusyawarah

S = StatusMusyawarah


class Tindakan(StrEnum):
    UBAH_TPM = "ubah_tpm"
    UBAH_JADWAL = "ubah_jadwal"
    UBAH_AGENDA = "ubah_agenda"
    UBAH_LOGISTIK = "ubah_logistik"
    UNGGAH_MATERI = "unggah_materi"
    UBAH_PESERTA = "ubah_peserta"
    CATAT_HADIR = "catat_hadir"
    PUTUSKAN = "putuskan"
    PILIH_MASALAH = "pilih_masalah"
    PILIH_DELEGASI = "pilih_delegasi"
    UBAH_CATATAN = "ubah_catatan"
    TETAPKAN_TTD = "tetapkan_ttd"
    MULAI = "mulai"
    TETAPKAN = "tetapkan"
    BUKA_KEMBALI = "buka_kembali"
    TANDATANGANI = "tandatangani"
    UNGGAH_PINDAIAN = "unggah_pindaian"
    # The kecamatan forum's own actions.
    TARIK_HASIL = "tarik_hasil"
    ATUR_KELOMPOK = "atur_kelompok"
    TERIMA_PENDAFTARAN = "terima_pendaftaran"
    USULAN_KECAMATAN = "usulan_kecamatan"
    VERIFIKASI = "verifikasi"
    ATUR_KRITERIA = "atur_kriteria"
    NILAI = "nilai"
    PLENO = "pleno"
    BACAKAN = "bacakan"
    KIRIM = "kirim"


_P, _L, _T, _SELESAI = S.PERSIAPAN, S.PELAKSANAAN, S.PENETAPAN, S.SELESAI

# Tindakan → (the statuses it is open in, what it is called in a refusal).
TABEL: dict[Tindakan, tuple[frozenset[str], str]] = {
    Tindakan.UBAH_TPM: (frozenset({_P}), gettext_lazy("mengubah TPM dan tim pemandu")),
    Tindakan.UBAH_JADWAL: (frozenset({_P}), gettext_lazy("mengubah jadwal")),
    Tindakan.UBAH_AGENDA: (frozenset({_P, _L}), gettext_lazy("mengubah agenda")),
    Tindakan.UBAH_LOGISTIK: (frozenset({_P, _L}), gettext_lazy("mengubah logistik")),
    Tindakan.UNGGAH_MATERI: (frozenset({_P, _L}), gettext_lazy("mengubah bahan musyawarah")),
    Tindakan.UBAH_PESERTA: (frozenset({_P, _L}), gettext_lazy("mengubah daftar peserta")),
    Tindakan.CATAT_HADIR: (frozenset({_L}), gettext_lazy("mencatat kehadiran")),
    Tindakan.PUTUSKAN: (frozenset({_L}), gettext_lazy("mengubah keputusan usulan")),
    Tindakan.PILIH_MASALAH: (frozenset({_L}), gettext_lazy("memilih masalah prioritas")),
    Tindakan.PILIH_DELEGASI: (frozenset({_L}), gettext_lazy("memilih delegasi")),
    Tindakan.UBAH_CATATAN: (frozenset({_L, _T}), gettext_lazy("mengubah isi berita acara")),
    Tindakan.TETAPKAN_TTD: (frozenset({_T}), gettext_lazy("menetapkan penandatangan")),
    Tindakan.MULAI: (frozenset({_P}), gettext_lazy("membuka musyawarah")),
    Tindakan.TETAPKAN: (frozenset({_L}), gettext_lazy("menetapkan hasil musyawarah")),
    Tindakan.BUKA_KEMBALI: (frozenset({_T}), gettext_lazy("membuka kembali pembahasan")),
    Tindakan.TANDATANGANI: (frozenset({_T}), gettext_lazy("menandatangani berita acara")),
    Tindakan.UNGGAH_PINDAIAN: (frozenset({_SELESAI}), gettext_lazy("mengunggah pindaian")),
    Tindakan.TARIK_HASIL: (
        frozenset({_P, _L}),
        gettext_lazy("menarik hasil musyawarah tingkat di bawahnya"),
    ),
    Tindakan.ATUR_KELOMPOK: (frozenset({_P, _L}), gettext_lazy("mengatur sidang kelompok")),
    Tindakan.TERIMA_PENDAFTARAN: (frozenset({_P, _L}), gettext_lazy("memproses pendaftaran")),
    Tindakan.USULAN_KECAMATAN: (frozenset({_P, _L}), gettext_lazy("menambah usulan kecamatan")),
    Tindakan.VERIFIKASI: (frozenset({_L}), gettext_lazy("memverifikasi usulan")),
    Tindakan.ATUR_KRITERIA: (
        frozenset({_P, _L}),
        gettext_lazy("mengubah kriteria penilaian"),
    ),
    Tindakan.NILAI: (frozenset({_L}), gettext_lazy("menilai usulan")),
    Tindakan.PLENO: (frozenset({_L}), gettext_lazy("mengubah hasil sidang pleno")),
    Tindakan.BACAKAN: (frozenset({_T}), gettext_lazy("mencatat pembacaan berita acara")),
    Tindakan.KIRIM: (frozenset({_SELESAI}), gettext_lazy("mengirim salinan berita acara")),
}


# Actions of some levels only (the rest belong to every forum): the desa forum decides on
# its usulan and problems; the kecamatan forum groups, registers, verifies, scores, holds
# the Pleno and sends its copies; the kecamatan and the kota forum pull what the level
# below signed; the desa and the kota forum decide on each usulan in one table; the kota
# forum, the last one, sends no delegation anywhere.
HANYA_TINGKAT: dict[Tindakan, frozenset[str]] = {
    Tindakan.PUTUSKAN: frozenset({"desa", "kota"}),
    Tindakan.PILIH_MASALAH: frozenset({"desa"}),
    Tindakan.PILIH_DELEGASI: frozenset({"desa", "kecamatan"}),
    Tindakan.TARIK_HASIL: frozenset({"kecamatan", "kota"}),
    **dict.fromkeys(
        (
            Tindakan.ATUR_KELOMPOK,
            Tindakan.TERIMA_PENDAFTARAN,
            Tindakan.USULAN_KECAMATAN,
            Tindakan.VERIFIKASI,
            Tindakan.ATUR_KRITERIA,
            Tindakan.NILAI,
            Tindakan.PLENO,
            Tindakan.BACAKAN,
            Tindakan.KIRIM,
        ),
        frozenset({"kecamatan"}),
    ),
}


def berlaku(m: Musyawarah, tindakan: Tindakan) -> bool:
    """Whether ``tindakan`` exists at all at the forum's level."""
    return m.tingkat in HANYA_TINGKAT.get(tindakan, (m.tingkat,))


def terbuka(m: Musyawarah, tindakan: Tindakan) -> bool:
    """Whether the forum's level and status allow ``tindakan`` (rights are checked
    elsewhere)."""
    if not berlaku(m, tindakan):
        return False
    if tindakan in (Tindakan.UNGGAH_PINDAIAN, Tindakan.KIRIM) and m.latihan:
        return False  # a practice run has nothing to scan or send
    return m.status in TABEL[tindakan][0]


def wajib_tindakan(m: Musyawarah, tindakan: Tindakan) -> None:
    """Refuse ``tindakan`` unless the forum's status allows it, saying why."""
    if terbuka(m, tindakan):
        return
    boleh, nama = TABEL[tindakan]
    if not berlaku(m, tindakan):
        raise DomainError(
            _("%(tindakan)s tidak berlaku untuk musyawarah tingkat ini.")
            % {"tindakan": str(nama)[:1].upper() + str(nama)[1:]}
        )
    if m.latihan and tindakan in (Tindakan.UNGGAH_PINDAIAN, Tindakan.KIRIM):
        raise DomainError(
            _("Latihan tidak ditandatangani sungguhan; tidak ada pindaian atau salinan.")
        )
    if m.status == S.SELESAI:
        raise DomainError(
            _("Berita acara sudah ditandatangani; %(tindakan)s tidak dapat dilakukan lagi.")
            % {"tindakan": nama}
        )
    urutan = [s for s in S if s in boleh]
    raise DomainError(
        _("%(tindakan)s hanya dapat dilakukan pada tahap %(tahap)s (sekarang: %(status)s).")
        % {
            "tindakan": str(nama)[:1].upper() + str(nama)[1:],
            "tahap": " atau ".join(str(s.label).lower() for s in urutan),
            "status": m.get_status_display().lower(),
        }
    )


def tindakan_terbuka(m: Musyawarah, *, boleh_kelola: bool) -> dict[str, bool]:
    """Every tindakan as a boolean for the templates: the user may manage the forum and
    its status allows it."""
    return {t.value: boleh_kelola and terbuka(m, t) for t in Tindakan}
