"""The README's commands stay true: the scripts it names exist and the CLI accepts its options."""

from __future__ import annotations

import re
import shlex

import pytest

from extractor.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PATHS = sorted(
    set(re.findall(r"(?<![\w/.])((?:scripts|benchmarks|\.ci)/[\w./-]+\.(?:sh|py)|\.ci/run)", README))
)
COMMANDS = [
    line.strip()
    for line in re.findall(r"^\s*((?:extractor|python -m extractor) (?:extract|evaluate) .*)$", README, re.M)
]


@pytest.mark.parametrize("path", PATHS)
def test_named_file_exists(path: str) -> None:
    assert (ROOT / path).exists(), f"README names {path}, which does not exist"


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_accepts_readme_command(command: str) -> None:
    words = shlex.split(command.replace("…", "x").replace("PATH...", "x").replace("DIR", "d"))
    words = [w for w in words if not w.startswith("[")] if "[" in command else words
    argv = words[3:] if words[:3] == ["python", "-m", "extractor"] else words[1:]
    argv = [re.sub(r"[\[\]]", "", w) for w in argv if w not in ("#", "the", "same")]
    args = build_parser().parse_args([w for w in argv if w])
    assert args.command in ("extract", "evaluate")


def test_readme_names_the_test_command_and_ci_runs_it() -> None:
    assert "scripts/test.sh" in README
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
