"""Demo users, one per peran and wilayah, all with the password ``musrenbang-demo``."""

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from apps.akun.models import Penugasan, Peran, User
from apps.wilayah.models import Daerah

KATA_SANDI = "musrenbang-demo"


class _Pembuat:
    def __init__(self):
        # Hashing is deliberately slow; one hash shared by ~90 demo accounts keeps the
        # command fast. Real accounts each get their own salt.
        self._hash = make_password(KATA_SANDI)
        self.dibuat: list[tuple[str, str, str]] = []

    def user(self, username: str, nama: str, **extra) -> User:
        return User.objects.get_or_create(
            username=username, defaults={"nama": nama, "password": self._hash, **extra}
        )[0]

    def tugaskan(self, user: User, peran: str, wilayah_field: str, wilayah, jabatan: str):
        Penugasan.objects.get_or_create(
            user=user, peran=peran, **{wilayah_field: wilayah}, defaults={"jabatan": jabatan}
        )
        self.dibuat.append((user.username, Peran(peran).label, str(wilayah)))


def muat_superuser() -> User:
    user, created = User.objects.get_or_create(
        username="admin",
        defaults={"nama": "Administrator", "is_superuser": True, "is_staff": True},
    )
    if created:
        user.set_password(KATA_SANDI)
        user.save(update_fields=["password"])
    return user


def muat_pengguna(daerah: Daerah) -> list[tuple[str, str, str]]:
    """Create the demo accounts of ``daerah``; returns (username, peran, wilayah) rows."""
    p = _Pembuat()
    p.dibuat.append(("admin", "Superuser", "semua daerah"))
    bappeda = p.user("bappeda", "Admin Bappeda")
    p.tugaskan(bappeda, Peran.ADMIN_BAPPEDA, "daerah", daerah, "Perencana Bappeda")
    for kecamatan in daerah.kecamatan.order_by("kode"):
        slug = slugify(kecamatan.nama)
        camat = p.user(f"camat-{slug}", f"Camat {kecamatan.nama}")
        p.tugaskan(camat, Peran.CAMAT, "kecamatan", kecamatan, f"Camat {kecamatan.nama}")
        operator_kec = p.user(f"operator-kecamatan-{slug}", f"Operator {kecamatan}")
        p.tugaskan(
            operator_kec,
            Peran.OPERATOR_KECAMATAN,
            "kecamatan",
            kecamatan,
            f"Operator {kecamatan}",
        )
        fasilitator = p.user(f"fasilitator-{slug}", f"Fasilitator {kecamatan.nama}")
        p.tugaskan(fasilitator, Peran.FASILITATOR, "kecamatan", kecamatan, "Fasilitator")
        for kelurahan in kecamatan.kelurahan.order_by("kode"):
            operator = p.user(f"operator-{slugify(kelurahan.nama)}", f"Operator {kelurahan.nama}")
            p.tugaskan(
                operator,
                Peran.OPERATOR_KELURAHAN,
                "kelurahan",
                kelurahan,
                f"Operator {kelurahan}",
            )
    for pd in daerah.perangkat_daerah.order_by("nama"):
        user = p.user(f"skpd-{slugify(pd.singkatan)}", f"Operator {pd.singkatan}")
        p.tugaskan(
            user, Peran.PERANGKAT_DAERAH, "perangkat_daerah", pd, f"Perencana {pd.singkatan}"
        )
    return p.dibuat
