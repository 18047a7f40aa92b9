"""Results and errors as data: coded diagnostics in the document record, status, CLI lines."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from extractor import cli
from extractor.diagnostics import CODES, Diagnostic, as_diagnostic, status_of
from extractor.pipeline import extract_bytes, extract_path

ROOT = Path(__file__).resolve().parent.parent
SEED_PDF = ROOT / "tests/fixtures/seeds/000_12272236fee134ef.pdf"
SEED_TXT = ROOT / "corpus/seeds/000_12272236fee134ef.txt"
BLANK_NUMBER = "Số: /UBND-VP\nKính gửi: Phòng Nội vụ\nTrên đây là ý kiến của Ủy ban.\n"


def test_a_diagnostic_is_its_message_with_a_code() -> None:
    d = Diagnostic("ocr-low-confidence", "ocr", "page 2: OCR confidence is low", 2)
    assert d == "page 2: OCR confidence is low" and "low" in d
    assert (d.code, d.component, d.page, d.severity) == ("ocr-low-confidence", "ocr", 2, "warning")
    back = pickle.loads(pickle.dumps(d))
    assert (back.code, back.page, back.message) == (d.code, d.page, d.message)


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown diagnostic code"):
        Diagnostic("made-up", "ocr", "x")


def test_plain_text_warnings_keep_their_words() -> None:
    d = as_diagnostic("something odd", "parse")
    assert (d.code, d.component, d.message) == ("unclassified", "parse", "something odd")
    assert as_diagnostic(d, "other") is d


def test_status_is_partial_only_when_an_error_lost_content() -> None:
    warn = Diagnostic("no-task", "tasks", "no task found")
    err = Diagnostic("page-unreadable", "pdf", "page 3 cannot be read", 3, "error")
    assert status_of([]) == status_of([warn]) == "success"
    assert status_of([warn, err]) == "partial"


def test_every_code_is_emitted_somewhere() -> None:
    """A code listed in CODES that no module emits is dead documentation."""
    source = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "extractor").rglob("*.py")
        if p.name != "diagnostics.py"
    )
    dead = [c for c in CODES if c != "unclassified" and not re.search(rf"[\"']{re.escape(c)}[\"']", source)]
    assert not dead


def test_a_clean_document_is_a_success_without_diagnostics() -> None:
    record = extract_path(SEED_TXT).document
    assert record.status == "success" and record.diagnostics == [] and record.warnings == []


def test_header_and_task_findings_are_coded() -> None:
    record = extract_bytes(BLANK_NUMBER.encode("utf-8"), "draft.txt", ".txt").document
    assert [(d.code, d.component) for d in record.diagnostics] == [
        ("number-blank", "header"),
        ("no-task", "tasks"),
    ]
    assert record.warnings == [d.message for d in record.diagnostics]
    assert record.status == "success"


def test_a_truncated_pdf_is_partial_with_its_code() -> None:
    data = SEED_PDF.read_bytes()
    result = extract_bytes(data[: data.rfind(b"%%EOF")], "cut.pdf", ".pdf")
    assert result.tasks  # what could be read is kept
    assert [(d.code, d.severity) for d in result.document.diagnostics] == [("pdf-truncated", "error")]
    assert result.document.status == "partial"


def test_cli_prints_codes(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(BLANK_NUMBER, encoding="utf-8")
    missing = tmp_path / "nope.txt"
    status = cli.main(["extract", str(draft), str(missing), "-o", str(tmp_path / "t.jsonl")])
    err = capfd.readouterr().err.splitlines()
    assert status == 1
    assert err == [f"extractor: {missing}: no such file or folder [not-found]"]  # warnings only with -v

    cli.main(["extract", str(draft), "-v", "-o", str(tmp_path / "t.jsonl")])
    err = capfd.readouterr().err.splitlines()
    assert err == [
        f"extractor: {draft}: warning: the số ký hiệu is left blank [number-blank]",
        f"extractor: {draft}: warning: no task found [no-task]",
        f"extractor: {draft}: 0 tasks",
    ]


def test_cli_prints_content_losing_errors_without_verbose(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    cut = tmp_path / "cut.pdf"
    data = SEED_PDF.read_bytes()
    cut.write_bytes(data[: data.rfind(b"%%EOF")])
    assert cli.main(["extract", str(cut), "-o", str(tmp_path / "t.jsonl")]) == 0
    (line,) = capfd.readouterr().err.splitlines()
    assert line.startswith(f"extractor: {cut}: error: the PDF looks truncated") and line.endswith(
        "[pdf-truncated]"
    )


def test_failures_carry_fine_codes(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    encrypted = ROOT / "tests/fixtures/seeds/encrypted.pdf"
    cli.main(["extract", str(encrypted), "-o", str(tmp_path / "t.jsonl")])
    assert capfd.readouterr().err.strip().endswith("[encrypted]")
