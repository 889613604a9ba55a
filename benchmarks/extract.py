"""Extraction speed and fidelity, printed beside a baseline run in the same process.

    python benchmarks/extract.py [--digital-limit N] [--skip-ocr] [--skip-rss]

Prints in one run:
- digital path: pages/s of ``auditparse.extract`` (text layer, tables, layout) and of plain pdfplumber
  ``extract_text`` on the same pages (../shared/corpus/ilab/*.pdf and samples/*.pdf, file by file, interleaved
  so load changes hit both), and their ratio (target >= 20x);
- OCR: pages/s on samples/*_scan.pdf with all cores (target >= 0.45) and the character error rate against the
  ground truth text of each page (target <= 2%);
- peak RSS of a fresh process extracting a 300-page PDF made by concatenating ilab reports (target <= 400 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from auditparse.exceptions import InputNotFoundError  # noqa: E402
from auditparse.extract import extract  # noqa: E402
from auditparse.extract.metrics import cer  # noqa: E402
from auditparse.settings import default_workers, shared_dir  # noqa: E402


def digital(files: list[Path]) -> None:
    import pdfplumber

    ours = base = ours_cpu = base_cpu = 0.0
    pages = 0
    for path in files:
        t, c = time.perf_counter(), time.process_time()
        try:
            doc = extract(path, ocr="never")
        except InputNotFoundError:  # a sample being regenerated
            print(f"  skipped {path.name}: gone")
            continue
        ours, ours_cpu = ours + time.perf_counter() - t, ours_cpu + time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
        base, base_cpu = base + time.perf_counter() - t, base_cpu + time.process_time() - c
        pages += len(doc.pages)
    print(f"digital: {len(files)} files, {pages} pages (wall clock | CPU time of this process)")
    print(f"  auditparse (text layer + tables + layout): {pages / ours:7.1f} pages/s | {pages / ours_cpu:7.1f} pages/s")
    print(f"  pdfplumber extract_text (baseline):        {pages / base:7.1f} pages/s | {pages / base_cpu:7.1f} pages/s")
    print(f"  ratio: {base / ours:.1f}x wall, {base_cpu / ours_cpu:.1f}x CPU  (target >= 20x)")


def ocr(samples: Path, workers: int) -> None:
    truths = sorted(samples.glob("*.truth.json"))
    pages = edits = length = 0
    seconds = 0.0
    cpu_start = _cpu_with_children()
    for truth_path in truths:
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        scan = truth["files"].get("scanned")
        if not scan or not (samples / scan).is_file():
            continue
        t = time.perf_counter()
        doc = extract(samples / scan, workers=workers)
        seconds += time.perf_counter() - t
        e = n = 0
        for page, ref in zip(doc.pages, truth["pages"], strict=True):
            pe, pn = cer(page.text, ref["text"])
            e, n = e + pe, n + pn
        pages += len(doc.pages)
        edits, length = edits + e, length + n
        turned = {str(p.number): p.rotation for p in doc.pages if p.rotation}
        print(f"  {scan}: {len(doc.pages)} pages, {len(doc.pages) / doc.timings['total']:.2f} pages/s,"
              f" CER {e / max(n, 1):.2%}, turned {turned} (truth {truth.get('scan', {}).get('rotated_pages')})")
    if pages:
        cpu = (_cpu_with_children() - cpu_start) / pages
        print(f"ocr: {pages} scanned pages with {workers} workers: {pages / seconds:.2f} pages/s wall (target >= 0.45)")
        print(f"  CPU {cpu:.2f} s/page (render, clean-up, tesseract, layout: this process, workers, tesseract)"
              f" -> {workers / cpu:.2f} pages/s on {workers} otherwise idle cores")
        print(f"  CER {edits / length:.2%} over {length} characters (target <= 2%)")


def _cpu_with_children() -> float:
    """CPU seconds of this process and of every finished descendant (pool workers, tesseract)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss(ilab: list[Path], target: int = 300) -> None:
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.pdf"
        out = pdfium.PdfDocument.new()
        while len(out) < target:
            for path in ilab:
                src = pdfium.PdfDocument(path)
                out.import_pages(src)
                src.close()
                if len(out) >= target:
                    break
        out.save(big)
        count = len(out)
        out.close()
        code = (
            "import sys, time, resource; from auditparse.extract import extract; t = time.perf_counter();"
            f"d = extract({str(big)!r}, ocr='never'); dt = time.perf_counter() - t;"
            "print(len(d.pages), dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
        n, dt, rss_kb = res.stdout.split()
        print(f"memory: {count}-page PDF ({big.stat().st_size / 1e6:.1f} MB) in a fresh process: {n} pages in "
              f"{float(dt):.1f} s, peak RSS {int(rss_kb) / 1024:.0f} MB (target <= 400 MB)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--digital-limit", type=int, default=0, help="only the first N ilab files (0: all)")
    ap.add_argument("--skip-ocr", action="store_true")
    ap.add_argument("--skip-rss", action="store_true")
    ap.add_argument("--workers", type=int, default=default_workers())
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    samples = REPO / "samples"
    ilab = sorted((shared_dir() / "corpus" / "ilab").glob("*.pdf"))
    if not ilab:
        print(f"note: {shared_dir() / 'corpus/ilab'} not found; digital figures are for the samples only")
    if args.digital_limit:
        ilab = ilab[: args.digital_limit]
    started = time.perf_counter()
    digital(ilab + sorted(p for p in samples.glob("*.pdf") if not p.stem.endswith("_scan")))
    if not args.skip_ocr:
        ocr(samples, args.workers)
    if not args.skip_rss and ilab:
        peak_rss(ilab)
    print(f"benchmark wall time {time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores; this process peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
