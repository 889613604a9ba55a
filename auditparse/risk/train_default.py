"""Train the shipped risk model end to end: simulate sites -> real reports -> real review -> features -> model.

    python -m auditparse.risk.train_default            # regenerate everything (20+ minutes on 2 cores)
    python -m auditparse.risk.train_default --reuse    # retrain from models/risk/data/sim_features.jsonl

Each simulated audit (:mod:`auditparse.risk.simulate`) becomes a :class:`~auditparse.synth.ReportSpec`, a real PDF
written by :func:`auditparse.synth.generate` (a small share as scanned image-only PDFs, read by OCR) and read by the
real :func:`auditparse.review`; only the resulting audit record is kept (``sim_features.jsonl``, one line per
audit; the cache is appended as reports finish, so an interrupted run resumes). Then held-out-site evaluation
(5-fold by site), the final model on all sites, the metrics, the plots and the model card figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from auditparse.datamodel import INDICATORS
from auditparse.risk.features import audit_record, site_features
from auditparse.risk.simulate import AS_OF, SimSite, oracle_record, simulate_sites
from auditparse.settings import models_dir

log = logging.getLogger(__name__)

FORMAT = "auditparse-risk-sim/1"


def out_dir() -> Path:
    """Where the default risk model lives (``models/risk``)."""
    return models_dir() / "risk"


def cache_path() -> Path:
    return out_dir() / "data" / "sim_features.jsonl"


def report_spec(site: SimSite, index: int, seed: int, scanned: bool = False) -> Any:
    """The :class:`~auditparse.synth.ReportSpec` of audit ``index`` of ``site``: what its report must say."""
    from auditparse.summarise import USD_PER_UNIT
    from auditparse.synth import IndicatorCondition, NonComplianceSpec, random_spec
    from auditparse.synth.spec import COUNTRIES, ROUTINE_NC_TOPICS, topic_of

    plan = site.audits[index]
    rng = random.Random(seed)
    info = COUNTRIES[site.country]
    name = random_spec(int(site.site_id.split("-")[-1])).site.name  # the same name on every audit of the site
    female = int(site.workers_total * rng.uniform(0.3, 0.75))
    q = plan.quantities
    indicators = {}
    for ind in INDICATORS:
        cond = plan.conditions.get(ind, "absent")
        ic = IndicatorCondition(condition=cond)  # type: ignore[arg-type]
        if cond in ("present", "remediated"):
            pool = site.migrant_workers or site.workers_total
            ic.workers_affected = max(1, int(pool * rng.uniform(0.05, 0.6)))
            if ind in ("recruitment_fees", "debt_bondage") and "fee_usd" in q:
                origins = [c for _, c in info["origins"]] if site.migrant_workers else [info["currency"]]
                currency = rng.choice([*origins, "USD"])
                ic.fee_currency = currency
                ic.fee_amount = int(round(q["fee_usd"] / USD_PER_UNIT[currency], -1))
            if ind == "excessive_overtime":
                ic.weekly_hours = int(q.get("hours_per_week", 0)) or None
                ic.consecutive_days = int(q.get("consecutive_days", 0)) or None
            if ind == "withholding_of_wages":
                ic.wage_delay_days = int(q.get("wage_delay_days", 0)) or None
        indicators[ind] = ic
    ncs = [
        NonComplianceSpec(nc["indicators"][0], topic_of(nc["indicators"][0]), nc["severity"], rng.choice([30, 60, 90]))
        if nc["indicators"] else
        NonComplianceSpec(None, rng.choice(ROUTINE_NC_TOPICS), nc["severity"], rng.choice([14, 30, 60, 90]))
        for nc in plan.non_compliances
    ]  # fmt: skip
    return random_spec(
        seed,
        name=f"{site.site_id}_{index}",
        site={"name": name, "country": site.country, "sector": site.sector, "workers_total": site.workers_total,
              "workers_female": female, "workers_male": site.workers_total - female,
              "migrant_workers": site.migrant_workers, "agency_workers": site.agency_workers},
        audit={"audit_date": plan.audit_date, "audit_type": plan.audit_type},
        coverage=dict(plan.coverage),
        indicators=indicators,
        non_compliances=ncs,
        pages=rng.randint(3, 5) if not scanned else 3,
    )  # fmt: skip


def _review_one(site_dict: dict[str, Any], index: int, seed: int, scanned: bool, tmp: str) -> dict[str, Any]:
    """Generate and review one simulated audit report (runs in a worker process; picklable arguments)."""
    import auditparse
    from auditparse.synth import generate

    site = _site_from_dict(site_dict)
    spec = report_spec(site, index, seed, scanned)
    work = Path(tmp) / spec.name
    try:
        gen = generate(spec, work, scanned=scanned)
        t0 = time.perf_counter()
        result = auditparse.review(gen.scanned if scanned else gen.digital)
        seconds = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _line(site, index, audit_record(result), scanned=scanned, pages=gen.pages, seconds=round(seconds, 2))


def _site_from_dict(d: dict[str, Any]) -> SimSite:
    from auditparse.risk.simulate import AuditPlan

    return SimSite(**{**d, "audits": [AuditPlan(**a) for a in d["audits"]]})


def _line(site: SimSite, index: int, record: dict[str, Any], **extra: Any) -> dict[str, Any]:
    truth = dict(site.audits[index].conditions)
    return {"format": FORMAT, "site_id": site.site_id, "high_risk": site.high_risk, "audit": index,
            "n_audits": len(site.audits), "truth": truth, "record": record, **extra}  # fmt: skip


def read_cache(path: Path) -> list[dict[str, Any]]:
    """The cached audit lines (skipping a torn last line of an interrupted run)."""
    if not path.is_file():
        return []
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            lines.append(json.loads(raw))
        except ValueError:
            log.warning("skipping a torn line in %s", path)
    return lines


def run_pipeline(sites: list[SimSite], cache: Path, *, workers: int, seed: int, scanned_share: float) -> None:
    """Generate and review every audit of ``sites`` not yet in ``cache``, appending one line per audit."""
    done = {(ln["site_id"], ln["audit"]) for ln in read_cache(cache)}
    rng = random.Random(seed)
    jobs = []
    for site in sites:
        for i in range(len(site.audits)):
            scanned = rng.random() < scanned_share
            if (site.site_id, i) not in done:
                jobs.append((site.to_dict(), i, site_seed(site.site_id, i, seed), scanned))
    log.info("%d audits to generate and review (%d cached)", len(jobs), len(done))
    cache.parent.mkdir(parents=True, exist_ok=True)
    t0, n, failed = time.perf_counter(), 0, 0
    with tempfile.TemporaryDirectory(prefix="auditparse-risk-") as tmp, cache.open("a", encoding="utf-8") as out, \
            ProcessPoolExecutor(max_workers=workers) as pool:  # fmt: skip
        futures = [pool.submit(_review_one, s, i, sd, sc, tmp) for s, i, sd, sc in jobs]
        for fut in as_completed(futures):
            try:
                line = fut.result()
            except Exception as e:  # one bad report must not stop the run; it is counted and logged
                failed += 1
                log.warning("a simulated report failed: %s: %s", type(e).__name__, e)
                continue
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.flush()
            n += 1
            if n % 25 == 0:
                rate = n / (time.perf_counter() - t0)
                print(f"  {n}/{len(jobs)} reports reviewed, {rate:.2f}/s, ETA {(len(jobs) - n) / rate / 60:.1f} min",
                      file=sys.stderr, flush=True)  # fmt: skip
    if failed:
        log.warning("%d of %d simulated reports failed", failed, len(jobs))


def site_seed(site_id: str, index: int, seed: int) -> int:
    """A stable per-report seed (Python's ``hash`` of a str is salted per process, so not that)."""
    return seed * 1_000_003 + int(site_id.split("-")[-1]) * 7 + index


def oracle_lines(sites: list[SimSite]) -> Iterator[dict[str, Any]]:
    """Cache lines with perfect-reviewer records (no pipeline): for quick experiments only."""
    for site in sites:
        for i, plan in enumerate(site.audits):
            yield _line(site, i, oracle_record(site, plan))


def site_table(lines: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, float]], list[int]]:
    """Group cached audit lines by site: site ids, site feature dicts (as of :data:`AS_OF`), labels.

    A site whose reports did not all come through is left out (its history would be silently shorter).
    """
    by_site: dict[str, list[dict[str, Any]]] = {}
    for ln in lines:
        by_site.setdefault(ln["site_id"], []).append(ln)
    ids, rows, labels = [], [], []
    for sid in sorted(by_site):
        group = by_site[sid]
        if len({ln["audit"] for ln in group}) != group[0]["n_audits"]:
            continue
        ids.append(sid)
        rows.append(site_features([ln["record"] for ln in group], as_of=AS_OF))
        labels.append(int(group[0]["high_risk"]))
    return ids, rows, labels


def pipeline_agreement(lines: list[dict[str, Any]]) -> dict[str, float]:
    """How often the reviewed status of an indicator matches what the simulated report said (all audits)."""
    expect = {"present": "present", "remediated": "present", "negated": "ruled_out"}
    pairs = [(expect.get(ln["truth"].get(i, ""), "not_found"), ln["record"]["indicators"].get(i, "not_found"))
             for ln in lines for i in INDICATORS]  # fmt: skip
    pos = [(t, r) for t, r in pairs if t == "present"]
    flagged = [(t, r) for t, r in pairs if r == "present"]
    return {
        "status_agreement": sum(t == r for t, r in pairs) / len(pairs),
        "present_recall": sum(r == "present" for _, r in pos) / max(len(pos), 1),
        "present_precision": sum(t == "present" for t, _ in flagged) / max(len(flagged), 1),
        "reports": len(lines),
        "scanned_reports": sum(bool(ln.get("scanned")) for ln in lines),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m auditparse.risk.train_default", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--sites", type=int, default=500, help="simulated sites (default 500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2, help="processes generating and reviewing reports")
    parser.add_argument("--scanned-share", type=float, default=0.03, help="share of reports scanned (OCR)")
    parser.add_argument("--reuse", action="store_true", help="train from the cached features, no pipeline run")
    parser.add_argument("--oracle", action="store_true",
                        help="skip the pipeline: perfect-reviewer records (quick experiments; never shipped)")
    parser.add_argument("--out", type=Path, default=None, help="model folder (default models/risk)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    from auditparse.risk.evaluate import save_plots
    from auditparse.risk.model import RiskModel, cross_validate

    target = args.out or out_dir()
    sites = simulate_sites(args.sites, seed=args.seed)
    if args.oracle:
        lines = list(oracle_lines(sites))
        source = "oracle records (no pipeline)"
    else:
        cache = cache_path() if args.out is None else target / "data" / "sim_features.jsonl"
        if not args.reuse:
            run_pipeline(sites, cache, workers=args.workers, seed=args.seed, scanned_share=args.scanned_share)
        wanted = {s.site_id for s in sites}
        lines = [ln for ln in read_cache(cache) if ln["site_id"] in wanted]
        if not lines:
            print(f"no cached features in {cache}; run without --reuse first", file=sys.stderr)
            return 1
        source = "simulated reports generated by auditparse.synth and read by auditparse.review"
    ids, rows, labels = site_table(lines)
    log.info("%d sites (%d high-risk), %d reports", len(ids), sum(labels), len(lines))
    cv = cross_validate(rows, labels, seed=args.seed)
    model = RiskModel.fit(rows, labels, seed=args.seed,
                          data=f"{len(ids)} simulated sites, {len(lines)} {source}")  # fmt: skip
    model.meta["heldout"] = {k: cv[k] for k in ("model", "priors_only", "folds")}
    model.meta["pipeline_agreement"] = None if args.oracle else pipeline_agreement(lines)
    model.save(target)
    save_plots(cv["scores"]["y"], cv["scores"]["model"], target / "plots", label="held-out sites")
    summary = {k: {m: cv[k][m] for m in ("n", "n_high", "threshold", "recall_high", "precision_high", "accuracy",
                                          "roc_auc", "brier", "ece")} for k in ("model", "priors_only")}  # fmt: skip
    summary["pipeline_agreement"] = model.meta["pipeline_agreement"]
    summary["final_model"] = {"threshold": model.threshold, "priors_threshold": model.priors_threshold,
                              "calibration": model.meta["full"]["calibration"]}  # fmt: skip
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.exit(main())
