"""Musyawarah: one forum at one level for one wilayah in one siklus, and its parts.

The Musrenbang Desa/Kelurahan follows the seed step by step: the TPM set by the lurah
(with an SK), the tim pemandu of exactly three, the schedule and agenda announced at
least 7 days ahead, logistics, the participants with their representation, the forum's
decisions on each usulan, the priority problems and the delegation, and finally the
signed berita acara. Its status moves persiapan → pelaksanaan → penetapan → selesai
through the services, each move checked and recorded.
"""

from apps.musyawarah.models.forum import (
    WARNA_STATUS,
    AgendaAcara,
    AnggotaTpm,
    JabatanTpm,
    JenisLogistik,
    JenisMateri,
    Logistik,
    MateriMusyawarah,
    Musyawarah,
    MusyawarahQuerySet,
    Pemandu,
    StatusMusyawarah,
    Tingkat,
    _path_materi,  # the upload path, named in migration 0002
)
from apps.musyawarah.models.kecamatan import (
    ElemenKecamatan,
    KelompokDiskusi,
    KelompokPerangkatDaerah,
    Pendaftaran,
    StatusPendaftaran,
)
from apps.musyawarah.models.kota import ElemenKota
from apps.musyawarah.models.pembahasan import (
    Keputusan,
    MasalahPrioritas,
    Pembahasan,
    Penandatangan,
    PeranTtd,
    Verifikasi,
)
from apps.musyawarah.models.peserta import (
    JenisKelamin,
    KelompokSosial,
    KelompokUsia,
    PeranPeserta,
    Peserta,
    Unsur,
)

__all__ = [
    "ElemenKecamatan",
    "ElemenKota",
    "KelompokDiskusi",
    "KelompokPerangkatDaerah",
    "Pendaftaran",
    "StatusPendaftaran",
    "Verifikasi",
    "WARNA_STATUS",
    "AgendaAcara",
    "AnggotaTpm",
    "JabatanTpm",
    "JenisKelamin",
    "JenisLogistik",
    "JenisMateri",
    "KelompokSosial",
    "KelompokUsia",
    "Keputusan",
    "Logistik",
    "MasalahPrioritas",
    "MateriMusyawarah",
    "Musyawarah",
    "MusyawarahQuerySet",
    "Pemandu",
    "Pembahasan",
    "Penandatangan",
    "PeranPeserta",
    "PeranTtd",
    "Peserta",
    "StatusMusyawarah",
    "Tingkat",
    "Unsur",
    "_path_materi",
]
