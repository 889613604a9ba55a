"""Markdown report: the same sections as the terminal view, tables in GitHub style."""

from __future__ import annotations

from auditparse.datamodel import ReviewResult
from auditparse.render.common import STATUS_LABEL, coverage_rows, header_rows, indicator_label, pages_of


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(result: ReviewResult) -> str:
    """The review as a Markdown document."""
    out = ["# Audit review", ""]
    out += [f"- **{k}:** {_cell(v)}" for k, v in header_rows(result)]
    out += ["", "## Forced-labour indicators", "", "| Indicator | Status | Severity | Pages | Evidence |",
            "| --- | --- | --- | --- | --- |"]
    for f in result.indicators:
        ev = "<br>".join(f"p.{e.page} ({e.status}): “{_cell(e.quote)}”" for e in f.evidence[:3])
        out.append(f"| {indicator_label(f.indicator)} | {STATUS_LABEL[f.status]} | {f.severity or '-'} | "
                   f"{pages_of(f.evidence)} | {ev} |")
    out += ["", "## Non-compliances", ""]
    if result.non_compliances:
        out += ["| Ref | Severity | Scheme label | Clause | Finding | Corrective action | Due | Page |",
                "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        out += [f"| {_cell(nc.reference or '-')} | {nc.severity or '-'} | {_cell(nc.severity_label or '-')} | "
                f"{_cell(nc.clause or '-')} | {_cell(nc.text)} | {_cell(nc.corrective_action or '-')} | "
                f"{nc.due_date or '-'} | {nc.page or '-'} |" for nc in result.non_compliances]
    else:
        out.append("No non-compliance list found in the report.")
    out += ["", "## Audit coverage", "", "“not stated” means the report does not say — it is not “compliant”.", "",
            "| Check | Value |", "| --- | --- |"]
    out += [f"| {k} | {v} |" for k, v in coverage_rows(result)]
    out += [f"\n> {n}" for n in result.coverage.notes]
    out += ["", "## Summary (quoted from the report)", ""]
    out += [f"- {s.text} *(p. {s.page})*" for s in result.summary] or ["Nothing to quote."]
    return "\n".join(out) + "\n"
