"""Legacy Vietnamese encodings (TCVN3, VNI) and split-diacritic repair.

The tables are checked against iconv (TCVN3) and by round trip (both); detection against true
and false positives; the fixtures in ``tests/fixtures/legacy`` (``scripts/build_legacy_fixtures.py``)
must give the same records as their Unicode text.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from extractor import legacy
from extractor.evaluate import score
from extractor.legacy.tables import Tcvn3Table, VniTable
from extractor.lexicon import load
from extractor.parse.docx import parse_docx
from extractor.parse.text import parse_text
from extractor.pipeline import extract_bytes, extract_path
from extractor.tree import RawBlock
from scripts.build_legacy_fixtures import COMPOSED, plain_text
from tests.conftest import ROOT, SEEDS, need

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | {"đ"})
NON_ASCII = [c for c in LOWER if not c.isascii()]
ALL_LETTERS = LOWER + [c.upper() for c in LOWER]


# -- tables ------------------------------------------------------------------------------------


def test_tcvn3_table_matches_iconv() -> None:
    iconv = shutil.which("iconv")
    if iconv is None:
        pytest.skip("iconv is not installed")
    table = legacy.tcvn3_table()
    data = b"\n".join(bytes([b]) for b in sorted(table))
    run = subprocess.run([iconv, "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True)
    if run.returncode != 0:
        pytest.skip(f"iconv lacks TCVN5712-1: {run.stderr.decode(errors='replace')}")
    got = run.stdout.decode("utf-8").split("\n")
    assert len(got) == len(table)
    for (byte, ours), theirs in zip(sorted(table.items()), got, strict=True):
        assert unicodedata.normalize("NFC", theirs) == ours, f"byte {byte:#04x}"


def test_tcvn3_table_has_every_lower_case_letter_once() -> None:
    values = list(legacy.tcvn3_table().values())
    assert len(values) == len(set(values)) == 74
    assert set(NON_ASCII) <= set(values)
    assert {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"} <= set(values)
    assert legacy.tcvn3_table()[0xAD] == "ư"  # not a soft hyphen


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_tcvn3_round_trip(letter: str) -> None:
    back = legacy.decode_tcvn3(legacy.encode_tcvn3(letter))
    # capitals TCVN3 cannot write come back lower case, as the bytes say
    assert back in (letter, letter.lower())
    if letter.islower() or letter in "ĂÂÊÔƠƯĐ" or letter.isascii():
        assert back == letter


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_round_trip(letter: str) -> None:
    encoded = legacy.encode_vni(letter)
    assert all(ord(c) < 0x100 for c in encoded)
    assert legacy.decode_vni(encoded) == letter
    assert legacy.decode_vni(encoded.encode("cp1252")) == letter


def test_vni_table_shape() -> None:
    table = legacy.vni_table()
    assert set(table.values()) == set(NON_ASCII) | {c.upper() for c in NON_ASCII}
    assert all(len(k) in (1, 2) for k in table)


def test_tcvn3_bytes_keep_windows_1252_punctuation() -> None:
    assert legacy.decode_tcvn3(b"\x93C\xe9ng\x94 \x96 x") == "“Cộng” – x"


# -- detection ---------------------------------------------------------------------------------

TCVN3_SAMPLES = [
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
    "§éc lËp - Tù do - H¹nh phóc",
    "Thùc hiÖn tèt c«ng t¸c ®­îc giao",
    "UBND tØnh yªu cÇu c¸c së, ban, ngµnh",
    "CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM",
]
VNI_SAMPLES = [
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    "Ñoäc laäp - Töï do - Haïnh phuùc",
    "Thöïc hieän toát coâng taùc ñöôïc giao",
    "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM",
]
NOT_LEGACY = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành thực hiện",
    "The committee requests all departments to report before 15 June.",
    "Le café est très crème, où est la forêt? À bientôt, garçon.",
    "Müller über Straße; piña colada, año, señor, São Paulo",
    "«Bonjour» dit-il, ¿qué? ¡sí! 25°C ±3 ½ © 2020 ®",
    "hòa có là và bà mà thì",
    "UBND tØnh",  # one word is not enough
    "",
]


@pytest.mark.parametrize("text", TCVN3_SAMPLES)
def test_detects_tcvn3(text: str) -> None:
    assert legacy.detect_legacy(text) == "tcvn3"


@pytest.mark.parametrize("text", VNI_SAMPLES)
def test_detects_vni(text: str) -> None:
    assert legacy.detect_legacy(text) == "vni"


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_not_legacy(text: str) -> None:
    assert legacy.detect_legacy(text) is None
    assert legacy.to_unicode(text) == (text, None)


def test_cp1258_bytes_are_not_legacy() -> None:
    text = "Ủy ban nhân dân tỉnh yêu cầu các sở thực hiện tốt công tác được giao"
    out = []
    for ch in text:  # cp1258 keeps ă â ê ô ơ ư đ whole and writes tones as combining marks
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    data = "".join(out).encode("cp1258")
    assert legacy.bytes_to_unicode(data) is None
    parsed = parse_text(data)
    assert parsed.encoding is None
    assert unicodedata.normalize("NFC", parsed.blocks[0].text) == text


def test_to_unicode_examples() -> None:
    assert legacy.to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "tcvn3",
    )
    assert legacy.to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "vni",
    )
    # TCVN3 capitals: restored where the plain capitals around them say so, kept elsewhere
    text, _ = legacy.to_unicode("CéNG HßA X· HéI\nSè: 46/2019/Q§-UBND\nñy ban nh©n d©n tØnh")
    assert text == "CỘNG HÒA XÃ HỘI\nSố: 46/2019/QĐ-UBND\nỦy ban nhân dân tỉnh"


# -- syllables and split diacritics ----------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["thực", "hiện", "điều", "ĐIỀU", "nghiêng", "khuya", "quyết", "giữa", "ường", "xoong", "hoà", "ô"]
)
def test_valid_syllables(word: str) -> None:
    assert legacy.is_syllable(word)


@pytest.mark.parametrize(
    "word", ["thự c", "điề", "hiệ", "thưc", "cafộ", "UBND", "ộộc", "nghj", "hiện ", "báọ"]
)
def test_invalid_syllables(word: str) -> None:
    assert not legacy.is_syllable(word)


REPAIRS = [
    ("ĐIỀ U 1", "ĐIỀU 1"),
    ("thự c hiệ n", "thực hiện"),
    ("tổ chứ c thự c hiệ n", "tổ chức thực hiện"),
    ("nghiê n cứu", "nghiên cứu"),
    ("Quyế t định", "Quyết định"),
    ("QUYẾ T ĐỊNH", "QUYẾT ĐỊNH"),
    ("Điề u 2.", "Điều 2."),
    ("kiể m tra", "kiểm tra"),
    ("thườ ng xuyên", "thường xuyên"),
    ("triể n khai", "triển khai"),
    ("việ c", "việc"),
    ("đượ c giao", "được giao"),
    # never joined: both sides are words, no diacritic, or the join is not a syllable
    ("ô tô", "ô tô"),
    ("cơ sở", "cơ sở"),
    ("Hà Nội", "Hà Nội"),
    ("tổ chức", "tổ chức"),
    ("nghiên cứ u", "nghiên cứ u"),  # "cứ" and "u" are both syllables
    ("UBND tỉnh", "UBND tỉnh"),
    ("Lê Văn A", "Lê Văn A"),
    ("ông A B", "ông A B"),
    ("in the house", "in the house"),
    ("Số: 12/QĐ-UBND", "Số: 12/QĐ-UBND"),
    ("xã Ia Grai", "xã Ia Grai"),
    ("thự  c", "thự  c"),  # two spaces: not a stray one
    ("Điều 1a b", "Điều 1a b"),
]


@pytest.mark.parametrize(("text", "want"), REPAIRS)
def test_repair_split_diacritics(text: str, want: str) -> None:
    assert legacy.repair_split_diacritics(text) == want


# -- properties ----------------------------------------------------------------------------------

WORDS = (
    "Ủy ban nhân dân tỉnh huyện xã Sở Nội vụ Tài chính yêu cầu đề nghị giao thực hiện báo cáo "
    "trước ngày tháng năm kế hoạch chủ trì phối hợp các cơ quan đơn vị hòa thủy khỏe Việt Nam "
    "Độc lập Tự do Hạnh phúc QUYẾT ĐỊNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA có là và bà mà thì ô tô"
).split()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    legacy.detect_legacy(text)
    legacy.to_unicode(text)
    legacy.repair_split_diacritics(text)
    legacy.decode_vni(text)
    legacy.decode_tcvn3(text)
    legacy.bytes_to_unicode(text.encode("utf-8", errors="replace"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.sampled_from([" ", ", ", "\n", ". "]))
def test_unicode_vietnamese_is_left_alone(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert legacy.to_unicode(text) == (text, None)
    assert legacy.repair_split_diacritics(text) == text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=40))
def test_vni_round_trip_text(words: list[str]) -> None:
    text = " ".join(words)
    assert legacy.decode_vni(legacy.encode_vni(text)) == text


# -- parsers ---------------------------------------------------------------------------------------


def test_parse_text_tcvn3_bytes() -> None:
    parsed = parse_text("Céng hoµ x· héi chñ nghÜa ViÖt Nam\nSè: 12/UBND-VP".encode("latin-1"))
    assert parsed.encoding == "tcvn3"
    assert [b.text for b in parsed.blocks] == ["Cộng hoà xã hội chủ nghĩa Việt Nam", "Số: 12/UBND-VP"]


def test_parse_text_utf8_that_is_legacy() -> None:
    parsed = parse_text("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".encode())
    assert parsed.encoding == "vni"
    assert parsed.blocks[0].text == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_parse_text_unicode_unchanged() -> None:
    parsed = parse_text("Cộng hòa xã hội chủ nghĩa Việt Nam".encode())
    assert parsed.encoding is None


def test_run_fonts() -> None:
    assert legacy.font_encoding(".VnTime") == "tcvn3"
    assert legacy.font_encoding(".VnArialH") == "tcvn3"
    assert legacy.font_encoding("VNI-Times") == "vni"
    assert legacy.font_encoding("Times New Roman") is None
    assert legacy.font_encoding(None) is None
    assert legacy.convert_run("quyÕt ®Þnh", ".VnTimeH") == ("QUYẾT ĐỊNH", "tcvn3")
    assert legacy.convert_run("Coäng", "VNI-Times") == ("Cộng", "vni")
    assert legacy.convert_run("Céng", "Arial") == ("Céng", None)


def test_pdf_blocks_converted_per_page() -> None:
    blocks = [
        RawBlock("Céng hoµ x· héi chñ nghÜa ViÖt Nam", 1),
        RawBlock("§éc lËp - Tù do - H¹nh phóc", 1),
        RawBlock("Cộng hòa xã hội, thự c hiệ n", 2),
    ]
    out, encoding = legacy.convert_blocks(blocks)
    assert encoding == "tcvn3"
    assert [b.text for b in out] == [
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Cộng hòa xã hội, thực hiện",
    ]
    assert out[0].page == 1 and out[2].page == 2


def _lines(blocks: list[RawBlock]) -> list[str]:
    return [b.text.strip() for b in blocks if b.text.strip()]


@pytest.mark.parametrize(("name", "encoding"), [("vntime", "tcvn3"), ("vni", "vni")])
def test_docx_fixture_lines(name: str, encoding: str) -> None:
    path = next(FIXTURES.glob(f"*.{name}.docx"))
    parsed = parse_docx(path.read_bytes())
    assert parsed.encoding == encoding
    text = "\n".join(_lines(parsed.blocks))
    assert legacy.detect_legacy(text) is None
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


# -- end to end ------------------------------------------------------------------------------------

LEGACY_FILES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".docx"))


def _source(stem: str) -> Path:
    return COMPOSED / f"{stem}.txt" if stem.startswith("c") else SEEDS / f"{stem}.txt"


def _gold(stem: str) -> Path:
    return ROOT / "annotations" / ("composed" if stem.startswith("c") else "seeds") / f"{stem}.json"


def _f1(result: object, stem: str, tmp: Path) -> float:
    doc = result.document.model_dump(mode="json")  # type: ignore[attr-defined]
    tasks = [t.model_dump(mode="json") for t in result.tasks]  # type: ignore[attr-defined]
    gold_dir = tmp / stem
    gold_dir.mkdir(exist_ok=True)
    shutil.copy(_gold(stem), gold_dir)
    return float(score(gold_dir, tasks, [doc])["end_to_end"]["f1"])


@pytest.mark.parametrize("name", LEGACY_FILES)
def test_legacy_fixture_end_to_end(name: str, tmp_path: Path) -> None:
    """The legacy file gives the records of its Unicode text: same metadata, tasks, F1 ± 0.05."""
    stem, encoding = name.split(".")[0], name.split(".")[1]
    source = need(_source(stem))
    if not _gold(stem).exists():
        pytest.skip(f"no gold for {stem}")
    got = extract_path(FIXTURES / name, source=f"{stem}.txt")
    assert got.document.encoding == ("tcvn3" if encoding in ("tcvn3", "vntime") else "vni")
    # the Unicode text the fixture encodes (a .docx fixture has its seed's layout: compare to the seed)
    if name.endswith(".docx"):
        want = extract_path(source, source=f"{stem}.txt")
    else:
        want = extract_bytes(plain_text(source.read_bytes()).encode(), f"{stem}.txt", ".txt")
    for field in ("number", "issuer", "issued_date", "doc_type"):
        assert getattr(got.document, field) == getattr(want.document, field), field
    assert len(got.tasks) == len(want.tasks)
    assert [t.deadline.date if t.deadline else None for t in got.tasks] == [
        t.deadline.date if t.deadline else None for t in want.tasks
    ]
    assert abs(_f1(got, stem, tmp_path) - _f1(want, stem, tmp_path)) <= 0.05


@pytest.mark.parametrize(
    ("schema", "raw"),
    [
        (Tcvn3Table, {"letters": {"G1": "ă"}}),  # not a hex byte
        (Tcvn3Table, {"letters": {"A8": "ăâ"}}),  # two letters for one byte
        (Tcvn3Table, {"letters": {"A8": "ă"}, "extra": {}}),  # unknown key
        (VniTable, {"single": {"ñ": "đ"}, "pairs": {"aùx": "á"}}),  # three-character sequence
        (VniTable, {"single": {"ñ": "đ"}}),  # pairs missing
    ],
)
def test_table_schemas_reject_malformed_data(schema: type, raw: dict) -> None:
    with pytest.raises(ValidationError):
        schema.model_validate(raw)


def test_table_schemas_accept_the_shipped_tables() -> None:
    assert len(load("tcvn3.yaml", Tcvn3Table).letters) == len(legacy.tcvn3_table())
    vni = load("vni.yaml", VniTable)
    assert len(vni.single) + len(vni.pairs) == len(legacy.vni_table())
