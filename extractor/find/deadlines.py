"""Deadlines, immediacy and recurrence in normalized Vietnamese directive text.

A date only becomes a deadline when a cue ("trước", "chậm nhất", "đến hết", "trong",
"Thời hạn hoàn thành:" …) sits right before it, so dates of cited documents ("Kế hoạch số
07/KH-UBND ngày 12/01/2022"), events and number parts are never taken. Wording lives in
``extractor/data/deadlines.yaml``.

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

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable

from pydantic import BaseModel

from extractor.lexicon import raw_yaml as load_yaml
from extractor.spans import DeadlineSpan, RecurrenceSpan

__all__ = ["find_deadlines", "find_recurrences", "parse_date", "pick_recurrence"]

_FLAGS = re.IGNORECASE
_Y = r"(?:19|20)[0-9]{2}"
_ROMAN_Q = r"IV|I{1,3}"
_ROMAN_M = r"XII|XI|IX|X|VIII|VII|VI|IV|V|I{1,3}"


class _Lexicon(BaseModel):
    """Schema of deadlines.yaml, so a typo in the data fails loudly at first use."""

    cues: dict[str, str]
    labels: list[str]
    immediacy: dict[str, str]
    recurrence: dict[str, list[str]]
    roman: dict[str, int]
    number_words: dict[str, int]
    relative_anchors: list[str]
    not_before: list[str]


@functools.lru_cache(maxsize=1)
def _lex() -> _Lexicon:
    return _Lexicon.model_validate(load_yaml("deadlines.yaml"))


def _alt(phrases: Iterable[str]) -> str:
    """Regex alternation of phrases, longest first, any run of spaces between words."""
    words = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in words)


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _date_tokens(p: str) -> str:
    """Full or day-month dates: "15 tháng 11 năm 2025", "25/02/2022", "25.12", "ngày 20 hằng tháng"."""
    return (
        rf"(?P<{p}fv_d>[0-9]{{1,2}})\s+tháng\s+(?P<{p}fv_m>[0-9]{{1,2}})(?:\s*,?\s*năm\s+(?P<{p}fv_y>{_Y}))?"
        rf"(?![0-9]|\s*[/-]\s*[0-9])"
        rf"|(?P<{p}fn_d>[0-9]{{1,2}})\s?(?P<{p}fn_s>[/.-])\s?(?P<{p}fn_m>[0-9]{{1,2}})"
        rf"(?:\s?(?P={p}fn_s)\s?(?P<{p}fn_y>{_Y}))?(?![0-9]|[/-]\s?[0-9A-ZĐ]|\.[0-9A-ZĐ])"
        rf"|(?P<{p}do_d>[0-9]{{1,2}})(?=\s+(?:hằng|hàng|mỗi)\s+tháng)"
    )


def _period_tokens(p: str) -> str:
    """Months ("tháng 8/2020", "tháng 11 - 12/2025"), quarters, half-years and years."""
    return (
        rf"tháng\s+(?P<{p}mo_m>[0-9]{{1,2}}|{_ROMAN_M})(?![\w]|\.\w)"
        rf"(?:\s*(?:-|,|và|đến)\s*(?:tháng\s+)?(?P<{p}mo_m2>[0-9]{{1,2}})(?![0-9]))?"
        rf"(?P<{p}mo_end>\s+và\s+(?:những|các)\s+tháng\s+cuối(?=\s+năm))?"
        rf"(?:\s*(?:/|-|,?\s*năm)\s*(?P<{p}mo_y>{_Y}))?(?![0-9]|/[0-9])"
        rf"|quý\s+(?P<{p}qu_q>{_ROMAN_Q}|[1-4])(?![\w]|\.\w)(?:\s*(?:/|-|,?\s*năm)\s*(?P<{p}qu_y>{_Y}))?(?![0-9])"
        rf"|(?P<{p}ha_n>[0-9]{{1,2}}|sáu|chín|ba|những|các)\s+tháng\s+(?P<{p}ha_side>đầu|cuối)\s+năm"
        rf"(?:\s+(?P<{p}ha_y>{_Y}))?(?![0-9])"
        rf"|năm\s+(?P<{p}yr_y>{_Y})(?![0-9/]|\s?-\s?[0-9])"
    )


_TIME = r"[0-9]{1,2}\s*(?:giờ|h|g)(?:\s*[0-9]{1,2}(?:\s*phút|')?)?(?:\s+(?:sáng|chiều|tối|trưa))?"
_PART_OF_DAY = r"(?:buổi\s+)?(?:sáng|chiều|tối|trưa)"


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compile once, on first use (the lexicon is data, so not at import time)."""
    lex = _lex()
    one_cue = f"(?:{_alt(lex.labels)}|{_alt(lex.cues)})"
    cue_seq = rf"(?<!\w)(?<!tháng )(?P<cue>{one_cue}(?:\s*:?\s*{one_cue}){{0,3}})"
    lead = rf"(?:\s*:\s*|\s+)(?:(?P<time>{_TIME})\s*,?\s*)?(?:{_PART_OF_DAY}\s+)?(?:ngày\s+)?"
    tokens = f"(?P<tok>{_date_tokens('')}|{_period_tokens('')})"
    start = (
        rf"[0-9]{{1,2}}(?:\s?[/.-]\s?[0-9]{{1,2}}(?:\s?[/.-]\s?{_Y})?"
        rf"|\s+tháng\s+[0-9]{{1,2}}(?:\s*,?\s*năm\s+{_Y})?)?(?![0-9])"
        rf"|tháng\s+[0-9]{{1,2}}(?:\s*(?:/|năm)\s*{_Y})?"
    )
    window = (
        rf"(?<!\w)(?P<cue>(?:kể\s+)?từ)\s+(?:ngày\s+)?(?P<w1>{start})\s*(?:đến|tới|-)\s*(?:hết\s+)?"
        rf"(?:ngày\s+)?(?P<tok>{_date_tokens('')}|{_period_tokens('')})"
    )
    numbers = rf"[0-9]{{1,3}}|{_alt(lex.number_words)}"
    relative = (
        r"(?<!\w)(?P<cue>trong|chậm\s+nhất(?:\s+là)?|không\s+quá|tối\s+đa)"
        r"(?:\s+(?:vòng|thời\s+hạn|thời\s+gian|là|trong))*"
        rf"\s+(?P<n>{numbers})\s+(?:\([^)]{{1,20}}\)\s+)?(?P<unit>ngày|tuần|tháng)(?!\s+(?:cuối|đầu|năm|qua|vừa|gần|trước)(?!\w))"
        r"(?P<wd>\s+làm\s+việc)?"
        r"(?:\s*,?\s*(?:kể\s+)?(?:từ|sau)\s+(?:ngày\s+|khi\s+|thời\s+điểm\s+)?"
        rf"(?P<anchor>{_alt(lex.relative_anchors)})(?!\w))?"
    )
    return {
        "cued": re.compile(cue_seq + lead + tokens, _FLAGS),
        "window": re.compile(window, _FLAGS),
        "relative": re.compile(relative, _FLAGS),
        "single": re.compile(rf"(?:ngày\s+)?(?P<tok>{_date_tokens('')}|{_period_tokens('')})", _FLAGS),
        "one_cue": re.compile(one_cue, _FLAGS),
        "not_before": re.compile(rf"(?<!\w)(?:{_alt(lex.not_before)})\s*$", _FLAGS),
        "effective": re.compile(r"(?<!\w)(?:có\s+)?hiệu\s+lực(?:\s+thi\s+hành)?\s*$", _FLAGS),
        "after_past": re.compile(r"\s*,?\s*(?:đã|vừa|đang)(?!\w)|\s*điểm(?!\w)", _FLAGS),
        "vague": re.compile(
            r"\s*(?:\([^)]{0,20}\)\s*)?(?:,|và|đến|-)?\s*(?:những|các)\s+(?:năm|tháng)\s+(?:tiếp\s+theo|đầu|sau)"
            r"|\s*,?\s*(?:trở\s+đi|trở\s+về\s+sau|đến\s+khi)",
            _FLAGS,
        ),
        "immediacy": re.compile(
            rf"(?<!\w)(?:{_alt(lex.immediacy)})(?!\w)(?!\s+(?:cả|thẳng|ngắn)(?!\w))", _FLAGS
        ),
        "recurrence": re.compile(
            "|".join(
                rf"(?P<{value}>(?<!\w)(?:{_alt(phrases)})(?!\w)(?!\s*(?:[0-9]|(?:{_ROMAN_M})(?![\w])|tới|sau)))"
                for value, phrases in _lex().recurrence.items()
            ),
            _FLAGS,
        ),
        "full_date": re.compile(
            r"(?<![0-9])(?:(?P<vd>[0-9]{1,2})\s+tháng\s+(?P<vm>[0-9]{1,2})\s*,?\s*năm\s+(?P<vy>[0-9]{4})"
            r"|(?P<nd>[0-9]{1,2})\s?(?P<ns>[/.-])\s?(?P<nm>[0-9]{1,2})\s?(?P=ns)\s?(?P<ny>[0-9]{4}))(?![0-9])",
            _FLAGS,
        ),
    }


# --- calendar helpers -------------------------------------------------------------------


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date | None:
    if not 1 <= m <= 12:
        return None
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _next_on_or_after(build: Callable[[int], dt.date | None], ref: dt.date | None) -> dt.date | None:
    """First date built for ref's year or the next few years that is not before ref."""
    if ref is None:
        return None
    for year in range(ref.year, min(ref.year + 5, dt.MAXYEAR + 1)):
        value = build(year)
        if value is not None and value >= ref:
            return value
    return None


def _add_days(ref: dt.date, n: int, working: bool) -> dt.date:
    if not working:
        return ref + dt.timedelta(days=n)
    day = ref
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _add_months(ref: dt.date, n: int) -> dt.date:
    month = ref.month - 1 + n
    year, month = ref.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(ref.day, calendar.monthrange(year, month)[1]))


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _roman_or_int(value: str) -> int | None:
    return int(value) if value.isdigit() else _lex().roman.get(value.upper())


def parse_date(text: str) -> dt.date | None:
    """First full day-first date in text ("ngày 25 tháng 02 năm 2022", "25/02/2022", "25.02.2022").

    None when there is none or it is impossible (31/02) or left blank ("ngày  tháng  năm 2022").
    """
    m = _patterns()["full_date"].search(text)
    if m is None:
        return None
    if m.group("vd"):
        return _make(int(m.group("vy")), int(m.group("vm")), int(m.group("vd")))
    return _make(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))


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
        value = _make(y, mo, d)
        return value is not None, value
    return True, _next_on_or_after(lambda year: _make(year, mo, d), ref)


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
            end = _next_on_or_after(lambda year: _month_end(year, lm), ref)
            return True, (None if end is None else dt.date(end.year, fm, 1)), end
        return True, dt.date(y, fm, 1), _month_end(y, lm)
    if m.group("qu_q"):
        q = _roman_or_int(m.group("qu_q"))
        if q is None or not 1 <= q <= 4:
            return False, None, None
        y = _int(m.group("qu_y"))
        if y is None:
            end = _next_on_or_after(lambda year: _month_end(year, 3 * q), ref)
            return True, (None if end is None else dt.date(end.year, 3 * q - 2, 1)), end
        return True, dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    if m.group("ha_n"):
        raw = m.group("ha_n").lower()
        n = _int(raw) or {"sáu": 6, "chín": 9, "ba": 3}.get(raw)
        side = m.group("ha_side").lower()
        y = _int(m.group("ha_y"))
        if side == "đầu":
            if n is None or not 1 <= n <= 12:
                return True, None, None  # "những tháng đầu năm": no definite end
            months = (1, n)
        else:
            months = (13 - n if n and 1 <= n <= 12 else 7, 12)
        if y is None:
            end = _next_on_or_after(lambda year: _month_end(year, months[1]), ref)
            return True, (None if end is None else dt.date(end.year, months[0], 1)), end
        return True, dt.date(y, months[0], 1), _month_end(y, months[1])
    y = int(m.group("yr_y"))
    return True, dt.date(y, 1, 1), dt.date(y, 12, 31)


def _is_period(m: re.Match[str]) -> bool:
    return any(m.group(f"{p}_{s}") for p, s in (("mo", "m"), ("qu", "q"), ("ha", "n"), ("yr", "y")))


def _cue_kind(cue: str) -> str:
    """Kind from the last non-label cue of a cue sequence; labels alone give "label"."""
    lex = _lex()
    kind = "label"
    for piece in _patterns()["one_cue"].finditer(cue):
        kind = lex.cues.get(_key(piece.group(0)), kind)
    return kind


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _span(text: str, start: int, end: int, value: dt.date | None, kind: str) -> DeadlineSpan:
    return DeadlineSpan(start, end, text[start:end], "DEADLINE", date=_iso(value), kind=kind)


def _token_span(
    text: str, m: re.Match[str], start: int, cue_kind: str, ref: dt.date | None
) -> DeadlineSpan | None:
    """Resolve the token of a cued or standalone match into a span (None when not a deadline)."""
    end = m.end("tok")
    if _is_period(m):
        ok, first, last = _period_bounds(m, ref)
        if not ok:
            return None
        if _patterns()["vague"].match(text, end):
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
    pats = _patterns()
    for m in pats["window"].finditer(text):
        if pats["not_before"].search(text, max(0, m.start() - 30), m.start()):
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
    pats = _patterns()
    for m in pats["cued"].finditer(text):
        start, end = m.start("cue"), m.end("tok")
        if _overlaps(taken, start, end):
            continue
        if pats["not_before"].search(text, max(0, start - 30), start):
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
    pats = _patterns()
    numbers = _lex().number_words
    for m in pats["relative"].finditer(text):
        if pats["effective"].search(text, max(0, m.start() - 30), m.start()):
            continue
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else numbers.get(_key(raw), 0)
        value: dt.date | None = None
        if m.group("anchor") and ref is not None and n > 0:
            unit = m.group("unit").lower()
            try:
                if unit == "tháng":
                    value = _add_months(ref, n)
                else:
                    value = _add_days(ref, n * (7 if unit == "tuần" else 1), bool(m.group("wd")))
            except (OverflowError, ValueError):
                value = None  # past year 9999
        found.append(_span(text, m.start(), m.end(), value, "relative"))
    return found


def _immediacy(text: str) -> list[DeadlineSpan]:
    kinds = {_key(k): v for k, v in _lex().immediacy.items()}
    return [
        _span(text, m.start(), m.end(), None, kinds.get(_key(m.group(0)), "asap"))
        for m in _patterns()["immediacy"].finditer(text)
    ]


def _standalone(text: str, ref: dt.date | None) -> list[DeadlineSpan]:
    """A table cell or line that is only a date or period ("Tháng 12/2025", "01/01/2026")."""
    stripped = text.strip(" .;:-\n")
    if not stripped or len(stripped) > 40:
        return []
    offset = text.index(stripped)
    m = _patterns()["single"].fullmatch(text, offset, offset + len(stripped))
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


def find_recurrences(text: str) -> list[RecurrenceSpan]:
    """Every recurrence phrase ("định kỳ hằng tháng", "hàng tuần", "trước ngày 15 hằng tháng"), in order."""
    return [
        RecurrenceSpan(m.start(), m.end(), m.group(0), "RECURRENCE", value=m.lastgroup or "monthly")
        for m in _patterns()["recurrence"].finditer(text)
    ]


def pick_recurrence(spans: list[RecurrenceSpan]) -> str | None:
    """The one value a task gets: the first span, except "định kỳ 6 tháng, hằng năm" → yearly.

    The gold treats a six-monthly-and-annual pair as yearly (d22), and otherwise the first
    listed frequency ("hàng tuần, hàng tháng" → weekly, d34).
    """
    if not spans:
        return None
    first = spans[0].value
    if first == "semiannual" and any(s.value == "yearly" for s in spans[1:]):
        return "yearly"
    return first
