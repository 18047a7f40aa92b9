"""The words every header reader shares: how bodies and places are named, and the date words.

Read from the ``names`` and ``dates`` sections of ``extractor/data/header.yaml``. The official
header and the signature both name an issuer ("ỦY BAN NHÂN DÂN HUYỆN X" → "Ủy ban nhân dân
huyện X") and both add a place level to it, so the lists and those two steps live here once.
"""

from __future__ import annotations

import re

from extractor.find.textutil import smart_case
from extractor.lexicon import LexiconModel, alternation, load
from extractor.normalize import fold

__all__ = [
    "DATES",
    "NAMES",
    "DateWords",
    "Names",
    "as_written",
    "cases",
    "has_place_level",
    "issuer_case",
    "place_levels",
]


class Names(LexiconModel):
    """header.yaml: names."""

    place_levels: list[str]
    other_place_words: list[str]
    unit_heads: list[str]
    named_with_parent: list[str]

    @property
    def place_words(self) -> list[str]:
        return [*self.place_levels, *self.other_place_words]


class DateWords(LexiconModel):
    """header.yaml: dates."""

    day: str
    month: str
    year: str


NAMES = load("header.yaml", Names, section="names")
DATES = load("header.yaml", DateWords, section="dates")


def as_written(phrases: list[str], optional_capital: bool = False) -> str:
    """Alternation of ``phrases`` in the data file's order, exact spaces (the tuned regexes)."""
    return alternation(phrases, longest_first=False, flexible_space=False, optional_capital=optional_capital)


def cases(word: str) -> str:
    """ "ngày|Ngày|NGÀY": a header word in lower case, capitalised, and in capitals."""
    return as_written([word, word[:1].upper() + word[1:], word.upper()])


def place_levels() -> str:
    """ "tỉnh|thành phố|…": the administrative levels, as an alternation."""
    return as_written(NAMES.place_levels)


def issuer_case(text: str) -> str:
    """A body's name printed in capitals, cased as the body writes it."""
    return smart_case(text, NAMES.place_words, NAMES.unit_heads)


_PLACE_LEVEL = re.compile(rf"\b(?:{place_levels()})\b")


def has_place_level(name: str) -> bool:
    """Whether ``name`` already says where the body is ("… tỉnh Đồng Tháp")."""
    return _PLACE_LEVEL.search(name) is not None


def names_a_body(text: str) -> bool:
    """A header line that starts a body's name or continues one with its place ("SỞ TÀI CHÍNH",
    "HUYỆN ĐẮK R’LẤP"), compared folded so that OCR's wrong diacritics still count."""
    low = fold(text)
    return any(low == w or low.startswith(w + " ") for w in _FOLDED_STARTS)


_FOLDED_STARTS = sorted({fold(w) for w in [*NAMES.unit_heads, *NAMES.place_words]}, key=len, reverse=True)
