"""Stage *date*: the deadline and recurrence of each task, and deadlines stated for a section.

A task's own dated deadline wins. A sentence that only states a deadline ("Thời gian hoàn
thành: …") dates the task before it; a heading, a lead-in or a closing statement of a section
("Các nhiệm vụ tại khoản này hoàn thành trong quý III/2024") dates every undated task of that
section, which then carries ``inherited``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from extractor.find.deadlines import find_deadlines, find_recurrences, pick_recurrence
from extractor.find.structure import Paragraph
from extractor.find.tasks_context import WHOLE_BODY, DocContext, TaskSpan, scope_of
from extractor.find.thresholds import SECTION_STATEMENT_GAP_CHARS
from extractor.lexicon import LexiconModel, alternation, load
from extractor.spans import DeadlineSpan, RecurrenceSpan, UnitSpan
from extractor.tree import Document

__all__ = [
    "apply_time",
    "attach_deadline",
    "date_task",
    "dated",
    "heading_deadline",
    "inherit",
    "lead_in_deadline",
    "own_dated",
    "recurrence",
    "take_statement",
]


class DateWords(LexiconModel):
    """``tasks.yaml: dates``."""

    deadline_statement: str
    section_statement_quantifiers: list[str]
    section_statement_nouns: list[str]
    section_statement_refs: list[str]
    firm_deadline_words: list[str]
    back_references: list[str]
    period_cue: str


@dataclass(frozen=True)
class _Patterns:
    deadline_statement: re.Pattern[str]
    section_statement: re.Pattern[str]
    firm: re.Pattern[str]
    back_reference: re.Pattern[str]
    period_cue: str


def _plain(words: list[str]) -> str:
    return alternation(words, longest_first=False, flexible_space=False)


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    w = load("tasks.yaml", DateWords, section="dates")
    # "các" (the plural article) may repeat after the quantifier: "Tất cả các nhiệm vụ …"
    section = (
        rf"(?:{_plain(w.section_statement_quantifiers)})\s+(?:các\s+)?"
        rf"(?:{_plain(w.section_statement_nouns)})\b[^.]{{0,{SECTION_STATEMENT_GAP_CHARS}}}?"
        rf"\b(?:{_plain(w.section_statement_refs)})\b"
    )
    return _Patterns(
        deadline_statement=re.compile(w.deadline_statement),
        section_statement=re.compile(section),
        firm=re.compile(r"(?:" + _plain(w.firm_deadline_words) + r")"),
        back_reference=re.compile("|".join(w.back_references)),
        period_cue=w.period_cue + " ",
    )


def _shifted(d: DeadlineSpan, offset: int) -> DeadlineSpan:
    return DeadlineSpan(d.start + offset, d.end + offset, d.text, d.label, d.source, date=d.date, kind=d.kind)


def dated(spans: list[DeadlineSpan], offset: int) -> DeadlineSpan | None:
    """The first deadline with a date, shifted by ``offset``."""
    for d in spans:
        if d.date:
            return _shifted(d, offset)
    return None


def _undated(spans: list[DeadlineSpan], offset: int) -> DeadlineSpan | None:
    for d in spans:
        return _shifted(d, offset)
    return None


def own_dated(text: str, issued: date | None) -> bool:
    return dated(find_deadlines(text, issued), 0) is not None


def _vague(dl: DeadlineSpan) -> bool:
    """ "trong năm 2025" in a lead-in is a goal period; "đến hết tháng 12 năm 2025" is a deadline."""
    return dl.kind == "within_period" and not _patterns().firm.match(dl.text)


def recurrence(text: str, offset: int) -> RecurrenceSpan | None:
    """The recurrence of a task: ``pick_recurrence`` decides between several phrases."""
    spans = find_recurrences(text)
    value = pick_recurrence(spans)
    if value is None:
        return None
    r = next((x for x in spans if x.value == value), spans[0])
    return RecurrenceSpan(r.start + offset, r.end + offset, r.text, r.label, r.source, value=value)


def date_task(ctx: DocContext, task: TaskSpan, s: int, e: int) -> None:
    """The task's own deadline (dated first, else any) and recurrence."""
    text = ctx.doc.text[s:e]
    own_deadlines = find_deadlines(text, ctx.issued)
    task.deadline = dated(own_deadlines, s) or _undated(own_deadlines, s)
    task.recurrence = recurrence(text, s)


def heading_deadline(ctx: DocContext, p: Paragraph, last_s: int, last_e: int) -> None:
    """A heading's last sentence may date its whole section ("1. … hoàn thành trước 30/6:")."""
    dl = dated(find_deadlines(ctx.doc.text[last_s:last_e], ctx.issued), last_s)
    if dl is not None and not _vague(dl):
        ctx.set_section_deadline(p.index, dl, p.index)


def lead_in_deadline(ctx: DocContext, p: Paragraph, s: int, e: int) -> None:
    """A lead-in ("… trước ngày 15/4, cụ thể:") dates the items it introduces."""
    dl = dated(find_deadlines(ctx.doc.text[s:e], ctx.issued), s)
    if dl is not None and not _vague(dl):
        ctx.set_section_deadline(scope_of(p), dl, p.index)


def take_statement(ctx: DocContext, p: Paragraph, s: int, e: int, core: str, own: list[UnitSpan]) -> bool:
    """A sentence that only states a deadline: for the previous task, or for the section.

    True when the sentence was used up (it is no task itself).
    """
    pats = _patterns()
    if pats.deadline_statement.match(core) and not own and ctx.tasks:
        attach_deadline(ctx, ctx.tasks[-1], s, e, p)
        return True
    if pats.section_statement.match(core):
        # "Các nhiệm vụ tại khoản này hoàn thành trong quý III/2024."
        dl = dated(find_deadlines(ctx.doc.text[s:e], ctx.issued), s)
        if dl is not None:
            ctx.set_section_deadline(scope_of(p), dl, p.index)
            return True
    return False


def attach_deadline(ctx: DocContext, task: TaskSpan, s: int, e: int, p: Paragraph) -> None:
    """ "Thời gian hoàn thành: …" after an item: the item's deadline (and, in one paragraph, its text)."""
    doc = ctx.doc
    spans = find_deadlines(doc.text[s:e], ctx.issued)
    dl = dated(spans, s)
    if dl is not None and (task.deadline is None or task.deadline.date is None):
        task.deadline = dl
        task.inherited = False
    if task.para == p.index and task.end <= s:
        task.end = e
        task.text = " ".join(doc.text[task.start : e].split())


def apply_time(doc: Document, flat: str, start: int, targets: list[TaskSpan], issued: date | None) -> None:
    """A "Thời gian thực hiện: …" field: its deadline and recurrence for undated ``targets``."""
    spans = find_deadlines(flat, issued)
    dl = dated(spans, start)
    if dl is None:
        # "Thời gian thực hiện: Tháng 12/2025" is a deadline without a cue word
        cue = _patterns().period_cue
        spans = find_deadlines(cue + flat[:1].lower() + flat[1:], issued)
        d = dated(spans, start - len(cue))
        if d is not None:
            end = start + len(flat.rstrip(". "))
            dl = DeadlineSpan(start, end, doc.text[start:end], "DEADLINE", date=d.date, kind=d.kind)
    rec = recurrence(flat, start)
    for t in targets:
        if dl is not None and (t.deadline is None or t.deadline.date is None):
            t.deadline = dl
        if rec is not None and t.recurrence is None:
            t.recurrence = rec


def inherit(ctx: DocContext) -> None:
    """Section-level deadlines: from a heading or lead-in, or a closing statement of the section."""
    _closing_statements(ctx)
    _inherit_down(ctx)


def _closing_statements(ctx: DocContext) -> None:
    """A closing statement ("Thủ trưởng … báo cáo kết quả … trước ngày 10/5/2022" after the items
    of section 1) is a plain paragraph that ends its section; its dated deadline holds for the
    tasks before it in that section."""
    paras, tasks = ctx.paras, ctx.tasks
    last_in_scope: dict[int | None, int] = {}
    for p in paras:
        last_in_scope[p.parent] = p.index
    for t in tasks:
        tp = paras[t.para] if 0 <= t.para < len(paras) else None
        if tp is None or tp.marker is not None or not (t.deadline and t.deadline.date):
            continue
        if _vague(t.deadline) or last_in_scope.get(tp.parent) != tp.index:
            continue
        if not _patterns().back_reference.search(t.text):
            continue
        if not any(paras[o.para].index < tp.index for o in tasks if o is not t and 0 <= o.para < len(paras)):
            continue
        # the body's last paragraph speaks for the whole document ("… 04 nội dung nêu trên")
        where: int = WHOLE_BODY if tp.parent is None or tp.index == len(paras) - 1 else tp.parent
        ctx.section_deadlines.setdefault(where, (t.deadline, tp.index))


def _inherit_down(ctx: DocContext) -> None:
    """Each undated task takes the deadline of its nearest enclosing scope that has one."""
    paras = ctx.paras
    for t in ctx.tasks:
        if (t.deadline is not None and t.deadline.date) or not 0 <= t.para < len(paras):
            continue
        node: int | None = paras[t.para].parent
        chain: list[int | None] = []
        while node is not None:
            chain.append(node)
            node = paras[node].parent
        chain.append(WHOLE_BODY)
        for scope in chain:
            if scope in ctx.section_deadlines:
                dl, source = ctx.section_deadlines[scope]
                if source == t.para:
                    continue
                t.deadline = dl
                t.inherited = True
                break
