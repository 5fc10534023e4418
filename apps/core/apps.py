from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "Inti"

    def ready(self):
        # Django 6.1's blank choice ("- Select an option -") has no Indonesian translation
        # yet; the documented way to change it is here.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("— Pilih —")

        # Pillow's own limit is ~89 million pixels (a warning, an error at twice that);
        # ours is lower and applies to every Image.open in the process.
        from django.conf import settings
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
