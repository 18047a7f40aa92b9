"""Shared paths and the two test tiers.

Tiers: ``pytest`` alone runs the fast tier (``-m "not slow"`` in pyproject.toml) for the inner
loop; ``scripts/test.sh`` runs every test (``-m "slow or not slow"``) with
``EXTRACTOR_REQUIRE_ALL=1``, under which a skip is a failure: a CI run that skipped OCR,
LibreOffice, PostgreSQL, spaCy or the shared corpus because a tool was missing has not tested
them, so it must not be green. Slow means over about a second or running an external program
(Tesseract, LibreOffice, a PostgreSQL server, a wheel build): marked ``@pytest.mark.slow`` where
the test is written, except the PostgreSQL half of the archive tests, marked here by their
``backend`` parameter.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "corpus" / "dev"

REQUIRE_ALL = "EXTRACTOR_REQUIRE_ALL"
# skips of whole modules (pytest.importorskip at import time), seen while collecting
_COLLECT_SKIPS: list[str] = []


def require_all() -> bool:
    """True when every skip must fail (the full CI run)."""
    return os.environ.get(REQUIRE_ALL, "") == "1"


def need(path: Path) -> Path:
    """Skip (with the reason) when the shared corpus is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.expected.jsonl from the current output instead of comparing",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.hookimpl(tryfirst=True)  # before -m deselects by mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The PostgreSQL runs of the archive tests start a server: slow tier."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgres":
            item.add_marker(pytest.mark.slow)


def _reason(longrepr: object) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under EXTRACTOR_REQUIRE_ALL=1 a skipped test (not an xfail) is reported as failed."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if require_all() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"{REQUIRE_ALL}=1 forbids skipping: {_reason(report.longrepr)}"


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """A module skipped at import cannot be failed here (that would stop the run): noted for the end."""
    if require_all() and report.skipped:
        _COLLECT_SKIPS.append(f"{report.nodeid}: {_reason(report.longrepr)}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _COLLECT_SKIPS:
        terminalreporter.section(f"modules skipped, which {REQUIRE_ALL}=1 forbids", red=True)
        for line in _COLLECT_SKIPS:
            terminalreporter.line(line, red=True)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    if _COLLECT_SKIPS and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
