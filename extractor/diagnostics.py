"""Coded warnings and errors of one extraction, as data (cf. docling's ConversionResult).

A document's result carries what was unsure or repaired (a warning) and what was lost (an
error: a page that could not be read) with a stable ``code``, the ``component`` that saw it and
the ``page`` where known, so a reviewer or an integrator filters on codes instead of parsing
messages. The CLI prints the code with the message; the document record keeps both
(``diagnostics``) and a ``status``: ``success``, or ``partial`` when some error lost content.

A :class:`Diagnostic` is a ``str`` (its message) with attributes, so code that collects
warnings as text keeps working and the record's ``warnings`` list stays what it was.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["CODES", "Diagnostic", "Severity", "as_diagnostic", "status_of"]

Severity = Literal["warning", "error"]

# The stable codes, with the component that emits them and what they mean. A new code is added
# here first; ``Diagnostic`` refuses any other.
CODES: dict[str, str] = {
    # parse/ocr
    "ocr-off": "ocr: a page has no usable text layer and OCR is off (--ocr never)",
    "page-blank": "ocr: a page has no text layer and nothing on it to read",
    "ocr-unavailable": "ocr: a page needs OCR but Tesseract is not installed",
    "ocr-failed": "ocr: OCR of a page failed",
    "ocr-no-text": "ocr: OCR found no text on a page",
    "ocr-illegible": "ocr: OCR found no legible text on a page (its text is dropped)",
    "ocr-low-confidence": "ocr: a page read with low confidence; check its text",
    # parse/pdf, parse/office, parse/docx, parse/html
    "page-unreadable": "pdf: a page cannot be read",
    "pdf-truncated": "pdf: the file looks truncated (no %%EOF)",
    "rtf-truncated": "office: the RTF looks truncated (unbalanced braces)",
    "converted-plain": "office: read with antiword/catdoc; list labels and tables are plain text",
    "numbering-undefined": "docx: a list refers to a numbering instance that is not defined",
    "charset-guessed": "html: the declared charset was missing, wrong or unknown",
    "title-dropped": "html: the portal's page title was left out before the document header",
    # find/header
    "number-blank": "header: the số ký hiệu is left blank (a draft, or written by hand)",
    "date-blank": "header: the issue date is left blank or invalid",
    "number-illegible": "header: the digits of the số ký hiệu are not legible (handwritten on a scan)",
    "number-from-filename": "header: the số ký hiệu's digits come from the file name",
    "date-illegible": "header: the day (or month) of the issue date is not legible",
    "date-from-signature": "header: the issue date is the digital signature's date",
    "issuer-from-signature": "header: the issuer is the body named by the digital signature",
    # pipeline
    "no-task": "tasks: no task was found",
    "unclassified": "a warning without a code of its own",
}


class Diagnostic(str):
    """One coded finding; the string value is the one-line message people read."""

    code: str
    component: str
    page: int | None
    severity: Severity

    def __new__(
        cls,
        code: str,
        component: str,
        message: str,
        page: int | None = None,
        severity: Severity = "warning",
    ) -> Diagnostic:
        if code not in CODES:
            raise ValueError(f"unknown diagnostic code {code!r}: add it to extractor.diagnostics.CODES")
        self = super().__new__(cls, message)
        self.code, self.component, self.page, self.severity = code, component, page, severity
        return self

    @property
    def message(self) -> str:
        return str.__str__(self)

    def __reduce__(self) -> tuple[object, ...]:  # pickles (worker processes) keep the fields
        return (Diagnostic, (self.code, self.component, self.message, self.page, self.severity))

    def __repr__(self) -> str:
        return f"Diagnostic({self.code!r}, {self.component!r}, {self.message!r}, page={self.page})"


def as_diagnostic(value: str, component: str) -> Diagnostic:
    """A warning that came as plain text keeps its words under the code ``unclassified``."""
    return value if isinstance(value, Diagnostic) else Diagnostic("unclassified", component, value)


def status_of(diagnostics: list[Diagnostic]) -> Literal["success", "partial"]:
    """``partial`` when an error lost part of the document (a page, the end of a file)."""
    return "partial" if any(d.severity == "error" for d in diagnostics) else "success"
