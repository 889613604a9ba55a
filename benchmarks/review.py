"""Wall time of a COLD ``auditparse review`` (fresh process, model loading included) beside plain pdfplumber.

    python benchmarks/review.py [--skip-scan] [--pdf samples/long_rba_electronics_th.pdf]

Prints, for the 40-page digital sample: auditparse review (subprocess), pdfplumber ``extract_text`` on every page
(in this process, the baseline) and their ratio; for its scanned twin (generated with the synth package into a
temporary folder): auditparse review vs. ``auditparse extract`` alone (the OCR time) and their ratio. Also the
time of ``auditparse --help``. Targets: digital <= 4 s, scanned <= 1.2 x OCR, --help < 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "auditparse"]


def timed(cmd: list[str]) -> float:
    """Seconds a command takes; it must succeed."""
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=REPO,
                   env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
    return time.perf_counter() - t


def pdfplumber_seconds(pdf: Path) -> float:
    import pdfplumber

    t = time.perf_counter()
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            page.extract_text()
    return time.perf_counter() - t


def scanned_twin(pdf: Path) -> Path:
    """The scanned twin of a bundled sample, generated once into the temp folder."""
    from auditparse.synth import generate
    from auditparse.synth.bundled import bundled_specs

    spec = next(s for s, _ in bundled_specs() if s.name == pdf.stem)
    out = Path(tempfile.gettempdir()) / "auditparse-bench"
    scan = out / f"{spec.name}_scan.pdf"
    if not scan.is_file():
        generate(spec, out, scanned=True)
    return scan


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", type=Path, default=REPO / "samples" / "long_rba_electronics_th.pdf")
    ap.add_argument("--skip-scan", action="store_true", help="skip the (slow) scanned twin")
    args = ap.parse_args()
    pdf = args.pdf.resolve()
    if not pdf.is_file():
        print(f"missing {pdf}: run `make samples` or python -m auditparse.synth --out samples --bundled")
        return 3
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(str(pdf)))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    help_s = min(timed([*CLI, "--help"]) for _ in range(3))
    print(f"auditparse --help                    {help_s:6.2f} s   (target < 0.5 s)")
    base = pdfplumber_seconds(pdf)
    cold = timed([*CLI, "review", str(pdf), "--format", "json", "-o", os.devnull])
    print(f"digital, {pages} pages")
    print(f"  auditparse review (cold process)   {cold:6.2f} s   (target <= 4 s)")
    print(f"  pdfplumber extract_text (baseline) {base:6.2f} s")
    print(f"  ratio review / pdfplumber          {cold / base:6.2f} x")
    if not args.skip_scan:
        scan = scanned_twin(pdf)
        ocr = timed([*CLI, "extract", str(scan), "-o", os.devnull])
        review = timed([*CLI, "review", str(scan), "--format", "json", "-o", os.devnull])
        print(f"scanned twin, {pages} pages")
        print(f"  auditparse review (cold process)   {review:6.2f} s")
        print(f"  auditparse extract = OCR alone     {ocr:6.2f} s")
        print(f"  ratio review / OCR                 {review / ocr:6.2f} x   (target <= 1.2 x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
