"""Stage *assign*: who does a task, with whom, and to whom they report.

The doer comes from the item itself ("Giao X …", "X chủ trì …", "Riêng X …"), else from the
subject of the paragraph's earlier sentence or the item it continues, else from the unit
heading above it or the lead-in that introduced the list (the nearer one wins), else from the
Kính gửi recipients. Generic groups ("Các đơn vị", "UBND các huyện") become the recipients
they stand for. The grammar word "các" (the plural article) stays inline in a few patterns.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor.find.structure import Paragraph
from extractor.find.tasks_context import DocContext, Lead, TaskSpan
from extractor.find.tasks_lexicon import capitalized, shared, strip_function
from extractor.find.textutil import sentences
from extractor.find.thresholds import (
    DUTY_HEADING_MAX_WORDS,
    MAIN_CLAUSE_WINDOW_CHARS,
    MEMBERS_MAX_CHARS,
    MEMBERS_MIN_CHARS,
    UNIT_HEADING_MAX_WORDS,
)
from extractor.find.units import bare_role, find_units, split_units, starts_with_unit, unit_phrase_end
from extractor.lexicon import LexiconModel, alternation, load
from extractor.spans import UnitSpan
from extractor.tree import Document

__all__ = [
    "assign",
    "collaborators_of",
    "context_units",
    "expand_groups",
    "heading_lead",
    "heading_units",
    "inline_assignees",
    "own_doers",
    "report_to_of",
]


class AssignWords(LexiconModel):
    """``tasks.yaml: assign``."""

    disjoint = (("subject_narrative_predicates", "main_clause_predicates"),)

    adverbial_openers: list[str]
    subject_narrative_predicates: list[str]
    main_clause_predicates: list[str]
    coop_cues: list[str]
    report_cue: str
    report_send_cue: str
    heading_titles: list[str]
    duty_headings: list[str]
    duty_link: str
    heading_openers: list[str]
    member_openers: list[str]
    content_headings: list[str]
    heading_qualifiers: list[str]
    generic_group_nouns: list[str]
    generic_group_related: str
    group_qualifiers: list[str]
    group_levels: list[str]
    name_expansions: dict[str, str]


@dataclass(frozen=True)
class _Patterns:
    adverbial: re.Pattern[str]
    subject_narrative: re.Pattern[str]
    main_clause: re.Pattern[str]
    coop: re.Pattern[str]
    report: tuple[re.Pattern[str], ...]
    title: re.Pattern[str]
    duty: re.Pattern[str]
    opener: re.Pattern[str]
    members: re.Pattern[str]
    aside: re.Pattern[str]  # "(…)" that is no members' list
    members_aside: re.Pattern[str]  # "(gồm …)"
    content: re.Pattern[str]
    qualifiers: tuple[str, ...]  # "(", "từ ", "thuộc " after a heading's unit
    generic_group: re.Pattern[str]
    group_qualifier: re.Pattern[str]
    levels: str
    expansions: tuple[tuple[re.Pattern[str], str], ...]


def _plain(words: list[str]) -> str:
    return alternation(words, longest_first=False, flexible_space=False)


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    w = load("tasks.yaml", AssignWords, section="assign")
    members, nouns = _plain(w.member_openers), _plain(w.generic_group_nouns)
    return _Patterns(
        adverbial=re.compile(r"(?:" + "|".join(w.adverbial_openers) + r")\b"),
        subject_narrative=re.compile(rf"(?:{_plain(w.subject_narrative_predicates)})\b"),
        main_clause=re.compile(rf"(?:{_plain(w.main_clause_predicates)})\b"),
        coop=re.compile(r"(?:" + "|".join(w.coop_cues) + r")\s+(?=\S)"),
        report=(re.compile(w.report_cue), re.compile(w.report_send_cue)),
        title=re.compile(rf"^(?:{_plain(w.heading_titles)}),\s+(?=[a-zđ])"),
        duty=re.compile(rf"(?:{_plain(w.duty_headings)})(?: {re.escape(w.duty_link)})?\s+"),
        opener=re.compile(rf"^(?:{_plain(w.heading_openers)})\s+"),
        members=re.compile(
            rf"\((?:{members})\s+(?P<inner>(?:các\s+)?[^)]{{{MEMBERS_MIN_CHARS},{MEMBERS_MAX_CHARS}}}:[^)]+)\)"
        ),
        aside=re.compile(rf"\s*\((?!{members})[^)]*\)"),
        members_aside=re.compile(rf"\s*\((?:{members})[^)]*\)"),
        content=re.compile(rf"^(?:Các|các)\s+(?:{_plain(w.content_headings)})"),
        qualifiers=("(", *(q + " " for q in w.heading_qualifiers)),
        generic_group=re.compile(
            rf"^(?:các|Các)\s+(?:{nouns})(?:\s*,\s*(?:{nouns}))*(?:\s+{w.generic_group_related})?$"
        ),
        group_qualifier=re.compile(rf"\s+(?:{_plain(w.group_qualifiers)})$"),
        levels=rf"(?:{_plain(w.group_levels)})",
        expansions=tuple((re.compile(rf"^(?:{re.escape(k)})\b"), v) for k, v in w.name_expansions.items()),
    )


def _shift(u: UnitSpan, offset: int, label: str | None = None) -> UnitSpan:
    return UnitSpan(
        u.start + offset, u.end + offset, u.text, label or u.label, u.source, u.role, dict(u.extra)
    )


def inline_assignees(text: str, offset: int, item: bool = False) -> list[UnitSpan]:
    """Units the sentence itself names as doers (cue or subject position).

    In a list ``item`` a cue counts only where it opens the item or follows its subject
    ("Giao X …", "UBND tỉnh đề nghị X …"); further in, "… yêu cầu các đơn vị …" names the
    people the item's doer acts on.
    """
    sh, pats = shared(), _patterns()
    body_start = 0
    lead = sh.lead_connective.match(text)
    if lead:
        body_start = lead.end()
    for m in sh.cue.finditer(text):
        if item and m.start() > body_start and not _subject_before(text, body_start, m.start()):
            continue
        units = find_units(text, m.end())
        if units:
            return [_shift(u, offset) for u in units]
    if starts_with_unit(text[body_start:]) and not sh.imperative.match(text, body_start):
        end = unit_phrase_end(text, body_start)
        pred = text[end:].lstrip(" ,")
        if pats.subject_narrative.match(pred):
            return []
        return [_shift(u, offset) for u in split_units(text[body_start:end], body_start)]
    # "Để …, tỉnh Đắk Lắk cần …", "Trên cơ sở …, Sở Xây dựng chủ trì …": the main clause
    if not (pats.adverbial.match(text, body_start) or sh.background.match(text[body_start:])):
        return []
    return _main_clause_doers(text, body_start, offset)


def _main_clause_doers(text: str, body_start: int, offset: int) -> list[UnitSpan]:
    """The subject of the first clause after a comma that has a unit and a duty verb."""
    pats = _patterns()
    for m in re.finditer(r",\s+", text[body_start : body_start + MAIN_CLAUSE_WINDOW_CHARS]):
        start = body_start + m.end()
        if not starts_with_unit(text[start:]):
            continue
        end = unit_phrase_end(text, start)
        pred = strip_function(text[end:].lstrip(" ,:"))
        if pats.main_clause.match(pred) or shared().imperative.match(capitalized(pred)):
            return [_shift(u, offset) for u in split_units(text[start:end], start)]
    return []


def _subject_before(text: str, start: int, cue: int) -> bool:
    """The cue opens a clause ("…: giao X", "…; giao X"), or the words before it are the
    speaker ("Chủ tịch UBND tỉnh yêu cầu …")."""
    clause = max(start, max(text.rfind(":", start, cue), text.rfind(";", start, cue)) + 1)
    head = text[clause:cue].strip(" ,")
    return not head or (starts_with_unit(head) and unit_phrase_end(head, 0) >= len(head) - 1)


def _item_doers(doc: Document, start: int, end: int) -> list[UnitSpan]:
    """Doers named in a list item: its first sentence's, plus those later sentences add
    ("… Tập đoàn X chủ động làm việc … . Để …, UBND tỉnh Y phối hợp với …" names both)."""
    spans = list(sentences(doc.text[start:end], start))
    if len(spans) <= 1:
        return inline_assignees(doc.text[start:end], start, item=True)
    out: list[UnitSpan] = []
    names: set[str] = set()
    for i, (s, e) in enumerate(spans):
        found = inline_assignees(doc.text[s:e], s, item=True)
        if i == 0 and not found:
            return []  # a subjectless item: its doer comes from the heading or lead-in
        for u in found:
            name = u.extra.get("name", u.text)
            if name not in names:
                names.add(name)
                out.append(u)
    return out


def own_doers(doc: Document, start: int, end: int, in_list: bool) -> list[UnitSpan]:
    """The doers an item or sentence names itself."""
    return _item_doers(doc, start, end) if in_list else inline_assignees(doc.text[start:end], start)


def collaborators_of(text: str, offset: int) -> list[UnitSpan]:
    out: list[UnitSpan] = []
    for m in _patterns().coop.finditer(text):
        units = find_units(text, m.end())
        out.extend(_shift(u, offset, "COLLAB") for u in units)
    return out


def report_to_of(text: str) -> str | None:
    for regex in _patterns().report:
        m = regex.search(text)
        if m:
            units = find_units(text, m.end())
            if units:
                return units[0].extra.get("name", units[0].text)
    return None


def heading_lead(ctx: DocContext, p: Paragraph) -> None:
    """A heading with a cue ("2. Giao Sở X thực hiện các nội dung sau:") leads the items below."""
    if not shared().cue.search(p.text):
        return
    units = inline_assignees(ctx.doc.text[p.content_start : p.end], p.content_start)
    if units:
        ctx.add_lead(units, p.index, p.index)


def heading_units(doc: Document, p: Paragraph) -> list[UnitSpan]:
    """A heading that names a unit ("2. Phòng Văn hóa và Thông tin", "1. Chủ tịch UBND …:")."""
    pats = _patterns()
    content = doc.text[p.content_start : p.end]
    flat = " ".join(content.split()).rstrip(" :.;")
    # "Trưởng phòng, phòng Nội vụ Thành phố": the title, then the unit it heads
    flat = pats.title.sub("", flat)
    duty = pats.duty.match(flat)
    flat = pats.opener.sub("", flat)
    members = pats.members.search(flat)
    if members:
        # "Các cơ quan tham mưu … (gồm các Sở: Xây dựng, Tài chính, …)": the members are the doers
        inner = members.group("inner")
        start = doc.text.find(inner, p.content_start)
        return split_units(inner, max(start, p.content_start), "ORG")
    flat = pats.aside.sub("", flat)  # asides: "(Ban quản lý rừng, …)"
    if duty and flat and len(flat.split()) <= DUTY_HEADING_MAX_WORDS:
        # "1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:": all of it names the doer
        name = pats.members_aside.sub("", flat)
        start = doc.text.find(name.split()[0], p.content_start)
        return split_units(name, max(start, p.content_start), "ORG")
    if not starts_with_unit(flat) or len(flat.split()) > UNIT_HEADING_MAX_WORDS:
        return []
    if pats.content.match(flat):
        return []
    # a heading that is itself a directive sentence keeps only its subject
    end = unit_phrase_end(flat, 0, verbs_only=True)
    if end < len(flat) and not re.match(r"\s*(?:\(|$)", flat[end:]):
        rest = flat[end:].strip()
        if rest and not rest.startswith(pats.qualifiers):
            flat = flat[:end]
    start = doc.text.find(flat.split()[0], p.content_start)
    return split_units(flat, max(start, p.content_start), "ORG")


def context_units(
    doc: Document, paras: list[Paragraph], p: Paragraph, path: list[Paragraph], leads: list[Lead]
) -> list[UnitSpan]:
    """The doers the context names: the deepest unit heading or lead-in above ``p``."""
    ancestors = [a.index for a in path]
    depth_heading = -1
    found: list[UnitSpan] = []
    for depth, a in enumerate(path):
        if not (a.marker or a.bold or a.heading_flag):
            continue  # a lead-in paragraph names its speaker, not the doer
        units = heading_units(doc, a)
        if units:
            depth_heading, found = depth, units
    best: Lead | None = None
    best_depth = -2
    for ctx in leads:
        if ctx.para >= p.index:
            continue
        if ctx.parent is None:
            depth = -1
        elif ctx.parent in ancestors:
            depth = ancestors.index(ctx.parent)
        elif ctx.parent == p.index:
            depth = len(ancestors)
        else:
            continue
        if depth >= best_depth:
            best, best_depth = ctx, depth
    if best is not None and best_depth >= depth_heading:
        return best.units
    return found


def _continued_units(tasks: list[TaskSpan], paras: list[Paragraph], p: Paragraph) -> list[UnitSpan]:
    """A subjectless paragraph right after an item that named its doer continues that item."""
    if p.marker is not None or not tasks or p.index == 0:
        return []
    prev = tasks[-1]
    if prev.para != p.index - 1 or paras[prev.para].marker is None or not prev.own_units:
        return []
    return prev.assignees


def assign(
    ctx: DocContext,
    task: TaskSpan,
    p: Paragraph,
    path: list[Paragraph],
    own: list[UnitSpan],
    para_subject: list[UnitSpan],
    in_list: bool,
    core: str,
) -> list[UnitSpan]:
    """Set the task's doers, collaborators and report-to (read from ``core``, the text after the
    marker and topic); returns the paragraph's subject so far.

    A sentence that names its doer becomes the subject of the paragraph's later sentences, and
    with a cue ("Giao X …") also a lead for the items below it.
    """
    continued = _continued_units(ctx.tasks, ctx.paras, p) if not own and not para_subject else []
    task.assignees = (
        own
        or para_subject
        or continued
        or context_units(ctx.doc, ctx.paras, p, path, ctx.leads)
        or list(ctx.recipients or [])
    )
    task.own_units = bool(own)
    if own and not in_list:
        para_subject = own
        if shared().cue.search(task.text):
            ctx.add_lead(own, p.parent, p.index)
    text = ctx.doc.text[task.start : task.end]
    task.collaborators = [c for c in collaborators_of(text, task.start) if not _same_any(c, task.assignees)]
    task.report_to = report_to_of(core)
    return para_subject


def _same_any(u: UnitSpan, others: list[UnitSpan]) -> bool:
    return any(u.start == o.start and u.end == o.end for o in others)


def _bare(name: str) -> str:
    name = bare_role(name).strip()
    for short, full in _patterns().expansions:
        name = short.sub(full, name)
    return name.lower()


def expand_groups(units: list[UnitSpan], recipients: list[UnitSpan]) -> list[UnitSpan]:
    """ "Các đơn vị" / "Các Sở Xây dựng" / "UBND các tỉnh" → the matching Kính gửi recipients."""
    pats = _patterns()
    levels = pats.levels
    out: list[UnitSpan] = []
    for u in units:
        name = u.extra.get("name") or u.text
        if pats.generic_group.match(name):
            out.extend(r for r in recipients if r not in out)  # the recipients they stand for
            continue
        bare = pats.group_qualifier.sub("", _bare(name))
        m = re.match(
            rf"^(?:các\s+)?(?P<head>.+?)\s+các\s+(?P<level>{levels})(?:\s*,\s*{levels})*$", bare
        ) or re.match(r"^các\s+(?P<head>[^,]+)$", bare)
        if m:
            prefix = m.group("head") + (
                " " + m.group("level") if "level" in m.groupdict() and m.group("level") else ""
            )
            hits = [r for r in recipients if _bare(r.extra.get("name") or r.text).startswith(prefix)]
            if hits:
                out.extend(r for r in hits if r not in out)
                continue
        out.append(u)
    return out
