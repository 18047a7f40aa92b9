"""parse_docx: Word's automatic list labels, table walking order, bold and outline levels.

Each case builds a small .docx with python-docx, then swaps in raw body / numbering / style XML,
because python-docx offers no API for numbering and the cases are about that XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from extractor.errors import UnreadableFile
from extractor.parse import parse_bytes
from extractor.parse.docx import parse_docx
from extractor.parse.numbering import format_number
from extractor.tree import ParsedDocument

FIXTURES = Path(__file__).parent / "fixtures" / "seeds"


def make_docx(body: str, numbering: str = "", styles: str = "") -> bytes:
    """A python-docx document whose body, numbering and extra styles are the given XML."""
    doc = Document()
    el = doc.element.body
    for child in list(el):
        if child.tag != qn("w:sectPr"):
            el.remove(child)
    for child in parse_xml(f"<w:body {nsdecls('w')}>{body}</w:body>"):
        el.insert(len(el) - 1, child)
    if numbering:
        part = doc.part.numbering_part.element
        for child in list(part):
            part.remove(child)
        for child in parse_xml(f"<w:numbering {nsdecls('w')}>{numbering}</w:numbering>"):
            part.append(child)
    if styles:
        for child in parse_xml(f"<w:styles {nsdecls('w')}>{styles}</w:styles>"):
            doc.styles.element.append(child)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def p(
    text: str,
    num: str | None = None,
    ilvl: int | None = None,
    style: str | None = None,
    ppr: str = "",
    rpr: str = "",
) -> str:
    num_pr = ""
    if num is not None or ilvl is not None:
        num_pr = "<w:numPr>"
        num_pr += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        num_pr += f'<w:numId w:val="{num}"/>' if num is not None else ""
        num_pr += "</w:numPr>"
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    run = f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{pstyle}{num_pr}{ppr}</w:pPr>{run}</w:p>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def abstract(aid: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{"".join(levels)}</w:abstractNum>'


def num(nid: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def texts(parsed: ParsedDocument) -> list[str]:
    return [b.text for b in parsed.blocks]


# -- numbering ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        ("decimal", "%1.", ["1. A", "2. B", "3. C"]),
        ("lowerLetter", "%1)", ["a) A", "b) B", "c) C"]),
        ("upperLetter", "%1.", ["A. A", "B. B", "C. C"]),
        ("upperRoman", "%1.", ["I. A", "II. B", "III. C"]),
        ("lowerRoman", "(%1)", ["(i) A", "(ii) B", "(iii) C"]),
        ("decimalZero", "%1.", ["01. A", "02. B", "03. C"]),
        ("bullet", "\uf0b7", ["- A", "- B", "- C"]),
        ("bullet", "•", ["- A", "- B", "- C"]),
        ("none", "", ["A", "B", "C"]),
    ],
)
def test_single_level_formats(fmt: str, text: str, expected: list[str]) -> None:
    data = make_docx(
        p("A", "1", 0) + p("B", "1", 0) + p("C", "1", 0), abstract(1, lvl(0, fmt, text)) + num(1, 1)
    )
    assert texts(parse_docx(data)) == expected


def test_word_letters_run_a_to_z_then_aa() -> None:
    assert [format_number(n, "lowerLetter") for n in (4, 5, 26, 27, 28)] == ["d", "e", "z", "aa", "bb"]
    assert format_number(14, "upperRoman") == "XIV"


def test_two_level_placeholders_and_restart_of_lower_level() -> None:
    numbering = abstract(1, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2.")) + num(1, 1)
    body = p("A", "1", 0) + p("a", "1", 1) + p("b", "1", 1) + p("B", "1", 0) + p("c", "1", 1)
    assert texts(parse_docx(make_docx(body, numbering))) == ["1. A", "1.1. a", "1.2. b", "2. B", "2.1. c"]


def test_lvl_restart_zero_never_restarts() -> None:
    numbering = abstract(
        1, lvl(0, "decimal", "%1."), lvl(1, "decimal", "(%2)", extra='<w:lvlRestart w:val="0"/>')
    ) + num(1, 1)
    body = p("A", "1", 0) + p("a", "1", 1) + p("B", "1", 0) + p("b", "1", 1)
    assert texts(parse_docx(make_docx(body, numbering))) == ["1. A", "(1) a", "2. B", "(2) b"]


def test_legal_numbering_shows_decimal() -> None:
    numbering = abstract(
        1, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%1.%2.", extra="<w:isLgl/>")
    ) + num(1, 1)
    body = p("A", "1", 0) + p("B", "1", 0) + p("b", "1", 1)
    assert texts(parse_docx(make_docx(body, numbering))) == ["I. A", "II. B", "2.1. b"]


def test_start_value() -> None:
    data = make_docx(
        p("E", "1", 0) + p("F", "1", 0), abstract(1, lvl(0, "decimal", "%1.", start=5)) + num(1, 1)
    )
    assert texts(parse_docx(data)) == ["5. E", "6. F"]


def test_start_override_on_a_second_instance() -> None:
    numbering = (
        abstract(1, lvl(0, "decimal", "%1."))
        + num(1, 1)
        + num(2, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride>')
    )
    body = p("A", "1", 0) + p("B", "1", 0) + p("C", "2", 0) + p("D", "2", 0)
    assert texts(parse_docx(make_docx(body, numbering))) == ["1. A", "2. B", "3. C", "4. D"]


def test_level_override_replaces_the_format() -> None:
    override = '<w:lvlOverride w:ilvl="0">' + lvl(0, "lowerLetter", "%1)") + "</w:lvlOverride>"
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1) + num(2, 1, override)
    body = p("A", "1", 0) + p("x", "2", 0) + p("y", "2", 0)
    assert texts(parse_docx(make_docx(body, numbering))) == ["1. A", "a) x", "b) y"]


def test_two_instances_of_one_abstract_count_separately() -> None:
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1) + num(2, 1)
    body = p("A", "1", 0) + p("B", "1", 0) + p("x", "2", 0) + p("C", "1", 0) + p("y", "2", 0)
    assert texts(parse_docx(make_docx(body, numbering))) == ["1. A", "2. B", "1. x", "3. C", "2. y"]


STYLES = (
    '<w:style w:type="paragraph" w:styleId="DanhSach"><w:name w:val="Danh sách số"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="DanhSachCon"><w:name w:val="Danh sách con"/>'
    '<w:basedOn w:val="DanhSach"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
)


def test_numbering_inherited_from_paragraph_style_and_its_base() -> None:
    numbering = abstract(1, lvl(0, "decimal", "%1."), lvl(1, "lowerLetter", "%2)")) + num(1, 1)
    body = (
        p("A", style="DanhSach")
        + p("a", style="DanhSachCon")
        + p("b", style="DanhSachCon")
        + p("B", style="DanhSach")
    )
    assert texts(parse_docx(make_docx(body, numbering, STYLES))) == ["1. A", "a) a", "b) b", "2. B"]


def test_num_id_zero_removes_style_numbering() -> None:
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1)
    body = p("A", style="DanhSach") + p("plain", "0", style="DanhSach") + p("B", style="DanhSach")
    assert texts(parse_docx(make_docx(body, numbering, STYLES))) == ["1. A", "plain", "2. B"]


def test_num_style_link_indirection() -> None:
    styles = (
        '<w:style w:type="numbering" w:styleId="KieuDanhSach"><w:name w:val="Kiểu danh sách"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    numbering = (
        abstract(1, lvl(0, "upperRoman", "%1."), extra='<w:styleLink w:val="KieuDanhSach"/>')
        + abstract(2, extra='<w:numStyleLink w:val="KieuDanhSach"/>')
        + num(1, 1)
        + num(2, 2)
    )
    body = p("A", "2", 0) + p("B", "2", 0)
    assert texts(parse_docx(make_docx(body, numbering, styles))) == ["I. A", "II. B"]


def test_undefined_num_is_a_warning_not_an_error() -> None:
    parsed = parse_docx(make_docx(p("A", "7", 0), abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1)))
    assert texts(parsed) == ["A"]
    assert parsed.warnings == ["numbering instance 7 is not defined"]


# -- walking order, text, bold, headings --------------------------------------------------------


def cell(*paragraphs: str) -> str:
    return "<w:tc>" + "".join(paragraphs) + "</w:tc>"


def test_tables_walked_in_document_order_row_by_row_left_cell_first() -> None:
    nested = "<w:tbl><w:tr>" + cell(p("N1")) + cell(p("N2")) + "</w:tr></w:tbl>"
    table = (
        "<w:tbl>"
        + "<w:tr>"
        + cell(p("ỦY BAN NHÂN DÂN"), p("HUYỆN A"))
        + cell(p("CỘNG HÒA"), p("Độc lập"))
        + "</w:tr>"
        + "<w:tr>"
        + cell(p("Số: 1/UBND"), nested)
        + cell(p("A, ngày 1 tháng 1 năm 2024"))
        + "</w:tr>"
        + "</w:tbl>"
    )
    parsed = parse_docx(make_docx(p("before") + table + p("after")))
    got = [(b.text, b.cell) for b in parsed.blocks]
    assert got == [
        ("before", None),
        ("ỦY BAN NHÂN DÂN", (0, 0, 0)),
        ("HUYỆN A", (0, 0, 0)),
        ("CỘNG HÒA", (0, 0, 1)),
        ("Độc lập", (0, 0, 1)),
        ("Số: 1/UBND", (0, 1, 0)),
        ("N1", (1, 0, 0)),
        ("N2", (1, 0, 1)),
        ("A, ngày 1 tháng 1 năm 2024", (0, 1, 1)),
        ("after", None),
    ]


def test_soft_break_tab_hidden_deleted_and_inserted_text() -> None:
    body = (
        "<w:p><w:r><w:t>Nơi nhận:</w:t><w:br/><w:t>- Như trên;</w:t><w:tab/><w:t>x</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r>"
        '<w:del w:id="1" w:author="a"><w:r><w:delText>GONE</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t> new</w:t></w:r></w:ins>'
        "<w:hyperlink><w:r><w:t> link</w:t></w:r></w:hyperlink></w:p>"
    )
    assert texts(parse_docx(make_docx(body))) == ["Nơi nhận:\n- Như trên; x new link"]


def test_bold_from_runs_styles_and_explicit_off() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Dam"><w:name w:val="Đậm"/><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="ChuDam"><w:name w:val="Chữ đậm"/><w:rPr><w:b/></w:rPr></w:style>'
    )
    body = (
        p("run bold", rpr="<w:b/>")
        + p("style bold", style="Dam")
        + p("style bold, run off", style="Dam", rpr='<w:b w:val="0"/>')
        + '<w:p><w:r><w:rPr><w:rStyle w:val="ChuDam"/></w:rPr><w:t>char style</w:t></w:r></w:p>'
        + "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>half </w:t></w:r><w:r><w:t>plain</w:t></w:r></w:p>"
        + '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>'
        + p("plain")
    )
    bolds = [b.bold for b in parse_docx(make_docx(body, styles=styles)).blocks]
    assert bolds == [True, True, False, True, False, True, False]


def test_heading_from_outline_level_never_from_style_name() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="TieuDe1"><w:name w:val="Tiêu đề 1"/>'
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="TieuDeCon"><w:name w:val="Tiêu đề con"/>'
        '<w:basedOn w:val="TieuDe1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="FakeHeading"><w:name w:val="heading 1"/></w:style>'
    )
    body = (
        p("direct", ppr='<w:outlineLvl w:val="2"/>')
        + p("styled", style="TieuDe1")
        + p("inherited", style="TieuDeCon")
        + p("english name only", style="FakeHeading")
        + p("body text level", ppr='<w:outlineLvl w:val="9"/>')
    )
    headings = [b.heading for b in parse_docx(make_docx(body, styles=styles)).blocks]
    assert headings == [3, 1, 1, None, None]


def test_python_docx_builtin_styles_resolve() -> None:
    doc = Document()
    doc.add_paragraph("Mở đầu")
    doc.add_paragraph("một", style="List Number")
    doc.add_paragraph("hai", style="List Number")
    doc.add_paragraph("gạch", style="List Bullet")
    doc.add_heading("Đề mục", 1)
    buf = io.BytesIO()
    doc.save(buf)
    parsed = parse_bytes(buf.getvalue(), ".docx")
    assert parsed.format == "docx"
    assert texts(parsed) == ["Mở đầu", "1. một", "2. hai", "- gạch", "Đề mục"]
    assert parsed.blocks[-1].heading == 1


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04not really a zip", b"", b"\x00" * 100],
    ids=["broken-zip", "empty", "zeros"],
)
def test_unreadable_packages(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        parse_docx(data)


def test_zip_without_main_document_is_unreadable() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/other.xml", "<x/>")
    with pytest.raises(UnreadableFile, match="main document"):
        parse_docx(buf.getvalue())


def test_damaged_document_xml_is_unreadable() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document")
    with pytest.raises(UnreadableFile, match="damaged"):
        parse_docx(buf.getvalue())


# -- the committed fixtures ---------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("[0-9][0-9][0-9]_*.docx")), ids=lambda x: x.stem[:3])
def test_fixture_labels_are_generated_not_typed(path: Path) -> None:
    """The fixtures' list labels exist only in numbering.xml, so the parser must produce them."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    body = root.find(qn("w:body"))
    typed = ["".join(p.itertext()) for p in body.findall(qn("w:p"))]  # outside tables only
    parsed = parse_docx(path.read_bytes())
    assert not parsed.warnings
    labelled = [
        b.text for b in parsed.blocks if b.cell is None and re.match(r"(\d+\.|[IVX]+\.|-)( |$)", b.text)
    ]
    assert labelled
    assert not [t for t in typed if re.match(r"(\d+\.|[IVX]+\.|-)( |$)", t)]


def test_fixture_header_table_and_roman_restart() -> None:
    parsed = parse_docx((FIXTURES / "004_7912c52b217758dc.docx").read_bytes())
    romans = [b.text.split(" ")[0] for b in parsed.blocks if b.text.startswith(("I. ", "II. "))]
    assert romans == ["I.", "II.", "I.", "II."]
    header = parse_docx((FIXTURES / "000_12272236fee134ef.docx").read_bytes()).blocks[:4]
    assert [(b.text, b.cell, b.bold) for b in header] == [
        ("ỦY BAN NHÂN DÂN", (0, 0, 0), True),
        ("HUYỆN CHÂU THÀNH", (0, 0, 0), True),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (0, 0, 1), True),
        ("Độc lập - Tự do - Hạnh phúc", (0, 0, 1), True),
    ]
