"""OCR-like confusions injected into clean text, to measure the NER on noisy input.

Every confusion swaps one character for one character (NFC), so the text keeps its length and
the gold span offsets of the clean text stay valid on the noisy one. The confusions are those
Tesseract makes on Vietnamese scans: a tone mark dropped (``ế`` → ``ê``), added or moved to the
next vowel (``hóa`` → ``hoá``), ``đ`` read as ``d``, ``0``/``O`` and ``1``/``l`` swapped.
"""

from __future__ import annotations

import random
import unicodedata

__all__ = ["TONES", "ocr_noise"]

# combining tone marks (grave, acute, hook above, tilde, dot below); the vowel-shape marks
# (circumflex, breve, horn) stay: OCR keeps ê/ô/ơ far more often than their tone
TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_SWAPS = {"đ": "d", "Đ": "D", "0": "O", "O": "0", "1": "l", "l": "1"}
_VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def _split(ch: str) -> tuple[str, str]:
    """(base vowel with its shape mark, tone mark or "") of one NFC character."""
    nfd = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in nfd if c in TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
    return base, tone


def _with(base: str, tone: str) -> str:
    out = unicodedata.normalize("NFC", base + tone)
    return out if len(out) == 1 else base


def _confuse(chars: list[str], i: int, rng: random.Random) -> None:
    ch = chars[i]
    if ch in _SWAPS:
        chars[i] = _SWAPS[ch]
        return
    base, tone = _split(ch)
    if base not in _VOWELS:
        return
    nxt = _split(chars[i + 1]) if i + 1 < len(chars) else ("", "")
    if tone and nxt[0] in _VOWELS and not nxt[1] and rng.random() < 0.5:
        chars[i], chars[i + 1] = base, _with(nxt[0], tone)  # tone moved to the next vowel
    elif tone:
        chars[i] = base  # tone dropped
    elif base in "êôÊÔ":
        chars[i] = _with(base, "\u0301")  # ê read as ế, ô as ố


def ocr_noise(text: str, rate: float, seed: int = 0) -> str:
    """``text`` with each eligible character confused with probability ``rate`` (deterministic)."""
    if not unicodedata.is_normalized("NFC", text):
        raise ValueError("ocr_noise needs NFC text (offsets would not survive normalization)")
    rng = random.Random(seed)
    chars = list(text)
    for i in range(len(chars)):
        if rng.random() < rate:
            _confuse(chars, i, rng)
    return "".join(chars)
