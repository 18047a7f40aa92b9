"""Vietnamese named entities (ORG, ROLE, PER, LOC, DOC_REF, DATE) with offsets into the normalized text.

A research module, outside the extraction path: ``extractor extract`` never calls it, and its
trained model is run but not kept (the catalogue's resolver keeps the rules for every label).
Measured before deciding (``scripts/eval_ner.py``, held-out dev d49-d64, exact spans, 1057
gold spans of which 667 ORG; noisy copies from :mod:`extractor.ner.noise`, 3 seeds a rate):

    ORG F1             clean   1.7% words   4.3% words   8.9% words confused
    rules              0.780   0.754        0.715        0.656
    model alone        0.686   0.671        0.659        0.636
    union              0.776   0.754        0.717        0.667
    ORG the model alone finds, per copy: 47, 56, 71, 91; the rules alone: 125, 124, 118, 112

The model does propose units the rules miss, more as the text gets noisier, but about as many
wrong ones: adding them (union) moves ORG F1 by -0.004 to +0.011, which does not earn the model a
place in extraction. It stays here, with its catalogue, for the next model to beat.

Nothing here imports spaCy at ``import extractor`` time: :func:`extract_entities` and
:func:`build_nlp` load it on first use. The rule spans alone (:func:`rule_entities`) need no spaCy.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from extractor.errors import MissingDependency
from extractor.ner.types import LABELS, Entity

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["LABELS", "Entity", "build_nlp", "extract_entities", "rule_entities"]


def _require_spacy() -> None:
    """One clear error instead of a ModuleNotFoundError deep inside spaCy's users."""
    if importlib.util.find_spec("spacy") is None:
        raise MissingDependency("the NER pipeline needs spaCy: pip install 'extractor[ner]'")


def build_nlp(use_model: bool = True) -> Language:
    """The spaCy pipeline: tokenizer, rule spans, optional statistical NER, resolver."""
    _require_spacy()
    from extractor.ner.pipeline import build_nlp as _build  # lazy: spaCy is optional (extra ner)

    return _build(use_model=use_model)


def extract_entities(text: str, use_model: bool = True) -> list[Entity]:
    """Entities of a normalized text, sorted by offset (pipeline cached per ``use_model``)."""
    _require_spacy()
    from extractor.ner.pipeline import extract_entities as _extract  # lazy: spaCy is optional

    return _extract(text, use_model=use_model)


def rule_entities(text: str) -> list[Entity]:
    """Entities proposed by the rule finders only (no spaCy)."""
    from extractor.ner.rules import rule_entities as _rules  # lazy: the finders load on first use

    return _rules(text)
