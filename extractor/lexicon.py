"""Lexical knowledge as data: ``extractor/data/*.yaml`` loaded into validated pydantic schemas.

Word lists live in data files so that a linguist edits them without touching code. Each file
(or top-level section of one) has a :class:`LexiconModel` schema: an unknown key or a wrong type
fails at first use with the file's name. Schemas remember which fields code has read, so a test
can fail on a data key that nothing reads; ``disjoint`` names pairs of lists that must not share
a phrase (a word cannot both open a directive and mark background). Files are parsed once per
process (``lru_cache``) because extractors run on thousands of phrases; treat results as
read-only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

__all__ = [
    "LexiconError",
    "LexiconModel",
    "alternation",
    "data_files",
    "load",
    "loaded",
    "raw_yaml",
    "read_fields",
]

_READ: set[tuple[type, str]] = set()
_LOADED: dict[tuple[str, str | None], type[LexiconModel]] = {}

M = TypeVar("M", bound="LexiconModel")


class LexiconError(ValueError):
    """A data file is missing or does not match its schema (a packaging or editing mistake)."""


class LexiconModel(BaseModel):
    """Base of every data schema: strict keys, frozen values, and a record of fields read.

    ``disjoint``: pairs of list fields (by name) that must not share a phrase, compared
    case-insensitively; the lexicon tests check them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    disjoint: ClassVar[tuple[tuple[str, str], ...]] = ()

    def __getattribute__(self, name: str) -> Any:
        if name[:1] != "_" and name in type(self).model_fields:
            _READ.add((type(self), name))
        return super().__getattribute__(name)


def _read(name: str) -> str:
    """Text of ``extractor/data/<name>`` as a package resource (works from wheels and zips).

    An old editable install may expose ``extractor`` as a namespace with a non-directory path
    entry, so fall back to the file beside this module.
    """
    try:
        return resources.files("extractor.data").joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, NotADirectoryError, FileNotFoundError, TypeError):
        return (Path(__file__).resolve().parent / "data" / name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=64)
def _parse(name: str) -> Any:
    try:
        return yaml.safe_load(_read(name))
    except (OSError, yaml.YAMLError) as err:
        raise LexiconError(f"extractor/data/{name}: {err}") from err


@functools.lru_cache(maxsize=128)
def load(name: str, schema: type[M], section: str | None = None) -> M:
    """``extractor/data/<name>`` (or its top-level ``section``) validated by ``schema``."""
    raw = _parse(name)
    if section is not None:
        if not isinstance(raw, dict) or section not in raw:
            raise LexiconError(f"extractor/data/{name}: no section {section!r}")
        raw = raw[section]
    try:
        value = schema.model_validate(raw)
    except ValidationError as err:
        where = f"{name}:{section}" if section else name
        raise LexiconError(f"extractor/data/{where} does not match {schema.__name__}: {err}") from err
    _LOADED[(name, section)] = schema
    return value


def loaded() -> dict[tuple[str, str | None], type[LexiconModel]]:
    """(file, section) → schema for every data file loaded so far in this process."""
    return dict(_LOADED)


def read_fields() -> set[tuple[type, str]]:
    """(schema class, field) pairs that code has read so far in this process."""
    return set(_READ)


def data_files() -> list[str]:
    """Names of the YAML files in ``extractor/data``."""
    folder = Path(__file__).resolve().parent / "data"
    return sorted(p.name for p in folder.glob("*.yaml"))


def alternation(
    phrases: Iterable[str],
    *,
    longest_first: bool = True,
    flexible_space: bool = True,
    optional_capital: bool = False,
) -> str:
    """A regex alternation (without the enclosing group) that matches any of ``phrases``.

    Duplicates are dropped (first one kept). ``longest_first`` sorts stably by length so that
    "Thông báo kết luận" is tried before "Thông báo"; without it the data file's order holds.
    ``flexible_space`` lets any run of spaces stand between words; ``optional_capital`` accepts
    the first letter in either case ("[Gg]iao"), for cue words that open or continue a clause.
    """
    seen: dict[str, None] = {}
    for p in phrases:
        p = p.strip()
        if p:
            seen.setdefault(p, None)
    words = sorted(seen, key=len, reverse=True) if longest_first else list(seen)
    return "|".join(_phrase(w, flexible_space, optional_capital) for w in words)


def _phrase(word: str, flexible_space: bool, optional_capital: bool) -> str:
    parts = word.split() if flexible_space else [word]
    body = r"\s+".join(re.escape(p) for p in parts)
    first = word[:1]
    if optional_capital and first.lower() != first.upper():
        body = f"[{first.upper()}{first.lower()}]" + body[len(re.escape(first)) :]
    return body


def raw_yaml(name: str) -> Any:
    """The parsed file without a schema: only for data that is not lexical (tests, tools).

    Finders use :func:`load`; a data file read only through here fails the unused-key test.
    """
    return _parse(name)
