from fractions import Fraction

from django import template

from rangwan.judging.models import TIE_BREAK_LABELS
from rangwan.judging.tally import rounded

register = template.Library()


@register.filter
def score(value, places=2):
    """An exact mean or total, rounded for display: 197/3 -> 65.67."""
    if value is None or value == "":
        return ""
    return rounded(Fraction(value), int(places))


@register.filter
def signed(value):
    """Leniency: +2.25 / -0.72."""
    number = rounded(Fraction(value))
    return f"+{number}" if number > 0 else str(number)


@register.filter
def tie_break(label):
    """The tie-break link that placed a dossier, in words ("criterion 3" -> "placed by
    the joint work score (criterion 3)"); a label set by hand is shown as it is."""
    return TIE_BREAK_LABELS.get(label, label)
