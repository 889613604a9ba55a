"""Wording shared by the renderers. A value the report does not state reads "not stated", never as compliant."""

from __future__ import annotations

from auditparse.datamodel import ReviewResult

NOT_STATED = "not stated"

STATUS_LABEL = {"present": "PRESENT", "ruled_out": "ruled out", "not_found": "not mentioned"}


def show(value: object) -> str:
    """A metadata or coverage value for display: None -> "not stated", booleans -> yes/no."""
    if value is None or value == "":
        return NOT_STATED
    if isinstance(value, bool):
        return "yes" if value else "NO"
    return str(value)


def indicator_label(indicator: str) -> str:
    """``"retention_of_identity_documents"`` -> ``"Retention of identity documents"``."""
    return indicator.replace("_", " ").capitalize()


def header_rows(r: ReviewResult) -> list[tuple[str, str]]:
    """(label, value) rows of the header: who was audited, when, under which scheme."""
    a, s = r.audit, r.site
    std = a.standard_label or a.standard
    if a.standard and a.standard_label and a.standard.split()[-1].lower() not in a.standard_label.lower():
        std = f"{a.standard_label} ({a.standard})"
    workforce = show(s.workers_total)
    parts = [f"{n} {k}" for n, k in ((s.workers_female, "female"), (s.workers_male, "male"),
                                     (s.migrant_workers, "migrant"), (s.agency_workers, "agency"))
             if n is not None]
    if parts:
        workforce += f" ({', '.join(parts)})"
    return [
        ("Site", show(s.name)),
        ("Address", show(s.address)),
        ("Country", show(s.country)),
        ("Sector", show(s.sector)),
        ("Standard", show(std)),
        ("Audit date", show(a.audit_date)),
        ("Audit type", show(a.audit_type) + (f", {a.audit_stage}" if a.audit_stage else "")),
        ("Auditor", show(a.auditor)),
        ("Workforce", workforce),
        ("Source", f"{r.source.path} ({r.source.pages} pages, {len(r.source.ocr_pages)} OCR)"),
    ]


def coverage_rows(r: ReviewResult) -> list[tuple[str, str]]:
    """(label, value) rows of what the audit covered."""
    c = r.coverage
    return [
        ("Workers interviewed", show(c.workers_interviewed)),
        ("Interviews off-site", show(c.interviews_offsite)),
        ("Migrant workers interviewed", show(c.migrant_workers_interviewed)),
        ("Agency workers interviewed", show(c.agency_workers_interviewed)),
        ("Payroll reviewed", show(c.payroll_reviewed)),
        ("Time records reviewed", show(c.time_records_reviewed)),
        ("Dormitory visited", show(c.dormitory_visited)),
    ]


def pages_of(evidence: list) -> str:  # type: ignore[type-arg]
    """Comma-separated distinct pages of an evidence list."""
    return ", ".join(str(p) for p in sorted({e.page for e in evidence})) or "-"
