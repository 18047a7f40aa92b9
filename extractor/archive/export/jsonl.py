"""JSONL: the records back, one a line, exactly as ``extractor extract`` writes them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from extractor.io import record_json

__all__ = ["to_jsonl"]


def to_jsonl(tasks: Iterable[Mapping[str, Any]]) -> str:
    """The records, one JSON object a line, keys in the order pydantic dumps them.

    Dicts keep insertion order, so a dict from ``model_dump`` or ``json.loads`` of a contract line
    is written back byte-identically to ``extractor extract`` (``ensure_ascii=False``).
    """
    return "".join(record_json(t) + "\n" for t in tasks)
