import datetime as dt

import pytest
from django import forms
from django.utils import translation

from rangwan.core.forms import BuddhistDateField


class DayForm(forms.Form):
    day = BuddhistDateField()


@pytest.mark.parametrize(
    "typed",
    ["14/02/2568", "14/2/2568", "๑๔/๐๒/๒๕๖๘", " 14-02-2568 ", "14.02.2568", "2025-02-14"],
)
def test_buddhist_dates_are_read_as_typed(typed):
    form = DayForm({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2025, 2, 14)


@pytest.mark.parametrize("typed", ["31/02/2568", "14/02", "next friday", "14/13/2568"])
def test_impossible_dates_get_a_thai_message(typed):
    with translation.override("th"):
        form = DayForm({"day": typed})
        assert not form.is_valid()
        assert form.errors["day"] == ["กรุณากรอกวันที่เป็น วัน/เดือน/ปี พุทธศักราช เช่น 14/02/2568"]


def test_dates_are_shown_in_the_buddhist_era():
    form = DayForm(initial={"day": dt.date(2025, 4, 30)})
    assert 'value="30/04/2568"' in str(form["day"])
