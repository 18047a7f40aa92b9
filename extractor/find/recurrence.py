"""Recurring tasks: the recurrence phrases of a text, the one value a task gets, and its RRULE.

"Định kỳ hằng tháng", "hàng tuần", "báo cáo quý" make a task recurring (daily … yearly).
Trackers and calendars (iCalendar VTODO, Taskwarrior) take an RFC 5545 RRULE, not a word:
"định kỳ hằng quý" is ``FREQ=MONTHLY;INTERVAL=3``, "trước ngày 15 hằng tháng"
``FREQ=MONTHLY;BYMONTHDAY=15``, "thứ Sáu hằng tuần" ``FREQ=WEEKLY;BYDAY=FR``, "trước ngày 15
tháng 11 hằng năm" ``FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15``. Phrases and weekday names are in
``extractor/data/deadlines.yaml`` (read through ``date_grammar``).
"""

from __future__ import annotations

import functools
import re

from extractor.find.date_grammar import FLAGS, lexicon, roman_numerals
from extractor.lexicon import alternation
from extractor.spans import RecurrenceSpan

__all__ = ["find_recurrences", "pick_recurrence", "rrule_for"]

# RFC 5545 frequency of each recurrence value (not lexical: the values are the schema's).
_BASE = {
    "daily": "FREQ=DAILY",
    "weekly": "FREQ=WEEKLY",
    "monthly": "FREQ=MONTHLY",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "semiannual": "FREQ=MONTHLY;INTERVAL=6",
    "yearly": "FREQ=YEARLY",
}
# "thứ 2" … "thứ 7": Monday is the second day of the week
_WEEKDAY_DIGITS = {"2": "MO", "3": "TU", "4": "WE", "5": "TH", "6": "FR", "7": "SA"}


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compile once, on first use (the lexicon is data, so not at import time)."""
    lex = lexicon()
    every = alternation(lex.every, longest_first=False)
    one_period = rf"[0-9]|(?:{roman_numerals(12)})(?![\w])|{alternation(lex.recurrence_not_before, longest_first=False)}"
    phrases = "|".join(
        rf"(?P<{value}>(?<!\w)(?:{alternation(words)})(?!\w)(?!\s*(?:{one_period})))"
        for value, words in lex.recurrence.items()
    )
    # "ngày", "tháng", "tuần", "thứ" (before a weekday) and "của" are the grammar of a date
    names = alternation(lex.weekdays, longest_first=False)
    sunday = alternation(lex.sunday, longest_first=False, flexible_space=False)
    return {
        "recurrence": re.compile(phrases, FLAGS),
        "day_of_month": re.compile(rf"ngày\s+([0-9]{{1,2}})\s+(?:của\s+)?(?:{every})\s+tháng", re.IGNORECASE),
        "day_month": re.compile(r"ngày\s+([0-9]{1,2})\s*(?:/|tháng)\s*([0-9]{1,2})(?![0-9/])", re.IGNORECASE),
        "weekday": re.compile(rf"(?:thứ\s+({names}|[2-7])|({sunday}))\s+(?:{every})\s+tuần", re.IGNORECASE),
    }


def find_recurrences(text: str) -> list[RecurrenceSpan]:
    """Every recurrence phrase ("định kỳ hằng tháng", "hàng tuần", "trước ngày 15 hằng tháng"), in order."""
    return [
        RecurrenceSpan(m.start(), m.end(), m.group(0), "RECURRENCE", value=m.lastgroup or "monthly")
        for m in _patterns()["recurrence"].finditer(text)
    ]


def pick_recurrence(spans: list[RecurrenceSpan]) -> str | None:
    """The one value a task gets: the first span, except "định kỳ 6 tháng, hằng năm" → yearly.

    The gold treats a six-monthly-and-annual pair as yearly (d22), and otherwise the first
    listed frequency ("hàng tuần, hàng tháng" → weekly, d34).
    """
    if not spans:
        return None
    first = spans[0].value
    if first == "semiannual" and any(s.value == "yearly" for s in spans[1:]):
        return "yearly"
    return first


def _weekday(word: str) -> str:
    return _WEEKDAY_DIGITS.get(word) or lexicon().weekdays[word]


def rrule_for(value: str | None, text: str) -> str | None:
    """The RRULE for a recurrence ``value`` (daily … yearly) read in the task ``text``."""
    if value is None or value not in _BASE:
        return None
    rule = _BASE[value]
    pats = _patterns()
    if value == "monthly":
        m = pats["day_of_month"].search(text)
        if m and 1 <= int(m.group(1)) <= 31:
            rule += f";BYMONTHDAY={int(m.group(1))}"
    elif value == "weekly":
        m = pats["weekday"].search(text)
        if m:
            rule += ";BYDAY=" + ("SU" if m.group(2) else _weekday(m.group(1).lower()))
    elif value == "yearly":
        m = pats["day_month"].search(text)
        if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
            rule += f";BYMONTH={int(m.group(2))};BYMONTHDAY={int(m.group(1))}"
    return rule
