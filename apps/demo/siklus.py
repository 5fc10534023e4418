"""Demo siklus: RKPD 2027 (last year, done) and the active RKPD 2028 (forums Jan-Mar 2027)."""

from apps.siklus.models import PrioritasDaerah, Siklus
from apps.siklus.services import siklus_aktifkan, siklus_buat
from apps.wilayah.models import Daerah

PRIORITAS = [
    ("Percepatan penurunan stunting", "Prevalensi stunting balita turun menjadi di bawah 14%."),
    (
        "Penanganan kawasan kumuh dan permukiman",
        "Luas kawasan kumuh berkurang; akses air minum dan sanitasi layak meningkat.",
    ),
    (
        "Penanggulangan kemiskinan dan pemberdayaan ekonomi",
        "Persentase penduduk miskin turun; usaha mikro dan pelatihan kerja bertambah.",
    ),
    (
        "Pengendalian banjir dan drainase kota",
        "Genangan berkurang melalui normalisasi sungai, siring dan saluran drainase.",
    ),
    (
        "Peningkatan infrastruktur dan konektivitas",
        "Jalan lingkungan, jembatan dan titian dalam kondisi mantap.",
    ),
]


def muat_siklus(daerah: Daerah, *, user, tahun_rencana: int, aktif: bool) -> Siklus:
    siklus = Siklus.objects.filter(daerah=daerah, tahun_rencana=tahun_rencana).first()
    if siklus is None:
        siklus = siklus_buat(user=user, daerah=daerah, tahun_rencana=tahun_rencana)
    if aktif and not siklus.aktif:
        siklus_aktifkan(user=user, siklus=siklus)
    for nomor, (nama, sasaran) in enumerate(PRIORITAS, start=1):
        PrioritasDaerah.objects.get_or_create(
            siklus=siklus, nomor=nomor, defaults={"nama": nama, "sasaran": sasaran}
        )
    return siklus
