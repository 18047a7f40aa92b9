"""PDF with a text layer: pypdfium2 reads it into segments, :mod:`.layout` makes the blocks.

pypdfium2 reads the text layer (pdfplumber is ~50× slower and adds nothing here): each text
object (the fast path) or each character with its baseline origin, box, size and font.
Characters become segments (runs on one baseline without a wide gap); lines, two-column regions
and paragraphs are then rebuilt by :mod:`extractor.parse.layout`, the same rules OCR'd pages go
through. Pages without a usable text layer are read by OCR (:mod:`.ocr`).
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor import legacy
from extractor.diagnostics import Diagnostic
from extractor.errors import UnreadableFile
from extractor.parse.layout import COLUMN_GAP, Line, Segment, blocks_of, lines_of
from extractor.parse.ocr import PageReader
from extractor.parse.pdf_signature import signatures
from extractor.tree import ParsedDocument, ParseOptions

_BLANK = {0x0D, 0x0A, 0x00, 0xFFFE, 0xFFFF}
_HYPHEN = 0x02  # pdfium's mark for a hyphen that ends a line: the PDF shows '-'


def _open(data: bytes) -> pdfium.PdfDocument:
    if not data:
        raise UnreadableFile("the PDF is empty (0 bytes)")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        msg = str(err)
        if "password" in msg.lower():
            raise UnreadableFile("the PDF is encrypted and needs a password", code="encrypted") from err
        raise UnreadableFile(f"the PDF cannot be opened ({msg.rstrip('.')})") from err
    if len(doc) == 0:
        doc.close()
        raise UnreadableFile("the PDF has no pages")
    return doc


def _place(
    segments: list[Segment], seg: Segment | None, x0: float, x1: float, base: float, size: float
) -> tuple[Segment, bool]:
    """The segment a glyph or run at (x0, base) continues, or a new one at a baseline change, a
    step back, or a gap wider than a column gap; and whether a word space comes before it."""
    if (
        seg is None
        or abs(base - seg.base) > 0.3 * min(size, seg.size)
        or x0 < seg.x1 - 0.5 * size
        or x0 - seg.x1 > COLUMN_GAP * size
    ):
        seg = Segment(x0, x1, base, size)
        segments.append(seg)
        return seg, False
    return seg, x0 - seg.x1 > 0.2 * size


def _page_segments(textpage: pdfium.PdfTextPage) -> list[Segment]:
    """Characters in stream order → segments; a new segment at a baseline change or a wide gap."""
    tp = textpage.raw
    count = pdfium_c.FPDFText_CountChars(tp)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    fonts: dict[int, bool] = {}
    segments: list[Segment] = []
    seg: Segment | None = None
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


def _object_segments(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[Segment] | None:
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
    segments: list[Segment] = []
    seg: Segment | None = None
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


def parse_pdf(data: bytes, options: ParseOptions | None = None) -> ParsedDocument:
    """Parse a PDF's text layer into blocks: one per paragraph, or per line inside column regions."""
    doc = _open(data)
    warnings: list[str] = []
    ocr = PageReader(options.ocr if options else "auto")
    truncated = b"%%EOF" not in data[-4096:]
    try:
        pages = _read_pages(doc, ocr, truncated, warnings)
        signed = signatures(doc)
    finally:
        doc.close()
    ocr.finish(any(pages))
    if truncated:
        if not any(pages):
            raise UnreadableFile(
                "the PDF is truncated (no %%EOF) and no text could be read", code="truncated"
            )
        warnings.append(
            Diagnostic(
                "pdf-truncated",
                "pdf",
                "the PDF looks truncated (no %%EOF marker); text may be incomplete",
                severity="error",
            )
        )
    blocks, encoding = legacy.convert_blocks(blocks_of(pages))  # TCVN3/VNI text layers; split diacritics
    return ParsedDocument(
        "pdf", blocks, warnings, len(pages), ocr_pages=ocr.pages, encoding=encoding, signatures=signed
    )


def _read_pages(
    doc: pdfium.PdfDocument, ocr: PageReader, truncated: bool, warnings: list[str]
) -> list[list[Line]]:
    """The lines of every page (text layer, or OCR where the page needs it); an unreadable page
    is an empty list with a warning, unless the file is truncated (then the PDF is unreadable)."""
    pages: list[list[Line]] = []
    for number in range(1, len(doc) + 1):
        try:
            page = doc[number - 1]
            textpage = page.get_textpage()
        except pdfium.PdfiumError as err:
            if truncated:
                raise UnreadableFile(
                    f"the PDF is truncated: page {number} cannot be read", code="truncated"
                ) from err
            warnings.append(
                Diagnostic("page-unreadable", "pdf", f"page {number} cannot be read ({err})", number, "error")
            )
            pages.append([])
            continue
        fast = _object_segments(page, textpage)
        segments = ocr.read(
            page, number, fast if fast is not None else _page_segments(textpage), warnings
        )  # OCR if needed
        textpage.close()
        page.close()
        pages.append(lines_of(segments, number))
    return pages
