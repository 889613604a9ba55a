"""Synthetic social-compliance audit reports with ground truth.

``generate(random_spec(seed), out_dir)`` writes ``<name>.pdf`` (digital), ``<name>_scan.pdf`` (image-only twin)
and ``<name>.truth.json`` (schema ``auditparse-synth-truth/1``, see ``samples/README.md``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from auditparse.datamodel.nlp import INDICATORS
from auditparse.synth.content import build_blocks
from auditparse.synth.phrases import ALSO_EVIDENCES
from auditparse.synth.render import Rendered, estimate_pages, render
from auditparse.synth.scan import ScanParams, make_scan, scan_params
from auditparse.synth.spec import (
    CONDITIONS,
    FAMILIES,
    Audit,
    Coverage,
    IndicatorCondition,
    NonComplianceSpec,
    ReportSpec,
    Site,
    random_spec,
)

log = logging.getLogger(__name__)
TRUTH_SCHEMA = "auditparse-synth-truth/1"

__all__ = [
    "CONDITIONS",
    "FAMILIES",
    "TRUTH_SCHEMA",
    "Audit",
    "Coverage",
    "GeneratedReport",
    "IndicatorCondition",
    "NonComplianceSpec",
    "ReportSpec",
    "Site",
    "generate",
    "random_spec",
    "render_spec",
    "truth_dict",
]


@dataclass(frozen=True)
class GeneratedReport:
    """Paths written by :func:`generate` (``scanned`` is None when no scan was asked for)."""

    name: str
    digital: Path
    scanned: Path | None
    truth: Path
    pages: int


def render_spec(spec: ReportSpec) -> Rendered:
    """Render ``spec`` with as much routine filler as brings the page count closest to ``spec.pages``.

    The first filler amount comes from a linear fit of the fast page estimate; when the real layout misses the
    target, the next amount steps by the fit, or bisects once the target is bracketed (at most five layouts).
    """
    def estimate(extra: int) -> float:
        return estimate_pages(spec, build_blocks(spec, extra_filler=extra)[0])

    probe = 10 * spec.pages
    e0 = estimate(0)
    slope = max(0.01, (estimate(probe) - e0) / probe)
    extra = max(0, round((spec.pages - 0.5 - e0) / slope))
    results: dict[int, Rendered] = {}
    for _ in range(5):
        result = render(spec, build_blocks(spec, extra_filler=extra)[0])
        result.extra_filler = extra
        results[extra] = result
        missing = spec.pages - len(result.pages)
        if missing == 0:
            break
        below = [e for e, r in results.items() if len(r.pages) < spec.pages]
        above = [e for e, r in results.items() if len(r.pages) > spec.pages]
        if below and above:
            extra = (max(below) + min(above)) // 2
        else:
            step = round(missing / slope)
            extra = max(0, extra + (step if step else (1 if missing > 0 else -1)))
        if extra in results:
            break
    return min(results.values(), key=lambda r: (abs(len(r.pages) - spec.pages), len(r.pages) < spec.pages))


def truth_dict(spec: ReportSpec, rendered: Rendered, files: dict[str, str | None],
               scan: ScanParams | None) -> dict[str, Any]:
    """The ground truth of a rendered report, in the shared ``auditparse-synth-truth/1`` format."""
    indicators: dict[str, Any] = {}
    every = [(p.number, m) for p in rendered.pages for m in p.mentions]
    every += [(n, replace(m, indicator=other)) for n, m in every if m.status in ("present", "remediated")
              for fragment, other in ALSO_EVIDENCES if fragment in m.text and other != m.indicator]
    for ind in INDICATORS:
        hits = [(n, m) for n, m in every if m.indicator == ind]
        evidence = [(n, m) for n, m in hits if m.status in ("present", "remediated", "negated")]
        statuses = {m.status for _, m in evidence}
        status = "present" if statuses & {"present", "remediated"} else "ruled_out" if statuses else "not_found"
        ic = spec.indicators[ind]
        quantities = {k: v for k, v in vars(ic).items() if k != "condition" and v is not None} \
            if ic.condition in ("present", "remediated") else {}
        indicators[ind] = {
            "status": status,
            "pages": sorted({n for n, _ in evidence}),
            "assertions": [m.status for _, m in evidence],
            "condition": ic.condition,
            "quantities": quantities,
            "policy_pages": sorted({n for n, m in hits if m.status == "policy_only"}),
            "mentions": [{"page": n, "status": m.status, "text": m.text} for n, m in hits],
        }
    ncs = [{"reference": nc.reference, "clause": nc.clause, "severity": nc.severity,
            "severity_label": nc.severity_label, "text": nc.text, "corrective_action": nc.corrective_action,
            "due_date": nc.due_date, "page": p.number, "indicators": nc.indicators}
           for p in rendered.pages for nc in p.ncs]
    site, audit, cov = vars(spec.site), vars(spec.audit), vars(spec.coverage)
    return {
        "schema": TRUTH_SCHEMA,
        "name": spec.name,
        "family": spec.family,
        "seed": spec.seed,
        "files": files,
        "audit": dict(audit),
        "site": dict(site),
        "coverage": dict(cov),
        "indicators": indicators,
        "non_compliances": ncs,
        "pages": [{"number": p.number, "text": p.text, "header": p.header, "footer": p.footer,
                   "columns": p.columns} for p in rendered.pages],
        "scan": None if scan is None else {"dpi": scan.dpi, "skew_deg": scan.skew_deg,
                                           "rotated_pages": {str(k): v for k, v in scan.rotated_pages.items()}},
    }


def generate(spec: ReportSpec, out_dir: Path | str, *, scanned: bool = True) -> GeneratedReport:
    """Write the digital PDF, optionally its scanned twin, and the truth JSON of ``spec`` into ``out_dir``.

    Deterministic: the same spec gives byte-identical files.

    Args:
        spec: what the report says (see :func:`random_spec`).
        out_dir: folder to write to (created if needed).
        scanned: also write ``<name>_scan.pdf`` (slower: ~0.3 s per page).

    Returns:
        The paths written and the page count.

    Raises:
        ValueError: the spec names something the generator cannot render (unknown family, country...).
        OSError: ``out_dir`` cannot be created or written.
    """
    spec.validate()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rendered = render_spec(spec)
    digital = out / f"{spec.name}.pdf"
    digital.write_bytes(rendered.pdf)
    scan_path, params = None, None
    if scanned:
        params = scan_params(spec.seed, len(rendered.pages))
        scan_path = out / f"{spec.name}_scan.pdf"
        make_scan(rendered.pdf, scan_path, params, spec.seed, spec.audit.audit_date)
    files = {"digital": digital.name, "scanned": scan_path.name if scan_path else None}
    truth = out / f"{spec.name}.truth.json"
    truth.write_text(json.dumps(truth_dict(spec, rendered, files, params), indent=1, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    log.debug("generated %s (%d pages)", spec.name, len(rendered.pages))
    return GeneratedReport(spec.name, digital, scan_path, truth, len(rendered.pages))
