"""The site simulator behind the default risk model (documented in ``models/risk/MODEL_CARD.md``).

Each simulated site has a hidden risk class (high/low) drawn with priors from the real US DOL country x sector data,
and hidden practices (recruitment fees, passport retention, excessive overtime, ...). Each audit of the site is an
imperfect look at those practices: the auditor detects a practice with a probability that depends on the audit type
(announced audits miss more) and its coverage (migrant workers interviewed, off-site interviews); undetected
practices are sometimes wrongly written up as checked and ruled out; low-risk sites have transient, milder issues;
routine non-compliances are noise. The result is an :class:`AuditPlan` per audit, which becomes either

- a real report (``auditparse.synth`` ReportSpec -> PDF) that goes through the real ``auditparse.review`` pipeline
  (:mod:`auditparse.risk.train_default`), so features carry real extraction and tagging noise, or
- directly an audit record (:func:`oracle_record`), what a perfect reviewer would read: for fast tests.

Everything is deterministic for a seed.
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from auditparse.datamodel import INDICATORS
from auditparse.risk.features import QUANTITIES
from auditparse.risk.priors import prior_features
from auditparse.summarise import SEVERITY_RANK
from auditparse.synth.spec import COUNTRIES

#: the date simulated scores are "as of"
AS_OF = date(2026, 1, 1)

#: (ISO2, sector as a report writes it): every country x sector the report generator can write
SITE_POOL: tuple[tuple[str, str], ...] = tuple((cc, sec) for cc, info in COUNTRIES.items() for sec in info["sectors"])

#: how often a high-risk site has each practice (relative), and how likely one audit finds it
PRACTICE_WEIGHT: dict[str, float] = {
    "recruitment_fees": 0.9, "retention_of_identity_documents": 0.7, "excessive_overtime": 0.8,
    "withholding_of_wages": 0.6, "debt_bondage": 0.45, "restriction_of_movement": 0.4,
    "intimidation_threats": 0.35, "deception": 0.35, "abusive_working_living_conditions": 0.4,
    "isolation": 0.15, "physical_sexual_violence": 0.15, "abuse_of_vulnerability": 0.35,
}  # fmt: skip
BASE_DETECTION = 0.72
#: transient, milder issues of low-risk sites, per audit
LOW_RISK_ISSUES: dict[str, float] = {
    "excessive_overtime": 0.25, "abusive_working_living_conditions": 0.08, "withholding_of_wages": 0.08,
    "recruitment_fees": 0.05,
}  # fmt: skip
CRITICAL = {"retention_of_identity_documents", "debt_bondage", "physical_sexual_violence", "restriction_of_movement"}


@dataclass
class AuditPlan:
    """What one audit report of a simulated site says."""

    audit_date: str
    audit_type: str  # announced | semi-announced | unannounced
    conditions: dict[str, str]  # indicator -> present | remediated | negated (absent: not mentioned)
    quantities: dict[str, float]  # fee_usd, hours_per_week, consecutive_days, wage_delay_days
    non_compliances: list[dict[str, Any]]  # {"severity": ..., "indicators": [...]}
    coverage: dict[str, Any]


@dataclass
class SimSite:
    """A simulated site: hidden truth (``high_risk``, ``practices``) and the audits written about it."""

    site_id: str
    country: str
    sector: str
    high_risk: bool
    practices: list[str]
    workers_total: int
    migrant_workers: int
    agency_workers: int
    audits: list[AuditPlan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def p_high_risk(country: str, sector: str) -> float:
    """Prior probability that a site is high-risk, from the real DOL flags of its country x sector."""
    pf = prior_features(country, sector)
    logit = -1.6 + 1.0 * pf["prior_fl_country_sector"] + 0.06 * min(pf["prior_country_fl_goods"], 12.0)
    return 1.0 / (1.0 + math.exp(-logit))


def _quantities(rng: random.Random, indicators: set[str], severe: bool) -> dict[str, float]:
    q: dict[str, float] = {}
    if "recruitment_fees" in indicators or "debt_bondage" in indicators:
        q["fee_usd"] = round(rng.uniform(700, 4000) if severe else rng.uniform(30, 400), -1)
    if "excessive_overtime" in indicators:
        q["hours_per_week"] = float(rng.randint(66, 84) if severe else rng.randint(61, 68))
        q["consecutive_days"] = float(rng.randint(14, 28) if severe else rng.randint(7, 12))
    if "withholding_of_wages" in indicators:
        q["wage_delay_days"] = float(rng.randint(30, 120) if severe else rng.randint(7, 25))
    return q


def _coverage(rng: random.Random, site: SimSite) -> dict[str, Any]:
    def tri(p_true: float, p_none: float = 0.1) -> bool | None:
        r = rng.random()
        return None if r < p_none else r < p_none + p_true

    return {
        "workers_interviewed": rng.randint(6, 40),
        "interviews_offsite": tri(0.25),
        "migrant_workers_interviewed": tri(0.75) if site.migrant_workers else None,
        "agency_workers_interviewed": tri(0.6) if site.agency_workers else None,
        "payroll_reviewed": tri(0.85),
        "time_records_reviewed": tri(0.85),
        "dormitory_visited": tri(0.5, 0.3),
    }


def _audit(rng: random.Random, site: SimSite, when: date) -> AuditPlan:
    audit_type = rng.choices(["announced", "semi-announced", "unannounced"], [0.45, 0.35, 0.2])[0]
    coverage = _coverage(rng, site)
    detect = BASE_DETECTION * {"announced": 0.8, "semi-announced": 1.0, "unannounced": 1.2}[audit_type]
    detect *= 1.1 if coverage["migrant_workers_interviewed"] else 0.85
    detect *= 1.1 if coverage["interviews_offsite"] else 1.0
    detect = min(detect, 0.95)
    conditions: dict[str, str] = {}
    severe: set[str] = set()
    for ind in INDICATORS:
        if ind in site.practices:
            if rng.random() < detect:
                conditions[ind] = "remediated" if rng.random() < 0.15 else "present"
                severe.add(ind)
            elif rng.random() < 0.45:
                conditions[ind] = "negated"  # missed, and written up as checked
        elif not site.high_risk and rng.random() < LOW_RISK_ISSUES.get(ind, 0.0):
            conditions[ind] = "remediated" if rng.random() < 0.4 else "present"
        elif rng.random() < 0.01:
            conditions[ind] = "present"  # a false alarm
        elif rng.random() < 0.3:
            conditions[ind] = "negated"
    found = {i for i, c in conditions.items() if c != "negated"}
    quantities = _quantities(rng, severe, True) | _quantities(rng, found - severe, False)
    ncs = []
    for ind in sorted(found):
        if ind in severe and ind in CRITICAL:
            sev = "critical" if rng.random() < 0.6 else "major"
        elif ind in severe:
            sev = "major" if rng.random() < 0.7 else "minor"
        else:
            sev = "minor" if rng.random() < 0.7 else "major"
        ncs.append({"severity": sev, "indicators": [ind]})
    routine = sum(rng.random() < 0.3 for _ in range(7 if site.high_risk else 5))
    ncs += [{"severity": "major" if rng.random() < 0.3 else "minor", "indicators": []} for _ in range(routine)]
    return AuditPlan(when.isoformat(), audit_type, conditions, quantities, ncs, coverage)


def simulate_site(seed: int, site_id: str | None = None, n_audits: int | None = None) -> SimSite:
    """Draw one site and its audit history (deterministic for ``seed``)."""
    rng = random.Random(seed)
    country, sector = rng.choice(SITE_POOL)
    high = rng.random() < p_high_risk(country, sector)
    practices: list[str] = []
    if high:
        k = 2 + sum(rng.random() < 0.4 for _ in range(3))  # ILO: forced labour shows as co-occurring indicators
        pool = dict(PRACTICE_WEIGHT)
        while len(practices) < k:
            pick = rng.choices(list(pool), list(pool.values()))[0]
            practices.append(pick)
            del pool[pick]
    workers = int(math.exp(rng.uniform(math.log(60), math.log(3000))))
    migrant_share = min(rng.betavariate(2.5, 3) if high else rng.betavariate(1, 4), 0.95)
    site = SimSite(
        site_id=site_id or f"SIM-{seed:05d}",
        country=country,
        sector=sector,
        high_risk=high,
        practices=sorted(practices),
        workers_total=workers,
        migrant_workers=int(workers * migrant_share) if rng.random() < 0.8 else 0,
        agency_workers=int(workers * rng.uniform(0, 0.3)) if rng.random() < 0.5 else 0,
    )
    n = n_audits or rng.choices([1, 2, 3], [0.35, 0.4, 0.25])[0]
    when = AS_OF - timedelta(days=rng.randint(10, 540))
    dates = [when]
    for _ in range(n - 1):
        dates.append(dates[-1] - timedelta(days=rng.randint(270, 450)))
    site.audits = [_audit(rng, site, d) for d in reversed(dates)]
    return site


def simulate_sites(n: int, seed: int = 0) -> list[SimSite]:
    """``n`` independent sites; site ``i`` uses seed ``seed * 100_000 + i``."""
    return [simulate_site(seed * 100_000 + i) for i in range(n)]


def oracle_record(site: SimSite, plan: AuditPlan) -> dict[str, Any]:
    """The audit record a perfect reviewer would extract from the report of ``plan`` (no pipeline noise)."""
    status = {"present": "present", "remediated": "present", "negated": "ruled_out"}
    ncs = plan.non_compliances
    fl_sev = [SEVERITY_RANK[nc["severity"]] for nc in ncs if nc["indicators"]]
    feats = {f"nc_{s}": float(sum(nc["severity"] == s for nc in ncs)) for s in ("critical", "major", "minor")}
    feats.update(nc_total=float(len(ncs)), max_severity=float(max(fl_sev, default=0)),
                 n_remediated_only=float(sum(c == "remediated" for c in plan.conditions.values())))  # fmt: skip
    for q, name in QUANTITIES.items():
        feats[name] = plan.quantities.get(q, -1.0)
    return {
        "audit_date": plan.audit_date,
        "audit_type": plan.audit_type,
        "country": site.country,
        "sector": site.sector,
        "site_meta": {"workers_total": site.workers_total, "migrant_workers": site.migrant_workers,
                      "agency_workers": site.agency_workers},
        "coverage": dict(plan.coverage),
        "indicators": {i: status.get(plan.conditions.get(i, ""), "not_found") for i in INDICATORS},
        "features": feats,
    }  # fmt: skip
