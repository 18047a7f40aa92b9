"""Legacy .doc and .rtf (``extractor.parse.office``), and the hostile scan/office files.

The .doc and .rtf in ``tests/fixtures/scans`` are the seed .docx saved by LibreOffice
(``scripts/build_scan_fixtures.py``); read back through LibreOffice they must give the .docx's
lines and an end-to-end F1 within 0.05 of the seed's .txt. Tests that need LibreOffice or
antiword skip (with the reason) when it is absent; scripts/test.sh installs LibreOffice in CI.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest

from extractor import cli
from extractor.errors import MissingTool, UnreadableFile
from extractor.evaluate import score
from extractor.parse import office
from extractor.parse.docx import parse_docx
from extractor.pipeline import extract_path
from extractor.schema import Result
from extractor.tree import ParsedDocument, build
from tests.conftest import ROOT

SCANS = ROOT / "tests" / "fixtures" / "scans"
HOSTILE = SCANS / "hostile"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
GOLD = ROOT / "annotations" / "seeds"
TXT = ROOT / "corpus" / "seeds"
STEMS = sorted(p.stem for p in SCANS.glob("[0-9][0-9][0-9]_*.doc"))
MAX_DROP = 0.05

needs_soffice = pytest.mark.skipif(
    office._which("soffice") is None,
    reason="LibreOffice is not installed: apt-get install libreoffice-writer-nogui",
)
needs_antiword = pytest.mark.skipif(
    shutil.which("antiword") is None, reason="antiword is not installed: apt-get install antiword"
)


def end_to_end_f1(result: Result) -> float:
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
def txt_f1(stem: str) -> float:
    return end_to_end_f1(extract_path(TXT / f"{stem}.txt"))


def lines(parsed: ParsedDocument) -> list[str]:
    return [ln.text for ln in build(parsed).lines if ln.text.strip()]


def test_fixtures_exist() -> None:
    assert len(STEMS) == 5, "run scripts/build_scan_fixtures.py"
    for stem in STEMS:
        assert (SCANS / f"{stem}.rtf").exists()


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".rtf"])
@pytest.mark.parametrize("stem", STEMS, ids=lambda s: s[:3])
def test_end_to_end_close_to_txt(stem: str, suffix: str) -> None:
    result = extract_path(SCANS / f"{stem}{suffix}")
    assert result.document.format == suffix[1:]
    assert result.document.ocr is False
    got = end_to_end_f1(result)
    assert got >= txt_f1(stem) - MAX_DROP, f"{suffix} F1 {got:.3f} vs .txt {txt_f1(stem):.3f}"


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".rtf"])
def test_same_lines_and_tables_as_the_docx(suffix: str) -> None:
    stem = STEMS[0]
    parsed = office.parse_office((SCANS / f"{stem}{suffix}").read_bytes(), suffix[1:])
    docx = parse_docx((SEEDS / f"{stem}.docx").read_bytes())
    assert lines(parsed) == lines(docx)
    assert [b.cell is not None for b in parsed.blocks if b.text.strip()] == [
        b.cell is not None for b in docx.blocks if b.text.strip()
    ]


@pytest.mark.slow
@needs_antiword
def test_antiword_fallback_reads_the_text() -> None:
    stem = STEMS[0]
    parsed = office.parse_office((SCANS / f"{stem}.doc").read_bytes(), "doc", converters=("antiword",))
    assert parsed.format == "doc"
    assert any("antiword" in w for w in parsed.warnings)
    text = "\n".join(lines(parsed))
    assert "Kính gửi:" in text and "Ngô Thanh Toàn" in text


def test_no_converter_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office, "_which", lambda tool: None)
    data = (SCANS / f"{STEMS[0]}.doc").read_bytes()
    with pytest.raises(MissingTool) as info:
        office.parse_office(data, "doc")
    assert "libreoffice-writer-nogui" in str(info.value) and "antiword" in str(info.value)
    with pytest.raises(MissingTool, match="libreoffice-writer-nogui"):
        office.parse_office((SCANS / f"{STEMS[0]}.rtf").read_bytes(), "rtf")


def test_converter_timeout_is_one_line() -> None:
    with pytest.raises(UnreadableFile, match="took longer than 0 s"):
        office._run(["sleep", "5"], 0.2, "sleep")


# file -> what its one error line says
HOSTILE_REASONS = {
    "encrypted.doc": "encrypted and needs a password",
    "garbage.rtf": "no readable text",
    "noise_scan.pdf": "no text could be read",
    "random_bytes.doc": "not a Word 97-2003 .doc",
    "truncated.doc": "truncated",
    "truncated.rtf": "truncated",
    "truncated_scan.pdf": "cannot be opened",
    "zero_pages.pdf": "cannot be opened",
}


@pytest.mark.slow
def test_hostile_batch_gives_one_line_each(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    good = SEEDS / "000_12272236fee134ef.docx"
    out = tmp_path / "tasks.jsonl"
    code = cli.main(["extract", str(HOSTILE), str(good), "-o", str(out)])
    err = capfd.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == len(HOSTILE_REASONS), err
    assert all(line.startswith("extractor: ") and "Traceback" not in line for line in err)
    assert out.read_text(encoding="utf-8").strip(), "the good file after the hostile ones was extracted"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_REASONS))
def test_hostile_reason(name: str) -> None:
    if name.endswith((".rtf", ".doc")) and name not in ("random_bytes.doc", "encrypted.doc", "truncated.doc"):
        if office._which("soffice") is None:
            pytest.skip("LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
    if name == "noise_scan.pdf" and shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-vie")
    with pytest.raises(Exception) as info:
        extract_path(HOSTILE / name)
    assert HOSTILE_REASONS[name] in str(info.value)
    assert "\n" not in str(info.value)
