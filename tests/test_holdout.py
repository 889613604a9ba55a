"""Hold-out measurement: ``auditparse review`` on six reports in layouts and wording no one else on the team made.

The reports, their truth and how they were made are in ``tests/holdout/`` (see its README). The floors below sit a
little under the figures measured when they were set (recorded in that README): a regression fails, an improvement
passes. Print the figures and every miss with ``.venv/bin/python tests/test_holdout.py``.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from auditparse.datamodel import INDICATORS
from auditparse.review_eval import aggregate, score_non_compliances, score_report

HOLDOUT = Path(__file__).parent / "holdout"
TRUTHS = sorted(HOLDOUT.glob("*.truth.json"))
#: the metadata fields the hold-out is scored on (names as in auditparse.review_eval.META_FIELDS)
META6 = ("standard", "audit_date", "audit_type", "country", "site_name", "workers_total")

# Floors: measured figures (tests/holdout/README.md) less a small margin.
# Measured 2026-11-27 at 29a5649: recall 0.7222 (13/18), precision 1.0 (13/13), ruled_out reported present 0,
# meta6 0.8333 (30/36), twin agreement 1.0 (12/12). One more miss of a kind passes, two fail; ruled_out reported
# present stays 0 (the rule). History per tree in tests/holdout/README.md (recall was 1.0 before d5a829b).
# Tagger 0.2.0 (session 2): recall 1.0 (18/18), precision 0.783 (18/23), ruled_out reported present 4 — the
# fine-tuned tier finds every present indicator but also reads checklist topic rows and one passive negation
# ("... are not kept by the company") as evidence. The rule (ruled_out never present) is not met here.
FLOOR_RECALL = 0.94
# Session 3: the segmenter keeps table rows and question + answer whole, the tier scores a sentence the same in
# any batch, a negated mention needs 0.7 to rule out: precision 0.818 (18/22), ruled_out reported present 2.
# Session 4: tagger 0.3.0 (corpus batches 15-16, overtime quantities, colon run-on lines): recall 1.0, precision
# 0.947 (18/19), ruled_out reported present 0. The false present left is a recruitment fee in sa8000_spinning_in.
# Session 6: tagger 0.4.0 (corpus batch 19, contrast rule): recall 1.0 (18/18), precision 1.0 (18/18), ruled_out
# reported present 0, meta6 0.8333, twin agreement 1.0.
# Session 10: same model, code with the document-holder rule: recall 1.0, precision 1.0, ruled_out reported present 0,
# meta6 0.8333, twin agreement 1.0.
# Session 12: tagger 0.5.0 (two tiers, corpus batch 22), report bar 0.97 (a bar of 0.9 gave the same here): recall
# 1.0 (18/18), precision 1.0, ruled_out reported present 0.
FLOOR_PRECISION = 0.9
FLOOR_META6 = 0.8
MAX_RULED_OUT_AS_PRESENT = 0
FLOOR_TWIN_AGREEMENT = 0.9


def _truth(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_holdout", HOLDOUT / "make_holdout.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_holdout"] = mod  # dataclasses resolve the module's annotations through sys.modules
    spec.loader.exec_module(mod)
    return mod


def evaluation_files(truth: dict[str, Any]) -> Path:
    """The file a report is measured on: its scan when it has one (the hold-out's image-only report)."""
    return HOLDOUT / (truth["files"]["scanned"] or truth["files"]["digital"])


def measure(review_fn: Any = None, *, with_scans: bool = True) -> dict[str, Any]:
    """Review every hold-out report and score it against its truth.

    Returns:
        ``{"aggregate": review_eval.aggregate, "meta6": share, "twin_status_agreement": share | None,
        "non_compliances": summed score_non_compliances counts, "reports": [score_report per report],
        "misses": [(report, what, expected, got)]}``.
    """
    if review_fn is None:
        from auditparse import review as review_fn
    scores, misses, agree, n_twin, ncs = [], [], 0, 0, Counter()
    for tp in TRUTHS:
        truth = _truth(tp)
        scanned = truth["files"]["scanned"]
        if scanned and not with_scans:
            continue
        result = review_fn(evaluation_files(truth)).to_json_dict()
        s = score_report(result, truth)
        scores.append(s)
        ncs.update(score_non_compliances(result, truth))
        got = s["statuses"]
        for ind in INDICATORS:
            want = truth["indicators"][ind]["status"]
            if got.get(ind, "not_found") != want:
                misses.append((truth["name"], ind, want, got.get(ind, "not_found")))
        for name, (pred, want) in s["meta_errors"].items():
            if name in META6:
                misses.append((truth["name"], name, want, pred))
        if scanned:  # the digital twin of the scanned report: same statuses expected
            twin = score_report(review_fn(HOLDOUT / truth["files"]["digital"]).to_json_dict(), truth)["statuses"]
            agree += sum(twin.get(i) == got.get(i) for i in INDICATORS)
            n_twin += len(INDICATORS)
    meta6 = sum(s["meta"][f] for s in scores for f in META6) / (len(scores) * len(META6))
    return {"aggregate": aggregate(scores), "meta6": round(meta6, 4),
            "twin_status_agreement": round(agree / n_twin, 4) if n_twin else None,
            "non_compliances": dict(ncs), "reports": scores, "misses": misses}


# ----------------------------------------------------------------------------------------------- truth is sound


def test_six_reports_with_truth() -> None:
    assert len(TRUTHS) == 6
    families = {_truth(t)["family"] for t in TRUTHS}
    assert len(families) == 6


@pytest.mark.parametrize("tp", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_truth_is_consistent(tp: Path) -> None:
    truth = _truth(tp)
    assert truth["schema"] == "auditparse-synth-truth/1"
    assert set(truth["indicators"]) == set(INDICATORS)
    n_pages = len(truth["pages"])
    assert 4 <= n_pages <= 10
    for name in filter(None, truth["files"].values()):
        assert (HOLDOUT / name).stat().st_size < 400_000, name
    for ind, rec in truth["indicators"].items():
        a = set(rec["assertions"])
        expected = "not_found" if not a else "ruled_out" if a == {"negated"} else "present"
        assert rec["status"] == expected, ind
        assert all(1 <= p <= n_pages for p in rec["pages"]) and bool(rec["pages"]) == bool(a), ind
    for nc in truth["non_compliances"]:
        assert nc["severity"] in {None, "critical", "major", "minor", "observation"}
        assert 1 <= nc["page"] <= n_pages
        assert set(nc["indicators"]) <= set(INDICATORS)


def test_statuses_cover_all_cases() -> None:
    """Enough present and ruled-out indicators that recall, precision and the negation rule all mean something."""
    statuses = [r["status"] for t in TRUTHS for r in _truth(t)["indicators"].values()]
    assert statuses.count("present") >= 15 and statuses.count("ruled_out") >= 15


@pytest.mark.slow
def test_generator_reproduces_committed_files(tmp_path: Path) -> None:
    """The committed PDFs and truth come from make_holdout.py, byte for byte."""
    gen = _generator()
    for spec in gen.specs():
        gen.build(spec, tmp_path)
    for committed in sorted(HOLDOUT.glob("*.pdf")) + TRUTHS:
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name


# ------------------------------------------------------------------------------------------------ the figures


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed: the hold-out includes an image-only report")
    return measure()


@pytest.mark.slow
@pytest.mark.ocr
def test_indicator_recall_and_precision(figures: dict[str, Any]) -> None:
    agg = figures["aggregate"]
    assert agg["indicator_recall"] >= FLOOR_RECALL, figures["misses"]
    assert agg["indicator_precision"] >= FLOOR_PRECISION, figures["misses"]


@pytest.mark.slow
@pytest.mark.ocr
def test_ruled_out_not_reported_present(figures: dict[str, Any]) -> None:
    assert figures["aggregate"]["ruled_out_reported_present"] <= MAX_RULED_OUT_AS_PRESENT, figures["misses"]


@pytest.mark.slow
@pytest.mark.ocr
def test_metadata_exact_match(figures: dict[str, Any]) -> None:
    assert figures["meta6"] >= FLOOR_META6, figures["misses"]


@pytest.mark.slow
@pytest.mark.ocr
def test_scan_agrees_with_digital_twin(figures: dict[str, Any]) -> None:
    assert figures["twin_status_agreement"] >= FLOOR_TWIN_AGREEMENT


if __name__ == "__main__":
    res = measure()
    print(json.dumps({k: res[k] for k in ("aggregate", "meta6", "twin_status_agreement", "non_compliances")}, indent=1))
    for r in res["reports"]:
        c = r["counts"]
        print(f"{r['name']:24s} tp={c.get('tp', 0)} fp={c.get('fp', 0)} fn={c.get('fn', 0)} "
              f"ruled_out_as_present={c.get('ruled_out_as_present', 0)} "
              f"meta6={sum(r['meta'][f] for f in META6)}/{len(META6)}")
    for name, what, want, got in res["misses"]:
        print(f"  MISS {name}: {what}: expected {want!r}, got {got!r}")
