"""Thai dates and digits, the way Thai government documents write them.

One small module instead of PyThaiNLP: PyThaiNLP would add 67 MB and about 90 ms of
import time for three functions (figures and the script in README and bench/).

Every date is shown in the Buddhist Era (B.E. = C.E. + 543), in both languages.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language

BE_OFFSET = 543

MONTHS_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_TH_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
# Monday first, as datetime.weekday() counts.
WEEKDAYS_TH = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def thai_digits(value: object) -> str:
    """'2568' -> '๒๕๖๘'; everything that is not a digit is left alone."""
    return str(value).translate(_TO_THAI_DIGITS)


def arabic_digits(value: object) -> str:
    """'๒๕๖๘' -> '2568'."""
    return str(value).translate(_TO_ARABIC_DIGITS)


def be_year(value: dt.date) -> int:
    return value.year + BE_OFFSET


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _english() -> bool:
    return (get_language() or "th").startswith("en")


def _digits(text: str, thai: bool) -> str:
    return thai_digits(text) if thai else text


def date_full(value: dt.date | dt.datetime, *, thai: bool = True) -> str:
    """'๑๕ มกราคม ๒๕๖๘' (in English: '15 January B.E. 2568')."""
    day = _as_date(value)
    if _english():
        return f"{day.day} {MONTHS_EN[day.month - 1]} B.E. {be_year(day)}"
    return _digits(f"{day.day} {MONTHS_TH[day.month - 1]} {be_year(day)}", thai)


def date_short(value: dt.date | dt.datetime, *, thai: bool = False) -> str:
    """'15 ม.ค. 2568' (in English: '15 Jan 2568')."""
    day = _as_date(value)
    if _english():
        return f"{day.day} {MONTHS_EN[day.month - 1][:3]} {be_year(day)}"
    return _digits(f"{day.day} {MONTHS_TH_SHORT[day.month - 1]} {be_year(day)}", thai)


def date_weekday(value: dt.date | dt.datetime, *, thai: bool = True) -> str:
    """'วันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘' (in English: 'Friday 14 February B.E. 2568')."""
    day = _as_date(value)
    if _english():
        return f"{WEEKDAYS_EN[day.weekday()]} {date_full(day)}"
    text = f"วัน{WEEKDAYS_TH[day.weekday()]}ที่ {day.day} {MONTHS_TH[day.month - 1]} {be_year(day)}"
    return _digits(text, thai)


def datetime_short(value: dt.datetime, *, thai: bool = False) -> str:
    """'15 ม.ค. 2568 เวลา 14:05 น.' in Asia/Bangkok."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if _english():
        return f"{date_short(local)}, {local:%H:%M}"
    return _digits(f"{date_short(local)} เวลา {local:%H:%M} น.", thai)


def number(value: object, *, thai: bool = False) -> str:
    """A number with thousands separators, in Thai digits when asked."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else str(value)
    return _digits(text, thai)
