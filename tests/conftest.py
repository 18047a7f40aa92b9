from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "corpus" / "dev"


def need(path: Path) -> Path:
    """Skip (with the reason) when the shared corpus is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path
