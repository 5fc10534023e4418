"""Usulan are scoped by a stored wilayah kode (their kelurahan's, or the kecamatan's for
the kecamatan forum's own usulan)."""

from django.db import migrations, models


def isi(apps, schema_editor):
    Usulan = apps.get_model("usulan", "Usulan")
    Kelurahan = apps.get_model("wilayah", "Kelurahan")
    for k in Kelurahan.objects.all():
        Usulan.objects.filter(kelurahan=k).update(kode_wilayah=k.kode)


class Migration(migrations.Migration):
    dependencies = [
        ("usulan", "0003_didanai_desa_rpjm_biaya"),
        ("wilayah", "0004_daerah_zona_waktu"),
    ]

    operations = [
        migrations.AddField(
            model_name="usulan",
            name="kode_wilayah",
            field=models.CharField(db_index=True, default="", editable=False, max_length=13),
            preserve_default=False,
        ),
        migrations.RunPython(isi, migrations.RunPython.noop),
    ]
