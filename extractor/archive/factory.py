"""``open_store``: an archive from a path or URL, so the interface never imports its backends."""

from __future__ import annotations

import os

from extractor.archive.pg_store import PostgresStore
from extractor.archive.sqlite_store import SQLiteStore
from extractor.archive.store import Store

__all__ = ["open_store"]


def open_store(url_or_path: str | None = None) -> Store:
    """None → ``archive.db`` here; a path or ``sqlite:///path`` → SQLite; ``postgresql://…`` → PostgreSQL."""
    target = url_or_path or os.environ.get("EXTRACTOR_ARCHIVE") or "archive.db"
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresStore(target)
    if target.startswith("sqlite://"):
        target = target[len("sqlite://") :]
        if target.startswith("/") and not target.startswith("//"):
            target = target[1:] or ":memory:"  # sqlite:///rel.db → rel.db; sqlite:////abs.db → /abs.db
        elif target.startswith("//"):
            target = target[1:]
    elif "://" in target:
        raise ValueError(f"unsupported archive URL {target!r}: use a path, sqlite:///path or postgresql://…")
    return SQLiteStore(target)
