"""Train the statistical NER of :mod:`extractor.ner` (spaCy, CPU, fixed seed).

    .venv/bin/python scripts/train_ner.py [--epochs N] [--name ner-vi-YYYYMMDD]

Trains on annotations/spans (seeds, composed, dev d01-d48), evaluates rules / model / union per
label on the held-out dev d49-d64, picks per label the better source for the resolver, writes
``extractor/models/<name>/`` and updates the catalogue ``extractor/models/models.yaml`` (both
package data, so a wheel carries them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
import yaml  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import filter_spans, fix_random_seed, minibatch  # noqa: E402

from extractor.ner.catalogue import CATALOGUE, SOURCE_DIR  # noqa: E402
from extractor.ner.evaluate import SPLIT, Annotated, load, score  # noqa: E402
from extractor.ner.pipeline import blank_nlp, choose  # noqa: E402
from extractor.ner.rules import rule_entities  # noqa: E402
from extractor.ner.types import LABELS, Entity  # noqa: E402

SEED = 0
NER_MODEL: dict[str, Any] = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "nO": None,
    "tok2vec": {
        "@architectures": "spacy.HashEmbedCNN.v2",
        "pretrained_vectors": None,
        "width": 64,
        "depth": 2,
        "embed_size": 2000,
        "window_size": 1,
        "maxout_pieces": 3,
        "subword_features": True,
    },
}
HEADER = """# Catalogue of trained models shipped with extractor (name, path, date, training data, scores).
# Packaged with the wheel (package data of `extractor`) and read through importlib.resources;
# `path` is relative to this file. Models are loaded lazily on first use; no pickles in git
# (spaCy's own directory format only). Written by scripts/train_ner.py; `resolver` says per
# label which source the NER pipeline keeps (rules / model / union), chosen by the held-out
# scores below.
"""


def chunks(doc: Annotated, size: int = 600) -> list[tuple[str, list[Entity]]]:
    """Consecutive lines grouped to about ``size`` characters, never cutting a span."""
    out: list[tuple[str, list[Entity]]] = []
    text = doc.text
    cuts = [i for i, ch in enumerate(text) if ch == "\n"]
    inside = {i for s in doc.spans for i in range(s.start, s.end)}
    start = 0
    for c in cuts:
        if c in inside or c - start < size:
            continue
        out.append((start, c))  # type: ignore[arg-type]
        start = c + 1
    out.append((start, len(text)))  # type: ignore[arg-type]
    result: list[tuple[str, list[Entity]]] = []
    for a, b in out:  # type: ignore[misc]
        spans = [
            Entity(s.start - a, s.end - a, s.label, s.text) for s in doc.spans if a <= s.start and s.end <= b
        ]
        result.append((text[a:b], spans))
    return result


def examples(nlp: spacy.language.Language, docs: list[Annotated]) -> list[Example]:
    out: list[Example] = []
    for doc in docs:
        for text, spans in chunks(doc):
            if not text.strip():
                continue
            pred = nlp.make_doc(text)
            ref = nlp.make_doc(text)
            ents = [ref.char_span(s.start, s.end, s.label, alignment_mode="expand") for s in spans]
            ref.ents = filter_spans([e for e in ents if e is not None and len(e)])
            out.append(Example(pred, ref))
    return out


def train(epochs: int, name: str) -> dict[str, Any]:
    fix_random_seed(SEED)
    rng = random.Random(SEED)
    train_docs, held = load("train"), load("held_out")
    nlp = blank_nlp()
    ner = nlp.add_pipe("ner", config={"model": NER_MODEL})
    for label in LABELS:
        ner.add_label(label)  # type: ignore[attr-defined]
    exs = examples(nlp, train_docs)
    t0 = time.time()
    optimizer = nlp.initialize(lambda: exs)
    for epoch in range(epochs):
        rng.shuffle(exs)
        losses: dict[str, float] = {}
        for batch in minibatch(exs, size=16):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        print(f"epoch {epoch + 1:>2}/{epochs}  loss {losses.get('ner', 0.0):.1f}", flush=True)
    seconds = time.time() - t0
    out_dir = SOURCE_DIR / name
    if out_dir.exists():
        shutil.rmtree(out_dir)
    nlp.to_disk(out_dir)

    # held-out scores: rules, model, union, per label
    rules = {d.source: rule_entities(d.text) for d in held}
    model: dict[str, list[Entity]] = {}
    for d in held:
        pdoc = nlp(d.text)
        model[d.source] = [Entity(s.start_char, s.end_char, s.label_, s.text, "model") for s in pdoc.ents]
    modes: dict[str, dict[str, Any]] = {}
    for mode in ("rules", "model", "union"):
        resolver = {label: mode for label in LABELS}
        modes[mode] = score(held, lambda d, r=resolver: choose(rules[d.source], model[d.source], r))
    resolver = {label: max(("rules", "union", "model"), key=lambda m: modes[m][label].f) for label in LABELS}
    combined = score(held, lambda d: choose(rules[d.source], model[d.source], resolver))
    size = sum(f.stat().st_size for f in out_dir.rglob("*") if f.is_file())
    return {
        "name": name,
        "path": name,
        "kind": "spaCy 3 NER (tiny HashEmbedCNN tok2vec, width 64, depth 2, 2000 rows)",
        "date": dt.date.today().isoformat(),
        "data": "annotations/spans/*.jsonl (rule proposals corrected by gold strings and by hand)",
        "split": SPLIT,
        "train_docs": len(train_docs),
        "held_out_docs": len(held),
        "epochs": epochs,
        "seed": SEED,
        "train_seconds": round(seconds, 1),
        "size_bytes": size,
        "resolver": resolver,
        "scores": {
            "rules": {k: v.as_dict() for k, v in modes["rules"].items()},
            "model": {k: v.as_dict() for k, v in modes["model"].items()},
            "rules+model": {k: v.as_dict() for k, v in combined.items()},
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--name", default=f"ner-vi-{dt.date.today():%Y%m%d}")
    args = ap.parse_args(argv)
    entry = train(args.epochs, args.name)
    path = SOURCE_DIR / CATALOGUE
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    models = [m for m in (data or {}).get("models") or [] if m.get("name") != entry["name"]]
    models = [m for m in models if not str(m.get("name", "")).startswith("ner-vi")]
    for old in SOURCE_DIR.glob("ner-vi-*"):
        if old.name != entry["name"] and old.is_dir():
            shutil.rmtree(old)
    models.append(entry)
    body = yaml.safe_dump({"models": models}, allow_unicode=True, sort_keys=False)
    path.write_text(HEADER + body, encoding="utf-8")
    print(
        f"wrote {SOURCE_DIR / entry['path']} ({entry['size_bytes'] / 1e6:.2f} MB) in {entry['train_seconds']} s"
    )
    print("resolver:", entry["resolver"])
    for k, v in entry["scores"].items():
        print(k, {label: v[label]["f"] for label in v})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
