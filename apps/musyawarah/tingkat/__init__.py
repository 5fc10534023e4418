"""One forum engine, one small specification per level.

The engine (apps.musyawarah: mesin, tindakan, persiapan, peserta, penetapan, latihan,
materi) runs any forum: its status machine, preparation, attendance, keterwakilan,
signatories, signing and verification. What differs between the Musrenbang
Desa/Kelurahan, the Musrenbang Kecamatan and the kota's forum is written once, here, as a
``Spesifikasi``: who manages it, its tahapan, what each stage still lacks, the dimensions
of its keterwakilan, which elements must sign, its snapshot and its PDF, and what signing
does to the usulan. Adding a level is adding an entry to ``_MODUL``, never copying a level.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType

from apps.akun.permissions import Aksi


@dataclass(frozen=True)
class Tab:
    """One tab of the forum's pages: the URL name (taking the forum's pk), its label, and
    the key the page marks active."""

    url_name: str
    label: str
    aktif: str
    args: tuple = ()


@dataclass(frozen=True)
class Spesifikasi:
    tingkat: str
    aksi_kelola: Aksi
    jenis_tahapan: str  # apps.siklus Tahapan.Jenis of the forum
    jenis_dokumen: str  # DokumenFinal.jenis of its berita acara
    # What still stops the forum from leaving each status (words for the operator).
    kekurangan_persiapan: Callable
    kekurangan_pelaksanaan: Callable
    kekurangan_penetapan: Callable
    keterwakilan: Callable  # (m, peserta) -> Keterwakilan
    # The stakeholder element a participant represents, and the elements' labels: one
    # representative of each element present signs the berita acara.
    elemen: Callable  # (peserta) -> str
    label_elemen: Callable  # (value) -> str
    snapshot: Callable  # (m) -> dict, JSON only
    render_berita_acara: Callable  # (snapshot, *, kode, url, logo) -> bytes
    terapkan: Callable  # (user, m, keterangan) -> None: the signed decisions take effect
    judul: Callable  # (m) -> str, the document's title
    nama_wilayah: Callable  # (m) -> str
    nama_forum: Callable  # (m) -> str, e.g. "Musrenbang Kelurahan Sungai Miai"
    data_wilayah: Callable  # (m) -> dict, the letterhead of its documents
    orang: Callable  # (peserta, no) -> dict, a person's row in its documents
    tetapkan: Callable  # service (user=, musyawarah=): pelaksanaan → penetapan
    jabatan_kepala: Callable  # (m) -> str: who heads the wilayah and sets the team's SK
    pemandu: bool  # whether the forum has a tim pemandu of three (the desa's)
    # What the overview tells the manager to do next while preparation is incomplete,
    # while the forum runs, once decided, and once signed: (m) -> str.
    langkah: Callable
    # The outputs: a module with KELUARAN (kinds), judul(jenis, s), pdf_keluaran(...),
    # xlsx_keluaran(jenis, s); and the page that shows one output from the snapshot.
    keluaran: ModuleType
    templat_keluaran: str
    # Templates of its preparation letters: undangan, pengumuman, daftar_hadir (...).
    templat: dict = field(default_factory=dict)
    tab: tuple[Tab, ...] = field(default_factory=tuple)
    # Words only the level knows: the message after signing, and where the overview's
    # materials card sends the reader for the level's own inputs.
    pesan_ditandatangani: str = ""
    petunjuk_materi: str = ""
    # The organising team's page: its name and who sets it (the desa's TPM page has its
    # own words, with the tim pemandu beside it).
    nama_tim: str = ""
    keterangan_tim: str = ""
    # What the keterwakilan page says it counts.
    petunjuk_keterwakilan: str = ""
    # The pages the overview links to while the forum is held (its decisions).
    tab_berlangsung: tuple[Tab, ...] = field(default_factory=tuple)


# Tingkat → the module that defines its ``SPESIFIKASI``; imported on first use, since the
# level modules use the engine's services and the engine asks for the specification.
_MODUL = {
    "desa": "apps.musyawarah.tingkat.desa",
    "kecamatan": "apps.musyawarah.tingkat.kecamatan",
    "kota": "apps.musyawarah.tingkat.kota",
}


@cache
def _semua() -> dict[str, Spesifikasi]:
    return {t: import_module(nama).SPESIFIKASI for t, nama in _MODUL.items()}


def spek(m) -> Spesifikasi:
    """The specification of forum ``m``'s level."""
    return _semua()[m.tingkat]


def kekurangan(m) -> list[str]:
    """What still stops the forum from moving on from its current status."""
    sp = spek(m)
    if m.dalam_persiapan:
        return sp.kekurangan_persiapan(m)
    if m.berlangsung:
        return sp.kekurangan_pelaksanaan(m)
    if not m.ditandatangani:
        return sp.kekurangan_penetapan(m)
    return []
