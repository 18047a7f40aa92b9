"""Golden files: each bundled document beside its expected records.

``tests/golden/<name>.expected.jsonl`` holds the document record (first line) and the task
records of ``corpus/<group>/<name>.<ext>``. Regenerate only on purpose:

    pytest tests/test_golden.py --update-golden

A missing expected file fails (it is never created silently).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import extract_path
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
INPUTS = sorted(
    [
        *(ROOT / "corpus" / "seeds").glob("*.txt"),
        *(ROOT / "corpus" / "composed").glob("*.txt"),
        *(ROOT / "tests" / "fixtures" / "seeds").glob("*.docx"),
    ]
)


def render(path: Path) -> str:
    source = path.relative_to(ROOT).as_posix()
    result = extract_path(path, source=source)
    lines = [result.document.model_dump_json()] + [t.model_dump_json() for t in result.tasks]
    return "\n".join(lines) + "\n"


def _name(path: Path) -> str:
    return f"{path.parent.name}-{path.stem}{'' if path.suffix == '.txt' else '-' + path.suffix[1:]}"


@pytest.mark.parametrize("path", INPUTS, ids=_name)
def test_golden(path: Path, update_golden: bool) -> None:
    expected_path = GOLDEN / f"{_name(path)}.expected.jsonl"
    actual = render(path)
    if update_golden:
        expected_path.write_text(actual, encoding="utf-8")
        return
    assert expected_path.exists(), f"{expected_path.name} is missing: run pytest {__file__} --update-golden"
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        exp_rows = [json.loads(x) for x in expected.splitlines()]
        act_rows = [json.loads(x) for x in actual.splitlines()]
        assert act_rows == exp_rows


def test_every_golden_file_has_an_input() -> None:
    names = {f"{_name(p)}.expected.jsonl" for p in INPUTS}
    orphans = sorted(p.name for p in GOLDEN.glob("*.expected.jsonl") if p.name not in names)
    assert not orphans, f"golden files without an input: {orphans}"
