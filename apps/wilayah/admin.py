from django.contrib import admin

from apps.core.admin import ScopedModelAdmin, ScopedTabularInline
from apps.wilayah.models import RT, Daerah, Kecamatan, Kelurahan, Lingkungan, PerangkatDaerah


@admin.register(Daerah)
class DaerahAdmin(ScopedModelAdmin):
    list_display = ["kode", "nama", "singkatan", "jenis", "provinsi", "zona_waktu"]
    search_fields = ["kode", "nama"]

    # A daerah is created once per deployment, by the superuser; Bappeda edits its own.
    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Kecamatan)
class KecamatanAdmin(ScopedModelAdmin):
    list_display = ["kode", "nama", "daerah"]
    list_filter = ["daerah"]
    search_fields = ["kode", "nama"]
    list_select_related = ["daerah"]


class LingkunganInline(ScopedTabularInline):
    model = Lingkungan
    fields = ["jenis", "nomor", "nama"]


@admin.register(Kelurahan)
class KelurahanAdmin(ScopedModelAdmin):
    list_display = ["kode", "nama", "jenis", "kecamatan"]
    list_filter = ["kecamatan", "jenis"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kecamatan"]
    inlines = [LingkunganInline]


class RTInline(ScopedTabularInline):
    model = RT
    fields = ["nomor"]


@admin.register(Lingkungan)
class LingkunganAdmin(ScopedModelAdmin):
    list_display = ["__str__", "kelurahan"]
    list_filter = ["kelurahan__kecamatan"]
    search_fields = ["kelurahan__nama", "nama"]
    list_select_related = ["kelurahan"]
    autocomplete_fields = ["kelurahan"]
    inlines = [RTInline]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(ScopedModelAdmin):
    list_display = ["singkatan", "nama", "daerah", "aktif"]
    list_filter = ["aktif", "daerah"]
    search_fields = ["nama", "singkatan"]
    list_select_related = ["daerah"]
