"""Document types, their abbreviations and issuer codes: one schema for the header and citations.

A type is read in three places: the tên loại line of a header ("KẾ HOẠCH"), the type code inside
a số ký hiệu ("07/KH-UBND") and the type word before a cited number ("Công văn số …"). They all
read ``extractor/data/doc_types.yaml`` through :class:`DocTypes`, so a type added there is known
everywhere at once.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from extractor.lexicon import LexiconModel, load

__all__ = ["DocType", "DocTypes", "doc_types", "type_codes", "type_from_number", "type_line_names"]


class DocType(LexiconModel):
    """One type: canonical name, symbol abbreviation, other spellings, where the header reads it."""

    name: str
    abbr: str | None = None
    aliases: tuple[str, ...] = ()
    type_line: Literal["name", "name+aliases"] | None = None
    by_name: bool = False


class DocTypes(LexiconModel):
    """Schema of doc_types.yaml."""

    types: list[DocType]
    case_fixes: dict[str, str]
    issuers: dict[str, str]
    generic: str
    untitled: str
    urgency: list[str]
    qualifiers: list[str]


def doc_types() -> DocTypes:
    return load("doc_types.yaml", DocTypes)


@functools.lru_cache(maxsize=1)
def type_line_names() -> dict[str, str]:
    """Spelling on a tên loại line → canonical type ("Thông báo kết luận" → "Thông báo")."""
    out: dict[str, str] = {}
    for t in doc_types().types:
        if t.type_line is not None:
            out[t.name] = t.name
            if t.type_line == "name+aliases":
                out.update((a, t.name) for a in t.aliases)
    return out


@functools.lru_cache(maxsize=1)
def type_codes() -> dict[str, str]:
    """Type code of a header's own số ký hiệu, in capitals → type ("CTR" → "Chương trình")."""
    return {t.abbr.upper(): t.name for t in doc_types().types if t.type_line is not None and t.abbr}


def type_from_number(number: str | None) -> str | None:
    """The type a số ký hiệu implies: 07/KH-UBND → Kế hoạch; 169/UBND-VP (no type code) → Công văn."""
    if not number:
        return None
    codes = type_codes()
    parts = re.split(r"[/-]", number.upper())
    if "-" in number.split("/")[0]:  # party style 432-TB/VPTW
        return codes.get(parts[1]) if len(parts) > 1 else None
    rest = [p for p in parts[1:] if not p.isdigit()]
    if rest and rest[0] in codes:
        return codes[rest[0]]
    return doc_types().untitled if rest else None
