"""Vietnamese named entities (ORG, ROLE, PER, LOC, DOC_REF, DATE) with offsets into the normalized text.

Nothing here imports spaCy at ``import extractor`` time: :func:`extract_entities` and
:func:`build_nlp` load it on first use. The rule spans alone (:func:`rule_entities`) need no spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractor.ner.types import LABELS, Entity

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["LABELS", "Entity", "build_nlp", "extract_entities", "rule_entities"]


def build_nlp(use_model: bool = True) -> Language:
    """The spaCy pipeline: tokenizer, rule spans, optional statistical NER, resolver."""
    from extractor.ner.pipeline import build_nlp as _build

    return _build(use_model=use_model)


def extract_entities(text: str, use_model: bool = True) -> list[Entity]:
    """Entities of a normalized text, sorted by offset (pipeline cached per ``use_model``)."""
    from extractor.ner.pipeline import extract_entities as _extract

    return _extract(text, use_model=use_model)


def rule_entities(text: str) -> list[Entity]:
    """Entities proposed by the rule finders only (no spaCy)."""
    from extractor.ner.rules import rule_entities as _rules

    return _rules(text)
