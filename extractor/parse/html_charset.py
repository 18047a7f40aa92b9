"""The text of an HTML page's bytes: BOM, declared charset, UTF-8, else Windows-1258.

Portals mislabel pages (a UTF-8 page declared Latin-1, a Windows-1258 page declared UTF-8), so
a declaration is trusted only when the bytes decode under it; the warnings say what was guessed.
"""

from __future__ import annotations

import codecs
import re

from extractor.diagnostics import Diagnostic

# Bytes searched for <meta charset> or the XML declaration: browsers look at the first 1024,
# but portals put long inline scripts and styles before the meta tag.
DECLARATION_SCAN_BYTES = 4096

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "x-user-defined": "cp1252",
    "unicode": "utf-8",
}


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """The page as text, the codec used and warnings: BOM, declared charset, UTF-8, cp1258."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8", warnings
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", warnings
    head = data[:DECLARATION_SCAN_BYTES]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    declared = _codec(m.group(1).decode("ascii", "replace")) if m else None
    if m and declared is None:
        warnings.append(
            Diagnostic(
                "charset-guessed",
                "html",
                f"unknown charset {m.group(1).decode('ascii', 'replace')!r}; guessed instead",
            )
        )
    if declared and declared not in ("utf-8", "cp1252"):
        try:
            return data.decode(declared), declared, warnings
        except UnicodeDecodeError:
            warnings.append(
                Diagnostic(
                    "charset-guessed", "html", f"page is not valid {declared} as declared; guessed instead"
                )
            )
    try:
        text = data.decode("utf-8")
        if declared == "cp1252" and not text.isascii():
            warnings.append(
                Diagnostic("charset-guessed", "html", "page declared Latin-1 but is UTF-8; read as UTF-8")
            )
        return text, "utf-8", warnings
    except UnicodeDecodeError as err:
        if declared == "utf-8":
            warnings.append(
                Diagnostic(
                    "charset-guessed",
                    "html",
                    f"page is not valid UTF-8 as declared (byte {err.start}); read as windows-1258",
                )
            )
    if declared == "cp1252":
        return data.decode("cp1252", errors="replace"), "cp1252", warnings
    return data.decode("cp1258", errors="replace"), "cp1258", warnings


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name in ("utf-8", "utf-8-sig") else name
