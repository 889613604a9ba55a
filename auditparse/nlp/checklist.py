"""Checklist rows: a yes/no question or label with its answer ("Do workers hold their own passports? | No | ...",
"Overtime voluntary: No").

The answer decides the status, but only together with what the question asks. A question about a harm ("Did any
worker pay a recruitment fee?") answered Yes is evidence and answered No a negation; a question about a protection
("Can workers leave the dormitory freely?", "Were wages paid on time?") the other way round. :func:`parse_row`
finds the question and a plain yes/no answer; :func:`question_features` are the lexicon signals of the small model
(``checklist`` in the tagger folder, trained on TRAIN's checklist rows) that reads a question as harm or
protection. The tagger then sets the status of a present or negated mention in such a row from the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

# text before the question proper: "Q:", "Q3.", "Remarks: Q:", a bullet, "3)", "Auditor note:"
_LEAD = re.compile(r"^(?:.*?\bQ\s*\d*\s*[:.)]\s*|\s*(?:[-*•·]|\(?\d{1,3}[.)]|[A-Za-z][A-Za-z ]{1,28}:)\s*)?", re.S)
# a plain answer right after the question mark: "? Yes", "? | N |", "? - N", "? A: No –", "? Response: no", "? (Y)";
# "Always" answers Yes, "Never" and "None" No, "Partly" says the harm is there in part
_ANSWER = re.compile(
    r"\?\s*[\"”’']?\s*(?:\|\s*)?(?:[-–—]\s*)?(?:\(?(?:A|Ans|Answer|Response|Reply|Worker|Result)\s*\)?\s*[:.\-–]\s*)?[\"“]?\(?"
    r"(yes|no|y|n|never|none|always|partly|partially)\b(?!\s*[\w'’]*\s*\?)(?!\s*\[)",
    re.I,
)
# a rhetorical answer that denies the echoed question, as workers answer in interviews: "Pay the agent? For what?",
# "Slap us? Who would dare?", "Stopped at the gate? Not once"; it answers No
_RHETORICAL_NO = re.compile(
    r"\?\s*[\"”’']?\s*(?:\|\s*)?(?:\(?(?:A|Answer|Worker)\s*\)?\s*[:.\-–]\s*)?[\"“]?"
    r"(for\s+what|what\s+for|who\s+would\s+dare|not\s+once|no\s+way|of\s+course\s+not)\b",
    re.I,
)
# a ticked box, the box before its label ("? [ ] Yes [x] No") or after it ("? Yes [ ] No [x]")
_BOX_FIRST = re.compile(r"\?\s*\[[^?]{0,40}?\[\s*[xX✓✔]\s*\]\s*(yes|no)\b|\?\s*\[\s*[xX✓✔]\s*\]\s*(yes|no)\b", re.I)
_BOX_AFTER = re.compile(r"\?[^?\[]{0,10}?(?:yes|no)\s*\[[^?]{0,30}?\b(yes|no)\s*\[\s*[xX✓✔]\s*\]|\?\s*(yes|no)\s*\[\s*[xX✓✔]\s*\]", re.I)

# a checklist label with its answer, no question mark: "Workers hold their own passports | No | kept by HR",
# "Overtime voluntary: No", "Passports held by employer - Y"; the answer ends the row or is followed by a remark
_LABEL_ROW = re.compile(
    r"^\s*(?:[-*•·]\s*|\(?\d{1,3}[.)]\s*)?(?P<label>[^|:?\n.;\[\]]{8,140}?)\s*(?:\||:|\t| - | – )\s*"
    r"(?:\[\s*[xX✓✔]\s*\]\s*)?(?P<answer>yes|no|y|n)\b(?=\s*(?:$|[|(,.;:–-]))",
    re.I,
)
# lexicon signals of what a question asks about (dense features of the polarity model; the n-grams do the rest)
_PROTECTION = re.compile(
    r"\b(?:free(?:ly|dom)?|own|allowed|permitted|able|on\s+time|in\s+full|voluntar\w*|assist\w*|inform\w*|"
    r"explain\w*|understand\w*|receiv\w*|provided?|meets?|adequate|sufficient|enough|empty|at\s+least|access|"
    r"return\w*|consent\w*|agree\w*|match\w*|same|correct\w*|copy|choose|chose|refuse|decline|keep|hold|safe|"
    r"clean|rest\s+day|day\s+off|employer\s+(?:pay|paid|cover|bear)\w*)\b",
    re.I,
)
_HARM = re.compile(
    r"\b(?:any(?:one|body)?|ever|owe\w*|debts?|deduct\w*|fine[ds]?|hit|beat\w*|threat\w*|lock\w*|exceed\w*|"
    r"withh\w*|confiscat\w*|retain\w*|missing|charg\w*|forc\w*|deceiv\w*|punish\w*|penal\w*|more\s+than|over|"
    r"beyond|have\s+to|must|need\s+permission|only\s+(?:if|after|when)|fees?|paid?\s+(?:for|anyone|an?\s+(?:agent|broker)))\b",
    re.I,
)
FEATURES = ("lexicon_protection", "lexicon_harm")
#: also read label rows without a question mark ("Overtime voluntary: No")
LABEL_ROWS = True


@dataclass(frozen=True)
class ChecklistRow:
    """A yes/no question (``text[start:end]``, without its lead-in and question mark) and its answer."""

    start: int
    end: int
    yes: bool
    #: answered "partly": a harm partly found, or a protection partly denied; either way the harm is there
    partial: bool = False


def parse_row(text: str) -> ChecklistRow | None:
    """The checklist question of ``text`` and its plain yes/no answer, or None.

    Only the first question counts, and only when a yes/no answer (also Y/N, never, none, always, partly, a ticked
    box) follows its question mark directly, so that rhetorical questions in testimony ("Lock the gate on us?
    Then who ...") and open answers ("A: Once every two days") are left to the model; a rhetorical denial right
    after the question mark ("For what?", "Who would dare?", "Not once") answers No. Without a question mark, a label of two
    words or more followed by a cell separator or colon and a bare yes/no ("Overtime voluntary: No", "Passports
    held by employer | N | ...") is a row too; prose after a colon ("Finding: No evidence ...") is not.
    """
    q = text.find("?")
    if q <= 0:
        return _label_row(text) if LABEL_ROWS else None
    m = _ANSWER.match(text, q) or _BOX_FIRST.match(text, q) or _BOX_AFTER.match(text, q)
    if m is None:
        if _RHETORICAL_NO.match(text, q) is None:
            return None
        answer = "no"
    else:
        answer = next(g for g in m.groups() if g).lower()
    lead = _LEAD.match(text, 0, q)
    start = lead.end() if lead else 0
    while start < q and not text[start].isalnum():
        start += 1
    if q - start < 6:
        return None
    return ChecklistRow(start, q, answer in ("yes", "y", "always"), partial=answer in ("partly", "partially"))


def _label_row(text: str) -> ChecklistRow | None:
    """A checklist label of two words or more with a plain yes/no answer after a cell separator or colon."""
    m = _LABEL_ROW.match(text)
    if m is None or len(m.group("label").split()) < 2:
        return None
    return ChecklistRow(m.start("label"), m.end("label"), m.group("answer").lower() in ("yes", "y"))


def question_features(question: str) -> dict[str, float]:
    """Lexicon counts for the polarity model (see :data:`FEATURES`)."""
    # "hours recorded = hours paid": an equality is a compliance check, so a protection
    return {"lexicon_protection": float(len(_PROTECTION.findall(question)) + question.count("=")),
            "lexicon_harm": float(len(_HARM.findall(question)))}


def dense(questions: list[str]) -> np.ndarray:
    rows = [question_features(q) for q in questions]
    return np.array([[r[n] for n in FEATURES] for r in rows], dtype=np.float32).reshape(len(questions), len(FEATURES))


def training_examples(rows: list[dict[str, Any]]) -> tuple[list[str], list[int]]:
    """Questions of the labelled checklist rows in ``rows`` and whether each asks about a harm (1) or a
    protection (0): a present mention answered Yes, or a negated one answered No, marks a harm question. Rows
    whose present and negated mentions disagree are left out."""
    texts: list[str] = []
    y: list[int] = []
    for r in rows:
        row = parse_row(r["text"])
        statuses = {m["status"] for m in r.get("mentions") or [] if m.get("status") in ("present", "negated")}
        if row is None or row.partial or len(statuses) != 1:  # "Partly" says nothing of harm or protection
            continue
        texts.append(r["text"][row.start : row.end])
        y.append(int((statuses.pop() == "present") == row.yes))
    return texts, y

