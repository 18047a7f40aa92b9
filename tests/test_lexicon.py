"""The lexicon as a whole: every data key is read, declared-disjoint lists share no phrase,
the words live in data (the census), and the one alternation helper builds working patterns.

The per-stage tests (test_task_stages, test_header, test_doc_types) check their own files;
this one runs the whole pipeline over every kind of input the project bundles, so a key that
only some other path reads is not reported as unused, and a key nothing reads is.
"""

from __future__ import annotations

import re
import sys
import typing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor import extract, lexicon
from extractor.find.tables import find_task_tables
from extractor.ner.rules import rule_entities
from extractor.parse import parse_bytes
from extractor.tree import build

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import lexicon_census  # noqa: E402  (a script, not a package module)

# Lists in different files (or sections) that must not share a phrase: "file:section.field".
CROSS_DISJOINT = [
    # a word that starts a unit name never ends one, and never opens background
    ("units.yaml:.heads", "units.yaml:.stops"),
    ("units.yaml:.heads", "tasks.yaml:verbs.background_starts"),
    # a sentence opener is either a directive or background, never both
    ("tasks.yaml:verbs.imperative_starts", "tasks.yaml:verbs.background_starts"),
]

TABLE_TEXT = (
    "STT\tNội dung công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n"
    "1\tRà soát, cập nhật danh mục thủ tục hành chính\tSở Tư pháp\tVăn phòng UBND tỉnh\t"
    "Trước ngày 30/6/2024\n"
)


def _exercise_every_reader() -> None:
    """Run each path that reads data: formats (txt, md, docx, pdf, html, legacy), task tables,
    the registry and the NER rule components."""
    inputs = sorted((ROOT / "corpus").glob("*/*.txt"))
    fixtures = ROOT / "tests" / "fixtures"
    inputs += sorted((fixtures / "legacy").glob("*"))[:4]
    inputs += sorted((fixtures / "html").glob("*"))[:2]
    inputs += sorted((fixtures / "seeds").glob("*.docx"))[:1]
    inputs += sorted((ROOT.parent / "shared" / "corpus" / "dev" / "docs").glob("*.txt"))  # where present
    for path in inputs:
        extract(path)
    doc = build(parse_bytes(TABLE_TEXT.encode("utf-8"), ".txt"))
    assert find_task_tables(doc, 0, len(doc.text)), "the table case must be read as a task table"
    rule_entities(
        build(parse_bytes((ROOT / "corpus/seeds/000_12272236fee134ef.txt").read_bytes(), ".txt")).text
    )


@pytest.fixture(scope="module")
def exercised() -> dict[tuple[str, str | None], type[lexicon.LexiconModel]]:
    _exercise_every_reader()
    return lexicon.loaded()


def _schemas_within(schema: type) -> set[type[lexicon.LexiconModel]]:
    """The schema and every LexiconModel its fields contain (lists, dicts, unions)."""
    found: set[type[lexicon.LexiconModel]] = set()
    stack: list[object] = [schema]
    while stack:
        t = stack.pop()
        if isinstance(t, type) and issubclass(t, lexicon.LexiconModel) and t not in found:
            found.add(t)
            stack.extend(f.annotation for f in t.model_fields.values())
        else:
            stack.extend(typing.get_args(t))
    return found


def test_every_data_file_and_section_is_loaded(exercised: dict) -> None:
    for name in lexicon.data_files():
        raw = lexicon.raw_yaml(name)
        if (name, None) in exercised:
            continue
        sections = {s for n, s in exercised if n == name}
        assert sections, f"extractor/data/{name} is read by no schema"
        assert set(raw) == sections, f"{name}: sections never loaded: {sorted(set(raw) - sections)}"


def test_every_schema_field_is_read(exercised: dict) -> None:
    read = lexicon.read_fields()
    unread = []
    for schema in {s for top in exercised.values() for s in _schemas_within(top)}:
        unread += [f"{schema.__name__}.{f}" for f in schema.model_fields if (schema, f) not in read]
    assert not unread, f"data keys that no code reads: {sorted(unread)}"


def _list(exercised: dict, ref: str) -> set[str]:
    where, field = ref.rsplit(".", 1)
    name, section = where.split(":")
    model = lexicon.load(name, exercised[(name, section or None)], section or None)
    return {str(x).strip().casefold() for x in getattr(model, field)}


def test_declared_disjoint_lists_share_no_phrase(exercised: dict) -> None:
    pairs = list(CROSS_DISJOINT)
    for (name, section), schema in exercised.items():
        for top in _schemas_within(schema):
            if top is schema:
                pairs += [
                    (f"{name}:{section or ''}.{a}", f"{name}:{section or ''}.{b}") for a, b in top.disjoint
                ]
    assert len(pairs) >= 6
    for a, b in pairs:
        overlap = _list(exercised, a) & _list(exercised, b)
        assert not overlap, f"{a} and {b} both list {sorted(overlap)}"


def test_lexical_items_live_in_data() -> None:
    result = lexicon_census.census()
    assert result["data_items"] > 2000
    assert result["inline_share"] < 0.10, result["inline"]


# the model catalogue (extractor/models/models.yaml) is not lexical data
YAML_READERS = {"lexicon.py", "catalogue.py"}


def test_finders_read_data_only_through_schemas() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "extractor").rglob("*.py")
        if p.name not in YAML_READERS
        and re.search(r"raw_yaml|yaml\.safe_load", p.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_a_bad_data_file_names_the_file() -> None:
    class Probe(lexicon.LexiconModel):
        nothing_like_this: list[str]

    with pytest.raises(lexicon.LexiconError, match=r"extractor/data/units\.yaml"):
        lexicon.load("units.yaml", Probe)


PHRASES = st.lists(
    st.text(alphabet="abcđêôơưáàảãạ ", min_size=1, max_size=12).filter(str.strip), min_size=1, max_size=6
)


@given(PHRASES)
def test_alternation_matches_each_phrase_whole(phrases: list[str]) -> None:
    pattern = re.compile(rf"(?:{lexicon.alternation(phrases)})")
    for p in phrases:
        spaced = re.sub(r"\s+", "  ", p.strip())  # any run of spaces between words
        m = pattern.fullmatch(spaced)
        assert m is not None, (p, pattern.pattern)


@given(PHRASES)
def test_alternation_tries_longer_phrases_first(phrases: list[str]) -> None:
    pattern = re.compile(lexicon.alternation(phrases))
    for p in phrases:
        m = pattern.match(p.strip())
        assert m is not None and len(m.group(0)) >= len(p.strip())


def test_optional_capital_accepts_both_cases() -> None:
    pattern = re.compile(lexicon.alternation(["giao", "đề nghị"], optional_capital=True))
    assert all(pattern.fullmatch(w) for w in ("giao", "Giao", "đề nghị", "Đề nghị"))
    assert not pattern.fullmatch("GIAO")
