"""PostgreSQL backend (psycopg 3): the same folded tokens as SQLite, in a weighted ``tsvector``.

Folding happens in Python, not with ``unaccent`` (which leaves đ alone unless translated, and
would make the two backends disagree): the 'simple' configuration then only lowercases and splits
on the spaces we put. Writers take one transaction-scoped advisory lock, so concurrent ingests
serialize like SQLite's ``BEGIN IMMEDIATE`` and versioning decisions never race.

:class:`TempCluster` starts a throwaway server (initdb + pg_ctl) for tests and benchmarks.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from glob import glob
from pathlib import Path
from typing import Any

from extractor.archive.search import Clause, Query, Term
from extractor.archive.sql import Match, SQLStore
from extractor.errors import MissingDependency

#: The one line a PostgreSQL URL gets when psycopg is not installed.
POSTGRES_NEEDS = "PostgreSQL needs psycopg: pip install 'extractor[postgres]'"

_WRITE_LOCK = 0x61726368  # "arch": the advisory lock every writer takes
# a token no query can produce next to a real one: keeps phrases from matching across fields
_GAP = "qqqfieldgapqqq"

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
    seq BIGINT NOT NULL,
    ingested_at TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_series ON documents (series);
CREATE INDEX IF NOT EXISTS documents_seq ON documents (seq);
CREATE TABLE IF NOT EXISTS tasks (
    task_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id),
    pos BIGINT NOT NULL,
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
CREATE TABLE IF NOT EXISTS task_search (
    task_id TEXT PRIMARY KEY,
    tsv TSVECTOR NOT NULL
);
CREATE INDEX IF NOT EXISTS task_search_tsv ON task_search USING gin (tsv);
"""


def _psycopg() -> Any:
    """The psycopg module, or one line saying how to install it.

    psycopg is an extra (``extractor[postgres]``): the SQLite archive and everything else work
    without it, so it is imported only when a PostgreSQL archive is opened.
    """
    try:
        import psycopg  # optional dependency (the 'postgres' extra): imported on first use
    except ImportError as err:
        if err.name == "psycopg":
            raise MissingDependency(POSTGRES_NEEDS) from err
        raise MissingDependency(f"PostgreSQL needs psycopg, which cannot be loaded ({err})") from err
    return psycopg


def _tsquery(query: Query) -> tuple[str, list[str]]:
    """A tsquery SQL expression built from phraseto_tsquery calls: user text is only ever a parameter."""
    params: list[str] = []

    def term(t: Term) -> str:
        params.append(" ".join(t.tokens))
        return "phraseto_tsquery('simple', %s)"

    def group(c: Clause) -> str:
        return "(" + " || ".join(term(t) for t in c.terms) + ")"

    expr = " && ".join(group(c) for c in query.positive)
    for c in query.negative:
        expr += " && !!" + group(c)
    return expr, params


class PostgresStore(SQLStore):
    """The archive in a PostgreSQL database (``postgresql://user@host:port/db``)."""

    def __init__(self, url: str) -> None:
        psycopg = _psycopg()
        super().__init__()
        self.url = url
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as err:  # a wrong host, user or database: one line, not a traceback
            raise ConnectionError(
                f"cannot open the PostgreSQL archive ({' '.join(str(err).split())})"
            ) from err
        self._conn.execute("SET client_min_messages = warning")  # "word is too long" notices
        with self._transaction():
            self._conn.execute(_DDL)

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self._conn.execute(self._sql(sql), tuple(params))

    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
            yield

    def _index(self, rows: list[tuple[str, dict[str, str]]]) -> None:
        parts = " || ".join(f"setweight(to_tsvector('simple', %s), '{w}')" for w in "ABCD")
        self._executemany(
            f"INSERT INTO task_search (task_id, tsv) VALUES (%s, {parts})",
            [
                (
                    task_id,
                    f["refs"] + " " + _GAP,
                    f["units"] + " " + _GAP,
                    f["text"] + " " + _GAP,
                    f["doc"],
                )
                for task_id, f in rows
            ],
        )

    def _unindex(self, doc_id: str) -> None:
        self._execute(
            "DELETE FROM task_search WHERE task_id IN (SELECT task_id FROM tasks WHERE doc_id = ?)", [doc_id]
        )

    def _match(self, query: Query) -> Match:
        expr, params = _tsquery(query)
        return Match(
            source=(
                f"tasks t JOIN task_search s ON s.task_id = t.task_id CROSS JOIN (SELECT {expr} AS q) qq"
            ),
            cond="s.tsv @@ qq.q",
            params=params,
            relevance="(ts_rank(s.tsv, qq.q) / (1 + ts_rank(s.tsv, qq.q)))",
            relevance_params=[],
        )

    def _sql(self, sql: str) -> str:
        # phraseto_tsquery placeholders above are already %s; the shared SQL uses ?
        return sql.replace("?", "%s")

    def _instr(self) -> str:
        return "strpos"

    def close(self) -> None:
        self._conn.close()


# ---- a throwaway server for tests and benchmarks -------------------------------------------------


def find_bindir() -> Path | None:
    """The directory holding initdb/pg_ctl: on PATH, or the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    dirs = sorted(glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(dirs[-1]).parent if dirs else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TempCluster:
    """initdb + pg_ctl in a temporary directory on 127.0.0.1 and a free port; ``stop()`` removes it.

    As root (initdb refuses to run as root) the server runs as the ``postgres`` user via runuser.
    ``durable=False`` turns fsync off: fine for tests, not for timings you publish.
    """

    def __init__(self, durable: bool = False) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
        self.bindir = bindir
        self.prefix: list[str] = []
        self.dir = Path(tempfile.mkdtemp(prefix="archive-pg-"))
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError as err:
                raise RuntimeError("running as root and no 'postgres' user to run the server as") from err
            if not shutil.which("runuser"):
                raise RuntimeError("running as root and runuser is missing")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.data = self.dir / "data"
        self.port = _free_port()
        self._lock = threading.Lock()
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"
        )
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not durable:
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "-o", opts, "start")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        cmd = [*self.prefix, str(self.bindir / tool), *args]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=self.dir)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed: {(done.stderr or done.stdout).strip()[-500:]}")

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its URL."""
        psycopg = _psycopg()
        name = name or "t_" + uuid.uuid4().hex[:12]
        with self._lock, psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # name is ours, never user input
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def drop_database(self, url: str) -> None:
        psycopg = _psycopg()
        name = url.rsplit("/", 1)[-1]
        with self._lock, psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
