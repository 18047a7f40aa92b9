"""HTML parser: the article of a portal page, none of the page around it, same records as the .txt.

Fixtures are built by ``scripts/build_html_fixtures.py`` (committed); the end-to-end comparison
needs the seed texts in ``/work/shared/seeds`` (else ``corpus/seeds``) and skips without them.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import EmptyDocument, UnreadableFile
from extractor.evaluate import score
from extractor.parse import parse_bytes
from extractor.parse.html import decode_html, parse_html
from extractor.pipeline import extract_path
from extractor.tree import ParsedDocument, RawBlock
from tests.conftest import ROOT, SEEDS, need

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PAGES = sorted(p for p in FIXTURES.glob("*") if p.suffix in (".html", ".htm"))
F1_TOLERANCE = 0.05

CHROME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin | Cổng TTĐT</title>
<script>var x = "Giao Sở Tài chính";</script><style>p {{ color: red }}</style></head><body>
<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/vb">Văn bản</a></div>
<div id="wrap"><div class="col-left"><article>
<div class="article-header"><h1>Tiêu đề bài viết</h1><div class="post-meta">Ngày đăng: 01/02/2024</div></div>
<div class="article-content">{body}</div>
<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Zalo</a></div>
<div class="tags">Từ khóa: <a href="#">cchc</a></div></article></div>
<aside class="sidebar"><h3>Tin liên quan</h3><ul><li><a href="/1">Giao Sở Y tế báo cáo trước ngày 10/3/2024</a></li>
<li><a href="/2">Tin khác</a></li></ul></aside></div>
<footer><p>Địa chỉ: 12 Lê Lợi. © 2024 Bản quyền thuộc UBND tỉnh.</p></footer></body></html>"""


def page(body: str) -> bytes:
    return CHROME.format(body=body).encode("utf-8")


def texts(parsed: ParsedDocument) -> list[str]:
    return [b.text for b in parsed.blocks]


def block(parsed: ParsedDocument, text: str) -> RawBlock:
    return next(b for b in parsed.blocks if b.text == text)


# -- unit -------------------------------------------------------------------------------------------


def test_boilerplate_removed_and_title_first() -> None:
    parsed = parse_html(page("<p>Giao Sở Nội vụ chủ trì thực hiện.</p><p>Đoạn hai.</p>"))
    assert parsed.format == "html"
    assert texts(parsed) == ["Tiêu đề bài viết", "Giao Sở Nội vụ chủ trì thực hiện.", "Đoạn hai."]
    assert parsed.blocks[0].heading == 1
    joined = "\n".join(texts(parsed))
    for chrome in ("Trang chủ", "Giới thiệu", "Facebook", "Từ khóa", "liên quan", "Sở Y tế", "Địa chỉ", "©"):
        assert chrome not in joined
    assert "Ngày đăng" not in joined and "var x" not in joined and "color" not in joined


def test_table_rows_and_cells() -> None:
    body = (
        "<table><tr><td><b>ỦY BAN NHÂN DÂN</b><br>HUYỆN A</td><td>CỘNG HÒA</td></tr>"
        "<tbody><tr><td><p>Số: 12/UBND-VP</p></td><td><p>A, ngày 01 tháng 02 năm 2024</p></td></tr></tbody>"
        "</table><p>Kính gửi: Phòng Nội vụ</p>"
    )
    parsed = parse_html(page(body))
    assert block(parsed, "ỦY BAN NHÂN DÂN").cell == (0, 0, 0)
    assert block(parsed, "ỦY BAN NHÂN DÂN").bold
    assert block(parsed, "HUYỆN A").cell == (0, 0, 0)
    assert block(parsed, "CỘNG HÒA").cell == (0, 0, 1)
    assert block(parsed, "Số: 12/UBND-VP").cell == (0, 1, 0)
    assert block(parsed, "A, ngày 01 tháng 02 năm 2024").cell == (0, 1, 1)
    assert block(parsed, "Kính gửi: Phòng Nội vụ").cell is None
    # the document's own header stays on top (the header finder reads the issuer from there)
    assert parsed.blocks[0].text == "ỦY BAN NHÂN DÂN"
    assert any("page title left out" in w for w in parsed.warnings)


def test_lists_labelled() -> None:
    body = (
        "<ul><li>Các phòng;</li><li>Các xã.</li></ul>"
        '<ol start="3"><li>Ba</li><li><p>Bốn</p><p>tiếp theo</p></li></ol>'
        '<ol type="a"><li>một</li><li>hai</li></ol><ol type="I"><li>MỤC TIÊU</li></ol>'
    )
    assert texts(parse_html(page(body)))[1:] == [
        "- Các phòng;",
        "- Các xã.",
        "3. Ba",
        "4. Bốn",
        "tiếp theo",
        "a. một",
        "b. hai",
        "I. MỤC TIÊU",
    ]


def test_br_splits_lines_and_bold_is_per_line() -> None:
    body = "<p><strong>TM. ỦY BAN NHÂN DÂN<br>CHỦ TỊCH</strong><br>Nguyễn Văn A</p><p><b>1.</b> Giao việc</p>"
    parsed = parse_html(page(body))
    assert texts(parsed)[1:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A", "1. Giao việc"]
    assert block(parsed, "CHỦ TỊCH").bold and not block(parsed, "Nguyễn Văn A").bold
    assert not block(parsed, "1. Giao việc").bold


def test_headings_and_entities() -> None:
    body = "<h2>2. Phòng Văn hóa &amp; Thông tin</h2><p>A&nbsp;&lt;b&gt; &#7911;y ban &quot;x&quot;</p>"
    parsed = parse_html(page(body))
    h = block(parsed, "2. Phòng Văn hóa & Thông tin")
    assert h.heading == 2 and h.bold
    assert texts(parsed)[2] == 'A <b> ủy ban "x"'


def test_hidden_elements_dropped() -> None:
    body = '<p>Hiện</p><p style="display: none">Ẩn một</p><div hidden>Ẩn hai</div>'
    assert texts(parse_html(page(body)))[1:] == ["Hiện"]


def test_title_from_title_tag_without_h1() -> None:
    data = (
        "<html><head><title>Công văn số 5/UBND | Cổng thông tin điện tử</title></head>"
        "<body><div class='content'><p>Nội dung công văn dài đủ để chọn.</p></div></body></html>"
    ).encode()
    assert texts(parse_html(data)) == ["Công văn số 5/UBND", "Nội dung công văn dài đủ để chọn."]


def test_aspnet_form_wrapper_kept() -> None:
    """Portals wrap the whole page in <form>; it must not be dropped as chrome."""
    data = (
        "<html><body><form id='aspnetForm'><div id='menu'><a>Trang chủ</a></div>"
        "<div class='noidung'><h1>Tiêu đề</h1><p>Giao Sở Tài chính chủ trì, báo cáo trước ngày 10/3/2024.</p>"
        "<p>Giao Sở Nội vụ phối hợp thực hiện.</p></div></form></body></html>"
    ).encode()
    assert texts(parse_html(data)) == [
        "Tiêu đề",
        "Giao Sở Tài chính chủ trì, báo cáo trước ngày 10/3/2024.",
        "Giao Sở Nội vụ phối hợp thực hiện.",
    ]


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="windows-1258">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">',
    ],
)
def test_windows_1258_declared(head: str) -> None:
    # "Ủy ban" in windows-1258: U + combining hook (0xD2), then "y ban"
    data = (
        f"<html><head>{head}</head><body><p>".encode("ascii")
        + b"U\xd2y ban nh\xe2n d\xe2n"
        + b"</p></body></html>"
    )
    text, codec, _ = decode_html(data)
    assert codec == "cp1258"
    assert "nhân dân" in text
    last = parse_bytes(data, ".html").blocks[-1].text
    assert unicodedata.normalize("NFC", last) == "Ủy ban nhân dân"


def test_bom_and_utf8_default_and_fallback() -> None:
    body = "<html><body><p>Ủy ban nhân dân</p></body></html>"
    assert decode_html(b"\xef\xbb\xbf" + body.encode())[1] == "utf-8"
    assert decode_html(body.encode("utf-16"))[0] == body
    assert decode_html(body.encode())[1] == "utf-8"
    # undeclared and not UTF-8: the Vietnamese Windows page
    assert decode_html(b"<p>nh\xe2n d\xe2n \xf0\xe1</p>")[1] == "cp1258"
    # declared UTF-8 but not: still read, with a warning
    text, codec, warnings = decode_html(b'<meta charset="utf-8"><p>nh\xe2n</p>')
    assert codec == "cp1258" and "nhân" in text and warnings


def test_empty_and_garbage_inputs() -> None:
    with pytest.raises(EmptyDocument):
        parse_html(b"")
    with pytest.raises(EmptyDocument):
        parse_html(b"   \n ")
    with pytest.raises(EmptyDocument):
        parse_html(b"<html><head><title></title></head><body><script>x()</script></body></html>")
    with pytest.raises(UnreadableFile):
        parse_html(bytes(range(256)) * 20)


def test_unclosed_tags_still_read() -> None:
    data = b"<html><body><div class='content'><p>M\xe1\xbb\x99t<p>Hai<table><tr><td>\xc3\xb4 1<td>\xc3\xb4 2</div>"
    parsed = parse_html(data)
    assert texts(parsed) == ["Một", "Hai", "ô 1", "ô 2"]
    assert block(parsed, "ô 2").cell == (0, 0, 1)


def test_dispatch_by_suffix_and_doctype() -> None:
    data = page("<p>Nội dung.</p>")
    assert parse_bytes(data, ".htm").format == "html"
    assert parse_bytes(data, "").format == "html"


# -- fixtures and end to end -------------------------------------------------------------------------


def test_fixtures_exist() -> None:
    assert len(PAGES) >= 9, f"no fixtures in {FIXTURES}: run scripts/build_html_fixtures.py"
    assert any(p.suffix == ".htm" for p in PAGES)
    assert any(b"windows-1258" in p.read_bytes()[:2048] for p in PAGES)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_fixture_has_no_chrome(path: Path) -> None:
    joined = "\n".join(texts(parse_html(path.read_bytes())))
    for chrome in (
        "Giới thiệu",
        "Lịch công tác",
        "Chia sẻ",
        "Tin liên quan",
        "Từ khóa",
        "Bản quyền",
        "999/QĐ-UBND",
    ):
        assert chrome not in joined, chrome
    assert "Ngày đăng" not in joined and "Cập nhật lúc" not in joined


def _source(stem: str) -> tuple[Path, Path]:
    """The .txt a fixture was built from, and the gold directory for it."""
    if stem.startswith("c"):
        return ROOT / "corpus" / "composed" / f"{stem}.txt", ROOT / "annotations" / "composed"
    shared = SEEDS / f"{stem}.txt"
    local = ROOT / "corpus" / "seeds" / f"{stem}.txt"
    return (shared if shared.exists() else need(local)), ROOT / "annotations" / "seeds"


def _run(
    path: Path, stem: str, gold_dir: Path, tmp: Path
) -> tuple[dict[str, Any], list[dict[str, Any]], float]:
    result = extract_path(path)
    doc = dict(result.document.model_dump(mode="json"), source=stem)
    tasks = [dict(t.model_dump(mode="json"), source=stem) for t in result.tasks]
    one = tmp / path.suffix.lstrip(".")
    one.mkdir(exist_ok=True)
    shutil.copy(gold_dir / f"{stem}.json", one / f"{stem}.json")
    return doc, tasks, float(score(one, tasks, [doc])["end_to_end"]["f1"])


def _record(task: dict[str, Any]) -> tuple[str, list[str], str | None]:
    return (task["text"], list(task.get("assignees") or []), (task.get("deadline") or {}).get("date"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_end_to_end_same_as_txt(path: Path, tmp_path: Path) -> None:
    stem = path.stem
    txt, gold_dir = _source(stem)
    need(txt)
    assert json.loads((gold_dir / f"{stem}.json").read_text(encoding="utf-8"))
    t_doc, t_tasks, t_f1 = _run(txt, stem, gold_dir, tmp_path)
    h_doc, h_tasks, h_f1 = _run(path, stem, gold_dir, tmp_path)
    for key in ("number", "issued_date", "doc_type", "issuer"):
        assert h_doc[key] == t_doc[key], key
    assert abs(h_f1 - t_f1) <= F1_TOLERANCE, f"{stem}: html F1 {h_f1} vs txt {t_f1}"
    assert [_record(t) for t in h_tasks] == [_record(t) for t in t_tasks]
