"""The official two-column header (NĐ 30/2020 Phụ lục I): số ký hiệu, type, issuer and its
parent, place and date, trích yếu ("V/v …" or the lines under the tên loại) and "Kính gửi".

The left column (issuer, number, V/v) and the right one (motto, place and date, type line) come
interleaved in every shape converters produce, so one pass over the cells reads each field where
it stands and stops at "Kính gửi", where the body begins. The words are in the ``official``
section of ``extractor/data/header.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.diagnostics import Diagnostic
from extractor.find import thresholds as th
from extractor.find.citations import normalize_number
from extractor.find.doc_types import doc_types, type_from_number, type_line_names
from extractor.find.header.cells import Cell, Metadata, cells, iso_date, list_after, span
from extractor.find.header.scanned import read_date_line, read_number_line
from extractor.find.header.words import (
    DATES,
    NAMES,
    as_written,
    cases,
    has_place_level,
    issuer_case,
    names_a_body,
    place_levels,
)
from extractor.find.textutil import is_rule, is_upper
from extractor.lexicon import LexiconModel, load
from extractor.normalize import fold, fold_chars
from extractor.spans import ValueSpan
from extractor.tree import Document

__all__ = ["Motto", "OfficialWords", "read_official"]


class Motto(LexiconModel):
    """header.yaml: official.motto."""

    national: str
    national_second_line: str
    party: str
    national_halves: tuple[str, str]


class OfficialWords(LexiconModel):
    """header.yaml: official."""

    motto: Motto
    number_labels: list[str]
    recipient_labels: list[str]
    telegram_labels: list[str]
    subject_labels: list[str]
    section_words: list[str]
    legal_basis: list[str]
    body_openings: list[str]


W = load("header.yaml", OfficialWords, section="official")


def _folded_words(phrase: str) -> str:
    """A phrase as a pattern over folded text: any dashes or spaces between its words."""
    return r"[\s\-–]*".join(re.escape(w) for w in fold(phrase).replace("-", " ").split())


def _motto_pattern(m: Motto) -> str:
    first_half, second_half = m.national_halves
    return (
        f"{_folded_words(m.national)}|{_folded_words(m.national_second_line)}|{_folded_words(m.party)}|"
        rf"{_folded_words(first_half)}\b|{_folded_words(second_half)}"
    )


# Right-column anchors that converters glue onto left-column lines. Matched on folded text
# (``fold_chars`` keeps offsets): text layers lose diacritics and OCR misreads them ("HỌI").
_MOTTO_FOLDED = re.compile(_motto_pattern(W.motto))


def _motto(text: str) -> re.Match[str] | None:
    return _MOTTO_FOLDED.search(fold_chars(text))


_NUMBER = re.compile(
    rf"\b(?:{as_written(W.number_labels)})\s*:?\s*"
    r"(?P<num>(?:[0-9]+[a-zđA-Z]?(?:\.[0-9]+)?)?\s*(?:[/-]\s*(?:[0-9]{4}\s*/\s*)?"
    r"[A-ZĐ][A-Za-zĐđ0-9&.]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9&.]*)*))"
)
_DATE_LINE = re.compile(
    rf"(?P<place>[A-ZĐÀ-Ỹ][^\n,|:]{{1,{th.PLACE_MAX_CHARS}}}?)\s*,\s*(?:{cases(DATES.day)})\s*(?P<d>[0-9]{{1,2}})?\s*"
    rf"(?:{cases(DATES.month)})\s*(?P<m>[0-9]{{1,2}})?\s*(?:{cases(DATES.year)})\s*(?P<y>[0-9]{{4}})"
)
_KINH_GUI = re.compile(rf"^(?:{as_written(W.recipient_labels)})\s*:?\s*(?P<rest>.*)$")
_DIEN = re.compile(rf"(?:^|\s)(?:{as_written(W.telegram_labels)})\s*:\s*$")
_VV = re.compile(rf"^(?:{as_written(W.subject_labels)})\s*:?\s*")
_SECTION_MARKER = re.compile(
    rf"(?:[IVX]{{1,5}}|[0-9]{{1,2}})\s*[.)]\s+\S|(?:{as_written(W.section_words)})\s+\S"
)
_PARENT_PLACE = re.compile(rf"\b(?:{place_levels()})\s+[A-ZĐÀ-Ỹ].*$")
# tên loại spellings, longest first ("THÔNG BÁO KẾT LUẬN" before "THÔNG BÁO")
_TYPE_LINES = sorted(type_line_names().items(), key=lambda kv: len(kv[0]), reverse=True)


def _strip_symbol_tail(place: str) -> str:
    """ "UBND-NCTH Vị Thanh", "VPCP - KGVX Hà Nội": the end of a số ký hiệu glued before the place."""
    words = place.split()

    def symbol(word: str) -> bool:
        letters = [c for c in word if c.isalpha()]
        return word == "-" or (
            (
                not any(c.islower() for c in letters)
                and (len(letters) >= 2 or any(c.isdigit() or c == "/" for c in word))
            )
            and not word.endswith(".")
        )

    if not any(c.islower() for c in place):
        return place  # a place printed in capitals ("BÀ RỊA - VŨNG TÀU") is all name
    while len(words) > 1 and symbol(words[0]):
        words.pop(0)
    return " ".join(words)


def _type_line(text: str) -> str | None:
    """The canonical type when ``text`` is a tên loại line ("KẾ HOẠCH", "THÔNG BÁO KẾT LUẬN")."""
    if not is_upper(text) or len(text) > th.TYPE_LINE_MAX_CHARS:
        return None
    upper = text.upper().strip(" .:")
    for name, canonical in _TYPE_LINES:
        if upper == name.upper() or (
            upper.startswith(name.upper() + " ") and len(upper) <= len(name) + th.TYPE_LINE_EXTRA_CHARS
        ):
            return canonical
    return None


@dataclass
class _Scan:
    """What the pass over the header cells has seen so far."""

    issuer_cells: list[Cell] = field(default_factory=list)
    seen_number: bool = False
    seen_motto: bool = False
    seen_prose: bool = False
    read_lines: set[int] = field(default_factory=set)  # lines read whole as a scanned field


def read_official(doc: Document, meta: Metadata) -> None:
    """Read the header in the first :data:`~thresholds.HEADER_LINES` lines with text into ``meta``.

    Without a tên loại line or "V/v", the type is the one the số ký hiệu implies.
    """
    first_content = next((ln.index for ln in doc.lines if ln.text.strip()), 0)
    header = cells(doc, first_content, min(len(doc.lines), first_content + th.HEADER_LINES))
    _read_header(doc, header, meta)
    if meta.doc_type is None and meta.number is not None:
        kind = type_from_number(meta.number.value)
        if kind:
            meta.doc_type = ValueSpan(
                meta.number.start, meta.number.end, meta.number.text, "DOC_TYPE", value=kind
            )


def _read_header(doc: Document, cells: list[Cell], meta: Metadata) -> None:
    scan = _Scan()
    last_end: int | None = None
    for i, cell in enumerate(cells):
        text = cell.text
        if not text or is_rule(text) or cell.line in scan.read_lines:
            continue
        if _read_scanned(doc, cell, meta, scan):
            continue
        if (
            not is_upper(text)
            and not _NUMBER.match(text)
            and not _DATE_LINE.search(text)
            and not _motto(text)
        ):
            scan.seen_prose = True
        motto = _motto(text)
        if motto and motto.start() > 0 and not scan.seen_number:
            _issuer_left_of(motto, cell, scan)
        if motto:
            scan.seen_motto = True
        _read_number(doc, cell, motto, meta, scan)
        _read_date_line(doc, cell, meta)
        if (
            not (scan.seen_number or scan.seen_prose)
            and (
                not scan.seen_motto
                or (cell.col == 0 and "|" in doc.lines[cell.line].text)
                or (bool(scan.issuer_cells) and names_a_body(text))  # OCR set the columns apart
            )
            and is_upper(text)
            and not motto
            and meta.issued_date is None
        ):
            if _type_line(text) is None:
                scan.issuer_cells.append(cell)
        _read_type_line(doc, cells, i, meta, scan)
        _read_vv(doc, cells, i, meta)
        last_end = _read_recipients(doc, cells, i, meta)
        if last_end is not None:
            break
    if scan.issuer_cells:
        _set_issuer(doc, scan.issuer_cells, meta)
    if last_end is None:
        last = max(
            (s.end for s in (meta.number, meta.issued_date, meta.subject, meta.doc_type) if s), default=0
        )
        meta.body_start = last
    else:
        meta.body_start = last_end


def _read_scanned(doc: Document, cell: Cell, meta: Metadata, scan: _Scan) -> bool:
    """A number or date line whose handwritten digits OCR could not read (see :mod:`.scanned`)."""
    line = doc.lines[cell.line]
    if meta.number is None and not scan.seen_number and not _NUMBER.search(line.text):
        # OCR reads the slash as "|", which splits the line into cells: then the whole line
        whole = cell.start == line.start and "|" in line.text
        if read_number_line(doc, cell.start, line.end if whole else cell.end, meta):
            scan.seen_number = True
            if whole:
                scan.read_lines.add(cell.line)
            return True
    dated = meta.issued_date is None and not _DATE_LINE.search(doc.text, cell.start, line.end)
    return dated and read_date_line(doc, cell.start, cell.end, meta)


def _issuer_left_of(motto: re.Match[str], cell: Cell, scan: _Scan) -> None:
    """ "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …": the issuer column's text glued before the motto."""
    left = cell.text[: motto.start()]
    number_inside = _NUMBER.search(left)
    left = (left[: number_inside.start()] if number_inside else left).strip()
    if left and is_upper(left):
        scan.issuer_cells.append(Cell(cell.line, cell.start, cell.start + len(left), left))


def _read_number(doc: Document, cell: Cell, motto: re.Match[str] | None, meta: Metadata, scan: _Scan) -> None:
    """ "Số: 454/UBND-NCTH" at the start of a cell, or glued after the issuer or motto."""
    text = cell.text
    m = _NUMBER.search(text)
    glued = m is not None and m.start() > 0 and (motto is not None or is_upper(text[: m.start()]))
    if m and meta.number is None and (m.start() == 0 or text[: m.start()].strip().endswith("|") or glued):
        raw = m.group("num").strip()
        scan.seen_number = True
        if re.match(r"[0-9]", raw):
            s = cell.start + m.start("num")
            meta.number = span(doc, s, s + len(raw), "NUMBER", normalize_number(raw))
        else:
            meta.warnings.append(Diagnostic("number-blank", "header", "the số ký hiệu is left blank"))
            meta.number = None


def _read_date_line(doc: Document, cell: Cell, meta: Metadata) -> None:
    """ "Vị Thanh, ngày 6 tháng 4 năm 2011": place and issue date (the line may wrap)."""
    d = _DATE_LINE.search(doc.text, cell.start, min(len(doc.text), cell.end + th.DATE_LINE_SPILL_CHARS))
    if (
        d
        and meta.issued_date is None
        and d.start() < cell.end
        and not _NUMBER.match(d.group("place"))
        and not re.search(r"[0-9/]", d.group("place"))  # "…/QH13, ngày 19 tháng 6": a citation
    ):
        place = d.group("place").strip()
        place = _strip_symbol_tail(place)
        ps = d.start("place") + d.group("place").index(place)
        meta.place = span(doc, ps, ps + len(place), "PLACE")
        iso = iso_date(d.group("d"), d.group("m"), d.group("y"))
        meta.issued_date = span(doc, d.start() if not place else ps, d.end(), "DATE", iso or "")
        if iso is None:
            meta.warnings.append(
                Diagnostic("date-blank", "header", "the issue date is left blank or invalid")
            )


def _read_type_line(doc: Document, cells: list[Cell], i: int, meta: Metadata, scan: _Scan) -> None:
    """ "KẾ HOẠCH" (after the number or motto) gives the type; the lines under it the trích yếu."""
    cell = cells[i]
    kind = _type_line(cell.text)
    if kind and meta.doc_type is None and (scan.seen_number or scan.seen_motto):
        meta.doc_type = span(doc, cell.start, cell.end, "DOC_TYPE", kind)
        subject = _subject_after(doc, cells, i + 1)
        if subject:
            meta.subject = subject


def _read_vv(doc: Document, cells: list[Cell], i: int, meta: Metadata) -> None:
    """ "V/v …": a Công văn's trích yếu; the type is the untitled one unless a type line said."""
    cell = cells[i]
    vv = _VV.match(cell.text)
    if vv and meta.subject is None:
        meta.subject = _vv_subject(doc, cells, i, vv.end())
        if meta.doc_type is None:
            meta.doc_type = ValueSpan(
                cell.start,
                cell.start + 3,  # the span is the label's first three characters ("V/v")
                doc.text[cell.start : cell.start + 3],
                "DOC_TYPE",
                value=doc_types().untitled,
            )


def _read_recipients(doc: Document, cells: list[Cell], i: int, meta: Metadata) -> int | None:
    """ "Kính gửi: …" (or a Công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:"): the recipients; the end
    offset of the last one (the body starts there), None when ``cells[i]`` is no such label."""
    cell = cells[i]
    text = cell.text
    kg = _KINH_GUI.match(text) or (_DIEN.search(text) and is_upper(text.split(" ")[0]) and _DIEN)
    if kg and not meta.recipients:
        rest = kg.group("rest") if isinstance(kg, re.Match) else ""
        meta.recipients = list_after(doc, cells, i, cell, rest, "RECIPIENT")
        return max([cell.end] + [r.end for r in meta.recipients])
    return None


def _set_issuer(doc: Document, cells: list[Cell], meta: Metadata) -> None:
    """Group the issuer column's lines into bodies: the last is the issuer, the one before it
    the parent ("UBND TỈNH ĐỒNG THÁP / SỞ TÀI CHÍNH")."""
    places = NAMES.place_words
    heads = NAMES.unit_heads
    groups: list[list[Cell]] = []
    for cell in cells:
        low = cell.text.lower()
        continues = any(low.startswith(p + " ") for p in places) or not groups
        if groups and not continues and not any(low.startswith(h + " ") or low == h for h in heads):
            continues = True  # a wrapped name ("BAN CHỈ ĐẠO ... / TRUNG ƯƠNG")
        if continues and groups:
            groups[-1].append(cell)
        else:
            groups.append([cell])

    def value(group: list[Cell]) -> str:
        return issuer_case(" ".join(c.text for c in group))

    last = groups[-1]
    issuer = value(last)
    if len(groups) > 1:
        parent = groups[-2]
        meta.parent_issuer = ValueSpan(
            parent[0].start,
            parent[-1].end,
            doc.text[parent[0].start : parent[-1].end],
            "PARENT_ISSUER",
            value=value(parent),
        )
        place = _PARENT_PLACE.search(meta.parent_issuer.value)
        if issuer.lower() in NAMES.named_with_parent:
            issuer = f"{issuer} {meta.parent_issuer.value}"  # "VĂN PHÒNG" under "UBND TỈNH X"
        elif place and not has_place_level(issuer):
            issuer = f"{issuer} {place.group(0)}"
    meta.issuer = ValueSpan(
        last[0].start, last[-1].end, doc.text[last[0].start : last[-1].end], "ISSUER", value=issuer
    )


def _vv_subject(doc: Document, cells: list[Cell], i: int, skip: int) -> ValueSpan:
    first = cells[i]
    end = first.end
    for cell in cells[i + 1 : i + 1 + th.VV_SUBJECT_CELLS]:
        t = cell.text
        if not t or is_rule(t) or _motto(t) or _DATE_LINE.search(t) or _KINH_GUI.match(t) or _NUMBER.match(t):
            break
        if cell.line != first.line and cell.line > cells[i].line + th.VV_SUBJECT_LINES:
            break
        end = cell.end
    start = first.start + skip
    value = " ".join(doc.text[start:end].split())
    return ValueSpan(start, end, doc.text[start:end], "SUBJECT", value=value)


def _subject_after(doc: Document, cells: list[Cell], i: int) -> ValueSpan | None:
    """Trích yếu lines after a type line: capitals or short, up to the body."""
    legal_basis, body_openings = tuple(W.legal_basis), tuple(W.body_openings)
    picked: list[Cell] = []
    for cell in cells[i : i + th.SUBJECT_CELLS]:
        t = cell.text
        if not t:
            if picked:
                break
            continue
        if is_rule(t):
            break
        if _KINH_GUI.match(t) or _DIEN.search(t) or t.startswith(legal_basis) or t.endswith(";"):
            break
        if picked and t.startswith(body_openings):
            break  # the body's opening; the first line after the type line is the trích yếu itself
        if _SECTION_MARKER.match(t) and (picked or is_upper(t)):
            break  # "I. MỤC ĐÍCH, YÊU CẦU" starts the body
        long = len(t) > th.SUBJECT_LONG_CHARS
        if picked and not is_upper(t) and long and not picked[-1].text.endswith((",", "và")):
            break
        if picked and not is_upper(t) and is_upper(picked[0].text):
            break
        picked.append(cell)
        if not is_upper(t) and long:
            break
    if not picked:
        return None
    start, end = picked[0].start, picked[-1].end
    value = _VV.sub("", " ".join(doc.text[start:end].split()))
    return ValueSpan(start, end, doc.text[start:end], "SUBJECT", value=value)
