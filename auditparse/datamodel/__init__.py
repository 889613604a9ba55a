"""Typed, JSON-serialisable models passed between stages. No heavy imports here."""

from auditparse.datamodel.document import (
    DOCUMENT_SCHEMA_VERSION,
    Block,
    Cell,
    Document,
    ErrorItem,
    Line,
    Page,
    Source,
    Table,
)
from auditparse.datamodel.nlp import INDICATORS, POSITIVE_STATUSES, Mention, Quantity, SentenceResult
from auditparse.datamodel.review import (
    REVIEW_SCHEMA_VERSION,
    AuditMeta,
    Coverage,
    Evidence,
    IndicatorFinding,
    NonCompliance,
    ReviewResult,
    ReviewSource,
    SiteMeta,
    SummarySentence,
)

__all__ = [
    "DOCUMENT_SCHEMA_VERSION",
    "INDICATORS",
    "POSITIVE_STATUSES",
    "REVIEW_SCHEMA_VERSION",
    "AuditMeta",
    "Block",
    "Cell",
    "Coverage",
    "Document",
    "ErrorItem",
    "Evidence",
    "IndicatorFinding",
    "Line",
    "Mention",
    "NonCompliance",
    "Page",
    "Quantity",
    "ReviewResult",
    "ReviewSource",
    "SentenceResult",
    "SiteMeta",
    "Source",
    "SummarySentence",
    "Table",
]
