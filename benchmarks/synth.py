"""Synthetic report generator speed: what one simulated audit costs (the risk simulator makes hundreds).

Baseline: one reportlab layout of the report's final blocks (no page targeting, no truth, no files).
auditparse: ``generate(spec, dir, scanned=False)`` (page targeting, truth JSON, files), then the scanned twin
alone in pages/s. Times are CPU seconds of this process (the machine is shared) and wall seconds.

    .venv/bin/python benchmarks/synth.py --reports 20
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from auditparse.synth import generate, random_spec, render_spec
from auditparse.synth.content import build_blocks
from auditparse.synth.render import render
from auditparse.synth.scan import make_scan, scan_params


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=20)
    ap.add_argument("--scan-reports", type=int, default=2)
    args = ap.parse_args()
    specs = [random_spec(9000 + i) for i in range(args.reports)]
    extra = [render_spec(s).extra_filler for s in specs]  # also the warm-up: imports, font metrics
    with tempfile.TemporaryDirectory() as tmp:
        base = [_timed(lambda s=s, e=e: render(s, build_blocks(s, e)[0])) for s, e in zip(specs, extra, strict=True)]
        ours = [_timed(lambda s=s: generate(s, Path(tmp), scanned=False)) for s in specs]
        pages = sum(generate(s, Path(tmp), scanned=False).pages for s in specs)
        scan_pages, scan_cpu, scan_wall = 0, 0.0, 0.0
        for s in specs[: args.scan_reports]:
            rendered = render_spec(s)
            n = len(rendered.pages)
            cpu, wall = _timed(lambda r=rendered, s=s, n=n: make_scan(r.pdf, Path(tmp) / "scan.pdf",
                                                                      scan_params(s.seed, n), s.seed,
                                                                      s.audit.audit_date))
            scan_pages, scan_cpu, scan_wall = scan_pages + n, scan_cpu + cpu, scan_wall + wall
    b_cpu, o_cpu = statistics.mean(c for c, _ in base), statistics.mean(c for c, _ in ours)
    b_wall, o_wall = statistics.mean(w for _, w in base), statistics.mean(w for _, w in ours)
    print(f"reports: {args.reports}, {pages / args.reports:.1f} pages each on average")
    print(f"baseline (one reportlab layout): {b_cpu * 1000:.0f} ms CPU, {b_wall * 1000:.0f} ms wall per report")
    print(f"auditparse generate (digital + truth): {o_cpu * 1000:.0f} ms CPU, {o_wall * 1000:.0f} ms wall per report"
          f"  (x{o_cpu / b_cpu:.2f} of baseline CPU; target < 300 ms)")
    print(f"scanned twin: {scan_pages / scan_cpu:.2f} pages/s CPU, {scan_pages / scan_wall:.2f} pages/s wall "
          f"({scan_pages} pages)")


if __name__ == "__main__":
    main()
