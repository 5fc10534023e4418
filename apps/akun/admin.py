"""Users and penugasan in the admin.

An admin Bappeda creates the accounts of their daerah (operators, camat, fasilitator,
SKPD) and assigns them; only a superuser can grant superuser or staff status.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from apps.akun.models import Penugasan, User
from apps.akun.permissions import Aksi
from apps.akun.throttle import buka_kunci
from apps.core.admin import ScopedModelAdmin, ScopedTabularInline


class PenugasanInline(ScopedTabularInline):
    model = Penugasan
    aksi = Aksi.KELOLA_PENGGUNA
    fields = ["peran", "daerah", "kecamatan", "kelurahan", "perangkat_daerah", "jabatan", "aktif"]
    fk_name = "user"


class UserChange(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class UserCreation(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "nama", "email")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChange
    add_form = UserCreation
    list_display = ["username", "nama", "email", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "penugasan__peran"]
    search_fields = ["username", "nama", "email"]
    ordering = ["username"]
    inlines = [PenugasanInline]
    actions = ["buka_kunci_masuk"]
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "nama",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        fieldsets = [
            (None, {"fields": ("username", "password")}),
            (_("Data diri"), {"fields": ("nama", "email", "telepon")}),
            (_("Status"), {"fields": ("is_active",)}),
            (_("Waktu penting"), {"fields": ("last_login", "date_joined")}),
        ]
        if request.user.is_superuser:
            fieldsets[2] = (
                _("Status"),
                {"fields": ("is_active", "is_staff", "is_superuser")},
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return ["last_login", "date_joined"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def _boleh(self, request) -> bool:
        return self.admin_site.boleh(request.user, Aksi.KELOLA_PENGGUNA)

    def has_module_permission(self, request):
        return self._boleh(request)

    def has_view_permission(self, request, obj=None):
        return self._boleh(request)

    def has_add_permission(self, request):
        return self._boleh(request)

    def has_change_permission(self, request, obj=None):
        return self._boleh(request)

    def has_delete_permission(self, request, obj=None):
        # Deactivate instead: history rows keep pointing at the user.
        return request.user.is_superuser

    @admin.action(description=_("Buka kunci masuk (setelah kata sandi salah berkali-kali)"))
    def buka_kunci_masuk(self, request, queryset):
        # The queryset is the admin's own, scoped to the daerah: a Bappeda unlocks only
        # the accounts they manage.
        usernames = list(queryset.values_list("username", flat=True))
        buka_kunci(usernames)
        self.message_user(
            request,
            _("Kunci masuk dibuka untuk %(n)d akun: mereka bisa masuk lagi sekarang.")
            % {"n": len(usernames)},
            messages.SUCCESS,
        )


@admin.register(Penugasan)
class PenugasanAdmin(ScopedModelAdmin):
    aksi = Aksi.KELOLA_PENGGUNA
    list_display = ["user", "peran", "wilayah", "jabatan", "aktif"]
    list_filter = ["peran", "aktif"]
    search_fields = ["user__username", "user__nama", "jabatan"]
    list_select_related = ["user", "daerah", "kecamatan", "kelurahan", "perangkat_daerah"]
    autocomplete_fields = ["user"]
