"""Cited documents (số ký hiệu) in normalized Vietnamese text.

Shapes handled (domain reference §2.2): ``61/2018/NĐ-CP``, ``1847/QĐ-TTg``, ``3574/VP-TH``,
party ``17129-CV/VPTW``, ``35/2023/UBTVQH15``, ``66.4/2025/NQ-CP``, ``30c/NQ-CP``, joint
``55/2011/TTLT-BGDĐT-BTC``, the newspaper short form ``Chỉ thị số 02/2020`` (only after a type
word or "số"), and the damage conversion does: spaced ``2414 / VPCP - KGVX``, lost hyphens
``QĐUBND``, capitals ``QĐ-TTG``, Cyrillic look-alikes. Committee names ("BCĐ 389/ĐP"), scores,
dates and standards ("ISO 9001:2015") are not citations. Type names and issuer codes live in
``extractor/data/doc_types.yaml`` (shared with the header), the words around a number in
``extractor/data/citations.yaml``. Left inline as grammar: "số" before a number and the date
words "ngày / tháng / năm" (as in deadlines.py).
"""

from __future__ import annotations

import functools
import re

from extractor.find import thresholds as th
from extractor.find.deadlines import parse_date
from extractor.find.doc_types import doc_types
from extractor.lexicon import LexiconModel, alternation, load
from extractor.spans import CitationSpan

__all__ = ["find_citations", "normalize_number"]

_HOMOGLYPHS = str.maketrans("АВЕКМНОРСТХаеорсх", "ABEKMHOPCTXaeopcx")  # Cyrillic → Latin
_UP = "A-ZĐƯƠАВЕКМНОРСТХ"
_LO = "a-zđ"
_Y = r"(?:19|20)[0-9]{2}"
# One symbol group: all capitals ("UBND", "L", "UBTVQH15") or mixed case with two capitals
# ("TTg", "QyĐ", "GDTrH"); "." and "&" may join parts ("V.I", "NN&PTNT", "QLN& TTBĐS").
_PART = rf"[{_UP}](?:[{_LO}]?[{_UP}][{_UP}{_LO}0-9]*|[{_UP}0-9]*)"
_NUM = r"(?<![\w/.,&-])[0-9]{1,6}(?:\.[0-9]{1,3})?[a-zđ]?"


class Committee(LexiconModel):
    """A committee's abbreviations and names (citations.yaml: committee)."""

    codes: list[str]
    names: list[str]


class CitationWords(LexiconModel):
    """Schema of citations.yaml: the words around a cited number."""

    committee: Committee
    before_date: list[str]
    time_lead: list[str]
    hour_words: list[str]
    issued_lead: list[str]
    of_words: list[str]
    issuer_stop_words: list[str]
    issuer_stop_pairs: list[str]
    pair_in_name_after: list[str]


def _words() -> CitationWords:
    return load("citations.yaml", CitationWords)


def _alt(phrases: list[str]) -> str:
    """Longest phrase first (so "Thông báo kết luận" wins over "Thông báo"), any spaces between words."""
    return alternation(phrases, longest_first=True)


def _seq(phrases: list[str]) -> str:
    """The phrases in the data file's order, any spaces between words."""
    return alternation(phrases, longest_first=False)


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    types, w = doc_types(), _words()
    names = [n for t in types.types for n in (t.name, *t.aliases)]
    # a committee code may carry its number inside a symbol ("BCĐ 389/ĐP")
    committee_number = "|".join(f"(?<={re.escape(c)})" for c in w.committee.codes)
    group = rf"{_PART}(?:(?:\.|&\s?){_PART})*(?:(?:{committee_number})\s[0-9]{{2,4}})?(?!\w)"
    sep = r"\s?[-/]\s?"
    state = rf"(?P<num>{_NUM})\s?/\s?(?:(?P<year>{_Y})\s?/\s?)?(?P<sym>{group}(?:{sep}{group})*)"
    party = rf"(?P<pnum>{_NUM})\s?-\s?(?P<ptype>{group})\s?/\s?(?P<psym>{group}(?:{sep}{group})*)"
    short = rf"(?<=[sS]ố\s)(?P<snum>{_NUM})/(?P<syear>{_Y})(?![\w/-])"
    type_word = rf"(?P<type>{_alt(names)})"
    type_more = _seq([*types.urgency, *types.qualifiers])
    law = _alt([t.name for t in types.types if t.by_name])
    return {
        "number": re.compile(rf"{party}|{state}|(?P<short>{short})"),
        "short_after_type": re.compile(
            rf"(?<!\w)(?:{_alt(names)})\s+(?P<snum>{_NUM})/(?P<syear>{_Y})(?![\w/-])"
        ),
        "type_before": re.compile(
            rf"(?<!\w){type_word}(?:\s+(?:{type_more}))?(?:\s+số)?\s*:?\s*$",  # any case of "số"
            re.IGNORECASE,
        ),
        "committee_before": re.compile(
            rf"(?<!\w)(?:{_seq([*w.committee.codes, *w.committee.names])})\)?\s*$"
        ),
        "date_after": re.compile(
            rf"\s*,?\s*(?:(?:{_seq(w.before_date)})\s+)?"
            rf"(?:(?:{_seq(w.time_lead)})\s+[0-9]{{1,2}}\s*(?:{_seq(w.hour_words)})\s*[0-9]{{0,2}}\s*,?\s*)?"
            r"ngày\s+(?P<d>[0-9]{1,2}\s*(?:[/.-]\s*[0-9]{1,2}\s*[/.-]\s*[0-9]{4}"
            r"|tháng\s+[0-9]{1,2}\s*,?\s*năm\s+[0-9]{4}))",
            re.IGNORECASE,
        ),
        "issuer_after": re.compile(
            rf"\s*(?:(?:{_seq(w.issued_lead)})\s+)?(?:{_seq(w.of_words)})\s+"
            rf"(?P<issuer>[A-ZĐÀ-Ỹ][^\n;:()\[\]\"“”.]{{1,{th.CITED_ISSUER_MAX_CHARS}}})"
        ),
        "named_law": re.compile(
            rf"(?<!\w)(?P<type>{law})\s+(?P<name>[A-ZĐÀ-Ỹ][\w ,-]{{2,{th.LAW_NAME_MAX_CHARS}}}?)\s+"
            r"(?:(?:số\s+[0-9])|năm\s+(?P<y>[0-9]{4})|ngày\s+(?P<d>[0-9]{1,2}\s*(?:/[0-9]{1,2}/[0-9]{4}"
            r"|tháng\s+[0-9]{1,2}\s+năm\s+[0-9]{4})))"
        ),
    }


def _fix_group(group: str, first: bool) -> str:
    """Canonical case ("TTG" → "TTg") and, in the first group, a lost hyphen ("QĐUBND" → "QĐ-UBND")."""
    data = doc_types()
    if group.isupper() and group in data.case_fixes:
        return data.case_fixes[group]
    if not first or group in data.issuers or group.rstrip("0123456789") in data.issuers:
        return group
    abbrs = sorted({t.abbr for t in data.types if t.abbr}, key=len, reverse=True)
    if any(group == a for a in abbrs):
        return group
    for abbr in abbrs:
        rest = group[len(abbr) :]
        if group.startswith(abbr) and len(rest) >= 2:
            fixed = data.case_fixes.get(rest, rest) if rest.isupper() else rest
            if fixed in data.issuers or fixed.rstrip("0123456789") in data.issuers:
                return f"{abbr}-{fixed}"
    return group


def normalize_number(raw: str) -> str:
    """Canonical số ký hiệu: no spaces around "/", "-", "&"; lost hyphens and TTG/CTR case restored.

    "2414 / VPCP - KGVX" → "2414/VPCP-KGVX"; "46/2019/QĐUBND" → "46/2019/QĐ-UBND";
    "24/2014/ NĐ-CP" → "24/2014/NĐ-CP"; "QĐ-TTG" → "QĐ-TTg". Printed zeros and letters stay.
    """
    text = " ".join(raw.translate(_HOMOGLYPHS).split())
    text = re.sub(r"\s*([/&-])\s*", r"\1", text)
    pieces = re.split(r"([/-])", text)
    out: list[str] = []
    first_symbol = True
    for piece in pieces:
        if piece in ("/", "-") or not piece or not piece[0].isalpha():
            out.append(piece)
            continue
        out.append(_fix_group(piece, first_symbol))
        first_symbol = False
    return "".join(out)


def _key(number: str) -> str:
    return re.sub(r"[\s\-/.]", "", normalize_number(number)).casefold()


def _trim_symbol(text: str, start: int, symbol: int, end: int) -> int:
    """End of the number, dropping a spaced " - X" group unless its "/" was spaced too.

    "2414 / VPCP - KGVX" is one number; "12/UBND-VP - UBND huyện" ends at "VP".
    """
    cut = text.find(" - ", symbol, end)
    if cut > 0 and " / " not in text[start : symbol + 1]:
        return cut
    return end


def _doc_type_for(text: str, start: int, symbol_groups: list[str]) -> str | None:
    """Type from the word before the number; else from the type abbreviation in the symbol."""
    data = doc_types()
    m = _patterns()["type_before"].search(text, max(0, start - th.TYPE_WORD_BEFORE_CHARS), start)
    word: str | None = None
    if m:
        spoken = " ".join(m.group("type").split()).lower()
        for t in data.types:
            if spoken in (t.name.lower(), *(a.lower() for a in t.aliases)):
                word = t.name
                break
    by_abbr = {t.abbr: t.name for t in data.types if t.abbr}
    for group in symbol_groups[:2]:
        if group in by_abbr and (word is None or word == data.generic):
            return by_abbr[group]
    return word


def _cut_at_comma(raw: str) -> str:
    """Text before the first comma that is not inside a known name ("Bộ Văn hóa, Thể thao và Du lịch")."""
    protected = [(m.start(), m.end()) for name in _comma_names() for m in re.finditer(re.escape(name), raw)]
    for m in re.finditer(",", raw):
        if not any(a <= m.start() < b for a, b in protected):
            return raw[: m.start()]
    return raw


@functools.lru_cache(maxsize=1)
def _comma_names() -> tuple[str, ...]:
    return tuple(name for name in doc_types().issuers.values() if "," in name)


@functools.lru_cache(maxsize=1)
def _issuer_stops() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    w = _words()
    return frozenset(w.issuer_stop_words), frozenset(w.issuer_stop_pairs), frozenset(w.pair_in_name_after)


def _clean_issuer(raw: str) -> str | None:
    """Cut "của <body> …" before the first word that cannot belong to a body's name.

    "Thủ tướng Chính phủ phê duyệt …" → "Thủ tướng Chính phủ"; "Chính phủ và các Thông báo" →
    "Chính phủ"; "Quốc hội Công điện 230/CĐ-TTg" → "Quốc hội".
    """
    raw = _cut_at_comma(raw)
    words = raw.split()
    type_names = {t.name for t in doc_types().types}
    stop_words, stop_pairs, name_heads = _issuer_stops()
    for i in range(1, len(words)):
        word, pair = words[i], " ".join(words[i : i + 2])
        nxt = words[i + 1] if i + 1 < len(words) else ""
        verb = pair.lower() in stop_pairs and words[i - 1] not in name_heads  # "Ban chỉ đạo" is a body
        if word.lower() in stop_words or verb or pair in type_names or (word[0].isdigit() and "/" in word):
            words = words[:i]
            break
        # "và" (and) is grammar: it ends the body unless a capitalised name other than a type follows
        if word == "và" and (
            not nxt
            or nxt[0].islower()
            or f"{nxt} {words[i + 2] if i + 2 < len(words) else ''}".strip() in type_names
        ):
            words = words[:i]
            break
    return " ".join(words) or None


def _issuer_code(groups: list[str]) -> str | None:
    issuers = doc_types().issuers
    for group in reversed(groups):
        code = group if group in issuers else group.rstrip("0123456789")
        if code in issuers:
            return issuers[code]
    return None


def _make_span(
    text: str, start: int, end: int, number: str, groups: list[str], year: int | None
) -> CitationSpan:
    pats = _patterns()
    issued: str | None = None
    tail = end
    dm = pats["date_after"].match(text, end)
    if dm:
        value = parse_date(dm.group("d"))
        if value is not None:
            issued, tail = value.isoformat(), dm.end()
            year = year or value.year
    im = pats["issuer_after"].match(text, tail)
    issuer = (_clean_issuer(im.group("issuer")) if im else None) or _issuer_code(groups)
    return CitationSpan(
        start,
        end,
        text[start:end],
        "DOC_REF",
        number=number,
        doc_type=_doc_type_for(text, start, groups),
        issued_date=issued,
        issuer=issuer,
        year=year,
    )


def _parts(text: str, m: re.Match[str]) -> tuple[str, list[str], int | None, int]:
    """(normalized number, symbol groups, year in the number, end offset) of a number match."""
    if m.group("short"):
        return f"{m.group('snum')}/{m.group('syear')}", [], int(m.group("syear")), m.end()
    party = bool(m.group("pnum"))
    end = _trim_symbol(text, m.start(), m.start("psym" if party else "sym"), m.end())
    number = normalize_number(text[m.start() : end])
    symbol = number.split("/", 2)[-1] if m.group("year") else number.split("/", 1)[-1]
    groups = [g for g in re.split(r"[-/]", symbol) if g and g[0].isalpha()]
    if party:
        groups = [normalize_number(m.group("ptype")), *groups]  # "17129-CV/VPTW": CV is the type
    return number, groups, (int(m.group("year")) if m.group("year") else None), end


def find_citations(text: str, own_number: str | None = None) -> list[CitationSpan]:
    """Every cited document, in text order (repeats kept; the caller dedupes by ``number``).

    ``own_number`` (the document's own số ký hiệu) is skipped, compared without spaces,
    hyphens, slashes and case. Named laws without a number come with ``number=None``.
    """
    pats = _patterns()
    own = _key(own_number) if own_number else None
    spans: list[CitationSpan] = []
    for m in pats["number"].finditer(text):
        start = m.start()
        if pats["committee_before"].search(text, max(0, start - th.COMMITTEE_BEFORE_CHARS), start):
            continue  # "Ban Chỉ đạo (BCĐ) 389/ĐP" names a committee
        number, groups, year, end = _parts(text, m)
        if own is not None and _key(number) == own:
            continue
        spans.append(_make_span(text, start, end, number, groups, year))
    for m in pats["short_after_type"].finditer(text):
        start = m.start("snum")
        if any(s.start == start for s in spans):
            continue
        number = f"{m.group('snum')}/{m.group('syear')}"
        if own is None or _key(number) != own:
            spans.append(_make_span(text, start, m.end(), number, [], int(m.group("syear"))))
    spans += _named_laws(text, spans)
    return sorted(spans, key=lambda s: s.start)


def _named_laws(text: str, taken: list[CitationSpan]) -> list[CitationSpan]:
    """ "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015" → number None."""
    found: list[CitationSpan] = []
    for m in _patterns()["named_law"].finditer(text):
        if text[m.end() - 1].isdigit() and "số" in text[m.end("name") : m.end()]:
            continue  # numbered: found by the number pattern
        end = m.end("name")
        if any(s.start < end and m.start() < s.end for s in taken):
            continue
        issued = parse_date(m.group("d")) if m.group("d") else None
        year = int(m.group("y")) if m.group("y") else (issued.year if issued else None)
        found.append(
            CitationSpan(
                m.start(),
                end,
                text[m.start() : end],
                "DOC_REF",
                number=None,
                doc_type=" ".join(m.group("type").split()),
                issued_date=issued.isoformat() if issued else None,
                year=year,
            )
        )
    return found
