"""The directive archive: ingested documents and their tasks, searchable and trackable.

``open_store(None | "archive.db" | "sqlite:///path" | "postgresql://…")`` gives a :class:`Store`;
both backends pass the same tests (``tests/archive``).

Layout: :mod:`.store` the interface, :mod:`.sql` the SQL both backends share,
:mod:`.sqlite_store` / :mod:`.pg_store` the backends, :mod:`.factory` picks one; :mod:`.ingest`
fills a store, :mod:`.search` parses queries, :mod:`.filters` validates filters, :mod:`.status`
is the deadline status rule; :mod:`.export` and :mod:`.report` turn task records into files.
"""

from __future__ import annotations

from extractor.archive.factory import open_store
from extractor.archive.ingest import IngestReport, watch
from extractor.archive.search import QueryError, parse_query
from extractor.archive.status import STATUSES, status_of
from extractor.archive.store import Store, TaskHit

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
