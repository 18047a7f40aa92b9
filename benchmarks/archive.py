"""Archive benchmark: store rate and search latency on a synthetic archive, SQLite and PostgreSQL.

The archive replicates the task records of the seeds and the dev corpus (ids, doc_ids, numbers
and deadlines varied deterministically, so nothing collapses into versions or duplicates) up to
``--tasks`` tasks, stores it document by document (one transaction each, as ingest does; the
extraction itself is not timed: see benchmarks/run.py), then times ~200 mixed queries.

    .venv/bin/python benchmarks/archive.py             # 100,000 tasks
    .venv/bin/python benchmarks/archive.py --quick     # 10,000 tasks
    .venv/bin/python benchmarks/archive.py --backends sqlite --tasks 50000
    .venv/bin/python benchmarks/archive.py --pg-url postgresql://user@host/db   # an existing database

PostgreSQL runs on a throwaway server (initdb + pg_ctl) with fsync on, unless --pg-url is given.
The process is pinned to one core first; the server it starts inherits the pinning, so client
and server share that core.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import load_average, machine, pin_to_one_core  # noqa: E402
from extractor.archive import Store, open_store  # noqa: E402
from extractor.pipeline import extract_path  # noqa: E402
from extractor.schema import DocumentRef, Result  # noqa: E402

SEEDS = ROOT / "corpus" / "seeds"
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "docs"


def _h(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def base_results() -> list[Result]:
    paths = sorted(SEEDS.glob("*.txt")) + (sorted(DEV.glob("*.txt")) if DEV.exists() else [])
    return [r for r in (extract_path(p) for p in paths) if r.tasks]


def _shift(iso: str | None, days: int) -> str | None:
    if not iso:
        return iso
    try:
        return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()
    except ValueError:
        return iso


def replicate(base: list[Result], n_tasks: int) -> list[Result]:
    """Copies of the base documents until ``n_tasks`` tasks: copy k gets new ids and a new number."""
    out: list[Result] = []
    total = 0
    k = 0
    while total < n_tasks:
        for r in base:
            if total >= n_tasks:
                break
            doc_id = _h(r.document.doc_id, k)
            number = r.document.number
            if number and k:
                head, _, rest = number.partition("/")
                number = f"{head}{k:05d}/{rest}" if rest else f"{head}{k:05d}"
            days = k % 400
            ref = DocumentRef(
                number=number,
                doc_type=r.document.doc_type,
                issuer=r.document.issuer,
                issued_date=_shift(r.document.issued_date, days),
            )
            tasks = []
            for t in r.tasks[: n_tasks - total]:
                deadline = t.deadline
                if deadline is not None and deadline.date:
                    deadline = deadline.model_copy(update={"date": _shift(deadline.date, days)})
                tasks.append(
                    t.model_copy(
                        update={"id": _h(t.id, k), "doc_id": doc_id, "document": ref, "deadline": deadline}
                    )
                )
            document = r.document.model_copy(
                update={
                    "doc_id": doc_id,
                    "number": number,
                    "issued_date": ref.issued_date,
                    "task_count": len(tasks),
                }
            )
            out.append(Result(document=document, tasks=tasks))
            total += len(tasks)
        k += 1
    return out


def make_queries(base: list[Result], n: int = 200, seed: int = 7) -> list[tuple[str, dict[str, str]]]:
    """A deterministic mix: words, folded words, phrases, citations in three forms, units, filters."""
    rng = random.Random(seed)
    words: list[str] = []
    phrases: list[str] = []
    units: list[str] = []
    cites: list[str] = []
    issuers: list[str] = []
    for r in base:
        if r.document.issuer:
            issuers.append(r.document.issuer)
        for t in r.tasks:
            ws = [w.strip(".,;:()") for w in t.text.split()]
            ws = [w for w in ws if len(w) > 2 and w.isalpha()]
            words += ws
            if len(ws) >= 3:
                i = rng.randrange(len(ws) - 2)
                phrases.append(" ".join(ws[i : i + 2]))
            units += [u.canonical for u in t.assignee_units]
            cites += [ref.number for ref in t.references if ref.number and "/" in ref.number]
    from extractor.normalize import fold

    out: list[tuple[str, dict[str, str]]] = []
    kinds = ["word", "folded", "two", "phrase", "cite", "cite_folded", "cite_short", "unit", "filtered"]
    while len(out) < n:
        kind = kinds[len(out) % len(kinds)]
        if kind == "word":
            out.append((rng.choice(words), {}))
        elif kind == "folded":
            out.append((fold(rng.choice(words)), {}))
        elif kind == "two":
            out.append((f"{rng.choice(words)} {rng.choice(words)}", {}))
        elif kind == "phrase":
            out.append((f'"{rng.choice(phrases)}"', {}))
        elif kind.startswith("cite") and cites:
            c = rng.choice(cites)
            if kind == "cite_folded":
                c = fold(c)
            elif kind == "cite_short":
                c = "/".join(c.split("/")[:2])
            out.append((c, {}))
        elif kind == "unit" and units:
            out.append((fold(rng.choice(units)), {}))
        else:
            out.append((rng.choice(words), {"issuer": rng.choice(issuers), "status": "overdue"}))
    return out


def run_backend(
    name: str, url: str, docs: list[Result], queries: list[tuple[str, dict[str, str]]]
) -> dict[str, object]:
    store: Store = open_store(url)
    n_tasks = sum(len(r.tasks) for r in docs)
    started = time.perf_counter()
    for r in docs:
        store.add(r)
    ingest_s = time.perf_counter() - started
    counts = store.counts()
    assert counts["tasks"] == n_tasks, counts
    for q, f in queries[:20]:  # warm caches
        store.search(q, **f)  # type: ignore[arg-type]
    lat: list[float] = []
    hits = 0
    for q, f in queries:
        t0 = time.perf_counter()
        hits += len(store.search(q, **f))  # type: ignore[arg-type]
        lat.append((time.perf_counter() - t0) * 1000)
    facet_lat: list[float] = []
    for q, f in queries[:40]:
        t0 = time.perf_counter()
        store.facets(q, **f)  # type: ignore[arg-type]
        facet_lat.append((time.perf_counter() - t0) * 1000)
    store.close()
    lat.sort()
    facet_lat.sort()
    return {
        "backend": name,
        "documents": len(docs),
        "tasks": n_tasks,
        "ingest_s": round(ingest_s, 2),
        "tasks_per_s": round(n_tasks / ingest_s, 1),
        "docs_per_s": round(len(docs) / ingest_s, 1),
        "queries": len(lat),
        "search_p50_ms": round(statistics.median(lat), 2),
        "search_p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 2),
        "facets_p50_ms": round(statistics.median(facet_lat), 2),
        "mean_hits": round(hits / len(lat), 1),
    }


def server_version(bindir: Path) -> str | None:
    """The server's version ("15.18"), from the binary beside the initdb that ran the benchmark."""
    try:
        out = subprocess.run([str(bindir / "postgres"), "--version"], capture_output=True, text=True).stdout
    except OSError:
        return None
    m = re.search(r"\)\s+(\d+(?:\.\d+)?)", out)
    return m.group(1) if m else None


def run_postgres(
    pg_url: str | None, docs: list[Result], queries: list[tuple[str, dict[str, str]]]
) -> dict[str, object] | None:
    """The PostgreSQL row: on ``pg_url``, or on a throwaway durable server (None if none starts)."""
    if pg_url:
        return run_backend("postgres", pg_url, docs, queries)
    from extractor.archive.pg_store import TempCluster

    try:
        cluster = TempCluster(durable=True)
    except RuntimeError as err:
        print(f"archive: postgres skipped: {err}", file=sys.stderr)
        return None
    try:
        row = run_backend("postgres", cluster.create_database(), docs, queries)
        row["server"] = server_version(cluster.bindir)
        row["fsync"] = True
        return row
    finally:
        cluster.stop()


def print_table(rows: list[dict[str, object]]) -> None:
    print(
        "| backend | tasks | docs | store tasks/s | store docs/s | search p50 ms | search p95 ms | facets p50 ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['backend']} | {r['tasks']} | {r['documents']} | {r['tasks_per_s']} | {r['docs_per_s']} | "
            f"{r['search_p50_ms']} | {r['search_p95_ms']} | {r['facets_p50_ms']} |"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--tasks", type=int, default=100_000, help="archive size in tasks (default 100000)")
    ap.add_argument("--quick", action="store_true", help="10,000 tasks")
    ap.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite,postgres")
    ap.add_argument("--pg-url", default=None, help="an existing, empty PostgreSQL database to use")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--json", action="store_true", help="print JSON rows instead of the table")
    args = ap.parse_args(argv)
    n = 10_000 if args.quick else args.tasks
    pinning = pin_to_one_core()
    load_before = load_average()

    base = base_results()
    t0 = time.perf_counter()
    docs = replicate(base, n)
    queries = make_queries(base, args.queries)
    print(
        f"archive: {len(base)} base documents, {sum(len(r.tasks) for r in base)} tasks → "
        f"{len(docs)} documents, {n} tasks (built in {time.perf_counter() - t0:.1f} s)",
        file=sys.stderr,
    )
    rows = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                rows.append(run_backend("sqlite", str(Path(tmp) / "archive.db"), docs, queries))
        elif backend == "postgres":
            row = run_postgres(args.pg_url, docs, queries)
            if row is None:
                continue
            rows.append(row)
        else:
            ap.error(f"unknown backend {backend!r}")
        print(f"archive: {backend} done", file=sys.stderr)
    if args.json:
        report = {
            "benchmark": "archive",
            "machine": machine(pinning, load_before),
            "tasks": n,
            "queries": len(queries),
            "rows": rows,
        }
        print(json.dumps(report, indent=1))
        return 0
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
