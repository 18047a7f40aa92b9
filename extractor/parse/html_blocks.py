"""The article's elements as blocks: one :class:`RawBlock` per paragraph or ``<br>`` line.

Table cells carry ``cell=(table, row, column)``, list labels are written into the text ("- ",
"1. ", "a."), headings come from h1–h6, and a line is bold when all of its visible text is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from extractor.tree import RawBlock

SPACE = re.compile(r"[ \t\n\r\f\v]+")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_NORMAL_STYLE = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-4]00)", re.I)


def flat_text(el: etree._Element) -> str:
    """An element's text as shown: whitespace runs collapsed."""
    return SPACE.sub(" ", el.text_content()).strip()


_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "form",
    "fieldset",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "hr",
    "address",
    "figure",
    "figcaption",
    "center",
    "details",
    "summary",
    "caption",
    "body",
    "html",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}


def _roman(n: int) -> str:
    out = ""
    for value, digits in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _ol_label(n: int, kind: str) -> str:
    if kind in ("a", "A") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return (letter.upper() if kind == "A" else letter) + "."
    if kind in ("i", "I") and n >= 1:
        return (_roman(n) if kind == "I" else _roman(n).lower()) + "."
    return f"{n}."


def _int(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


class _Emitter:
    """Walks the article in document order and collects one block per visual line."""

    def __init__(self, skip: etree._Element | None) -> None:
        self.skip = skip
        self.blocks: list[RawBlock] = []
        self.segments: list[tuple[str, bool]] = []
        self.bold = 0
        self.pre = 0
        self.heading: int | None = None
        self.cell: tuple[int, int, int] | None = None
        self.label: str | None = None
        self.tables = 0

    # -- text ---------------------------------------------------------------------------------
    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.pre:
            lines = text.replace("\r\n", "\n").split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.flush()
                if line:
                    self.segments.append((line, self.bold > 0))
            return
        self.segments.append((SPACE.sub(" ", text), self.bold > 0))

    def flush(self) -> None:
        """End the current line: one block, bold when every visible segment was bold."""
        segments, self.segments = self.segments, []
        text = "".join(s for s, _ in segments)
        if not self.pre:
            text = SPACE.sub(" ", text.replace("\xa0", " ")).strip()
        else:
            text = text.rstrip()
        if not text.strip():
            return
        visible = [b for s, b in segments if s.strip(" \xa0")]
        bold = bool(visible) and all(visible)
        if self.label is not None:
            text = f"{self.label} {text}"
            self.label = None
        self.blocks.append(RawBlock(text, None, bold, self.heading, self.cell))

    # -- elements -------------------------------------------------------------------------------
    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or el is self.skip:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag in ("ul", "ol"):
            self.flush()
            self.list(el)
            return
        block = tag in _BLOCK_TAGS or tag in ("td", "th", "tr")
        if block:
            self.flush()
        saved = (self.bold, self.heading, self.pre)
        style = el.get("style") or ""
        if tag in ("b", "strong") or _BOLD_STYLE.search(style):
            self.bold += 1
        elif _NORMAL_STYLE.search(style):
            self.bold = 0
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.heading = int(tag[1])
            self.bold += 1
        if tag == "pre":
            self.pre += 1
        self.add(el.text)
        for child in el:
            self.walk(child)
            self.add(child.tail)
        if block:
            self.flush()
        self.bold, self.heading, self.pre = saved

    def list(self, el: etree._Element) -> None:
        ordered = el.tag == "ol"
        kind = el.get("type") or "1"
        n = _int(el.get("start"), 1)
        if ordered and el.get("reversed") is not None and el.get("start") is None:
            n = sum(1 for li in el if li.tag == "li")
        step = -1 if ordered and el.get("reversed") is not None else 1
        for child in el:
            if child.tag != "li":  # stray text or elements between items
                self.walk(child)
                self.add(child.tail)
                self.flush()
                continue
            if ordered:
                n = _int(child.get("value"), n)
            self.label = _ol_label(n, kind) if ordered else "-"
            self.walk(child)
            self.label = None
            self.add(child.tail)
            self.flush()
            n += step

    def table(self, el: etree._Element) -> None:
        index = self.tables
        self.tables += 1
        saved = self.cell
        for caption in el.iterchildren("caption"):
            self.cell = saved
            self.walk(caption)
        for r, row in enumerate(_rows(el)):
            cells = [c for c in row if c.tag in ("td", "th")]
            for c, cell in enumerate(cells):
                self.cell = (index, r, c)
                self.walk(cell)
                self.flush()
        self.cell = saved


def _rows(table: etree._Element) -> Iterable[etree._Element]:
    """The table's own rows, through thead/tbody/tfoot, not those of nested tables."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (r for r in child if r.tag == "tr")


def render_blocks(main: etree._Element, skip: etree._Element | None) -> list[RawBlock]:
    """Blocks of ``main`` in document order, leaving out ``skip`` (the title h1)."""
    emitter = _Emitter(skip=skip)
    emitter.walk(main)
    emitter.flush()
    return emitter.blocks
