import datetime as dt

from django.template import Context, Template
from django.utils import timezone, translation

from rangwan.core import thai


def test_date_full_is_thai_with_thai_digits():
    assert thai.date_full(dt.date(2025, 1, 15)) == "๑๕ มกราคม ๒๕๖๘"


def test_date_full_can_use_arabic_digits():
    assert thai.date_full(dt.date(2025, 1, 15), thai=False) == "15 มกราคม 2568"


def test_date_short_uses_abbreviated_month_and_be_year():
    assert thai.date_short(dt.date(2025, 1, 15)) == "15 ม.ค. 2568"
    assert thai.date_short(dt.date(2025, 1, 15), thai=True) == "๑๕ ม.ค. ๒๕๖๘"


def test_date_weekday_names_the_day_as_the_letter_does():
    # The seed letter: "ภายในวันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘" and "วันพุธที่ ๓๐ เมษายน ๒๕๖๘".
    assert thai.date_weekday(dt.date(2025, 2, 14)) == "วันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘"
    assert thai.date_weekday(dt.date(2025, 4, 30)) == "วันพุธที่ ๓๐ เมษายน ๒๕๖๘"


def test_every_month_and_weekday_is_named():
    months = {thai.date_full(dt.date(2025, m, 1), thai=False).split()[1] for m in range(1, 13)}
    assert len(months) == 12
    days = {thai.date_weekday(dt.date(2025, 1, d)).split("ที่")[0] for d in range(1, 8)}
    assert days == {f"วัน{name}" for name in thai.WEEKDAYS_TH}


def test_english_keeps_the_buddhist_era():
    with translation.override("en"):
        assert thai.date_full(dt.date(2025, 1, 15)) == "15 January B.E. 2568"
        assert thai.date_short(dt.date(2025, 1, 15)) == "15 Jan 2568"
        assert thai.date_weekday(dt.date(2025, 2, 14)) == "Friday 14 February B.E. 2568"


def test_aware_datetime_is_shown_in_bangkok_time():
    # 20:30 UTC on 14 Feb is already 15 Feb in Bangkok.
    moment = dt.datetime(2025, 2, 14, 20, 30, tzinfo=dt.UTC)
    assert thai.date_full(moment) == "๑๕ กุมภาพันธ์ ๒๕๖๘"
    assert thai.datetime_short(moment) == "15 ก.พ. 2568 เวลา 03:30 น."
    assert timezone.get_current_timezone_name() == "Asia/Bangkok"


def test_digits_convert_both_ways():
    assert thai.thai_digits("ที่ ฉข 0019/ว 731") == "ที่ ฉข ๐๐๑๙/ว ๗๓๑"
    assert thai.arabic_digits("๒๕๖๘") == "2568"
    assert thai.number(1760, thai=True) == "๑,๗๖๐"


def test_template_filters_render_thai_dates():
    template = Template(
        "{{ d|date_full }}|{{ d|date_short }}|{{ d|date_weekday }}|{{ d|date_full:'arabic' }}"
        "|{{ n|thai_digits }}"
    )
    with translation.override("th"):
        out = template.render(Context({"d": dt.date(2025, 2, 14), "n": 11}))
    assert out == ("๑๔ กุมภาพันธ์ ๒๕๖๘|14 ก.พ. 2568|วันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘|14 กุมภาพันธ์ 2568|๑๑")


def test_template_filters_leave_missing_dates_empty():
    assert Template("[{{ d|date_full }}]").render(Context({"d": None})) == "[]"
