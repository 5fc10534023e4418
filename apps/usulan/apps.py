from django.apps import AppConfig


class UsulanConfig(AppConfig):
    name = "apps.usulan"
    verbose_name = "Usulan"
