"""Resolve a unit name as written ("Phòng Nội vụ Huyện", "Sở TN&MT") to one canonical name,
kind and administrative level, so that tasks given to the same body under different spellings
can be grouped. All knowledge (abbreviations, heads, levels, central bodies) lives in
``extractor/data/registry.yaml`` (schema and compiled tables in ``registry_data.py``); this
module is pure functions over it.

Canonicalization rule (one rule, applied in this order):

1. Text is normalized (``extractor.normalize``), upper-case headers are title-cased, a
   parenthetical note is dropped, abbreviations are expanded (``UBND`` → Ủy ban nhân dân;
   ``TP``/``TX``/``TT`` → thành phố/thị xã/thị trấn only after the first word), and known
   phrases take their standard spelling and case ("Uỷ ban Nhân dân" → "Ủy ban nhân dân");
   place words inside a name are lower case ("Thành phố" → "thành phố"), the first word of a
   specific unit is capitalized, a group starts with lower-case "các".
2. Leading role titles are dropped and returned as ``role`` ("Giám đốc Sở Tài chính" →
   "Sở Tài chính", role "Giám đốc").
3. Central bodies (and their abbreviations) take their registry name ("Bộ NN&PTNT" → "Bộ Nông
   nghiệp và Phát triển nông thôn", ``merged_into`` "Bộ Nông nghiệp và Môi trường").
4. Issuer place: a trailing *bare* place word that repeats the issuer's own place word is
   replaced by the issuer's full place ("Phòng Nội vụ Huyện" under "Ủy ban nhân dân huyện
   Châu Thành" → "Phòng Nội vụ huyện Châu Thành"), and a Sở/Phòng named without any place whose
   level equals the issuer's gets the issuer's place appended ("Phòng Nội vụ" → "Phòng Nội vụ
   huyện Châu Thành"). When the issuer has no place name, the repeated bare word is dropped
   instead, so both spellings still meet ("Phòng Nội vụ"). Without an issuer nothing is added.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor.find.registry_data import UnitKind, registry_data
from extractor.normalize import fold, normalize


@dataclass(frozen=True)
class UnitInfo:
    """A resolved unit; ``name`` is the input as given, ``canonical`` the grouping key."""

    name: str
    canonical: str
    kind: str | None
    level: str | None
    role: str | None
    merged_into: str | None = None


_UPPER = "A-ZĐÀ-ỸÂĂÊÔƠƯ"
_PROPER = rf"[{_UPPER}0-9][\w]*(?:\s+[{_UPPER}0-9][\w]*)*"


def _clean(name: str) -> str:
    """Normalized, expanded, standard-spelled text of a name (no role or issuer logic)."""
    d = registry_data()
    text = normalize(name).replace("\n", " ").replace("\t", " ")
    text = re.sub(r"\s*\([^)]*\)?", " ", text)  # "(sau đây gọi tắt là …)", "(CDC)"
    text = re.sub(r"^[\s\-–+*•.,;:\"'“”]+|[\s.,;:\"'“”]+$", "", text)
    text = d.address_re.sub("", text)
    if text in d.central_abbr:
        return d.central_abbr[text]
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(text.split()) > 1:
        # an upper-case header line; keep the all-caps abbreviation tokens as they are
        text = " ".join(w if w in d.abbr or w in d.place_abbr else w.capitalize() for w in text.split())
    text = d.dotted_re.sub(r"\1 ", text)
    text = d.abbr_re.sub(lambda m: d.abbr[m.group(1)], text)
    text = d.place_abbr_re.sub(lambda m: d.place_abbr[m.group(1)], text)
    text = re.sub(r"(?<=\w)\s*-\s*(?=\w)", " - ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = d.spell_re.sub(lambda m: d.spellings.get(m.group(0).casefold(), m.group(0)), text)
    for pattern, repl in d.rewrites:
        text = pattern.sub(repl, text)
    # place words are lower case inside a name ("Phòng Nội vụ Huyện" → "huyện")
    text = d.place_re.sub(lambda m: m.group(0).lower() if m.start() > 0 else m.group(0), text)
    return text


def _is_group(text: str) -> bool:
    """ "các sở, ban, ngành", "cơ quan, đơn vị": generic groups rather than one named body."""
    d = registry_data()
    if d.group_opener_re.match(text):
        return True
    low = text.casefold()
    for word in d.group_words:
        if low == word or low.startswith(word + " ") or low.startswith(word + ","):
            if word in d.multi_groups:
                return True
            rest = text[len(word) :].lstrip(" ,")
            return text[:1].islower() and not rest[:1].isupper()
    return False


def _tidy_group(text: str) -> str:
    """Lower-case the generic words of a group ("Các Sở, Ban, ngành" → "các sở, ban, ngành")."""
    text = re.sub(r"^Các\b", "các", text)  # the plural article, grammar rather than lexicon
    return registry_data().group_head_re.sub(lambda m: m.group(1).lower(), text)


def _strip_roles(text: str) -> tuple[str, str | None]:
    """Drop leading role titles ("Giám đốc, Thủ trưởng các sở" → "các sở", that role)."""
    found: list[str] = []
    while True:
        for pattern, title, head in registry_data().roles:
            m = pattern.match(text)
            if not m:
                continue
            rest = text[m.end() :]
            if head and not rest.casefold().startswith(head.casefold()) and rest:
                rest = f"{head} {rest}"
            found.append(title)
            text = rest
            break
        else:
            break
        sep = re.match(r"\s*(?:,|và)\s+", text)
        if not (sep and any(p.match(text[sep.end() :]) for p, _, _ in registry_data().roles)):
            break
        text = text[sep.end() :]
    return text.strip(" ,"), (", ".join(found) if found else None)


def _kind_of(text: str) -> UnitKind | None:
    low = text.casefold()
    for k in registry_data().kinds:
        h = k.head.casefold()
        if low == h or (low.startswith(h) and not low[len(h)].isalnum()):
            return k
    return None


def _place_level(text: str) -> tuple[str | None, re.Match[str] | None]:
    """Level from the first place word ("các huyện, thị xã" → huyen) and that match."""
    d = registry_data()
    for m in d.place_re.finditer(text):
        if m.start() == 0:
            continue  # "Huyện đoàn", a head, is not a place
        word = m.group(1).casefold()
        level = d.place_levels[word]
        if word == d.city_word:
            after = text[m.end() :].lstrip()
            if after.startswith(d.central_cities) or after.startswith(d.central_city_markers):
                level = "tinh"
        return level, m
    return None, None


def _issuer_place(issuer: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(place word, full place, level, kind) of the issuer, e.g. ("huyện", "huyện Châu Thành")."""
    text, _ = _strip_roles(_clean(issuer))
    kind = _kind_of(text)
    central = registry_data().central.get(text.casefold())
    if central:
        return None, None, "trung_uong", central.kind
    level, m = _place_level(text)
    if m is None:
        return None, None, (kind.level if kind else None), (kind.kind if kind else None)
    word = m.group(1).lower()
    after = text[m.end() :]
    proper = re.match(rf"\s+({_PROPER})\s*$", after)
    full = f"{word} {proper.group(1)}" if proper else None
    return word, full, level, (kind.kind if kind else None)


def _resolve(name: str, issuer: str | None) -> UnitInfo:
    d = registry_data()
    cleaned = _clean(name)
    central = d.central.get(cleaned.casefold())
    role: str | None = None
    if central is None:
        cleaned, role = _strip_roles(cleaned)
        if cleaned in d.central_abbr:
            cleaned = d.central_abbr[cleaned]
        central = d.central.get(cleaned.casefold())
    if central is not None:
        return UnitInfo(name, central.name, central.kind, "trung_uong", role, central.merged_into)
    if not cleaned:
        return UnitInfo(name, role or "", "role_holder" if role else None, None, role)
    if _is_group(cleaned):
        canonical = _tidy_group(cleaned)
        level, _ = _place_level(canonical)
        if level is None and issuer:
            level = _issuer_place(issuer)[2]
        return UnitInfo(name, canonical, "group", level, role)
    canonical = cleaned[:1].upper() + cleaned[1:]
    kind = _kind_of(canonical)
    i_word, i_full, i_level, i_kind = _issuer_place(issuer) if issuer else (None, None, None, None)
    # 4. a trailing bare place word that repeats the issuer's place
    bare = d.bare_place_re.search(canonical)
    if bare and i_word and bare.group(1) == i_word:
        canonical = canonical[: bare.start()] + (f" {i_full}" if i_full else "")
    level, place = _place_level(canonical)
    if level is None:
        level = next((lv for rx, lv in d.markers if rx.search(canonical)), None)
    if level is None and kind is not None:
        if kind.kind == "phong" and (i_level in ("huyen", "xa") or i_kind == "so"):
            level = i_level
        else:
            level = kind.level
    if level is None and d.national_re.search(canonical):
        level = "trung_uong"
    if level is None and kind is not None and kind.kind != "doanh_nghiep":
        level = i_level
    if kind is not None and kind.local and place is None and i_full and level == i_level:
        canonical = f"{canonical} {i_full}"
    kind_name: str | None = None
    if kind is not None:
        kind_name = kind.by_level.get(level or "", kind.kind)
        if kind_name in ("ban", "van_phong") and d.party_suffix_re.search(canonical):
            kind_name = "dang"
    return UnitInfo(name, canonical, kind_name, level, role)


@functools.lru_cache(maxsize=8192)
def resolve(name: str, issuer: str | None = None) -> UnitInfo:
    """Canonical name, kind, level and role of a unit named in a document by ``issuer``.

    Never raises: anything unexpected gives the whitespace-cleaned name with no kind/level.
    Cached: a document names the same units over and over, and the result is immutable.
    """
    try:
        return _resolve(name, issuer)
    except Exception:
        return UnitInfo(name, " ".join(str(name).split()), None, None, None)


def same_unit(a: str, b: str, issuer: str | None = None) -> bool:
    """Whether two spellings name the same body under one issuer (compared case-blind)."""
    return fold(resolve(a, issuer).canonical) == fold(resolve(b, issuer).canonical)
