"""The fast path: words, rules and images of a PDF page straight from pdfium, and a garbage-text check.

pdfium's page text is read in one call; only the first and last character of each word are measured
(two calls per word instead of one per character), which keeps a page at a few milliseconds.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from auditparse.extract.layout import GAP_FACTOR, Word

log = logging.getLogger(__name__)

#: a word; pdfium writes U+FFFE for a hyphen that ends a line and joins the lines, so it ends a word too
_WORD_RE = re.compile(r"[^\s\x00\ufffe]+\ufffe?")
_LINE_RE = re.compile(r"[^\r\n\ufffe]+\ufffe?")
_MAX_RULE_SEGMENTS = 16
_SPACE_RE = re.compile(r"\s")
#: private-use, replacement and control characters: what glyphs without a ToUnicode map decode to
_BAD_CHAR_RE = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]")
_VOWELS = set("aeiouyàáâãäåèéêëìíîïòóôõöùúûüýæœ")
_MIXED_CASE_RE = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")
_CONSONANT_RUN_RE = re.compile(r"[bcdfghjklmnpqrstvwxz]{6,}", re.IGNORECASE)


@dataclass(slots=True)
class PageContent:
    """What the text layer holds for one page, in upright top-left points."""

    width: float
    height: float
    rotation: int
    text: str = ""
    words: list[Word] = field(default_factory=list)
    hrules: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)
    image_area: float = 0.0  # share of the page covered by images (0-1, capped)


def _upright(rotation: int, w0: float, h0: float):  # type: ignore[no-untyped-def]
    """Map unrotated PDF space (origin bottom-left) to upright top-left coordinates."""
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (w0 - x, y)
    if rotation == 270:
        return lambda x, y: (h0 - y, w0 - x)
    return lambda x, y: (x, h0 - y)


def read_page(page: Any, with_graphics: bool = True) -> PageContent:
    """Words (with pdfium line ids), ruling lines and image coverage of one pypdfium2 page."""
    import pypdfium2.raw as R

    rotation = page.get_rotation() % 360
    left, bottom, right, top = page.get_cropbox()
    w0, h0 = right - left, top - bottom
    width, height = (h0, w0) if rotation in (90, 270) else (w0, h0)
    if rotation == 0:  # the usual page: the arithmetic of ``_upright``, without its two calls per box

        def box(x_l: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:
            xa, xb, ya, yb = x_l - left, r - left, h0 - (b - bottom), h0 - (t - bottom)
            return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)

    else:
        conv = _upright(rotation, w0, h0)

        def box(x_l: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:
            xa, ya = conv(x_l - left, b - bottom)
            xb, yb = conv(r - left, t - bottom)
            return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)

    out = PageContent(width=width, height=height, rotation=rotation)
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        n = R.FPDFText_CountChars(raw)
        text = textpage.get_text_range() if n > 0 else ""
        if len(text) != n:  # rare: fall back to the exact per-character text so indices line up
            text = "".join(chr(R.FPDFText_GetUnicode(raw, i)) for i in range(n))
        out.text = text.replace("\ufffe", "-")
        # Table pages need every word's box (cells); elsewhere a line whose text runs have no wide gap
        # is one piece, measured by its first and last character only (the fast path).
        if with_graphics:
            _read_graphics(page, out, box)
        per_word = rotation != 0
        # vertical extent of possible tables (rules both ways), in unrotated y: lines there are read per word
        table_ys = (
            _merge_spans([(top - bottom_, top - top_) for _, top_, bottom_ in out.vrules])
            if len(out.hrules) >= 2 and len(out.vrules) >= 2
            else []
        )
        runs = [] if per_word else _text_runs(raw)
        # upright words straight from unrotated boxes: a shift and a flip of y for an unrotated page
        if rotation == 0:
            dx, dy = left, top

            def word(w: str, x: float, b: float, r: float, t: float, line_id: int) -> Word:
                return Word(w, x - dx, dy - t, r - dx, dy - b, line_id)

        else:

            def word(w: str, x: float, b: float, r: float, t: float, line_id: int) -> Word:
                return Word(w, *box(x, b, r, t), line_id)

        rect = R.FS_RECTF()
        ref = ctypes.byref(rect)
        get_box = _plain_calls()[0]
        next_run = 0
        n_runs = len(runs)
        words = out.words
        # one pdfium line at a time (lines end at CR/LF or at a line-end hyphen, U+FFFE)
        for line_id, line in enumerate(_LINE_RE.finditer(text)):
            matches = list(_WORD_RE.finditer(text, line.start(), line.end()))
            if not matches:
                continue
            if not per_word:
                get_box(raw, matches[0].start(), ref)
                l1, b1, r1, t1 = rect.left, rect.bottom, rect.right, rect.top
                get_box(raw, matches[-1].end() - 1, ref)
                l1, b1, r1, t1 = min(l1, rect.left), min(b1, rect.bottom), max(r1, rect.right), max(t1, rect.top)
                spans = []
                while next_run < n_runs:
                    rl, rb, rr, rt = runs[next_run]
                    if not (b1 - 1 <= (rb + rt) / 2 <= t1 + 1 and l1 - 1 <= (rl + rr) / 2 <= r1 + 1):
                        break
                    spans.append((rl, rr))
                    next_run += 1
                in_table = bool(table_ys) and any(lo <= t1 and b1 <= hi for lo, hi in table_ys)
                if not in_table and _one_piece(spans, l1, r1, GAP_FACTOR * (t1 - b1)):
                    joined = " ".join([m.group() for m in matches]).replace("\ufffe", "-")
                    words.append(word(joined, l1, b1, r1, t1, line_id))
                    continue
            for m in matches:
                start, end = m.span()
                get_box(raw, start, ref)
                l1, b1, r1, t1 = rect.left, rect.bottom, rect.right, rect.top
                if end - 1 != start:
                    get_box(raw, end - 1, ref)
                    l1, b1, r1, t1 = min(l1, rect.left), min(b1, rect.bottom), max(r1, rect.right), max(t1, rect.top)
                if r1 > l1 or t1 > b1:  # zero-size glyphs are invisible
                    words.append(word(m.group().replace("\ufffe", "-"), l1, b1, r1, t1, line_id))
    finally:
        textpage.close()
    return out


def _text_runs(raw: Any) -> list[tuple[float, float, float, float]]:
    """pdfium's text rectangles (runs of text in one style) of a text page, as (left, bottom, right, top)."""
    import pypdfium2.raw as R
    from pypdfium2 import PdfiumError

    l_, b_, r_, t_ = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    get_rect = R.FPDFText_GetRect
    count = R.FPDFText_CountRects(raw, 0, -1)
    if count == -1:
        raise PdfiumError("Failed to count rectangles.")
    runs = []
    for k in range(count):
        if not get_rect(raw, k, l_, t_, r_, b_):  # ltrb order
            raise PdfiumError("Failed to get rectangle.")
        runs.append((l_.value, b_.value, r_.value, t_.value))
    return runs


@functools.cache
def _plain_calls() -> tuple[Any, Any]:
    """pdfium calls made once per character or page object, declared with plain ``c_void_p`` pointers.

    pypdfium2 declares typed pointers, and ctypes checking them costs about a third of such a call. Returns
    ``FPDFText_GetLooseCharBox`` and the kind of the i-th page object (``FPDFPageObj_GetType`` of
    ``FPDFPage_GetObject``).
    """
    import pypdfium2.raw as R

    def plain(func: Any, restype: Any, *argtypes: Any) -> Any:
        return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(func, ctypes.c_void_p).value)

    vp, i32 = ctypes.c_void_p, ctypes.c_int
    get_object = plain(R.FPDFPage_GetObject, vp, vp, i32)
    get_type = plain(R.FPDFPageObj_GetType, i32, vp)

    def kind(page: Any, index: int) -> int:
        return get_type(get_object(page, index))  # type: ignore[no-any-return]

    return plain(R.FPDFText_GetLooseCharBox, i32, vp, i32, vp), kind


def _merge_spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _one_piece(spans: list[tuple[float, float]], x0: float, x1: float, max_gap: float) -> bool:
    """The text runs of a line cover it from ``x0`` to ``x1`` with no gap wider than ``max_gap``."""
    if not spans:
        return False
    spans.sort()
    reach = spans[0][1]
    if spans[0][0] > x0 + 2:
        return False
    for a, b in spans[1:]:
        if a - reach > max_gap:
            return False
        reach = max(reach, b)
    return reach >= x1 - 2


def _read_graphics(page: Any, out: PageContent, box: Any) -> None:
    """Collect horizontal/vertical rules from path objects and the page share covered by images."""
    import pypdfium2.raw as R

    raw = page.raw
    page_area = max(out.width * out.height, 1.0)
    l_, b_, r_, t_ = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    bounds_refs = ctypes.byref(l_), ctypes.byref(b_), ctypes.byref(r_), ctypes.byref(t_)
    px, py = ctypes.c_float(), ctypes.c_float()
    px_ref, py_ref = ctypes.byref(px), ctypes.byref(py)
    matrix = R.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    # local names: this loop visits every object of the page, text ones included
    _, get_kind = _plain_calls()
    get_bounds = R.FPDFPageObj_GetBounds
    get_segment, get_point = R.FPDFPath_GetPathSegment, R.FPDFPathSegment_GetPoint
    segment_type, segment_closes = R.FPDFPathSegment_GetType, R.FPDFPathSegment_GetClose
    image_kind, path_kind = R.FPDF_PAGEOBJ_IMAGE, R.FPDF_PAGEOBJ_PATH
    moveto, lineto = R.FPDF_SEGMENT_MOVETO, R.FPDF_SEGMENT_LINETO
    image_area = 0.0
    for i in range(R.FPDFPage_CountObjects(raw)):
        kind = get_kind(raw, i)
        if kind != image_kind and kind != path_kind:
            continue
        obj = R.FPDFPage_GetObject(raw, i)
        if kind == image_kind:
            if get_bounds(obj, *bounds_refs):
                image_area += max(0.0, r_.value - l_.value) * max(0.0, t_.value - b_.value)
            continue
        if not get_bounds(obj, *bounds_refs):
            continue
        bounds = box(l_.value, b_.value, r_.value, t_.value)
        if bounds[2] - bounds[0] <= 2.5 or bounds[3] - bounds[1] <= 2.5:
            _add_rule(out, bounds)  # a line drawn as a stroke or a thin filled box
            continue
        # rectangles (cell borders) have a handful of segments; long paths are charts or outlines
        nseg = R.FPDFPath_CountSegments(obj)
        if not 0 < nseg <= _MAX_RULE_SEGMENTS or not R.FPDFPageObj_GetMatrix(obj, matrix_ref):
            continue
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        start = prev = None
        for s in range(nseg):
            seg = get_segment(obj, s)
            get_point(seg, px_ref, py_ref)
            x, y = px.value, py.value
            pt = (a * x + c * y + e, b * x + d * y + f)
            kind_s = segment_type(seg)
            if kind_s == moveto:
                start = prev = pt
                continue
            if kind_s == lineto and prev is not None:
                _add_rule(out, box(prev[0], prev[1], pt[0], pt[1]))
            prev = pt
            if segment_closes(seg) and start is not None:
                _add_rule(out, box(pt[0], pt[1], start[0], start[1]))
                prev = start
    out.image_area = min(1.0, image_area / page_area)


def _add_rule(out: PageContent, bb: tuple[float, float, float, float]) -> None:
    x0, top, x1, bottom = bb
    if bottom - top <= 2.5 and x1 - x0 >= 8:
        out.hrules.append(((top + bottom) / 2, x0, x1))
    elif x1 - x0 <= 2.5 and bottom - top >= 6:
        out.vrules.append(((x0 + x1) / 2, top, bottom))


def garbage_reason(text: str) -> str | None:
    """Why a page's text layer is unusable (missing ToUnicode map, nonsense OCR layer), or None if fine."""
    visible = len(text) - len(_SPACE_RE.findall(text))
    if not visible:
        return None
    if len(_BAD_CHAR_RE.findall(text)) / visible > 0.1 or text.count("(cid:") >= 5:
        return "undecodable characters (no ToUnicode map)"
    tokens = [t for t in re.findall(r"[^\W\d_]{3,}", text)]
    if len(tokens) >= 15:
        plausible = sum(
            1
            for t in tokens
            if _VOWELS & set(t.lower()) and not _MIXED_CASE_RE.search(t) and not _CONSONANT_RUN_RE.search(t)
        )
        if plausible / len(tokens) < 0.6:
            return "nonsense words (a bad invisible OCR layer)"
    return None
