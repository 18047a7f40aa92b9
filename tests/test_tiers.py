"""The test tiers: the full run fails when a tool is missing, the default run leaves slow tests out."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_ALL, ROOT

# one test skipped because a (fake) tool is missing, one module skipped at import, one that runs
MISSING_TOOL = """
import shutil
import pytest

def test_needs_the_tool():
    if shutil.which("extractor-no-such-tool") is None:
        pytest.skip("extractor-no-such-tool is not installed")

def test_runs():
    assert True
"""
MISSING_MODULE = """
import pytest
pytest.importorskip("extractor_no_such_module")

def test_never_collected():
    pass
"""
ONLY_PASSING = """
def test_runs():
    assert True
"""


def run_pytest(folder: Path, require_all: bool) -> subprocess.CompletedProcess[str]:
    """pytest on ``folder`` with this suite's conftest hooks loaded as a plugin."""
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # not the project's -m
    env = {k: v for k, v in os.environ.items() if k not in (REQUIRE_ALL, "PYTEST_ADDOPTS")}
    env["PYTHONPATH"] = str(ROOT)
    if require_all:
        env[REQUIRE_ALL] = "1"
    cmd = [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", "-rs", "."]
    return subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("files", [["tool"], ["module"], ["tool", "module"]])
def test_require_all_fails_a_run_that_skipped(files: list[str], tmp_path: Path) -> None:
    sources = {"tool": MISSING_TOOL, "module": MISSING_MODULE}
    for name in files:
        (tmp_path / f"test_{name}.py").write_text(sources[name], encoding="utf-8")
    (tmp_path / "test_ok.py").write_text(ONLY_PASSING, encoding="utf-8")

    relaxed = run_pytest(tmp_path, require_all=False)
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "skipped" in relaxed.stdout

    strict = run_pytest(tmp_path, require_all=True)
    assert strict.returncode == pytest.ExitCode.TESTS_FAILED, strict.stdout + strict.stderr
    assert f"{REQUIRE_ALL}=1" in strict.stdout
    if "tool" in files:
        assert "extractor-no-such-tool is not installed" in strict.stdout
        assert "1 failed" in strict.stdout
    if "module" in files:
        assert "extractor_no_such_module" in strict.stdout


@pytest.mark.slow
def test_require_all_passes_a_run_without_skips(tmp_path: Path) -> None:
    (tmp_path / "test_ok.py").write_text(ONLY_PASSING, encoding="utf-8")
    result = run_pytest(tmp_path, require_all=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_default_run_is_the_fast_tier(request: pytest.FixtureRequest) -> None:
    addopts = request.config.getini("addopts")
    assert addopts[addopts.index("-m") + 1] == "not slow"


def test_ci_runs_every_tier_and_forbids_skips() -> None:
    """scripts/test.sh (what .ci/run runs) runs pytest on both tiers under EXTRACTOR_REQUIRE_ALL=1."""
    lines = [
        shlex.split(line)
        for line in (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8").splitlines()
        if "-m pytest" in line and not line.lstrip().startswith("#")
    ]
    assert len(lines) == 1, lines
    words = lines[0]
    assert f"{REQUIRE_ALL}=1" in words
    assert words[words.index("-m", words.index("pytest")) + 1] == "slow or not slow"
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
