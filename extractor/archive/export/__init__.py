"""Exports of task records to the formats trackers import: JSONL, iCalendar, Jira CSV, Taskwarrior.

Every function takes an iterable of task dicts in the output contract (``Task.model_dump(mode=
"json")``, README "Output contract") plus the ids of the tasks people marked done, and returns
the whole file. They are pure and deterministic (same input → same bytes: no clock, no random
ids), and they never raise on a record with missing optional fields — a half-filled record from
an old archive still exports, with the missing parts left out.

One module per format (:mod:`.jsonl`, :mod:`.ics`, :mod:`.jira`, :mod:`.taskwarrior`); what they
all show of a task (summary, description lines, unit names, labels) is in :mod:`.fields`.
"""

from __future__ import annotations

from extractor.archive.export.fields import TASK_UUID_NAMESPACE, document_label, excerpt, slug, unit_names
from extractor.archive.export.ics import to_icalendar
from extractor.archive.export.jira import JIRA_COLUMNS, to_jira_csv
from extractor.archive.export.jsonl import to_jsonl
from extractor.archive.export.taskwarrior import taskwarrior_recur, to_taskwarrior

__all__ = [
    "JIRA_COLUMNS",
    "TASK_UUID_NAMESPACE",
    "document_label",
    "excerpt",
    "slug",
    "taskwarrior_recur",
    "to_icalendar",
    "to_jira_csv",
    "to_jsonl",
    "to_taskwarrior",
    "unit_names",
]
