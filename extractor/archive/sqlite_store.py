"""SQLite backend: one file, no server; FTS5 over Python-folded tokens (the ``ascii`` tokenizer).

Tokens are folded and split in Python (:func:`extractor.archive.search.tokens`), so FTS5 only has
to split on the spaces we put: the ``ascii`` tokenizer treats every non-ASCII code point as part
of a token, which keeps index and query tokenization identical whatever the text contains.
WAL mode lets readers (a watcher's status line, a test polling counts) run beside one writer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from extractor.archive.search import Query, fts5_match
from extractor.archive.sql import Match, SQLStore

# bm25 weights of the FTS columns refs, units, text, doc: a cited number or a named unit in the task
# itself outranks the same words in its text, which outranks the document's header.
_WEIGHTS = (4.0, 2.0, 1.0, 0.5)

_DDL = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    series TEXT,
    number TEXT,
    issuer TEXT,
    doc_type TEXT,
    issued_date TEXT,
    source TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    superseded_by TEXT,
    seq INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_series ON documents (series);
CREATE INDEX IF NOT EXISTS documents_seq ON documents (seq);
CREATE TABLE IF NOT EXISTS tasks (
    rid INTEGER PRIMARY KEY,
    task_id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id),
    pos INTEGER NOT NULL,
    issuer TEXT,
    issuer_fold TEXT,
    doc_type TEXT,
    doc_type_fold TEXT,
    issued_date TEXT,
    deadline_date TEXT,
    recurring INTEGER NOT NULL DEFAULT 0,
    superseded INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    done_at TEXT,
    raw TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tasks_doc ON tasks (doc_id);
CREATE INDEX IF NOT EXISTS tasks_pos ON tasks (pos);
CREATE INDEX IF NOT EXISTS tasks_deadline ON tasks (deadline_date);
CREATE INDEX IF NOT EXISTS tasks_issuer ON tasks (issuer_fold);
CREATE TABLE IF NOT EXISTS task_units (
    task_id TEXT NOT NULL,
    role TEXT NOT NULL,
    canonical TEXT NOT NULL,
    canonical_fold TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS task_units_task ON task_units (task_id);
CREATE INDEX IF NOT EXISTS task_units_canonical ON task_units (canonical_fold, role);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS task_fts USING fts5 (
    refs, units, text, doc, tokenize='ascii'
);
"""


class SQLiteStore(SQLStore):
    """The archive in one SQLite file (``:memory:`` works too, for throwaway use)."""

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # autocommit mode: transactions are explicit (BEGIN IMMEDIATE) in _transaction
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=60)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.executescript(_DDL)

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self._conn.execute(sql, tuple(params))

    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self._conn.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _index(self, rows: list[tuple[str, dict[str, str]]]) -> None:
        self._conn.executemany(
            "INSERT INTO task_fts (rowid, refs, units, text, doc) "
            "SELECT rid, ?, ?, ?, ? FROM tasks WHERE task_id = ?",
            [(f["refs"], f["units"], f["text"], f["doc"], task_id) for task_id, f in rows],
        )

    def _unindex(self, doc_id: str) -> None:
        self._conn.execute(
            "DELETE FROM task_fts WHERE rowid IN (SELECT rid FROM tasks WHERE doc_id = ?)", (doc_id,)
        )

    def _match(self, query: Query) -> Match:
        w = ", ".join(str(x) for x in _WEIGHTS)
        # bm25 is negative (smaller is better); b/(b-1) maps it into [0, 1), larger is better
        return Match(
            source="task_fts JOIN tasks t ON t.rid = task_fts.rowid",
            cond="task_fts MATCH ?",
            params=[fts5_match(query)],
            relevance=f"(bm25(task_fts, {w}) / (bm25(task_fts, {w}) - 1.0))",
            relevance_params=[],
        )

    def _instr(self) -> str:
        return "instr"

    def close(self) -> None:
        self._conn.close()
