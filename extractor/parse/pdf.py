"""PDF with a text layer: lines in reading order, with their page, columns kept apart.

pypdfium2 reads the text layer (pdfplumber is ~50× slower and adds nothing here): each character
with its baseline origin, box, size and font. Characters become segments (runs on one baseline
without a wide gap), segments become lines. The two-column parts of a directive (header: issuer /
Số left, Quốc hiệu / date right; Nơi nhận left, signer right) are borderless tables, which many
PDF writers emit row by row, so a wide horizontal gap on a line opens a *column region*: its left
lines are emitted before its right lines, as a table walk of the .docx would. Body lines that
wrap are joined into one block per paragraph (a line that follows a line running to the right
margin, is not indented and does not start with a list marker continues it), because the
pipeline needs one block per list item.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor import legacy
from extractor.errors import UnreadableFile
from extractor.tree import ParsedDocument, ParseOptions, RawBlock

COLUMN_GAP = 2.5  # a gap wider than this many font sizes separates columns
REGION_GAP = 2.2  # a column region absorbs one-sided lines at most this many sizes apart
_LIST_MARKER = re.compile(
    r"^\s*(?:[-+•*–—]\s|(?:\d+\.)+\d*\)?\s|\d+\)\s|[a-zđ][.)]\s|[IVXLC]+[.)]\s|Điều\s+\d|Chương\s+[IVXLC\d]|Mục\s+\d|Phần\s+thứ)",
)
_BLANK = {0x0D, 0x0A, 0x00, 0xFFFE, 0xFFFF}
_HYPHEN = 0x02  # pdfium's mark for a hyphen that ends a line: the PDF shows '-'


@dataclass
class _Segment:
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

    def merge(self, other: _Segment) -> None:
        if self.text and self.text[-1] != " " and other.x0 - self.x1 > 0.15 * self.size:
            self.text.append(" ")
        self.text.extend(other.text)
        self.x1 = max(self.x1, other.x1)
        self.bold += other.bold
        self.plain += other.plain


@dataclass
class _Line:
    segments: list[_Segment]
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


def _open(data: bytes) -> pdfium.PdfDocument:
    if not data:
        raise UnreadableFile("the PDF is empty (0 bytes)")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        msg = str(err)
        if "password" in msg.lower():
            raise UnreadableFile("the PDF is encrypted and needs a password") from err
        raise UnreadableFile(f"the PDF cannot be opened ({msg.rstrip('.')})") from err
    if len(doc) == 0:
        doc.close()
        raise UnreadableFile("the PDF has no pages")
    return doc


def _place(
    segments: list[_Segment], seg: _Segment | None, x0: float, x1: float, base: float, size: float
) -> tuple[_Segment, bool]:
    """The segment a glyph or run at (x0, base) continues, or a new one at a baseline change, a
    step back, or a gap wider than a column gap; and whether a word space comes before it."""
    if (
        seg is None
        or abs(base - seg.base) > 0.3 * min(size, seg.size)
        or x0 < seg.x1 - 0.5 * size
        or x0 - seg.x1 > COLUMN_GAP * size
    ):
        seg = _Segment(x0, x1, base, size)
        segments.append(seg)
        return seg, False
    return seg, x0 - seg.x1 > 0.2 * size


def _page_segments(textpage: pdfium.PdfTextPage) -> list[_Segment]:
    """Characters in stream order → segments; a new segment at a baseline change or a wide gap."""
    tp = textpage.raw
    count = pdfium_c.FPDFText_CountChars(tp)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    fonts: dict[int, bool] = {}
    segments: list[_Segment] = []
    seg: _Segment | None = None
    space = False
    for i in range(count):
        code = pdfium_c.FPDFText_GetUnicode(tp, i)
        if code == _HYPHEN:
            code = 0x2D
        if code in _BLANK:
            space = True
            continue
        if code in (0x20, 0xA0, 0x09):  # pdfium generates only spaces and line breaks
            space = True
            continue
        pdfium_c.FPDFText_GetCharBox(tp, i, left, right, bottom, top)
        pdfium_c.FPDFText_GetCharOrigin(tp, i, ox, oy)
        size = pdfium_c.FPDFText_GetFontSize(tp, i) or (top.value - bottom.value) or 10.0
        obj = pdfium_c.FPDFText_GetTextObject(tp, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        bold = fonts.get(key)
        if bold is None:
            pdfium_c.FPDFText_GetFontInfo(tp, i, name, len(name), flags)
            font = name.value.decode("latin-1", "replace").lower()
            bold = "bold" in font or "heavy" in font or "black" in font or bool(flags.value & 0x40000)
            bold = bold or pdfium_c.FPDFText_GetFontWeight(tp, i) >= 600
            fonts[key] = bold
        x0, x1, base = left.value, right.value, oy.value
        if x1 <= x0:  # zero-width glyph box: fall back to the origin
            x0 = x1 = ox.value
        seg, gap = _place(segments, seg, x0, x1, base, size)
        seg.add(chr(code), x0, x1, bold, space or gap)
        space = False
    return segments


def _object_segments(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[_Segment] | None:
    """Text objects → segments: the fast path for whole archives.

    Producers write a line (LibreOffice, Word) or a word as one text object, so reading objects
    costs a few calls a line instead of several a character. Objects are then merged with the
    same baseline and gap rules as characters. Returns None when the page has no usable text
    objects (the character path then reads it).
    """
    raw = page.raw
    tp = textpage.raw
    count = pdfium_c.FPDFPage_CountObjects(raw)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    size_out = ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    buf = ctypes.create_string_buffer(8192)
    wide = ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
    fonts: dict[int, bool] = {}
    name = ctypes.create_string_buffer(128)
    segments: list[_Segment] = []
    seg: _Segment | None = None
    for i in range(count):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        length = pdfium_c.FPDFTextObj_GetText(obj, tp, wide, len(buf))
        if length <= 0 or length > len(buf):
            return None
        text = buf.raw[:length].decode("utf-16-le", "replace").split("\x00", 1)[0]
        text = text.replace("\x02", "-").replace("\ufffe", "-").replace("\r", " ").replace("\n", " ")
        if not text.strip():
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return None
        pdfium_c.FPDFTextObj_GetFontSize(obj, size_out)
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            return None
        scale = abs(matrix.d) or 1.0
        size = size_out.value * scale or (top.value - bottom.value) or 10.0
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        bold = fonts.get(key)
        if bold is None:
            got = pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
            family = name.raw[: max(0, got - 1)].decode("latin-1", "replace").lower()
            bold = (
                any(w in family for w in ("bold", "heavy", "black"))
                or pdfium_c.FPDFFont_GetWeight(font) >= 600
            )
            fonts[key] = bold
        x0, x1, base = left.value, right.value, matrix.f  # the text origin sits on the baseline
        seg, space = _place(segments, seg, x0, x1, base, size)
        if text[:1].isspace():
            space = True
        seg.add_run(text.strip(), x0, x1, bold, space)
    return segments if segments else None


def _lines(segments: list[_Segment], page: int) -> list[_Line]:
    """Group segments by baseline (top to bottom), then merge neighbours closer than a column gap."""
    ordered = sorted(segments, key=lambda s: (-s.base, s.x0))
    rows: list[list[_Segment]] = []
    for seg in ordered:
        if rows and abs(rows[-1][0].base - seg.base) <= 0.3 * min(seg.size, rows[-1][0].size):
            rows[-1].append(seg)
        else:
            rows.append([seg])
    lines: list[_Line] = []
    for row in rows:
        row.sort(key=lambda s: s.x0)
        merged: list[_Segment] = [row[0]]
        for seg in row[1:]:
            prev = merged[-1]
            if seg.x0 - prev.x1 <= COLUMN_GAP * max(prev.size, seg.size):
                prev.merge(seg)
            else:
                merged.append(seg)
        lines.append(_Line(merged, page))
    return lines


@dataclass
class _Region:
    """Consecutive lines laid out in two columns, split at a vertical gutter."""

    lines: list[_Line]
    left_max: float  # right edge of the left column so far
    right_min: float  # left edge of the right column so far

    def side(self, line: _Line) -> int | None:
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


def _regions(lines: list[_Line]) -> list[tuple[int, int]]:
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


def _split_region(lines: list[_Line], start: int, end: int) -> tuple[list[_Line], list[_Line]]:
    """Left-column lines then right-column lines, each top to bottom."""
    split = [ln for ln in lines[start:end] if len(ln.segments) == 2]
    left_max = max(ln.segments[0].x1 for ln in split)
    right_min = min(ln.segments[1].x0 for ln in split)
    region = _Region([], left_max, right_min)
    left: list[_Line] = []
    right: list[_Line] = []
    for ln in lines[start:end]:
        if len(ln.segments) == 2:
            left.append(_Line([ln.segments[0]], ln.page))
            right.append(_Line([ln.segments[1]], ln.page))
        elif region.side(ln) == 1:
            right.append(ln)
        else:
            left.append(ln)
    return left, right


@dataclass
class _Para:
    lines: list[_Line]

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


def _join(body: list[_Line], margin_left: float, margin_right: float) -> list[RawBlock]:
    """Join wrapped lines into paragraphs (see the module docstring for the rule)."""
    paras: list[_Para] = []
    for line in body:
        prev = paras[-1] if paras else None
        if prev is not None and _continues(prev, line, margin_left, margin_right):
            prev.lines.append(line)
        else:
            paras.append(_Para([line]))
    return [p.block for p in paras]


def _continues(para: _Para, line: _Line, margin_left: float, margin_right: float) -> bool:
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


def parse_pdf(data: bytes, options: ParseOptions | None = None) -> ParsedDocument:
    """Parse a PDF's text layer into blocks: one per paragraph, or per line inside column regions."""
    from extractor.parse.ocr import PageReader  # imported here: ocr.py builds pdf._Segment

    doc = _open(data)
    warnings: list[str] = []
    ocr = PageReader(options.ocr if options else "auto")
    truncated = b"%%EOF" not in data[-4096:]
    pages: list[list[_Line]] = []
    try:
        for number in range(1, len(doc) + 1):
            try:
                page = doc[number - 1]
                textpage = page.get_textpage()
            except pdfium.PdfiumError as err:
                if truncated:
                    raise UnreadableFile(f"the PDF is truncated: page {number} cannot be read") from err
                warnings.append(f"page {number} cannot be read ({err})")
                pages.append([])
                continue
            fast = _object_segments(page, textpage)
            segments = ocr.read(
                page, number, fast if fast is not None else _page_segments(textpage), warnings
            )  # OCR if needed
            textpage.close()
            page.close()
            pages.append(_lines(segments, number))
    finally:
        doc.close()
    ocr.finish(any(pages))
    if truncated:
        if not any(pages):
            raise UnreadableFile("the PDF is truncated (no %%EOF) and no text could be read")
        warnings.append("the PDF looks truncated (no %%EOF marker); text may be incomplete")

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
    pending: list[_Line] = []  # body lines waiting to be joined (may run across pages)
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
    blocks, encoding = legacy.convert_blocks(blocks)  # TCVN3/VNI text layers; split diacritics
    return ParsedDocument("pdf", blocks, warnings, len(pages), ocr_pages=ocr.pages, encoding=encoding)
