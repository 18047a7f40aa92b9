"""Bootstrap the span annotations in ``annotations/spans/`` (``python -m extractor.ner.annotate``).

Spans come from the rule finders, then the gold strings of each document (assignees,
collaborators, recipients, signer, place, references) are located in the normalized text and
win over rule spans they overlap, then the hand corrections in :data:`CORRECTIONS` (read from
``annotations/spans/corrections.json``) are applied. Offsets point into
``extractor.tree.build(extractor.parse.parse_bytes(data, suffix)).text``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from extractor.ner.rules import _role_re, _trim, rule_entities
from extractor.ner.types import Entity
from extractor.parse import parse_bytes
from extractor.tree import build

ROOT = Path(__file__).resolve().parents[2]
SPANS_DIR = ROOT / "annotations" / "spans"
DEV = ROOT.parent / "shared" / "corpus" / "dev"
_PLACE_TAIL = re.compile(r"^\s+(?:huyện|tỉnh|thị xã|thành phố|xã|phường|quận|thị trấn)(?:\s+\w+){0,3}$")


def normalized_text(path: Path) -> tuple[str, str]:
    """(normalized text, sha256 of the bytes) of a source file."""
    data = path.read_bytes()
    return build(parse_bytes(data, path.suffix)).text, hashlib.sha256(data).hexdigest()


def groups() -> dict[str, list[tuple[str, Path, Path]]]:
    """Source group → [(source as stored, text path, gold json path)]."""
    out: dict[str, list[tuple[str, Path, Path]]] = {"seeds": [], "composed": [], "dev": []}
    for name in ("seeds", "composed"):
        for gold in sorted((ROOT / "annotations" / name).glob("*.json")):
            txt = next(iter(sorted((ROOT / "corpus" / name).glob(gold.stem + ".*"))))
            out[name].append((f"corpus/{name}/{txt.name}", txt, gold))
    for gold in sorted((DEV / "gold").glob("d*.json")):
        txt = DEV / "docs" / f"{gold.stem}.txt"
        out["dev"].append((f"../shared/corpus/dev/docs/{txt.name}", txt, gold))
    return out


def _gold_strings(gold: dict[str, Any]) -> list[tuple[str, str]]:
    doc = gold.get("doc", {})
    found: list[tuple[str, str]] = []
    for t in gold.get("tasks", []):
        found += [("ORG", a) for a in t.get("assignees", []) + t.get("collaborators", [])]
    found += [("ORG", r) for r in doc.get("recipients") or []]
    if doc.get("signer_name"):
        found.append(("PER", doc["signer_name"]))
    if doc.get("place"):
        found.append(("LOC", doc["place"]))
    found += [("DOC_REF", r) for r in gold.get("references", [])]
    return sorted(set(found), key=lambda x: -len(x[1]))


def _occurrences(text: str, needle: str) -> list[int]:
    out = []
    for m in re.finditer(re.escape(needle), text):
        s, e = m.start(), m.end()
        if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
            continue
        out.append(s)
    return out


def _split_role(text: str, s: int, e: int, label: str) -> list[Entity]:
    m = _role_re().match(text, s, e) if label == "ORG" else None
    if m is None:
        return [Entity(s, e, label, text[s:e])]
    rest = m.end() + (len(text[m.end() : e]) - len(text[m.end() : e].lstrip()))
    out = [Entity(s, m.end(), "ROLE", text[s : m.end()])]
    if rest < e:
        out.append(Entity(rest, e, "ORG", text[rest:e]))
    return out


def bootstrap(text: str, gold: dict[str, Any]) -> list[Entity]:
    """Rule spans corrected by the gold strings of the document."""
    spans = list(rule_entities(text))
    gold_spans: list[Entity] = []
    for label, needle in _gold_strings(gold):
        needle = needle.strip()
        if len(needle) < 2:
            continue
        for s in _occurrences(text, needle):
            e = s + len(needle)
            s, e = _trim(text, s, e)
            if any(s < g.end and g.start < e for g in gold_spans):
                continue
            over = [x for x in spans if s < x.end and x.start < e]
            # "Phòng Nội vụ" inside the rule's "Phòng Nội vụ huyện" keeps the longer name
            if any(
                o.label == "ORG" and o.start <= s and e <= o.end and _PLACE_TAIL.match(text[e : o.end])
                for o in over
            ):
                continue
            if any(o.label in ("DATE", "DOC_REF", "PER") and o.label != label for o in over):
                continue
            new = _split_role(text, s, e, label)
            spans = [x for x in spans if x not in over]
            spans.extend(new)
            gold_spans.extend(new)
    return sorted(set(spans), key=lambda x: (x.start, x.end))


def apply_corrections(text: str, spans: list[Entity], fixes: list[list[Any]]) -> list[Entity]:
    """Hand corrections, each one of
    ["drop", label, text]; ["relabel", text, label]; ["add", label, text, nth or -1 for all];
    ["split", text, [[label, piece], ...]] (the span ``text`` becomes the pieces found in it, in order).
    """
    out = list(spans)
    for fix in fixes:
        if fix[0] == "split":
            olds = [x for x in out if x.text == fix[1]]
            if not olds:
                print(f"correction not applied: {fix[1]!r}", file=sys.stderr)
            for old in olds:
                out.remove(old)
                cursor = old.start
                for label, piece in fix[2]:
                    at = text.find(piece, cursor, old.end)
                    if at < 0:
                        print(f"piece not found: {piece!r}", file=sys.stderr)
                        continue
                    out.append(Entity(at, at + len(piece), label, piece))
                    cursor = at + len(piece)
            continue
        if fix[0] == "drop":
            out = [x for x in out if not (x.label == fix[1] and x.text == fix[2])]
        elif fix[0] == "relabel":
            out = [Entity(x.start, x.end, fix[2], x.text) if x.text == fix[1] else x for x in out]
        elif fix[0] == "add":
            occ = _occurrences(text, fix[2])
            pick = occ if fix[3] == -1 else occ[fix[3] : fix[3] + 1]
            for s in pick:
                e = s + len(fix[2])
                out = [x for x in out if not (s < x.end and x.start < e)]
                out.append(Entity(s, e, fix[1], fix[2]))
    return sorted(set(out), key=lambda x: (x.start, x.end))


def main(argv: list[str] | None = None) -> int:
    corr_path = SPANS_DIR / "corrections.json"
    corrections: dict[str, list[list[Any]]] = (
        json.loads(corr_path.read_text(encoding="utf-8")) if corr_path.exists() else {}
    )
    SPANS_DIR.mkdir(parents=True, exist_ok=True)
    for group, items in groups().items():
        lines = []
        for source, txt, gold_path in items:
            if not txt.exists():
                print(f"skip {source}: missing", file=sys.stderr)
                continue
            text, sha = normalized_text(txt)
            spans = bootstrap(text, json.loads(gold_path.read_text(encoding="utf-8")))
            spans = apply_corrections(text, spans, corrections.get(source, []))
            assert all(text[x.start : x.end] == x.text for x in spans)
            rows = [[x.start, x.end, x.label, x.text] for x in spans]
            lines.append(json.dumps({"source": source, "sha256": sha, "spans": rows}, ensure_ascii=False))
        (SPANS_DIR / f"{group}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{group}: {len(lines)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
