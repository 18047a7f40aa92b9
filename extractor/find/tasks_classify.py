"""Stage *classify*: is this list item or sentence a task at all?

A task tells someone to do something: a cue ("Giao X …", "đề nghị X …"), an imperative
opening ("Rà soát …"), or a unit followed by a duty ("Sở X chủ trì …", "X cần …"). Not tasks:
closing formulas ("Trên đây là …"), sections about purposes, results or background, accounts
of events ("Ngày 24/11, …", "UBND tỉnh đã ban hành …"), statistics, outline headings, the
decision articles of a Quyết định, and the body's general last words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from extractor.find.structure import Paragraph, marker_of
from extractor.find.tasks_dates import own_dated
from extractor.find.tasks_lexicon import capitalized, directive_verb_re, shared, strip_function
from extractor.find.thresholds import (
    AFTER_CLAUSE_WINDOW_CHARS,
    CLOSING_MAX_WORDS,
    GENERAL_CLOSING_GAP_CHARS,
    GENERAL_CLOSING_VERB_GAP_CHARS,
    MONITOR_SUBJECT_MAX_CHARS,
    MONITOR_SUBJECT_MIN_CHARS,
    MONITOR_WINDOW_CHARS,
    OUTLINE_HEADING_MAX_WORDS,
    PASSIVE_GAP_MAX_WORDS,
    PASSIVE_GAP_MIN_WORDS,
    SHORT_LEAD_MAX_WORDS,
    STATISTIC_GAP_MAX_CHARS,
    SUMMARY_GAP_MAX_CHARS,
    SUMMARY_MAX_PARA,
    TOPIC_MAX_CHARS,
    TOPIC_MIN_CHARS,
    TOPIC_MIN_REST_CHARS,
)
from extractor.find.units import find_units, starts_with_unit, unit_phrase_end
from extractor.lexicon import LexiconModel, alternation, load
from extractor.spans import UnitSpan

__all__ = [
    "content_start",
    "in_task_section",
    "is_closing",
    "is_directive",
    "is_report",
    "is_summary",
    "not_an_item",
]


class ClassifyWords(LexiconModel):
    """``tasks.yaml: classify``."""

    disjoint = (("duty_predicates", "narrative_predicates"), ("statistic_verbs", "modal_words"))

    closing_patterns: list[str]
    closing_exempt_openers: list[str]
    monitor_verbs: list[str]
    non_task_headings: list[str]
    report_doc_type: str
    report_task_headings: list[str]
    narrative_time_words: list[str]
    narrative_day_word: str
    purpose_openers: list[str]
    statistic_verbs: list[str]
    modal_words: list[str]
    issuance_tenses: list[str]
    issuance_signing: str
    issuance_verbs: list[str]
    issuance_documents: list[str]
    decision_verbs: list[str]
    passive_markers: list[str]
    passive_then_verbs: list[str]
    narrative_predicates: list[str]
    duty_predicates: list[str]
    summary_tense: str
    summary_verbs: list[str]
    general_closing_addressees: list[str]
    general_closing_groups: list[str]
    general_closing_manners: list[str]
    general_closing_verbs: list[str]
    topic_openers: list[str]
    topic_labels: list[str]


@dataclass(frozen=True)
class _Patterns:
    closing: list[re.Pattern[str]]
    closing_exempt: tuple[str, ...]  # openers, each with its space
    monitor: re.Pattern[str]
    non_task: list[re.Pattern[str]]
    report_task: re.Pattern[str]
    narrative_time: re.Pattern[str]
    purpose: re.Pattern[str]
    statistic: re.Pattern[str]
    modal: re.Pattern[str]
    issuance: re.Pattern[str]
    decision: re.Pattern[str]
    passive: re.Pattern[str]
    narrative: re.Pattern[str]
    duty: re.Pattern[str]
    summary: re.Pattern[str]
    general_closing: re.Pattern[str]
    topic: re.Pattern[str]


def _plain(words: list[str]) -> str:
    return alternation(words, longest_first=False, flexible_space=False)


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    w = load("tasks.yaml", ClassifyWords, section="classify")
    tenses = "|".join(re.escape(t) + r"\s+" for t in w.issuance_tenses)
    gc_gap, gc_verb_gap = GENERAL_CLOSING_GAP_CHARS, GENERAL_CLOSING_VERB_GAP_CHARS
    return _Patterns(
        closing=[re.compile(p) for p in w.closing_patterns],
        closing_exempt=tuple(o + " " for o in w.closing_exempt_openers),
        monitor=re.compile(
            rf"^(?:[A-ZĐÀ-Ỹ][^,;:]{{{MONITOR_SUBJECT_MIN_CHARS},{MONITOR_SUBJECT_MAX_CHARS}}}?\s)?"
            rf"(?:{_plain(w.monitor_verbs)})[, ]"
        ),
        non_task=[re.compile(p) for p in w.non_task_headings],
        report_task=re.compile(_plain(w.report_task_headings)),
        narrative_time=re.compile(
            rf"(?:{_plain(w.narrative_time_words)})\s+(?:{re.escape(w.narrative_day_word)}\s+)?[0-9]"
        ),
        purpose=re.compile(rf"(?:{_plain(w.purpose_openers)})\b"),
        statistic=re.compile(
            rf"\b(?:{_plain(w.statistic_verbs)})\b[^.;]{{0,{STATISTIC_GAP_MAX_CHARS}}}?[0-9]+(?:[.,][0-9]+)?\s*%"
        ),
        modal=re.compile(rf"\b(?:{_plain(w.modal_words)})\b"),
        issuance=re.compile(
            rf"(?:{tenses})?(?:{re.escape(w.issuance_signing)}\s+)?(?:{_plain(w.issuance_verbs)})\s+"
            rf"(?:{'|'.join(w.issuance_documents)})\b"
        ),
        decision=re.compile(rf"(?:{_plain(w.decision_verbs)})\b"),
        passive=re.compile(
            rf"(?:{_plain(w.passive_markers)})\s+(?:\S+\s+){{{PASSIVE_GAP_MIN_WORDS},{PASSIVE_GAP_MAX_WORDS}}}?"
            rf"(?:{_plain(w.passive_then_verbs)})\b"
        ),
        narrative=re.compile(rf"(?:{'|'.join(w.narrative_predicates)})\b"),
        duty=re.compile(rf"(?:{_plain(w.duty_predicates)})\b"),
        summary=re.compile(
            rf"\b{re.escape(w.summary_tense)}\b[^.]{{0,{SUMMARY_GAP_MAX_CHARS}}}\b(?:{_plain(w.summary_verbs)})\b"
        ),
        general_closing=re.compile(
            rf"(?:{'|'.join(w.general_closing_addressees)})\s+(?:{_plain(w.general_closing_groups)})"
            rf"[^.]{{0,{gc_gap}}}?(?:{_plain(w.general_closing_manners)})"
            rf"[^.]{{0,{gc_verb_gap}}}?(?:{_plain(w.general_closing_verbs)})"
        ),
        topic=re.compile(
            rf"(?:{_plain(w.topic_openers)})\s(?:[^:;.]|\.(?=\S)){{{TOPIC_MIN_CHARS},{TOPIC_MAX_CHARS}}}:\s*"
            rf"|(?:{'|'.join(w.topic_labels)})\s*:\s*"
        ),
    )


def is_directive(text: str, in_list: bool) -> bool:
    """Does this item or sentence tell someone to do something?"""
    pats, sh = _patterns(), shared()
    body = capitalized(sh.lead_connective.sub("", text, count=1))
    if sh.cue.search(body) and _units_after_cue(body):
        return True
    if pats.narrative_time.match(body):
        return False  # "Ngày 24/11/2023, Phó Chủ tịch … chủ trì cuộc họp …": an account of an event
    if sh.background.match(body) or pats.purpose.match(body):
        rest = _after_clause(body)
        short_lead = rest is not None and len(body[: len(body) - len(rest)].split()) <= SHORT_LEAD_MAX_WORDS
        if in_list and short_lead and rest and rest[:1].islower() and sh.imperative.match(capitalized(rest)):
            rest = capitalized(rest)  # "Trên cơ sở chức năng nhiệm vụ, chủ trì, phối hợp …"
        if rest is None or (rest[:1].islower() and not starts_with_unit(rest)):
            return False if sh.background.match(body) else bool(in_list and _any_verb(body))
        body = rest
    if sh.imperative.match(body):
        return not (in_list and pats.statistic.search(body) and not pats.modal.search(body))
    if starts_with_unit(body):
        end = unit_phrase_end(body, 0)
        pred = strip_function(body[end:].lstrip(" ,:"))
        if pats.issuance.match(pred):
            return False  # "UBND tỉnh ban hành Công văn số …": a report of the issuance
        if pats.passive.match(pred):
            return True  # "Các cơ quan chưa được kiểm tra … tiến hành kiểm tra …"
        if pats.narrative.match(pred):
            return False
        if sh.imperative.match(capitalized(pred)) or pats.duty.match(pred):
            return True
    if not in_list or (pats.statistic.search(body) and not pats.modal.search(body)):
        return False
    # a list item in a directive section is a task when it carries any directive verb
    return _any_verb(body)


def _after_clause(body: str) -> str | None:
    """ "Trên cơ sở kết quả khảo sát, Sở Xây dựng chủ trì …" → the main clause after the comma."""
    for m in re.finditer(r",\s+", body[:AFTER_CLAUSE_WINDOW_CHARS]):
        rest = body[m.end() :]
        if starts_with_unit(rest) or shared().imperative.match(capitalized(rest)):
            return rest
    return None


def _any_verb(text: str) -> bool:
    return any(not m.group(0)[:1].isupper() for m in directive_verb_re().finditer(text))


def _units_after_cue(text: str) -> list[UnitSpan]:
    for m in shared().cue.finditer(text):
        units = find_units(text, m.end())
        if units:
            return units
    return []


def is_closing(text: str, issued: date | None) -> bool:
    """A closing formula with no date of its own ("Trên đây là …", "… thực hiện nghiêm …")."""
    return _closing_formula(text) and not own_dated(text, issued)


def _closing_formula(text: str) -> bool:
    pats = _patterns()
    if text.startswith(pats.closing_exempt) or pats.monitor.search(text[:MONITOR_WINDOW_CHARS]):
        return False  # "Giao Văn phòng theo dõi, đôn đốc việc thực hiện Công văn này" assigns work
    return len(text.split()) <= CLOSING_MAX_WORDS and any(p.search(text) for p in pats.closing)


def is_report(doc_type: str | None) -> bool:
    """A Báo cáo reports on work; only its task sections ("NHIỆM VỤ", "KIẾN NGHỊ") assign any."""
    return (doc_type or "").lower() == load("tasks.yaml", ClassifyWords, section="classify").report_doc_type


def _non_task_heading(text: str) -> bool:
    _, skip = marker_of(text)
    content = text[skip:].strip()
    return any(p.search(content) for p in _patterns().non_task)


def _is_heading(a: Paragraph) -> bool:
    return bool(a.marker or a.bold or a.heading_flag)


def in_task_section(path: list[Paragraph], p: Paragraph, is_report: bool) -> bool:
    """Not under a purpose / result / background heading; in a Báo cáo, under a task heading."""
    if any(_non_task_heading(a.text) for a in path if _is_heading(a)):
        return False
    return not (is_report and not any(_patterns().report_task.search(a.text) for a in [*path, p]))


def content_start(text: str, s: int, e: int, p: Paragraph, in_list: bool) -> int:
    """Where the checks read from: after the list marker and a "Về …:" topic."""
    cs = max(s, p.content_start) if in_list else s
    topic = _patterns().topic.match(text, cs, e)
    if topic and topic.end() < e - TOPIC_MIN_REST_CHARS:
        cs = topic.end()
    return cs


def not_an_item(core: str, p: Paragraph, is_last: bool, issued: date | None) -> bool:
    """Outline headings, the body's general last words, and decision articles."""
    pats, sh = _patterns(), shared()
    if (
        p.marker is not None
        and len(core.split()) <= OUTLINE_HEADING_MAX_WORDS
        and not sh.imperative.match(core)
    ):
        return True  # "- Hạn chế, tồn tại": an outline heading, not an item of work
    if is_last and p.marker is None and pats.general_closing.search(core) and not own_dated(core, issued):
        return (
            True  # the body's last words: "… đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện …"
        )
    # "Điều 1. Thành lập Tổ công tác …": the decision itself
    return p.marker == "article" and pats.decision.match(core) is not None


def is_summary(core: str, p: Paragraph) -> bool:
    """A portal lead ("X vừa yêu cầu Y …") in the first paragraphs: later items spell it out."""
    return bool(_patterns().summary.search(core)) and p.index <= SUMMARY_MAX_PARA
