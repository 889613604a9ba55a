"""What a synthetic audit report says: :class:`ReportSpec` and :func:`random_spec`.

A spec is the latent truth of one audit (site, audit, coverage, the condition of each forced-labour indicator
and its quantities, the non-compliances). :func:`auditparse.synth.generate` turns it into a PDF whose wording
is drawn at random (seeded by ``spec.seed``) from the phrase banks in :mod:`auditparse.synth.phrases`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any, Literal

from auditparse.datamodel.nlp import INDICATORS

Family = Literal["smeta", "bsci", "rba", "wca", "narrative"]
FAMILIES: tuple[str, ...] = ("smeta", "bsci", "rba", "wca", "narrative")
#: present = the report says it happened; remediated = it happened and was put right; negated = the auditor
#: checked and says it did not happen; absent = the report does not mention it.
Condition = Literal["present", "remediated", "negated", "absent"]
CONDITIONS: tuple[str, ...] = ("present", "remediated", "negated", "absent")
SEVERITIES: tuple[str, ...] = ("critical", "major", "minor", "observation")

STANDARDS: dict[str, list[tuple[str, str]]] = {
    "smeta": [("SMETA", "SMETA 6.1 4-Pillar"), ("SMETA", "SMETA 6.1 2-Pillar"), ("SMETA", "SMETA 7.0 4-Pillar")],
    "bsci": [("amfori BSCI", "amfori BSCI Code of Conduct 2021"), ("amfori BSCI", "amfori BSCI System Manual 2.0")],
    "rba": [("RBA VAP", "RBA VAP 8.0 (Validated Assessment Program)"), ("RBA VAP", "RBA VAP Operations Standard 7.1")],
    "wca": [("WCA", "Intertek Workplace Conditions Assessment (WCA)"), ("WCA", "WCA Workplace Conditions Assessment v3")],
    "narrative": [("SA8000", "SA8000:2014 Surveillance Audit"), ("FLA", "FLA Sustainable Compliance Assessment"),
                  ("SA8000", "SA8000:2014 Certification Audit")],
}

# country -> (sectors, local currency, towns, origin countries of migrant workers with their currency)
COUNTRIES: dict[str, dict[str, Any]] = {
    "MY": {"sectors": ["garments", "electronics", "rubber gloves", "palm oil", "furniture"], "currency": "MYR",
           "towns": ["Shah Alam, Selangor", "Johor Bahru, Johor", "Penang Island, Penang", "Klang, Selangor",
                     "Ipoh, Perak", "Senai, Johor"],
           "origins": [("Nepal", "NPR"), ("Bangladesh", "BDT"), ("Myanmar", "MYR"), ("Indonesia", "USD")]},
    "TH": {"sectors": ["electronics", "seafood processing", "garments", "poultry"], "currency": "THB",
           "towns": ["Samut Sakhon", "Rayong", "Chonburi", "Ayutthaya", "Lamphun", "Songkhla"],
           "origins": [("Myanmar", "THB"), ("Cambodia", "THB"), ("Laos", "THB")]},
    "BD": {"sectors": ["garments", "footwear", "leather goods"], "currency": "BDT",
           "towns": ["Gazipur", "Ashulia, Savar, Dhaka", "Narayanganj", "Chattogram EPZ", "Tongi, Gazipur"],
           "origins": [("Bangladesh", "BDT")]},
    "CN": {"sectors": ["electronics", "toys", "garments", "footwear"], "currency": "CNY",
           "towns": ["Dongguan, Guangdong", "Shenzhen, Guangdong", "Suzhou, Jiangsu", "Ningbo, Zhejiang"],
           "origins": [("Guizhou province", "CNY"), ("Henan province", "CNY"), ("Sichuan province", "CNY")]},
    "VN": {"sectors": ["garments", "footwear", "electronics", "furniture"], "currency": "USD",
           "towns": ["Binh Duong", "Dong Nai", "Bac Ninh", "Long An"],
           "origins": [("Thanh Hoa province", "USD"), ("Nghe An province", "USD")]},
    "IN": {"sectors": ["garments", "spinning mill", "leather goods"], "currency": "USD",
           "towns": ["Tiruppur, Tamil Nadu", "Bengaluru, Karnataka", "Noida, Uttar Pradesh"],
           "origins": [("Jharkhand", "USD"), ("Odisha", "USD"), ("Bihar", "USD")]},
}

_NAME_A = ["Golden", "Evergreen", "Pacific", "Sunrise", "Lotus", "Harbour", "Silverline", "Orchid", "Crescent",
           "Bluewater", "Summit", "Jade River", "Northstar", "Meranti", "Tiger Bay", "Riverside", "Highpoint"]
_NAME_B = {"garments": ["Apparel", "Garments", "Knitwear", "Fashions", "Textiles"],
           "electronics": ["Electronics", "Precision Components", "Circuit Technologies", "Micro Devices"],
           "rubber gloves": ["Glove Industries", "Latex Products"], "palm oil": ["Plantations", "Agro Mill"],
           "furniture": ["Furniture", "Woodcraft"], "seafood processing": ["Seafood", "Marine Products"],
           "poultry": ["Poultry Foods", "Agro Foods"], "footwear": ["Footwear", "Shoes"],
           "leather goods": ["Leather Works", "Leather Goods"], "toys": ["Toys", "Plastic Products"],
           "spinning mill": ["Spinning Mills", "Yarns"]}
_SUFFIX = {"MY": "Sdn. Bhd.", "TH": "Co., Ltd.", "BD": "Ltd.", "CN": "Co., Ltd.", "VN": "Co., Ltd",
           "IN": "Pvt. Ltd."}
AUDITORS = ["Meridian Social Assurance Ltd", "Tessellate Audit Services", "Northbridge Compliance Partners",
            "Kestrel Ethical Audits", "Blue Heron Assessment Group", "Lattice Verification Services",
            "Ardent Workplace Auditing", "Copperleaf Social Compliance"]


@dataclass
class Site:
    name: str = ""
    address: str = ""
    country: str = "MY"
    sector: str = "garments"
    workers_total: int = 400
    workers_female: int = 250
    workers_male: int = 150
    migrant_workers: int = 0
    agency_workers: int = 0


@dataclass
class Audit:
    standard: str = "SMETA"
    standard_label: str = "SMETA 6.1 4-Pillar"
    audit_date: str = "2025-03-14"
    audit_type: str = "semi-announced"
    audit_stage: str = "initial"
    auditor: str = AUDITORS[0]


@dataclass
class Coverage:
    """What the audit looked at; ``None`` means the report does not say."""

    workers_interviewed: int | None = 25
    interviews_offsite: bool | None = None
    migrant_workers_interviewed: bool | None = None
    agency_workers_interviewed: bool | None = None
    payroll_reviewed: bool | None = True
    time_records_reviewed: bool | None = True
    dormitory_visited: bool | None = None


@dataclass
class IndicatorCondition:
    """The latent state of one indicator and the quantities the report quotes for it."""

    condition: Condition = "absent"
    workers_affected: int | None = None
    fee_amount: int | None = None  # recruitment_fees, debt_bondage (loan)
    fee_currency: str | None = None
    weekly_hours: int | None = None  # excessive_overtime
    consecutive_days: int | None = None  # excessive_overtime
    wage_delay_days: int | None = None  # withholding_of_wages


@dataclass
class NonComplianceSpec:
    """A non-compliance to raise; its wording is drawn at generation time."""

    indicator: str | None  # None = a routine (non forced-labour) finding
    topic: str
    severity: str = "minor"
    due_days: int = 60


@dataclass
class ReportSpec:
    """The latent truth of one synthetic audit report. Deterministic: same spec, same files."""

    seed: int = 0
    family: Family = "smeta"
    name: str = "report"
    site: Site = field(default_factory=Site)
    audit: Audit = field(default_factory=Audit)
    coverage: Coverage = field(default_factory=Coverage)
    indicators: dict[str, IndicatorCondition] = field(
        default_factory=lambda: {i: IndicatorCondition() for i in INDICATORS})
    non_compliances: list[NonComplianceSpec] = field(default_factory=list)
    origin: str = ""  # where migrant workers come from ("" = none); fees are quoted in its currency
    pages: int = 8  # target page count (the truth JSON records the real one)
    columns: int = 1  # body columns; one-column reports still get a two-column annex page
    page_size: Literal["A4", "letter"] = "A4"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def validate(self) -> None:
        """Raise ValueError naming the first field that the generator cannot render."""
        checks = [(self.family in FAMILIES, f"family {self.family!r}: use one of {', '.join(FAMILIES)}"),
                  (self.site.country in COUNTRIES, f"country {self.site.country!r}: use one of {', '.join(COUNTRIES)}"),
                  (set(self.indicators) == set(INDICATORS), "indicators must name all 12 indicator ids"),
                  (self.columns in (1, 2), "columns must be 1 or 2"), (self.pages >= 1, "pages must be >= 1"),
                  (self.page_size in ("A4", "letter"), "page_size must be A4 or letter")]
        checks += [(ic.condition in CONDITIONS, f"{ind}: condition {ic.condition!r} is not one of {CONDITIONS}")
                   for ind, ic in self.indicators.items()]
        checks += [(nc.severity in SEVERITIES, f"non-compliance severity {nc.severity!r}")
                   for nc in self.non_compliances]
        for ok, message in checks:
            if not ok:
                raise ValueError(f"invalid ReportSpec: {message}")


def _pick_condition(rng: random.Random, risk: float) -> str:
    r = rng.random()
    if r < 0.22 * risk:
        return "present"
    if r < 0.30 * risk:
        return "remediated"
    if r < 0.30 * risk + 0.38:
        return "negated"
    return "absent"


def random_condition(indicator: str, condition: str, rng: random.Random, site: Site, currency: str) -> \
        IndicatorCondition:
    """Quantities that fit ``indicator`` in ``condition`` (none for negated/absent)."""
    ic = IndicatorCondition(condition=condition)  # type: ignore[arg-type]
    if condition not in ("present", "remediated"):
        return ic
    pool = site.migrant_workers or site.workers_total
    ic.workers_affected = max(1, min(pool, int(pool * rng.uniform(0.02, 0.6))))
    if indicator in ("recruitment_fees", "debt_bondage"):
        ic.fee_currency = currency
        base = {"MYR": 1500, "NPR": 90000, "BDT": 250000, "USD": 800, "THB": 12000, "CNY": 3000}[currency]
        ic.fee_amount = int(round(base * rng.uniform(0.5, 3.0), -2))
    if indicator == "excessive_overtime":
        ic.weekly_hours = rng.randint(62, 84)
        ic.consecutive_days = rng.choice([None, rng.randint(8, 24)])
    if indicator == "withholding_of_wages":
        ic.wage_delay_days = rng.choice([rng.randint(10, 75), 30, 45, 60])
    return ic


def random_spec(seed: int, **overrides: Any) -> ReportSpec:
    """A plausible random spec; ``overrides`` replace fields (a dict for a nested dataclass updates it).

    ``indicators`` may map an indicator id to a condition name, a dict of :class:`IndicatorCondition` fields
    (``{"condition": "present", "weekly_hours": 80}``; unset quantities are drawn) or an
    :class:`IndicatorCondition`; only the named indicators are overridden. ``risk`` (0-3, default 1) scales how many indicators are present.

    Example: ``random_spec(7, family="rba", site={"country": "TH"}, indicators={"recruitment_fees": "present"})``.
    """
    rng = random.Random(seed)
    risk = float(overrides.pop("risk", 1.0))
    family: Any = overrides.get("family") or rng.choice(FAMILIES)
    country = (overrides.get("site") or {}).get("country") or rng.choice(list(COUNTRIES))
    info = COUNTRIES[country]
    sector = (overrides.get("site") or {}).get("sector") or rng.choice(info["sectors"])
    total = rng.choice([rng.randint(60, 300), rng.randint(300, 1500), rng.randint(1500, 4000)])
    female = int(total * rng.uniform(0.25, 0.8))
    migrant = int(total * rng.uniform(0.0, 0.7)) if country in ("MY", "TH") else int(total * rng.uniform(0, 0.3))
    agency = rng.choice([0, 0, int(total * rng.uniform(0.02, 0.25))])
    site = Site(
        name=f"{rng.choice(_NAME_A)} {rng.choice(_NAME_B.get(sector, ['Industries']))} {_SUFFIX[country]}",
        address=f"Lot {rng.randint(2, 980)}, {rng.choice(['Jalan', 'Road', 'Street', 'Industrial Zone'])} "
                f"{rng.randint(1, 30)}, {rng.choice(info['towns'])}",
        country=country, sector=sector, workers_total=total, workers_female=female, workers_male=total - female,
        migrant_workers=migrant, agency_workers=agency)
    standard, label = rng.choice(STANDARDS[family])
    date = dt.date(2022, 1, 3) + dt.timedelta(days=rng.randint(0, 1400))
    audit = Audit(standard=standard, standard_label=label, audit_date=date.isoformat(),
                  audit_type=rng.choice(["announced", "semi-announced", "semi-announced", "unannounced"]),
                  audit_stage=rng.choice(["initial", "initial", "periodic", "follow-up"]),
                  auditor=rng.choice(AUDITORS))

    def maybe(p_none: float, value: Any) -> Any:
        return None if rng.random() < p_none else value

    coverage = Coverage(
        workers_interviewed=maybe(0.05, max(5, min(total, int(rng.uniform(0.02, 0.08) * total) + 5))),
        interviews_offsite=maybe(0.5, rng.random() < 0.3),
        migrant_workers_interviewed=maybe(0.3, rng.random() < 0.8) if migrant else None,
        agency_workers_interviewed=maybe(0.3, rng.random() < 0.7) if agency else None,
        payroll_reviewed=maybe(0.15, rng.random() < 0.9),
        time_records_reviewed=maybe(0.15, rng.random() < 0.9),
        dormitory_visited=maybe(0.4, rng.random() < 0.7))
    origin, origin_currency = rng.choice(info["origins"]) if migrant else ("", info["currency"])
    indicators = {}
    for ind in INDICATORS:
        cond = _pick_condition(rng, risk)
        cur = origin_currency if ind == "recruitment_fees" else info["currency"]
        indicators[ind] = random_condition(ind, cond, rng, site, cur)
    spec = ReportSpec(seed=seed, family=family, name=f"{family}_{sector.split()[0]}_{country.lower()}_{seed}",
                      site=site, audit=audit, coverage=coverage, indicators=indicators, origin=origin,
                      pages=rng.randint(6, 12), columns=2 if family == "narrative" or rng.random() < 0.2 else 1,
                      page_size=rng.choice(["A4", "A4", "letter"]))
    for key, value in overrides.items():
        current = getattr(spec, key)
        if key == "indicators":
            for ind, v in value.items():
                if ind not in INDICATORS:
                    raise ValueError(f"unknown indicator {ind!r}; use one of {', '.join(INDICATORS)}")
                if isinstance(v, IndicatorCondition):
                    spec.indicators[ind] = v
                    continue
                given = {"condition": v} if isinstance(v, str) else dict(v)
                drawn = random_condition(ind, given["condition"], rng, spec.site,
                                         spec.indicators[ind].fee_currency or origin_currency)
                spec.indicators[ind] = dataclasses.replace(drawn, **given)
        elif isinstance(current, Site | Audit | Coverage) and isinstance(value, dict):
            setattr(spec, key, dataclasses.replace(current, **value))
        else:
            setattr(spec, key, value)
    if "non_compliances" not in overrides:
        spec.non_compliances = default_non_compliances(spec, rng)
    if "origin" not in overrides:
        spec.origin = _origin_for(spec)
    spec.validate()
    return spec


def _origin_for(spec: ReportSpec) -> str:
    """Keep the migrant workers' origin consistent with overridden site and fee currency (no RNG draw)."""
    if not spec.site.migrant_workers:
        return ""
    origins = COUNTRIES.get(spec.site.country, {}).get("origins", [])
    currency = spec.indicators["recruitment_fees"].fee_currency
    if spec.origin and (currency is None or (spec.origin, currency) in origins):
        return spec.origin
    fitting = [o for o, c in origins if c == currency] or [o for o, _ in origins]
    return fitting[spec.seed % len(fitting)] if fitting else spec.origin


_TOPIC_OF = {
    "recruitment_fees": "employment", "retention_of_identity_documents": "employment", "deception": "employment",
    "restriction_of_movement": "employment", "abuse_of_vulnerability": "employment", "debt_bondage": "wages",
    "withholding_of_wages": "wages", "excessive_overtime": "hours", "isolation": "housing",
    "abusive_working_living_conditions": "housing", "physical_sexual_violence": "treatment",
    "intimidation_threats": "treatment",
}
ROUTINE_NC_TOPICS = ("hs", "hs", "hs", "wages", "management", "environment", "hs", "regular_employment")


def topic_of(indicator: str) -> str:
    """The report section topic an indicator's findings belong to."""
    return _TOPIC_OF[indicator]


def default_non_compliances(spec: ReportSpec, rng: random.Random) -> list[NonComplianceSpec]:
    """One NC per present indicator (severe), one observation-or-minor per remediated one, plus routine NCs."""
    ncs = []
    for ind, ic in spec.indicators.items():
        if ic.condition == "present":
            ncs.append(NonComplianceSpec(ind, topic_of(ind), rng.choice(["critical", "major", "major"]),
                                         rng.choice([30, 60, 90])))
        elif ic.condition == "remediated":
            ncs.append(NonComplianceSpec(ind, topic_of(ind), rng.choice(["minor", "observation"]), 90))
    for _ in range(rng.randint(1, 5)):
        ncs.append(NonComplianceSpec(None, rng.choice(ROUTINE_NC_TOPICS), rng.choice(["minor", "minor", "major",
                                                                                       "observation"]),
                                     rng.choice([14, 30, 60, 90])))
    rng.shuffle(ncs)
    return ncs
