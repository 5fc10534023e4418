"""factory_boy factories. Codes follow the Kemendagri path (daerah 63.71, kecamatan
63.71.01, kelurahan 63.71.01.1001) so scoping by prefix is exercised for real."""

import factory
from django.contrib.auth.hashers import make_password

from apps.akun.models import Penugasan, Peran, User
from apps.siklus.models import PrioritasDaerah, Siklus
from apps.siklus.services import siklus_lengkapi_tahapan
from apps.wilayah.models import RT, Daerah, Kecamatan, Kelurahan, Lingkungan, PerangkatDaerah

PASSWORD = "rahasia-uji-123"


class DaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Daerah
        django_get_or_create = ["kode"]

    kode = factory.Sequence(lambda n: f"{90 + n // 100:02d}.{n % 100:02d}")
    nama = factory.Sequence(lambda n: f"Kota Uji {n}")
    jenis = Daerah.Jenis.KOTA
    provinsi = "Provinsi Uji"


class KecamatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kecamatan
        django_get_or_create = ["kode"]

    daerah = factory.SubFactory(DaerahFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.daerah.kode}.{n % 100:02d}")
    nama = factory.Sequence(lambda n: f"Kecamatan Uji {n}")


class KelurahanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kelurahan
        django_get_or_create = ["kode"]

    kecamatan = factory.SubFactory(KecamatanFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.kecamatan.kode}.{1000 + n % 9000}")
    nama = factory.Sequence(lambda n: f"Kelurahan Uji {n}")
    jenis = Kelurahan.Jenis.KELURAHAN


class LingkunganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lingkungan

    kelurahan = factory.SubFactory(KelurahanFactory)
    jenis = Lingkungan.Jenis.RW
    nomor = factory.Sequence(lambda n: n + 1)


class RTFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RT

    lingkungan = factory.SubFactory(LingkunganFactory)
    nomor = factory.Sequence(lambda n: n + 1)


class PerangkatDaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah

    daerah = factory.SubFactory(DaerahFactory)
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    singkatan = factory.Sequence(lambda n: f"DU{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"pengguna-{n}")
    nama = factory.Sequence(lambda n: f"Pengguna {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class PenugasanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Penugasan

    user = factory.SubFactory(UserFactory)
    peran = Peran.OPERATOR_KELURAHAN


def tugaskan(peran: str, wilayah, username: str | None = None, **user_kwargs) -> User:
    """A user with one penugasan of ``peran`` on ``wilayah`` (the model decides the field)."""
    field = {
        Daerah: "daerah",
        Kecamatan: "kecamatan",
        Kelurahan: "kelurahan",
        PerangkatDaerah: "perangkat_daerah",
    }[type(wilayah)]
    user = UserFactory(**({"username": username} if username else {}), **user_kwargs)
    PenugasanFactory(user=user, peran=peran, **{field: wilayah})
    return user


class SiklusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Siklus
        skip_postgeneration_save = True

    daerah = factory.SubFactory(DaerahFactory)
    tahun_rencana = 2028
    aktif = True

    @factory.post_generation
    def tahapan(obj, create, extracted, **kwargs):
        if create:
            siklus_lengkapi_tahapan(siklus=obj)


class PrioritasDaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrioritasDaerah

    siklus = factory.SubFactory(SiklusFactory)
    nomor = factory.Sequence(lambda n: n + 1)
    nama = factory.Sequence(lambda n: f"Prioritas {n}")


def data_usulan(kelurahan, **overrides) -> dict:
    """What an operator fills in for a valid usulan of ``kelurahan`` (funded by swadaya)."""
    from decimal import Decimal

    lingkungan = kelurahan.lingkungan.order_by("nomor").first() or LingkunganFactory(
        kelurahan=kelurahan, nomor=1
    )
    data = {
        "judul": "Peninggian jalan gang dengan cor beton",
        "bidang": "pembangunan",
        "sektor": "infrastruktur",
        "permasalahan": "Jalan gang tergenang saat air pasang.",
        "volume": Decimal("120"),
        "satuan": "m",
        "lingkungan": lingkungan,
        "sasaran": "Warga RT 03",
        "perkiraan_biaya": Decimal("150000000"),
        "sumber_pembiayaan": "swadaya",
        "pengusul": "Ketua RT 03 RW 01",
    }
    data.update(overrides)
    return data


def buat_usulan(operator, kelurahan, *, ajukan: bool = False, **overrides):
    """An usulan made the way an operator makes one: through the services."""
    from apps.usulan.services import usulan_ajukan, usulan_buat

    usulan = usulan_buat(
        user=operator, kelurahan=kelurahan, data=data_usulan(kelurahan, **overrides)
    )
    if ajukan:
        usulan = usulan_ajukan(user=operator, usulan=usulan)
    return usulan


def banyak_usulan(siklus, kelurahan, n: int, **fields) -> list:
    """``n`` usulan written in bulk, for lists and query counts (no history rows)."""
    from decimal import Decimal

    from apps.usulan.kode import buat_kode
    from apps.usulan.models import Usulan

    lingkungan = kelurahan.lingkungan.first() or LingkunganFactory(kelurahan=kelurahan, nomor=1)

    def satu(i):
        values = {
            "siklus": siklus,
            "kelurahan": kelurahan,
            "kode_wilayah": kelurahan.kode,
            "kode": buat_kode("UJI", siklus.tahun_rencana),
            "judul": f"Usulan nomor {i}",
            "bidang": ["pembangunan", "kemasyarakatan", "pemberdayaan"][i % 3],
            "sektor": "infrastruktur",
            "permasalahan": "Masalah",
            "volume": Decimal(10 + i),
            "satuan": "m",
            "lingkungan": lingkungan,
            "sasaran": "Warga",
            "perkiraan_biaya": Decimal(1_000_000 * (i + 1)),
            "sumber_pembiayaan": "swadaya",
            "pengusul": f"RT {i}",
            "diusulkan_sejak": siklus.tahun_forum,
        }
        values.update(fields)
        return Usulan(**values)

    return Usulan.objects.bulk_create(satu(i) for i in range(n))
