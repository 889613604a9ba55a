"""Report-section detection: map a heading to the section of the report it opens.

Audit standards number and name their sections differently (SMETA "2. Wages", amfori BSCI "PA 5 Fair
Remuneration", RBA "A2 Working Hours"); the keywords below cover the common vocabulary of all of them.
"""

from __future__ import annotations

import re

from auditparse.nlp.segment import is_heading_like

#: section id -> keywords (regular expressions) that name it in a heading; first match wins, so specific first
SECTION_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("child_labour", r"child|young worker|juvenile|minimum age"),
    ("forced_labour", r"forced|bonded|involuntary|prison labou?r|freely chosen|freedom of employment|trafficking|modern slavery"),
    ("recruitment", r"recruit|hiring|labou?r agenc|employment agenc|migrant|foreign worker|broker"),
    ("wages", r"wage|remuneration|salar|compensation|pay\b|payroll|benefit|deduction"),
    ("hours", r"hours|overtime|working time|rest day|leave"),
    ("dormitory", r"dormitor|accommodation|housing|hostel|living"),
    ("health_safety", r"health|safety|fire|ohs|osh|hygien|emergenc|ppe\b|chemical"),
    ("discrimination", r"discriminat|equal|gender|harass|abuse|disciplin|humane treatment|dignity"),
    ("freedom_of_association", r"association|collective|union|bargaining|worker representation"),
    ("environment", r"environment|waste|emission|water"),
    ("business_ethics", r"business ethics|bribe|corruption|integrity"),
    ("management_system", r"management system|policy|policies|grievance|document|records|training|subcontract"),
    ("general", r"summary|overview|introduction|scope|site details|company profile|audit details|audit information|methodology"),
)
_COMPILED = tuple((sid, re.compile(pat, re.I)) for sid, pat in SECTION_KEYWORDS)
SECTIONS: tuple[str, ...] = tuple(s for s, _ in SECTION_KEYWORDS)


def section_of_heading(text: str) -> str | None:
    """The section a heading names, e.g. ``"3. Wages & Benefits" -> "wages"``; None when it names none."""
    for sid, pat in _COMPILED:
        if pat.search(text):
            return sid
    return None


def heading_section(line: str) -> str | None:
    """Like :func:`section_of_heading` but only for lines that look like headings (short, no final stop)."""
    return section_of_heading(line) if is_heading_like(line) else None
