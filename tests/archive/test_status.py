"""task_status: the rules on a fixed day, on real records and on hand-made edge cases."""

from __future__ import annotations

import glob
import sqlite3
from datetime import date
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.archive.status import (
    STATUSES,
    days_overdue,
    deadline_date,
    is_recurring,
    parse_iso_date,
    status_for,
    status_of,
    status_sql,
    task_status,
)
from extractor.pipeline import extract_path

AS_OF = date(2024, 7, 1)


@cache
def corpus_tasks() -> tuple[dict[str, Any], ...]:
    """Real contract records from the bundled seeds and composed documents."""
    paths = sorted(glob.glob("corpus/seeds/*.txt") + glob.glob("corpus/composed/*.txt"))
    assert paths, "run the tests from the repository root"
    return tuple(
        task.model_dump(mode="json") for path in paths for task in extract_path(path, source=path).tasks
    )


def make(
    deadline: str | None = None, *, rule: str | None = None, recurrence: str | None = None
) -> dict[str, Any]:
    return {
        "id": "t1",
        "text": "Báo cáo kết quả",
        "deadline": None
        if deadline == "none"
        else {"date": deadline, "text": "trước ngày", "kind": "before", "inherited": False},
        "recurrence": recurrence,
        "recurrence_rule": rule,
    }


CASES = [
    # (deadline date, done, rule, recurrence, soon_days, expected)
    ("2024-06-30", False, None, None, 7, "overdue"),  # yesterday
    ("2020-01-01", False, None, None, 7, "overdue"),
    ("2024-07-01", False, None, None, 7, "due_soon"),  # deadline on as_of: not late yet
    ("2024-07-08", False, None, None, 7, "due_soon"),  # last day of the window
    ("2024-07-09", False, None, None, 7, "open"),  # just outside
    ("2024-07-01", False, None, None, 0, "due_soon"),  # soon_days=0: only today
    ("2024-07-02", False, None, None, 0, "open"),
    ("2024-07-02", False, None, None, -3, "open"),  # negative window acts as 0
    ("2030-01-01", False, None, None, 7, "open"),
    (None, False, None, None, 7, "no_deadline"),  # asap/ongoing phrases have no date
    ("none", False, None, None, 7, "no_deadline"),  # no deadline object at all
    (None, False, "FREQ=MONTHLY;INTERVAL=3", "quarterly", 7, "open"),  # recurring, nothing to miss
    (None, False, None, "weekly", 7, "open"),  # period word without a rule
    ("2024-06-01", False, "FREQ=DAILY", "daily", 7, "overdue"),  # a date beats the recurrence
    ("2024-06-30", True, None, None, 7, "done"),  # done beats overdue
    (None, True, None, None, 7, "done"),
    ("not a date", False, None, None, 7, "no_deadline"),  # garbage never raises
    ("2024-02-30", False, None, None, 7, "no_deadline"),
    ("2024-06-30T23:59:00+07:00", False, None, None, 7, "overdue"),  # a timestamp counts by its day
]


@pytest.mark.parametrize(("deadline", "done", "rule", "recurrence", "soon", "expected"), CASES)
def test_status_table(
    deadline: str | None, done: bool, rule: str | None, recurrence: str | None, soon: int, expected: str
) -> None:
    task = make(deadline, rule=rule, recurrence=recurrence)
    assert task_status(task, done=done, as_of=AS_OF, soon_days=soon) == expected


def test_missing_fields_never_raise() -> None:
    assert task_status({}, done=False, as_of=AS_OF) == "no_deadline"
    assert task_status({"deadline": "2024-01-01"}, done=False, as_of=AS_OF) == "no_deadline"
    assert task_status({"deadline": {}}, done=False, as_of=AS_OF) == "no_deadline"
    assert task_status({"deadline": {"date": 20240101}}, done=False, as_of=AS_OF) == "no_deadline"


def test_helpers() -> None:
    assert parse_iso_date("2024-07-01") == date(2024, 7, 1)
    assert parse_iso_date(None) is None and parse_iso_date("2024") is None
    assert deadline_date(make("2024-07-01")) == date(2024, 7, 1)
    assert days_overdue(make("2024-06-21"), AS_OF) == 10
    assert days_overdue(make("2024-07-01"), AS_OF) == 0
    assert days_overdue(make(None), AS_OF) == 0
    assert is_recurring(make(None, recurrence="yearly")) and not is_recurring(make(None))


def test_real_records() -> None:
    tasks = corpus_tasks()
    assert len(tasks) > 50
    statuses = [task_status(t, done=False, as_of=AS_OF) for t in tasks]
    assert set(statuses) <= set(STATUSES) - {"done"}
    # The corpus has late, open and undated tasks on 2024-07-01.
    assert {"overdue", "open", "no_deadline"} <= set(statuses)
    for task, status in zip(tasks, statuses, strict=True):
        due = deadline_date(task)
        if due is None:
            assert status == ("open" if is_recurring(task) else "no_deadline")
        else:
            assert (status == "overdue") == (due < AS_OF)
    assert all(task_status(t, done=True, as_of=AS_OF) == "done" for t in tasks)


# ── one rule, three readers: record dict, stored row, SQL ──────────────────────────────────────


@settings(max_examples=300, deadline=None)
@given(
    due=st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    done=st.booleans(),
    recurring=st.booleans(),
    as_of=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    soon_days=st.integers(min_value=0, max_value=400),
)
def test_sql_python_and_record_rules_agree(
    due: date | None, done: bool, recurring: bool, as_of: date, soon_days: int
) -> None:
    want = status_for(due, done=done, recurring=recurring, as_of=as_of, soon_days=soon_days)
    record = make(due.isoformat() if due else None, rule="FREQ=MONTHLY" if recurring else None)
    assert task_status(record, done=done, as_of=as_of, soon_days=soon_days) == want
    assert status_of(due.isoformat() if due else None, done, as_of, soon_days, recurring) == want
    sql, params = status_sql(as_of, soon_days)
    with sqlite3.connect(":memory:") as conn:
        conn.execute("CREATE TABLE tasks (done INTEGER, recurring INTEGER, deadline_date TEXT)")
        conn.execute(
            "INSERT INTO tasks VALUES (?, ?, ?)", (int(done), int(recurring), due and due.isoformat())
        )
        (got,) = conn.execute(f"SELECT {sql} FROM tasks t", params).fetchone()
    assert got == want


def test_a_stored_date_that_is_not_a_date_counts_as_none() -> None:
    assert status_of("not a date", False, AS_OF) == "no_deadline"
    assert status_of("2024-06-30T08:00:00", False, AS_OF) == "overdue"
