"""The storage contract, identical on both backends: records, done flags, status, documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractor.archive import Store, open_store, status_of
from extractor.archive.sqlite_store import SQLiteStore
from extractor.pipeline import extract_path
from extractor.schema import Task

from .conftest import SEEDS, synthetic

AS_OF = date(2024, 3, 1)


def test_open_store_targets(tmp_path: Path) -> None:
    for target in (str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'b.db'}"):
        s = open_store(target)
        assert isinstance(s, SQLiteStore)
        assert s.counts()["tasks"] == 0
        s.close()
    assert (tmp_path / "a.db").exists() and (tmp_path / "b.db").exists()
    with pytest.raises(ValueError, match="unsupported archive URL"):
        open_store("mysql://x")


def test_empty_store(store: Store) -> None:
    assert store.counts() == {"documents": 0, "versions": 0, "tasks": 0, "current_tasks": 0, "files": 0}
    assert store.search("nội vụ") == []
    assert list(store.tasks()) == []


def test_records_round_trip(store: Store) -> None:
    """The stored JSON is the contract record: an export reproduces the extractor's output."""
    path = sorted(SEEDS.glob("*.txt"))[0]
    result = extract_path(path)
    assert store.add(result, str(path)) == "added"
    stored = list(store.tasks())
    assert stored == [t.model_dump(mode="json") for t in result.tasks]
    for record in stored:
        Task.model_validate(record)
    (doc,) = store.documents()
    assert doc["doc_id"] == result.document.doc_id and doc["_superseded_by"] is None
    assert store.counts()["files"] == 1


def test_mark_done_and_open(store: Store) -> None:
    store.add(synthetic("d", [("Báo cáo kết quả", "2024-02-01")]))
    (task,) = store.tasks()
    assert store.search(as_of=AS_OF)[0].status == "overdue"
    store.mark_done(task["id"])
    hit = store.search(as_of=AS_OF)[0]
    assert (hit.status, hit.done) == ("done", True)
    store.mark_open(task["id"])
    assert store.search(as_of=AS_OF)[0].status == "overdue"
    with pytest.raises(KeyError):
        store.mark_done("no-such-task")


def test_done_survives_replacement(store: Store) -> None:
    result = synthetic("r", [("Một", None), ("Hai", None)])
    store.add(result)
    first = result.tasks[0].id
    store.mark_done(first)
    assert store.add(result) == "replaced"
    assert store.counts()["tasks"] == 2
    assert [h.task["id"] for h in store.search(status="done")] == [first]


STATUS_TASKS = [
    ("quá hạn", "2024-02-28"),
    ("đến hạn hôm nay", "2024-03-01"),
    ("sắp đến hạn", "2024-03-08"),
    ("còn hạn", "2024-03-09"),
    ("không có hạn", None),
    ("đã xong", "2024-01-01"),
]
EXPECTED = ["overdue", "due_soon", "due_soon", "open", "no_deadline", "done"]


def test_status_as_of(store: Store) -> None:
    result = synthetic("s", STATUS_TASKS)
    store.add(result)
    store.mark_done(result.tasks[-1].id)
    by_text = {h.task["text"]: h.status for h in store.search(as_of=AS_OF, limit=None)}
    assert [by_text[t] for t, _ in STATUS_TASKS] == EXPECTED
    for status in set(EXPECTED):
        got = {h.task["text"] for h in store.search(status=status, as_of=AS_OF)}
        assert got == {t for (t, _), s in zip(STATUS_TASKS, EXPECTED, strict=True) if s == status}
    facets = dict(store.facets(as_of=AS_OF)["status"])
    assert facets == {"overdue": 1, "due_soon": 2, "open": 1, "no_deadline": 1, "done": 1}
    # a narrower window moves 2024-03-08 out of due_soon; as_of accepts ISO text
    assert len(store.search(status="due_soon", as_of="2024-03-01", due_days=3)) == 1
    assert len(store.search(status=["overdue", "open"], as_of=AS_OF)) == 2


def test_status_rule_in_python() -> None:
    got = [status_of(d, t == "đã xong", AS_OF) for t, d in STATUS_TASKS]
    assert got == EXPECTED


def test_bad_filters_are_query_errors(store: Store) -> None:
    from extractor.archive import QueryError

    for kwargs in ({"status": "late"}, {"issued_from": "2024-13-01"}, {"as_of": "yesterday"}, {"limit": -1}):
        with pytest.raises(QueryError):
            store.search("", **kwargs)  # type: ignore[arg-type]


def test_recurring_without_date_is_open(store: Store) -> None:
    result = synthetic("rec", [("Báo cáo định kỳ hằng tháng", None), ("Báo cáo một lần", None)])
    recurring = result.tasks[0].model_copy(
        update={"recurrence": "monthly", "recurrence_rule": "FREQ=MONTHLY"}
    )
    result = result.model_copy(update={"tasks": [recurring, result.tasks[1]]})
    store.add(result)
    assert [h.status for h in store.search(as_of=AS_OF)] == ["open", "no_deadline"]
    assert len(store.search(status="open", as_of=AS_OF)) == 1


def test_status_agrees_with_report_rules(seeded: Store) -> None:
    """The archive's SQL status and the reports' Python rule (extractor.archive.status) agree."""
    status = pytest.importorskip("extractor.archive.status")
    hits = seeded.search(as_of=AS_OF, limit=None)
    seeded.mark_done(hits[0].task["id"])
    for as_of in (AS_OF, date(2022, 3, 1), date(2030, 1, 1)):
        for hit in seeded.search(as_of=as_of, limit=None):
            assert hit.status == status.task_status(hit.task, done=hit.done, as_of=as_of)
        for name, count in seeded.facets(as_of=as_of)["status"]:
            assert len(seeded.search(status=name, as_of=as_of, limit=None)) == count
