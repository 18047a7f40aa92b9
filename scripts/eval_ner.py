"""Score the NER on the held-out span annotations (dev d49-d64), exact span match per label.

    .venv/bin/python scripts/eval_ner.py [--json] [--no-underthesea]

Rows: rules only, model only, rules+model (the pipeline's resolver), and underthesea's ``ner``
(ORG/PER/LOC only; skipped when underthesea is not installed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.ner.evaluate import Score, load, score, table, underthesea_entities  # noqa: E402
from extractor.ner.pipeline import build_nlp  # noqa: E402
from extractor.ner.rules import rule_entities  # noqa: E402
from extractor.ner.types import Entity  # noqa: E402


def evaluate(with_underthesea: bool = True) -> dict[str, dict[str, Score]]:
    held = load("held_out")
    if not held:
        raise SystemExit("no held-out annotations found (is ../shared/corpus/dev present?)")
    rows: dict[str, dict[str, Score]] = {}
    rows["rules"] = score(held, lambda d: rule_entities(d.text))
    nlp = build_nlp(use_model=True)
    if "ner" in nlp.pipe_names:
        docs = {d.source: nlp(d.text) for d in held}

        def model_only(d: object) -> list[Entity]:
            doc = docs[d.source]  # type: ignore[attr-defined]
            return [Entity(s.start_char, s.end_char, s.label_, s.text, "model") for s in doc.spans["model"]]

        def combined(d: object) -> list[Entity]:
            doc = docs[d.source]  # type: ignore[attr-defined]
            return [Entity(s.start_char, s.end_char, s.label_, s.text) for s in doc.ents]

        rows["model"] = score(held, model_only)
        rows["rules+model"] = score(held, combined)
    if with_underthesea:
        try:
            import underthesea  # noqa: F401
        except ImportError:
            print("underthesea not installed: skipped", file=sys.stderr)
        else:
            rows["underthesea"] = score(held, lambda d: underthesea_entities(d.text), ("ORG", "PER", "LOC"))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--no-underthesea", action="store_true")
    args = ap.parse_args(argv)
    rows = evaluate(not args.no_underthesea)
    if args.json:
        print(json.dumps({k: {lab: s.as_dict() for lab, s in v.items()} for k, v in rows.items()}, indent=1))
    else:
        print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
