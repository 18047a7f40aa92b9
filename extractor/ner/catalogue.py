"""The model catalogue ``extractor/models/models.yaml`` and the model directories it lists.

Both are package data, read through :mod:`importlib.resources`, so an installed wheel of
``extractor[ner]`` finds its model the way a checkout does. ``path`` in the catalogue is
relative to the catalogue file. No spaCy here.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["CATALOGUE", "SOURCE_DIR", "model_entry", "model_path", "models_dir"]

CATALOGUE = "models.yaml"
# where scripts/train_ner.py writes: the package's models folder of this checkout
SOURCE_DIR = Path(__file__).resolve().parents[1] / "models"


def models_dir() -> Traversable:
    """The packaged models folder (a real directory in a checkout or an unpacked wheel)."""
    return resources.files("extractor").joinpath("models")


def _entries(folder: Traversable) -> list[dict[str, Any]]:
    catalogue = folder.joinpath(CATALOGUE)
    if not catalogue.is_file():
        return []
    data = yaml.safe_load(catalogue.read_text(encoding="utf-8")) or {}
    return list(data.get("models") or []) if isinstance(data, dict) else []


def model_entry(folder: Traversable | None = None) -> dict[str, Any] | None:
    """The newest ``ner-vi-*`` entry of the catalogue whose directory exists, or None."""
    root = folder if folder is not None else models_dir()
    entries = [m for m in _entries(root) if str(m.get("name", "")).startswith("ner-vi")]
    entries = [m for m in entries if root.joinpath(str(m["path"])).is_dir()]
    if not entries:
        return None
    best: dict[str, Any] = max(entries, key=lambda m: str(m.get("date", "")))
    return dict(best)


def _copy(src: Traversable, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for child in src.iterdir():
        if child.is_dir():
            _copy(child, dst / child.name)
        else:
            (dst / child.name).write_bytes(child.read_bytes())


@contextlib.contextmanager
def model_path(entry: dict[str, Any], folder: Traversable | None = None) -> Iterator[Path]:
    """A filesystem path to the entry's model directory for ``spacy.load``, valid inside the block.

    ``importlib.resources.as_file`` takes directories only from Python 3.12 on, so a model
    inside a zipped package is copied to a temporary directory instead.
    """
    source = (folder if folder is not None else models_dir()).joinpath(str(entry["path"]))
    if isinstance(source, Path):
        yield source
        return
    tmp = Path(tempfile.mkdtemp(prefix="extractor-model-"))
    try:
        _copy(source, tmp / "model")
        yield tmp / "model"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
