"""The archive commands: ``extractor ingest``, ``search``, ``report`` and ``task done|open``.

Thin wrappers over :mod:`extractor.archive`: every library error becomes one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
import threading
from datetime import date
from typing import Any

FORMATS = ("table", "jsonl", "ics", "jira", "taskwarrior")


def _store(args: argparse.Namespace) -> Any:
    from extractor.archive.store import open_store

    return open_store(args.db)


def _fail(message: str, code: int = 2) -> int:
    print(f"extractor: {message}", file=sys.stderr)
    return code


def cmd_ingest(args: argparse.Namespace) -> int:
    errors: list[str] = []

    def on_error(path: str, reason: str) -> None:
        errors.append(path)
        print(f"extractor: {path}: {reason}", file=sys.stderr)

    try:
        store = _store(args)
    except (ValueError, OSError) as err:
        return _fail(str(err))
    with store:
        if args.paths:
            report = store.ingest(args.paths, progress=args.progress, on_error=on_error, force=args.force)
            print(
                f"added {report.added}, replaced {report.replaced}, new versions {report.versions}, "
                f"skipped {report.skipped}, failed {report.failed}",
                file=sys.stderr,
            )
        if args.watch:
            stop = threading.Event()
            print(f"extractor: watching {args.watch} (Ctrl-C to stop)", file=sys.stderr)
            try:
                store.watch(args.watch, args.interval, stop, on_error=on_error)
            except KeyboardInterrupt:
                stop.set()
        counts = store.counts()
        print(" ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    return 1 if errors else 0


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "issuer": args.issuer,
        "assignee": args.assignee,
        "doc_type": args.doc_type,
        "issued_from": args.issued_from,
        "issued_to": args.issued_to,
        "deadline_from": args.deadline_from,
        "deadline_to": args.deadline_to,
        "status": args.status,
        "as_of": args.as_of,
        "due_days": args.due_days,
        "include_superseded": args.all_versions,
    }


def cmd_search(args: argparse.Namespace) -> int:
    from extractor.archive.search import QueryError

    try:
        store = _store(args)
    except (ValueError, OSError) as err:
        return _fail(str(err))
    with store:
        try:
            if args.facets:
                for facet, values in store.facets(args.query, **_filters(args)).items():
                    print(f"{facet}:")
                    for value, count in values:
                        print(f"  {count:6d}  {value}")
                return 0
            hits = store.search(args.query, limit=args.limit, **_filters(args))
        except QueryError as err:
            return _fail(f"bad query: {err}")
        except ValueError as err:
            return _fail(str(err))
    tasks = [h.task for h in hits]
    done = {h.task["id"] for h in hits if h.done}
    return _write(args, tasks, done, hits)


def _write(args: argparse.Namespace, tasks: list[dict[str, Any]], done: set[str], hits: list[Any]) -> int:
    from extractor.archive import export
    from extractor.cli import atomic_writer

    if args.format == "table":
        for h in hits:
            dl = (h.task.get("deadline") or {}).get("date") or "-"
            who = ", ".join(u["canonical"] for u in h.task.get("assignee_units") or []) or "-"
            print(
                f"{h.task['id']}  {h.status:11s} {dl:10s}  {who[:40]:40s}  {' '.join(h.task['text'].split())[:80]}"
            )
        return 0
    if args.format == "jsonl":
        payload: str | bytes = export.to_jsonl(tasks)
    elif args.format == "ics":
        payload = export.to_icalendar(tasks, done_ids=done)
    elif args.format == "jira":
        payload = export.to_jira_csv(tasks, done_ids=done)
    else:
        payload = export.to_taskwarrior(tasks, done_ids=done)
    if isinstance(payload, bytes):
        if args.output in (None, "-"):
            sys.stdout.buffer.write(payload)
        else:
            _write_bytes(args.output, payload)
        return 0
    with atomic_writer(args.output) as handle:
        handle.write(payload)
    return 0


def _write_bytes(target: str, payload: bytes) -> None:
    """Write a binary export atomically (temporary file, then rename)."""
    import os
    import tempfile
    from pathlib import Path

    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_report(args: argparse.Namespace) -> int:
    from extractor.archive.report import render_csv, render_overdue_csv, render_table, rollup

    try:
        store = _store(args)
    except (ValueError, OSError) as err:
        return _fail(str(err))
    as_of = date.fromisoformat(args.as_of) if args.as_of else date.today()
    with store:
        hits = store.search("", limit=None, as_of=as_of, due_days=args.due_days)
    rows = rollup(((h.task, h.done) for h in hits), as_of=as_of, soon_days=args.due_days)
    if args.csv:
        sys.stdout.write(render_csv(rows))
    else:
        print(render_table(rows))
    if args.overdue_csv:
        from extractor.cli import atomic_writer

        with atomic_writer(args.overdue_csv) as handle:
            handle.write(render_overdue_csv(rows))
    return 0


def cmd_task(args: argparse.Namespace) -> int:
    try:
        store = _store(args)
    except (ValueError, OSError) as err:
        return _fail(str(err))
    with store:
        try:
            (store.mark_done if args.action == "done" else store.mark_open)(args.task_id)
        except KeyError:
            return _fail(f"no task with id {args.task_id}")
    print(f"{args.task_id}: {args.action}", file=sys.stderr)
    return 0


def add_commands(sub: Any) -> None:
    """Register the archive subcommands on the main parser's subparsers."""
    db_help = "archive: a SQLite file (default archive.db, or $EXTRACTOR_ARCHIVE) or postgresql://…"

    ing = sub.add_parser("ingest", help="add documents to the archive (incremental, idempotent)")
    ing.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    ing.add_argument("--db", help=db_help)
    ing.add_argument("--watch", metavar="DIR", help="keep ingesting new files that appear in DIR")
    ing.add_argument("--interval", type=float, default=2.0, help="seconds between looks at --watch DIR")
    ing.add_argument("--force", action="store_true", help="re-extract files already ingested")
    ing.add_argument("--progress", action="store_true", default=None, help="show a progress line")
    ing.set_defaults(func=cmd_ingest)

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", help=db_help)
        p.add_argument("--issuer", help="issuing body (accent-insensitive)")
        p.add_argument("--assignee", help="assignee, canonical name (accent-insensitive)")
        p.add_argument("--doc-type", help="Công văn, Chỉ thị, Kế hoạch, …")
        p.add_argument("--issued-from", help="issued on or after (YYYY-MM-DD)")
        p.add_argument("--issued-to", help="issued on or before (YYYY-MM-DD)")
        p.add_argument("--deadline-from", help="deadline on or after (YYYY-MM-DD)")
        p.add_argument("--deadline-to", help="deadline on or before (YYYY-MM-DD)")
        p.add_argument(
            "--status", choices=("open", "due_soon", "overdue", "done", "no_deadline"), help="status"
        )
        p.add_argument("--as-of", help="date the status is computed for (default today)")
        p.add_argument("--due-days", type=int, default=7, help="'due soon' window in days (default 7)")
        p.add_argument("--all-versions", action="store_true", help="include superseded document versions")

    se = sub.add_parser("search", help='search the archive (accent-insensitive; "phrases"; citations)')
    se.add_argument("query", nargs="?", default="", help='e.g. noi vu, "Phòng Nội vụ", 61/2018/NĐ-CP')
    filters(se)
    se.add_argument("--limit", type=int, default=50, help="at most N results (default 50)")
    se.add_argument("--facets", action="store_true", help="print counts by issuer, assignee, type, status")
    se.add_argument("--format", choices=FORMATS, default="table", help="table, jsonl, ics, jira, taskwarrior")
    se.add_argument("-o", "--output", default="-", help="file for the export ('-' = standard output)")
    se.set_defaults(func=cmd_search)

    rep = sub.add_parser("report", help="roll-up per unit: counts by status and the overdue list")
    rep.add_argument("--db", help=db_help)
    rep.add_argument("--as-of", help="date the status is computed for (default today)")
    rep.add_argument("--due-days", type=int, default=7, help="'due soon' window in days (default 7)")
    rep.add_argument("--csv", action="store_true", help="CSV instead of a terminal table")
    rep.add_argument("--overdue-csv", metavar="FILE", help="also write the overdue tasks to FILE (CSV)")
    rep.set_defaults(func=cmd_report)

    task = sub.add_parser("task", help="mark a task done or open again")
    task.add_argument("action", choices=("done", "open"), help="done: mark the task done; open: undo")
    task.add_argument("task_id", metavar="ID", help="the task id (from search or the JSONL records)")
    task.add_argument("--db", help=db_help)
    task.set_defaults(func=cmd_task)
