"""Build saved portal pages (.html/.htm) from the seed and composed directive texts.

Why: directives are often published on government portals, inside a page of menus, breadcrumbs,
share buttons, related-news lists and footers whose text (dates, document numbers, unit names)
would be read as tasks if the parser kept it. Each fixture wraps one directive in such chrome, in
one of two common shapes, so a test can check that the HTML gives the same records as the .txt:

* "modern": HTML5 (header/nav/article/aside/footer), numbered items as ``<ol>``/``<ul>``,
  header cells as ``<p>`` lines;
* "portal": an ASP.NET-style page (everything inside ``<form>``, a layout table whose content
  cell is ``td.noidung``), numbered items typed as ``<p>`` text, ``<br>`` line breaks, and one
  page saved in windows-1258 with an http-equiv charset.

The directive header is a 2-column table (issuer | national motto, number | date), Nơi nhận and the
signer another one, wholly bold lines use ``<strong>``. Outputs are small and committed.

    .venv/bin/python scripts/build_html_fixtures.py [--seeds DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.parse.text import parse_text  # noqa: E402

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
LOCAL_SEEDS = ROOT / "corpus" / "seeds"
COMPOSED = ROOT / "corpus" / "composed"
OUT = ROOT / "tests" / "fixtures" / "html"

# stem prefix -> (shape, file suffix, charset)
PLAN: dict[str, tuple[str, str, str]] = {
    "000": ("modern", ".html", "utf-8"),
    "001": ("portal", ".html", "utf-8"),
    "002": ("modern", ".html", "utf-8"),
    "003": ("portal", ".html", "utf-8"),
    "004": ("modern", ".html", "utf-8"),
    "c01": ("modern", ".html", "utf-8"),
    "c02": ("portal", ".htm", "utf-8"),
    "c03": ("modern", ".html", "utf-8"),
    "c04": ("portal", ".html", "windows-1258"),
}

_KINH = re.compile(r"^Kính gửi")
_DATE = re.compile(r"^[^\d,|]{2,40}, ngày\b")
_NATIONAL = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|Độc lập)", re.I)
_RULE = re.compile(r"^[-_=.]{3,}$")
_NOI_NHAN = re.compile(r"^N[ơo]i nhận", re.I)
_BULLET = re.compile(r"^-\s+(.*)$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_ROMAN = re.compile(r"^([IVX]+)\.\s+(.*)$")

NAV = [
    "Trang chủ",
    "Giới thiệu",
    "Tin tức - Sự kiện",
    "Chỉ đạo điều hành",
    "Văn bản pháp luật",
    "Cải cách hành chính",
    "Dịch vụ công",
    "Hỏi đáp",
    "Lịch công tác",
    "Liên hệ",
]
RELATED = [
    "Công văn số 170/UBND-VP ngày 01/3/2022 về việc giao Phòng Tài chính báo cáo trước ngày 15/3/2022",
    "Kế hoạch số 25/KH-UBND ngày 05/02/2024 về cải cách hành chính năm 2024",
    "Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp ngày 20/10/2023",
    "Sở Nội vụ tổ chức tập huấn nghiệp vụ văn thư, lưu trữ năm 2023",
    "Quyết định số 999/QĐ-UBND ngày 12/12/2023 phê duyệt danh mục thủ tục hành chính",
]


@dataclass
class Line:
    text: str
    bold: bool = False
    heading: int | None = None


@dataclass
class Doc:
    """A directive cut into header rows, body lines and footer rows (2 columns each)."""

    title: str
    header: list[tuple[list[Line], list[Line]]] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    footer: list[tuple[list[Line], list[Line]]] = field(default_factory=list)
    after: list[Line] = field(default_factory=list)


def read_lines(data: bytes) -> list[Line]:
    """Non-empty lines as the text parser sees them (Markdown emphasis removed, bold kept)."""
    return [Line(b.text.strip(), b.bold, b.heading) for b in parse_text(data).blocks if b.text.strip()]


def _pipe(line: Line) -> tuple[list[Line], list[Line]] | None:
    """A ``left | right |`` line of a composed text as one table row."""
    if " | " not in line.text and not line.text.endswith(" |"):
        return None
    cells = [c.strip() for c in line.text.rstrip("|").split("|")]
    left, right = cells[0], cells[1] if len(cells) > 1 else ""
    return ([Line(left, line.bold)] if left else [], [Line(right, line.bold)] if right else [])


def cut(lines: list[Line]) -> Doc:
    """Header (up to Kính gửi, else through the date line), body, and Nơi nhận/signer."""
    kinh = next((i for i, ln in enumerate(lines[:40]) if _KINH.match(ln.text)), None)
    date = next((i for i, ln in enumerate(lines[:15]) if _DATE.match(ln.text) or " | " in ln.text), None)
    if kinh is not None:
        head_end = kinh
    elif date is not None:
        head_end = date + 1
        while head_end < len(lines) and _pipe(lines[head_end]):
            head_end += 1
    else:
        head_end = 0
    doc = Doc(title="")
    head = lines[:head_end]
    if any(_pipe(ln) for ln in head):  # "left | right |" rows: left column first, then right
        rows = [row for ln in head if (row := _pipe(ln))]
        head = [ln for row in rows for ln in row[0]] + [ln for row in rows for ln in row[1]]
    if head:
        left: list[Line] = []
        right: list[Line] = []
        number: list[Line] = []
        day: list[Line] = []
        side = left
        for ln in head:
            if _NATIONAL.match(ln.text):
                side = right
                right.append(ln)
            elif _DATE.match(ln.text):
                day.append(ln)
            elif ln.text.startswith("Số") or side is number:
                side = number
                number.append(ln)
            elif _RULE.match(ln.text):
                side.append(ln)
            else:
                side = left
                left.append(ln)
        doc.header = [row for row in ((left, right), (number, day)) if row[0] or row[1]]
    rest = lines[head_end:]
    foot = next((i for i, ln in enumerate(rest) if _NOI_NHAN.match(ln.text)), len(rest))
    doc.body = rest[:foot]
    tail = rest[foot:]
    if any(_pipe(ln) for ln in tail):
        doc.footer = [row for ln in tail if (row := _pipe(ln))]
    elif tail:
        # Nơi nhận and its "-" lines, then the signer's titles (upper case) and name; anything
        # after that (a plan attached to a Quyết định) is body again, after the footer table.
        i = 1
        while i < len(tail) and tail[i].text.startswith("-"):
            i += 1
        j = i
        while j < len(tail) and _upper(tail[j].text):
            j += 1
        j = min(j + 1, len(tail))
        doc.footer = [(tail[:i], tail[i:j])]
        doc.after = tail[j:]
    doc.title = _title(lines, doc)
    return doc


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _title(lines: list[Line], doc: Doc) -> str:
    """What a portal would put in <h1>: the subject (V/v … or the line under the doc type)."""
    for i, ln in enumerate(lines[:30]):
        if ln.text.startswith("V/v"):
            return "Về việc " + ln.text[3:].strip()
        if ln.text.isupper() and len(ln.text.split()) <= 3 and i + 1 < len(lines) and not _pipe(ln):
            if ln.text in ("KẾ HOẠCH", "QUYẾT ĐỊNH", "THÔNG BÁO", "BÁO CÁO", "CHỈ THỊ"):
                return f"{ln.text.capitalize()} {lines[i + 1].text}"
    return doc.body[0].text if doc.body else "Văn bản chỉ đạo"


# -- HTML ---------------------------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def inline(ln: Line) -> str:
    return f"<strong>{esc(ln.text)}</strong>" if ln.bold else esc(ln.text)


def cell_html(lines: list[Line], shape: str) -> str:
    if shape == "portal":  # one paragraph, lines split by <br>
        return "<p>" + "<br>\n".join(inline(ln) for ln in lines) + "</p>" if lines else "&nbsp;"
    return "".join(f"<p>{inline(ln)}</p>" for ln in lines) if lines else ""


def table_html(rows: list[tuple[list[Line], list[Line]]], shape: str, css: str) -> str:
    out = [f'<table class="{css}" width="100%">']
    for left, right in rows:
        out.append(
            f'<tr><td width="40%" align="center">{cell_html(left, shape)}</td>'
            f'<td align="center">{cell_html(right, shape)}</td></tr>'
        )
    out.append("</table>")
    return "\n".join(out)


def body_html(lines: list[Line], lists: bool) -> str:
    """Body paragraphs; with ``lists`` runs of "- " lines become <ul>, numbered lines <ol>."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.heading:
            level = min(ln.heading, 6)
            out.append(f"<h{level}>{inline(ln)}</h{level}>")
            i += 1
            continue
        if lists and _BULLET.match(ln.text):
            items = []
            while i < len(lines) and not lines[i].heading and (m := _BULLET.match(lines[i].text)):
                items.append(inline(Line(m.group(1), lines[i].bold)))
                i += 1
            out.append("<ul>" + "".join(f"<li>{it}</li>" for it in items) + "</ul>")
            continue
        m = _NUMBERED.match(ln.text) or _ROMAN.match(ln.text)
        if lists and m:
            roman = not m.group(1).isdigit()
            start = _unroman(m.group(1)) if roman else int(m.group(1))
            items = []
            n = start
            while i < len(lines) and not lines[i].heading:
                m2 = (_ROMAN if roman else _NUMBERED).match(lines[i].text)
                if not m2 or (_unroman(m2.group(1)) if roman else int(m2.group(1))) != n:
                    break
                items.append(inline(Line(m2.group(2), lines[i].bold)))
                n += 1
                i += 1
            kind = ' type="I"' if roman else ""
            out.append(f'<ol start="{start}"{kind}>' + "".join(f"<li>{it}</li>" for it in items) + "</ol>")
            continue
        out.append(f"<p>{inline(ln)}</p>")
        i += 1
    return "\n".join(out)


def _unroman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def page(doc: Doc, shape: str, charset: str, site: str) -> str:
    nav = "".join(f'<li><a href="/muc/{i}">{esc(t)}</a></li>' for i, t in enumerate(NAV))
    related = "".join(
        f'<li><a href="/tin/{i}">{esc(t)}</a> <span>(12/01/2024)</span></li>' for i, t in enumerate(RELATED)
    )
    article = "\n".join(
        part
        for part in (
            table_html(doc.header, shape, "vb-header") if doc.header else "",
            body_html(doc.body, lists=shape == "modern"),
            table_html(doc.footer, shape, "vb-footer") if doc.footer else "",
            body_html(doc.after, lists=shape == "modern") if doc.after else "",
        )
        if part
    )
    share = (
        '<div class="share-buttons">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a> '
        '<a href="#">Twitter</a> <a href="#" class="print">In trang</a></div>'
    )
    byline = (
        '<div class="article-meta"><span class="date">Ngày đăng: 12/01/2024 08:15</span> | '
        '<span class="author">Tác giả: Ban Biên tập</span> | <span>Lượt xem: 1.234</span></div>'
    )
    footer_text = (
        f"Cơ quan chủ quản: {esc(site)}. Địa chỉ: số 12 đường Lê Lợi, phường 1. "
        "Điện thoại: 0270.3822.123. Email: banbientap@example.gov.vn. "
        "© Bản quyền thuộc Cổng thông tin điện tử. Ghi rõ nguồn khi phát hành lại thông tin từ website này."
    )
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if shape == "portal"
        else f'<meta charset="{charset}">'
    )
    title = f"{esc(doc.title)} | {esc(site)}"
    if shape == "modern":
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
{meta}
<title>{title}</title>
<link rel="stylesheet" href="/css/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>.vb-header td {{ text-align: center; }}</style>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/"><img src="/logo.png" alt="logo"> {esc(site.upper())}</a></div>
  <nav class="main-menu"><ul>{nav}</ul></nav>
  <form class="search-box"><input type="text" placeholder="Tìm kiếm"><button>Tìm</button></form>
</header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &raquo; <a href="/vb">Chỉ đạo điều hành</a></div>
<main class="container">
  <article class="news-detail">
    <div class="article-header">
      <h1>{esc(doc.title)}</h1>
      {byline}
    </div>
    <div class="article-content">
{article}
    </div>
    <p class="attach">Tải về: <a href="/files/vanban.pdf">vanban.pdf</a></p>
    {share}
    <div class="tags">Từ khóa: <a href="#">cải cách hành chính</a>, <a href="#">chỉ đạo</a></div>
  </article>
  <aside class="sidebar">
    <h3>Tin liên quan</h3>
    <ul class="related-news">{related}</ul>
    <div class="banner"><a href="#"><img src="/b.png" alt="Dịch vụ công trực tuyến"></a></div>
  </aside>
</main>
<footer class="site-footer"><p>{footer_text}</p><p>Đang truy cập: 125 | Tổng lượt truy cập: 1.234.567</p></footer>
<script>console.log("ready");</script>
</body>
</html>
"""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{meta}
<title>{title}</title>
<script type="text/javascript">var _gaq = _gaq || [];</script>
</head>
<body>
<form name="aspnetForm" method="post" action="./ChiTiet.aspx" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAgIBD2QWAg==">
<div id="top-banner"><span class="site-name">{esc(site.upper())}</span></div>
<div id="menu"><ul>{nav}</ul></div>
<div id="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/vb">Văn bản chỉ đạo</a> &gt; Chi tiết</div>
<table class="layout" width="100%" cellpadding="0" cellspacing="0">
<tr>
<td class="left-col" width="25%" valign="top">
  <div class="box-title">Tin mới</div>
  <ul>{related}</ul>
</td>
<td class="noidung" valign="top">
  <div class="title-news"><h1>{esc(doc.title)}</h1></div>
  <div class="ngay-dang date">Cập nhật lúc 08:15 ngày 12/01/2024</div>
  <div id="ctl00_ContentPlaceHolder1_NoiDung">
{article}
  </div>
  <div class="social-share"><a href="#">Chia sẻ Facebook</a> <a href="#">Gửi email</a> <a href="#">In bài</a></div>
  <div class="tinkhac"><b>Các tin khác</b><ul>{related}</ul></div>
</td>
</tr>
</table>
<div id="footer"><p>{footer_text}</p></div>
</form>
</body>
</html>
"""


def to_cp1258(text: str) -> bytes:
    """Encode for windows-1258: precomposed letters not in the page become base letter + tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, mark = unicodedata.normalize("NFC", decomposed[:-1]), decomposed[-1]
        try:
            out += (base + mark).encode("cp1258")
        except UnicodeEncodeError:
            out += ch.encode("ascii", errors="xmlcharrefreplace")
    return bytes(out)


def sources(seeds: Path) -> list[Path]:
    return sorted(seeds.glob("[0-9][0-9][0-9]_*.txt")) + sorted(COMPOSED.glob("c[0-9][0-9]_*.txt"))


def build(path: Path) -> tuple[str, bytes]:
    """The fixture file name and bytes for one source text."""
    shape, suffix, charset = PLAN.get(path.stem[:3], ("modern", ".html", "utf-8"))
    doc = cut(read_lines(path.read_bytes()))
    issuer = next((ln.text for row in doc.header for ln in row[0] if "NHÂN DÂN" not in ln.text), "")
    site = f"Cổng thông tin điện tử {issuer.title()}" if issuer else "Cổng thông tin điện tử"
    text = page(doc, shape, charset, site)
    data = to_cp1258(text) if charset == "windows-1258" else text.encode("utf-8")
    return path.stem + suffix, data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    default_seeds = SHARED_SEEDS if SHARED_SEEDS.exists() else LOCAL_SEEDS
    parser.add_argument("--seeds", type=Path, default=default_seeds)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in sources(args.seeds):
        name, data = build(path)
        (args.out / name).write_bytes(data)
        print(f"{args.out / name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
