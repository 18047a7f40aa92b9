"""Units (state bodies, role holders, groups) named as assignees, collaborators, report-to.

A unit phrase starts at a head word (Sở, Phòng, Ủy ban nhân dân, Thủ trưởng, các …) and runs
until a lower-case directive verb ("Sở Tài chính chủ trì …") or a function word. Lists are
split on ",", ";" and "và" where the next piece starts a new unit ("Sở Y tế, Sở Tài chính"),
but not inside a name ("Ủy ban nhân dân các xã, thị trấn"); "các Bộ: Tài chính, Tư pháp"
becomes "Bộ Tài chính", "Bộ Tư pháp".
"""

from __future__ import annotations

import functools
import re

from extractor.lexicon import raw_yaml as load_yaml
from extractor.spans import UnitSpan


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    units = load_yaml("units.yaml")
    tasks = load_yaml("tasks.yaml")
    heads = sorted(set(units["heads"]), key=len, reverse=True)
    generic = sorted(set(units["generic"]), key=len, reverse=True)
    head_re = re.compile(
        r"(?:"
        + "|".join(re.escape(h) for h in heads)
        + r"|"
        + "|".join(re.escape(g) for g in generic)
        + r")(?=[\s,.:;]|$)"
    )
    verbs = sorted(set(tasks["directive_verbs"]) | set(units["stops"]), key=len, reverse=True)
    stop_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in verbs) + r")(?![\w])")
    role_re = re.compile(
        r"^(?:" + "|".join(re.escape(r) for r in sorted(units["roles"], key=len, reverse=True)) + r")\s+"
    )
    only = sorted(set(units["heading_stops"]), key=len, reverse=True)
    heading_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in only) + r")(?![\w])")
    return head_re, stop_re, role_re, heading_re


@functools.lru_cache(maxsize=1)
def directive_verb_re() -> re.Pattern[str]:
    """Any directive verb of the task lexicon (lower-case matches only are verbs)."""
    verbs = sorted(set(load_yaml("tasks.yaml")["directive_verbs"]), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in verbs) + r")(?![\w])")


def starts_with_unit(text: str) -> bool:
    head_re, _, _, _ = _lexicon()
    if re.match(r"(?:ban hành|ban ngày|đoàn kết|tổ chức thực hiện|tổ chức triển khai|[Tt]rường hợp)\b", text):
        return False  # verbs and phrases that begin with a head word
    return head_re.match(text) is not None


def unit_phrase_end(text: str, start: int = 0, limit: int = 260, verbs_only: bool = False) -> int:
    """End of the unit phrase that starts at ``start``: before the first lower-case verb or stop.

    ``verbs_only`` (for headings, which hold nothing but the name) ends it only at a verb.
    """
    _, stop_re, _, verb_re = _lexicon()
    if verbs_only:
        stop_re = verb_re
    window = text[start : start + limit]
    end = len(window)
    colon = _COLON_LIST.match(window)
    skip_colon = colon.end("pre") if colon else -1
    # "tổ chức" after a unit is the verb ("Các đơn vị tổ chức trực ban"), after "các" the noun
    weak = None if verbs_only else re.search(r"(?<=\S) tổ chức(?!\s*,)(?! đảng)", window)
    if weak and not re.search(r"(?:[Cc]ác|và|,)$", window[: weak.start()]):
        window = window[: weak.start()]
    after_group = None if verbs_only else _WEAK_AFTER_GROUP.search(window)
    if after_group:
        window = window[: after_group.start("verb") - 1]
    for m in stop_re.finditer(window):
        if m.start() == 0:
            continue
        # a stop only counts in lower case, and not inside "Ban chỉ đạo", "Ban chỉ huy"
        if window[m.start()].isupper() or re.search(r"\b[Bb]an\s+$", window[: m.start()]):
            continue
        end = m.start()
        break
    for m in re.finditer(
        r"[:(\[]|\s-\s(?=[a-zđà-ỹ])(?!xã hội)|\s(?:theo|trong phạm vi)\s+(?:chức năng|thẩm quyền)|\.(?:\s|$)",
        window[:end],
    ):
        if m.start() == skip_colon or (m.group(0) == ":" and _LIST_HEAD.search(window[: m.start()])):
            continue  # "… và các Tập đoàn: A, B" — a list follows
        end = m.start()
        break
    return start + len(window[:end].rstrip(" ,;"))


_LIST_HEAD = re.compile(
    r"(?:^|[,;]\s*|\svà\s|\s)(?:[Cc]ác\s+)(?:Bộ|Sở|Tập đoàn|Ban|Cục|Tổng cục|Vụ|Đài|Đoàn|"
    r"(?:tỉnh|thành phố|huyện|xã|phường)(?:\s*,\s*(?:tỉnh|thành phố|huyện|xã|phường|thị xã|thị trấn))*(?:\s+trực thuộc [Tt]rung ương)?)\s*$"
)
_WEAK_AFTER_GROUP = re.compile(
    r"\b(?:đơn vị|địa phương|cơ quan|ngành|xã|phường|huyện|tỉnh|thị trấn|doanh nghiệp)\s+(?P<verb>xây dựng|tổ chức|quản lý|đầu tư|"
    r"thẩm định|đánh giá|tham gia|công khai|vận hành|khảo sát|ứng dụng|đổi mới|thành lập|tiếp nhận|bố trí|cập nhật)\b"
)
_SPLIT = re.compile(r"\s*(?:;|,|\bvà\b|\bcùng\b)\s*")
_COLON_LIST = re.compile(
    r"^(?P<pre>(?:[Cc]ác|[Ll]ãnh đạo các|[Gg]iám đốc các|[Tt]hủ trưởng các)\s*(?P<head>Bộ|Sở|Tập đoàn|Ban|Cục|Tổng cục|Vụ|Đài|Đoàn)[^:]{0,20}):\s*(?P<items>.+)$"
)
_PLACE_LIST = re.compile(
    r"^(?P<pre>.*?)\s*\b[Cc]ác\s+(?P<levels>(?:tỉnh|thành phố|huyện|xã|phường|quận|thị xã)(?:\s*,\s*(?:tỉnh|thành phố|huyện|xã|phường|quận|thị xã|thị trấn))*)(?:\s+trực thuộc [Tt]rung ương)?\s*:\s*(?P<items>.+)$"
)
_PAREN = re.compile(r"\s*\((?:sau đây|gọi tắt|Gọi tắt|viết tắt)[^)]*\)")


def split_units(phrase: str, offset: int = 0, label: str = "ORG") -> list[UnitSpan]:
    """Split a unit phrase into units with offsets relative to the phrase (+ ``offset``)."""
    head_re, _, role_re, _ = _lexicon()
    out: list[UnitSpan] = []
    cleaned = _PAREN.sub(lambda m: " " * len(m.group(0)), phrase)
    inner = re.search(
        r"(?:,\s*|\s+và\s+)(?=(?:[Cc]ác\s+)(?:Bộ|Sở|Tập đoàn|Ban|Cục|Tổng cục|Vụ|Đài|Đoàn)\s*:)", cleaned
    )
    if inner and inner.start() > 0:
        # "Các Bộ, cơ quan liên quan và các Tập đoàn: A, B": the list after the colon is a group of its own
        head_part = split_units(phrase[: inner.start()], offset, label)
        tail_start = inner.end()
        return head_part + split_units(phrase[tail_start:], offset + tail_start, label)
    places = _PLACE_LIST.match(cleaned.rstrip(" .;,"))
    if (
        places
        and places.group("pre")
        and starts_with_unit(re.split(r"[,;]", places.group("pre"))[-1].strip())
    ):
        pre = " ".join(re.split(r"[,;]", places.group("pre"))[-1].split())
        role = role_re.match(pre)
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
        if out:
            return out
    colon = _COLON_LIST.match(cleaned.rstrip(" .;,"))
    if colon:
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
                    offset + s,
                    offset + s + len(value),
                    phrase[s : s + len(value)],
                    label,
                    extra={"name": name},
                )
            )
        if out:
            return out
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in _SPLIT.finditer(cleaned):
        rest = cleaned[m.end() :]
        if "và" in m.group(0) and re.search(r"(?:HĐND|Hội đồng nhân dân)$", cleaned[: m.start()]):
            continue  # "Văn phòng HĐND và UBND huyện" is one office
        if (
            "và" in m.group(0)
            and re.match(r"(?:HĐND|Hội đồng nhân dân|UBND|Ủy ban nhân dân)\b", rest)
            and re.match(r"\s*Văn phòng\b", cleaned[start : m.start()])
        ):
            continue  # "Văn phòng Đoàn ĐBQH và HĐND tỉnh"
        # split only where the next piece names a new unit by itself
        if head_re.match(rest) and _is_unit_start(rest):
            pieces.append((start, m.start()))
            start = m.end()
    pieces.append((start, len(cleaned)))
    for s, e in pieces:
        value = cleaned[s:e].strip(" ,;.")
        if not value or not re.search(r"[^\W\d_]", value):
            continue
        s2 = s + cleaned[s:e].index(value)
        role = role_re.match(value + " ")
        if role and not value[role.end() :].strip():
            continue  # a bare title ("Giám đốc, Thủ trưởng các sở"): the unit follows
        role = role_re.match(value)
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


@functools.lru_cache(maxsize=1)
def _item_re() -> re.Pattern[str]:
    names = sorted(load_yaml("units.yaml")["compound_names"], key=len, reverse=True)
    known = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"(?:(?<=^)|(?<=[,;]\s)|(?<=[,;])|(?<=\svà\s))\s*(?:{known})(?=\s*(?:[,;.]|\bvà\b|$))|[^,;]+?(?=\s*(?:[,;]|\bvà\s+(?=[A-ZĐÀ-Ỹ])|$))"
    )


def _colon_items(items: str) -> list[re.Match[str]]:
    """Items of "các Bộ: A, B và C", keeping names that contain "," or "và" whole."""
    return list(_item_re().finditer(items))


def _is_unit_start(rest: str) -> bool:
    """ "thị trấn" after "các xã," continues the name; "đơn vị sự nghiệp" starts a unit."""
    if re.match(r"Xã hội\b", rest):
        return False  # "Sở Lao động - Thương binh và Xã hội"
    # "các cơ quan, đơn vị (có liên quan)": a bare generic word continues the group
    if re.match(
        r"(?:đơn vị|địa phương|cơ quan|ngành)(?:\s+(?:(?:có\s+)?liên quan|được giao[^,;]*|được phân công[^,;]*|trực thuộc[^,;]*))?\s*(?:[,;.]|$)",
        rest,
    ):
        return False
    if re.match(r"(?:cá nhân|hộ gia đình|doanh nghiệp|tổ chức|người dân|nhân dân)\b", rest):
        return False
    first = rest.split(" ", 1)[0].rstrip(",;")
    if (
        first in ("thị", "phường", "xã", "quận", "huyện", "thành", "tỉnh", "thị xã")
        and not rest[:1].isupper()
    ):
        return False
    if first in ("ban", "ngành", "sở", "phòng", "đoàn") and not rest[:1].isupper():
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
    names = levels.replace(" ", "").split(",")
    if "thànhphố" in names and place in load_yaml("units.yaml")["central_cities"]:
        return "thành phố"
    return levels.split(",")[0].strip()
