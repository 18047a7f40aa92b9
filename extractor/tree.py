"""The typed document tree every parser feeds and every extractor reads.

Parsers yield :class:`RawBlock` s (one paragraph, line or table-cell paragraph each, with the
page it sits on and the formatting that carries structure: bold, heading level). Visible list
labels that Word generates (automatic numbering) are resolved by the parser and written into
``text``, so every format yields the same visible text. :func:`build` normalizes each block
once and joins them with newlines into one normalized text; every span of the pipeline points
into that text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.normalize import normalize


@dataclass(frozen=True)
class RawBlock:
    text: str
    page: int | None = None
    bold: bool = False
    heading: int | None = None  # markdown "#" depth or Word outline level (1 = top)
    cell: tuple[int, int, int] | None = None  # (table, row, column) for table cells


@dataclass(frozen=True)
class Signature:
    """A digital signature of the file: ``time`` ISO ``YYYY-MM-DDTHH:MM`` as stamped, ``body``
    the signing body its reason names (see :mod:`extractor.parse.pdf_signature`)."""

    time: str | None
    body: str | None


@dataclass
class ParsedDocument:
    """What a parser returns: the detected format, the blocks, and what it was unsure of.

    ``ocr_pages`` lists the (1-based) pages read by OCR; ``encoding`` names a legacy
    Vietnamese encoding that was converted to Unicode ("tcvn3", "vni"), else None.
    """

    format: str
    blocks: list[RawBlock]
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None
    ocr_pages: list[int] = field(default_factory=list)
    encoding: str | None = None
    signatures: list[Signature] = field(default_factory=list)  # digital signatures (PDF)


@dataclass(frozen=True)
class ParseOptions:
    """How to parse: ``ocr`` is "auto" (pages without a usable text layer), "always" or "never"."""

    ocr: str = "auto"


@dataclass(frozen=True)
class Line:
    """One normalized block: ``text == doc.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    page: int | None = None
    bold: bool = False
    heading: int | None = None
    cell: tuple[int, int, int] | None = None


@dataclass
class Document:
    text: str
    lines: list[Line]
    format: str
    warnings: list[str] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # 1-based pages whose text came from OCR

    def page_at(self, offset: int) -> int | None:
        for line in self.lines:
            if line.start <= offset <= line.end:
                return line.page
        return None


def build(parsed: ParsedDocument) -> Document:
    """Normalize every block once and lay them out as lines of one text."""
    lines: list[Line] = []
    parts: list[str] = []
    pos = 0
    for block in parsed.blocks:
        for text in normalize(block.text).split("\n"):
            if parts:
                pos += 1  # the joining newline
            lines.append(
                Line(
                    len(lines), pos, pos + len(text), text, block.page, block.bold, block.heading, block.cell
                )
            )
            parts.append(text)
            pos += len(text)
    return Document(
        "\n".join(parts),
        lines,
        parsed.format,
        list(parsed.warnings),
        list(parsed.signatures),
        list(parsed.ocr_pages),
    )
