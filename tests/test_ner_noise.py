"""OCR-like noise for the NER measurement: length kept, only the listed confusions, deterministic."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.ner.evaluate import Annotated, found_only_by, score, with_noise
from extractor.ner.noise import TONES, ocr_noise
from extractor.ner.types import Entity

TEXT = (
    "Giao Giám đốc Sở Tài chính chủ trì, phối hợp với Phòng Nội vụ huyện theo dõi, "
    "báo cáo trước ngày 10/5/2022 về Ủy ban nhân dân tỉnh; hóa đơn số 01/2021, lộ trình."
)


def _strip_tone(ch: str) -> str:
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", ch) if c not in TONES)
    )


def _allowed(before: str, after: str) -> bool:
    """One confusion: a swapped look-alike, or the same letter with another (or no) tone mark."""
    swaps = {("đ", "d"), ("Đ", "D"), ("0", "O"), ("O", "0"), ("1", "l"), ("l", "1")}
    return (before, after) in swaps or _strip_tone(before) == _strip_tone(after)


vietnamese = st.text(
    alphabet=st.sampled_from(list("aáàảãạăắâấêếềôốồơớưứđĐ01lOoiíuúyý hHnNgG,./")), max_size=200
)


@settings(max_examples=100, deadline=None)
@given(vietnamese, st.floats(0, 1), st.integers(0, 5))
def test_noise_keeps_length_and_nfc_and_only_confuses(text: str, rate: float, seed: int) -> None:
    text = unicodedata.normalize("NFC", text)
    noisy = ocr_noise(text, rate, seed)
    assert len(noisy) == len(text)
    assert unicodedata.is_normalized("NFC", noisy)
    assert all(_allowed(a, b) for a, b in zip(text, noisy, strict=True))
    assert noisy == ocr_noise(text, rate, seed)


def test_rate_zero_is_the_text_and_rate_one_confuses_every_tone() -> None:
    assert ocr_noise(TEXT, 0.0) == TEXT
    noisy = ocr_noise(TEXT, 1.0)
    assert "đ" not in noisy and "Đ" not in noisy
    assert "10/5/2022" not in noisy and "lO/5/2O22" in noisy
    changed = sum(a != b for a, b in zip(TEXT, noisy, strict=True))
    assert changed > 30


@pytest.mark.parametrize(
    ("text", "rate", "expected"),
    [
        ("hóa", 0.5, {"hóa", "hoa", "hoá"}),  # kept, tone dropped, tone moved to the next vowel
        ("đô", 1.0, {"dố"}),  # đ read as d, ô as ố
        ("Ồ", 1.0, {"Ô"}),
        ("10", 1.0, {"lO"}),
    ],
)
def test_each_kind_of_confusion(text: str, rate: float, expected: set[str]) -> None:
    seen = {ocr_noise(text, rate, seed) for seed in range(40)}
    assert seen == expected


def test_decomposed_text_is_refused() -> None:
    with pytest.raises(ValueError, match="NFC"):
        ocr_noise(unicodedata.normalize("NFD", "hóa"), 0.5)


def test_noisy_documents_keep_the_gold_offsets_and_count_what_one_side_finds() -> None:
    start = TEXT.index("Sở Tài chính")
    gold = [Entity(start, start + len("Sở Tài chính"), "ORG", "Sở Tài chính", "gold")]
    doc = Annotated("d99.txt", "0" * 64, TEXT, gold)
    (noisy,) = with_noise([doc], 0.5, seed=1)
    assert noisy.text != TEXT and len(noisy.text) == len(TEXT) and noisy.spans == gold
    hit = [Entity(gold[0].start, gold[0].end, "ORG", noisy.text[gold[0].start : gold[0].end])]
    assert score([noisy], lambda d: hit)["ORG"].f == 1.0
    assert found_only_by([noisy], lambda d: hit, lambda d: [], "ORG") == 1
    assert found_only_by([noisy], lambda d: [], lambda d: hit, "ORG") == 0
