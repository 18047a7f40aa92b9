"""Page layout shared by the PDF text layer and OCR: segments → lines → column regions → blocks.

A *segment* is a run of characters on one baseline without a wide gap (one cell's line, or a
whole body line), in PDF units. :mod:`.pdf` builds segments from the text layer, :mod:`.ocr`
from Tesseract's words; from there the same rules rebuild lines, the two-column regions of a
directive (header: issuer / Số left, Quốc hiệu / date right; Nơi nhận left, signer right), which
many PDF writers emit row by row, and paragraphs: a wide horizontal gap on a line opens a
*column region* whose left lines are emitted before its right lines, as a table walk of the
.docx would; body lines that wrap are joined into one block per paragraph (a line that follows a
line running to the right margin, is not indented and does not start with a list marker
continues it), because the pipeline needs one block per list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.tree import RawBlock

__all__ = ["COLUMN_GAP", "REGION_GAP", "Line", "Segment", "blocks_of", "lines_of"]

COLUMN_GAP = 2.5  # a gap wider than this many font sizes separates columns
REGION_GAP = 2.2  # a column region absorbs one-sided lines at most this many sizes apart
_LIST_MARKER = re.compile(
    r"^\s*(?:[-+•*–—]\s|(?:\d+\.)+\d*\)?\s|\d+\)\s|[a-zđ][.)]\s|[IVXLC]+[.)]\s|Điều\s+\d|Chương\s+[IVXLC\d]|Mục\s+\d|Phần\s+thứ)",
)


@dataclass
class Segment:
    """Characters on one baseline with no wide gap: one cell's line, or a whole body line."""

    x0: float
    x1: float
    base: float  # baseline, in PDF units from the bottom of the page
    size: float
    text: list[str] = field(default_factory=list)
    bold: int = 0
    plain: int = 0

    def add(self, ch: str, left: float, right: float, bold: bool, space: bool) -> None:
        if space and self.text and self.text[-1] != " ":
            self.text.append(" ")
        self.text.append(ch)
        self.x1 = max(self.x1, right)
        self.x0 = min(self.x0, left)
        if bold:
            self.bold += 1
        else:
            self.plain += 1

    def add_run(self, run: str, left: float, right: float, bold: bool, space: bool) -> None:
        """A whole text object at once (the fast path): same effect as adding it letter by letter."""
        if space and self.text and self.text[-1] != " ":
            self.text.append(" ")
        self.text.extend(run)
        self.x1 = max(self.x1, right)
        self.x0 = min(self.x0, left)
        letters = sum(1 for ch in run if not ch.isspace())
        if bold:
            self.bold += letters
        else:
            self.plain += letters

    def merge(self, other: Segment) -> None:
        if self.text and self.text[-1] != " " and other.x0 - self.x1 > 0.15 * self.size:
            self.text.append(" ")
        self.text.extend(other.text)
        self.x1 = max(self.x1, other.x1)
        self.bold += other.bold
        self.plain += other.plain


@dataclass
class Line:
    segments: list[Segment]
    page: int

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def base(self) -> float:
        return max(s.base for s in self.segments)

    @property
    def size(self) -> float:
        return max(s.size for s in self.segments)

    @property
    def text(self) -> str:
        return " ".join("".join(s.text).strip() for s in self.segments).strip()

    @property
    def bold(self) -> bool:
        return sum(s.bold for s in self.segments) > 0 and not any(s.plain for s in self.segments)


def lines_of(segments: list[Segment], page: int) -> list[Line]:
    """Group segments by baseline (top to bottom), then merge neighbours closer than a column gap."""
    ordered = sorted(segments, key=lambda s: (-s.base, s.x0))
    rows: list[list[Segment]] = []
    for seg in ordered:
        if rows and abs(rows[-1][0].base - seg.base) <= 0.3 * min(seg.size, rows[-1][0].size):
            rows[-1].append(seg)
        else:
            rows.append([seg])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda s: s.x0)
        merged: list[Segment] = [row[0]]
        for seg in row[1:]:
            prev = merged[-1]
            if seg.x0 - prev.x1 <= COLUMN_GAP * max(prev.size, seg.size):
                prev.merge(seg)
            else:
                merged.append(seg)
        lines.append(Line(merged, page))
    return lines


@dataclass
class _Region:
    """Consecutive lines laid out in two columns, split at a vertical gutter."""

    lines: list[Line]
    left_max: float  # right edge of the left column so far
    right_min: float  # left edge of the right column so far

    def side(self, line: Line) -> int | None:
        """0 left, 1 right, None if the line crosses the gutter (it ends the region)."""
        if len(line.segments) > 2:
            return None
        if len(line.segments) == 2:
            a, b = line.segments
            if a.x1 <= self.right_min + a.size and b.x0 >= self.left_max - b.size:
                return 2  # split on the gutter
            return None
        tol = line.size
        fits_left = line.x1 <= self.right_min + tol
        fits_right = line.x0 >= self.left_max - tol
        if fits_left and fits_right:
            return 0 if (line.x0 + line.x1) / 2 < (self.left_max + self.right_min) / 2 else 1
        if fits_left:
            return 0
        if fits_right:
            return 1
        return None


def _regions(lines: list[Line]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of the page's two-column regions."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line.segments) != 2:
            i += 1
            continue
        a, b = line.segments
        region = _Region([line], a.x1, b.x0)
        start, end = i, i + 1
        while start > 0 and (not found or start > found[-1][1]):
            prev, nxt = lines[start - 1], lines[start]
            if prev.base - nxt.base > REGION_GAP * prev.size or region.side(prev) is None:
                break
            start -= 1
        while end < len(lines):
            prev, nxt = lines[end - 1], lines[end]
            side = region.side(nxt)
            if side is None or prev.base - nxt.base > REGION_GAP * nxt.size:
                break
            if side == 2:
                region.left_max = max(region.left_max, nxt.segments[0].x1)
                region.right_min = min(region.right_min, nxt.segments[1].x0)
            end += 1
        found.append((start, end))
        i = end
    return found


def _split_region(lines: list[Line], start: int, end: int) -> tuple[list[Line], list[Line]]:
    """Left-column lines then right-column lines, each top to bottom."""
    split = [ln for ln in lines[start:end] if len(ln.segments) == 2]
    left_max = max(ln.segments[0].x1 for ln in split)
    right_min = min(ln.segments[1].x0 for ln in split)
    region = _Region([], left_max, right_min)
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines[start:end]:
        if len(ln.segments) == 2:
            left.append(Line([ln.segments[0]], ln.page))
            right.append(Line([ln.segments[1]], ln.page))
        elif region.side(ln) == 1:
            right.append(ln)
        else:
            left.append(ln)
    return left, right


@dataclass
class _Para:
    lines: list[Line]

    @property
    def block(self) -> RawBlock:
        first = self.lines[0]
        text = self.lines[0].text
        for ln in self.lines[1:]:
            # "197/KH-" + "UBND": a compound broken at its hyphen is rejoined without a space.
            glued = len(text) > 1 and text.endswith("-") and not text[-2].isspace()
            text += ("" if glued else " ") + ln.text
        return RawBlock(
            text,
            first.page,
            all(ln.bold for ln in self.lines),
            None,
            None,
        )


def _join(body: list[Line], margin_left: float, margin_right: float) -> list[RawBlock]:
    """Join wrapped lines into paragraphs (see the module docstring for the rule)."""
    paras: list[_Para] = []
    for line in body:
        prev = paras[-1] if paras else None
        if prev is not None and _continues(prev, line, margin_left, margin_right):
            prev.lines.append(line)
        else:
            paras.append(_Para([line]))
    return [p.block for p in paras]


def _continues(para: _Para, line: Line, margin_left: float, margin_right: float) -> bool:
    last = para.lines[-1]
    size = max(last.size, line.size)
    if _LIST_MARKER.match(line.text):
        return False
    if last.x1 < margin_right - 2.5 * size:  # the previous line ended short: paragraph end
        return False
    if abs(last.size - line.size) > 1.0:
        return False
    if line.page == last.page and last.base - line.base > 2.0 * size:
        return False
    if len(para.lines) >= 2 and abs(line.x0 - para.lines[-1].x0) < 0.5 * size:
        return True  # aligned with the paragraph's earlier continuation lines
    return line.x0 <= margin_left + 0.5 * size or line.x0 <= para.lines[0].x0 - 0.5 * size


def blocks_of(pages: list[list[Line]]) -> list[RawBlock]:
    """Blocks of a document's lines (one list per page): one per paragraph outside column
    regions, one per line inside them (left column first); paragraphs may run across pages."""
    regions = [_regions(page_lines) for page_lines in pages]
    body_lines = [
        ln
        for page_lines, spans in zip(pages, regions, strict=True)
        for i, ln in enumerate(page_lines)
        if not any(a <= i < b for a, b in spans)
    ]
    margin_left = min((ln.x0 for ln in body_lines), default=0.0)
    margin_right = max((ln.x1 for ln in body_lines), default=0.0)
    blocks: list[RawBlock] = []
    region_index = 0
    pending: list[Line] = []  # body lines waiting to be joined (may run across pages)
    for page_lines, spans in zip(pages, regions, strict=True):
        pos = 0
        for start, end in spans:
            pending.extend(page_lines[pos:start])
            blocks.extend(_join(pending, margin_left, margin_right))
            pending = []
            left, right = _split_region(page_lines, start, end)
            for col, column in enumerate((left, right)):
                blocks.extend(
                    RawBlock(ln.text, ln.page, ln.bold, None, (region_index, 0, col)) for ln in column
                )
            region_index += 1
            pos = end
        pending.extend(page_lines[pos:])
    blocks.extend(_join(pending, margin_left, margin_right))
    return blocks
