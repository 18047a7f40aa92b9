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

Step 1 is ``html_charset.py``, steps 2–3 ``html_content.py``, step 4 ``html_blocks.py``.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from extractor.diagnostics import Diagnostic
from extractor.errors import EmptyDocument, UnreadableFile
from extractor.parse.html_blocks import render_blocks
from extractor.parse.html_charset import decode_html
from extractor.parse.html_content import find_article
from extractor.tree import ParsedDocument, RawBlock

__all__ = ["decode_html", "parse_html"]

# Characters checked for control codes, and the share of them that makes the file binary
# (a renamed .doc or image), not a page with a few stray control characters.
BINARY_SCAN_CHARS = 65536
MAX_CONTROL_SHARE = 0.02
# An official header (issuer, number, national motto) opens the article within this many blocks.
HEADER_SCAN_BLOCKS = 6

# lxml refuses a str that still carries an XML encoding declaration.
_XML_DECL = re.compile(r"^\s*<\?xml\b[^>]*\?>", re.I)

_DIRECTIVE_HEADER = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|[ỦU][ỶY] BAN NHÂN DÂN|Số\b|Độc lập)", re.I)


def _starts_with_directive_header(blocks: list[RawBlock]) -> bool:
    """Whether the article opens with an official header (issuer, number, national motto)."""
    return any(_DIRECTIVE_HEADER.match(b.text.strip()) for b in blocks[:HEADER_SCAN_BLOCKS])


def parse_html(data: bytes) -> ParsedDocument:
    """Blocks of the page's main content, title first; chrome around the article is left out."""
    if not data.strip():
        raise EmptyDocument("the HTML file is empty")
    text, encoding, warnings = decode_html(data)
    if "\x00" in text:
        raise UnreadableFile("binary content, not an HTML page")
    controls = sum(1 for c in text[:BINARY_SCAN_CHARS] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > MAX_CONTROL_SHARE * min(len(text), BINARY_SCAN_CHARS):
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

    main, h1, title = find_article(root)
    blocks = render_blocks(main, skip=h1)
    if title and not (blocks and blocks[0].text.strip() == title):
        if _starts_with_directive_header(blocks):
            # the document's own header (issuer, Số, Quốc hiệu) must stay on top for the header
            # finder; the portal's title only repeats the subject
            warnings.append(
                Diagnostic(
                    "title-dropped", "html", f"page title left out before the document header: {title!r}"
                )
            )
        else:
            blocks.insert(0, RawBlock(title, None, True, 1, None))
    if not any(b.text.strip() for b in blocks):
        raise EmptyDocument("the HTML page has no readable text")
    if encoding not in ("utf-8", "utf-16"):
        warnings.append(Diagnostic("charset-guessed", "html", f"decoded as {encoding}"))
    return ParsedDocument("html", blocks, warnings)
