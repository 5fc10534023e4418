"""Admin bases that show each user only their wilayah's rows.

Permission questions go to the admin site (``self.admin_site.boleh``), which apps.akun
provides; core stays free of any import from the apps above it.
"""

from django.contrib import admin
from django.http import Http404


class _Scoped:
    aksi = "master.kelola"

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model._default_manager
        if hasattr(related, "for_user"):
            kwargs["queryset"] = related.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _boleh(self, request, obj=None) -> bool:
        return self.admin_site.boleh(request.user, self.aksi, obj)

    def has_view_permission(self, request, obj=None):
        return self._boleh(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._boleh(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._boleh(request, obj)


class ScopedModelAdmin(_Scoped, admin.ModelAdmin):
    def get_object(self, request, object_id, from_field=None):
        # Out of scope and nonexistent look the same: 404, never a hint.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def has_module_permission(self, request):
        return self._boleh(request)

    def has_add_permission(self, request):
        return self._boleh(request)

    def save_model(self, request, obj, form, change):
        # Foreign keys limited to the user's wilayah are the first guard; this is the last.
        if not self._boleh(request, obj):
            raise Http404
        super().save_model(request, obj, form, change)


class ScopedTabularInline(_Scoped, admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return self._boleh(request, obj)
