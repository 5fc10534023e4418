from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedModelAdmin, ScopedTabularInline
from apps.core.exceptions import DomainError
from apps.siklus import services
from apps.siklus.models import PaguIndikatif, PrioritasDaerah, Siklus, Tahapan
from apps.siklus.selectors import peringatan_jadwal


class TahapanInline(ScopedTabularInline):
    model = Tahapan
    fields = ["jenis", "mulai", "selesai"]
    max_num = len(Tahapan.Jenis)


class PrioritasDaerahInline(ScopedTabularInline):
    model = PrioritasDaerah
    fields = ["nomor", "nama", "sasaran"]


class PaguIndikatifInline(ScopedTabularInline):
    model = PaguIndikatif
    fields = ["kecamatan", "jumlah"]
    extra = 0


@admin.register(Siklus)
class SiklusAdmin(ScopedModelAdmin):
    list_display = ["nama", "daerah", "aktif"]
    list_filter = ["daerah", "aktif"]
    list_select_related = ["daerah"]
    # Activation goes through siklus_aktifkan, which deactivates the previous siklus.
    readonly_fields = ["aktif"]
    actions = ["aktifkan"]

    def get_fields(self, request, obj=None):
        return ["daerah", "tahun_rencana"] + (["aktif"] if obj else [])

    def get_inlines(self, request, obj):
        # On creation the five tahapan are added with default dates; edit them afterwards.
        return [TahapanInline, PrioritasDaerahInline, PaguIndikatifInline] if obj else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.siklus_lengkapi_tahapan(siklus=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for peringatan in peringatan_jadwal(form.instance):
            messages.warning(request, peringatan)

    @admin.action(description=_("Jadikan siklus aktif"))
    def aktifkan(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, _("Pilih tepat satu siklus untuk diaktifkan."))
            return
        try:
            siklus = services.siklus_aktifkan(user=request.user, siklus=queryset.get())
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("%(siklus)s sekarang siklus aktif.") % {"siklus": siklus})
