"""The extraction result: a page-anchored Document.

Coordinates are PDF points (1/72 inch) with the origin at the TOP-LEFT of the upright page, ``(x0, top, x1, bottom)``.
For OCR'd pages the image pixels are scaled back to points, so boxes mean the same thing on every page.
Character offsets (``start``/``end``) index into ``Page.text``, the page's body text in reading order.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

DOCUMENT_SCHEMA_VERSION = "1.0"

BBox = tuple[float, float, float, float]
TextSource = Literal["text_layer", "ocr", "none"]
PageStatus = Literal["ok", "failed"]
RunStatus = Literal["success", "partial_success", "failure"]


class ErrorItem(BaseModel):
    """A problem met while processing, kept with the result instead of aborting it."""

    stage: str
    cause: str
    message: str
    page: int | None = None


class Line(BaseModel):
    text: str
    bbox: BBox
    start: int
    end: int
    confidence: float | None = None  # mean OCR word confidence 0-100; None for the text layer


class Block(BaseModel):
    kind: Literal["text", "heading", "list_item", "table"] = "text"
    text: str
    bbox: BBox
    start: int
    end: int
    lines: list[Line] = Field(default_factory=list)


class Cell(BaseModel):
    text: str
    bbox: BBox | None = None


class Table(BaseModel):
    bbox: BBox
    rows: list[list[Cell]]

    def as_lists(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


class Page(BaseModel):
    number: int  # physical page, 1-based
    label: str | None = None  # printed page number/label when detected
    width: float
    height: float
    rotation: int = 0  # degrees turned to make the page upright (0, 90, 180, 270)
    text_source: TextSource = "text_layer"
    ocr_confidence: float | None = None
    text: str = ""  # body text in reading order, de-hyphenated, without running header/footer
    blocks: list[Block] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    header: str | None = None
    footer: str | None = None
    status: PageStatus = "ok"
    error: str | None = None

    def bbox_for_span(self, start: int, end: int) -> BBox | None:
        """Union box of the lines overlapping the character span ``[start, end)`` of :attr:`text`."""
        boxes = [ln.bbox for b in self.blocks for ln in (b.lines or []) if ln.start < end and ln.end > start]
        if not boxes:
            boxes = [b.bbox for b in self.blocks if b.start < end and b.end > start]
        if not boxes:
            return None
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


class Source(BaseModel):
    path: str
    sha256: str
    pages: int
    media_type: str  # application/pdf, image/png, image/jpeg, image/tiff
    size_bytes: int


class Document(BaseModel):
    schema_version: str = DOCUMENT_SCHEMA_VERSION
    source: Source
    pages: list[Page]
    status: RunStatus = "success"
    errors: list[ErrorItem] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.text_source == "ocr"]

    def text(self, sep: str = "\n\f") -> str:
        return sep.join(p.text for p in self.pages)
