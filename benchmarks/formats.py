#!/usr/bin/env python3
"""Pages per second per input format, on one CPU core (child processes included).

    .venv/bin/python benchmarks/formats.py [--quick] [--json]

Groups: the seed text PDFs (parse only, end to end, and a pdfplumber-only text extraction of
the same files for the ratio), the OCR scans of ``tests/fixtures/scans`` (end to end: render +
Tesseract + pipeline, reported as seconds per page), the seed .docx, and the .doc / .rtf
fixtures (end to end, LibreOffice conversion included). A Word file has no page count of its
own; its pages are those of the PDF that LibreOffice printed from the same .docx.

The process is pinned to one core with ``os.sched_setaffinity`` before anything runs; the
affinity is inherited by ``tesseract`` and ``soffice``, so their time counts on that core too.
Each figure is the fastest of the timed passes after one warm-up (the OCR and office groups run
one timed pass: they take minutes and their cost is the external program's, not the cache's).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

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


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no os.sched_setaffinity)"


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
    ap.add_argument("--quick", action="store_true", help="one pass, two OCR files only")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)
    pinned = pin_to_one_core()
    passes = 1 if args.quick else 3

    import pdfplumber

    from extractor.parse.pdf import parse_pdf
    from extractor.pipeline import extract_path

    text_pdfs = sorted(SEEDS.glob("[0-9][0-9][0-9]_*.pdf"))
    twin_pages = {p.stem: pdf_pages(p) for p in text_pdfs}
    pages = sum(twin_pages.values())
    blobs = [p.read_bytes() for p in text_pdfs]

    def extract_all(paths: list[Path]) -> Callable[[], None]:
        return lambda: [extract_path(p) for p in paths] and None

    def plumber() -> None:
        for blob in blobs:
            with pdfplumber.open(io.BytesIO(blob)) as pdf:
                for page in pdf.pages:
                    page.extract_text()

    rows = [
        Row("text PDF, parse only", len(blobs), pages, best(lambda: [parse_pdf(b) for b in blobs], passes)),
        Row("text PDF, end to end", len(blobs), pages, best(extract_all(text_pdfs), passes)),
        Row("text PDF, pdfplumber only", len(blobs), pages, best(plumber, 1)),
    ]
    docx = sorted(SEEDS.glob("[0-9][0-9][0-9]_*.docx"))
    rows.append(
        Row(
            "DOCX, end to end",
            len(docx),
            sum(twin_pages[p.stem] for p in docx),
            best(extract_all(docx), passes),
        )
    )
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

    parse_only, plumber_row = rows[0], rows[2]
    ratio = parse_only.pages_per_s / plumber_row.pages_per_s if plumber_row.pages_per_s else 0.0
    if args.json:
        report = {
            "pinned": pinned,
            "rows": [asdict(r) | {"pages_per_s": r.pages_per_s, "s_per_page": r.s_per_page} for r in rows],
            "parse_vs_pdfplumber": ratio,
            "notes": notes,
        }
        print(json.dumps(report, indent=1))
        return 0
    print(f"one core ({pinned}); fastest of {passes} pass(es), OCR and office 1 pass")
    print(f"{'group':34s} {'files':>5s} {'pages':>5s} {'seconds':>8s} {'pages/s':>8s} {'s/page':>7s}")
    for r in rows:
        print(
            f"{r.name:34s} {r.files:5d} {r.pages:5d} {r.seconds:8.2f} {r.pages_per_s:8.1f} {r.s_per_page:7.3f}"
        )
    print(f"text PDF parse vs pdfplumber-only: {ratio:.1f}x faster")
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
