"""What each peran should be doing in each tahapan, from the seeds' mechanisms.

Plain data: the home page shows the tasks of the tahapan running now (or the next one).
Later features add a link name to the task they implement.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from apps.akun.models import Peran
from apps.siklus.models import Tahapan

J = Tahapan.Jenis


@dataclass(frozen=True)
class Tugas:
    teks: str
    url_name: str | None = None
    url: str | None = None  # a resolved address, for tasks about one object
    selesai: bool = False  # done: shown ticked, as what the user has achieved


_KECAMATAN = {
    J.PRA_MUSRENBANG: [
        Tugas(_("Tetapkan tim penyelenggara Musrenbang Kecamatan.")),
        Tugas(_("Siapkan kriteria penilaian (skoring) usulan.")),
    ],
    J.MUSRENBANG_DESA: [
        Tugas(_("Pantau Musrenbang desa/kelurahan di wilayah kecamatan.")),
        Tugas(_("Kirim surat pemberitahuan jadwal dan agenda ke Bappeda.")),
        Tugas(_("Umumkan jadwal Musrenbang Kecamatan paling lambat 7 hari sebelumnya.")),
    ],
    J.MUSRENBANG_KECAMATAN: [
        Tugas(_("Kompilasi prioritas kelurahan menurut perangkat daerah.")),
        Tugas(_("Laksanakan pleno, sidang kelompok, verifikasi dan skoring.")),
        Tugas(_("Tandatangani berita acara paling lambat akhir minggu kedua Februari.")),
    ],
    J.FORUM_PERANGKAT_DAERAH: [
        Tugas(_("Kirim salinan berita acara ke wali kota/bupati dan perangkat daerah.")),
    ],
    J.MUSRENBANG_KOTA: [
        Tugas(_("Pastikan delegasi kecamatan hadir di Musrenbang kota/kabupaten.")),
    ],
}

TUGAS: dict[str, dict[str, list[Tugas]]] = {
    Peran.OPERATOR_KELURAHAN: {
        J.PRA_MUSRENBANG: [
            Tugas(_("Bentuk TPM dan tim pemandu (3 orang)."), "musyawarah:daftar"),
            Tugas(_("Catat masalah per RW dan per sektor (kajian desa)."), "usulan:masalah_daftar"),
            Tugas(_("Lengkapi RPJM Desa/Renstra Kelurahan."), "usulan:rpjm_daftar"),
            Tugas(_("Masukkan usulan warga dari RT/RW."), "usulan:daftar"),
            Tugas(_("Lanjutkan usulan tahun lalu yang belum didanai."), "usulan:lanjutan"),
        ],
        J.MUSRENBANG_DESA: [
            Tugas(_("Ajukan usulan yang akan dibahas di Musrenbang."), "usulan:daftar"),
            Tugas(
                _("Umumkan forum dan kirim undangan paling lambat 7 hari sebelumnya."),
                "musyawarah:daftar",
            ),
            Tugas(
                _("Laksanakan Musrenbang; catat daftar hadir dan keterwakilan."),
                "musyawarah:daftar",
            ),
            Tugas(
                _("Tetapkan prioritas dan delegasi, lalu tandatangani berita acara."),
                "musyawarah:daftar",
            ),
        ],
        J.MUSRENBANG_KECAMATAN: [
            Tugas(_("Pastikan delegasi kelurahan hadir di Musrenbang Kecamatan.")),
        ],
        J.FORUM_PERANGKAT_DAERAH: [
            Tugas(_("Pantau tanggapan perangkat daerah atas usulan kelurahan.")),
        ],
        J.MUSRENBANG_KOTA: [
            Tugas(_("Sampaikan hasil Musrenbang kepada warga.")),
        ],
    },
    Peran.CAMAT: _KECAMATAN,
    Peran.OPERATOR_KECAMATAN: _KECAMATAN,
    Peran.FASILITATOR: {
        J.MUSRENBANG_KECAMATAN: [
            Tugas(_("Pandu sidang kelompok: pemilihan pimpinan, verifikasi dan skoring.")),
        ],
    },
    Peran.ADMIN_BAPPEDA: {
        J.PRA_MUSRENBANG: [
            Tugas(_("Periksa data wilayah, perangkat daerah dan pengguna."), "admin:index"),
            Tugas(_("Tetapkan jadwal tahapan dan prioritas daerah siklus ini."), "admin:index"),
            Tugas(
                _("Rekomendasikan kriteria penilaian usulan untuk para camat."),
                "penilaian:rekomendasi",
            ),
            Tugas(_("Tetapkan pagu indikatif setiap kecamatan (opsional)."), "admin:index"),
        ],
        J.MUSRENBANG_DESA: [
            Tugas(_("Pantau pelaksanaan Musrenbang desa/kelurahan."), "pantauan:papan"),
        ],
        J.MUSRENBANG_KECAMATAN: [
            Tugas(_("Hadiri Musrenbang Kecamatan sebagai narasumber.")),
            Tugas(_("Pantau berita acara kecamatan yang sudah ditandatangani."), "pantauan:papan"),
        ],
        J.FORUM_PERANGKAT_DAERAH: [
            Tugas(_("Kompilasi usulan kecamatan menurut perangkat daerah.")),
            Tugas(
                _(
                    "Siapkan Musrenbang kota/kabupaten: tim penyelenggara, jadwal, hasil "
                    "kecamatan dan undangan."
                ),
                "musyawarah:kota",
            ),
        ],
        J.MUSRENBANG_KOTA: [
            Tugas(
                _(
                    "Laksanakan Musrenbang kota/kabupaten: sepakati usulan per perangkat daerah "
                    "dan tandatangani berita acaranya."
                ),
                "musyawarah:kota",
            ),
            Tugas(_("Umumkan hasil Musrenbang kota/kabupaten kepada warga.")),
        ],
    },
    Peran.PERANGKAT_DAERAH: {
        J.MUSRENBANG_KECAMATAN: [
            Tugas(_("Hadiri Musrenbang Kecamatan sebagai narasumber.")),
        ],
        J.FORUM_PERANGKAT_DAERAH: [
            Tugas(
                _("Tanggapi usulan yang ditujukan kepada perangkat daerah Anda."), "usulan:daftar"
            ),
        ],
    },
}


def tugas_untuk(peran: str, jenis_tahapan: str) -> list[Tugas]:
    return TUGAS.get(peran, {}).get(jenis_tahapan, [])
