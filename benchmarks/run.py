#!/usr/bin/env python3
"""Speed figures of the extractor, on one CPU core.

    .venv/bin/python benchmarks/run.py [--quick] [--json]

Measures, with ``time.perf_counter`` after one warm-up pass (imports, caches):

* documents per second end to end (``extract_path``: parse + normalize + metadata + tasks +
  citations) for the seed .txt files, the seed .docx and .pdf fixtures and the dev corpus;
* parse-only documents and pages per second for the seed PDFs, and a pdfplumber-only text
  extraction of the same PDFs for comparison;
* peak memory of one whole dev-corpus run (tracemalloc peak, in a separate untimed pass, and
  the process's maximum resident set size).

Each figure comes from the fastest of the timed passes over the whole group of files (the least
disturbed by other work on the machine, as ``timeit`` advises); the JSON output adds the median.
Files are taken in sorted order, so the output is deterministic apart from the timings.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import load_average, machine, pin_to_one_core  # noqa: E402

SEED_TXT = ROOT / "corpus" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
DEV_DOCS = ROOT.parent / "shared" / "corpus" / "dev" / "docs"
SKIP_PDF = {"encrypted.pdf"}


@dataclass
class Row:
    name: str
    files: int
    pages: int | None
    seconds: float  # seconds of the fastest pass over all the files
    docs_per_s: float
    pages_per_s: float | None
    passes: int
    tasks: int | None = None
    median_seconds: float | None = None


def pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def timed(fn: Callable[[], object], passes: int) -> tuple[float, float, object]:
    """Warm up once, then the fastest and the median seconds of ``passes`` timed calls, and the result."""
    result = fn()
    times: list[float] = []
    for _ in range(passes):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def make_row(
    name: str, files: int, pages: int | None, times: tuple[float, float], passes: int, tasks: int | None
) -> Row:
    seconds, median = times
    docs_s = files / seconds if seconds > 0 else float("inf")
    pages_s = pages / seconds if pages and seconds > 0 else None
    return Row(name, files, pages, seconds, docs_s, pages_s, passes, tasks, median)


def bench_extract(name: str, paths: list[Path], passes: int, pages: int | None = None) -> Row:
    from extractor.pipeline import extract_path

    def run() -> int:
        return sum(len(extract_path(p).tasks) for p in paths)

    best, median, tasks = timed(run, passes)
    assert isinstance(tasks, int)
    return make_row(name, len(paths), pages, (best, median), passes, tasks)


def bench_parse_pdf(blobs: list[bytes], pages: int, passes: int) -> Row:
    from extractor.parse import parse_bytes

    def run() -> int:
        return sum(len(parse_bytes(b, ".pdf").blocks) for b in blobs)

    best, median, _ = timed(run, passes)
    return make_row("pdf parse only", len(blobs), pages, (best, median), passes, None)


def bench_pdfplumber(blobs: list[bytes], pages: int, passes: int) -> Row:
    import pdfplumber

    def run() -> int:
        chars = 0
        for b in blobs:
            with pdfplumber.open(io.BytesIO(b)) as pdf:
                for page in pdf.pages:
                    chars += len(page.extract_text() or "")
        return chars

    best, median, _ = timed(run, passes)
    return make_row("pdfplumber text only", len(blobs), pages, (best, median), passes, None)


def dev_memory(paths: list[Path]) -> dict[str, float]:
    """Peak traced Python memory of one whole dev run, and the process's max RSS after it."""
    from extractor.pipeline import extract_path

    gc.collect()
    tracemalloc.start()
    try:
        for p in paths:
            extract_path(p)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    rss_mib = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    return {"tracemalloc_peak_mib": round(peak / (1024 * 1024), 2), "max_rss_mib": round(rss_mib, 1)}


def fmt(value: float | int | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(rows: list[Row]) -> str:
    head = ["format", "files", "pages", "seconds", "docs/s", "pages/s", "tasks", "passes"]
    body = [
        [
            r.name,
            str(r.files),
            fmt(r.pages, "d"),
            fmt(r.seconds, ".4f"),
            fmt(r.docs_per_s, ".1f"),
            fmt(r.pages_per_s, ".1f"),
            fmt(r.tasks, "d"),
            str(r.passes),
        ]
        for r in rows
    ]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(head), line(["-" * w for w in widths]), *(line(b) for b in body)])


def bench_rows(passes: int, slow_passes: int, notes: list[str]) -> tuple[list[Row], float | None, list[Path]]:
    """Every timed row, the pdfplumber/parse time ratio, and the dev files (for the memory pass)."""
    txt = sorted(SEED_TXT.glob("*.txt"))
    docx = sorted(FIXTURES.glob("*.docx"))
    pdf = sorted(p for p in FIXTURES.glob("*.pdf") if p.name not in SKIP_PDF)
    dev = sorted(DEV_DOCS.glob("*.txt")) if DEV_DOCS.is_dir() else []
    pdf_blobs = [p.read_bytes() for p in pdf]
    n_pages = sum(pdf_pages(b) for b in pdf_blobs)
    # a Word file has no page count of its own: its pages are those of the PDF LibreOffice printed
    # from it (the fixture beside it), when every .docx has one
    twins = [FIXTURES / f"{p.stem}.pdf" for p in docx]
    docx_pages = sum(pdf_pages(t.read_bytes()) for t in twins) if all(t.exists() for t in twins) else None

    rows: list[Row] = []
    for name, paths, pages in (
        ("seed txt", txt, None),
        ("seed docx", docx, docx_pages),
        ("seed pdf", pdf, n_pages),
    ):
        if paths:
            rows.append(bench_extract(name, paths, passes, pages))
        else:
            notes.append(f"{name}: no files found, skipped")
    if dev:
        rows.append(bench_extract("dev txt", dev, passes))
    else:
        notes.append(f"dev txt: {DEV_DOCS} is absent, skipped")

    ratio = None
    if pdf_blobs:
        parse_row = bench_parse_pdf(pdf_blobs, n_pages, passes)
        plumber_row = bench_pdfplumber(pdf_blobs, n_pages, slow_passes)
        rows += [parse_row, plumber_row]
        ratio = plumber_row.seconds / parse_row.seconds if parse_row.seconds > 0 else None

    return rows, ratio, dev


def print_report(report: dict[str, Any], rows: list[Row], dev_docs: int) -> None:
    """The human-readable form of ``report`` (``--json`` prints the report itself)."""
    info, ratio, memory = report["machine"], report["pdf_parse_speedup_vs_pdfplumber"], report["dev_memory"]
    print(f"Python {info['python']} ({info['implementation']}), CPU: {info['cpu']}")
    print(f"One core: {info['pinning']}")
    print(f"Timed passes: {report['passes']} (pdfplumber: {report['slow_passes']})")
    print()
    print(table(rows))
    print()
    if ratio:
        print(f"PDF parse: extractor (pypdfium2) is {ratio:.1f}× faster than pdfplumber text extraction")
    if memory:
        print(
            f"Dev run ({dev_docs} docs) memory: tracemalloc peak {memory['tracemalloc_peak_mib']:.2f} MiB, "
            f"process max RSS {memory['max_rss_mib']:.1f} MiB"
        )
    for note in report["notes"]:
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speed figures of the extractor, on one CPU core.")
    parser.add_argument("--quick", action="store_true", help="fewer timed passes (1 each)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    pinning = pin_to_one_core()
    passes = 1 if args.quick else 5
    slow_passes = 1 if args.quick else 2  # pdfplumber is slow: fewer passes keep the run short
    notes: list[str] = []

    load_before = load_average()
    rows, ratio, dev = bench_rows(passes, slow_passes, notes)
    memory = dev_memory(dev) if dev else None
    notes.append("skipped (encrypted, not a speed case): " + ", ".join(sorted(SKIP_PDF)))
    notes.append("seconds: fastest of the timed passes over all the files of a row, after one warm-up pass")

    report: dict[str, Any] = {
        "benchmark": "run",
        "machine": machine(pinning, load_before),
        "passes": passes,
        "slow_passes": slow_passes,
        "rows": [asdict(r) for r in rows],
        "pdf_parse_speedup_vs_pdfplumber": round(ratio, 2) if ratio else None,
        "dev_memory": memory,
        "notes": notes,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0

    print_report(report, rows, len(dev))
    return 0


if __name__ == "__main__":
    sys.exit(main())
