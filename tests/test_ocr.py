"""OCR of image-only PDFs (``extractor.parse.ocr`` hooked into ``parse_pdf``).

The scans in ``tests/fixtures/scans`` are the seed PDFs rendered at 200 dpi with no text layer
(``scripts/build_scan_fixtures.py``): 001 grayscale JPEG, skewed with scanner dust; the others
bilevel. End-to-end F1 on each must stay within 0.10 of the seed's .txt. Tests that run
Tesseract skip (with the reason) when it or its Vietnamese model is not installed; scripts/test.sh
installs both in CI.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest

from extractor import cli
from extractor.errors import MissingTool
from extractor.evaluate import score
from extractor.parse import ocr
from extractor.parse.pdf import parse_pdf
from extractor.pipeline import extract_path
from extractor.schema import Result
from extractor.tree import ParseOptions
from tests.conftest import ROOT

SCANS = ROOT / "tests" / "fixtures" / "scans"
TEXT_PDFS = ROOT / "tests" / "fixtures" / "seeds"
GOLD = ROOT / "annotations" / "seeds"
TXT = ROOT / "corpus" / "seeds"
STEMS = sorted(p.stem for p in SCANS.glob("[0-9][0-9][0-9]_*.pdf"))
MAX_DROP = 0.10

_reason = ocr._check(shutil.which("tesseract"))
needs_tesseract = pytest.mark.skipif(_reason is not None, reason=f"{_reason}: apt-get install {ocr.PACKAGES}")


def end_to_end_f1(result: Result) -> float:
    """end_to_end F1 of one result against its gold file (matched by stem)."""
    stem = Path(result.document.source).stem
    with tempfile.TemporaryDirectory() as gold:
        shutil.copy(GOLD / f"{stem}.json", gold)
        report = score(
            Path(gold),
            [t.model_dump(mode="json") for t in result.tasks],
            [result.document.model_dump(mode="json")],
        )
    return float(report["end_to_end"]["f1"])


@cache
def scanned(stem: str) -> Result:
    return extract_path(SCANS / f"{stem}.pdf")


def test_fixtures_exist() -> None:
    assert len(STEMS) == 5, f"run scripts/build_scan_fixtures.py (found {STEMS})"
    total = sum(p.stat().st_size for p in SCANS.rglob("*") if p.is_file())
    assert total < 3_000_000, f"fixtures are {total} bytes: keep them commit-sized"


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS, ids=lambda s: s[:3])
def test_ocr_end_to_end_close_to_txt(stem: str) -> None:
    txt = end_to_end_f1(extract_path(TXT / f"{stem}.txt"))
    got = end_to_end_f1(scanned(stem))
    assert got >= txt - MAX_DROP, f"OCR F1 {got:.3f} vs .txt {txt:.3f}"


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS, ids=lambda s: s[:3])
def test_document_record_says_ocr(stem: str) -> None:
    doc = scanned(stem).document
    assert doc.ocr is True
    assert doc.pages is not None
    assert doc.ocr_pages == list(range(1, doc.pages + 1))


@pytest.mark.slow
@needs_tesseract
def test_blocks_keep_their_page_and_header_columns() -> None:
    parsed = parse_pdf((SCANS / f"{STEMS[0]}.pdf").read_bytes())
    assert parsed.ocr_pages == [1, 2, 3]
    assert {b.page for b in parsed.blocks} == {1, 2, 3}
    left = [b.text for b in parsed.blocks if b.cell == (0, 0, 0)]
    right = [b.text for b in parsed.blocks if b.cell == (0, 0, 1)]
    assert left[:2] == ["ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH"]
    assert right[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.mark.slow
@needs_tesseract
def test_ocr_always_reads_a_text_pdf_too() -> None:
    parsed = parse_pdf((TEXT_PDFS / "001_b610091499483fce.pdf").read_bytes(), ParseOptions(ocr="always"))
    assert parsed.ocr_pages == [1, 2]
    assert any(b.text.startswith("5. Về công tác ISO") for b in parsed.blocks)


@pytest.mark.slow
@needs_tesseract
def test_noise_page_gives_no_text_and_a_warning() -> None:
    parsed = parse_pdf((SCANS / "hostile" / "noise_scan.pdf").read_bytes())
    assert parsed.blocks == []
    assert parsed.ocr_pages == [1]
    assert len(parsed.warnings) == 1 and "no legible text" in parsed.warnings[0]


def test_text_pdf_is_not_ocred() -> None:
    parsed = parse_pdf((TEXT_PDFS / "000_12272236fee134ef.pdf").read_bytes())
    assert parsed.ocr_pages == []


def test_ocr_never_warns_and_reads_nothing() -> None:
    parsed = parse_pdf((SCANS / f"{STEMS[0]}.pdf").read_bytes(), ParseOptions(ocr="never"))
    assert parsed.blocks == [] and parsed.ocr_pages == []
    assert parsed.warnings == [
        f"page {n} has no text layer (scanned?) and OCR is off (--ocr never)" for n in (1, 2, 3)
    ]


def test_cli_ocr_never_is_one_error_line(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["extract", "--ocr", "never", str(SCANS / f"{STEMS[0]}.pdf"), "-o", str(tmp_path / "t")])
    err = capfd.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and "no text could be read" in err[0]


def _no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)


def test_missing_tesseract_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_tesseract(monkeypatch)
    with pytest.raises(MissingTool) as info:
        parse_pdf((SCANS / f"{STEMS[0]}.pdf").read_bytes())
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_tesseract_with_ocr_always_fails_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_tesseract(monkeypatch)
    with pytest.raises(MissingTool):
        parse_pdf((TEXT_PDFS / "001_b610091499483fce.pdf").read_bytes(), ParseOptions(ocr="always"))


def test_missing_tesseract_is_one_cli_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    _no_tesseract(monkeypatch)
    scan, text = SCANS / f"{STEMS[0]}.pdf", TEXT_PDFS / "000_12272236fee134ef.pdf"
    code = cli.main(["extract", str(scan), str(text), "-o", str(tmp_path / "t.jsonl")])
    err = capfd.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == [
        f"extractor: {scan}: OCR needs the tesseract program, which is not installed; "
        f"install it with: apt-get install {ocr.PACKAGES} [missing-tool]"
    ]
    assert (tmp_path / "t.jsonl").read_text(encoding="utf-8").strip()  # the text PDF went through


def test_missing_vie_model_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'List of available languages (1):'\necho eng\n")
    fake.chmod(0o755)
    assert ocr._check(str(fake)) == "Tesseract has no Vietnamese model (vie.traineddata)"


def test_usable_text() -> None:
    assert ocr.usable_text("Kính gửi: Sở Nội vụ")
    assert not ocr.usable_text("\ue000\ue001\ue002 a")
    assert not ocr.usable_text("   ")


def test_tsv_parsing_keeps_words_and_lines() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t10\t20\t300\t40\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t100\t40\t96.5\tKính\n"
        "5\t1\t1\t1\t1\t2\t120\t20\t100\t40\t91.0\tgửi:\n"
        "5\t1\t1\t1\t1\t3\t230\t20\t10\t40\t-1\t \n"
    )
    words, lines = ocr.parse_tsv(tsv)
    assert [w.text for w in words] == ["Kính", "gửi:"]
    assert lines == {(1, 1, 1): (10, 20, 300, 40)}
