"""Per-audit records and site features.

An *audit record* is a small plain dict: what the risk model keeps of one reviewed report. It is built from a
:class:`~auditparse.datamodel.ReviewResult` by :func:`audit_record` (or directly by the simulator) and is the unit
that the store, the simulator cache (``models/risk/data/sim_features.jsonl``) and :func:`site_features` share::

    {"audit_date": "2025-03-14", "audit_type": "unannounced", "country": "MY", "sector": "garments",
     "workers_total": 412, "migrant_workers": 120, "agency_workers": 30,
     "indicators": {"recruitment_fees": "present", ...},        # FindingStatus per indicator id
     "remediated": ["recruitment_fees"],                          # present only through remediated mentions
     "quantities": {"fee_usd": 1150.0, "hours_per_week": 72.0},   # max over positive evidence
     "nc": [{"severity": "major", "indicators": ["recruitment_fees"]}],
     "coverage": {"workers_interviewed": 25, "migrant_workers_interviewed": true, ...}}

:func:`site_features` turns a site's whole history (any order, possibly empty) into one flat numeric vector with
the fixed names :data:`FEATURE_NAMES`; unknown values are NaN (the model handles missing values natively).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from auditparse.datamodel import INDICATORS, POSITIVE_STATUSES, ReviewResult
from auditparse.risk.priors import prior_features

NAN = float("nan")

#: fixed conversion to USD for fee amounts (approximate 2025 averages; only the order of magnitude matters here)
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0, "MYR": 0.22, "BDT": 0.0083, "NPR": 0.0074, "THB": 0.029, "CNY": 0.14, "INR": 0.012,
    "VND": 0.00004, "IDR": 0.000063, "PHP": 0.018, "PKR": 0.0036, "LKR": 0.0033, "MMK": 0.00048, "KHR": 0.00025,
    "EUR": 1.08, "GBP": 1.27, "TRY": 0.031, "MXN": 0.055, "TWD": 0.031, "JPY": 0.0067, "KRW": 0.00073,
}  # fmt: skip

#: quantity kinds kept per audit (max over positive evidence); money becomes ``fee_usd``
QUANTITY_KINDS: tuple[str, ...] = (
    "fee_usd", "hours_per_week", "overtime_hours_per_week", "consecutive_days", "wage_delay_days", "share_affected",
)  # fmt: skip
COVERAGE_FLAGS: tuple[str, ...] = (
    "interviews_offsite", "migrant_workers_interviewed", "agency_workers_interviewed", "payroll_reviewed",
    "time_records_reviewed", "dormitory_visited",
)  # fmt: skip
SEVERITIES: tuple[str, ...] = ("critical", "major", "minor")
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
    "nc_fl_latest", "nc_fl_repeated",
    *(f"{q}_max" for q in QUANTITY_KINDS), *(f"{q}_latest" for q in QUANTITY_KINDS),
    "workers_interviewed_latest", "interview_ratio_latest", *(f"{c}_latest" for c in COVERAGE_FLAGS),
    "coverage_unknown_latest",
    "workers_total", "migrant_share", "agency_share",
    "signal_count", "signal_max", "signal_recent",
)  # fmt: skip
#: every site feature, in model column order
FEATURE_NAMES: tuple[str, ...] = (*_INDICATOR_FEATURES, *_HISTORY_FEATURES, *PRIOR_NAMES)


def _money_usd(value: float, unit: str | None) -> float | None:
    rate = USD_PER_UNIT.get((unit or "").upper())
    return value * rate if rate is not None else None


def audit_record(result: ReviewResult) -> dict[str, Any]:
    """Keep what the risk model needs of one reviewed report (no document text)."""
    indicators: dict[str, str] = {f.indicator: f.status for f in result.indicators}
    remediated: list[str] = []
    quantities: dict[str, float] = {}
    for f in result.indicators:
        positive = [e for e in f.evidence if e.status in POSITIVE_STATUSES]
        if positive and all(e.status == "remediated" for e in positive):
            remediated.append(f.indicator)
        for e in positive:
            for q in e.quantities:
                kind, value = q.kind, q.value
                if q.kind == "money":
                    kind, value = "fee_usd", _money_usd(q.value, q.unit)  # type: ignore[assignment]
                if kind in QUANTITY_KINDS and value is not None:
                    quantities[kind] = max(quantities.get(kind, value), value)
    s, a = result.site, result.audit
    return {
        "audit_date": a.audit_date,
        "audit_type": a.audit_type,
        "country": s.country,
        "sector": s.sector,
        "workers_total": s.workers_total,
        "migrant_workers": s.migrant_workers,
        "agency_workers": s.agency_workers,
        "indicators": indicators,
        "remediated": remediated,
        "quantities": quantities,
        "nc": [{"severity": nc.severity, "indicators": list(nc.indicators)} for nc in result.non_compliances],
        "coverage": result.coverage.model_dump(exclude={"notes"}),
    }


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


def _nc_fl(rec: Mapping[str, Any]) -> set[str]:
    return {i for nc in rec.get("nc") or [] for i in nc.get("indicators") or []}


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
    rem = set(latest.get("remediated") or []) & present[-1]
    f["remediated_share_latest"] = len(rem) / len(present[-1]) if present[-1] else 0.0

    for s in SEVERITIES:
        counts = [sum(nc.get("severity") == s for nc in r.get("nc") or []) for r in hist]
        f[f"nc_{s}_latest"] = float(counts[-1])
        f[f"nc_{s}_max"] = float(max(counts))
    f["nc_total_latest"] = float(len(latest.get("nc") or []))
    f["nc_fl_latest"] = float(len(_nc_fl(latest)))
    f["nc_fl_repeated"] = float(len(_nc_fl(latest) & _nc_fl(prev))) if prev else 0.0

    for q in QUANTITY_KINDS:
        values = [(r.get("quantities") or {}).get(q) for r in hist]
        seen = [v for v in values if v is not None]
        f[f"{q}_max"] = max(seen) if seen else 0.0
        f[f"{q}_latest"] = _num(values[-1]) if values[-1] is not None else 0.0

    cov = latest.get("coverage") or {}
    f["workers_interviewed_latest"] = _num(cov.get("workers_interviewed"))
    total = latest.get("workers_total")
    f["workers_total"] = _num(total)
    if total and cov.get("workers_interviewed") is not None:
        f["interview_ratio_latest"] = cov["workers_interviewed"] / total
    for c in COVERAGE_FLAGS:
        f[f"{c}_latest"] = _flag(cov.get(c))
    f["coverage_unknown_latest"] = float(sum(cov.get(c) is None for c in COVERAGE_FLAGS))
    if total:
        for key, name in (("migrant_workers", "migrant_share"), ("agency_workers", "agency_share")):
            if latest.get(key) is not None:
                f[name] = latest[key] / total
    return f
