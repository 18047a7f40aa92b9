"""Deadline and citation extractors on the phrase sets of tests/data: speed and accuracy.

    .venv/bin/python benchmarks/phrases.py [--json]

Prints phrases per second (one core) for ``find_deadlines`` and ``find_citations``, the exact-date
accuracy of ``find_deadlines`` on tests/data/deadline_cases.yaml (the first dated span), and, as the
comparison line, ``dateparser.search.search_dates(languages=["vi"], settings={"DATE_ORDER": "DMY"})``
on the same phrases (first date found; RELATIVE_BASE = the case's document date). Citation accuracy
is the share of cases whose numbers come out exactly as expected.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import load_average, machine, pin_to_one_core  # noqa: E402
from extractor.find.citations import find_citations  # noqa: E402
from extractor.find.deadlines import find_deadlines  # noqa: E402


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _iso(value: Any) -> str | None:
    d = _date(value)
    return d.isoformat() if d else None


# a timed pass repeats the phrase set until it lasts this long: a pass of a few milliseconds
# measures the machine's hiccups more than the extractor
MIN_PASS_S = 0.2


def _rate(fn: Any, items: list[Any], passes: int) -> float:
    fn(items)  # warm-up: lexicons and regexes are built once
    t0 = time.perf_counter()
    fn(items)
    repeat = max(1, int(MIN_PASS_S / max(time.perf_counter() - t0, 1e-6)))
    best = float("inf")
    for _ in range(passes):
        t0 = time.perf_counter()
        for _ in range(repeat):
            fn(items)
        best = min(best, time.perf_counter() - t0)
    return repeat * len(items) / best


def deadline_accuracy(cases: list[dict[str, Any]]) -> float:
    right = 0
    for c in cases:
        dated = [s for s in find_deadlines(c["text"], _date(c.get("ref"))) if s.date]
        right += (dated[0].date if dated else None) == _iso(c["date"])
    return right / len(cases)


def dateparser_accuracy(cases: list[dict[str, Any]], passes: int) -> tuple[float, float] | None:
    """Exact-date accuracy of dateparser's first date, and its phrases per second (fastest pass)."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    warnings.filterwarnings("ignore")

    def first_dates(items: list[dict[str, Any]]) -> list[str | None]:
        out = []
        for c in items:
            settings: dict[str, Any] = {"DATE_ORDER": "DMY"}
            ref = _date(c.get("ref"))
            if ref:
                settings["RELATIVE_BASE"] = dt.datetime.combine(ref, dt.time())
            found = search_dates(c["text"], languages=["vi"], settings=settings)
            out.append(found[0][1].date().isoformat() if found else None)
        return out

    right = sum(got == _iso(c["date"]) for got, c in zip(first_dates(cases), cases, strict=True))
    return right / len(cases), _rate(first_dates, cases, passes)


def citation_accuracy(cases: list[dict[str, Any]]) -> float:
    right = 0
    for c in cases:
        got = [s.number for s in find_citations(c["text"], c.get("own")) if s.number]
        right += got == c["numbers"]
    return right / len(cases)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--passes", type=int, default=5, help="timed passes, the fastest kept (default 5)")
    args = parser.parse_args()
    pinning = pin_to_one_core()
    load_before = load_average()
    data = ROOT / "tests" / "data"
    deadline_cases = yaml.safe_load((data / "deadline_cases.yaml").read_text(encoding="utf-8"))
    citation_cases = yaml.safe_load((data / "citation_cases.yaml").read_text(encoding="utf-8"))["citations"]
    d_texts = [(c["text"], _date(c.get("ref"))) for c in deadline_cases]
    c_texts = [c["text"] for c in citation_cases]
    result: dict[str, Any] = {
        "deadline_phrases": len(d_texts),
        "deadline_phrases_per_s": round(
            _rate(lambda xs: [find_deadlines(t, r) for t, r in xs], d_texts, args.passes)
        ),
        "deadline_exact_date_accuracy": round(deadline_accuracy(deadline_cases), 4),
        "citation_phrases": len(c_texts),
        "citation_phrases_per_s": round(
            _rate(lambda xs: [find_citations(t) for t in xs], c_texts, args.passes)
        ),
        "citation_exact_accuracy": round(citation_accuracy(citation_cases), 4),
    }
    dp = dateparser_accuracy(deadline_cases, min(args.passes, 3))  # slow: a pass takes about a second
    if dp is not None:
        result["dateparser_exact_date_accuracy"] = round(dp[0], 4)
        result["dateparser_phrases_per_s"] = round(dp[1])
    if args.json:
        print(
            json.dumps({"benchmark": "phrases", "machine": machine(pinning, load_before)} | result, indent=1)
        )
        return 0
    print(
        f"deadlines  {result['deadline_phrases']} phrases  {result['deadline_phrases_per_s']:>7} phrases/s  "
        f"exact date {result['deadline_exact_date_accuracy']:.3f}"
    )
    if dp is not None:
        print(
            f"dateparser {result['deadline_phrases']} phrases  {result['dateparser_phrases_per_s']:>7} phrases/s  "
            f"exact date {result['dateparser_exact_date_accuracy']:.3f}  (search_dates, languages=['vi'], DMY)"
        )
    print(
        f"citations  {result['citation_phrases']} phrases  {result['citation_phrases_per_s']:>7} phrases/s  "
        f"exact numbers {result['citation_exact_accuracy']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
