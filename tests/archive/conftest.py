"""Fixtures for the archive: every store test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server (initdb + pg_ctl in a temporary directory, 127.0.0.1, a free port) starts
once per session, on first use; each test gets a fresh database. Without initdb the postgres
cases skip with the reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from extractor.archive import Store, open_store
from extractor.schema import (
    Deadline,
    DocumentRecord,
    DocumentRef,
    Reference,
    Result,
    Signer,
    Task,
    TaskSpan,
    Unit,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "seeds"
DEV_DOCS = ROOT.parent / "shared" / "corpus" / "dev" / "docs"

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    from extractor.archive.pg_store import TempCluster, find_bindir

    if find_bindir() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]>=3.1')")
    try:
        cluster = TempCluster()
    except RuntimeError as err:
        pytest.skip(f"cannot start a PostgreSQL server: {err}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A factory of URLs of fresh, empty archives on the test's backend."""
    made: list[str] = []
    cluster = request.getfixturevalue("pg_cluster") if backend == "postgres" else None

    def new() -> str:
        if cluster is not None:
            url = cluster.create_database()  # type: ignore[attr-defined]
        else:
            url = f"sqlite:///{tmp_path / f'archive{len(made)}.db'}"
        made.append(url)
        return url

    yield new
    if cluster is not None:
        for url in made:
            cluster.drop_database(url)  # type: ignore[attr-defined]


@pytest.fixture
def make_store(store_url: Callable[[], str]) -> Iterator[Callable[[], Store]]:
    """A factory of fresh stores, closed at teardown."""
    opened: list[Store] = []

    def new() -> Store:
        s = open_store(store_url())
        opened.append(s)
        return s

    yield new
    for s in opened:
        s.close()


@pytest.fixture
def store(make_store: Callable[[], Store]) -> Store:
    return make_store()


@pytest.fixture
def seeded(store: Store) -> Store:
    """A store holding the five seeds."""
    report = store.ingest([str(SEEDS)])
    assert report.added == 5, report
    return store


def synthetic(
    key: str,
    tasks: list[tuple[str, str | None]],
    *,
    number: str | None = None,
    issuer: str | None = "Ủy ban nhân dân tỉnh Thử Nghiệm",
    doc_type: str | None = "Công văn",
    issued_date: str | None = "2024-01-10",
    assignee: str = "Sở Nội vụ",
    refs: list[str] | None = None,
) -> Result:
    """A Result built by hand: tasks as (text, deadline ISO date or None)."""
    doc_id = hashlib.sha256(key.encode()).hexdigest()[:16]
    source = f"synthetic/{key}.txt"
    ref = DocumentRef(number=number, doc_type=doc_type, issuer=issuer, issued_date=issued_date)
    references = [Reference(text=r, number=r) for r in refs or []]
    records = []
    for i, (text, deadline) in enumerate(tasks):
        records.append(
            Task(
                id=hashlib.sha256(f"{doc_id}\x1f{text}\x1f{i}".encode()).hexdigest()[:16],
                doc_id=doc_id,
                source=source,
                document=ref,
                section=[],
                text=text,
                assignees=[assignee],
                collaborators=[],
                deadline=Deadline(date=deadline, text=deadline or "", kind="by", inherited=False)
                if deadline
                else None,
                assignee_units=[Unit(name=assignee, canonical=f"{assignee} tỉnh Thử Nghiệm", kind="so")],
                recurrence=None,
                references=references,
                report_to=None,
                span=TaskSpan(start=0, end=len(text)),
            )
        )
    document = DocumentRecord(
        doc_id=doc_id,
        source=source,
        format="txt",
        number=number,
        doc_type=doc_type,
        issuer=issuer,
        parent_issuer=None,
        place=None,
        issued_date=issued_date,
        subject=None,
        recipients=[],
        signer=Signer(),
        cc=[],
        references=references,
        task_count=len(records),
        warnings=[],
    )
    return Result(document=document, tasks=records)
