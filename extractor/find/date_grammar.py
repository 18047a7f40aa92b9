"""The regex grammar of dates, periods and deadline cues, and the lexicon it is built from.

Deadlines (``deadlines.py``) and recurrences (``recurrence.py``) read the same date tokens:
full or day-month dates ("15 tháng 11 năm 2025", "25/02/2022", "25.12"), months, quarters,
year halves and years. Their patterns are compiled here once, on first use, from
``extractor/data/deadlines.yaml`` (schema :class:`DeadlineLexicon`). The calendar nouns (ngày,
tháng, năm, quý, tuần, giờ, phút) and the connectives of a date range (từ … đến/tới, hết, và)
are the grammar of a date and stay in the patterns; every list of cue or context words is data.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from pydantic import model_validator

from extractor.dates import safe_date
from extractor.find.thresholds import BRACKET_NOTE_MAX_CHARS, CUE_CHAIN_MAX
from extractor.lexicon import LexiconModel, alternation, load

__all__ = ["DeadlineLexicon", "lexicon", "parse_date", "patterns", "roman_numerals"]

FLAGS = re.IGNORECASE
_Y = r"(?:19|20)[0-9]{2}"


class DeadlineLexicon(LexiconModel):
    """Schema of deadlines.yaml, so a typo in the data fails loudly at first use."""

    cues: dict[str, str]
    labels: list[str]
    immediacy: dict[str, str]
    immediacy_not_before: list[str]
    recurrence: dict[str, list[str]]
    recurrence_not_before: list[str]
    every: list[str]
    weekdays: dict[str, str]
    sunday: list[str]
    roman: dict[str, int]
    number_words: dict[str, int]
    period_count_words: list[str]
    plural_markers: list[str]
    parts_of_day: list[str]
    relative_cues: list[str]
    relative_fillers: list[str]
    relative_unit_not_before: list[str]
    relative_anchors: list[str]
    not_before: list[str]
    effective: list[str]
    past_markers: list[str]
    score_words: list[str]
    open_period_next: list[str]
    open_ended: list[str]

    @model_validator(mode="after")
    def _period_counts_have_values(self) -> DeadlineLexicon:
        missing = [w for w in self.period_count_words if w not in self.number_words]
        if missing:
            raise ValueError(f"period_count_words not in number_words: {missing}")
        return self


def lexicon() -> DeadlineLexicon:
    """The deadlines.yaml lexicon (parsed once per process by the loader)."""
    return load("deadlines.yaml", DeadlineLexicon)


def _alt(phrases: list[str]) -> str:
    """Alternation in the data's order, any run of spaces between words."""
    return alternation(phrases, longest_first=False)


def roman_numerals(upto: int) -> str:
    """Alternation of the Roman numerals of ``roman`` up to ``upto`` (quarters: 4, months: 12).

    Every use is followed by a not-a-letter lookahead, so only the numeral that is the whole
    word can match and the order of the alternatives does not matter.
    """
    return alternation(k for k, v in lexicon().roman.items() if v <= upto)


def _date_tokens(p: str) -> str:
    """Full or day-month dates: "15 tháng 11 năm 2025", "25/02/2022", "25.12", "ngày 20 hằng tháng"."""
    every = _alt(lexicon().every)
    return (
        rf"(?P<{p}fv_d>[0-9]{{1,2}})\s+tháng\s+(?P<{p}fv_m>[0-9]{{1,2}})(?:\s*,?\s*năm\s+(?P<{p}fv_y>{_Y}))?"
        rf"(?![0-9]|\s*[/-]\s*[0-9])"
        rf"|(?P<{p}fn_d>[0-9]{{1,2}})\s?(?P<{p}fn_s>[/.-])\s?(?P<{p}fn_m>[0-9]{{1,2}})"
        rf"(?:\s?(?P={p}fn_s)\s?(?P<{p}fn_y>{_Y}))?(?![0-9]|[/-]\s?[0-9A-ZĐ]|\.[0-9A-ZĐ])"
        rf"|(?P<{p}do_d>[0-9]{{1,2}})(?=\s+(?:{every})\s+tháng)"
    )


def _period_tokens(p: str) -> str:
    """Months ("tháng 8/2020", "tháng 11 - 12/2025"), quarters, half-years and years."""
    lex = lexicon()
    plural = _alt(lex.plural_markers)
    counts = _alt(lex.period_count_words + lex.plural_markers)
    return (
        rf"tháng\s+(?P<{p}mo_m>[0-9]{{1,2}}|{roman_numerals(12)})(?![\w]|\.\w)"
        rf"(?:\s*(?:-|,|và|đến)\s*(?:tháng\s+)?(?P<{p}mo_m2>[0-9]{{1,2}})(?![0-9]))?"
        rf"(?P<{p}mo_end>\s+và\s+(?:{plural})\s+tháng\s+cuối(?=\s+năm))?"
        rf"(?:\s*(?:/|-|,?\s*năm)\s*(?P<{p}mo_y>{_Y}))?(?![0-9]|/[0-9])"
        rf"|quý\s+(?P<{p}qu_q>{roman_numerals(4)}|[1-4])(?![\w]|\.\w)(?:\s*(?:/|-|,?\s*năm)\s*(?P<{p}qu_y>{_Y}))?(?![0-9])"
        rf"|(?P<{p}ha_n>[0-9]{{1,2}}|{counts})\s+tháng\s+(?P<{p}ha_side>đầu|cuối)\s+năm"
        rf"(?:\s+(?P<{p}ha_y>{_Y}))?(?![0-9])"
        rf"|năm\s+(?P<{p}yr_y>{_Y})(?![0-9/]|\s?-\s?[0-9])"
    )


def _tokens() -> str:
    return f"(?P<tok>{_date_tokens('')}|{_period_tokens('')})"


def _cued() -> str:
    """Cue sequence, optional time of day, then a date or period token."""
    lex = lexicon()
    parts = _alt(lex.parts_of_day)
    time = rf"[0-9]{{1,2}}\s*(?:giờ|h|g)(?:\s*[0-9]{{1,2}}(?:\s*phút|')?)?(?:\s+(?:{parts}))?"
    part_of_day = rf"(?:buổi\s+)?(?:{parts})"
    one_cue = _one_cue()
    cue_seq = rf"(?<!\w)(?<!tháng )(?P<cue>{one_cue}(?:\s*:?\s*{one_cue}){{0,{CUE_CHAIN_MAX}}})"
    lead = rf"(?:\s*:\s*|\s+)(?:(?P<time>{time})\s*,?\s*)?(?:{part_of_day}\s+)?(?:ngày\s+)?"
    return cue_seq + lead + _tokens()


def _one_cue() -> str:
    lex = lexicon()
    return f"(?:{alternation(lex.labels)}|{alternation(lex.cues)})"


def _window() -> str:
    """ "từ ngày 13 đến hết ngày 15/5/2019": a start, then the end token."""
    start = (
        rf"[0-9]{{1,2}}(?:\s?[/.-]\s?[0-9]{{1,2}}(?:\s?[/.-]\s?{_Y})?"
        rf"|\s+tháng\s+[0-9]{{1,2}}(?:\s*,?\s*năm\s+{_Y})?)?(?![0-9])"
        rf"|tháng\s+[0-9]{{1,2}}(?:\s*(?:/|năm)\s*{_Y})?"
    )
    return (
        rf"(?<!\w)(?P<cue>(?:kể\s+)?từ)\s+(?:ngày\s+)?(?P<w1>{start})\s*(?:đến|tới|-)\s*(?:hết\s+)?"
        rf"(?:ngày\s+)?{_tokens()}"
    )


def _relative() -> str:
    """ "trong vòng 15 ngày làm việc kể từ ngày nhận được": opener, number, unit, anchor."""
    lex = lexicon()
    numbers = rf"[0-9]{{1,3}}|{alternation(lex.number_words)}"
    return (
        rf"(?<!\w)(?P<cue>{_alt(lex.relative_cues)})"
        rf"(?:\s+(?:{_alt(lex.relative_fillers)}))*"
        rf"\s+(?P<n>{numbers})\s+(?:\([^)]{{1,{BRACKET_NOTE_MAX_CHARS}}}\)\s+)?(?P<unit>ngày|tuần|tháng)"
        rf"(?!\s+(?:{_alt(lex.relative_unit_not_before)})(?!\w))"
        r"(?P<wd>\s+làm\s+việc)?"
        r"(?:\s*,?\s*(?:kể\s+)?(?:từ|sau)\s+(?:ngày\s+|khi\s+|thời\s+điểm\s+)?"
        rf"(?P<anchor>{alternation(lex.relative_anchors)})(?!\w))?"
    )


def _context() -> dict[str, str]:
    """Checks around a found date: cut-offs and effect before it, events and open ends after."""
    lex = lexicon()
    note = rf"\([^)]{{0,{BRACKET_NOTE_MAX_CHARS}}}\)"
    return {
        "not_before": rf"(?<!\w)(?:{alternation(lex.not_before)})\s*$",
        "effective": rf"(?<!\w)(?:{alternation(lex.effective)})\s*$",
        "after_past": rf"\s*,?\s*(?:{_alt(lex.past_markers)})(?!\w)|\s*(?:{_alt(lex.score_words)})(?!\w)",
        "vague": (
            rf"\s*(?:{note}\s*)?(?:,|và|đến|-)?\s*(?:{_alt(lex.plural_markers)})\s+(?:năm|tháng)"
            rf"\s+(?:{_alt(lex.open_period_next)})"
            rf"|\s*,?\s*(?:{_alt(lex.open_ended)})"
        ),
        "immediacy": (
            rf"(?<!\w)(?:{alternation(lex.immediacy)})(?!\w)(?!\s+(?:{_alt(lex.immediacy_not_before)})(?!\w))"
        ),
    }


_FULL_DATE = (
    r"(?<![0-9])(?:(?P<vd>[0-9]{1,2})\s+tháng\s+(?P<vm>[0-9]{1,2})\s*,?\s*năm\s+(?P<vy>[0-9]{4})"
    r"|(?P<nd>[0-9]{1,2})\s?(?P<ns>[/.-])\s?(?P<nm>[0-9]{1,2})\s?(?P=ns)\s?(?P<ny>[0-9]{4}))(?![0-9])"
)


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """Compile once, on first use (the lexicon is data, so not at import time)."""
    sources = {
        "cued": _cued(),
        "window": _window(),
        "relative": _relative(),
        "single": rf"(?:ngày\s+)?{_tokens()}",
        "one_cue": _one_cue(),
        **_context(),
        "full_date": _FULL_DATE,
    }
    return {name: re.compile(source, FLAGS) for name, source in sources.items()}


def parse_date(text: str) -> dt.date | None:
    """First full day-first date in text ("ngày 25 tháng 02 năm 2022", "25/02/2022", "25.02.2022").

    None when there is none or it is impossible (31/02) or left blank ("ngày  tháng  năm 2022").
    """
    m = patterns()["full_date"].search(text)
    if m is None:
        return None
    if m.group("vd"):
        return safe_date(int(m.group("vy")), int(m.group("vm")), int(m.group("vd")))
    return safe_date(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
