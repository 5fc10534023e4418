"""Form fields for numbers as Indonesians type them (see apps.core.angka)."""

from django import forms
from django.core.exceptions import ValidationError

from apps.core.angka import CONTOH_ANGKA, CONTOH_RUPIAH, dengan_contoh, parse_angka, parse_rupiah
from apps.core.formatting import bilangan


def angka_input(value) -> str:
    """A Decimal as the user would type it back: 1.500.000 or 2,5."""
    if isinstance(value, str):
        return value
    return bilangan(value)


class _BilanganField(forms.CharField):
    """A text input read by ``parse`` (a function of apps.core.angka) into a Decimal."""

    parse = staticmethod(parse_angka)
    contoh = CONTOH_ANGKA  # how to write it, after the error
    attrs: dict = {}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs=dict(self.attrs)))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return angka_input(value)

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return self.parse(value)
        except ValueError as e:
            raise ValidationError(dengan_contoh(str(e), self.contoh)) from e


class AngkaField(_BilanganField):
    """Accepts 150, 1.200, 2,5; gives a Decimal."""

    attrs = {"inputmode": "decimal"}


class RupiahField(_BilanganField):
    """Accepts Rp 1.500.000, 1.500.000,00, 1500000; gives a whole Decimal."""

    parse = staticmethod(parse_rupiah)
    contoh = CONTOH_RUPIAH
    attrs = {"inputmode": "numeric", "placeholder": "1.500.000"}


class KoordinatField(forms.DecimalField):
    """Latitude/longitude as GPS apps write them, with a dot (a comma is accepted too)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 6)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []
