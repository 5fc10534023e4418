"""Scoring in the Musrenbang Kecamatan (seed 4.b.8–9): the camat's criteria for the
forum, each sidang kelompok's scorers, their scores, and closing a group's scoring.

The generic rules (criteria lock once a score exists, a score lies on its scale, a
closed scoring takes no score, a stale cell is refused) live in ``apps.penilaian``;
this module adds what the forum decides: who may act, in which status, on which usulan
(the group's feasible usulan, once its verification is closed), and the forum's trail.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError
from apps.musyawarah.kecamatan.sidang import _kunci_kelompok, boleh_pandu
from apps.musyawarah.mesin import catat_bagian, kunci_untuk
from apps.musyawarah.models import (
    KelompokDiskusi,
    Musyawarah,
    Pembahasan,
    Peserta,
    Tingkat,
    Verifikasi,
)
from apps.musyawarah.tindakan import Tindakan, wajib_tindakan
from apps.penilaian import services as penilaian
from apps.penilaian.models import CaraInput, Kriteria, Penilai, SetKriteria

# Where a forum's criteria can start from.
SUMBER_SEED, SUMBER_LALU, SUMBER_REKOMENDASI = "seed", "lalu", "rekomendasi"


def usulan_dinilai(kelompok: KelompokDiskusi) -> list[int]:
    """The usulan a group scores: its feasible ones (a merged duplicate rides along
    with its main usulan and is not scored on its own)."""
    return list(
        Pembahasan.objects.filter(
            kelompok=kelompok, verifikasi=Verifikasi.LAYAK, digabung_ke__isnull=True
        )
        .order_by("pk")
        .values_list("usulan_id", flat=True)
    )


def sumber_kriteria(m: Musyawarah) -> dict[str, SetKriteria | None]:
    """The sets a forum's criteria can be copied from: last year's of this kecamatan and
    the one Bappeda recommends for the daerah (each only when it has criteria)."""
    lalu = (
        Musyawarah.objects.filter(
            tingkat=Tingkat.KECAMATAN,
            kecamatan_id=m.kecamatan_id,
            siklus__daerah_id=m.siklus.daerah_id,
            siklus__tahun_rencana=m.siklus.tahun_rencana - 1,
            latihan=False,
            kriteria__kriteria__isnull=False,
        )
        .select_related("kriteria")
        .first()
    )
    rekomendasi = (
        SetKriteria.objects.filter(
            rekomendasi=True,
            kode_wilayah=m.siklus.daerah.kode,
            kriteria__isnull=False,
        )
        .order_by("-updated_at")
        .first()
    )
    return {
        SUMBER_SEED: None,
        SUMBER_LALU: lalu.kriteria if lalu else None,
        SUMBER_REKOMENDASI: rekomendasi,
    }


def _set_forum(m: Musyawarah) -> SetKriteria:
    """The forum's criteria set, created empty the first time."""
    if m.kriteria_id:
        return m.kriteria
    m.kriteria = penilaian.set_buat(
        kode_wilayah=m.kode_wilayah,
        judul=_("Kriteria penilaian %(f)s") % {"f": f"Musrenbang {m.kecamatan} {m.siklus}"},
    )
    m.save(update_fields=["kriteria", "updated_at"])
    return m.kriteria


@transaction.atomic
def kriteria_mulai(*, user, musyawarah: Musyawarah, sumber: str) -> int:
    """Fill (or refill, while unlocked) the forum's criteria from the seed's five
    examples, last year's criteria of this kecamatan, or Bappeda's recommendation."""
    m = kunci_untuk(user, musyawarah, Tindakan.ATUR_KRITERIA)
    tersedia = sumber_kriteria(m)
    if sumber not in tersedia or (sumber != SUMBER_SEED and tersedia[sumber] is None):
        raise DomainError(_("Sumber kriteria ini tidak tersedia."))
    n = penilaian.set_isi(set=_set_forum(m), sumber=tersedia[sumber])
    label = {
        SUMBER_SEED: _("contoh pedoman"),
        SUMBER_LALU: _("kriteria tahun lalu"),
        SUMBER_REKOMENDASI: _("rekomendasi Bappeda"),
    }[sumber]
    catat_bagian(user, m, _("mengisi kriteria penilaian"), catatan=f"{label}: {n}")
    return n


def _kriteria_forum(m: Musyawarah, kriteria: Kriteria | None) -> SetKriteria:
    s = _set_forum(m)
    if kriteria is not None and kriteria.set_id != s.pk:
        raise DomainError(_("Kriteria ini bukan dari musyawarah ini."))
    return s


@transaction.atomic
def kriteria_simpan(
    *, user, musyawarah: Musyawarah, kriteria: Kriteria | None, data: dict
) -> Kriteria:
    m = kunci_untuk(user, musyawarah, Tindakan.ATUR_KRITERIA)
    s = _kriteria_forum(m, kriteria)
    sebelum = None if kriteria is None else (kriteria.nama, str(kriteria.bobot), kriteria.skala)
    k = penilaian.kriteria_simpan(set=s, kriteria=kriteria, data=data)
    catat_bagian(
        user,
        m,
        _("mengubah kriteria penilaian") if sebelum else _("menambah kriteria penilaian"),
        k,
        perubahan={"kriteria": [" · ".join(map(str, sebelum)) if sebelum else None, str(k)]},
    )
    return k


@transaction.atomic
def kriteria_hapus(*, user, musyawarah: Musyawarah, kriteria: Kriteria) -> None:
    m = kunci_untuk(user, musyawarah, Tindakan.ATUR_KRITERIA)
    s = _kriteria_forum(m, kriteria)
    nama = kriteria.nama
    penilaian.kriteria_hapus(set=s, kriteria=kriteria)
    catat_bagian(user, m, _("menghapus kriteria penilaian"), perubahan={"kriteria": [nama, None]})


@transaction.atomic
def kriteria_buka_kunci(*, user, musyawarah: Musyawarah, jumlah: int) -> int:
    """Unlock the criteria by discarding every score (``jumlah``: the count confirmed)."""
    m = kunci_untuk(user, musyawarah, Tindakan.ATUR_KRITERIA)
    if not m.kriteria_id:
        raise DomainError(_("Kriteria penilaian belum ditetapkan."))
    n = penilaian.set_buka_kunci(set=m.kriteria, jumlah=jumlah)
    catat_bagian(
        user,
        m,
        _("membuka kunci kriteria penilaian"),
        catatan=_("%(n)d nilai dihapus") % {"n": n},
    )
    return n


@transaction.atomic
def penilai_simpan(*, user, kelompok: KelompokDiskusi, peserta: list[Peserta]) -> list[Penilai]:
    """Name the group's scorers: members of the group (seed: "oleh peserta kelompok")."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.ATUR_KRITERIA)
    if not m.kriteria_id or not m.kriteria.kriteria.exists():
        raise DomainError(_("Tetapkan dulu kriteria penilaian musyawarah ini."))
    anggota = {p.pk for p in kelompok.anggota.all()}
    bukan = [p.nama for p in peserta if p.pk not in anggota]
    if bukan:
        raise DomainError(
            _("Penilai harus anggota kelompok %(k)s: %(n)s.")
            % {"k": kelompok, "n": ", ".join(bukan)}
        )
    if kelompok.penilaian_id is None:
        kelompok.penilaian = penilaian.sesi_buat(set=m.kriteria, nama=str(kelompok))
        kelompok.save(update_fields=["penilaian", "updated_at"])
    sebelum = ", ".join(p.nama for p in kelompok.penilaian.penilai.all())
    hasil = penilaian.penilai_tetapkan(
        sesi=kelompok.penilaian, daftar=[(p.pk, p.nama) for p in peserta]
    )
    catat_bagian(
        user,
        m,
        _("menetapkan penilai kelompok"),
        kelompok,
        perubahan={"penilai": [sebelum or None, ", ".join(p.nama for p in hasil)]},
    )
    return hasil


@transaction.atomic
def penilai_kertas(*, user, kelompok: KelompokDiskusi, penilai: Penilai, kertas: bool) -> Penilai:
    """A scorer scores on a paper sheet (entered by the sekretaris afterwards) or on their
    own device again."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.ATUR_KRITERIA)
    penilai = Penilai.objects.select_for_update().get(pk=penilai.pk)
    if penilai.sesi_id != kelompok.penilaian_id:
        raise DomainError(_("Penilai ini bukan dari kelompok ini."))
    if penilai.sesi.ditutup:
        raise DomainError(_("Penilaian kelompok ini sudah ditutup."))
    penilai.di_kertas = kertas
    penilai.save(update_fields=["di_kertas", "updated_at"])
    catat_bagian(
        user,
        m,
        _("penilai menilai di kertas") if kertas else _("penilai menilai langsung"),
        kelompok,
        catatan=penilai.nama,
    )
    return penilai


def kelompok_penilai(penilai: Penilai) -> KelompokDiskusi:
    """The group a scorer scores in, with its forum."""
    return KelompokDiskusi.objects.select_related(
        "musyawarah__kecamatan", "musyawarah__siklus__daerah", "penilaian__set"
    ).get(penilaian_id=penilai.sesi_id)


def boleh_isi_kertas(user, kelompok: KelompokDiskusi, penilai: Penilai) -> bool:
    """Those who run the group enter a paper sheet — only of a scorer who scores on paper."""
    return penilai.di_kertas and boleh_pandu(user, kelompok)


def wajib_bisa_menilai(kelompok: KelompokDiskusi) -> None:
    """Scores are taken while the forum is held and once the group's verification is
    closed (it fixes which usulan are scored)."""
    wajib_tindakan(kelompok.musyawarah, Tindakan.NILAI)
    if not kelompok.verifikasi_selesai_pada:
        raise DomainError(
            _("Verifikasi kelompok %(k)s belum ditutup; penilaian dimulai sesudahnya.")
            % {"k": kelompok}
        )


def skor_simpan(
    *,
    penilai: Penilai,
    pembahasan_id: int,
    kriteria_id: int,
    nilai: int | None,
    versi: int,
    user=None,
) -> penilaian.Sel:
    """Save one cell of a scorer's sheet: by the scorer (through their personal link,
    ``user`` None or their own account) or, from a paper sheet, by whoever runs the group
    (``user``, recorded as a paper entry). Who may do it is the view's check; which
    usulan and criterion, and when, is checked here."""
    kelompok = kelompok_penilai(penilai)
    kertas = penilai.di_kertas
    if kertas and not (user and boleh_isi_kertas(user, kelompok, penilai)):
        raise PermissionDenied
    wajib_bisa_menilai(kelompok)
    usulan_id = (
        Pembahasan.objects.filter(
            pk=pembahasan_id,
            kelompok=kelompok,
            verifikasi=Verifikasi.LAYAK,
            digabung_ke__isnull=True,
        )
        .values_list("usulan_id", flat=True)
        .first()
    )
    if usulan_id is None:
        raise DomainError(_("Usulan ini tidak dinilai di kelompok %(k)s.") % {"k": kelompok})
    kriteria = Kriteria.objects.filter(pk=kriteria_id, set=kelompok.penilaian.set_id).first()
    if kriteria is None:
        raise DomainError(_("Kriteria ini bukan kriteria penilaian musyawarah ini."))
    return penilaian.skor_simpan(
        penilai=penilai,
        usulan_id=usulan_id,
        kriteria=kriteria,
        nilai=nilai,
        versi=versi,
        cara=CaraInput.KERTAS if kertas else CaraInput.LANGSUNG,
        oleh=user,
    )


def kekurangan_penilaian(kelompok: KelompokDiskusi) -> list[str]:
    """What still stops the group from closing its scoring."""
    usulan = usulan_dinilai(kelompok)
    if not usulan:
        return []
    if kelompok.penilaian_id is None:
        return [_("Kelompok %(k)s belum menetapkan penilainya.") % {"k": kelompok}]
    return [f"{kelompok}: {k}" for k in penilaian.kekurangan_sesi(kelompok.penilaian, usulan)]


@transaction.atomic
def penilaian_tutup(*, user, kelompok: KelompokDiskusi) -> KelompokDiskusi:
    """Every scorer has scored every feasible usulan on every criterion: the ranking is
    fixed, all scores are shown, and the list goes to the Pleno II in that order."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.NILAI)
    wajib_bisa_menilai(kelompok)
    if kelompok.penilaian_id is None:
        raise DomainError(_("Kelompok %(k)s belum menetapkan penilainya.") % {"k": kelompok})
    penilaian.sesi_tutup(sesi=kelompok.penilaian, usulan_ids=usulan_dinilai(kelompok))
    catat_bagian(user, m, _("menutup penilaian kelompok"), kelompok)
    return kelompok


@transaction.atomic
def penilaian_buka(*, user, kelompok: KelompokDiskusi, alasan: str) -> KelompokDiskusi:
    """Reopen a group's scoring (before the Pleno closes), with a reason."""
    m, kelompok = _kunci_kelompok(user, kelompok, Tindakan.NILAI)
    if kelompok.penilaian_id is None:
        raise DomainError(_("Kelompok ini belum menilai."))
    if not alasan.strip():
        raise DomainError(_("Tuliskan alasan membuka kembali penilaian."))
    penilaian.sesi_buka(sesi=kelompok.penilaian)
    catat_bagian(user, m, _("membuka kembali penilaian kelompok"), kelompok, catatan=alasan)
    return kelompok


def penilaian_ditutup(kelompok: KelompokDiskusi) -> bool:
    """Everyone's scores are shown once the group closed its scoring; before that nobody
    sees another's values (so scorers don't anchor on each other)."""
    return bool(kelompok.penilaian_id and kelompok.penilaian.ditutup_pada)
