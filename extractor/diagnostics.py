"""Coded warnings and errors of one extraction, as data (cf. docling's ConversionResult).

A document's result carries what was unsure or repaired (a warning) and what failed (an
error) with a stable ``code``, the ``component`` that saw it and the ``page`` where known, so
a reviewer or an integrator can filter on them; the CLI prints the code with the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["warning", "error"]

# The stable codes. A new code is added here first, with the component that emits it.
CODES: dict[str, str] = {
    "ocr-low-confidence": "ocr: a page read with low confidence; check its text",
    "ocr-no-text": "ocr: OCR found no (legible) text on a page",
    "ocr-failed": "ocr: OCR of a page failed",
    "ocr-unavailable": "ocr: a page needs OCR but it is off or not installed",
    "page-unreadable": "pdf: a page cannot be read",
    "pdf-truncated": "pdf: the file looks truncated",
    "numbering-undefined": "docx: a list refers to an undefined numbering",
    "converted": "office: read through a converter; some structure is plain text",
    "charset-guessed": "html: the declared charset was wrong or unknown",
    "title-dropped": "html: the page title before the header was left out",
    "number-blank": "header: the số ký hiệu is left blank (a draft or a handwritten number)",
    "date-blank": "header: the issue date is left blank or invalid",
    "no-task": "tasks: no task was found",
}


@dataclass(frozen=True)
class Diagnostic:
    """One coded finding: ``str(d)`` is the one-line message people read."""

    code: str
    component: str
    message: str
    page: int | None = None
    severity: Severity = "warning"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code!r}: add it to extractor.diagnostics.CODES")

    def __str__(self) -> str:
        return self.message
