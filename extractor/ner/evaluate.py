"""Load the span annotations and score span predictions (exact match, per label)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from extractor.ner.annotate import normalized_text
from extractor.ner.noise import ocr_noise
from extractor.ner.types import LABELS, Entity

ROOT = Path(__file__).resolve().parents[2]
SPANS_DIR = ROOT / "annotations" / "spans"
HELD_OUT = tuple(f"d{n:02d}" for n in range(49, 65))
SPLIT = {
    "train": "annotations/spans/seeds.jsonl, annotations/spans/composed.jsonl, dev d01-d48",
    "held_out": "dev d49-d64 (annotations/spans/dev.jsonl)",
}


@dataclass
class Annotated:
    source: str
    sha256: str
    text: str
    spans: list[Entity]


def is_held_out(source: str) -> bool:
    return Path(source).stem in HELD_OUT and "/dev/" in source


def source_path(source: str) -> Path:
    return (ROOT / source).resolve()


def load(which: str = "all") -> list[Annotated]:
    """Annotated documents: ``which`` is "train", "held_out" or "all" (missing sources skipped)."""

    out: list[Annotated] = []
    for group in ("seeds", "composed", "dev"):
        path = SPANS_DIR / f"{group}.jsonl"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            held = is_held_out(row["source"])
            if (which == "train" and held) or (which == "held_out" and not held):
                continue
            src = source_path(row["source"])
            if not src.exists():
                continue
            text, _sha = normalized_text(src)
            spans = [Entity(s, e, label, t, "gold") for s, e, label, t in row["spans"]]
            out.append(Annotated(row["source"], row["sha256"], text, spans))
    return out


def with_noise(docs: Iterable[Annotated], rate: float, seed: int = 0) -> list[Annotated]:
    """The documents with OCR-like confusions (same length, so the gold offsets still hold)."""
    return [
        Annotated(d.source, d.sha256, ocr_noise(d.text, rate, seed * 1000 + i), d.spans)
        for i, d in enumerate(docs)
    ]


def found_only_by(
    docs: Iterable[Annotated],
    first: Callable[[Annotated], list[Entity]],
    second: Callable[[Annotated], list[Entity]],
    label: str,
) -> int:
    """Gold ``label`` spans that ``first`` finds exactly and ``second`` does not."""
    n = 0
    for doc in docs:
        gold = {(s.start, s.end) for s in doc.spans if s.label == label}
        a = {(s.start, s.end) for s in first(doc) if s.label == label}
        b = {(s.start, s.end) for s in second(doc) if s.label == label}
        n += len((gold & a) - b)
    return n


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.p, 3), "r": round(self.r, 3), "f": round(self.f, 3), "n": self.tp + self.fn}


def score(
    docs: Iterable[Annotated], predict: Callable[[Annotated], list[Entity]], labels: Iterable[str] = LABELS
) -> dict[str, Score]:
    """Per-label and "ALL" exact-match scores of ``predict`` against the annotations."""
    labels = tuple(labels)
    out = {label: Score() for label in (*labels, "ALL")}
    for doc in docs:
        gold = {(s.start, s.end, s.label) for s in doc.spans if s.label in labels}
        pred = {(s.start, s.end, s.label) for s in predict(doc) if s.label in labels}
        for key in ("ALL", *labels):
            g = {x for x in gold if key in ("ALL", x[2])}
            p = {x for x in pred if key in ("ALL", x[2])}
            out[key].tp += len(g & p)
            out[key].fp += len(p - g)
            out[key].fn += len(g - p)
    return out


_UTS_MAP = {"ORG": "ORG", "PER": "PER", "LOC": "LOC"}


def underthesea_entities(text: str) -> list[Entity]:
    """underthesea's ``ner`` run line by line, its words aligned back to offsets in ``text``."""
    from underthesea import ner  # optional comparison baseline: pip install 'extractor[compare]'

    out: list[Entity] = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        cursor = 0
        current: list[int] | None = None
        label = ""
        for word, *_rest, tag in ner(line):
            m = re.search(r"\s*".join(re.escape(p) for p in word.split()), line[cursor:])
            if m is None:
                continue
            s, e = base + cursor + m.start(), base + cursor + m.end()
            cursor += m.end()
            kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
            if current is not None and (tag.startswith("B-") or kind != label):
                out.append(
                    Entity(current[0], current[1], label, text[current[0] : current[1]], "underthesea")
                )
                current = None
            if kind in _UTS_MAP:
                if current is None:
                    current, label = [s, e], _UTS_MAP[kind]
                else:
                    current[1] = e
        if current is not None:
            out.append(Entity(current[0], current[1], label, text[current[0] : current[1]], "underthesea"))
    return out


def table(rows: dict[str, dict[str, Score]], labels: Iterable[str] = (*LABELS, "ALL")) -> str:
    """A plain-text table: one row per system, P/R/F1 per label."""
    labels = tuple(labels)
    head = f"{'system':<14}" + "".join(f"{label:>20}" for label in labels)
    lines = [head, " " * 14 + "".join(f"{'P    R    F1   n':>20}" for _ in labels)]
    for name, scores in rows.items():
        cells = []
        for label in labels:
            s = scores.get(label)
            cells.append(f"{s.p:.2f} {s.r:.2f} {s.f:.2f} {s.tp + s.fn:>3}" if s else f"{'-':>17}")
        lines.append(f"{name:<14}" + "".join(f"{c:>20}" for c in cells))
    return "\n".join(lines)
