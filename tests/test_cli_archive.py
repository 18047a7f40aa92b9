"""The archive commands end to end on a temporary SQLite archive: ingest, search, exports,
task done, report; errors are one line."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from extractor.cli import main
from tests.conftest import ROOT

SEEDS = ROOT / "corpus" / "seeds"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "archive.db")
    assert main(["ingest", str(SEEDS), "--db", path]) == 0
    return path


def test_ingest_twice_is_idempotent(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["ingest", str(SEEDS), "--db", db]) == 0
    err = capsys.readouterr().err
    assert "added 0" in err and "skipped 5" in err
    assert "tasks 84" in err


def test_search_accent_insensitive_table(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["search", "noi vu", "--db", db, "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "Nội vụ" in out and len(out.splitlines()) == 5


def test_bad_query_is_one_line(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["search", '"Phòng Nội vụ', "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.startswith("extractor: bad query") and len(err.strip().splitlines()) == 1


def test_exports_from_search(db: str, tmp_path: Path) -> None:
    jsonl, ics, jira, tw = (tmp_path / n for n in ("t.jsonl", "t.ics", "t.csv", "t.json"))
    for fmt, out in (("jsonl", jsonl), ("ics", ics), ("jira", jira), ("taskwarrior", tw)):
        assert main(["search", "61/2018/NĐ-CP", "--db", db, "--format", fmt, "-o", str(out)]) == 0
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    # the first hits cite the number in their own text; later ones may come from their document
    assert records and "61/2018/NĐ-CP" in records[0]["text"]
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    raw = jira.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(records) and "Summary" in rows[0]
    assert len(json.loads(tw.read_text(encoding="utf-8"))) == len(records)


def test_task_done_changes_status_and_report(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    capsys.readouterr()
    assert main(["search", "", "--db", db, "--format", "jsonl", "--limit", "1"]) == 0
    task_id = json.loads(capsys.readouterr().out.splitlines()[0])["id"]
    assert main(["task", "done", task_id, "--db", db]) == 0
    assert main(["search", "", "--db", db, "--status", "done"]) == 0
    assert task_id in capsys.readouterr().out
    assert main(["task", "done", "no-such-id", "--db", db]) == 2
    overdue = tmp_path / "overdue.csv"
    assert main(["report", "--db", db, "--as-of", "2030-01-01", "--csv", "--overdue-csv", str(overdue)]) == 0
    report = capsys.readouterr().out
    assert "Phòng Nội vụ" in report and overdue.exists()


def test_unsupported_archive_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "x", "--db", "mysql://host/db"]) == 2
    assert "unsupported archive URL" in capsys.readouterr().err


# ── exports write every match; the terminal table stops at 50 ─────────────────────────────────


def test_exports_write_every_match_unless_limited(db: str, tmp_path: Path) -> None:
    total = 84  # the seeds' tasks (test_ingest_twice_is_idempotent)
    jsonl, tw, jira = tmp_path / "all.jsonl", tmp_path / "all.json", tmp_path / "all.csv"
    assert main(["search", "", "--db", db, "--format", "jsonl", "-o", str(jsonl)]) == 0
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == total > 50
    assert main(["search", "", "--db", db, "--format", "taskwarrior", "-o", str(tw)]) == 0
    assert len(json.loads(tw.read_text(encoding="utf-8"))) == total
    assert main(["search", "", "--db", db, "--format", "jira", "-o", str(jira), "--limit", "7"]) == 0
    assert len(list(csv.DictReader(io.StringIO(jira.read_bytes().decode("utf-8-sig"))))) == 7
    ics = tmp_path / "all.ics"
    assert main(["search", "", "--db", db, "--format", "ics", "-o", str(ics)]) == 0
    assert ics.read_bytes().count(b"BEGIN:VTODO") == total


def test_table_shows_50_unless_limited(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["search", "", "--db", db]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 50
    assert main(["search", "", "--db", db, "--limit", "60"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 60


def test_search_help_says_what_the_limit_is(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "default: 50 for the table; an export writes every match" in out


def test_ics_to_standard_output(db: str, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    capfdbinary.readouterr()
    assert main(["search", "61/2018/NĐ-CP", "--db", db, "--format", "ics"]) == 0
    assert capfdbinary.readouterr().out.startswith(b"BEGIN:VCALENDAR")


# ── every failure is one line ─────────────────────────────────────────────────────────────────


def test_postgres_without_psycopg_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # what `import psycopg` sees when it is absent
    assert main(["search", "x", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 2
    err = capsys.readouterr().err
    assert err == "extractor: PostgreSQL needs psycopg: pip install 'extractor[postgres]'\n"


def test_unreachable_postgres_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("psycopg")
    assert main(["search", "x", "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("extractor: cannot open the PostgreSQL archive (") and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--as-of", "yesterday"],
        ["report", "--due-days", "-1"],
        ["search", "", "--as-of", "2024-02-30"],
        ["search", "", "--limit", "-1"],
    ],
)
def test_bad_dates_and_numbers_are_one_line(
    db: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main([*argv, "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.startswith("extractor: ") and err.count("\n") == 1, err
