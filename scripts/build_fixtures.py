"""Build realistic .docx and .pdf fixtures from the seed texts in ``/work/shared/seeds``.

Why: the parsers must be tested on files shaped like real directives (borderless header and
signature tables, automatic numbering that python-docx does not expose, labels absent from the
text), and the same content in three formats lets a test check that every parser yields the same
body lines. The .docx is written with python-docx plus raw XML for numbering; the .pdf is that
.docx printed by LibreOffice. Outputs are committed, so tests never need LibreOffice.

    .venv/bin/python scripts/build_fixtures.py [--seeds DIR] [--out DIR] [--no-pdf]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import _Cell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.parse.text import parse_text  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "tests" / "fixtures" / "seeds"
FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)

BULLET_NUM = "1"  # bullets "-" (abstractNum 1)
OUTLINE_NUM = "2"  # the multilevel "I." / "1." / "1.1." list (abstractNum 2), linked from style DeMuc
DECIMAL_LEVEL = 1

_ROMAN = re.compile(r"^([IVXLC]+)\.\s+(.*)$")
_TWO = re.compile(r"^(\d+)\.(\d+)\.\s+(.*)$")
_DEC = re.compile(r"^(\d+)\.\s+(.*)$")
_BULLET = re.compile(r"^-(?:\s+(.*))?$")
_DATE = re.compile(r"^[^\d,]{2,40}, ngày\b")
_QUOC_HIEU = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|Độc lập)", re.I)
_SO = re.compile(r"^Số\b")
_NOI_NHAN = re.compile(r"^N[ơo]i nhận", re.I)


@dataclass
class Line:
    text: str
    bold: bool = False
    heading: int | None = None


@dataclass
class Layout:
    """A seed cut into the parts of a directive's layout."""

    issuer: list[Line] = field(default_factory=list)
    number: list[Line] = field(default_factory=list)  # Số + V/v
    national: list[Line] = field(default_factory=list)  # Quốc hiệu + Tiêu ngữ
    date: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    recipients: list[Line] = field(default_factory=list)  # Nơi nhận
    signer: list[Line] = field(default_factory=list)


def seed_lines(data: bytes) -> list[Line]:
    """Non-empty lines of a seed as the text parser sees them (emphasis removed, bold kept)."""
    parsed = parse_text(data)
    return [Line(b.text.strip(), b.bold, b.heading) for b in parsed.blocks if b.text.strip()]


def layout(lines: list[Line]) -> Layout:
    """Split a seed into header, body and Nơi nhận/signature, the way an official layout would."""
    out = Layout()
    head_end = 0
    kinh = next((i for i, ln in enumerate(lines[:40]) if ln.text.startswith("Kính gửi")), None)
    if kinh is not None:
        head_end = kinh
    else:
        date = next((i for i, ln in enumerate(lines[:12]) if _DATE.match(ln.text)), None)
        head_end = date + 1 if date is not None else 0
    header = lines[:head_end]
    if not any(_SO.match(ln.text) or _QUOC_HIEU.match(ln.text) for ln in header):
        header, head_end = [], 0
    seen_number = False
    for ln in header:
        if _QUOC_HIEU.match(ln.text):
            out.national.append(ln)
        elif _DATE.match(ln.text):
            out.date.append(ln)
        elif _SO.match(ln.text) or seen_number:
            seen_number = True
            out.number.append(ln)
        else:
            out.issuer.append(ln)
    rest = lines[head_end:]
    foot = next((i for i, ln in enumerate(rest) if _NOI_NHAN.match(ln.text)), len(rest))
    out.body = rest[:foot]
    for ln in rest[foot:]:
        if _NOI_NHAN.match(ln.text) or ln.text.startswith("-"):
            out.recipients.append(ln)
        else:
            out.signer.append(ln)
    return out


# -- numbering ---------------------------------------------------------------------------------


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="space"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="720"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:lvl>'
    )


class Lists:
    """Allocates num instances so Word's counters reproduce the labels typed in the seed."""

    def __init__(self) -> None:
        self.nums: list[tuple[str, str, dict[int, int]]] = [(BULLET_NUM, "1", {}), (OUTLINE_NUM, "2", {})]
        self.current = OUTLINE_NUM
        self.counters: dict[int, int] = {}
        self.starts: dict[int, int] = {}

    def _label(self, counters: dict[int, int], level: int) -> str:
        if level == 0:
            return _roman(counters[0])
        if level == 1:
            return f"{counters[1]}"
        return f"{counters.get(1, self.starts.get(1, 1))}.{counters[2]}"

    def _advance(self, counters: dict[int, int], starts: dict[int, int], level: int) -> dict[int, int]:
        new = {k: v for k, v in counters.items() if k < level}
        new[level] = counters[level] + 1 if level in counters else starts.get(level, 1)
        return new

    def place(self, level: int, label: str) -> str:
        """The numId that shows ``label`` at ``level`` next: the current one, or a restart."""
        trial = self._advance(self.counters, self.starts, level)
        if self._label(trial, level) == label:
            self.counters = trial
            return self.current
        value = int(label.rsplit(".", 1)[-1]) if level else _unroman(label)
        num_id = str(len(self.nums) + 1)
        overrides = {level: value}
        if level == 2:
            overrides[1] = int(label.split(".")[0])
        self.nums.append((num_id, "2", overrides))
        self.current, self.starts = num_id, overrides
        self.counters = self._advance({}, overrides, level)
        if level == 2:
            self.counters[1] = overrides[1]
        return num_id

    def xml(self) -> str:
        bullet = (
            '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>'
            + _lvl(0, "bullet", "-")
            + "</w:abstractNum>"
        )
        outline = (
            '<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>'
            + _lvl(0, "upperRoman", "%1.")
            + _lvl(1, "decimal", "%2.")
            + _lvl(2, "decimal", "%2.%3.")
            + "</w:abstractNum>"
        )
        nums = []
        for num_id, abstract, overrides in self.nums:
            ov = "".join(
                f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                for k, v in sorted(overrides.items())
            )
            nums.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{ov}</w:num>')
        return f"<w:numbering {nsdecls('w')}>{bullet}{outline}{''.join(nums)}</w:numbering>"


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _unroman(s: str) -> int:
    return next(n for n in range(1, 40) if _roman(n) == s)


# -- document ----------------------------------------------------------------------------------


def _num_pr(pr: Any, num_id: str, ilvl: int) -> None:
    pr.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")
    pf = normal.paragraph_format
    pf.space_after = Pt(6)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Cm(1.27)
    # A numbered-heading style carries the list (numbering through a paragraph style), with
    # Vietnamese names so nothing can lean on English style names.
    demuc = doc.styles.add_style("Đề mục", WD_STYLE_TYPE.PARAGRAPH)
    demuc.element.set(qn("w:styleId"), "DeMuc")
    demuc.base_style = normal
    _num_pr(demuc.element.get_or_add_pPr(), OUTLINE_NUM, DECIMAL_LEVEL)
    for level in range(1, 7):
        for numbered in (False, True):
            name = f"Tiêu đề {level}" + (" đánh số" if numbered else "")
            style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.element.set(qn("w:styleId"), f"TieuDe{level}" + ("So" if numbered else ""))
            style.base_style = demuc if numbered else normal
            style.element.get_or_add_pPr().append(
                parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level - 1}"/>')
            )


def _borderless(table: object, widths: list[float]) -> None:
    tbl = table._tbl  # type: ignore[attr-defined]
    tblpr = tbl.tblPr
    tblpr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(
                f'<w:{side} w:val="nil"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
    )
    tblpr.append(parse_xml(f'<w:tblInd {nsdecls("w")} w:w="-567" w:type="dxa"/>'))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT  # type: ignore[attr-defined]
    table.autofit = False  # type: ignore[attr-defined]
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))  # LibreOffice lays out by the grid
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _cell_lines(
    cell: _Cell, lines: list[Line], size: float, align: WD_ALIGN_PARAGRAPH, italic: bool = False
) -> None:
    first = True
    for ln in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _plain(p, align)
        if ln.text:
            run = p.add_run(ln.text)
            run.bold = ln.bold
            run.italic = italic
            run.font.size = Pt(size)


def _plain(p: object, align: WD_ALIGN_PARAGRAPH) -> None:
    pf = p.paragraph_format  # type: ignore[attr-defined]
    pf.first_line_indent = Cm(0)
    pf.space_after = Pt(0)
    pf.alignment = align


def build_docx(lines: list[Line], lists: Lists | None = None) -> bytes:
    """The official-looking .docx for one seed."""
    lists = lists or Lists()
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    _styles(doc)
    parts = layout(lines)
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:
        body._p.getparent().remove(body._p)

    if parts.issuer or parts.number or parts.national or parts.date:
        rows = [(parts.issuer, parts.national), (parts.number, parts.date)]
        rows = [r for r in rows if r[0] or r[1]]
        table = doc.add_table(rows=len(rows), cols=2)
        _borderless(table, [6.0, 11.0])
        for row, (left, right) in zip(table.rows, rows, strict=True):
            issuer_like = left is parts.issuer
            _cell_lines(row.cells[0], left, 13 if issuer_like else 12, WD_ALIGN_PARAGRAPH.CENTER)
            _cell_lines(
                row.cells[1],
                right,
                12 if right is parts.national else 13,
                WD_ALIGN_PARAGRAPH.CENTER,
                italic=right is parts.date,
            )
        doc.add_paragraph()

    for ln in parts.body:
        _body_paragraph(doc, ln, lists)

    if parts.recipients or parts.signer:
        doc.add_paragraph()
        table = doc.add_table(rows=1, cols=2)
        _borderless(table, [8.0, 8.5])
        left, right = table.rows[0].cells
        _cell_lines(left, parts.recipients, 12, WD_ALIGN_PARAGRAPH.LEFT)
        if left.paragraphs and left.paragraphs[0].runs:
            left.paragraphs[0].runs[0].italic = True
        signer = parts.signer
        if len(signer) >= 2:  # room for the signature and seal above the name
            signer = [*signer[:-1], Line(""), Line(""), Line(""), signer[-1]]
        _cell_lines(right, signer, 14, WD_ALIGN_PARAGRAPH.CENTER)

    core = doc.core_properties
    core.author = core.last_modified_by = "extractor fixtures"
    core.created = core.modified = core.last_printed = FIXED_TIME
    core.revision = 1
    core.title = lines[0].text[:80] if lines else ""
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(lists.xml()):
        numbering.append(child)
    buf = io.BytesIO()
    doc.save(buf)
    return _deterministic_zip(buf.getvalue())


def _body_paragraph(doc: DocxDocument, ln: Line, lists: Lists) -> None:
    text, style, num = ln.text, None, None
    if m := _BULLET.match(text):
        text, num = m.group(1) or "", (BULLET_NUM, 0)
    elif m := _ROMAN.match(text):
        num = (lists.place(0, m.group(1)), 0)
        text = m.group(2)
    elif m := _TWO.match(text):
        num = (lists.place(2, f"{m.group(1)}.{m.group(2)}"), 2)
        text = m.group(3)
    elif m := _DEC.match(text):
        num_id = lists.place(DECIMAL_LEVEL, m.group(1))
        text = m.group(2)
        if num_id == OUTLINE_NUM:
            style = f"TieuDe{ln.heading}So" if ln.heading else "DeMuc"  # number from the style
        else:
            num = (num_id, DECIMAL_LEVEL)
            style = f"TieuDe{ln.heading}So" if ln.heading else None
    elif ln.heading:
        style = f"TieuDe{ln.heading}"
    p = doc.add_paragraph(style=doc.styles.get_by_id(style, WD_STYLE_TYPE.PARAGRAPH) if style else None)
    if num is not None:
        _num_pr(p._p.get_or_add_pPr(), num[0], num[1])
    if text.isupper() and len(text) < 60 and num is None:
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Cm(0)
    if text:
        run = p.add_run(text)
        run.bold = ln.bold or None
    if ln.bold:  # Word formats the list label like the paragraph mark
        p._p.get_or_add_pPr().append(parse_xml(f"<w:rPr {nsdecls('w')}><w:b/></w:rPr>"))


def _deterministic_zip(data: bytes) -> bytes:
    """Same members, same order, fixed timestamps: reruns give identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def to_pdf(docx: Path, outdir: Path, filter_options: str = "pdf") -> Path:
    """Print ``docx`` with LibreOffice into ``outdir`` (its own profile, so parallel runs don't clash)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to build the PDF fixtures; use --no-pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                filter_options,
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return outdir / (docx.stem + ".pdf")


def build_encrypted(out: Path) -> None:
    """A password-protected PDF for the hostile-input test (LibreOffice can encrypt, pdfium can't)."""
    options = {
        "EncryptFile": {"type": "boolean", "value": "true"},
        "DocumentOpenPassword": {"type": "string", "value": "mat-khau"},
    }
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "encrypted.docx"
        src.write_bytes(
            build_docx([Line("Số: 01/UBND-VP"), Line("Kính gửi: Sở Nội vụ"), Line("Nội dung mật.")])
        )
        pdf = to_pdf(src, Path(tmp), "pdf:writer_pdf_Export:" + json.dumps(options))
        shutil.copyfile(pdf, out / "encrypted.pdf")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-pdf", action="store_true", help="write the .docx files only")
    args = ap.parse_args(argv)
    seeds = sorted(args.seeds.glob("[0-9][0-9][0-9]_*.txt"))
    if not seeds:
        raise SystemExit(f"no seeds in {args.seeds}")
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        docx_path = args.out / (seed.stem + ".docx")
        docx_path.write_bytes(build_docx(seed_lines(seed.read_bytes())))
        print(f"wrote {docx_path}")
        if not args.no_pdf:
            pdf = to_pdf(docx_path, args.out)
            print(f"wrote {pdf}")
    if not args.no_pdf:
        build_encrypted(args.out)
        print(f"wrote {args.out / 'encrypted.pdf'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
