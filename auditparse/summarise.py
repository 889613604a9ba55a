"""The review pipeline: a report in, findings per indicator, coverage, an extractive summary and features out.

``review(path)`` runs the stages top to bottom::

    extract -> tag (NLP) -> metadata -> non-compliances -> findings -> coverage -> summary -> features

``build_review(doc, mentions)`` is everything after the NLP stage, a pure function of its inputs.
"""

from __future__ import annotations

import logging
import platform
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from auditparse import __version__
from auditparse.datamodel import (
    DOCUMENT_SCHEMA_VERSION,
    INDICATORS,
    POSITIVE_STATUSES,
    REVIEW_SCHEMA_VERSION,
    Coverage,
    Document,
    Evidence,
    IndicatorFinding,
    Mention,
    NonCompliance,
    ReviewResult,
    ReviewSource,
    SummarySentence,
)
from auditparse.datamodel.review import FindingStatus
from auditparse.metadata import extract_metadata, extract_non_compliances

log = logging.getLogger(__name__)

SEVERITY_RANK = {"observation": 1, "minor": 2, "major": 3, "critical": 4}
#: evidence items kept per indicator (the strongest first)
MAX_EVIDENCE = 8
#: sentences in the executive summary
MAX_SUMMARY = 10

#: Fixed conversion table used for ``max_fee_usd`` (USD per unit; mid-2025 rates, rounded). Documented in README.
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CHF": 1.13, "MYR": 0.22, "THB": 0.028, "BDT": 0.0083,
    "VND": 0.00004, "INR": 0.012, "CNY": 0.14, "RMB": 0.14, "TWD": 0.031, "IDR": 0.000063, "PHP": 0.018,
    "NPR": 0.0075, "PKR": 0.0036, "LKR": 0.0033, "KHR": 0.00024, "MMK": 0.00048, "TRY": 0.03, "JPY": 0.0067,
    "KRW": 0.00073, "SGD": 0.74, "HKD": 0.128, "AED": 0.272, "SAR": 0.267, "QAR": 0.275, "MXN": 0.055,
    "LAK": 0.000046, "ETB": 0.0078, "KES": 0.0077, "EGP": 0.02, "JOD": 1.41, "BRL": 0.18, "GTQ": 0.13,
    "HNL": 0.04, "MAD": 0.1, "UZS": 0.000079, "ZAR": 0.055,
}


def review(
    path: str | Path,
    *,
    password: str | None = None,
    ocr: Literal["auto", "always", "never"] = "auto",
    pages: list[int] | None = None,
    transformer: bool = True,
) -> ReviewResult:
    """Review one audit report.

    Args:
        path: a PDF or image scan.
        password: password of an encrypted PDF.
        ocr: ``auto`` (OCR pages without a usable text layer), ``always`` or ``never``.
        pages: 1-based pages to read; all when None.
        transformer: run the tagger's MiniLM tier (off: faster, fast tier only).

    Returns:
        The findings, metadata, coverage, summary and features of the report.

    Raises:
        AuditparseError: a subclass naming the cause when the file cannot be read or a model is missing.
    """
    from auditparse.extract import extract
    from auditparse.nlp import load_tagger

    t0 = time.perf_counter()
    doc = extract(Path(path), pages=pages, ocr=ocr, password=password)
    t1 = time.perf_counter()
    tagger = load_tagger(use_transformer=transformer)
    t2 = time.perf_counter()
    mentions = tagger.tag_document(doc)
    t3 = time.perf_counter()
    result = build_review(doc, mentions)
    t4 = time.perf_counter()
    result.timings = {
        **{f"extract.{k}": round(v, 4) for k, v in doc.timings.items()},
        "extract": round(t1 - t0, 4),
        "model_load": round(t2 - t1, 4),
        "tag": round(t3 - t2, 4),
        "summarise": round(t4 - t3, 4),
        "total": round(t4 - t0, 4),
    }
    result.versions.update(tagger.versions())
    return result


def build_review(doc: Document, mentions: list[Mention]) -> ReviewResult:
    """Assemble a :class:`ReviewResult` from an extracted document and its tagged mentions.

    Args:
        doc: the extracted report.
        mentions: indicator mentions from the NLP stage, with ``page`` set.

    Returns:
        The review without timings (``review`` adds them).
    """
    audit, site, coverage = extract_metadata(doc)
    ncs = extract_non_compliances(doc)
    link_non_compliances(ncs, mentions)
    findings = build_findings(mentions, ncs)
    coverage = detect_coverage(doc, coverage)
    result = ReviewResult(
        status=doc.status,
        source=ReviewSource(
            path=doc.source.path,
            sha256=doc.source.sha256,
            pages=doc.source.pages,
            ocr_pages=doc.ocr_pages,
            failed_pages=[p.number for p in doc.pages if p.status == "failed"],
            rotations={p.number: p.rotation for p in doc.pages if p.rotation},
        ),
        audit=audit,
        site=site,
        indicators=findings,
        non_compliances=ncs,
        coverage=coverage,
        summary=build_summary(doc, findings),
        versions={
            "auditparse": __version__,
            "review_schema": REVIEW_SCHEMA_VERSION,
            "document_schema": DOCUMENT_SCHEMA_VERSION,
            "python": platform.python_version(),
        },
        errors=list(doc.errors),
    )
    result.features = build_features(result, doc)
    return result


# --- findings --------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def link_non_compliances(ncs: list[NonCompliance], mentions: list[Mention]) -> None:
    """Set ``nc.indicators`` from the positive mentions whose sentence lies inside the non-compliance's finding
    text (not its corrective action, which names the remedy, not the problem)."""
    for nc in ncs:
        body = _norm(nc.text)
        found = {
            m.indicator
            for m in mentions
            if m.status in POSITIVE_STATUSES and m.score >= NC_LINK_MIN_SCORE
            and (nc.page is None or m.page == nc.page)
            and (_norm(m.text)[:60] in body or (len(body) > 20 and body[:60] in _norm(m.text)))
        }
        nc.indicators = sorted(set(nc.indicators) | found, key=INDICATORS.index)


#: fewest words a mention's sentence needs to count as evidence
MIN_EVIDENCE_WORDS = 3
#: A report-level finding needs stronger proof than one tagged sentence: an indicator is ``present`` only when at
#: least one present/remediated mention scores this much (tagger probability). Weaker mentions stay in the
#: evidence list, for a reviewer to see, but do not decide the status. Chosen on development reports only. Re-checked
#: for tagger 0.5.0 (session 12): 0.9 gave recall 1.000 / precision 0.982 on the 30 development reports (0.97: 0.982 /
#: 1.000) but 0.999 / 0.900 on the 953 simulated reports behind the risk model (0.97: 0.996 / 0.963), so 0.97 stays.
PRESENT_MIN_SCORE = 0.97
#: ... or when at least this many distinct sentences support it, each scoring PRESENT_SUPPORT_SCORE or more
PRESENT_MIN_MENTIONS = 2
PRESENT_SUPPORT_SCORE = 0.75
#: two supporting sentences sharing this share of their words (Jaccard) are one statement
DUPLICATE_OVERLAP = 0.6
#: a negated mention must score this much to rule an indicator out (on development reports: status accuracy
#: 0.911 at 0.7 and 0.8, 0.906 at 0.6, 0.881 at the tagger's own threshold of 0.5)
NEGATED_MIN_SCORE = 0.7
#: a positive mention inside a non-compliance the report lists links the NC to its indicator at this score (the
#: NC's severity then grades the finding). Linking alone does not make an indicator present: on development
#: reports that rule traded as much precision as it gained recall.
NC_LINK_MIN_SCORE = 0.5


_FUNCTION_WORDS = {"and", "of", "the", "for", "to", "in", "on", "at", "by", "with", "or", "a", "an"}


def is_statement(text: str) -> bool:
    """A heading ("6. Working Hours", "B8 Sanitation, Food and Housing"), a label ("Migrant workers") or a row
    of numbers is not evidence."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", text)
    title_case = all(w[0].isupper() or w.lower() in _FUNCTION_WORDS for w in words)
    return len(words) >= MIN_EVIDENCE_WORDS and not (title_case and not re.search(r"[.!?]\s*$", text))


def distinct_statements(texts: list[str]) -> int:
    """How many different statements ``texts`` make: sentences that share most of their words (the same
    boilerplate repeated per page, per sample or with another number or name filled in) count once."""
    kept: list[set[str]] = []
    for text in texts:
        words = set(re.findall(r"[a-z]{3,}", text.lower()))
        if not any(len(words & k) >= DUPLICATE_OVERLAP * max(len(words | k), 1) for k in kept):
            kept.append(words)
    return len(kept)


def is_present(ms: list[Mention]) -> bool:
    """Report-level decision: one strong positive mention, or several supporting ones that make different
    statements."""
    pos = [m for m in ms if m.status in POSITIVE_STATUSES]
    support = [m.text for m in pos if m.score >= PRESENT_SUPPORT_SCORE]
    return any(m.score >= PRESENT_MIN_SCORE for m in pos) or distinct_statements(support) >= PRESENT_MIN_MENTIONS


def build_findings(mentions: list[Mention], ncs: list[NonCompliance]) -> list[IndicatorFinding]:
    """One finding per indicator, in :data:`INDICATORS` order, from mentions that are statements.

    ``present``: at least one present or remediated mention scoring :data:`PRESENT_MIN_SCORE` or more.
    ``ruled_out``: otherwise, a negated mention (the audit checked and found nothing). ``not_found``: no mention,
    or only weak, policy or hypothetical ones (kept as evidence, so a reviewer sees them).
    Severity is the highest severity of the non-compliances the indicator is linked to; None when the report
    does not grade it.
    """
    findings = []
    mentions = [m for m in mentions if is_statement(m.text)]
    for ind in INDICATORS:
        ms = [m for m in mentions if m.indicator == ind]
        if is_present(ms):
            status: FindingStatus = "present"
        elif any(m.status == "negated" and m.score >= NEGATED_MIN_SCORE for m in ms):
            status = "ruled_out"
        else:
            status = "not_found"
        sev = max((nc.severity for nc in ncs if ind in nc.indicators and nc.severity),
                  key=SEVERITY_RANK.__getitem__, default=None)
        findings.append(IndicatorFinding(
            indicator=ind, status=status, severity=sev if status == "present" else None,
            evidence=_evidence(ms),
        ))
    return findings


def _evidence(ms: list[Mention]) -> list[Evidence]:
    order = {"present": 0, "remediated": 1, "negated": 2, "policy_only": 3, "hypothetical": 4}
    seen: set[tuple[int | None, str]] = set()
    out = []
    for m in sorted(ms, key=lambda m: (order.get(m.status, 9), -m.score, m.page or 0)):
        key = (m.page, _norm(m.text))
        if key in seen:
            continue
        seen.add(key)
        out.append(Evidence(page=m.page or 0, quote=" ".join(m.text.split()), bbox=m.bbox, status=m.status,
                            score=round(m.score, 4), section=m.section, quantities=m.quantities))
        if len(out) >= MAX_EVIDENCE:
            break
    return out


# --- coverage --------------------------------------------------------------------------------------------

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'“])|\n\s*\n|\n(?=\s*[-•*\d]+[.)]?\s)")
_CLAUSE_SPLIT = re.compile(r";|\bbut\b|\bwhereas\b|\bwhile\b|\bhowever\b", re.IGNORECASE)

_VERB = r"(review|examin|check|inspect|sampl|verif|audit|assess|visit|tour|walk|observ|provided|available|seen|looked|analy[sz]|interview)"
_NEG = r"(\bnot\b|n't\b|\bnever\b)"
#: says on its own that something was not done or seen
_REFUSED = r"\b(refus\w*|declin\w*|denied|unavailable|no access|unable to|not (made )?available|not provided|not possible)\b"

#: coverage field -> (topic pattern, extra pattern that must also appear in the clause, or None)
_COVERAGE_TOPICS: dict[str, tuple[str, str | None]] = {
    "payroll_reviewed": (r"payroll|pay ?slips?|wage (records|sheets?|slips?)|salary (records|sheets?)|pay records", None),
    "time_records_reviewed": (r"time ?(records|cards?|sheets?|keeping)|attendance (records|logs?|registers?)|clock(ing)?[- ]in|working hours records|hours records", None),
    "dormitory_visited": (r"dormitor|hostel|worker (accommodation|housing)|living quarters|accommodation", None),
    "migrant_workers_interviewed": (r"migrant|foreign", r"interview"),
    "agency_workers_interviewed": (r"agency|dispatch|contract(ed)? workers|outsourced", r"interview"),
    "interviews_offsite": (r"off[\s-]?site|outside the (factory|site|facility|premises)|at (their|workers'?) homes?", r"interview"),
}
#: a clause that names the opposite of the topic answers it with False ("interviews took place on site")
_COVERAGE_OPPOSITE: dict[str, str] = {
    "interviews_offsite": r"interview\w*\b[^.]{0,40}?\b(took place|were held|were conducted|held|conducted|carried out)"
                          r"\s+(\w+\s+){0,2}(on[\s-]?site\b|in(side)? the (factory|facility|premises)|on the premises)",
}


def _sentences(text: str) -> Iterator[str]:
    """Sentences of a page; a line much shorter than the page's usual line (a heading, a label) or one ending a
    sentence ends its paragraph."""
    lengths = sorted(len(ln) for ln in text.splitlines() if ln.strip())
    short = int(0.6 * lengths[len(lengths) // 2]) if lengths else 0
    text = re.sub(r"(?m)^(.{0,%s}|.*[.!?:])[ \t]*\n".replace("%s", str(short)), "\\1\n\n", text)
    for s in _SENT_SPLIT.split(text):
        s = re.sub(r"\s+", " ", s).strip()
        if s:
            yield s


def coverage_signal(clause: str, topic: str, extra: str | None) -> bool | None:
    """True if ``clause`` says the topic was covered, False if it says it was not, None if it says neither."""
    t = clause.lower()
    m = re.search(topic, t)
    if not m or (extra and not re.search(extra, t)):
        return None
    if (re.search(r"\bno\s+(\w+\s+){0,2}(" + topic + ")", t) or re.search(_NEG + r"\W+(\w+\W+){0,3}" + _VERB, t)
            or re.search(_REFUSED, t)):
        return False
    if re.search(r"\bno\b", t) and re.search(r"(there (is|are|was|were) )?no\s+(\w+\s+){0,3}(" + topic + ")", t):
        return False
    if extra or re.search(_VERB, t):
        return True
    return None


def detect_coverage(doc: Document, coverage: Coverage | None = None) -> Coverage:
    """What the audit looked at: a statement that something was NOT done or available gives False, a statement
    that it was gives True, silence gives None ("not stated", never "compliant").

    Args:
        doc: the extracted report.
        coverage: values already read from labelled fields (workers interviewed, interview location).
    """
    cov = coverage.model_copy() if coverage else Coverage()
    votes: dict[str, list[tuple[bool, int]]] = {f: [] for f in _COVERAGE_TOPICS}
    for page in doc.pages:
        for sent in _sentences(page.text):
            for clause in _CLAUSE_SPLIT.split(sent):
                for field, (topic, extra) in _COVERAGE_TOPICS.items():
                    sig = coverage_signal(clause, topic, extra)
                    if sig is None and field in _COVERAGE_OPPOSITE and re.search(_COVERAGE_OPPOSITE[field], clause, re.I):
                        sig = False
                    if sig is not None:
                        votes[field].append((sig, page.number))
    for field, vs in votes.items():
        if getattr(cov, field) is not None or not vs:
            continue
        value = all(v for v, _ in vs)
        setattr(cov, field, value)
        if not value:
            pages = sorted({p for v, p in vs if not v})
            cov.notes.append(f"{field.replace('_', ' ')}: the report says not (page {', '.join(map(str, pages))})")
    return cov


# --- summary ---------------------------------------------------------------------------------------------

#: sentences that state the audit's scope, best first
_SCOPE_RES = [re.compile(p, re.IGNORECASE) for p in (
    r"\b(audit|assessment)\b.*\b(conducted|carried out|performed|took place)\b",
    r"\binterviewed\b",
)]


def build_summary(doc: Document, findings: list[IndicatorFinding]) -> list[SummarySentence]:
    """Extractive executive summary: sentences copied from the report, each with its page.

    The first sentence that states the audit's scope, then for every present indicator its strongest evidence,
    then one sentence per ruled-out indicator. No sentence is written by auditparse.
    """
    out: list[SummarySentence] = []
    seen: set[str] = set()

    def add(text: str, page: int) -> None:
        key = _norm(text)
        if key and key not in seen and len(out) < MAX_SUMMARY:
            seen.add(key)
            out.append(SummarySentence(text=text.strip(), page=page))

    scope = next(((p.number, s) for rx in _SCOPE_RES for p in doc.pages[:6] for s in _sentences(p.text)
                  if 40 <= len(s) <= 400 and rx.search(s)), None)
    if scope:
        add(scope[1], scope[0])
    for status, kinds in (("present", POSITIVE_STATUSES), ("ruled_out", {"negated"})):
        for f in findings:
            evs = [e for e in f.evidence if e.status in kinds]
            if f.status == status and evs:
                ev = max(evs, key=lambda e: e.score)
                add(ev.quote, ev.page)
    return out


# --- features --------------------------------------------------------------------------------------------

#: value of a numeric feature the report does not state
NOT_STATED = -1.0


def _max_quantity(result: ReviewResult, kinds: set[str], convert: bool = False) -> float:
    best = NOT_STATED
    for f in result.indicators:
        for ev in f.evidence:
            if ev.status not in POSITIVE_STATUSES:
                continue
            for q in ev.quantities:
                if q.kind not in kinds:
                    continue
                v = q.value
                if convert:
                    rate = USD_PER_UNIT.get((q.unit or "").upper())
                    if rate is None:
                        continue
                    v *= rate
                best = max(best, v)
    return round(best, 2)


def _flag(v: bool | None) -> float:
    return NOT_STATED if v is None else float(v)


def build_features(result: ReviewResult, doc: Document | None = None) -> dict[str, float]:
    """The flat numeric feature vector the risk model reads. Names are stable; README documents each one.

    Unknown numeric values are ``-1`` (:data:`NOT_STATED`); booleans are 1/0, or -1 when not stated.
    """
    feats: dict[str, float] = {}
    for f in result.indicators:
        pos = sum(1 for e in f.evidence if e.status in POSITIVE_STATUSES)
        feats[f"ind.{f.indicator}.present"] = float(f.status == "present")
        feats[f"ind.{f.indicator}.ruled_out"] = float(f.status == "ruled_out")
        feats[f"ind.{f.indicator}.mentions"] = float(pos)
        feats[f"ind.{f.indicator}.severity"] = float(SEVERITY_RANK.get(f.severity or "", 0))
    statuses = [f.status for f in result.indicators]
    feats["n_present"] = float(statuses.count("present"))
    feats["n_ruled_out"] = float(statuses.count("ruled_out"))
    feats["n_not_found"] = float(statuses.count("not_found"))
    feats["n_remediated_only"] = float(sum(
        1 for f in result.indicators
        if f.status == "present" and all(e.status != "present" for e in f.evidence)))
    feats["max_severity"] = float(max((SEVERITY_RANK.get(f.severity or "", 0) for f in result.indicators), default=0))
    feats["max_weekly_hours"] = _max_quantity(result, {"hours_per_week"})
    feats["max_daily_hours"] = _max_quantity(result, {"hours_per_day"})
    feats["max_overtime_hours_month"] = _max_quantity(result, {"overtime_hours_per_month"})
    feats["max_consecutive_days"] = _max_quantity(result, {"consecutive_days"})
    feats["max_fee_usd"] = _max_quantity(result, {"money"}, convert=True)
    feats["max_wage_delay_days"] = _max_quantity(result, {"wage_delay_days"})
    feats["max_share_affected"] = _max_quantity(result, {"share_affected"})
    ncs = result.non_compliances
    feats["nc_total"] = float(len(ncs))
    for sev in ("critical", "major", "minor", "observation"):
        feats[f"nc_{sev}"] = float(sum(1 for nc in ncs if nc.severity == sev))
    feats["nc_unrated"] = float(sum(1 for nc in ncs if nc.severity is None))
    cov = result.coverage
    site = result.site
    feats["cov.workers_interviewed"] = NOT_STATED if cov.workers_interviewed is None else float(cov.workers_interviewed)
    feats["cov.interview_share"] = (
        round(cov.workers_interviewed / site.workers_total, 4)
        if cov.workers_interviewed is not None and site.workers_total else NOT_STATED)
    for name in ("interviews_offsite", "migrant_workers_interviewed", "agency_workers_interviewed",
                 "payroll_reviewed", "time_records_reviewed", "dormitory_visited"):
        feats[f"cov.{name}"] = _flag(getattr(cov, name))
    feats["cov.not_stated"] = float(sum(1 for name in Coverage.model_fields
                                        if name != "notes" and getattr(cov, name) is None))
    feats["site.workers_total"] = NOT_STATED if site.workers_total is None else float(site.workers_total)
    for name in ("workers_female", "migrant_workers", "agency_workers"):
        v = getattr(site, name)
        feats[f"site.{name}_share"] = (round(v / site.workers_total, 4)
                                       if v is not None and site.workers_total else NOT_STATED)
    feats["audit.unannounced"] = {"announced": 0.0, "semi-announced": 0.5, "unannounced": 1.0}.get(
        result.audit.audit_type or "", NOT_STATED)
    feats["audit.follow_up"] = NOT_STATED if result.audit.audit_stage is None else float(
        result.audit.audit_stage == "follow-up")
    pages = result.source.pages or 1
    feats["doc.pages"] = float(result.source.pages)
    feats["doc.ocr_share"] = round(len(result.source.ocr_pages) / pages, 4)
    feats["doc.failed_share"] = round(len(result.source.failed_pages) / pages, 4)
    return feats


def feature_names() -> list[str]:
    """Names of every feature, in vector order (stable across versions of the same schema)."""
    from auditparse.datamodel import Source

    empty = Document(source=Source(path="", sha256="", pages=0, media_type="application/pdf", size_bytes=0),
                     pages=[])
    return list(build_review(empty, []).features)

