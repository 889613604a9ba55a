"""What the NLP stage hands on: indicator mentions with their assertion status, quantities and provenance."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from auditparse.datamodel.document import BBox

INDICATORS: tuple[str, ...] = (
    "abuse_of_vulnerability",
    "deception",
    "restriction_of_movement",
    "isolation",
    "physical_sexual_violence",
    "intimidation_threats",
    "retention_of_identity_documents",
    "withholding_of_wages",
    "debt_bondage",
    "abusive_working_living_conditions",
    "excessive_overtime",
    "recruitment_fees",
)

AssertionStatus = Literal["present", "negated", "policy_only", "remediated", "hypothetical"]
#: statuses that count as evidence that the indicator occurred
POSITIVE_STATUSES: frozenset[str] = frozenset({"present", "remediated"})

QuantityKind = Literal[
    "money",  # value + unit = ISO 4217 currency code
    "hours_per_week",
    "hours_per_day",
    "overtime_hours_per_week",
    "overtime_hours_per_month",
    "consecutive_days",  # days worked without a rest day
    "wage_delay_days",
    "workers_affected",  # value = count; total = out of how many, when said
    "share_affected",  # value = fraction 0-1
    "duration_months",  # e.g. months of deductions, contract length
]


class Quantity(BaseModel):
    kind: QuantityKind
    value: float
    unit: str | None = None
    total: float | None = None
    text: str
    start: int
    end: int


class Mention(BaseModel):
    """One indicator mentioned in one sentence.

    ``start``/``end`` index into the text that was tagged: the input text for ``tag``, the page text
    (``Page.text``) when tagging a Document, in which case ``page`` and ``bbox`` are set.
    """

    indicator: str
    status: AssertionStatus
    score: float
    start: int
    end: int
    text: str
    quantities: list[Quantity] = Field(default_factory=list)
    section: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None


class SentenceResult(BaseModel):
    """The tagger's output for one input text (CLI ``tag`` contract)."""

    id: str | int | None = None
    indicators: list[str]  # indicators with a present or remediated mention
    mentions: list[Mention]
