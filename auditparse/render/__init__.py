"""Render a :class:`~auditparse.datamodel.ReviewResult` as text (rich), JSON, Markdown or one self-contained HTML file.

Renderers return strings; only ``cli.py`` prints them.
"""

from __future__ import annotations

import json
from pathlib import Path

from auditparse.datamodel import ReviewResult

FORMATS = ("text", "json", "md", "html")


def render(result: ReviewResult, fmt: str, *, color: bool = False, width: int = 120,
           pdf: Path | None = None, password: str | None = None) -> str:
    """Render a review.

    Args:
        result: the review.
        fmt: one of :data:`FORMATS`.
        color: ANSI colours in ``text`` output.
        width: line width of ``text`` output.
        pdf: the reviewed file, for the page images of ``html`` (defaults to ``result.source.path``).
        password: its password, when encrypted.
    """
    if fmt == "json":
        return json.dumps(result.to_json_dict(), ensure_ascii=False, indent=2)
    if fmt == "text":
        from auditparse.render.text import render_text

        return render_text(result, color=color, width=width)
    if fmt == "md":
        from auditparse.render.markdown import render_markdown

        return render_markdown(result)
    if fmt == "html":
        from auditparse.render.html import render_html

        return render_html(result, pdf=pdf, password=password)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def review_json_schema() -> dict:  # type: ignore[type-arg]
    """The JSON Schema of ``--format json`` output, built from the data model.

    ``auditparse/schemas/review.schema.json`` is this, committed; ``tests/test_render.py`` keeps the two equal
    (``AUDITPARSE_UPDATE_GOLDEN=1`` rewrites the file).
    """
    from auditparse.datamodel import REVIEW_SCHEMA_VERSION

    s = ReviewResult.model_json_schema(by_alias=True, mode="serialization")
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["$id"] = f"https://auditparse.invalid/schemas/review/{REVIEW_SCHEMA_VERSION}.json"
    s["title"] = "auditparse review result"
    s["properties"]["schema"] = {"const": REVIEW_SCHEMA_VERSION, "title": "Schema version", "type": "string"}
    s["required"] = ["schema", "status", "source", "audit", "site", "indicators", "non_compliances", "coverage",
                     "summary", "features", "timings", "versions"]
    return s
