"""Evaluation of the tagger on labelled JSONL: per-indicator P/R/F1, micro/macro F1, false alarms, status accuracy."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditparse.datamodel.nlp import INDICATORS, SentenceResult
from auditparse.exceptions import BadDataError, InputNotFoundError


def read_jsonl(path: Path | str, *, require: Sequence[str] = ("text",)) -> list[dict[str, Any]]:
    """Read JSON lines (``-`` = stdin), checking each has the ``require``d keys; blank lines are skipped.

    Raises:
        BadDataError: naming the first bad line.
    """
    import sys

    if str(path) == "-":
        lines = sys.stdin.read().splitlines()
        name = "<stdin>"
    else:
        p = Path(path)
        if not p.is_file():
            raise InputNotFoundError(f"{p}: no such file", hint="check the path")
        try:
            lines = p.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as e:
            raise BadDataError(f"{p}: not UTF-8 text ({e.reason} at byte {e.start})", hint="save it as UTF-8 JSON lines") from e
        name = str(p)
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise BadDataError(f"{name} line {n}: not valid JSON ({e.msg})", hint="fix that line") from e
        if not isinstance(row, dict):
            raise BadDataError(f"{name} line {n}: expected a JSON object", hint='write {"id": ..., "text": ...}')
        for key in require:
            if key not in row:
                raise BadDataError(f"{name} line {n}: missing key {key!r}", hint="fix that line")
        if not isinstance(row.get("text", ""), str):
            raise BadDataError(f"{name} line {n}: 'text' must be a string", hint="fix that line")
        bad = [i for i in row.get("indicators", []) if i not in INDICATORS]
        if bad or not isinstance(row.get("indicators", []), list):
            raise BadDataError(f"{name} line {n}: unknown indicator {bad[:1]}", hint=f"use ids from: {', '.join(INDICATORS)}")
        row["_line"] = n
        rows.append(row)
    return rows


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": tp + fn}


def _cue_span(text: str, cue: str | None) -> tuple[int, int] | None:
    if not cue:
        return None
    i = text.lower().find(cue.lower())
    return (i, i + len(cue)) if i >= 0 else None


def evaluate(gold: Sequence[dict[str, Any]], pred: Sequence[SentenceResult]) -> dict[str, Any]:
    """Scores of ``pred`` against ``gold`` rows (``indicators``, optional ``mentions`` with ``status``).

    - per indicator and micro/macro P/R/F1 over (sentence, indicator) pairs with a positive status;
    - ``false_alarm_rate``: share of sentences whose gold mentions are all negated for which the tagger
      reports any indicator;
    - ``status_accuracy``: over gold mentions the tagger also found (same indicator; the predicted mention
      that overlaps the gold cue most), the share with the same status; ``status_coverage`` says how many
      gold mentions were found at all.
    """
    counts = {i: [0, 0, 0] for i in INDICATORS}
    neg_only = neg_alarm = st_total = st_found = st_ok = 0
    confusion: dict[str, int] = {}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g.get("indicators", [])), set(p.indicators)
        for i in INDICATORS:
            counts[i][0] += i in gs and i in ps
            counts[i][1] += i not in gs and i in ps
            counts[i][2] += i in gs and i not in ps
        mentions = g.get("mentions") or []
        if mentions and all(m.get("status") == "negated" for m in mentions):
            neg_only += 1
            neg_alarm += bool(ps - gs)
        for m in mentions:
            if "status" not in m:
                continue
            st_total += 1
            cands = [pm for pm in p.mentions if pm.indicator == m["indicator"]]
            if not cands:
                continue
            st_found += 1
            span = _cue_span(g["text"], m.get("cue"))
            best = max(cands, key=lambda pm: min(pm.end, span[1]) - max(pm.start, span[0])) if span else cands[0]
            st_ok += best.status == m["status"]
            key = f"{m['status']}->{best.status}"
            confusion[key] = confusion.get(key, 0) + 1
    per = {i: _prf(*counts[i]) for i in INDICATORS}
    tp, fp, fn = (sum(c[j] for c in counts.values()) for j in range(3))
    present = [i for i in INDICATORS if per[i]["support"]]
    return {
        "sentences": len(gold),
        "per_indicator": per,
        "micro": _prf(tp, fp, fn),
        "macro_f1": sum(per[i]["f1"] for i in present) / len(present) if present else 0.0,
        "negated_only_sentences": neg_only,
        "false_alarm_rate": neg_alarm / neg_only if neg_only else 0.0,
        "status_mentions": st_total,
        "status_coverage": st_found / st_total if st_total else 0.0,
        "status_accuracy": st_ok / st_found if st_found else None,
        "status_confusion": dict(sorted(confusion.items())),
    }
