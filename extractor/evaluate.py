"""Per-field precision, recall and F1 against gold annotations.

Our own implementation of the definitions of ``../shared/tools/score.py`` (the project's
shared scorer), so ``extractor evaluate`` gives the same figures without that file:
tasks are matched by anchor (the first words of the item), assignees by unit-name overlap,
deadlines by exact date, references by normalized số ký hiệu, metadata per field.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor import pipeline
from extractor.errors import ExtractorError
from extractor.io import iter_inputs, record_dict

_ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc",
    "mttqvn": "mặt trận tổ quốc việt nam",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "tp": "thành phố",
    "tt": "thị trấn",
}
# words that do not tell two unit names apart (levels, titles: "Giám đốc Sở X" is "Sở X")
_STOP = set(
    "các và của thuộc trực cấp đơn vị cơ quan huyện tỉnh thành phố thị xã quận "
    "thủ trưởng chủ tịch giám đốc hiệu phó chánh bí thư".split()
)
_OPEN_SYLLABLE = re.compile(r"(?<!q)(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?!\w)")
_LEADER = re.compile(
    r"^\s*(?:\(?(?:\d+(?:\.\d+)*|[a-zđ]|[ivxlc]+)[.)]|[-+•–]|(?:nhiệm vụ|nội dung(?: thực hiện)?|giải pháp)\s*:)\s*",
    re.IGNORECASE,
)
FIELDS = ["number", "doc_type", "issuer", "issued_date", "subject", "signer_name", "recipients"]


def _old_tone(m: re.Match[str]) -> str:
    pair = unicodedata.normalize("NFD", m.group(1))
    base, marks = pair[0] + pair[1], pair[2:] if len(pair) > 2 else ""
    return unicodedata.normalize("NFC", base[0] + marks + base[1])


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").lower().replace("\u00d0", "đ")
    text = _OPEN_SYLLABLE.sub(_old_tone, text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _tokens(name: str) -> list[str]:
    out: list[str] = []
    for word in norm(name).split():
        out.extend(_ABBREVIATIONS.get(word, word).split())
    return out


def same_unit(gold: str, pred: str) -> bool:
    g, p = _tokens(gold), _tokens(pred)
    if not g or not p:
        return False
    gs, ps = " ".join(g), " ".join(p)
    if gs in ps or (ps in gs and len(p) >= 0.75 * len(g)):
        return True
    gk, pk = set(g) - _STOP, set(p) - _STOP
    if not gk or not pk:
        return set(g) == set(p)
    overlap = len(gk & pk)
    return overlap / len(gk) >= 0.75 and overlap / len(pk) >= 0.5


def _similar(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def same_issuer(gold: str | None, pred: str | None) -> bool:
    g, p = " ".join(_tokens(gold or "")), " ".join(_tokens(pred or ""))
    return bool(g) and (_similar(g, p) or p.startswith(g + " "))


def number_key(number: str | None) -> str:
    text = unicodedata.normalize("NFC", number or "").upper().replace("\u00d0", "Đ")
    return re.sub(r"[\s\-\u2010-\u2015\u2212.]", "", text)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _anchor_forms(anchor: str) -> list[str]:
    forms = [norm(anchor)]
    bare = norm(_LEADER.sub("", anchor, count=1))
    if bare and bare != forms[0]:
        forms.append(bare)
    return forms


def _near_start(anchor: str, text: str) -> bool:
    starts = [0, *[m.end() for m in re.finditer(" ", text[:120])][:4]]
    return len(anchor) >= 20 and any(
        difflib.SequenceMatcher(None, anchor, text[k : k + len(anchor)]).ratio() >= 0.85 for k in starts
    )


def match_tasks(
    gold_tasks: list[dict[str, Any]], pred_tasks: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    used: set[int] = set()
    texts = [norm(t.get("text")) for t in pred_tasks]
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for gold in gold_tasks:
        forms = _anchor_forms(gold["anchor"])
        hit = None
        for anchor in forms:
            hit = next((i for i, t in enumerate(texts) if i not in used and anchor and anchor in t), None)
            if hit is not None:
                break
        if hit is None:
            hit = next(
                (i for i, t in enumerate(texts) if i not in used and any(_near_start(a, t) for a in forms)),
                None,
            )
        if hit is not None:
            used.add(hit)
        pairs.append((gold, pred_tasks[hit] if hit is not None else None))
    return pairs


def covered(golds: list[str], preds: list[str]) -> tuple[int, int, int]:
    joined = " ; ".join(preds)
    tp = sum(1 for g in golds if any(same_unit(g, p) for p in preds) or (preds and same_unit(g, joined)))
    fp = sum(
        1
        for p in preds
        if not any(same_unit(g, p) for g in golds) and not any(norm(p) in norm(g) for g in golds)
    )
    return tp, fp, len(golds) - tp


@dataclass
class _Totals:
    """The running counts of :func:`score` over all gold files."""

    tasks: Tally = field(default_factory=Tally)
    assignees: Tally = field(default_factory=Tally)
    refs: Tally = field(default_factory=Tally)
    e2e: Tally = field(default_factory=Tally)
    deadline_right: int = 0
    deadline_total: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)


def score(gold_dir: Path, tasks: list[dict[str, Any]], documents: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures over every gold file in ``gold_dir`` (predictions matched by source stem)."""
    by_doc_tasks: dict[str, list[dict[str, Any]]] = {}
    for task in tasks:
        by_doc_tasks.setdefault(Path(task.get("source", "")).stem, []).append(task)
    by_doc = {Path(d.get("source", "")).stem: d for d in documents}
    totals = _Totals()
    gold_files = sorted(gold_dir.glob("*.json"))
    for gold_path in gold_files:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        key = gold_path.stem
        preds = by_doc_tasks.get(key, [])
        doc = by_doc.get(key, {})
        _score_tasks(totals, key, gold, preds)
        _score_references(totals, key, gold, preds, doc)
        _score_metadata(totals, key, gold.get("doc", {}), doc)
    right, total = totals.right, totals.total
    return {
        "documents": len(gold_files),
        "tasks": totals.tasks.prf(),
        "assignees": totals.assignees.prf(),
        "deadline_accuracy": round(totals.deadline_right / totals.deadline_total, 4)
        if totals.deadline_total
        else 0.0,
        "end_to_end": totals.e2e.prf(),
        "references": totals.refs.prf(),
        "metadata": {f: round(right[f] / total[f], 4) if total[f] else 0.0 for f in FIELDS},
        "misses": totals.misses,
    }


def _score_tasks(totals: _Totals, key: str, gold: dict[str, Any], preds: list[dict[str, Any]]) -> None:
    """Task matching, then assignees, deadline and end-to-end on the matched pairs."""
    pairs = match_tasks(gold.get("tasks", []), preds)
    found = [(g, p) for g, p in pairs if p is not None]
    totals.tasks.add(len(found), len(preds) - len(found), len(pairs) - len(found))
    e2e = 0
    for g, p in found:
        tp, fp, fn = covered(g.get("assignees") or [], p.get("assignees") or [])
        totals.assignees.add(tp, fp, fn)
        want, got = g.get("deadline"), (p.get("deadline") or {}).get("date")
        totals.deadline_total += 1
        totals.deadline_right += want == got
        if fn == 0 and want == got:
            e2e += 1
        else:
            totals.misses.append(
                f"{key}: «{g['anchor']}» assignees {g.get('assignees')} vs {p.get('assignees')}; deadline {want} vs {got}"
            )
    totals.misses.extend(f"{key}: not found «{g['anchor']}»" for g, p in pairs if p is None)
    totals.e2e.add(e2e, len(preds) - e2e, len(pairs) - e2e)


def _score_references(
    totals: _Totals, key: str, gold: dict[str, Any], preds: list[dict[str, Any]], doc: dict[str, Any]
) -> None:
    """Cited numbers of the document and its tasks against the gold list (own number excluded)."""
    gold_refs = {number_key(n) for n in gold.get("references", [])}
    pred_refs = {number_key(r.get("number")) for r in doc.get("references", []) if r.get("number")}
    for p in preds:
        pred_refs |= {number_key(r.get("number")) for r in p.get("references", []) if r.get("number")}
    pred_refs.discard("")
    pred_refs.discard(number_key(doc.get("number")))
    totals.refs.add(len(gold_refs & pred_refs), len(pred_refs - gold_refs), len(gold_refs - pred_refs))
    if gold_refs != pred_refs:
        totals.misses.append(
            f"{key}: references missing {sorted(gold_refs - pred_refs)} extra {sorted(pred_refs - gold_refs)}"
        )


def _score_metadata(totals: _Totals, key: str, gdoc: dict[str, Any], doc: dict[str, Any]) -> None:
    """Each metadata field the gold file fills, compared its own way."""
    signer = doc.get("signer") or {}
    checks = {
        "number": number_key(gdoc.get("number")) == number_key(doc.get("number")),
        "doc_type": norm(gdoc.get("doc_type")) == norm(doc.get("doc_type")),
        "issuer": same_issuer(gdoc.get("issuer"), doc.get("issuer")),
        "issued_date": gdoc.get("issued_date") == doc.get("issued_date"),
        "subject": _similar(norm(gdoc.get("subject")), norm(doc.get("subject"))),
        "signer_name": norm(gdoc.get("signer_name")) == norm(signer.get("name")),
        "recipients": covered(gdoc.get("recipients") or [], doc.get("recipients") or [])[2] == 0,
    }
    for name, ok in checks.items():
        if not gdoc.get(name):
            continue
        totals.total[name] += 1
        totals.right[name] += bool(ok)
        if not ok:
            got_value = signer.get("name") if name == "signer_name" else doc.get(name)
            totals.misses.append(f"{key}: metadata {name} gold {gdoc.get(name)!r} vs {got_value!r}")


def evaluate_paths(gold_dir: Path, paths: list[str]) -> dict[str, Any]:
    """Extract every document under ``paths`` and score it against ``gold_dir``."""
    tasks: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    errors: list[str] = []
    for source, path, error, _code in iter_inputs(paths):
        if error or path is None:
            errors.append(f"{source}: {error}")
            continue
        try:
            result = pipeline.extract_path(path, source=source)
        except ExtractorError as err:
            errors.append(f"{source}: {err.reason}")
            continue
        documents.append(record_dict(result.document))
        tasks.extend(record_dict(t) for t in result.tasks)
    report = score(gold_dir, tasks, documents)
    report["errors"] = errors
    return report


def format_report(report: dict[str, Any], verbose: bool = False) -> str:
    lines: list[str] = []
    if verbose:
        lines.extend(report.get("misses", []))
    lines.extend(f"error: {e}" for e in report.get("errors", []))
    lines.append(f"documents {report['documents']}")
    for key in ("tasks", "assignees", "end_to_end", "references"):
        r = report[key]
        lines.append(f"{key:11s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    lines.append(f"deadline    accuracy {report['deadline_accuracy']:.3f} (over found tasks)")
    lines.append("metadata    " + "  ".join(f"{k} {v:.2f}" for k, v in report["metadata"].items()))
    return "\n".join(lines)
