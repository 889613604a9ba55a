"""Assertion status of a mention: present, negated, policy_only, remediated or hypothetical.

Rules over linguistic structure only: a sentence is cut into clauses at contrastive and coordinating boundaries
("; however", ", but", "whereas", "although"), and a status cue counts only inside the clause of the mention.
Negation scope: a negator before the mention in its clause ("No passports were retained", "none of the workers
paid"), or a negated predicate after it ("fees ... were not found"). Negators inside the mention's own cue phrase
("could not leave", "no rest day") describe the finding itself and are ignored.
"""

from __future__ import annotations

import re

from auditparse.datamodel.nlp import AssertionStatus

_CLAUSE_BREAK = re.compile(
    r"\s*;\s*(?:(?:however|but|whereas|although|though|yet|nevertheless|nonetheless)\b,?\s*)?|(?<!\bQ)(?<!\bA)\s*:\s+(?=[A-Z])|,?\s+(?:but|however|whereas|although|though|yet|while|except\s+that|nevertheless|"
    r"nonetheless|instead|on\s+the\s+other\s+hand)\b,?\s*|\.\s+(?:However|But|Although)\b,?\s*|\s+-{1,2}\s+|\s*—\s*",
    re.I,
)

_NEG_BEFORE = re.compile(
    r"\b(?:no|not|never|none|nor|neither|nobody|nothing|zero|nil|n't|cannot|free\s+of|absence\s+of|"
    r"did\s+not|do\s+not|does\s+not|have\s+not|has\s+not|had\s+not|was\s+not|were\s+not|is\s+not|are\s+not|"
    r"denied|deny|denies|without\s+(?:any\s+)?(?:evidence|indication|sign)|unable\s+to\s+(?:find|identify|confirm)|"
    r"rather\s+than|no\s+longer)\b|\w+n't\b",
    re.I,
)
_NEG_AFTER = re.compile(
    r"\b(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:not|never)\b|not\s+(?:found|observed|"
    r"noted|identified|evident|reported|seen|detected|applicable|confirmed|substantiated)|n't\b|"
    r"(?:were|was)\s+(?:absent|unfounded)|(?:nil|none)\b|not\s+the\s+case)",
    re.I,
)
_REMEDIATED = re.compile(
    r"\b(?:refund\w*|reimburs\w*|repaid\s+(?:to\s+)?(?:the\s+)?(?:workers?|employees?)|paid\s+back\s+to|"
    r"(?:have|has|had)\s+(?:since\s+)?been\s+(?:returned|refunded|corrected|rectified|resolved|remediated|"
    r"addressed|reimbursed|paid|closed|stopped|discontinued|removed|released)|(?:were|was)\s+(?:since\s+)?"
    r"(?:returned|refunded|rectified|remediated|corrected|reimbursed)|since\s+(?:been|then)|"
    r"corrective\s+action\s+(?:was|has\s+been|had\s+been)?\s*(?:taken|completed|implemented|verified|closed)|"
    r"(?:now|currently)\s+(?:kept|held|stored|paid|allowed|free)|no\s+longer|ceased|"
    r"(?:returned|given\s+back|handed\s+back)\s+to\s+(?:the\s+|all\s+|their\s+)?(?:workers?|employees?|owners?)|"
    r"remediat\w*|rectified|was\s+corrected|were\s+corrected|has\s+stopped|was\s+stopped|previously|formerly|"
    r"closed\s+(?:out|on)|verified\s+(?:as\s+)?(?:closed|completed)|(?:back)?paid\s+in\s+full)",
    re.I,
)
_POLICY = re.compile(
    r"\b(?:polic(?:y|ies)|procedures?|code\s+of\s+conduct|handbook|guidelines?|prohibit\w*|forbid\w*|"
    r"shall|must\s+not|must\s+be|is\s+committed|are\s+committed|commit\w*\s+to|zero[- ]fee|employer\s+pays\s+principle|"
    r"according\s+to\s+(?:the\s+)?(?:company|factory|management|hr)|states?\s+that|requires?\s+that|"
    r"not\s+(?:permitted|allowed)\s+under|strictly)\b",
    re.I,
)
_OBSERVED = re.compile(
    r"\b(?:found|observed|noted|identified|confirmed|reported|said|stated\s+they|revealed|showed|shown|"
    r"records?\s+(?:show|indicate)|interview\w*|paid|charged|deducted|kept|held|retained|worked|were\s+(?:made|forced))\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|would|could\s+(?:be|lead|result)|in\s+case|in\s+the\s+event|should\s+(?:a|any|workers?|the)|"
    r"may\s+(?:be|result|lead|occur)|might|risk\s+of|potential(?:ly)?|whether|possible|possibility|any\s+future|"
    r"in\s+future|were\s+to)\b",
    re.I,
)


_DEPRIVATION = re.compile(r"\b(?:had|has|have|with|get|got|given)\s*$", re.I)
_ANSWER = re.compile(r"(?:[|?:]|\s-)\s*(no|none|nil|n/?a|0|zero|not observed|not found|yes|observed|found|confirmed)\W*$", re.I)
_NEGATOR = re.compile(r"\b(?:no|not|never|none|nor|neither|without|n't|cannot)\b|\w+n't\b", re.I)


def has_negator(text: str) -> bool:
    """Whether ``text`` has any negation word ("no", "not", "never", "without", "n't", ...)."""
    return _NEGATOR.search(text) is not None


def scope_marked(clause: str) -> str:
    """The clause with the words in negation scope rewritten (NegEx style): "no fees were" -> "no xnfees xnwere".

    Scope runs from a negator to the next punctuation mark or five words, whichever comes first; "had no",
    "with no" describe a deprivation (a finding), not a negation, and open no scope.
    """
    out, pos = [], 0
    for m in _NEGATOR.finditer(clause):
        if m.start() < pos or _DEPRIVATION.search(clause[: m.start()]):
            continue
        stop = re.search(r"[,.;:|()]", clause[m.end() :])
        end = m.end() + (stop.start() if stop else len(clause) - m.end())
        words = list(re.finditer(r"[A-Za-z]+", clause[m.end() : end]))[:5]
        out.append(clause[pos : m.end()])
        last = m.end()
        for w in words:
            out.append(clause[last : m.end() + w.start()] + "xn" + w.group(0))
            last = m.end() + w.end()
        pos = last
    out.append(clause[pos:])
    return "".join(out)


#: a sentence that opens with a concessive clause: "Although no fees were charged, workers could not leave."
_LEADING_CONCESSIVE = re.compile(r"\s*(?:while|although|though|whereas|even\s+though|despite\s+the\s+fact\s+that)\b[^,;:]{3,160}(,)\s*", re.I)


#: a word that sets two clauses against each other ("Wages are paid on time, but passports were kept")
_CONTRAST = re.compile(r"\b(?:but|however|whereas|although|though|yet|while|except\s+that|nevertheless|nonetheless|instead)\b", re.I)


def is_contrastive(text: str) -> bool:
    """Whether ``text`` sets clauses against each other with a contrastive or concessive word."""
    return _CONTRAST.search(text) is not None


#: a colon ends a clause only after more words than this ("Passport custody: ..." is a label and its value)
LABEL_WORDS = 4


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Clauses of a sentence as character spans, cut at contrastive and ';' boundaries and after an opening
    concessive clause."""
    spans, pos = [], 0
    lead = _LEADING_CONCESSIVE.match(text)
    if lead:
        spans.append((0, lead.start(1)))
        pos = lead.end()
    for m in _CLAUSE_BREAK.finditer(text, pos):
        if m.group().strip() == ":" and len(text[pos : m.start()].split()) <= LABEL_WORDS:
            continue  # "Passport custody: retained by workers": a label and its value are one clause
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans or [(0, len(text))]


#: the worker as the one who holds the documents: "retained by workers", "remain with the workers",
#: "in the worker's own possession" (not "by workers' supervisors", not "not kept by workers")
_WORKER_HOLDS = re.compile(
    r"(?<!\bnot\s)(?<!\bnever\s)(?<!\blonger\s)\b(?:kept|held|retained|stored|keep|hold|retain|remain|remains|are|is)\s+"
    r"(?:with|by|in\s+the\s+(?:hands|custody|possession)\s+of)\s+(?:the\s+|their\s+)?"
    r"(?:individual\s+|migrant\s+|foreign\s+|respective\s+)?(?:workers?|employees?|holders?|owners?)\b(?!['’])"
    r"(?!\s+(?:representatives?|committee|union|leaders?|supervisors?))"
    r"|\bin\s+(?:the\s+)?(?:workers?|employees?)(?:['’]s?|s['’])\s+(?:own\s+)?(?:possession|custody|hands)\b",
    re.I,
)
_RETURNED = re.compile(r"\b(?:returned|handed\s+back|given\s+back|now|since|previously|no\s+longer)\b", re.I)


def held_by_workers(clause: str) -> bool:
    """Whether ``clause`` says the workers themselves hold their documents ("Passport custody: retained by
    workers"), without a return that would make it a remediation."""
    return _WORKER_HOLDS.search(clause) is not None and _RETURNED.search(clause) is None


#: a corrective-action headline that says a finding was put right: "Document retention corrected: all passports
#: returned", "Finding 4 closed - deductions refunded"; not "Not yet corrected:" or "Partly resolved:"
_CORRECTED_HEADLINE = re.compile(
    r"^\W*(?![^:–—]*\b(?:not|no|partly|partially|pending|open|yet|un\w+)\b)(?:[\w'’/.()-]+\s){0,6}?"
    r"(?:corrected|rectified|remediated|resolved|closed)\s*(?::|\s[–—-])\s",
    re.I,
)


def corrected_headline(sentence: str) -> bool:
    """Whether ``sentence`` opens with a headline saying a finding was corrected: what follows is a remediation,
    even when it reads like a compliant state ("... corrected: all passports returned")."""
    return _CORRECTED_HEADLINE.search(sentence) is not None


#: a claim from outside the audit, reported by the auditor: "a media story said ...", "a hotline caller alleged ..."
_ALLEGATION = re.compile(
    r"\b(?:alleg\w*|claim(?:s|ed|ing)?|rumou?r\w*|accus\w*|(?:media|news|press|newspaper)\s+(?:story|stories|report|"
    r"reports|article)|ngo\s+reports?|hotline\s+call\w*|anonymous\s+(?:call|caller|complaint|letter|tip)\w*)\b",
    re.I,
)


def is_allegation(clause: str) -> bool:
    """Whether ``clause`` reports a claim made outside the audit (an allegation, a media or NGO report, a hotline
    call) rather than what the audit found."""
    return _ALLEGATION.search(clause) is not None


def clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause span that holds the most of the character span ``[start, end)``."""
    return max(clause_spans(text), key=lambda c: (min(c[1], end) - max(c[0], start), -c[0]))


def _outside(m: re.Match[str], start: int, end: int) -> bool:
    return m.end() <= start or m.start() >= end


_NO_ANSWERS = frozenset({"no", "none", "nil", "n/a", "na", "0", "zero", "not observed", "not found"})


def _neg_before(clause: str, s: int, e: int) -> bool:
    return any(
        _outside(m, s, e) and m.start() < e and not _DEPRIVATION.search(clause[: m.start()])
        for m in _NEG_BEFORE.finditer(clause)
    )


def _negated(clause: str, s: int, e: int) -> bool:
    """A negator before the cue (not a deprivation such as "had no water"), a negated predicate after it,
    or a "No" answer in a question/answer cell."""
    a = _ANSWER.search(clause)
    return (
        _neg_before(clause, s, e)
        or any(m.start() >= e for m in _NEG_AFTER.finditer(clause))
        or bool(a and a.group(1).lower() in _NO_ANSWERS)
    )


def rule_status(text: str, start: int, end: int, clause: tuple[int, int] | None = None) -> AssertionStatus:
    """Assertion status of the mention cue at ``text[start:end]`` from the words of its clause.

    ``clause`` defaults to :func:`clause_of` the cue. Precedence: remediation ("fees were refunded") beats
    negation; negation beats hypothetical and policy; a policy statement with an observation verb ("in breach
    of the policy, workers paid") is present.
    """
    c0, c1 = clause or clause_of(text, start, end)
    ctext = text[c0:c1]
    s, e = start - c0, end - c0
    if _REMEDIATED.search(ctext):
        return "remediated"
    if _negated(ctext, s, e):
        return "negated"
    if _HYPOTHETICAL.search(ctext):
        return "hypothetical"
    if _POLICY.search(ctext) and not _OBSERVED.search(ctext):
        return "policy_only"
    return "present"


def status_features(text: str, start: int, end: int, clause: tuple[int, int] | None = None) -> dict[str, float]:
    """Binary rule signals for the learned status model (each true/false for the mention's clause)."""
    c0, c1 = clause or clause_of(text, start, end)
    ctext = text[c0:c1]
    s, e = start - c0, end - c0
    return {
        "rule=" + rule_status(text, start, end, (c0, c1)): 1.0,
        "neg_before": float(_neg_before(ctext, s, e)),
        "neg_after": float(any(m.start() >= e for m in _NEG_AFTER.finditer(ctext))),
        "answer_no": float(bool((a := _ANSWER.search(ctext)) and a.group(1).lower() in _NO_ANSWERS)),
        "answer_yes": float(bool(a and a.group(1).lower() not in _NO_ANSWERS)),
        "remediated": float(bool(_REMEDIATED.search(ctext))),
        "policy": float(bool(_POLICY.search(ctext))),
        "observed": float(bool(_OBSERVED.search(ctext))),
        "hypothetical": float(bool(_HYPOTHETICAL.search(ctext))),
        "multi_clause": float(len(clause_spans(text)) > 1),
    }
