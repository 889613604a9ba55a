"""Checklist rows: question and yes/no answer parsing, training labels, and the status rule with a stand-in model."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from auditparse.datamodel.nlp import INDICATORS
from auditparse.nlp.checklist import dense, parse_row, question_features, training_examples
from auditparse.nlp.components import IndicatorTagger


@pytest.mark.parametrize(
    ("text", "question", "yes"),
    [
        ("Are workers free to resign with one month's notice? | Yes | per contract clause 9",
         "Are workers free to resign with one month's notice", True),
        ("Q2: Did the employer deduct a deposit from the first wage? A: No.", "Did the employer deduct a deposit from the first wage", False),
        ("Passport kept by management?  (Y)", "Passport kept by management", True),
        ("Any worker paid a placement fee?  [ ] Yes  [X] No", "Any worker paid a placement fee", False),
        ("Any worker paid a placement fee?  [x] Yes  [ ] No", "Any worker paid a placement fee", True),
        ("Any worker paid a placement fee? Yes [ ] No [x]", "Any worker paid a placement fee", False),
        ("Any worker paid a placement fee? Yes [x] No [ ]", "Any worker paid a placement fee", True),
        ("Overtime voluntary? N – refusals recorded as absence", "Overtime voluntary", False),
        ("Site note: Is drinking water available on every floor? Answer: yes", "Is drinking water available on every floor", True),
        ("4) Were any wages paid in cash through the contractor?\n| No |", "Were any wages paid in cash through the contractor", False),
        ('"Agent take your money? Never. I send it home myself."', "Agent take your money", False),
        ("Has anyone been warned about what to say to the auditors? - N", "Has anyone been warned about what to say to the auditors", False),
        ("Q: Were you asked before your name went on the overtime list? A: Always", "Were you asked before your name went on the overtime list", True),
        # a rhetorical denial answers No
        ('"Pay the agent? For what? The company sent the ticket."', "Pay the agent", False),
        ('"Slap us? Who would dare?"', "Slap us", False),
        ("Stopped at the gate? Not once in three seasons.", "Stopped at the gate", False),
        # label rows with no question mark, as checklists are often laid out
        ("Workers hold their own passports | No | kept in the HR safe", "Workers hold their own passports", False),
        ("Overtime voluntary: No", "Overtime voluntary", False),
        ("2) Recruitment fees paid by workers: Yes (USD 1,200)", "Recruitment fees paid by workers", True),
        ("Hours recorded = hours paid | Y", "Hours recorded = hours paid", True),
    ],
)
def test_a_checklist_row_gives_its_question_and_answer(text: str, question: str, yes: bool) -> None:
    row = parse_row(text)
    assert row is not None
    assert text[row.start : row.end] == question
    assert row.yes is yes


@pytest.mark.parametrize(
    "text",
    [
        "Lock us in? Who would cook for the night shift then?",  # rhetorical: no yes/no answer
        "Q: How are wages paid? A: By bank transfer on the 7th.",  # an open answer
        "Were recruitment fees charged to any worker?",  # no answer at all
        "No recruitment fees were charged.",
        "Fees? No",  # too short to say what it asks
        "Why? Nobody knows",  # "No" must be a whole word
        "Any worker paid a placement fee? [ ] Yes [ ] No",  # no box ticked
        "Finding: No evidence of forced labour was found.",  # prose after a label, not an answer
        "Wages: No deductions were made.",
        "The auditor asked about fees: no worker paid any.",
        "Overtime: No",  # a one-word label says too little
    ],
)
def test_rows_without_a_plain_answer_are_not_checklist_rows(text: str) -> None:
    assert parse_row(text) is None


def test_question_features_count_harm_and_protection_words() -> None:
    assert question_features("Can workers leave the hostel freely?") == {"lexicon_protection": 1.0, "lexicon_harm": 0.0}
    assert question_features("Did any worker pay fees to the broker?")["lexicon_harm"] >= 2.0
    assert question_features("Hours recorded = hours paid")["lexicon_protection"] == 1.0


def test_training_examples_label_the_question_by_answer_and_status() -> None:
    rows = [
        {"text": "Did any worker pay a fee? | Yes | USD 900", "mentions": [{"indicator": "recruitment_fees", "status": "present"}]},
        {"text": "Did any worker pay a fee? | No", "mentions": [{"indicator": "recruitment_fees", "status": "negated"}]},
        {"text": "Can workers leave freely? No", "mentions": [{"indicator": "restriction_of_movement", "status": "present"}]},
        {"text": "Can workers leave freely? Yes", "mentions": [{"indicator": "restriction_of_movement", "status": "negated"}]},
        {"text": "Is there a canteen on site? Yes", "mentions": []},  # nothing to learn from
        {"text": "Did any worker pay a fee? | Yes", "mentions": [{"indicator": "recruitment_fees", "status": "policy_only"}]},
        {"text": "No fees were paid.", "mentions": [{"indicator": "recruitment_fees", "status": "negated"}]},
    ]
    questions, y = training_examples(rows)
    assert questions == ["Did any worker pay a fee", "Did any worker pay a fee", "Can workers leave freely", "Can workers leave freely"]
    assert y == [1, 1, 0, 0]


class _Stub:
    """What ``resolve_checklist`` needs of the tagger: a question model, a margin, fast scores and cues."""

    def __init__(self, harm: float, about: str = "restriction_of_movement") -> None:
        self.harm = harm
        self.checklist = self
        self.checklist_margin = 0.15
        self.candidate_threshold = 0.07
        self.cues = [_NoCue()] * len(INDICATORS)
        self.about = INDICATORS.index(about)

    def scores(self, texts: list[str], dense: Any = None) -> np.ndarray:
        return np.array([[1.0 - self.harm, self.harm]] * len(texts))

    def fast_scores(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(INDICATORS)))
        out[:, self.about] = 0.9
        return out


class _NoCue:
    def search(self, text: str) -> None:
        return None


def _resolve(stub: _Stub, text: str, mentions: list[tuple[str, str]]) -> list[str]:
    ms = [{"indicator": i, "status": s} for i, s in mentions]
    IndicatorTagger.resolve_checklist(stub, text, ms)  # type: ignore[arg-type]
    return [m["status"] for m in ms]


def test_the_answer_and_the_question_decide_present_or_negated() -> None:
    protection, harm = _Stub(0.1), _Stub(0.9)
    row = "Can workers leave the compound on rest days? | No | gate pass needed"
    assert _resolve(protection, row, [("restriction_of_movement", "negated")]) == ["present"]
    assert _resolve(protection, row.replace("No", "Yes"), [("restriction_of_movement", "present")]) == ["negated"]
    assert _resolve(harm, row, [("restriction_of_movement", "present")]) == ["negated"]
    assert _resolve(harm, row.replace("No", "Yes"), [("restriction_of_movement", "negated")]) == ["present"]
    # "Always" is a Yes; "Partly" means the harm is there in part, whatever the question asks
    assert _resolve(protection, row.replace("No", "Always"), [("restriction_of_movement", "present")]) == ["negated"]
    assert _resolve(protection, row.replace("No", "Partly"), [("restriction_of_movement", "negated")]) == ["present"]
    assert _resolve(harm, row.replace("No", "Partly"), [("restriction_of_movement", "negated")]) == ["present"]


def test_the_rule_leaves_other_readings_and_unsure_questions_alone() -> None:
    row = "Can workers leave the compound on rest days? | No"
    # policy, remediated and hypothetical readings stay
    assert _resolve(_Stub(0.1), row, [("restriction_of_movement", "policy_only"), ("restriction_of_movement", "remediated")]) == [
        "policy_only", "remediated"]
    # a model within the margin of 0.5 changes nothing
    assert _resolve(_Stub(0.55), row, [("restriction_of_movement", "negated")]) == ["negated"]
    # an indicator the question is not about keeps its status
    assert _resolve(_Stub(0.1), row, [("recruitment_fees", "negated")]) == ["negated"]
    # not a checklist row: nothing changes
    assert _resolve(_Stub(0.1), "Workers cannot leave the compound on rest days.", [("restriction_of_movement", "negated")]) == ["negated"]


def test_make_models_fits_the_question_model_on_the_training_rows() -> None:
    from auditparse.nlp.train import fit_checklist

    def row(question: str, answer: str, indicator: str, status: str) -> dict[str, Any]:
        return {"text": f"{question}? | {answer} |", "mentions": [{"indicator": indicator, "status": status}]}

    harms = ["Did any worker pay a fee to the agent", "Were passports retained by the employer", "Were workers fined for lateness",
             "Did anyone owe money to the supervisor", "Were workers threatened with dismissal"]
    protections = ["Can workers leave the hostel freely", "Do workers hold their own passports", "Were wages paid on time",
                   "Are workers free to refuse overtime", "Do workers keep their own bank cards"]
    rows = [row(q, "Yes", "recruitment_fees", "present") for q in harms] + [row(q, "No", "recruitment_fees", "negated") for q in harms]
    rows += [row(q, "No", "restriction_of_movement", "present") for q in protections]
    rows += [row(q, "Yes", "restriction_of_movement", "negated") for q in protections]
    model = fit_checklist(rows * 3)
    assert model is not None and model.labels == ["protection", "harm"]
    probe = ["Were any workers fined by the agent", "Can workers keep their own passports freely"]
    harm = model.scores(probe, dense(probe))[:, 1]
    assert harm[0] > 0.5 > harm[1]
    assert fit_checklist([row(q, "Yes", "recruitment_fees", "present") for q in harms]) is None  # one kind only
