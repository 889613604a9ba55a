"""Site risk model: priors, site features, metrics, training, scoring, explanations, label files, CLI."""

from __future__ import annotations

import json
import math
import random
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditparse.cli import cli
from auditparse.datamodel import INDICATORS
from auditparse.exceptions import BadDataError, ExitCode, ModelError
from auditparse.risk.evaluate import (
    calibration_table,
    expected_calibration_error,
    metrics,
    threshold_for_recall,
)
from auditparse.risk.explain import GROUPS
from auditparse.risk.features import FEATURE_NAMES, site_features
from auditparse.risk.model import RiskModel
from auditparse.risk.priors import prior_features, sector_of
from auditparse.risk.simulate import AS_OF, oracle_record, simulate_sites
from auditparse.risk.sites import read_labels


def _record(date: str, present: tuple[str, ...] = (), ruled_out: tuple[str, ...] = (), **features: float) -> dict:
    return {
        "audit_date": date, "audit_type": "announced", "country": "MY", "sector": "garments",
        "site_meta": {"workers_total": 200, "migrant_workers": 50, "agency_workers": None},
        "coverage": {"workers_interviewed": 20, "migrant_workers_interviewed": True},
        "indicators": {i: "present" if i in present else "ruled_out" if i in ruled_out else "not_found"
                       for i in INDICATORS},
        "features": features,
    }  # fmt: skip


# --- priors ------------------------------------------------------------------------------------------------


def test_priors_come_from_the_shipped_dol_table() -> None:
    # US DOL 2021 lists forced labour in Malaysian garments and palm oil, none in Vietnamese electronics
    assert prior_features("MY", "garments")["prior_fl_country_sector"] == 1
    assert prior_features("MY", "palm oil")["prior_fl_country_sector"] == 1
    assert prior_features("VN", "electronics")["prior_fl_country_sector"] == 0
    assert prior_features("CN", "toys")["prior_country_fl_goods"] > prior_features("VN", "toys")["prior_country_fl_goods"]
    unknown = prior_features("DE", "garments")
    assert unknown["prior_fl_country_sector"] == 0 and unknown["prior_country_fl_goods"] == 0
    assert math.isnan(unknown["prior_country_advancement"])


def test_sector_mapping() -> None:
    assert sector_of("Seafood processing") == "seafood"
    assert sector_of("Rubber Gloves") == "rubber_gloves"
    assert sector_of("spinning mill") == "apparel"
    assert sector_of("Crude Palm Oil") == "palm_oil"
    assert sector_of("quantum widgets") is None


# --- site features -----------------------------------------------------------------------------------------


def test_site_features_trend_and_order() -> None:
    old = _record("2023-05-01", present=("recruitment_fees", "excessive_overtime"), max_fee_usd=900, nc_major=2)
    new = _record("2025-06-01", present=("recruitment_fees", "isolation"), ruled_out=("debt_bondage",),
                  max_fee_usd=1150, max_weekly_hours=-1, nc_critical=1)  # fmt: skip
    f = site_features([new, old], as_of=AS_OF)  # any order
    g = site_features([old, new], as_of=AS_OF)
    assert all((math.isnan(f[k]) and math.isnan(g[k])) or f[k] == g[k] for k in FEATURE_NAMES)
    assert set(f) == set(FEATURE_NAMES)
    assert f["n_audits"] == 2 and f["n_present_latest"] == 2 and f["n_present_ever"] == 3
    assert f["n_new_latest"] == 1  # isolation
    assert f["n_repeated"] == 1 and f["recruitment_fees_repeated"] == 1
    assert f["n_resolved_latest"] == 1  # overtime gone
    assert f["debt_bondage_ruled_out_latest"] == 1
    assert f["fee_usd_max"] == 1150 and f["fee_usd_latest"] == 1150
    assert f["hours_per_week_max"] == 0  # -1 means "not stated"
    assert f["nc_critical_latest"] == 1 and f["nc_major_max"] == 2
    assert f["days_since_last_audit"] == (AS_OF - date(2025, 6, 1)).days
    assert f["migrant_share"] == 0.25 and math.isnan(f["agency_share"])


def test_site_with_no_audits_has_priors_only() -> None:
    f = site_features([], country="MY", sector="garments", as_of=AS_OF)
    assert f["n_audits"] == 0 and f["prior_fl_country_sector"] == 1
    assert math.isnan(f["recruitment_fees_latest"])


# --- metrics -----------------------------------------------------------------------------------------------


def test_metrics_on_a_hand_made_case() -> None:
    y, p = [1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1]
    m = metrics(y, p, 0.5)
    assert m["confusion"] == {"tp": 1, "fp": 1, "fn": 1, "tn": 1}
    assert m["recall_high"] == 0.5 and m["precision_high"] == 0.5 and m["accuracy"] == 0.5
    assert m["roc_auc"] == pytest.approx(0.75)
    assert m["brier"] == pytest.approx((0.01 + 0.36 + 0.36 + 0.01) / 4)
    # one site per bin: ECE = mean |p - y|
    assert m["ece"] == pytest.approx((0.1 + 0.6 + 0.6 + 0.1) / 4)
    assert expected_calibration_error([1, 0, 1, 0], [0.55, 0.55, 0.52, 0.52]) == pytest.approx(0.035)
    assert [r["n"] for r in calibration_table([1, 0], [0.05, 0.95])] == [1, 1]
    assert threshold_for_recall([1, 1, 1, 1, 0], [0.9, 0.8, 0.3, 0.2, 0.5], 0.75) == 0.3


# --- model -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sim() -> tuple[list, list[dict[str, float]], list[int]]:
    sites = simulate_sites(120, seed=3)
    rows = [site_features([oracle_record(s, a) for a in s.audits], as_of=AS_OF) for s in sites]
    return sites, rows, [int(s.high_risk) for s in sites]


@pytest.fixture(scope="module")
def model(sim: tuple) -> RiskModel:
    _, rows, y = sim
    return RiskModel.fit(rows, y, seed=1)


def test_training_is_reproducible(sim: tuple, model: RiskModel) -> None:
    _, rows, y = sim
    again = RiskModel.fit(rows, y, seed=1)
    assert again.predict_proba(rows).tolist() == model.predict_proba(rows).tolist()
    assert again.threshold == model.threshold


def test_model_ranks_simulated_sites(sim: tuple, model: RiskModel) -> None:
    # a smoke check on training sites (held-out figures come from cross_validate / train_default)
    _, rows, y = sim
    p = model.predict_proba(rows)
    assert metrics(y, p, model.threshold)["roc_auc"] > 0.9
    assert p.min() >= 0.0 and p.max() <= 1.0


def test_no_audits_falls_back_to_priors_and_says_so(model: RiskModel) -> None:
    f = site_features([], country="MY", sector="garments", as_of=AS_OF)
    score = model.score("new-site", f, country="MY", sector="garments")
    assert score.basis == "priors only"
    assert score.note and "no audits" in score.note
    assert score.factors[0].group == "priors" and "MY" in score.factors[0].text
    assert score.threshold == model.priors_threshold


def test_explanations_name_real_features(sim: tuple, model: RiskModel) -> None:
    sites, rows, _ = sim
    i = next(k for k, s in enumerate(sites) if s.high_risk and rows[k]["recruitment_fees_latest"] == 1
             and rows[k]["fee_usd_max"] > 0)  # fmt: skip
    score = model.score(sites[i].site_id, rows[i], country=sites[i].country, sector=sites[i].sector, top=12)
    assert score.basis == "audits" and score.factors
    assert all(f.group in GROUPS for f in score.factors)
    fees = [f for f in score.factors if f.group == "recruitment_fees"]
    if fees:  # the factor text quotes the site's own values
        assert "recruitment fees found in the latest audit" in fees[0].text and "USD" in fees[0].text
    # moving every group of a high-scoring site to the reference lowers its score
    assert score.probability > model.predict_proba([model.reference])[0]
    assert max(f.delta for f in score.factors) > 0


def test_save_and_load(tmp_path: Path, sim: tuple, model: RiskModel) -> None:
    _, rows, _ = sim
    model.save(tmp_path)
    loaded = RiskModel.load(tmp_path)
    assert loaded.predict_proba(rows[:5]).tolist() == model.predict_proba(rows[:5]).tolist()
    (tmp_path / "model.joblib").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="checksum"):
        RiskModel.load(tmp_path)
    with pytest.raises(ModelError, match="no risk model"):
        RiskModel.load(tmp_path / "missing")


# --- label files -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("site,label\n1,high\n", "line 1: missing column"),
        ("site_id,label\n1,high\n2,medium\n", "line 3: label 'medium'"),
        ("site_id,label\n1,high\n1,low\n", "line 3: site '1' already labelled on line 2"),
        ("site_id,label,date\n1,high,14/03/2025\n", "line 2: date '14/03/2025'"),
        ("site_id,label\n1,high,extra\n", "line 2: expected 2 fields"),
        ("site_id,label\n", "no labels"),
    ],
)
def test_bad_label_files(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "labels.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadDataError, match=match):
        read_labels(path)


def test_labels_parse(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("site_id,label,date\n1,HIGH,2025-01-31\nabc garments|MY,low,\n", encoding="utf-8")
    labels = read_labels(path)
    assert [(lb.site, lb.high_risk, lb.line) for lb in labels] == [("1", 1, 2), ("abc garments|MY", 0, 3)]
    assert str(labels[0].as_of) == "2025-01-31" and labels[1].as_of is None


def test_cli_bad_labels_exit_code(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("site_id,label\n1,maybe\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["risk", "train", "--labels", str(path), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == ExitCode.BAD_DATA
    assert "line 2" in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(cli, ["risk", "train", "--labels", str(tmp_path / "none.csv")])
    assert res.exit_code == ExitCode.INPUT_NOT_FOUND


# --- end to end through the store and the CLI ----------------------------------------------------------------


def _review_result(site, plan, n: int):  # a ReviewResult as the review stage would write it for this audit
    from auditparse.datamodel import (
        AuditMeta,
        Coverage,
        Evidence,
        IndicatorFinding,
        NonCompliance,
        Quantity,
        ReviewResult,
        ReviewSource,
        SiteMeta,
    )  # fmt: skip
    from auditparse.summarise import SEVERITY_RANK, build_features

    kinds = {"fee_usd": ("money", "recruitment_fees"), "hours_per_week": ("hours_per_week", "excessive_overtime"),
             "wage_delay_days": ("wage_delay_days", "withholding_of_wages"),
             "consecutive_days": ("consecutive_days", "excessive_overtime")}  # fmt: skip
    findings = []
    for ind in INDICATORS:
        cond = plan.conditions.get(ind)
        qs = [Quantity(kind=k, value=plan.quantities[q], unit="USD" if k == "money" else None, text="", start=0, end=1)
              for q, (k, i) in kinds.items() if i == ind and q in plan.quantities]  # fmt: skip
        ev = [Evidence(page=1, quote="...", status="negated" if cond == "negated" else cond, score=1.0,
                       quantities=qs)] if cond else []  # fmt: skip
        status = "not_found" if not cond else "ruled_out" if cond == "negated" else "present"
        sev = max((nc["severity"] for nc in plan.non_compliances if ind in nc["indicators"]),
                  key=SEVERITY_RANK.__getitem__, default=None)  # as build_findings grades a finding
        findings.append(IndicatorFinding(indicator=ind, status=status, evidence=ev,
                                         severity=sev if status == "present" else None))
    result = ReviewResult(
        source=ReviewSource(path=f"{site.site_id}_{n}.pdf", sha256=f"{site.site_id}-{n}", pages=4),
        audit=AuditMeta(audit_date=plan.audit_date, audit_type=plan.audit_type),
        site=SiteMeta(name=f"Site {site.site_id}", country=site.country, sector=site.sector,
                      workers_total=site.workers_total, migrant_workers=site.migrant_workers,
                      agency_workers=site.agency_workers),
        indicators=findings,
        non_compliances=[NonCompliance(text="...", severity=nc["severity"], indicators=nc["indicators"])
                         for nc in plan.non_compliances],
        coverage=Coverage(**plan.coverage),
    )  # fmt: skip
    result.features = build_features(result)
    return result


def _same(a: dict[str, float], b: dict[str, float]) -> list[str]:
    return [k for k in FEATURE_NAMES if not ((math.isnan(a[k]) and math.isnan(b[k])) or a[k] == pytest.approx(b[k]))]


def test_review_store_and_simulator_records_agree(tmp_path: Path) -> None:
    """The same audits give the same site features from a ReviewResult, from the store and from the simulator."""
    from auditparse.risk.features import audit_record
    from auditparse.store import Store

    store = Store.open(f"sqlite:///{tmp_path / 'r.db'}")
    for site in simulate_sites(8, seed=5):
        results = [_review_result(site, plan, n) for n, plan in enumerate(site.audits)]
        for r in results:
            store.claim(r.source.sha256, r.source.path, "test")
            store.record_result(r.source.sha256, r, pipeline_version="test")
        oracle = site_features([oracle_record(site, a) for a in site.audits], as_of=AS_OF)
        reviewed = site_features([audit_record(r) for r in results], as_of=AS_OF)
        assert [(k, oracle[k], reviewed[k]) for k in _same(oracle, reviewed)] == []
        (history,) = [h for h in store.site_histories().values() if h[0]["site"] == f"Site {site.site_id}"]
        assert _same(oracle, site_features(history, as_of=AS_OF)) == []


@pytest.mark.slow
def test_cli_train_score_explain_evaluate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditparse.store import Store

    db = tmp_path / "results.db"
    monkeypatch.setenv("AUDITPARSE_DATA_DIR", str(tmp_path / "data"))
    store = Store.open(f"sqlite:///{db}")
    sites = simulate_sites(70, seed=11)
    for s in sites:
        for n, plan in enumerate(s.audits):
            result = _review_result(s, plan, n)
            store.claim(result.source.sha256, result.source.path, "test")
            store.record_result(result.source.sha256, result, pipeline_version="test")
    ids = {h[0]["site"]: sid for sid, h in store.site_histories().items()}
    labels = tmp_path / "labels.csv"
    rows = [f"{ids[f'Site {s.site_id}']},{'high' if s.high_risk else 'low'}" for s in sites]
    labels.write_text("site_id,label\n" + "\n".join(rows + ["no-such-site,high"]) + "\n", encoding="utf-8")
    runner = CliRunner()

    res = runner.invoke(cli, ["risk", "train", "--labels", str(labels), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "held-out sites" in res.output and (tmp_path / "data" / "risk-model" / "model.json").is_file()

    res = runner.invoke(cli, ["risk", "score", "--db", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    import json

    scored = json.loads(res.stdout)
    assert len(scored) == len(sites)
    assert [r["probability"] for r in scored] == sorted((r["probability"] for r in scored), reverse=True)
    top = Store.open(f"sqlite:///{db}").sites_rows()[0]
    assert top["risk"] == pytest.approx(scored[0]["probability"], abs=1e-4)

    high = next(s for s in sites if s.high_risk)
    res = runner.invoke(cli, ["risk", "explain", str(ids[f"Site {high.site_id}"]), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "probability" in res.output and "basis: audits" in res.output

    res = runner.invoke(cli, ["risk", "explain", "Brand New Supplier", "--country", "MY", "--sector", "garments",
                              "--db", str(db)])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "priors only" in res.output and "no audits on record" in res.output

    res = runner.invoke(cli, ["risk", "evaluate", "--labels", str(labels), "--db", str(db), "--plots",
                              str(tmp_path / "plots"), "--format", "json"])  # fmt: skip
    assert res.exit_code == 0, res.output
    m = json.loads(res.stdout)
    assert m["n"] == len(sites) and 0 <= m["ece"] <= 1 and m["roc_auc"] > 0.8
    for name in ("precision_recall.png", "calibration.png"):
        assert (tmp_path / "plots" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_shipped_model_loads_and_scores() -> None:
    from auditparse.settings import models_dir

    path = models_dir() / "risk"
    if not (path / "model.json").is_file():
        pytest.skip("no shipped risk model yet (run `make models`)")
    m = RiskModel.load(path)
    assert m.meta["target_recall"] == 0.95
    rng = random.Random(0)
    f = site_features([_record("2025-01-01", present=tuple(rng.sample(INDICATORS, 3)), max_fee_usd=2000)],
                      as_of=AS_OF)  # fmt: skip
    assert 0 <= m.score("x", f).probability <= 1


def test_external_signals(tmp_path: Path) -> None:
    from auditparse.risk.sites import read_signals

    path = tmp_path / "signals.csv"
    path.write_text("site_id,signal,value,date\n7,news,1,2025-10-01\n7,gov_report,2,2023-01-01\n8,news,1,\n",
                    encoding="utf-8")  # fmt: skip
    signals = read_signals(path)
    assert sorted(signals) == ["7", "8"] and len(signals["7"]) == 2
    f = site_features([], country="MY", sector="garments", as_of=AS_OF, signals=signals["7"])
    assert (f["signal_count"], f["signal_max"], f["signal_recent"]) == (2, 2, 1)
    path.write_text("site_id,signal,value,date\n7,news,high,2025-10-01\n", encoding="utf-8")
    with pytest.raises(BadDataError, match="line 2: value 'high' is not a number"):
        read_signals(path)


def test_cached_features_of_another_pipeline_are_reviewed_again(tmp_path: Path) -> None:
    from auditparse.risk.train_default import pipeline_fingerprint, read_cache, run_pipeline

    cache = tmp_path / "sim_features.jsonl"
    now = pipeline_fingerprint()
    lines = [{"site_id": "SIM-1", "audit": 0, "pipeline": now}, {"site_id": "SIM-2", "audit": 0, "pipeline": "0" * 16},
             {"site_id": "SIM-3", "audit": 0}]
    cache.write_text("".join(json.dumps(ln) + "\n" for ln in lines), encoding="utf-8")
    run_pipeline([], cache, workers=1, seed=0, scanned_share=0.0)
    assert [ln["site_id"] for ln in read_cache(cache)] == ["SIM-1"]
    assert pipeline_fingerprint() == now
