"""Roll-ups of task status per assignee unit, rendered as a terminal table or CSV.

Pure functions over ``(task dict, done flag)`` pairs, so the CLI can feed them from the archive
store and tests from plain lists. A task with several assignees counts once for each of them
(each unit has to act on it); a task without any lands in the :data:`UNASSIGNED` row, so the
totals over units can exceed the number of tasks, and nothing is silently lost.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from extractor.archive.export.fields import excerpt, unit_names
from extractor.archive.status import STATUSES, Status, days_overdue, deadline_date, task_status

__all__ = [
    "UNASSIGNED",
    "OverdueTask",
    "UnitRow",
    "display_width",
    "render_csv",
    "render_overdue_csv",
    "render_table",
    "rollup",
]

#: The bucket of tasks the extractor found no assignee for.
UNASSIGNED = "(chưa rõ đơn vị)"
_EXCERPT_CHARS = 60


@dataclass(frozen=True)
class OverdueTask:
    """One late task, with what a follow-up call needs: which, what, since when, from which letter."""

    task_id: str
    excerpt: str
    deadline: date
    days_overdue: int
    document_number: str | None


@dataclass
class UnitRow:
    """The counts for one unit; ``overdue`` lists its late tasks, latest first."""

    unit: str
    counts: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    overdue: list[OverdueTask] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def max_days_overdue(self) -> int:
        return max((item.days_overdue for item in self.overdue), default=0)


def _units(task: Mapping[str, Any], by: str) -> list[str]:
    """The grouping keys of a task: canonical names (default) or the names as written."""
    if by == "name":
        raw = task.get("assignees")
        names = [n.strip() for n in raw if isinstance(n, str) and n.strip()] if isinstance(raw, list) else []
        names = list(dict.fromkeys(names))
    else:
        names = unit_names(task)
    return names or [UNASSIGNED]


def _collation_key(name: str) -> tuple[str, str]:
    """Alphabetical the way a Vietnamese reader expects well enough: marks ignored, then exact."""
    base = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    return ("".join(c for c in base if not unicodedata.combining(c)).casefold(), name)


def _row_order(row: UnitRow) -> tuple[int, int, tuple[str, str]]:
    """Most overdue tasks first, then the longest overdue, then by name; the unassigned bucket
    sorts like any unit (it is often the one needing attention)."""
    return (-row.counts["overdue"], -row.max_days_overdue, _collation_key(row.unit))


def rollup(
    tasks: Iterable[tuple[Mapping[str, Any], bool]],
    *,
    as_of: date,
    soon_days: int = 7,
    by: Literal["canonical", "name"] = "canonical",
) -> list[UnitRow]:
    """Counts per status and the overdue list for every assignee unit, in report order.

    ``by="canonical"`` groups by ``assignee_units[].canonical`` (falling back to ``assignees``
    for records without units); ``by="name"`` by the names as written.
    """
    rows: dict[str, UnitRow] = {}
    for task, done in tasks:
        status = task_status(task, done=done, as_of=as_of, soon_days=soon_days)
        item: OverdueTask | None = None
        due = deadline_date(task)
        if status == "overdue" and due is not None:
            doc = task.get("document")
            number = doc.get("number") if isinstance(doc, Mapping) else None
            item = OverdueTask(
                task_id=str(task.get("id") or ""),
                excerpt=excerpt(str(task.get("text") or ""), _EXCERPT_CHARS),
                deadline=due,
                days_overdue=days_overdue(task, as_of),
                document_number=number if isinstance(number, str) else None,
            )
        for unit in _units(task, by):
            row = rows.setdefault(unit, UnitRow(unit))
            row.counts[status] += 1
            if item is not None:
                row.overdue.append(item)
    for row in rows.values():
        row.overdue.sort(key=lambda o: (-o.days_overdue, o.task_id))
    return sorted(rows.values(), key=_row_order)


# ── rendering ─────────────────────────────────────────────────────────────────────────────────

_HEADERS: tuple[tuple[str, Status | None], ...] = (
    ("Overdue", "overdue"),
    ("Due soon", "due_soon"),
    ("Open", "open"),
    ("No deadline", "no_deadline"),
    ("Done", "done"),
    ("Total", None),
)


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: combining marks take none, wide (CJK) characters two.

    ``len`` is wrong for Vietnamese typed with decomposed marks (``e`` + U+0302 + U+0301 is one
    column, three code points); the table would go ragged.
    """
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns (with ``…``) and padded to exactly ``width``."""
    text = unicodedata.normalize("NFC", text)
    if display_width(text) > width:
        out = ""
        for char in text:
            if display_width(out + char) > width - 1:
                break
            out += char
        text = out + "…"
    return text + " " * (width - display_width(text))


def render_table(rows: Iterable[UnitRow], width: int | None = None) -> str:
    """An aligned plain-text table, one unit a line, in the order given (``rollup``'s order).

    ``width`` caps the line length (the unit column is cut with ``…``, never below 12 columns);
    None leaves the unit names whole.
    """
    rows = list(rows)
    number_widths = [
        max(len(title), *(len(str(_count(r, key))) for r in rows)) if rows else len(title)
        for title, key in _HEADERS
    ]
    numbers_width = sum(w + 2 for w in number_widths)
    name_width = max([display_width("Unit"), *(display_width(r.unit) for r in rows)])
    if width is not None:
        name_width = max(min(name_width, width - numbers_width), 12)

    def line(name: str, cells: list[str]) -> str:
        return (
            _fit(name, name_width)
            + "".join("  " + c.rjust(w) for c, w in zip(cells, number_widths, strict=True))
        ).rstrip()

    out = [line("Unit", [title for title, _ in _HEADERS])]
    out.append("-" * (name_width + numbers_width))
    out.extend(line(r.unit, [str(_count(r, key)) for _, key in _HEADERS]) for r in rows)
    return "\n".join(out) + "\n"


def _count(row: UnitRow, key: Status | None) -> int:
    return row.total if key is None else row.counts[key]


_CSV_STATUSES: tuple[Status, ...] = ("overdue", "due_soon", "open", "no_deadline", "done")
CSV_COLUMNS = ("unit", *_CSV_STATUSES, "total", "max_days_overdue")
OVERDUE_CSV_COLUMNS = ("unit", "task_id", "deadline", "days_overdue", "document_number", "excerpt")


def render_csv(rows: Iterable[UnitRow]) -> str:
    """The roll-up as CSV text (encode as UTF-8): a header row, then one line per unit."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([r.unit, *(r.counts[s] for s in _CSV_STATUSES), r.total, r.max_days_overdue])
    return out.getvalue()


def render_overdue_csv(rows: Iterable[UnitRow]) -> str:
    """The overdue tasks as CSV text, one line per (unit, task): the list to chase people with."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OVERDUE_CSV_COLUMNS)
    for r in rows:
        for item in r.overdue:
            writer.writerow(
                [
                    r.unit,
                    item.task_id,
                    item.deadline.isoformat(),
                    item.days_overdue,
                    item.document_number or "",
                    item.excerpt,
                ]
            )
    return out.getvalue()
