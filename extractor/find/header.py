"""Metadata of a directive: số ký hiệu, type, issuer, date, trích yếu, recipients, signer.

Follows the NĐ 30/2020 layout (../shared/domain) and the shapes converters really produce:
both header columns on one line, ``|`` table cells, one field per line, no header at all
(portal articles, where the reported document's number and date are read from the prose).
Every field is a :class:`ValueSpan` into the normalized text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from extractor.find.textutil import is_rule, is_upper, smart_case
from extractor.lexicon import raw_yaml as load_yaml
from extractor.spans import ValueSpan
from extractor.tree import Document

HEADER_LINES = 45


@dataclass
class Metadata:
    number: ValueSpan | None = None
    doc_type: ValueSpan | None = None
    issuer: ValueSpan | None = None
    parent_issuer: ValueSpan | None = None
    place: ValueSpan | None = None
    issued_date: ValueSpan | None = None
    subject: ValueSpan | None = None
    recipients: list[ValueSpan] = field(default_factory=list)
    signer_name: ValueSpan | None = None
    signer_title: ValueSpan | None = None
    signer_authority: ValueSpan | None = None
    cc: list[ValueSpan] = field(default_factory=list)
    body_start: int = 0  # offset where the body (after the header) begins
    body_end: int = 0  # offset of the closing blocks (Nơi nhận / signature), or len(text)
    tail_start: int | None = None  # an appendix after the closing blocks (Phụ lục), if any
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Cell:
    """A piece of a line: the whole line, or one "|" cell of it, with offsets."""

    line: int
    start: int
    end: int
    text: str
    col: int = 0  # the "|" column it came from (0 = left; whole lines are 0)


def _lex() -> dict:
    return load_yaml("header.yaml")


def _cells(doc: Document, first: int, last: int) -> list[Cell]:
    out: list[Cell] = []
    for line in doc.lines[first:last]:
        if "|" not in line.text:
            out.append(Cell(line.index, line.start, line.end, line.text))
            continue
        pos = 0
        shift = 1 if line.text.lstrip().startswith("|") else 0  # "| A | B |" rows: A is column 0
        for col, part in enumerate(line.text.split("|")):
            lead = len(part) - len(part.lstrip())
            text = part.strip()
            if text:
                s = line.start + pos + lead
                out.append(Cell(line.index, s, s + len(text), text, max(0, col - shift)))
            pos += len(part) + 1
    return out


def _span(doc: Document, start: int, end: int, label: str, value: str | None = None) -> ValueSpan:
    text = doc.text[start:end]
    return ValueSpan(start, end, text, label, value=text if value is None else value)


# Right-column anchors that converters glue onto left-column lines.
_MOTTO = re.compile(
    r"C[ỘO]NG H[ÒO]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM|Độc lập\s*-?\s*Tự do\s*-?\s*Hạnh phúc|"
    r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI\b|CHỦ NGHĨA VIỆT NAM",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\b(?:Số|SỐ|So)\s*:?\s*(?P<num>(?:[0-9]+[a-zđA-Z]?(?:\.[0-9]+)?)?\s*(?:[/-]\s*(?:[0-9]{4}\s*/\s*)?"
    r"[A-ZĐ][A-Za-zĐđ0-9&.]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9&.]*)*))"
)
_DATE_LINE = re.compile(
    r"(?P<place>[A-ZĐÀ-Ỹ][^\n,|:]{1,40}?)\s*,\s*(?:ngày|Ngày|NGÀY)\s*(?P<d>[0-9]{1,2})?\s*"
    r"(?:tháng|Tháng|THÁNG)\s*(?P<m>[0-9]{1,2})?\s*(?:năm|Năm|NĂM)\s*(?P<y>[0-9]{4})"
)
_KINH_GUI = re.compile(r"^(?:Kính gửi|KÍNH GỬI|Kính gởi)\s*:?\s*(?P<rest>.*)$")
_DIEN = re.compile(r"(?:^|\s)(?:điện|ĐIỆN)\s*:\s*$")
_NOI_NHAN = re.compile(r"^(?:Nơi nhận|NƠI NHẬN|Noi nhận|Nơi nhân)\s*:?\s*(?P<rest>.*)$")
_VV = re.compile(r"^(?:V/v|V/V|v/v|Về việc|VỀ VIỆC)\s*:?\s*")
_AUTHORITY = re.compile(r"^(?P<a>TM\.|KT\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L|TUQ|TM|KT|TL)\s*(?=[A-ZĐÀ-Ỹ])")
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
_NAME = re.compile(
    rf"^(?:(?:Ông|Bà|Đồng chí|TS\.|ThS\.|PGS\.TS\.|GS\.TS\.|BS\.)\s*)?{_NAME_WORD}(?: {_NAME_WORD}){{1,4}}$"
)
_GLUED_NAME = re.compile(rf"(?<=[A-ZĐÀ-Ỹ])(?={_NAME_WORD}(?: {_NAME_WORD}){{1,4}}$)")
_LIST_ITEM = re.compile(r"^(?:[-+•*]|[0-9]+[.)])\s*")


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


def _iso(d: str | None, m: str | None, y: str | None) -> str | None:
    if not (d and m and y):
        return None
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _type_line(text: str) -> str | None:
    """The canonical type when ``text`` is a tên loại line ("KẾ HOẠCH", "THÔNG BÁO KẾT LUẬN")."""
    if not is_upper(text) or len(text) > 40:
        return None
    upper = text.upper().strip(" .:")
    for name in sorted(_lex()["doc_types"], key=len, reverse=True):
        if upper == name.upper() or (upper.startswith(name.upper() + " ") and len(upper) <= len(name) + 12):
            return "Thông báo" if name == "Thông báo kết luận" else name
    return None


def type_from_number(number: str | None) -> str | None:
    """The type a số ký hiệu implies: 07/KH-UBND → Kế hoạch; 169/UBND-VP (no type code) → Công văn."""
    if not number:
        return None
    codes = {k.upper(): v for k, v in _lex()["type_codes"].items()}
    parts = re.split(r"[/-]", number.upper())
    if "-" in number.split("/")[0]:  # party style 432-TB/VPTW
        return codes.get(parts[1]) if len(parts) > 1 else None
    rest = [p for p in parts[1:] if not p.isdigit()]
    if rest and rest[0] in codes:
        return codes[rest[0]]
    return "Công văn" if rest else None


def _normalize_number(raw: str) -> str:
    from extractor.find.citations import normalize_number

    return normalize_number(raw)


def find_metadata(doc: Document) -> Metadata:
    """Read the header and closing blocks of ``doc``."""
    meta = Metadata(body_end=len(doc.text))
    first_content = next((ln.index for ln in doc.lines if ln.text.strip()), 0)
    header = _cells(doc, first_content, min(len(doc.lines), first_content + HEADER_LINES))
    _read_header(doc, header, meta)
    _read_closing(doc, meta)
    headerless = meta.number is None and meta.issued_date is None and meta.issuer is None
    if headerless:
        _read_title(doc, meta)
    if meta.number is None and meta.issued_date is None:
        if not _read_attachment_caption(doc, meta):
            _read_portal(doc, meta)
    if meta.issuer is None and headerless:
        _read_portal_issuer(doc, meta)
    if meta.issuer is None:
        _issuer_from_signature(doc, meta)
    if meta.doc_type is None and meta.number is not None:
        kind = type_from_number(meta.number.value)
        if kind:
            meta.doc_type = ValueSpan(
                meta.number.start, meta.number.end, meta.number.text, "DOC_TYPE", value=kind
            )
    return meta


def _read_header(doc: Document, cells: list[Cell], meta: Metadata) -> None:
    lex = _lex()
    issuer_cells: list[Cell] = []
    seen_number = seen_motto = seen_prose = False
    body_from: int | None = None
    last_end = 0
    for i, cell in enumerate(cells):
        text = cell.text
        if not text or is_rule(text):
            continue
        if (
            not is_upper(text)
            and not _NUMBER.match(text)
            and not _DATE_LINE.search(text)
            and not _MOTTO.search(text)
        ):
            seen_prose = True
        motto = _MOTTO.search(text)
        if motto and motto.start() > 0 and not seen_number:
            left = text[: motto.start()]
            number_inside = _NUMBER.search(left)
            left = (left[: number_inside.start()] if number_inside else left).strip()
            if left and is_upper(left):
                issuer_cells.append(Cell(cell.line, cell.start, cell.start + len(left), left))
        if motto:
            seen_motto = True
        m = _NUMBER.search(text)
        glued = m is not None and m.start() > 0 and (motto is not None or is_upper(text[: m.start()]))
        if m and meta.number is None and (m.start() == 0 or text[: m.start()].strip().endswith("|") or glued):
            raw = m.group("num").strip()
            seen_number = True
            if re.match(r"[0-9]", raw):
                s = cell.start + m.start("num")
                meta.number = _span(doc, s, s + len(raw), "NUMBER", _normalize_number(raw))
            else:
                meta.warnings.append("the số ký hiệu is left blank")
                meta.number = None
        d = _DATE_LINE.search(doc.text, cell.start, min(len(doc.text), cell.end + 40))
        if d and meta.issued_date is None and d.start() < cell.end and not _NUMBER.match(d.group("place")):
            place = d.group("place").strip()
            place = _strip_symbol_tail(place)
            ps = d.start("place") + d.group("place").index(place)
            meta.place = _span(doc, ps, ps + len(place), "PLACE")
            iso = _iso(d.group("d"), d.group("m"), d.group("y"))
            meta.issued_date = _span(doc, d.start() if not place else ps, d.end(), "DATE", iso or "")
            if iso is None:
                meta.warnings.append("the issue date is left blank or invalid")
        if (
            not (seen_number or seen_prose)
            and (not seen_motto or (cell.col == 0 and "|" in doc.lines[cell.line].text))
            and is_upper(text)
            and not motto
            and meta.issued_date is None
        ):
            if _type_line(text) is None:
                issuer_cells.append(cell)
        kind = _type_line(text)
        if kind and meta.doc_type is None and (seen_number or seen_motto):
            meta.doc_type = _span(doc, cell.start, cell.end, "DOC_TYPE", kind)
            subject = _subject_after(doc, cells, i + 1)
            if subject:
                meta.subject = subject
        vv = _VV.match(text)
        if vv and meta.subject is None:
            meta.subject = _vv_subject(doc, cells, i, vv.end())
            if meta.doc_type is None:
                meta.doc_type = ValueSpan(
                    cell.start,
                    cell.start + 3,
                    doc.text[cell.start : cell.start + 3],
                    "DOC_TYPE",
                    value="Công văn",
                )
        kg = _KINH_GUI.match(text) or (_DIEN.search(text) and is_upper(text.split(" ")[0]) and _DIEN)
        if kg and not meta.recipients:
            rest = kg.group("rest") if isinstance(kg, re.Match) else ""
            meta.recipients = _list_after(doc, cells, i, cell, rest, "RECIPIENT")
            body_from = cell.line
            last_end = max([cell.end] + [r.end for r in meta.recipients])
            break
    if issuer_cells:
        _set_issuer(doc, issuer_cells, meta, lex)
    if body_from is None:
        last = max(
            (s.end for s in (meta.number, meta.issued_date, meta.subject, meta.doc_type) if s), default=0
        )
        meta.body_start = last
    else:
        meta.body_start = last_end


def _set_issuer(doc: Document, cells: list[Cell], meta: Metadata, lex: dict) -> None:
    places = lex["place_words"]
    heads = lex["unit_heads"]
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
        return smart_case(" ".join(c.text for c in group), places, heads)

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
        place = re.search(
            r"\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+[A-ZĐÀ-Ỹ].*$", meta.parent_issuer.value
        )
        if issuer.lower() in ("văn phòng", "thanh tra"):
            issuer = f"{issuer} {meta.parent_issuer.value}"  # "VĂN PHÒNG" under "UBND TỈNH X"
        elif place and not re.search(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\b", issuer):
            issuer = f"{issuer} {place.group(0)}"
    meta.issuer = ValueSpan(
        last[0].start, last[-1].end, doc.text[last[0].start : last[-1].end], "ISSUER", value=issuer
    )


def _vv_subject(doc: Document, cells: list[Cell], i: int, skip: int) -> ValueSpan:
    first = cells[i]
    end = first.end
    for cell in cells[i + 1 : i + 6]:
        t = cell.text
        if (
            not t
            or is_rule(t)
            or _MOTTO.search(t)
            or _DATE_LINE.search(t)
            or _KINH_GUI.match(t)
            or _NUMBER.match(t)
        ):
            break
        if cell.line != first.line and cell.line > cells[i].line + 6:
            break
        end = cell.end
    start = first.start + skip
    value = " ".join(doc.text[start:end].split())
    return ValueSpan(start, end, doc.text[start:end], "SUBJECT", value=value)


_SECTION_MARKER = re.compile(r"(?:[IVX]{1,5}|[0-9]{1,2})\s*[.)]\s+\S|(?:Phần|PHẦN|Chương|CHƯƠNG|Điều)\s+\S")


def _subject_after(doc: Document, cells: list[Cell], i: int) -> ValueSpan | None:
    """Trích yếu lines after a type line: capitals or short, up to the body."""
    picked: list[Cell] = []
    for cell in cells[i : i + 8]:
        t = cell.text
        if not t:
            if picked:
                break
            continue
        if is_rule(t):
            break
        if _KINH_GUI.match(t) or _DIEN.search(t) or t.startswith("Căn cứ") or t.endswith(";"):
            break
        if picked and t.startswith(("Thực hiện", "Theo ")):
            break  # the body's opening; the first line after the type line is the trích yếu itself
        if _SECTION_MARKER.match(t) and (picked or is_upper(t)):
            break  # "I. MỤC ĐÍCH, YÊU CẦU" starts the body
        if picked and not is_upper(t) and len(t) > 60 and not picked[-1].text.endswith((",", "và")):
            break
        if picked and not is_upper(t) and is_upper(picked[0].text):
            break
        picked.append(cell)
        if not is_upper(t) and len(t) > 60:
            break
    if not picked:
        return None
    start, end = picked[0].start, picked[-1].end
    value = _VV.sub("", " ".join(doc.text[start:end].split()))
    return ValueSpan(start, end, doc.text[start:end], "SUBJECT", value=value)


def _clean_item(text: str) -> str:
    text = _LIST_ITEM.sub("", text.strip())
    return text.strip().rstrip(";,.").strip()


def _list_after(
    doc: Document, cells: list[Cell], i: int, cell: Cell, rest: str, label: str
) -> list[ValueSpan]:
    out: list[ValueSpan] = []
    rest = rest.strip()
    if rest:
        s = cell.end - len(rest)
        for part in re.split(r"(?<=;)\s+-\s*", rest) if rest.startswith("-") else [rest]:
            value = _clean_item(part)
            if value:
                off = doc.text.index(part, s) if part in doc.text[s:] else s
                out.append(ValueSpan(off, off + len(part), part, label, value=value))
        if not rest.startswith("-"):
            return out
    in_table = "|" in doc.lines[cell.line].text
    for nxt in cells[i + 1 : i + 40]:
        t = nxt.text
        if not t or (in_table and nxt.col != cell.col):
            continue  # the other column of a "|" table (the signature beside Nơi nhận)
        if not _LIST_ITEM.match(t) or re.match(r"^[0-9]", t):
            break
        value = _clean_item(t)
        if out and out[-1].text.rstrip().endswith(",") and value:
            # one recipient wrapped onto two "-" lines by the converter
            prev = out[-1]
            out[-1] = ValueSpan(
                prev.start, nxt.end, doc.text[prev.start : nxt.end], label, value=f"{prev.value}, {value}"
            )
            continue
        if value:
            out.append(ValueSpan(nxt.start, nxt.end, t, label, value=value))
    return out


def _read_closing(doc: Document, meta: Metadata) -> None:
    """Nơi nhận list and the signature block, in whichever order they come.

    They normally close the document, but a Phụ lục (often a table of tasks) may follow.
    """
    n = len(doc.lines)
    first = max(0, n - 45)
    noi = [ln.index for ln in doc.lines if _NOI_NHAN.match(ln.text.split("|")[0].strip())]
    if noi and noi[0] < first:
        first = max(0, noi[0] - 12)
        n = min(n, noi[0] + 30)
    cells = _cells(doc, first, n)
    noi_idx = None
    for i, cell in enumerate(cells):
        m = _NOI_NHAN.match(cell.text)
        if m is None:
            inline = re.search(r"(?:\./\.|\.)\s*(Nơi nhận|NƠI NHẬN)\s*:", cell.text)
            if inline:
                noi_idx = i
                meta.body_end = min(meta.body_end, cell.start + inline.start(1))
                meta.cc = _list_after(doc, cells, i, cell, "", "CC")
            continue
        noi_idx = i
        meta.body_end = min(meta.body_end, cell.start)
        meta.cc = _list_after(doc, cells, i, cell, m.group("rest"), "CC")
    _read_signer(doc, cells, meta, noi_idx)
    ends = [s.end for s in (meta.signer_name, *meta.cc) if s is not None]
    if ends:
        tail = max(ends)
        rest = doc.text[tail:]
        if len(rest.strip()) > 300:
            meta.tail_start = tail + (len(rest) - len(rest.lstrip()))


def _read_signer(doc: Document, cells: list[Cell], meta: Metadata, noi_idx: int | None) -> None:
    cc_lines = {c.start for c in meta.cc}
    titles: list[Cell] = []
    for i in range(len(cells) - 1, -1, -1):
        cell = cells[i]
        t = cell.text
        if not t or t.startswith("[") or cell.start in cc_lines:
            continue
        glued = _GLUED_NAME.search(t)
        name_text, name_start = t, cell.start
        if glued and is_upper(t[: glued.start()]) and len(t[: glued.start()]) > 3:
            name_text, name_start = t[glued.start() :], cell.start + glued.start()
            titles = [Cell(cell.line, cell.start, cell.start + glued.start(), t[: glued.start()].strip())]
            prev = next((c for c in reversed(cells[:i]) if c.text and c.col == cell.col), None)
            if prev is not None and _AUTHORITY.match(prev.text):
                titles.insert(0, prev)  # "KT. CHÁNH VĂN PHÒNG" above "PHÓ CHÁNH VĂN PHÒNGThái Hữu Phép"
        if not _NAME.match(name_text) or is_upper(name_text):
            continue
        # a title in capitals must stand just above the name (or be glued to it)
        above = [c for c in cells[max(0, i - 12) : i] if c.text and not is_rule(c.text) and c.col == cell.col]
        if not titles:
            titles = []
            for c in reversed(above):
                if is_upper(c.text) and not _NOI_NHAN.match(c.text) and not c.text.startswith("-"):
                    titles.insert(0, c)
                elif titles:
                    break
                elif c.text.startswith(("(", "Đã ký", "đã ký")):
                    continue
                else:
                    break
        if not titles:
            continue
        meta.signer_name = ValueSpan(
            name_start, name_start + len(name_text), name_text, "SIGNER", value=name_text
        )
        auth_cell = next((c for c in titles if _AUTHORITY.match(c.text)), None)
        if auth_cell is not None:
            a = _AUTHORITY.match(auth_cell.text)
            assert a is not None
            value = {
                "T/M": "TM.",
                "K/T": "KT.",
                "T/L": "TL.",
                "TM": "TM.",
                "KT": "KT.",
                "TL": "TL.",
                "TUQ": "TUQ.",
            }.get(a.group("a"), a.group("a"))
            meta.signer_authority = ValueSpan(
                auth_cell.start, auth_cell.start + a.end("a"), a.group("a"), "AUTHORITY", value=value
            )
        plain = [c for c in titles if not _AUTHORITY.match(c.text)]
        title_cell = plain[0] if plain else titles[-1]
        title = _AUTHORITY.sub("", title_cell.text).strip()
        meta.signer_title = ValueSpan(
            title_cell.start, title_cell.end, title_cell.text, "SIGNER_TITLE", value=title
        )
        meta.body_end = min(meta.body_end, titles[0].start)
        return


# Portal articles: "Ngày 29/8/2022, UBND tỉnh ban hành Công văn số 2847/UBND-KGVX về việc …"
_PORTAL_NUMBER = re.compile(
    r"(?:ban hành|ký|có|gửi|ra)\s+(?:(?P<type>[Cc]ông văn|[Cc]ông điện|[Cc]hỉ thị|[Tt]hông báo|[Kk]ế hoạch|"
    r"[Qq]uyết định|[Vv]ăn bản|[Bb]áo cáo)\s+(?:hỏa tốc\s+|khẩn\s+)?)(?:số\s+)?(?P<num>[0-9]+[a-z]?\s*[/-]\s*[0-9A-ZĐ][A-Za-zĐđ0-9&./\s-]*?)(?=[\s,.;:)]|$)"
)
_SOURCE_NUMBER = re.compile(
    r"(?:Nguồn|Theo)\s*:?\s*(?P<type>[Cc]ông văn|[Cc]ông điện|[Cc]hỉ thị|[Tt]hông báo|TB|[Kk]ế hoạch|[Qq]uyết định|[Vv]ăn bản)\s*(?:số\s*)?"
    r"(?P<num>[0-9]+[a-z]?\s*[/-]\s*[A-ZĐ][A-Za-zĐđ0-9&./-]*)"
)
_TITLE_NUMBER = re.compile(
    r"(?P<type>Công văn|Công điện|Chỉ thị|Thông báo|Kế hoạch|Quyết định)\s+(?:hỏa tốc\s+)?số\s+(?P<num>[0-9]+[a-z]?\s*[/-]\s*[A-ZĐ][A-Za-zĐđ0-9&./-]*)"
)
_GAP = re.compile(r"\s*,?\s*(?:hồi\s+[0-9]{1,2}\s*(?:h|giờ|:)\s*[0-9]{0,2}\s*(?:phút)?\s*,?\s*)?")
_ISSUED_SENTENCE = re.compile(
    r"[Nn]gày\s+(?P<d>[0-9]{1,2})\s*[/.-]\s*(?P<m>[0-9]{1,2})(?:\s*[/.-]\s*(?P<y>[0-9]{4}))?\s*,?\s+[^.\n]{0,80}?"
    r"(?:đã\s+|vừa\s+)?(?:có|ban hành|ký|gửi)\s+(?:văn bản|[Cc]ông văn|[Cc]ông điện|[Tt]hông báo|[Cc]hỉ thị|[Kk]ế hoạch|[Qq]uyết định)"
)
_OF_ISSUER = re.compile(
    r"\s*(?:của|do)\s+(?P<issuer>(?:UBND|Ủy ban nhân dân|HĐND|Văn phòng|Sở|Bộ|Phòng|Chi cục|Cục|Ban|Thủ tướng|Chủ tịch|Trung tâm)"
    r"[^,.;:\n]{0,80}?)(?=\s+(?:về việc|về|V/v)\s|[,.;]|$)"
)
_PORTAL_SUBJECT = re.compile(r"\s*(?:,\s*)?(?:về việc|V/v|về)\s+(?P<subj>[^.\n;]{8,300})")
_SHORT_DATE = re.compile(
    r"\b[Nn]gày\s+(?P<d>[0-9]{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<m>[0-9]{1,2})(?:\s*(?:/|-|\.|\s+năm\s+)\s*(?P<y>[0-9]{4}))?"
)
_ANY_DATE = re.compile(r"\b(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>(?:19|20)[0-9]{2})\b")


def _year_hint(doc: Document, upto: int = 800) -> str | None:
    m = re.search(r"\b((?:19|20)[0-9]{2})\b", doc.text[:upto])
    return m.group(1) if m else None


def _read_portal_date(doc: Document, meta: Metadata) -> None:
    """ "Ngày 9/11, UBND tỉnh ban hành văn bản …": the date of an unnumbered reported document."""
    m = _ISSUED_SENTENCE.search(doc.text, 0, min(len(doc.text), 3000))
    if m is None:
        return
    iso = _iso(m.group("d"), m.group("m"), m.group("y") or _year_hint(doc))
    if iso:
        meta.issued_date = _span(doc, m.start(), m.end("m") if not m.group("y") else m.end("y"), "DATE", iso)


def _read_portal(doc: Document, meta: Metadata) -> None:
    """A page that reports a directive: take the reported document's number and date."""
    _portal_number(doc, meta)
    if meta.issued_date is None:
        _read_portal_date(doc, meta)


def _portal_number(doc: Document, meta: Metadata) -> None:
    text = doc.text[: min(len(doc.text), 6000)]
    found = None
    for regex in (_PORTAL_NUMBER, _TITLE_NUMBER, _SOURCE_NUMBER):
        for m in (
            regex.finditer(text, 0)
            if regex is not _TITLE_NUMBER
            else (
                _TITLE_NUMBER.match(doc.text, ln.start, ln.end)
                for ln in [x for x in doc.lines if x.text.strip()][:4]
            )
        ):
            if m is None:
                continue
            found = m
            break
        if found:
            break
    if found is None:
        return
    raw = found.group("num").strip().rstrip(".")
    meta.number = _span(
        doc, found.start("num"), found.start("num") + len(raw), "NUMBER", _normalize_number(raw)
    )
    kind = (found.group("type") or "").strip()
    if kind:
        name = "Thông báo" if kind == "TB" else kind[:1].upper() + kind[1:].lower()
        if name != "Văn bản" or meta.doc_type is None:
            meta.doc_type = _span(doc, found.start("type"), found.end("type"), "DOC_TYPE", name)
    # the date: right after the number ("số 3517/UBND ngày 18/7/2022") or opening the sentence
    gap = _GAP.match(doc.text, found.end("num"))
    after = _SHORT_DATE.match(doc.text, gap.end() if gap else found.end("num"))
    sentence_start = max(doc.text.rfind("\n", 0, found.start()), doc.text.rfind(". ", 0, found.start())) + 1
    before = None
    for m in _SHORT_DATE.finditer(doc.text, sentence_start, found.start()):
        before = m
    d = after or before
    if d:
        year = d.group("y")
        if not year:
            years = [int(m.group("y")) for m in _ANY_DATE.finditer(text)]
            years += [int(y) for y in re.findall(r"\b(20[0-9]{2}|19[0-9]{2})\b", text[:300])]
            year = str(years[0]) if years else None
        iso = _iso(d.group("d"), d.group("m"), year)
        if iso:
            meta.issued_date = _span(doc, d.start(), d.end(), "DATE", iso)
    pos = after.end() if after else found.end("num")
    issuer = _OF_ISSUER.match(doc.text, pos)
    if issuer:
        if meta.issuer is None:
            value = " ".join(issuer.group("issuer").split())
            meta.issuer = _span(doc, issuer.start("issuer"), issuer.end("issuer"), "ISSUER", value)
        pos = issuer.end("issuer")
    subj = _PORTAL_SUBJECT.match(doc.text, pos)
    if subj and (meta.subject is None or found.start() > meta.subject.end):
        value = " ".join(subj.group("subj").split()).rstrip(" .")
        if len(value.split()) >= 3:
            meta.subject = _span(
                doc,
                subj.start("subj"),
                subj.start("subj") + len(subj.group("subj").rstrip(" .")),
                "SUBJECT",
                value,
            )


_STAMP = re.compile(
    r"^(?:(?:Ngày đăng|Ngày cập nhật|Cập nhật|Đăng ngày|Thứ [^,]{2,5}|Chủ nhật)\s*[:,]?\s*)?(?:ngày\s+)?"
    r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}(?:\s*[|,-]?\s*[0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?(?:\s*(?:AM|PM|SA|CH)\.?)?(?:\s*\(GMT\s*[+-][0-9]+\))?)?\s*$",
    re.IGNORECASE,
)


def _read_title(doc: Document, meta: Metadata) -> None:
    """A page without a header starts with its headline (the subject); date stamps follow it."""
    content = [ln for ln in doc.lines if ln.text.strip()]
    if not content:
        return
    first = content[0]
    text = first.text.strip()
    words = len(text.split())
    if _STAMP.match(text) or words > 35 or words < 3 or text.endswith((".", ":", ";")):
        return
    if meta.subject is None:
        meta.subject = ValueSpan(first.start, first.end, first.text, "SUBJECT", value=" ".join(text.split()))
    end = first.end
    for ln in content[1:4]:
        t = ln.text.strip()
        if _STAMP.match(t) or re.match(r"^\(?[\w.-]+\.(?:gov\.vn|vn|com)\)?\s*$", t):
            end = ln.end
            continue
        break
    meta.body_start = max(meta.body_start, end)


_CAPTION = re.compile(
    r"\((?:Kèm|kèm) theo\s+(?P<type>Công văn|Kế hoạch|Quyết định|Chỉ thị|Thông báo|Công điện|Văn bản|văn bản)\s+số\s+"
    r"(?P<num>[0-9]+[a-z]?\s*[/-]\s*[A-ZĐ][A-Za-zĐđ0-9&./-]*)(?:\s+ngày\s+(?P<date>[0-9]{1,2}\s*/\s*[0-9]{1,2}\s*/\s*[0-9]{4}|[0-9]{1,2} tháng [0-9]{1,2} năm [0-9]{4}))?"
    r"(?:\s+của\s+(?P<issuer>[^)]+))?\)"
)


def _read_attachment_caption(doc: Document, meta: Metadata) -> bool:
    """ "(Kèm theo Công văn số 6225/BVHTTDL-VP ngày 18/11/2025 của Bộ …)": an appendix names its document."""
    m = _CAPTION.search(doc.text)
    if m is None:
        return False
    raw = m.group("num").strip()
    meta.number = _span(doc, m.start("num"), m.start("num") + len(raw), "NUMBER", _normalize_number(raw))
    kind = m.group("type")
    meta.doc_type = _span(
        doc, m.start("type"), m.end("type"), "DOC_TYPE", kind[:1].upper() + kind[1:].lower()
    )
    if m.group("date"):
        from extractor.find.deadlines import parse_date

        parsed = parse_date(m.group("date"))
        if parsed:
            meta.issued_date = _span(doc, m.start("date"), m.end("date"), "DATE", parsed.isoformat())
    if m.group("issuer") and meta.issuer is None:
        value = " ".join(m.group("issuer").split())
        meta.issuer = _span(
            doc, m.start("issuer"), m.start("issuer") + len(m.group("issuer").rstrip()), "ISSUER", value
        )
    return True


_PORTAL_ISSUER = re.compile(
    r"(?P<issuer>(?:UBND|Ủy ban nhân dân|Sở|Bộ|Chi cục|Phòng|Văn phòng|Cục|Ban|Trung tâm|Chủ tịch UBND|Chủ tịch Ủy ban nhân dân)"
    r"(?:\s+[A-ZĐÀ-Ỹa-zđà-ỹ&-]+){0,9}?)\s+(?:đã\s+|vừa\s+)*(?:ban hành|có văn bản|có công văn|có Công văn|ký|gửi văn bản)\b"
)


def _read_portal_issuer(doc: Document, meta: Metadata) -> None:
    m = _PORTAL_ISSUER.search(doc.text, meta.body_start, min(len(doc.text), meta.body_start + 1500))
    if m:
        value = " ".join(m.group("issuer").split())
        meta.issuer = _span(doc, m.start("issuer"), m.end("issuer"), "ISSUER", value)


_TM_BODY = re.compile(r"^(?:TM\.|T/M)\s*(?P<body>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{3,60})$")


def _issuer_from_signature(doc: Document, meta: Metadata) -> None:
    """ "TM. ỦY BAN NHÂN DÂN" names the issuing body when the header does not print it."""
    if meta.signer_authority is None or meta.signer_authority.value != "TM.":
        return
    line = next((ln for ln in doc.lines if ln.start <= meta.signer_authority.start < ln.end + 1), None)
    m = _TM_BODY.match(line.text.split("|")[-1].strip()) if line else None
    if m is None:
        return
    lex = _lex()
    body = smart_case(m.group("body").strip(), lex["place_words"], lex["unit_heads"])
    if meta.place is not None and not re.search(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\b", body):
        place = meta.place.value
        level = re.search(rf"\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+{re.escape(place)}\b", doc.text)
        body = f"{body} {level.group(1) + ' ' if level else ''}{place}"
    s = line.start + line.text.index(m.group("body")) if line else 0
    meta.issuer = ValueSpan(s, s + len(m.group("body")), m.group("body"), "ISSUER", value=body)
