"""Vietnamese text normalization, done once at the edge.

Everything downstream works on the result, so regexes can be written for one form only:
NFC; one tone-mark convention (the traditional one the decree's headers use: "hòa", "thủy",
"ủy"); Đ look-alikes; all dash variants as "-"; NBSP-like spaces as " "; zero-width
characters and BOM removed; Word's private-use bullets as "-"; runs of spaces collapsed.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # grave, acute, hook, tilde, dot


def _tone_table() -> dict[str, str]:
    """New-style → old-style spellings of the open syllables oa, oe, uy in every case."""
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    new = unicodedata.normalize("NFC", f + s + tone)
                    old = unicodedata.normalize("NFC", f + tone + s)
                    table[new] = old
    return table


_TONE_TABLE = _tone_table()
# Only open syllables differ ("hoàn" is the same in both styles) and never after q ("quý").
_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_TONE_TABLE)) + r")(?!\w)")

_CHAR_MAP = {
    "\u00d0": "Đ",  # Ð eth
    "\u0189": "Đ",  # Ɖ African D
    "\u00f0": "đ",
    "\u0256": "đ",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u3000": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",  # soft hyphen (after legacy decoding, where 0xAD is TCVN3 "ư")
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\uf0b7": "-",  # Word Symbol-font bullets in the private-use area
    "\uf0a7": "-",
    "\uf0d8": "-",
    "\uf02d": "-",
    "\u2022": "-",
    "\u25cf": "-",
}
_TRANS = str.maketrans({k: v for k, v in _CHAR_MAP.items() if k != v})
_SPACES = re.compile(r"[ ]{2,}")
_TAB_SPACES = re.compile(r" *\t *")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fix_tones(text: str) -> str:
    """Rewrite new-style tone placement (hoà, thuỷ) to the traditional one (hòa, thủy)."""
    return _TONE_RE.sub(lambda m: _TONE_TABLE[m.group(1)], text)


def normalize(text: str) -> str:
    """Normalize one block of text; newlines are kept, spaces inside lines collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # invisible characters go first, so that a mark they separated composes with its letter
    text = _CONTROL.sub("", text.translate(_TRANS))
    text = unicodedata.normalize("NFC", text)
    text = fix_tones(text)
    text = _SPACES.sub(" ", text)
    text = _TAB_SPACES.sub("\t", text)  # tabs separate table cells in text exports: keep them
    text = "\n".join(line.strip() for line in text.split("\n"))
    # a stray combining mark may meet a new neighbour after stripping: settle to a fixed point
    for _ in range(3):
        again = unicodedata.normalize("NFC", fix_tones(text))
        if again == text:
            break
        text = again
    return text


def fold_chars(text: str) -> str:
    """``fold`` that keeps the length (one character for each), so a match on the folded text
    has the same offsets in the original: for OCR'd words whose diacritics are wrong."""
    out = []
    for ch in text:
        low = ch.lower()
        if len(low) != 1:
            out.append(ch)
            continue
        low = "d" if low == "đ" else low
        base = unicodedata.normalize("NFD", low)[0]
        out.append(base)
    return "".join(out)


def fold(text: str) -> str:
    """Accent- and case-insensitive key (đ → d), for lookups and search, not for output."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
