"""Word automatic numbering, resolved to the label the reader sees.

python-docx exposes no list labels, yet "4. Phòng Nội vụ" is what the reader sees and what the
section finder needs, so the labels are computed here from ``numbering.xml``: a paragraph's
``numPr`` (numId, ilvl) names a *num* instance, which points at an *abstractNum* (possibly via a
``numStyleLink``) holding per-level format, level text and start value, optionally overridden by
the num's ``lvlOverride``. Counters are kept per num instance (the brief's reading of Word: a
"restart numbering" in Word creates a new num, and a new num restarts); using a level resets the
deeper levels unless their ``lvlRestart`` says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree

from extractor.diagnostics import Diagnostic

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _attr(el: etree._Element | None, name: str = "val") -> str | None:
    if el is None:
        return None
    value = el.get(_W + name)
    return None if value is None else str(value)


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


@dataclass(frozen=True)
class Level:
    """One list level: what its label looks like and where it starts."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # lvlRestart: 1-based level whose use restarts this one; 0 = never
    legal: bool = False  # isLgl: placeholders shown as decimal
    suffix: str = "tab"  # tab | space | nothing
    style: str | None = None  # pStyle: the paragraph style bound to this level


@dataclass
class _Abstract:
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass
class _Num:
    abstract_id: str
    overrides: dict[int, etree._Element] = field(default_factory=dict)  # ilvl -> <w:lvl> replacement
    start_overrides: dict[int, int] = field(default_factory=dict)


def format_number(value: int, fmt: str) -> str:
    """Render one counter in a Word number format (Word's a..z, not the Vietnamese a b c d đ)."""
    if fmt in ("decimal", "decimalEnclosedFullstop", "decimalHalfWidth", "decimalFullWidth"):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}" if value < 10 else str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        if value < 1:
            return str(value)
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Word: y, z, aa, bb
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        if value < 1 or value > 3999:
            return str(value)
        out, rest = [], value
        for amount, digits in _ROMAN:
            while rest >= amount:
                out.append(digits)
                rest -= amount
        roman = "".join(out)
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "ordinal":
        return f"{value}."
    return str(value)  # unknown formats (chineseCounting, …): the digits are the best guess


def _parse_level(lvl: etree._Element, base: Level | None = None) -> Level:
    base = base or Level()
    text_el = lvl.find(_W + "lvlText")
    return Level(
        fmt=_attr(lvl.find(_W + "numFmt")) or base.fmt,
        text=(_attr(text_el) or "") if text_el is not None else base.text,
        start=_int(_attr(lvl.find(_W + "start")), base.start) or 0,
        restart=_int(_attr(lvl.find(_W + "lvlRestart")), base.restart),
        legal=lvl.find(_W + "isLgl") is not None and _attr(lvl.find(_W + "isLgl")) not in ("0", "false"),
        suffix=_attr(lvl.find(_W + "suff")) or base.suffix,
        style=_attr(lvl.find(_W + "pStyle")) or base.style,
    )


class Numbering:
    """The definitions of one document plus the running counters while its body is walked.

    ``style_num`` maps a paragraph style id to its own (numId, ilvl) as resolved by the caller
    (used to follow ``numStyleLink``).
    """

    def __init__(self, root: etree._Element | None, style_num: dict[str, tuple[str, int | None]]) -> None:
        self._abstracts: dict[str, _Abstract] = {}
        self._nums: dict[str, _Num] = {}
        self._style_num = style_num
        self._counters: dict[str, dict[int, int]] = {}  # numId -> ilvl -> last value used
        self.warnings: list[str] = []
        if root is None:
            return
        for absn in root.iter(_W + "abstractNum"):
            aid = _attr(absn, "abstractNumId")
            if aid is None:
                continue
            entry = _Abstract(num_style_link=_attr(absn.find(_W + "numStyleLink")))
            for lvl in absn.findall(_W + "lvl"):
                ilvl = _int(_attr(lvl, "ilvl"), 0) or 0
                entry.levels[ilvl] = _parse_level(lvl)
            self._abstracts[aid] = entry
        for num in root.iter(_W + "num"):
            nid = _attr(num, "numId")
            aid = _attr(num.find(_W + "abstractNumId"))
            if nid is None or aid is None:
                continue
            record = _Num(aid)
            for ov in num.findall(_W + "lvlOverride"):
                ilvl = _int(_attr(ov, "ilvl"), 0) or 0
                start = _int(_attr(ov.find(_W + "startOverride")))
                if start is not None:
                    record.start_overrides[ilvl] = start
                lvl = ov.find(_W + "lvl")
                if lvl is not None:
                    record.overrides[ilvl] = lvl
            self._nums[nid] = record

    def _abstract_for(self, num_id: str, depth: int = 0) -> _Abstract | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        absn = self._abstracts.get(num.abstract_id)
        if absn is not None and absn.num_style_link and not absn.levels and depth < 5:
            # numStyleLink: the levels live on the abstractNum reached through the style's numPr.
            linked = self._style_num.get(absn.num_style_link)
            if linked and linked[0] != num_id:
                return self._abstract_for(linked[0], depth + 1)
        return absn

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The effective definition of ``ilvl`` in num ``num_id`` (overrides applied)."""
        num = self._nums.get(num_id)
        absn = self._abstract_for(num_id)
        if num is None or absn is None:
            return None
        base = absn.levels.get(ilvl)
        override = num.overrides.get(ilvl)
        if override is not None:
            lvl = _parse_level(override, base)
        elif base is not None:
            lvl = base
        else:
            return None
        if ilvl in num.start_overrides:
            lvl = replace(lvl, start=num.start_overrides[ilvl])
        return lvl

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose ``pStyle`` is ``style_id`` (style-bound outline lists)."""
        absn = self._abstract_for(num_id)
        if absn is None:
            return None
        for ilvl, lvl in absn.levels.items():
            if lvl.style == style_id:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Advance the counters for one numbered paragraph; return (label, separator)."""
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            if num_id not in self._nums:
                self.warnings.append(
                    Diagnostic("numbering-undefined", "docx", f"numbering instance {num_id} is not defined")
                )
            return "", ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else lvl.start
        for deeper in [d for d in counters if d > ilvl]:
            dl = self.level(num_id, deeper)
            restart = dl.restart if dl is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if lvl.fmt == "bullet":
            label = "-" if lvl.text.strip() else ""
        else:
            label = _PLACEHOLDER.sub(lambda m: self._render(num_id, int(m.group(1)) - 1, lvl), lvl.text)
        separator = {"tab": " ", "space": " "}.get(lvl.suffix, "")
        return label.strip(), separator

    def _render(self, num_id: str, ilvl: int, current: Level) -> str:
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return ""
        value = self._counters.get(num_id, {}).get(ilvl, lvl.start)  # unused level: its start
        fmt = "decimal" if current.legal and lvl.fmt not in ("none", "bullet") else lvl.fmt
        return format_number(value, fmt)
