"""Task items: which paragraphs or sentences assign work, to whom, by when.

A list item is one task; in prose, one sentence. Headings, lead-ins ("… các nội dung
sau:"), background, assessments, targets and closing formulas are not tasks. The assignee
comes from the item itself ("Giao X …", "X chủ trì …", "Riêng X …"), else from the unit
heading above it, else from the lead-in that introduced the list, else from the Kính gửi
recipients. A deadline stated once for a section is inherited by its tasks.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date

from extractor.find.deadlines import find_deadlines, find_recurrences, pick_recurrence
from extractor.find.structure import Paragraph, heading_path, paragraphs
from extractor.find.tables import TableRow, find_task_tables
from extractor.find.textutil import sentences
from extractor.find.units import directive_verb_re, find_units, split_units, starts_with_unit, unit_phrase_end
from extractor.lexicon import raw_yaml as load_yaml
from extractor.spans import DeadlineSpan, RecurrenceSpan, UnitSpan
from extractor.tree import Document


@dataclass
class TaskSpan:
    """One task found in the text (offsets into the normalized text)."""

    start: int
    end: int
    text: str
    section: list[str]
    assignees: list[UnitSpan] = field(default_factory=list)
    collaborators: list[UnitSpan] = field(default_factory=list)
    deadline: DeadlineSpan | None = None
    inherited: bool = False
    recurrence: RecurrenceSpan | None = None
    report_to: str | None = None
    page: int | None = None
    para: int = -1
    summary: bool = False  # a portal lead ("X vừa yêu cầu Y …") that later items spell out
    own_units: bool = False  # the item names its doer itself ("Giao X …", "X chủ trì …")


@dataclass(frozen=True)
class _Lex:
    imperative: re.Pattern[str]
    background: re.Pattern[str]
    closing: list[re.Pattern[str]]
    non_task: list[re.Pattern[str]]
    report_task: re.Pattern[str]
    field: re.Pattern[str]
    deadline_statement: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _lex() -> _Lex:
    data = load_yaml("tasks.yaml")
    words = sorted(data["imperative_starts"], key=len, reverse=True)
    return _Lex(
        imperative=re.compile(r"^(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])"),
        background=re.compile(
            r"^(?:" + "|".join(re.escape(w) for w in data["background_starts"]) + r")(?![\w])"
        ),
        closing=[re.compile(p) for p in data["closing_patterns"]],
        non_task=[re.compile(p) for p in data["non_task_headings"]],
        report_task=re.compile(data["report_task_headings"]),
        field=re.compile(data["field_lead"]),
        deadline_statement=re.compile(data["deadline_statement"]),
    )


# "Giao Sở X …", "đề nghị các đơn vị …", "yêu cầu Chủ tịch UBND các xã …"
_CUE = re.compile(
    r"(?<!theo )(?<!đáp ứng )(?<!các )(?<!những )(?<!khi có )(?<!của )(?<!tại )(?<!với )(?<!có )"
    r"(?:(?<![\w])(?:[Gg]iao(?: cho)?(?! ban\b)(?! nhiệm vụ)|[Đđ]ề nghị|[Yy]êu cầu|[Rr]iêng(?: đối với)?)\s*:?\s+)(?=\S)"
)
_LEAD_CONNECTIVE = re.compile(
    r"^(?:(?:Theo đó|Đồng thời|Ngoài ra|Bên cạnh đó|Trong đó|Mặt khác|Tiếp theo|Sau đó|Trước mắt|Trước hết|Cùng với đó)\s*,?\s*|Riêng\s+)"
)
_TOPIC = re.compile(
    r"(?:Về|Đối với|Về việc)\s(?:[^:;.]|\.(?=\S)){3,500}:\s*|(?:Nhiệm vụ|Nội dung(?: thực hiện)?|Giải pháp)\s*:\s*"
)
_COOP = re.compile(r"(?:[Pp]hối hợp(?: chặt chẽ)?(?: với| cùng)?|cùng với|cùng)\s+(?=\S)")
_REPORT = re.compile(
    r"[Bb]áo cáo\s+(?:kết quả\s+(?:thực hiện\s+)?|tình hình\s+|định kỳ\s+)?(?:bằng văn bản\s+)?(?:gửi\s+|và gửi\s+)?(?:về\s+|cho\s+|lên\s+|với\s+)?(?=[A-ZĐÀ-Ỹ]|UBND|các\b)"
)
_REPORT_SEND = re.compile(r"[Gg]ửi\s+(?:báo cáo\s+|kết quả\s+)?(?:về\s+)(?=[A-ZĐÀ-Ỹ])")


def _non_task_heading(lex: _Lex, text: str) -> bool:
    from extractor.find.structure import marker_of

    _, skip = marker_of(text)
    content = text[skip:].strip()
    return any(p.search(content) for p in lex.non_task)


_MONITOR = re.compile(r"^(?:[A-ZĐÀ-Ỹ][^,;:]{2,60}?\s)?(?:theo dõi|đôn đốc|kiểm tra)[, ]")


def _is_closing(lex: _Lex, text: str) -> bool:
    if text.startswith("Giao ") or _MONITOR.search(text[:120]):
        return False  # "Giao Văn phòng theo dõi, đôn đốc việc thực hiện Công văn này" assigns work
    return len(text.split()) <= 80 and any(p.search(text) for p in lex.closing)


_FUNCTION = re.compile(
    r"^(?:theo|trong phạm vi|căn cứ)\s+(?:chức năng|thẩm quyền|nhiệm vụ|phạm vi)[^;:.]{0,80}?(?:được giao|được phân công|quản lý|của mình|thẩm quyền|nhiệm vụ)\s*,?\s*"
)


_ADVERBIAL = re.compile(
    r"(?:Để|Với|Trong|Sau khi|Khi|Nhằm|Trước tình hình|Trước mắt|Trên cơ sở|Căn cứ|Theo(?! dõi)|Từ nay|Từ ngày|Đến nay)\b"
)


def _strip_function(pred: str) -> str:
    """ "theo chức năng, nhiệm vụ được giao chủ trì …" → "chủ trì …"."""
    pred = _FUNCTION.sub("", pred)
    while True:
        m = re.match(r"(?:được giao|được phân công|và thẩm quyền|thẩm quyền|quyền hạn)\s*,?\s*", pred)
        if not m:
            return pred
        pred = pred[m.end() :]


def _after_clause(body: str) -> str | None:
    """ "Trên cơ sở kết quả khảo sát, Sở Xây dựng chủ trì …" → the main clause after the comma."""
    for m in re.finditer(r",\s+", body[:220]):
        rest = body[m.end() :]
        if starts_with_unit(rest) or _lex().imperative.match(rest[:1].upper() + rest[1:]):
            return rest
    return None


def is_directive(text: str, in_list: bool) -> bool:
    """Does this item or sentence tell someone to do something?"""
    lex = _lex()
    body = _LEAD_CONNECTIVE.sub("", text, count=1)
    body = body[:1].upper() + body[1:]
    if _CUE.search(body) and _units_after_cue(body):
        return True
    if _NARRATIVE_TIME.match(body):
        return False  # "Ngày 24/11/2023, Phó Chủ tịch … chủ trì cuộc họp …": an account of an event
    if lex.background.match(body) or _PURPOSE.match(body):
        rest = _after_clause(body)
        short_lead = rest is not None and len(body[: len(body) - len(rest)].split()) <= 8
        if (
            in_list
            and short_lead
            and rest
            and rest[:1].islower()
            and lex.imperative.match(rest[:1].upper() + rest[1:])
        ):
            rest = rest[:1].upper() + rest[1:]  # "Trên cơ sở chức năng nhiệm vụ, chủ trì, phối hợp …"
        if rest is None or (rest[:1].islower() and not starts_with_unit(rest)):
            return False if lex.background.match(body) else bool(in_list and _any_verb(body))
        body = rest
    if lex.imperative.match(body):
        return not (in_list and _STATISTIC.search(body) and not _MODAL.search(body))
    if starts_with_unit(body):
        end = unit_phrase_end(body, 0)
        pred = body[end:].lstrip(" ,:")
        pred = _strip_function(pred)
        if _ISSUANCE.match(pred):
            return False  # "UBND tỉnh ban hành Công văn số …": a report of the issuance
        if re.match(
            r"(?:được|đã được|chưa được)\s+(?:\S+\s+){1,8}?(?:báo cáo|thực hiện|triển khai|tiến hành|tổ chức|phải|cần|khẩn trương|chủ động)\b",
            pred,
        ):
            return True  # "Các cơ quan chưa được kiểm tra … tiến hành kiểm tra …"
        if re.match(
            r"(?:đã|vừa|đang|được|là|có\s+(?!trách nhiệm|nhiệm vụ)|không có|chưa|nhận được|ghi nhận)\b", pred
        ):
            return False
        if lex.imperative.match(pred[:1].upper() + pred[1:]) or re.match(
            r"(?:cần|phải|chịu|có trách nhiệm|có nhiệm vụ|chủ trì|phối hợp)\b", pred
        ):
            return True
    if not in_list or (_STATISTIC.search(body) and not _MODAL.search(body)):
        return False
    # a list item in a directive section is a task when it carries any directive verb
    return _any_verb(body)


def _any_verb(text: str) -> bool:
    verb_re = directive_verb_re()
    return any(not m.group(0)[:1].isupper() for m in verb_re.finditer(text))


_ISSUANCE = re.compile(
    r"(?:đã\s+|vừa\s+)?(?:ký\s+)?(?:ban hành|có)\s+(?:văn bản|[Cc]ông văn|[Kk]ế hoạch|[Cc]hỉ thị|[Qq]uyết định|"
    r"[Tt]hông báo|[Cc]ông điện|[Nn]ghị quyết|[Hh]ướng dẫn)\b"
)
_DECISION = re.compile(
    r"(?:Thành lập|Phê duyệt|Ban hành|Công nhận|Bổ nhiệm|Cho phép|Chấp thuận|Quy định|Bãi bỏ)\b"
)
_NARRATIVE_TIME = re.compile(r"(?:Ngày|Chiều|Sáng|Tối|Trưa|Hồi)\s+(?:ngày\s+)?[0-9]")
_PURPOSE = re.compile(r"(?:Để|Nhằm|Với|Sau khi|Khi|Trước tình hình|Trên cơ sở|Trong thời gian tới|Từ nay)\b")
_STATISTIC = re.compile(r"\b(?:đạt|chiếm|tăng|giảm)\b[^.;]{0,40}?[0-9]+(?:[.,][0-9]+)?\s*%")
_MODAL = re.compile(r"\b(?:phải|cần|khẩn trương|phấn đấu|bảo đảm|đảm bảo)\b")


def _units_after_cue(text: str) -> list[UnitSpan]:
    for m in _CUE.finditer(text):
        units = find_units(text, m.end())
        if units:
            return units
    return []


def inline_assignees(text: str, offset: int, item: bool = False) -> list[UnitSpan]:
    """Units the sentence itself names as doers (cue or subject position).

    In a list ``item`` a cue counts only where it opens the item or follows its subject
    ("Giao X …", "UBND tỉnh đề nghị X …"); further in, "… yêu cầu các đơn vị …" names the
    people the item's doer acts on.
    """
    body_start = 0
    lead = _LEAD_CONNECTIVE.match(text)
    if lead:
        body_start = lead.end()
    for m in _CUE.finditer(text):
        if item and m.start() > body_start and not _subject_before(text, body_start, m.start()):
            continue
        units = find_units(text, m.end())
        if units:
            return [_shift(u, offset) for u in units]
    if starts_with_unit(text[body_start:]) and not _lex().imperative.match(text, body_start):
        end = unit_phrase_end(text, body_start)
        pred = text[end:].lstrip(" ,")
        if re.match(r"(?:đã|vừa|đang|được|là)\b", pred):
            return []
        return [_shift(u, offset) for u in split_units(text[body_start:end], body_start)]
    # "Để …, tỉnh Đắk Lắk cần …", "Trên cơ sở …, Sở Xây dựng chủ trì …": the main clause
    if not (_ADVERBIAL.match(text, body_start) or _lex().background.match(text[body_start:])):
        return []
    for m in re.finditer(r",\s+", text[body_start : body_start + 400]):
        start = body_start + m.end()
        if not starts_with_unit(text[start:]):
            continue
        end = unit_phrase_end(text, start)
        pred = _strip_function(text[end:].lstrip(" ,:"))
        if re.match(
            r"(?:cần|phải|chịu|có trách nhiệm|chủ trì|phối hợp|khẩn trương|tiếp tục|chủ động|tập trung|căn cứ)\b",
            pred,
        ) or _lex().imperative.match(pred[:1].upper() + pred[1:]):
            return [_shift(u, offset) for u in split_units(text[start:end], start)]
    return []


def collaborators_of(text: str, offset: int) -> list[UnitSpan]:
    out: list[UnitSpan] = []
    for m in _COOP.finditer(text):
        units = find_units(text, m.end())
        out.extend(_shift(u, offset, "COLLAB") for u in units)
    return out


def report_to_of(text: str) -> str | None:
    for regex in (_REPORT, _REPORT_SEND):
        m = regex.search(text)
        if m:
            units = find_units(text, m.end())
            if units:
                return units[0].extra.get("name", units[0].text)
    return None


def _shift(u: UnitSpan, offset: int, label: str | None = None) -> UnitSpan:
    return UnitSpan(
        u.start + offset, u.end + offset, u.text, label or u.label, u.source, u.role, dict(u.extra)
    )


_MEMBERS = re.compile(r"\((?:gồm|bao gồm)\s+(?P<inner>(?:các\s+)?[^)]{3,300}:[^)]+)\)")


def _heading_units(doc: Document, p: Paragraph) -> list[UnitSpan]:
    """A heading that names a unit ("2. Phòng Văn hóa và Thông tin", "1. Chủ tịch UBND …:")."""
    content = doc.text[p.content_start : p.end]
    flat = " ".join(content.split()).rstrip(" :.;")
    # "Trưởng phòng, phòng Nội vụ Thành phố": the title, then the unit it heads
    flat = re.sub(r"^(?:Trưởng phòng|Trưởng ban|Giám đốc|Chánh Văn phòng|Thủ trưởng),\s+(?=[a-zđ])", "", flat)
    duty = re.match(r"(?:Trách nhiệm|Nhiệm vụ)(?: của)?\s+", flat)
    flat = re.sub(r"^(?:Đối với|Về phía|Giao|Đề nghị|Yêu cầu|Trách nhiệm của|Nhiệm vụ của)\s+", "", flat)
    members = _MEMBERS.search(flat)
    if members:
        # "Các cơ quan tham mưu … (gồm các Sở: Xây dựng, Tài chính, …)": the members are the doers
        inner = members.group("inner")
        start = doc.text.find(inner, p.content_start)
        return split_units(inner, max(start, p.content_start), "ORG")
    flat = re.sub(r"\s*\((?!gồm|bao gồm)[^)]*\)", "", flat)  # asides: "(Ban quản lý rừng, …)"
    if duty and flat and len(flat.split()) <= 20:
        # "1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:": all of it names the doer
        name = re.sub(r"\s*\((?:bao gồm|gồm)[^)]*\)", "", flat)
        start = doc.text.find(name.split()[0], p.content_start)
        return split_units(name, max(start, p.content_start), "ORG")
    if not starts_with_unit(flat) or len(flat.split()) > 60:
        return []
    if re.match(r"^(?:Các|các)\s+(?:nhiệm vụ|nội dung|giải pháp|biện pháp|văn bản)", flat):
        return []
    # a heading that is itself a directive sentence keeps only its subject
    end = unit_phrase_end(flat, 0, verbs_only=True)
    if end < len(flat) and not re.match(r"\s*(?:\(|$)", flat[end:]):
        rest = flat[end:].strip()
        if rest and not rest.startswith(("(", "từ ", "thuộc ")):
            flat = flat[:end]
    start = doc.text.find(flat.split()[0], p.content_start)
    return split_units(flat, max(start, p.content_start), "ORG")


def _field(lex: _Lex, text: str) -> tuple[str, str] | None:
    m = lex.field.match(text)
    if not m:
        return None
    kind = next(k for k in ("lead", "coop", "time", "product") if m.group(k))
    return kind, text[m.end() :]


@dataclass
class _Context:
    units: list[UnitSpan]
    parent: int | None
    para: int


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
            t.assignees = expand_groups(t.assignees, recipients)
    return tasks


def _row_task(doc: Document, row: TableRow, issued: date | None) -> TaskSpan:
    text = " ".join(row.task.text.split())
    task = TaskSpan(row.task.start, row.task.end, text, [], page=row.page)
    task.assignees = split_units(row.lead.text, row.lead.start) if row.lead else []
    task.collaborators = split_units(row.coop.text, row.coop.start, "COLLAB") if row.coop else []
    own = find_deadlines(doc.text[row.task.start : row.task.end], issued)
    task.deadline = _dated(own, row.task.start)
    if row.time is not None:
        _apply_field(doc, "time", row.time.text, row.time.start, [task], issued)
    if task.recurrence is None:
        task.recurrence = _recurrence(doc.text[row.task.start : row.task.end], row.task.start)
    return task


def _recurrence(text: str, offset: int) -> RecurrenceSpan | None:
    """The recurrence of a task: ``pick_recurrence`` decides between several phrases."""
    spans = find_recurrences(text)
    value = pick_recurrence(spans)
    if value is None:
        return None
    r = next((x for x in spans if x.value == value), spans[0])
    return RecurrenceSpan(r.start + offset, r.end + offset, r.text, r.label, r.source, value=value)


def _body_tasks(
    doc: Document,
    body_start: int,
    body_end: int,
    skip: set[int],
    doc_type: str | None,
    issued: date | None,
    recipients: list[UnitSpan] | None,
) -> list[TaskSpan]:
    lex = _lex()
    paras = paragraphs(doc, body_start, body_end, skip)
    is_report = (doc_type or "").lower() == "báo cáo"
    tasks: list[TaskSpan] = []
    leads: list[_Context] = []
    field_targets: list[TaskSpan] = []  # tasks a following "Đơn vị chủ trì:" block applies to
    last_field_para = -1
    section_deadlines: dict[int | None, tuple[DeadlineSpan, int]] = {}

    for p in paras:
        path = heading_path(paras, p)
        text = p.text
        fld = _field(lex, text)
        if fld:
            kind, value = fld
            value_start = p.start + doc.text[p.start : p.end].find(value[:10]) if value else p.end
            _apply_field(doc, kind, value, value_start, field_targets, issued)
            last_field_para = p.index
            continue
        if field_targets and p.index != last_field_para + 1 and last_field_para >= 0:
            field_targets = []
            last_field_para = -1
        elif last_field_para >= 0 and p.index == last_field_para + 1:
            field_targets = []
            last_field_para = -1
        if any(_non_task_heading(lex, a.text) for a in path if a.marker or a.bold or a.heading_flag):
            continue
        if is_report and not any(lex.report_task.search(a.text) for a in [*path, p]):
            continue
        has_real_children = any(_field(lex, paras[c].text) is None for c in p.children)
        in_list = p.marker is not None
        is_heading = bool(p.children and has_real_children)
        if is_heading and (p.marker is not None or p.bold or p.heading_flag):
            # a heading; it may carry a deadline for its section, or be a lead-in with units
            sents = list(_sentences(doc, p))
            last_s, last_e = sents[-1] if sents else (p.start, p.end)
            dl = _dated(find_deadlines(doc.text[last_s:last_e], issued), last_s)
            if dl is not None and not _vague(dl):
                section_deadlines[p.index] = (dl, p.index)
            units = (
                inline_assignees(doc.text[p.content_start : p.end], p.content_start)
                if _CUE.search(text)
                else []
            )
            if units:
                leads.append(_Context(units, p.index, p.index))
            if len(sents) <= 1:
                continue
            # a long heading item ("1.1. Đề nghị … . Trước mắt cần … sau đây:"): its first
            # sentences are tasks, the last introduces the list
            pieces = sents[:-1]
            in_list = False
        else:
            pieces = [(p.start, p.end)] if in_list else list(_sentences(doc, p))
        para_subject: list[UnitSpan] = []
        for s, e in pieces:
            piece = " ".join(doc.text[s:e].split())
            if not piece:
                continue
            # what the checks read: the content after the list marker and a "Về …:" topic
            cs = max(s, p.content_start) if in_list else s
            topic = _TOPIC.match(doc.text, cs, e)
            if topic and topic.end() < e - 10:
                cs = topic.end()
            core = " ".join(doc.text[cs:e].split())
            lead_in = piece.endswith(":") and (bool(p.children) or _next_is_list(paras, p))
            own = _item_doers(doc, cs, e) if in_list else inline_assignees(doc.text[cs:e], cs)
            if lead_in:
                if own:
                    leads.append(_Context(own, p.parent, p.index))
                dl = _dated(find_deadlines(doc.text[s:e], issued), s)
                if dl is not None and not _vague(dl):
                    section_deadlines[p.parent if p.parent is not None else -1] = (dl, p.index)
                continue
            if _is_closing(lex, core) and _dated(find_deadlines(core, issued), 0) is None:
                continue
            if lex.deadline_statement.match(core) and not own and tasks:
                _attach_deadline(doc, tasks[-1], s, e, p, issued)
                continue
            if _SECTION_STATEMENT.match(core):
                # "Các nhiệm vụ tại khoản này hoàn thành trong quý III/2024."
                dl = _dated(find_deadlines(doc.text[s:e], issued), s)
                if dl is not None:
                    section_deadlines[p.parent if p.parent is not None else -1] = (dl, p.index)
                    continue
            if p.marker is not None and len(core.split()) <= 6 and not lex.imperative.match(core):
                continue  # "- Hạn chế, tồn tại": an outline heading, not an item of work
            if (
                p.index == len(paras) - 1
                and p.marker is None
                and _GENERAL_CLOSING.search(core)
                and not own_dated(core, issued)
            ):
                continue  # the body's last words: "… đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện …"
            if p.marker == "article" and _DECISION.match(core):
                continue  # "Điều 1. Thành lập Tổ công tác …": the decision itself
            if not is_directive(core, p.marker is not None):
                if own and _CUE.search(core):
                    leads.append(_Context(own, p.parent, p.index))
                continue
            headings = [_section_text(doc, a) for a in path if a.marker or a.bold or a.heading_flag]
            task = TaskSpan(s, e, piece, headings, page=p.page, para=p.index)
            task.summary = bool(_SUMMARY.search(core)) and p.index <= 2
            continued = _continued_units(tasks, paras, p) if not own and not para_subject else []
            task.assignees = (
                own
                or para_subject
                or continued
                or _context_units(doc, paras, p, path, leads)
                or list(recipients or [])
            )
            task.own_units = bool(own)
            if own and not in_list:
                para_subject = own
                if _CUE.search(piece):
                    leads.append(_Context(own, p.parent, p.index))
            task.collaborators = [
                c for c in collaborators_of(doc.text[s:e], s) if not _same_any(c, task.assignees)
            ]
            task.report_to = report_to_of(core)
            own_deadlines = find_deadlines(doc.text[s:e], issued)
            dl = _dated(own_deadlines, s) or _undated(own_deadlines, s)
            task.deadline = dl
            task.recurrence = _recurrence(doc.text[s:e], s)
            tasks.append(task)
            field_targets.append(task)
    _inherit(paras, tasks, section_deadlines)
    return tasks


_GENERIC_GROUP = re.compile(
    r"^(?:các|Các)\s+(?:cơ quan|đơn vị|địa phương|ngành)(?:\s*,\s*(?:cơ quan|đơn vị|địa phương|ngành))*(?:\s+(?:có\s+)?liên quan)?$"
)


def _bare(name: str) -> str:
    from extractor.find.units import _lexicon

    _, _, role_re, _ = _lexicon()
    name = role_re.sub("", name).strip()
    name = re.sub(r"^(?:UBND)\b", "Ủy ban nhân dân", name)
    return name.lower()


def expand_groups(units: list[UnitSpan], recipients: list[UnitSpan]) -> list[UnitSpan]:
    """ "Các đơn vị" / "Các Sở Xây dựng" / "UBND các tỉnh" → the matching Kính gửi recipients."""
    out: list[UnitSpan] = []
    for u in units:
        name = u.extra.get("name") or u.text
        if _GENERIC_GROUP.match(name):
            out.extend(r for r in recipients if r not in out)  # the recipients they stand for
            continue
        bare = re.sub(r"\s+(?:nêu trên|trên|có liên quan|liên quan)$", "", _bare(name))
        levels = r"(?:tỉnh|thành phố|huyện|xã|phường|thị xã|quận|thị trấn)"
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


_SECTION_STATEMENT = re.compile(
    r"(?:Các|Những|Toàn bộ|Tất cả)\s+(?:các\s+)?(?:nhiệm vụ|nội dung|công việc)\b[^.]{0,60}?\b(?:này|nêu trên|trên)\b"
)
_SUMMARY = re.compile(r"\bvừa\b[^.]{0,80}\b(?:yêu cầu|đề nghị|giao|chỉ đạo)\b")


def _attach_deadline(
    doc: Document, task: TaskSpan, s: int, e: int, p: Paragraph, issued: date | None
) -> None:
    """ "Thời gian hoàn thành: …" after an item: the item's deadline (and, in one paragraph, its text)."""
    spans = find_deadlines(doc.text[s:e], issued)
    dl = _dated(spans, s)
    if dl is not None and (task.deadline is None or task.deadline.date is None):
        task.deadline = dl
        task.inherited = False
    if task.para == p.index and task.end <= s:
        task.end = e
        task.text = " ".join(doc.text[task.start : e].split())


def _continued_units(tasks: list[TaskSpan], paras: list[Paragraph], p: Paragraph) -> list[UnitSpan]:
    """A subjectless paragraph right after an item that named its doer continues that item."""
    if p.marker is not None or not tasks or p.index == 0:
        return []
    prev = tasks[-1]
    if prev.para != p.index - 1 or paras[prev.para].marker is None or not prev.own_units:
        return []
    return prev.assignees


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


def _same_any(u: UnitSpan, others: list[UnitSpan]) -> bool:
    return any(u.start == o.start and u.end == o.end for o in others)


def _sentences(doc: Document, p: Paragraph) -> list[tuple[int, int]]:
    raw = doc.text[p.start : p.end]
    return [(s, e) for s, e in sentences(raw, p.start)]


def _next_is_list(paras: list[Paragraph], p: Paragraph) -> bool:
    if p.children:
        return True
    nxt = paras[p.index + 1] if p.index + 1 < len(paras) else None
    return nxt is not None and (nxt.marker is not None or nxt.parent == p.index)


def _section_text(doc: Document, p: Paragraph) -> str:
    return " ".join(doc.text[p.start : p.end].split())


def _dated(spans: list[DeadlineSpan], offset: int) -> DeadlineSpan | None:
    for d in spans:
        if d.date:
            return DeadlineSpan(
                d.start + offset, d.end + offset, d.text, d.label, d.source, date=d.date, kind=d.kind
            )
    return None


def _undated(spans: list[DeadlineSpan], offset: int) -> DeadlineSpan | None:
    for d in spans:
        return DeadlineSpan(
            d.start + offset, d.end + offset, d.text, d.label, d.source, date=d.date, kind=d.kind
        )
    return None


def _context_units(
    doc: Document, paras: list[Paragraph], p: Paragraph, path: list[Paragraph], leads: list[_Context]
) -> list[UnitSpan]:
    ancestors = [a.index for a in path]
    depth_heading = -1
    heading_units: list[UnitSpan] = []
    for depth, a in enumerate(path):
        if not (a.marker or a.bold or a.heading_flag):
            continue  # a lead-in paragraph names its speaker, not the doer
        units = _heading_units(doc, a)
        if units:
            depth_heading, heading_units = depth, units
    best: _Context | None = None
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
    return heading_units


def _apply_field(
    doc: Document, kind: str, value: str, start: int, targets: list[TaskSpan], issued: date | None
) -> None:
    if not targets:
        return
    flat = value.strip()
    if kind in ("lead", "coop"):
        units = split_units(flat.rstrip(". "), start, "ORG" if kind == "lead" else "COLLAB")
        if not units:
            return
        for t in targets:
            if kind == "lead":
                t.assignees = units
            else:
                t.collaborators = units
    elif kind == "time":
        spans = find_deadlines(flat, issued)
        dl = _dated(spans, start)
        if dl is None:
            # "Thời gian thực hiện: Tháng 12/2025" is a deadline without a cue word
            spans = find_deadlines("trong " + flat[:1].lower() + flat[1:], issued)
            d = _dated(spans, start - len("trong "))
            if d is not None:
                dl = DeadlineSpan(
                    start,
                    start + len(flat.rstrip(". ")),
                    doc.text[start : start + len(flat.rstrip(". "))],
                    "DEADLINE",
                    date=d.date,
                    kind=d.kind,
                )
        rec = _recurrence(flat, start)
        for t in targets:
            if dl is not None and (t.deadline is None or t.deadline.date is None):
                t.deadline = dl
            if rec is not None and t.recurrence is None:
                t.recurrence = rec


_GENERAL_CLOSING = re.compile(
    r"(?:[Cc]ác|Thủ trưởng các|Người đứng đầu các)\s+(?:cơ quan|đơn vị|sở|địa phương)[^.]{0,80}?"
    r"(?:nghiêm túc|khẩn trương|tập trung)[^.]{0,40}?(?:triển khai|thực hiện|nguồn lực)"
)


def own_dated(text: str, issued: date | None) -> bool:
    return _dated(find_deadlines(text, issued), 0) is not None


def _vague(dl: DeadlineSpan) -> bool:
    """ "trong năm 2025" in a lead-in is a goal period; "đến hết tháng 12 năm 2025" is a deadline."""
    return dl.kind == "within_period" and not re.match(
        r"(?:đến hết|đến cuối|trước|chậm nhất|hoàn thành|xong)", dl.text
    )


_BACK_REFERENCE = re.compile(
    r"nêu trên|(?:các|những|\b0?[0-9]+) (?:nội dung|nhiệm vụ)|báo cáo kết quả|trên đây"
)


def _inherit(
    paras: list[Paragraph],
    tasks: list[TaskSpan],
    section_deadlines: dict[int | None, tuple[DeadlineSpan, int]],
) -> None:
    """Section-level deadlines: from a heading or lead-in, or a closing statement of the section.

    A closing statement ("Thủ trưởng … báo cáo kết quả … trước ngày 10/5/2022" after the items of
    section 1) is a plain paragraph that ends its section; its dated deadline holds for the tasks
    before it in that section.
    """
    last_in_scope: dict[int | None, int] = {}
    for p in paras:
        last_in_scope[p.parent] = p.index
    for t in tasks:
        tp = paras[t.para] if 0 <= t.para < len(paras) else None
        if tp is None or tp.marker is not None or not (t.deadline and t.deadline.date):
            continue
        if _vague(t.deadline) or last_in_scope.get(tp.parent) != tp.index:
            continue
        if not _BACK_REFERENCE.search(t.text):
            continue
        if not any(paras[o.para].index < tp.index for o in tasks if o is not t and 0 <= o.para < len(paras)):
            continue
        # the body's last paragraph speaks for the whole document ("… 04 nội dung nêu trên")
        where: int = -1 if tp.parent is None or tp.index == len(paras) - 1 else tp.parent
        section_deadlines.setdefault(where, (t.deadline, tp.index))
    for t in tasks:
        if (t.deadline is not None and t.deadline.date) or not 0 <= t.para < len(paras):
            continue
        node: int | None = paras[t.para].parent
        chain: list[int | None] = []
        while node is not None:
            chain.append(node)
            node = paras[node].parent
        chain.append(-1)
        for scope in chain:
            if scope in section_deadlines:
                dl, source = section_deadlines[scope]
                if source == t.para:
                    continue
                t.deadline = dl
                t.inherited = True
                break
