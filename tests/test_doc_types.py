"""Document types shared by the header and citations: the type a number implies, the tên loại
lines the header reads, and the header's data naming only types that exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.find.citations import CitationWords, Committee, find_citations
from extractor.find.doc_types import (
    DocType,
    DocTypes,
    doc_types,
    type_codes,
    type_from_number,
    type_line_names,
)
from extractor.find.header import find_metadata
from extractor.find.header.portal import W as PORTAL
from extractor.lexicon import read_fields
from extractor.parse.text import parse_text
from extractor.tree import build

CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "doc_type_cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES["type_from_number"], ids=lambda c: str(c["number"]) or "empty")
def test_type_from_number(case: dict[str, Any]) -> None:
    assert type_from_number(str(case["number"])) == case["type"]


@pytest.mark.parametrize("case", CASES["type_lines"], ids=lambda c: c["line"])
def test_type_line_is_read_by_the_header(case: dict[str, Any]) -> None:
    text = f"ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\nSố: 12/UBND\nBến Tre, ngày 02 tháng 8 năm 2023\n{case['line']}\n"
    meta = find_metadata(build(parse_text(text.encode("utf-8"))))
    # without a type line the type comes from the number "12/UBND": a Công văn
    assert meta.doc_type is not None
    assert meta.doc_type.value == (case["type"] or doc_types().untitled)


def test_type_lines_map_to_canonical_names() -> None:
    names = {t.name for t in doc_types().types}
    assert set(type_line_names().values()) <= names
    assert type_line_names()["Thông báo kết luận"] == "Thông báo"
    assert all(code == code.upper() for code in type_codes())
    assert set(type_codes().values()) <= set(type_line_names().values())


def test_header_data_names_only_known_types() -> None:
    """The portal reader's type words and codes, the generic and untitled types exist in doc_types.yaml."""
    data = doc_types()
    names = {t.name for t in data.types}
    abbrs = {t.abbr for t in data.types if t.abbr}
    assert set(PORTAL.types) <= names
    assert set(PORTAL.report_more_types) <= names
    assert set(PORTAL.source_codes) <= abbrs
    assert {data.generic, data.untitled} <= names


def test_every_doc_types_and_citations_key_is_read() -> None:
    find_citations("Căn cứ Luật Đất đai năm 2013 và Công văn số 12/UBND-VP ngày 05/9/2015 của Bộ Y tế")
    find_metadata(build(parse_text("Số: 07/KH-UBND\nKẾ HOẠCH\nV/v x\n".encode())))
    read = read_fields()
    for schema in (DocType, DocTypes, CitationWords, Committee):
        unread = [f for f in schema.model_fields if (schema, f) not in read]
        assert not unread, f"{schema.__name__}: {unread}"
