"""Small text helpers shared by the finders (all on normalized text).

Words (abbreviations, fixed spellings) are in ``extractor/data/text.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from extractor.find.thresholds import UPPER_SHARE
from extractor.lexicon import LexiconModel, alternation, load


class TextLexicon(LexiconModel):
    """``text.yaml``."""

    sentence_abbreviations: list[str]
    fixed_case: dict[str, str]
    upper_abbreviations: list[str]


def _words() -> TextLexicon:
    return load("text.yaml", TextLexicon)


_LETTER = re.compile(r"[^\W\d_]")


def is_upper(text: str, threshold: float = UPPER_SHARE) -> bool:
    """Mostly capitals (header lines, type names): ignores digits and punctuation."""
    letters = _LETTER.findall(text)
    if len(letters) < 2:
        return False
    return sum(ch.isupper() for ch in letters) / len(letters) >= threshold


def is_rule(text: str) -> bool:
    """A horizontal rule as converters render it: ----, ____, ****, ====, or a lone '|'."""
    stripped = text.strip()
    return bool(stripped) and not _LETTER.search(stripped) and not re.search(r"[0-9]", stripped)


# A sentence ends at . ! ? ; followed by space and a capital or an opening mark, never inside
# numbers ("1.500", "16.7") or abbreviations followed by lower case ("TP. Hà Nội" is rare).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-ZĐÀ-Ỹ])")


@functools.lru_cache(maxsize=1)
def _abbrev_before() -> re.Pattern[str]:
    """An abbreviation and its "." at the end of the text before a candidate sentence end."""
    words = alternation(_words().sentence_abbreviations, longest_first=False, flexible_space=False)
    return re.compile(r"(?:\b(?:" + words + r")\.)$")


def sentences(text: str, offset: int = 0) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of sentences in ``text`` shifted by ``offset``."""
    abbrev = _abbrev_before()
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start : m.start()]
        if abbrev.search(before):
            continue
        end = m.start()
        if before.strip():
            yield offset + start, offset + end
        start = m.end()
    if text[start:].strip():
        end = len(text.rstrip())
        yield offset + start, offset + end


def smart_case(text: str, place_words: list[str], heads: list[str]) -> str:
    """Turn a name printed in capitals into the way the body writes it.

    "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH" → "Ủy ban nhân dân huyện Châu Thành";
    "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Bộ Văn hóa, Thể thao và Du lịch". Scoring compares
    names case-insensitively; this is for the people reading the records.
    """
    if not is_upper(text):
        return text
    lex = _words()
    fixed, abbreviations = lex.fixed_case, lex.upper_abbreviations
    words = text.lower().split()
    out: list[str] = []
    cap_next = True
    in_place = False
    i = 0
    while i < len(words):
        matched_head = next(
            (h for h in sorted(heads, key=len, reverse=True) if words[i : i + len(h.split())] == h.split()),
            None,
        )
        two = " ".join(words[i : i + 2]).rstrip(",")
        if two in fixed:
            out.append(fixed[two] + ("," if words[i + 1].endswith(",") else ""))
            i += 2
            cap_next = False
            continue
        word = words[i]
        bare = word.rstrip(",.;")
        if bare in abbreviations:
            out.append(word.upper())
            cap_next = True
        elif bare in place_words or two in place_words:
            n = 2 if two in place_words and bare not in place_words else 1
            out.extend(words[i : i + n])
            i += n
            in_place = True
            continue
        elif in_place:
            out.append(word[:1].upper() + word[1:])
        elif matched_head is not None:
            n = len(matched_head.split())
            chunk = words[i : i + n]
            if not out:
                chunk[0] = chunk[0][:1].upper() + chunk[0][1:]
            out.extend(chunk)
            i += n
            cap_next = True
            continue
        elif cap_next or not out:
            out.append(word[:1].upper() + word[1:])
            cap_next = False
        else:
            out.append(word)
        if word.endswith(",") or bare == "và":
            cap_next = True
        i += 1
    return " ".join(out)
