"""Showing a refused action to the user: one helper for every view.

Services refuse with ``DomainError`` (a business rule) or ``ValidationError`` (raised by
``full_clean()``: a model constraint, e.g. a second ketua of the TPM). Both are the
user's to fix, never a 500: views catch ``GALAT_LAYANAN`` and call ``tampilkan_galat``,
which puts field errors beside the form's fields (the input stays in the form) and
everything else in the page's messages.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from apps.core.exceptions import DomainError

GALAT_LAYANAN = (DomainError, ValidationError)


def _label(form, field: str) -> str:
    if form is not None and field in form.fields:
        return str(form.fields[field].label or field)
    return field.replace("_", " ")


def tampilkan_galat(request, e: Exception, form=None) -> None:
    """Show ``e`` (a DomainError or ValidationError): on ``form`` where it names one of its
    fields, as messages otherwise. A DomainError's details each get their own line."""
    if isinstance(e, DomainError):
        messages.error(request, e.message)
        for rincian in e.rincian:
            messages.warning(request, rincian)
        return
    if not hasattr(e, "error_dict"):
        for pesan in e.messages:
            messages.error(request, pesan)
        return
    for field, errors in e.error_dict.items():
        if form is not None and (field in form.fields or field == NON_FIELD_ERRORS):
            form.add_error(None if field == NON_FIELD_ERRORS else field, errors)
            continue
        for pesan in ValidationError(errors).messages:
            if field == NON_FIELD_ERRORS:
                messages.error(request, pesan)
            else:
                messages.error(request, f"{_label(form, field).capitalize()}: {pesan}")
    if form is not None and form.errors:
        messages.error(request, _("Belum tersimpan: periksa isian yang ditandai."))


def teks_galat(e: Exception) -> str:
    """The refusal as one line of text (for a small htmx fragment)."""
    if isinstance(e, DomainError):
        return str(e)
    return " ".join(e.messages)
