"""Calendar arithmetic and ISO-date reading (extractor.dates): properties against naive references."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.dates import add_days, add_months, iso, month_end, parse_iso, safe_date

DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
MONTHS = st.integers(min_value=-1200, max_value=1200)


def _naive_month_end(year: int, month: int) -> dt.date:
    """Walk back from the first of the next month: no calendar module."""
    first_next = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return first_next - dt.timedelta(days=1)


def _naive_add_months(day: dt.date, months: int) -> dt.date:
    """One month at a time, then the day clamped to the target month's length."""
    year, month = day.year, day.month
    step = 1 if months > 0 else -1
    for _ in range(abs(months)):
        month += step
        if month == 13:
            year, month = year + 1, 1
        elif month == 0:
            year, month = year - 1, 12
    return dt.date(year, month, min(day.day, _naive_month_end(year, month).day))


@given(DAYS, MONTHS)
def test_add_months_matches_naive_reference(day: dt.date, months: int) -> None:
    assert add_months(day, months) == _naive_add_months(day, months)


@given(DAYS, MONTHS)
def test_add_months_round_trips_when_no_clamping(day: dt.date, months: int) -> None:
    day = day.replace(day=min(day.day, 28))  # every month has a 28th: nothing is clamped
    assert add_months(add_months(day, months), -months) == day


@given(DAYS, MONTHS)
def test_add_months_clamps_to_month_end(day: dt.date, months: int) -> None:
    moved = add_months(day, months)
    assert moved.day == min(day.day, _naive_month_end(moved.year, moved.month).day)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months


@given(DAYS, MONTHS, st.integers(min_value=1, max_value=31))
def test_add_months_on_a_given_day(day: dt.date, months: int, day_of_month: int) -> None:
    moved = add_months(day, months, day_of_month)
    assert moved.day == min(day_of_month, _naive_month_end(moved.year, moved.month).day)


@pytest.mark.parametrize(
    ("day", "months", "want"),
    [
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2024, 3, 31), -1, dt.date(2024, 2, 29)),
        (dt.date(2024, 11, 15), 3, dt.date(2025, 2, 15)),
        (dt.date(2024, 5, 31), 12, dt.date(2025, 5, 31)),
    ],
)
def test_add_months_cases(day: dt.date, months: int, want: dt.date) -> None:
    assert add_months(day, months) == want


@given(st.integers(min_value=1, max_value=9998), st.integers(min_value=1, max_value=12))
def test_month_end_is_day_before_next_first(year: int, month: int) -> None:
    assert month_end(year, month) == _naive_month_end(year, month)


@given(st.integers(min_value=1, max_value=9999), st.integers().filter(lambda m: not 1 <= m <= 12))
def test_month_end_rejects_impossible_months(year: int, month: int) -> None:
    assert month_end(year, month) is None


def test_month_end_leap_february_and_year_bounds() -> None:
    assert month_end(2024, 2) == dt.date(2024, 2, 29)
    assert month_end(1900, 2) == dt.date(1900, 2, 28)
    assert month_end(2000, 2) == dt.date(2000, 2, 29)
    assert month_end(9999, 12) == dt.date(9999, 12, 31)
    assert month_end(0, 1) is None and month_end(10000, 1) is None


@given(DAYS, st.integers(min_value=1, max_value=400))
def test_working_days_skip_weekends_and_count_weekdays(day: dt.date, days: int) -> None:
    end = add_days(day, days, working=True)
    assert end.weekday() < 5
    between = [day + dt.timedelta(days=k) for k in range(1, (end - day).days + 1)]
    assert sum(1 for d in between if d.weekday() < 5) == days


@given(DAYS, st.integers(min_value=-400, max_value=400))
def test_calendar_days_are_plain_timedelta(day: dt.date, days: int) -> None:
    assert add_days(day, days) == day + dt.timedelta(days=days)


def test_working_days_cases() -> None:
    friday = dt.date(2024, 5, 17)
    assert add_days(friday, 1, working=True) == dt.date(2024, 5, 20)  # Monday
    assert add_days(friday, 5, working=True) == dt.date(2024, 5, 24)
    assert add_days(dt.date(2024, 5, 18), 0, working=True) == dt.date(2024, 5, 18)  # nothing to count


@given(st.dates())
def test_parse_iso_accepts_every_isoformat(day: dt.date) -> None:
    assert parse_iso(day.isoformat()) == day
    assert parse_iso(day.isoformat() + "T08:30:00+07:00") == day
    assert parse_iso(day) == day
    assert parse_iso(dt.datetime(day.year, day.month, day.day, 23, 59)) == day


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",))))
def test_parse_iso_rejects_text_without_digits(text: str) -> None:
    assert parse_iso(text) is None


@pytest.mark.parametrize(
    "value", ["2024-02-30", "2023-13-01", "2024-1-5", "05/01/2024", "", None, 20240105, 3.5]
)
def test_parse_iso_rejects_garbage(value: object) -> None:
    assert parse_iso(value) is None


@given(st.integers(min_value=1, max_value=9999), st.integers(-5, 20), st.integers(-5, 40))
def test_safe_date_is_date_or_none(year: int, month: int, day: int) -> None:
    try:
        want: dt.date | None = dt.date(year, month, day)
    except ValueError:
        want = None
    assert safe_date(year, month, day) == want


@given(st.dates())
def test_iso(day: dt.date) -> None:
    assert iso(day) == day.isoformat()
    assert iso(None) is None
