"""parse_pdf: pages kept, two-column header and signature kept apart, hostile input refused.

The PDFs are the committed fixtures printed by LibreOffice (scripts/build_fixtures.py), plus small
documents made here with pypdfium2.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractor.errors import UnreadableFile
from extractor.parse import parse_bytes
from extractor.parse.pdf import parse_pdf
from extractor.tree import ParsedDocument

FIXTURES = Path(__file__).parent / "fixtures" / "seeds"
PDFS = sorted(FIXTURES.glob("[0-9][0-9][0-9]_*.pdf"))


@pytest.fixture(scope="module")
def doc000() -> ParsedDocument:
    return parse_pdf((FIXTURES / "000_12272236fee134ef.pdf").read_bytes())


def blank_pdf(pages: int = 1) -> bytes:
    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("path", PDFS, ids=lambda x: x.stem[:3])
def test_every_block_keeps_its_page(path: Path) -> None:
    parsed = parse_pdf(path.read_bytes())
    pages = [b.page or 0 for b in parsed.blocks]
    assert parsed.pages and parsed.pages > 1
    assert all(1 <= p <= parsed.pages for p in pages)
    assert pages == sorted(pages)  # reading order never goes back a page
    assert pages[0] == 1 and pages[-1] == parsed.pages
    assert not parsed.warnings


def test_header_columns_are_separated(doc000: ParsedDocument) -> None:
    texts = [b.text for b in doc000.blocks]
    assert not [t for t in texts if "ỦY BAN" in t and "CỘNG HÒA" in t]
    assert not [t for t in texts if "Số:" in t and "ngày" in t]
    left = [b.text for b in doc000.blocks if b.cell and b.cell[0] == 0 and b.cell[2] == 0]
    right = [b.text for b in doc000.blocks if b.cell and b.cell[0] == 0 and b.cell[2] == 1]
    assert left[:3] == ["ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH", "Số: 169/UBND-VP"]
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Châu Thành, ngày 25 tháng 02 năm 2022",
    ]
    assert texts.index(right[0]) > texts.index(left[-1])  # left column first, as a table walk


def test_signature_block_columns_are_separated(doc000: ParsedDocument) -> None:
    tail = [(b.text, b.cell) for b in doc000.blocks[-6:]]
    assert ("Nơi nhận:", (1, 0, 0)) in tail
    assert ("CHỦ TỊCH", (1, 0, 1)) in tail
    assert [t for t, _ in tail][-1] == "Ngô Thanh Toàn"


def test_wrapped_lines_are_joined_into_one_block_per_item(doc000: ParsedDocument) -> None:
    items = [b.text for b in doc000.blocks if b.text.startswith("- Cập nhật, công khai kịp thời")]
    assert len(items) == 1
    assert items[0].endswith("do Chủ tịch Ủy ban nhân dân tỉnh ký ban hành.")


def test_bold_lines(doc000: ParsedDocument) -> None:
    by_text = {b.text[:20]: b.bold for b in doc000.blocks}
    assert by_text["ỦY BAN NHÂN DÂN"] is True
    assert by_text["1. Các phòng, ban ng"] is True
    assert by_text["Kính gửi:"] is False


def test_page_without_text_layer_is_a_warning() -> None:
    parsed = parse_pdf(blank_pdf(2))
    assert parsed.blocks == []
    assert parsed.pages == 2
    assert parsed.warnings == ["page 1 has no text layer (scanned?)", "page 2 has no text layer (scanned?)"]


def test_dispatch_by_content() -> None:
    parsed = parse_bytes(PDFS[0].read_bytes(), ".bin")
    assert parsed.format == "pdf"


def _truncated() -> bytes:
    data = PDFS[0].read_bytes()
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: b"", "empty"),
        (_truncated, "cannot be opened"),
        (lambda: PDFS[0].read_bytes()[:1000], "cannot be opened"),
        (lambda: b"%PDF-1.7\n" + os.urandom(4096), "cannot be opened"),
        (lambda: b"%PDF-1.4\n%%EOF\n", "cannot be opened"),
        (lambda: (FIXTURES / "encrypted.pdf").read_bytes(), "encrypted"),
    ],
    ids=["zero-bytes", "truncated-half", "truncated-head", "random-after-header", "no-objects", "encrypted"],
)
def test_hostile_input_is_unreadable(make, reason: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnreadableFile, match=reason) as info:
        parse_pdf(make())
    assert "\n" not in str(info.value)
