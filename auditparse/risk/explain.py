"""Feature groups of the site vector and how to say them in words.

An explanation moves one group of features at a time to a reference value (the training median, "a typical
site") and reports how much the calibrated probability changes; the group's sentence describes the site's own
values, e.g. ``recruitment fees found in the latest audit (fees up to USD 1,150) (+0.21)``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from auditparse.datamodel import INDICATORS
from auditparse.risk.features import FEATURE_NAMES, PRIOR_NAMES

LABELS: dict[str, str] = {
    "abuse_of_vulnerability": "abuse of vulnerability",
    "deception": "deception about work or pay",
    "restriction_of_movement": "restriction of movement",
    "isolation": "isolation",
    "physical_sexual_violence": "physical or sexual violence",
    "intimidation_threats": "intimidation and threats",
    "retention_of_identity_documents": "retention of identity documents",
    "withholding_of_wages": "withholding of wages",
    "debt_bondage": "debt bondage",
    "abusive_working_living_conditions": "abusive working or living conditions",
    "excessive_overtime": "excessive overtime",
    "recruitment_fees": "recruitment fees",
}
_QUANTITY_GROUP = {
    "fee_usd": "recruitment_fees", "hours_per_week": "excessive_overtime", "consecutive_days": "excessive_overtime",
    "wage_delay_days": "withholding_of_wages", "share_affected": "findings",
}  # fmt: skip


def group_of(name: str) -> str:
    """The explanation group a site feature belongs to."""
    for ind in INDICATORS:
        if name.startswith(ind + "_"):
            return ind
    for q, group in _QUANTITY_GROUP.items():
        if name.startswith(q + "_"):
            return group
    if name in PRIOR_NAMES:
        return "priors"
    if name.startswith("nc_"):
        return "non_compliances"
    if name.startswith("signal_"):
        return "signals"
    if name.startswith(("n_present", "n_new", "n_repeated", "n_resolved", "n_ruled", "remediated_")):
        return "findings"
    if name in ("n_audits", "days_since_last_audit", "audit_span_days"):
        return "history"
    if "announced" in name:
        return "audit_type"
    if name in ("workers_total", "migrant_share", "agency_share"):
        return "workforce"
    return "coverage"


GROUPS: dict[str, list[str]] = {}
for _name in FEATURE_NAMES:
    GROUPS.setdefault(group_of(_name), []).append(_name)


_SEVERITY_WORD = {0: "not graded", 1: "observation", 2: "minor", 3: "major", 4: "critical"}


def _n(v: float) -> int:
    return 0 if v is None or math.isnan(v) else int(round(v))


def _yes_no(v: float) -> str:
    return "not stated" if v is None or math.isnan(v) else ("yes" if v else "no")


def _quantity_note(group: str, f: Mapping[str, float]) -> str:
    parts = []
    if group in ("recruitment_fees", "debt_bondage") and f.get("fee_usd_max", 0) > 0:
        parts.append(f"fees up to USD {f['fee_usd_max']:,.0f}")
    if group == "excessive_overtime":
        if f.get("hours_per_week_max", 0) > 0:
            parts.append(f"up to {f['hours_per_week_max']:.0f} hours a week")
        if f.get("consecutive_days_max", 0) > 0:
            parts.append(f"{f['consecutive_days_max']:.0f} days without a rest day")
    if group == "withholding_of_wages" and f.get("wage_delay_days_max", 0) > 0:
        parts.append(f"wages paid up to {f['wage_delay_days_max']:.0f} days late")
    return f" ({', '.join(parts)})" if parts else ""


def describe(group: str, f: Mapping[str, float], *, country: str | None = None, sector: str | None = None) -> str:
    """One sentence saying what the site's values of ``group`` are."""
    if group in LABELS:
        label, note = LABELS[group], _quantity_note(group, f)
        if f.get(f"{group}_latest") == 1:
            again = ", as in earlier audits" if f.get(f"{group}_repeated") == 1 else ""
            return f"{label} found in the latest audit{note}{again}"
        if (f.get(f"{group}_share") or 0) > 0:
            return f"{label} found in an earlier audit but not in the latest{note}"
        if f.get(f"{group}_ruled_out_latest") == 1:
            return f"{label} checked and ruled out in the latest audit"
        return f"{label} not mentioned in the audits"
    if group == "findings":
        return (f"{_n(f['n_present_latest'])} indicator(s) present in the latest audit "
                f"({_n(f['n_new_latest'])} new, {_n(f['n_repeated'])} repeated across audits, "
                f"{_n(f['n_ruled_out_latest'])} ruled out)")  # fmt: skip
    if group == "non_compliances":
        return (f"latest audit: {_n(f['nc_critical_latest'])} critical, {_n(f['nc_major_latest'])} major, "
                f"{_n(f['nc_minor_latest'])} minor non-compliances; forced-labour findings graded "
                f"{_SEVERITY_WORD[_n(f['fl_severity_latest'])]}")  # fmt: skip
    if group == "coverage":
        wi = f.get("workers_interviewed_latest")
        who = "an unstated number of" if wi is None or math.isnan(wi) else str(_n(wi))
        return (f"latest audit interviewed {who} workers; migrant workers interviewed: "
                f"{_yes_no(f['migrant_workers_interviewed_latest'])}; off-site interviews: "
                f"{_yes_no(f['interviews_offsite_latest'])}")  # fmt: skip
    if group == "audit_type":
        if f.get("latest_unannounced") == 1:
            return "the latest audit was unannounced"
        if f.get("latest_announced") == 1:
            return "the latest audit was announced"
        return "the latest audit was semi-announced or its type is not stated"
    if group == "history":
        days = f.get("days_since_last_audit")
        ago = "" if days is None or math.isnan(days) else f", the latest {_n(days)} days ago"
        return f"{_n(f['n_audits'])} audit(s) on record{ago}"
    if group == "workforce":
        share = f.get("migrant_share")
        mig = "" if share is None or math.isnan(share) else f", {share:.0%} migrant workers"
        total = f.get("workers_total")
        size = "unstated size" if total is None or math.isnan(total) else f"{_n(total)} workers"
        return f"workforce: {size}{mig}"
    if group == "priors":
        where = f"{sector or 'this sector'} in {country or 'this country'}"
        if f.get("prior_fl_country_sector") == 1:
            return f"US DOL lists forced labour in {where}"
        return (f"US DOL does not list forced labour in {where} "
                f"({_n(f['prior_country_fl_goods'])} good(s) of the country listed for forced labour)")  # fmt: skip
    if group == "signals":
        return f"{_n(f['signal_count'])} external signal(s), {_n(f['signal_recent'])} in the last year"
    return group
