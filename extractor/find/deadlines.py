"""Deadlines, immediacy and recurrence in normalized Vietnamese directive text.

A date only becomes a deadline when a cue ("trước", "chậm nhất", "đến hết", "trong",
"Thời hạn hoàn thành:" …) sits right before it, so dates of cited documents ("Kế hoạch số
07/KH-UBND ngày 12/01/2022"), events and number parts are never taken. The patterns are built
in ``date_grammar.py`` from ``extractor/data/deadlines.yaml``; this module resolves what they
match into dates. Recurrence ("hằng tháng") is ``recurrence.py``.

Resolution rules (NĐ 30 practice and the dev gold):

- "trước ngày 10/5/2022" keeps the printed date (kind ``before``); windows "từ ngày 13 đến hết
  ngày 15/5/2019" give the end date; periods give their last day (``within_period``).
- A date without a year ("trước ngày 15/12", "trước 30/8", "trong tháng 8") is the next such
  date on or after ``ref_date``; without ``ref_date`` its date is None (the span is kept).
- Relative deadlines ("trong vòng 15 ngày kể từ ngày ký/nhận được") count from ``ref_date``
  (the document date; "nhận được" is approximated by it); "ngày làm việc" skips weekends.
- Immediacy ("ngay", "khẩn trương", "kịp thời") and ongoing ("thường xuyên") words give spans
  with date None and kind ``asap`` / ``ongoing`` / ``on_demand``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from extractor.dates import add_days, add_months, iso, month_end, safe_date
from extractor.find.date_grammar import lexicon, parse_date, patterns
from extractor.find.recurrence import find_recurrences, pick_recurrence
from extractor.find.thresholds import (
    EFFECT_WINDOW_CHARS,
    NOT_BEFORE_WINDOW_CHARS,
    STANDALONE_DATE_MAX_CHARS,
    UNDATED_YEAR_LOOKAHEAD,
)
from extractor.spans import DeadlineSpan

# parse_date, find_recurrences and pick_recurrence are re-exported for existing callers
__all__ = ["find_deadlines", "find_recurrences", "parse_date", "pick_recurrence"]


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


# --- calendar helpers -------------------------------------------------------------------


def _next_on_or_after(build: Callable[[int], dt.date | None], ref: dt.date | None) -> dt.date | None:
    """First date built for ref's year or the next few years that is not before ref."""
    if ref is None:
        return None
    for year in range(ref.year, min(ref.year + UNDATED_YEAR_LOOKAHEAD, dt.MAXYEAR + 1)):
        value = build(year)
        if value is not None and value >= ref:
            return value
    return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _roman_or_int(value: str) -> int | None:
    return int(value) if value.isdigit() else lexicon().roman.get(value.upper())


# --- token resolution -------------------------------------------------------------------


def _resolve_date(m: re.Match[str], ref: dt.date | None) -> tuple[bool, dt.date | None]:
    """(is_valid, date) for a date token; a missing year resolves against ref."""
    if m.group("fv_d"):
        d, mo, y = int(m.group("fv_d")), int(m.group("fv_m")), _int(m.group("fv_y"))
    elif m.group("fn_d"):
        d, mo, y = int(m.group("fn_d")), int(m.group("fn_m")), _int(m.group("fn_y"))
        if y is None and m.group("fn_s") == "-":
            return False, None  # "2-9", "20-10": holidays, not dates
    else:
        return 1 <= int(m.group("do_d")) <= 31, None  # "ngày 20 hằng tháng": recurring, no date
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return False, None
    if y is not None:
        value = safe_date(y, mo, d)
        return value is not None, value
    return True, _next_on_or_after(lambda year: safe_date(year, mo, d), ref)


def _period_bounds(m: re.Match[str], ref: dt.date | None) -> tuple[bool, dt.date | None, dt.date | None]:
    """(is_valid, first day, last day) of a month/quarter/half-year/year token."""
    if m.group("mo_m"):
        first_m = _roman_or_int(m.group("mo_m"))
        last_m = _int(m.group("mo_m2")) or first_m
        if first_m is None or last_m is None or not (1 <= first_m <= 12 and 1 <= last_m <= 12):
            return False, None, None
        if m.group("mo_end"):
            last_m = 12
        y = _int(m.group("mo_y"))
        fm, lm = first_m, last_m
        if y is None:
            end = _next_on_or_after(lambda year: month_end(year, lm), ref)
            return True, (None if end is None else dt.date(end.year, fm, 1)), end
        return True, dt.date(y, fm, 1), month_end(y, lm)
    if m.group("qu_q"):
        q = _roman_or_int(m.group("qu_q"))
        if q is None or not 1 <= q <= 4:
            return False, None, None
        y = _int(m.group("qu_y"))
        if y is None:
            end = _next_on_or_after(lambda year: month_end(year, 3 * q), ref)
            return True, (None if end is None else dt.date(end.year, 3 * q - 2, 1)), end
        return True, dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    if m.group("ha_n"):
        raw = m.group("ha_n").lower()
        n = _int(raw) or lexicon().number_words.get(raw)
        side = m.group("ha_side").lower()
        y = _int(m.group("ha_y"))
        if side == "đầu":
            if n is None or not 1 <= n <= 12:
                return True, None, None  # "những tháng đầu năm": no definite end
            months = (1, n)
        else:
            months = (13 - n if n and 1 <= n <= 12 else 7, 12)
        if y is None:
            end = _next_on_or_after(lambda year: month_end(year, months[1]), ref)
            return True, (None if end is None else dt.date(end.year, months[0], 1)), end
        return True, dt.date(y, months[0], 1), month_end(y, months[1])
    y = int(m.group("yr_y"))
    return True, dt.date(y, 1, 1), dt.date(y, 12, 31)


def _is_period(m: re.Match[str]) -> bool:
    return any(m.group(f"{p}_{s}") for p, s in (("mo", "m"), ("qu", "q"), ("ha", "n"), ("yr", "y")))


def _cue_kind(cue: str) -> str:
    """Kind from the last non-label cue of a cue sequence; labels alone give "label"."""
    lex = lexicon()
    kind = "label"
    for piece in patterns()["one_cue"].finditer(cue):
        kind = lex.cues.get(_key(piece.group(0)), kind)
    return kind


def _span(text: str, start: int, end: int, value: dt.date | None, kind: str) -> DeadlineSpan:
    return DeadlineSpan(start, end, text[start:end], "DEADLINE", date=iso(value), kind=kind)


def _token_span(
    text: str, m: re.Match[str], start: int, cue_kind: str, ref: dt.date | None
) -> DeadlineSpan | None:
    """Resolve the token of a cued or standalone match into a span (None when not a deadline)."""
    end = m.end("tok")
    if _is_period(m):
        ok, first, last = _period_bounds(m, ref)
        if not ok:
            return None
        if patterns()["vague"].match(text, end):
            first = last = None
        if cue_kind == "before":
            return _span(text, start, end, first, "before")
        return _span(text, start, end, last, "by" if cue_kind == "by" else "within_period")
    ok, value = _resolve_date(m, ref)
    if not ok:
        return None
    kind = {"label": "by", "standalone": "on"}.get(cue_kind, cue_kind)
    return _span(text, start, end, value, kind)


# --- public API -------------------------------------------------------------------------


def _overlaps(spans: list[DeadlineSpan], start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def _windows(text: str, ref: dt.date | None) -> list[DeadlineSpan]:
    """ "từ ngày 13 đến hết ngày 15 tháng 5 năm 2019", "Từ ngày 12.3-30.4" → the end date."""
    found: list[DeadlineSpan] = []
    pats = patterns()
    for m in pats["window"].finditer(text):
        if pats["not_before"].search(text, max(0, m.start() - NOT_BEFORE_WINDOW_CHARS), m.start()):
            continue
        if pats["after_past"].match(text, m.end("tok")):
            continue
        span = _token_span(text, m, m.start(), "by", ref)
        if span is None or (ref is not None and span.date is not None and span.date < ref.isoformat()):
            continue  # a window already over at the document date is an event, not a deadline
        found.append(span)
    return found


def _cued(text: str, ref: dt.date | None, taken: list[DeadlineSpan]) -> list[DeadlineSpan]:
    found: list[DeadlineSpan] = []
    pats = patterns()
    for m in pats["cued"].finditer(text):
        start, end = m.start("cue"), m.end("tok")
        if _overlaps(taken, start, end):
            continue
        if pats["not_before"].search(text, max(0, start - NOT_BEFORE_WINDOW_CHARS), start):
            continue  # "tính đến hết ngày 17/11/2025": a data cut-off
        if pats["after_past"].match(text, end):
            continue  # "trong ngày 14/11/2025 đã xảy ra", "tháng 11 vừa qua": events; "9/10 điểm"
        cue_kind = _cue_kind(m.group("cue"))
        span = _token_span(text, m, start, cue_kind, ref)
        if span is not None:
            found.append(span)
    return found


def _relative(text: str, ref: dt.date | None) -> list[DeadlineSpan]:
    found: list[DeadlineSpan] = []
    pats = patterns()
    numbers = lexicon().number_words
    for m in pats["relative"].finditer(text):
        if pats["effective"].search(text, max(0, m.start() - EFFECT_WINDOW_CHARS), m.start()):
            continue
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else numbers.get(_key(raw), 0)
        value: dt.date | None = None
        if m.group("anchor") and ref is not None and n > 0:
            unit = m.group("unit").lower()
            try:
                if unit == "tháng":
                    value = add_months(ref, n)
                else:
                    value = add_days(ref, n * (7 if unit == "tuần" else 1), bool(m.group("wd")))
            except (OverflowError, ValueError):
                value = None  # past year 9999
        found.append(_span(text, m.start(), m.end(), value, "relative"))
    return found


def _immediacy(text: str) -> list[DeadlineSpan]:
    kinds = {_key(k): v for k, v in lexicon().immediacy.items()}
    return [
        _span(text, m.start(), m.end(), None, kinds.get(_key(m.group(0)), "asap"))
        for m in patterns()["immediacy"].finditer(text)
    ]


def _standalone(text: str, ref: dt.date | None) -> list[DeadlineSpan]:
    """A table cell or line that is only a date or period ("Tháng 12/2025", "01/01/2026")."""
    stripped = text.strip(" .;:-\n")
    if not stripped or len(stripped) > STANDALONE_DATE_MAX_CHARS:
        return []
    offset = text.index(stripped)
    m = patterns()["single"].fullmatch(text, offset, offset + len(stripped))
    if m is None:
        return []
    if (
        m.group("do_d")
        or (m.group("fn_d") and not m.group("fn_y"))
        or (m.group("fv_d") and not m.group("fv_y"))
    ):
        return []
    span = _token_span(text, m, offset, "standalone", ref)
    return [span] if span is not None else []


def find_deadlines(text: str, ref_date: dt.date | None = None) -> list[DeadlineSpan]:
    """Every deadline phrase in text, in text order; dated ones first at equal offsets.

    The pipeline should use the first span with a date; undated spans (immediacy, ongoing,
    relative without a document date, "ngày 20 hằng tháng") say what kind of timing applies.
    """
    windows = _windows(text, ref_date)
    spans = windows + _cued(text, ref_date, windows)
    spans += [s for s in _relative(text, ref_date) if not _overlaps(spans, s.start, s.end) or s.date]
    if not any(s.date for s in spans):
        spans += _standalone(text, ref_date)
    spans += [s for s in _immediacy(text) if not _overlaps(spans, s.start, s.end)]
    return sorted(spans, key=lambda s: (s.start, s.date is None, -s.end))
