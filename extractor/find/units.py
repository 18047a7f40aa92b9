"""Units (state bodies, role holders, groups) named as assignees, collaborators, report-to.

A unit phrase starts at a head word (Sở, Phòng, Ủy ban nhân dân, Thủ trưởng, các …) and runs
until a lower-case directive verb ("Sở Tài chính chủ trì …") or a function word. Lists are
split on ",", ";" and "và" where the next piece starts a new unit ("Sở Y tế, Sở Tài chính"),
but not inside a name ("Ủy ban nhân dân các xã, thị trấn"); "các Bộ: Tài chính, Tư pháp"
becomes "Bộ Tài chính", "Bộ Tư pháp". Words are in ``units.yaml`` (see ``units_lexicon``).
"""

from __future__ import annotations

import re

from extractor.find.registry_data import registry_data
from extractor.find.thresholds import UNIT_PHRASE_MAX_CHARS
from extractor.find.units_lexicon import unit_patterns, units_lexicon
from extractor.spans import UnitSpan

__all__ = ["bare_role", "find_units", "split_units", "starts_with_unit", "unit_phrase_end"]


def starts_with_unit(text: str) -> bool:
    pats = unit_patterns()
    if pats.not_unit_start.match(text):
        return False  # verbs and phrases that begin with a head word
    return pats.head.match(text) is not None


def bare_role(name: str) -> str:
    """The name without a leading title ("Giám đốc Sở X" → "Sở X")."""
    return unit_patterns().role.sub("", name)


def unit_phrase_end(
    text: str, start: int = 0, limit: int = UNIT_PHRASE_MAX_CHARS, verbs_only: bool = False
) -> int:
    """End of the unit phrase that starts at ``start``: before the first lower-case verb or stop.

    ``verbs_only`` (for headings, which hold nothing but the name) ends it only at a verb.
    """
    pats = unit_patterns()
    stop_re = pats.heading_stop if verbs_only else pats.stop
    window = text[start : start + limit]
    end = len(window)
    colon = pats.colon_list.match(window)
    skip_colon = colon.end("pre") if colon else -1
    # "tổ chức" after a unit is the verb ("Các đơn vị tổ chức trực ban"), after "các" the noun
    weak = None if verbs_only else pats.ambiguous_verb.search(window)
    if weak and not pats.ambiguous_noun_before.search(window[: weak.start()]):
        window = window[: weak.start()]
    after_group = None if verbs_only else pats.verb_after_group.search(window)
    if after_group:
        window = window[: after_group.start("verb") - 1]
    for m in stop_re.finditer(window):
        if m.start() == 0:
            continue
        # a stop only counts in lower case, and not inside "Ban chỉ đạo", "Ban chỉ huy"
        if window[m.start()].isupper() or pats.stop_not_after.search(window[: m.start()]):
            continue
        end = m.start()
        break
    for m in pats.end_mark.finditer(window[:end]):
        if m.start() == skip_colon or (m.group(0) == ":" and pats.list_head.search(window[: m.start()])):
            continue  # "… và các Tập đoàn: A, B" — a list follows
        end = m.start()
        break
    return start + len(window[:end].rstrip(" ,;"))


def split_units(phrase: str, offset: int = 0, label: str = "ORG") -> list[UnitSpan]:
    """Split a unit phrase into units with offsets relative to the phrase (+ ``offset``)."""
    pats = unit_patterns()
    cleaned = pats.alias.sub(lambda m: " " * len(m.group(0)), phrase)
    inner = pats.inner_list.search(cleaned)
    if inner and inner.start() > 0:
        # "Các Bộ, cơ quan liên quan và các Tập đoàn: A, B": the list after the colon is a group of its own
        head_part = split_units(phrase[: inner.start()], offset, label)
        tail_start = inner.end()
        return head_part + split_units(phrase[tail_start:], offset + tail_start, label)
    return (
        _place_list(phrase, cleaned, offset, label)
        or _colon_list(phrase, cleaned, offset, label)
        or _plain_list(phrase, cleaned, offset, label)
    )


def _place_list(phrase: str, cleaned: str, offset: int, label: str) -> list[UnitSpan]:
    """ "UBND các huyện, thị xã: A, B" → "UBND huyện A", "UBND huyện B"."""
    pats = unit_patterns()
    places = pats.place_list.match(cleaned.rstrip(" .;,"))
    if not (
        places
        and places.group("pre")
        and starts_with_unit(re.split(r"[,;]", places.group("pre"))[-1].strip())
    ):
        return []
    out: list[UnitSpan] = []
    pre = " ".join(re.split(r"[,;]", places.group("pre"))[-1].split())
    role = pats.role.match(pre)
    items_start = places.start("items")
    for m in re.finditer(r"[^,;]+?(?=\s*(?:,|;|\bvà\b|$))", places.group("items")):
        value = m.group(0).strip()
        if value.startswith("và "):
            value = value[3:].strip()
        if not value:
            continue
        s = items_start + m.start() + m.group(0).index(value)
        out.append(
            UnitSpan(
                offset + s,
                offset + s + len(value),
                phrase[s : s + len(value)],
                label,
                role=role.group(0).strip() if role else None,
                extra={"name": f"{pre} {_level_of(value, places.group('levels'))} {value}"},
            )
        )
    return out


def _colon_list(phrase: str, cleaned: str, offset: int, label: str) -> list[UnitSpan]:
    """ "các Bộ: Tài chính, Tư pháp" → "Bộ Tài chính", "Bộ Tư pháp"."""
    colon = unit_patterns().colon_list.match(cleaned.rstrip(" .;,"))
    if not colon:
        return []
    out: list[UnitSpan] = []
    head = colon.group("head")
    items_start = colon.start("items")
    for m in _colon_items(colon.group("items")):
        piece = m.group(0)
        value = piece.strip()
        if value.startswith("và "):
            value = value[3:]
        if not value:
            continue
        s = items_start + m.start() + piece.index(value.split()[0])
        name = value if value.lower().startswith(head.lower()) else f"{head} {value}"
        out.append(
            UnitSpan(
                offset + s, offset + s + len(value), phrase[s : s + len(value)], label, extra={"name": name}
            )
        )
    return out


def _plain_list(phrase: str, cleaned: str, offset: int, label: str) -> list[UnitSpan]:
    """ "Sở Y tế, Sở Tài chính và UBND các huyện" → one unit per piece that starts a unit."""
    pats = unit_patterns()
    out: list[UnitSpan] = []
    for s, e in _pieces(cleaned):
        value = cleaned[s:e].strip(" ,;.")
        if not value or not re.search(r"[^\W\d_]", value):
            continue
        s2 = s + cleaned[s:e].index(value)
        role = pats.role.match(value + " ")
        if role and not value[role.end() :].strip():
            continue  # a bare title ("Giám đốc, Thủ trưởng các sở"): the unit follows
        role = pats.role.match(value)
        out.append(
            UnitSpan(
                offset + s2,
                offset + s2 + len(value),
                phrase[s2 : s2 + len(value)],
                label,
                role=role.group(0).strip() if role else None,
                extra={"name": " ".join(value.split())},
            )
        )
    return out


def _pieces(cleaned: str) -> list[tuple[int, int]]:
    """Cut at separators where the next piece names a new unit by itself."""
    pats = unit_patterns()
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in pats.split.finditer(cleaned):
        rest = cleaned[m.end() :]
        if "và" in m.group(0) and pats.council_end.search(cleaned[: m.start()]):
            continue  # "Văn phòng HĐND và UBND huyện" is one office
        if (
            "và" in m.group(0)
            and pats.council_partner.match(rest)
            and pats.joint_office.match(cleaned[start : m.start()])
        ):
            continue  # "Văn phòng Đoàn ĐBQH và HĐND tỉnh"
        # split only where the next piece names a new unit by itself
        if pats.head.match(rest) and _is_unit_start(rest):
            pieces.append((start, m.start()))
            start = m.end()
    pieces.append((start, len(cleaned)))
    return pieces


def _colon_items(items: str) -> list[re.Match[str]]:
    """Items of "các Bộ: A, B và C", keeping names that contain "," or "và" whole."""
    return list(unit_patterns().colon_item.finditer(items))


def _is_unit_start(rest: str) -> bool:
    """ "thị trấn" after "các xã," continues the name; "đơn vị sự nghiệp" starts a unit."""
    pats, words = unit_patterns(), units_lexicon()
    if pats.name_continuation.match(rest):
        return False  # "Sở Lao động - Thương binh và Xã hội"
    # "các cơ quan, đơn vị (có liên quan)": a bare generic word continues the group
    if pats.group_noun.match(rest):
        return False
    if pats.non_unit_group.match(rest):
        return False
    first = rest.split(" ", 1)[0].rstrip(",;")
    if first in words.continuing_place_words and not rest[:1].isupper():
        return False
    if first in words.continuing_unit_words and not rest[:1].isupper():
        return False  # "các phòng, ban ngành", "sở, ban, ngành"
    return True


def find_units(text: str, start: int = 0) -> list[UnitSpan]:
    """The units of the phrase at ``start`` of ``text`` (empty if none starts there)."""
    if not starts_with_unit(text[start:]):
        return []
    end = unit_phrase_end(text, start)
    while end > start and text[end - 1] in ":;,":
        end -= 1
    return split_units(text[start:end], start)


def _level_of(place: str, levels: str) -> str:
    """ "thành phố" for the centrally-run cities when the list allows it, else the first level."""
    words = units_lexicon()
    names = levels.replace(" ", "").split(",")
    if words.city_level.replace(" ", "") in names and place in registry_data().central_cities:
        return words.city_level
    return levels.split(",")[0].strip()
