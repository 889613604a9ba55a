"""Standard audit-template language: checklist questions with their answers, key-value rows, code clauses, local-law
and finding rows as the main schemes (SMETA / ETI, amfori BSCI, RBA, SA8000, SLCP) word them.

A reviewer sees these lines in every report, so a misreading here repeats across a whole share drive of audits. Each
line was written by the team with its expected evidence (indicators with a present or remediated mention) before the
tagger's output was seen; the lines are in no training, development or test split. Paraphrased from the public
templates, not copied.
"""

from __future__ import annotations

from functools import cache

import pytest

from auditparse.nlp import load_tagger

LINES = [
    ("Does the facility retain workers' original identity documents? | No", []),
    (
        "Does the facility retain workers' original identity documents? | Yes",
        ["retention_of_identity_documents"],
    ),
    ("Are workers required to pay recruitment fees or related costs? No", []),
    ("Are workers required to pay recruitment fees or related costs? Yes", ["recruitment_fees"]),
    ("Are workers free to leave the facility premises during breaks and after working hours? Yes", []),
    (
        "Are workers free to leave the facility premises during breaks and after working hours? No",
        ["restriction_of_movement"],
    ),
    ("Is there evidence of forced, bonded or indentured labour? No", []),
    ("Are workers required to lodge deposits with the employer? No", []),
    ("Are workers required to lodge deposits with the employer? Yes", ["withholding_of_wages"]),
    ("Are workers able to terminate their employment with reasonable notice? Yes", []),
    (
        "Are workers able to terminate their employment with reasonable notice? No",
        ["restriction_of_movement"],
    ),
    ("Is overtime voluntary? Yes", []),
    ("Is overtime voluntary? No", ["excessive_overtime"]),
    ("Do workers receive at least one day off in seven? Yes", []),
    ("Do workers receive at least one day off in seven? No", ["excessive_overtime"]),
    ("Are wages paid on time and in full? Yes", []),
    ("Are wages paid on time and in full? No", ["withholding_of_wages"]),
    ("Are any wages withheld as a disciplinary measure? No", []),
    ("Are any wages withheld as a disciplinary measure? Yes", ["withholding_of_wages"]),
    ("Do workers have access to their own bank accounts and ATM cards? Yes", []),
    ("Do workers have access to their own bank accounts and ATM cards? No", ["withholding_of_wages"]),
    ("Are workers in debt to the employer or the recruitment agent? No", []),
    ("Are workers in debt to the employer or the recruitment agent? Yes", ["debt_bondage"]),
    ("Were workers provided with a written contract in a language they understand before departure? Yes", []),
    (
        "Were workers provided with a written contract in a language they understand before departure? No",
        ["deception"],
    ),
    ("Is there any evidence of physical punishment, harassment or verbal abuse? No", []),
    (
        "Is there any evidence of physical punishment, harassment or verbal abuse? Yes",
        ["physical_sexual_violence"],
    ),
    ("Are workers threatened with dismissal, denunciation to authorities or other penalties? No", []),
    (
        "Are workers threatened with dismissal, denunciation to authorities or other penalties? Yes",
        ["intimidation_threats"],
    ),
    ("Do dormitories meet legal requirements for space, sanitation and safety? Yes", []),
    (
        "Do dormitories meet legal requirements for space, sanitation and safety? No",
        ["abusive_working_living_conditions"],
    ),
    ("Were vulnerable workers identified on site? Yes - migrant workers and pregnant workers", []),
    ("Are there any restrictions on workers communicating with family or outside parties? No", []),
    (
        "Are there any restrictions on workers communicating with family or outside parties? Yes",
        ["isolation"],
    ),
    ("Does the total working week exceed 60 hours? No", []),
    ("Does the total working week exceed 60 hours? Yes", ["excessive_overtime"]),
    ("Is prison labour used? No", []),
    # a blank template or interview guide: questions with no answer are no finding
    ("Are workers' original identity documents retained by the facility?", []),
    ("Did any worker pay a fee to obtain this job?", []),
    ("Who pays for the workers' visas, medical checks and air tickets?", []),
    ("Are security guards used to restrict the movement of workers? No", []),
    ("Are security guards used to restrict the movement of workers? Yes", ["restriction_of_movement"]),
    ("Do workers keep their passports and work permits? Yes", []),
    ("Do workers keep their passports and work permits? No", ["retention_of_identity_documents"]),
    ("Recruitment fees paid by workers: None found", []),
    ("Recruitment fees paid by workers: USD 1,200 per worker (Nepal agency)", ["recruitment_fees"]),
    ("Identity documents held by employer: No", []),
    ("Identity documents held by employer: Yes (passports in HR safe)", ["retention_of_identity_documents"]),
    ("Maximum weekly hours found: 58", []),
    ("Maximum weekly hours found: 74", ["excessive_overtime"]),
    ("Longest stretch without a day off: 6 days", []),
    ("Longest stretch without a day off: 19 days", ["excessive_overtime"]),
    (
        "1. Employment is freely chosen. 1.1 There is no forced, bonded (including debt bondage) or involuntary prison labour.",
        [],
    ),
    (
        '1.2 Workers are not required to lodge "deposits" or their identity papers with their employer and are free to leave their employer after reasonable notice.',
        [],
    ),
    (
        "Local law requirement: Working hours shall not exceed 8 hours per day and 48 hours per week; overtime shall not exceed 36 hours per month.",
        [],
    ),
    (
        "Current system description: Workers work one shift from 08:00 to 17:00, Monday to Saturday, with one hour lunch break.",
        [],
    ),
    (
        "Non-compliance: Records show that 12 of 20 sampled workers worked more than 72 hours per week in October 2024, with up to 28 hours of overtime per week.",
        ["excessive_overtime"],
    ),
    (
        "Objective evidence: reviewed time records for January, June and October 2024; interviewed 25 workers.",
        [],
    ),
    (
        "Corrective action: Facility to ensure that total working hours do not exceed 60 hours per week. Current practice: 68-75 hours per week in peak season.",
        ["excessive_overtime"],
    ),
    ("Forced Labour: Compliant", []),
    (
        "PA 12 No Bonded Labour: Not compliant - workers' passports kept by the agent in Kuala Lumpur.",
        ["retention_of_identity_documents"],
    ),
    ("The facility has a written policy prohibiting the retention of original identity documents.", []),
    (
        "Good practice: the facility reimbursed recruitment fees of MYR 3,800 to 46 migrant workers in 2023.",
        ["recruitment_fees"],
    ),
    (
        "Workers stated that they paid NPR 150,000 to a sub-agent in Nepal for the job, visa and medical check.",
        ["recruitment_fees"],
    ),
    (
        "All 30 workers interviewed stated that they can resign with one month's notice and receive their final wages.",
        [],
    ),
    (
        "Three interviewed workers stated that they were told by supervisors they would lose their bonus if they refused Sunday overtime.",
        ["excessive_overtime", "intimidation_threats"],
    ),
    (
        "Dormitory: 8 workers per room, 3.6 m2 per person, separate toilets, hot water, fire extinguishers inspected.",
        [],
    ),
    (
        "Dormitory rooms house 16 workers each, with no windows, one toilet for 40 residents and no drinking water.",
        ["abusive_working_living_conditions"],
    ),
    (
        "Grievance mechanism: suggestion boxes are available and opened weekly by the HR manager and a worker representative.",
        [],
    ),
    (
        "Wages: all sampled workers received at least the legal minimum wage; payslips are provided in Burmese.",
        [],
    ),
    (
        "Wages for August were paid on 28 October, almost two months after the end of the wage period.",
        ["withholding_of_wages"],
    ),
    (
        "Four workers said the employer keeps their ATM cards and withdraws their salary to repay the agency loan.",
        ["debt_bondage", "withholding_of_wages"],
    ),
    ("Security: 4 guards, CCTV at gates; workers leave freely after their shift.", []),
    (
        "Workers must obtain a written gate pass signed by the production manager to leave the compound on Sundays.",
        ["restriction_of_movement"],
    ),
    (
        "Migrant workers: 112 (Nepal 64, Myanmar 48); all hold valid work permits which they keep themselves.",
        [],
    ),
    (
        "The agent told workers in Myanmar that they would earn THB 15,000 per month; payslips show THB 9,200 after deductions.",
        ["deception"],
    ),
    ("No worker interviewed reported any verbal or physical abuse.", []),
    (
        "A supervisor was seen pushing a worker and shouting insults on the sewing floor during the audit.",
        ["physical_sexual_violence"],
    ),
    (
        "A1.1 Freely chosen employment: The facility did not require workers to pay any recruitment fees (verified through interviews with 15 foreign workers).",
        [],
    ),
    (
        "A1.3 Did the facility hold workers' identity documents? Yes. Passports of 38 foreign workers were kept in the HR office; workers need to apply to get them back.",
        ["retention_of_identity_documents"],
    ),
    (
        "SA8000 2.3: No personnel are required to pay deposits or hand over identity documents upon hiring.",
        [],
    ),
    (
        "Finding: The facility withholds the first two months' salary of new workers as a guarantee against early resignation.",
        ["withholding_of_wages"],
    ),
    (
        "Verification: Workers confirmed that overtime is voluntary and that they may refuse without penalty.",
        [],
    ),
    (
        "Workers in the finishing department worked 7 days a week for 5 weeks before the shipment deadline.",
        ["excessive_overtime"],
    ),
    ("Housing: The dormitory is off-site, 10 minutes' walk, and workers come and go freely; no curfew.", []),
    (
        "Dormitory residents are locked in from 22:00 to 06:00 and the key is held by the security guard.",
        ["restriction_of_movement"],
    ),
    ("The facility does not employ any foreign migrant workers.", []),
    (
        "Interviewed workers owe between NPR 80,000 and NPR 200,000 to money lenders in Nepal for the recruitment costs and repay them from their wages.",
        ["debt_bondage", "recruitment_fees"],
    ),
    ("SLCP: Does the facility keep original identity documents of workers? No", []),
    (
        "SLCP: Does the facility keep original identity documents of workers? Yes",
        ["retention_of_identity_documents"],
    ),
    ("Workers' representatives are elected annually by secret ballot.", []),
    (
        "Workers stated they are not allowed to use mobile phones in the dormitory and can call family only once a month from the office.",
        ["isolation"],
    ),
    ("Workers can use their mobile phones during breaks and in the dormitory.", []),
    (
        "Workers stated that the supervisor threatened to report them to immigration if they complained to the auditors.",
        ["intimidation_threats"],
    ),
    (
        "The management representative stated that no disciplinary fines are used; verified in payroll records.",
        [],
    ),
    (
        "Payroll showed fines of 200 BDT deducted for being late and for talking on the line.",
        ["withholding_of_wages"],
    ),
    ("The social insurance contribution is deducted at 8% as required by law.", []),
]


@cache
def evidence() -> dict[str, list[str]]:
    """Every line tagged in one batch, as a report's pages are."""
    texts = [p.values[0] if hasattr(p, "values") else p[0] for p in LINES]
    return {t: r.indicators for t, r in zip(texts, load_tagger().tag_texts(texts), strict=True)}


@pytest.mark.parametrize(("text", "expected"), LINES)
def test_template_line_gives_the_expected_evidence(text: str, expected: list[str]) -> None:
    assert evidence()[text] == expected
