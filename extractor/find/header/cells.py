"""What the header readers share: the :class:`Metadata` they fill and the cells they read.

Converters print a header's two columns as one line, as ``|`` table cells or one field per
line. Splitting lines into :class:`Cell` pieces with their offsets lets every reader treat the
three shapes alike, and every field it finds stays a :class:`ValueSpan` into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.dates import safe_date
from extractor.diagnostics import Diagnostic
from extractor.find import thresholds as th
from extractor.spans import ValueSpan
from extractor.tree import Document

__all__ = ["Cell", "Metadata", "cells", "iso_date", "list_after", "span"]


@dataclass
class Metadata:
    number: ValueSpan | None = None
    doc_type: ValueSpan | None = None
    issuer: ValueSpan | None = None
    parent_issuer: ValueSpan | None = None
    place: ValueSpan | None = None
    issued_date: ValueSpan | None = None
    subject: ValueSpan | None = None
    recipients: list[ValueSpan] = field(default_factory=list)
    signer_name: ValueSpan | None = None
    signer_title: ValueSpan | None = None
    signer_authority: ValueSpan | None = None
    cc: list[ValueSpan] = field(default_factory=list)
    body_start: int = 0  # offset where the body (after the header) begins
    body_end: int = 0  # offset of the closing blocks (Nơi nhận / signature), or len(text)
    tail_start: int | None = None  # an appendix after the closing blocks (Phụ lục), if any
    warnings: list[str | Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Cell:
    """A piece of a line: the whole line, or one "|" cell of it, with offsets."""

    line: int
    start: int
    end: int
    text: str
    col: int = 0  # the "|" column it came from (0 = left; whole lines are 0)


def cells(doc: Document, first: int, last: int) -> list[Cell]:
    """The cells of lines ``first`` to ``last`` (exclusive): a line without "|" is one cell."""
    out: list[Cell] = []
    for line in doc.lines[first:last]:
        if "|" not in line.text:
            out.append(Cell(line.index, line.start, line.end, line.text))
            continue
        pos = 0
        shift = 1 if line.text.lstrip().startswith("|") else 0  # "| A | B |" rows: A is column 0
        for col, part in enumerate(line.text.split("|")):
            lead = len(part) - len(part.lstrip())
            text = part.strip()
            if text:
                s = line.start + pos + lead
                out.append(Cell(line.index, s, s + len(text), text, max(0, col - shift)))
            pos += len(part) + 1
    return out


def span(doc: Document, start: int, end: int, label: str, value: str | None = None) -> ValueSpan:
    text = doc.text[start:end]
    return ValueSpan(start, end, text, label, value=text if value is None else value)


def iso_date(d: str | None, m: str | None, y: str | None) -> str | None:
    """ISO date of printed day, month and year; None when one is blank or the date impossible."""
    if not (d and m and y):
        return None
    value = safe_date(int(y), int(m), int(d))
    return value.isoformat() if value else None


_LIST_ITEM = re.compile(r"^(?:[-+•*]|[0-9]+[.)])\s*")


def _clean_item(text: str) -> str:
    text = _LIST_ITEM.sub("", text.strip())
    return text.strip().rstrip(";,.").strip()


def list_after(
    doc: Document, cells: list[Cell], i: int, cell: Cell, rest: str, label: str
) -> list[ValueSpan]:
    """The items after a "Kính gửi:" / "Nơi nhận:" label in ``cells[i]``: the ``rest`` of its
    line, then "-" items below it (in the label's own column of a "|" table)."""
    out: list[ValueSpan] = []
    rest = rest.strip()
    if rest:
        s = cell.end - len(rest)
        for part in re.split(r"(?<=;)\s+-\s*", rest) if rest.startswith("-") else [rest]:
            value = _clean_item(part)
            if value:
                off = doc.text.index(part, s) if part in doc.text[s:] else s
                out.append(ValueSpan(off, off + len(part), part, label, value=value))
        if not rest.startswith("-"):
            return out
    in_table = "|" in doc.lines[cell.line].text
    for nxt in cells[i + 1 : i + th.LABEL_LIST_CELLS]:
        t = nxt.text
        if not t or (in_table and nxt.col != cell.col):
            continue  # the other column of a "|" table (the signature beside Nơi nhận)
        if not _LIST_ITEM.match(t) or re.match(r"^[0-9]", t):
            break
        value = _clean_item(t)
        if out and out[-1].text.rstrip().endswith(",") and value:
            # one recipient wrapped onto two "-" lines by the converter
            prev = out[-1]
            out[-1] = ValueSpan(
                prev.start, nxt.end, doc.text[prev.start : nxt.end], label, value=f"{prev.value}, {value}"
            )
            continue
        if value:
            out.append(ValueSpan(nxt.start, nxt.end, t, label, value=value))
    return out
