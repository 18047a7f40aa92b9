"""Whether a word is one well-formed Vietnamese syllable: the test that tells legacy text apart.

A legacy word read as Latin-1 ("Céng") is not a syllable and becomes one decoded ("Cộng"),
while Unicode Vietnamese, English and accented Windows-1252 words stay as they are.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Longer than any syllable ("nghiêng", "nghiệp" have 7 letters): not worth parsing.
MAX_SYLLABLE_CHARS = 8

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_STOP_TONES = {"\u0301", "\u0323"}
_ONSET = r"(?:ngh|ng|gh|nh|ch|tr|th|ph|kh|gi|qu|[bcdđghklmnprstvx])?"
# nucleus → allowed codas ("" = open syllable); written for the toneless lower-case form
_RIMES: dict[str, str] = {
    "a": " i y o u c ch m n ng nh p t",
    "ă": "c m n ng p t",
    "â": "y u c m n ng p t",
    "e": " o c ch m n ng nh p t",
    "ê": " u ch m n nh p t",
    "i": " a u ch m n nh p t",
    "y": " a",
    "o": " i c m n ng p t",
    "oo": "c ng",
    "ô": " i c m n ng p t",
    "ơ": " i u m n p t",
    "u": " a i y c m n ng p t",
    "ư": " a i u c m n ng t",
    "iê": "u c m n ng p t",
    "yê": "u m n ng t",
    "ươ": " i u c m n ng p t",
    "uô": " i c m n ng t",
    "oa": " i y o c ch m n ng nh p t",
    "oă": "c m n ng t",
    "oe": " o n t",
    "uâ": "y n ng t",
    "uê": " ch n nh",
    "uy": " a u ch n nh p t",
    "uyê": "n t",
    "uơ": "",
}
_RIME_RE = "|".join(
    sorted(
        (re.escape(n + c) for n, codas in _RIMES.items() for c in codas.split(" ")),
        key=len,
        reverse=True,
    )
)
_SYLLABLE = re.compile(rf"{_ONSET}(?:{_RIME_RE})")
_STOP = re.compile(r"(?:c|ch|p|t)$")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether ``word`` is one well-formed Vietnamese syllable (onset, rime, one tone, tone rules)."""
    if not word or len(word) > MAX_SYLLABLE_CHARS:
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    if not _SYLLABLE.fullmatch(bare):
        return False
    if _STOP.search(bare) and (not tones or tones[0] not in _STOP_TONES):
        return False
    return True
