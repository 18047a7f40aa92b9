"""Field lines of plan tables written as text: "Đơn vị chủ trì: Sở Tư pháp.", "Đơn vị phối
hợp: …", "Thời gian thực hiện: Quý II/2024".

They follow the tasks they describe and apply to all of them since the last field block: the
lead unit becomes their doer, the cooperating units their collaborators, the time their
deadline (see ``tasks_dates.apply_time``).
"""

from __future__ import annotations

import functools
import re
from datetime import date

from extractor.find.structure import Paragraph
from extractor.find.tasks_context import DocContext, TaskSpan
from extractor.find.tasks_dates import apply_time
from extractor.find.units import split_units
from extractor.lexicon import LexiconModel, load
from extractor.tree import Document

__all__ = ["apply_field", "field_of", "take_field"]

_KINDS = ("lead", "coop", "time", "product")  # the named groups of ``field_lead``


class FieldWords(LexiconModel):
    """``tasks.yaml: fields``."""

    field_lead: str


@functools.lru_cache(maxsize=1)
def _field_re() -> re.Pattern[str]:
    words = load("tasks.yaml", FieldWords, section="fields")
    return re.compile(words.field_lead)


def field_of(text: str) -> tuple[str, str] | None:
    """(kind, value) of a field line, kind one of lead / coop / time / product."""
    m = _field_re().match(text)
    if not m:
        return None
    kind = next(k for k in _KINDS if m.group(k))
    return kind, text[m.end() :]


def take_field(ctx: DocContext, p: Paragraph) -> bool:
    """Apply ``p`` to the tasks before it if it is a field line; True when it was one."""
    fld = field_of(p.text)
    if not fld:
        return False
    kind, value = fld
    doc = ctx.doc
    value_start = p.start + doc.text[p.start : p.end].find(value[:10]) if value else p.end
    apply_field(doc, kind, value, value_start, ctx.field_targets, ctx.issued)
    ctx.last_field_para = p.index
    return True


def apply_field(
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
        apply_time(doc, flat, start, targets, issued)
