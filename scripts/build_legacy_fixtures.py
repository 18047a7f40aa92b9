"""Build legacy-encoded fixtures (TCVN3 and VNI) from the seed and composed texts.

Why: directives typed before Unicode reach the extractor as TCVN3 (.VnTime) or VNI (VNI-Times)
bytes or Word runs; the tests check that such a file gives the same records as its Unicode text.
Outputs (committed, ~100 KB) go to ``tests/fixtures/legacy/``:

- ``<stem>.tcvn3.txt`` and ``<stem>.vni.txt`` for every seed and composed document: plain text
  (Markdown ``**`` and ``#`` removed), encoded byte for byte. TCVN3 has no capitals with tone
  marks, so those letters are written with their lower-case codes, as a .VnTimeH font would;
- ``<seed>.vntime.docx``: the seed's .docx layout with every run in .VnTime, all-capital runs and
  capitals TCVN3 lacks in .VnTimeH (lower-case codes), fonts set on the runs;
- ``<composed>.vni.docx``: a composed document's layout with VNI-Times set on the Normal style
  (runs carry no font), so the font comes from the style chain.

    .venv/bin/python scripts/build_legacy_fixtures.py [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.legacy import encode_tcvn3, encode_vni  # noqa: E402
from scripts.build_fixtures import _deterministic_zip, build_docx, seed_lines  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
COMPOSED = ROOT / "corpus" / "composed"
OUT = ROOT / "tests" / "fixtures" / "legacy"
DOCX_TCVN3 = "000_12272236fee134ef"  # seed built as a .VnTime .docx
DOCX_VNI = "c03_cv_van_thu_phong_dien"  # composed document built as a VNI-Times .docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)


def plain_text(data: bytes) -> str:
    """A seed as plain text: Markdown emphasis and heading marks removed, hard breaks dropped."""
    text = data.decode("utf-8-sig").replace("\r\n", "\n")
    text = _HEADING.sub("", text).replace("**", "")
    return re.sub(r"[ \t]+\n", "\n", text).replace("\\\n", "\n")


def sources() -> list[Path]:
    return sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt")) + sorted(COMPOSED.glob("*.txt"))


# -- .docx -------------------------------------------------------------------------------------


def _tcvn3_pieces(text: str) -> list[tuple[str, str]]:
    """(font, legacy text) pieces of one run: .VnTimeH for capitals TCVN3 cannot write."""
    if text.strip() and text == text.upper() and any(c.isalpha() for c in text):
        return [(".VnTimeH", encode_tcvn3(text.lower()).decode("latin-1"))]
    pieces: list[tuple[str, str]] = []
    for ch in text:
        legacy = encode_tcvn3(ch).decode("latin-1")
        font = ".VnTimeH" if ch != ch.lower() and legacy != ch and legacy == legacy.lower() else ".VnTime"
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + legacy)
        else:
            pieces.append((font, legacy))
    return pieces


def _set_font(run: etree._Element, font: str) -> None:
    rpr = run.find(_W + "rPr")
    if rpr is None:
        rpr = etree.Element(_W + "rPr")
        run.insert(0, rpr)
    fonts = rpr.find(_W + "rFonts")
    if fonts is None:
        fonts = etree.Element(_W + "rFonts")
        rpr.insert(0, fonts)
    fonts.set(_W + "ascii", font)
    fonts.set(_W + "hAnsi", font)


def _tcvn3_runs(root: etree._Element) -> None:
    """Re-type every single-text run in .VnTime/.VnTimeH, splitting it where the font changes."""
    for run in list(root.iter(_W + "r")):
        texts = run.findall(_W + "t")
        if len(texts) != 1 or len(run) > 2 or not texts[0].text:
            continue
        pieces = _tcvn3_pieces(texts[0].text)
        parent = run.getparent()
        assert parent is not None
        index = parent.index(run)
        for n, (font, legacy) in enumerate(pieces):
            new = etree.fromstring(etree.tostring(run))
            t = new.find(_W + "t")
            assert t is not None
            t.text = legacy
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            _set_font(new, font)
            parent.insert(index + n, new)
        parent.remove(run)


def _vni_runs(root: etree._Element) -> None:
    for t in root.iter(_W + "t"):
        if t.text:
            t.text = encode_vni(t.text)


def _vni_styles(root: etree._Element) -> None:
    """VNI-Times on the Normal style and the document defaults: runs inherit it."""
    for style in root.iter(_W + "style"):
        if style.get(_W + "styleId") == "Normal":
            rpr = style.find(_W + "rPr")
            if rpr is None:
                rpr = etree.SubElement(style, _W + "rPr")
            fonts = rpr.find(_W + "rFonts")
            if fonts is None:
                fonts = etree.SubElement(rpr, _W + "rFonts")
            fonts.set(_W + "ascii", "VNI-Times")
            fonts.set(_W + "hAnsi", "VNI-Times")


def legacy_docx(docx: bytes, encoding: str) -> bytes:
    """The .docx with its text re-typed in a legacy font (TCVN3 on runs, VNI on the style)."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                _tcvn3_runs(root) if encoding == "tcvn3" else _vni_runs(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == "word/styles.xml" and encoding == "vni":
                root = etree.fromstring(data)
                _vni_styles(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, data)
    return _deterministic_zip(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    paths = sources()
    if not paths:
        raise SystemExit(f"no sources in {SEEDS} or {COMPOSED}")
    args.out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        text = plain_text(path.read_bytes())
        (args.out / f"{path.stem}.tcvn3.txt").write_bytes(encode_tcvn3(text))
        (args.out / f"{path.stem}.vni.txt").write_bytes(encode_vni(text).encode("cp1252"))
        print(f"wrote {path.stem}.tcvn3.txt, {path.stem}.vni.txt")
    for stem, encoding, suffix in ((DOCX_TCVN3, "tcvn3", "vntime"), (DOCX_VNI, "vni", "vni")):
        path = next(p for p in paths if p.stem == stem)
        docx = build_docx(seed_lines(path.read_bytes()))
        (args.out / f"{stem}.{suffix}.docx").write_bytes(legacy_docx(docx, encoding))
        print(f"wrote {stem}.{suffix}.docx")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
