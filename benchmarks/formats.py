#!/usr/bin/env python3
"""Pages per second for the formats that run an external program, on one CPU core.

    .venv/bin/python benchmarks/formats.py [--quick] [--json]

Groups: the .doc and .rtf fixtures of ``tests/fixtures/scans`` (end to end, LibreOffice
conversion included) and the image-only PDFs there (end to end: render + Tesseract + pipeline).
A Word file has no page count of its own; its pages are those of the PDF that LibreOffice
printed from the same .docx (``tests/fixtures/seeds``). Text PDF and DOCX, which run in-process,
are measured once, by ``benchmarks/run.py``.

The process is pinned to one core with ``os.sched_setaffinity`` before anything runs; the
affinity is inherited by ``tesseract`` and ``soffice``, so their time counts on that core too.
Each group runs one timed pass after a warm-up (none for OCR): they take minutes and their cost
is the external program's, not the cache's.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import load_average, machine, pin_to_one_core  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SCANS = ROOT / "tests" / "fixtures" / "scans"


@dataclass
class Row:
    name: str
    files: int
    pages: int
    seconds: float

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def s_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


def pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


def best(fn: Callable[[], object], passes: int, warm: bool = True) -> float:
    if warm:
        fn()
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="two OCR files only")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)
    pinned = pin_to_one_core()
    load_before = load_average()

    from extractor.parse.ocr import DPI
    from extractor.pipeline import extract_path

    twin_pages = {p.stem: pdf_pages(p) for p in sorted(SEEDS.glob("[0-9][0-9][0-9]_*.pdf"))}

    def extract_all(paths: list[Path]) -> Callable[[], None]:
        return lambda: [extract_path(p) for p in paths] and None

    rows: list[Row] = []
    notes: list[str] = []
    if shutil.which("soffice") or shutil.which("libreoffice"):
        for suffix in (".doc", ".rtf"):
            files = sorted(SCANS.glob(f"[0-9][0-9][0-9]_*{suffix}"))
            n = sum(twin_pages[p.stem] for p in files)
            rows.append(Row(f"{suffix} end to end (LibreOffice)", len(files), n, best(extract_all(files), 1)))
    else:
        notes.append("LibreOffice absent: .doc/.rtf not measured")
    if shutil.which("tesseract"):
        scans = sorted(SCANS.glob("[0-9][0-9][0-9]_*.pdf"))[: 2 if args.quick else None]
        n = sum(pdf_pages(p) for p in scans)
        rows.append(Row("OCR PDF, end to end", len(scans), n, best(extract_all(scans), 1, warm=False)))
    else:
        notes.append("tesseract absent: OCR not measured")

    if args.json:
        report = {
            "benchmark": "formats",
            "machine": machine(pinned, load_before),
            "ocr_dpi": DPI,
            "rows": [asdict(r) | {"pages_per_s": r.pages_per_s, "s_per_page": r.s_per_page} for r in rows],
            "notes": notes,
        }
        print(json.dumps(report, indent=1))
        return 0
    print(f"one core ({pinned}); one timed pass per group")
    print(f"{'group':34s} {'files':>5s} {'pages':>5s} {'seconds':>8s} {'pages/s':>8s} {'s/page':>7s}")
    for r in rows:
        print(
            f"{r.name:34s} {r.files:5d} {r.pages:5d} {r.seconds:8.2f} {r.pages_per_s:8.1f} {r.s_per_page:7.3f}"
        )
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
