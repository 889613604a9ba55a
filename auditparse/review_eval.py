"""Score ``auditparse review`` against synthetic ground truth (``<name>.truth.json``, schema auditparse-synth-truth/1).

Figures: report-level indicator recall and precision (an indicator counts as found when its status is
``present``), ``ruled_out`` indicators reported as present, metadata exact-match per field, and for scanned twins
the share of indicator statuses equal to those of the digital twin.

    python -m auditparse.review_eval samples/ [--scanned] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from auditparse.datamodel import INDICATORS, ReviewResult
from auditparse.metadata import country_code

log = logging.getLogger(__name__)

#: (name, path in ReviewResult JSON, path in truth) of every metadata field scored
META_FIELDS: list[tuple[str, str, str]] = [
    ("standard", "audit.standard", "audit.standard"),
    ("audit_date", "audit.audit_date", "audit.audit_date"),
    ("audit_type", "audit.audit_type", "audit.audit_type"),
    ("audit_stage", "audit.audit_stage", "audit.audit_stage"),
    ("auditor", "audit.auditor", "audit.auditor"),
    ("site_name", "site.name", "site.name"),
    ("address", "site.address", "site.address"),
    ("country", "site.country", "site.country"),
    ("workers_total", "site.workers_total", "site.workers_total"),
    ("workers_female", "site.workers_female", "site.workers_female"),
    ("workers_male", "site.workers_male", "site.workers_male"),
    ("migrant_workers", "site.migrant_workers", "site.migrant_workers"),
    ("agency_workers", "site.agency_workers", "site.agency_workers"),
    ("workers_interviewed", "coverage.workers_interviewed", "coverage.workers_interviewed"),
    ("sector", "site.sector", "site.sector"),
]


def _get(obj: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        obj = (obj or {}).get(key)  # type: ignore[assignment]
    return obj


def _norm(v: Any) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(v).lower()).strip()


def field_matches(name: str, pred: Any, truth: Any) -> bool:
    """Exact match after case/punctuation folding; an address may also name its country at the end; a sector
    matches when both map to the same DOL sector."""
    if pred is None or truth is None:
        return pred is None and truth is None
    if isinstance(truth, (int, float)) and not isinstance(truth, bool):
        return pred == truth
    if name == "sector":  # the products as written ("Denim jeans") against a category ("garments")
        from auditparse.risk.priors import sector_of

        return sector_of(str(pred)) is not None and sector_of(str(pred)) == sector_of(str(truth))
    p, t = _norm(pred), _norm(truth)
    if name == "address" and p != t and p.startswith(t):
        return country_code(p[len(t):]) is not None
    return p == t


def score_report(result: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    """Per-report figures: indicator confusion counts and metadata matches."""
    got = {f["indicator"]: f["status"] for f in result["indicators"]}
    want = {k: v["status"] for k, v in truth["indicators"].items()}
    c: Counter[str] = Counter()
    errors = []
    for ind in INDICATORS:
        p, t = got.get(ind, "not_found"), want.get(ind, "not_found")
        c["tp"] += p == "present" and t == "present"
        c["fp"] += p == "present" and t != "present"
        c["fn"] += p != "present" and t == "present"
        c["ruled_out_as_present"] += t == "ruled_out" and p == "present"
        c["status_equal"] += p == t
        if p != t:
            errors.append(f"{ind}: got {p}, truth {t}")
    meta = {name: field_matches(name, _get(result, rp), _get(truth, tp)) for name, rp, tp in META_FIELDS}
    return {"name": truth["name"], "counts": dict(c), "meta": meta, "statuses": got, "errors": errors,
            "meta_errors": {n: (_get(result, rp), _get(truth, tp)) for n, rp, tp in META_FIELDS if not meta[n]}}


def aggregate(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall, precision, ruled-out-as-present count and metadata exact-match over many reports."""
    c: Counter[str] = Counter()
    for s in scores:
        c.update(s["counts"])
    meta_ok = sum(sum(s["meta"].values()) for s in scores)
    meta_n = sum(len(s["meta"]) for s in scores)
    per_field = {name: round(sum(s["meta"][name] for s in scores) / len(scores), 3) for name, _, _ in META_FIELDS} \
        if scores else {}
    return {
        "reports": len(scores),
        "indicator_recall": round(c["tp"] / (c["tp"] + c["fn"]), 4) if c["tp"] + c["fn"] else 1.0,
        "indicator_precision": round(c["tp"] / (c["tp"] + c["fp"]), 4) if c["tp"] + c["fp"] else 1.0,
        "status_accuracy": round(c["status_equal"] / (len(scores) * len(INDICATORS)), 4) if scores else 1.0,
        "ruled_out_reported_present": c["ruled_out_as_present"],
        "metadata_exact_match": round(meta_ok / meta_n, 4) if meta_n else 1.0,
        "metadata_per_field": per_field,
    }


def truth_files(folder: Path) -> list[Path]:
    """The ``*.truth.json`` files of a folder, sorted."""
    return sorted(folder.glob("*.truth.json"))


def evaluate(
    truths: Iterable[Path], review_fn: Callable[[Path], ReviewResult], *, scanned: bool = False
) -> dict[str, Any]:
    """Review every report with truth; with ``scanned``, also its scanned twin, and compare the two.

    Returns:
        ``{"digital": aggregate, "scanned": aggregate, "twin_status_agreement": share, "reports": [...]}``.
    """
    digital, scans, agree, n_twin = [], [], 0, 0
    for tp in truths:
        truth = json.loads(tp.read_text(encoding="utf-8"))
        pdf = tp.parent / truth["files"]["digital"]
        d = score_report(review_fn(pdf).to_json_dict(), truth)
        digital.append(d)
        scan_name = (truth.get("files") or {}).get("scanned")
        if scanned and scan_name and (tp.parent / scan_name).is_file():
            s = score_report(review_fn(tp.parent / scan_name).to_json_dict(), truth)
            scans.append(s)
            agree += sum(d["statuses"][i] == s["statuses"][i] for i in INDICATORS)
            n_twin += len(INDICATORS)
    out: dict[str, Any] = {"digital": aggregate(digital), "reports": digital + scans}
    if scanned:
        out["scanned"] = aggregate(scans)
        out["twin_status_agreement"] = round(agree / n_twin, 4) if n_twin else None
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the figures for a folder of reports with truth."""
    ap = argparse.ArgumentParser(prog="python -m auditparse.review_eval", description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--scanned", action="store_true", help="also review the scanned twins")
    ap.add_argument("--limit", type=int, default=0, help="only the first N reports")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--errors", action="store_true", help="list every wrong status and metadata field")
    args = ap.parse_args(argv)
    from auditparse.summarise import review

    files = truth_files(args.folder)[: args.limit or None]
    if not files:
        print(f"no *.truth.json in {args.folder}", file=sys.stderr)
        return 3
    res = evaluate(files, review, scanned=args.scanned)
    if args.json:
        print(json.dumps({k: v for k, v in res.items() if k != "reports"}, indent=2))
        return 0
    for kind in ("digital", "scanned"):
        if kind in res:
            a = res[kind]
            print(f"{kind:8s} reports={a['reports']} recall={a['indicator_recall']:.3f} "
                  f"precision={a['indicator_precision']:.3f} status_acc={a['status_accuracy']:.3f} "
                  f"ruled_out_as_present={a['ruled_out_reported_present']} "
                  f"metadata_exact={a['metadata_exact_match']:.3f}")
            print("          per field: " + ", ".join(f"{k}={v:.2f}" for k, v in a["metadata_per_field"].items()))
    if "twin_status_agreement" in res:
        print(f"scanned twin gives the digital twin's status: {res['twin_status_agreement']}")
    if args.errors:
        for r in res["reports"]:
            for e in r["errors"]:
                print(f"  {r['name']}: {e}")
            for k, (p, t) in r["meta_errors"].items():
                print(f"  {r['name']}: {k}: got {p!r}, truth {t!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def score_non_compliances(result: dict[str, Any], truth: dict[str, Any]) -> dict[str, int]:
    """Non-compliances found (by reference), and of those, how many have the right severity, due date, text."""
    got = {_norm(nc["reference"]): nc for nc in result["non_compliances"] if nc.get("reference")}
    c: Counter[str] = Counter(truth=len(truth["non_compliances"]), predicted=len(result["non_compliances"]))
    for nc in truth["non_compliances"]:
        p = got.get(_norm(nc["reference"]))
        if p is None:
            continue
        c["found"] += 1
        c["severity_ok"] += p["severity"] == nc["severity"]
        c["due_date_ok"] += p["due_date"] == nc["due_date"]
        c["text_ok"] += _norm(p["text"]) == _norm(nc["text"])
        c["clause_ok"] += _norm(p["clause"] or "") == _norm(nc["clause"] or "")
    return dict(c)
