"""Which part of an HTML page is the article: page chrome dropped, the best container chosen.

Menus, breadcrumbs, share buttons, related-news lists and footers would become false tasks,
units or dates if read. Hidden elements and chrome (by tag, or by class/id name) are dropped,
except a wrapper holding most of the page's text (ASP.NET portals wrap everything in a form);
the remaining containers are scored by non-link text, damped by link density, with a small
bonus for ``article``/``main`` and content-like names; link lists left inside the winner go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from extractor.parse.html_blocks import flat_text

# A chrome element is kept when it holds at least this share of the page's text with links
# under this density: it wraps the page rather than sitting beside the article.
WRAPPER_MIN_TEXT_SHARE = 0.5
WRAPPER_MAX_LINK_DENSITY = 0.5
# Inside the article, a box that is mostly links (over this density) and holds less than this
# share of the article's text is a menu or a "see also" list.
LINK_LIST_MIN_DENSITY = 0.5
LINK_LIST_MAX_TEXT_SHARE = 0.5
# Score bonuses: enough to prefer an <article> or a "noidung" box over its parent holding the
# same text plus a little chrome, not enough to beat a box with clearly more text.
ARTICLE_TAG_BONUS = 0.1
CONTENT_NAME_BONUS = 0.15

# Never visible or never text: removed with everything inside.
_INVISIBLE = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "select",
    "button",
    "input",
    "textarea",
    "head",
    "link",
    "meta",
)
# Page chrome by tag; kept only when it wraps most of the page.
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "menu"}
_CHROME_CLASS = re.compile(
    r"menu|nav|breadcrumb|share|social|related|comment|footer|header|sidebar|banner|login|print|"
    r"byline|author|dateline|publish|pager|pagination|popup|modal|cookie|advert|sponsor|widget|logo|"
    r"toolbar|search|subscribe|newsletter|rating|lienquan|tinkhac|cungchuyenmuc|chiase|binhluan|"
    r"danhmuc|tieudiem|quangcao|"
    r"(?:^|[^a-z])(?:tags?|ads?|date|time|meta|top|bottom)(?:[^a-z]|$)",
    re.I,
)
# Content-like names: a bonus when scoring, and they spare a chrome-named box holding the h1.
_CONTENT_CLASS = re.compile(
    r"content|article|detail|body|noidung|chitiet|baiviet|news-?content|entry|post|main|column|"
    r"document|vanban|van-ban|fulltext|toanvan",
    re.I,
)
_CANDIDATE_TAGS = {"article", "main", "section", "div", "td", "body", "center", "font"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SITE_SUFFIX = re.compile(r"cổng|trang|portal|website|báo|tin tức|\.vn|\.com|\.net|\.org", re.I)


def _names(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


@dataclass
class _Counts:
    """Non-space characters of text, and of text inside links, for every element."""

    text: dict[etree._Element, int] = field(default_factory=dict)
    link: dict[etree._Element, int] = field(default_factory=dict)

    def measure(self, el: etree._Element, in_link: bool = False) -> tuple[int, int]:
        in_link = in_link or el.tag == "a"
        own = _chars(el.text)
        text, link = own, own if in_link else 0
        for child in el:
            t, lk = self.measure(child, in_link)
            tail = _chars(child.tail)
            text += t + tail
            link += lk + (tail if in_link else 0)
        self.text[el], self.link[el] = text, link
        return text, link

    def density(self, el: etree._Element) -> float:
        text = self.text.get(el, 0)
        return self.link.get(el, 0) / text if text else 0.0


def _chars(s: str | None) -> int:
    return len(s) - sum(1 for c in s if c.isspace()) if s else 0


def _hidden(el: etree._Element) -> bool:
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(el.get("style") or ""))
    )


def _is_chrome(el: etree._Element) -> bool:
    """Page chrome by tag (nav, header, …) or by class/id name (menu, share, related, …)."""
    if el.tag in ("table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    if el.tag in _CHROME_TAGS:
        return True
    names = _names(el)
    return bool(names) and bool(_CHROME_CLASS.search(names))


def _article_head(el: etree._Element) -> bool:
    """An article's own header box (h1 inside, content-like name or inside article/main)."""
    if next(iter(el.iter("h1")), None) is None:
        return False
    if _CONTENT_CLASS.search(_names(el)):
        return True
    return any(a.tag in ("article", "main") for a in el.iterancestors())


def _prune(el: etree._Element, counts: _Counts, total: int) -> None:
    """Drop hidden and chrome elements; keep a wrapper of most of the page, and the article head."""
    for child in list(el):
        if not isinstance(child.tag, str):
            continue
        if _hidden(child):
            child.drop_tree()
            continue
        if _is_chrome(child):
            wrapper = (
                counts.text.get(child, 0) >= WRAPPER_MIN_TEXT_SHARE * total
                and counts.density(child) < WRAPPER_MAX_LINK_DENSITY
            )
            if not wrapper and not _article_head(child):
                child.drop_tree()
                continue
        _prune(child, counts, total)


def _drop_link_lists(main: etree._Element, counts: _Counts) -> None:
    """Lists and boxes that are mostly links (an unlabelled menu, "see also") inside the article."""
    total = counts.text.get(main, 0)
    for el in list(main.iter("ul", "ol", "div", "section", "p", "table", "dl")):
        if el is main or el.getparent() is None:
            continue
        text = counts.text.get(el, 0)
        if text and counts.density(el) > LINK_LIST_MIN_DENSITY and text < LINK_LIST_MAX_TEXT_SHARE * total:
            el.drop_tree()


def _main_content(body: etree._Element, counts: _Counts) -> etree._Element:
    """The container with the most non-link text, nudged toward article-like names and tags."""
    best, best_score = body, -1.0
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag not in _CANDIDATE_TAGS:
            continue
        text = counts.text.get(el, 0)
        if not text:
            continue
        link = counts.link.get(el, 0)
        score = (text - link) * (1 - link / text)
        bonus = 1.0
        if el.tag in ("article", "main"):
            bonus += ARTICLE_TAG_BONUS
        if _CONTENT_CLASS.search(_names(el)):
            bonus += CONTENT_NAME_BONUS
        score *= bonus
        if score > best_score:
            best, best_score = el, score
    return best


# -- title ----------------------------------------------------------------------------------------


def _title(page_title: str, body: etree._Element, main: etree._Element) -> tuple[etree._Element | None, str]:
    """The h1 in the article, else the last h1 before it, else the first after, else <title>."""
    inside = next(iter(main.iter("h1")), None)
    if inside is not None:
        return inside, flat_text(inside)
    before: etree._Element | None = None
    after: etree._Element | None = None
    seen_main = False
    for el in body.iter():
        if el is main:
            seen_main = True
        elif el.tag == "h1":
            if not seen_main:
                before = el
            elif after is None:
                after = el
    chosen = before if before is not None else after
    if chosen is not None and flat_text(chosen):
        return chosen, flat_text(chosen)
    parts = [p.strip() for p in re.split(r"\s+[|–—]\s+|\s+-\s+(?=[^-]*$)", page_title) if p.strip()]
    if len(parts) > 1 and _SITE_SUFFIX.search(parts[-1]):
        parts = parts[:-1]
    return None, " - ".join(parts) if parts else ""


def find_article(root: etree._Element) -> tuple[etree._Element, etree._Element | None, str]:
    """The article element of a parsed page, its h1 (emitted as the title) and the title text.

    Strips invisible elements and chrome from ``root`` in place.
    """
    title_el = root.find(".//title")
    page_title = flat_text(title_el) if title_el is not None else ""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *_INVISIBLE, with_tail=False)
    body = root.find("body")
    if body is None:
        body = root
    counts = _Counts()
    counts.measure(body)
    _prune(body, counts, counts.text.get(body, 0))
    counts = _Counts()
    counts.measure(body)
    main = _main_content(body, counts)
    _drop_link_lists(main, counts)
    h1, title = _title(page_title, body, main)
    return main, h1, title
