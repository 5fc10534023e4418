"""A forum's status history moves into the one audit trail (apps.core Jejak)."""

from django.db import migrations

LABEL = {
    "persiapan": "Persiapan",
    "pelaksanaan": "Pelaksanaan",
    "penetapan": "Penetapan",
    "selesai": "Selesai (berita acara ditandatangani)",
}


def salin(apps, schema_editor):
    Riwayat = apps.get_model("musyawarah", "RiwayatMusyawarah")
    Jejak = apps.get_model("core", "Jejak")
    Jejak.objects.bulk_create(
        Jejak(
            waktu=r.waktu,
            oleh_id=r.oleh_id,
            kode_wilayah=r.musyawarah.kode_wilayah,
            objek_jenis="musyawarah.musyawarah",
            objek_id=str(r.musyawarah_id),
            objek=f"Musyawarah {r.musyawarah_id}",
            aksi="status",
            perubahan={"status": [LABEL.get(r.dari, ""), LABEL.get(r.ke, r.ke)]},
            catatan=r.catatan,
        )
        for r in Riwayat.objects.select_related("musyawarah").order_by("waktu", "pk")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("musyawarah", "0002_keluaran_kelurahan_latihan_materi"),
        ("core", "0001_jejak"),
    ]

    operations = [
        migrations.RunPython(salin, migrations.RunPython.noop),
        migrations.DeleteModel(name="RiwayatMusyawarah"),
    ]
