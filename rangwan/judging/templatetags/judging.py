from fractions import Fraction

from django import template

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
