"""One parser per format behind one function: bytes in, :class:`ParsedDocument` out.

The format is detected from the content first (ZIP with word/document.xml, %PDF header,
HTML tags) and from the extension only when the content does not say.
"""

from __future__ import annotations

from pathlib import Path

from extractor.errors import UnreadableFile, UnsupportedFormat
from extractor.parse.docx import parse_docx
from extractor.parse.html import parse_html
from extractor.parse.office import parse_office
from extractor.parse.pdf import parse_pdf
from extractor.parse.text import parse_text
from extractor.tree import ParsedDocument, ParseOptions

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def detect(data: bytes, suffix: str = "") -> str:
    """Name the format of ``data``: txt, md, docx, pdf, html, doc, rtf."""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or suffix == ".docx":
            return "docx"
        raise UnsupportedFormat("a ZIP archive that is not a Word .docx document")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or suffix in {".html", ".htm"}:
        return "html"
    if lowered.startswith(b"<") and any(tag in lowered for tag in (b"<html", b"<body", b"<head")):
        return "html"  # a page saved by a browser ("<!-- saved from url=… -->") under another name
    if suffix in {".md", ".markdown"}:
        return "md"
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise UnsupportedFormat("binary content that is not a supported document format")
    return "txt"


def parse_bytes(
    data: bytes, suffix: str = "", name: str | None = None, options: ParseOptions | None = None
) -> ParsedDocument:
    options = options or ParseOptions()
    fmt = detect(data, suffix.lower())
    if fmt in ("txt", "md"):
        return parse_text(data, markdown=fmt == "md")
    if fmt == "docx":
        return parse_docx(data)
    if fmt == "pdf":
        return parse_pdf(data, options)
    if fmt == "html":
        return parse_html(data)
    if fmt in ("doc", "rtf"):
        return parse_office(data, fmt)
    raise UnsupportedFormat(f"format {fmt!r} is not supported")


def parse_path(path: Path, options: ParseOptions | None = None) -> ParsedDocument:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(err.strerror or str(err), str(path)) from err
    try:
        return parse_bytes(data, path.suffix, str(path), options)
    except (UnsupportedFormat, UnreadableFile) as err:
        err.path = err.path or str(path)
        raise
