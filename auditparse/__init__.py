"""auditparse: find the ILO indicators of forced labour in social-compliance audit reports.

Public API (heavy libraries are imported on first use, not here)::

    import auditparse
    doc = auditparse.extract("report.pdf")            # -> Document
    result = auditparse.review("report.pdf")          # -> ReviewResult
    sentences = auditparse.tag(["Workers paid fees."]) # -> list[SentenceResult]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from auditparse.datamodel import Document, ReviewResult, SentenceResult


def extract(path: Any, **options: Any) -> Document:
    """Extract a PDF or image scan into a page-anchored :class:`~auditparse.datamodel.Document`."""
    from auditparse.extract import extract as _extract

    return _extract(path, **options)


def tag(texts: list[str], **options: Any) -> list[SentenceResult]:
    """Tag forced-labour indicator mentions in each text."""
    from auditparse.nlp import tag_texts

    return tag_texts(texts, **options)


def review(path: Any, **options: Any) -> ReviewResult:
    """Review an audit report: extraction, tagging, findings, summary and features."""
    from auditparse.summarise import review as _review

    return _review(path, **options)


__all__ = ["__version__", "extract", "review", "tag"]
