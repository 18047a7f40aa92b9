"""Shared loader for the YAML lexicons in ``extractor/data``.

Word lists live in data files so linguists can edit them without touching code; each is
parsed once per process (``lru_cache``) because extractors run on thousands of phrases.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def _read(name: str) -> str:
    """Text of ``extractor/data/<name>`` as a package resource (works from wheels and zips).

    ``extractor.data`` is a namespace package; an old editable install may expose
    ``extractor`` itself as a namespace with a non-directory path entry, so fall back to the
    file beside this module.
    """
    try:
        return resources.files("extractor.data").joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, NotADirectoryError, FileNotFoundError, TypeError):
        return (Path(__file__).resolve().parent.parent / "data" / name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=64)
def load_yaml(name: str) -> Any:
    """Parse ``extractor/data/<name>``; cached, so treat the result as read-only."""
    return yaml.safe_load(_read(name))
