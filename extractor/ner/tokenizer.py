"""A whitespace-and-punctuation tokenizer for Vietnamese directives (no pyvi).

Syllables are tokens. Punctuation between word characters stays inside the token, so số ký hiệu
("61/2018/NĐ-CP", "17129-CV/VPTW"), dates ("10/5/2022") and abbreviations ("TN&MT", "TP.HCM")
are single tokens; "2414 / VPCP - KGVX" (spaced) becomes several. Whitespace other than one
space after a token becomes a whitespace token, so ``doc.text`` is the input text exactly.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

TOKEN_RE = re.compile(r"\w+(?:[/&.\-_]\w+)*|[^\w\s]")


def split_words(text: str) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags whose concatenation is ``text``."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0

    def gap(chunk: str) -> None:
        if not chunk:
            return
        if words and not spaces[-1] and chunk[0] == " ":
            spaces[-1] = True
            chunk = chunk[1:]
        if chunk:
            words.append(chunk)
            spaces.append(False)

    for m in TOKEN_RE.finditer(text):
        gap(text[pos : m.start()])
        words.append(m.group(0))
        spaces.append(False)
        pos = m.end()
    gap(text[pos:])
    return words, spaces


class VietnameseTokenizer:
    """Callable spaCy tokenizer; serializes to nothing (it has no state)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = split_words(text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **__: Any) -> VietnameseTokenizer:
        return self

    def to_disk(self, _path: Any, **__: Any) -> None:
        return None

    def from_disk(self, _path: Any, **__: Any) -> VietnameseTokenizer:
        return self


@registry.tokenizers("extractor.vi_tokenizer.v1")
def create_tokenizer() -> Any:
    """Factory referenced from the model's config.cfg."""

    def make(nlp: Any) -> VietnameseTokenizer:
        return VietnameseTokenizer(nlp.vocab)

    return make
