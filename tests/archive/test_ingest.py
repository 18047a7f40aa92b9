"""Ingest: incremental, idempotent, versioned, crash-safe; the same on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.archive import Store, open_store

from .conftest import DEV_DOCS, ROOT, SEEDS

SEED0 = sorted(SEEDS.glob("*.txt"))[0]  # 169/UBND-VP, Ủy ban nhân dân huyện Châu Thành


def _state(store: Store) -> tuple[dict[str, int], list[str]]:
    return store.counts(), sorted(t["id"] for t in store.tasks(include_superseded=True))


def test_seeds_twice_identical(store: Store) -> None:
    first = store.ingest([str(SEEDS)])
    assert (first.added, first.skipped, first.failed) == (5, 0, 0)
    state = _state(store)
    again = store.ingest([str(SEEDS)])
    assert (again.added, again.skipped, again.replaced, again.versions) == (0, 5, 0, 0)
    assert _state(store) == state
    assert state[0]["documents"] == state[0]["versions"] == state[0]["files"] == 5


@pytest.mark.slow
def test_dev_corpus_twice_identical(store: Store) -> None:
    if not DEV_DOCS.exists():
        pytest.skip(f"{DEV_DOCS} is not present")
    paths = [str(SEEDS), str(DEV_DOCS)]
    first = store.ingest(paths)
    assert first.failed == 0 and first.added > 60
    state = _state(store)
    assert store.ingest(paths).skipped == first.added
    assert _state(store) == state


def test_force_replaces_by_task_id(seeded: Store) -> None:
    before = _state(seeded)
    report = seeded.ingest([str(SEEDS)], force=True)
    assert (report.replaced, report.added) == (5, 0)
    assert _state(seeded) == before


def test_new_version_supersedes(store: Store, tmp_path: Path) -> None:
    store.ingest([str(SEED0)])
    old_ids = {t["id"] for t in store.tasks()}
    changed = tmp_path / "v2.txt"
    changed.write_text(SEED0.read_text().replace("năm 2022.", "năm 2022. Thêm một câu mới.", 1))
    report = store.ingest([str(changed)])
    assert (report.versions, report.added) == (1, 0)
    counts = store.counts()
    assert (counts["documents"], counts["versions"], counts["files"]) == (1, 2, 2)
    docs = list(store.documents())
    assert docs[0]["_superseded_by"] == docs[1]["doc_id"] and docs[1]["_superseded_by"] is None
    # old tasks are kept, flagged, and out of default search and status
    current = {t["id"] for t in store.tasks()}
    everything = {t["id"] for t in store.tasks(include_superseded=True)}
    assert current.isdisjoint(old_ids) and everything == current | old_ids
    assert counts["current_tasks"] == len(current)
    assert all(not h.superseded for h in store.search("châu thành", limit=None))
    old_hits = [h for h in store.search("châu thành", include_superseded=True, limit=None) if h.superseded]
    assert {h.task["id"] for h in old_hits} <= old_ids and old_hits
    assert store.ingest([str(SEED0), str(changed)]).skipped == 2


def test_modified_file_without_number_is_a_new_document(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "no_number.txt"
    text = SEED0.read_text().replace("Số: **169**/UBND-VP  \n", "")
    path.write_text(text)
    assert store.ingest([str(path)]).added == 1
    path.write_text(text.replace("năm 2022.", "năm 2022. Thêm một câu mới.", 1))
    report = store.ingest([str(path)])
    assert (report.added, report.versions) == (1, 0)
    counts = store.counts()
    assert (counts["documents"], counts["versions"], counts["files"]) == (2, 2, 1)
    assert counts["current_tasks"] == counts["tasks"]


def test_bad_files_reported_and_skipped(store: Store, tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(SEED0, tmp_path / "good.txt")
    errors: list[tuple[str, str]] = []
    report = store.ingest(
        [str(tmp_path), str(tmp_path / "missing.txt")], on_error=lambda p, r: errors.append((p, r))
    )
    assert report.added == 1 and report.failed == 3
    assert {Path(p).name for p, _ in errors} == {"broken.pdf", "empty.txt", "missing.txt"}
    assert all(reason for _, reason in errors)


def test_progress_line(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    store.ingest([str(SEEDS)], progress=True)
    err = capsys.readouterr().err
    assert "archive: 5/5 files" in err and err.endswith("\n")
    store.ingest([str(SEEDS)])  # not a TTY: silent
    assert capsys.readouterr().err == ""


def test_watch_ingests_new_files(store: Store, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    stop = threading.Event()
    reports: list[object] = []
    worker = threading.Thread(target=lambda: reports.append(store.watch(str(inbox), 0.05, stop)))
    worker.start()
    try:
        for seed in sorted(SEEDS.glob("*.txt"))[:2]:
            shutil.copy(seed, inbox / seed.name)
        deadline = time.monotonic() + 15
        while store.counts()["documents"] < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        worker.join(10)
    assert store.counts()["documents"] == 2
    assert reports and reports[0].added == 2  # type: ignore[attr-defined]


_CHILD = """
import sys, time
import extractor.archive.ingest as ingest
slow = ingest.extract_bytes
def extract_bytes(*args, **kwargs):
    time.sleep(0.04)  # a slow extractor, so that the kill lands mid-run
    return slow(*args, **kwargs)
ingest.extract_bytes = extract_bytes
from extractor.archive import open_store
store = open_store(sys.argv[1])
store.ingest(sys.argv[2:])
"""


@pytest.mark.slow
def test_kill_mid_ingest_then_resume(store_url: Callable[[], str], make_store: Callable[[], Store]) -> None:
    """SIGKILL while ingesting loses nothing committed and doubles nothing on the rerun."""
    if not DEV_DOCS.exists():
        pytest.skip(f"{DEV_DOCS} is not present")
    paths = [str(DEV_DOCS)]
    url = store_url()
    watcher = open_store(url)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", _CHILD, url, *paths], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while watcher.counts()["documents"] < 8 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(30)
    assert child.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    partial = watcher.counts()["documents"]
    total = len(list(DEV_DOCS.glob("*.txt")))
    assert 0 < partial < total
    watcher.close()

    resumed = open_store(url)
    report = resumed.ingest(paths)
    assert report.skipped == partial and report.added == total - partial
    clean = make_store()
    clean.ingest(paths)
    assert _state(resumed) == _state(clean)
    resumed.close()
