"""Unit phrases (split_units / find_units / unit_phrase_end): table cases and properties."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.find.units import find_units, split_units, unit_phrase_end
from extractor.spans import UnitSpan

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "unit_cases.yaml").read_text(encoding="utf-8")
)


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def _units(case: dict[str, Any]) -> list[UnitSpan]:
    if case["fn"] == "split":
        return split_units(case["phrase"])
    return find_units(case["phrase"], case.get("start", 0))


def _check_spans(phrase: str, units: list[UnitSpan], offset: int = 0) -> None:
    for u in units:
        assert 0 <= u.start - offset <= u.end - offset <= len(phrase), u
        assert phrase[u.start - offset : u.end - offset] == u.text, u


def test_case_file_is_big_enough_and_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(CASES) >= 60
    assert len(set(ids)) == len(ids)
    for case in CASES:
        assert case["fn"] in ("split", "find", "end"), case["id"]
        assert ("end_text" in case) == (case["fn"] == "end"), case["id"]


@pytest.mark.parametrize("case", _params())
def test_unit_case(case: dict[str, Any]) -> None:
    phrase = case["phrase"]
    if case["fn"] == "end":
        end = unit_phrase_end(phrase, 0)
        assert phrase[:end] == case["end_text"]
        return
    units = _units(case)
    _check_spans(phrase, units)
    assert [u.text for u in units] == case["units"]
    if "names" in case:
        assert [u.extra.get("name") for u in units] == case["names"]
    if "roles" in case:
        assert [u.role for u in units] == case["roles"]


@pytest.mark.parametrize("case", [c for c in CASES if c["fn"] != "end"], ids=lambda c: c["id"])
def test_unit_case_spans_point_into_phrase(case: dict[str, Any]) -> None:
    _check_spans(case["phrase"], _units(case))


def test_split_units_offset_shifts_spans() -> None:
    prefix = "Giao "
    phrase = "Sở Y tế, Sở Tài chính"
    units = split_units(phrase, len(prefix))
    text = prefix + phrase
    assert [text[u.start : u.end] for u in units] == ["Sở Y tế", "Sở Tài chính"]


_WORDS = [
    "Sở",
    "Bộ",
    "Ủy ban nhân dân",
    "UBND",
    "HĐND",
    "Văn phòng",
    "Phòng",
    "Ban Chỉ đạo",
    "các",
    "Các",
    "tỉnh",
    "huyện",
    "xã",
    "thị trấn",
    "thành phố",
    "Tài chính",
    "Y tế",
    "Xây dựng",
    "Giám đốc",
    "Chủ tịch",
    "Thủ trưởng",
    "và",
    ",",
    ";",
    ":",
    "(sau đây gọi tắt là Sở)",
    "(",
    ")",
    "-",
    ".",
    "chủ trì",
    "phối hợp",
    "tổ chức",
    "theo chức năng",
    "đơn vị",
    "cơ quan",
    "có liên quan",
    "Gia Lai",
    "Đắk Lắk",
]
_unitish = st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join)
_any_text = st.one_of(_unitish, st.text(max_size=120))


@settings(max_examples=200, deadline=None)
@given(_any_text)
def test_split_units_spans_and_never_raises(phrase: str) -> None:
    _check_spans(phrase, split_units(phrase))


@settings(max_examples=200, deadline=None)
@given(_any_text, st.integers(min_value=0, max_value=20))
def test_find_units_spans_and_never_raises(text: str, start: int) -> None:
    start = min(start, len(text))
    for u in find_units(text, start):
        assert text[u.start : u.end] == u.text, u
        assert start <= u.start <= u.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(_any_text, st.integers(min_value=0, max_value=20))
def test_unit_phrase_end_within_bounds(text: str, start: int) -> None:
    start = min(start, len(text))
    end = unit_phrase_end(text, start)
    assert start <= end <= len(text)
