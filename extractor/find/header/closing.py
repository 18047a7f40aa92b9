"""The closing blocks: "Nơi nhận" (the cc list) and the signature (authority, title, name).

They normally end the document, in either order and often side by side as "|" cells; a Phụ lục
(often a table of tasks) may follow them. The reader also says where the body ends, where an
appendix starts, and names the issuer from "TM. ỦY BAN NHÂN DÂN" when the header does not. The
words are in the ``closing`` section of ``extractor/data/header.yaml``.
"""

from __future__ import annotations

import re

from extractor.find import thresholds as th
from extractor.find.header.cells import Cell, Metadata, cells, list_after
from extractor.find.header.words import as_written, has_place_level, issuer_case, place_levels
from extractor.find.textutil import is_rule, is_upper
from extractor.lexicon import LexiconModel, load
from extractor.spans import ValueSpan
from extractor.tree import Document

__all__ = ["ClosingWords", "issuer_from_signature", "read_closing"]


class ClosingWords(LexiconModel):
    """header.yaml: closing."""

    cc_labels: list[str]
    cc_label_misspellings: list[str]
    authorities: dict[str, str]
    on_behalf: list[str]
    name_prefixes: list[str]
    signed_marks: list[str]
    surnames: list[str]


W = load("header.yaml", ClosingWords, section="closing")

_NOI_NHAN = re.compile(rf"^(?:{as_written([*W.cc_labels, *W.cc_label_misspellings])})\s*:?\s*(?P<rest>.*)$")
_INLINE_NOI_NHAN = re.compile(rf"(?:\./\.|\.)\s*({as_written(W.cc_labels)})\s*:")  # "… ./. Nơi nhận:"
_AUTHORITY = re.compile(rf"^(?P<a>{as_written(list(W.authorities))})\s*(?=[A-ZĐÀ-Ỹ])")
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
_MORE_WORDS = th.SIGNER_NAME_MAX_WORDS - 1
_NAME = re.compile(
    rf"^(?:(?:{as_written(W.name_prefixes)})\s*)?{_NAME_WORD}(?: {_NAME_WORD}){{1,{_MORE_WORDS}}}$"
)
_GLUED_NAME = re.compile(rf"(?<=[A-ZĐÀ-Ỹ])(?={_NAME_WORD}(?: {_NAME_WORD}){{1,{_MORE_WORDS}}}$)")
_TM_BODY = re.compile(
    rf"^(?:{as_written(W.on_behalf)})\s*(?P<body>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]"
    rf"{{{th.SIGNATURE_BODY_MIN_CHARS},{th.SIGNATURE_BODY_MAX_CHARS}}})$"
)
_SURNAMES = frozenset(W.surnames)
_ON_BEHALF = frozenset(W.authorities[mark] for mark in W.on_behalf)  # canonical: {"TM."}
_LEVEL_BEFORE = rf"\b({place_levels()})\s+"  # "huyện " before a place name


def read_closing(doc: Document, meta: Metadata) -> None:
    """Nơi nhận list and the signature block, in whichever order they come.

    They normally close the document, but a Phụ lục (often a table of tasks) may follow.
    """
    n = len(doc.lines)
    first = max(0, n - th.CLOSING_LINES)
    noi = [ln.index for ln in doc.lines if _NOI_NHAN.match(ln.text.split("|")[0].strip())]
    if noi and noi[0] < first:
        first = max(0, noi[0] - th.NOI_NHAN_LINES_BEFORE)
        n = min(n, noi[0] + th.NOI_NHAN_LINES_AFTER)
    found = cells(doc, first, n)
    for i, cell in enumerate(found):
        m = _NOI_NHAN.match(cell.text)
        if m is None:
            inline = _INLINE_NOI_NHAN.search(cell.text)
            if inline:
                meta.body_end = min(meta.body_end, cell.start + inline.start(1))
                meta.cc = list_after(doc, found, i, cell, "", "CC")
            continue
        meta.body_end = min(meta.body_end, cell.start)
        meta.cc = list_after(doc, found, i, cell, m.group("rest"), "CC")
    _read_signer(doc, found, meta, official=bool(noi or meta.cc))
    ends = [s.end for s in (meta.signer_name, *meta.cc) if s is not None]
    if ends:
        tail = max(ends)
        rest = doc.text[tail:]
        if len(rest.strip()) > th.APPENDIX_MIN_CHARS:
            meta.tail_start = tail + (len(rest) - len(rest.lstrip()))


def _read_signer(doc: Document, cells: list[Cell], meta: Metadata, official: bool = True) -> None:
    """The last name under a title in capitals, from the end up; the title may be glued to it."""
    cc_lines = {c.start for c in meta.cc}
    titles: list[Cell] = []
    for i in range(len(cells) - 1, -1, -1):
        cell = cells[i]
        t = cell.text
        if not t or t.startswith("[") or cell.start in cc_lines:
            continue
        glued = _GLUED_NAME.search(t)
        name_text, name_start = t, cell.start
        if glued and is_upper(t[: glued.start()]) and len(t[: glued.start()]) > th.GLUED_TITLE_MIN_CHARS:
            name_text, name_start = t[glued.start() :], cell.start + glued.start()
            titles = [Cell(cell.line, cell.start, cell.start + glued.start(), t[: glued.start()].strip())]
            prev = next((c for c in reversed(cells[:i]) if c.text and c.col == cell.col), None)
            if prev is not None and _AUTHORITY.match(prev.text):
                titles.insert(0, prev)  # "KT. CHÁNH VĂN PHÒNG" above "PHÓ CHÁNH VĂN PHÒNGThái Hữu Phép"
        if not _NAME.match(name_text) or is_upper(name_text):
            continue
        if not titles:
            titles = _titles_above(cells, i)
        if not titles and not (official and _bare_signer(cells, i, name_text)):
            continue
        meta.signer_name = ValueSpan(
            name_start, name_start + len(name_text), name_text, "SIGNER", value=name_text
        )
        if titles:
            _set_title(titles, meta)
            meta.body_end = min(meta.body_end, titles[0].start)
        else:
            meta.body_end = min(meta.body_end, name_start)
        return


def _bare_signer(cells: list[Cell], i: int, name: str) -> bool:
    """A name with no title above it is the signer's only in a document with a Nơi nhận list (not
    a portal article's byline), at the very end of the closing blocks (nothing but OCR junk
    after it), and when it starts with a family name: the title was stamped in red or lost
    under the seal."""
    if name.split()[0] not in _SURNAMES:
        return False
    return all(_junk(c.text) for c in cells[i + 1 :] if c.text)


def _titles_above(cells: list[Cell], i: int) -> list[Cell]:
    """A title in capitals must stand just above the name (stamp lines "(Đã ký)" may come between)."""
    cell = cells[i]
    start = max(0, i - th.SIGNER_TITLE_CELLS)
    above = [c for c in cells[start:i] if c.text and not is_rule(c.text) and c.col == cell.col]
    titles: list[Cell] = []
    for c in reversed(above):
        if is_upper(c.text) and not _NOI_NHAN.match(c.text) and not c.text.startswith("-"):
            titles.insert(0, c)
        elif titles:
            break
        elif c.text.startswith(("(", *W.signed_marks)) or _junk(c.text):
            continue  # a stamp line, or what OCR made of a signature or a seal
        else:
            break
    return titles


def _junk(text: str) -> bool:
    """A line with hardly any letters ("ˆ", "-_ 1`", "c7"): OCR's reading of ink, not text."""
    letters = sum(ch.isalpha() for ch in text)
    return letters < th.JUNK_LINE_MAX_LETTERS or letters < th.JUNK_LINE_LETTER_SHARE * len(
        text.replace(" ", "")
    )


def _set_title(titles: list[Cell], meta: Metadata) -> None:
    """Authority ("KT.") and title ("PHÓ CHỦ TỊCH") from the title cells above the name."""
    auth_cell = next((c for c in titles if _AUTHORITY.match(c.text)), None)
    if auth_cell is not None:
        a = _AUTHORITY.match(auth_cell.text)
        assert a is not None
        meta.signer_authority = ValueSpan(
            auth_cell.start,
            auth_cell.start + a.end("a"),
            a.group("a"),
            "AUTHORITY",
            value=W.authorities[a.group("a")],
        )
    plain = [c for c in titles if not _AUTHORITY.match(c.text)]
    title_cell = plain[0] if plain else titles[-1]
    title = _AUTHORITY.sub("", title_cell.text).strip()
    meta.signer_title = ValueSpan(
        title_cell.start, title_cell.end, title_cell.text, "SIGNER_TITLE", value=title
    )


def issuer_from_signature(doc: Document, meta: Metadata) -> None:
    """ "TM. ỦY BAN NHÂN DÂN" names the issuing body when the header does not print it."""
    if meta.signer_authority is None or meta.signer_authority.value not in _ON_BEHALF:
        return
    line = next((ln for ln in doc.lines if ln.start <= meta.signer_authority.start < ln.end + 1), None)
    m = _TM_BODY.match(line.text.split("|")[-1].strip()) if line else None
    if m is None:
        return
    body = issuer_case(m.group("body").strip())
    if meta.place is not None and not has_place_level(body):
        place = meta.place.value
        level = re.search(rf"{_LEVEL_BEFORE}{re.escape(place)}\b", doc.text)
        body = f"{body} {level.group(1) + ' ' if level else ''}{place}"
    s = line.start + line.text.index(m.group("body")) if line else 0
    meta.issuer = ValueSpan(s, s + len(m.group("body")), m.group("body"), "ISSUER", value=body)
