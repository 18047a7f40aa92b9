"""Incremental ingest into an archive store, and a polling ``watch``.

Why it is restart-safe: a file's identity is the hash of its bytes (``doc_id``); extraction runs
outside any transaction and each document is then written in one transaction with its file row,
so a killed run leaves whole documents only, and a rerun skips exactly those.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from extractor.io import iter_inputs
from extractor.pipeline import doc_id_of, extract_bytes
from extractor.schema import Result

__all__ = ["IngestReport", "OnError", "Sink", "ingest", "ingest_one", "watch"]

#: ``on_error(path, reason)``: told about each file that cannot be read; the batch goes on.
OnError = Callable[[str, str], None]


@dataclass
class IngestReport:
    """What one ingest did: files added, replaced (same bytes re-extracted), skipped, new versions."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0
    versions: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def merge(self, other: IngestReport) -> None:
        self.added += other.added
        self.replaced += other.replaced
        self.skipped += other.skipped
        self.versions += other.versions
        self.failed += other.failed
        self.errors.extend(other.errors)


class Sink(Protocol):
    """The part of a :class:`~extractor.archive.store.Store` that ingest writes to."""

    def has_document(self, doc_id: str) -> bool: ...

    def record_file(self, path: str, doc_id: str) -> None: ...

    def add(self, result: Result, path: str | None = None) -> str: ...


def _files(paths: list[str]) -> list[tuple[str, str | None]]:
    """(path, error) of every input (:func:`extractor.io.iter_inputs`; an empty folder is no error)."""
    return [(i.source, i.error) for i in iter_inputs(paths, report_empty=False)]


class _Progress:
    """A one-line counter on stderr (no dependency): files done/total, rate, outcomes."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, report: IngestReport, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.last < 0.2):
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        pct = 100.0 * done / self.total if self.total else 100.0
        self.stream.write(
            f"\rarchive: {done}/{self.total} files ({pct:5.1f}%) {rate:6.1f}/s  "
            f"added {report.added} versions {report.versions} replaced {report.replaced} "
            f"skipped {report.skipped} failed {report.failed}"
        )
        self.stream.flush()

    def finish(self, done: int, report: IngestReport) -> None:
        if self.enabled:
            self.update(done, report, force=True)
            self.stream.write("\n")
            self.stream.flush()


def ingest(
    store: Sink,
    paths: list[str],
    *,
    progress: bool | None = None,
    on_error: OnError | None = None,
    force: bool = False,
) -> IngestReport:
    """Ingest files and folders; see :meth:`Store.ingest`."""
    report = IngestReport()
    files = _files(paths)
    show = progress if progress is not None else sys.stderr.isatty()
    bar = _Progress(len(files), sys.stderr, bool(show) and len(files) > 1)
    for n, (path, error) in enumerate(files, 1):
        if error is None:
            error = ingest_one(store, path, report, force=force)
        if error is not None:
            report.failed += 1
            report.errors.append((path, error))
            if on_error is not None:
                on_error(path, error)
        bar.update(n, report)
    bar.finish(len(files), report)
    return report


def ingest_one(store: Sink, path: str, report: IngestReport, *, force: bool = False) -> str | None:
    """Ingest one file, counting the outcome in ``report``; returns a reason when it failed."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return err.strerror or str(err)
    doc_id = doc_id_of(data)
    if not force and store.has_document(doc_id):
        store.record_file(path, doc_id)
        report.skipped += 1
        return None
    try:
        result = extract_bytes(data, path, Path(path).suffix)
    except Exception as err:  # one bad file must not stop the batch: report it and go on
        reason = getattr(err, "reason", None) or str(err) or type(err).__name__
        return str(reason)
    outcome = store.add(result, path)
    if outcome == "added":
        report.added += 1
    elif outcome == "replaced":
        report.replaced += 1
    else:
        report.versions += 1
    return None


def watch(
    store: Sink,
    directory: str,
    interval: float = 2.0,
    stop_event: threading.Event | None = None,
    *,
    on_error: OnError | None = None,
    on_report: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Poll ``directory`` and ingest files as they appear or change, until ``stop_event`` is set.

    A file is taken once its size and mtime held still for one interval (not half-written);
    unchanged files are never re-read. Returns the total report.
    """
    stop = stop_event or threading.Event()
    total = IngestReport()
    seen: dict[str, tuple[int, int]] = {}
    pending: dict[str, tuple[int, int]] = {}
    while True:
        batch: list[str] = []
        for path, error in _files([directory]):
            if error is not None:
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            sig = (st.st_size, st.st_mtime_ns)
            if seen.get(path) == sig:
                continue
            if pending.get(path) == sig:
                batch.append(path)
                seen[path] = sig
                pending.pop(path, None)
            else:
                pending[path] = sig
        if batch:
            report = ingest(store, batch, progress=False, on_error=on_error)
            total.merge(report)
            if on_report is not None:
                on_report(report)
        if stop.wait(interval):
            return total
