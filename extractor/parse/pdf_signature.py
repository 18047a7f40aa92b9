"""Digital signatures of a PDF: when it was signed and by which body.

Vietnamese state bodies sign their published PDFs with certificates of the government CA; the
signature dictionary keeps the signing time (``/M``) and a reason naming the signing body
("Ủy ban nhân dân huyện X<email> đã ký lên văn bản này!"). On a scan whose number and day are
written by hand, that is the printed evidence of the issue date and of the issuer, so the
header readers can use it instead of guessing (and say so with a coded warning).
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.tree import Signature

__all__ = ["signatures"]

_TIME = re.compile(r"D:(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})(?P<H>[0-9]{2})?(?P<M>[0-9]{2})?")
# "<body><email> đã ký …": the body is what comes before the e-mail address
_BODY = re.compile(r"^\s*(?P<body>[^<>]{3,120}?)\s*<[^<>@\s]+@[^<>\s]+>")
MAX_SIGNATURES = 20  # a document with more is a signed bundle; its first signatures suffice


def _text(getter: object, obj: object, utf16: bool) -> str:
    size = getter(obj, None, 0)  # type: ignore[operator]
    if size <= 0:
        return ""
    buf = ctypes.create_string_buffer(size)  # char* for the time, void* for the reason
    getter(obj, buf if not utf16 else ctypes.cast(buf, ctypes.c_void_p), size)  # type: ignore[operator]
    raw = buf.raw
    return (raw.decode("utf-16-le", "replace") if utf16 else raw.decode("latin-1")).rstrip("\x00")


def signatures(doc: pdfium.PdfDocument) -> list[Signature]:
    """The document's signatures in file order; an unreadable one is skipped, never fatal."""
    out: list[Signature] = []
    try:
        count = min(pdfium_c.FPDF_GetSignatureCount(doc), MAX_SIGNATURES)
    except (AttributeError, OSError):
        return out
    for i in range(max(count, 0)):
        obj = pdfium_c.FPDF_GetSignatureObject(doc, i)
        if not obj:
            continue
        m = _TIME.search(_text(pdfium_c.FPDFSignatureObj_GetTime, obj, utf16=False))
        time = None
        if m:
            time = f"{m['y']}-{m['m']}-{m['d']}T{m['H'] or '00'}:{m['M'] or '00'}"
        b = _BODY.match(_text(pdfium_c.FPDFSignatureObj_GetReason, obj, utf16=True))
        out.append(Signature(time, " ".join(b["body"].split()) if b else None))
    return out
