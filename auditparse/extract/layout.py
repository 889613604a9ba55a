"""Words -> lines -> reading order -> blocks -> page text, shared by the text layer and OCR.

Coordinates are PDF points, origin top-left of the upright page (see :mod:`auditparse.datamodel.document`).
Reading order is a recursive XY-cut that prefers a column gutter over a horizontal gap, so two-column pages
are read column by column. Running headers/footers and printed page labels are found across the document.
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from auditparse.datamodel import Block, Line

#: a printed page label: "Page 3 of 40", "page 3", "- 3 -", "3", "3/40", "iv"
_LABEL_RE = re.compile(
    r"^(?:page|p\.|pg\.?|seite|página|pagina)?\s*[-–—(\[]?\s*(\d{1,4}|[ivx]{1,5})\s*[-–—)\]]?"
    r"\s*(?:(?:of|/|de|von)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_LABEL_IN_TEXT_RE = re.compile(r"\b(?:page|pg\.?)\s+(\d{1,4})(?:\s+(?:of|/)\s+\d{1,4})?\b", re.IGNORECASE)
#: words on one engine line further apart than this many line heights belong to different line segments
GAP_FACTOR = 1.1
_BULLET_RE = re.compile(r"^(?:[•·▪■◦‣\-–*]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
_HYPHEN_END_RE = re.compile(r"[A-Za-zÀ-ÿ][-\u00ad\u2010]$")


@dataclass(slots=True)
class Word:
    """A run of text with its box; ``line_id`` groups words the engine put on one line."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    line_id: int = 0
    conf: float | None = None


class TextLine:
    """A line segment: words on one line with no wide gap between them; its box grows as words join."""

    __slots__ = ("words", "x0", "top", "x1", "bottom", "_text")

    def __init__(self, word: Word) -> None:
        self.words = [word]
        self.x0, self.top, self.x1, self.bottom = word.x0, word.top, word.x1, word.bottom
        self._text: str | None = None

    @classmethod
    def of(cls, words: list[Word]) -> TextLine:
        """A line of the given words, in the given order."""
        line = cls(words[0])
        for w in words[1:]:
            line.add(w)
        return line

    def add(self, word: Word) -> None:
        self.words.append(word)
        self._text = None
        # the same as min()/max() (ties keep the current value), without four calls per word
        if word.x0 < self.x0:
            self.x0 = word.x0
        if word.top < self.top:
            self.top = word.top
        if word.x1 > self.x1:
            self.x1 = word.x1
        if word.bottom > self.bottom:
            self.bottom = word.bottom

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(w.text for w in self.words)
        return self._text

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def conf(self) -> float | None:
        confs = [w.conf for w in self.words if w.conf is not None]
        return round(sum(confs) / len(confs), 1) if confs else None

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))


def build_lines(words: list[Word]) -> list[TextLine]:
    """Group words into line segments: same engine line and no gap wider than about one line height."""
    lines: list[TextLine] = []
    cur: TextLine | None = None
    for w in words:
        if cur is not None:
            last = cur.words[-1]
            h = max(cur.bottom - cur.top, w.bottom - w.top, 1.0)  # the line's height: "a" alone is short
            gap = w.x0 - last.x1
            if w.line_id == last.line_id and -0.5 * h < gap <= GAP_FACTOR * h:
                cur.add(w)
                continue
        cur = TextLine(w)
        lines.append(cur)
    return lines


def reading_order(lines: list[TextLine], page_width: float) -> list[TextLine]:
    """Order line segments by recursive XY-cut, cutting at a column gutter before a horizontal gap."""
    if len(lines) <= 1:
        return list(lines)
    heights = sorted(ln.height for ln in lines)
    min_gutter = max(8.0, 0.8 * heights[len(heights) // 2])
    out: list[TextLine] = []
    _xy_cut(lines, min_gutter, out)
    return out


def _xy_cut(lines: list[TextLine], min_gutter: float, out: list[TextLine]) -> None:
    if len(lines) == 1:
        out.append(lines[0])
        return
    x0, x1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    centre = _gutter(lines, min_gutter, x0, x1)
    if centre is not None:
        _xy_cut([ln for ln in lines if ln.x1 <= centre], min_gutter, out)
        _xy_cut([ln for ln in lines if ln.x1 > centre], min_gutter, out)
        return
    # lines across the whole region (a title, a running header OCR could not match) hide a gutter below
    # them: if the other lines have one, the wide lines cut the region into bands, read one after another
    min_wide = 0.6 * (x1 - x0)
    narrow = [ln for ln in lines if not ln.x1 - ln.x0 > min_wide]
    if narrow and len(narrow) < len(lines):
        wide = {id(ln) for ln in lines if ln.x1 - ln.x0 > min_wide}
        if _gutter(narrow, min_gutter, x0, x1) is not None:
            band: list[TextLine] = []
            for ln in sorted(lines, key=lambda ln: (ln.top + ln.bottom) / 2):
                if id(ln) in wide:
                    if band:
                        _xy_cut(band, min_gutter, out)
                    out.append(ln)
                    band = []
                else:
                    band.append(ln)
            if band:
                _xy_cut(band, min_gutter, out)
            return
    gaps = _gaps([(ln.top, ln.bottom) for ln in lines], overlap_tolerance=0.25)
    if gaps:
        # cut at every gap as wide as the widest: evenly spaced lines split in one step, not n
        widest = max(b - a for a, b in gaps)
        cuts = [(a + b) / 2 for a, b in gaps if b - a >= widest - 0.5]
        bands: list[list[TextLine]] = [[] for _ in range(len(cuts) + 1)]
        for ln in lines:
            bands[bisect.bisect_right(cuts, (ln.top + ln.bottom) / 2)].append(ln)
        for band in bands:
            if len(band) == 1:
                out.append(band[0])
            elif band:
                _xy_cut(band, min_gutter, out)
        return
    out.extend(_rows(lines))


def _row_groups(lines: list[TextLine]) -> list[list[TextLine]]:
    """Segments grouped in rows (vertical overlap of half or more), top to bottom."""
    rows: list[list[TextLine]] = []
    for ln in sorted(lines, key=lambda ln: (ln.top + ln.bottom) / 2):
        last = rows[-1][-1] if rows else None
        if last is not None and min(last.bottom, ln.bottom) - max(last.top, ln.top) >= 0.5 * min(
            last.height, ln.height
        ):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return rows


def _rows(lines: list[TextLine]) -> list[TextLine]:
    """Top to bottom, and left to right within a row."""
    return [ln for row in _row_groups(lines) for ln in sorted(row, key=lambda ln: ln.x0)]


def _gutter(lines: list[TextLine], min_gutter: float, x0: float, x1: float) -> float | None:
    """The x of a column gutter among ``lines`` (region ``x0``-``x1``), or None.

    A gutter is an empty vertical strip at least ``min_gutter`` wide near the middle of the region (table
    columns at the edge are not text columns) that does not split label/value rows.
    """
    # the widest empty interval between the lines' x spans (the first of equals), as _gaps would find it
    spans = sorted([(ln.x0, ln.x1) for ln in lines])
    reach = spans[0][1]
    start = end = widest = 0.0
    for a, b in spans[1:]:
        if a > reach and (not widest or a - reach > widest):
            start, end, widest = reach, a, a - reach
        if b > reach:
            reach = b
    if not widest:
        return None
    centre = (start + end) / 2
    if end - start < min_gutter or not x0 + 0.25 * (x1 - x0) <= centre <= x0 + 0.75 * (x1 - x0):
        return None
    left = [ln for ln in lines if ln.x1 <= centre]
    right = [ln for ln in lines if ln.x1 > centre]
    return None if _is_table(left, right, start) else centre


def _is_table(left: list[TextLine], right: list[TextLine], gutter: float) -> bool:
    """Label/value rows rather than text columns: left lines share rows with right ones, and the gap is wide
    or the left lines short. Two text columns set with the same leading also share rows, but their lines run
    the column's width and the gutter is narrow next to it.
    """
    if len(left) < 2:
        return False
    centres = sorted((ln.top + ln.bottom) / 2 for ln in right)
    aligned = 0
    for ln in left:
        c, tol = (ln.top + ln.bottom) / 2, 0.3 * ln.height
        i = bisect.bisect_left(centres, c - tol)
        aligned += i < len(centres) and centres[i] <= c + tol
    if aligned < 0.5 * len(left):
        return False
    width = gutter - min(ln.x0 for ln in left)
    gap = min(ln.x0 for ln in right) - gutter
    # per row, not per segment: OCR splits justified lines at their wide spaces
    spans = [(min(ln.x0 for ln in row), max(ln.x1 for ln in row)) for row in _row_groups(left)]
    full = sum(b - a >= 0.7 * width for a, b in spans)
    return gap >= 0.3 * width or full < 0.5 * len(spans)


def _gaps(spans: list[tuple[float, float]], overlap_tolerance: float = 0.0) -> list[tuple[float, float]]:
    """Empty intervals between the covered spans (shrunk a little so touching lines do not block)."""
    shrink = overlap_tolerance / 2
    shrunk = sorted((a + shrink * (b - a), b - shrink * (b - a)) for a, b in spans)
    out: list[tuple[float, float]] = []
    reach = shrunk[0][1]
    for a, b in shrunk[1:]:
        if a > reach:
            out.append((reach, a))
        if b > reach:
            reach = b
    return out


def build_blocks(
    lines: list[TextLine], table_boxes: list[tuple[float, float, float, float]] | None = None
) -> tuple[str, list[Block]]:
    """Join ordered lines into blocks and the page text (de-hyphenated), with offsets and boxes."""
    if not lines:
        return "", []
    body_h = statistics.median(ln.height for ln in lines)
    groups: list[list[TextLine]] = [[lines[0]]]
    # per group, whether each line continues the row of the one before it (table cells of one row)
    rows_joined: list[list[bool]] = [[]]
    prev = lines[0]
    for ln in lines[1:]:
        if _same_row(prev, ln):
            groups[-1].append(ln)
            rows_joined[-1].append(True)
        else:
            same_col = ln.x0 < prev.x1 and prev.x0 < ln.x1
            gap = ln.top - prev.bottom
            similar = abs(ln.height - prev.height) <= 0.3 * max(ln.height, prev.height)
            if same_col and similar and -0.5 * body_h <= gap <= 0.6 * body_h:
                groups[-1].append(ln)
                rows_joined[-1].append(False)
            else:
                groups.append([ln])
                rows_joined.append([])
        prev = ln
    parts: list[str] = []
    pos = 0
    blocks: list[Block] = []
    for group, joined in zip(groups, rows_joined, strict=True):
        if parts:
            parts.append("\n\n")
            pos += 2
        block_start = pos
        out_lines: list[Line] = []
        texts = [ln.text for ln in group]
        last = len(group) - 1
        for i, ln in enumerate(group):
            text = texts[i]
            dehyphen = i < last and texts[i + 1][:1].islower() and bool(_HYPHEN_END_RE.search(text))
            piece = text[:-1] if dehyphen else text
            # plain validation: faster than model_construct for these few flat fields, and it keeps the values
            out_lines.append(Line(text=text, bbox=ln.bbox, start=pos, end=pos + len(piece), confidence=ln.conf))
            parts.append(piece)
            pos += len(piece)
            if i < last and not dehyphen:
                parts.append(" " if joined[i] else "\n")  # table cells of one row
                pos += 1
        xs0, tops, xs1, bottoms = zip(*(ln.bbox for ln in out_lines), strict=True)
        box = (min(xs0), min(tops), max(xs1), max(bottoms))
        blocks.append(
            Block(
                kind=_block_kind(group, box, body_h, table_boxes or []),
                text="",
                bbox=box,
                start=block_start,
                end=pos,
                lines=out_lines,
            )
        )
    page_text = "".join(parts)
    for b in blocks:
        b.text = page_text[b.start : b.end]
    return page_text, blocks


def _same_row(a: TextLine, b: TextLine) -> bool:
    """``b`` follows ``a`` on the same row (a table or label/value row), to its right."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return b.x0 >= a.x1 - 1 and overlap >= 0.5 * min(a.height, b.height)


def _block_kind(
    group: list[TextLine], box: tuple[float, ...], body_h: float, tables: list[tuple[float, float, float, float]]
) -> str:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    if any(t[0] <= cx <= t[2] and t[1] <= cy <= t[3] for t in tables):
        return "table"
    if _BULLET_RE.match(group[0].text):
        return "list_item"
    if len(group) <= 2 and group[0].height >= 1.2 * body_h and len(group[0].text) < 120:
        return "heading"
    return "text"


# --- running headers / footers and page labels --------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _repeats_nearby(key: str, page: int, keys: list[list[str]], window: int = 20) -> bool:
    """An OCR'd running line: nearly the same letters (ratio >= 0.8) at the edge of 30% of nearby pages."""
    if len(key) < 4:
        return False
    near = range(max(0, page - window), min(len(keys), page + window + 1))
    hits = 0
    for q in near:
        if q != page and any(
            abs(len(k) - len(key)) <= 0.2 * len(key) and difflib.SequenceMatcher(None, key, k).ratio() >= 0.8
            for k in keys[q]
        ):
            hits += 1
    return hits + 1 >= max(2, math.ceil(0.3 * len(near)))


def page_label(text: str) -> str | None:
    """The printed page number in a header/footer line ('Page 3 of 40' -> '3'), else None."""
    m = _LABEL_RE.match(text.strip())
    if m:
        return m.group(1)
    m = _LABEL_IN_TEXT_RE.search(text)
    return m.group(1) if m else None


def split_running(
    pages: list[tuple[list[TextLine], float]],
    zone: float = 0.1,
    max_lines: int = 3,
    fuzzy: list[bool] | None = None,
) -> list[tuple[list[TextLine], list[TextLine], list[TextLine], str | None]]:
    """Split each page's lines into (body, header, footer, label).

    A line in the top/bottom ``zone`` of the page (at most ``max_lines`` from the edge) is a running header
    or footer when its text, digits masked, repeats on at least 30% of the pages (and two of them), or when it
    is a page label. ``pages`` holds each page's lines and height; on pages flagged in ``fuzzy`` (OCR'd ones)
    a near repeat of the letters is enough.
    """
    candidates: list[tuple[set[int], set[int]]] = []
    counts: Counter[str] = Counter()
    for lines, height in pages:
        tops = sorted(range(len(lines)), key=lambda i: lines[i].top)
        head = {i for i in tops[:max_lines] if lines[i].bottom <= zone * height}
        foot = {i for i in tops[::-1][:max_lines] if lines[i].top >= (1 - zone) * height}
        candidates.append((head, foot))
        counts.update({_norm(lines[i].text) for i in head | foot})
    need = max(2, math.ceil(0.3 * len(pages)))  # 0.3: odd and even pages often differ
    letters = [[_letters(pages[p][0][i].text) for i in head | foot] for p, (head, foot) in enumerate(candidates)]
    result = []
    for p, ((lines, _height), (head, foot)) in enumerate(zip(pages, candidates, strict=True)):
        label = None
        running: set[int] = set()
        for i in head | foot:
            lab = page_label(lines[i].text)
            if lab is not None and label is None:
                label = lab
            if (
                lab is not None
                or counts[_norm(lines[i].text)] >= need
                or (fuzzy and fuzzy[p] and _repeats_nearby(_letters(lines[i].text), p, letters))
            ):
                running.add(i)
        body = [ln for i, ln in enumerate(lines) if i not in running]
        header = sorted((lines[i] for i in head & running), key=lambda ln: (ln.top, ln.x0))
        footer = sorted((lines[i] for i in foot & running), key=lambda ln: (ln.top, ln.x0))
        result.append((body, header, footer, label))
    return result
