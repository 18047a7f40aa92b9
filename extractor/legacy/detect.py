"""Which legacy encoding, if any, a text is in, from how its words decode."""

from __future__ import annotations

import re
import unicodedata

from extractor.legacy.syllables import is_syllable
from extractor.legacy.tables import TCVN3, VNI, decode_tcvn3, decode_vni

# A word for scoring: letters plus every Latin-1 character from 0xA1, because TCVN3 letters include
# symbols ("§" = Đ, "¸" = á, "·" = ã, "­" = ư).
_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00ff])+")
_HIGH = re.compile(r"[\u0080-\u00ff]")
# letters only Unicode Vietnamese uses (ă â đ ơ ư and the vowels with tone marks beyond Latin-1)
_UNICODE_VI = re.compile(
    r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
# At least this many words must decode to syllables: one could be chance.
MIN_HITS = 2
# Of the words with Latin-1 letters, at least this share must decode for the chosen encoding;
# accented English or French words do not.
MIN_AGREEMENT = 0.5
# Letters only Unicode has outnumbering Latin-1 letters this many times over: Unicode text.
UNICODE_FAST_EXIT_RATIO = 2


def _scores(text: str) -> tuple[int, int, int, int]:
    """(high words, TCVN3 hits, VNI hits, Unicode-Vietnamese words) over the words of ``text``."""
    high = tcvn = vni = uni = 0
    for m in _WORD.finditer(unicodedata.normalize("NFC", text)):
        word = m.group()
        if _UNICODE_VI.search(word):
            uni += 1
            continue
        if not _HIGH.search(word):
            continue
        high += 1
        if is_syllable(word):
            continue  # "hòa", "có": already Unicode Vietnamese
        if is_syllable(decode_tcvn3(word)):
            tcvn += 1
        if is_syllable(decode_vni(word)):
            vni += 1
    return high, tcvn, vni, uni


def detect_legacy(text: str) -> str | None:
    """ "tcvn3" or "vni" when ``text`` reads as that legacy encoding, else None.

    A word counts for an encoding when it contains a Latin-1 letter, is not a Vietnamese syllable
    as it stands and becomes one decoded. Most such words must agree, and the text must not be
    mostly Unicode Vietnamese already.
    """
    if not _HIGH.search(text):
        return None
    # fast exit for ordinary Unicode Vietnamese: letters only Unicode has outnumber Latin-1 ones
    if len(_UNICODE_VI.findall(text)) > UNICODE_FAST_EXIT_RATIO * len(_HIGH.findall(text)):
        return None
    high, tcvn, vni, uni = _scores(text)
    best, hits = (TCVN3, tcvn) if tcvn >= vni else (VNI, vni)
    if hits < MIN_HITS or hits < MIN_AGREEMENT * high or uni > hits:
        return None
    return best
