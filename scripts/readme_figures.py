"""The README's speed figures, generated from the benchmarks' JSON (one source for every figure).

    .venv/bin/python scripts/readme_figures.py                 # rewrite README.md from benchmarks/results/
    .venv/bin/python scripts/readme_figures.py --check         # exit 1 if README.md is not what the JSON says
    .venv/bin/python scripts/readme_figures.py --run [NAME…]   # run benchmarks first, save their JSON, rewrite

The README's figure regions sit between ``<!-- figures:NAME begin -->`` and
``<!-- figures:NAME end -->``; everything between is replaced, so a figure typed by hand there
does not survive, and a ratio such as "N× faster than pdfplumber" is computed here, once.
``--run`` runs each benchmark with ``--json`` (pinned to one core: ``taskset -c CPU`` where
available, and each benchmark pins itself) and writes ``benchmarks/results/NAME.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RESULTS = ROOT / "benchmarks" / "results"
BENCHMARKS = ("run", "formats", "phrases", "archive")
REGION = re.compile(
    r"(<!-- figures:(?P<name>[\w-]+) begin -->\n)(?P<body>.*?)(<!-- figures:(?P=name) end -->)", re.S
)
WIDTH = 100  # prose line width of README.md

Results = dict[str, dict[str, Any]]


class FiguresError(ValueError):
    """The JSON lacks a figure the README shows, or the README lacks a region."""


def load_results(folder: Path = RESULTS) -> Results:
    return {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8")) for name in BENCHMARKS}


def _row(result: dict[str, Any], name: str) -> dict[str, Any]:
    for row in result["rows"]:
        if row.get("name", row.get("backend")) == name:
            return dict(row)
    raise FiguresError(
        f"{result['benchmark']}.json has no row {name!r}: rerun it where its tools are installed"
    )


def _num(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else f"{value:,.{decimals}f}"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)])


def _para(text: str) -> str:
    """A prose paragraph wrapped like the rest of the README, never inside a `code span`."""
    glued = re.sub(r"`[^`]*`", lambda m: m.group(0).replace(" ", "\0"), text)
    wrapped = textwrap.fill(glued, width=WIDTH, break_long_words=False, break_on_hyphens=False)
    return wrapped.replace("\0", " ")


def machine_line(results: Results, name: str) -> str:
    """Python and CPU the figures come from."""
    info = results[name]["machine"]
    return f"Python {info['python']}, {info['cpu']}"


def load_note(results: Results, names: tuple[str, ...]) -> str:
    """How busy the machine was: the 1-minute load average at the start and end of each run."""
    cpus = results[names[0]]["machine"].get("cpus") or "?"

    def span(name: str) -> str:
        info = results[name]["machine"]
        ends = [(info.get(k) or [None])[0] for k in ("load_before", "load_after")]
        return f"`{name}.py` " + "–".join("?" if x is None else f"{x:.1f}" for x in ends)

    return (
        f"1-minute load average of the machine ({cpus} CPUs) at the start and end of each run, the"
        f" benchmark itself counting about 1: {', '.join(span(n) for n in names)}."
    )


RUN_ROWS = (
    ("seeds, `.txt` (end to end)", "seed txt"),
    ("seeds, `.docx` (end to end)", "seed docx"),
    ("seeds, `.pdf` (end to end)", "seed pdf"),
    ("dev corpus, `.txt` (end to end)", "dev txt"),
    ("`.pdf` parse only (pypdfium2 text objects)", "pdf parse only"),
    ("`.pdf` text with pdfplumber only (comparison)", "pdfplumber text only"),
)


def render_run(results: Results) -> str:
    run = results["run"]
    rows = []
    for label, name in RUN_ROWS:
        r = _row(run, name)
        paged = name != "seed docx"  # a .docx has no pages of its own (see the next table)
        pages = str(r["pages"]) if r["pages"] and paged else "–"
        rows.append(
            [label, str(r["files"]), pages, _num(r["docs_per_s"]), _num(r["pages_per_s"] if paged else None)]
        )
    memory = run["dev_memory"]
    intro = (
        f"One core (pinned), {machine_line(results, 'run')}; `.venv/bin/python benchmarks/run.py`"
        f" (fastest of {run['passes']} timed passes after a warm-up, {run['slow_passes']} for pdfplumber;"
        " `--json` for machine-readable output, saved in `benchmarks/results/`):"
    )
    after = (
        f"The PDF parser is {run['pdf_parse_speedup_vs_pdfplumber']:.0f}× faster than a pdfplumber-only"
        " text extraction of the same files; it reads text objects (one call a line) and falls back to"
        " characters only for pages without usable objects. The dev run peaks at"
        f" {memory['tracemalloc_peak_mib']:.1f} MiB of Python allocations (tracemalloc),"
        f" {memory['max_rss_mib']:.0f} MiB resident for the process. Unit names resolved by the"
        " registry are cached within a process, so repeated passes are warm."
    )
    table = _table(["input", "files", "pages", "docs/s", "pages/s"], rows)
    return "\n".join([_para(intro), "", table, "", _para(after)])


def render_formats(results: Results) -> str:
    run, formats = results["run"], results["formats"]
    docx_pages = _row(run, "seed docx")["pages"]
    if not docx_pages:
        raise FiguresError("run.json has no page count for the .docx row (their PDF twins are missing)")

    def from_run(name: str, pages: int | None = None) -> list[str]:
        r = _row(run, name)
        per_s = (pages or r["pages"]) / r["seconds"]
        return [_num(per_s), f"{1 / per_s:.3f}"]

    def from_formats(name: str) -> list[str]:
        r = _row(formats, name)
        return [_num(r["pages_per_s"]), f"{r['s_per_page']:.2f}"]

    ocr = f"scanned PDF, OCR end to end (Tesseract `vie`, {formats['ocr_dpi']} dpi)"
    rows = [
        ["text PDF, parse only", *from_run("pdf parse only")],
        ["text PDF, end to end", *from_run("seed pdf")],
        ["text PDF, pdfplumber only (comparison)", *from_run("pdfplumber text only")],
        ["DOCX, end to end", *from_run("seed docx", docx_pages)],
        [
            "`.doc`, end to end (LibreOffice conversion included)",
            *from_formats(".doc end to end (LibreOffice)"),
        ],
        ["`.rtf`, end to end (LibreOffice)", *from_formats(".rtf end to end (LibreOffice)")],
        [ocr, *from_formats("OCR PDF, end to end")],
    ]
    intro = (
        "Per format, pages per second on one core (text PDF and DOCX: the run above, a .docx counted"
        " with the pages of its PDF twin; the formats that run an external program:"
        " `.venv/bin/python benchmarks/formats.py`, one pass):"
    )
    return "\n".join([_para(intro), "", _table(["input", "pages/s", "s/page"], rows)])


def render_phrases(results: Results) -> str:
    p = results["phrases"]
    cells = (
        ("`find_deadlines` (first dated span)", "deadline", "deadline_phrases_per_s", "deadline_exact_date"),
        (
            'dateparser `search_dates(languages=["vi"], DATE_ORDER="DMY")`, same phrases',
            "deadline",
            "dateparser_phrases_per_s",
            "dateparser_exact_date",
        ),
        ("`find_citations` (the numbers, in order)", "citation", "citation_phrases_per_s", "citation_exact"),
    )
    rows = [
        [label, str(p[f"{kind}_phrases"]), f"{p[rate]:,}", f"{p[f'{acc}_accuracy']:.3f}"]
        for label, kind, rate, acc in cells
    ]
    intro = (
        "Deadline and citation extractors on the phrase sets of `tests/data/`"
        " (`.venv/bin/python benchmarks/phrases.py`):"
    )
    after = (
        "The phrase sets were written alongside the grammar, so their exact results say the grammar does"
        " what the cases state; the dev corpus figures above are the fairer measure."
    )
    table = _table(["extractor", "phrases", "phrases/s", "exact result"], rows)
    return "\n".join([_para(intro), "", table, "", _para(after)])


def render_speed(results: Results) -> str:
    parts = [render_run(results), render_formats(results), render_phrases(results)]
    return "\n\n".join([*parts, _para(load_note(results, ("run", "formats", "phrases")))]) + "\n"


def _backend_row(label: str, r: dict[str, Any]) -> list[str]:
    return [label, f"{r['tasks_per_s']:,.0f}", f"{r['search_p50_ms']:.0f} ms", f"{r['search_p95_ms']:.0f} ms"]


def render_archive(results: Results) -> str:
    a = results["archive"]
    pg = _row(a, "postgres")
    server = " ".join(x for x in ("PostgreSQL", str(pg.get("server") or "").split(".")[0]) if x)
    rows = [
        _backend_row("SQLite", _row(a, "sqlite")),
        _backend_row(f"{server} (fsync {'on' if pg.get('fsync') else 'off'})", pg),
    ]
    intro = (
        f"Archive speed (`.venv/bin/python benchmarks/archive.py`, a synthetic archive of {a['tasks']:,}"
        f" tasks replicated from the seeds and dev records, {a['queries']} mixed queries; storing,"
        f" extraction not timed; one core shared by client and server, {machine_line(results, 'archive')}):"
    )
    table = _table(["backend", "store tasks/s", "search p50", "search p95"], rows)
    note = _para(load_note(results, ("archive",)))
    return "\n".join([_para(intro), "", table, "", note]) + "\n"


RENDERERS: dict[str, Callable[[Results], str]] = {"speed": render_speed, "archive": render_archive}


def rewrite(text: str, results: Results) -> str:
    """``text`` with every figure region regenerated; each known region must be present once."""
    found = [m.group("name") for m in REGION.finditer(text)]
    for name in RENDERERS:
        if found.count(name) != 1:
            raise FiguresError(
                f"README.md needs one <!-- figures:{name} begin/end --> region, has {found.count(name)}"
            )
    unknown = set(found) - set(RENDERERS)
    if unknown:
        raise FiguresError(f"unknown figure regions in README.md: {sorted(unknown)}")
    return REGION.sub(lambda m: m.group(1) + RENDERERS[m.group("name")](results) + m.group(4), text)


def run_benchmarks(names: list[str], cpu: int | None) -> None:
    """Run each benchmark with ``--json`` on one core and save its output under benchmarks/results/."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    prefix = ["taskset", "-c", str(cpu)] if cpu is not None and shutil.which("taskset") else []
    for name in names:
        cmd = [*prefix, sys.executable, str(ROOT / "benchmarks" / f"{name}.py"), "--json"]
        print("running", " ".join(cmd), file=sys.stderr, flush=True)
        out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
        data = json.loads(out)
        (RESULTS / f"{name}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


def _default_cpu() -> int | None:
    """The last CPU this process may use (CPU 0 takes most interrupts), where affinity exists."""
    if hasattr(os, "sched_getaffinity"):
        return max(os.sched_getaffinity(0))
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if README.md differs from the JSON")
    ap.add_argument(
        "--run", nargs="*", choices=BENCHMARKS, help="run these benchmarks first (none named: all)"
    )
    ap.add_argument(
        "--cpu", type=int, default=_default_cpu(), help="CPU for taskset -c (default: the last one)"
    )
    args = ap.parse_args(argv)
    if args.run is not None:
        run_benchmarks(args.run or list(BENCHMARKS), args.cpu)
    text = README.read_text(encoding="utf-8")
    try:
        new = rewrite(text, load_results())
    except (FiguresError, OSError, KeyError) as err:
        print(f"readme_figures: {err}", file=sys.stderr)
        return 2
    if args.check:
        if new != text:
            print(
                "README.md speed figures differ from benchmarks/results/: run scripts/readme_figures.py",
                file=sys.stderr,
            )
            return 1
        return 0
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md figures rewritten", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
