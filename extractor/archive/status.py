"""The tracking status of one task record on a given day.

Pure and total: the archive stores the contract JSON (``Task.model_dump(mode="json")``) plus a
done flag kept by people, and reports ask "what is late today?". Everything here takes that dict,
tolerates missing optional fields and never raises on odd data (an unparsable date counts as no
date), so one damaged record cannot break a whole report.

Rules, in order:

1. ``done`` → ``"done"`` (whatever the deadline).
2. no ``deadline`` or ``deadline.date`` null (or not an ISO date):
   ``"open"`` for a recurring task (``recurrence_rule`` or ``recurrence`` set: it recurs, it has
   no single date to miss), else ``"no_deadline"``.
3. ``date < as_of`` → ``"overdue"`` (the day after the deadline is the first late day).
4. ``date <= as_of + soon_days`` → ``"due_soon"`` (a deadline on ``as_of`` itself is due soon,
   not overdue; with ``soon_days=0`` only today's deadlines are due soon).
5. otherwise ``"open"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, Final, Literal

__all__ = [
    "DONE",
    "DUE_SOON",
    "NO_DEADLINE",
    "OPEN",
    "OVERDUE",
    "STATUSES",
    "Status",
    "days_overdue",
    "deadline_date",
    "is_recurring",
    "parse_iso_date",
    "task_status",
]

Status = Literal["done", "overdue", "due_soon", "open", "no_deadline"]
DONE: Final = "done"
OVERDUE: Final = "overdue"
DUE_SOON: Final = "due_soon"
OPEN: Final = "open"
NO_DEADLINE: Final = "no_deadline"
#: Every status, in the order reports show them (most urgent first).
STATUSES: Final[tuple[Status, ...]] = (OVERDUE, DUE_SOON, OPEN, NO_DEADLINE, DONE)


def parse_iso_date(value: object) -> date | None:
    """``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date) → date; anything else → None."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def deadline_date(task: Mapping[str, Any]) -> date | None:
    """The task's deadline date, or None when it has none (or it is malformed)."""
    deadline = task.get("deadline")
    if not isinstance(deadline, Mapping):
        return None
    return parse_iso_date(deadline.get("date"))


def is_recurring(task: Mapping[str, Any]) -> bool:
    """True when the record carries a recurrence (a rule or at least the period word)."""
    return bool(task.get("recurrence_rule") or task.get("recurrence"))


def days_overdue(task: Mapping[str, Any], as_of: date) -> int:
    """Whole days past the deadline on ``as_of`` (0 when not late or no date)."""
    due = deadline_date(task)
    if due is None or due >= as_of:
        return 0
    return (as_of - due).days


def task_status(task: Mapping[str, Any], *, done: bool, as_of: date, soon_days: int = 7) -> Status:
    """The status of ``task`` on ``as_of``; see the module docstring for the exact rules."""
    if done:
        return DONE
    due = deadline_date(task)
    if due is None:
        return OPEN if is_recurring(task) else NO_DEADLINE
    if due < as_of:
        return OVERDUE
    if due <= as_of + timedelta(days=max(soon_days, 0)):
        return DUE_SOON
    return OPEN
