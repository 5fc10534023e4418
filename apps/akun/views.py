from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from apps.akun.forms import MasukForm


class MasukView(auth_views.LoginView):
    template_name = "akun/masuk.html"
    form_class = MasukForm
    redirect_authenticated_user = True


class KeluarView(auth_views.LogoutView):
    pass


class UbahSandiView(auth_views.PasswordChangeView):
    template_name = "akun/ubah_sandi.html"
    success_url = reverse_lazy("beranda:index")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Kata sandi Anda sudah diubah."))
        return response
