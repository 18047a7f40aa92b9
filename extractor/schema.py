"""The output contract (../shared/spec/records.md) as pydantic models, and nothing else.

Field names are public: add fields freely, never rename or drop; bump SCHEMA_VERSION when a
field's meaning changes. ``scripts/export_schema.py`` writes the JSON Schema to ``schema/``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "5"  # 2: deadline offsets, recurrence_rule, named refs; 3: *_units; 4: pages, ocr,
# encoding; 5: status and coded diagnostics


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Reference(_Record):
    text: str = Field(description="the citation as written")
    number: str | None = Field(
        description="normalized số ký hiệu, e.g. 61/2018/NĐ-CP; null for a law cited by name only"
    )
    doc_type: str | None = None
    issued_date: str | None = Field(default=None, description="ISO date where stated")
    issuer: str | None = None


class Deadline(_Record):
    date: str | None = Field(description="ISO YYYY-MM-DD, or null when no date can be derived")
    text: str = Field(description="the phrase as written")
    kind: str = Field(description="before, by, on, within_period, relative, asap, ongoing…")
    inherited: bool = Field(
        description="true when the date comes from a section- or document-level statement"
    )
    start: int | None = Field(default=None, description="offset of the phrase in the normalized text")
    end: int | None = Field(default=None, description="end offset of the phrase in the normalized text")


class Unit(_Record):
    """A unit as written, with the registry's canonical name, kind and level (schema 3)."""

    name: str = Field(description="as written in the document")
    canonical: str = Field(
        description="grouping key: role dropped, abbreviations expanded, issuer's place applied"
    )
    kind: str | None = Field(
        default=None, description="ubnd, so, phong, bo, cuc, van_phong, group, … (registry)"
    )
    level: str | None = Field(default=None, description="trung_uong, tinh, huyen, xa")
    role: str | None = Field(
        default=None, description="the title before the unit: Giám đốc, Chủ tịch, Thủ trưởng…"
    )


class TaskSpan(_Record):
    start: int
    end: int
    page: int | None = None


class DocumentRef(_Record):
    number: str | None
    doc_type: str | None
    issuer: str | None
    issued_date: str | None


class Task(_Record):
    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="stable: same document + same task → same id")
    doc_id: str
    source: str
    document: DocumentRef
    section: list[str]
    text: str
    assignees: list[str]
    collaborators: list[str]
    deadline: Deadline | None
    assignee_units: list[Unit] = Field(default_factory=list, description="assignees resolved by the registry")
    collaborator_units: list[Unit] = Field(
        default_factory=list, description="collaborators resolved by the registry"
    )
    recurrence: str | None = Field(description="daily, weekly, monthly, quarterly, semiannual, yearly")
    recurrence_rule: str | None = Field(
        default=None, description="RFC 5545 RRULE of the recurrence, e.g. FREQ=MONTHLY;BYMONTHDAY=15"
    )
    references: list[Reference]
    report_to: str | None
    span: TaskSpan


class Signer(_Record):
    name: str | None = None
    title: str | None = None
    authority: str | None = Field(default=None, description="TM., KT., TL., TUQ., Q. or null")


class DiagnosticRecord(_Record):
    """A coded warning or error of the extraction (schema 5); codes in extractor.diagnostics."""

    code: str = Field(description="stable code, e.g. ocr-low-confidence, number-blank, no-task")
    component: str = Field(description="the stage that saw it: ocr, pdf, html, header, tasks …")
    severity: Literal["warning", "error"] = Field(description="error: part of the document was lost")
    page: int | None = Field(default=None, description="1-based page, where known")
    message: str = Field(description="one line for people (the same text as in warnings)")


class DocumentRecord(_Record):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: str
    format: str
    number: str | None
    doc_type: str | None
    issuer: str | None
    parent_issuer: str | None
    place: str | None
    issued_date: str | None
    subject: str | None
    recipients: list[str]
    recipient_units: list[Unit] = Field(
        default_factory=list, description="recipients resolved by the registry"
    )
    signer: Signer
    cc: list[str]
    cc_units: list[Unit] = Field(default_factory=list, description="Nơi nhận units resolved by the registry")
    references: list[Reference]
    task_count: int
    pages: int | None = Field(default=None, description="page count of paged formats (PDF)")
    ocr: bool = Field(default=False, description="true when some page was read by OCR")
    ocr_pages: list[int] = Field(default_factory=list, description="the pages read by OCR (1-based)")
    encoding: str | None = Field(default=None, description="legacy encoding converted to Unicode: tcvn3, vni")
    warnings: list[str]
    status: Literal["success", "partial"] = Field(
        default="success", description="partial: an error lost part of the document (schema 5)"
    )
    diagnostics: list[DiagnosticRecord] = Field(
        default_factory=list, description="the warnings with their codes, stage and page (schema 5)"
    )


class Result(BaseModel):
    """What :func:`extractor.extract` returns for one file."""

    document: DocumentRecord
    tasks: list[Task]
