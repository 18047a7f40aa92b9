"""Citations: table cases, number normalization, properties, and dev-corpus references F1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.find.citations import find_citations, normalize_number
from extractor.normalize import normalize
from tests.conftest import DEV, need

DATA: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "data" / "citation_cases.yaml").read_text(encoding="utf-8")
)
CASES: list[dict[str, Any]] = DATA["citations"]
NORMALIZE: list[dict[str, str]] = DATA["normalize"]


def test_case_file_is_big_enough_and_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(CASES) >= 100
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_citation_case(case: dict[str, Any]) -> None:
    text = case["text"]
    spans = find_citations(text, case.get("own"))
    numbered = [s for s in spans if s.number]
    assert [s.number for s in numbered] == case["numbers"]
    for field in ("doc_type", "issued_date", "issuer"):
        if field in case:
            expected = case[field]
            assert getattr(numbered[0], field) == (str(expected) if expected is not None else None), field
    if "named" in case:
        assert [s.text for s in spans if s.number is None] == case["named"]
    for s in spans:
        assert text[s.start : s.end] == s.text and s.label == "DOC_REF"


@pytest.mark.parametrize("case", NORMALIZE, ids=[c["raw"] for c in NORMALIZE])
def test_normalize_number(case: dict[str, str]) -> None:
    assert normalize_number(case["raw"]) == case["expected"]
    assert normalize_number(case["expected"]) == case["expected"]  # idempotent


# --- properties ---------------------------------------------------------------------------

_WORDS = [
    "số", "Số:", "Nghị định", "Quyết định", "Công văn", "văn bản", "ngày", "của", "Chính phủ", "về",
    "61/2018/NĐ-CP", "2414 / VPCP - KGVX", "17129-CV/VPTW", "QĐUBND", "46/2019/", "BCĐ", "389/ĐP",
    "3/4", "9,25/10", "10/5/2022", "ISO 9001:2015", "Luật", "Tổ chức", "năm 2015", "-", "/", " ", ",",
    "30c/NQ-CP", "66.4/2025/NQ-CP", "TTG", "&", "БТС", "V.I", "02/2020", "UBND", "tỉnh", "và",
]  # fmt: skip
_TEXT = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, own=st.one_of(st.none(), st.sampled_from(["61/2018/NĐ-CP", "", "x"])))
def test_find_citations_never_raises_and_spans_match(text: str, own: str | None) -> None:
    for s in find_citations(text, own):
        assert text[s.start : s.end] == s.text
        assert s.number is None or normalize_number(s.number) == s.number


@settings(max_examples=300, deadline=None)
@given(raw=_TEXT)
def test_normalize_number_never_raises(raw: str) -> None:
    normalize_number(raw)


# --- dev corpus: references ---------------------------------------------------------------


def _dev_docs() -> list[Path]:
    gold = DEV / "gold"
    return sorted(gold.glob("*.json")) if gold.exists() else []


def _compare(path: Path) -> tuple[set[str], set[str]]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = normalize((DEV / "docs" / f"{path.stem}.txt").read_text(encoding="utf-8"))
    got = {s.number for s in find_citations(text, gold["doc"].get("number")) if s.number}
    # Gold keeps some numbers as printed ("279 / BC - BYT", "07/CĐTTg"): compare normalized.
    expected = {normalize_number(normalize(r)) for r in gold["references"]}
    return got, expected


@pytest.mark.parametrize("path", _dev_docs(), ids=lambda p: p.stem)
def test_dev_doc_references_match_gold(path: Path) -> None:
    got, expected = _compare(path)
    assert got == expected, f"extra {sorted(got - expected)} missing {sorted(expected - got)}"


def test_dev_references_f1() -> None:
    """Micro P/R/F1 of normalized reference numbers over the dev corpus (target F1 ≥ 0.97)."""
    paths = need(DEV / "gold") and _dev_docs()
    tp = fp = fn = 0
    report = []
    for path in paths:
        got, expected = _compare(path)
        tp, fp, fn = tp + len(got & expected), fp + len(got - expected), fn + len(expected - got)
        if got != expected:
            report.append(f"{path.stem}: extra {sorted(got - expected)} missing {sorted(expected - got)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"references P={precision:.3f} R={recall:.3f} F1={f1:.3f}\n" + "\n".join(report))
    assert f1 >= 0.97, report
