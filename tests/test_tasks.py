"""Tasks: is_directive on sentences/items, composed documents through the pipeline, and
properties of extract_bytes on arbitrary text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.errors import EmptyDocument, UnsupportedFormat
from extractor.find.tasks import is_directive
from extractor.parse import parse_bytes
from extractor.pipeline import extract_bytes
from extractor.schema import Task
from extractor.tree import build

DATA: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "data" / "task_cases.yaml").read_text(encoding="utf-8")
)
DIRECTIVES: list[dict[str, Any]] = DATA["is_directive"]
DOCUMENTS: list[dict[str, Any]] = DATA["documents"]
TASK_FIELDS = {"has", "assignees", "collaborators", "deadline", "inherited", "report_to", "recurrence"}


def _params(cases: list[dict[str, Any]]) -> list[Any]:
    out = []
    for case in cases:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def test_case_file_is_big_enough_and_ids_unique() -> None:
    ids = [c["id"] for c in DIRECTIVES + DOCUMENTS]
    assert len(ids) >= 50
    assert len(set(ids)) == len(ids)
    assert {True, False} <= {c["directive"] for c in DIRECTIVES}
    for case in DOCUMENTS:
        for expected in case["tasks"]:
            assert set(expected) <= TASK_FIELDS and "has" in expected, case["id"]


@pytest.mark.parametrize("case", _params(DIRECTIVES))
def test_is_directive(case: dict[str, Any]) -> None:
    assert is_directive(case["text"], case["in_list"]) is case["directive"]


def _find(tasks: list[Task], has: str) -> Task:
    for t in tasks:
        if has in t.text:
            return t
    raise AssertionError(f"no task contains {has!r}: {[t.text for t in tasks]}")


@pytest.mark.parametrize("case", _params(DOCUMENTS))
def test_document_tasks(case: dict[str, Any]) -> None:
    result = extract_bytes(case["text"].encode("utf-8"), "case.txt", ".txt")
    tasks = result.tasks
    if "count" in case:
        assert len(tasks) == case["count"], [t.text for t in tasks]
    for expected in case["tasks"]:
        t = _find(tasks, expected["has"])
        for field in ("assignees", "collaborators", "report_to", "recurrence"):
            if field in expected:
                assert getattr(t, field) == expected[field], (field, t.text)
        if "deadline" in expected:
            got = t.deadline.date if t.deadline is not None else None
            assert got == expected["deadline"], ("deadline", t.text, t.deadline)
        if "inherited" in expected:
            assert t.deadline is not None and t.deadline.inherited is expected["inherited"], t.deadline
    for text in case.get("absent", []):
        assert not any(text in t.text for t in tasks), text


def _check(data: bytes) -> None:
    try:
        result = extract_bytes(data, "case.txt", ".txt")
    except EmptyDocument:
        assert not build(parse_bytes(data, ".txt")).text.strip()
        return
    except UnsupportedFormat:
        assert b"\x00" in data[:2048]  # NUL bytes read as binary content: a typed, documented error
        return
    doc = build(parse_bytes(data, ".txt"))
    assert result.document.task_count == len(result.tasks)
    for t in result.tasks:
        assert 0 <= t.span.start <= t.span.end <= len(doc.text)
        assert " ".join(doc.text[t.span.start : t.span.end].split()) == t.text


@pytest.mark.parametrize("case", DOCUMENTS, ids=[c["id"] for c in DOCUMENTS])
def test_document_task_spans_point_into_text(case: dict[str, Any]) -> None:
    _check(case["text"].encode("utf-8"))


_LINES = [
    "ỦY BAN NHÂN DÂN",
    "HUYỆN CHÂU THÀNH",
    "Số: 169/UBND-VP",
    "Châu Thành, ngày 25 tháng 02 năm 2022",
    "V/v triển khai công tác phòng, chống dịch bệnh",
    "Kính gửi:",
    "- Phòng Y tế huyện;",
    "KẾ HOẠCH",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NHIỆM VỤ CỤ THỂ",
    "1. Phòng Y tế huyện",
    "2. Sở Tài chính:",
    "a) Rà soát số lượng cán bộ, công chức cấp xã.",
    "- Theo dõi chặt chẽ diễn biến dịch bệnh.",
    "+ Phối hợp với Trung tâm Y tế huyện tổ chức tiêm vắc xin.",
    "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính tham mưu, hoàn thành trước ngày 15/4/2022.",
    "Chủ tịch UBND tỉnh yêu cầu các đơn vị thực hiện các nội dung sau:",
    "Thời gian hoàn thành: trước ngày 20/3/2024.",
    "Đơn vị chủ trì: Sở Y tế.",
    "Đơn vị phối hợp: Công an tỉnh.",
    "Thời gian thực hiện: Tháng 12/2025.",
    "STT\tNội dung\tĐơn vị chủ trì\tThời gian",
    "1\tRà soát thủ tục\tPhòng Tư pháp\tQuý II/2024",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020.",
    "Trên đây là chỉ đạo của UBND tỉnh./.",
    "Nơi nhận:",
    "- Lưu: VT.",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn An",
    "Phụ lục",
    "**1. Phòng Nội vụ**",
    "## II. NHIỆM VỤ",
    "",
]
_doc_text = st.lists(st.one_of(st.sampled_from(_LINES), st.text(max_size=60)), max_size=30).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_doc_text)
def test_extract_never_raises_and_spans_hold_on_directive_like_text(text: str) -> None:
    _check(text.encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_extract_never_raises_on_arbitrary_text(text: str) -> None:
    _check(text.encode("utf-8"))
