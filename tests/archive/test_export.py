"""Exports: JSONL, iCalendar (round-trip through icalendar), Jira CSV (BOM), Taskwarrior JSON."""

from __future__ import annotations

import csv
import glob
import io
import json
import re
import uuid
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.archive.export import (
    JIRA_COLUMNS,
    TASK_UUID_NAMESPACE,
    excerpt,
    slug,
    taskwarrior_recur,
    to_icalendar,
    to_jira_csv,
    to_jsonl,
    to_taskwarrior,
)
from extractor.pipeline import extract_path

icalendar = pytest.importorskip("icalendar")

TW_DATE = re.compile(r"^\d{8}T\d{6}Z$")
TW_RECUR = {
    "daily",
    "weekly",
    "biweekly",
    "monthly",
    "bimonthly",
    "quarterly",
    "semiannual",
    "yearly",
    "biyearly",
}


@cache
def corpus_tasks() -> tuple[dict[str, Any], ...]:
    paths = sorted(glob.glob("corpus/seeds/*.txt") + glob.glob("corpus/composed/*.txt"))
    assert paths, "run the tests from the repository root"
    return tuple(
        task.model_dump(mode="json") for path in paths for task in extract_path(path, source=path).tasks
    )


def done_ids(tasks: tuple[dict[str, Any], ...]) -> set[str]:
    return {t["id"] for t in tasks[::3]}


def vtodos(data: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(data).walk("VTODO"))


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# ── helpers ──────────────────────────────────────────────────────────────────────────────────


def test_slug_and_excerpt() -> None:
    assert slug("Ủy ban nhân dân tỉnh Vĩnh Long") == "uy-ban-nhan-dan-tinh-vinh-long"
    assert slug("Đắk Lắk") == "dak-lak"
    assert slug("118/KH-UBND") == "118-kh-ubnd"
    assert slug(None) == slug("") == ""
    assert excerpt("- Chủ trì  thực hiện") == "Chủ trì thực hiện"
    assert excerpt("a) Báo cáo") == "Báo cáo"
    long = "Chủ trì, phối hợp " * 20
    cut = excerpt(long)
    assert len(cut) <= 80 and cut.endswith("…") and not cut.startswith(" ")


@pytest.mark.parametrize(
    ("rule", "period", "expected"),
    [
        ("FREQ=DAILY", "daily", "daily"),
        ("FREQ=WEEKLY;BYDAY=FR", "weekly", "weekly"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "monthly", "monthly"),
        ("FREQ=MONTHLY;INTERVAL=3", "quarterly", "quarterly"),
        ("FREQ=MONTHLY;INTERVAL=6", "semiannual", "semiannual"),
        ("FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15", "yearly", "yearly"),
        ("FREQ=MONTHLY;INTERVAL=4", None, "P4M"),  # calendar months, not a 30-day "4mo"
        ("FREQ=DAILY;INTERVAL=3", None, "3d"),
        (None, "semiannual", "semiannual"),
        (None, "fortnightly", None),
        ("FREQ=HOURLY", None, None),
    ],
)
def test_taskwarrior_recur(rule: str | None, period: str | None, expected: str | None) -> None:
    assert taskwarrior_recur(rule, period) == expected


# ── JSONL ────────────────────────────────────────────────────────────────────────────────────


def test_jsonl_matches_cli_lines() -> None:
    tasks = corpus_tasks()
    text = to_jsonl(tasks)
    lines = text.splitlines()
    assert len(lines) == len(tasks) and text.endswith("\n")
    for line, task in zip(lines, tasks, strict=True):
        assert json.loads(line) == task
        assert list(json.loads(line)) == list(task)  # pydantic's key order
        assert line == json.dumps(task, ensure_ascii=False)  # what `extractor extract` writes
    assert "ủy" in text.lower()  # not \u-escaped
    assert to_jsonl([]) == ""


# ── iCalendar ────────────────────────────────────────────────────────────────────────────────


def test_icalendar_round_trip() -> None:
    tasks = corpus_tasks()
    done = done_ids(tasks)
    data = to_icalendar(tasks, done_ids=done)
    assert data == to_icalendar(tasks, done_ids=done)  # deterministic bytes
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["PRODID"]) == "-//extractor//vi//" and str(cal["VERSION"]) == "2.0"
    todos = vtodos(data)
    assert len(todos) == len(tasks)
    by_uid = {str(t["UID"]): t for t in todos}
    assert set(by_uid) == {f"{t['id']}@extractor" for t in tasks}
    for task in tasks:
        todo = by_uid[f"{task['id']}@extractor"]
        assert str(todo["STATUS"]) == ("COMPLETED" if task["id"] in done else "NEEDS-ACTION")
        deadline = (task["deadline"] or {}).get("date")
        if deadline:
            assert todo.decoded("DUE") == date.fromisoformat(deadline)
            assert todo["DUE"].params.get("VALUE") == "DATE" or "VALUE" not in todo["DUE"].params
            assert not isinstance(todo.decoded("DUE"), datetime)
        else:
            assert "DUE" not in todo
        if task["recurrence_rule"]:
            assert todo["RRULE"].to_ical().decode() == task["recurrence_rule"]
        else:
            assert "RRULE" not in todo
        related = todo["RELATED-TO"]
        assert str(related) == f"{task['doc_id']}@extractor"
        assert related.params["RELTYPE"] == "PARENT"
        names = [str(v) for v in as_list(todo.get("X-EXTRACTOR-ASSIGNEE", []))]
        assert names == list(dict.fromkeys(u["canonical"] for u in task["assignee_units"]))
        assert [str(c) for c in todo["CATEGORIES"].cats] == [task["document"]["doc_type"]]
        issued = task["document"]["issued_date"] or "1970-01-01"
        assert todo.decoded("DTSTAMP").date() == date.fromisoformat(issued)
        summary = str(todo["SUMMARY"])
        assert len(summary) <= 80 and "\n" not in summary
        description = str(todo["DESCRIPTION"])
        assert description.startswith(task["text"].strip())
        if task["document"]["number"]:
            assert task["document"]["number"] in description
    assert any("RRULE" in t for t in todos) and any("DUE" in t for t in todos)


def test_icalendar_bad_rule_is_left_out() -> None:
    task = {"id": "x1", "text": "Báo cáo", "recurrence_rule": "EVERY=SOMETIMES;;", "recurrence": "monthly"}
    (todo,) = vtodos(to_icalendar([task]))
    assert "RRULE" not in todo and str(todo["UID"]) == "x1@extractor"
    assert todo.decoded("DTSTAMP").date() == date(1970, 1, 1)


# ── Jira CSV ─────────────────────────────────────────────────────────────────────────────────


def read_jira(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel and Jira look for
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_jira_csv_round_trip() -> None:
    tasks = corpus_tasks()
    done = done_ids(tasks)
    rows = read_jira(to_jira_csv(tasks, done_ids=done))
    assert len(rows) == len(tasks)
    assert list(rows[0]) == list(JIRA_COLUMNS)
    for row, task in zip(rows, tasks, strict=True):
        assert row["Status"] == ("Done" if task["id"] in done else "To Do")
        deadline = (task["deadline"] or {}).get("date")
        assert row["Due Date"] == (deadline or "")
        assert row["Description"].startswith(task["text"].strip())
        labels = row["Labels"].split(" ")
        assert all(label and re.fullmatch(r"[a-z0-9-]+", label) for label in labels)
        assert slug(task["document"]["doc_type"]) in labels
        if task["assignee_units"]:
            assert row["Assignee"] == task["assignee_units"][0]["canonical"]


def test_jira_csv_quoting() -> None:
    text = 'Báo cáo "khẩn", gồm:\n- mục 1;\r\n- mục 2'
    task = {"id": "q1", "text": text, "document": {"number": "5/CĐ-UBND", "doc_type": "Công điện"}}
    (row,) = read_jira(to_jira_csv([task], done_ids={"q1"}))
    assert row["Description"].split("\n\n")[0] == text  # quotes, commas, CRLF and LF intact
    assert row["Labels"] == "cong-dien 5-cd-ubnd"
    assert row["Status"] == "Done" and row["Assignee"] == "" and row["Due Date"] == ""


# ── Taskwarrior ──────────────────────────────────────────────────────────────────────────────


def tw_date(value: str) -> datetime:
    assert TW_DATE.match(value), value
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ")


def test_taskwarrior_json() -> None:
    tasks = corpus_tasks()
    done = done_ids(tasks)
    text = to_taskwarrior(tasks, done_ids=done)
    assert text == to_taskwarrior(tasks, done_ids=done)
    records = json.loads(text)
    assert isinstance(records, list) and len(records) == len(tasks)
    assert len(text.splitlines()) == len(tasks) + 2  # "[", one task a line, "]"
    for record, task in zip(records, tasks, strict=True):
        u = uuid.UUID(record["uuid"])
        assert u.version == 5 and u == uuid.uuid5(TASK_UUID_NAMESPACE, task["id"])
        assert record["status"] == ("completed" if task["id"] in done else "pending")
        assert record["description"] and "\n" not in record["description"]
        for key in ("entry", "due", "until"):
            if key in record:
                tw_date(record[key])
        deadline = (task["deadline"] or {}).get("date")
        if deadline and not task["recurrence"]:
            # Local midnight in Vietnam (UTC+7) is 17:00 UTC the day before.
            assert tw_date(record["due"]) + timedelta(hours=7) == datetime.fromisoformat(deadline)
        if "recur" in record:
            assert record["recur"] in TW_RECUR
            assert "due" in record  # Taskwarrior refuses recur without due
            if "until" in record:
                assert tw_date(record["until"]) > tw_date(record["due"])
        for tag in record.get("tags", []):
            assert re.fullmatch(r"[a-z0-9-]+", tag)
        assert re.fullmatch(r"[a-z0-9-]+", record["project"])
        entries = [a["entry"] for a in record.get("annotations", [])]
        assert len(set(entries)) == len(entries)  # Taskwarrior keys annotations by their time
        assert all(a["description"] for a in record.get("annotations", []))
    assert len({r["uuid"] for r in records}) == len(records)
    assert any("recur" in r for r in records)


def test_taskwarrior_recurrence_dates() -> None:
    base = {"document": {"issued_date": "2024-11-05", "issuer": "UBND tỉnh"}, "text": "Báo cáo"}
    weekly = {**base, "id": "w", "recurrence": "weekly", "recurrence_rule": "FREQ=WEEKLY;BYDAY=FR"}
    monthly = {**base, "id": "m", "recurrence": "monthly", "recurrence_rule": "FREQ=MONTHLY;BYMONTHDAY=15"}
    yearly = {
        **base,
        "id": "y",
        "recurrence": "yearly",
        "recurrence_rule": "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1",
    }
    quarterly = {**base, "id": "q", "recurrence": "quarterly", "recurrence_rule": "FREQ=MONTHLY;INTERVAL=3"}
    daily_until = {
        **base,
        "id": "d",
        "recurrence": "daily",
        "recurrence_rule": "FREQ=DAILY",
        "deadline": {"date": "2025-06-30", "text": "đến tháng 6 năm 2025", "kind": "by", "inherited": False},
    }
    no_anchor = {"id": "n", "text": "Báo cáo", "recurrence": "monthly", "recurrence_rule": "FREQ=MONTHLY"}
    records = {
        r["uuid"]: r
        for r in json.loads(to_taskwarrior([weekly, monthly, yearly, quarterly, daily_until, no_anchor]))
    }

    def rec(tid: str) -> dict[str, Any]:
        return records[str(uuid.uuid5(TASK_UUID_NAMESPACE, tid))]

    # due is local (UTC+7) midnight: 17:00 UTC the day before.
    assert rec("w")["due"] == "20241107T170000Z"  # Friday 2024-11-08
    assert rec("m")["due"] == "20241114T170000Z"  # 2024-11-15
    assert rec("y")["due"] == "20250228T170000Z"  # 2025-03-01
    assert rec("q")["due"] == "20250204T170000Z" and rec("q")["recur"] == "quarterly"  # 2025-02-05
    assert rec("d")["due"] == "20241105T170000Z" and rec("d")["until"] == "20250630T170000Z"
    assert "recur" not in rec("n") and "due" not in rec("n") and "recurring" in rec("n")["tags"]
    assert to_taskwarrior([]) == "[]\n"


# ── never raise on partial records ──────────────────────────────────────────────────────────

_maybe_text = st.one_of(st.none(), st.text(max_size=40))
_dates = st.one_of(
    st.none(), st.dates().map(date.isoformat), st.sampled_from(["", "2024-02-30", "x", "2024"])
)
_deadline = st.one_of(
    st.none(),
    st.fixed_dictionaries({}, optional={"date": _dates, "text": _maybe_text, "kind": _maybe_text}),
)
_unit = st.fixed_dictionaries({}, optional={"name": _maybe_text, "canonical": _maybe_text})
_rules = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "FREQ=DAILY",
            "FREQ=WEEKLY;BYDAY=SU",
            "FREQ=MONTHLY;BYMONTHDAY=31",
            "FREQ=MONTHLY;INTERVAL=6",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=YEARLY;BYMONTH=13",
            "FREQ=MONTHLY;INTERVAL=0",
            "FREQ=WEEKLY;INTERVAL=x",
            "FREQ=DAILY;UNTIL=20251231",
            "garbage",
            "",
        ]
    ),
    st.text(max_size=20),
)
_document = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {},
        optional={
            "number": _maybe_text,
            "doc_type": _maybe_text,
            "issuer": _maybe_text,
            "issued_date": _dates,
        },
    ),
)
partial_tasks = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.none(), st.text(alphabet="0123456789abcdef", min_size=1, max_size=16)),
        "doc_id": _maybe_text,
        "source": _maybe_text,
        "text": _maybe_text,
        "document": _document,
        "assignees": st.one_of(st.none(), st.lists(_maybe_text, max_size=3)),
        "assignee_units": st.one_of(st.none(), st.lists(_unit, max_size=3)),
        "collaborators": st.one_of(st.none(), st.lists(_maybe_text, max_size=2)),
        "deadline": _deadline,
        "recurrence": st.one_of(
            st.none(),
            st.sampled_from(["daily", "weekly", "monthly", "quarterly", "semiannual", "yearly", "x"]),
        ),
        "recurrence_rule": _rules,
        "report_to": _maybe_text,
    },
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.lists(partial_tasks, max_size=4), st.booleans())
def test_exports_never_raise(tasks: list[dict[str, Any]], mark_done: bool) -> None:
    ids = {str(t.get("id")) for t in tasks if t.get("id")} if mark_done else set()
    lines = to_jsonl(tasks).split("\n")[:-1]  # not splitlines(): U+2028 is valid inside JSON
    assert [json.loads(line) for line in lines] == tasks
    cal = vtodos(to_icalendar(tasks, done_ids=ids))
    assert len(cal) == len(tasks)
    assert all(str(t["UID"]).endswith("@extractor") for t in cal)
    rows = read_jira(to_jira_csv(tasks, done_ids=ids))
    assert len(rows) == len(tasks)
    assert all(" " not in label for r in rows for label in r["Labels"].split(" "))
    records = json.loads(to_taskwarrior(tasks, done_ids=ids))
    assert len(records) == len(tasks)
    for record in records:
        uuid.UUID(record["uuid"])
        assert record["description"]
        for key in ("entry", "due", "until"):
            if key in record:
                tw_date(record[key])
        if "recur" in record:
            assert "due" in record


def test_extreme_dates() -> None:
    tasks = [
        {
            "id": f"e{i}",
            "text": "x",
            "document": {"issued_date": issued},
            "recurrence": "yearly",
            "recurrence_rule": rule,
            "deadline": {"date": due},
        }
        for i, (issued, due, rule) in enumerate(
            [
                ("9999-12-31", "9999-12-31", "FREQ=YEARLY"),
                ("9999-12-20", None, "FREQ=MONTHLY;BYMONTHDAY=31"),
                ("0001-01-01", "0001-01-01", "FREQ=DAILY;UNTIL=99991231"),
            ]
        )
    ]
    for record in json.loads(to_taskwarrior(tasks)):
        for key in ("entry", "due", "until"):
            if key in record:
                tw_date(record[key])
    assert len(vtodos(to_icalendar(tasks))) == 3
    assert len(read_jira(to_jira_csv(tasks))) == 3
