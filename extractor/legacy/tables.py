"""TCVN3 and VNI byte tables, and the decoders and encoders built on them.

Python has no codec for either encoding, so the tables are data (``extractor/data/tcvn3.yaml``,
``vni.yaml``), validated here and by tests/test_legacy.py against iconv and by round trips.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from pydantic import field_validator

from extractor.lexicon import LexiconModel, load

TCVN3 = "tcvn3"
VNI = "vni"


class Tcvn3Table(LexiconModel):
    """Schema of tcvn3.yaml: byte (two hex digits) → one Unicode letter."""

    letters: dict[str, str]

    @field_validator("letters")
    @classmethod
    def _bytes_to_letters(cls, letters: dict[str, str]) -> dict[str, str]:
        for key, value in letters.items():
            if len(key) != 2 or not 0 <= int(key, 16) <= 0xFF or len(value) != 1:
                raise ValueError(f"not a byte and one letter: {key!r}: {value!r}")
        return letters


class VniTable(LexiconModel):
    """Schema of vni.yaml: one-character letters and base+modifier pairs → one Unicode letter."""

    single: dict[str, str]
    pairs: dict[str, str]

    @field_validator("single", "pairs")
    @classmethod
    def _sequences_to_letters(cls, table: dict[str, str]) -> dict[str, str]:
        for key, value in table.items():
            if not 1 <= len(key) <= 2 or len(value) != 1:
                raise ValueError(f"not a VNI sequence and one letter: {key!r}: {value!r}")
        return table


@cache
def tcvn3_table() -> dict[int, str]:
    """Byte → Unicode letter for TCVN3 (only the Vietnamese letters; the rest is Windows-1252)."""
    raw = load("tcvn3.yaml", Tcvn3Table)
    return {int(k, 16): v for k, v in raw.letters.items()}


@cache
def vni_table() -> dict[str, str]:
    """VNI sequence (one or two Latin-1 characters) → Unicode letter."""
    raw = load("vni.yaml", VniTable)
    return {**raw.single, **raw.pairs}


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


@cache
def tcvn3_cased() -> frozenset[str]:
    """Lower-case letters whose capital TCVN3 can write (ASCII, ă â ê ô ơ ư đ)."""
    table = tcvn3_table()
    capitals = {ch for ch in table.values() if ch.isupper()}
    return frozenset({c.lower() for c in capitals} | set("abcdefghijklmnopqrstuvwxyz"))
