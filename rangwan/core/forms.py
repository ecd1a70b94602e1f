"""Form pieces shared by every app: dates typed and shown in the Buddhist Era."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rangwan.core.thai import BE_OFFSET, arabic_digits

_THAI_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


class BuddhistDateInput(forms.TextInput):
    """A text box showing dd/mm/yyyy in the Buddhist Era (14/02/2568).

    The browser's own date picker shows Christian-Era years in most locales, so a
    Thai office would see 2025 where every paper they hold says 2568.
    """

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": _("dd/mm/yyyy (B.E.)"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "date-be",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"
        return value


class BuddhistDateField(forms.DateField):
    """Reads 14/02/2568, 14/2/2568 or ๑๔/๐๒/๒๕๖๘ (B.E.); also ISO 2025-02-14."""

    widget = BuddhistDateInput
    default_error_messages = {
        "invalid": _("Write the date as day/month/year in the Buddhist Era, e.g. 14/02/2568."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = arabic_digits(str(value))
        if match := _ISO_DATE.match(text):
            year, month, day = (int(part) for part in match.groups())
        elif match := _THAI_DATE.match(text):
            day, month, year = (int(part) for part in match.groups())
            year -= BE_OFFSET
        else:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
