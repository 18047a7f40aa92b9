"""Taskwarrior: a JSON array for ``task import``, recurring directives as recurring tasks."""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from extractor.archive.export.fields import (
    EPOCH,
    TASK_UUID_NAMESPACE,
    details,
    document_of,
    excerpt,
    rrule_parts,
    slug,
    task_id,
    text_or_none,
)
from extractor.archive.status import deadline_date
from extractor.dates import add_days, add_months, parse_iso, safe_date

__all__ = ["taskwarrior_recur", "to_taskwarrior"]


_TW_NAMED = {
    ("DAILY", 1): "daily",
    ("WEEKLY", 1): "weekly",
    ("WEEKLY", 2): "biweekly",
    ("MONTHLY", 1): "monthly",
    ("MONTHLY", 2): "bimonthly",
    ("MONTHLY", 3): "quarterly",
    ("MONTHLY", 6): "semiannual",
    ("YEARLY", 1): "yearly",
    ("YEARLY", 2): "biyearly",
}
_TW_PERIOD = {"daily": "daily", "weekly": "weekly", "monthly": "monthly", "quarterly": "quarterly"}
_TW_PERIOD |= {"semiannual": "semiannual", "yearly": "yearly"}
_WEEKDAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def taskwarrior_recur(rule: str | None, recurrence: str | None = None) -> str | None:
    """Taskwarrior's ``recur`` value for an RRULE (or the bare period word), None if it has none.

    Taskwarrior steps calendar months itself for ``monthly``, ``bimonthly``, ``quarterly``,
    ``semiannual``, ``yearly``, ``biyearly`` and ``P<n>M`` (src/recur.cpp ``getNextRecurrence``);
    other day/week counts are durations (``3d``, ``3w``). ``6mo`` is *not* used: Taskwarrior
    parses it as a fixed 30-day duration and the date drifts.
    """
    parts = rrule_parts(rule)
    freq = parts.get("FREQ")
    if freq is None:
        return _TW_PERIOD.get((recurrence or "").strip().lower())
    try:
        interval = max(int(parts.get("INTERVAL", "1")), 1)
    except ValueError:
        interval = 1
    named = _TW_NAMED.get((freq, interval))
    if named:
        return named
    return {"DAILY": f"{interval}d", "WEEKLY": f"{interval}w", "MONTHLY": f"P{interval}M"}.get(
        freq, f"P{interval}Y" if freq == "YEARLY" else None
    )


def _first_occurrence(rule: str | None, recurrence: str | None, after: date) -> date | None:
    """The first date the rule falls on strictly after ``after`` (the document's date).

    Taskwarrior needs a ``due`` to recur from; a recurring directive ("báo cáo hằng quý") first
    falls due one period after it is issued, or on the next day the rule names (BYDAY,
    BYMONTHDAY, BYMONTH). Covers the rules ``extractor.find.recurrence`` writes.
    """
    parts = rrule_parts(rule)
    freq = parts.get("FREQ") or {
        "daily": "DAILY",
        "weekly": "WEEKLY",
        "monthly": "MONTHLY",
        "quarterly": "MONTHLY",
        "semiannual": "MONTHLY",
        "yearly": "YEARLY",
    }.get((recurrence or "").strip().lower())
    try:
        interval = max(int(parts.get("INTERVAL", "1")), 1)
        if not parts.get("FREQ") and recurrence in ("quarterly", "semiannual"):
            interval = 3 if recurrence == "quarterly" else 6
        by_month_day = int(parts["BYMONTHDAY"]) if "BYMONTHDAY" in parts else None
        by_month = int(parts["BYMONTH"]) if "BYMONTH" in parts else None
    except ValueError:
        return None
    if by_month_day is not None and not 1 <= by_month_day <= 31:
        by_month_day = None
    if by_month is not None and not 1 <= by_month <= 12:
        by_month = None
    if freq == "DAILY":
        return add_days(after, interval)
    if freq == "WEEKLY":
        weekday = _WEEKDAY.get(parts.get("BYDAY", "")[-2:])
        if weekday is None:
            return after + timedelta(weeks=interval)
        return add_days(after, (weekday - after.weekday() - 1) % 7 + 1)
    if freq == "MONTHLY":
        if by_month_day is None:
            return add_months(after, interval)
        this_month = add_months(after, 0, by_month_day)
        return this_month if this_month > after else add_months(after, 1, by_month_day)
    if freq == "YEARLY":
        if by_month is None:
            return add_months(after, 12 * interval)
        for year in (after.year, after.year + 1):
            candidate = add_months(date(year, by_month, 1), 0, by_month_day or 1)
            if candidate > after:
                return candidate
    return None


def _tw_time(day: date, utc_offset_hours: int) -> str:
    """Local midnight of ``day`` in UTC, as Taskwarrior stores dates (``YYYYMMDDTHHMMSSZ``).

    ``task add due:2024-06-15`` means local midnight; Vietnam is UTC+7 all year (no DST), so the
    default gives the same instant as typing the date in Taskwarrior there.
    """
    moment = datetime.combine(day, datetime.min.time())
    try:
        moment -= timedelta(hours=utc_offset_hours)
    except OverflowError:  # 0001-01-01: nothing earlier to go to
        pass
    return _tw_format(moment)


def _tw_format(moment: datetime) -> str:
    """``YYYYMMDDTHHMMSSZ`` zero-padded (``strftime("%Y")`` is not, for years before 1000)."""
    return f"{moment.year:04d}{moment:%m%dT%H%M%S}Z"


def to_taskwarrior(
    tasks: Iterable[Mapping[str, Any]],
    *,
    done_ids: Collection[str] = frozenset(),
    utc_offset_hours: int = 7,
) -> str:
    """A JSON array of Taskwarrior tasks, one task a line, for ``task import FILE``.

    Taskwarrior 2.6 and 3.x ``task import`` parse the input as a JSON array (what ``task export``
    writes) and fall back to one object a line; an array is the form both document. Fields:
    ``uuid`` (UUID5 of the task id: re-importing updates instead of duplicating), description,
    status (``pending`` / ``completed``; no ``end``: Taskwarrior stamps it, and keeps its own on
    re-import), ``entry`` (the issued date, so re-imports compare
    equal), ``due``, ``project`` (issuer slug), ``tags`` (doc_type and number slugs),
    ``annotations`` (units, document, rule). Recurring tasks get ``recur`` (see
    :func:`taskwarrior_recur`) and a ``due`` — Taskwarrior refuses ``recur`` without one: the
    deadline date, or the rule's first occurrence after the issued date; when the deadline comes
    after that first occurrence it ends the series (``until``: "hằng ngày … đến tháng 6/2025").
    A recurring task with no date at all to start from gets no ``recur``, only the tag
    ``recurring`` and the rule in an annotation.
    """
    lines = [json.dumps(_record(t, done_ids, utc_offset_hours), ensure_ascii=False) for t in tasks]
    if not lines:
        return "[]\n"
    return "[\n" + ",\n".join(lines) + "\n]\n"


def _record(task: Mapping[str, Any], done_ids: Collection[str], utc_offset_hours: int) -> dict[str, Any]:
    """One Taskwarrior task (see :func:`to_taskwarrior` for the fields)."""
    doc = document_of(task)
    tid = task_id(task)
    issued = parse_iso(doc.get("issued_date"))
    stamp = _tw_time(issued or EPOCH, utc_offset_hours)
    record: dict[str, Any] = {
        "uuid": str(uuid.uuid5(TASK_UUID_NAMESPACE, tid)),
        "description": excerpt(str(task.get("text") or ""), limit=10_000) or tid,
        "status": "completed" if tid in done_ids else "pending",
        "entry": stamp,
    }
    rule = text_or_none(task.get("recurrence_rule"))
    period = text_or_none(task.get("recurrence"))
    due, until, recur = _schedule(deadline_date(task), rule, period, issued)
    if due:
        record["due"] = _tw_time(due, utc_offset_hours)
    if recur and due:
        record["recur"] = recur
        if until and until >= due:
            end = add_days(until, 1) if until < date.max else until
            record["until"] = _tw_time(end, utc_offset_hours)
    project = slug(text_or_none(doc.get("issuer")))
    if project:
        record["project"] = project
    tags = [slug(text_or_none(doc.get("doc_type"))), slug(text_or_none(doc.get("number")))]
    if (rule or period) and not recur:
        tags.append("recurring")
    tags = list(dict.fromkeys(t for t in tags if t))
    if tags:
        record["tags"] = tags
    notes = details(task)
    if notes:
        record["annotations"] = [
            {
                "entry": _tw_format(datetime.strptime(stamp, "%Y%m%dT%H%M%SZ") + timedelta(seconds=i)),
                "description": note,
            }
            for i, note in enumerate(notes)
        ]
    return record


def _schedule(
    due: date | None, rule: str | None, period: str | None, issued: date | None
) -> tuple[date | None, date | None, str | None]:
    """(due, until, recur) of a task: a recurring one starts at its first occurrence after the
    issued date and a later deadline ends the series; no date to start from, no ``recur``."""
    until: date | None = None
    recur = taskwarrior_recur(rule, period) if (rule or period) else None
    if recur:
        try:
            first = _first_occurrence(rule, period, issued) if issued else None
        except (OverflowError, ValueError):  # past year 9999: no occurrence to start from
            first = None
        if due and first and first < due:
            due, until = first, due
        elif due is None:
            due = first
        until = _rrule_date(rrule_parts(rule).get("UNTIL")) or until
        if due is None:
            recur = None
    return due, until, recur


def _rrule_date(value: str | None) -> date | None:
    """An RRULE ``UNTIL`` (``20250630`` or ``20250630T000000Z``) → date."""
    if not value or len(value) < 8 or not value[:8].isdigit():
        return None
    return safe_date(int(value[:4]), int(value[4:6]), int(value[6:8]))
