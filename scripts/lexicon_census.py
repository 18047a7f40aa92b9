"""How much lexical knowledge sits in code rather than in ``extractor/data``.

Counts phrase alternatives (fragments of two or more letters) in the regex literals that the
finders pass to ``re`` functions, and the phrases in the data files (lists, mapping keys and
values, patterns kept as data). The aim is under 10% inline; ``tests/test_lexicon.py`` checks
it. Usage: ``.venv/bin/python scripts/lexicon_census.py [--json]``.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIND = ROOT / "extractor" / "find"
DATA = ROOT / "extractor" / "data"
_RE_FUNCS = {"compile", "match", "search", "sub", "subn", "finditer", "findall", "fullmatch", "split"}
_NOT_LEXICAL = {"tcvn3.yaml", "vni.yaml"}  # byte tables, not phrases
_LETTERS = re.compile(r"[^\W\d_]")


def fragments(pattern: str) -> list[str]:
    """The lexical fragments of a regex: "(?:[Gg]iao|Đề nghị)\\s+" → ["giao", "Đề nghị"]."""
    p = re.sub(r"\(\?P<\w+>", "(", pattern)
    p = re.sub(r"\(\?P=\w+\)", " ", p)
    p = re.sub(r"\[([^\W\d_])([^\W\d_])\]", lambda m: m.group(2), p)  # [Gg] → g
    p = re.sub(r"\[[^\]]*\]", " ", p)
    p = re.sub(r"\\[a-zA-Z]", " ", p)
    p = re.sub(r"\{[0-9,]*\}", " ", p)
    parts = re.split(r"[|()?*+:!<=^$\\.]", p)
    return [x.strip() for x in parts if len(_LETTERS.findall(x)) >= 2]


def _literal(node: ast.AST) -> str:
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            out.append(n.value)
    return " ".join(out)


def inline_counts(folder: Path = FIND) -> dict[str, tuple[int, int]]:
    """module → (regex calls with lexical fragments, fragments)."""
    out: dict[str, tuple[int, int]] = {}
    for f in sorted(folder.rglob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        calls = items = 0
        for n in ast.walk(tree):
            if (
                isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute)
                and n.func.attr in _RE_FUNCS
                and isinstance(n.func.value, ast.Name)
                and n.func.value.id == "re"
                and n.args
            ):
                found = fragments(_literal(n.args[0]))
                if found:
                    calls += 1
                    items += len(found)
        out[str(f.relative_to(ROOT))] = (calls, items)
    return out


def _data_items(obj: Any) -> int:
    if isinstance(obj, str):
        return max(1, len(fragments(obj))) if len(_LETTERS.findall(obj)) >= 2 else 0
    if isinstance(obj, list):
        return sum(_data_items(x) for x in obj)
    if isinstance(obj, dict):
        keys = sum(1 for k, v in obj.items() if isinstance(k, str) and isinstance(v, (str, int)))
        return keys + sum(_data_items(v) for v in obj.values())
    return 0


def data_counts(folder: Path = DATA) -> dict[str, int]:
    return {
        f.name: _data_items(yaml.safe_load(f.read_text(encoding="utf-8")))
        for f in sorted(folder.glob("*.yaml"))
        if f.name not in _NOT_LEXICAL
    }


def census() -> dict[str, Any]:
    inline = inline_counts()
    data = data_counts()
    n_inline = sum(items for _, items in inline.values())
    n_data = sum(data.values())
    return {
        "inline": {k: {"regexes": c, "items": i} for k, (c, i) in inline.items() if i},
        "data": data,
        "inline_items": n_inline,
        "data_items": n_data,
        "inline_share": round(n_inline / max(1, n_inline + n_data), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = census()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    for module, row in result["inline"].items():
        print(f"{module:40s} {row['regexes']:4d} regexes {row['items']:5d} items")
    for name, items in result["data"].items():
        print(f"extractor/data/{name:24s} {items:5d} items")
    print(
        f"inline {result['inline_items']} items, data {result['data_items']} items: "
        f"{result['inline_share']:.1%} inline"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
