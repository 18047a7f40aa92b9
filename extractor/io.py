"""Files in and records out, once for the CLI, the archive and evaluation.

- :func:`iter_inputs` walks the paths a user gave: the same files, in the same order, whether
  they are extracted, ingested into the archive or scored.
- :func:`atomic_writer` / :func:`write_atomic` write an output through a temporary file and a
  rename, so a crash or Ctrl-C never leaves half a file (text or bytes).
- :func:`record_json` is the one serialization of a record: what ``extractor extract`` writes,
  what the archive stores and what its JSONL export gives back, byte for byte.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple, overload

from pydantic import BaseModel

__all__ = [
    "SUFFIXES",
    "Input",
    "atomic_writer",
    "iter_inputs",
    "record_dict",
    "record_json",
    "write_atomic",
]

#: The file name endings a folder walk picks up (a file named on the command line is always read).
SUFFIXES = frozenset({".txt", ".md", ".markdown", ".docx", ".pdf", ".doc", ".rtf", ".html", ".htm"})
_EMPTY_FOLDER = "folder holds no supported document (.txt, .md, .docx, .pdf, .doc, .rtf, .html)"


class Input(NamedTuple):
    """One input: the source as the user named it, the file to read, or why there is none."""

    source: str
    path: Path | None
    error: str | None
    code: str | None = None  # the error's stable code: not-found, no-documents


def _hidden(path: Path, root: Path) -> bool:
    """Inside ``root``, a dot file or anything under a dot folder (.git, editor and sync files)."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def iter_inputs(paths: list[str], *, report_empty: bool = True) -> Iterator[Input]:
    """Every input file: folders are walked recursively in sorted order (supported suffixes,
    hidden files and folders skipped); a missing path, and with ``report_empty`` a folder with
    nothing to read, is an :class:`Input` with an error, so one bad argument never stops a batch."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES and not _hidden(f, p)
            )
            if not files and report_empty:
                yield Input(raw, None, _EMPTY_FOLDER, "no-documents")
            for f in files:
                yield Input(str(f), f, None)
        elif p.is_file():
            yield Input(raw, p, None)
        else:
            yield Input(raw, None, "no such file or folder", "not-found")


@overload
def atomic_writer(
    target: str | None, *, binary: Literal[False] = False
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_writer(
    target: str | None, *, binary: Literal[True]
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def atomic_writer(target: str | None, *, binary: bool = False) -> contextlib.AbstractContextManager[IO[Any]]:
    """Write to ``target`` atomically ("-" or None: standard output); text is UTF-8 with ``\\n``."""
    return _atomic(target, binary)


@contextlib.contextmanager
def _atomic(target: str | None, binary: bool) -> Iterator[IO[Any]]:
    if target in (None, "-"):
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(target: str | None, payload: str | bytes) -> None:
    """The whole ``payload`` to ``target`` through :func:`atomic_writer`."""
    if isinstance(payload, bytes):
        with atomic_writer(target, binary=True) as raw:
            raw.write(payload)
    else:
        with atomic_writer(target) as text:
            text.write(payload)


def record_dict(record: BaseModel) -> dict[str, Any]:
    """A record as JSON-ready data (dates as ISO strings), keys in the schema's order."""
    return record.model_dump(mode="json")


def record_json(record: BaseModel | Mapping[str, Any]) -> str:
    """One record as one line of JSON: UTF-8 text kept as is (``ensure_ascii=False``), keys in
    the order the schema (or the stored dict) has them, so a record read back from the archive
    is written byte-identically to ``extractor extract``."""
    data = record_dict(record) if isinstance(record, BaseModel) else dict(record)
    return json.dumps(data, ensure_ascii=False)
