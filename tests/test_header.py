"""Header and closing metadata: each reader alone and find_metadata composed, on table cases
in the shapes converters produce (one case file per reader), span invariants, robustness on
arbitrary text, and the header lexicon read in full."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.find.header import Metadata, find_metadata
from extractor.find.header.closing import ClosingWords, issuer_from_signature, read_closing
from extractor.find.header.official import Motto, OfficialWords, read_official
from extractor.find.header.portal import PortalWords, read_page
from extractor.find.header.words import DateWords, Names
from extractor.lexicon import read_fields
from extractor.parse.text import parse_text
from extractor.spans import ValueSpan
from extractor.tree import Document, build

DATA = Path(__file__).parent / "data"
READER_CASES: dict[str, list[dict[str, Any]]] = {
    reader: yaml.safe_load((DATA / f"header_{reader}.yaml").read_text(encoding="utf-8"))
    for reader in ("official", "closing", "portal")
}
CASES: list[dict[str, Any]] = [case for cases in READER_CASES.values() for case in cases]
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
# checks beyond the field values: body bounds and coded warnings
BOUNDS = ("body_starts_with", "body_ends_before", "appendix_starts_with", "warnings")


def _official(doc: Document) -> Metadata:
    meta = Metadata(body_end=len(doc.text))
    read_official(doc, meta)
    return meta


def _closing(doc: Document) -> Metadata:
    meta = Metadata(body_end=len(doc.text))
    read_closing(doc, meta)
    issuer_from_signature(doc, meta)
    return meta


def _portal(doc: Document) -> Metadata:
    meta = Metadata(body_end=len(doc.text))
    read_page(doc, meta, headerless=True)
    return meta


READERS = {"official": _official, "closing": _closing, "portal": _portal}


def _doc(text: str) -> Document:
    return build(parse_text(text.encode("utf-8")))


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def _reader_params() -> list[Any]:
    out = []
    for reader, cases in READER_CASES.items():
        for case in cases:
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
            out.append(pytest.param(reader, case, id=f"{reader}-{case['id']}", marks=marks))
    return out


def _check_case(case: dict[str, Any], doc: Document, meta: Metadata, skip: tuple[str, ...] = ()) -> None:
    """The case's listed fields (except ``skip``) against ``meta``."""
    for field in SCALARS:
        if field not in case or field in skip:
            continue
        span = getattr(meta, field)
        got = span.value if span is not None else None
        expected = case[field]
        if field in CASELESS and got is not None and expected is not None:
            assert got.lower() == str(expected).lower(), field
        else:
            assert got == (str(expected) if expected is not None else None), field
    for field in LISTS:
        if field in case and field not in skip:
            assert [s.value for s in getattr(meta, field)] == case[field], field
    _check_bounds(case, doc, meta)
    for s in _spans(meta):
        assert doc.text[s.start : s.end] == s.text, s


def _check_bounds(case: dict[str, Any], doc: Document, meta: Metadata) -> None:
    if "body_starts_with" in case:
        assert doc.text[meta.body_start :].lstrip().startswith(case["body_starts_with"])
    if "body_ends_before" in case:
        assert doc.text[meta.body_end :].startswith(case["body_ends_before"])
    if "appendix_starts_with" in case:
        if case["appendix_starts_with"] is None:
            assert meta.tail_start is None
        else:
            assert meta.tail_start is not None
            assert doc.text[meta.tail_start :].startswith(case["appendix_starts_with"])
    if "warnings" in case:
        assert [getattr(w, "code", None) for w in meta.warnings] == case["warnings"]


def _spans(meta: Metadata) -> list[ValueSpan]:
    out = [getattr(meta, f) for f in SCALARS]
    out += meta.recipients + meta.cc
    return [s for s in out if s is not None]


def test_case_file_is_big_enough_and_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(CASES) >= 30
    assert len(set(ids)) == len(ids)
    known = {"id", "text", "xfail", "alone_only", *SCALARS, *LISTS, *BOUNDS}
    for case in CASES:
        assert set(case) <= known, case["id"]
        assert set(case) - {"id", "text", "xfail"}, f"{case['id']} checks nothing"


@pytest.mark.parametrize("reader", sorted(READER_CASES))
def test_each_reader_has_its_own_cases(reader: str) -> None:
    assert len(READER_CASES[reader]) >= 10


@pytest.mark.parametrize(("reader", "case"), _reader_params())
def test_reader_alone(reader: str, case: dict[str, Any]) -> None:
    """Each reader on a fresh Metadata: it finds its fields without the others run first."""
    doc = _doc(case["text"])
    _check_case(case, doc, READERS[reader](doc))


@pytest.mark.parametrize("case", _params())
def test_header_case(case: dict[str, Any]) -> None:
    doc = _doc(case["text"])
    meta = find_metadata(doc)
    _check_case(case, doc, meta, skip=tuple(case.get("alone_only", ())))


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


def test_every_header_lexicon_key_is_read() -> None:
    """A key in header.yaml that no reader reads must not exist (the schemas record reads)."""
    for text in (c["text"] for c in CASES):
        find_metadata(_doc(text))
    read = read_fields()
    for schema in (Names, DateWords, OfficialWords, Motto, ClosingWords, PortalWords):
        unread = [f for f in schema.model_fields if (schema, f) not in read]
        assert not unread, f"{schema.__name__}: {unread}"
