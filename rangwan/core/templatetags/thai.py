"""Template filters for Thai dates and digits; loaded as a builtin in every template.

{{ d|date_full }} -> ๑๕ มกราคม ๒๕๖๘        {{ d|date_full:"arabic" }} -> 15 มกราคม 2568
{{ d|date_short }} -> 15 ม.ค. 2568         {{ d|date_short:"thai" }} -> ๑๕ ม.ค. ๒๕๖๘
{{ d|date_weekday }} -> วันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘
{{ n|thai_digits }} -> ๑๑
"""

from django import template

from rangwan.core import thai

register = template.Library()


def _wants_thai(arg: str | None, default: bool) -> bool:
    if arg is None:
        return default
    return arg == "thai"


@register.filter
def date_full(value, arg=None):
    return thai.date_full(value, thai=_wants_thai(arg, True)) if value else ""


@register.filter
def date_short(value, arg=None):
    return thai.date_short(value, thai=_wants_thai(arg, False)) if value else ""


@register.filter
def date_weekday(value, arg=None):
    return thai.date_weekday(value, thai=_wants_thai(arg, True)) if value else ""


@register.filter
def datetime_short(value, arg=None):
    return thai.datetime_short(value, thai=_wants_thai(arg, False)) if value else ""


@register.filter
def thai_digits(value):
    return thai.thai_digits(value)


@register.filter
def num(value, arg=None):
    return thai.number(value, thai=_wants_thai(arg, False))
