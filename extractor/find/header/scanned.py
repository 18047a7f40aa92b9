"""Header fields on scans: what is legible, and the printed evidence that completes the rest.

On a signed scan the number and the day are often written by hand over the printed blank and
come out of OCR as junk ("Số: £#†7 /TB-UBND", "ngày |Š tháng Š` năm 2019"). The printed parts
stay legible, so :func:`read_number_line` and :func:`read_date_line` keep them ("…/TB-UBND", the
month and the year) with a coded warning, and :func:`complete` fills the rest only from printed
evidence, never by guessing: the digital signature's time and signing body, and the file name
where a portal named the file by its number ("277TBUBsigned_2019.pdf": its digits, followed by
letters that repeat the printed symbol). Every value taken from evidence carries a warning
saying where it came from.
"""

from __future__ import annotations

import difflib
import re
from pathlib import PurePath

from extractor.dates import parse_iso, safe_date
from extractor.diagnostics import Diagnostic
from extractor.find import thresholds as th
from extractor.find.citations import normalize_number
from extractor.find.header.cells import Metadata, span
from extractor.find.header.words import DATES
from extractor.lexicon import LexiconModel, load
from extractor.normalize import fold, fold_chars
from extractor.spans import ValueSpan
from extractor.tree import Document

__all__ = ["ScanWords", "complete", "read_date_line", "read_number_line"]


class ScanWords(LexiconModel):
    """header.yaml: scanned."""

    number_labels: list[str]
    date_separators: list[str]


W = load("header.yaml", ScanWords, section="scanned")

_LABELS = "|".join(re.escape(w) for w in sorted(W.number_labels, key=len, reverse=True))
# "Số: £#†7 /TB-UBND", "sé:1!° |UBND NC", "Só...“F5. ./TB/ STNMT-VPĐKĐĐ" on folded text: the
# label, junk where the digits were written, a slash (OCR reads "|"), the printed symbol.
_NUMBER_LINE = re.compile(
    rf"^\s*(?:{_LABELS})\s*[:;.,'\"“”]*\s*(?P<junk>[^/|\n]{{0,{th.ILLEGIBLE_NUMBER_MAX_CHARS}}}?)\s*[/|]\s*"
    r"(?P<sym>[a-z][a-z&]*(?:\s*[-/ ]\s*[a-z][a-z&]*){0,4})\s*[.]?\s*$"
)


def _garbled(word: str) -> str:
    """The word, or the word with one letter misread ("Hháng", "ngav"): OCR over a handwritten
    digit often damages the printed letter next to it."""
    alts = [re.escape(word)] + [
        re.escape(word[:i]) + r"\S" + re.escape(word[i + 1 :]) for i in range(len(word))
    ]
    return "(?:" + "|".join(alts) + ")"


_SEP = "".join(re.escape(s) for s in W.date_separators)
_DATE_LINE = re.compile(
    rf"(?P<place>[a-z][^\n,|:0-9/]{{1,{th.PLACE_MAX_CHARS}}}?)\s*[{_SEP}]\s*{_garbled(fold(DATES.day))}"
    rf"(?P<d>[^\n]{{0,{th.ILLEGIBLE_DAY_MAX_CHARS}}}?){_garbled(fold(DATES.month))}"
    rf"(?P<m>[^\n]{{0,{th.ILLEGIBLE_DAY_MAX_CHARS}}}?){re.escape(fold(DATES.year))}\s*(?P<y>(?:19|20)[0-9]{{2}})"
)
_DIGITS = re.compile(r"^[0-9]{1,5}[a-z]?$")
# in a file name: digits and the letters after them ("277TBUB", "75-BTCD"), or letters first ("TB75")
_STEM_NUMBER = re.compile(
    r"(?<![0-9])(?P<d>[0-9]{1,5})[-_ ]?(?P<l>[A-ZĐ]{2,})|(?P<l2>[A-ZĐ]{2,})(?P<d2>[0-9]{1,5})(?![0-9])"
)
_NAME_JUNK = re.compile(r"[^\w\s&’'\-.,()]|[0-9]")
# "ĐẮK R°LẤP", "R\"LÁP", "R?LÁP": OCR's reading of the apostrophe inside a place name
_APOSTROPHE = re.compile(r"(?<=\w)[°\"?`´'](?=\w)")


def read_number_line(doc: Document, start: int, end: int, meta: Metadata) -> bool:
    """A header cell (``doc.text[start:end]``) that is the number label and the printed symbol
    with illegible digits.

    Only called where the strict reader found no number. Returns True when the cell is one, so
    the issuer column never takes it for a name.
    """
    text = doc.text[start:end]
    m = _NUMBER_LINE.match(fold_chars(text))
    if m is None:
        return False
    symbol = re.sub(r"\s*([-/])\s*", r"\1", text[m.start("sym") : m.end("sym")])
    symbol = re.sub(r"\s+", "-", symbol).strip("-/")  # "UBND NC": OCR lost the hyphen
    junk = re.sub(r"[\s.,:;'\"“”`]", "", m.group("junk"))
    s, e = start + m.start("sym"), start + m.end("sym")
    if junk and _DIGITS.match(junk):
        meta.number = span(doc, start + m.start("junk"), e, "NUMBER", normalize_number(f"{junk}/{symbol}"))
        return True
    meta.number = ValueSpan(s, e, doc.text[s:e], "NUMBER", value=f"…/{normalize_number(symbol)}")
    code, what = ("number-illegible", "not legible") if junk else ("number-blank", "left blank")
    meta.warnings.append(Diagnostic(code, "header", f"the digits of the số ký hiệu are {what} (…/{symbol})"))
    return True


def read_date_line(doc: Document, start: int, end: int, meta: Metadata) -> bool:
    """ "Đắk R’lấp, ngày |Š tháng Š` năm 2019" in ``doc.text[start:end]``: the place, the legible
    parts, a warning."""
    text = doc.text[start:end]
    m = _DATE_LINE.search(fold_chars(text))
    if m is None:
        return False
    place = text[m.start("place") : m.end("place")].strip()
    ps = start + text.index(place, m.start("place"))
    meta.place = span(doc, ps, ps + len(place), "PLACE")
    day, month = (re.sub(r"[\s.]", "", m.group(k)) for k in ("d", "m"))
    iso = None
    if day.isdigit() and month.isdigit():
        d = safe_date(int(m.group("y")), int(month), int(day))
        iso = d.isoformat() if d else None
    meta.issued_date = span(doc, ps, start + m.end("y"), "DATE", iso or "")
    if iso is None:
        legible = f"tháng {month if month.isdigit() else '…'} năm {m.group('y')}"
        code, what = ("date-illegible", "not legible") if (day or month) else ("date-blank", "left blank")
        meta.warnings.append(Diagnostic(code, "header", f"the day of the issue date is {what} ({legible})"))
    return True


def complete(doc: Document, meta: Metadata, source: str | None) -> None:
    """Fill illegible or missing header fields from the signature and the file name."""
    _number_from_file_name(meta, source, bool(doc.ocr_pages))
    _date_from_signature(doc, meta)
    _issuer_from_signature(doc, meta)


def _symbol_letters(number: str) -> str:
    return re.sub(r"[^a-z]", "", fold(number.split("/", 1)[-1] if "/" in number else number)).upper()


def _number_from_file_name(meta: Metadata, source: str | None, scanned: bool) -> None:
    """ "277TBUBsigned_2019.pdf" + printed "…/TB-UBND" → 277/TB-UBND, when the file name's
    letters repeat the printed symbol and its digits agree with what OCR could read."""
    if meta.number is None or source is None:
        return
    value = meta.number.value
    legible = value.split("/", 1)[0]
    if not value.startswith("…") and not (scanned and legible.isdigit()):
        return  # a legible number on a text layer is printed evidence enough
    symbol = _symbol_letters(value)
    stem = PurePath(source).stem
    for m in _STEM_NUMBER.finditer(stem):
        digits, letters = (m["d"], m["l"]) if m["d"] else (m["d2"], m["l2"])
        letters = fold(letters).upper()
        if not (symbol.startswith(letters) or symbol.endswith(letters)):
            continue
        if legible == digits:
            return  # OCR read the number the file name repeats
        rest = value.split("/", 1)[1]
        meta.number = ValueSpan(
            meta.number.start, meta.number.end, meta.number.text, "NUMBER", value=f"{digits}/{rest}"
        )
        meta.warnings.append(
            Diagnostic(
                "number-from-filename",
                "header",
                f"the digits {digits} of the số ký hiệu come from the file name",
            )
        )
        return


def _date_from_signature(doc: Document, meta: Metadata) -> None:
    """An illegible or missing day: the digital signature's date, if the printed month and year
    (where legible) agree with it. On an OCR'd page a day read from handwriting that differs
    from the signature's in the same month is taken for a misreading: the signature wins."""
    signed = next((parse_iso(s.time) for s in doc.signatures if s.time), None)
    if signed is None:
        return
    printed = parse_iso(meta.issued_date.value) if meta.issued_date is not None else None
    if printed is not None and (not doc.ocr_pages or printed == signed):
        return  # a printed day on a text layer is the document's own word
    if printed is not None and (printed.year, printed.month) != (signed.year, signed.month):
        return  # OCR read a day whose month or year differs: not the same date at all
    if meta.issued_date is not None:
        written = fold_chars(meta.issued_date.text)
        year = re.search(r"(?:19|20)[0-9]{2}", written)
        month = re.search(rf"{re.escape(fold(DATES.month))}\s*([0-9]{{1,2}})\b", written)
        if (year and int(year.group(0)) != signed.year) or (month and int(month.group(1)) != signed.month):
            return
        base = meta.issued_date
    else:
        base = ValueSpan(0, 0, "", "DATE", value="")
    meta.issued_date = ValueSpan(base.start, base.end, base.text, "DATE", value=signed.isoformat())
    meta.warnings.append(
        Diagnostic(
            "date-from-signature", "header", f"the issue date {signed.isoformat()} is the digital signature's"
        )
    )


def _issuer_from_signature(doc: Document, meta: Metadata) -> None:
    """The signing body when the header's issuer is missing or garbled by OCR."""
    body = next((s.body for s in doc.signatures if s.body), None)
    if meta.issuer is not None:
        current = _APOSTROPHE.sub("’", meta.issuer.value)
        if body is not None and _NAME_JUNK.search(current):
            ratio = difflib.SequenceMatcher(None, fold(current), fold(body)).ratio()
            if ratio >= th.SIGNATURE_ISSUER_MIN_SIMILARITY and len(body) >= len(current) * 0.8:
                current = body  # the header's name garbled by OCR, the signature's complete
                meta.warnings.append(
                    Diagnostic(
                        "issuer-from-signature", "header", f"the issuer is the digital signature's ({body})"
                    )
                )
        if current != meta.issuer.value:
            i = meta.issuer
            meta.issuer = ValueSpan(i.start, i.end, i.text, "ISSUER", value=current)
        return
    if body is not None:
        meta.issuer = ValueSpan(0, 0, "", "ISSUER", value=body)
        meta.warnings.append(
            Diagnostic("issuer-from-signature", "header", f"the issuer is the digital signature's ({body})")
        )
