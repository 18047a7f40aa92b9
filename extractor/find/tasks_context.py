"""What the task finder knows about one document while it walks the body, in one object.

The walk is top to bottom; what an earlier paragraph said matters to later ones: a lead-in's
units are the doers of the items below it, a heading's deadline holds for its section, and
field lines ("Đơn vị chủ trì: …") apply to the tasks just before them. :class:`DocContext`
holds these accumulators so that each stage reads and updates them in one visible place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final

from extractor.find.structure import Paragraph
from extractor.spans import DeadlineSpan, RecurrenceSpan, UnitSpan
from extractor.tree import Document

__all__ = ["WHOLE_BODY", "DocContext", "Lead", "TaskSpan", "scope_of"]

# The scope key of a deadline that holds for every task of the body (not one section).
WHOLE_BODY: Final = -1


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


@dataclass
class Lead:
    """Units a lead-in or heading named: the doers of later items under paragraph ``parent``
    (None: the whole body), from paragraph ``para`` on."""

    units: list[UnitSpan]
    parent: int | None
    para: int


@dataclass
class DocContext:
    """The per-document state of the body walk (one per body range)."""

    doc: Document
    paras: list[Paragraph]
    issued: date | None
    recipients: list[UnitSpan] | None
    is_report: bool  # a Báo cáo: only its task sections assign work
    tasks: list[TaskSpan] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)
    # tasks a following "Đơn vị chủ trì: …" block applies to, and that block's last paragraph
    field_targets: list[TaskSpan] = field(default_factory=list)
    last_field_para: int = -1
    # scope (a paragraph index, or WHOLE_BODY) → (deadline, paragraph that stated it)
    section_deadlines: dict[int | None, tuple[DeadlineSpan, int]] = field(default_factory=dict)

    def add_lead(self, units: list[UnitSpan], parent: int | None, para: int) -> None:
        self.leads.append(Lead(units, parent, para))

    def add_task(self, task: TaskSpan) -> None:
        self.tasks.append(task)
        self.field_targets.append(task)

    def set_section_deadline(self, scope: int, deadline: DeadlineSpan, para: int) -> None:
        self.section_deadlines[scope] = (deadline, para)

    def end_field_block(self, index: int) -> None:
        """A paragraph that is no field line: the field block before it is over."""
        if self.field_targets and index != self.last_field_para + 1 and self.last_field_para >= 0:
            self.field_targets = []
            self.last_field_para = -1
        elif self.last_field_para >= 0 and index == self.last_field_para + 1:
            self.field_targets = []
            self.last_field_para = -1

    def is_last(self, p: Paragraph) -> bool:
        return p.index == len(self.paras) - 1


def scope_of(p: Paragraph) -> int:
    """The scope a lead-in or statement of ``p`` speaks for: its parent section, or the body."""
    return p.parent if p.parent is not None else WHOLE_BODY
