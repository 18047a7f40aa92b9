"""Header and closing metadata (find_metadata): table cases in the shapes converters produce,
span invariants and robustness on arbitrary text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.find.header import Metadata, find_metadata
from extractor.parse.text import parse_text
from extractor.spans import ValueSpan
from extractor.tree import Document, build

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "header_cases.yaml").read_text(encoding="utf-8")
)
SCALARS = (
    "number",
    "doc_type",
    "issuer",
    "parent_issuer",
    "place",
    "issued_date",
    "subject",
    "signer_name",
    "signer_title",
    "signer_authority",
)
LISTS = ("recipients", "cc")
CASELESS = ("issuer", "parent_issuer")


def _doc(text: str) -> Document:
    return build(parse_text(text.encode("utf-8")))


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def _spans(meta: Metadata) -> list[ValueSpan]:
    out = [getattr(meta, f) for f in SCALARS]
    out += meta.recipients + meta.cc
    return [s for s in out if s is not None]


def test_case_file_is_big_enough_and_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(CASES) >= 30
    assert len(set(ids)) == len(ids)
    known = {"id", "text", "xfail", *SCALARS, *LISTS}
    for case in CASES:
        assert set(case) <= known, case["id"]
        assert set(case) - {"id", "text", "xfail"}, f"{case['id']} checks nothing"


@pytest.mark.parametrize("case", _params())
def test_header_case(case: dict[str, Any]) -> None:
    doc = _doc(case["text"])
    meta = find_metadata(doc)
    for field in SCALARS:
        if field not in case:
            continue
        span = getattr(meta, field)
        got = span.value if span is not None else None
        expected = case[field]
        if field in CASELESS and got is not None and expected is not None:
            assert got.lower() == str(expected).lower(), field
        else:
            assert got == (str(expected) if expected is not None else None), field
    for field in LISTS:
        if field in case:
            assert [s.value for s in getattr(meta, field)] == case[field], field
    for s in _spans(meta):
        assert doc.text[s.start : s.end] == s.text, s


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_header_case_spans_point_into_text(case: dict[str, Any]) -> None:
    doc = _doc(case["text"])
    meta = find_metadata(doc)
    for s in _spans(meta):
        assert doc.text[s.start : s.end] == s.text, s
    assert 0 <= meta.body_start <= len(doc.text)
    assert 0 <= meta.body_end <= len(doc.text)


_TOKENS = [
    "ỦY BAN NHÂN DÂN",
    "UBND TỈNH ĐỒNG THÁP",
    "SỞ TÀI CHÍNH",
    "TỈNH HẬU GIANG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Số:",
    "Số",
    "454/UBND-NCTH",
    "/UBND-HC",
    "432-TB/VPTW",
    "2414 / VPCP - KGVX",
    "Vị Thanh,",
    "ngày",
    "tháng",
    "năm",
    "6",
    "31",
    "02",
    "2011",
    "V/v",
    "Về việc",
    "Kính gửi:",
    "KÍNH GỬI:",
    "THỦ TƯỚNG CHÍNH PHỦ điện:",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
    "TM.",
    "KT.",
    "K/T",
    "CHỦ TỊCH",
    "PHÓ CHÁNH VĂN PHÒNGThái Hữu Phép",
    "Nguyễn Văn Hòa",
    "KẾ HOẠCH",
    "THÔNG BÁO",
    "CÔNG ĐIỆN",
    "|",
    "Ngày 29/8/2022,",
    "UBND tỉnh ban hành Công văn số 2847/UBND-KGVX",
    "(Kèm theo Kế hoạch số 07/KH-UBND ngày 15/01/2024 của UBND huyện)",
    "Cập nhật: 10/4/2023 08:15",
    "-",
    ":",
    ",",
    ".",
    "./.",
    "**",
    "#",
]
_header_line = st.lists(st.sampled_from(_TOKENS), min_size=0, max_size=8).map(" ".join)
_header_text = st.lists(st.one_of(_header_line, st.text(max_size=40)), min_size=0, max_size=30).map("\n".join)


def _check(text: str) -> None:
    doc = _doc(text)
    meta = find_metadata(doc)
    for s in _spans(meta):
        assert doc.text[s.start : s.end] == s.text, s
        assert 0 <= s.start <= s.end <= len(doc.text)


@settings(max_examples=200, deadline=None)
@given(_header_text)
def test_find_metadata_never_raises_and_spans_hold_on_headerish_text(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_find_metadata_never_raises_on_arbitrary_text(text: str) -> None:
    _check(text)
