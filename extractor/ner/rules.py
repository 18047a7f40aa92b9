"""Rule spans from the existing finders: units (ORG/ROLE), header (PER/LOC/ROLE/ORG),
citations (DOC_REF) and dates (DATE), plus a few surface patterns (named officials, places).

Every span is checked against the text (``text[start:end] == span text``) and overlaps are
resolved by label priority, then length. No spaCy here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from extractor.find.citations import find_citations
from extractor.find.deadlines import parse_date
from extractor.find.header import find_metadata
from extractor.find.header.closing import W as CLOSING_WORDS
from extractor.find.tasks import find_tasks
from extractor.find.units import find_units, split_units
from extractor.find.units_lexicon import units_lexicon
from extractor.ner.types import Entity
from extractor.spans import UnitSpan
from extractor.tree import Document, Line

# overlap priority (lower wins) among rule spans
PRIORITY = {"DOC_REF": 0, "DATE": 1, "PER": 2, "ROLE": 3, "ORG": 4, "LOC": 5}

EXTRA_ROLES = (
    "Thủ tướng",
    "Phó Thủ tướng",
    "Thủ tướng Chính phủ",
    "Phó Thủ tướng Chính phủ",
    "Phó Thủ tướng Thường trực Chính phủ",
    "Phó Thủ tướng Thường trực",
    "Chủ nhiệm",
    "Phó Chủ nhiệm",
    "Tổng Bí thư",
    "Phó Bí thư",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Phó Trưởng ban",
    "Phó Trưởng phòng",
    "Phó Cục trưởng",
    "Phó Chi cục trưởng",
    "Thứ trưởng",
    "Trưởng Công an",
    "Chỉ huy trưởng",
    "Phó Chánh Thanh tra",
)
_UPPER = "A-ZĐÀ-ỸÂĂÊÔƠƯ"
_CAP_WORD = r"(?-i:[^\W\d_][^\W\d_]*)"
_PLACE_LEVEL = r"(?:tỉnh|huyện|xã|thành phố|quận|phường|thị xã|thị trấn|TP\.|Tỉnh|Huyện|Xã|Thành phố|Quận|Phường|Thị xã|Thị trấn)"
_PLACE_RE = re.compile(rf"(?<![\w])(?:{_PLACE_LEVEL}) +(?P<name>{_CAP_WORD}(?: +{_CAP_WORD}){{0,3}})")
_PERSON_CUE = re.compile(
    rf"(?<![\w])(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí|[Đđ]/c)\s+(?P<name>{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,4}})"
)
SURNAMES = frozenset(CLOSING_WORDS.surnames)


def _caps_prefix(text: str) -> str:
    """The leading run of capitalized words of ``text`` (up to five)."""
    end = 0
    count = 0
    for m in re.finditer(r"[^\W\d_]+|\S+", text):
        w = m.group(0)
        if text[end : m.start()] not in ("", " ") or not w.isalpha() or not w[0].isupper() or w.isupper():
            break
        if count == 5:
            break
        end = m.end()
        count += 1
    return text[:end]


def person_name(text: str) -> str:
    """A person's name at the start of ``text`` ("Lê Thành Long kết luận" → "Lê Thành Long"), or ""."""
    name = _caps_prefix(text)
    parts = name.split()
    if 2 <= len(parts) <= 5 and parts[0] in SURNAMES:
        return name
    return ""


_DATE_RE = re.compile(
    r"(?<![\w/])(?:[Nn]gày\s+)?(?:"
    r"[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s+năm\s+[0-9]{4}"
    r"|[0-9]{1,2}\s*/\s*[0-9]{1,2}\s*/\s*[0-9]{4}"
    r"|[0-9]{1,2}\s*-\s*[0-9]{1,2}\s*-\s*[0-9]{4}"
    r"|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}"
    r")(?![\w/])"
)
_MONTH_RE = re.compile(r"(?<![\w/])tháng\s+[0-9]{1,2}\s*(?:/\s*|năm\s+)[0-9]{4}(?![\w/])")
_NAMEISH = re.compile(rf"^{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,4}}$")
_SCAN_CUT = re.compile(
    r"\s(?:về|tình hình|cử|của|năm|số|lần|tại|ký|trình|báo cáo|hướng dẫn|công tác|thông qua|tổ chức|cùng|như|"
    r"tham mưu|quản lý|ban hành|triển khai|thực hiện|chỉ đạo|tập trung|kịp thời|đề nghị|yêu cầu|gửi|giao|xem xét)(?![\w])"
)
_ORG_CUT = re.compile(
    r"\s(?:về|tình hình|cử|của|ký|trình|tham mưu|triển khai|thực hiện|chỉ đạo|hướng dẫn|ban hành|xin|trân trọng|"
    r"đánh giá|kết luận|quy định|phê duyệt|biết|có biện pháp|đồng hành|xây dựng kế hoạch|thẩm định|ghi nhận|mới|"
    r"cơ bản|dựa trên|không|góp phần|chi trả|hồi|vào|điều chuyển|biểu dương|chọn|giải pháp|công khai|cần|việc|"
    r"xây dựng phương án|xây dựng kế hoạch)(?![\w])|,\s*hồi\b|;|\s-\s*(?:Phó\s+)?Trưởng\b"
)
_NAME_TAIL = re.compile(
    r"(?<=[a-zđà-ỹ\-] )(?P<name>(?:"
    + "|".join(sorted(SURNAMES, key=len, reverse=True))
    + r")(?: (?-i:[A-ZĐÀ-Ỹ][^\W\d_]*)){2,3})$"
)
_GENERIC_START = re.compile(r"(?:các|cơ quan|đơn vị|địa phương|sở|ban|ngành|bộ|phòng|tổ chức|lực lượng)\b")
_NOT_ORG = re.compile(
    r"^(?:Báo cáo|Bộ [Cc]hỉ(?!\s+(?:huy|đạo))|Ban hành|Phòng cháy|Bộ luật|Bộ tiêu chí|Bộ hồ sơ|Trường hợp|Các Chương|Phòng chống|Phòng, chống|Đoàn kết|Tỉnh$|"
    r"[A-ZĐ]{1,5}$)"
)
_STOP_PLACE = {"Trung", "Ương", "Nhà", "Nước", "Việt", "Nam"}


@functools.lru_cache(maxsize=1)
def _role_re() -> re.Pattern[str]:
    roles = set(units_lexicon().roles) | set(EXTRA_ROLES)
    roles -= {"Lãnh đạo", "Người đứng đầu", "Trưởng"}
    alts = sorted(roles | {r.upper() for r in roles}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(r) for r in alts) + r")(?![\w])")


@functools.lru_cache(maxsize=1)
def _org_head_re() -> re.Pattern[str]:
    heads = [h for h in units_lexicon().heads if h[:1].isupper()]
    skip = {"Các", "Huyện", "Tỉnh", "Thị xã", "Thành phố", "Xã", "Phường", "Quận", "Thị trấn", "Lãnh đạo"}
    skip |= {"Người đứng đầu", "Cơ quan", "Chính quyền", "Hội", "Đoàn", "Tổ", "Đội", "Trường", "Trưởng"}
    heads = [h for h in heads if h not in skip]
    return re.compile(
        r"(?<![\w/-])(?:"
        + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
        + r")(?=[\s,.:;]|$)"
    )


def as_document(text: str) -> Document:
    """A :class:`Document` over already-normalized text (one line per ``\\n``)."""
    lines: list[Line] = []
    pos = 0
    for i, part in enumerate(text.split("\n")):
        lines.append(Line(i, pos, pos + len(part), part))
        pos += len(part) + 1
    return Document(text, lines, "txt")


def _ok(text: str, start: int, end: int) -> bool:
    return 0 <= start < end <= len(text) and bool(text[start:end].strip())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t-–•+,;:.(\"'“|":
        start += 1
    while end > start and text[end - 1] in " \n\t,;:.)\"'”(|-":
        # keep a closing bracket that closes one inside the span
        if text[end - 1] == ")" and "(" in text[start : end - 1]:
            break
        end -= 1
    return start, end


def _unit_entities(text: str, units: Iterable[UnitSpan], source: str = "rule") -> list[Entity]:
    """ORG spans of units, with a leading role ("Giám đốc Sở Tài chính") split off as ROLE."""
    out: list[Entity] = []
    for u in units:
        s, e = _trim(text, u.start, u.end)
        if not _ok(text, s, e) or text[u.start : u.end] != u.text:
            continue
        while text[s:e].endswith((" và", " hoặc")):
            s, e = _trim(text, s, e - (3 if text[s:e].endswith(" và") else 5))
        m = _role_re().match(text, s, e)
        if m is not None:
            out.append(Entity(s, m.end(), "ROLE", text[s : m.end()], source))
            s = m.end()
            while s < e and text[s] in " \n":
                s += 1
            name = person_name(text[s:e])
            if name:
                out.append(Entity(s, s + len(name), "PER", name, source))
                continue
            if s < e and not (text[s].isupper() or _GENERIC_START.match(text, s)):
                continue
        elif person_name(text[s:e]) == text[s:e]:
            out.append(Entity(s, e, "PER", text[s:e], source))
            continue
        cut = _ORG_CUT.search(text, s, e)
        if cut is not None:
            s, e = _trim(text, s, cut.start())
        if re.search(r"và [Tt]rả$", text[s:e]) and text.startswith(" kết quả", e):
            e += len(" kết quả")
        tail = _NAME_TAIL.search(text, s, e)
        if tail is not None and tail.group("name") not in ("Hồ Chí Minh",):
            out.append(Entity(tail.start("name"), e, "PER", text[tail.start("name") : e], source))
            s, e = _trim(text, s, tail.start("name"))
        if s < e and re.search(r"[^\W\d_]{2}", text[s:e]) and not _NOT_ORG.match(text[s:e]):
            out.append(Entity(s, e, "ORG", text[s:e], source))
    return out


def _issuer_entities(text: str, start: int, end: int, value: str) -> list[Entity]:
    """The issuer block; in a "|" table header each of its cells is one ORG piece."""
    if "|" not in text[start:end]:
        s, e = _trim(text, start, end)
        return [Entity(s, e, "ORG", text[s:e])] if _ok(text, s, e) else []
    out: list[Entity] = []
    want = value.upper()
    for m in re.finditer(r"[^|\n]+", text[start:end]):
        s, e = _trim(text, start + m.start(), start + m.end())
        if _ok(text, s, e) and " ".join(text[s:e].split()).upper() in want:
            out.append(Entity(s, e, "ORG", text[s:e]))
    return out


def _header_entities(text: str, doc: Document) -> tuple[list[Entity], int, int, list[UnitSpan]]:
    out: list[Entity] = []
    meta = find_metadata(doc)
    if meta.issuer is not None:
        out.extend(_issuer_entities(text, meta.issuer.start, meta.issuer.end, meta.issuer.value))
    for vs, label in (
        (meta.parent_issuer, "ORG"),
        (meta.place, "LOC"),
        (meta.signer_name, "PER"),
    ):
        if vs is not None:
            s, e = _trim(text, vs.start, vs.end)
            if label == "LOC" and not text[s : s + 1].isupper():
                continue
            if label == "PER" and not (person_name(text[s:e]) == text[s:e] or len(text[s:e].split()) >= 3):
                continue
            if _ok(text, s, e):
                out.append(Entity(s, e, label, text[s:e]))
    if meta.signer_title is not None:
        t = meta.signer_title
        for m in _role_re().finditer(text, t.start, t.end):
            out.append(Entity(m.start(), m.end(), "ROLE", m.group(0)))
    recipients: list[UnitSpan] = []
    for r in meta.recipients:
        idx = text.find(r.value, r.start, r.end + 1) if r.value else -1
        if idx >= 0:
            recipients.extend(split_units(r.value, idx))
    out.extend(_unit_entities(text, recipients))
    return out, meta.body_start, meta.body_end, recipients


def _task_entities(
    text: str, doc: Document, body: tuple[int, int], recipients: list[UnitSpan]
) -> list[Entity]:
    out: list[Entity] = []
    try:
        tasks = find_tasks(doc, [body], None, None, None)
    except Exception:  # a finder bug must not take the NER down
        return out
    for t in tasks:
        out.extend(_unit_entities(text, [*t.assignees, *t.collaborators]))
    return out


def _scan_units(text: str) -> list[Entity]:
    """Named units anywhere ("của Ủy ban nhân dân huyện Châu Thành", "Sở Tài chính chủ trì")."""
    out: list[Entity] = []
    pos = 0
    head_re = _org_head_re()
    while True:
        m = head_re.search(text, pos)
        if m is None:
            break
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end < 0 else line_end
        line = text[:line_end]
        cut = _SCAN_CUT.search(line, m.end())
        units = find_units(line[: cut.start()] if cut else line, m.start())
        ents = _unit_entities(text, units)
        named = [x for x in ents if x.label == "ROLE" or len(x.text.split()) >= 2 or x.text.isupper()]
        out.extend(named)
        pos = max([m.end(), *(x.end for x in named)])
    return out


def _role_entities(text: str, orgs: list[Entity]) -> list[Entity]:
    """A title right before a unit ("Chủ tịch UBND tỉnh", "Giám đốc Sở Y tế")."""
    starts = {o.start for o in orgs if o.label == "ORG"}
    out: list[Entity] = []
    for m in _role_re().finditer(text):
        nxt = m.end()
        while nxt < len(text) and text[nxt] == " ":
            nxt += 1
        if nxt in starts:
            out.append(Entity(m.start(), m.end(), "ROLE", m.group(0)))
    return out


def _pattern_entities(text: str) -> list[Entity]:
    out: list[Entity] = []
    for m in _DATE_RE.finditer(text):
        if parse_date(m.group(0)) is not None or "tháng" in m.group(0):
            out.append(Entity(m.start(), m.end(), "DATE", m.group(0)))
    for m in _MONTH_RE.finditer(text):
        out.append(Entity(m.start(), m.end(), "DATE", m.group(0)))
    for c in find_citations(text):
        if c.number or c.doc_type:
            s, e = _trim(text, c.start, c.end)
            if _ok(text, s, e):
                out.append(Entity(s, e, "DOC_REF", text[s:e]))
    for m in _PERSON_CUE.finditer(text):
        name = person_name(text[m.start("name") : m.end("name")])
        if name:
            out.append(Entity(m.start("name"), m.start("name") + len(name), "PER", name))
    for m in _PLACE_RE.finditer(text):
        name = _caps_prefix(m.group("name"))
        words = name.split()
        while words and words[-1] in _STOP_PLACE:
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        if text[m.start("name") : m.start("name") + len(name)] == name:
            out.append(Entity(m.start("name"), m.start("name") + len(name), "LOC", name))
    return out


def resolve(spans: Iterable[Entity], priority: dict[str, int] | None = None) -> list[Entity]:
    """Non-overlapping spans: by label priority, then longer, then earlier."""
    prio = priority or PRIORITY
    chosen: list[Entity] = []
    taken: list[tuple[int, int]] = []
    uniq = {(s.start, s.end, s.label): s for s in spans}
    for s in sorted(uniq.values(), key=lambda x: (prio.get(x.label, 9), -(x.end - x.start), x.start)):
        if any(s.start < e and b < s.end for b, e in taken):
            continue
        chosen.append(s)
        taken.append((s.start, s.end))
    return sorted(chosen, key=lambda x: (x.start, x.end))


def rule_entities(text: str) -> list[Entity]:
    """All rule spans of a normalized text, non-overlapping, sorted by offset."""
    doc = as_document(text)
    spans: list[Entity] = []
    header, body_start, body_end, recipients = _header_entities(text, doc)
    spans.extend(header)
    spans.extend(_task_entities(text, doc, (body_start, body_end or len(text)), recipients))
    patterns = _pattern_entities(text)
    spans.extend(patterns)
    # units the task finder did not reach; an ORG from tasks/header wins over a scanned one
    known = [s for s in spans if s.label in ("ORG", "ROLE")]
    for s in _scan_units(text):
        if not any(s.start < k.end and k.start < s.end for k in known):
            spans.append(s)
    spans.extend(_role_entities(text, [s for s in spans if s.label == "ORG"]))
    # a LOC inside an ORG belongs to the ORG; PER inside ORG is a finder slip of the ORG
    orgs = [s for s in spans if s.label == "ORG"]
    spans = [
        s for s in spans if s.label != "LOC" or not any(o.start <= s.start and s.end <= o.end for o in orgs)
    ]
    # an ORG that swallowed a date/ref/person is cut before it
    blockers = [s for s in spans if s.label in ("DATE", "DOC_REF", "PER")]
    fixed: list[Entity] = []
    for s in spans:
        if s.label == "ORG":
            inner = [b for b in blockers if s.start < b.start < s.end]
            if inner:
                cut = min(b.start for b in inner)
                a, e = _trim(text, s.start, cut)
                if not _ok(text, a, e):
                    continue
                s = Entity(a, e, "ORG", text[a:e], s.source)
        fixed.append(s)
    return resolve(s for s in fixed if text[s.start : s.end] == s.text)
