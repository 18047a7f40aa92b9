"""Syllables split by a stray space after a letter with diacritics ("ĐIỀ U", "thự c").

PDF text layers of Unicode documents place combining marks as separate glyphs, and the
extracted text gets a space inside the syllable.
"""

from __future__ import annotations

import re
import unicodedata

from extractor.legacy.syllables import is_syllable

_TOKEN = re.compile(r"([^\W\d_]+)")
# The side that is no syllable by itself is a fragment of at most this many letters ("U", "c").
_MAX_FRAGMENT = 3


def _joinable(left: str, right: str) -> bool:
    """Whether "left right" is one syllable split by a stray space (never two valid words)."""
    if is_syllable(left) and is_syllable(right):
        return False
    if left.isascii() and right.isascii():
        return False  # the split comes from a diacritic: one side must carry one
    if min(len(left), len(right)) > _MAX_FRAGMENT:
        return False
    if not (right.islower() or (left.isupper() and right.isupper())):
        return False
    return is_syllable(left + right)


def repair_split_diacritics(text: str) -> str:
    """Join syllables split after a letter with diacritics: "ĐIỀ U" → "ĐIỀU", "thự c" → "thực".

    Conservative: two letter runs separated by one space are joined only when one is not a
    syllable by itself, one carries a diacritic, one is a short fragment and the join is a valid
    syllable; "ô tô" stays.
    """
    if " " not in text:
        return text
    parts = _TOKEN.split(unicodedata.normalize("NFC", text))  # [sep, word, sep, word, …, sep]
    i = 1
    while i + 2 < len(parts):
        if parts[i + 1] == " " and _joinable(parts[i], parts[i + 2]):
            parts[i : i + 3] = [parts[i] + parts[i + 2]]
            continue
        i += 2
    return "".join(parts)
