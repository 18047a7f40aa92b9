"""The committed JSON Schema is the one the pydantic models generate, and records validate."""

from __future__ import annotations

import json

import pytest

from extractor.schema import SCHEMA_VERSION, DocumentRecord, Task
from scripts.export_schema import TARGETS, render
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_committed_schema_is_current(name: str) -> None:
    path = ROOT / "schema" / name
    assert path.exists(), f"{path} missing: run python scripts/export_schema.py"
    assert path.read_text(encoding="utf-8") == render(TARGETS[name]), (
        "stale: run python scripts/export_schema.py"
    )


def test_schema_names_every_contract_field() -> None:
    task = json.loads(render(Task))["properties"]
    for field in (
        "schema_version",
        "id",
        "doc_id",
        "source",
        "document",
        "section",
        "text",
        "assignees",
        "collaborators",
        "deadline",
        "recurrence",
        "references",
        "report_to",
        "span",
    ):
        assert field in task
    doc = json.loads(render(DocumentRecord))["properties"]
    for field in (
        "schema_version",
        "doc_id",
        "source",
        "format",
        "number",
        "doc_type",
        "issuer",
        "parent_issuer",
        "place",
        "issued_date",
        "subject",
        "recipients",
        "signer",
        "cc",
        "references",
        "task_count",
        "warnings",
    ):
        assert field in doc


def test_records_carry_the_schema_version() -> None:
    from extractor.pipeline import extract_path

    result = extract_path(ROOT / "corpus" / "seeds" / "000_12272236fee134ef.txt")
    assert result.document.schema_version == SCHEMA_VERSION
    assert all(t.schema_version == SCHEMA_VERSION for t in result.tasks)
    again = Task.model_validate_json(result.tasks[0].model_dump_json())
    assert again == result.tasks[0]
