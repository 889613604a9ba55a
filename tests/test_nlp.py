"""Unit tests of the NLP components on hard cases; none needs the trained model."""

from __future__ import annotations

import re

import numpy as np
import pytest

from auditparse.datamodel.nlp import INDICATORS
from auditparse.nlp.assertion import (
    clause_spans,
    corrected_headline,
    held_by_workers,
    is_allegation,
    is_contrastive,
    rule_status,
    scope_marked,
)
from auditparse.nlp.components import (
    IndicatorTagger,
    open_question,
    resolve_allegations,
    resolve_compliant_row,
    resolve_hours_within_limits,
    resolve_open_question,
)
from auditparse.nlp.quantities import (
    AFTER_WAGE_PERIOD,
    currency_code,
    find_quantities,
    overtime_quantities,
    table_hours_within_limits,
    wage_delay_quantities,
)
from auditparse.nlp.sections import heading_section, section_of_heading
from auditparse.nlp.segment import split_sentences
from auditparse.taxonomy import load_taxonomy


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


# --- taxonomy ------------------------------------------------------------------------------------------


def test_taxonomy_has_the_twelve_indicators_with_working_cues() -> None:
    tax = load_taxonomy()
    assert tuple(tax) == INDICATORS
    for ind in tax.values():
        assert ind.definition and ind.sub_indicators and ind.examples
        cue = re.compile("|".join(ind.cues), re.I)
        # every example sentence is found by its own indicator's cue lexicon
        assert all(cue.search(ex) for ex in ind.examples), ind.id


# --- segmentation --------------------------------------------------------------------------------------


def test_abbreviations_and_references_do_not_end_sentences() -> None:
    text = "No. of workers interviewed: 25. Approx. 40% were migrants, see NC-02-01. Refer to ETI 1.1 and Mr. Tan."
    assert sentences(text) == [
        "No. of workers interviewed: 25.",
        "Approx. 40% were migrants, see NC-02-01.",
        "Refer to ETI 1.1 and Mr. Tan.",
    ]


def test_wrapped_lines_join_but_bullets_headings_and_rows_split() -> None:
    text = (
        "3. WAGES AND BENEFITS\n"
        "The factory keeps passports of\nmigrant workers in the HR office.\n"
        "- Workers paid fees to the agent\n"
        "- No deposits were taken\n"
        "Ali   Operator   Paid RM 5,200 to agent\n"
        "Finding | Status | Closed"
    )
    assert sentences(text) == [
        "3. WAGES AND BENEFITS",
        "The factory keeps passports of\nmigrant workers in the HR office.",
        "- Workers paid fees to the agent",
        "- No deposits were taken",
        "Ali   Operator   Paid RM 5,200 to agent",
        "Finding | Status | Closed",
    ]


def test_a_table_row_stays_whole_unless_it_is_long() -> None:
    # the answer cell decides the status: "Identity documents retained" alone would read as a finding
    assert sentences("Identity documents retained | No\nAbuse of vulnerability | N/A - not observed") == [
        "Identity documents retained | No",
        "Abuse of vulnerability | N/A - not observed",
    ]
    long_cells = " | ".join(f"Cell {i} holds a long sentence about the canteen menu and its prices." for i in range(6))
    assert len(sentences(long_cells)) == 6


def test_a_question_keeps_its_answer() -> None:
    text = ("Q: Do any workers owe money to the agency? A: No, confirmed in all interviews.\n"
            "Are workers allowed to keep their mobile phones?\nNo\n"
            "Were wages late? The payroll was checked. Yes, they were.")
    assert sentences(text) == [
        "Q: Do any workers owe money to the agency? A: No, confirmed in all interviews.",
        "Are workers allowed to keep their mobile phones?\nNo",
        "Were wages late?",
        "The payroll was checked.",
        "Yes, they were.",
    ]


def test_a_question_keeps_a_rhetorical_answer() -> None:
    """Interview notes answer an echoed question with a denial; read apart, the question alone looks like a finding."""
    text = '"Pay the agent? For what? The company sent the ticket." "Slap us? Who would dare?" Locked in? Never. Why?'
    assert sentences(text) == [
        '"Pay the agent? For what?',
        'The company sent the ticket."',
        '"Slap us? Who would dare?"',
        "Locked in? Never.",
        "Why?",
    ]


def test_a_question_keeps_a_short_answer_or_a_dashed_one() -> None:
    text = ("Who paid for the pre-departure medical? Worker (4,780 taka)\n\n"
            "Has anyone been warned about what to say? - N\n\n"
            "Are the advances recovered from the crew's share? (Y) – every man on the crew list.\n\n"
            "Were wages late in the three months reviewed? The payroll was checked.")
    assert sentences(text) == [
        "Who paid for the pre-departure medical? Worker (4,780 taka)",
        "Has anyone been warned about what to say? - N",
        "Are the advances recovered from the crew's share? (Y) – every man on the crew list.",
        "Were wages late in the three months reviewed?",
        "The payroll was checked.",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "is_open"),
    [
        ("Are workers' passports retained by the employer?", True),  # a blank checklist question
        ("Question 12: Who keeps the workers' passports?", True),
        ('Remarks: "Loan from boss?', True),
        ("3) Did any worker pay a fee?", True),
        ("How can we leave when the boss holds our passports?", False),  # states a fact in a clause of its own
        ('Supervisor always scold and say "you want to go back to your country?', False),  # a quoted question
        ("Did you pay the agent? Yes, 3000 ringgit.", False),  # answered
        ("Workers paid fees to the agent.", False),
    ],
)
def test_an_unanswered_question_is_an_open_question(text: str, is_open: bool) -> None:
    assert open_question(text) is is_open


def test_an_open_question_is_no_evidence() -> None:
    mentions = [{"indicator": "retention_of_identity_documents", "status": "present"},
                {"indicator": "recruitment_fees", "status": "negated"}]
    resolve_open_question("Are workers' passports retained by the employer?", mentions)
    assert [m["status"] for m in mentions] == ["hypothetical", "negated"]
    answered = [{"indicator": "retention_of_identity_documents", "status": "present"}]
    resolve_open_question("Are workers' passports retained by the employer? Yes, all 40.", answered)
    assert answered[0]["status"] == "present"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Week 37 | days worked: 6 | total hours: 57 | C", "negated"),
        ("Passports held by employer | none found | Compliant", "negated"),
        ("Week 37 | days worked: 7 | total hours: 71 | NC", "present"),  # non-compliant
        ("Passports held by employer | 12 workers | see NC 4", "present"),
    ],
)
def test_a_row_marked_compliant_is_no_evidence(text: str, status: str) -> None:
    mentions = [{"indicator": "excessive_overtime", "status": "present"}]
    resolve_compliant_row(text, mentions)
    assert mentions[0]["status"] == status


@pytest.mark.parametrize(
    ("text", "within"),
    [
        ("Longest stretch without a day off: 6 days", True),
        ("Maximum weekly hours found: 58", True),
        ("OT hours/week (max, sample of 30) | 12 | Within 12 h", True),
        ("Weekly schedule (maintenance crew) | 58 h", True),
        ("Longest stretch without a day off: 19 days", False),  # beyond the limit
        ("Maximum weekly hours | 58 | NC", False),  # the auditor flags a breach (of a stricter law)
        ("Overtime hours per week (average): 9 | forced", False),  # involuntary overtime
        ("Weekly hours (max): 58; no rest day for 3 weeks", False),  # another figure beyond the limit
        ("Workers worked 58 hours a week.", False),  # prose, not a figure in a row
        ("Legal weekly hours: 72", False),  # a rule, no figure worked
    ],
)
def test_hours_within_the_limits_in_a_row(text: str, within: bool) -> None:
    assert table_hours_within_limits(text) is within


def test_a_row_of_hours_within_the_limits_is_no_evidence() -> None:
    mentions = [{"indicator": "excessive_overtime", "status": "present"}, {"indicator": "isolation", "status": "present"}]
    resolve_hours_within_limits("Longest stretch without a day off: 6 days", mentions)
    assert [m["status"] for m in mentions] == ["negated", "present"]  # only overtime is read from the figure
    mentions = [{"indicator": "excessive_overtime", "status": "present"}]
    resolve_hours_within_limits("Longest stretch without a day off: 9 days", mentions)
    assert mentions[0]["status"] == "present"


def test_segmentation_offsets_are_exact_on_ocr_noise() -> None:
    text = "Wor kers said  thcy paid Rs.90,000.  Passp0rts kept by HR!\n\n\nOK"
    for a, b in split_sentences(text):
        assert text[a:b] == text[a:b].strip() and text[a:b]
    assert len(split_sentences(text)) == 3


# --- sections ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("3. Wages & Benefits", "wages"),
        ("PA 5 Fair Remuneration", "wages"),
        ("A2 Working Hours", "hours"),
        ("Forced, Bonded or Involuntary Labour", "forced_labour"),
        ("FREELY CHOSEN EMPLOYMENT", "forced_labour"),
        ("Recruitment and Labour Agencies", "recruitment"),
        ("Dormitory Conditions", "dormitory"),
        ("Health and Safety", "health_safety"),
        ("Child Labour", "child_labour"),
        ("Management Systems", "management_system"),
    ],
)
def test_section_of_heading(heading: str, section: str) -> None:
    assert section_of_heading(heading) == section


def test_a_sentence_is_not_a_heading() -> None:
    assert heading_section("Wages were paid late for three months.") is None
    assert heading_section("Working Hours") == "hours"


# --- assertion status ----------------------------------------------------------------------------------


def status(text: str, cue: str) -> str:
    i = text.index(cue)
    return rule_status(text, i, i + len(cue))


def test_negation_scope_stops_at_the_clause_boundary() -> None:
    text = "No passports were retained; however, workers paid fees to the agent."
    assert status(text, "passports") == "negated"
    assert status(text, "fees") == "present"
    text = "Workers had not been charged recruitment fees, but their passports were kept by the supervisor."
    assert status(text, "recruitment fees") == "negated"
    assert status(text, "passports") == "present"


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("There was no evidence of worker-paid recruitment fees.", "recruitment fees", "negated"),
        ("None of the interviewed workers reported threats.", "threats", "negated"),
        ("Deductions for meals were not observed.", "Deductions", "negated"),
        ("Phones confiscated | No", "Phones", "negated"),
        ("The dormitory had no running water.", "running water", "present"),
        ("Workers were not allowed to leave the dormitory after 9 pm.", "not allowed to leave", "present"),
        ("Recruitment fees of BDT 350,000 were refunded to 42 workers in May.", "Recruitment fees", "remediated"),
        ("Passports have since been returned to the workers.", "Passports", "remediated"),
        ("The company policy prohibits the retention of passports.", "passports", "policy_only"),
        ("If a worker asks, the passport would be returned within a day.", "passport", "hypothetical"),
        ("Workers paid RM 5,200 to the agent.", "paid", "present"),
    ],
)
def test_rule_status(text: str, cue: str, expected: str) -> None:
    assert status(text, cue) == expected


class _ClauseModel:
    """Stands in for the trained clause model: negated for a clause that says wages are paid on time."""

    def clause_status_probs(self, text: str, clause: tuple[int, int], k: int) -> np.ndarray:
        negated = "on time" in text[clause[0] : clause[1]]
        return np.array([0.2, 0.8, 0, 0, 0] if negated else [0.9, 0.1, 0, 0, 0], dtype=np.float32)


def _resolved(text: str, spans: list[tuple[str, str]]) -> dict[str, str]:
    mentions = []
    for indicator, clause in spans:
        a = text.index(clause)
        mentions.append({"indicator": indicator, "status": "present", "score": 0.99, "start": a, "end": a + len(clause)})
    IndicatorTagger.resolve_contrast(_ClauseModel(), text, mentions)  # type: ignore[arg-type]
    return {m["indicator"]: m["status"] for m in mentions}


def test_a_contrast_keeps_the_clause_status_of_the_side_that_is_not_a_finding() -> None:
    text = "Wages are paid on time, but the passports of 40 workers were kept by the company."
    assert is_contrastive(text) and is_contrastive("Although no fees were charged, workers could not leave.")
    assert not is_contrastive("Wages are paid on time and the passports are kept by the workers.")
    spans = [("withholding_of_wages", "Wages are paid on time"), ("retention_of_identity_documents", "the passports of 40 workers")]
    assert _resolved(text, spans) == {"withholding_of_wages": "negated", "retention_of_identity_documents": "present"}
    # no contrastive word: both readings stand (the tier's sentence status is kept)
    joined = text.replace(", but", ", and")
    assert set(_resolved(joined, spans).values()) == {"present"}
    # one positive clause only: nothing to set against it
    assert _resolved(text, spans[:1]) == {"withholding_of_wages": "present"}


class _Weighted:
    """Stands in for the tagger in ``status_of``: a clause model that leans to present by a little."""

    status_blend = 1.0

    def __init__(self, evidence_weight: float) -> None:
        self.evidence_weight = evidence_weight

    def clause_status_probs(self, text: str, clause: tuple[int, int], k: int) -> np.ndarray:
        return np.array([0.45, 0.40, 0.1, 0.05, 0.0], dtype=np.float32)  # present, negated, policy, remediated, hyp.


def test_the_evidence_weight_asks_for_a_clearer_reading_before_a_finding() -> None:
    text = "Deductions for the hostel: as agreed in writing"
    assert IndicatorTagger.status_of(_Weighted(1.0), text, (0, len(text)), 7)[0] == "present"  # type: ignore[arg-type]
    # 0.45 x 0.7 < 0.40: a near tie goes to the reading that is not a finding; its own probability is reported
    assert IndicatorTagger.status_of(_Weighted(0.7), text, (0, len(text)), 7) == ("negated", pytest.approx(0.40))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("clause", "held"),
    [("Passport custody: retained by workers.", True), ("Passports remain with workers", True),
     ("Passports are in the workers' own possession", True), ("ID cards are kept by the employees themselves", True),
     ("Passports are not kept by workers", False), ("Passports are held by workers' supervisors", False),
     ("Passports are kept by the worker representative", False), ("Passports of workers are retained by HR", False),
     ("Passports held by HR were returned and are now kept by workers", False)],
)  # fmt: skip
def test_documents_held_by_the_workers_themselves(clause: str, held: bool) -> None:
    assert held_by_workers(clause) is held


@pytest.mark.parametrize(
    ("sentence", "corrected"),
    [("Document retention corrected: all passports returned, lockers installed.", True),
     ("NC-03 (wage deductions) rectified: deposits refunded to all 40 workers.", True),
     ("Finding 4 closed - deductions refunded", True), ("Closed: UNHCR cards returned to the workers.", True),
     ("Not yet corrected: passports still held by HR.", False), ("Partly resolved: 3 of 10 passports returned.", False),
     ("Unresolved: passports still kept.", False), ("Workers said the issue was raised; nothing was closed: fine", False),
     ("Passports are returned to workers after they are corrected.", False)],
)  # fmt: skip
def test_corrective_action_headlines(sentence: str, corrected: bool) -> None:
    assert corrected_headline(sentence) is corrected


def test_retention_words_with_the_worker_as_holder_are_not_a_finding() -> None:
    docs, wages = INDICATORS.index("retention_of_identity_documents"), INDICATORS.index("withholding_of_wages")
    text = "Passport custody: retained by workers."
    assert IndicatorTagger.status_of(_Weighted(1.0), text, (0, len(text)), docs)[0] == "negated"  # type: ignore[arg-type]
    assert IndicatorTagger.status_of(_Weighted(1.0), text, (0, len(text)), wages)[0] == "present"  # type: ignore[arg-type]
    text = "Passport custody: retained by the employer."
    assert IndicatorTagger.status_of(_Weighted(1.0), text, (0, len(text)), docs)[0] == "present"  # type: ignore[arg-type]


def test_an_allegation_checked_and_not_confirmed_is_not_a_finding() -> None:
    assert is_allegation("A 2024 media story said the cannery keeps the workers' passports")
    assert is_allegation("a hotline caller alleged that the warden keeps ID cards")
    assert not is_allegation("8 workers said supervisors warn them they will be fired if they complain")
    text = "A media story said the cannery keeps passports, but the HR safe held only copies."
    docs = "retention_of_identity_documents"
    mentions = [{"indicator": docs, "status": "present", "start": 0, "end": 45},
                {"indicator": docs, "status": "negated", "start": 51, "end": len(text)}]  # fmt: skip
    resolve_allegations(text, mentions)
    assert [m["status"] for m in mentions] == ["negated", "negated"]
    # confirmed by the audit (no negated finding of the same indicator): the allegation clause stays evidence
    mentions = [{"indicator": docs, "status": "present", "start": 0, "end": 45},
                {"indicator": "withholding_of_wages", "status": "negated", "start": 51, "end": len(text)}]  # fmt: skip
    resolve_allegations(text, mentions)
    assert mentions[0]["status"] == "present"


class _TwoClauses:
    """Stands in for the tagger in ``mentions``: every indicator sits in the given clauses, with one status."""

    threshold = 0.5

    def __init__(self, clauses: list[tuple[int, int]], statuses: list[str]) -> None:
        self.clauses, self.statuses = clauses, statuses

    def locate(self, text: str, k: int) -> list[tuple[int, int]]:
        return self.clauses

    def status_of(self, text: str, clause: tuple[int, int], k: int, tier: object = None) -> tuple[str, float]:
        return self.statuses[self.clauses.index(clause)], 0.9

    def resolve_checklist(self, text: str, mentions: list[dict[str, object]]) -> None:
        pass  # not a checklist row


def test_one_mention_per_status_quotes_all_its_clauses() -> None:
    text = "Wages were late in May; the agent kept the June pay; no deposit is taken."
    a, b, c = (0, 22), (24, 51), (53, 72)
    probs = np.zeros(len(INDICATORS), dtype=np.float32)
    probs[INDICATORS.index("withholding_of_wages")] = 0.9
    out = IndicatorTagger.mentions(_TwoClauses([a, b, c], ["present", "present", "negated"]), text, probs)  # type: ignore[arg-type]
    assert [(m["status"], text[m["start"] : m["end"]]) for m in out] == [
        ("present", "Wages were late in May; the agent kept the June pay"), ("negated", "no deposit is taken")]


def test_a_short_label_and_its_value_are_one_clause() -> None:
    for text in ("Passport custody: retained by workers.", "Contract substitution: contracts were replaced on arrival."):
        assert clause_spans(text) == [(0, len(text))]
    text = "The auditor noted the following facts: passports were held."
    assert [text[a:b] for a, b in clause_spans(text)] == ["The auditor noted the following facts", "passports were held."]


def test_clauses_and_scope_marking() -> None:
    text = "No fees were charged, but workers repaid a loan to the agent"
    assert [text[a:b] for a, b in clause_spans(text)] == ["No fees were charged", "workers repaid a loan to the agent"]
    text = "Although no recruitment fees were charged, workers could not leave the dormitory; wages were late."
    assert [text[a:b] for a, b in clause_spans(text)] == [
        "Although no recruitment fees were charged", "workers could not leave the dormitory", "wages were late."]
    assert scope_marked("Workers did not pay any fees.") == "Workers did not xnpay xnany xnfees."
    assert scope_marked("The room had no window") == "The room had no window"


# --- quantities ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "code"),
    [("RM", "MYR"), ("ringgit", "MYR"), ("Tk.", "BDT"), ("taka", "BDT"), ("NRs.", "NPR"), ("Nepali rupees", "NPR"),
     ("US$", "USD"), ("$", "USD"), ("baht", "THB"), ("฿", "THB"), ("RMB", "CNY"), ("yuan", "CNY"), ("¥", "CNY")],
)  # fmt: skip
def test_currency_spellings(spelling: str, code: str) -> None:
    assert currency_code(spelling) == code


def q(text: str) -> list[tuple[str, float, str | None, float | None]]:
    return [(x.kind, x.value, x.unit, x.total) for x in find_quantities(text)]


def test_money_in_many_spellings() -> None:
    assert q("Workers repaid RM 5,200 to the agent") == [("money", 5200.0, "MYR", None)]
    assert q("paid BDT 350,000 (US$3,200) and Tk. 20,000") == [
        ("money", 350000.0, "BDT", None), ("money", 3200.0, "USD", None), ("money", 20000.0, "BDT", None)
    ]  # fmt: skip
    assert q("NPR 1.5 lakh, 40,000 baht, RMB3000, 900 yuan") == [
        ("money", 150000.0, "NPR", None), ("money", 40000.0, "THB", None), ("money", 3000.0, "CNY", None),
        ("money", 900.0, "CNY", None),
    ]  # fmt: skip
    assert q("Form 5 was signed") == []  # "RM" inside a word is not ringgit


def test_hours_days_and_affected_workers() -> None:
    text = (
        "3 of 25 interviewed workers worked 72 hours per week and 14-hour shifts, with 21 consecutive days "
        "without rest; wages were delayed by 45 days for 40% of workers."
    )
    assert q(text) == [
        ("workers_affected", 3.0, None, 25.0),
        ("hours_per_week", 72.0, None, None),
        ("hours_per_day", 14.0, None, None),
        ("consecutive_days", 21.0, None, None),
        ("wage_delay_days", 45.0, None, None),
        ("share_affected", 0.4, None, None),
    ]
    assert q("overtime of 36 hours per month; thirteen days in a row; half of the interviewed workers") == [
        ("overtime_hours_per_month", 36.0, None, None),
        ("consecutive_days", 13.0, None, None),
        ("share_affected", 0.5, None, None),
    ]


def test_working_week_stated_as_a_total() -> None:
    assert q("The average working week in the sample was 85 hours, against a legal maximum of 48.") == [
        ("hours_per_week", 85.0, None, None),
    ]


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Packers clocked 77 hours in the peak week, although no worker reported any threat.", 77.0),
        ("Time cards show 81 hours during the busiest week of March.", 81.0),
        ("Two welders worked 70 hours that week.", 70.0),
        ("Records for week 32 show the same: 66 hours in week 32 for the line leader.", 66.0),
        ("Loaders logged 75 hours over the last week before shipment.", 75.0),
        ("Trainees attend 9 hours in the week-long induction.", None),  # not a week of work
        ("Operators worked 12 hours in the first day of the week.", None),
    ],
)
def test_hours_in_one_named_week_are_hours_per_week(text: str, hours: float | None) -> None:
    assert [v for kind, v, _, _ in q(text) if kind == "hours_per_week"] == ([] if hours is None else [hours])


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Riggers worked shifts of 14 hours during the shutdown.", ("hours_per_day", 14.0)),
        ("Time cards show a 16-hour working day for the boiler crew.", ("hours_per_day", 16.0)),
        ("Working days of 15 hours were common in the harvest.", ("hours_per_day", 15.0)),
        ("Drivers said they drove 16 hours straight to meet the delivery slots.", ("hours_per_day", 16.0)),
        ("Cooks had no day off for 3 weeks during the festival.", ("consecutive_days", 21.0)),
        ("Crew went six weeks without a rest day.", ("consecutive_days", 42.0)),
        ("There was no rest day for 20 days in the sampled month.", ("consecutive_days", 20.0)),
        ("The salary of the housemaid was paid two months late.", ("wage_delay_days", 60.0)),
        ("Wages have not been paid for three months.", ("wage_delay_days", 90.0)),
        ("Wages were delayed by 2 months at the quarry.", ("wage_delay_days", 60.0)),
        ("Sewers worked 110 hours of overtime in March.", ("overtime_hours_per_month", 110.0)),
        ("Overtime reached 120 hours a month in the peak.", ("overtime_hours_per_month", 120.0)),
        ("Wages were paid for 3 months in a lump sum.", ("duration_months", 3.0)),  # a duration, not a delay
    ],
)
def test_hours_days_and_delays_in_other_words(text: str, want: tuple[str, float]) -> None:
    assert [(kind, v) for kind, v, _, _ in q(text)] == [want]


@pytest.mark.parametrize(
    ("text", "beyond"),
    [
        ("Time records showed 78 hours in one week for sewing operators.", True),
        ("Cooks had no day off for 3 weeks during the festival.", True),
        ("Drivers said they drove 16 hours straight to meet the delivery slots.", True),
        ("A shift of 8 hours is followed by a one-hour break.", False),
        ("Operators worked 14-hour shifts during the peak.", True),
        ("Some packers worked 19 consecutive days without a day off.", True),
        ("Overtime of 20 hours per week was recorded in March.", True),
        ("In May, sewing operators worked 74 hours per week.", True),  # the month is not the modal "may"
        ("No worker exceeded 72 hours per week in the sample.", True),  # beyond the limit; the status says negated
        ("Workers work 8 hours a day from Monday to Friday and 4 hours on Saturday.", False),
        ("The highest weekly total in the sample was 58 hours per week.", False),
        ("The legal maximum is 72 hours per week.", False),
        ("Weekly hours must not exceed 66 hours per week under the local code.", False),
        ("Workers have 6 consecutive days of work and one rest day.", False),
        # table rows: a label cell that names working hours, then the figure
        ("Total weekly hours, dyeing (highest in sample) | 77 | Non-compliance", True),
        ("C-3: Weekly OT (peak season) | 26 h | NC", True),
        ("Daily working hours, longest day | 15 h", True),
        ("Total weekly hours, dyeing (highest in sample) | 57 | Compliant", False),
        ("Legal weekly working hours | 72", False),  # a rule, not hours worked
        ("Weekly hours per factory policy | 66", False),
        ("Overtime premium per week | 150", False),
        ("Shift length, kiln (time log, May 2024) | max 16 h | NC", True),  # "max" in the figure cell is the highest found
        ("Shift length (company policy) | max 12 h", False),
        # key-value lines ("label: figure"), and days without rest in a table
        ("Maximum weekly hours found: 74", True),
        ("Weekly hours (max): 71", True),
        ("Daily working hours: 14 h", True),
        ("Longest stretch without a day off: 19 days", True),
        ("Consecutive working days (max) | 13", True),
        ("Longest stretch without a day off: 6 days", False),
        ("Maximum weekly hours found: 58", False),
        ("Legal weekly hours: 72", False),  # a rule
        ("Workers without a day off: 12", False),  # a count of workers, not of days
        ("Weekly hours: 12 days", False),  # days are not hours
        ("Overtime per week: 10:30", False),  # a clock time, not 30 hours
        # shifts given as clock times, after a word for working time
        ("Time cards show night shifts from 18:00 to 09:30, five nights a week.", True),  # past midnight
        ("Housekeepers said they worked from 6 am to 10 pm in the high season.", True),
        ("Loaders were on duty 06.00-21.00 on Saturdays.", True),
        ("The day shift runs from 08:00 to 17:00 with a one-hour lunch break.", False),
        ("The canteen is open from 05:30 to 23:00.", False),  # opening hours, no shift
        ("Company policy limits shifts from 07:00 to 19:00 at most.", False),  # a rule
        ("They worked 10.50 to 12.00 hours a day.", False),  # decimal hours, not clock times
    ],
)
def test_overtime_quantities_beyond_the_labelling_limits(text: str, beyond: bool) -> None:
    assert overtime_quantities(text) is beyond


@pytest.mark.parametrize(
    ("text", "beyond"),
    [
        ("Bank records showed the wages for July were transferred 45 days after the pay date stated in the contract.", True),
        ("Salary of worker is paid late, around 45 days after end of month, and sometimes in two parts.", True),
        ("Wages for March were paid 30 days late to all production workers.", True),
        ("Wages were delayed by up to twenty days in the peak season.", True),
        ("The salary of the housemaid was paid two months late.", True),
        ("The law allows wages to be paid up to 2 months late in this sector.", False),  # a rule
        ("The vessel stayed at sea and returned 23 months later.", False),  # "later" is not "late"
        ("The crew signed off 30 days later in Busan.", False),
        ("No wage payment in the sample was more than 14 days overdue.", True),  # beyond the limit; the status says negated
        ("Wages were paid 2 days after the due date because of a bank holiday.", False),
        ("The law allows wages to be paid up to 10 days after the end of the month.", False),
        ("Wages are paid within 7 days of the end of the wage period.", False),
        ("Workers get 14 days of annual leave after one year of service.", False),
    ],
)
def test_wage_delay_quantities_beyond_the_limit(text: str, beyond: bool) -> None:
    assert wage_delay_quantities(text) is beyond


@pytest.mark.parametrize(
    ("text", "delays", "beyond"),
    [
        ("Wages for July were transferred on 25 September, after the audit was announced.", [56.0], True),
        ("The crew's October and November pay reached them on 2 November and 28 January respectively.", [2.0, 59.0], True),
        ("Most pickers received the June wages on August 14.", [45.0], True),  # verb before the wage period
        ("The overtime pay for December 2025 went out in the last week of February 2026.", [53.0], True),
        ("Wages for March 2024 were paid on 7 April 2024.", [7.0], False),
        ("The June wages, due on 7 July, were paid on 20 July.", [20.0], False),  # late, but within the month after
        ("The May salary was credited in July.", [31.0], False),  # some day in July: not provably beyond a month
        ("Under the contract, wages for each month are paid by the 10th of the following month.", [], False),
        ("The law requires the wages for March to be paid by 30 May at the latest.", [], False),  # a rule
        ("The January wages were paid on time, and staff may ask for an advance.", [], False),  # "may" is no date
        ("The March wages were paid on 28 March.", [], False),  # paid before the period closed
        # one date for several periods: each is paid on it; the text holds one quantity per date, the longest delay
        ("Salaries for November and December were both credited on 9 February.", [71.0], True),
    ],
)
def test_wage_delays_stated_as_dates(text: str, delays: list[float], beyond: bool) -> None:
    found = [x for x in find_quantities(text) if x.kind == "wage_delay_days"]
    assert [x.value for x in found] == delays
    assert all(x.unit == AFTER_WAGE_PERIOD and text[x.start : x.end] == x.text for x in found)
    assert wage_delay_quantities(text) is beyond


def test_quantity_offsets_point_at_their_text() -> None:
    text = "Each worker paid NRs. 95,000 and worked sixty hours a week."
    for x in find_quantities(text):
        assert text[x.start : x.end] == x.text


def test_reference_numbers_are_not_worker_counts() -> None:
    assert q("NC-01 Migrant workers paid MYR 4,000; NC-04 Workers worked 14 consecutive days") == [
        ("money", 4000.0, "MYR", None),
        ("consecutive_days", 14.0, None, None),
    ]


def test_sentence_case_headings_and_report_titles() -> None:
    assert heading_section("Summary of findings") == "general"
    assert heading_section("Sedex Members Ethical Trade Audit (SMETA)") is None


def test_a_line_ending_in_a_colon_runs_on_in_lower_case() -> None:
    text = "Workers are not cut off from their families:\nfree internet access is available.\nAddress:\nNo. 5 Road"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Workers are not cut off from their families:\nfree internet access is available.",
        "Address:",
        "No. 5 Road",
    ]


def test_a_sentence_split_by_an_ocr_block_gap_is_joined_again() -> None:
    text = ("Workers are housed at an isolated site two hours\n\nfrom the nearest town, with no means to leave.\n\n"
            "Housing\n\nthe dormitory is clean.\n\nNo fees were paid.\n\nfollow-up is due in May.")
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got[0] == "Workers are housed at an isolated site two hours\n\nfrom the nearest town, with no means to leave."
    # a word with an apostrophe or a comma before the gap does not end the sentence either
    text2 = "No evidence was found that workers'\n\nvulnerable status is used to control them."
    assert [text2[a:b] for a, b in split_sentences(text2)] == [text2]
    # a heading, or a sentence with its full stop, still ends at a blank line
    assert got[1:] == ["Housing", "the dormitory is clean.", "No fees were paid.", "follow-up is due in May."]
