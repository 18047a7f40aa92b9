"""Score the NER on the held-out span annotations (dev d49-d64), exact span match per label.

    .venv/bin/python scripts/eval_ner.py [--json] [--no-underthesea]
    .venv/bin/python scripts/eval_ner.py --noise 0.02,0.05,0.1 [--seeds 3] [--json]

Rows: rules only, model only, rules+model (the pipeline's resolver, from the catalogue), union
(rule spans plus the model spans that overlap none, for every label), and underthesea's ``ner``
(ORG/PER/LOC only; skipped when underthesea is not installed).

``--noise`` scores the same rows on OCR-like noisy copies of the held-out documents
(:mod:`extractor.ner.noise`: tone marks dropped or moved, ê/ế, ô/ố, đ/d, 0/O, 1/l; each character
confused with the given probability, ``--seeds`` copies per rate, counts summed), and counts the
gold ORG spans only the model finds and only the rules find: the question whether the model
earns a place beside the rules on scanned text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.ner.evaluate import (  # noqa: E402
    Annotated,
    Score,
    found_only_by,
    load,
    score,
    table,
    underthesea_entities,
    with_noise,
)
from extractor.ner.pipeline import build_nlp, choose  # noqa: E402
from extractor.ner.rules import rule_entities  # noqa: E402
from extractor.ner.types import LABELS, Entity  # noqa: E402

Predict = Callable[[Annotated], list[Entity]]
UNION = {label: "union" for label in LABELS}


def systems(docs: list[Annotated], nlp: Any) -> dict[str, Predict]:
    """Each system's predictions on ``docs``, computed once and looked up by source."""
    rules = {d.source: rule_entities(d.text) for d in docs}
    out: dict[str, Predict] = {"rules": lambda d: rules[d.source]}
    if "ner" in nlp.pipe_names:
        parsed = {d.source: nlp(d.text) for d in docs}
        model = {
            k: [Entity(s.start_char, s.end_char, s.label_, s.text, "model") for s in doc.spans["model"]]
            for k, doc in parsed.items()
        }
        combined = {
            k: [Entity(s.start_char, s.end_char, s.label_, s.text) for s in doc.ents]
            for k, doc in parsed.items()
        }
        out["model"] = lambda d: model[d.source]
        out["rules+model"] = lambda d: combined[d.source]
        out["union"] = lambda d: choose(rules[d.source], model[d.source], UNION)
    return out


def evaluate(with_underthesea: bool = True) -> dict[str, dict[str, Score]]:
    held = load("held_out")
    if not held:
        raise SystemExit("no held-out annotations found (is ../shared/corpus/dev present?)")
    rows = {name: score(held, fn) for name, fn in systems(held, build_nlp(use_model=True)).items()}
    if with_underthesea:
        try:
            import underthesea  # noqa: F401
        except ImportError:
            print("underthesea not installed: skipped", file=sys.stderr)
        else:
            rows["underthesea"] = score(held, lambda d: underthesea_entities(d.text), ("ORG", "PER", "LOC"))
    return rows


def _add(total: dict[str, dict[str, Score]], rows: dict[str, dict[str, Score]]) -> None:
    for name, scores in rows.items():
        for label, s in scores.items():
            t = total.setdefault(name, {}).setdefault(label, Score())
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn


def evaluate_noise(rates: list[float], seeds: int) -> dict[str, dict[str, Any]]:
    """Per noise rate: summed scores of each system and the ORG spans one source alone finds."""
    held = load("held_out")
    if not held:
        raise SystemExit("no held-out annotations found (is ../shared/corpus/dev present?)")
    nlp = build_nlp(use_model=True)
    if "ner" not in nlp.pipe_names:
        raise SystemExit("no trained model in extractor/models/models.yaml")
    out: dict[str, dict[str, Any]] = {}
    for rate in rates:
        total: dict[str, dict[str, Score]] = {}
        model_only = rules_only = 0
        for seed in range(seeds):
            docs = with_noise(held, rate, seed)
            fns = systems(docs, nlp)
            _add(total, {name: score(docs, fn) for name, fn in fns.items()})
            model_only += found_only_by(docs, fns["model"], fns["rules"], "ORG")
            rules_only += found_only_by(docs, fns["rules"], fns["model"], "ORG")
        out[f"{rate:g}"] = {"rows": total, "org_model_only": model_only, "org_rules_only": rules_only}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--no-underthesea", action="store_true")
    ap.add_argument("--noise", help="comma-separated confusion rates, e.g. 0.02,0.05,0.1")
    ap.add_argument("--seeds", type=int, default=3, help="noisy copies per rate (default 3)")
    args = ap.parse_args(argv)

    def as_json(rows: dict[str, dict[str, Score]]) -> dict[str, Any]:
        return {k: {lab: s.as_dict() for lab, s in v.items()} for k, v in rows.items()}

    if args.noise:
        result = evaluate_noise([float(x) for x in args.noise.split(",")], args.seeds)
        if args.json:
            print(json.dumps({r: v | {"rows": as_json(v["rows"])} for r, v in result.items()}, indent=1))
            return 0
        for rate, v in result.items():
            print(f"noise rate {rate} ({args.seeds} seeds, counts summed)")
            print(table(v["rows"]))
            print(
                f"gold ORG spans found by the model only: {v['org_model_only']}, by the rules only: {v['org_rules_only']}\n"
            )
        return 0
    rows = evaluate(not args.no_underthesea)
    print(json.dumps(as_json(rows), indent=1) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
