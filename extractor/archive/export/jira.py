"""Jira CSV: a file for Jira's CSV importer."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from extractor.archive.export.fields import (
    description,
    document_of,
    excerpt,
    slug,
    task_id,
    text_or_none,
    unit_names,
)
from extractor.archive.status import deadline_date

__all__ = ["JIRA_COLUMNS", "to_jira_csv"]

JIRA_COLUMNS = ("Summary", "Description", "Assignee", "Due Date", "Labels", "Status")


def _labels(task: Mapping[str, Any]) -> list[str]:
    """doc_type, number and issuer as slugs: labels may not hold spaces."""
    doc = document_of(task)
    labels = [slug(text_or_none(doc.get(key))) for key in ("doc_type", "number", "issuer")]
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
                excerpt(str(task.get("text") or "")) or task_id(task),
                description(task),
                names[0] if names else "",
                due.isoformat() if due else "",
                " ".join(_labels(task)),
                "Done" if task_id(task) in done_ids else "To Do",
            ]
        )
    return out.getvalue().encode("utf-8-sig")
