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

The rule exists once, in :func:`status_for`; :func:`task_status` (a record dict),
:func:`status_of` (a stored row) and :func:`status_sql` (the same CASE in SQL, for filters and
facets in both backends) all read it from here, and a test checks that the SQL agrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final, Literal

from extractor.dates import add_days, parse_iso

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
    "status_for",
    "status_of",
    "status_sql",
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


#: ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date) → date; anything else → None.
parse_iso_date = parse_iso


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


def status_for(due: date | None, *, done: bool, recurring: bool, as_of: date, soon_days: int = 7) -> Status:
    """The rule itself (see the module docstring), on plain values."""
    if done:
        return DONE
    if due is None:
        return OPEN if recurring else NO_DEADLINE
    if due < as_of:
        return OVERDUE
    if due <= add_days(as_of, max(soon_days, 0)):
        return DUE_SOON
    return OPEN


def task_status(task: Mapping[str, Any], *, done: bool, as_of: date, soon_days: int = 7) -> Status:
    """The status of ``task`` on ``as_of``; see the module docstring for the exact rules."""
    return status_for(
        deadline_date(task), done=done, recurring=is_recurring(task), as_of=as_of, soon_days=soon_days
    )


def status_of(
    deadline_date: str | None, done: bool, as_of: date, due_days: int = 7, recurring: bool = False
) -> Status:
    """The status of a stored task row (its deadline as ``YYYY-MM-DD`` text), as of a day."""
    return status_for(
        parse_iso(deadline_date), done=done, recurring=recurring, as_of=as_of, soon_days=due_days
    )


def status_sql(as_of: date, soon_days: int = 7) -> tuple[str, list[Any]]:
    """:func:`status_for` as an SQL CASE over the archive's ``tasks t`` row (``done``, ``recurring``
    and ``deadline_date`` as ``YYYY-MM-DD`` text, which sorts like the date), with its parameters."""
    soon = (add_days(as_of, max(soon_days, 0))).isoformat()
    sql = (
        f"(CASE WHEN t.done = 1 THEN '{DONE}' "
        f"WHEN t.deadline_date IS NULL THEN (CASE WHEN t.recurring = 1 THEN '{OPEN}' ELSE '{NO_DEADLINE}' END) "
        f"WHEN t.deadline_date < ? THEN '{OVERDUE}' WHEN t.deadline_date <= ? THEN '{DUE_SOON}' "
        f"ELSE '{OPEN}' END)"
    )
    return sql, [as_of.isoformat(), soon]
