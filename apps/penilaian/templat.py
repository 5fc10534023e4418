"""The criteria a new forum can start from when nothing better exists: the five examples
of seed 001 §4.b.9, equally weighted on a 1–5 scale, each level explained."""

from django.utils.translation import gettext_lazy as _

# (nama, deskripsi, arti nilai 1..5)
KRITERIA_SEED = [
    (
        _("Kesesuaian dengan rancangan awal RKPD"),
        _("Seberapa jauh kegiatan sejalan dengan prioritas dan sasaran rancangan awal RKPD."),
        [
            _("Tidak sesuai"),
            _("Kurang sesuai"),
            _("Cukup sesuai"),
            _("Sesuai"),
            _("Sangat sesuai"),
        ],
    ),
    (
        _("Kepentingan lintas kelurahan"),
        _("Berapa banyak kelurahan/desa yang memerlukan atau merasakan kegiatan ini."),
        [
            _("Satu RT/RW saja"),
            _("Satu kelurahan"),
            _("Dua kelurahan"),
            _("Tiga atau empat kelurahan"),
            _("Seluruh kecamatan"),
        ],
    ),
    (
        _("Dukungan pada pencapaian target prioritas pembangunan kota"),
        _("Sumbangan kegiatan pada indikator target prioritas pembangunan daerah."),
        [
            _("Tidak mendukung"),
            _("Kurang mendukung"),
            _("Cukup mendukung"),
            _("Mendukung"),
            _("Sangat mendukung"),
        ],
    ),
    (
        _("Dukungan pada pemenuhan hak dasar rakyat lintas kelurahan"),
        _("Pangan, kesehatan, pendidikan, air bersih, sanitasi, perumahan, rasa aman."),
        [
            _("Tidak berkaitan"),
            _("Berkaitan tidak langsung"),
            _("Cukup berkaitan"),
            _("Berkaitan langsung"),
            _("Mendesak bagi hak dasar"),
        ],
    ),
    (
        _("Dukungan pada nilai tambah pendapatan lintas kelurahan"),
        _("Dampak kegiatan pada pendapatan dan kegiatan ekonomi warga."),
        [
            _("Tidak berdampak"),
            _("Dampak kecil"),
            _("Dampak sedang"),
            _("Dampak besar"),
            _("Dampak sangat besar"),
        ],
    ),
]
