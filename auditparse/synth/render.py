"""Lay out report blocks as a digital PDF with reportlab platypus and record what landed on each page.

Splitting is off (``allowSplitting=0``): a paragraph or table is drawn whole on one page, so each block's
mentions belong to exactly one page. The text recorded per page is the text as drawn, line by line after
reportlab's wrapping; running headers and footers are drawn by the canvas and recorded apart.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from auditparse.synth.content import Block, MentionRec, NCRec
from auditparse.synth.spec import ReportSpec

MARGIN = 56.0
GUTTER = 18.0
THEMES = {  # family -> (body font, bold font, accent colour, body size)
    "smeta": ("Helvetica", "Helvetica-Bold", colors.HexColor("#1f3b73"), 9.5),
    "bsci": ("Helvetica", "Helvetica-Bold", colors.HexColor("#00707a"), 9.5),
    "rba": ("Times-Roman", "Times-Bold", colors.HexColor("#5a2d82"), 10.5),
    "wca": ("Helvetica", "Helvetica-Bold", colors.HexColor("#b35900"), 9.0),
    "narrative": ("Times-Roman", "Times-Bold", colors.HexColor("#333333"), 10.5),
}


@dataclass
class PageRecord:
    number: int
    columns: int = 1
    parts: list[str] = field(default_factory=list)
    mentions: list[MentionRec] = field(default_factory=list)
    ncs: list[NCRec] = field(default_factory=list)
    header: str | None = None
    footer: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.parts if p)


@dataclass
class Rendered:
    pdf: bytes
    pages: list[PageRecord]
    extra_filler: int = 0  # routine paragraphs added to reach the target page count


def _styles(family: str) -> dict[str, ParagraphStyle]:
    font, bold, accent, size = THEMES[family]
    lead = size * 1.3
    return {
        "p": ParagraphStyle("p", fontName=font, fontSize=size, leading=lead, spaceAfter=5,
                            alignment=TA_JUSTIFY if family == "narrative" else 0),
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=size + 3.5, leading=size + 6, textColor=accent,
                             spaceBefore=10, spaceAfter=5),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=size + 1, leading=size + 4, spaceBefore=6, spaceAfter=3),
        "title": ParagraphStyle("title", fontName=bold, fontSize=22, leading=28, textColor=accent, spaceAfter=14),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size - 1, leading=(size - 1) * 1.25),
        "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=size - 1, leading=(size - 1) * 1.25),
    }


def _lines(p: Paragraph) -> list[str]:
    """The lines of a wrapped paragraph, as drawn."""
    bl = getattr(p, "blPara", None)
    if bl is None:
        return [p.getPlainText()]
    if bl.kind == 0:
        return [" ".join(words) for _, words in bl.lines]
    return ["".join(getattr(f, "text", "") for f in line.words).strip() for line in bl.lines]


def _cell_text(cell: Any) -> str:
    if isinstance(cell, list | tuple):
        return " ".join(_cell_text(c) for c in cell)
    if isinstance(cell, Paragraph):
        return " ".join(_lines(cell))
    return str(cell)


def _flowable_text(fl: Flowable) -> str:
    if isinstance(fl, Paragraph):
        return "\n".join(_lines(fl))
    if isinstance(fl, Table):
        rows = [" ".join(t for t in (_cell_text(c) for c in row) if t) for row in fl._cellvalues]
        return "\n".join(r for r in rows if r)
    return ""


class _Doc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, **kw: Any) -> None:
        super().__init__(buf, **kw)
        self.records: dict[int, PageRecord] = {}

    def _record(self) -> PageRecord:
        rec = self.records.get(self.page)
        if rec is None:
            rec = self.records[self.page] = PageRecord(self.page, len(self.pageTemplate.frames))
        return rec

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab hook)
        rec = self._record()
        rec.parts.append(_flowable_text(flowable))
        rec.mentions += getattr(flowable, "_synth_mentions", [])
        rec.ncs += getattr(flowable, "_synth_ncs", [])


def _make_canvas(draw_running: Any) -> type[Canvas]:
    """A canvas that defers page output so headers/footers can say "Page X of Y"."""

    class RunningCanvas(Canvas):
        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                draw_running(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return RunningCanvas


def _running_texts(spec: ReportSpec, rng: random.Random) -> tuple[Any, Any]:
    """Functions (page, total) -> header text / footer text for this report (None on the cover)."""
    ref = f"{rng.choice(['Audit ref', 'Report No.', 'Ref'])} {rng.randint(100000, 999999)}"
    short = spec.site.name
    header = rng.choice([f"{spec.audit.standard_label} | {short}", f"{short} - {ref}",
                         f"{spec.audit.standard} audit report - {short}"])
    footer_form = rng.choice(["Page {p} of {t}", "Page {p} of {t} - Confidential", "{p} / {t}",
                              "Confidential | Page {p} of {t}", "{ref} | Page {p}/{t}"])

    def head(p: int, t: int) -> str | None:
        return None if p == 1 else header

    def foot(p: int, t: int) -> str | None:
        return None if p == 1 else footer_form.format(p=p, t=t, ref=ref)

    return head, foot


def render(spec: ReportSpec, blocks: list[Block]) -> Rendered:
    """Lay out ``blocks`` as a PDF; return its bytes and what each page holds."""
    rng = random.Random(spec.seed * 31 + 5)
    font, bold, accent, _ = THEMES[spec.family]
    styles = _styles(spec.family)
    pagesize, fw, fh = _geometry(spec)
    pw, ph = pagesize
    one = Frame(MARGIN, MARGIN, fw, fh, id="one")
    colw = (fw - GUTTER) / 2
    two = [Frame(MARGIN, MARGIN, colw, fh, id="left"), Frame(MARGIN + colw + GUTTER, MARGIN, colw, fh, id="right")]
    head, foot = _running_texts(spec, rng)
    running: dict[int, tuple[str | None, str | None]] = {}

    def draw_running(canv: Canvas, page: int, total: int) -> None:
        h, f = head(page, total), foot(page, total)
        running[page] = (h, f)
        if h:
            canv.setFont(font, 8)
            canv.setFillColor(colors.grey)
            canv.drawString(MARGIN, ph - MARGIN + 8, h)
            canv.setStrokeColor(accent)
            canv.line(MARGIN, ph - MARGIN + 4, pw - MARGIN, ph - MARGIN + 4)
        if f:
            canv.setFont(font, 8)
            canv.setFillColor(colors.grey)
            canv.drawRightString(pw - MARGIN, MARGIN - 20, f)

    buf = io.BytesIO()
    doc = _Doc(buf, pagesize=pagesize, allowSplitting=0, invariant=1, pageCompression=1,
               title=f"{spec.audit.standard} audit report", author=spec.audit.auditor,
               leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN)
    doc.addPageTemplates([PageTemplate("cover", [Frame(MARGIN, MARGIN, fw, fh, id="cover")]),
                          PageTemplate("one", [one]), PageTemplate("two", two)])
    story = [fl for b in blocks for fl in _flowables(b, styles, fw if spec.columns == 1 else colw, accent)]
    doc.build(story, canvasmaker=_make_canvas(draw_running))
    pages = [doc.records.get(n) or PageRecord(n) for n in range(1, max(running) + 1)]
    for rec in pages:
        rec.header, rec.footer = running[rec.number]
    return Rendered(buf.getvalue(), pages)


def estimate_pages(spec: ReportSpec, blocks: list[Block]) -> float:
    """A fast page-count estimate (no layout): line counts from string widths, heights from leadings."""
    styles = _styles(spec.family)
    cell = styles["cell"]
    _, fw, fh = _geometry(spec)
    pages, height, cols = 0.0, 0.0, 1

    def lines(text: str, st: ParagraphStyle, width: float) -> int:
        return max(1, math.ceil(stringWidth(text, st.fontName, st.fontSize) / (width * 0.96)))

    for b in blocks:
        width = fw if cols == 1 else (fw - GUTTER) / 2
        if b.kind == "break":
            pages += max(1, math.ceil(height / (fh * cols * 0.94)))
            height, cols = 0.0, 2 if b.style == "two" else 1
        elif b.kind in ("title", "h1", "h2", "p"):
            st = styles[b.kind]
            height += lines(b.text, st, width) * st.leading + st.spaceBefore + st.spaceAfter
        else:
            tw = min(width, 480)
            shares = b.widths or [1.0]
            height += 4 + sum(6 + cell.leading * max(lines(c, cell, tw * sh - 12) for c, sh in zip(row, shares,
                                                                                                  strict=False))
                              for row in b.rows)
    return pages + height / (fh * cols * 0.94)


def _geometry(spec: ReportSpec) -> tuple[tuple[float, float], float, float]:
    """Page size, body frame width and height."""
    pagesize = A4 if spec.page_size == "A4" else letter
    return pagesize, pagesize[0] - 2 * MARGIN, pagesize[1] - 2 * MARGIN - 14


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _flowables(b: Block, st: dict[str, ParagraphStyle], width: float, accent: Any) -> list[Flowable]:
    if b.kind == "break":
        return [NextPageTemplate(b.style), PageBreak()]
    if b.kind in ("title", "h1", "h2", "p"):
        fl: Flowable = _para(b.text, st[b.kind])
    else:
        fl = _table(b, st, width, accent)
    fl._synth_mentions = b.mentions  # type: ignore[attr-defined]
    fl._synth_ncs = b.ncs  # type: ignore[attr-defined]
    return [fl, Spacer(1, 4)] if b.kind in ("kv", "table", "box") else [fl]


def _table(b: Block, st: dict[str, ParagraphStyle], width: float, accent: Any) -> Table:
    width = min(width, 480)
    head = b.kind == "table"
    data = [[_para(c, st["cellb" if (head and r == 0) or (b.kind == "kv" and j == 0) else "cell"])
             for j, c in enumerate(row)] for r, row in enumerate(b.rows)]
    widths = [width * s for s in b.widths] if b.widths else [width]
    t = Table(data, colWidths=widths, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if b.kind == "box":
        style += [("BOX", (0, 0), (-1, -1), 1, accent),
                  ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f6f9"))]
    else:
        style += [("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]
    if head:
        style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee"))]
    t.setStyle(TableStyle(style))
    return t
