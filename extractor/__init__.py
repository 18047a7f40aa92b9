"""extractor: Vietnamese directive documents in, trackable task records out.

>>> import extractor
>>> result = extractor.extract("corpus/seeds/000_12272236fee134ef.txt")
>>> result.document.number, len(result.tasks)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract"]

if TYPE_CHECKING:
    from extractor.schema import Result


def extract(path: Any, source: str | None = None) -> Result:
    """Extract the document record and task records of one file (a path or str)."""
    # imported on first use: ``import extractor`` (for __version__, or the CLI's parser) stays
    # light instead of loading every parser and finder, and extractor.pipeline may import the
    # package's modules without a cycle through this file
    from extractor.pipeline import extract_path

    return extract_path(path, source=source)
