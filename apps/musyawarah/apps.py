from django.apps import AppConfig


class MusyawarahConfig(AppConfig):
    name = "apps.musyawarah"
    verbose_name = "Musyawarah"
