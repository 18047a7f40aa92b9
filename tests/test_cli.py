"""The command line, through ``extractor.cli.main`` (and a few real subprocess runs).

Covers: valid JSONL out, one bad file never stopping a batch (one stderr line each, exit 1),
deterministic bytes, atomic output files, ``-o -``, ``evaluate`` agreeing with the shared
scorer, and help text for every subcommand.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from extractor import cli, pipeline
from extractor.schema import DocumentRecord, Task

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
GOLD = ROOT / "annotations" / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "seeds"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
GOOD = SEED_FILES[1] if len(SEED_FILES) > 1 else SEED_FILES[0]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_extract(*args: str | Path) -> int:
    return cli.main(["extract", *map(str, args)])


# (a) ------------------------------------------------------------------------------------------


def test_extract_seeds_writes_valid_records(tmp_path: Path) -> None:
    tasks, docs = tmp_path / "tasks.jsonl", tmp_path / "docs.jsonl"
    assert run_extract(SEEDS, "-o", tasks, "--documents", docs) == 0

    task_lines = tasks.read_text(encoding="utf-8").splitlines()
    doc_lines = docs.read_text(encoding="utf-8").splitlines()
    assert len(doc_lines) == len(SEED_FILES)
    documents = [DocumentRecord.model_validate_json(line) for line in doc_lines]
    records = [Task.model_validate_json(line) for line in task_lines]
    assert records, "the seeds hold tasks"

    # documents in sorted file order; every task belongs to a document, task_count agrees
    assert [Path(d.source).name for d in documents] == [p.name for p in SEED_FILES]
    by_doc = {d.doc_id: d for d in documents}
    for task in records:
        assert task.doc_id in by_doc
        assert task.source == by_doc[task.doc_id].source
    assert sum(d.task_count for d in documents) == len(records)
    assert len({t.id for t in records}) == len(records), "task ids are unique"
    # one JSON object per line, UTF-8, Vietnamese kept as text
    assert all(line.startswith("{") and line.endswith("}") for line in task_lines)
    assert any(re.search(r"[ạ-ỹđ]", line) for line in task_lines)


def test_extract_without_documents_option_writes_tasks_only(tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.jsonl"
    assert run_extract(GOOD, "-o", tasks) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.jsonl"]
    expected = pipeline.extract_path(GOOD, source=str(GOOD))
    assert [Task.model_validate(r) for r in read_jsonl(tasks)] == expected.tasks


# (b) ------------------------------------------------------------------------------------------


def make_bad_inputs(tmp_path: Path) -> dict[str, Path]:
    bad = tmp_path / "bad"
    bad.mkdir()
    empty_pdf = bad / "empty.pdf"
    empty_pdf.write_bytes(b"")
    docx_bytes = (FIXTURES / f"{SEED_FILES[0].stem}.docx").read_bytes()
    truncated = bad / "truncated.docx"
    truncated.write_bytes(docx_bytes[: len(docx_bytes) // 3])
    random_pdf = bad / "random.pdf"
    random_pdf.write_bytes(b"%PDF-1.4\n" + bytes((i * 7919 + 13) % 256 for i in range(4096)))
    no_docs = bad / "no_documents"
    no_docs.mkdir()
    (no_docs / "notes.rst").write_text("nothing to extract here\n", encoding="utf-8")
    return {
        "empty.pdf": empty_pdf,
        "truncated.docx": truncated,
        "random.pdf": random_pdf,
        "missing": bad / "does_not_exist.txt",
        "folder": no_docs,
    }


def test_bad_files_do_not_stop_the_batch(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    bad = make_bad_inputs(tmp_path)
    tasks, docs = tmp_path / "tasks.jsonl", tmp_path / "docs.jsonl"
    order = [bad["empty.pdf"], bad["truncated.docx"], GOOD, bad["random.pdf"], bad["missing"], bad["folder"]]
    capfd.readouterr()

    status = run_extract(*order, "-o", tasks, "--documents", docs)

    out, err = capfd.readouterr()
    assert status == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    bad_order = [p for p in order if p != GOOD]
    assert len(lines) == len(bad_order), err
    for line, path in zip(lines, bad_order, strict=True):
        prefix = f"extractor: {path}: "
        assert line.startswith(prefix), line
        reason = line[len(prefix) :]
        assert reason.strip(), f"no reason given: {line!r}"
        assert "internal error" not in reason, f"a bad input should be a typed error: {line!r}"
    assert "no such file" in lines[3]
    assert "no supported document" in lines[4]

    # the good file's records are all there
    expected = pipeline.extract_path(GOOD, source=str(GOOD))
    assert [Task.model_validate(r) for r in read_jsonl(tasks)] == expected.tasks
    assert [DocumentRecord.model_validate(r) for r in read_jsonl(docs)] == [expected.document]


def test_only_bad_files_still_writes_empty_outputs(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    bad = make_bad_inputs(tmp_path)
    tasks = tmp_path / "tasks.jsonl"
    assert run_extract(bad["missing"], "-o", tasks) == 1
    assert tasks.read_bytes() == b""
    assert capfd.readouterr().err.count("\n") == 1


# (c) ------------------------------------------------------------------------------------------


def extract_bytes_of(tmp_path: Path, name: str, *inputs: str | Path) -> tuple[bytes, bytes]:
    tasks, docs = tmp_path / f"{name}.tasks.jsonl", tmp_path / f"{name}.docs.jsonl"
    assert run_extract(*inputs, "-o", tasks, "--documents", docs) == 0
    return tasks.read_bytes(), docs.read_bytes()


def copy_folder(files: list[Path], folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for f in files:
        shutil.copyfile(f, folder / f.name)


def mixed_inputs() -> list[Path]:
    fixtures = sorted(p for p in FIXTURES.glob("[0-9]*.*") if p.stem != SEED_FILES[0].stem)
    return [SEED_FILES[0], *fixtures[:2]]


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first = extract_bytes_of(tmp_path, "one", SEEDS, *mixed_inputs())
    second = extract_bytes_of(tmp_path, "two", SEEDS, *mixed_inputs())
    assert first == second
    assert first[0] and first[1]


def test_output_does_not_depend_on_listing_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [*SEED_FILES, *mixed_inputs()[1:]]
    folder = tmp_path / "docs"
    copy_folder(files, folder)
    forward = extract_bytes_of(tmp_path, "forward", folder)

    # same names, created in the other order, and listed backwards by the file system
    copy_folder(files[::-1], folder)
    real_rglob = pathlib.Path.rglob

    def backwards(self: Path, pattern: str, *args: Any, **kwargs: Any) -> Any:
        return iter(sorted(real_rglob(self, pattern, *args, **kwargs), reverse=True))

    monkeypatch.setattr(pathlib.Path, "rglob", backwards)
    backward = extract_bytes_of(tmp_path, "backward", folder)
    assert backward == forward
    sources = [d["source"] for d in map(json.loads, forward[1].decode().splitlines())]
    assert sources == sorted(sources)


# (d) ------------------------------------------------------------------------------------------


def test_interrupted_run_leaves_previous_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    tasks, docs = out_dir / "tasks.jsonl", out_dir / "docs.jsonl"
    previous = b'{"previous": "content"}\n'
    tasks.write_bytes(previous)
    real = pipeline.extract_path
    calls: list[Path] = []

    def interrupt_after_first(path: str | Path, source: str | None = None, options: Any = None) -> Any:
        calls.append(Path(path))
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(path, source=source, options=options)

    monkeypatch.setattr(pipeline, "extract_path", interrupt_after_first)
    status = run_extract(SEEDS, "-o", tasks, "--documents", docs)

    assert len(calls) == 2, "the interrupt comes mid-way, after one file was extracted"
    assert status == 130
    assert tasks.read_bytes() == previous
    assert not docs.exists()
    assert sorted(p.name for p in out_dir.iterdir()) == ["tasks.jsonl"], "no temporary file is left"


# (e) ------------------------------------------------------------------------------------------


def test_dash_output_writes_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run_extract(GOOD, "-o", "-") == 0
    out = capsys.readouterr().out
    expected = pipeline.extract_path(GOOD, source=str(GOOD))
    assert [Task.model_validate_json(line) for line in out.splitlines()] == expected.tasks
    assert list(tmp_path.iterdir()) == []


def test_stdout_is_the_default_output(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run_extract(GOOD) == 0
    dashed = capsys.readouterr().out
    assert run_extract(GOOD, "-o", "-") == 0
    assert capsys.readouterr().out == dashed != ""


# (f) ------------------------------------------------------------------------------------------


def load_scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip(f"{SCORER} is not present")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_evaluate_prints_figures(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    assert cli.main(["evaluate", "--gold", "annotations/seeds", "corpus/seeds"]) == 0
    out = capsys.readouterr().out
    assert "end_to_end" in out
    assert re.search(r"^documents \d+$", out, re.M)


def test_evaluate_agrees_with_shared_scorer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scorer = load_scorer()
    monkeypatch.chdir(ROOT)
    tasks, docs = tmp_path / "tasks.jsonl", tmp_path / "docs.jsonl"
    assert cli.main(["extract", "corpus/seeds", "-o", str(tasks), "--documents", str(docs)]) == 0
    capsys.readouterr()
    assert cli.main(["evaluate", "--gold", "annotations/seeds", "corpus/seeds", "--json"]) == 0
    ours = json.loads(capsys.readouterr().out)

    theirs = scorer.score(GOLD, scorer.load_jsonl(tasks), scorer.load_jsonl(docs), False)
    assert ours["documents"] == theirs["documents"] == len(list(GOLD.glob("*.json")))
    for key in ("tasks", "assignees", "end_to_end", "references", "metadata", "deadline_accuracy"):
        assert ours[key] == theirs[key], key
    assert ours["errors"] == []


# (g) ------------------------------------------------------------------------------------------


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 0
    return capsys.readouterr().out


def subcommands() -> dict[str, Any]:
    parser = cli.build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    return dict(actions[0].choices)


def test_top_level_help_lists_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    out = help_of(["--help"], capsys)
    assert "--version" in out
    for name in subcommands():
        assert name in out


EXPECTED_OPTIONS = {
    "extract": ["PATH", "-o", "--output", "--documents", "--ocr", "-v", "--verbose"],
    "evaluate": ["PATH", "--gold", "--json", "--verbose"],
    "ingest": ["PATH", "--db", "--watch", "--interval", "--force", "--progress"],
    "search": [
        "--db",
        "--issuer",
        "--assignee",
        "--doc-type",
        "--status",
        "--as-of",
        "--facets",
        "--format",
        "-o",
    ],
    "report": ["--db", "--as-of", "--due-days", "--csv", "--overdue-csv"],
    "task": ["ID", "--db"],
}


def test_known_subcommands() -> None:
    assert set(subcommands()) == set(EXPECTED_OPTIONS)


@pytest.mark.parametrize("name", sorted(EXPECTED_OPTIONS))
def test_subcommand_help_mentions_every_option(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = help_of([name, "--help"], capsys)
    for option in EXPECTED_OPTIONS[name]:
        assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", out), (
            f"{option} missing from {name} --help"
        )
    sub = subcommands()[name]
    for action in sub._actions:
        if action.dest == "help":
            continue
        assert action.help, f"{name}: {action.option_strings or action.dest} has no help text"
        for flag in action.option_strings:
            assert flag in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from extractor import __version__

    assert help_of(["--version"], capsys).strip() == f"extractor {__version__}"


def run_process(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=60, env=env, check=False)


def _installed_package_is_a_namespace() -> bool:
    """Whether ``import extractor`` outside the checkout finds no ``extractor/__init__.py``."""
    probe = "import extractor; print(getattr(extractor, '__file__', None) or 'NAMESPACE')"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd="/", capture_output=True, text=True, timeout=60, check=False
    )
    return done.stdout.strip() == "NAMESPACE"


STALE_INSTALL = _installed_package_is_a_namespace()
STALE_REASON = (
    "environment bug: the editable install in .venv was made when extractor/__init__.py did not exist, "
    "so its finder (__editable___extractor_0_1_0_finder.py) lists 'extractor' in NAMESPACES and, outside "
    "the checkout's folder, `import extractor` is an empty namespace package: `from extractor import "
    "__version__` in cli.py fails; fix: `.venv/bin/pip install -e .` again"
)


@pytest.mark.xfail(STALE_INSTALL, reason=STALE_REASON, strict=True)
def test_package_imports_from_any_directory(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "extractor", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("extractor ")


def test_module_entry_point_help() -> None:
    done = run_process(sys.executable, "-m", "extractor", "--help")
    assert done.returncode == 0, done.stderr
    assert "extract" in done.stdout and "evaluate" in done.stdout
    assert done.stderr == ""


@pytest.mark.xfail(STALE_INSTALL, reason=STALE_REASON, strict=True)
def test_console_script_help() -> None:
    script = Path(sys.executable).parent / "extractor"
    if not script.exists():
        script = ROOT / ".venv" / "bin" / "extractor"
    if not script.exists():
        pytest.skip("the extractor console script is not installed")
    done = run_process(str(script), "extract", "--help")
    assert done.returncode == 0, done.stderr
    assert "--documents" in done.stdout


def test_module_entry_point_usage_error_exit_status() -> None:
    done = run_process(sys.executable, "-m", "extractor")
    assert done.returncode == 2
    assert "usage:" in done.stderr and "Traceback" not in done.stderr
