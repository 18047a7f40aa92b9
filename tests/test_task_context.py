"""The per-document context of the task finder: its accumulators (section deadlines, leads,
field blocks, the paragraph's subject) on small documents, and DocContext itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.find.structure import paragraphs
from extractor.find.tasks import TaskSpan, find_tasks
from extractor.find.tasks_context import WHOLE_BODY, DocContext, scope_of
from extractor.find.units import split_units
from extractor.parse import parse_bytes
from extractor.spans import DeadlineSpan
from extractor.tree import build

DOCS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "task_stage_cases.yaml").read_text(encoding="utf-8")
)["context_documents"]


def _find(tasks: list[TaskSpan], has: str) -> TaskSpan:
    for t in tasks:
        if has in t.text:
            return t
    raise AssertionError(f"no task contains {has!r}: {[t.text for t in tasks]}")


@pytest.mark.parametrize("case", DOCS, ids=[c["id"] for c in DOCS])
def test_context_document(case: dict[str, Any]) -> None:
    doc = build(parse_bytes(case["text"].encode("utf-8"), ".txt"))
    recipients = split_units(case["recipients"]) if case.get("recipients") else None
    tasks = find_tasks(doc, [(0, len(doc.text))], recipients=recipients)
    assert len(tasks) == case["count"], [t.text for t in tasks]
    for t in tasks:
        assert " ".join(doc.text[t.start : t.end].split()) == t.text
        for u in [*t.assignees, *t.collaborators]:
            if recipients is None or u not in recipients:  # recipients point into their own phrase
                assert doc.text[u.start : u.end] == u.text, u
        if t.deadline is not None:
            assert doc.text[t.deadline.start : t.deadline.end] == t.deadline.text
    for expected in case["tasks"]:
        t = _find(tasks, expected["has"])
        for key in ("assignees", "collaborators"):
            if key in expected:
                assert [u.extra.get("name", u.text) for u in getattr(t, key)] == expected[key], (key, t.text)
        if "deadline" in expected:
            assert (t.deadline.date if t.deadline else None) == expected["deadline"], t.deadline
        if "inherited" in expected:
            assert t.inherited is expected["inherited"]
        if "report_to" in expected:
            assert t.report_to == expected["report_to"]
        if "recurrence" in expected:
            assert (t.recurrence.value if t.recurrence else None) == expected["recurrence"]


def _ctx(text: str) -> DocContext:
    doc = build(parse_bytes(text.encode("utf-8"), ".txt"))
    return DocContext(doc, paragraphs(doc, 0, len(doc.text)), None, None, is_report=False)


def test_add_task_makes_it_a_field_target_until_the_block_ends() -> None:
    ctx = _ctx("- Rà soát.\nĐơn vị chủ trì: Sở Y tế.\n- Kiểm tra.")
    task = TaskSpan(0, 10, "- Rà soát.", [], para=0)
    ctx.add_task(task)
    assert ctx.tasks == [task] and ctx.field_targets == [task]
    ctx.last_field_para = 1  # paragraph 1 was a field line
    ctx.end_field_block(2)  # the paragraph right after the block closes it
    assert ctx.field_targets == [] and ctx.last_field_para == -1
    assert ctx.tasks == [task]


def test_field_targets_accumulate_while_no_field_block_was_seen() -> None:
    ctx = _ctx("- Rà soát.\n- Kiểm tra.")
    first, second = TaskSpan(0, 1, "a", [], para=0), TaskSpan(2, 3, "b", [], para=1)
    ctx.add_task(first)
    ctx.end_field_block(1)
    ctx.add_task(second)
    assert ctx.field_targets == [first, second]


def test_leads_and_section_deadlines_are_recorded_with_their_scope() -> None:
    ctx = _ctx("1. Sở Y tế:\na) Rà soát.")
    p0, p1 = ctx.paras
    assert scope_of(p0) == WHOLE_BODY and scope_of(p1) == p0.index
    units = split_units("Sở Y tế")
    ctx.add_lead(units, p0.index, p0.index)
    assert ctx.leads[-1].units == units and ctx.leads[-1].parent == 0
    dl = DeadlineSpan(0, 5, "trước", "DEADLINE", date="2024-06-30")
    ctx.set_section_deadline(scope_of(p1), dl, p1.index)
    assert ctx.section_deadlines == {0: (dl, 1)}
    assert ctx.is_last(p1) and not ctx.is_last(p0)
