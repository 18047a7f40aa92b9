"""Metadata of a directive: số ký hiệu, type, issuer, date, trích yếu, recipients, signer.

Follows the NĐ 30/2020 layout (../shared/domain) and the shapes converters really produce:
both header columns on one line, ``|`` table cells, one field per line, no header at all
(portal articles, where the reported document's number and date are read from the prose).
Every field is a :class:`ValueSpan` into the normalized text.

Three readers, each in its own module, fill one :class:`Metadata`:

- :mod:`.official`: the two-column header at the top (number, type, issuer, place and date,
  trích yếu, Kính gửi) and where the body starts;
- :mod:`.closing`: Nơi nhận and the signature at the end, where the body ends, an appendix;
- :mod:`.portal`: a page without a header (headline, the reported document in the prose, an
  appendix's "(Kèm theo …)" caption).

:mod:`.cells` holds the shared types and cell splitting, :mod:`.words` the shared lexicon.
"""

from __future__ import annotations

from extractor.find.doc_types import type_from_number
from extractor.find.header.cells import Cell, Metadata
from extractor.find.header.closing import issuer_from_signature, read_closing
from extractor.find.header.official import read_official
from extractor.find.header.portal import read_page
from extractor.find.header.scanned import complete
from extractor.tree import Document

__all__ = ["Cell", "Metadata", "find_metadata", "type_from_number"]


def find_metadata(doc: Document, source: str | None = None) -> Metadata:
    """Read the header and closing blocks of ``doc``; fall back on the prose where they are missing.

    Order matters: the official header first (its number, date and issuer decide whether the
    page is headerless), the closing blocks (the body's end), then what a page without a
    header says, and last the signature's "TM. <body>" for an issuer still unknown.
    """
    meta = Metadata(body_end=len(doc.text))
    read_official(doc, meta)
    read_closing(doc, meta)
    headerless = meta.number is None and meta.issued_date is None and meta.issuer is None
    read_page(doc, meta, headerless)
    if meta.issuer is None:
        issuer_from_signature(doc, meta)
    complete(doc, meta, source)
    return meta
