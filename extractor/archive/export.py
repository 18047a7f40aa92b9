"""Exports of task records to the formats trackers import: JSONL, iCalendar, Jira CSV, Taskwarrior.

Every function takes an iterable of task dicts in the output contract (``Task.model_dump(mode=
"json")``, README "Output contract") plus the ids of the tasks people marked done, and returns
the whole file. They are pure and deterministic (same input → same bytes: no clock, no random
ids), and they never raise on a record with missing optional fields — a half-filled record from
an old archive still exports, with the missing parts left out.

``to_icalendar`` needs the optional ``icalendar`` package (``pip install 'extractor[archive]'``);
it is imported when called, so the other exports work without it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import uuid
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

from extractor.archive.status import deadline_date, parse_iso_date

__all__ = [
    "JIRA_COLUMNS",
    "TASK_UUID_NAMESPACE",
    "document_label",
    "excerpt",
    "slug",
    "taskwarrior_recur",
    "to_icalendar",
    "to_jira_csv",
    "to_jsonl",
    "to_taskwarrior",
    "unit_names",
]

#: Namespace of the Taskwarrior UUIDs: ``uuid5(TASK_UUID_NAMESPACE, task id)``, stable forever so
#: that re-importing an export updates the same Taskwarrior tasks instead of duplicating them.
TASK_UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:extractor:task")
_EPOCH = date(1970, 1, 1)
_SUMMARY_CHARS = 80
_BULLET = re.compile(r"^\s*(?:[-+•*–]|[a-zđ0-9]{1,3}[.)]|\([a-zđ0-9]{1,3}\))\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


# ── small helpers shared with report.py ────────────────────────────────────────────────────────


def _str(value: object) -> str | None:
    """A non-empty string, or None: the contract's optional text fields may be null or missing."""
    return value if isinstance(value, str) and value.strip() else None


def _one_line(text: str) -> str:
    """Whitespace runs (newlines included) as one space: names go on one line everywhere."""
    return _SPACES.sub(" ", text).strip()


def _document(task: Mapping[str, Any]) -> Mapping[str, Any]:
    doc = task.get("document")
    return doc if isinstance(doc, Mapping) else {}


def slug(text: str | None) -> str:
    """ASCII, lower-case, hyphen-joined: ``Ủy ban nhân dân tỉnh Vĩnh Long`` → ``uy-ban-nhan-dan-tinh-vinh-long``.

    Labels, tags and projects in Jira and Taskwarrior cannot hold spaces, and some tools choke on
    non-ASCII; Vietnamese letters lose their marks (đ → d) rather than being dropped.
    """
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def excerpt(text: str | None, limit: int = _SUMMARY_CHARS) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary with ``…``.

    The list marker (``-``, ``a)``, ``2.``) is dropped: it carries no meaning out of the document.
    """
    line = _SPACES.sub(" ", text or "").strip()
    line = _BULLET.sub("", line, count=1) or line
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def unit_names(task: Mapping[str, Any]) -> list[str]:
    """The assignees' canonical names, falling back to the names as written; unique, in order.

    Canonical names (schema 3) group "Phòng Nội vụ" and "Phòng Nội vụ huyện" under one key;
    older records without ``assignee_units`` still have ``assignees``.
    """
    names: list[str] = []
    units = task.get("assignee_units")
    if isinstance(units, list):
        for unit in units:
            if isinstance(unit, Mapping):
                name = _str(unit.get("canonical")) or _str(unit.get("name"))
                if name:
                    names.append(_one_line(name))
    if not names:
        raw = task.get("assignees")
        if isinstance(raw, list):
            names = [_one_line(n) for n in raw if _str(n)]
    return list(dict.fromkeys(names))


def document_label(task: Mapping[str, Any]) -> str:
    """``118/KH-UBND (Kế hoạch), Ủy ban nhân dân tỉnh Vĩnh Long, 2024-05-20`` — whatever is known."""
    doc = _document(task)
    number = _str(doc.get("number"))
    doc_type = _str(doc.get("doc_type"))
    head = " ".join(p for p in (number, f"({doc_type})" if doc_type and number else doc_type) if p)
    parts = [p for p in (head, _str(doc.get("issuer")), _str(doc.get("issued_date"))) if p]
    return ", ".join(parts)


def _details(task: Mapping[str, Any]) -> list[str]:
    """Who, with whom, by when, how often, reporting to whom and from which document (Vietnamese
    labels, one a line): what a tracker shows beside the task text."""
    extra: list[str] = []
    names = unit_names(task)
    if names:
        extra.append("Chủ trì: " + "; ".join(names))
    collaborators = task.get("collaborators")
    if isinstance(collaborators, list) and any(_str(c) for c in collaborators):
        extra.append("Phối hợp: " + "; ".join(c for c in collaborators if _str(c)))
    deadline = task.get("deadline")
    if isinstance(deadline, Mapping) and (_str(deadline.get("text")) or _str(deadline.get("date"))):
        when = " / ".join(p for p in (_str(deadline.get("text")), _str(deadline.get("date"))) if p)
        extra.append("Thời hạn: " + when)
    if _str(task.get("recurrence_rule")) or _str(task.get("recurrence")):
        extra.append("Định kỳ: " + (_str(task.get("recurrence_rule")) or str(task.get("recurrence"))))
    if _str(task.get("report_to")):
        extra.append("Báo cáo: " + str(task.get("report_to")))
    label = document_label(task)
    if label:
        extra.append("Văn bản: " + label)
    if _str(task.get("source")):
        extra.append("Nguồn: " + str(task.get("source")))
    return extra


def _description(task: Mapping[str, Any]) -> str:
    """The full task text, a blank line, then :func:`_details`."""
    text = str(task.get("text") or "").strip()
    return "\n\n".join(p for p in (text, "\n".join(_details(task))) if p)


def _rrule_parts(rule: str | None) -> dict[str, str]:
    """``FREQ=MONTHLY;INTERVAL=3`` → ``{"FREQ": "MONTHLY", "INTERVAL": "3"}`` (upper-cased keys)."""
    parts: dict[str, str] = {}
    for item in (rule or "").strip().removeprefix("RRULE:").split(";"):
        key, sep, value = item.partition("=")
        if sep and key.strip() and value.strip():
            parts[key.strip().upper()] = value.strip().upper()
    return parts


_RRULE_KEYS = frozenset(
    "FREQ UNTIL COUNT INTERVAL BYSECOND BYMINUTE BYHOUR BYDAY BYMONTHDAY BYYEARDAY BYWEEKNO BYMONTH "
    "BYSETPOS WKST".split()
)
_FREQS = frozenset("SECONDLY MINUTELY HOURLY DAILY WEEKLY MONTHLY YEARLY".split())


def _valid_rrule(rule: str) -> bool:
    """Only RFC 5545 parts with a known FREQ: icalendar accepts junk like ``EVERY=SOMETIMES``."""
    items = [i for i in rule.strip().removeprefix("RRULE:").split(";") if i.strip()]
    parts = _rrule_parts(rule)
    return (
        len(parts) == len(items)
        and parts.get("FREQ") in _FREQS
        and set(parts) <= _RRULE_KEYS
        and all(v.lstrip("+-").isdigit() for k, v in parts.items() if k in ("COUNT", "INTERVAL"))
    )


def _task_id(task: Mapping[str, Any]) -> str:
    """The record's id; a record without one gets a stable id from its text (never random)."""
    tid = _str(task.get("id"))
    if tid:
        return tid
    return uuid.uuid5(TASK_UUID_NAMESPACE, json.dumps(task, sort_keys=True, default=str)).hex[:16]


# ── JSONL ─────────────────────────────────────────────────────────────────────────────────────


def to_jsonl(tasks: Iterable[Mapping[str, Any]]) -> str:
    """The records, one JSON object a line, keys in the order pydantic dumps them.

    Dicts keep insertion order, so a dict from ``model_dump`` or ``json.loads`` of a contract line
    is written back byte-identically to ``extractor extract`` (``ensure_ascii=False``).
    """
    return "".join(json.dumps(dict(t), ensure_ascii=False) + "\n" for t in tasks)


# ── iCalendar ─────────────────────────────────────────────────────────────────────────────────


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
    from icalendar import Calendar, Todo, vRecur

    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for task in tasks:
        doc = _document(task)
        tid = _task_id(task)
        issued = parse_iso_date(doc.get("issued_date"))
        todo = Todo()
        todo.add("uid", f"{tid}@extractor")
        todo.add("dtstamp", datetime.combine(issued or _EPOCH, datetime.min.time(), tzinfo=timezone.utc))
        todo.add("summary", excerpt(str(task.get("text") or "")) or tid)
        todo.add("description", _description(task))
        due = deadline_date(task)
        rule = _str(task.get("recurrence_rule"))
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
        doc_id = _str(task.get("doc_id"))
        if doc_id:
            todo.add("related-to", f"{doc_id}@extractor", parameters={"RELTYPE": "PARENT"})
        for name in unit_names(task):
            todo.add("x-extractor-assignee", name)
        doc_type = _str(doc.get("doc_type"))
        if doc_type:
            todo.add("categories", [_one_line(doc_type)])
        cal.add_component(todo)
    return bytes(cal.to_ical())


# ── Jira CSV ──────────────────────────────────────────────────────────────────────────────────

JIRA_COLUMNS = ("Summary", "Description", "Assignee", "Due Date", "Labels", "Status")


def _labels(task: Mapping[str, Any]) -> list[str]:
    """doc_type, number and issuer as slugs: labels may not hold spaces."""
    doc = _document(task)
    labels = [slug(_str(doc.get(key))) for key in ("doc_type", "number", "issuer")]
    return list(dict.fromkeys(label for label in labels if label))


def to_jira_csv(tasks: Iterable[Mapping[str, Any]], *, done_ids: Collection[str] = frozenset()) -> bytes:
    """A CSV for Jira's CSV importer: UTF-8 with BOM (Excel and Jira detect the encoding by it).

    Columns Summary, Description, Assignee (the first canonical unit: Jira has one assignee; all
    of them are in Description), Due Date (``YYYY-MM-DD``), Labels (space-separated slugs),
    Status (``Done`` / ``To Do``). Quoting is the ``csv`` module's (newlines, quotes, commas);
    lines end in CRLF as RFC 4180 says.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(JIRA_COLUMNS)
    for task in tasks:
        due = deadline_date(task)
        names = unit_names(task)
        writer.writerow(
            [
                excerpt(str(task.get("text") or "")) or _task_id(task),
                _description(task),
                names[0] if names else "",
                due.isoformat() if due else "",
                " ".join(_labels(task)),
                "Done" if _task_id(task) in done_ids else "To Do",
            ]
        )
    return out.getvalue().encode("utf-8-sig")


# ── Taskwarrior ───────────────────────────────────────────────────────────────────────────────

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
    parts = _rrule_parts(rule)
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


def _add_months(day: date, months: int, day_of_month: int | None = None) -> date:
    """``day`` moved ``months`` calendar months, on ``day_of_month`` (clamped to the month's end)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day_of_month or day.day, last))


def _first_occurrence(rule: str | None, recurrence: str | None, after: date) -> date | None:
    """The first date the rule falls on strictly after ``after`` (the document's date).

    Taskwarrior needs a ``due`` to recur from; a recurring directive ("báo cáo hằng quý") first
    falls due one period after it is issued, or on the next day the rule names (BYDAY,
    BYMONTHDAY, BYMONTH). Covers the rules ``extractor.find.recurrence`` writes.
    """
    parts = _rrule_parts(rule)
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
        return after + timedelta(days=interval)
    if freq == "WEEKLY":
        weekday = _WEEKDAY.get(parts.get("BYDAY", "")[-2:])
        if weekday is None:
            return after + timedelta(weeks=interval)
        return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)
    if freq == "MONTHLY":
        if by_month_day is None:
            return _add_months(after, interval)
        this_month = _add_months(after, 0, by_month_day)
        return this_month if this_month > after else _add_months(after, 1, by_month_day)
    if freq == "YEARLY":
        if by_month is None:
            return _add_months(after, 12 * interval)
        for year in (after.year, after.year + 1):
            candidate = _add_months(date(year, by_month, 1), 0, by_month_day or 1)
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
    lines: list[str] = []
    for task in tasks:
        doc = _document(task)
        tid = _task_id(task)
        issued = parse_iso_date(doc.get("issued_date"))
        stamp = _tw_time(issued or _EPOCH, utc_offset_hours)
        done = tid in done_ids
        record: dict[str, Any] = {
            "uuid": str(uuid.uuid5(TASK_UUID_NAMESPACE, tid)),
            "description": excerpt(str(task.get("text") or ""), limit=10_000) or tid,
            "status": "completed" if done else "pending",
            "entry": stamp,
        }
        due = deadline_date(task)
        until: date | None = None
        rule = _str(task.get("recurrence_rule"))
        period = _str(task.get("recurrence"))
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
            until = _rrule_date(_rrule_parts(rule).get("UNTIL")) or until
            if due is None:
                recur = None
        if due:
            record["due"] = _tw_time(due, utc_offset_hours)
        if recur and due:
            record["recur"] = recur
            if until and until >= due:
                end = until + timedelta(days=1) if until < date.max else until
                record["until"] = _tw_time(end, utc_offset_hours)
        project = slug(_str(doc.get("issuer")))
        if project:
            record["project"] = project
        tags = [slug(_str(doc.get("doc_type"))), slug(_str(doc.get("number")))]
        if (rule or period) and not recur:
            tags.append("recurring")
        tags = list(dict.fromkeys(t for t in tags if t))
        if tags:
            record["tags"] = tags
        notes = _details(task)
        if notes:
            record["annotations"] = [
                {
                    "entry": _tw_format(datetime.strptime(stamp, "%Y%m%dT%H%M%SZ") + timedelta(seconds=i)),
                    "description": note,
                }
                for i, note in enumerate(notes)
            ]
        lines.append(json.dumps(record, ensure_ascii=False))
    if not lines:
        return "[]\n"
    return "[\n" + ",\n".join(lines) + "\n]\n"


def _rrule_date(value: str | None) -> date | None:
    """An RRULE ``UNTIL`` (``20250630`` or ``20250630T000000Z``) → date."""
    if not value or len(value) < 8 or not value[:8].isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None
