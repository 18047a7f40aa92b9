"""Legacy text to Unicode: whole texts, byte streams, Word runs by font, and PDF pages.

Decoding is ``tables.py``, detection ``detect.py``; this module settles letter case (TCVN3
writes capitals with tone marks as lower-case codes) and is what the parsers call.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from extractor.legacy.detect import detect_legacy
from extractor.legacy.split import repair_split_diacritics
from extractor.legacy.tables import TCVN3, VNI, decode, decode_tcvn3, decode_vni, tcvn3_cased
from extractor.tree import RawBlock

_CAPS_WORD = re.compile(r"[^\W\d_]+")


def _mixed_caps(word: str) -> bool:
    """A word of capitals with lower-case letters that TCVN3 could not write as capitals ("CéNG").

    Its plain letters are all capitals, and there are two of them or one follows a lower-case
    letter ("ñY" = "ủY"); "Số", "Xã" are left alone.
    """
    plain = [c for c in word if c.isascii()]
    if any(c.islower() for c in plain) or not any(c.islower() for c in word):
        return False
    first_lower = next(i for i, c in enumerate(word) if c.islower())
    return len(plain) >= 2 or any(c.isupper() for c in word[first_lower:])


def _restore_caps(text: str) -> str:
    """Upper-case TCVN3 words and lines written in capitals ("CéNG HßA" → "CỘNG HÒA").

    TCVN3 has no capitals with tone marks, so such letters arrive lower case among capitals
    (see :func:`_mixed_caps`). A line whose plain letters are all capitals and which holds such a
    word is upper-cased whole (its short words, "Xã", "Tự", have too few plain letters to tell).
    """
    lines = text.split("\n")
    for i, line in enumerate(lines):
        words = _CAPS_WORD.findall(line)
        if not any(_mixed_caps(w) for w in words):
            continue
        plain = [c for c in line if c.isascii() and c.isalpha()]
        if all(c.isupper() for c in plain):
            lines[i] = line.upper()
        else:
            lines[i] = _caps_words(line)
    return "\n".join(lines)


def _caps_words(line: str) -> str:
    """Upper-case mixed words, and short words between two words in capitals ("TRA Xã HỘI")."""
    words = list(_CAPS_WORD.finditer(line))
    caps = [_mixed_caps(m.group()) for m in words]
    fixed = [m.group().upper() if c else m.group() for m, c in zip(words, caps, strict=True)]
    for k in range(1, len(words) - 1):
        if caps[k] or not any(c.islower() and not c.isascii() for c in fixed[k]):
            continue
        before, after = fixed[k - 1], fixed[k + 1]
        if before.isupper() and after.isupper() and len(before) > 1 and len(after) > 1:
            fixed[k] = fixed[k].upper()
    out, pos = [], 0
    for m, word in zip(words, fixed, strict=True):
        out.append(line[pos : m.start()] + word)
        pos = m.end()
    return "".join(out) + line[pos:]


# a line's first letter after a list marker ("- ", "1. ", "a) ") or an opening bracket
_LINE_START = re.compile(r"^([ \t]*(?:[-+*•]\s+|(?:\d+\.)+\s+|\d+\)\s+|[a-zđ][.)]\s+)?[(\"“]?)(\w)", re.M)


def _capitalize_line_starts(text: str) -> str:
    """Capitalize a line's first letter when it is one TCVN3 has no capital for ("ủy ban" → "Ủy").

    A paragraph starts with a capital; TCVN3 text could only write that letter with a lower-case
    code (in a .VnTimeH font), so the case is restored there and nowhere else.
    """

    def cap(m: re.Match[str]) -> str:
        letter = m.group(2)
        if letter.islower() and letter not in tcvn3_cased():
            return m.group(1) + letter.upper()
        return m.group(0)

    return _LINE_START.sub(cap, text)


def convert(text: str, encoding: str) -> str:
    """Decode ``text`` from ``encoding`` and settle letter case (TCVN3 capitals)."""
    out = decode(text, encoding)
    return _capitalize_line_starts(_restore_caps(out)) if encoding == TCVN3 else out


def to_unicode(text: str) -> tuple[str, str | None]:
    """``(text converted to Unicode, encoding)`` when ``text`` looks legacy, else ``(text, None)``."""
    encoding = detect_legacy(text)
    if encoding is None:
        return text, None
    return convert(text, encoding), encoding


def bytes_to_unicode(data: bytes) -> tuple[str, str] | None:
    """Decode bytes that are not UTF-8 as TCVN3 or VNI when they read as such, else None."""
    encoding = detect_legacy(data.decode("latin-1"))
    if encoding is None:
        return None
    text = decode_tcvn3(data) if encoding == TCVN3 else decode_vni(data)
    text = unicodedata.normalize("NFC", text)
    return (_capitalize_line_starts(_restore_caps(text)) if encoding == TCVN3 else text), encoding


# -- fonts (DOCX) --------------------------------------------------------------------------------

_TCVN3_FONT = re.compile(r"^\.?vn", re.I)
_VNI_FONT = re.compile(r"^vni[-_ ]", re.I)


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies: .VnTime, .VnArialH → tcvn3; VNI-Times → vni."""
    if not font:
        return None
    name = font.strip()
    if name.startswith(".") and _TCVN3_FONT.match(name):
        return TCVN3
    if _VNI_FONT.match(name):
        return VNI
    return None


def convert_run(text: str, font: str | None) -> tuple[str, str | None]:
    """Convert one Word run by its font; .Vn…H fonts draw every letter as a capital."""
    encoding = font_encoding(font)
    if encoding is None or not text:
        return text, None
    out = decode(text, encoding)
    if encoding == TCVN3 and font and font.strip().endswith("H"):
        out = out.upper()
    return out, encoding


# -- PDF pages -----------------------------------------------------------------------------------


def convert_blocks(blocks: Iterable[RawBlock]) -> tuple[list[RawBlock], str | None]:
    """Convert the blocks of each page whose text looks legacy, and repair split diacritics.

    Detection is per page: a PDF may join pages from different sources.
    """
    blocks = list(blocks)
    pages: dict[int | None, list[int]] = {}
    for i, block in enumerate(blocks):
        pages.setdefault(block.page, []).append(i)
    found: str | None = None
    for indexes in pages.values():
        encoding = detect_legacy("\n".join(blocks[i].text for i in indexes))
        if encoding is None:
            continue
        found = found or encoding
        for i in indexes:
            blocks[i] = replace(blocks[i], text=convert(blocks[i].text, encoding))
    for i, block in enumerate(blocks):
        repaired = repair_split_diacritics(block.text)
        if repaired != block.text:
            blocks[i] = replace(block, text=repaired)
    return blocks, found
