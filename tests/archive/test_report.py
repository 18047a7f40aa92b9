"""rollup, render_table and the CSV renderings."""

from __future__ import annotations

import csv
import glob
import io
import unicodedata
from datetime import date
from functools import cache
from typing import Any

from extractor.archive.report import (
    CSV_COLUMNS,
    OVERDUE_CSV_COLUMNS,
    UNASSIGNED,
    display_width,
    render_csv,
    render_overdue_csv,
    render_table,
    rollup,
)
from extractor.archive.status import task_status
from extractor.pipeline import extract_path

AS_OF = date(2024, 7, 1)


@cache
def corpus_tasks() -> tuple[dict[str, Any], ...]:
    paths = sorted(glob.glob("corpus/seeds/*.txt") + glob.glob("corpus/composed/*.txt"))
    assert paths, "run the tests from the repository root"
    return tuple(
        task.model_dump(mode="json") for path in paths for task in extract_path(path, source=path).tasks
    )


def task(
    tid: str,
    units: list[str] | None,
    due: str | None,
    *,
    names: list[str] | None = None,
    number: str | None = "12/UBND-VP",
) -> dict[str, Any]:
    return {
        "id": tid,
        "text": f"- Nhiệm vụ {tid}: báo cáo kết quả thực hiện",
        "document": {"number": number, "doc_type": "Công văn", "issuer": "UBND", "issued_date": None},
        "assignees": names if names is not None else list(units or []),
        "assignee_units": [{"name": u, "canonical": u} for u in units or []],
        "deadline": {"date": due, "text": "", "kind": "before", "inherited": False} if due else None,
        "recurrence": None,
        "recurrence_rule": None,
    }


HAND = [
    (task("a1", ["Sở Nội vụ"], "2024-06-01"), False),  # 30 days late
    (task("a2", ["Sở Nội vụ", "Sở Tài chính"], "2024-06-21"), False),  # 10 days late, two units
    (task("a3", ["Sở Tài chính"], "2024-07-03"), False),  # due soon
    (task("a4", ["Sở Tài chính"], "2024-06-01"), True),  # done
    (task("a5", ["Bưu điện"], None), False),  # no deadline
    (task("a6", [], "2024-06-30"), False),  # unassigned, 1 day late
    (task("a7", [], None, names=["Phòng Nội vụ"]), False),  # no units: falls back to names
    (task("a8", ["Sở Nội vụ", "Sở Nội vụ"], "2024-09-01"), False),  # same unit twice counts once
]


def by_unit(rows: list[Any]) -> dict[str, Any]:
    return {row.unit: row for row in rows}


def test_rollup_counts() -> None:
    rows = by_unit(rollup(HAND, as_of=AS_OF))
    assert set(rows) == {"Sở Nội vụ", "Sở Tài chính", "Bưu điện", UNASSIGNED, "Phòng Nội vụ"}
    noi_vu = rows["Sở Nội vụ"]
    assert noi_vu.counts == {"overdue": 2, "due_soon": 0, "open": 1, "no_deadline": 0, "done": 0}
    assert [o.task_id for o in noi_vu.overdue] == ["a1", "a2"]  # most days late first
    assert [o.days_overdue for o in noi_vu.overdue] == [30, 10]
    assert noi_vu.overdue[0].document_number == "12/UBND-VP"
    assert noi_vu.overdue[0].deadline == date(2024, 6, 1)
    assert noi_vu.overdue[0].excerpt.startswith("Nhiệm vụ a1")  # list marker dropped
    tai_chinh = rows["Sở Tài chính"]
    assert tai_chinh.counts == {"overdue": 1, "due_soon": 1, "open": 0, "no_deadline": 0, "done": 1}
    assert tai_chinh.total == 3
    assert rows[UNASSIGNED].counts["overdue"] == 1
    assert rows["Bưu điện"].counts["no_deadline"] == 1
    assert rows["Phòng Nội vụ"].counts["no_deadline"] == 1


def test_rollup_order() -> None:
    rows = rollup(HAND, as_of=AS_OF)
    # 2 overdue, then 1 overdue by 10 days before 1 overdue by 1 day, then by name.
    assert [r.unit for r in rows] == ["Sở Nội vụ", "Sở Tài chính", UNASSIGNED, "Bưu điện", "Phòng Nội vụ"]
    assert rollup(list(reversed(HAND)), as_of=AS_OF) == rows  # input order does not matter


def test_rollup_by_name() -> None:
    hand = [(task("b1", ["Phòng Nội vụ huyện X"], "2024-06-01", names=["Phòng Nội vụ"]), False)]
    assert [r.unit for r in rollup(hand, as_of=AS_OF, by="name")] == ["Phòng Nội vụ"]
    assert [r.unit for r in rollup(hand, as_of=AS_OF)] == ["Phòng Nội vụ huyện X"]


def test_rollup_real_records() -> None:
    tasks = corpus_tasks()
    pairs = [(t, i % 4 == 0) for i, t in enumerate(tasks)]
    rows = rollup(pairs, as_of=AS_OF)
    # Every task counted at least once, each status total consistent with task_status.
    assert sum(r.total for r in rows) >= len(tasks)
    overdue_ids = {t["id"] for t, done in pairs if task_status(t, done=done, as_of=AS_OF) == "overdue"}
    assert {o.task_id for r in rows for o in r.overdue} == overdue_ids
    keys = [(-r.counts["overdue"], -r.max_days_overdue) for r in rows]
    assert keys == sorted(keys)
    assert all(r.counts["overdue"] == len(r.overdue) for r in rows)
    assert rollup(pairs, as_of=AS_OF) == rows  # deterministic


def test_render_table_alignment() -> None:
    rows = rollup([(t, False) for t in corpus_tasks()], as_of=AS_OF)
    table = render_table(rows)
    lines = table.splitlines()
    assert lines[0].startswith("Unit") and "Overdue" in lines[0]
    assert len(lines) == len(rows) + 2
    widths = {display_width(line) for line in lines}
    assert len(widths) == 1  # every line the same width: columns aligned
    narrow = render_table(rows, width=80)
    assert all(display_width(line) <= 80 for line in narrow.splitlines())
    assert "…" in narrow
    assert render_table(rows) == table


def test_render_table_decomposed_vietnamese() -> None:
    nfc = "Ủy ban nhân dân tỉnh Vĩnh Long"
    nfd = unicodedata.normalize("NFD", "Sở Tài chính tỉnh Vĩnh Long")
    rows = rollup([(task("c1", [nfc], None), False), (task("c2", [nfd], None), False)], as_of=AS_OF)
    lines = render_table(rows).splitlines()
    assert len({display_width(line) for line in lines}) == 1
    assert display_width(nfd) == len(unicodedata.normalize("NFC", nfd))
    assert display_width("漢字") == 4


def test_render_table_empty() -> None:
    assert render_table([]).splitlines()[0].startswith("Unit")
    assert render_csv([]).splitlines() == [",".join(CSV_COLUMNS)]


def test_csv_round_trip() -> None:
    rows = rollup(HAND, as_of=AS_OF)
    parsed = list(csv.DictReader(io.StringIO(render_csv(rows))))
    assert [p["unit"] for p in parsed] == [r.unit for r in rows]
    first = parsed[0]
    assert (first["overdue"], first["open"], first["total"], first["max_days_overdue"]) == (
        "2",
        "1",
        "3",
        "30",
    )
    details = list(csv.DictReader(io.StringIO(render_overdue_csv(rows))))
    assert list(details[0]) == list(OVERDUE_CSV_COLUMNS)
    assert len(details) == sum(len(r.overdue) for r in rows) == 4
    assert details[0] == {
        "unit": "Sở Nội vụ",
        "task_id": "a1",
        "deadline": "2024-06-01",
        "days_overdue": "30",
        "document_number": "12/UBND-VP",
        "excerpt": "Nhiệm vụ a1: báo cáo kết quả thực hiện",
    }


def test_csv_real_records_quoting() -> None:
    rows = rollup([(t, False) for t in corpus_tasks()], as_of=AS_OF)
    parsed = list(csv.reader(io.StringIO(render_overdue_csv(rows))))
    assert all(len(line) == len(OVERDUE_CSV_COLUMNS) for line in parsed)  # commas in names quoted
    assert any("," in line[0] for line in parsed[1:])
