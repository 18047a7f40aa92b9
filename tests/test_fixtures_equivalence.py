"""The same seed as .txt, .docx and .pdf must give the same body lines.

The body runs from the first paragraph outside the header table ("Kính gửi", or the title when
there is none) to the end, Nơi nhận and signer included. The fixtures are built by
``scripts/build_fixtures.py`` and committed; only the .txt side needs ``/work/shared``.

PDF tolerance: LibreOffice's layout does not always allow a paragraph to be rebuilt from its
lines; each case below is listed in ``PDF_TOLERATED`` with the reason, and only those lines may
differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.parse.docx import parse_docx
from extractor.parse.pdf import parse_pdf
from extractor.parse.text import parse_text
from extractor.tree import ParsedDocument, build
from tests.conftest import SEEDS, need

FIXTURES = Path(__file__).parent / "fixtures" / "seeds"
STEMS = sorted(p.stem for p in FIXTURES.glob("[0-9][0-9][0-9]_*.docx"))

# stem -> lines of the .txt body that the PDF may render differently, and why.
PDF_TOLERATED: dict[str, dict[str, str]] = {}


def lines(parsed: ParsedDocument) -> list[str]:
    return [ln.text.strip() for ln in build(parsed).lines if ln.text.strip()]


def body_start(parsed: ParsedDocument) -> str:
    """The first non-empty block outside a table: where the header ends in the .docx."""
    for block in parsed.blocks:
        if block.cell is None and block.text.strip():
            return lines(ParsedDocument(parsed.format, [block]))[0]
    raise AssertionError("no body paragraph")


def body(all_lines: list[str], start: str) -> list[str]:
    assert start in all_lines, f"body start {start!r} not found"
    return all_lines[all_lines.index(start) :]


@pytest.fixture(scope="module", params=STEMS)
def seed(request: pytest.FixtureRequest) -> tuple[str, list[str], str]:
    stem: str = request.param
    txt = need(SEEDS / f"{stem}.txt")
    docx = parse_docx((FIXTURES / f"{stem}.docx").read_bytes())
    start = body_start(docx)
    return stem, body(lines(parse_text(txt.read_bytes())), start), start


def test_fixtures_exist() -> None:
    assert STEMS, f"no fixtures in {FIXTURES}: run scripts/build_fixtures.py"
    for stem in STEMS:
        assert (FIXTURES / f"{stem}.pdf").exists()


def test_body_starts_at_kinh_gui_when_there_is_one(seed: tuple[str, list[str], str]) -> None:
    stem, _, start = seed
    txt = need(SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    if "Kính gửi" in txt[:3000]:
        assert start.startswith("Kính gửi")


def test_docx_body_equals_txt(seed: tuple[str, list[str], str]) -> None:
    stem, expected, start = seed
    got = body(lines(parse_docx((FIXTURES / f"{stem}.docx").read_bytes())), start)
    assert got == expected


def test_pdf_body_equals_txt(seed: tuple[str, list[str], str]) -> None:
    stem, expected, start = seed
    got = body(lines(parse_pdf((FIXTURES / f"{stem}.pdf").read_bytes())), start)
    tolerated = PDF_TOLERATED.get(stem, {})
    if tolerated:
        expected = [ln for ln in expected if ln not in tolerated]
        got = [ln for ln in got if ln not in tolerated]
    assert got == expected
