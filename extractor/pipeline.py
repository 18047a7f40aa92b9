"""The ordered stages, as plain function calls: parse → normalize → metadata → tasks → records."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from extractor.dates import parse_iso
from extractor.diagnostics import Diagnostic, as_diagnostic, status_of
from extractor.errors import EmptyDocument, ExtractorError, UnreadableFile
from extractor.find.citations import find_citations
from extractor.find.header import Metadata, find_metadata
from extractor.find.recurrence import rrule_for
from extractor.find.registry import resolve
from extractor.find.tasks import TaskSpan, find_tasks
from extractor.find.units import split_units
from extractor.parse import parse_bytes
from extractor.schema import (
    SCHEMA_VERSION,
    Deadline,
    DiagnosticRecord,
    DocumentRecord,
    DocumentRef,
    Reference,
    Result,
    Signer,
    Task,
    Unit,
)
from extractor.schema import TaskSpan as TaskSpanRecord
from extractor.spans import CitationSpan, UnitSpan
from extractor.tree import Document, ParseOptions, build


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def extract_path(path: str | Path, source: str | None = None, options: ParseOptions | None = None) -> Result:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise UnreadableFile(err.strerror or str(err), str(p)) from err
    return extract_bytes(data, source or str(path), p.suffix, options)


def extract_bytes(data: bytes, source: str, suffix: str = "", options: ParseOptions | None = None) -> Result:
    """Run every stage on the bytes of one file."""
    try:
        parsed = parse_bytes(data, suffix, source, options)
    except ExtractorError as err:
        err.path = err.path or source
        raise
    doc = build(parsed)
    if not doc.text.strip():
        raise EmptyDocument("no text could be read from the file", source)
    result = assemble(doc, doc_id_of(data), source)
    result.document.ocr = bool(parsed.ocr_pages)
    result.document.ocr_pages = list(parsed.ocr_pages)
    result.document.encoding = parsed.encoding
    result.document.pages = parsed.pages
    return result


def assemble(doc: Document, doc_id: str, source: str) -> Result:
    meta = find_metadata(doc, source)
    issued = parse_iso(meta.issued_date.value if meta.issued_date else None)
    own_number = meta.number.value if meta.number else None
    recipients = [u for r in meta.recipients for u in split_units(r.value, r.start)]
    ranges = [(meta.body_start, meta.body_end)]
    if meta.tail_start is not None:
        ranges.append((meta.tail_start, len(doc.text)))
    spans = find_tasks(doc, ranges, meta.doc_type.value if meta.doc_type else None, issued, recipients)
    citations = [c for c in find_citations(doc.text, own_number) if c.number or c.doc_type]
    doc_ref = DocumentRef(
        number=own_number,
        doc_type=meta.doc_type.value if meta.doc_type else None,
        issuer=meta.issuer.value if meta.issuer else None,
        issued_date=issued.isoformat() if issued else None,
    )
    tasks = _task_records(doc, doc_id, source, doc_ref, spans, citations)
    diagnostics = [as_diagnostic(w, "parse") for w in doc.warnings]
    diagnostics += [as_diagnostic(w, "header") for w in meta.warnings]
    if not tasks:
        diagnostics.append(Diagnostic("no-task", "tasks", "no task found"))
    record = DocumentRecord(
        schema_version=SCHEMA_VERSION,
        doc_id=doc_id,
        source=source,
        format=doc.format,
        number=own_number,
        doc_type=doc_ref.doc_type,
        issuer=doc_ref.issuer,
        parent_issuer=meta.parent_issuer.value if meta.parent_issuer else None,
        place=meta.place.value if meta.place else None,
        issued_date=doc_ref.issued_date,
        subject=meta.subject.value if meta.subject else None,
        recipients=[r.value for r in meta.recipients],
        recipient_units=_units(
            [u.extra.get("name", u.text) for r in meta.recipients for u in split_units(r.value)],
            doc_ref.issuer,
        ),
        signer=Signer(
            name=meta.signer_name.value if meta.signer_name else None,
            title=meta.signer_title.value if meta.signer_title else None,
            authority=meta.signer_authority.value if meta.signer_authority else None,
        ),
        cc=[c.value for c in meta.cc],
        cc_units=_units(
            [
                u.extra.get("name", u.text)
                for c in meta.cc
                if not re.match(r"(?:Như trên|Như Điều|Lưu\b|Lưu:)", c.value)
                for u in split_units(re.sub(r"\s*\((?:để )?[^)]*\)\s*$", "", c.value))
            ],
            doc_ref.issuer,
        ),
        references=_references(citations),
        task_count=len(tasks),
        warnings=[d.message for d in diagnostics],
        status=status_of(diagnostics),
        diagnostics=[_diagnostic_record(d) for d in diagnostics],
    )
    return Result(document=record, tasks=tasks)


def _diagnostic_record(d: Diagnostic) -> DiagnosticRecord:
    return DiagnosticRecord(
        code=d.code, component=d.component, severity=d.severity, page=d.page, message=d.message
    )


def _references(citations: list[CitationSpan]) -> list[Reference]:
    seen: set[str] = set()
    out: list[Reference] = []
    for c in citations:
        key = (c.number or c.text).upper()
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Reference(
                text=c.text, number=c.number, doc_type=c.doc_type, issued_date=c.issued_date, issuer=c.issuer
            )
        )
    return out


def _names(units: list[UnitSpan]) -> list[str]:
    out: list[str] = []
    for u in units:
        name = u.extra.get("name") or " ".join(u.text.split())
        if name and name not in out:
            out.append(name)
    return out


def _units(names: list[str], issuer: str | None) -> list[Unit]:
    out = []
    for name in names:
        info = resolve(name, issuer)
        out.append(
            Unit(name=name, canonical=info.canonical, kind=info.kind, level=info.level, role=info.role)
        )
    return out


def _task_records(
    doc: Document,
    doc_id: str,
    source: str,
    doc_ref: DocumentRef,
    spans: list[TaskSpan],
    citations: list[CitationSpan],
) -> list[Task]:
    out: list[Task] = []
    seen: dict[str, int] = {}
    for t in spans:
        key = f"{doc_id}\x1f{t.text}"
        n = seen.get(key, 0)
        seen[key] = n + 1
        task_id = hashlib.sha256(f"{key}\x1f{n}".encode()).hexdigest()[:16]
        refs = _references([c for c in citations if t.start <= c.start and c.end <= t.end])
        deadline = None
        if t.deadline is not None:
            deadline = Deadline(
                date=t.deadline.date,
                text=t.deadline.text,
                kind=t.deadline.kind,
                inherited=t.inherited,
                start=t.deadline.start,
                end=t.deadline.end,
            )
        out.append(
            Task(
                id=task_id,
                doc_id=doc_id,
                source=source,
                document=doc_ref,
                section=t.section,
                text=t.text,
                assignees=_names(t.assignees),
                collaborators=_names(t.collaborators),
                assignee_units=_units(_names(t.assignees), doc_ref.issuer),
                collaborator_units=_units(_names(t.collaborators), doc_ref.issuer),
                deadline=deadline,
                recurrence=t.recurrence.value if t.recurrence else None,
                recurrence_rule=rrule_for(t.recurrence.value, t.text) if t.recurrence else None,
                references=refs,
                report_to=t.report_to,
                span=TaskSpanRecord(start=t.start, end=t.end, page=doc.page_at(t.start)),
            )
        )
    return out


__all__ = ["Metadata", "assemble", "extract_bytes", "extract_path"]
