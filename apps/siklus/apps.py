from django.apps import AppConfig


class SiklusConfig(AppConfig):
    name = "apps.siklus"
    verbose_name = "Siklus perencanaan"
