"""OCR: render a page, straighten and clean it, run tesseract, return word boxes (and rules) in PDF points.

A page whose words come back with low confidence, or taller than wide (text running up or down), is checked
with tesseract's orientation detection and read again turned by 90/180/270 degrees when that reads better.

Engines are small picklable classes with one method, ``recognise(image, dpi) -> list[Word]``:
:class:`TesseractEngine` (the tesseract 5 CLI fed an uncompressed PNM on stdin, TSV out) and
:class:`NullEngine` (no text; for tests and for ``ocr="never"`` style dry runs). Pages are OCR'd by
:func:`ocr_pages` in a process pool (one process per core, ``OMP_THREAD_LIMIT=1``); a page that fails or
exceeds its time limit comes back as a failed :class:`OcrResult`, never taking the document with it.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditparse.exceptions import DependencyMissingError
from auditparse.extract.layout import Word

log = logging.getLogger(__name__)

#: render resolution for OCR; 300 dpi keeps small print readable (CER) at ~1.5x the cost of 200 dpi
DEFAULT_DPI = 300
#: below this mean word confidence a page is checked for a 90/180/270 turn
_ROTATION_CHECK_CONF = 75.0
#: leftovers of ruling lines and specks: dropped always / when punctuation only and read with low confidence
_RULE_DEBRIS_RE = re.compile(r"^[_|=~]+$")
_PUNCT_RE = re.compile(r"^[^\w]+$")
#: tesseract reads most straight quotes as curly ones; straight is what the text layer of such reports has
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


class OcrTimeout(Exception):
    """Raised inside a worker when a page exceeds its OCR time limit."""


class OcrFailure(Exception):
    """The OCR engine failed on a page (bad exit status, crash)."""


@dataclass
class TesseractEngine:
    """tesseract 5 through its CLI. Picklable; ``psm`` 3 = automatic page segmentation."""

    lang: str = "eng"
    psm: int = 3
    timeout: float = 120.0

    def recognise(self, image: Any, dpi: int) -> list[Word]:
        """Words of a grayscale PIL image, boxes in pixels, confidences 0-100."""
        out = self._run(image, dpi, ["-l", self.lang, "--psm", str(self.psm), "tsv"])
        return parse_tsv(out)

    def orientation(self, image: Any, dpi: int) -> tuple[int, float]:
        """Clockwise degrees to turn the image upright, and tesseract's confidence in that."""
        try:
            out = self._run(image, dpi, ["-l", "osd", "--psm", "0"])
        except OcrFailure:  # too little text to tell
            return 0, 0.0
        info = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        return int(info.get("Rotate", "0").strip() or 0), float(info.get("Orientation confidence", "0").strip() or 0)

    def check(self) -> None:
        """Raise DependencyMissingError when the tesseract program is not installed."""
        if shutil.which("tesseract") is None:
            raise DependencyMissingError(
                "tesseract is not installed; it is needed to OCR scanned pages.",
                hint="Run `make setup` or `apt-get install tesseract-ocr`, or pass --ocr never.",
            )

    def _run(self, image: Any, dpi: int, args: list[str]) -> str:
        self.check()
        exe = shutil.which("tesseract") or "tesseract"
        buf = io.BytesIO()
        image.save(buf, format="PPM")  # uncompressed: no PNG encode/decode, no temp file
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            proc = subprocess.run(
                [exe, "-", "-", "--dpi", str(dpi), *args],
                input=buf.getvalue(),
                capture_output=True,
                timeout=self.timeout,
                env=env,
            )
        except subprocess.TimeoutExpired:
            raise OcrTimeout(f"tesseract took longer than {self.timeout:.0f} s") from None
        if proc.returncode != 0:
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OcrFailure(f"tesseract exit status {proc.returncode}: {msg[-1] if msg else ''}")
        return proc.stdout.decode("utf-8", "replace")


@dataclass
class NullEngine:
    """An engine that finds no text: OCR'd pages come out blank. For tests and dry runs."""

    def recognise(self, image: Any, dpi: int) -> list[Word]:
        return []

    def orientation(self, image: Any, dpi: int) -> tuple[int, float]:
        return 0, 0.0


def parse_tsv(tsv: str) -> list[Word]:
    """Words of tesseract TSV output (pixels), one ``line_id`` per tesseract line."""
    words: list[Word] = []
    line_ids: dict[tuple[str, str, str], int] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        key = (cols[2], cols[3], cols[4])
        line_id = line_ids.setdefault(key, len(line_ids))
        text = cols[11].strip().translate(_QUOTES).strip("_|")
        if not text or _RULE_DEBRIS_RE.match(text) or (_PUNCT_RE.match(text) and float(cols[10]) < 50):
            continue  # leftovers of ruling lines and specks read as "_", "|", "=" or "—"
        words.append(Word(text, left, top, left + width, top + height, line_id, float(cols[10])))
    return words


# --- one page -----------------------------------------------------------------------------------------


@dataclass
class OcrJob:
    """One page to OCR. Picklable: it crosses into a worker process."""

    path: str
    index: int  # 0-based page (or TIFF frame)
    media_type: str
    password: str | None = None
    dpi: int = DEFAULT_DPI
    timeout: float = 120.0
    engine: Any = field(default_factory=TesseractEngine)


@dataclass
class OcrResult:
    """Words in upright PDF points, page size in points, rotation applied, or the error."""

    index: int
    words: list[Word] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    rotation: int = 0
    confidence: float | None = None
    error: str | None = None
    seconds: float = 0.0
    hrules: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1) in points
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom) in points


_DOC_CACHE: dict[tuple[str, str | None], Any] = {}


def load_page_image(path: str, index: int, media_type: str, password: str | None, dpi: int) -> tuple[Any, float]:
    """Grayscale PIL image of one page and its resolution in dpi (images keep their own)."""
    if media_type == "application/pdf":
        import pypdfium2 as pdfium

        key = (path, password)
        if key not in _DOC_CACHE:
            _DOC_CACHE.clear()  # one open document per worker at a time
            _DOC_CACHE[key] = pdfium.PdfDocument(path, password=password)
        page = _DOC_CACHE[key][index]
        try:
            return page.render(scale=dpi / 72, grayscale=True).to_pil(), float(dpi)
        finally:
            page.close()
    from auditparse.extract.source import open_image

    with open_image(Path(path)) as img:
        img.seek(index)
        found = img.info.get("dpi", (0, 0))[0]
        return img.convert("L"), float(found) if found and found >= 50 else 300.0


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """SIGALRM-based limit for code running in a process's main thread; a no-op elsewhere."""
    try:
        old = signal.signal(signal.SIGALRM, _alarm)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _alarm(signum: int, frame: Any) -> None:
    raise OcrTimeout("page OCR time limit exceeded")


def ocr_page(job: OcrJob) -> OcrResult:
    """Render, straighten and OCR one page. Never raises: failures come back in ``OcrResult.error``.

    Runs in a worker process; ``job`` and the result are picklable.
    """
    start = time.perf_counter()
    result = OcrResult(index=job.index)
    try:
        with _time_limit(job.timeout):
            _ocr_into(job, result)
    except DependencyMissingError:
        raise
    except OcrTimeout as e:
        result.error = f"OCR timed out after {job.timeout:.0f} s ({e})"
    except Exception as e:  # an engine crash must not lose the document
        log.debug("OCR of page %d failed", job.index + 1, exc_info=True)
        result.error = f"OCR failed: {type(e).__name__}: {e}"
    result.seconds = time.perf_counter() - start
    return result


def _ocr_into(job: OcrJob, result: OcrResult) -> None:
    from auditparse.extract.imageprep import clean, deskew

    raw, dpi = load_page_image(job.path, job.index, job.media_type, job.password, job.dpi)
    image, hrules, vrules = clean(deskew(raw), dpi)
    words = job.engine.recognise(image, int(dpi))
    conf = _mean_conf(words)
    # tesseract reads a page turned by 90 degrees with good confidence but tall word boxes: check both signs
    sideways = _sideways(words)
    if conf is None or conf < _ROTATION_CHECK_CONF or sideways:
        turn, sure = job.engine.orientation(image, int(dpi))
        if turn in (90, 180, 270) and sure >= 1.5:
            t_image, t_hrules, t_vrules = clean(deskew(raw.rotate(-turn, expand=True)), dpi)
            t_words = job.engine.recognise(t_image, int(dpi))
            t_conf = _mean_conf(t_words)
            if t_conf is not None and (conf is None or t_conf > conf or (sideways and t_conf >= conf - 10)):
                image, words, conf, result.rotation = t_image, t_words, t_conf, turn
                hrules, vrules = t_hrules, t_vrules
    scale = 72.0 / dpi
    result.width, result.height = image.width * scale, image.height * scale
    result.confidence = conf
    for w in words:
        w.x0, w.top, w.x1, w.bottom = w.x0 * scale, w.top * scale, w.x1 * scale, w.bottom * scale
    result.words = words
    result.hrules = _dedupe([(y * scale, a * scale, b * scale) for y, a, b in hrules])
    result.vrules = _dedupe([(x * scale, a * scale, b * scale) for x, a, b in vrules])


def _dedupe(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """One rule per point-sized position: a rule several pixels thick is one rule."""
    seen = {(round(p), round(a / 4), round(b / 4)): (p, a, b) for p, a, b in rules}
    return list(seen.values())


def _sideways(words: list[Word]) -> bool:
    """Most words of four or more letters are taller than wide: the text runs up or down the page."""
    long = [w for w in words if len(w.text) >= 4]
    return len(long) >= 10 and sum(w.bottom - w.top > w.x1 - w.x0 for w in long) > 0.5 * len(long)


def _mean_conf(words: list[Word]) -> float | None:
    confs = [w.conf for w in words if w.conf is not None and w.conf >= 0]
    return round(sum(confs) / len(confs), 1) if confs else None


# --- many pages ---------------------------------------------------------------------------------------


def ocr_pages(jobs: list[OcrJob], workers: int) -> list[OcrResult]:
    """OCR pages in a pool of ``workers`` processes (in this process when one worker or one page).

    Each worker enforces the page time limit itself; as a safety net for a worker that dies or hangs
    in native code, results not back by a generous deadline are marked failed and the pool is killed.
    """
    if not jobs:
        return []
    if workers <= 1 or len(jobs) == 1:
        return [ocr_page(job) for job in jobs]
    # fork: workers need no re-import of the caller's __main__ (spawn would re-run an unguarded script)
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    per_page = max(job.timeout for job in jobs)
    deadline = time.monotonic() + per_page * (len(jobs) / workers + 2) + 30
    pool = ctx.Pool(processes=min(workers, len(jobs)), initializer=_worker_init)
    try:
        pending = [pool.apply_async(ocr_page, (job,)) for job in jobs]
        results = []
        for job, res in zip(jobs, pending, strict=True):
            try:
                results.append(res.get(timeout=max(0.1, deadline - time.monotonic())))
            except multiprocessing.TimeoutError:
                results.append(OcrResult(index=job.index, error="OCR worker did not answer in time"))
        return results
    finally:
        pool.terminate()
        pool.join()


def _worker_init() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
