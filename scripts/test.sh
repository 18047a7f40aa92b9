#!/usr/bin/env bash
# The project's one test command: sets up .venv if needed, then lint, types and the test suite.
#   scripts/test.sh            (extra arguments go to pytest, e.g. scripts/test.sh -k golden)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
.venv/bin/ruff check extractor scripts tests benchmarks
.venv/bin/ruff format --check extractor scripts tests benchmarks
.venv/bin/mypy extractor
.venv/bin/python scripts/export_schema.py --check
.venv/bin/python -m pytest "$@"
