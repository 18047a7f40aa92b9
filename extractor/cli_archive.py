"""The archive commands: ``extractor ingest``, ``search``, ``report`` and ``task done|open``.

Thin wrappers over :mod:`extractor.archive`: every library error becomes one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from extractor.archive import export
from extractor.archive.factory import open_store
from extractor.archive.filters import parse_day
from extractor.archive.report import render_csv, render_overdue_csv, render_table, rollup
from extractor.archive.search import QueryError
from extractor.archive.status import STATUSES
from extractor.archive.store import Store, TaskHit
from extractor.errors import ExtractorError
from extractor.io import write_atomic

__all__ = ["FORMATS", "add_commands"]

FORMATS = ("table", "jsonl", "ics", "jira", "taskwarrior")
#: ``search --format table`` shows this many hits unless ``--limit`` says otherwise; an export
#: (every other format) writes every match: a tracker file cut at 50 tasks would lose work.
TABLE_LIMIT = 50
_EXPORTS: dict[str, Callable[..., str | bytes]] = {
    "ics": export.to_icalendar,
    "jira": export.to_jira_csv,
    "taskwarrior": export.to_taskwarrior,
}


def _store(args: argparse.Namespace) -> Store:
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
    except (ValueError, OSError, ExtractorError) as err:  # a bad URL, no server, psycopg missing
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
    try:
        store = _store(args)
    except (ValueError, OSError, ExtractorError) as err:  # a bad URL, no server, psycopg missing
        return _fail(str(err))
    with store:
        try:
            if args.facets:
                for facet, values in store.facets(args.query, **_filters(args)).items():
                    print(f"{facet}:")
                    for value, count in values:
                        print(f"  {count:6d}  {value}")
                return 0
            limit = (
                args.limit if args.limit is not None else (TABLE_LIMIT if args.format == "table" else None)
            )
            hits = store.search(args.query, limit=limit, **_filters(args))
        except QueryError as err:
            return _fail(f"bad query: {err}")
        except ValueError as err:
            return _fail(str(err))
    tasks = [h.task for h in hits]
    done = {h.task["id"] for h in hits if h.done}
    return _write(args, tasks, done, hits)


def _write(args: argparse.Namespace, tasks: list[dict[str, Any]], done: set[str], hits: list[TaskHit]) -> int:
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
    else:
        payload = _EXPORTS[args.format](tasks, done_ids=done)
    write_atomic(args.output, payload)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    try:
        store = _store(args)
    except (ValueError, OSError, ExtractorError) as err:  # a bad URL, no server, psycopg missing
        return _fail(str(err))
    with store:
        try:
            as_of = parse_day("--as-of", args.as_of) or date.today()
            hits = store.search("", limit=None, as_of=as_of, due_days=args.due_days)
        except QueryError as err:
            return _fail(str(err))
    rows = rollup(((h.task, h.done) for h in hits), as_of=as_of, soon_days=args.due_days)
    if args.csv:
        sys.stdout.write(render_csv(rows))
    else:
        print(render_table(rows))
    if args.overdue_csv:
        write_atomic(args.overdue_csv, render_overdue_csv(rows))
    return 0


def cmd_task(args: argparse.Namespace) -> int:
    try:
        store = _store(args)
    except (ValueError, OSError, ExtractorError) as err:  # a bad URL, no server, psycopg missing
        return _fail(str(err))
    with store:
        try:
            (store.mark_done if args.action == "done" else store.mark_open)(args.task_id)
        except KeyError:
            return _fail(f"no task with id {args.task_id}")
    print(f"{args.task_id}: {args.action}", file=sys.stderr)
    return 0


_DB_HELP = "archive: a SQLite file (default archive.db, or $EXTRACTOR_ARCHIVE) or postgresql://…"


def _filter_options(p: argparse.ArgumentParser) -> None:
    """The options of ``search`` (and their names in :func:`_filters`)."""
    p.add_argument("--db", help=_DB_HELP)
    p.add_argument("--issuer", help="issuing body (accent-insensitive)")
    p.add_argument("--assignee", help="assignee, canonical name (accent-insensitive)")
    p.add_argument("--doc-type", help="Công văn, Chỉ thị, Kế hoạch, …")
    p.add_argument("--issued-from", help="issued on or after (YYYY-MM-DD)")
    p.add_argument("--issued-to", help="issued on or before (YYYY-MM-DD)")
    p.add_argument("--deadline-from", help="deadline on or after (YYYY-MM-DD)")
    p.add_argument("--deadline-to", help="deadline on or before (YYYY-MM-DD)")
    p.add_argument("--status", choices=STATUSES, help="status")
    p.add_argument("--as-of", help="date the status is computed for (default today)")
    p.add_argument("--due-days", type=int, default=7, help="'due soon' window in days (default 7)")
    p.add_argument("--all-versions", action="store_true", help="include superseded document versions")


def _add_ingest(sub: Any) -> None:
    ing = sub.add_parser("ingest", help="add documents to the archive (incremental, idempotent)")
    ing.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    ing.add_argument("--db", help=_DB_HELP)
    ing.add_argument("--watch", metavar="DIR", help="keep ingesting new files that appear in DIR")
    ing.add_argument("--interval", type=float, default=2.0, help="seconds between looks at --watch DIR")
    ing.add_argument("--force", action="store_true", help="re-extract files already ingested")
    ing.add_argument("--progress", action="store_true", default=None, help="show a progress line")
    ing.set_defaults(func=cmd_ingest)


def add_commands(sub: Any) -> None:
    """Register the archive subcommands on the main parser's subparsers."""
    _add_ingest(sub)
    se = sub.add_parser("search", help='search the archive (accent-insensitive; "phrases"; citations)')
    se.add_argument("query", nargs="?", default="", help='e.g. noi vu, "Phòng Nội vụ", 61/2018/NĐ-CP')
    _filter_options(se)
    se.add_argument(
        "--limit",
        type=int,
        default=None,
        help=f"at most N results (default: {TABLE_LIMIT} for the table; an export writes every match)",
    )
    se.add_argument("--facets", action="store_true", help="print counts by issuer, assignee, type, status")
    se.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help=f"table (the terminal; {TABLE_LIMIT} rows unless --limit), or an export of every match: "
        "jsonl, ics, jira, taskwarrior",
    )
    se.add_argument("-o", "--output", default="-", help="file for the export ('-' = standard output)")
    se.set_defaults(func=cmd_search)

    rep = sub.add_parser("report", help="roll-up per unit: counts by status and the overdue list")
    rep.add_argument("--db", help=_DB_HELP)
    rep.add_argument("--as-of", help="date the status is computed for (default today)")
    rep.add_argument("--due-days", type=int, default=7, help="'due soon' window in days (default 7)")
    rep.add_argument("--csv", action="store_true", help="CSV instead of a terminal table")
    rep.add_argument("--overdue-csv", metavar="FILE", help="also write the overdue tasks to FILE (CSV)")
    rep.set_defaults(func=cmd_report)

    task = sub.add_parser("task", help="mark a task done or open again")
    task.add_argument("action", choices=("done", "open"), help="done: mark the task done; open: undo")
    task.add_argument("task_id", metavar="ID", help="the task id (from search or the JSONL records)")
    task.add_argument("--db", help=_DB_HELP)
    task.set_defaults(func=cmd_task)
