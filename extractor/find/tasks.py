"""Task items: which paragraphs or sentences assign work, to whom, by when.

A list item is one task; in prose, one sentence. The body is walked top to bottom with one
:class:`~extractor.find.tasks_context.DocContext` that carries what earlier paragraphs said
(lead-ins, field lines, section deadlines). Each paragraph goes through the stages:

1. *fields* (``tasks_fields``): "Đơn vị chủ trì: …" lines fill in the tasks before them;
2. *classify* (``tasks_classify``): headings, lead-ins, closing formulas, background and
   statements are no tasks; a heading or lead-in may still name doers or a deadline;
3. *assign* (``tasks_assign``): the doer from the item, the paragraph, the unit heading or
   lead-in above it, or the Kính gửi recipients; collaborators; report-to;
4. *date* (``tasks_dates``): the task's own deadline and recurrence, and at the end the
   section deadlines inherited by undated tasks.

Plan tables (``tables.find_task_tables``) give one task a row.
"""

from __future__ import annotations

from datetime import date

from extractor.find import tasks_assign as assign
from extractor.find import tasks_classify as classify
from extractor.find import tasks_dates as dates
from extractor.find import tasks_fields as fields
from extractor.find.deadlines import find_deadlines
from extractor.find.structure import Paragraph, heading_path, paragraphs
from extractor.find.tables import TableRow, find_task_tables
from extractor.find.tasks_classify import is_directive
from extractor.find.tasks_context import DocContext, TaskSpan
from extractor.find.tasks_lexicon import shared
from extractor.find.textutil import sentences
from extractor.find.units import split_units
from extractor.spans import UnitSpan
from extractor.tree import Document

__all__ = ["TaskSpan", "find_tasks", "is_directive"]


def find_tasks(
    doc: Document,
    ranges: list[tuple[int, int]],
    doc_type: str | None = None,
    issued: date | None = None,
    recipients: list[UnitSpan] | None = None,
) -> list[TaskSpan]:
    """Every task in the given ranges of ``doc.text`` (the body, and an appendix if any)."""
    tasks: list[TaskSpan] = []
    for start, end in ranges:
        rows = find_task_tables(doc, start, end)
        skip = {i for r in rows for i in r.lines}
        tasks.extend(_body_tasks(doc, start, end, skip, doc_type, issued, recipients))
        tasks.extend(_row_task(doc, r, issued) for r in rows)
    tasks.sort(key=lambda t: t.start)
    if any(not t.summary for t in tasks):
        tasks = [t for t in tasks if not t.summary]
    if recipients:
        for t in tasks:
            t.assignees = assign.expand_groups(t.assignees, recipients)
    return tasks


def _row_task(doc: Document, row: TableRow, issued: date | None) -> TaskSpan:
    """A row of a plan table: its task cell, lead and cooperating units, and time."""
    text = " ".join(row.task.text.split())
    task = TaskSpan(row.task.start, row.task.end, text, [], page=row.page)
    task.assignees = split_units(row.lead.text, row.lead.start) if row.lead else []
    task.collaborators = split_units(row.coop.text, row.coop.start, "COLLAB") if row.coop else []
    own = find_deadlines(doc.text[row.task.start : row.task.end], issued)
    task.deadline = dates.dated(own, row.task.start)
    if row.time is not None:
        fields.apply_field(doc, "time", row.time.text, row.time.start, [task], issued)
    if task.recurrence is None:
        task.recurrence = dates.recurrence(doc.text[row.task.start : row.task.end], row.task.start)
    return task


def _body_tasks(
    doc: Document,
    body_start: int,
    body_end: int,
    skip: set[int],
    doc_type: str | None,
    issued: date | None,
    recipients: list[UnitSpan] | None,
) -> list[TaskSpan]:
    ctx = DocContext(
        doc,
        paragraphs(doc, body_start, body_end, skip),
        issued,
        recipients,
        is_report=classify.is_report(doc_type),
    )
    for p in ctx.paras:
        _paragraph(ctx, p)
    dates.inherit(ctx)
    return ctx.tasks


def _paragraph(ctx: DocContext, p: Paragraph) -> None:
    path = heading_path(ctx.paras, p)
    if fields.take_field(ctx, p):
        return
    ctx.end_field_block(p.index)
    if not classify.in_task_section(path, p, ctx.is_report):
        return
    heading = _is_heading(ctx, p)
    pieces = _heading_pieces(ctx, p) if heading else _pieces(ctx.doc, p)
    in_list = p.marker is not None and not heading
    para_subject: list[UnitSpan] = []
    for s, e in pieces:
        para_subject = _piece(ctx, p, path, s, e, in_list, para_subject)


def _is_heading(ctx: DocContext, p: Paragraph) -> bool:
    """A marked, bold or heading paragraph with children other than field lines."""
    has_real_children = any(fields.field_of(ctx.paras[c].text) is None for c in p.children)
    return bool(p.children and has_real_children) and bool(p.marker is not None or p.bold or p.heading_flag)


def _pieces(doc: Document, p: Paragraph) -> list[tuple[int, int]]:
    """The spans of ``p`` that may each be a task: the list item, or each sentence of prose."""
    return [(p.start, p.end)] if p.marker is not None else _sentences(doc, p)


def _heading_pieces(ctx: DocContext, p: Paragraph) -> list[tuple[int, int]]:
    """A heading may date its section or lead its items; a long heading item ("1.1. Đề nghị … .
    Trước mắt cần … sau đây:") has tasks in its first sentences, the last introduces the list.
    """
    sents = _sentences(ctx.doc, p)
    last_s, last_e = sents[-1] if sents else (p.start, p.end)
    dates.heading_deadline(ctx, p, last_s, last_e)
    assign.heading_lead(ctx, p)
    return sents[:-1] if len(sents) > 1 else []


def _piece(
    ctx: DocContext,
    p: Paragraph,
    path: list[Paragraph],
    s: int,
    e: int,
    in_list: bool,
    para_subject: list[UnitSpan],
) -> list[UnitSpan]:
    """One item or sentence through the stages; returns the paragraph's subject so far."""
    doc = ctx.doc
    piece = " ".join(doc.text[s:e].split())
    if not piece:
        return para_subject
    cs = classify.content_start(doc.text, s, e, p, in_list)
    core = " ".join(doc.text[cs:e].split())
    own = assign.own_doers(doc, cs, e, in_list)
    if piece.endswith(":") and (bool(p.children) or _next_is_list(ctx.paras, p)):
        # a lead-in: its units and deadline are for the items it introduces
        if own:
            ctx.add_lead(own, p.parent, p.index)
        dates.lead_in_deadline(ctx, p, s, e)
        return para_subject
    if classify.is_closing(core, ctx.issued) or dates.take_statement(ctx, p, s, e, core, own):
        return para_subject
    if classify.not_an_item(core, p, ctx.is_last(p), ctx.issued):
        return para_subject
    if not is_directive(core, p.marker is not None):
        if own and shared().cue.search(core):
            ctx.add_lead(own, p.parent, p.index)
        return para_subject
    headings = [_section_text(doc, a) for a in path if a.marker or a.bold or a.heading_flag]
    task = TaskSpan(s, e, piece, headings, page=p.page, para=p.index)
    task.summary = classify.is_summary(core, p)
    para_subject = assign.assign(ctx, task, p, path, own, para_subject, in_list, core)
    dates.date_task(ctx, task, s, e)
    ctx.add_task(task)
    return para_subject


def _sentences(doc: Document, p: Paragraph) -> list[tuple[int, int]]:
    return list(sentences(doc.text[p.start : p.end], p.start))


def _next_is_list(paras: list[Paragraph], p: Paragraph) -> bool:
    if p.children:
        return True
    nxt = paras[p.index + 1] if p.index + 1 < len(paras) else None
    return nxt is not None and (nxt.marker is not None or nxt.parent == p.index)


def _section_text(doc: Document, p: Paragraph) -> str:
    return " ".join(doc.text[p.start : p.end].split())
