"""iCalendar (RFC 5545): one VTODO per task, for calendar and to-do apps."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

from icalendar import Calendar, Todo, vRecur

from extractor.archive.export.fields import (
    EPOCH,
    description,
    document_of,
    excerpt,
    one_line,
    rrule_parts,
    task_id,
    text_or_none,
    unit_names,
)
from extractor.archive.status import deadline_date
from extractor.dates import parse_iso

__all__ = ["to_icalendar"]

_RRULE_KEYS = frozenset(
    "FREQ UNTIL COUNT INTERVAL BYSECOND BYMINUTE BYHOUR BYDAY BYMONTHDAY BYYEARDAY BYWEEKNO BYMONTH "
    "BYSETPOS WKST".split()
)
_FREQS = frozenset("SECONDLY MINUTELY HOURLY DAILY WEEKLY MONTHLY YEARLY".split())


def _valid_rrule(rule: str) -> bool:
    """Only RFC 5545 parts with a known FREQ: icalendar accepts junk like ``EVERY=SOMETIMES``."""
    items = [i for i in rule.strip().removeprefix("RRULE:").split(";") if i.strip()]
    parts = rrule_parts(rule)
    return (
        len(parts) == len(items)
        and parts.get("FREQ") in _FREQS
        and set(parts) <= _RRULE_KEYS
        and all(v.lstrip("+-").isdigit() for k, v in parts.items() if k in ("COUNT", "INTERVAL"))
    )


def to_icalendar(
    tasks: Iterable[Mapping[str, Any]],
    *,
    done_ids: Collection[str] = frozenset(),
    prodid: str = "-//extractor//vi//",
) -> bytes:
    """One VCALENDAR with a VTODO per task (RFC 5545), for calendar and to-do apps.

    UID ``<task id>@extractor`` (stable, so a re-import updates); DTSTAMP is the document's
    issued date (or 1970-01-01) so the bytes are deterministic; DUE is a ``VALUE=DATE`` from
    ``deadline.date``; RRULE from ``recurrence_rule`` (a rule icalendar cannot parse is left out,
    it stays in DESCRIPTION), with DTSTART on the issued date to anchor it; RELATED-TO points at
    the source document ``<doc_id>@extractor`` with ``RELTYPE=PARENT``; one
    ``X-EXTRACTOR-ASSIGNEE`` per canonical unit; CATEGORIES is the document type.
    """
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for task in tasks:
        doc = document_of(task)
        tid = task_id(task)
        issued = parse_iso(doc.get("issued_date"))
        todo = Todo()
        todo.add("uid", f"{tid}@extractor")
        todo.add("dtstamp", datetime.combine(issued or EPOCH, datetime.min.time(), tzinfo=timezone.utc))
        todo.add("summary", excerpt(str(task.get("text") or "")) or tid)
        todo.add("description", description(task))
        due = deadline_date(task)
        rule = text_or_none(task.get("recurrence_rule"))
        if rule and _valid_rrule(rule):
            try:
                recur = vRecur.from_ical(rule.removeprefix("RRULE:"))
                recur.to_ical()
            except Exception:  # icalendar raises assorted types on odd values; leave the rule out
                recur = None
            if recur:
                if issued and (due is None or issued <= due):
                    todo.add("dtstart", issued)
                todo.add("rrule", recur)
        if due:
            todo.add("due", due)
        todo.add("status", "COMPLETED" if tid in done_ids else "NEEDS-ACTION")
        doc_id = text_or_none(task.get("doc_id"))
        if doc_id:
            todo.add("related-to", f"{doc_id}@extractor", parameters={"RELTYPE": "PARENT"})
        for name in unit_names(task):
            todo.add("x-extractor-assignee", name)
        doc_type = text_or_none(doc.get("doc_type"))
        if doc_type:
            todo.add("categories", [one_line(doc_type)])
        cal.add_component(todo)
    return bytes(cal.to_ical())
