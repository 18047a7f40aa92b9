"""The entity record every part of :mod:`extractor.ner` returns."""

from __future__ import annotations

from typing import NamedTuple

LABELS: tuple[str, ...] = ("ORG", "ROLE", "PER", "LOC", "DOC_REF", "DATE")


class Entity(NamedTuple):
    """One entity: ``text == doc_text[start:end]``; ``source`` is "rule" or "model"."""

    start: int
    end: int
    label: str
    text: str
    source: str = "rule"
