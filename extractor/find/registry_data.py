"""The unit registry as data: the schema of ``extractor/data/registry.yaml`` and its compiled form.

``registry.py`` applies the canonicalization rule; this module only validates the file (an
unknown key, level or kind fails at first use) and builds the regexes and lookup tables once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, field_validator, model_validator

from extractor.lexicon import LexiconModel, alternation, load

__all__ = ["Kind", "Level", "RegistryData", "RegistryLexicon", "registry_data"]

Level = Literal["trung_uong", "tinh", "huyen", "xa"]
Kind = Literal[
    "ubnd",
    "hdnd",
    "so",
    "phong",
    "bo",
    "co_quan_ngang_bo",
    "cuc",
    "chi_cuc",
    "vu",
    "van_phong",
    "ban",
    "trung_tam",
    "cong_an",
    "quan_doi",
    "buu_dien",
    "mttq_doan_the",
    "dang",
    "truong_benh_vien",
    "doanh_nghiep",
    "bao_dai",
    "chinh_phu",
    "quoc_hoi",
    "group",
    "role_holder",
]


class RoleEntry(LexiconModel):
    title: str
    head: str | None = None


class KindEntry(LexiconModel):
    kind: Kind
    heads: list[str]
    level: Level | None = None
    local: bool = False
    by_level: dict[Level, Kind] | None = None


class CentralBody(LexiconModel):
    name: str
    kind: Kind | None
    abbreviations: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    merged_into: str | None = None


class Rewrite(LexiconModel):
    pattern: str
    replace: str


class RegistryLexicon(LexiconModel):
    """Schema of extractor/data/registry.yaml (each key is described in the file)."""

    abbreviations: dict[str, str]
    place_abbreviations: dict[str, str]
    dotted_abbreviations: list[str]
    address_titles: list[str]
    roles: list[RoleEntry]
    place_levels: dict[str, Level]
    level_words: dict[str, Level]
    place_not_before: list[str]
    city_word: str
    central_cities: list[str]
    central_city_markers: list[str]
    national_suffixes: list[str]
    level_markers: dict[str, Level]
    kinds: list[KindEntry]
    party_suffixes: list[str]
    group_words: list[str]
    multi_groups: list[str]
    group_openers: list[str]
    group_heads: list[str]
    spellings: list[str]
    central_bodies: list[CentralBody]
    rewrites: list[Rewrite]

    @field_validator("central_bodies")
    @classmethod
    def _merged_into_known(cls, bodies: list[CentralBody]) -> list[CentralBody]:
        names = {b.name for b in bodies}
        for b in bodies:
            if b.merged_into is not None and (b.merged_into not in names or b.merged_into == b.name):
                raise ValueError(f"{b.name}: merged_into {b.merged_into!r} is not another central body")
        return bodies

    @model_validator(mode="after")
    def _multi_groups_are_group_words(self) -> RegistryLexicon:
        missing = [w for w in self.multi_groups if w not in self.group_words]
        if missing:
            raise ValueError(f"multi_groups not in group_words: {missing}")
        return self


@dataclass(frozen=True)
class UnitKind:
    kind: str
    head: str
    level: str | None
    local: bool
    by_level: dict[str, str]


@dataclass(frozen=True)
class Central:
    name: str
    kind: str | None
    merged_into: str | None


@dataclass(frozen=True)
class RegistryData:
    """Compiled registry: regexes and lookup tables built once from the YAML."""

    abbr_re: re.Pattern[str]
    abbr: dict[str, str]
    dotted_re: re.Pattern[str]
    address_re: re.Pattern[str]
    place_abbr_re: re.Pattern[str]
    place_abbr: dict[str, str]
    roles: list[tuple[re.Pattern[str], str, str | None]]
    place_re: re.Pattern[str]
    bare_place_re: re.Pattern[str]
    national_re: re.Pattern[str]
    place_levels: dict[str, str]
    city_word: str
    central_cities: tuple[str, ...]
    central_city_markers: tuple[str, ...]
    markers: list[tuple[re.Pattern[str], str]]
    kinds: list[UnitKind]
    party_suffix_re: re.Pattern[str]
    group_words: tuple[str, ...]
    multi_groups: tuple[str, ...]
    group_opener_re: re.Pattern[str]
    group_head_re: re.Pattern[str]
    spell_re: re.Pattern[str]
    spellings: dict[str, str]
    rewrites: list[tuple[re.Pattern[str], str]]
    central: dict[str, Central]
    central_abbr: dict[str, str]


def _words(phrases: list[str]) -> str:
    """Longest first, spaces literal (names are whitespace-collapsed before matching)."""
    return alternation(phrases, flexible_space=False)


def _in_order(phrases: list[str], optional_capital: bool = False) -> str:
    return alternation(phrases, longest_first=False, flexible_space=False, optional_capital=optional_capital)


def _kinds(raw: RegistryLexicon) -> list[UnitKind]:
    kinds = [
        UnitKind(
            entry.kind, head, entry.level, entry.local, {k: v for k, v in (entry.by_level or {}).items()}
        )
        for entry in raw.kinds
        for head in entry.heads
    ]
    kinds.sort(key=lambda k: len(k.head), reverse=True)
    return kinds


def _central(raw: RegistryLexicon) -> tuple[dict[str, Central], dict[str, str]]:
    central: dict[str, Central] = {}
    central_abbr: dict[str, str] = {}
    for body in raw.central_bodies:
        info = Central(body.name, body.kind, body.merged_into)
        for alias in [body.name, *body.aliases]:
            central[alias.casefold()] = info
        for a in body.abbreviations:
            central_abbr[a] = body.name
    return central, central_abbr


def _place_patterns(raw: RegistryLexicon) -> dict[str, re.Pattern[str]]:
    places = [*raw.place_levels, *raw.level_words]
    after = _in_order(raw.place_not_before)
    return {
        "place_re": re.compile(rf"(?<!\w)({_words(places)})(?!\w)(?!\s+(?:{after})\b)", re.IGNORECASE),
        "bare_place_re": re.compile(rf"\s({_words(list(raw.place_levels))})$"),
        "national_re": re.compile(rf"\b(?:{_words(raw.national_suffixes)})$"),
    }


@functools.lru_cache(maxsize=1)
def registry_data() -> RegistryData:
    """Load and compile ``registry.yaml`` once per process."""
    raw = load("registry.yaml", RegistryLexicon)
    roles = [
        (re.compile(rf"^{re.escape(r.title)}(?=[\s,]|$)\s*", re.IGNORECASE), r.title, r.head)
        for r in sorted(raw.roles, key=lambda r: len(r.title), reverse=True)
    ]
    levels = {**raw.place_levels, **raw.level_words}
    central, central_abbr = _central(raw)
    return RegistryData(
        abbr_re=re.compile(rf"(?<![\w&-])({_words(list(raw.abbreviations))})(?![\w&-])"),
        abbr=dict(raw.abbreviations),
        dotted_re=re.compile(rf"\b({_in_order(raw.dotted_abbreviations)})\.\s*(?=\S)"),
        address_re=re.compile(rf"^(?:{_in_order(raw.address_titles, optional_capital=True)})\s+"),
        place_abbr_re=re.compile(rf"(?<=\s)({_words(list(raw.place_abbreviations))})(?![\w&-])"),
        place_abbr=dict(raw.place_abbreviations),
        roles=roles,
        **_place_patterns(raw),
        place_levels={k.casefold(): v for k, v in levels.items()},
        city_word=raw.city_word,
        central_cities=tuple(raw.central_cities),
        central_city_markers=tuple(raw.central_city_markers),
        markers=[(re.compile(rf"(?<!\w){re.escape(k)}(?!\w)"), v) for k, v in raw.level_markers.items()],
        kinds=_kinds(raw),
        party_suffix_re=re.compile(rf"(?:{_words(raw.party_suffixes)})$"),
        group_words=tuple(sorted(raw.group_words, key=len, reverse=True)),
        multi_groups=tuple(raw.multi_groups),
        group_opener_re=re.compile(rf"(?:{_in_order(raw.group_openers, optional_capital=True)})\s"),
        group_head_re=re.compile(
            rf"(?<!\w)({_in_order(raw.group_heads)})(?=\s*(?:[,;]|$)|\s+(?:và\s+)?[a-zđà-ỹ])"
        ),
        spell_re=re.compile(rf"(?<!\w)(?:{_words(raw.spellings)})(?!\w)", re.IGNORECASE),
        spellings={s.casefold(): s for s in raw.spellings},
        rewrites=[(re.compile(r.pattern), r.replace) for r in raw.rewrites],
        central=central,
        central_abbr=central_abbr,
    )
