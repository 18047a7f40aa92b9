"""The Vietnamese NER: tokenizer, rule + model pipeline, span annotations, committed model."""

from __future__ import annotations

import hashlib
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from extractor.ner import build_nlp, extract_entities  # noqa: E402
from extractor.ner.annotate import normalized_text  # noqa: E402
from extractor.ner.catalogue import SOURCE_DIR, model_entry  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SPANS = ROOT / "annotations" / "spans"
# measured on the held-out dev d49-d64 (see extractor/models/models.yaml) minus a margin
FLOOR_F1 = 0.75


def test_import_extractor_does_not_load_spacy() -> None:
    code = "import sys, extractor, extractor.ner; assert 'spacy' not in sys.modules, 'spacy loaded'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_pipeline_loads_without_pyvi() -> None:
    nlp = build_nlp(use_model=False)
    assert "pyvi" not in sys.modules
    assert nlp.pipe_names == ["vi_rules", "vi_resolve"]


@pytest.mark.parametrize(
    "token", ["61/2018/NĐ-CP", "10/5/2022", "17129-CV/VPTW", "TN&MT", "UBND", "30c/NQ-CP"]
)
def test_tokenizer_keeps_numbers_dates_abbreviations(token: str) -> None:
    nlp = build_nlp(use_model=False)
    doc = nlp.make_doc(f"Căn cứ văn bản {token}, ngày 10/5/2022 của Sở TN&MT.")
    assert token in [t.text for t in doc]
    assert doc.text == f"Căn cứ văn bản {token}, ngày 10/5/2022 của Sở TN&MT."


def test_tokenizer_round_trips_whitespace() -> None:
    text = "  ỦY BAN NHÂN DÂN\n\nHUYỆN X  |  Số: 2414 / VPCP - KGVX\t"
    assert build_nlp(use_model=False).make_doc(text).text == text


COMPOSED = [
    (
        "Giao Giám đốc Sở Tài chính chủ trì, phối hợp với Phòng Nội vụ huyện theo dõi, báo cáo trước ngày 10/5/2022.",
        {
            ("ROLE", "Giám đốc"),
            ("ORG", "Sở Tài chính"),
            ("ORG", "Phòng Nội vụ huyện"),
            ("DATE", "ngày 10/5/2022"),
        },
    ),
    (
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu.",
        {("DOC_REF", "61/2018/NĐ-CP"), ("DATE", "ngày 23 tháng 4 năm 2018"), ("ROLE", "Chủ tịch")},
    ),
    (
        "Sở Y tế, Sở Tài chính và Ủy ban nhân dân các huyện, thị xã triển khai thực hiện.",
        {("ORG", "Sở Y tế"), ("ORG", "Sở Tài chính"), ("ORG", "Ủy ban nhân dân các huyện, thị xã")},
    ),
    (
        "Đồng chí Nguyễn Văn An, Phó Chủ tịch, trên địa bàn tỉnh Bến Tre.",
        {("PER", "Nguyễn Văn An"), ("LOC", "Bến Tre")},
    ),
]


@pytest.mark.parametrize("use_model", [False, True])
@pytest.mark.parametrize(("text", "expected"), COMPOSED)
def test_entities_of_composed_sentences(text: str, expected: set[tuple[str, str]], use_model: bool) -> None:
    ents = extract_entities(text, use_model=use_model)
    for e in ents:
        assert text[e.start : e.end] == e.text
    assert expected <= {(e.label, e.text) for e in ents}
    starts = sorted((e.start, e.end) for e in ents)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(starts))


def _annotation_lines() -> list[tuple[str, dict]]:
    out = []
    for group in ("seeds", "composed", "dev"):
        for line in (SPANS / f"{group}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append((group, json.loads(line)))
    return out


def test_annotation_files_cover_the_corpus() -> None:
    rows = _annotation_lines()
    counts = {g: sum(1 for x, _ in rows if x == g) for g in ("seeds", "composed", "dev")}
    assert counts == {"seeds": 5, "composed": 4, "dev": 64}


@pytest.mark.parametrize(
    ("group", "row"), _annotation_lines(), ids=lambda x: x if isinstance(x, str) else x["source"]
)
def test_annotation_spans_match_the_normalized_text(group: str, row: dict) -> None:
    src = (ROOT / row["source"]).resolve()
    if not src.exists():
        pytest.skip(f"{src} is not present")
    assert hashlib.sha256(src.read_bytes()).hexdigest() == row["sha256"]
    text, _ = normalized_text(src)
    labels = {"ORG", "ROLE", "PER", "LOC", "DOC_REF", "DATE"}
    last_end = -1
    for start, end, label, span_text in row["spans"]:
        assert label in labels
        assert text[start:end] == span_text
        assert start >= last_end, "spans overlap"
        last_end = end


def test_committed_model_is_listed_and_small() -> None:
    entry = model_entry()
    assert entry is not None, "no ner-vi model in extractor/models/models.yaml"
    path = SOURCE_DIR / entry["path"]
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    assert size < 5_000_000
    assert not list(path.rglob("*.pkl")) and not list(path.rglob("*.pickle"))
    assert "ner" in build_nlp(use_model=True).pipe_names


@pytest.mark.slow
def test_committed_model_scores_on_held_out() -> None:
    if not (ROOT.parent / "shared" / "corpus" / "dev" / "docs").exists():
        pytest.skip("shared dev corpus is not present")
    from extractor.ner.evaluate import load, score

    held = load("held_out")
    assert len(held) == 16
    result = score(held, lambda d: extract_entities(d.text, use_model=True))
    assert result["ALL"].f >= FLOOR_F1, result["ALL"].as_dict()


@pytest.mark.slow
def test_noise_lowers_the_rules_and_the_model_finds_more_units_they_miss() -> None:
    """The measurement behind the module docstring: OCR-like noise, ORG spans per source."""
    if not (ROOT.parent / "shared" / "corpus" / "dev" / "docs").exists():
        pytest.skip("shared dev corpus is not present")
    from scripts.eval_ner import evaluate_noise

    result = evaluate_noise([0.0, 0.1], seeds=1)
    clean, noisy = result["0"], result["0.1"]
    assert noisy["rows"]["rules"]["ORG"].f < clean["rows"]["rules"]["ORG"].f
    assert noisy["org_model_only"] > clean["org_model_only"] > 0
    assert clean["org_rules_only"] > clean["org_model_only"]
