from django.apps import AppConfig


class PantauanConfig(AppConfig):
    name = "apps.pantauan"
    verbose_name = "Pantauan Bappeda"
