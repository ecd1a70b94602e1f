"""Telling the user why a write was refused: on the form, or as flash messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def attach_to_form(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors on their fields (when
    the form has them), everything else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def flash_form_errors(request, form) -> None:
    """A form posted from a page that does not show it again (an upload in a list):
    its errors as flash messages."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
