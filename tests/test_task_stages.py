"""The task finder's stages one at a time (classify, assign, fields, dates), on cases from
tests/data/task_stage_cases.yaml, and the lexicon schemas they read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor import lexicon
from extractor.find import tasks_assign, tasks_classify, tasks_dates, tasks_fields
from extractor.find.structure import Paragraph, heading_path, paragraphs
from extractor.find.tasks import find_tasks
from extractor.find.units import split_units
from extractor.parse import parse_bytes
from extractor.spans import UnitSpan
from extractor.tree import Document, build

DATA: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "data" / "task_stage_cases.yaml").read_text(encoding="utf-8")
)


def _params(name: str) -> list[Any]:
    out = []
    for case in DATA[name]:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def _doc(text: str) -> tuple[Document, list[Paragraph]]:
    doc = build(parse_bytes(text.encode("utf-8"), ".txt"))
    return doc, paragraphs(doc, 0, len(doc.text))


def _names(units: list[UnitSpan]) -> list[str]:
    return [u.extra.get("name", u.text) for u in units]


def _spans_hold(text: str, units: list[UnitSpan], offset: int = 0) -> None:
    for u in units:
        assert text[u.start - offset : u.end - offset] == u.text, u


def test_case_ids_unique() -> None:
    ids = [c["id"] for v in DATA.values() if isinstance(v, list) for c in v]
    assert len(ids) == len(set(ids)) and len(ids) >= 50


# ---- classify ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _params("closing"))
def test_is_closing(case: dict[str, Any]) -> None:
    assert tasks_classify.is_closing(case["text"], None) is case["closing"]


@pytest.mark.parametrize("case", _params("content_start"))
def test_content_start_skips_marker_and_topic(case: dict[str, Any]) -> None:
    doc, paras = _doc(case["text"])
    p = paras[0]
    cs = tasks_classify.content_start(doc.text, p.start, p.end, p, True)
    assert p.start <= cs <= p.end
    assert doc.text[cs : p.end] == case["reads"]


@pytest.mark.parametrize("case", _params("in_task_section"))
def test_in_task_section(case: dict[str, Any]) -> None:
    _, paras = _doc(case["text"])
    assert len(paras) == len(case["plain"])
    got = [tasks_classify.in_task_section(heading_path(paras, p), p, False) for p in paras]
    assert got == case["plain"]
    got = [tasks_classify.in_task_section(heading_path(paras, p), p, True) for p in paras]
    assert got == case["report"]


@pytest.mark.parametrize("case", _params("not_an_item"))
def test_not_an_item(case: dict[str, Any]) -> None:
    doc, paras = _doc(case["text"])
    assert len(paras) == len(case["expected"])
    got = []
    for p in paras:
        core = " ".join(doc.text[p.content_start : p.end].split())
        got.append(tasks_classify.not_an_item(core, p, p.index == len(paras) - 1, None))
    assert got == case["expected"]


# ---- assign ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _params("inline_assignees"))
def test_inline_assignees(case: dict[str, Any]) -> None:
    units = tasks_assign.inline_assignees(case["text"], 0, case["item"])
    _spans_hold(case["text"], units)
    assert _names(units) == case["names"]


def test_inline_assignees_offset_shifts_spans() -> None:
    prefix = "1. "
    text = "Giao Sở Y tế, Sở Tài chính thực hiện."
    units = tasks_assign.inline_assignees(text, len(prefix))
    _spans_hold(prefix + text, units)
    assert _names(units) == ["Sở Y tế", "Sở Tài chính"]


@pytest.mark.parametrize("case", _params("collaborators"))
def test_collaborators_of(case: dict[str, Any]) -> None:
    units = tasks_assign.collaborators_of(case["text"], 0)
    _spans_hold(case["text"], units)
    assert _names(units) == case["names"]
    assert {u.label for u in units} <= {"COLLAB"}


@pytest.mark.parametrize("case", _params("report_to"))
def test_report_to_of(case: dict[str, Any]) -> None:
    assert tasks_assign.report_to_of(case["text"]) == case["report_to"]


@pytest.mark.parametrize("case", _params("heading_units"))
def test_heading_units(case: dict[str, Any]) -> None:
    doc, paras = _doc(case["heading"] + "\n- Rà soát.")
    units = tasks_assign.heading_units(doc, paras[0])
    assert _names(units) == case["names"]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True, reason=c["span_xfail"])])
        if c.get("span_xfail")
        else pytest.param(c, id=c["id"])
        for c in DATA["heading_units"]
    ],
)
def test_heading_unit_spans_point_into_text(case: dict[str, Any]) -> None:
    doc, paras = _doc(case["heading"] + "\n- Rà soát.")
    _spans_hold(doc.text, tasks_assign.heading_units(doc, paras[0]))


@pytest.mark.parametrize("case", _params("expand_groups"))
def test_expand_groups(case: dict[str, Any]) -> None:
    recipients = split_units(DATA["expand_recipients"])
    got = tasks_assign.expand_groups(split_units(case["group"]), recipients)
    assert _names(got) == case["names"]


# ---- fields and dates --------------------------------------------------------------------------


@pytest.mark.parametrize("case", _params("fields"))
def test_field_of(case: dict[str, Any]) -> None:
    got = tasks_fields.field_of(case["text"])
    assert (list(got) if got else None) == case["field"]


@pytest.mark.parametrize("case", _params("own_dated"))
def test_own_dated(case: dict[str, Any]) -> None:
    assert tasks_dates.own_dated(case["text"], None) is case["dated"]


def test_recurrence_offsets_point_into_text() -> None:
    prefix = "- Kiểm tra "
    text = "việc cung ứng thuốc hằng tháng."
    rec = tasks_dates.recurrence(text, len(prefix))
    assert rec is not None and rec.value == "monthly"
    assert (prefix + text)[rec.start : rec.end] == rec.text


# ---- lexicon -----------------------------------------------------------------------------------


def test_stage_schemas_hold_their_disjoint_lists_and_every_field_is_read() -> None:
    for case in DATA["context_documents"]:
        doc = build(parse_bytes(case["text"].encode("utf-8"), ".txt"))
        find_tasks(doc, [(0, len(doc.text))], recipients=split_units(case.get("recipients", "")))
    mine = {
        (name, section): schema
        for (name, section), schema in lexicon.loaded().items()
        if name in ("tasks.yaml", "units.yaml", "text.yaml")
    }
    assert {s for n, s in mine if n == "tasks.yaml"} == {
        "verbs",
        "cues",
        "classify",
        "assign",
        "dates",
        "fields",
    }
    raw = lexicon.raw_yaml("tasks.yaml")
    assert set(raw) == {"verbs", "cues", "classify", "assign", "dates", "fields"}
    read = lexicon.read_fields()
    for (name, section), schema in mine.items():
        model = lexicon.load(name, schema, section)
        for a, b in schema.disjoint:
            overlap = {x.lower() for x in getattr(model, a)} & {x.lower() for x in getattr(model, b)}
            assert not overlap, (name, section, a, b, overlap)
        if name == "tasks.yaml":
            assert not [f for f in schema.model_fields if (schema, f) not in read], (name, section)
