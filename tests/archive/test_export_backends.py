"""Exports from either backend: the same records come out, and the files round-trip
(iCalendar through icalendar, Jira CSV through csv with the BOM, Taskwarrior through json)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from extractor.archive.export import to_icalendar, to_jira_csv, to_jsonl, to_taskwarrior
from extractor.archive.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"


def test_exports_round_trip_from_store(store: Store) -> None:
    icalendar = pytest.importorskip("icalendar")
    store.ingest([str(SEEDS)], progress=False)
    hits = store.search("noi vu", limit=None, as_of="2022-06-01")
    assert hits
    tasks = [h.task for h in hits]
    first = tasks[0]["id"]
    store.mark_done(first)
    done = {h.task["id"] for h in store.search("noi vu", limit=None, status="done")}
    assert done == {first}

    lines = to_jsonl(tasks).splitlines()
    assert [json.loads(x)["id"] for x in lines] == [t["id"] for t in tasks]

    cal = icalendar.Calendar.from_ical(to_icalendar(tasks, done_ids=done))
    todos = {str(c["UID"]): c for c in cal.walk("VTODO")}
    assert set(todos) == {f"{t['id']}@extractor" for t in tasks}
    assert str(todos[f"{first}@extractor"]["STATUS"]) == "COMPLETED"

    raw = to_jira_csv(tasks, done_ids=done)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(tasks) and {"Summary", "Description", "Assignee", "Due Date", "Labels"} <= set(
        rows[0]
    )

    items = json.loads(to_taskwarrior(tasks, done_ids=done))
    assert len(items) == len(tasks)
    assert sum(1 for i in items if i["status"] == "completed") == 1
