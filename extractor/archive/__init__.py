"""The directive archive: ingested documents and their tasks, searchable and trackable.

``open_store(None | "archive.db" | "sqlite:///path" | "postgresql://…")`` gives a :class:`Store`;
both backends pass the same tests (``tests/archive``).
"""

from __future__ import annotations

from extractor.archive.ingest import watch
from extractor.archive.search import STATUSES, QueryError, parse_query, status_of
from extractor.archive.store import IngestReport, Store, TaskHit, open_store

__all__ = [
    "STATUSES",
    "IngestReport",
    "QueryError",
    "Store",
    "TaskHit",
    "open_store",
    "parse_query",
    "status_of",
    "watch",
]
