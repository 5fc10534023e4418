from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "apps.penilaian"
    verbose_name = "Penilaian (skoring)"
