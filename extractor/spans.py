"""Typed spans: what every extractor returns.

One span model for all extractors (see conventions): start/end are offsets into the
normalized text the extractor was given, so ``text[s.start:s.end] == s.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    label: str
    source: str = "rule"


@dataclass(frozen=True)
class DeadlineSpan(Span):
    """A deadline phrase; ``date`` is ISO or None when no date can be derived."""

    date: str | None = None
    kind: str = "by"


@dataclass(frozen=True)
class RecurrenceSpan(Span):
    """A recurrence phrase ("định kỳ hằng tháng"); value is daily/weekly/monthly/…"""

    value: str = "monthly"


@dataclass(frozen=True)
class CitationSpan(Span):
    """A cited document. ``number`` is the normalized số ký hiệu (None for named laws)."""

    number: str | None = None
    doc_type: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class UnitSpan(Span):
    """A unit or person named as an assignee/collaborator; ``role`` like Giám đốc."""

    role: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ValueSpan(Span):
    """A span whose meaning differs from its surface: ``value`` is the normalized reading
    (an ISO date for "ngày 25 tháng 02 năm 2022", "Ủy ban nhân dân huyện X" for the capitals)."""

    value: str = ""
