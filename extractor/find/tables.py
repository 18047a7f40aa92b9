"""Task tables: plans and công văn often list tasks as table rows with columns for the task,
the lead unit, the supporting units and the deadline ("STT | Nội dung nhiệm vụ | Cơ quan chủ
trì | Cơ quan phối hợp | Thời hạn hoàn thành"). Rows come as tab-separated lines (text
exports) or as table cells (DOCX); either way each row becomes one task.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor.find.thresholds import (
    TABLE_HEADER_MAX_WORDS,
    TABLE_HEADER_MIN_CELLS,
    TABLE_ROW_WIDTH_SLACK,
    TABLE_TASK_MIN_WORDS,
)
from extractor.lexicon import LexiconModel, alternation, load
from extractor.tree import Document


class TableLexicon(LexiconModel):
    """Schema of tables.yaml: the header words of each column kind."""

    task: list[str]
    lead_first: list[str]
    lead: list[str]
    coop: list[str]
    time: list[str]


@functools.lru_cache(maxsize=1)
def _columns() -> dict[str, re.Pattern[str]]:
    """Column-header patterns (compiled on first use: the words are data)."""
    lex = load("tables.yaml", TableLexicon)
    words = {
        "task": lex.task,
        "lead_first": lex.lead_first,
        "lead": lex.lead,
        "coop": lex.coop,
        "time": lex.time,
    }
    return {
        name: re.compile(alternation(phrases, longest_first=False, flexible_space=False), re.I)
        for name, phrases in words.items()
    }


@dataclass(frozen=True)
class CellSpan:
    start: int
    end: int
    text: str


@dataclass
class TableRow:
    lines: list[int]
    task: CellSpan
    lead: CellSpan | None
    coop: CellSpan | None
    time: CellSpan | None
    page: int | None


def _rows(doc: Document, start: int, end: int) -> list[tuple[list[int], list[CellSpan]]]:
    """Every table row in range: tab-separated lines, or DOCX cells grouped by (table, row)."""
    rows: list[tuple[list[int], list[CellSpan]]] = []
    grouped: dict[tuple[int, int], tuple[list[int], dict[int, list[CellSpan]]]] = {}
    order: list[tuple[int, int]] = []
    for line in doc.lines:
        if line.end <= start or line.start >= end:
            continue
        if "\t" in line.text:
            cells: list[CellSpan] = []
            pos = line.start
            for part in line.text.split("\t"):
                value = part.strip()
                s = pos + (len(part) - len(part.lstrip()))
                cells.append(CellSpan(s, s + len(value), value))
                pos += len(part) + 1
            rows.append(([line.index], cells))
        elif line.cell is not None:
            key = (line.cell[0], line.cell[1])
            if key not in grouped:
                grouped[key] = ([], {})
                order.append(key)
            idx, by_col = grouped[key]
            idx.append(line.index)
            if line.text:
                by_col.setdefault(line.cell[2], []).append(CellSpan(line.start, line.end, line.text))
    for key in order:
        idx, by_col = grouped[key]
        width = max(by_col) + 1 if by_col else 0
        cells = []
        for c in range(width):
            parts = by_col.get(c, [])
            if parts:
                cells.append(CellSpan(parts[0].start, parts[-1].end, " ".join(p.text for p in parts)))
            else:
                cells.append(CellSpan(0, 0, ""))
        rows.append((idx, cells))
    rows.sort(key=lambda r: r[0][0])
    return rows


def find_task_tables(doc: Document, start: int, end: int) -> list[TableRow]:
    """Rows of tables whose header names a task column and a lead-unit column."""
    out: list[TableRow] = []
    header: dict[str, int] | None = None
    width = 0
    for lines, cells in _rows(doc, start, end):
        texts = [c.text for c in cells]
        cols = _header(texts)
        if cols is not None:
            header, width = cols, len(cells)
            continue
        if header is None:
            continue
        if (
            abs(len(cells) - width) > TABLE_ROW_WIDTH_SLACK
            or header["task"] >= len(cells)
            or not cells[header["task"]].text
        ):
            continue
        task = cells[header["task"]]
        if len(task.text.split()) < TABLE_TASK_MIN_WORDS:
            continue
        out.append(
            TableRow(
                lines,
                task,
                _pick(header, cells, "lead"),
                _pick(header, cells, "coop"),
                _pick(header, cells, "time"),
                doc.lines[lines[0]].page,
            )
        )
    return out


def _pick(header: dict[str, int], cells: list[CellSpan], name: str) -> CellSpan | None:
    i = header.get(name)
    return cells[i] if i is not None and i < len(cells) and cells[i].text else None


def _header(texts: list[str]) -> dict[str, int] | None:
    if len(texts) < TABLE_HEADER_MIN_CELLS or sum(len(t.split()) for t in texts) > TABLE_HEADER_MAX_WORDS:
        return None

    def first(regex: re.Pattern[str], exclude: set[int]) -> int | None:
        return next((i for i, t in enumerate(texts) if i not in exclude and regex.search(t)), None)

    columns = _columns()
    cols: dict[str, int] = {}
    coop = first(columns["coop"], set())
    if coop is not None:
        cols["coop"] = coop
    task = first(columns["task"], set(cols.values()))
    if task is None:
        return None
    cols["task"] = task
    lead = first(columns["lead_first"], set(cols.values()))
    if lead is None:
        lead = first(columns["lead"], set(cols.values()))
    if lead is not None:
        cols["lead"] = lead
    time = first(columns["time"], set(cols.values()))
    if time is not None:
        cols["time"] = time
    if "lead" in cols or "time" in cols:
        return cols
    return None
