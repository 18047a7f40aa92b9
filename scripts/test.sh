#!/usr/bin/env bash
# The project's one test command: sets up .venv if needed, then lint, types and the test suite.
#   scripts/test.sh            (extra arguments go to pytest, e.g. scripts/test.sh -k golden)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# System tools for OCR (tesseract + Vietnamese model) and legacy .doc/.rtf (LibreOffice): installed
# only when missing, and only as root with apt-get; without them those tests skip with the reason.
need=()
if ! command -v tesseract >/dev/null 2>&1; then
  need+=(tesseract-ocr tesseract-ocr-vie)
elif ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
  need+=(tesseract-ocr-vie)
fi
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# the archive tests start a real PostgreSQL server (initdb, pg_ctl, unaccent from the contrib)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "scripts/test.sh: installing ${need[*]}" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; } \
    || echo "scripts/test.sh: could not install ${need[*]}; OCR/.doc/.rtf tests will skip" >&2
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
.venv/bin/ruff check extractor scripts tests benchmarks
.venv/bin/ruff format --check extractor scripts tests benchmarks
.venv/bin/mypy extractor
.venv/bin/python scripts/export_schema.py --check
.venv/bin/python -m pytest "$@"
