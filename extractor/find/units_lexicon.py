"""The unit finder's words (``units.yaml``) and the patterns built from them.

The regex skeletons (lookarounds, separators, the place-list grammar) are here; every word is
in ``units.yaml``. A unit phrase also ends at a directive verb of ``tasks.yaml: verbs``. The
grammar words "các" (the plural article) and "và" (and) stay inline in a few skeletons.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor.find.tasks_lexicon import verbs
from extractor.find.thresholds import COLON_LIST_HEAD_MAX_CHARS
from extractor.lexicon import LexiconModel, alternation, load

__all__ = ["UnitPatterns", "UnitsLexicon", "unit_patterns", "units_lexicon"]


class UnitsLexicon(LexiconModel):
    """``units.yaml``: see the comments there for what each list is for."""

    disjoint = (("continuing_place_words", "continuing_unit_words"),)

    heads: list[str]
    generic: list[str]
    roles: list[str]
    stops: list[str]
    compound_names: list[str]
    heading_stops: list[str]
    not_unit_starts: list[str]
    ambiguous_verb: str
    ambiguous_verb_nouns: list[str]
    ambiguous_verb_noun_after: list[str]
    stop_not_after: list[str]
    dash_continues: list[str]
    function_openers: list[str]
    function_nouns: list[str]
    list_heads: list[str]
    colon_list_openers: list[str]
    list_levels: list[str]
    list_more_levels: list[str]
    place_list_levels: list[str]
    place_list_more_levels: list[str]
    central_suffix: str
    city_level: str
    verb_after_group_nouns: list[str]
    verbs_after_group: list[str]
    list_conjunctions: list[str]
    alias_asides: list[str]
    councils: list[str]
    council_partners: list[str]
    joint_office: str
    name_continuations: list[str]
    group_nouns: list[str]
    group_noun_qualifiers: list[str]
    non_unit_groups: list[str]
    continuing_place_words: list[str]
    continuing_unit_words: list[str]


def units_lexicon() -> UnitsLexicon:
    return load("units.yaml", UnitsLexicon)


@dataclass(frozen=True)
class UnitPatterns:
    head: re.Pattern[str]  # a head word at the start of a unit phrase
    stop: re.Pattern[str]  # a directive verb or stop word that ends it
    role: re.Pattern[str]  # a title before the unit ("Giám đốc Sở X")
    heading_stop: re.Pattern[str]  # the verbs that end it inside a heading
    not_unit_start: re.Pattern[str]  # "ban hành", "tổ chức thực hiện": not a unit
    ambiguous_verb: re.Pattern[str]  # " tổ chức" that may be the verb
    ambiguous_noun_before: re.Pattern[str]  # "các", "và", "," before it: the noun
    stop_not_after: re.Pattern[str]  # "Ban " before a stop word: "Ban chỉ đạo"
    end_mark: re.Pattern[str]  # ":", "(", " - x", "theo chức năng", ". " end a phrase
    list_head: re.Pattern[str]  # "… các Bộ" / "các tỉnh, thành phố" before a colon
    verb_after_group: re.Pattern[str]  # "đơn vị xây dựng": the verb ends the group
    split: re.Pattern[str]  # list separators
    colon_list: re.Pattern[str]  # "các Bộ: A, B"
    place_list: re.Pattern[str]  # "UBND các huyện, thị xã: A, B"
    alias: re.Pattern[str]  # "(sau đây gọi tắt là …)"
    inner_list: re.Pattern[str]  # ", các Tập đoàn:" inside a longer phrase
    council_end: re.Pattern[str]  # "… HĐND" before "và"
    council_partner: re.Pattern[str]  # "UBND …" after "và"
    joint_office: re.Pattern[str]  # "Văn phòng …" opening the piece
    name_continuation: re.Pattern[str]  # "Xã hội" after "và"
    group_noun: re.Pattern[str]  # "đơn vị (có liên quan)" continuing a group
    non_unit_group: re.Pattern[str]  # "cá nhân", "hộ gia đình"
    colon_item: re.Pattern[str]  # one item of "các Bộ: A, B và C"


def _plain(words: list[str], longest_first: bool = False, optional_capital: bool = False) -> str:
    return alternation(
        words, longest_first=longest_first, flexible_space=False, optional_capital=optional_capital
    )


def _levels(first: list[str], more: list[str]) -> str:
    """ "tỉnh, thành phố, huyện": a level, then more levels after commas."""
    return rf"(?:{_plain(first)})(?:\s*,\s*(?:{_plain(more)}))*"


@functools.lru_cache(maxsize=1)
def unit_patterns() -> UnitPatterns:
    u = units_lexicon()
    return UnitPatterns(**_phrase_patterns(u), **_list_patterns(u))


def _phrase_patterns(u: UnitsLexicon) -> dict[str, re.Pattern[str]]:
    """Where a unit phrase starts and where it ends."""
    function = rf"\s(?:{_plain(u.function_openers)})\s+(?:{_plain(u.function_nouns)})"
    return {
        "head": re.compile(
            r"(?:" + _plain(u.heads, True) + r"|" + _plain(u.generic, True) + r")(?=[\s,.:;]|$)"
        ),
        "stop": re.compile(
            r"(?<![\w-])(?:" + _plain([*verbs().directive_verbs, *u.stops], True) + r")(?![\w])"
        ),
        "role": re.compile(r"^(?:" + _plain(u.roles, True) + r")\s+"),
        "heading_stop": re.compile(r"(?<![\w-])(?:" + _plain(u.heading_stops, True) + r")(?![\w])"),
        "not_unit_start": re.compile(r"(?:" + "|".join(u.not_unit_starts) + r")\b"),
        "ambiguous_verb": re.compile(
            rf"(?<=\S) {re.escape(u.ambiguous_verb)}(?!\s*,)"
            + "".join(f"(?! {re.escape(n)})" for n in u.ambiguous_verb_nouns)
        ),
        "ambiguous_noun_before": re.compile(r"(?:" + "|".join(u.ambiguous_verb_noun_after) + r")$"),
        "stop_not_after": re.compile(r"\b(?:" + "|".join(u.stop_not_after) + r")\s+$"),
        "end_mark": re.compile(
            r"[:(\[]|\s-\s(?=[a-zđà-ỹ])"
            + "".join(f"(?!{re.escape(w)})" for w in u.dash_continues)
            + "|"
            + function
            + r"|\.(?:\s|$)"
        ),
        "verb_after_group": re.compile(
            rf"\b(?:{_plain(u.verb_after_group_nouns)})\s+(?P<verb>{_plain(u.verbs_after_group)})\b"
        ),
    }


def _list_patterns(u: UnitsLexicon) -> dict[str, re.Pattern[str]]:
    """How a phrase splits into units: separators, "các Bộ: A, B", place lists, one-office names."""
    heads = _plain(u.list_heads)
    central = u.central_suffix
    return {
        "list_head": re.compile(
            r"(?:^|[,;]\s*|\svà\s|\s)(?:[Cc]ác\s+)(?:"
            + heads
            + "|"
            + _levels(u.list_levels, u.list_more_levels)
            + rf"(?:\s+{central})?)\s*$"
        ),
        "split": re.compile(
            r"\s*(?:;|,|" + "|".join(rf"\b{re.escape(w)}\b" for w in u.list_conjunctions) + r")\s*"
        ),
        "colon_list": re.compile(
            rf"^(?P<pre>(?:{_plain(u.colon_list_openers, optional_capital=True)})\s*(?P<head>{heads})"
            rf"[^:]{{0,{COLON_LIST_HEAD_MAX_CHARS}}}):\s*(?P<items>.+)$"
        ),
        "place_list": re.compile(
            r"^(?P<pre>.*?)\s*\b[Cc]ác\s+(?P<levels>"
            + _levels(u.place_list_levels, u.place_list_more_levels)
            + rf")(?:\s+{central})?\s*:\s*(?P<items>.+)$"
        ),
        "alias": re.compile(r"\s*\((?:" + _plain(u.alias_asides) + r")[^)]*\)"),
        "inner_list": re.compile(rf"(?:,\s*|\s+và\s+)(?=(?:[Cc]ác\s+)(?:{heads})\s*:)"),
        "council_end": re.compile(r"(?:" + _plain(u.councils) + r")$"),
        "council_partner": re.compile(r"(?:" + _plain(u.council_partners) + r")\b"),
        "joint_office": re.compile(rf"\s*{re.escape(u.joint_office)}\b"),
        "name_continuation": re.compile(r"(?:" + _plain(u.name_continuations) + r")\b"),
        "group_noun": re.compile(
            rf"(?:{_plain(u.group_nouns)})(?:\s+(?:"
            + "|".join(u.group_noun_qualifiers)
            + r"))?\s*(?:[,;.]|$)"
        ),
        "non_unit_group": re.compile(r"(?:" + _plain(u.non_unit_groups) + r")\b"),
        "colon_item": _colon_item_re(u.compound_names),
    }


def _colon_item_re(compound_names: list[str]) -> re.Pattern[str]:
    """A known name that contains "," or "và", else a piece up to "," / ";" / "và X"."""
    known = _plain(compound_names, longest_first=True)
    return re.compile(
        rf"(?:(?<=^)|(?<=[,;]\s)|(?<=[,;])|(?<=\svà\s))\s*(?:{known})(?=\s*(?:[,;.]|\bvà\b|$))"
        r"|[^,;]+?(?=\s*(?:[,;]|\bvà\s+(?=[A-ZĐÀ-Ỹ])|$))"
    )
