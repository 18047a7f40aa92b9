"""The shared input walker, atomic writer and record serializer (extractor.io), and that the CLI,
the archive and evaluation really share them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor import cli
from extractor.archive import open_store
from extractor.archive.export import to_jsonl
from extractor.io import SUFFIXES, atomic_writer, iter_inputs, record_json, write_atomic
from extractor.pipeline import extract_path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder with visible documents, hidden ones (dot file, dot folder), and a file of an
    unsupported type."""
    root = tmp_path / "in"
    (root / "b").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b" / ".cache").mkdir()
    shutil.copy(SEED_FILES[0], root / "z.txt")
    shutil.copy(SEED_FILES[1], root / "b" / "a.txt")
    shutil.copy(SEED_FILES[2], root / ".hidden.txt")
    shutil.copy(SEED_FILES[2], root / ".git" / "x.txt")
    shutil.copy(SEED_FILES[3], root / "b" / ".cache" / "y.txt")
    (root / "notes.odt").write_bytes(b"not read")
    return root


def test_walk_is_sorted_and_skips_hidden_and_unsupported(tree: Path) -> None:
    found = list(iter_inputs([str(tree)]))
    assert [i.source for i in found] == [str(tree / "b" / "a.txt"), str(tree / "z.txt")]
    assert all(i.error is None and i.path is not None and i.path.suffix in SUFFIXES for i in found)


def test_a_hidden_folder_named_on_the_command_line_is_walked(tree: Path) -> None:
    """Only what lies *inside* the given folder is judged hidden: the user chose this one."""
    assert [i.source for i in iter_inputs([str(tree / ".git")])] == [str(tree / ".git" / "x.txt")]
    assert [i.source for i in iter_inputs([str(tree / ".hidden.txt")])] == [str(tree / ".hidden.txt")]


def test_missing_and_empty_inputs_are_errors_not_exceptions(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    missing, empty = iter_inputs([str(tmp_path / "nope"), str(tmp_path / "empty")])
    assert missing.path is None and missing.error == "no such file or folder"
    assert empty.path is None and empty.error is not None and empty.error.startswith("folder holds no")
    assert list(iter_inputs([str(tmp_path / "empty")], report_empty=False)) == []


def test_cli_and_archive_read_the_same_files(tree: Path, tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.jsonl"
    assert cli.main(["extract", str(tree), "-o", str(tasks)]) == 0
    extracted = {json.loads(line)["source"] for line in tasks.read_text(encoding="utf-8").splitlines()}
    with open_store(str(tmp_path / "a.db")) as store:
        report = store.ingest([str(tree)])
        ingested = {t["source"] for t in store.tasks()}
    assert report.added == 2 and report.failed == 0
    assert extracted == ingested == {str(tree / "b" / "a.txt"), str(tree / "z.txt")}


@pytest.mark.parametrize("binary", [False, True])
def test_atomic_writer_replaces_whole_or_not_at_all(tmp_path: Path, binary: bool) -> None:
    target = tmp_path / "out" / "file"
    write_atomic(str(target), b"first\n" if binary else "first\n")
    assert target.read_bytes() == b"first\n"
    with pytest.raises(RuntimeError), atomic_writer(str(target), binary=binary) as handle:
        handle.write(b"half" if binary else "half")  # type: ignore[arg-type]
        raise RuntimeError("crash mid-write")
    assert target.read_bytes() == b"first\n", "the previous content survives a crash"
    assert [p.name for p in target.parent.iterdir()] == ["file"], "no temporary file is left"


def test_text_is_utf8_with_unix_newlines(tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    write_atomic(str(target), "Phòng Nội vụ\n")
    assert target.read_bytes() == "Phòng Nội vụ\n".encode()


def test_bytes_to_standard_output(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    write_atomic("-", b"\xef\xbb\xbfBOM kept\r\n")
    assert capfdbinary.readouterr().out == b"\xef\xbb\xbfBOM kept\r\n"


def test_one_serialization_for_extract_store_and_export(tmp_path: Path) -> None:
    """A task read back from the archive and exported as JSONL is the line ``extract`` wrote."""
    source = str(SEED_FILES[0])
    tasks = tmp_path / "tasks.jsonl"
    assert cli.main(["extract", source, "-o", str(tasks)]) == 0
    result = extract_path(SEED_FILES[0], source=source)
    assert tasks.read_text(encoding="utf-8") == "".join(record_json(t) + "\n" for t in result.tasks)
    with open_store(str(tmp_path / "a.db")) as store:
        store.add(result)
        assert to_jsonl(store.tasks()) == tasks.read_text(encoding="utf-8")
        (doc,) = store.documents()
    doc.pop("_superseded_by"), doc.pop("_ingested_at")
    assert record_json(doc) == record_json(result.document)
