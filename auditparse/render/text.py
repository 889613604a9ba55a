"""Rich terminal view: header panel, indicator table with quotes and pages, NC table, coverage, summary."""

from __future__ import annotations

import io

from auditparse.datamodel import ReviewResult
from auditparse.render.common import STATUS_LABEL, coverage_rows, header_rows, indicator_label, pages_of, show

_STATUS_STYLE = {"present": "bold red", "ruled_out": "green", "not_found": "dim"}
_QUOTE_CHARS = 160


def render_text(result: ReviewResult, *, color: bool = False, width: int = 120) -> str:
    """The review as a rich terminal view, returned as a string (ANSI colours when ``color``)."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table

    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    for k, v in header_rows(result):
        head.add_row(k, v)

    ind = Table(title="Forced-labour indicators (ILO)", expand=True, show_lines=True)
    ind.add_column("Indicator", ratio=2)
    ind.add_column("Status", ratio=1)
    ind.add_column("Severity", ratio=1)
    ind.add_column("Pages", ratio=1)
    ind.add_column("Evidence", ratio=6)
    for f in sorted(result.indicators, key=lambda f: ("present", "ruled_out", "not_found").index(f.status)):
        quote = ""
        if f.evidence:
            e = f.evidence[0]
            q = e.quote if len(e.quote) <= _QUOTE_CHARS else e.quote[: _QUOTE_CHARS - 1] + "…"
            quote = f"p.{e.page} [{e.status}] “{q}”"
            if len(f.evidence) > 1:
                quote += f" (+{len(f.evidence) - 1} more)"
        ind.add_row(indicator_label(f.indicator), f"[{_STATUS_STYLE[f.status]}]{STATUS_LABEL[f.status]}[/]",
                    f.severity or "-", pages_of(f.evidence), quote)

    parts: list = [Panel(head, title="auditparse review", border_style="cyan"), ind]  # type: ignore[type-arg]
    if result.non_compliances:
        nct = Table(title=f"Non-compliances ({len(result.non_compliances)})", expand=True, show_lines=True)
        for col, ratio, least in (("Ref", 1, 6), ("Severity", 2, 12), ("Clause", 1, 6), ("Finding", 5, 20),
                                  ("Corrective action", 3, 12), ("Due", 1, 10), ("Page", 1, 4)):
            nct.add_column(col, ratio=ratio, min_width=least)
        for nc in result.non_compliances:
            sev: str = nc.severity or "-"
            if nc.severity_label and nc.severity_label.lower() != sev:
                sev += f" ({nc.severity_label})"
            nct.add_row(nc.reference or "-", sev, nc.clause or "-", nc.text, nc.corrective_action or "-",
                        nc.due_date or "-", show(nc.page))
        parts.append(nct)
    else:
        parts.append("[dim]No non-compliance list found in the report.[/]")
    cov = Table(title="Audit coverage (“not stated” is not “compliant”)", show_header=False)
    cov.add_column(style="bold")
    cov.add_column()
    for k, v in coverage_rows(result):
        cov.add_row(k, f"[yellow]{v}[/]" if v in ("not stated", "NO") else v)
    parts.append(cov)
    for note in result.coverage.notes:
        parts.append(f"[yellow]! {note}[/]")
    if result.summary:
        parts.append(Panel("\n".join(f"• {s.text} [dim](p. {s.page})[/]" for s in result.summary),
                           title="Summary (quoted from the report)"))
    for err in result.errors:
        parts.append(f"[red]! page {err.page}: {err.message}[/]")

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="auto" if color else None,
                      highlight=False)
    console.print(Group(*parts))
    return buf.getvalue()
