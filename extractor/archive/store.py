"""The archive's storage interface: what every backend offers, whatever it stores in.

One ``Store`` keeps every ingested document version, its task records (the exact contract JSON,
so exports reproduce ``tasks.jsonl``), the columns filters need, and a search index over folded
tokens. :mod:`extractor.archive.sql` implements it once for SQL; the backends
(:mod:`.sqlite_store`, :mod:`.pg_store`) add their connection and full-text match, and
:func:`extractor.archive.factory.open_store` picks one from a URL.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from extractor.archive.ingest import IngestReport, OnError, ingest, watch
from extractor.schema import Result

__all__ = ["IngestReport", "OnError", "Store", "TaskHit"]


@dataclass(frozen=True)
class TaskHit:
    """One search result: the contract task record, its score and its archive state.

    ``score`` = number of query terms found with their exact diacritics + relevance in [0, 1), so
    exact matches sort first in both backends; relevance itself is backend-specific (bm25, ts_rank).
    """

    task: dict[str, Any]
    score: float
    status: str
    done: bool
    superseded: bool


class Store(ABC):
    """The archive: ingest files, search and filter tasks, track done/open; SQLite or PostgreSQL."""

    url: str

    # ---- writing ----------------------------------------------------------------------------------

    def ingest(
        self,
        paths: list[str],
        *,
        progress: bool | None = None,
        on_error: OnError | None = None,
        force: bool = False,
    ) -> IngestReport:
        """Extract and store files/folders; incremental (known bytes are skipped unless ``force``).

        ``progress``: None shows a counter line on stderr only when it is a TTY. ``on_error(path,
        reason)`` is called for each file that cannot be read; the batch goes on.
        """
        return ingest(self, paths, progress=progress, on_error=on_error, force=force)

    def watch(
        self,
        directory: str,
        interval: float = 2.0,
        stop_event: threading.Event | None = None,
        *,
        on_error: OnError | None = None,
        on_report: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        """Ingest files as they appear in ``directory`` (polling) until ``stop_event`` is set."""
        return watch(self, directory, interval, stop_event, on_error=on_error, on_report=on_report)

    @abstractmethod
    def has_document(self, doc_id: str) -> bool:
        """True when these bytes were ingested by the current schema version (skip them)."""

    @abstractmethod
    def add(self, result: Result, path: str | None = None) -> str:
        """Store one extracted document in one transaction: "added", "replaced" or "version"."""

    @abstractmethod
    def record_file(self, path: str, doc_id: str) -> None:
        """Remember that ``path`` holds the already-stored document ``doc_id``."""

    @abstractmethod
    def mark_done(self, task_id: str) -> None:
        """Flag a task done (KeyError for an unknown id); kept when its document is re-extracted."""

    @abstractmethod
    def mark_open(self, task_id: str) -> None:
        """Clear the done flag (KeyError for an unknown id)."""

    # ---- reading ----------------------------------------------------------------------------------

    @abstractmethod
    def search(
        self,
        query: str = "",
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
        limit: int | None = 50,
    ) -> list[TaskHit]:
        """Tasks matching the query (accent-insensitive) and filters, exact diacritics first."""

    @abstractmethod
    def facets(
        self,
        query: str = "",
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
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts of matching tasks by issuer, assignee (canonical), doc_type and status."""

    @abstractmethod
    def tasks(
        self,
        query: str = "",
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
    ) -> Iterator[dict[str, Any]]:
        """Every matching task record (the contract JSON), in ingest order."""

    @abstractmethod
    def documents(self, *, include_superseded: bool = True) -> Iterator[dict[str, Any]]:
        """Document records with archive fields ``_superseded_by`` and ``_ingested_at``."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """documents (distinct, versions folded), versions (stored), tasks, current_tasks, files."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
