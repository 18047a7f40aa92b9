"""HTML portal and news pages: the article (the directive's text), without the page around it.

A directive published on a government portal or saved from a browser is one article inside a
page of menus, breadcrumbs, share buttons, related-news lists and footers, all of which would
become false tasks, units or dates if read. The parser therefore:

1. decodes the bytes itself (BOM, then ``<meta charset>`` / http-equiv / XML declaration, else
   UTF-8, else Windows-1258, the Vietnamese Windows page), so a mislabelled page still reads;
2. drops what is never visible (script, style, hidden elements) and what is page chrome by tag
   (nav, header, footer, aside, form) or by class/id (menu, breadcrumb, share, related, …),
   except a wrapper holding most of the page's text (ASP.NET portals wrap everything in a form);
3. scores the remaining containers by non-link text, damped by link density, with a small bonus
   for ``article``/``main`` and content-like class names (content, detail, noidung, …), and
   reads only the best one, dropping link lists left inside it;
4. emits one :class:`RawBlock` per paragraph or ``<br>`` line, table cells with
   ``cell=(table, row, column)``, list labels written into the text ("- ", "1. "), headings
   from h1–h6, and bold when the whole line is bold; the title (h1, else ``<title>``) comes first.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from extractor.errors import EmptyDocument, UnreadableFile
from extractor.tree import ParsedDocument, RawBlock

# -- decoding -------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml\b[^>]*\?>", re.I)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "x-user-defined": "cp1252",
    "unicode": "utf-8",
}


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """The page as text, the codec used and warnings: BOM, declared charset, UTF-8, cp1258."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8", warnings
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", warnings
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    declared = _codec(m.group(1).decode("ascii", "replace")) if m else None
    if m and declared is None:
        warnings.append(f"unknown charset {m.group(1).decode('ascii', 'replace')!r}; guessed instead")
    if declared and declared not in ("utf-8", "cp1252"):
        try:
            return data.decode(declared), declared, warnings
        except UnicodeDecodeError:
            warnings.append(f"page is not valid {declared} as declared; guessed instead")
    try:
        text = data.decode("utf-8")
        if declared == "cp1252" and not text.isascii():
            warnings.append("page declared Latin-1 but is UTF-8; read as UTF-8")
        return text, "utf-8", warnings
    except UnicodeDecodeError as err:
        if declared == "utf-8":
            warnings.append(f"page is not valid UTF-8 as declared (byte {err.start}); read as windows-1258")
    if declared == "cp1252":
        return data.decode("cp1252", errors="replace"), "cp1252", warnings
    return data.decode("cp1258", errors="replace"), "cp1258", warnings


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name in ("utf-8", "utf-8-sig") else name


# -- cleaning -------------------------------------------------------------------------------------

# Never visible or never text: removed with everything inside.
_INVISIBLE = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "select",
    "button",
    "input",
    "textarea",
    "head",
    "link",
    "meta",
)
# Page chrome by tag; kept only when it wraps most of the page.
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "menu"}
_CHROME_CLASS = re.compile(
    r"menu|nav|breadcrumb|share|social|related|comment|footer|header|sidebar|banner|login|print|"
    r"byline|author|dateline|publish|pager|pagination|popup|modal|cookie|advert|sponsor|widget|logo|"
    r"toolbar|search|subscribe|newsletter|rating|lienquan|tinkhac|cungchuyenmuc|chiase|binhluan|"
    r"danhmuc|tieudiem|quangcao|"
    r"(?:^|[^a-z])(?:tags?|ads?|date|time|meta|top|bottom)(?:[^a-z]|$)",
    re.I,
)
# Content-like names: a bonus when scoring, and they spare a chrome-named box holding the h1.
_CONTENT_CLASS = re.compile(
    r"content|article|detail|body|noidung|chitiet|baiviet|news-?content|entry|post|main|column|"
    r"document|vanban|van-ban|fulltext|toanvan",
    re.I,
)
_CANDIDATE_TAGS = {"article", "main", "section", "div", "td", "body", "center", "font"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_NORMAL_STYLE = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-4]00)", re.I)
_SITE_SUFFIX = re.compile(r"cổng|trang|portal|website|báo|tin tức|\.vn|\.com|\.net|\.org", re.I)
_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def _names(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


@dataclass
class _Counts:
    """Non-space characters of text, and of text inside links, for every element."""

    text: dict[etree._Element, int] = field(default_factory=dict)
    link: dict[etree._Element, int] = field(default_factory=dict)

    def measure(self, el: etree._Element, in_link: bool = False) -> tuple[int, int]:
        in_link = in_link or el.tag == "a"
        own = _chars(el.text)
        text, link = own, own if in_link else 0
        for child in el:
            t, lk = self.measure(child, in_link)
            tail = _chars(child.tail)
            text += t + tail
            link += lk + (tail if in_link else 0)
        self.text[el], self.link[el] = text, link
        return text, link

    def density(self, el: etree._Element) -> float:
        text = self.text.get(el, 0)
        return self.link.get(el, 0) / text if text else 0.0


def _chars(s: str | None) -> int:
    return len(s) - sum(1 for c in s if c.isspace()) if s else 0


def _hidden(el: etree._Element) -> bool:
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(el.get("style") or ""))
    )


def _is_chrome(el: etree._Element) -> bool:
    """Page chrome by tag (nav, header, …) or by class/id name (menu, share, related, …)."""
    if el.tag in ("table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    if el.tag in _CHROME_TAGS:
        return True
    names = _names(el)
    return bool(names) and bool(_CHROME_CLASS.search(names))


def _article_head(el: etree._Element) -> bool:
    """An article's own header box (h1 inside, content-like name or inside article/main)."""
    if next(iter(el.iter("h1")), None) is None:
        return False
    if _CONTENT_CLASS.search(_names(el)):
        return True
    return any(a.tag in ("article", "main") for a in el.iterancestors())


def _prune(el: etree._Element, counts: _Counts, total: int) -> None:
    """Drop hidden and chrome elements; keep a wrapper of most of the page, and the article head."""
    for child in list(el):
        if not isinstance(child.tag, str):
            continue
        if _hidden(child):
            child.drop_tree()
            continue
        if _is_chrome(child):
            wrapper = counts.text.get(child, 0) >= 0.5 * total and counts.density(child) < 0.5
            if not wrapper and not _article_head(child):
                child.drop_tree()
                continue
        _prune(child, counts, total)


def _drop_link_lists(main: etree._Element, counts: _Counts) -> None:
    """Lists and boxes that are mostly links (an unlabelled menu, "see also") inside the article."""
    total = counts.text.get(main, 0)
    for el in list(main.iter("ul", "ol", "div", "section", "p", "table", "dl")):
        if el is main or el.getparent() is None:
            continue
        text = counts.text.get(el, 0)
        if text and counts.density(el) > 0.5 and text < 0.5 * total:
            el.drop_tree()


def _main_content(body: etree._Element, counts: _Counts) -> etree._Element:
    """The container with the most non-link text, nudged toward article-like names and tags."""
    best, best_score = body, -1.0
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag not in _CANDIDATE_TAGS:
            continue
        text = counts.text.get(el, 0)
        if not text:
            continue
        link = counts.link.get(el, 0)
        score = (text - link) * (1 - link / text)
        bonus = 1.0
        if el.tag in ("article", "main"):
            bonus += 0.1
        if _CONTENT_CLASS.search(_names(el)):
            bonus += 0.15
        score *= bonus
        if score > best_score:
            best, best_score = el, score
    return best


# -- title ----------------------------------------------------------------------------------------


def _title(page_title: str, body: etree._Element, main: etree._Element) -> tuple[etree._Element | None, str]:
    """The h1 in the article, else the last h1 before it, else the first after, else <title>."""
    inside = next(iter(main.iter("h1")), None)
    if inside is not None:
        return inside, _flat(inside)
    before: etree._Element | None = None
    after: etree._Element | None = None
    seen_main = False
    for el in body.iter():
        if el is main:
            seen_main = True
        elif el.tag == "h1":
            if not seen_main:
                before = el
            elif after is None:
                after = el
    chosen = before if before is not None else after
    if chosen is not None and _flat(chosen):
        return chosen, _flat(chosen)
    parts = [p.strip() for p in re.split(r"\s+[|–—]\s+|\s+-\s+(?=[^-]*$)", page_title) if p.strip()]
    if len(parts) > 1 and _SITE_SUFFIX.search(parts[-1]):
        parts = parts[:-1]
    return None, " - ".join(parts) if parts else ""


_DIRECTIVE_HEADER = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|[ỦU][ỶY] BAN NHÂN DÂN|Số\b|Độc lập)", re.I)


def _starts_with_directive_header(blocks: list[RawBlock]) -> bool:
    """Whether the article opens with an official header (issuer, number, national motto)."""
    return any(_DIRECTIVE_HEADER.match(b.text.strip()) for b in blocks[:6])


def _flat(el: etree._Element) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


# -- emitting blocks --------------------------------------------------------------------------------

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
        self.segments.append((_SPACE.sub(" ", text), self.bold > 0))

    def flush(self) -> None:
        """End the current line: one block, bold when every visible segment was bold."""
        segments, self.segments = self.segments, []
        text = "".join(s for s, _ in segments)
        if not self.pre:
            text = _SPACE.sub(" ", text.replace("\xa0", " ")).strip()
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


# -- entry point ------------------------------------------------------------------------------------


def parse_html(data: bytes) -> ParsedDocument:
    """Blocks of the page's main content, title first; chrome around the article is left out."""
    if not data.strip():
        raise EmptyDocument("the HTML file is empty")
    text, encoding, warnings = decode_html(data)
    if "\x00" in text:
        raise UnreadableFile("binary content, not an HTML page")
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 0.02 * min(len(text), 65536):
        raise UnreadableFile("binary content, not an HTML page")
    text = _XML_DECL.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text)
    except etree.ParserError as err:
        if not text.strip() or "empty" in str(err).lower():
            raise EmptyDocument("the HTML page has no content") from err
        raise UnreadableFile(f"not readable HTML: {err}") from err
    except (ValueError, etree.LxmlError) as err:
        raise UnreadableFile(f"not readable HTML: {err}") from err

    title_el = root.find(".//title")
    page_title = _flat(title_el) if title_el is not None else ""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *_INVISIBLE, with_tail=False)
    body = root.find("body")
    if body is None:
        body = root
    counts = _Counts()
    counts.measure(body)
    _prune(body, counts, counts.text.get(body, 0))
    counts = _Counts()
    counts.measure(body)
    main = _main_content(body, counts)
    _drop_link_lists(main, counts)
    h1, title = _title(page_title, body, main)

    emitter = _Emitter(skip=h1)
    emitter.walk(main)
    emitter.flush()
    blocks = emitter.blocks
    if title and not (blocks and blocks[0].text.strip() == title):
        if _starts_with_directive_header(blocks):
            # the document's own header (issuer, Số, Quốc hiệu) must stay on top for the header
            # finder; the portal's title only repeats the subject
            warnings.append(f"page title left out before the document header: {title!r}")
        else:
            blocks.insert(0, RawBlock(title, None, True, 1, None))
    if not any(b.text.strip() for b in blocks):
        raise EmptyDocument("the HTML page has no readable text")
    if encoding not in ("utf-8", "utf-16"):
        warnings.append(f"decoded as {encoding}")
    return ParsedDocument("html", blocks, warnings)
