"""Dates typed as digits only (150599, 15051999) mean that day (issue 18): officers type them so,
and a bare number used to be read as a spreadsheet day number (150599 as the year 2312)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.domain.values import parse_flexible_date
from ltsa_desk.ui.intake_fields import digits_date

TODAY = date(2026, 12, 7)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_eight_digits_are_that_day(day: date) -> None:
    typed = day.strftime("%d%m%Y")
    assert parse_flexible_date(digits_date(typed, "planned_departure", TODAY), field="x") == day


@given(st.dates(min_value=TODAY - timedelta(days=99 * 365), max_value=TODAY))
def test_six_digit_birth_dates_are_never_in_the_future(day: date) -> None:
    typed = day.strftime("%d%m%y")
    assert parse_flexible_date(digits_date(typed, "birth_date", TODAY), field="x") == day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_six_digit_departures_are_this_century(day: date) -> None:
    typed = day.strftime("%d%m%y")
    assert parse_flexible_date(digits_date(typed, "planned_departure", TODAY), field="x") == day


@given(st.text(max_size=12))
def test_anything_else_is_left_as_typed(text: str) -> None:
    if not (text.isdigit() and len(text) in (6, 8)):
        assert digits_date(text, "birth_date", TODAY) == text
