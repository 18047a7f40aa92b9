#!/usr/bin/env bash
# The project's one test command: sets up .venv if needed, then lint, types and the whole test
# suite, both tiers (`.venv/bin/python -m pytest` alone runs only the fast tier, for the inner loop).
# EXTRACTOR_REQUIRE_ALL=1 makes every skip a failure (tests/conftest.py): a run that skipped
# OCR, LibreOffice, PostgreSQL, spaCy or the ../shared corpus because it was missing is red.
#   scripts/test.sh            (extra arguments go to pytest, e.g. scripts/test.sh -k golden)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# System tools for OCR (tesseract + Vietnamese model) and legacy .doc/.rtf (LibreOffice, and antiword
# for the .doc fallback): installed only when missing, and only as root with apt-get; without them
# their tests skip with the reason, which fails this run.
need=()
if ! command -v tesseract >/dev/null 2>&1; then
  need+=(tesseract-ocr tesseract-ocr-vie)
elif ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
  need+=(tesseract-ocr-vie)
fi
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v antiword >/dev/null 2>&1 || need+=(antiword)
# the archive tests start a real PostgreSQL server (initdb, pg_ctl, unaccent from the contrib)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "scripts/test.sh: installing ${need[*]}" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; } \
    || echo "scripts/test.sh: could not install ${need[*]}; their tests will skip, and fail this run" >&2
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
.venv/bin/ruff check extractor scripts tests benchmarks
.venv/bin/ruff format --check extractor scripts tests benchmarks
.venv/bin/mypy extractor
.venv/bin/python scripts/export_schema.py --check
EXTRACTOR_REQUIRE_ALL=1 .venv/bin/python -m pytest -m "slow or not slow" "$@"
