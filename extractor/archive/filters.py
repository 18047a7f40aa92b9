"""Search filters: user values validated once, rendered as SQL both backends run.

Every filter value comes from a person (the CLI) or a caller's code: each is checked here and a
bad one raises :class:`~extractor.archive.search.QueryError` with a message for that person;
:meth:`Filters.where` then renders only ``?`` placeholders, never the values themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from extractor.archive.search import QueryError, check_chars
from extractor.archive.status import STATUSES, status_sql
from extractor.dates import iso, parse_iso
from extractor.normalize import fold

__all__ = ["Filters", "make_filters", "parse_day"]

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Filters:
    """Validated search filters; ``where()`` renders them with ``?`` placeholders for either backend."""

    issuer: str | None = None
    assignee: str | None = None
    doc_type: str | None = None
    issued_from: str | None = None
    issued_to: str | None = None
    deadline_from: str | None = None
    deadline_to: str | None = None
    status: tuple[str, ...] = ()
    as_of: date = field(default_factory=date.today)
    due_days: int = 7
    include_superseded: bool = False

    def status_sql(self) -> tuple[str, list[Any]]:
        """CASE expression of the status on ``as_of`` (:func:`extractor.archive.status.status_sql`)."""
        return status_sql(self.as_of, self.due_days)

    def where(self) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if not self.include_superseded:
            conds.append("t.superseded = 0")
        if self.issuer is not None:
            conds.append("t.issuer_fold = ?")
            params.append(fold(self.issuer).strip())
        if self.doc_type is not None:
            conds.append("t.doc_type_fold = ?")
            params.append(fold(self.doc_type).strip())
        if self.assignee is not None:
            conds.append(
                "EXISTS (SELECT 1 FROM task_units u WHERE u.task_id = t.task_id "
                "AND u.role = 'assignee' AND u.canonical_fold = ?)"
            )
            params.append(fold(self.assignee).strip())
        for column, op, value in (
            ("t.issued_date", ">=", self.issued_from),
            ("t.issued_date", "<=", self.issued_to),
            ("t.deadline_date", ">=", self.deadline_from),
            ("t.deadline_date", "<=", self.deadline_to),
        ):
            if value is not None:
                conds.append(f"{column} {op} ?")
                params.append(value)
        if self.status:
            sql, sp = self.status_sql()
            conds.append(f"{sql} IN ({', '.join('?' for _ in self.status)})")
            params.extend(sp)
            params.extend(self.status)
        return conds, params


def parse_day(name: str, value: object) -> date | None:
    """A date, or exactly ``YYYY-MM-DD`` (surrounding spaces allowed) → date; None for None;
    anything else raises QueryError naming the filter ``name``."""
    if value is None:
        return None
    day = None
    if isinstance(value, date) or (isinstance(value, str) and _ISO.fullmatch(value.strip())):
        day = parse_iso(value.strip() if isinstance(value, str) else value)
    if day is None:
        raise QueryError(f"{name} must be a date or an ISO date YYYY-MM-DD, not {value!r}")
    return day


def _text(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise QueryError(f"{name} must be text, not {type(value).__name__}")
    check_chars(value)
    return value


def make_filters(
    *,
    issuer: str | None = None,
    assignee: str | None = None,
    doc_type: str | None = None,
    issued_from: date | str | None = None,
    issued_to: date | str | None = None,
    deadline_from: date | str | None = None,
    deadline_to: date | str | None = None,
    status: str | Iterable[str] | None = None,
    as_of: date | str | None = None,
    due_days: int = 7,
    include_superseded: bool = False,
) -> Filters:
    """Validate user filter values (QueryError on a bad one) into :class:`Filters`."""
    statuses: tuple[str, ...] = ()
    if status is not None:
        statuses = (status,) if isinstance(status, str) else tuple(status)
        bad = [s for s in statuses if s not in STATUSES]
        if bad:
            raise QueryError(f"unknown status {bad[0]!r}; one of {', '.join(STATUSES)}")
    day = parse_day("as_of", as_of) or date.today()
    if not isinstance(due_days, int) or due_days < 0:
        raise QueryError("due_days must be a whole number of days ≥ 0")
    return Filters(
        issuer=_text("issuer", issuer),
        assignee=_text("assignee", assignee),
        doc_type=_text("doc_type", doc_type),
        issued_from=iso(parse_day("issued_from", issued_from)),
        issued_to=iso(parse_day("issued_to", issued_to)),
        deadline_from=iso(parse_day("deadline_from", deadline_from)),
        deadline_to=iso(parse_day("deadline_to", deadline_to)),
        status=statuses,
        as_of=day,
        due_days=due_days,
        include_superseded=include_superseded,
    )
