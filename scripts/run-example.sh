#!/usr/bin/env bash
# Set up on a fresh machine and run the main job on a bundled example:
# extract tasks from a seed directive in .txt, .docx and .pdf form into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
mkdir -p out
.venv/bin/extractor extract corpus/seeds/000_12272236fee134ef.txt tests/fixtures/seeds/000_12272236fee134ef.docx \
  tests/fixtures/seeds/000_12272236fee134ef.pdf -o out/tasks.jsonl --documents out/documents.jsonl --verbose
echo "wrote out/tasks.jsonl ($(wc -l < out/tasks.jsonl) tasks) and out/documents.jsonl ($(wc -l < out/documents.jsonl) documents)"
head -n 1 out/tasks.jsonl
