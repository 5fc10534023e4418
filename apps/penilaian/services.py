"""Writes of the scoring app: criteria sets, scorers, scores, closing a session.

Generic (this app knows no forum): the owner of a set or session — a forum, a group —
locks itself, checks who acts and records its own trail before calling these; they keep
the rules that hold whoever owns them: criteria lock once a score exists, a score lies
on its criterion's scale, a closed session takes no score, a save based on an older
value is refused.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.akun.permissions import Aksi, wajib
from apps.core.audit import catat_jejak
from apps.core.exceptions import DomainError
from apps.penilaian.models import CaraInput, Kriteria, Penilai, SesiPenilaian, SetKriteria, Skor
from apps.penilaian.templat import KRITERIA_SEED


class SkorBentrok(DomainError):
    """A cell was saved from an older value (another tab, another device): the newer
    value is kept and handed back so the sheet can show it."""

    def __init__(self, skor: Skor | None):
        super().__init__(
            _("Nilai ini sudah diubah di tab atau perangkat lain; nilai terbaru dipertahankan.")
        )
        self.skor = skor


def jumlah_skor(set: SetKriteria) -> int:
    return Skor.objects.filter(kriteria__set=set).count()


def _wajib_tidak_terkunci(set: SetKriteria) -> None:
    n = jumlah_skor(set)
    if n:
        raise DomainError(
            _(
                "Kriteria terkunci karena %(n)d nilai sudah dimasukkan. Buka kuncinya dulu "
                "(nilai yang ada akan dihapus)."
            )
            % {"n": n}
        )


def set_buat(*, kode_wilayah: str, judul: str, rekomendasi: bool = False) -> SetKriteria:
    s = SetKriteria(kode_wilayah=kode_wilayah, judul=judul, rekomendasi=rekomendasi)
    s.full_clean()
    s.save()
    return s


def _arti(arti: list, skala: int) -> list[str]:
    """The level texts, one per level of the scale (missing ones empty)."""
    arti = [str(a or "").strip() for a in (arti or [])][:skala]
    return arti + [""] * (skala - len(arti))


@transaction.atomic
def set_isi(*, set: SetKriteria, sumber: SetKriteria | None) -> int:
    """Replace the criteria of ``set`` by a copy of ``sumber``'s (last year's, Bappeda's
    recommendation) or, without a source, by the seed's five examples."""
    set = SetKriteria.objects.select_for_update().get(pk=set.pk)
    _wajib_tidak_terkunci(set)
    if sumber is not None and sumber.pk == set.pk:
        raise DomainError(_("Sumber kriteria sama dengan kriteria ini."))
    set.kriteria.all().delete()
    if sumber is None:
        baru = [
            Kriteria(
                set=set,
                urutan=i,
                nama=str(nama),
                deskripsi=str(deskripsi),
                bobot=1,
                skala=5,
                arti_nilai=[str(a) for a in arti],
            )
            for i, (nama, deskripsi, arti) in enumerate(KRITERIA_SEED, start=1)
        ]
    else:
        baru = [
            Kriteria(
                set=set,
                urutan=k.urutan,
                nama=k.nama,
                deskripsi=k.deskripsi,
                bobot=k.bobot,
                skala=k.skala,
                arti_nilai=_arti(k.arti_nilai, k.skala),
            )
            for k in sumber.kriteria.all()
        ]
    for k in baru:
        k.full_clean(exclude=["set"])
    Kriteria.objects.bulk_create(baru)
    return len(baru)


@transaction.atomic
def kriteria_simpan(*, set: SetKriteria, kriteria: Kriteria | None, data: dict) -> Kriteria:
    """Add a criterion to ``set`` or change one: nama, deskripsi, bobot, skala, arti_nilai
    (one text per level), urutan."""
    set = SetKriteria.objects.select_for_update().get(pk=set.pk)
    _wajib_tidak_terkunci(set)
    if kriteria is None:
        kriteria = Kriteria(set=set, urutan=(set.kriteria.count() + 1))
    elif kriteria.set_id != set.pk:
        raise DomainError(_("Kriteria ini bukan dari set ini."))
    for name in ("nama", "deskripsi", "bobot", "skala", "urutan"):
        if name in data:
            setattr(kriteria, name, data[name])
    kriteria.nama = (kriteria.nama or "").strip()
    kriteria.arti_nilai = _arti(data.get("arti_nilai", kriteria.arti_nilai), kriteria.skala)
    kriteria.full_clean()
    kriteria.save()
    return kriteria


@transaction.atomic
def kriteria_hapus(*, set: SetKriteria, kriteria: Kriteria) -> None:
    set = SetKriteria.objects.select_for_update().get(pk=set.pk)
    _wajib_tidak_terkunci(set)
    if kriteria.set_id != set.pk:
        raise DomainError(_("Kriteria ini bukan dari set ini."))
    kriteria.delete()


@transaction.atomic
def set_buka_kunci(*, set: SetKriteria, jumlah: int) -> int:
    """Unlock the criteria by discarding every score. ``jumlah`` is the count the user
    confirmed: if scores came in since, the confirmation no longer holds."""
    set = SetKriteria.objects.select_for_update().get(pk=set.pk)
    if set.sesi.filter(ditutup_pada__isnull=False).exists():
        raise DomainError(
            _("Ada kelompok yang sudah menutup penilaiannya; buka kembali penilaian itu dulu.")
        )
    skor = Skor.objects.filter(kriteria__set=set)
    n = skor.count()
    if n != jumlah:
        raise DomainError(
            _("Jumlah nilai berubah sejak konfirmasi (sekarang %(n)d). Periksa lagi, lalu ulangi.")
            % {"n": n}
        )
    skor.delete()
    return n


def sesi_buat(*, set: SetKriteria, nama: str) -> SesiPenilaian:
    sesi = SesiPenilaian(set=set, nama=nama)
    sesi.full_clean()
    sesi.save()
    return sesi


@transaction.atomic
def penilai_tetapkan(*, sesi: SesiPenilaian, daftar: list[tuple[int, str]]) -> list[Penilai]:
    """The session's scorers become exactly ``daftar`` ((reference, name) of each).
    A scorer who already entered scores cannot be removed (their scores would vanish
    from the ranking unseen)."""
    sesi = SesiPenilaian.objects.select_for_update().get(pk=sesi.pk)
    if sesi.ditutup:
        raise DomainError(_("Penilaian sudah ditutup; penilai tidak dapat diubah."))
    if not daftar:
        raise DomainError(_("Pilih sedikitnya satu penilai."))
    mau = dict(daftar)
    ada = {p.rujukan: p for p in sesi.penilai.annotate(n=Count("skor"))}
    keluar = [p for r, p in ada.items() if r not in mau]
    bernilai = [p for p in keluar if p.n]
    if bernilai:
        raise DomainError(
            _("Penilai yang sudah memasukkan nilai tidak dapat dikeluarkan:"),
            [_("%(n)s (%(j)d nilai)") % {"n": p.nama, "j": p.n} for p in bernilai],
        )
    Penilai.objects.filter(pk__in=[p.pk for p in keluar]).delete()
    for rujukan, nama in mau.items():
        if rujukan in ada:
            if ada[rujukan].nama != nama:
                ada[rujukan].nama = nama
                ada[rujukan].save(update_fields=["nama", "updated_at"])
        else:
            Penilai.objects.create(sesi=sesi, rujukan=rujukan, nama=nama)
    return list(sesi.penilai.all())


@dataclass(frozen=True)
class Sel:
    """A cell of a score sheet after a save: its value (None when cleared) and version."""

    nilai: int | None
    versi: int


@transaction.atomic
def skor_simpan(
    *,
    penilai: Penilai,
    usulan_id: int,
    kriteria: Kriteria,
    nilai: int | None,
    versi: int,
    cara: str = CaraInput.LANGSUNG,
    oleh=None,
) -> Sel:
    """Save one cell of ``penilai``'s sheet (``nilai`` None clears it). ``versi`` is the
    version the sheet showed (0: empty): a newer one in the database means another tab
    or device saved since, and the save is refused with the newer value."""
    sesi = SesiPenilaian.objects.select_for_update().get(pk=penilai.sesi_id)
    if sesi.ditutup:
        raise DomainError(_("Penilaian kelompok ini sudah ditutup; nilai tidak dapat diubah."))
    if kriteria.set_id != sesi.set_id:
        raise DomainError(_("Kriteria ini bukan kriteria penilaian kelompok ini."))
    if nilai is not None and not 1 <= nilai <= kriteria.skala:
        raise DomainError(
            _("Nilai %(k)s antara 1 dan %(s)d.") % {"k": kriteria.nama, "s": kriteria.skala}
        )
    if cara not in CaraInput.values:
        raise ValueError(cara)
    skor = (
        Skor.objects.select_for_update()
        .filter(penilai=penilai, usulan_id=usulan_id, kriteria=kriteria)
        .first()
    )
    if (skor.versi if skor else 0) != versi:
        raise SkorBentrok(skor)
    if nilai is None:
        if skor:
            catat_jejak(
                oleh=oleh,
                objek=skor,
                induk=sesi,
                aksi=_("menghapus nilai"),
                perubahan={"nilai": [skor.nilai, None]},
                catatan=penilai.nama,
            )
            skor.delete()
        return Sel(None, 0)
    if skor is None:
        skor = Skor(penilai=penilai, usulan_id=usulan_id, kriteria=kriteria, versi=0)
    elif skor.nilai == nilai:
        return Sel(skor.nilai, skor.versi)
    else:
        # A first entry is its own record (who, how, when); a change goes to the trail.
        catat_jejak(
            oleh=oleh,
            objek=skor,
            induk=sesi,
            aksi=_("mengubah nilai"),
            perubahan={"nilai": [skor.nilai, nilai]},
            catatan=penilai.nama,
        )
    skor.nilai, skor.cara, skor.versi = nilai, cara, skor.versi + 1
    skor.dicatat_oleh = oleh if getattr(oleh, "pk", None) else None
    skor.full_clean()
    skor.save()
    return Sel(skor.nilai, skor.versi)


def kekurangan_sesi(sesi: SesiPenilaian, usulan_ids: list[int]) -> list[str]:
    """What still stops the session from closing: no criteria, no scorer, empty cells."""
    kriteria = list(sesi.set.kriteria.values_list("pk", flat=True))
    if not kriteria:
        return [_("Kriteria penilaian belum ditetapkan.")]
    # Only the scores that count: of the session's usulan, on the set's criteria.
    terhitung = Q(skor__usulan_id__in=usulan_ids, skor__kriteria_id__in=kriteria)
    penilai = list(sesi.penilai.annotate(n=Count("skor", filter=terhitung)))
    if not penilai:
        return [_("Penilai kelompok belum ditetapkan.")]
    target = len(usulan_ids) * len(kriteria)
    return [
        _("%(p)s: %(n)d dari %(t)d nilai belum diisi.")
        % {"p": p.nama, "n": target - p.n, "t": target}
        for p in penilai
        if p.n < target
    ]


@transaction.atomic
def sesi_tutup(*, sesi: SesiPenilaian, usulan_ids: list[int]) -> SesiPenilaian:
    sesi = SesiPenilaian.objects.select_for_update().select_related("set").get(pk=sesi.pk)
    if sesi.ditutup:
        raise DomainError(_("Penilaian kelompok ini sudah ditutup."))
    if not usulan_ids:
        raise DomainError(_("Tidak ada usulan layak untuk dinilai."))
    kurang = kekurangan_sesi(sesi, usulan_ids)
    if kurang:
        raise DomainError(_("Penilaian belum dapat ditutup:"), kurang)
    sesi.ditutup_pada = timezone.now()
    sesi.save(update_fields=["ditutup_pada", "updated_at"])
    return sesi


@transaction.atomic
def sesi_buka(*, sesi: SesiPenilaian) -> SesiPenilaian:
    sesi = SesiPenilaian.objects.select_for_update().get(pk=sesi.pk)
    if not sesi.ditutup:
        raise DomainError(_("Penilaian kelompok ini belum ditutup."))
    sesi.ditutup_pada = None
    sesi.save(update_fields=["ditutup_pada", "updated_at"])
    return sesi


@transaction.atomic
def set_salin(*, set: SetKriteria, sesi: list[SesiPenilaian], rujukan: dict) -> tuple:
    """A full copy of ``set`` with the given sessions of it — scorers (their references
    mapped through ``rujukan``, new personal links), scores and closing — for an owner's
    practice copy. Returns the new set and {old session id: new session}."""
    baru = set_buat(kode_wilayah=set.kode_wilayah, judul=set.judul)
    peta_kriteria = {}
    for k in set.kriteria.all():
        lama = k.pk
        k.pk, k.set = None, baru
        k._state.adding = True
        k.save()
        peta_kriteria[lama] = k
    peta_sesi = {}
    for s in sesi:
        salinan = SesiPenilaian.objects.create(set=baru, nama=s.nama, ditutup_pada=s.ditutup_pada)
        peta_sesi[s.pk] = salinan
        for p in s.penilai.prefetch_related("skor"):
            q = Penilai.objects.create(
                sesi=salinan,
                nama=p.nama,
                rujukan=rujukan.get(p.rujukan),
                di_kertas=p.di_kertas,
            )
            Skor.objects.bulk_create(
                Skor(
                    penilai=q,
                    kriteria=peta_kriteria[x.kriteria_id],
                    usulan_id=x.usulan_id,
                    nilai=x.nilai,
                    cara=x.cara,
                    dicatat_oleh_id=x.dicatat_oleh_id,
                    versi=x.versi,
                )
                for x in p.skor.all()
            )
    return baru, peta_sesi


@transaction.atomic
def set_hapus(*, set: SetKriteria, sesi_ids: list[int]) -> None:
    """Delete a set with its sessions, scorers and scores (a deleted practice copy's)."""
    SesiPenilaian.objects.filter(pk__in=sesi_ids).delete()
    SesiPenilaian.objects.filter(set=set).delete()
    set.delete()


# Bappeda's recommended criteria for its daerah: one set, offered to every kecamatan.


def rekomendasi_daerah(daerah) -> SetKriteria | None:
    return SetKriteria.objects.filter(rekomendasi=True, kode_wilayah=daerah.kode).first()


def _rekomendasi(user, daerah) -> SetKriteria:
    wajib(user, Aksi.KELOLA_MASTER, daerah)
    s = rekomendasi_daerah(daerah)
    if s is None:
        s = set_buat(
            kode_wilayah=daerah.kode,
            judul=_("Kriteria rekomendasi Bappeda %(d)s") % {"d": daerah.nama},
            rekomendasi=True,
        )
    return s


@transaction.atomic
def rekomendasi_isi_contoh(*, user, daerah) -> SetKriteria:
    """Bappeda starts its recommendation from the seed's five examples."""
    s = _rekomendasi(user, daerah)
    n = set_isi(set=s, sumber=None)
    catat_jejak(oleh=user, objek=s, aksi=_("mengisi kriteria rekomendasi"), catatan=str(n))
    return s


@transaction.atomic
def rekomendasi_kriteria_simpan(*, user, daerah, kriteria: Kriteria | None, data: dict):
    s = _rekomendasi(user, daerah)
    sebelum = None if kriteria is None else kriteria.nama
    k = kriteria_simpan(set=s, kriteria=kriteria, data=data)
    catat_jejak(
        oleh=user,
        objek=k,
        induk=s,
        aksi=_("mengubah kriteria rekomendasi") if sebelum else _("menambah kriteria rekomendasi"),
        perubahan={"kriteria": [sebelum, str(k)]},
    )
    return k


@transaction.atomic
def rekomendasi_kriteria_hapus(*, user, daerah, kriteria: Kriteria) -> None:
    s = _rekomendasi(user, daerah)
    nama = kriteria.nama
    kriteria_hapus(set=s, kriteria=kriteria)
    catat_jejak(
        oleh=user,
        objek=s,
        aksi=_("menghapus kriteria rekomendasi"),
        perubahan={"kriteria": [nama, None]},
    )
