"""Pages without an official header: portal and news articles that report a document, and
appendices that name theirs.

A report starts with its headline (the subject) and date stamps; its prose names the reported
document ("Ngày 29/8/2022, UBND tỉnh ban hành Công văn số 2847/UBND-KGVX về việc …"): number,
type, date, issuer and subject are read from there. An appendix says "(Kèm theo Công văn số …
ngày … của …)". The words are in the ``portal`` section of ``extractor/data/header.yaml``.
"""

from __future__ import annotations

import re

from extractor.find import thresholds as th
from extractor.find.citations import normalize_number
from extractor.find.deadlines import parse_date
from extractor.find.doc_types import doc_types
from extractor.find.header.cells import Metadata, iso_date, span
from extractor.find.header.words import DATES, as_written
from extractor.lexicon import LexiconModel, load
from extractor.spans import ValueSpan
from extractor.tree import Document

__all__ = ["PortalWords", "read_page"]


class PortalWords(LexiconModel):
    """header.yaml: portal."""

    types: list[str]
    tense_words: list[str]
    report_verbs: list[str]
    report_more_types: list[str]
    source_labels: list[str]
    source_codes: list[str]
    headline_urgency: list[str]
    dated_verbs: list[str]
    time_lead: list[str]
    hour_words: list[str]
    minute_words: list[str]
    of_words: list[str]
    of_heads: list[str]
    subject_words: list[str]
    acting_heads: list[str]
    acting_verbs: list[str]
    caption_lead: list[str]
    caption_of: list[str]
    stamp_labels: list[str]
    weekday: str
    sunday: list[str]
    clock_marks: list[str]
    time_zone: str
    site_domains: list[str]


W = load("header.yaml", PortalWords, section="portal")
_T = doc_types()


def _either(phrases: list[str]) -> str:
    """The phrases in order, the first letter in either case ("[Cc]ông văn")."""
    return as_written(phrases, optional_capital=True)


_NUM = r"(?P<num>[0-9]+[a-z]?\s*[/-]\s*[A-ZĐ][A-Za-zĐđ0-9&./-]*)"
_TENSE = as_written(W.tense_words)
_DAY, _MONTH, _YEAR = (re.escape(w) for w in (DATES.day, DATES.month, DATES.year))

# "UBND tỉnh ban hành Công văn số 2847/UBND-KGVX …" ("số" is grammar: the number's label)
_REPORT_NUMBER = re.compile(
    rf"(?:{as_written(W.report_verbs)})\s+(?:(?P<type>{_either([*W.types, _T.generic, *W.report_more_types])})"
    rf"\s+(?:(?:{as_written(_T.urgency)})\s+)?)(?:số\s+)?"
    r"(?P<num>[0-9]+[a-z]?\s*[/-]\s*[0-9A-ZĐ][A-Za-zĐđ0-9&./\s-]*?)(?=[\s,.;:)]|$)"
)
_SOURCE_NUMBER = re.compile(  # "Nguồn: Công văn số 123/UBND-VP"
    rf"(?:{as_written(W.source_labels)})\s*:?\s*"
    rf"(?P<type>{_either([*W.types, _T.generic])}|{as_written(W.source_codes)})\s*(?:số\s*)?{_NUM}"
)
_HEADLINE_NUMBER = re.compile(  # a headline "Công điện hỏa tốc số 12/CĐ-UBND …"
    rf"(?P<type>{as_written(W.types)})\s+(?:(?:{as_written(W.headline_urgency)})\s+)?số\s+{_NUM}"
)
_GAP = re.compile(  # ", hồi 15 giờ 30 phút," between a number and its date
    rf"\s*,?\s*(?:(?:{as_written(W.time_lead)})\s+[0-9]{{1,2}}\s*(?:{as_written(W.hour_words)}|:)\s*[0-9]{{0,2}}\s*"
    rf"(?:{as_written(W.minute_words)})?\s*,?\s*)?"
)
_ISSUED_SENTENCE = re.compile(  # "Ngày 9/11, UBND tỉnh đã có văn bản …"
    rf"{_either([DATES.day])}\s+(?P<d>[0-9]{{1,2}})\s*[/.-]\s*(?P<m>[0-9]{{1,2}})(?:\s*[/.-]\s*(?P<y>[0-9]{{4}}))?"
    rf"\s*,?\s+[^.\n]{{0,{th.REPORT_SENTENCE_GAP_CHARS}}}?(?:(?:{_TENSE})\s+)?(?:{as_written(W.dated_verbs)})\s+"
    rf"(?:{as_written([_T.generic.lower()])}|{_either(W.types)})"
)
_OF_ISSUER = re.compile(  # "… của UBND tỉnh về việc …"
    rf"\s*(?:{as_written(W.of_words)})\s+(?P<issuer>(?:{as_written(W.of_heads)})"
    rf"[^,.;:\n]{{0,{th.REPORTED_ISSUER_MAX_CHARS}}}?)(?=\s+(?:{as_written(W.subject_words)})\s|[,.;]|$)"
)
_PORTAL_SUBJECT = re.compile(
    rf"\s*(?:,\s*)?(?:{as_written(W.subject_words)})\s+"
    rf"(?P<subj>[^.\n;]{{{th.REPORTED_SUBJECT_MIN_CHARS},{th.REPORTED_SUBJECT_MAX_CHARS}}})"
)
_SHORT_DATE = re.compile(
    rf"\b{_either([DATES.day])}\s+(?P<d>[0-9]{{1,2}})\s*(?:/|-|\.|\s+{_MONTH}\s+)\s*(?P<m>[0-9]{{1,2}})"
    rf"(?:\s*(?:/|-|\.|\s+{_YEAR}\s+)\s*(?P<y>[0-9]{{4}}))?"
)
_ANY_DATE = re.compile(r"\b(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>(?:19|20)[0-9]{2})\b")
_STAMP = re.compile(  # "Ngày đăng: 10/4/2023 08:15", "Thứ hai, 10/4/2023 (GMT+7)"
    rf"^(?:(?:{as_written(W.stamp_labels)}|{re.escape(W.weekday)} [^,]{{2,5}}|{as_written(W.sunday)})\s*[:,]?\s*)?"
    rf"(?:{_DAY}\s+)?[0-9]{{1,2}}[/.-][0-9]{{1,2}}[/.-][0-9]{{4}}(?:\s*[|,-]?\s*[0-9]{{1,2}}[:h][0-9]{{2}}(?::[0-9]{{2}})?"
    rf"(?:\s*(?:{as_written(W.clock_marks)})\.?)?(?:\s*\({re.escape(W.time_zone)}\s*[+-][0-9]+\))?)?\s*$",
    re.IGNORECASE,
)
_SITE = re.compile(rf"^\(?[\w.-]+\.(?:{as_written(W.site_domains)})\)?\s*$")  # "(baochinhphu.vn)"
_CAPTION = re.compile(
    rf"\((?:{_either(W.caption_lead)})\s+(?P<type>{as_written(W.types)}|{_either([_T.generic])})\s+số\s+{_NUM}"
    rf"(?:\s+{_DAY}\s+(?P<date>[0-9]{{1,2}}\s*/\s*[0-9]{{1,2}}\s*/\s*[0-9]{{4}}|[0-9]{{1,2}} {_MONTH} [0-9]{{1,2}} {_YEAR} [0-9]{{4}}))?"
    rf"(?:\s+(?:{as_written(W.caption_of)})\s+(?P<issuer>[^)]+))?\)"
)
_ACTING_ISSUER = re.compile(  # "Sở Y tế vừa ban hành …"
    rf"(?P<issuer>(?:{as_written(W.acting_heads)})(?:\s+[A-ZĐÀ-Ỹa-zđà-ỹ&-]+){{0,{th.ACTING_ISSUER_MAX_WORDS}}}?)"
    rf"\s+(?:(?:{_TENSE})\s+)*(?:{as_written(W.acting_verbs)})\b"
)
_TYPE_OF_CODE = {t.abbr: t.name for t in _T.types if t.abbr}


def read_page(doc: Document, meta: Metadata, headerless: bool) -> None:
    """What a page without (part of) a header says about the document it reports or belongs to.

    ``headerless``: the official reader found no number, date nor issuer; only then are the
    headline and the acting body of the prose read.
    """
    if headerless:
        _read_headline(doc, meta)
    if meta.number is None and meta.issued_date is None:
        if not _read_attachment_caption(doc, meta):
            _read_report(doc, meta)
    if meta.issuer is None and headerless:
        _read_acting_issuer(doc, meta)


def _capitalised(kind: str) -> str:
    return kind[:1].upper() + kind[1:].lower()


def _year_hint(doc: Document, upto: int = th.YEAR_HINT_CHARS) -> str | None:
    m = re.search(r"\b((?:19|20)[0-9]{2})\b", doc.text[:upto])
    return m.group(1) if m else None


def _read_headline(doc: Document, meta: Metadata) -> None:
    """A page without a header starts with its headline (the subject); date stamps follow it."""
    content = [ln for ln in doc.lines if ln.text.strip()]
    if not content:
        return
    first = content[0]
    text = first.text.strip()
    words = len(text.split())
    if (
        _STAMP.match(text)
        or words > th.HEADLINE_MAX_WORDS
        or words < th.HEADLINE_MIN_WORDS
        or text.endswith((".", ":", ";"))
    ):
        return
    if meta.subject is None:
        meta.subject = ValueSpan(first.start, first.end, first.text, "SUBJECT", value=" ".join(text.split()))
    end = first.end
    for ln in content[1 : 1 + th.STAMP_LINES]:
        t = ln.text.strip()
        if _STAMP.match(t) or _SITE.match(t):
            end = ln.end
            continue
        break
    meta.body_start = max(meta.body_start, end)


def _read_attachment_caption(doc: Document, meta: Metadata) -> bool:
    """ "(Kèm theo Công văn số 6225/BVHTTDL-VP ngày 18/11/2025 của Bộ …)": an appendix names its document."""
    m = _CAPTION.search(doc.text)
    if m is None:
        return False
    raw = m.group("num").strip()
    meta.number = span(doc, m.start("num"), m.start("num") + len(raw), "NUMBER", normalize_number(raw))
    meta.doc_type = span(doc, m.start("type"), m.end("type"), "DOC_TYPE", _capitalised(m.group("type")))
    if m.group("date"):
        parsed = parse_date(m.group("date"))
        if parsed:
            meta.issued_date = span(doc, m.start("date"), m.end("date"), "DATE", parsed.isoformat())
    if m.group("issuer") and meta.issuer is None:
        value = " ".join(m.group("issuer").split())
        meta.issuer = span(
            doc, m.start("issuer"), m.start("issuer") + len(m.group("issuer").rstrip()), "ISSUER", value
        )
    return True


def _read_report(doc: Document, meta: Metadata) -> None:
    """A page that reports a directive: take the reported document's number and date."""
    _read_reported_number(doc, meta)
    if meta.issued_date is None:
        _read_report_date(doc, meta)


def _read_report_date(doc: Document, meta: Metadata) -> None:
    """ "Ngày 9/11, UBND tỉnh ban hành văn bản …": the date of an unnumbered reported document."""
    m = _ISSUED_SENTENCE.search(doc.text, 0, min(len(doc.text), th.REPORT_DATE_CHARS))
    if m is None:
        return
    iso = iso_date(m.group("d"), m.group("m"), m.group("y") or _year_hint(doc))
    if iso:
        meta.issued_date = span(doc, m.start(), m.end("m") if not m.group("y") else m.end("y"), "DATE", iso)


def _first_reported_number(doc: Document, text: str) -> re.Match[str] | None:
    """In the prose, else in a headline among the first lines, else on a source line."""
    m = _REPORT_NUMBER.search(text)
    if m is not None:
        return m
    for ln in [x for x in doc.lines if x.text.strip()][: th.HEADLINE_NUMBER_LINES]:
        m = _HEADLINE_NUMBER.match(doc.text, ln.start, ln.end)
        if m is not None:
            return m
    return _SOURCE_NUMBER.search(text)


def _read_reported_number(doc: Document, meta: Metadata) -> None:
    text = doc.text[: min(len(doc.text), th.REPORT_NUMBER_CHARS)]
    found = _first_reported_number(doc, text)
    if found is None:
        return
    raw = found.group("num").strip().rstrip(".")
    meta.number = span(
        doc, found.start("num"), found.start("num") + len(raw), "NUMBER", normalize_number(raw)
    )
    kind = (found.group("type") or "").strip()
    if kind:
        name = _TYPE_OF_CODE[kind] if kind in W.source_codes else _capitalised(kind)
        if name != _T.generic or meta.doc_type is None:
            meta.doc_type = span(doc, found.start("type"), found.end("type"), "DOC_TYPE", name)
    after = _read_reported_date(doc, found, text, meta)
    _read_reported_issuer_and_subject(doc, found, after.end() if after else found.end("num"), meta)


def _read_reported_date(
    doc: Document, found: re.Match[str], text: str, meta: Metadata
) -> re.Match[str] | None:
    """The date right after the number ("số 3517/UBND ngày 18/7/2022") or opening the sentence;
    returns the one after the number, where the issuer may follow."""
    gap = _GAP.match(doc.text, found.end("num"))
    after = _SHORT_DATE.match(doc.text, gap.end() if gap else found.end("num"))
    sentence_start = max(doc.text.rfind("\n", 0, found.start()), doc.text.rfind(". ", 0, found.start())) + 1
    before = None
    for m in _SHORT_DATE.finditer(doc.text, sentence_start, found.start()):
        before = m
    d = after or before
    if d:
        year = d.group("y")
        if not year:
            years = [int(m.group("y")) for m in _ANY_DATE.finditer(text)]
            years += [
                int(y) for y in re.findall(r"\b(20[0-9]{2}|19[0-9]{2})\b", text[: th.YEAR_NEAR_TOP_CHARS])
            ]
            year = str(years[0]) if years else None
        iso = iso_date(d.group("d"), d.group("m"), year)
        if iso:
            meta.issued_date = span(doc, d.start(), d.end(), "DATE", iso)
    return after


def _read_reported_issuer_and_subject(doc: Document, found: re.Match[str], pos: int, meta: Metadata) -> None:
    """ "… của UBND tỉnh về việc tăng cường …" after the number (and its date)."""
    issuer = _OF_ISSUER.match(doc.text, pos)
    if issuer:
        if meta.issuer is None:
            value = " ".join(issuer.group("issuer").split())
            meta.issuer = span(doc, issuer.start("issuer"), issuer.end("issuer"), "ISSUER", value)
        pos = issuer.end("issuer")
    subj = _PORTAL_SUBJECT.match(doc.text, pos)
    if subj and (meta.subject is None or found.start() > meta.subject.end):
        value = " ".join(subj.group("subj").split()).rstrip(" .")
        if len(value.split()) >= th.REPORTED_SUBJECT_MIN_WORDS:
            meta.subject = span(
                doc,
                subj.start("subj"),
                subj.start("subj") + len(subj.group("subj").rstrip(" .")),
                "SUBJECT",
                value,
            )


def _read_acting_issuer(doc: Document, meta: Metadata) -> None:
    """ "Sở Y tế tỉnh Bến Tre vừa ban hành …": the body the prose says issued the document."""
    end = min(len(doc.text), meta.body_start + th.REPORT_ISSUER_CHARS)
    m = _ACTING_ISSUER.search(doc.text, meta.body_start, end)
    if m:
        value = " ".join(m.group("issuer").split())
        meta.issuer = span(doc, m.start("issuer"), m.end("issuer"), "ISSUER", value)
