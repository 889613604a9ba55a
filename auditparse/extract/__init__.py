"""file -> :class:`~auditparse.datamodel.Document`: the extraction stage.

Per page: a usable text layer is read by pdfium (fast path: words, ruling lines, tables from the rules);
an empty page, an image-only page or a page whose text is garbage is rendered and OCR'd with tesseract in
a process pool. Then, over the whole document: running headers/footers and printed page labels are set
apart, and each page's lines are put in reading order, grouped in blocks and joined into de-hyphenated text.
"""

from __future__ import annotations

import logging
import sys
import time
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from auditparse.datamodel import Document, ErrorItem, Page, Source, Table
from auditparse.datamodel.document import RunStatus
from auditparse.exceptions import AuditparseError, ConfigurationError, CorruptFileError
from auditparse.extract import layout
from auditparse.extract.ocr import DEFAULT_DPI, OcrJob, TesseractEngine, ocr_pages
from auditparse.extract.source import check_page_count, check_page_size, open_image, open_pdf, sniff
from auditparse.extract.tables import find_tables
from auditparse.extract.textlayer import garbage_reason, read_page
from auditparse.settings import default_workers

log = logging.getLogger(__name__)

OcrMode = Literal["auto", "always", "never"]
#: an image covering more of the page than this, with little text on it, marks a scanned page
_SCAN_IMAGE_SHARE = 0.5
_SCAN_MAX_CHARS = 200
#: pages read only to recognise running headers/footers when a page subset is asked for
_CONTEXT_PAGES = 6

__all__ = ["extract", "render_page"]


@dataclass
class _PageWork:
    number: int
    width: float = 0.0
    height: float = 0.0
    rotation: int = 0
    source: str = "text_layer"
    lines: list[layout.TextLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    confidence: float | None = None
    error: str | None = None
    ocr_reason: str | None = None


def extract(
    path: str | Path,
    *,
    pages: list[int] | None = None,
    ocr: OcrMode = "auto",
    password: str | None = None,
    workers: int | None = None,
    ocr_timeout: float = 120,
    max_pages: int = 2000,
    dpi: int = DEFAULT_DPI,
    engine: Any = None,
) -> Document:
    """Extract a PDF or a PNG/JPEG/TIFF scan into a page-anchored Document.

    Args:
        path: the input file; its type is judged by its content, not its name.
        pages: 1-based physical pages to extract (default: all). The result has exactly these pages.
        ocr: ``auto`` OCRs pages without a usable text layer; ``always`` OCRs every page; ``never`` none.
        password: password of an encrypted PDF.
        workers: OCR processes (default: one per core, ``AUDITPARSE_WORKERS``).
        ocr_timeout: seconds allowed per OCR'd page; a slower page is marked failed.
        max_pages: refuse documents with more pages (decompression-bomb guard).
        dpi: OCR render resolution.
        engine: OCR engine (default :class:`~auditparse.extract.ocr.TesseractEngine`); must be picklable.

    Returns:
        The Document; ``status`` is ``partial_success`` when some pages failed (each listed in ``errors``).

    Raises:
        AuditparseError: a subclass naming the cause (missing, unsupported, encrypted, corrupt, too large...).
    """
    started = time.perf_counter()
    path = Path(path)
    media_type, size, sha256 = sniff(path)
    engine = engine or TesseractEngine(timeout=ocr_timeout)
    timings: dict[str, float] = {}
    if media_type == "application/pdf":
        pdf = open_pdf(path, password)
        try:
            count = len(pdf)
            wanted = _wanted(path, pages, count, max_pages)
            t = time.perf_counter()
            works = [_read_pdf_page(path, pdf, n, ocr) for n in wanted]
            # a few other pages' text layers, so running headers are still recognised in a page subset
            asked = set(wanted)
            others = [n for n in range(1, count + 1) if n not in asked][:_CONTEXT_PAGES]
            context = [w for w in (_read_pdf_page(path, pdf, n, "never") for n in others) if w.lines]
            timings["text_layer"] = time.perf_counter() - t
        finally:
            pdf.close()
    else:
        with open_image(path) as img:
            count = getattr(img, "n_frames", 1)
        wanted = _wanted(path, pages, count, max_pages)
        works = [_PageWork(n, source="ocr" if ocr != "never" else "none", ocr_reason="image") for n in wanted]
        context = []

    to_ocr = [w for w in works if w.source == "ocr"]
    if to_ocr:
        if hasattr(engine, "check"):
            engine.check()  # a missing tesseract is one clear error, not a failed page each
        t = time.perf_counter()
        jobs = [
            OcrJob(str(path), w.number - 1, media_type, password, dpi, float(ocr_timeout), engine) for w in to_ocr
        ]
        for w, res in zip(to_ocr, ocr_pages(jobs, workers or default_workers()), strict=True):
            if res.error:
                w.error = res.error
                continue
            w.width, w.height, w.rotation, w.confidence = res.width, res.height, res.rotation, res.confidence
            _lines_and_tables(w, res.words, res.hrules, res.vrules)
        timings["ocr"] = time.perf_counter() - t

    t = time.perf_counter()
    doc_pages, errors = _assemble(works, context)
    timings["layout"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - started
    failed = sum(p.status == "failed" for p in doc_pages)
    status: RunStatus = "success" if not failed else "failure" if failed == len(doc_pages) else "partial_success"
    return Document(
        source=Source(path=str(path), sha256=sha256, pages=count, media_type=media_type, size_bytes=size),
        pages=doc_pages,
        status=status,
        errors=errors,
        timings={k: round(v, 4) for k, v in timings.items()},
    )


def _wanted(path: Path, pages: list[int] | None, count: int, max_pages: int) -> list[int]:
    check_page_count(path, count, max_pages)
    if not pages:
        return list(range(1, count + 1))
    bad = [n for n in pages if not 1 <= n <= count]
    if bad:
        raise ConfigurationError(
            f"{path}: has {count} pages; page {bad[0]} does not exist.", hint=f"Ask for pages 1-{count}."
        )
    return sorted(set(pages))


def _read_pdf_page(path: Path, pdf: Any, number: int, ocr: OcrMode) -> _PageWork:
    """Text-layer pass over one page; decides whether it needs OCR. A damaged page fails alone."""
    work = _PageWork(number)
    try:
        page = pdf[number - 1]
    except Exception as e:  # pdfium cannot load this page object
        work.error = f"page cannot be loaded ({e})"
        return work
    try:
        width, height = page.get_size()
        check_page_size(path, number, width, height)
        content = read_page(page, with_graphics=ocr != "always")
    except AuditparseError:
        raise
    except Exception as e:
        log.debug("text layer of page %d failed", number, exc_info=True)
        work.error = f"page cannot be read ({type(e).__name__}: {e})"
        return work
    finally:
        page.close()
    work.width, work.height, work.rotation = content.width, content.height, content.rotation
    reason = _ocr_reason(content, ocr)
    if reason:
        log.info("page %d: OCR (%s)", number, reason)
        work.source, work.ocr_reason = "ocr", reason
        return work
    work.source = "text_layer" if content.words else "none"
    _lines_and_tables(work, content.words, content.hrules, content.vrules)
    return work


def _lines_and_tables(work: _PageWork, words: list[layout.Word], hrules: list, vrules: list) -> None:  # type: ignore[type-arg]
    """Set the page's line segments and ruled tables; a table row reads as one line, cell after cell,
    so a multi-line cell is not interleaved with the rest of its row."""
    found = find_tables(hrules, vrules, words) if vrules else []
    in_tables = {id(w) for _, rows in found for row in rows for w in row}
    work.lines = layout.build_lines([w for w in words if id(w) not in in_tables])
    work.lines += [layout.TextLine.of(row) for _, rows in found for row in rows if row]
    work.tables = [table for table, _ in found]


def _ocr_reason(content: Any, ocr: OcrMode) -> str | None:
    if ocr == "never":
        return None
    if ocr == "always":
        return "--ocr always"
    if not content.words:
        return "no text layer"
    garbage = garbage_reason(content.text)
    if garbage:
        return garbage
    if content.image_area >= _SCAN_IMAGE_SHARE and len(content.text.strip()) < _SCAN_MAX_CHARS:
        return "scanned image with little text"
    return None


def _assemble(works: list[_PageWork], context: list[_PageWork]) -> tuple[list[Page], list[ErrorItem]]:
    """Headers/footers across pages (``context`` pages only help find them), then per page: reading order,
    blocks and text."""
    ok = [w for w in works if w.error is None]
    seen = ok + context
    split = iter(layout.split_running([(w.lines, w.height) for w in seen], fuzzy=[w.source == "ocr" for w in seen]))
    pages: list[Page] = []
    errors: list[ErrorItem] = []
    for w in works:
        page = Page(number=w.number, width=round(w.width, 2), height=round(w.height, 2), rotation=w.rotation)
        if w.error is not None:
            page.status, page.error, page.text_source = "failed", w.error, "none"
            cause = "timeout" if "timed out" in w.error or "in time" in w.error else "page_failed"
            errors.append(ErrorItem(stage="extract", cause=cause, message=w.error, page=w.number))
            pages.append(page)
            continue
        body, header, footer, label = next(split)
        ordered = layout.reading_order(body, w.width)
        text, blocks = layout.build_blocks(ordered, [t.bbox for t in w.tables])
        page.text, page.blocks, page.tables, page.label = text, blocks, w.tables, label
        page.header = " | ".join(ln.text for ln in header) or None
        page.footer = " | ".join(ln.text for ln in footer) or None
        page.text_source = w.source if (text or w.source == "ocr") else "none"  # type: ignore[assignment]
        page.ocr_confidence = w.confidence
        pages.append(page)
    return pages, errors


def render_page(path: str | Path, page_number: int, *, scale: float = 1.0, password: str | None = None) -> Any:
    """A PIL image of one page (1-based) of a PDF or image scan, e.g. for thumbnails.

    Args:
        path: PDF or PNG/JPEG/TIFF file.
        page_number: 1-based page (TIFF frame).
        scale: 1.0 renders a PDF at 72 dpi; images are resized by the same factor.
        password: password of an encrypted PDF.
    """
    path = Path(path)
    media_type, _, _ = sniff(path)
    if media_type == "application/pdf":
        pdf = open_pdf(path, password)
        try:
            _wanted(path, [page_number], len(pdf), 10**9)
            page = pdf[page_number - 1]
            try:
                return page.render(scale=scale).to_pil()
            finally:
                page.close()
        finally:
            pdf.close()
    from PIL import Image

    with open_image(path) as img:
        _wanted(path, [page_number], getattr(img, "n_frames", 1), 10**9)
        img.seek(page_number - 1)
        try:
            out = img.convert("RGB")
        except OSError as e:
            raise CorruptFileError(f"{path}: the image is damaged ({e}).", hint="Get a fresh copy.") from None
        if scale != 1.0:
            out = out.resize((max(1, round(out.width * scale)), max(1, round(out.height * scale))), Image.Resampling.LANCZOS)
        return out


class _CallableModule(types.ModuleType):
    """Importing this subpackage rebinds ``auditparse.extract`` from the public function to the module;
    making the module callable keeps ``auditparse.extract(path)`` working either way."""

    def __call__(self, *args: Any, **kwargs: Any) -> Document:
        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
