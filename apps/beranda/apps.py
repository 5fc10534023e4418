from django.apps import AppConfig


class BerandaConfig(AppConfig):
    name = "apps.beranda"
    verbose_name = "Beranda"
