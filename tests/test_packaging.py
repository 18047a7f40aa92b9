"""A built wheel carries the lexicons and the NER model, and the model loads from it.

The wheel is built from a copy of the files the build reads (pyproject.toml, README.md,
extractor/), so nothing lands in the checkout and a file left out of the package data fails
here rather than on a user's machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

MODELS = ROOT / "extractor" / "models"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "extractor", src / "extractor", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), "."],
        cwd=src,
        check=True,
    )
    (found,) = (tmp / "dist").glob("extractor-*.whl")
    return found


def _package_files(folder: Path) -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_wheel_has_every_lexicon_and_the_model(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    lexicons = {p.relative_to(ROOT).as_posix() for p in (ROOT / "extractor" / "data").glob("*.yaml")}
    assert lexicons, "no extractor/data/*.yaml in the checkout"
    model = _package_files(MODELS)
    assert "extractor/models/models.yaml" in model
    assert any(n.endswith("/ner/model") for n in model), "no trained model in extractor/models"
    assert lexicons <= names, sorted(lexicons - names)
    assert model <= names, sorted(model - names)


_LOAD = """
import sys
import extractor
from extractor.ner.catalogue import model_entry
from extractor.ner.pipeline import build_nlp
assert extractor.__file__.startswith(sys.argv[1]), extractor.__file__
assert model_entry() is not None
assert "ner" in build_nlp(use_model=True).pipe_names
"""


@pytest.mark.slow
@pytest.mark.parametrize("form", ["unpacked", "zipped"])
def test_model_loads_from_the_installed_wheel(wheel: Path, form: str, tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    if form == "unpacked":
        site = tmp_path / "site"
        zipfile.ZipFile(wheel).extractall(site)
    else:
        site = wheel  # zipimport: resources are zipfile.Path objects, the model is copied out
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(site)}
    subprocess.run([sys.executable, "-c", _LOAD, str(site)], cwd=tmp_path, env=env, check=True)
