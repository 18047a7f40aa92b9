"""The README's speed figures are the committed benchmark JSON, rendered by scripts/readme_figures.py."""

from __future__ import annotations

import copy
import re

import pytest

from scripts.readme_figures import BENCHMARKS, README, RESULTS, FiguresError, load_results, rewrite
from tests.conftest import ROOT

TEXT = README.read_text(encoding="utf-8")


def test_readme_figures_are_the_committed_json() -> None:
    assert rewrite(TEXT, load_results()) == TEXT, "run: .venv/bin/python scripts/readme_figures.py"


def test_every_benchmark_has_json_output_and_committed_results() -> None:
    scripts = {p.stem for p in (ROOT / "benchmarks").glob("*.py")} - {"__init__", "common"}
    assert scripts == set(BENCHMARKS)
    results = load_results()
    for name in BENCHMARKS:
        source = (ROOT / "benchmarks" / f"{name}.py").read_text(encoding="utf-8")
        assert 'add_argument("--json"' in source, name
        assert results[name]["benchmark"] == name
        assert (RESULTS / f"{name}.json").is_file()


def test_the_pdfplumber_ratio_appears_once_and_is_the_json() -> None:
    ratios = re.findall(r"(\d+(?:\.\d+)?)× faster than a pdfplumber", TEXT)
    assert ratios == [f"{load_results()['run']['pdf_parse_speedup_vs_pdfplumber']:.0f}"]
    assert TEXT.count("× faster") == 1


def test_a_figure_typed_by_hand_is_replaced() -> None:
    results = load_results()
    edited = TEXT.replace("× faster than a pdfplumber", "0× faster than a pdfplumber", 1)
    assert edited != TEXT
    assert rewrite(edited, results) == TEXT


def test_a_changed_result_changes_the_readme() -> None:
    results = copy.deepcopy(load_results())
    results["run"]["pdf_parse_speedup_vs_pdfplumber"] = 1234.0
    assert "The PDF parser is 1234× faster" in rewrite(TEXT, results)


def test_missing_region_or_row_is_an_error() -> None:
    results = load_results()
    without = TEXT.replace("<!-- figures:archive begin -->", "")
    with pytest.raises(FiguresError, match="figures:archive"):
        rewrite(without, results)
    broken = copy.deepcopy(results)
    broken["formats"]["rows"] = [r for r in broken["formats"]["rows"] if not r["name"].startswith("OCR")]
    with pytest.raises(FiguresError, match="OCR PDF"):
        rewrite(TEXT, broken)
