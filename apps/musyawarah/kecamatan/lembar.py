"""What the scoring pages read: a group's score sheet (its usulan, the criteria, one
scorer's cells), each scorer's progress, where scorers disagree, and the forum's
overview per group. The query count does not grow with the number of usulan."""

from dataclasses import dataclass, field

from apps.musyawarah.kecamatan.nilai import usulan_dinilai
from apps.musyawarah.kecamatan.peringkat import kriteria_forum
from apps.musyawarah.models import KelompokDiskusi, Musyawarah, Pembahasan
from apps.penilaian.models import Penilai
from apps.penilaian.selectors import perbedaan, progres, skor_penilai, skor_sesi


@dataclass
class Lembar:
    kelompok: KelompokDiskusi
    kriteria: list
    baris: list = field(default_factory=list)
    penilai: list = field(default_factory=list)
    saya: Penilai | None = None
    beda: dict = field(default_factory=dict)
    ditutup: bool = False

    @property
    def terisi(self) -> int:
        return sum(p.terisi for p in self.penilai)

    @property
    def target(self) -> int:
        return sum(p.target for p in self.penilai)

    @property
    def persen(self) -> int:
        return round(self.terisi * 100 / self.target) if self.target else 0

    @property
    def beda_baris(self) -> list:
        """The disagreements as (row, criterion) pairs, in the sheet's order (which
        cell, never whose values: those stay hidden until the group closes)."""
        kriteria = {k.pk: k for k in self.kriteria}
        return [
            (p, kriteria[kid])
            for p in self.baris
            for kid in kriteria
            if (p.usulan_id, kid) in self.beda
        ]


def _urutan(p: Pembahasan) -> tuple:
    return (
        p.prioritas.nomor if p.prioritas else 999,
        p.usulan.kelurahan.nama,
        p.urutan_asal or 999,
        p.pk,
    )


def baris_dinilai(k: KelompokDiskusi, usulan: list[int] | None = None) -> list[Pembahasan]:
    """The group's feasible usulan in the sheet's order: by prioritas daerah, then
    kelurahan, then the kelurahan's own order."""
    usulan = usulan_dinilai(k) if usulan is None else usulan
    return sorted(
        Pembahasan.objects.filter(kelompok=k, usulan_id__in=usulan)
        .select_related(
            "usulan__kelurahan__kecamatan",
            "usulan__perangkat_daerah",
            "usulan__prioritas_daerah",
            "prioritas_daerah",
            "perangkat_daerah",
        )
        # A merged item serves every kelurahan it merged: the sheet names them (the
        # "lintas kelurahan" criteria score exactly that).
        .prefetch_related("gabungan__usulan__kelurahan"),
        key=_urutan,
    )


def lembar_penilai(
    k: KelompokDiskusi,
    *,
    penilai: Penilai | None = None,
    hanya_progres: bool = False,
    semua_skor: bool = False,
) -> Lembar:
    """The group's sheet: every feasible usulan, the criteria, each scorer's progress;
    with ``penilai``, that scorer's cells (``p.sel``: (criterion, value, version)); with
    ``semua_skor`` and once the group closed its scoring, everyone's values
    (``p.semua``: (criterion, [value per scorer]))."""
    kriteria = kriteria_forum(k.musyawarah)
    usulan = usulan_dinilai(k)
    sesi = k.penilaian
    data = Lembar(kelompok=k, kriteria=kriteria, ditutup=bool(sesi and sesi.ditutup))
    if sesi is None:
        return data
    kriteria_ids = [kr.pk for kr in kriteria]
    data.penilai = progres(sesi, usulan, kriteria_ids)
    if penilai is not None:
        data.saya = next((p for p in data.penilai if p.pk == penilai.pk), None)
    if hanya_progres:
        return data
    data.baris = baris_dinilai(k, usulan)
    if penilai is not None:
        sel = skor_penilai(penilai, usulan)
        for p in data.baris:
            p.sel = [
                (
                    kr,
                    sel[(p.usulan_id, kr.pk)].nilai if (p.usulan_id, kr.pk) in sel else "",
                    sel[(p.usulan_id, kr.pk)].versi if (p.usulan_id, kr.pk) in sel else 0,
                )
                for kr in kriteria
            ]
    data.beda = perbedaan(sesi, usulan)
    if semua_skor and data.ditutup:
        semua = skor_sesi(sesi, usulan)
        for p in data.baris:
            p.semua = [
                (kr, [semua.get((s.pk, p.usulan_id, kr.pk), "") for s in data.penilai])
                for kr in kriteria
            ]
    return data


@dataclass
class RingkasanKelompok:
    kelompok: KelompokDiskusi
    usulan: int
    lembar: Lembar

    @property
    def keadaan(self) -> str:
        k = self.kelompok
        if not self.usulan and k.verifikasi_selesai_pada:
            return "kosong"
        if not k.verifikasi_selesai_pada:
            return "verifikasi"
        if self.lembar.ditutup:
            return "ditutup"
        if not self.lembar.penilai:
            return "penilai"
        return "berlangsung"


def ringkasan_penilaian(m: Musyawarah) -> list[RingkasanKelompok]:
    """Per group: how many usulan it scores, its scorers' progress, where it stands."""
    hasil = []
    for k in m.kelompok_diskusi.select_related("penilaian").order_by("urutan", "pk"):
        k.musyawarah = m
        hasil.append(
            RingkasanKelompok(
                kelompok=k,
                usulan=len(usulan_dinilai(k)),
                lembar=lembar_penilai(k, hanya_progres=True),
            )
        )
    return hasil
