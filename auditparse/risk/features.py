"""Per-audit records and site features.

An *audit record* is what the risk model reads of one reviewed report: a plain dict with the shape of one item of
:meth:`auditparse.store.Store.site_histories` (only these keys are used), so the store, the simulator cache
(``models/risk/data/sim_features.jsonl``) and :func:`site_features` share it::

    {"audit_date": "2025-03-14", "audit_type": "unannounced", "country": "MY", "sector": "garments",
     "site_meta": {"workers_total": 412, "migrant_workers": 120, "agency_workers": 30, ...},
     "coverage": {"workers_interviewed": 25, "migrant_workers_interviewed": true, ...},
     "indicators": {"recruitment_fees": "present", "isolation": "ruled_out", ...},   # FindingStatus per id
     "features": {"max_fee_usd": 1150.0, "max_weekly_hours": 72.0, "nc_major": 2.0, ...}}  # review features

``features`` are the review stage's documented per-report features (README, section review); -1 means "not
stated". :func:`audit_record` builds a record from a :class:`~auditparse.datamodel.ReviewResult`.

:func:`site_features` turns a site's whole history (any order, possibly empty) into one flat numeric vector with
the fixed names :data:`FEATURE_NAMES`; unknown values are NaN (the model handles missing values natively).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from auditparse.datamodel import INDICATORS, ReviewResult
from auditparse.risk.priors import prior_features

NAN = float("nan")

#: site quantity feature -> the review feature it aggregates (max over positive evidence in one report)
QUANTITIES: dict[str, str] = {
    "fee_usd": "max_fee_usd", "hours_per_week": "max_weekly_hours", "consecutive_days": "max_consecutive_days",
    "wage_delay_days": "max_wage_delay_days", "share_affected": "max_share_affected",
}  # fmt: skip
COVERAGE_FLAGS: tuple[str, ...] = (
    "interviews_offsite", "migrant_workers_interviewed", "agency_workers_interviewed", "payroll_reviewed",
    "time_records_reviewed", "dormitory_visited",
)  # fmt: skip
SEVERITIES: tuple[str, ...] = ("critical", "major", "minor")
#: the review features a record keeps
REVIEW_FEATURES: tuple[str, ...] = (
    *QUANTITIES.values(), *(f"nc_{s}" for s in SEVERITIES), "nc_total", "max_severity", "n_remediated_only",
)  # fmt: skip
PRIOR_NAMES: tuple[str, ...] = tuple(prior_features(None, None))

_INDICATOR_FEATURES = tuple(
    f"{ind}_{suffix}" for ind in INDICATORS for suffix in ("latest", "ruled_out_latest", "share", "repeated")
)
_HISTORY_FEATURES: tuple[str, ...] = (
    "n_audits", "days_since_last_audit", "audit_span_days", "latest_unannounced", "latest_announced",
    "unannounced_share",
    "n_present_latest", "n_present_max", "n_present_ever", "n_ruled_out_latest", "n_new_latest", "n_repeated",
    "n_resolved_latest", "remediated_share_latest",
    *(f"nc_{s}_latest" for s in SEVERITIES), *(f"nc_{s}_max" for s in SEVERITIES), "nc_total_latest",
    "fl_severity_latest", "fl_severity_max",
    *(f"{q}_max" for q in QUANTITIES), *(f"{q}_latest" for q in QUANTITIES),
    "workers_interviewed_latest", "interview_ratio_latest", *(f"{c}_latest" for c in COVERAGE_FLAGS),
    "coverage_unknown_latest",
    "workers_total", "migrant_share", "agency_share",
    "signal_count", "signal_max", "signal_recent",
)  # fmt: skip
#: every site feature, in model column order
FEATURE_NAMES: tuple[str, ...] = (*_INDICATOR_FEATURES, *_HISTORY_FEATURES, *PRIOR_NAMES)


def audit_record(result: ReviewResult) -> dict[str, Any]:
    """Keep what the risk model needs of one reviewed report (no document text)."""
    return {
        "audit_date": result.audit.audit_date,
        "audit_type": result.audit.audit_type,
        "country": result.site.country,
        "sector": result.site.sector,
        "site_meta": result.site.model_dump(mode="json", include={"workers_total", "migrant_workers",
                                                                  "agency_workers"}),
        "coverage": result.coverage.model_dump(mode="json", exclude={"notes"}),
        "indicators": {f.indicator: f.status for f in result.indicators},
        "features": {k: result.features[k] for k in REVIEW_FEATURES if k in result.features},
    }  # fmt: skip


def _parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def _num(value: Any) -> float:
    return NAN if value is None else float(value)


def _flag(value: Any) -> float:
    return NAN if value is None else float(bool(value))


def _present(rec: Mapping[str, Any]) -> set[str]:
    return {i for i, s in (rec.get("indicators") or {}).items() if s == "present"}


def _stated(rec: Mapping[str, Any], name: str) -> float | None:
    v = (rec.get("features") or {}).get(name)
    return None if v is None or v < 0 else float(v)


def _history_order(audits: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    # undated audits count as the oldest: a dated audit is a safer "latest"
    return sorted(audits, key=lambda r: _parse_date(r.get("audit_date")) or date.min)


def site_features(
    audits: Iterable[Mapping[str, Any]],
    *,
    country: str | None = None,
    sector: str | None = None,
    as_of: date | None = None,
    signals: Iterable[Mapping[str, Any]] = (),
) -> dict[str, float]:
    """Flat numeric features of one site from its whole audit history, priors and external signals.

    Args:
        audits: the site's audit records (see the module docstring), in any order; may be empty.
        country: ISO2 country; defaults to the latest audit's.
        sector: the site's sector as written; defaults to the latest audit's.
        as_of: the date the score is for (time since last audit); today by default.
        signals: external signals for this site, dicts with ``value`` (number) and optional ``date``.

    Returns:
        A dict with exactly the keys :data:`FEATURE_NAMES`.
    """
    hist = _history_order(audits)
    latest = hist[-1] if hist else {}
    prev = hist[-2] if len(hist) > 1 else {}
    as_of = as_of or date.today()
    country = country or latest.get("country")
    sector = sector or latest.get("sector")
    f: dict[str, float] = dict.fromkeys(FEATURE_NAMES, NAN)
    f.update(prior_features(country, sector))

    sig = [(_num(s.get("value")), _parse_date(s.get("date"))) for s in signals]
    f["signal_count"] = float(len(sig))
    f["signal_max"] = max((v for v, _ in sig), default=0.0)
    f["signal_recent"] = float(sum(1 for _, d in sig if d and (as_of - d).days <= 365))

    f["n_audits"] = float(len(hist))
    if not hist:
        return f

    present = [_present(r) for r in hist]
    for ind in INDICATORS:
        statuses = [(r.get("indicators") or {}).get(ind, "not_found") for r in hist]
        f[f"{ind}_latest"] = float(statuses[-1] == "present")
        f[f"{ind}_ruled_out_latest"] = float(statuses[-1] == "ruled_out")
        f[f"{ind}_share"] = sum(s == "present" for s in statuses) / len(hist)
        f[f"{ind}_repeated"] = float(sum(s == "present" for s in statuses) >= 2)

    dates = [d for d in (_parse_date(r.get("audit_date")) for r in hist) if d]
    f["days_since_last_audit"] = float((as_of - max(dates)).days) if dates else NAN
    f["audit_span_days"] = float((max(dates) - min(dates)).days) if dates else NAN
    types = [r.get("audit_type") for r in hist]
    f["latest_unannounced"] = _flag(None if types[-1] is None else types[-1] == "unannounced")
    f["latest_announced"] = _flag(None if types[-1] is None else types[-1] == "announced")
    known = [t for t in types if t]
    f["unannounced_share"] = sum(t == "unannounced" for t in known) / len(known) if known else NAN

    ever = set().union(*present)
    f["n_present_latest"] = float(len(present[-1]))
    f["n_present_max"] = float(max(len(p) for p in present))
    f["n_present_ever"] = float(len(ever))
    f["n_ruled_out_latest"] = float(sum(s == "ruled_out" for s in (latest.get("indicators") or {}).values()))
    earlier = set().union(*present[:-1]) if len(hist) > 1 else set()
    f["n_new_latest"] = float(len(present[-1] - earlier))
    f["n_repeated"] = float(sum(sum(i in p for p in present) >= 2 for i in ever))
    f["n_resolved_latest"] = float(len(_present(prev) - present[-1])) if prev else 0.0
    n_rem = _stated(latest, "n_remediated_only")
    f["remediated_share_latest"] = (n_rem or 0.0) / len(present[-1]) if present[-1] else 0.0

    for s in SEVERITIES:
        counts = [_stated(r, f"nc_{s}") or 0.0 for r in hist]
        f[f"nc_{s}_latest"] = counts[-1]
        f[f"nc_{s}_max"] = max(counts)
    f["nc_total_latest"] = _stated(latest, "nc_total") or 0.0
    sev = [_stated(r, "max_severity") or 0.0 for r in hist]
    f["fl_severity_latest"], f["fl_severity_max"] = sev[-1], max(sev)

    for q, name in QUANTITIES.items():
        values = [_stated(r, name) or 0.0 for r in hist]
        f[f"{q}_max"], f[f"{q}_latest"] = max(values), values[-1]

    cov = latest.get("coverage") or {}
    meta = latest.get("site_meta") or {}
    f["workers_interviewed_latest"] = _num(cov.get("workers_interviewed"))
    total = meta.get("workers_total")
    f["workers_total"] = _num(total)
    if total and cov.get("workers_interviewed") is not None:
        f["interview_ratio_latest"] = cov["workers_interviewed"] / total
    for c in COVERAGE_FLAGS:
        f[f"{c}_latest"] = _flag(cov.get(c))
    f["coverage_unknown_latest"] = float(sum(cov.get(c) is None for c in COVERAGE_FLAGS))
    if total:
        for key, name in (("migrant_workers", "migrant_share"), ("agency_workers", "agency_share")):
            if meta.get(key) is not None:
                f[name] = meta[key] / total
    return f
