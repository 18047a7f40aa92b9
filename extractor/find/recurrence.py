"""RFC 5545 recurrence rules for recurring tasks.

Trackers and calendars (iCalendar VTODO, Taskwarrior) take an RRULE, not a word: "định kỳ hằng
quý" is ``FREQ=MONTHLY;INTERVAL=3``, "trước ngày 15 hằng tháng" ``FREQ=MONTHLY;BYMONTHDAY=15``,
"thứ Sáu hằng tuần" ``FREQ=WEEKLY;BYDAY=FR``, "trước ngày 15 tháng 11 hằng năm"
``FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15``.
"""

from __future__ import annotations

import re

_BASE = {
    "daily": "FREQ=DAILY",
    "weekly": "FREQ=WEEKLY",
    "monthly": "FREQ=MONTHLY",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "semiannual": "FREQ=MONTHLY;INTERVAL=6",
    "yearly": "FREQ=YEARLY",
}
_WEEKDAYS = {
    "hai": "MO",
    "ba": "TU",
    "tư": "WE",
    "năm": "TH",
    "sáu": "FR",
    "bảy": "SA",
    "2": "MO",
    "3": "TU",
    "4": "WE",
    "5": "TH",
    "6": "FR",
    "7": "SA",
}
_DAY_OF_MONTH = re.compile(r"ngày\s+([0-9]{1,2})\s+(?:của\s+)?(?:hằng|hàng|mỗi)\s+tháng", re.IGNORECASE)
_DAY_MONTH = re.compile(r"ngày\s+([0-9]{1,2})\s*(?:/|tháng)\s*([0-9]{1,2})(?![0-9/])", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"(?:thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|(chủ nhật))\s+(?:hằng|hàng|mỗi)\s+tuần", re.IGNORECASE
)


def rrule_for(value: str | None, text: str) -> str | None:
    """The RRULE for a recurrence ``value`` (daily … yearly) read in the task ``text``."""
    if value is None or value not in _BASE:
        return None
    rule = _BASE[value]
    if value == "monthly":
        m = _DAY_OF_MONTH.search(text)
        if m and 1 <= int(m.group(1)) <= 31:
            rule += f";BYMONTHDAY={int(m.group(1))}"
    elif value == "weekly":
        m = _WEEKDAY.search(text)
        if m:
            rule += ";BYDAY=" + ("SU" if m.group(2) else _WEEKDAYS[m.group(1).lower()])
    elif value == "yearly":
        m = _DAY_MONTH.search(text)
        if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
            rule += f";BYMONTH={int(m.group(2))};BYMONTHDAY={int(m.group(1))}"
    return rule
