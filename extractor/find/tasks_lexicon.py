"""The words every stage of the task finder shares, and the unit finder's verbs.

``tasks.yaml`` has one section per stage; this module reads the two that more than one stage
needs: ``verbs`` (directive verbs, imperative and background openers; the unit finder ends a
unit phrase at a directive verb) and ``cues`` (cue words such as "Giao", connectives, the
"theo chức năng …" phrase). It imports no other finder, so ``units`` can use it without a
cycle. Stage-only words live in the stage's own section and module.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor.find.thresholds import FUNCTION_PHRASE_MAX_CHARS
from extractor.lexicon import LexiconModel, alternation, load

__all__ = ["SharedPatterns", "capitalized", "directive_verb_re", "shared", "strip_function", "verbs"]


class Verbs(LexiconModel):
    """``tasks.yaml: verbs``."""

    disjoint = (("imperative_starts", "background_starts"),)

    directive_verbs: list[str]
    imperative_starts: list[str]
    background_starts: list[str]


class Cues(LexiconModel):
    """``tasks.yaml: cues``."""

    cue_words: list[str]
    cue_not_after: list[str]
    lead_connectives: list[str]
    lead_particles: list[str]
    function_openers: list[str]
    function_nouns: list[str]
    function_closers: list[str]
    function_leftovers: list[str]


def verbs() -> Verbs:
    return load("tasks.yaml", Verbs, section="verbs")


@dataclass(frozen=True)
class SharedPatterns:
    imperative: re.Pattern[str]  # "Rà soát …", "Tăng cường …" at the start
    background: re.Pattern[str]  # "Căn cứ …", "Trên cơ sở …" at the start
    cue: re.Pattern[str]  # "Giao X", "đề nghị X": ends where the unit starts
    lead_connective: re.Pattern[str]  # "Đồng thời, …", "Riêng …" before the subject
    function: re.Pattern[str]  # "theo chức năng, nhiệm vụ được giao, …"
    function_leftover: re.Pattern[str]  # "được giao, …" left after it


def _plain(words: list[str], longest_first: bool = False) -> str:
    return alternation(words, longest_first=longest_first, flexible_space=False)


@functools.lru_cache(maxsize=1)
def shared() -> SharedPatterns:
    v, c = verbs(), load("tasks.yaml", Cues, section="cues")
    not_after = "".join(f"(?<!{re.escape(w)} )" for w in c.cue_not_after)
    return SharedPatterns(
        imperative=re.compile(r"^(?:" + _plain(v.imperative_starts, longest_first=True) + r")(?![\w])"),
        background=re.compile(r"^(?:" + _plain(v.background_starts) + r")(?![\w])"),
        cue=re.compile(not_after + r"(?:(?<![\w])(?:" + "|".join(c.cue_words) + r")\s*:?\s+)(?=\S)"),
        lead_connective=re.compile(
            r"^(?:(?:" + _plain(c.lead_connectives) + r")\s*,?\s*|(?:" + _plain(c.lead_particles) + r")\s+)"
        ),
        function=re.compile(
            rf"^(?:{_plain(c.function_openers)})\s+(?:{_plain(c.function_nouns)})"
            rf"[^;:.]{{0,{FUNCTION_PHRASE_MAX_CHARS}}}?(?:{_plain(c.function_closers)})\s*,?\s*"
        ),
        function_leftover=re.compile(r"(?:" + _plain(c.function_leftovers) + r")\s*,?\s*"),
    )


@functools.lru_cache(maxsize=1)
def directive_verb_re() -> re.Pattern[str]:
    """Any directive verb of the task lexicon (lower-case matches only are verbs)."""
    words = _plain(verbs().directive_verbs, longest_first=True)
    return re.compile(r"(?<![\w-])(?:" + words + r")(?![\w])")


def capitalized(text: str) -> str:
    """The text with its first letter in capitals, as a sentence would open."""
    return text[:1].upper() + text[1:]


def strip_function(pred: str) -> str:
    """ "theo chức năng, nhiệm vụ được giao chủ trì …" → "chủ trì …"."""
    pats = shared()
    pred = pats.function.sub("", pred)
    while True:
        m = pats.function_leftover.match(pred)
        if not m:
            return pred
        pred = pred[m.end() :]
