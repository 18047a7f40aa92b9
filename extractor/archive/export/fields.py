"""What every export (and the report) shows of a task record, read defensively.

The contract's optional fields may be null or missing in a record from an old archive; each
helper here returns something usable (an empty string, an empty list) instead of raising.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

__all__ = [
    "EPOCH",
    "TASK_UUID_NAMESPACE",
    "description",
    "details",
    "document_label",
    "document_of",
    "excerpt",
    "one_line",
    "rrule_parts",
    "slug",
    "task_id",
    "text_or_none",
    "unit_names",
]

#: Namespace of the Taskwarrior UUIDs: ``uuid5(TASK_UUID_NAMESPACE, task id)``, stable forever so
#: that re-importing an export updates the same Taskwarrior tasks instead of duplicating them.
TASK_UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:extractor:task")
#: The stamp of a record without an issued date: a fixed day keeps exports deterministic.
EPOCH = date(1970, 1, 1)
_SUMMARY_CHARS = 80
_BULLET = re.compile(r"^\s*(?:[-+•*–]|[a-zđ0-9]{1,3}[.)]|\([a-zđ0-9]{1,3}\))\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def text_or_none(value: object) -> str | None:
    """A non-empty string, or None: the contract's optional text fields may be null or missing."""
    return value if isinstance(value, str) and value.strip() else None


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) as one space: names go on one line everywhere."""
    return _SPACES.sub(" ", text).strip()


def document_of(task: Mapping[str, Any]) -> Mapping[str, Any]:
    doc = task.get("document")
    return doc if isinstance(doc, Mapping) else {}


def slug(text: str | None) -> str:
    """ASCII, lower-case, hyphen-joined: ``Ủy ban nhân dân tỉnh Vĩnh Long`` → ``uy-ban-nhan-dan-tinh-vinh-long``.

    Labels, tags and projects in Jira and Taskwarrior cannot hold spaces, and some tools choke on
    non-ASCII; Vietnamese letters lose their marks (đ → d) rather than being dropped.
    """
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def excerpt(text: str | None, limit: int = _SUMMARY_CHARS) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary with ``…``.

    The list marker (``-``, ``a)``, ``2.``) is dropped: it carries no meaning out of the document.
    """
    line = _SPACES.sub(" ", text or "").strip()
    line = _BULLET.sub("", line, count=1) or line
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def unit_names(task: Mapping[str, Any]) -> list[str]:
    """The assignees' canonical names, falling back to the names as written; unique, in order.

    Canonical names (schema 3) group "Phòng Nội vụ" and "Phòng Nội vụ huyện" under one key;
    older records without ``assignee_units`` still have ``assignees``.
    """
    names: list[str] = []
    units = task.get("assignee_units")
    if isinstance(units, list):
        for unit in units:
            if isinstance(unit, Mapping):
                name = text_or_none(unit.get("canonical")) or text_or_none(unit.get("name"))
                if name:
                    names.append(one_line(name))
    if not names:
        raw = task.get("assignees")
        if isinstance(raw, list):
            names = [one_line(n) for n in raw if text_or_none(n)]
    return list(dict.fromkeys(names))


def document_label(task: Mapping[str, Any]) -> str:
    """``118/KH-UBND (Kế hoạch), Ủy ban nhân dân tỉnh Vĩnh Long, 2024-05-20`` — whatever is known."""
    doc = document_of(task)
    number = text_or_none(doc.get("number"))
    doc_type = text_or_none(doc.get("doc_type"))
    head = " ".join(p for p in (number, f"({doc_type})" if doc_type and number else doc_type) if p)
    parts = [p for p in (head, text_or_none(doc.get("issuer")), text_or_none(doc.get("issued_date"))) if p]
    return ", ".join(parts)


def details(task: Mapping[str, Any]) -> list[str]:
    """Who, with whom, by when, how often, reporting to whom and from which document (Vietnamese
    labels, one a line): what a tracker shows beside the task text."""
    extra: list[str] = []
    names = unit_names(task)
    if names:
        extra.append("Chủ trì: " + "; ".join(names))
    collaborators = task.get("collaborators")
    if isinstance(collaborators, list) and any(text_or_none(c) for c in collaborators):
        extra.append("Phối hợp: " + "; ".join(c for c in collaborators if text_or_none(c)))
    deadline = task.get("deadline")
    if isinstance(deadline, Mapping) and (
        text_or_none(deadline.get("text")) or text_or_none(deadline.get("date"))
    ):
        when = " / ".join(
            p for p in (text_or_none(deadline.get("text")), text_or_none(deadline.get("date"))) if p
        )
        extra.append("Thời hạn: " + when)
    if text_or_none(task.get("recurrence_rule")) or text_or_none(task.get("recurrence")):
        extra.append("Định kỳ: " + (text_or_none(task.get("recurrence_rule")) or str(task.get("recurrence"))))
    if text_or_none(task.get("report_to")):
        extra.append("Báo cáo: " + str(task.get("report_to")))
    label = document_label(task)
    if label:
        extra.append("Văn bản: " + label)
    if text_or_none(task.get("source")):
        extra.append("Nguồn: " + str(task.get("source")))
    return extra


def description(task: Mapping[str, Any]) -> str:
    """The full task text, a blank line, then :func:`_details`."""
    text = str(task.get("text") or "").strip()
    return "\n\n".join(p for p in (text, "\n".join(details(task))) if p)


def rrule_parts(rule: str | None) -> dict[str, str]:
    """``FREQ=MONTHLY;INTERVAL=3`` → ``{"FREQ": "MONTHLY", "INTERVAL": "3"}`` (upper-cased keys)."""
    parts: dict[str, str] = {}
    for item in (rule or "").strip().removeprefix("RRULE:").split(";"):
        key, sep, value = item.partition("=")
        if sep and key.strip() and value.strip():
            parts[key.strip().upper()] = value.strip().upper()
    return parts


def task_id(task: Mapping[str, Any]) -> str:
    """The record's id; a record without one gets a stable id from its text (never random)."""
    tid = text_or_none(task.get("id"))
    if tid:
        return tid
    return uuid.uuid5(TASK_UUID_NAMESPACE, json.dumps(task, sort_keys=True, default=str)).hex[:16]
