"""Paragraphs and the section tree of a directive's body.

Converters hard-wrap lines mid-sentence and split paragraphs across page breaks; the first
step joins such lines back into paragraphs. Each paragraph then gets its list marker
(Phần, Chương, Điều, I., 1., 1.1., a), (1), -, +) and a place in a tree built from the
numbering hierarchy, so each item knows its heading path.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from extractor.find.textutil import is_rule, is_upper
from extractor.find.thresholds import (
    HEADING_MAX_WORDS,
    HEADING_MAX_WORDS_NUMBERED,
    PARAGRAPH_JOIN_MAX_LINE_GAP,
    PART_TITLE_MAX_WORDS,
)
from extractor.lexicon import LexiconModel, alternation, load
from extractor.tree import Document

# Marker kinds in nesting order (lower rank = outer).
RANKS = {
    "part": 0,
    "chapter": 1,
    "section": 2,  # "Mục 1"
    "article": 3,  # "Điều 1."
    "roman": 4,
    "decimal": 5,
    "multi": 6,  # 1.1.
    "letter": 7,
    "paren": 8,  # (1)
    "dash": 9,
    "plus": 10,
    "star": 11,
}


class StructureLexicon(LexiconModel):
    """Schema of structure.yaml: the words of part, chapter, section and article markers."""

    part: list[str]
    ordinal: str
    chapter: list[str]
    section: list[str]
    article: list[str]


def _words(phrases: list[str]) -> str:
    return alternation(phrases, longest_first=False, flexible_space=False)


@functools.lru_cache(maxsize=1)
def _markers() -> list[tuple[str, re.Pattern[str]]]:
    """Marker patterns in the order they are tried (compiled on first use: words are data)."""
    lex = load("structure.yaml", StructureLexicon)
    ordinal = re.escape(lex.ordinal)
    return [
        (
            "part",
            re.compile(
                rf"^(?:{_words(lex.part)})\s+(?:{ordinal.upper()}\s+[A-ZÀ-Ỹ]+|{ordinal}\s+[a-zà-ỹ]+|[IVXLC]+|[0-9]+)\b[.:]?\s*"
            ),
        ),
        ("chapter", re.compile(rf"^(?:{_words(lex.chapter)})\s+[IVXLC0-9]+\b[.:]?\s*")),
        ("section", re.compile(rf"^(?:{_words(lex.section)})\s+[0-9IVX]+\b[.:]?\s+")),
        ("article", re.compile(rf"^(?:{_words(lex.article)})\s+[0-9]+\s*[.:]\s*")),
        ("roman", re.compile(r"^(?:[IVX]{1,5})\s*[.)/]\s*(?=\S)")),
        ("multi", re.compile(r"^[0-9]{1,2}(?:\.[0-9]{1,2}){1,3}\.?\s+(?=\S)")),
        ("decimal", re.compile(r"^[0-9]{1,2}\s*[.)/]\s*(?=[^\s0-9/])")),
        ("letter", re.compile(r"^[a-zđ]\s*[)]\s*|^[a-zđ]\.\s+(?=[A-ZĐÀ-Ỹ])")),
        ("paren", re.compile(r"^\([0-9]{1,2}\)\s*|^\([a-zđ]\)\s*")),
        ("dash", re.compile(r"^[-–—•·]\s*(?=\S)")),
        ("plus", re.compile(r"^\+\s*(?=\S)")),
        ("star", re.compile(r"^\*\s+(?=\S)")),
    ]


_TERMINAL = re.compile(r"[.;:!?…]\s*(?:\./\.|\.)?[\"”)]*$")


def marker_of(text: str) -> tuple[str | None, int]:
    """The marker kind of a paragraph and where its content starts."""
    for kind, regex in _markers():
        m = regex.match(text)
        if m:
            if kind == "decimal" and re.match(r"^[0-9]{1,2}\s*/\s*[0-9]", text):
                continue  # a date "10/5/2022", not "1/"
            return kind, m.end()
    return None, 0


@dataclass
class Paragraph:
    index: int
    start: int
    end: int
    text: str  # whitespace-collapsed
    first_line: int
    last_line: int
    marker: str | None
    content_start: int  # offset in the document where the content after the marker begins
    bold: bool = False
    heading_flag: bool = False
    page: int | None = None
    parent: int | None = None
    children: list[int] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return RANKS[self.marker] if self.marker else 99

    @property
    def content(self) -> str:
        return self.text[self._skip :] if hasattr(self, "_skip") else self.text

    def headingish(self) -> bool:
        """Reads like a heading: bold, a Markdown/Word heading, ends with ':' or has no full stop."""
        if self.bold or self.heading_flag or self.text.endswith(":"):
            return True
        if self.marker in ("part", "chapter", "section", "roman"):
            return True
        words = len(self.text.split())
        # a numbered line without a full stop names its section even when long ("1. Các phòng,
        # ban ngành, …, Ủy ban nhân dân các xã, thị trấn" in a plain-text copy without bold)
        limit = (
            HEADING_MAX_WORDS_NUMBERED if self.marker in ("decimal", "multi", "letter") else HEADING_MAX_WORDS
        )
        return words <= limit and not _TERMINAL.search(self.text)


def _starts_lower(text: str) -> bool:
    first = text[:1]
    return bool(first) and first.isalpha() and first.islower()


def paragraphs(doc: Document, start: int, end: int, skip_lines: set[int] | None = None) -> list[Paragraph]:
    """Join the lines between offsets ``start`` and ``end`` into paragraphs (``skip_lines``: line indexes)."""
    out: list[Paragraph] = []
    for line in doc.lines:
        if line.end <= start or line.start >= end or (skip_lines and line.index in skip_lines):
            continue
        text = line.text.strip()
        if not text or (is_rule(text) and not text.startswith(("-", "+"))):
            continue
        kind, skip = marker_of(text)
        if out:
            prev = out[-1]
            continues = kind is None and (
                (_starts_lower(text) and not _TERMINAL.search(prev.text))
                or (
                    prev.bold
                    and line.bold
                    and not _TERMINAL.search(prev.text)
                    and doc.lines[prev.last_line + 1 : line.index] == []
                )
                or (prev.text.endswith((",", " và", "-")) and kind is None and not is_upper(text))
            )
            if continues and line.index - prev.last_line <= PARAGRAPH_JOIN_MAX_LINE_GAP:
                prev.end = line.end
                prev.last_line = line.index
                prev.text = " ".join(doc.text[prev.start : prev.end].split())
                continue
        s = line.start + (len(line.text) - len(line.text.lstrip()))
        out.append(
            Paragraph(
                index=len(out),
                start=s,
                end=line.end,
                text=" ".join(text.split()),
                first_line=line.index,
                last_line=line.index,
                marker=kind,
                content_start=s + skip,
                bold=line.bold,
                heading_flag=line.heading is not None,
                page=line.page,
            )
        )
    _merge_titles(out)
    _build_tree(out)
    return out


def _merge_titles(paras: list[Paragraph]) -> None:
    """ "Phần thứ ba" + "MỘT SỐ NHIỆM VỤ …" on the next line are one heading."""
    i = 0
    while i < len(paras) - 1:
        p, nxt = paras[i], paras[i + 1]
        short_part = (
            p.marker in ("part", "chapter", "section") and len(p.text.split()) <= PART_TITLE_MAX_WORDS
        )
        if short_part and nxt.marker is None and is_upper(nxt.text):
            p.end = nxt.end
            p.last_line = nxt.last_line
            p.text = f"{p.text} {nxt.text}"
            del paras[i + 1]
            for j, q in enumerate(paras):
                q.index = j
            continue
        i += 1


def _build_tree(paras: list[Paragraph]) -> None:
    stack: list[Paragraph] = []
    for p in paras:
        if p.marker is None and not (p.bold or p.heading_flag):
            # plain text belongs to the nearest open heading, not to a finished list item
            while stack and not stack[-1].headingish():
                stack.pop()
        else:
            rank = p.rank if p.marker else _bold_rank(stack)
            while stack and (stack[-1].rank if stack[-1].marker else _bold_rank(stack[:-1])) >= rank:
                stack.pop()
        if stack:
            p.parent = stack[-1].index
            stack[-1].children.append(p.index)
        stack.append(p)


def _bold_rank(stack: list[Paragraph]) -> int:
    """A bold or Markdown heading without a number sits just below the open heading."""
    for q in reversed(stack):
        if q.marker:
            return q.rank + 1 if q.headingish() else q.rank
    return RANKS["roman"]


def heading_path(paras: list[Paragraph], p: Paragraph) -> list[Paragraph]:
    path: list[Paragraph] = []
    node = p.parent
    while node is not None:
        path.insert(0, paras[node])
        node = paras[node].parent
    return path
