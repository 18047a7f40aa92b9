"""The spaCy pipeline: tokenizer → ``vi_rules`` → optional statistical ``ner`` → ``vi_resolve``.

``vi_rules`` puts the rule spans in ``doc.spans["rules"]``; the statistical ``ner`` (loaded from
``extractor/models/<name>/`` as listed in ``extractor/models/models.yaml``, package data read by
:mod:`extractor.ner.catalogue`) writes ``doc.ents``; ``vi_resolve``
keeps, per label, the source the held-out evaluation found better (``resolver`` in
models.yaml: "rules", "model" or "union" = rule spans plus model spans that overlap none) and
sets the final ``doc.ents``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.ner.catalogue import model_entry, model_path
from extractor.ner.rules import rule_entities
from extractor.ner.tokenizer import VietnameseTokenizer
from extractor.ner.types import LABELS, Entity

__all__ = ["blank_nlp", "build_nlp", "choose", "extract_entities", "model_entry"]

DEFAULT_RESOLVER: dict[str, str] = {label: "rules" for label in LABELS}
# rule span priority over model spans when two sources overlap in "union" mode
_ORDER = {"rule": 0, "model": 1}


def _spans(doc: Doc, ents: list[Entity]) -> list[Span]:
    out: list[Span] = []
    for e in ents:
        span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
        if span is not None and len(span) > 0:
            out.append(span)
    return out


@Language.component("vi_rules")
def vi_rules(doc: Doc) -> Doc:
    """Rule spans from the existing finders into ``doc.spans["rules"]``."""
    doc.spans["rules"] = _spans(doc, rule_entities(doc.text))
    return doc


def choose(rules: list[Entity], model: list[Entity], resolver: dict[str, str]) -> list[Entity]:
    """Merge rule and model spans per label as ``resolver`` says; result has no overlaps."""
    picked: list[Entity] = []
    for e in rules:
        if resolver.get(e.label, "rules") in ("rules", "union"):
            picked.append(e)
    for e in model:
        mode = resolver.get(e.label, "rules")
        if mode == "model" or mode == "union":
            picked.append(e)
    picked.sort(key=lambda e: (_ORDER.get(e.source, 2), -(e.end - e.start), e.start))
    out: list[Entity] = []
    for e in picked:
        if any(e.start < o.end and o.start < e.end for o in out):
            continue
        out.append(e)
    return sorted(out, key=lambda e: (e.start, e.end))


@Language.factory("vi_resolve", default_config={"resolver": DEFAULT_RESOLVER})
def make_resolver(nlp: Language, name: str, resolver: dict[str, str]) -> Any:
    """Final component: resolve rule vs model spans into ``doc.ents``."""

    def resolve(doc: Doc) -> Doc:
        rules = [
            Entity(s.start_char, s.end_char, s.label_, s.text, "rule") for s in doc.spans.get("rules", [])
        ]
        model = [Entity(s.start_char, s.end_char, s.label_, s.text, "model") for s in doc.ents]
        chosen = choose(rules, model, resolver)
        doc.ents = [s for s in _spans(doc, chosen)]
        doc.spans["model"] = _spans(doc, model)
        return doc

    return resolve


def blank_nlp() -> Language:
    """A blank Vietnamese pipeline with the whitespace/punctuation tokenizer (no pyvi)."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.vi_tokenizer.v1"}}})
    assert isinstance(nlp.tokenizer, VietnameseTokenizer)
    return nlp


def build_nlp(use_model: bool = True, model_dir: Path | None = None) -> Language:
    """Tokenizer, rule component, the statistical NER if present (and wanted), resolver."""
    nlp = blank_nlp()
    nlp.add_pipe("vi_rules")
    resolver = dict(DEFAULT_RESOLVER)
    if use_model and model_dir is not None:
        if model_dir.is_dir():  # a model being trained or compared: the catalogue's resolver is not its
            nlp.add_pipe("ner", source=spacy.load(model_dir))
    elif use_model and (entry := model_entry()) is not None:
        with model_path(entry) as path:
            nlp.add_pipe("ner", source=spacy.load(path))
        resolver.update(entry.get("resolver") or {})
    nlp.add_pipe("vi_resolve", config={"resolver": resolver})
    return nlp


@functools.lru_cache(maxsize=2)
def _cached(use_model: bool) -> Language:
    return build_nlp(use_model=use_model)


def extract_entities(text: str, use_model: bool = True) -> list[Entity]:
    """Entities of ``text`` (offsets into it), each tagged with the source that proposed it."""
    nlp = _cached(use_model)
    doc = nlp(text)
    model = {(s.start_char, s.end_char, s.label_) for s in doc.spans.get("model", [])}
    rules = {(s.start_char, s.end_char, s.label_) for s in doc.spans.get("rules", [])}
    out: list[Entity] = []
    for s in doc.ents:
        key = (s.start_char, s.end_char, s.label_)
        source = "rule" if key in rules or key not in model else "model"
        out.append(Entity(s.start_char, s.end_char, s.label_, s.text, source))
    return out
