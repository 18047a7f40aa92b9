"""Plain text and Markdown.

Text exported by converters often carries Markdown emphasis even in a .txt file (``**169**``,
``## **2. Phòng …**``), so emphasis is removed whenever it is present; a line wholly in bold or
under ``#`` keeps that as ``bold`` / ``heading``, which the section finder uses.
"""

from __future__ import annotations

import re

from extractor import legacy
from extractor.errors import UnreadableFile
from extractor.tree import ParsedDocument, RawBlock

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_BACKSLASH = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1258, the Vietnamese Windows page."""
    return decode_legacy(data)[0]


def decode_legacy(data: bytes) -> tuple[str, str | None]:
    """As :func:`decode`, trying TCVN3/VNI before cp1258; names the legacy encoding converted."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return legacy.to_unicode(data.decode("utf-16"))
    try:
        return legacy.to_unicode(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    found = legacy.bytes_to_unicode(data)
    if found is not None:
        return found
    try:
        return data.decode("cp1258"), None
    except UnicodeDecodeError as err:
        raise UnreadableFile(f"text is neither UTF-8 nor Windows-1258 (byte {err.start})") from err


def looks_like_markdown(text: str) -> bool:
    return bool(re.search(r"\*\*\S|^#{1,6} ", text, re.M))


def parse_text(data: bytes, markdown: bool = False) -> ParsedDocument:
    text, encoding = decode_legacy(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    is_md = markdown or looks_like_markdown(text)
    if not is_md:
        return ParsedDocument("txt", [RawBlock(line) for line in text.split("\n")], encoding=encoding)
    return ParsedDocument("md", list(_markdown_blocks(text)), encoding=encoding)


def _markdown_blocks(text: str) -> list[RawBlock]:
    # Bold may span lines ("**ỦY BAN NHÂN DÂN\nHUYỆN CHÂU THÀNH**"): mark which lines are
    # wholly bold before stripping the markers.
    bold_ranges = [(m.start(), m.end()) for m in _STRONG.finditer(text)]
    blocks: list[RawBlock] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        line = _BLOCKQUOTE.sub("", raw)
        heading = None
        m = _HEADING.match(line)
        if m:
            heading = len(m.group(1))
            line = line[m.end() :]
        stripped = line.strip()
        content = stripped.strip("*_ ").strip()
        bold = bool(content) and any(
            s <= start + raw.find(content[:1]) and end <= e + 2 for s, e in bold_ranges
        )
        line = _STRONG.sub(r"\2", line)
        line = line.replace("**", "")
        line = _EM.sub(r"\1", line)
        line = _BACKSLASH.sub(r"\1", line)
        line = line.rstrip()
        if line.endswith("\\"):  # hard line break marker
            line = line[:-1]
        blocks.append(RawBlock(line, bold=bold or (heading is not None and "**" in raw), heading=heading))
    return blocks
