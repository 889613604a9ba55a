"""Train the shipped risk model end to end: simulate sites -> real reports -> real review -> features -> model.

    python -m auditparse.risk.train_default            # regenerate everything (20+ minutes on 2 cores)
    python -m auditparse.risk.train_default --reuse    # retrain from models/risk/data/sim_features.jsonl

Each simulated audit (:mod:`auditparse.risk.simulate`) becomes a :class:`~auditparse.synth.ReportSpec`, a real PDF
written by :func:`auditparse.synth.generate` (a small share as scanned image-only PDFs, read by OCR) and read by the
real :func:`auditparse.review`; only the resulting audit record is kept (``sim_features.jsonl``, one line per
audit; the cache is appended as reports finish, so an interrupted run resumes; each line carries the
:func:`pipeline_fingerprint` that reviewed it, and lines of another pipeline are reviewed again). Then held-out-site evaluation
(5-fold by site), the final model on all sites, the metrics, the plots and the model card figures.
"""

from __future__ import annotations

import argparse
import hashlib
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


#: the parts of auditparse that turn a simulated site into an audit record (the rest does not change a record)
PIPELINE_SOURCES = ("extract", "nlp", "datamodel", "taxonomy", "synth", "metadata.py", "summarise.py",
                    "risk/features.py", "risk/simulate.py")


def pipeline_fingerprint() -> str:
    """A short hash of what reviews the simulated reports: the source in :data:`PIPELINE_SOURCES` and the trained
    tagger's files. A cached line from another pipeline is reviewed again."""
    from auditparse.nlp.tagger import tagger_dir

    pkg = Path(__file__).resolve().parent.parent
    files: list[Path] = []
    for part in PIPELINE_SOURCES:
        path = pkg / part
        files += sorted(path.rglob("*.py")) + sorted(path.rglob("*.json")) if path.is_dir() else [path]
    files += sorted(p for p in tagger_dir().rglob("*") if p.is_file() and p.suffix != ".md" and p.name != "metrics.json")
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def run_pipeline(sites: list[SimSite], cache: Path, *, workers: int, seed: int, scanned_share: float) -> None:
    """Generate and review every audit of ``sites`` not yet in ``cache`` (or cached by another pipeline, see
    :func:`pipeline_fingerprint`), appending one line per audit."""
    fingerprint = pipeline_fingerprint()
    cached = read_cache(cache)
    current = [ln for ln in cached if ln.get("pipeline") == fingerprint]
    if len(current) < len(cached):
        log.info("%d cached audits were reviewed by another version of the pipeline: reviewing them again",
                 len(cached) - len(current))
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text("".join(json.dumps(ln, ensure_ascii=False) + "\n" for ln in current), encoding="utf-8")
    done = {(ln["site_id"], ln["audit"]) for ln in current}
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
            line["pipeline"] = fingerprint
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


CARD = """# Model card: auditparse site risk model (`models/risk`)

**The labels this model was trained on are simulated.** No real site was labelled high or low risk: the model learnt
from a documented simulator (below) whose reports were written by `auditparse.synth` and read by the real
`auditparse.review` pipeline. Its figures say how well the model recovers the simulator's hidden risk class from
what audit reports say; they are not a measured accuracy on real supplier sites. Retrain it on your own labels
(see "Retraining") before relying on its scores, and treat every score as a prompt for human review, never as a
finding of forced labour.

## What it does
`auditparse risk score` gives each site in the results store a calibrated probability that it is high-risk for
forced labour, a high/low flag at a decision threshold chosen for a recall of {target_recall:.2f} on high-risk
sites, and the reasons (`auditparse risk explain SITE`): the feature groups that raised or lowered the score
against a typical site (training medians), in words, e.g. "recruitment fees found in the latest audit (fees up to
USD 1,150) (+0.21)". A site with no audits on record is scored by a priors-only model, and says so.

## Model
- scikit-learn {sklearn} `HistGradientBoostingClassifier` (200 trees, 15 leaves, learning rate 0.06, L2 1.0,
  seeded) on {n_features} site features; its out-of-fold scores (5 folds) calibrated by isotonic regression or a
  sigmoid, whichever has the lower out-of-fold Brier score (chosen: **{calibration}**).
- Decision threshold **{threshold:.3f}**: the highest threshold whose out-of-fold recall on high-risk training
  sites reaches {target_recall:.2f} plus one standard error ({margin:.3f}), a margin for sampling noise.
- Priors-only fallback and baseline: the same recipe on the {n_prior} prior features (threshold
  {priors_threshold:.3f}).
- Files: `model.joblib` (sha256 `{sha256}`), `model.json` (feature names, thresholds, reference values, versions,
  held-out metrics), `plots/` (precision-recall and calibration curves of the held-out sites),
  `data/sim_features.jsonl` (the reviewed audit records it was trained on; no document text).

## Features (per site, from its whole audit history; see `auditparse/risk/features.py`)
Per indicator (12): present in the latest audit, ruled out in the latest audit, share of audits present, repeated.
History: audits, days since the last, span, announced/unannounced, indicators present (latest, max, ever), new,
repeated, resolved, remediated share, non-compliances by severity (latest, max), severity of the forced-labour
findings, quantities (fee in USD, weekly hours, consecutive days, wage delay, share of workers affected; max and
latest), coverage (workers interviewed and share, migrant/agency workers interviewed, off-site interviews,
payroll/time records, dormitory, unknowns), workforce (size, migrant and agency shares), external signals (count,
max, last year). Priors ({n_prior}): US DOL forced-labour and child-labour flags for the country x sector, the
country's number of goods listed for forced / child labour, the number of countries listed for the sector, the
country's ILAB advancement level. Source: {source} (parsed into `auditparse/risk/data/`).

## Training data: the site simulator (`auditparse/risk/simulate.py`)
- {n_sites} sites (seed {seed}), {n_reports} audit reports ({scanned} of them scanned image-only PDFs read by OCR),
  1-3 audits per site (35/40/25%), 9-15 months apart, the latest within 18 months of {as_of}.
- Country x sector drawn uniformly from the pairs the report generator writes (MY, TH, BD, CN, VN, IN; garments,
  electronics, rubber gloves, palm oil, seafood, footwear, ...).
- Hidden risk class: P(high) = logistic(-1.6 + 1.0 x DOL forced-labour flag for the country x sector + 0.06 x
  min(country's forced-labour goods, 12)), so the real public priors shift the base rate (about 40% high here).
- High-risk sites carry 2-5 persistent forced-labour practices (drawn with weights: fees 0.9, overtime 0.8,
  passport retention 0.7, wage withholding 0.6, debt bondage 0.45, ...) with severe quantities (fees USD
  700-4,000, 66-84 h/week, 14-28 days without rest, wages 30-120 days late) and more migrant workers.
- Each audit detects each practice with probability 0.72 x 0.8 (announced) / 1.0 (semi-announced) / 1.2
  (unannounced) x 1.1 if migrant workers were interviewed (0.85 if not) x 1.1 for off-site interviews (capped at
  0.95); a detected practice is written up as present (15% as remediated) with a non-compliance (critical/major);
  a missed one is written up as checked and ruled out 45% of the time. Low-risk sites have transient milder
  issues per audit (overtime 25%, wage delays 8%, living conditions 8%, small fees 5%; often remediated); any site
  gets rare false alarms (1%), indicators ruled out at random (30%) and routine non-compliances.
- Each audit becomes a `ReportSpec` (family, layout and wording drawn by the generator; fees in local or origin
  currency), a real PDF, and a `ReviewResult` from the real pipeline. Pipeline noise on these reports: indicator
  status agreement with what the report says {agreement}.

## Held-out evaluation (5 folds by site: every site scored by a model that never saw it)
| | recall (high-risk) | precision | accuracy | ROC-AUC | Brier | ECE (10 bins) | threshold (mean) |
| --- | --- | --- | --- | --- | --- | --- | --- |
| model | {m[recall_high]:.3f} | {m[precision_high]:.3f} | {m[accuracy]:.3f} | {m[roc_auc]:.3f} | {m[brier]:.3f} | {m[ece]:.3f} | {m[threshold]:.3f} |
| priors only (baseline) | {b[recall_high]:.3f} | {b[precision_high]:.3f} | {b[accuracy]:.3f} | {b[roc_auc]:.3f} | {b[brier]:.3f} | {b[ece]:.3f} | {b[threshold]:.3f} |
{oracle_row}

Against the targets of issue 6 (held-out, model): {targets}.

{n_eval} sites, {n_high} high-risk. Calibration of the held-out scores (model):
{calibration_table}

## Retraining on your own labels
1. Put your reports in the results store (`auditparse backfill REPORTS/` or `auditparse watch INBOX`).
2. Write `sites.csv` with a header `site_id,label[,date]`: `site_id` is the store's site id, site key or site name
   (see `auditparse sites`), `label` is `high` or `low` (at least 10 of each), `date` (optional, YYYY-MM-DD) the
   date the label held, so only audits up to then are used.
3. `auditparse risk train --labels sites.csv [--signals signals.csv] [--target-recall 0.95]` trains, prints the
   held-out (5-fold by site) figures beside the priors-only baseline and saves to `<data dir>/risk-model`, which
   `risk score/explain/evaluate` then use instead of this model (`--model DIR` to choose).
4. `auditparse risk evaluate --labels later.csv --plots eval/` on sites labelled later.
Regenerate this default model with `make models` (or `python -m auditparse.risk.train_default [--reuse]`).

## Limitations
- Simulated labels and simulated detection rates: real auditors, reports and sites differ; the figures above hold
  for the simulator only.
- The review stage does not extract the site's sector yet, so on reviewed reports the country x sector flag is
  unknown and the priors reduce to country-level figures; sites given a sector (store, `risk explain --sector`) use it.
- A site with no audits is scored from public priors only: a coarse base rate, not an assessment.
- Versions: auditparse {auditparse}, scikit-learn {sklearn}, numpy {numpy}.
"""


def write_model_card(target: Path, model: Any, cv: dict[str, Any], lines: list[dict[str, Any]], seed: int) -> Path:
    """Write ``MODEL_CARD.md`` with the figures of this training run."""
    from auditparse.risk.features import FEATURE_NAMES, PRIOR_NAMES
    from auditparse.risk.priors import SOURCE

    meta = json.loads((target / "model.json").read_text(encoding="utf-8"))
    agree = meta.get("pipeline_agreement")
    agreement = ("not measured (oracle run)" if not agree else
                 f"{agree['status_agreement']:.3f}; present indicators found {agree['present_recall']:.3f}, "
                 f"present calls right {agree['present_precision']:.3f}")  # fmt: skip
    table = "\n".join(f"- {r['bin']}: {r['n']} sites, predicted {r['mean_predicted']:.2f}, observed {r['observed']:.2f}"
                      for r in cv["model"]["calibration"])  # fmt: skip
    o = meta.get("heldout_oracle")
    oracle_row = "" if not o else (
        f"| same sites, perfect-reviewer records (no pipeline noise) | {o['recall_high']:.3f} | "
        f"{o['precision_high']:.3f} | {o['accuracy']:.3f} | {o['roc_auc']:.3f} | {o['brier']:.3f} | {o['ece']:.3f} "
        f"| {o['threshold']:.3f} |")  # fmt: skip
    m = cv["model"]
    targets = "; ".join(f"{name} {m[k]:.3f} {'meets' if ok(m[k]) else 'MISSES'} {goal}" for name, k, goal, ok in (
        ("recall on high-risk", "recall_high", ">= 0.95", lambda v: v >= 0.95),
        ("accuracy", "accuracy", ">= 0.90", lambda v: v >= 0.90),
        ("ECE", "ece", "<= 0.05", lambda v: v <= 0.05)))  # fmt: skip
    text = CARD.format(oracle_row=oracle_row, targets=targets, 
        target_recall=model.meta["target_recall"], sklearn=meta["sklearn"], numpy=meta["numpy"],
        auditparse=meta["auditparse"], n_features=len(FEATURE_NAMES), n_prior=len(PRIOR_NAMES),
        calibration=meta["full"]["calibration"], threshold=model.threshold, margin=meta["full"]["recall_margin"],
        priors_threshold=model.priors_threshold, sha256=meta["sha256"], source=SOURCE,
        n_sites=len({ln["site_id"] for ln in lines}), seed=seed, n_reports=len(lines),
        scanned=sum(bool(ln.get("scanned")) for ln in lines), as_of=AS_OF.isoformat(), agreement=agreement,
        m=cv["model"], b=cv["priors_only"], n_eval=cv["model"]["n"], n_high=cv["model"]["n_high"],
        calibration_table=table,
    )  # fmt: skip
    path = target / "MODEL_CARD.md"
    path.write_text(text, encoding="utf-8")
    return path


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
    parser.add_argument("--cache", type=Path, default=None, help="features cache (default OUT/data/sim_features.jsonl)")
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
        cache = args.cache or target / "data" / "sim_features.jsonl"
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
    if not args.oracle:  # the same sites read by a perfect reviewer: what the pipeline's noise costs
        kept = set(ids)
        _, o_rows, o_labels = site_table([ln for ln in oracle_lines(sites) if ln["site_id"] in kept])
        model.meta["heldout_oracle"] = cross_validate(o_rows, o_labels, seed=args.seed)["model"]
    model.save(target)
    save_plots(cv["scores"]["y"], cv["scores"]["model"], target / "plots", label="held-out sites")
    write_model_card(target, model, cv, lines, args.seed)
    summary = {k: {m: cv[k][m] for m in ("n", "n_high", "threshold", "recall_high", "precision_high", "accuracy",
                                          "roc_auc", "brier", "ece")} for k in ("model", "priors_only")}  # fmt: skip
    summary["pipeline_agreement"] = model.meta["pipeline_agreement"]
    if "heldout_oracle" in model.meta:
        summary["same_sites_perfect_reviewer"] = {m: model.meta["heldout_oracle"][m] for m in summary["model"]}
    summary["final_model"] = {"threshold": model.threshold, "priors_threshold": model.priors_threshold,
                              "calibration": model.meta["full"]["calibration"]}  # fmt: skip
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.exit(main())
