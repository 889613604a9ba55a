"""The result of ``auditparse review``: structured findings, summary, features, provenance.

The JSON form of :class:`ReviewResult` follows ``auditparse/schemas/review.schema.json``; bump
``REVIEW_SCHEMA_VERSION`` on any change to it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from auditparse.datamodel.document import BBox, ErrorItem, RunStatus
from auditparse.datamodel.nlp import AssertionStatus, Quantity

REVIEW_SCHEMA_VERSION = "1.1"  # 1.1: ReviewSource.rotations

FindingStatus = Literal["present", "ruled_out", "not_found"]
Severity = Literal["critical", "major", "minor", "observation"]
Standard = Literal["SMETA", "amfori BSCI", "RBA VAP", "SA8000", "WCA", "FLA", "SLCP", "other"]


class ReviewSource(BaseModel):
    path: str
    sha256: str
    pages: int
    ocr_pages: list[int] = Field(default_factory=list)
    failed_pages: list[int] = Field(default_factory=list)
    rotations: dict[int, int] = Field(default_factory=dict)  # page -> degrees turned to make it upright (non-zero only)


class AuditMeta(BaseModel):
    standard: Standard | None = None
    standard_label: str | None = None  # as written in the report
    audit_date: str | None = None  # ISO 8601 date
    audit_type: Literal["announced", "semi-announced", "unannounced"] | None = None
    audit_stage: str | None = None  # initial, follow-up, periodic, ...
    auditor: str | None = None  # audit firm


class SiteMeta(BaseModel):
    name: str | None = None
    address: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    sector: str | None = None
    workers_total: int | None = None
    workers_female: int | None = None
    workers_male: int | None = None
    migrant_workers: int | None = None
    agency_workers: int | None = None


class Evidence(BaseModel):
    page: int
    quote: str
    bbox: BBox | None = None
    status: AssertionStatus
    score: float
    section: str | None = None
    quantities: list[Quantity] = Field(default_factory=list)


class IndicatorFinding(BaseModel):
    indicator: str
    status: FindingStatus
    severity: Severity | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class NonCompliance(BaseModel):
    reference: str | None = None
    clause: str | None = None
    text: str
    severity: Severity | None = None
    severity_label: str | None = None  # the scheme's own label
    corrective_action: str | None = None
    due_date: str | None = None  # ISO date when given
    page: int | None = None
    indicators: list[str] = Field(default_factory=list)


class Coverage(BaseModel):
    """What the audit looked at. ``None`` means the report does not say: never read it as compliant."""

    workers_interviewed: int | None = None
    interviews_offsite: bool | None = None
    migrant_workers_interviewed: bool | None = None
    agency_workers_interviewed: bool | None = None
    payroll_reviewed: bool | None = None
    time_records_reviewed: bool | None = None
    dormitory_visited: bool | None = None
    notes: list[str] = Field(default_factory=list)


class SummarySentence(BaseModel):
    text: str
    page: int


class ReviewResult(BaseModel):
    schema_: str = Field(default=REVIEW_SCHEMA_VERSION, alias="schema")
    status: RunStatus = "success"
    source: ReviewSource
    audit: AuditMeta = Field(default_factory=AuditMeta)
    site: SiteMeta = Field(default_factory=SiteMeta)
    indicators: list[IndicatorFinding] = Field(default_factory=list)
    non_compliances: list[NonCompliance] = Field(default_factory=list)
    coverage: Coverage = Field(default_factory=Coverage)
    summary: list[SummarySentence] = Field(default_factory=list)
    features: dict[str, float] = Field(default_factory=dict)
    timings: dict[str, float] = Field(default_factory=dict)
    versions: dict[str, str] = Field(default_factory=dict)
    errors: list[ErrorItem] = Field(default_factory=list)

    model_config = {"populate_by_name": True}

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)
