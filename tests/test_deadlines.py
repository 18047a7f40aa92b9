"""Deadline, recurrence and date parsing: table cases, properties, and the dev gold check."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from extractor.find.date_grammar import DeadlineLexicon, lexicon
from extractor.find.deadlines import find_deadlines, find_recurrences, parse_date, pick_recurrence
from extractor.normalize import normalize
from tests.conftest import DEV, need

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "deadline_cases.yaml").read_text(encoding="utf-8")
)


def _date(value: Any) -> dt.date | None:
    """YAML gives dates as date objects (unquoted) or strings; None stays None."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _iso(value: Any) -> str | None:
    d = _date(value)
    return d.isoformat() if d else None


def test_case_file_is_big_enough_and_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(CASES) >= 150
    assert len(set(ids)) == len(ids)
    real = [c for c in CASES if c["source"] != "composed"]
    assert len(real) >= len(CASES) // 3


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_deadline_case(case: dict[str, Any]) -> None:
    text = case["text"]
    spans = find_deadlines(text, _date(case.get("ref")))
    dated = [s for s in spans if s.date]
    first = dated[0] if dated else (spans[0] if spans else None)
    assert (dated[0].date if dated else None) == _iso(case["date"]), spans
    if "kind" in case:
        assert first is not None and first.kind == case["kind"], spans
    if case.get("empty"):
        assert spans == []
    if "recurrence" in case:
        assert pick_recurrence(find_recurrences(text)) == case["recurrence"]
    for s in spans:
        assert text[s.start : s.end] == s.text and s.label == "DEADLINE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 25 tháng 02 năm 2022", dt.date(2022, 2, 25)),
        ("25/02/2022", dt.date(2022, 2, 25)),
        ("25-02-2022", dt.date(2022, 2, 25)),
        ("25.02.2022", dt.date(2022, 2, 25)),
        ("ngày 05/8/2022", dt.date(2022, 8, 5)),
        ("Châu Thành, ngày 6 tháng 4 năm 2011", dt.date(2011, 4, 6)),
        ("ngày 05 tháng 01 năm 2020", dt.date(2020, 1, 5)),
        ("10/5/2022", dt.date(2022, 5, 10)),
        ("ngày  tháng  năm 2022", None),
        ("ngày tháng năm 2022", None),
        ("31/02/2022", None),
        ("", None),
        ("   ", None),
        ("30/2020/NĐ-CP", None),
        ("không có ngày", None),
    ],
    ids=lambda v: str(v) if not isinstance(v, str) else (v.strip() or "blank"),
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("định kỳ 6 tháng, hàng năm", ["semiannual", "yearly"]),
        ("giao ban hàng tuần, hàng tháng", ["weekly", "monthly"]),
        ("trước ngày 15 hằng tháng", ["monthly"]),
        ("báo cáo tuần và báo cáo quý", ["weekly", "quarterly"]),
        ("báo cáo quý III/2025", []),
        ("thường xuyên theo dõi", []),
    ],
    ids=[
        "semiannual-yearly-order",
        "weekly-monthly-order",
        "monthly-day",
        "report-names",
        "named-quarter",
        "ongoing",
    ],
)
def test_recurrences_in_text_order(text: str, values: list[str]) -> None:
    spans = find_recurrences(text)
    assert [s.value for s in spans] == values
    assert all(text[s.start : s.end] == s.text and s.label == "RECURRENCE" for s in spans)


def test_pick_recurrence_empty() -> None:
    assert pick_recurrence([]) is None


# --- properties ---------------------------------------------------------------------------

_WORDS = [
    "trước", "ngày", "tháng", "năm", "quý", "III", "chậm nhất", "đến hết", "trong", "từ", "đến", "hằng",
    "hàng", "tuần", "định kỳ", "6", "15", "12/2025", "30/8", "2022", "25.12.2017", "12.3-30.4", "2-9",
    "kể từ", "ký", "làm việc", "vòng", "Thời hạn:", "ngay", "khẩn trương", "/", "-", ".", ",", "(", ")",
    "Nghị định số 61/2018/NĐ-CP", "những tháng cuối", "đầu", "và", "các năm tiếp theo", "9h00", "giờ",
]  # fmt: skip
_TEXT = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join))
_REF = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, ref=_REF)
def test_find_deadlines_never_raises_and_spans_match(text: str, ref: dt.date | None) -> None:
    for s in find_deadlines(text, ref):
        assert text[s.start : s.end] == s.text
        assert s.date is None or dt.date.fromisoformat(s.date)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_find_recurrences_and_parse_date_never_raise(text: str) -> None:
    for s in find_recurrences(text):
        assert text[s.start : s.end] == s.text
    parse_date(text)


# --- dev gold -----------------------------------------------------------------------------


def _gold_deadlines() -> list[tuple[str, str, dt.date | None, str | None]]:
    rows = []
    for path in sorted((DEV / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        issued = gold["doc"].get("issued_date")
        ref = dt.date.fromisoformat(issued) if issued else None
        for task in gold["tasks"]:
            if task.get("deadline_text"):
                rows.append((path.stem, task["deadline_text"], ref, task.get("deadline")))
    return rows


def test_dev_gold_deadline_text_accuracy() -> None:
    """First dated span of every gold deadline_text equals the gold date (target ≥ 0.95).

    Known misses: d20 'Từ ngày 12.3-30.4' has no year and the gold document date is null
    (the annotator took 2022 from the post date), so it stays undated.
    """
    need(DEV / "gold")
    rows = _gold_deadlines()
    misses = []
    for doc, text, ref, expected in rows:
        dated = [s for s in find_deadlines(normalize(text), ref) if s.date]
        got = dated[0].date if dated else None
        if got != expected:
            misses.append(f"{doc}: {text!r} ref={ref} gold={expected} got={got}")
    accuracy = 1 - len(misses) / len(rows)
    print(f"deadline_text accuracy {accuracy:.3f} over {len(rows)}; misses:\n" + "\n".join(misses))
    assert accuracy >= 0.95, misses


def test_lexicon_rejects_a_period_count_without_a_value() -> None:
    raw = lexicon().model_dump()
    raw["period_count_words"] = [*raw["period_count_words"], "bảy mươi"]
    with pytest.raises(ValidationError, match="bảy mươi"):
        DeadlineLexicon.model_validate(raw)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("ngay khi nhận được văn bản", ["asap"]),
        ("ngay cả khi nhận được văn bản", []),  # immediacy_not_before: "ngay cả" is "even"
        ("trong vòng 10 ngày", ["relative"]),
        ("trong vòng 10 ngày qua", []),  # relative_unit_not_before: a past period
        ("báo cáo trong vòng 10 ngày kể từ ngày ký", ["relative"]),
        ("có hiệu lực thi hành trong vòng 10 ngày kể từ ngày ký", []),  # effective
        ("trong ngày 14/11/2025", ["on"]),
        ("trong ngày 14/11/2025 đã xảy ra", []),  # past_markers
    ],
)
def test_context_words_from_data(text: str, kinds: list[str]) -> None:
    spans = find_deadlines(text, dt.date(2022, 5, 2))
    assert [s.kind for s in spans] == kinds
    for s in spans:
        assert text[s.start : s.end] == s.text
