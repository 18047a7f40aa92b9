"""Unit registry (extractor.find.registry): table cases, data validation, properties."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from extractor.find.registry import UnitInfo, resolve, same_unit
from extractor.find.registry_data import RegistryLexicon
from extractor.lexicon import load

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "registry_cases.yaml").read_text(encoding="utf-8")
)


def _registry() -> RegistryLexicon:
    return load("registry.yaml", RegistryLexicon)


def test_registry_data_validates() -> None:
    reg = _registry()
    assert len(reg.central_bodies) >= 30
    names = [b.name for b in reg.central_bodies]
    assert len(set(names)) == len(names)
    # the 2025 ministries are there, and every merged body points at a current one
    for name in ("Bộ Nông nghiệp và Môi trường", "Bộ Dân tộc và Tôn giáo", "Bộ Khoa học và Công nghệ"):
        assert name in names
    current = {b.name for b in reg.central_bodies if b.merged_into is None}
    assert all(b.merged_into in current for b in reg.central_bodies if b.merged_into)


def test_registry_has_no_duplicate_abbreviations() -> None:
    reg = _registry()
    keys = list(reg.abbreviations) + list(reg.place_abbreviations)
    for body in reg.central_bodies:
        keys.extend(body.abbreviations)
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, dupes


def test_registry_aliases_are_unique() -> None:
    seen: dict[str, str] = {}
    for body in _registry().central_bodies:
        for alias in [body.name, *body.aliases]:
            key = alias.casefold()
            assert key not in seen or seen[key] == body.name, alias
            seen[key] = body.name


def test_case_file_is_big_enough() -> None:
    assert len(CASES) >= 80
    keys = [(c["name"], c["issuer"]) for c in CASES]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['name']}|{c['issuer']}")
def test_registry_case(case: dict[str, Any]) -> None:
    info = resolve(case["name"], case["issuer"])
    assert info.name == case["name"]
    got = (info.canonical, info.kind, info.level, info.role, info.merged_into)
    want = (case["canonical"], case["kind"], case["level"], case["role"], case.get("merged_into"))
    assert got == want


@pytest.mark.parametrize(
    ("a", "b", "issuer"),
    [
        ("Phòng Nội vụ Huyện", "Phòng Nội vụ", "Ủy ban nhân dân huyện Châu Thành"),
        ("Phòng Nội vụ Huyện", "Phòng Nội vụ", "Ủy ban nhân dân Huyện"),
        ("Phòng Nội vụ Huyện", "Trưởng phòng Nội vụ", "UBND huyện Châu Thành"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường", "UBND tỉnh Bình Dương"),
        ("Uỷ ban Nhân dân tỉnh", "UBND tỉnh Bình Dương", "UBND tỉnh Bình Dương"),
        ("Công an Thành phố", "Công an thành phố Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh"),
        ("Bộ NN&PTNT", "Bộ Nông nghiệp và Phát triển nông thôn", None),
        ("Các Sở, Ban, ngành tỉnh", "các sở, ban, ngành tỉnh", None),
    ],
)
def test_spellings_of_one_body_meet(a: str, b: str, issuer: str | None) -> None:
    assert same_unit(a, b, issuer)


def test_different_bodies_stay_apart() -> None:
    issuer = "Ủy ban nhân dân huyện Châu Thành"
    assert not same_unit("Phòng Nội vụ", "Phòng Tư pháp", issuer)
    assert not same_unit("Sở Y tế", "Phòng Y tế", None)
    assert not same_unit("Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Môi trường", None)


def test_resolve_is_idempotent_on_canonical() -> None:
    for case in CASES:
        first = resolve(case["name"], case["issuer"])
        if first.kind is None or first.role is not None:
            continue
        again = resolve(first.canonical, case["issuer"])
        assert again.canonical == first.canonical, case


_WORDS = [
    "Sở",
    "Phòng",
    "UBND",
    "Uỷ ban Nhân dân",
    "Huyện",
    "tỉnh",
    "TP.",
    "TT",
    "&",
    "-",
    ",",
    "(",
    ")",
    "Giám đốc",
    "Chủ tịch",
    "các",
    "Bộ",
    "NN&PTNT",
    "BTC",
    "Việt Nam",
    "thành phố",
    "Hà Nội",
    "xã",
    "Xã hội",
]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.lists(st.sampled_from(_WORDS), max_size=10).map(" ".join), st.text(max_size=80)),
    st.one_of(
        st.none(),
        st.sampled_from(["Ủy ban nhân dân huyện Châu Thành", "UBND tỉnh", ""]),
        st.text(max_size=30),
    ),
)
def test_resolve_never_raises(name: str, issuer: str | None) -> None:
    info = resolve(name, issuer)
    assert isinstance(info, UnitInfo)
    assert info.name == name
    assert info.level in (None, "trung_uong", "tinh", "huyen", "xa")


def test_schema_rejects_a_multi_group_that_is_no_group_word() -> None:
    raw = _registry().model_dump()
    raw["multi_groups"] = [*raw["multi_groups"], "hợp tác xã"]
    with pytest.raises(ValidationError, match="hợp tác xã"):
        RegistryLexicon.model_validate(raw)


def test_schema_rejects_a_merger_into_an_unknown_body() -> None:
    raw = _registry().model_dump()
    raw["central_bodies"][0]["merged_into"] = "Bộ Không Có"
    with pytest.raises(ValidationError, match="Bộ Không Có"):
        RegistryLexicon.model_validate(raw)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Đồng chí Giám đốc Sở Tài chính", "Sở Tài chính"),  # address_titles, then the role
        ("UBND TP. Huế", "Ủy ban nhân dân thành phố Huế"),  # dotted_abbreviations
        ("Tất cả các Sở, Ban, ngành", "Tất cả các sở, ban, ngành"),  # group_openers, group_heads
    ],
)
def test_data_driven_spellings(name: str, canonical: str) -> None:
    assert resolve(name, None).canonical == canonical


def test_level_words_and_city_markers() -> None:
    assert resolve("các cơ quan cấp huyện", None).level == "huyen"  # level_words
    assert resolve("Ủy ban nhân dân thành phố trực thuộc Trung ương", None).level == "tinh"
    assert resolve("Ủy ban nhân dân thành phố Vĩnh Long", None).level == "huyen"
    # place_not_before: "Tỉnh" in "Tỉnh ủy" is no place word, so it keeps its capital
    assert resolve("Ban Tuyên giáo Tỉnh ủy", None).canonical == "Ban Tuyên giáo Tỉnh ủy"
    assert resolve("Phòng Nội vụ Tỉnh", None).canonical == "Phòng Nội vụ tỉnh"
