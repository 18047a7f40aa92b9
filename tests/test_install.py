"""The declared dependencies tell the truth: in a clean virtual environment holding only the
package and its default dependencies (read from pyproject.toml), the documented commands work,
and a PostgreSQL archive without psycopg fails with one line naming what to install."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"

pytestmark = pytest.mark.slow


def run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def clean_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a venv with ``pip install --no-deps -e .`` plus exactly the default dependencies."""
    home = tmp_path_factory.mktemp("clean")
    env = home / "venv"
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(env)
    except Exception as err:  # no ensurepip / venv module on this Python: nothing to test with
        pytest.skip(f"cannot create a virtual environment here: {err}")
    bin_dir = env / "bin"
    pip = bin_dir / "pip"
    done = run(pip, "install", "--quiet", "--no-deps", "-e", ROOT, cwd=home)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    done = run(pip, "install", "--quiet", *deps, cwd=home)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return bin_dir


def no_traceback(done: subprocess.CompletedProcess[bytes]) -> str:
    err = done.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in err, err
    return err


def test_only_the_default_dependencies_are_installed(clean_env: Path) -> None:
    probe = "import importlib.util as u; print([m for m in ('psycopg', 'docx', 'pdfplumber', 'spacy') if u.find_spec(m)])"
    done = run(clean_env / "python", "-c", probe, cwd=clean_env)
    assert done.stdout.decode().strip() == "[]", "the clean environment must not hold the extras"


def test_extract_every_format(clean_env: Path, tmp_path: Path) -> None:
    files = [
        sorted(SEEDS.glob("*.txt"))[0],
        *sorted(FIXTURES.glob("*.docx"))[:1],
        *sorted(FIXTURES.glob("*.pdf"))[:1],
    ]
    out = tmp_path / "tasks.jsonl"
    done = run(clean_env / "extractor", "extract", *files, "-o", out, "--ocr", "never", cwd=tmp_path)
    no_traceback(done)
    assert done.returncode == 0 and out.read_text(encoding="utf-8").count("\n") > 10


def test_archive_and_ics_export(clean_env: Path, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    done = run(clean_env / "extractor", "ingest", SEEDS, "--db", db, cwd=tmp_path)
    no_traceback(done)
    assert done.returncode == 0
    done = run(clean_env / "extractor", "search", "", "--format", "ics", "--db", db, cwd=tmp_path)
    no_traceback(done)
    assert done.returncode == 0 and done.stdout.startswith(b"BEGIN:VCALENDAR")
    assert done.stdout.count(b"BEGIN:VTODO") == 84, "an export writes every match"


def test_postgres_url_without_psycopg_is_one_line(clean_env: Path, tmp_path: Path) -> None:
    for argv in (
        ["search", "x", "--db", "postgresql://nobody@127.0.0.1:1/none"],
        ["ingest", str(SEEDS), "--db", "postgresql://nobody@127.0.0.1:1/none"],
    ):
        done = run(clean_env / "extractor", *argv, cwd=tmp_path)
        err = no_traceback(done)
        assert done.returncode == 2
        assert err == "extractor: PostgreSQL needs psycopg: pip install 'extractor[postgres]'\n"


def test_the_test_runs_the_clean_interpreter(clean_env: Path) -> None:
    """Guard against testing this checkout's own venv by mistake."""
    done = run(clean_env / "python", "-c", "import sys; print(sys.prefix)", cwd=clean_env)
    assert Path(done.stdout.decode().strip()) != Path(sys.prefix)


def test_ner_without_spacy_names_the_extra(clean_env: Path, tmp_path: Path) -> None:
    code = (
        "from extractor.errors import MissingDependency\n"
        "from extractor.ner import extract_entities, rule_entities\n"
        "assert rule_entities('Giao Sở Tài chính chủ trì.')\n"
        "try:\n"
        "    extract_entities('Giao Sở Tài chính chủ trì.')\n"
        "except MissingDependency as err:\n"
        "    print(err)\n"
    )
    done = run(clean_env / "python", "-c", code, cwd=tmp_path)
    assert no_traceback(done) == ""
    assert done.stdout.decode().strip() == "the NER pipeline needs spaCy: pip install 'extractor[ner]'"
