"""Reads on siklus: the active siklus, the state of each tahapan, warnings on the schedule.

``tahapan_terbuka`` is the one answer to "is this action open now?": services of later
stages call it, so neither a view nor a management command can skip the calendar.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core.formatting import tanggal
from apps.siklus.kalender import batas_musrenbang_kecamatan
from apps.siklus.models import Siklus, Tahapan


def hari_ini() -> datetime.date:
    """Today in the server's TIME_ZONE: a tahapan ends at local midnight, not UTC's."""
    return timezone.localdate()


def siklus_aktif(daerah) -> Siklus | None:
    return Siklus.objects.filter(daerah=daerah, aktif=True).select_related("daerah").first()


@dataclass(frozen=True)
class StatusTahapan:
    tahapan: Tahapan
    keadaan: str  # "belum_mulai" | "berjalan" | "selesai"
    hari_lagi: int  # days until it starts (belum_mulai) or until its last day (berjalan)

    BELUM_MULAI = "belum_mulai"
    BERJALAN = "berjalan"
    SELESAI = "selesai"

    @property
    def terbuka(self) -> bool:
        return self.keadaan == self.BERJALAN

    @property
    def label(self) -> str:
        return {
            self.BELUM_MULAI: _("Belum dimulai"),
            self.BERJALAN: _("Sedang berjalan"),
            self.SELESAI: _("Selesai"),
        }[self.keadaan]

    @property
    def keterangan(self) -> str:
        if self.keadaan == self.BELUM_MULAI:
            if self.hari_lagi == 1:
                return _("dimulai besok")
            return ngettext(
                "dimulai %(n)d hari lagi", "dimulai %(n)d hari lagi", self.hari_lagi
            ) % {"n": self.hari_lagi}
        if self.keadaan == self.BERJALAN:
            if self.hari_lagi == 0:
                return _("hari ini hari terakhir")
            return ngettext("sisa %(n)d hari lagi", "sisa %(n)d hari lagi", self.hari_lagi) % {
                "n": self.hari_lagi
            }
        return _("berakhir %(tanggal)s") % {"tanggal": tanggal(self.tahapan.selesai)}


def status_tahapan(tahapan: Tahapan, pada: datetime.date | None = None) -> StatusTahapan:
    """Where ``tahapan`` stands on ``pada`` (default: today). Both dates are inclusive."""
    pada = pada or hari_ini()
    if pada < tahapan.mulai:
        return StatusTahapan(tahapan, StatusTahapan.BELUM_MULAI, (tahapan.mulai - pada).days)
    if pada <= tahapan.selesai:
        return StatusTahapan(tahapan, StatusTahapan.BERJALAN, (tahapan.selesai - pada).days)
    return StatusTahapan(tahapan, StatusTahapan.SELESAI, 0)


def tahapan_terbuka(siklus: Siklus, jenis: str, pada: datetime.date | None = None) -> bool:
    """Whether tahapan ``jenis`` of ``siklus`` is open on ``pada`` (default: today)."""
    pada = pada or hari_ini()
    return Tahapan.objects.filter(
        siklus=siklus, jenis=jenis, mulai__lte=pada, selesai__gte=pada
    ).exists()


def _urut(tahapan: list[Tahapan]) -> list[Tahapan]:
    return sorted(tahapan, key=lambda t: t.urutan)


def jadwal(siklus: Siklus, pada: datetime.date | None = None) -> list[StatusTahapan]:
    """Every tahapan of ``siklus`` in the order of the cycle, with its state on ``pada``.

    Uses ``siklus.tahapan.all()``, so a caller that prefetched it costs no query.
    """
    pada = pada or hari_ini()
    return [status_tahapan(t, pada) for t in _urut(list(siklus.tahapan.all()))]


def peringatan_jadwal(siklus: Siklus) -> list[str]:
    """What is wrong with the schedule: missing tahapan, wrong order, a late kecamatan forum."""
    peringatan = []
    tahapan = _urut(list(siklus.tahapan.all()))
    ada = {t.jenis for t in tahapan}
    for jenis in Tahapan.Jenis:
        if jenis not in ada:
            peringatan.append(_("Tahapan %(nama)s belum dijadwalkan.") % {"nama": jenis.label})
    for sebelum, sesudah in zip(tahapan, tahapan[1:], strict=False):
        if sesudah.mulai < sebelum.mulai:
            peringatan.append(
                _("%(sesudah)s dimulai sebelum %(sebelum)s.")
                % {"sesudah": sesudah.nama, "sebelum": sebelum.nama.lower()}
            )
    batas = batas_musrenbang_kecamatan(siklus.tahun_rencana)
    for t in tahapan:
        if t.jenis == Tahapan.Jenis.MUSRENBANG_KECAMATAN and t.selesai > batas:
            peringatan.append(
                _(
                    "Musrenbang kecamatan selesai %(selesai)s, melewati batas minggu kedua "
                    "Februari (%(batas)s)."
                )
                % {"selesai": tanggal(t.selesai), "batas": tanggal(batas)}
            )
    return peringatan
