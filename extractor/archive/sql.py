"""The SQL both archive backends share: writing a document version, search, facets, counts.

Each document is written in one transaction: document row, tasks, units, index, file. Backends
differ only in DDL, placeholder style, the transaction/lock primitive and the full-text match
(the hooks of :class:`SQLStore`); everything else (filters, status, versioning, ranking
order) lives here once.
"""

from __future__ import annotations

import json
import os
import threading
from abc import abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from extractor.archive.filters import Filters, make_filters
from extractor.archive.search import Query, QueryError, exact_form, parse_query, token_string
from extractor.archive.status import STATUSES, status_of
from extractor.archive.store import Store, TaskHit
from extractor.dates import iso, parse_iso
from extractor.io import record_json
from extractor.normalize import fold
from extractor.schema import SCHEMA_VERSION, Result, Task

__all__ = ["Match", "SQLStore", "series_key"]


def series_key(number: str | None, issuer: str | None) -> str | None:
    """Documents sharing a số ký hiệu and issuer are versions of one document; blanks never match."""
    if not number or not issuer or not number.strip()[:1].isdigit():
        return None
    return fold(" ".join(number.split())) + "\x1f" + fold(" ".join(issuer.split()))


def _index_fields(task: Task, doc: Any) -> dict[str, str]:
    """The four weighted search fields (folded tokens) and the unfolded text for the exact tie-break."""
    units = [*task.assignees, *task.collaborators, task.report_to]
    units += [u.canonical for u in [*task.assignee_units, *task.collaborator_units]]
    refs = [p for r in task.references for p in (r.number, r.text, r.doc_type, r.issuer)]
    doc_parts = [doc.number, doc.doc_type, doc.issuer, doc.subject]
    doc_parts += [p for r in doc.references for p in (r.number, r.text)]
    text_parts = [task.text, *task.section]
    raw = " | ".join(exact_form(p) for p in [*text_parts, *units, *refs, *doc_parts] if p)
    return {
        "refs": token_string(*refs),
        "units": token_string(*dict.fromkeys(u for u in units if u)),
        "text": token_string(*text_parts),
        "doc": token_string(*doc_parts),
        "raw": raw,
    }


@dataclass(frozen=True)
class Match:
    """A backend's full-text match: FROM clause (binds ``t`` to tasks), condition, relevance in [0, 1)."""

    source: str
    cond: str
    params: list[Any]
    relevance: str
    relevance_params: list[Any]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLStore(Store):
    """The SQL both backends share; subclasses supply the connection and the full-text parts."""

    def __init__(self) -> None:
        self._lock = threading.RLock()

    # backend hooks -----------------------------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders) and return the cursor."""

    @abstractmethod
    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """One write transaction, serialized against other writers."""

    @abstractmethod
    def _index(self, rows: list[tuple[str, dict[str, str]]]) -> None:
        """Add the search index of (task_id, fields) — inside the caller's transaction."""

    @abstractmethod
    def _unindex(self, doc_id: str) -> None:
        """Drop the search index of a document's tasks — before its task rows are deleted."""

    @abstractmethod
    def _match(self, query: Query) -> Match:
        """How this backend matches a parsed, non-empty query."""

    @abstractmethod
    def _instr(self) -> str:
        """SQL function name: position of a substring (instr / strpos)."""

    # writing -----------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        row = self._execute("SELECT schema_version FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None and row[0] == SCHEMA_VERSION

    def record_file(self, path: str, doc_id: str) -> None:
        with self._lock, self._transaction():
            self._upsert_file(path, doc_id)

    def _upsert_file(self, path: str, doc_id: str) -> None:
        self._execute(
            "INSERT INTO files (path, doc_id, seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET doc_id = excluded.doc_id, seen_at = excluded.seen_at",
            [os.path.abspath(path), doc_id, _now()],
        )

    def add(self, result: Result, path: str | None = None) -> str:
        doc = result.document
        series = series_key(doc.number, doc.issuer)
        with self._lock, self._transaction():
            existing = self._execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc.doc_id]).fetchone()
            done: dict[str, tuple[int, str | None]] = {}
            superseded_by: str | None = None
            outcome = "added"
            if existing:
                outcome = "replaced"
                superseded_by = self._drop_for_replace(doc.doc_id, done)
            elif series is not None:
                current = self._execute(
                    "SELECT doc_id, issued_date FROM documents WHERE series = ? AND superseded_by IS NULL",
                    [series],
                ).fetchall()
                if current:
                    outcome = "version"
                    superseded_by = self._supersede(doc.doc_id, doc.issued_date, current)
            seq = self._execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
            self._execute(
                "INSERT INTO documents (doc_id, series, number, issuer, doc_type, issued_date, source,"
                " schema_version, superseded_by, seq, ingested_at, record)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    doc.doc_id,
                    series,
                    doc.number,
                    doc.issuer,
                    doc.doc_type,
                    doc.issued_date,
                    doc.source,
                    doc.schema_version,
                    superseded_by,
                    seq,
                    _now(),
                    record_json(doc),
                ],
            )
            self._insert_tasks(result, seq, superseded_by is not None, done)
            if path is not None:
                self._upsert_file(path, doc.doc_id)
        return outcome

    def _drop_for_replace(self, doc_id: str, done: dict[str, tuple[int, str | None]]) -> str | None:
        """Delete a document being re-extracted, keeping its tasks' done flags in ``done``; returns
        the version that supersedes it (kept for the new rows)."""
        for task_id, flag, at in self._execute(
            "SELECT task_id, done, done_at FROM tasks WHERE doc_id = ?", [doc_id]
        ).fetchall():
            done[task_id] = (flag, at)
        row = self._execute("SELECT superseded_by FROM documents WHERE doc_id = ?", [doc_id])
        superseded_by: str | None = row.fetchone()[0]
        self._unindex(doc_id)
        self._execute(
            "DELETE FROM task_units WHERE task_id IN (SELECT task_id FROM tasks WHERE doc_id = ?)", [doc_id]
        )
        self._execute("DELETE FROM tasks WHERE doc_id = ?", [doc_id])
        self._execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
        return superseded_by

    def _supersede(self, doc_id: str, issued: str | None, current: list[Any]) -> str | None:
        """A new version of a series: it supersedes the current versions (rows of doc_id, issued
        date), unless it is older than them (arrived late): then it is stored superseded; returns
        the doc_id that supersedes the new version, or None."""
        newest = current[0]
        if issued and newest[1] and issued < newest[1]:
            return str(newest[0])  # an older version arrived late: stored, superseded
        old = [r[0] for r in current]
        marks = ", ".join("?" for _ in old)
        self._execute(f"UPDATE documents SET superseded_by = ? WHERE doc_id IN ({marks})", [doc_id, *old])
        self._execute(f"UPDATE tasks SET superseded = 1 WHERE doc_id IN ({marks})", old)
        return None

    def _insert_tasks(
        self, result: Result, seq: int, superseded: bool, done: dict[str, tuple[int, str | None]]
    ) -> None:
        doc = result.document
        rows: list[tuple[Any, ...]] = []
        units: list[tuple[Any, ...]] = []
        index: list[tuple[str, dict[str, str]]] = []
        for pos, task in enumerate(result.tasks):
            fields = _index_fields(task, doc)
            flag, at = done.get(task.id, (0, None))
            rows.append(
                (
                    task.id,
                    task.doc_id,
                    seq * 100000 + pos,
                    task.document.issuer,
                    fold(task.document.issuer or "").strip() or None,
                    task.document.doc_type,
                    fold(task.document.doc_type or "").strip() or None,
                    task.document.issued_date,
                    iso(parse_iso(task.deadline.date)) if task.deadline else None,
                    int(bool(task.recurrence or task.recurrence_rule)),
                    int(superseded),
                    flag,
                    at,
                    fields["raw"],
                    record_json(task),
                )
            )
            seen: set[tuple[str, str]] = set()
            for role, group in (("assignee", task.assignee_units), ("collaborator", task.collaborator_units)):
                for unit in group:
                    if (role, unit.canonical) not in seen:
                        seen.add((role, unit.canonical))
                        units.append((task.id, role, unit.canonical, fold(unit.canonical).strip()))
            index.append((task.id, fields))
        if rows:
            self._executemany(
                "INSERT INTO tasks (task_id, doc_id, pos, issuer, issuer_fold, doc_type, doc_type_fold,"
                " issued_date, deadline_date, recurring, superseded, done, done_at, raw, record)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        if units:
            self._executemany(
                "INSERT INTO task_units (task_id, role, canonical, canonical_fold) VALUES (?, ?, ?, ?)", units
            )
        if index:
            self._index(index)

    def _set_done(self, task_id: str, flag: int) -> None:
        with self._lock, self._transaction():
            cur = self._execute(
                "UPDATE tasks SET done = ?, done_at = ? WHERE task_id = ?",
                [flag, _now() if flag else None, task_id],
            )
            if cur.rowcount == 0:
                raise KeyError(task_id)

    def mark_done(self, task_id: str) -> None:
        self._set_done(task_id, 1)

    def mark_open(self, task_id: str) -> None:
        self._set_done(task_id, 0)

    # reading -----------------------------------------------------------------------------------

    def _from_where(self, query: Query, filters: Filters) -> tuple[str, list[Any], Match | None]:
        """ " FROM … WHERE …" for the query and filters, its params, and the match (None: no text)."""
        conds, params = filters.where()
        source = "tasks t"
        match = None
        if not query.empty:
            match = self._match(query)
            source = match.source
            conds = [match.cond, *conds]
            params = [*match.params, *params]
        where = (" WHERE " + " AND ".join(conds)) if conds else ""
        return f" FROM {source}{where}", params, match

    def search(self, query: str = "", *, limit: int | None = 50, **filters: Any) -> list[TaskHit]:
        parsed = parse_query(query)
        flt = make_filters(**filters)
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise QueryError("limit must be a whole number ≥ 0 or None")
        from_where, params, match = self._from_where(parsed, flt)
        score_sql, score_params = "0", []
        order = "t.deadline_date IS NULL, t.deadline_date, t.pos"
        outer = order
        if match is not None:
            exact = parsed.exact_strings()
            bonus = " + ".join(f"(CASE WHEN {self._instr()}(t.raw, ?) > 0 THEN 1 ELSE 0 END)" for _ in exact)
            score_sql = f"({bonus or '0'}) + {match.relevance}"
            score_params = [*exact, *match.relevance_params]
            order = "score DESC, t.task_id"
            outer = "h.score DESC, t.task_id"
        # rank on narrow rows first (id, score), then fetch the records of the page only: sorting
        # the JSON of every match made broad queries several times slower
        inner = f"SELECT t.task_id AS hit_id, {score_sql} AS score{from_where} ORDER BY {order}"
        all_params = [*score_params, *params]
        if limit is not None:
            inner += " LIMIT ?"
            all_params.append(limit)
        sql = (
            "SELECT t.record, t.done, t.superseded, t.deadline_date, t.recurring, h.score "
            f"FROM ({inner}) h JOIN tasks t ON t.task_id = h.hit_id ORDER BY {outer}"
        )
        with self._lock:
            rows = self._execute(sql, all_params).fetchall()
        return [
            TaskHit(
                task=json.loads(record),
                score=float(score),
                status=status_of(deadline, bool(done), flt.as_of, flt.due_days, bool(recurring)),
                done=bool(done),
                superseded=bool(superseded),
            )
            for record, done, superseded, deadline, recurring, score in rows
        ]

    def facets(self, query: str = "", **filters: Any) -> dict[str, list[tuple[str, int]]]:
        parsed = parse_query(query)
        flt = make_filters(**filters)
        from_where, params, _ = self._from_where(parsed, flt)
        status_sql, status_params = flt.status_sql()
        specs: dict[str, tuple[str, list[Any], str]] = {
            "issuer": ("t.issuer", [], "t.issuer IS NOT NULL"),
            "doc_type": ("t.doc_type", [], "t.doc_type IS NOT NULL"),
            "status": (status_sql, status_params, ""),
            "assignee": ("u.canonical", [], ""),
        }
        out: dict[str, list[tuple[str, int]]] = {}
        with self._lock:
            for name, (expr, eparams, extra) in specs.items():
                if name == "assignee":
                    # task ids of the matching tasks, then their assignee units
                    sql = (
                        "SELECT u.canonical AS v, COUNT(DISTINCT u.task_id) AS n FROM task_units u "
                        f"WHERE u.role = 'assignee' AND u.task_id IN (SELECT t.task_id{from_where}) "
                        "GROUP BY u.canonical ORDER BY n DESC, v"
                    )
                    rows = self._execute(sql, params).fetchall()
                else:
                    fw = from_where
                    if extra:
                        fw += f" AND {extra}" if " WHERE " in fw else f" WHERE {extra}"
                    sql = f"SELECT {expr} AS v, COUNT(*) AS n{fw} GROUP BY 1 ORDER BY n DESC, v"
                    rows = self._execute(sql, [*eparams, *params]).fetchall()
                out[name] = [(str(v), int(n)) for v, n in rows]
        order: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}
        out["status"].sort(key=lambda vn: (-vn[1], order.get(vn[0], 99)))
        return out

    def tasks(self, query: str = "", **filters: Any) -> Iterator[dict[str, Any]]:
        parsed = parse_query(query)
        flt = make_filters(**filters)
        from_where, params, _ = self._from_where(parsed, flt)
        with self._lock:
            rows = self._execute(f"SELECT t.record{from_where} ORDER BY t.pos", params).fetchall()
        for (record,) in rows:
            yield json.loads(record)

    def documents(self, *, include_superseded: bool = True) -> Iterator[dict[str, Any]]:
        where = "" if include_superseded else " WHERE superseded_by IS NULL"
        with self._lock:
            rows = self._execute(
                f"SELECT record, superseded_by, ingested_at FROM documents{where} ORDER BY seq"
            ).fetchall()
        for record, superseded_by, at in rows:
            data = json.loads(record)
            data["_superseded_by"] = superseded_by
            data["_ingested_at"] = at
            yield data

    def counts(self) -> dict[str, int]:
        with self._lock:
            one = self._execute(
                "SELECT COUNT(DISTINCT COALESCE(series, doc_id)), COUNT(*) FROM documents"
            ).fetchone()
            tasks = self._execute(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN superseded = 0 THEN 1 ELSE 0 END), 0) FROM tasks"
            ).fetchone()
            files = self._execute("SELECT COUNT(*) FROM files").fetchone()
        return {
            "documents": int(one[0]),
            "versions": int(one[1]),
            "tasks": int(tasks[0]),
            "current_tasks": int(tasks[1]),
            "files": int(files[0]),
        }
