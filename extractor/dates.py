"""Calendar arithmetic and ISO-date reading, once for the whole package.

Deadlines, the header's issue date, the archive's status rule and the tracker exports all need
"the last day of a month", "n months later" and "is this an ISO date"; they share these so that
the same date never reads two ways.
"""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = ["add_days", "add_months", "iso", "month_end", "parse_iso", "safe_date"]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31/2, month 13): printed dates may be wrong."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date | None:
    """Last day of the month ("trong tháng 2/2024" → 2024-02-29); None for a month outside 1–12."""
    if not 1 <= month <= 12 or not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int, day_of_month: int | None = None) -> dt.date:
    """``day`` moved ``months`` calendar months, on ``day_of_month`` (default: the same day),
    clamped to the end of the target month (31/1 + 1 month → 28/2 or 29/2)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day_of_month or day.day, last))


def add_days(day: dt.date, days: int, working: bool = False) -> dt.date:
    """``days`` later; with ``working``, only Monday–Friday count ("05 ngày làm việc")."""
    if not working:
        return day + dt.timedelta(days=days)
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def parse_iso(value: object) -> dt.date | None:
    """A date, or ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its day) → date; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def iso(value: dt.date | None) -> str | None:
    """``YYYY-MM-DD`` of a date, None for None."""
    return value.isoformat() if value else None
