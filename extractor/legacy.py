"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) to Unicode, and split-diacritic repair.

Directives written between 1995 and 2012 were typed in 8-bit fonts: TCVN3 (.VnTime, one byte per
letter) and VNI (VNI-Times, base letter + modifier byte). Their text reaches us as Latin-1 look-alike
characters ("Céng hoµ x· héi", "Coäng hoøa xaõ hoäi") in .txt files, in Word runs set in those
fonts and in PDF text layers. Every regex downstream is written for Unicode, so the conversion
happens here, at the edge, before normalization. The tables are data (``extractor/data/tcvn3.yaml``,
``vni.yaml``) validated by tests; detection scores words by whether the decoded word is a valid
Vietnamese syllable and the raw word is not, so ordinary Unicode Vietnamese, English and
Windows-1252 text with accents are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path

import yaml

from extractor.tree import RawBlock

_DATA = Path(__file__).parent / "data"
TCVN3 = "tcvn3"
VNI = "vni"

# -- tables ----------------------------------------------------------------------------------------


@cache
def tcvn3_table() -> dict[int, str]:
    """Byte → Unicode letter for TCVN3 (only the Vietnamese letters; the rest is Windows-1252)."""
    raw = yaml.safe_load((_DATA / "tcvn3.yaml").read_text(encoding="utf-8"))
    return {int(k, 16): str(v) for k, v in raw["letters"].items()}


@cache
def vni_table() -> dict[str, str]:
    """VNI sequence (one or two Latin-1 characters) → Unicode letter."""
    raw = yaml.safe_load((_DATA / "vni.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for part in ("single", "pairs") for k, v in raw[part].items()}


def _cp1252(byte: int) -> str:
    """One byte as Windows-1252 (the code page of the legacy fonts), undefined bytes as Latin-1."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


@cache
def _tcvn3_chars() -> dict[str, str]:
    """Latin-1 character → Unicode, for TCVN3 text already read as Latin-1 / Windows-1252.

    C1 controls (bytes 0x80-0x9F read as Latin-1) become their Windows-1252 punctuation.
    """
    table = tcvn3_table()
    return {chr(b): table.get(b) or _cp1252(b) for b in range(0x80, 0x100)}


@cache
def _tcvn3_bytes() -> list[str]:
    table = tcvn3_table()
    return [table.get(b) or _cp1252(b) for b in range(256)]


# -- decoders ------------------------------------------------------------------------------------


def decode_tcvn3(data: str | bytes) -> str:
    """TCVN3 bytes, or TCVN3 text read as Latin-1/Windows-1252 (Word runs, PDFs), to Unicode.

    Case is kept as the bytes say: .VnTimeH capitals arrive as lower-case codes.
    """
    if isinstance(data, bytes | bytearray):
        lookup = _tcvn3_bytes()
        return "".join(lookup[b] for b in data)
    chars = _tcvn3_chars()
    return "".join(chars.get(ch, ch) for ch in data)


def decode_vni(data: str | bytes) -> str:
    """VNI text (Latin-1/Windows-1252 characters) to Unicode, base+modifier pairs first."""
    if isinstance(data, bytes | bytearray):
        data = "".join(_cp1252(b) for b in data)
    table = vni_table()
    out: list[str] = []
    i, n = 0, len(data)
    while i < n:
        pair = data[i : i + 2]
        if len(pair) == 2:
            hit = table.get(pair)
            if hit is None and pair[0].isalpha():
                # a modifier in the other case than its letter ("Aù"): case from the letter
                swapped = pair[0] + (pair[1].upper() if pair[0].isupper() else pair[1].lower())
                hit = table.get(swapped)
            if hit is not None:
                out.append(hit)
                i += 2
                continue
        ch = data[i]
        out.append(table.get(ch, ch))
        i += 1
    return "".join(out)


_DECODERS = {TCVN3: decode_tcvn3, VNI: decode_vni}


def decode(text: str, encoding: str) -> str:
    """Convert ``text`` from the named legacy encoding (NFC result)."""
    return unicodedata.normalize("NFC", _DECODERS[encoding](text))


# -- encoders (for fixtures and round-trip tests) --------------------------------------------------


@cache
def _tcvn3_inverse() -> dict[str, str]:
    return {ch: chr(b) for b, ch in tcvn3_table().items()}


def encode_tcvn3(text: str) -> bytes:
    """Unicode → TCVN3 bytes. Capitals with no TCVN3 code get the lower-case code, as .VnTimeH text."""
    inverse = _tcvn3_inverse()
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in inverse:
            out.append(inverse[ch])
        elif ch.lower() in inverse and ch != ch.lower():
            out.append(inverse[ch.lower()])
        else:
            out.append(ch)
    return "".join(out).encode("cp1252", errors="replace")


@cache
def _vni_inverse() -> dict[str, str]:
    return {uni: seq for seq, uni in vni_table().items()}


def encode_vni(text: str) -> str:
    """Unicode → VNI text (as the Latin-1 characters Word shows for a VNI-Times run)."""
    inverse = _vni_inverse()
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# -- syllables ---------------------------------------------------------------------------------

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
    if not word or len(word) > 8:
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


# -- detection ---------------------------------------------------------------------------------

# A word for scoring: letters plus every Latin-1 character from 0xA1, because TCVN3 letters include
# symbols ("§" = Đ, "¸" = á, "·" = ã, "­" = ư).
_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00ff])+")
_HIGH = re.compile(r"[\u0080-\u00ff]")
# letters only Unicode Vietnamese uses (ă â đ ơ ư and the vowels with tone marks beyond Latin-1)
_UNICODE_VI = re.compile(
    r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
MIN_HITS = 2


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
    if len(_UNICODE_VI.findall(text)) > 2 * len(_HIGH.findall(text)):
        return None
    high, tcvn, vni, uni = _scores(text)
    best, hits = (TCVN3, tcvn) if tcvn >= vni else (VNI, vni)
    if hits < MIN_HITS or hits < 0.5 * high or uni > hits:
        return None
    return best


# -- conversion entry points ----------------------------------------------------------------------

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
        if letter.islower() and letter not in _tcvn3_cased():
            return m.group(1) + letter.upper()
        return m.group(0)

    return _LINE_START.sub(cap, text)


@cache
def _tcvn3_cased() -> frozenset[str]:
    """Lower-case letters whose capital TCVN3 can write (ASCII, ă â ê ô ơ ư đ)."""
    table = tcvn3_table()
    capitals = {ch for ch in table.values() if ch.isupper()}
    return frozenset({c.lower() for c in capitals} | set("abcdefghijklmnopqrstuvwxyz"))


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


# -- split diacritics ------------------------------------------------------------------------------

_TOKEN = re.compile(r"([^\W\d_]+)")
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
