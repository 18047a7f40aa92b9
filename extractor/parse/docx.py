"""Word .docx: every visible paragraph in reading order, list labels included.

Read straight from the package XML (lxml) rather than python-docx's object model because the
structure that matters is what python-docx hides: ``Document.paragraphs`` skips tables (the header,
signature and Nơi nhận blocks are borderless tables), and automatic list labels ("4.", "-") exist
only in ``numbering.xml``. Headings come from ``w:outlineLvl`` (direct or through the style chain),
never from style names, which are localized ("Tiêu đề 1", "Überschrift 1").
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from extractor import legacy
from extractor.errors import UnreadableFile
from extractor.parse.numbering import Numbering, W
from extractor.tree import ParsedDocument, RawBlock

_W = f"{{{W}}}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "/officeDocument"
_MAX_PART = 200 * 1024 * 1024  # refuse zip bombs: no part of a directive is this large

# Inline containers whose runs are visible; w:del / w:moveFrom (deleted text) are not listed.
_INLINE_CONTAINERS = {
    _W + n for n in ("hyperlink", "smartTag", "ins", "fldSimple", "customXml", "moveTo", "dir", "bdo")
}
_FALSE = {"0", "false", "off"}


def _on(el: etree._Element | None) -> bool | None:
    """A toggle property (w:b, w:vanish): None when absent, else its value."""
    if el is None:
        return None
    return el.get(_W + "val") not in _FALSE


@dataclass(frozen=True)
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    bold: bool | None
    hidden: bool | None
    font: str | None = None  # w:rFonts w:ascii / w:hAnsi: legacy fonts (.VnTime, VNI-Times) need decoding


def _font(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(_W + "rFonts") if rpr is not None else None
    return None if fonts is None else fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi")


def _style_record(style: etree._Element) -> _Style:
    ppr = style.find(_W + "pPr")
    rpr = style.find(_W + "rPr")
    num_id = ilvl = outline = None
    if ppr is not None:
        numpr = ppr.find(_W + "numPr")
        if numpr is not None:
            num_id = _val(numpr.find(_W + "numId"))
            ilvl_s = _val(numpr.find(_W + "ilvl"))
            ilvl = int(ilvl_s) if ilvl_s and ilvl_s.isdigit() else None
        ol = _val(ppr.find(_W + "outlineLvl"))
        outline = int(ol) if ol and ol.isdigit() else None
    return _Style(
        based_on=_val(style.find(_W + "basedOn")),
        num_id=num_id,
        ilvl=ilvl,
        outline=outline,
        bold=_on(rpr.find(_W + "b")) if rpr is not None else None,
        hidden=_on(rpr.find(_W + "vanish")) if rpr is not None else None,
        font=_font(rpr),
    )


def _val(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    v = el.get(_W + "val")
    return None if v is None else str(v)


class _Styles:
    """Style lookups along the basedOn chain, memoized (a long document asks thousands of times)."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_bold = False
        self.default_font: str | None = None
        self._cache: dict[tuple[str, str], object] = {}
        if root is None:
            return
        for style in root.iter(_W + "style"):
            sid = style.get(_W + "styleId")
            if sid is None:
                continue
            self.styles[str(sid)] = _style_record(style)
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
                self.default_para = str(sid)
        rpr_default = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        if rpr_default is not None:
            self.default_bold = bool(_on(rpr_default.find(_W + "b")))
            self.default_font = _font(rpr_default)

    def chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            style = self.styles[sid]
            yield style
            sid = style.based_on

    def get(self, sid: str | None, attr: str) -> object:
        """The nearest value of ``attr`` on the style chain of ``sid``."""
        key = (sid or "", attr)
        if key not in self._cache:
            self._cache[key] = next(
                (getattr(s, attr) for s in self.chain(sid) if getattr(s, attr) is not None), None
            )
        return self._cache[key]

    def style_num(self) -> dict[str, tuple[str, int | None]]:
        """Every style's own or inherited (numId, ilvl), for numStyleLink resolution."""
        out: dict[str, tuple[str, int | None]] = {}
        for sid in self.styles:
            num = self.get(sid, "num_id")
            if isinstance(num, str):
                ilvl = self.get(sid, "ilvl")
                out[sid] = (num, ilvl if isinstance(ilvl, int) else None)
        return out


class _Walker:
    """Walks the body in document order and turns each paragraph into a RawBlock."""

    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[RawBlock] = []
        self.tables = 0
        self.para_font: str | None = None
        self.encoding: str | None = None  # legacy encoding met in a run's font

    # -- containers ---------------------------------------------------------------------------
    def container(self, parent: etree._Element, cell: tuple[int, int, int] | None = None) -> None:
        for child in parent:
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child, cell)
            elif tag == _W + "tbl":
                self.table(child)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.container(content, cell)
            elif tag in (_W + "customXml", _W + "ins", _W + "moveTo"):
                self.container(child, cell)

    def table(self, tbl: etree._Element) -> None:
        index = self.tables
        self.tables += 1
        for r, row in enumerate(_children(tbl, "tr")):
            for c, tc in enumerate(_children(row, "tc")):
                self.container(tc, (index, r, c))

    # -- paragraphs ---------------------------------------------------------------------------
    def paragraph(self, p: etree._Element, cell: tuple[int, int, int] | None) -> None:
        ppr = p.find(_W + "pPr")
        sid = _val(ppr.find(_W + "pStyle")) if ppr is not None else None
        sid = sid or self.styles.default_para
        parts: list[str] = []
        bold_flags: list[bool] = []
        boxes: list[etree._Element] = []
        para_bold = self.styles.get(sid, "bold")
        para_hidden = self.styles.get(sid, "hidden")
        font = self.styles.get(sid, "font")
        self.para_font = font if isinstance(font, str) else self.styles.default_font
        self._inline(p, parts, bold_flags, boxes, bool(para_bold), bool(para_hidden))
        text = "".join(parts)
        label, sep = self._label(ppr, sid)
        if label:
            text = f"{label}{sep}{text}" if text else label
        outline = _val(ppr.find(_W + "outlineLvl")) if ppr is not None else None
        level = int(outline) if outline and outline.isdigit() else self.styles.get(sid, "outline")
        heading = level + 1 if isinstance(level, int) and 0 <= level < 9 else None
        bold = bool(bold_flags) and all(bold_flags)
        self.blocks.append(RawBlock(text, None, bold, heading, cell))
        for box in boxes:  # text boxes: their paragraphs follow the anchoring paragraph
            self.container(box, cell)

    def _label(self, ppr: etree._Element | None, sid: str | None) -> tuple[str, str]:
        num_id: str | None = None
        ilvl: int | None = None
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr.find(_W + "numId"))
            ilvl_s = _val(numpr.find(_W + "ilvl"))
            ilvl = int(ilvl_s) if ilvl_s and ilvl_s.isdigit() else None
        if num_id is None:
            inherited = self.styles.get(sid, "num_id")
            num_id = inherited if isinstance(inherited, str) else None
        if num_id is None or num_id == "0":
            return "", ""
        if ilvl is None:
            style_ilvl = self.styles.get(sid, "ilvl")
            if isinstance(style_ilvl, int):
                ilvl = style_ilvl
            elif sid is not None:
                ilvl = self.numbering.level_for_style(num_id, sid)
        return self.numbering.label(num_id, ilvl or 0)

    def _inline(
        self,
        parent: etree._Element,
        parts: list[str],
        bold_flags: list[bool],
        boxes: list[etree._Element],
        para_bold: bool,
        para_hidden: bool,
    ) -> None:
        for child in parent:
            tag = child.tag
            if tag == _W + "r":
                self._run(child, parts, bold_flags, boxes, para_bold, para_hidden)
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, parts, bold_flags, boxes, para_bold, para_hidden)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self._inline(content, parts, bold_flags, boxes, para_bold, para_hidden)
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    self._inline(choice, parts, bold_flags, boxes, para_bold, para_hidden)

    def _run(
        self,
        run: etree._Element,
        parts: list[str],
        bold_flags: list[bool],
        boxes: list[etree._Element],
        para_bold: bool,
        para_hidden: bool,
    ) -> None:
        rpr = run.find(_W + "rPr")
        rstyle = _val(rpr.find(_W + "rStyle")) if rpr is not None else None
        hidden = _first(
            _on(rpr.find(_W + "vanish")) if rpr is not None else None,
            self.styles.get(rstyle, "hidden") if rstyle else None,
            para_hidden,
        )
        bold = _first(
            _on(rpr.find(_W + "b")) if rpr is not None else None,
            self.styles.get(rstyle, "bold") if rstyle else None,
            para_bold or None,
            self.styles.default_bold,
        )
        text: list[str] = []
        for child in run:
            tag = child.tag
            if tag == _W + "t":
                text.append(child.text or "")
            elif tag == _W + "tab" or tag == _W + "ptab":
                text.append(" ")
            elif tag in (_W + "br", _W + "cr"):
                text.append("\n")
            elif tag == _W + "noBreakHyphen":
                text.append("-")
            elif tag == _W + "sym":
                code = child.get(_W + "char") or ""
                try:
                    text.append(chr(int(code, 16)))
                except ValueError:
                    pass
            elif tag in (_W + "drawing", _W + "pict", _MC + "AlternateContent"):
                boxes.extend(_text_boxes(child))
        if hidden:
            return
        joined = "".join(text)
        font = _font(rpr) or (self.styles.get(rstyle, "font") if rstyle else None) or self.para_font
        joined, encoding = legacy.convert_run(joined, font if isinstance(font, str) else None)
        self.encoding = self.encoding or encoding
        parts.append(joined)
        if joined.strip():
            bold_flags.append(bool(bold))


def _first(*values: object) -> bool:
    for v in values:
        if v is not None:
            return bool(v)
    return False


def _children(el: etree._Element, name: str) -> Iterator[etree._Element]:
    """Direct children named ``name``, looking through content controls and customXml wrappers."""
    for child in el:
        if child.tag == _W + name:
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            inner = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if inner is not None:
                yield from _children(inner, name)


def _text_boxes(el: etree._Element) -> list[etree._Element]:
    """The outermost w:txbxContent under ``el``, ignoring mc:Fallback copies of mc:Choice."""
    found: list[etree._Element] = []
    stack = [el]
    while stack:
        node = stack.pop()
        for child in node:
            if child.tag == _MC + "Fallback":
                continue
            if child.tag == _W + "txbxContent":
                found.append(child)
            else:
                stack.append(child)
    return found


class _Package:
    """The parts of the OPC package this parser needs, located through relationships."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, ValueError, OSError) as err:
            raise UnreadableFile(f"not a readable .docx (ZIP) package: {err}") from err

    def xml(self, name: str | None) -> etree._Element | None:
        if not name or name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.file_size > _MAX_PART:
            raise UnreadableFile(f"part {name} is implausibly large ({info.file_size} bytes)")
        try:
            raw = self.zip.read(name)
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
            return etree.fromstring(raw, parser)
        except (zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, OSError, EOFError) as err:
            raise UnreadableFile(f"part {name} of the .docx is damaged: {err}") from err

    def rels(self, part: str) -> dict[str, str]:
        """Relationship type suffix -> target part name for ``part`` ('' = the package)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root.iter(_REL + "Relationship"):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            out.setdefault(kind, path)
        return out


def parse_docx(data: bytes) -> ParsedDocument:
    """Parse a .docx into blocks: body paragraphs and table-cell paragraphs in reading order."""
    package = _Package(data)
    main = package.rels("").get(_OFFICE_DOC.strip("/"), "word/document.xml")
    document = package.xml(main)
    if document is None:
        raise UnreadableFile("the package has no Word main document (word/document.xml)")
    body = document.find(_W + "body")
    if body is None:
        raise UnreadableFile("the Word main document has no body")
    rels = package.rels(main)
    styles = _Styles(package.xml(rels.get("styles")))
    numbering = Numbering(package.xml(rels.get("numbering")), styles.style_num())
    walker = _Walker(styles, numbering)
    walker.container(body)
    warnings = list(dict.fromkeys(numbering.warnings))
    return ParsedDocument("docx", walker.blocks, warnings, None, encoding=walker.encoding)
