"""The cross-format guarantee: one seed as .txt, .docx and .pdf gives the same records.

For every seed stem with fixtures in ``tests/fixtures/seeds`` the .docx and the .pdf must give
the task records and document fields of ``corpus/seeds/<stem>.txt``: the text of each task, its
assignees, collaborators, deadline (date, inherited), recurrence, section and cited numbers; the
number, type, issuer, date, subject, signer, recipients and copies of the document. Every task
span points at its text in the normalized document, and PDF tasks carry their page.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extractor.parse import parse_bytes
from extractor.pipeline import extract_path
from extractor.schema import Result, Task
from extractor.tree import build

ROOT = Path(__file__).resolve().parent.parent
TXT = ROOT / "corpus" / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "seeds"
STEMS = sorted(p.stem for p in FIXTURES.glob("[0-9][0-9][0-9]_*.docx"))
FORMATS = ["txt", "docx", "pdf"]


def short(stem: str) -> str:
    return stem.split("_", 1)[0]


def path_of(stem: str, fmt: str) -> Path:
    return (TXT if fmt == "txt" else FIXTURES) / f"{stem}.{fmt}"


@cache
def extracted(stem: str, fmt: str) -> Result:
    path = path_of(stem, fmt)
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return extract_path(path)


@cache
def doc_text(stem: str, fmt: str) -> str:
    path = path_of(stem, fmt)
    return build(parse_bytes(path.read_bytes(), path.suffix)).text


def task_view(task: Task) -> tuple[Any, ...]:
    deadline = task.deadline
    return (
        task.text,
        tuple(task.assignees),
        tuple(task.collaborators),
        deadline.date if deadline else None,
        deadline.inherited if deadline else None,
        task.recurrence,
        tuple(task.section),
        tuple(r.number for r in task.references),
    )


def document_view(result: Result) -> dict[str, Any]:
    d = result.document
    return {
        "number": d.number,
        "doc_type": d.doc_type,
        "issuer": d.issuer,
        "issued_date": d.issued_date,
        "subject": d.subject,
        "signer": d.signer.name,
        "recipients": d.recipients,
        "cc": d.cc,
    }


def test_every_seed_has_all_three_formats() -> None:
    assert len(STEMS) >= 5, f"expected the five seed fixtures in {FIXTURES}"
    for stem in STEMS:
        for fmt in FORMATS:
            assert path_of(stem, fmt).exists(), path_of(stem, fmt)


def test_seeds_have_tasks() -> None:
    # the comparison below means nothing if the .txt side finds nothing
    for stem in STEMS:
        assert extracted(stem, "txt").tasks, stem


CROSS = [pytest.param(stem, fmt, id=f"{short(stem)}-{fmt}") for stem in STEMS for fmt in ("docx", "pdf")]
ALL = [pytest.param(stem, fmt, id=f"{short(stem)}-{fmt}") for stem in STEMS for fmt in FORMATS]


@pytest.mark.parametrize(("stem", "fmt"), CROSS)
def test_tasks_equal_txt(stem: str, fmt: str) -> None:
    expected = [task_view(t) for t in extracted(stem, "txt").tasks]
    got = [task_view(t) for t in extracted(stem, fmt).tasks]
    assert got == expected


@pytest.mark.parametrize(("stem", "fmt"), CROSS)
def test_document_fields_equal_txt(stem: str, fmt: str) -> None:
    assert document_view(extracted(stem, fmt)) == document_view(extracted(stem, "txt"))


@pytest.mark.parametrize(("stem", "fmt"), CROSS)
def test_document_reference_of_tasks_equal_txt(stem: str, fmt: str) -> None:
    expected = extracted(stem, "txt").document
    for task in extracted(stem, fmt).tasks:
        assert task.document.number == expected.number
        assert task.document.doc_type == expected.doc_type
        assert task.document.issued_date == expected.issued_date


@pytest.mark.parametrize(("stem", "fmt"), ALL)
def test_format_is_recorded(stem: str, fmt: str) -> None:
    # a .txt export that carries Markdown emphasis is read, and recorded, as Markdown
    allowed = {"txt", "md"} if fmt == "txt" else {fmt}
    assert extracted(stem, fmt).document.format in allowed


@pytest.mark.parametrize(("stem", "fmt"), ALL)
def test_span_points_at_task_text(stem: str, fmt: str) -> None:
    text = doc_text(stem, fmt)
    for task in extracted(stem, fmt).tasks:
        start, end = task.span.start, task.span.end
        assert 0 <= start < end <= len(text)
        assert " ".join(text[start:end].split()) == task.text


@pytest.mark.parametrize("stem", [pytest.param(s, id=short(s)) for s in STEMS])
def test_pdf_tasks_carry_page(stem: str) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path_of(stem, "pdf").read_bytes())
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    tasks = extracted(stem, "pdf").tasks
    assert tasks
    for task in tasks:
        page = task.span.page
        assert isinstance(page, int) and not isinstance(page, bool)
        assert 1 <= page <= pages
    seen = [t.span.page for t in tasks]
    assert seen == sorted(seen), "tasks come in reading order, so their pages never go back"  # type: ignore[type-var]
