from django.apps import AppConfig


class KompilasiConfig(AppConfig):
    name = "apps.kompilasi"
    verbose_name = "Kompilasi Bappeda"
