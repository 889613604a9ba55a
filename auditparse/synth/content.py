"""From a :class:`ReportSpec` to an abstract report: a list of blocks, each with the mentions it carries.

No reportlab here; :mod:`auditparse.synth.render` lays the blocks out. Every indicator sentence is recorded as a
:class:`MentionRec` (indicator, assertion status, exact sentence) so the truth JSON can say on which page each
mention landed.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from auditparse.datamodel.nlp import INDICATORS
from auditparse.synth import phrases as P
from auditparse.synth.routine import routine_sentence, templates
from auditparse.synth.spec import IndicatorCondition, NonComplianceSpec, ReportSpec, topic_of

BlockKind = Literal["title", "h1", "h2", "p", "kv", "table", "box", "cols", "break"]
COUNTRY_NAMES = {"MY": "Malaysia", "TH": "Thailand", "BD": "Bangladesh", "CN": "China", "VN": "Viet Nam",
                 "IN": "India"}
MIN_WAGE = {"MY": 1700, "TH": 10500, "BD": 12500, "CN": 2360, "VN": 190, "IN": 140}
LOCAL_CURRENCY = {"MY": "MYR", "TH": "THB", "BD": "BDT", "CN": "CNY", "VN": "USD", "IN": "USD"}


@dataclass
class MentionRec:
    indicator: str
    status: str  # present | remediated | negated | policy_only | hypothetical
    text: str  # the sentence as drawn


@dataclass
class NCRec:
    reference: str
    clause: str
    severity: str
    severity_label: str
    text: str
    corrective_action: str
    due_date: str
    indicators: list[str]
    mention_status: str = "present"  # how the NC text mentions its indicator (present or remediated)


@dataclass
class Block:
    """One unit of layout. ``rows`` for kv/table/box; ``text`` otherwise."""

    kind: BlockKind
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    mentions: list[MentionRec] = field(default_factory=list)
    ncs: list[NCRec] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # column shares for tables
    style: str = ""


# ---- formatting of quantities -------------------------------------------------------------------------------

_MONEY_FORMS = {
    "MYR": ["MYR {v}", "RM{v}", "RM {v}", "{v} ringgit"],
    "NPR": ["NPR {v}", "Rs. {v}", "{v} Nepali rupees"],
    "BDT": ["BDT {v}", "Tk {v}", "{v} taka"],
    "USD": ["USD {v}", "US${v}", "{v} US dollars"],
    "THB": ["THB {v}", "{v} baht", "{v} THB"],
    "CNY": ["CNY {v}", "RMB {v}", "{v} yuan"],
}


def money(amount: int, currency: str, rng: random.Random) -> str:
    """An amount written the way reports write it, e.g. ``RM3,500`` or ``3500 ringgit``."""
    v = f"{amount:,}" if rng.random() < 0.75 or amount < 10000 else str(amount)
    return rng.choice(_MONEY_FORMS[currency]).format(v=v)


def fmt_date(iso: str, rng: random.Random) -> str:
    d = dt.date.fromisoformat(iso)
    forms = ["%d %B %Y", "%d/%m/%Y", "%Y-%m-%d", "%B %d, %Y", "%d-%b-%Y", "%d.%m.%Y"]
    return d.strftime(rng.choice(forms)).lstrip("0")


_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve"]

# sentences that already say who speaks, or are in table style, get no extra frame
_ATTRIBUTED = re.compile(r"(Management|According|Workers?\b|Interview|In |During|The auditor|HR|One worker)|.*said\.$")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _low(s: str) -> str:
    return s if s[:2].isupper() or s[:1].isdigit() else s[:1].lower() + s[1:]


# ---- family layouts -----------------------------------------------------------------------------------------

# (code, title, topics). Every family covers the topics of all 12 indicators.
SECTIONS: dict[str, list[tuple[str, str, list[str]]]] = {
    "smeta": [
        ("0", "Management Systems and Code Implementation", ["management"]),
        ("1", "Freely Chosen Employment", ["employment"]),
        ("2", "Freedom of Association and Right to Collective Bargaining", ["foa"]),
        ("3", "Safety and Hygienic Conditions", ["hs"]),
        ("3A", "Accommodation", ["housing"]),
        ("4", "Child Labour", ["child"]),
        ("5", "Living Wages and Benefits", ["wages"]),
        ("6", "Working Hours", ["hours"]),
        ("7", "Discrimination", ["discrimination"]),
        ("8", "Regular Employment", ["regular_employment", "subcontracting"]),
        ("9", "Harsh or Inhumane Treatment", ["treatment"]),
        ("10", "Environment", ["environment"]),
        ("11", "Business Ethics", ["ethics"]),
    ],
    "bsci": [
        ("PA1", "Social Management System and Cascade Effect", ["management"]),
        ("PA2", "Workers Involvement and Protection", ["management"]),
        ("PA3", "Rights of Freedom of Association and Collective Bargaining", ["foa"]),
        ("PA4", "No Discrimination, Violence or Harassment", ["discrimination", "treatment"]),
        ("PA5", "Fair Remuneration", ["wages"]),
        ("PA6", "Decent Working Hours", ["hours"]),
        ("PA7", "Occupational Health and Safety", ["hs", "housing"]),
        ("PA8", "No Child Labour", ["child"]),
        ("PA9", "Special Protection for Young Workers", ["child"]),
        ("PA10", "No Precarious Employment", ["regular_employment", "subcontracting"]),
        ("PA11", "No Bonded, Forced Labour or Human Trafficking", ["employment"]),
        ("PA12", "Protection of the Environment", ["environment"]),
        ("PA13", "Ethical Business Behaviour", ["ethics"]),
    ],
    "rba": [
        ("A1", "Freely Chosen Employment", ["employment"]),
        ("A2", "Young Workers", ["child"]),
        ("A3", "Working Hours", ["hours"]),
        ("A4", "Wages and Benefits", ["wages"]),
        ("A5", "Humane Treatment", ["treatment"]),
        ("A6", "Non-Discrimination", ["discrimination"]),
        ("A7", "Freedom of Association", ["foa"]),
        ("B1", "Occupational Safety", ["hs"]),
        ("B8", "Sanitation, Food and Housing", ["housing"]),
        ("C1", "Environmental Permits and Reporting", ["environment"]),
        ("D1", "Business Integrity", ["ethics"]),
        ("E1", "Company Commitment and Management Accountability", ["management", "regular_employment"]),
    ],
    "wca": [
        ("Labour", "Labour", ["employment", "child", "discrimination", "treatment", "foa", "regular_employment"]),
        ("Wages & Hours", "Wages and Hours", ["wages", "hours"]),
        ("Health & Safety", "Health and Safety", ["hs", "housing"]),
        ("Management Systems", "Management Systems", ["management", "ethics"]),
        ("Environment", "Environment", ["environment"]),
    ],
    "narrative": [
        ("1", "Child Labour", ["child"]),
        ("2", "Forced or Compulsory Labour", ["employment"]),
        ("3", "Health and Safety", ["hs", "housing"]),
        ("4", "Freedom of Association and Right to Collective Bargaining", ["foa"]),
        ("5", "Discrimination", ["discrimination"]),
        ("6", "Disciplinary Practices", ["treatment"]),
        ("7", "Working Hours", ["hours"]),
        ("8", "Remuneration", ["wages"]),
        ("9", "Management System", ["management", "regular_employment", "environment"]),
    ],
}

SEVERITY_LABELS = {
    "smeta": {"critical": "Critical", "major": "Major", "minor": "Minor", "observation": "Observation"},
    "bsci": {"critical": "Zero Tolerance", "major": "Major finding", "minor": "Minor finding",
             "observation": "Improvement point"},
    "rba": {"critical": "Priority", "major": "Major", "minor": "Minor", "observation": "Risk of Nonconformance"},
    "wca": {"critical": "Zero Tolerance", "major": "Major", "minor": "Minor", "observation": "Moderate"},
    "narrative": {"critical": "Critical NC", "major": "Major NC", "minor": "Minor NC", "observation": "Observation"},
}
_CLAUSES = {"employment": "1", "wages": "5", "hours": "6", "housing": "3", "treatment": "9", "hs": "3",
            "management": "0", "environment": "10", "regular_employment": "8"}
TITLES = {
    "smeta": ["SMETA Audit Report", "Sedex Members Ethical Trade Audit (SMETA) Report"],
    "bsci": ["amfori BSCI Audit Report", "amfori BSCI Social Audit - Full Report"],
    "rba": ["RBA Validated Assessment Program - Audit Report", "VAP Audit Report"],
    "wca": ["Workplace Conditions Assessment Report", "WCA Audit Report"],
    "narrative": ["SA8000 Audit Report", "Social Accountability Assessment - Narrative Report"],
}


class Writer:
    """Draws the wording of one report from the phrase banks; all randomness comes from ``spec.seed``."""

    def __init__(self, spec: ReportSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed * 7919 + 17)
        self.nc_count = 0
        self.origin = spec.origin or "the home country"
        self.used: set[str] = set()
        self.template_uses: dict[str, int] = {}

    # -- sentences

    def _slots(self, ind: str | None) -> dict[str, Any]:
        rng, spec = self.rng, self.spec
        ic = spec.indicators.get(ind or "", IndicatorCondition())
        m = spec.coverage.workers_interviewed or 20
        n = ic.workers_affected or rng.randint(2, 12)
        slots: dict[str, Any] = {
            "n": _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) and rng.random() < 0.3 else n, "m": m,
            "ni": max(1, min(n, m, int(m * rng.uniform(0.2, 0.7)))), "m_f": m // 2 + m % 2, "m_m": m // 2,
            "room": rng.randint(12, 24),
            "origin": self.origin, "hours": ic.weekly_hours or 72, "days": ic.consecutive_days or 14,
            "delay": ic.wage_delay_days or 30, "month": rng.choice(P.MONTHS), "cur": LOCAL_CURRENCY[spec.site.country],
            "minwage": f"{MIN_WAGE[spec.site.country]:,}",
        }
        if ic.fee_amount and ic.fee_currency:
            slots["fee"] = money(ic.fee_amount, ic.fee_currency, rng)
        else:
            slots["fee"] = money(rng.randint(10, 40) * 100, LOCAL_CURRENCY[spec.site.country], rng)
        slots["agent"] = rng.choice(P.AGENTS).format(**slots)
        return slots

    def pick(self, options: list[str]) -> str:
        """A random option, avoiding ones already used in this report while fresh ones remain."""
        fresh = [o for o in options if o not in self.used] or options
        choice = self.rng.choice(fresh)
        self.used.add(choice)
        return choice

    def fill(self, template: str, ind: str | None = None, sentence: bool = True) -> str:
        """``template`` with its slots filled; a sentence starts with a capital (a clause does not)."""
        text = template.format(**self._slots(ind))
        return _cap(text) if sentence else text

    def mention(self, ind: str, status: str, framed: bool = True) -> tuple[str, MentionRec]:
        bank = P.HYPOTHETICAL[ind] if status == "hypothetical" else \
            P.BANK[ind]["policy" if status == "policy_only" else status]
        s = self.fill(self.pick(bank), ind)
        if framed and status in ("present", "negated") and not _ATTRIBUTED.match(s) and ":" not in s[:40]:
            frame = self.rng.choice(P.FRAMES)
            s = frame.format(s=s, s_low=_low(s))
        return s, MentionRec(ind, status, s)

    def compound(self, neg_ind: str, pres_ind: str) -> tuple[str, list[MentionRec]]:
        neg = self.fill(self.rng.choice(P.BANK[neg_ind]["negated_clause"]), neg_ind, sentence=False)
        pres = self.fill(self.rng.choice(P.BANK[pres_ind]["present_clause"]), pres_ind, sentence=False)
        s = self.rng.choice(P.COMPOUND).format(neg=neg, neg_cap=_cap(neg), pres=pres)
        return s, [MentionRec(neg_ind, "negated", s), MentionRec(pres_ind, "present", s)]

    def routine(self, topics: list[str], k: int) -> list[str]:
        """``k`` routine sentences: hand-written ones first (each used once), then templated ones."""
        out: list[str] = []
        year = int(self.spec.audit.audit_date[:4])
        while len(out) < k:
            topic = self.rng.choice(topics)
            fixed = [s for s in P.ROUTINE.get(topic, []) if s not in self.used]
            if fixed and self.rng.random() < 0.5:
                s = self.fill(self.pick(fixed))
            else:
                options = templates(topic)
                fresh = [t for t in options if self.template_uses.get(t, 0) < 2] or options
                template = self.rng.choice(fresh)
                self.template_uses[template] = self.template_uses.get(template, 0) + 1
                country = self.spec.site.country
                s = routine_sentence(template, self.rng, LOCAL_CURRENCY[country], year, MIN_WAGE[country])
            if s not in out:
                out.append(s)
        return out

    def routine_table(self, topic: str) -> Block | None:
        """A routine data table (safety checklist or wage sample), or None for other topics."""
        rng = self.rng
        if topic in ("hs", "housing"):
            items = rng.sample(["Fire extinguishers accessible", "Emergency exits unlocked", "Evacuation plan posted",
                                "First aid boxes complete", "Machine guarding", "Chemical labelling",
                                "Electrical panels closed", "PPE in use", "Forklift licences valid",
                                "Eye wash station working", "Lighting adequate", "Noise protection"], k=rng.randint(4, 7))
            rows = [["Item", "Status", "Remarks"]] + [
                [i, rng.choice(["Yes", "Yes", "Compliant", "OK"]), rng.choice(["", "Checked on the floor walk",
                                                                              f"{rng.randint(2, 30)} points checked",
                                                                              "Records seen"])] for i in items]
            return Block("table", rows=rows, widths=[0.45, 0.2, 0.35])
        if topic == "wages":
            cur = LOCAL_CURRENCY[self.spec.site.country]
            rows = [["Worker", "Position", f"Basic ({cur})", f"Overtime pay ({cur})", f"Gross ({cur})"]]
            for _ in range(rng.randint(3, 6)):
                basic = MIN_WAGE[self.spec.site.country] * rng.uniform(1.0, 1.6)
                ot = basic * rng.uniform(0.02, 0.18)
                rows.append([f"W{rng.randint(1000, 9999)}", rng.choice(["Operator", "Packer", "Helper", "QC",
                                                                         "Line leader"]),
                             f"{basic:,.0f}", f"{ot:,.2f}", f"{basic + ot:,.2f}"])
            return Block("table", rows=rows, widths=[0.16, 0.24, 0.2, 0.2, 0.2])
        return None

    # -- non-compliances

    def nc(self, ncs: NonComplianceSpec, code: str) -> NCRec:
        spec, rng = self.spec, self.rng
        self.nc_count += 1
        fam = spec.family
        if ncs.indicator:
            cond = spec.indicators[ncs.indicator].condition
            if cond == "remediated":
                text = self.fill(self.pick(P.BANK[ncs.indicator]["remediated"]), ncs.indicator)
            else:
                text = self.fill(self.pick(P.BANK[ncs.indicator]["nc"]), ncs.indicator)
            ca = self.fill(rng.choice(P.BANK[ncs.indicator]["ca"]), ncs.indicator)
            inds = [ncs.indicator]
        else:
            options = P.ROUTINE_NC.get(ncs.topic, P.ROUTINE_NC["hs"])
            text = self.pick([t for t, _ in options])  # a report never raises the same routine NC twice
            ca = dict(options)[text]
            inds = []
        ref = {"smeta": f"NC-{self.nc_count:02d}", "bsci": f"Finding {self.nc_count}",
               "rba": f"{code}.{self.nc_count}", "wca": f"F{self.nc_count:03d}",
               "narrative": f"NC {self.nc_count}"}[fam]
        clause = {"smeta": f"ETI {_CLAUSES.get(ncs.topic, '0')}.{rng.randint(1, 6)}", "bsci": code,
                  "rba": code, "wca": code, "narrative": f"Clause {code}.{rng.randint(1, 5)}"}[fam]
        due = (dt.date.fromisoformat(spec.audit.audit_date) + dt.timedelta(days=ncs.due_days)).isoformat()
        status = "remediated" if ncs.indicator and spec.indicators[ncs.indicator].condition == "remediated" \
            else "present"
        return NCRec(ref, clause, ncs.severity, SEVERITY_LABELS[fam][ncs.severity], text, ca, due, inds, status)


def _place(spec: ReportSpec) -> dict[str, int]:
    """Index of the section each indicator's findings go to, for this family."""
    sections = SECTIONS[spec.family]
    out = {}
    for ind in INDICATORS:
        topic = topic_of(ind)
        idx = [i for i, s in enumerate(sections) if topic in s[2]]
        if not idx:
            idx = [i for i, s in enumerate(sections) if "hs" in s[2]]
        out[ind] = idx[0]
    return out


def _section_of_nc(spec: ReportSpec, nc: NonComplianceSpec) -> int:
    sections = SECTIONS[spec.family]
    if nc.indicator:
        return _place(spec)[nc.indicator]
    idx = [i for i, s in enumerate(sections) if nc.topic in s[2]]
    return idx[0] if idx else 0


def cover_blocks(spec: ReportSpec, w: Writer) -> list[Block]:
    """Title and site/audit metadata in one of three forms: key/value table, info box or prose."""
    rng, s, a = w.rng, spec.site, spec.audit
    date = fmt_date(a.audit_date, rng)
    country = COUNTRY_NAMES[s.country]
    atype = {"announced": rng.choice(["Announced", "Fully announced"]),
             "semi-announced": rng.choice(["Semi-announced", "Semi-Announced (3-week window)"]),
             "unannounced": rng.choice(["Unannounced", "Fully unannounced"])}[a.audit_type]
    stage = {"initial": "Initial audit", "periodic": "Periodic audit", "follow-up": "Follow-up audit"}.get(
        a.audit_stage, a.audit_stage)
    blocks = [Block("title", rng.choice(TITLES[spec.family])), Block("h2", a.standard_label)]
    fields = [("Site name", s.name), ("Site address", f"{s.address}, {country}"), ("Country", country),
              ("Products / sector", s.sector.capitalize()), ("Audit date", date), ("Audit type", atype),
              ("Audit stage", stage), ("Audit company", a.auditor), ("Total number of workers", f"{s.workers_total:,}")]
    form = rng.choice(["kv", "box", "prose"])
    if form == "kv":
        alt = {"Site name": ["Site name", "Facility name", "Name of site"], "Audit date": ["Audit date", "Date of audit"],
               "Audit company": ["Audit company", "Audit body", "Conducted by"]}
        rows = [[rng.choice(alt.get(k, [k])), v] for k, v in fields]
        blocks.append(Block("kv", rows=rows, widths=[0.35, 0.65]))
    elif form == "box":
        blocks.append(Block("box", rows=[[f"{k}: {v}"] for k, v in fields]))
    else:
        blocks.append(Block("p", f"This report presents the results of the {a.standard_label} audit of {s.name}, "
                                 f"located at {s.address}, {country}, conducted on {date} by {a.auditor}. "
                                 f"The audit was {atype.lower()} and was an {stage.lower()}."))
        blocks.append(Block("p", f"The site produces {s.sector} and employs {s.workers_total:,} workers at the time "
                                 f"of the audit."))
    blocks.append(Block("p", rng.choice([
        "This report is confidential and intended for the site and the members it is shared with.",
        "The findings reflect the conditions observed on the day(s) of the audit only.",
        "Report prepared in accordance with the audit methodology of the scheme."])))
    return blocks


def demographics_block(spec: ReportSpec, w: Writer) -> list[Block]:
    s, rng = spec.site, w.rng
    share_f = s.workers_female / max(1, s.workers_total)
    cats = [("Migrant workers", s.migrant_workers), ("Agency workers", s.agency_workers)]
    local = s.workers_total - s.migrant_workers - s.agency_workers
    rows_in = [("Local workers (direct)", max(0, local))] + [c for c in cats if c[1]]
    rows = [["Category", "Male", "Female", "Total"]]
    f_left = s.workers_female
    for i, (label, n) in enumerate(rows_in):
        f = f_left if i == len(rows_in) - 1 else min(f_left, round(n * share_f))
        f = max(0, min(n, f))
        f_left -= f
        rows.append([label, f"{n - f:,}", f"{f:,}", f"{n:,}"])
    rows.append(["Total", f"{s.workers_male:,}", f"{s.workers_female:,}", f"{s.workers_total:,}"])
    title = rng.choice(["Worker demographics", "Workforce profile", "Employee information"])
    return [Block("h2", title), Block("table", rows=rows, widths=[0.4, 0.2, 0.2, 0.2], style="demo")]


def method_blocks(spec: ReportSpec, w: Writer) -> list[Block]:
    c, rng = spec.coverage, w.rng
    sent = [f"The audit covered the period from {rng.choice(P.MONTHS)} to the audit date."]
    if c.workers_interviewed is not None:
        sent.append(w.fill(rng.choice(P.METHOD["interviewed"])))
    for key, value in (("offsite", c.interviews_offsite), ("migrant", c.migrant_workers_interviewed),
                       ("agency", c.agency_workers_interviewed), ("payroll", c.payroll_reviewed),
                       ("time", c.time_records_reviewed), ("dorm", c.dormitory_visited)):
        if value is not None:
            sent.append(w.fill(rng.choice(P.METHOD[f"{key}_{'true' if value else 'false'}"])))
    title = rng.choice(["Audit scope and methodology", "Audit methodology", "Scope of the audit"])
    return [Block("h1", title), Block("p", " ".join(sent))]


def build_blocks(spec: ReportSpec, extra_filler: int = 0) -> tuple[list[Block], Writer]:
    """The whole report as blocks. ``extra_filler`` adds routine paragraphs to reach a page count."""
    w = Writer(spec)
    rng = w.rng
    fam = spec.family
    sections = SECTIONS[fam]
    place = _place(spec)
    blocks = cover_blocks(spec, w)
    blocks.append(Block("break", style="two" if spec.columns == 2 else "one"))

    # executive summary: the headline findings (more mentions of present indicators)
    present = [i for i, ic in spec.indicators.items() if ic.condition == "present"]
    negated = [i for i, ic in spec.indicators.items() if ic.condition == "negated"]
    summ = [rng.choice([f"The audit was conducted against the {spec.audit.standard_label}.",
                        "This section summarises the main findings of the audit.",
                        "Overall, the site has basic systems in place for most areas of the code."])]
    summary_mentions = []
    for ind in rng.sample(present, k=min(len(present), 2)):
        s, m = w.mention(ind, "present", framed=False)
        summ.append(s)
        summary_mentions.append(m)
    if negated and rng.random() < 0.5:
        s, m = w.mention(rng.choice(negated), "negated", framed=False)
        summ.append(s)
        summary_mentions.append(m)
    blocks += [Block("h1", rng.choice(["Executive summary", "Summary of findings", "Audit summary"])),
               Block("p", " ".join(summ), mentions=summary_mentions)]
    blocks += demographics_block(spec, w)
    blocks += method_blocks(spec, w)
    if fam == "bsci":
        blocks += _bsci_ratings(spec, w)
    if fam == "rba":
        blocks += _rba_scores(spec, w)

    # per-indicator mentions, grouped by section; some negated+present pairs become compound sentences
    by_section: dict[int, list[tuple[str, list[MentionRec]]]] = {i: [] for i in range(len(sections))}
    pending_neg = [i for i in negated if rng.random() < 0.5]
    for ind, ic in spec.indicators.items():
        sec = place[ind]
        if ic.condition in ("present", "remediated"):
            for _ in range(rng.choice([1, 1, 2])):
                if ic.condition == "present" and pending_neg and rng.random() < 0.35:
                    s, ms = w.compound(pending_neg.pop(), ind)
                    by_section[sec].append((s, ms))
                else:
                    s, m = w.mention(ind, ic.condition)
                    by_section[sec].append((s, [m]))
        elif ic.condition == "negated":
            s, m = w.mention(ind, "negated")
            by_section[sec].append((s, [m]))
        if ic.condition != "present" and P.BANK[ind]["policy"] and rng.random() < 0.3:
            s, m = w.mention(ind, "policy_only")
            by_section[sec].append((s, [m]))
        if ind in P.HYPOTHETICAL and rng.random() < 0.15:
            s, m = w.mention(ind, "hypothetical")
            by_section[sec].append((s, [m]))

    for (first, second), options in P.JOINT.items():
        if present_both(spec, first, second) and rng.random() < 0.6:
            s = w.fill(rng.choice(options), first)
            by_section[place[first]].append((s, [MentionRec(first, "present", s), MentionRec(second, "present", s)]))

    ncs_by_section: dict[int, list[NonComplianceSpec]] = {i: [] for i in range(len(sections))}
    for nc in spec.non_compliances:
        ncs_by_section[_section_of_nc(spec, nc)].append(nc)

    filler = [0] * len(sections)
    bulky = [4 if set(s[2]) & {"hs", "wages", "management", "environment", "hours"} else 1 for s in sections]
    for k in rng.choices(range(len(sections)), weights=bulky, k=extra_filler):
        filler[k] += 1
    two_col = spec.columns == 2
    for i, (code, title, topics) in enumerate(sections):
        blocks.append(Block("h1", _heading(fam, code, title, rng)))
        if fam == "bsci":
            blocks.append(Block("p", f"Rating: {_bsci_rating(spec, i)}"))
        items: list[tuple[str, list[MentionRec]]] = [(s, []) for s in w.routine(topics, rng.randint(3, 6) if two_col else rng.randint(2, 4))]
        items += by_section[i]
        rng.shuffle(items)
        intro = rng.choice(["Current systems and evidence examined:", "Findings:", "Description of current practice:",
                            "Audit observations:", ""])
        if intro and fam == "smeta":
            blocks.append(Block("h2", intro))
        _paragraphs(blocks, items, rng, long=two_col)
        for _ in range(filler[i]):
            table = w.routine_table(rng.choice(topics)) if rng.random() < 0.25 else None
            if table:
                blocks.append(table)
            else:
                _paragraphs(blocks, [(s, []) for s in w.routine(topics, rng.randint(3, 6))], rng, long=two_col)
        if rng.random() < 0.2:
            blocks.append(Block("p", w.pick(P.GOOD_PRACTICE)))
        ncs = [w.nc(nc, code) for nc in ncs_by_section[i]]
        if fam == "wca":
            blocks.append(_wca_pillar_table(topics, ncs_by_section[i], rng))
        if ncs:
            blocks += _nc_blocks(fam, ncs, rng)
        elif fam in ("smeta", "rba") and rng.random() < 0.5:
            blocks.append(Block("p", rng.choice(["No non-compliance was found in this section.",
                                                 "No findings were raised under this clause."])))
    if fam == "wca":
        blocks += _wca_scores(spec, w)
    if spec.columns == 1:  # every report gets a two-column page
        blocks.append(Block("break", style="two"))
        blocks.append(Block("h1", rng.choice(["Annex: auditor notes", "Additional information", "Annex A"])))
        _paragraphs(blocks, [(s, []) for s in w.routine(["hs", "management", "environment"], 8)], rng, long=True)
    blocks.append(Block("h2", "Declaration"))
    blocks.append(Block("p", f"Lead auditor: {rng.choice(['A. Rahman', 'S. Tan', 'P. Nguyen', 'K. Sharma', 'L. Chen'])}, "
                             f"{spec.audit.auditor}. The report was reviewed and approved on "
                             f"{fmt_date(spec.audit.audit_date, rng)}."))
    return blocks, w


def present_both(spec: ReportSpec, first: str, second: str) -> bool:
    return all(spec.indicators[i].condition == "present" for i in (first, second))


def _heading(fam: str, code: str, title: str, rng: random.Random) -> str:
    return {"smeta": f"{code}. {title}", "bsci": f"{code} - {title}", "rba": f"{code} {title}",
            "wca": f"Pillar: {title}", "narrative": f"{code}. {title}"}[fam]


def _paragraphs(blocks: list[Block], items: list[tuple[str, list[MentionRec]]], rng: random.Random,
                long: bool) -> None:
    """Group sentences into paragraphs (longer ones for narrative layouts)."""
    size = (4, 8) if long else (2, 4)
    while items:
        k = rng.randint(*size)
        chunk, items = items[:k], items[k:]
        blocks.append(Block("p", " ".join(s for s, _ in chunk), mentions=[m for _, ms in chunk for m in ms]))


def _nc_blocks(fam: str, ncs: list[NCRec], rng: random.Random) -> list[Block]:
    out = []
    if fam == "bsci":
        for nc in ncs:
            rows = [[f"{nc.reference} ({nc.clause}) - {nc.severity_label}"], [nc.text],
                    [f"Corrective action: {nc.corrective_action}"], [f"Deadline: {fmt_date(nc.due_date, rng)}"]]
            out.append(Block("box", rows=rows, ncs=[nc], mentions=_nc_mentions(nc), style="finding"))
        return out
    if fam == "narrative":
        for nc in ncs:
            text = (f"{nc.reference} ({nc.severity_label}, {nc.clause}): {nc.text} Corrective action: "
                    f"{nc.corrective_action} Due by {fmt_date(nc.due_date, rng)}.")
            out.append(Block("p", text, ncs=[nc], mentions=_nc_mentions(nc)))
        return out
    header = {"smeta": ["Ref", "Non-compliance", "Severity", "Corrective action", "Due date"],
              "rba": ["Finding", "Description", "Classification", "Corrective action", "Due"],
              "wca": ["ID", "Finding", "Category", "Recommended action", "Timeline"]}[fam]
    for start in range(0, len(ncs), 3):  # small tables: they must fit in one frame
        part = ncs[start:start + 3]
        rows = [header] + [[nc.reference, nc.text, nc.severity_label, nc.corrective_action,
                            fmt_date(nc.due_date, rng)] for nc in part]
        out.append(Block("table", rows=rows, widths=[0.1, 0.35, 0.13, 0.27, 0.15], ncs=part,
                         mentions=[m for nc in part for m in _nc_mentions(nc)], style="nc"))
    return out


def _nc_mentions(nc: NCRec) -> list[MentionRec]:
    return [MentionRec(i, nc.mention_status, nc.text) for i in nc.indicators]


def _bsci_rating(spec: ReportSpec, section: int) -> str:
    worst = [nc.severity for nc in spec.non_compliances if _section_of_nc(spec, nc) == section]
    if "critical" in worst:
        return "E"
    if "major" in worst:
        return "D"
    if "minor" in worst:
        return "C"
    return "B" if worst else "A"


def _bsci_ratings(spec: ReportSpec, w: Writer) -> list[Block]:
    rows = [["Performance area", "Rating"]] + [[f"{c} {t}", _bsci_rating(spec, i)]
                                               for i, (c, t, _) in enumerate(SECTIONS["bsci"])]
    worst = max(r[1] for r in rows[1:])
    return [Block("h2", "Performance area ratings"), Block("table", rows=rows, widths=[0.8, 0.2]),
            Block("p", f"Overall rating: {worst}")]


def _rba_scores(spec: ReportSpec, w: Writer) -> list[Block]:
    rows = [["Section", "Priority", "Major", "Minor", "Points"]]
    total = 200
    for group, codes in (("A Labor", "A"), ("B Health and Safety", "B"), ("C Environment", "C"), ("D Ethics", "D"),
                         ("E Management System", "E")):
        counts = {k: 0 for k in ("critical", "major", "minor")}
        for nc in spec.non_compliances:
            code = SECTIONS["rba"][_section_of_nc(spec, nc)][0]
            if code.startswith(codes) and nc.severity in counts:
                counts[nc.severity] += 1
        pts = counts["critical"] * 10 + counts["major"] * 4 + counts["minor"] * 1
        total -= pts
        rows.append([group, str(counts["critical"]), str(counts["major"]), str(counts["minor"]), f"-{pts}"])
    return [Block("h2", "Audit score"), Block("table", rows=rows, widths=[0.4, 0.15, 0.15, 0.15, 0.15]),
            Block("p", f"Final score: {max(total, 0)} of 200 points.")]


_AREA_NAMES = {"employment": "Employment practices", "child": "Young workers", "discrimination": "Non-discrimination",
               "treatment": "Disciplinary practices", "foa": "Worker representation",
               "regular_employment": "Contracts and records", "wages": "Compensation", "hours": "Working time",
               "hs": "Workplace safety", "housing": "Welfare facilities", "management": "Management systems",
               "ethics": "Business integrity", "environment": "Environmental management"}


def _wca_pillar_table(topics: list[str], ncs: list[NonComplianceSpec], rng: random.Random) -> Block:
    """Points per area of a WCA-like pillar (lost points follow the severity of that area's findings)."""
    rows = [["Area", "Points", "Max"]]
    for topic in topics:
        lost = sum({"critical": 10, "major": 5, "minor": 2, "observation": 1}[nc.severity]
                   for nc in ncs if nc.topic == topic)
        top = rng.choice([20, 25, 30])
        rows.append([_AREA_NAMES[topic], str(max(0, top - lost)), str(top)])
    return Block("table", rows=rows, widths=[0.6, 0.2, 0.2])


def _wca_scores(spec: ReportSpec, w: Writer) -> list[Block]:
    rows = [["Pillar", "Score", "Zero tolerance"]]
    for i, (_, title, _) in enumerate(SECTIONS["wca"]):
        sev = [nc.severity for nc in spec.non_compliances if _section_of_nc(spec, nc) == i]
        score = 100 - 25 * sev.count("critical") - 10 * sev.count("major") - 3 * sev.count("minor")
        rows.append([title, f"{max(score, 0)}%", "Yes" if "critical" in sev else "No"])
    zt = any(nc.severity == "critical" for nc in spec.non_compliances)
    return [Block("h1", "Pillar scores"), Block("table", rows=rows, widths=[0.5, 0.25, 0.25]),
            Block("p", "Zero tolerance issues were identified; see the findings above." if zt
                  else "No zero tolerance issues were identified.")]
