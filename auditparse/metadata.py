"""Site and audit metadata and non-compliances, from the cover page, info boxes, key/value tables and prose.

Works on any layout: labels are recognised by their vocabulary (``"Factory Name"``, ``"Name of facility"``,
``"Date(s) of audit"``...), not by position, and every value is checked against what its field can hold (a date
must parse, a country must resolve, a head-count must be a number) before it is accepted. Candidates come from,
in order of trust: table rows, ``Label: value`` lines, a label alone on a line with its value on the next, a known
label at the start of a line, then prose patterns.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from auditparse.datamodel import AuditMeta, Coverage, Document, NonCompliance, SiteMeta
from auditparse.datamodel.review import Severity

log = logging.getLogger(__name__)

#: pages searched for cover/info-box metadata (prose fallbacks look at these too)
META_PAGES = 4

# --- countries -------------------------------------------------------------------------------------------

#: ISO 3166-1 alpha-2 code -> names and spellings met in audit reports (lower case), plus major cities
COUNTRIES: dict[str, tuple[str, ...]] = {
    "BD": ("bangladesh", "dhaka", "chittagong", "chattogram", "gazipur", "narayanganj", "savar", "ashulia"),
    "VN": ("viet nam", "vietnam", "ho chi minh city", "hanoi", "ha noi", "binh duong", "dong nai", "hai phong"),
    "TR": ("türkiye", "turkiye", "turkey", "istanbul", "izmir", "bursa", "denizli", "gaziantep"),
    "MY": ("malaysia", "kuala lumpur", "penang", "johor", "johor bahru", "selangor", "shah alam", "klang",
           "ipoh", "kedah", "melaka"),
    "TH": ("thailand", "bangkok", "chonburi", "rayong", "samut prakan", "samut sakhon", "ayutthaya",
           "pathum thani", "chiang mai", "songkhla"),
    "CN": ("china", "people's republic of china", "p.r. china", "prc", "shenzhen", "guangzhou", "dongguan",
           "shanghai", "ningbo", "suzhou", "xiamen", "foshan", "hangzhou", "qingdao", "xinjiang", "guangdong",
           "zhejiang", "jiangsu", "fujian"),
    "IN": ("india", "tiruppur", "tirupur", "bangalore", "bengaluru", "chennai", "new delhi", "delhi", "mumbai",
           "noida", "gurgaon", "gurugram", "ludhiana", "kolkata", "ahmedabad", "tamil nadu", "karnataka"),
    "PK": ("pakistan", "karachi", "lahore", "faisalabad", "sialkot"),
    "LK": ("sri lanka", "colombo", "katunayake"),
    "KH": ("cambodia", "phnom penh", "kampong speu"),
    "MM": ("myanmar", "burma", "yangon"),
    "ID": ("indonesia", "jakarta", "bandung", "semarang", "surabaya", "batam", "west java", "central java"),
    "PH": ("philippines", "manila", "cebu", "cavite", "laguna"),
    "NP": ("nepal", "kathmandu"),
    "LA": ("laos", "lao pdr", "lao people's democratic republic", "vientiane"),
    "TW": ("taiwan", "taipei", "taichung", "kaohsiung"),
    "KR": ("south korea", "republic of korea", "korea, republic of", "seoul", "busan"),
    "JP": ("japan", "tokyo", "osaka"),
    "HK": ("hong kong",),
    "SG": ("singapore",),
    "AE": ("united arab emirates", "uae", "dubai", "abu dhabi"),
    "SA": ("saudi arabia", "riyadh", "jeddah"),
    "QA": ("qatar", "doha"),
    "JO": ("jordan", "amman"),
    "EG": ("egypt", "cairo", "alexandria"),
    "MA": ("morocco", "tangier", "casablanca"),
    "TN": ("tunisia", "tunis"),
    "ET": ("ethiopia", "addis ababa", "hawassa"),
    "KE": ("kenya", "nairobi", "mombasa"),
    "MG": ("madagascar", "antananarivo"),
    "MU": ("mauritius",),
    "ZA": ("south africa", "johannesburg", "cape town", "durban"),
    "GH": ("ghana", "accra"),
    "CI": ("côte d'ivoire", "cote d'ivoire", "ivory coast", "abidjan"),
    "NG": ("nigeria", "lagos"),
    "UZ": ("uzbekistan", "tashkent"),
    "TM": ("turkmenistan",),
    "RU": ("russia", "russian federation", "moscow"),
    "UA": ("ukraine", "kyiv"),
    "RO": ("romania", "bucharest"),
    "BG": ("bulgaria", "sofia"),
    "PL": ("poland", "warsaw"),
    "PT": ("portugal", "porto", "lisbon"),
    "ES": ("spain", "madrid", "barcelona"),
    "IT": ("italy", "milan", "prato"),
    "DE": ("germany", "berlin", "hamburg"),
    "GB": ("united kingdom", "uk", "great britain", "england", "scotland", "wales", "london", "leicester"),
    "FR": ("france", "paris"),
    "NL": ("netherlands", "amsterdam"),
    "US": ("united states", "united states of america", "usa", "u.s.a.", "california", "los angeles",
           "new york"),
    "MX": ("mexico", "méxico", "mexico city", "guadalajara", "monterrey", "tijuana"),
    "GT": ("guatemala",),
    "HN": ("honduras", "san pedro sula", "tegucigalpa"),
    "SV": ("el salvador", "san salvador"),
    "NI": ("nicaragua", "managua"),
    "DO": ("dominican republic", "santo domingo"),
    "HT": ("haiti", "port-au-prince"),
    "CO": ("colombia", "bogotá", "bogota", "medellín", "medellin"),
    "PE": ("peru", "perú", "lima"),
    "BR": ("brazil", "brasil", "são paulo", "sao paulo", "rio de janeiro"),
    "AR": ("argentina", "buenos aires"),
    "CL": ("chile", "santiago"),
    "EC": ("ecuador", "guayaquil", "quito"),
}

# every other country, by its usual English name(s)
for _code, _names in {
    "AF": ("afghanistan",), "AL": ("albania",), "DZ": ("algeria",), "AO": ("angola",), "AM": ("armenia",),
    "AU": ("australia",), "AT": ("austria",), "AZ": ("azerbaijan",), "BH": ("bahrain",), "BY": ("belarus",),
    "BE": ("belgium",), "BZ": ("belize",), "BJ": ("benin",), "BT": ("bhutan",), "BO": ("bolivia",),
    "BA": ("bosnia and herzegovina",), "BW": ("botswana",), "BN": ("brunei",), "BF": ("burkina faso",),
    "BI": ("burundi",), "CM": ("cameroon",), "CA": ("canada",), "CF": ("central african republic",),
    "TD": ("chad",), "CD": ("democratic republic of the congo", "dr congo", "drc"), "CG": ("republic of the congo",),
    "CR": ("costa rica",), "HR": ("croatia",), "CU": ("cuba",), "CY": ("cyprus",), "CZ": ("czechia", "czech republic"),
    "DK": ("denmark",), "DJ": ("djibouti",), "ER": ("eritrea",), "EE": ("estonia",), "SZ": ("eswatini", "swaziland"),
    "FJ": ("fiji",), "FI": ("finland",), "GA": ("gabon",), "GM": ("gambia",), "GE": ("georgia",), "GR": ("greece",),
    "GN": ("guinea",), "GW": ("guinea-bissau",), "GY": ("guyana",), "HU": ("hungary",), "IS": ("iceland",),
    "IR": ("iran",), "IQ": ("iraq",), "IE": ("ireland",), "IL": ("israel",), "JM": ("jamaica",),
    "KZ": ("kazakhstan",), "KW": ("kuwait",), "KG": ("kyrgyzstan", "kyrgyz republic"), "LV": ("latvia",),
    "LB": ("lebanon",), "LS": ("lesotho",), "LR": ("liberia",), "LY": ("libya",), "LT": ("lithuania",),
    "MW": ("malawi",), "MV": ("maldives",), "ML": ("mali",), "MR": ("mauritania",), "MD": ("moldova",),
    "MN": ("mongolia",), "ME": ("montenegro",), "MZ": ("mozambique",), "NA": ("namibia",), "NZ": ("new zealand",),
    "NE": ("niger",), "MK": ("north macedonia",), "NO": ("norway",), "OM": ("oman",), "PA": ("panama",),
    "PG": ("papua new guinea",), "PY": ("paraguay",), "RW": ("rwanda",), "SN": ("senegal",), "RS": ("serbia",),
    "SL": ("sierra leone",), "SK": ("slovakia",), "SI": ("slovenia",), "SO": ("somalia",), "SS": ("south sudan",),
    "SD": ("sudan",), "SR": ("suriname",), "SE": ("sweden",), "CH": ("switzerland",), "SY": ("syria",),
    "TJ": ("tajikistan",), "TZ": ("tanzania",), "TL": ("timor-leste", "east timor"), "TG": ("togo",),
    "TT": ("trinidad and tobago",), "UG": ("uganda",), "UY": ("uruguay",), "VE": ("venezuela",), "YE": ("yemen",),
    "ZM": ("zambia",), "ZW": ("zimbabwe",), "PS": ("palestine",), "PR": ("puerto rico",), "MO": ("macau", "macao"),
}.items():
    COUNTRIES.setdefault(_code, _names)

_COUNTRY_INDEX = sorted(((name, code) for code, names in COUNTRIES.items() for name in names),
                        key=lambda nc: -len(nc[0]))
_COUNTRY_RE = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(n) for n, _ in _COUNTRY_INDEX) + r")(?![\w'])", re.IGNORECASE
)
_COUNTRY_LOOKUP = dict(_COUNTRY_INDEX)
# short or ambiguous names that must be written in capitals to count ("uk", "prc", "uae", "usa")
_UPPER_ONLY = {"uk", "prc", "uae", "usa"}


def country_code(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code of the country named in ``text``.

    The LAST country or city named wins, since addresses end with the country ("..., Penang, Malaysia").

    Args:
        text: a country name, an address, or a sentence.

    Returns:
        The two-letter code, or None when no known country or city is named.
    """
    if not text:
        return None
    t = text.strip()
    if re.fullmatch(r"[A-Z]{2}", t) and t in COUNTRIES:
        return t
    found = None
    for m in _COUNTRY_RE.finditer(t):
        name = m.group(1)
        if name.lower() in _UPPER_ONLY and not name.isupper():
            continue
        found = _COUNTRY_LOOKUP[name.lower()]
    return found


# --- dates -----------------------------------------------------------------------------------------------

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|until|&|and|/)\s*"
_DATE_PATTERNS = [
    # 2025-03-14, 2025/03/14, 2025.03.14
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)"),
    # 14 March 2025, 12-13 March 2025, 12 to 13 Mar. 2025, 14-Mar-2025, 14th of March, 2025
    re.compile(_DAY + r"(?:" + _DASH + r"[0-3]?\d(?:st|nd|rd|th)?)?[\s-]*(?:of\s+)?" + _MON + r"[\s,-]*" + _YEAR,
               re.IGNORECASE),
    # March 14, 2025; March 12-13, 2025; Mar 14 2025
    re.compile(_MON + r"\s+" + _DAY + r"(?:" + _DASH + r"[0-3]?\d(?:st|nd|rd|th)?)?,?\s+" + _YEAR, re.IGNORECASE),
    # 14/03/2025, 14.03.2025, 14-03-2025 (day first unless impossible), 14/03/25
    re.compile(r"(?<![\d/.-])(?P<a>[0-3]?\d)[/.-](?P<b>[0-3]?\d)[/.-](?P<year>(?:19|20)?\d\d)(?![\d/-]|\.\d)"),
]


def parse_date(text: str | None) -> str | None:
    """The first calendar date written in ``text``, as ISO ``YYYY-MM-DD``; a range gives its first day.

    Accepts ``2025-03-14``, ``14/03/2025`` (day first, unless only month first can be right), ``14.03.2025``,
    ``14 March 2025``, ``14-Mar-2025``, ``March 14, 2025``, ``12–13 March 2025``, ``March 12-13, 2025``.
    """
    if not text:
        return None
    best: tuple[int, str] | None = None
    for i, pat in enumerate(_DATE_PATTERNS):
        for m in pat.finditer(text):
            g = m.groupdict()
            year = int(g["year"]) if len(g["year"]) == 4 else 2000 + int(g["year"])
            if i == 3:
                a, b = int(g["a"]), int(g["b"])
                day, month = (a, b) if b <= 12 else (b, a)
            else:
                day = int(g["day"])
                month = int(g["m"]) if g.get("m") else _MONTHS[g["mon"].lower()[:3]]
            try:
                iso = date(year, month, day).isoformat()
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), iso)
            break
    return best[1] if best else None


# --- numbers ---------------------------------------------------------------------------------------------

_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}
_INT_RE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[,.\u00a0\u202f]\d{3})+|\d+)(?![\d])")


def parse_int(text: str | None) -> int | None:
    """The first whole number in ``text`` ("1,250", "1 250", "twelve"); None when there is none."""
    if not text:
        return None
    m = _INT_RE.search(text)
    if m:
        return int(re.sub(r"[,.\u00a0\u202f]", "", m.group(1)))
    w = re.search(r"\b(" + "|".join(_WORDS) + r")\b", text.lower())
    return _WORDS[w.group(1)] if w else None


# --- labels ----------------------------------------------------------------------------------------------

# (field, pattern on the normalised label). The first rule that matches decides; order matters.
_NEG_LABEL = r"report|due|next|previous|last|expir|valid|issue|deadline|completion|closure|birth|signature|contact|phone|tel|fax|e-?mail|website|manager|representative|size|area|capacity|products?|activit|code|id\b|licen|registration|ownership|owner|approv"
_LABEL_RULES: list[tuple[str, re.Pattern[str]]] = [(f, re.compile(p)) for f, p in [
    ("interviews_offsite", r"interview.*(location|place|venue|off.?site|where)|off.?site.*interview"),
    ("workers_interviewed", r"^(total )?(number of |no of )?(workers?|employees?|staff|persons?|people)? ?interview(ed|s)?( workers| employees| conducted| sample| count)?$|sample size|^interview sample"),
    ("country", r"^(site |factory |facility |audit )?country( of [a-z ]+)?$|^country/region$|^nation$"),
    ("address", r"address|^location$|^(site|factory|facility) location$"),
    ("audit_date", r"^(audit|assessment|visit|inspection|on.?site|site visit|verification)( visit)? dates?( on.?site)?$|^dates? of (the )?(on.?site )?(audit|assessment|visit|inspection|verification)( visit)?$|^date$|^audit (start )?date|^audit(ed)? on$|^date audited$|^audit period$|^assessment period$|^visit dates?$"),
    ("audit_type", r"announce|^(audit|assessment|visit) (type|method|methodology)$|^type of (audit|assessment|visit)$|^audit (notice|notification)"),
    ("audit_stage", r"(audit|assessment|visit) (stage|round|phase|category|purpose)|^stage$|^round$"),
    ("auditor", r"(audit|auditing|assessment|assessing|certification|monitoring|verification|verifying|third.?party)( service)? (company|firm|body|organi[sz]ation|agency|provider|entity)|^(audited|conducted|assessed|verified|prepared) by$|^auditor( firm| company| organi[sz]ation)?$|^assessor( firm| company| organi[sz]ation)?$|^certification body$|^apsca member firm$|^audit company name$|^cb$|^vaa$|^verifier( body| organi[sz]ation)?$|^verification body$"),
    ("standard", r"^(audit |assessment )?(standard|scheme|protocol|methodology|programme|program|framework|code of conduct|audit tool)( used| applied| followed)?$|^type of (audit|assessment) standard$|^audit (standard|scheme) used$|^standard audited against$"),
    ("workers_female", r"\b(female|women)\b"),
    ("workers_male", r"\b(male|men)\b"),
    ("migrant_workers", r"migrant|foreign|overseas|international worker|non.?local"),
    ("agency_workers", r"(agency|dispatch(ed)?|outsourced|labou?r hire|temporary|contract(ed|ual)?|sub.?contract(ed)?)( ?/ ?[a-z]+)? (workers?|labou?r|labor|staff|employees?|personnel)|^agency$"),
    ("workers_total", r"^(total )?(number of )?(workers|employees|staff|personnel|workforce|headcount)( total| employed| on site)?$|^total (number of )?(workers|employees|staff|workforce|headcount)|^(total )?workforce( size| total)?$|^total$|^number of employees$|^employees$"),
    ("sector", r"^(industry|sector|industry sector|business sector|industry type|main )?(products?|industry|sector)$|^products? (manufactured|made|produced|type|category|range|lines?)$|^(main|key|principal) products?( / services)?$|^type of (business|industry|products?|production)$|^nature of (the )?business$|^business (activity|type|nature|sector)$|^products? ?/ ?(sector|industry|services)$|^(sector|industry) ?/ ?products?$|^goods produced$|^commodit(y|ies)$|^production type$"),
    ("site_name", r"^(name of (the )?)?(audited |production )?(site|factory|facility|supplier|company|business|workplace|employer|establishment|plant|mill|unit|farm|vendor|manufacturer|organi[sz]ation|legal entity|auditee|audited party|production unit)( site| facility)?( name)?( audited)?$|^supplier site$|^name$|^entity name$|^legal name$"),
]]


def normalise_label(label: str) -> str:
    """Lower-case a label and drop bullets, "(s)", numbering and punctuation: ``"Date(s) of Audit:"`` -> ``"date of audit"``."""
    t = label.lower().replace("(s)", "").replace("’", "'")
    t = re.sub(r"^[\s\d.)•\-–*]+", "", t)
    t = re.sub(r"\(.*?\)", " ", t)
    t = re.sub(r"[^a-z0-9/'&\- ]+", " ", t)
    return re.sub(r"\s+", " ", t).strip(" -/")


def classify_label(label: str) -> str | None:
    """The metadata field a label names, or None. ``"Factory Name"`` -> ``"site_name"``."""
    if re.search(r"%|percent|ratio|proportion", label, re.IGNORECASE):
        return None  # "Migrant workers (%)" holds a share, not a count
    t = normalise_label(label)
    if not t or len(t) > 60 or len(t.split()) > 8:
        return None
    for field, rule in _LABEL_RULES:
        if rule.search(t):
            if re.search(_NEG_LABEL, t) and field not in {"auditor", "workers_interviewed", "sector"}:
                return None
            return field
    return None


@dataclass(frozen=True)
class Pair:
    """One label/value candidate with where it came from; lower ``rank`` = more trusted."""

    field: str
    label: str
    value: str
    page: int
    rank: int


_COLON_RE = re.compile(r"^\s*(?P<label>[^:]{2,60}?)\s*[:：]\s*(?P<value>.*\S)?\s*$")


_EDGE_JUNK = r"[\s|¦“”\"'‘’_~=;:,.\-—»«*]+"


def _split_lines(text: str) -> list[str]:
    """Non-empty lines without the table rules and quote marks OCR leaves at their ends (``| Country``);
    lines with fewer than two letters or digits are dropped."""
    out = []
    for ln in text.splitlines():
        ln = re.sub(r"^" + _EDGE_JUNK, "", ln)
        ln = re.sub(_EDGE_JUNK.replace(".", "") + r"$", "", ln)  # a final full stop may end "Ltd."
        if len(re.findall(r"[^\W_]", ln)) >= 2:
            out.append(ln.strip())
    return out


def iter_pairs(doc: Document, pages: int = META_PAGES) -> Iterator[Pair]:
    """Every label/value candidate on the first ``pages`` pages: tables, ``Label: value``, stacked, inline."""
    for page in doc.pages[:pages]:
        for table in page.tables:
            rows = [[re.sub(r"\s+", " ", c or "").strip() for c in row] for row in table.as_lists()]
            matrix = list(_matrix_pairs(rows, page.number))
            if matrix:
                yield from matrix
                continue
            for cells in rows:
                for i, cell in enumerate(cells):
                    m = _COLON_RE.match(cell)
                    if m and m.group("value") and (f := classify_label(m.group("label"))):
                        yield Pair(f, m.group("label"), m.group("value"), page.number, 0)
                    if (f := classify_label(cell)) and i + 1 < len(cells) and cells[i + 1]:
                        yield Pair(f, cell, cells[i + 1], page.number, 0)
        lines = _split_lines(page.text)
        for i, line in enumerate(lines):
            m = _COLON_RE.match(line)
            if m and (f := classify_label(m.group("label"))):
                value = m.group("value")
                if value:
                    yield Pair(f, m.group("label"), value, page.number, 1)
                elif i + 1 < len(lines) and not _COLON_RE.match(lines[i + 1]):
                    yield Pair(f, m.group("label"), lines[i + 1], page.number, 2)
                continue
            inline = list(_inline_pairs(line, page.number))
            if _label_shaped(line) and (f := classify_label(line)) and i + 1 < len(lines) \
                    and not classify_label(lines[i + 1]) \
                    and not any(_value_for(p.field, p.value) is not None for p in inline) \
                    and not any(_value_for(p.field, p.value) is not None for p in _inline_pairs(lines[i + 1], 0)):
                yield Pair(f, line, lines[i + 1], page.number, 2)
            yield from inline  # "Audit date 2023-06-12" is a label with its value, not a label alone
        for rows in _text_matrices(lines):
            yield from _matrix_pairs(rows, page.number, rank=1)


def _is_total(cell: str) -> bool:
    return bool(re.match(r"^(grand )?total\b", normalise_label(cell)))


def _matrix_pairs(rows: list[list[str]], page: int, rank: int = 0) -> Iterator[Pair]:
    """Workforce matrices: a header row of categories and a "Total" column and/or row.

    ``Category | Male | Female | Total`` with rows ``Migrant workers | 1 | 0 | 1`` ... ``Total | 174 | 116 | 290``:
    a row's count is in the Total column, a column's count in the Total row. A two-row table whose header
    cells are labels (``Total workers | Female | Migrant``) pairs each header with the cell below it.
    """
    if len(rows) < 2 or len(rows[0]) < 2:
        return
    header = rows[0]
    total_col = next((j for j, c in enumerate(header) if j and _is_total(c)), None)
    total_row = next((r for r in rows[1:] if r and _is_total(r[0])), None)
    if total_col is None and total_row is None:
        if len(rows) == 2 and sum(1 for c in header if classify_label(c)) >= 2:
            for j, c in enumerate(header):
                if (f := classify_label(c)) and j < len(rows[1]) and rows[1][j]:
                    yield Pair(f, c, rows[1][j], page, rank)
        return
    if total_col is not None:
        for row in rows[1:]:
            if total_col >= len(row) or not row[total_col]:
                continue
            field = "workers_total" if _is_total(row[0]) else classify_label(row[0])
            if field in {"workers_total", "workers_female", "workers_male", "migrant_workers", "agency_workers"}:
                yield Pair(field, row[0], row[total_col], page, rank)
    if total_col is not None and total_row is not None:
        yield from _absent_categories(rows, total_col, total_row, page)
    if total_row is not None:
        for j, c in enumerate(header[1:], start=1):
            field = "workers_total" if _is_total(c) else classify_label(c)
            if field in {"workers_total", "workers_female", "workers_male", "migrant_workers", "agency_workers"} \
                    and j < len(total_row) and total_row[j]:
                yield Pair(field, c, total_row[j], page, rank)


def _label_shaped(text: str) -> bool:
    """A label starts with a capital, has at most six words and no sentence punctuation."""
    return bool(re.match(r"^[A-Z0-9]", text)) and len(text.split()) <= 6 and not re.search(r"[.,;!?]\s", text + " ")


def _absent_categories(rows: list[list[str]], total_col: int, total_row: list[str], page: int) -> Iterator[Pair]:
    """When the category rows add up to the grand total, a category with no row (migrant, agency) has 0 workers."""
    grand = parse_int(total_row[total_col]) if total_col < len(total_row) else None
    parts = [parse_int(r[total_col]) for r in rows[1:] if r is not total_row and total_col < len(r)]
    if grand is None or None in parts or sum(p or 0 for p in parts) != grand:
        return
    present = {classify_label(r[0]) for r in rows[1:] if r}
    for field in ("migrant_workers", "agency_workers"):
        if field not in present:
            yield Pair(field, "(no row in a complete breakdown)", "0", page, 4)


def _inline_pairs(line: str, page: int) -> Iterator[Pair]:
    """``"Factory Name  Sunrise Garments"``: a known label at the start of a short line, the value after it.

    The label is the shortest run of leading words naming the same field as the longest run does
    ("Audit company Ardent Auditing" -> "Audit company"; "Number of workers interviewed 25" -> all four words).
    """
    if len(line) > 140 or not re.match(r"^[A-Z]", line):
        return
    words = line.split()
    alpha = next((i for i, w in enumerate(words) if not re.fullmatch(r"[A-Za-z(/)&.'’-]+", w)), len(words))
    fields = [(n, classify_label(" ".join(words[:n]))) for n in range(2, min(7, alpha + 1, len(words)))]
    longest = next((f for _, f in reversed(fields) if f), None)
    n = next((n for n, f in fields if f == longest), 0)
    if longest and n < len(words):
        yield Pair(longest, " ".join(words[:n]), " ".join(words[n:]), page, 3)


_CATEGORY_WORD = r"(male|female|men|women|total|local|migrant|foreign|agency|permanent|temporary|direct|contract)"


def _text_matrices(lines: list[str]) -> Iterator[list[list[str]]]:
    """Workforce tables that reached the text without cell structure (OCR): a header line of category words
    (``Category Male Female Total``) followed by lines of a label and as many numbers."""
    i = 0
    while i < len(lines):
        words = lines[i].split()
        cols = []
        for w in reversed(words):
            if not re.fullmatch(_CATEGORY_WORD, w.lower()):
                break
            cols.insert(0, w)
        i += 1
        if len(cols) < 2 or len(words) - len(cols) > 3 or not any(_is_total(c) for c in cols):
            continue
        rows = [[" ".join(words[: len(words) - len(cols)]) or "Category", *cols]]
        while i < len(lines):
            m = re.fullmatch(r"(?P<label>.*?[A-Za-z)])\s+(?P<nums>[\d,.\s]+)", lines[i])
            nums = [t for t in re.split(r"\s+", m.group("nums").strip()) if re.search(r"\d", t)] if m else []
            if not m or len(nums) != len(cols):
                break
            rows.append([m.group("label"), *nums])
            i += 1
        if len(rows) > 1:
            yield rows


# --- values ----------------------------------------------------------------------------------------------

STANDARDS: list[tuple[str, re.Pattern[str]]] = [(s, re.compile(p, re.IGNORECASE)) for s, p in [
    ("SMETA", r"\bSMETA\b|Sedex Members Ethical Trade Audit"),
    ("amfori BSCI", r"\bBSCI\b|amfori"),
    ("RBA VAP", r"\bRBA\b|\bVAP\b|Validated Assessment Program|Responsible Business Alliance|\bEICC\b"),
    ("SA8000", r"\bSA ?8000\b|Social Accountability International|\bSAAS\b"),
    ("WCA", r"\bWCA\b|Workplace Conditions Assessment"),
    ("FLA", r"\bFLA\b|Fair Labor Association"),
    ("SLCP", r"\bSLCP\b|Social (?:&|and) Labou?r Convergence|Converged Assessment Framework"),
]]


def detect_standard(text: str) -> str | None:
    """The audit scheme a text names: the earliest scheme mentioned wins."""
    hits = [(m.start(), s) for s, rx in STANDARDS if (m := rx.search(text))]
    return min(hits)[1] if hits else None


def audit_type_of(text: str) -> str | None:
    """announced / semi-announced / unannounced, from a value or sentence."""
    t = text.lower()
    if re.search(r"semi[\s-]?announced|partially announced|announcement window|window of", t):
        return "semi-announced"
    if re.search(r"un-?announced|without (prior )?notice|no prior notice|surprise", t):
        return "unannounced"
    if re.search(r"\bannounced\b|with (prior )?notice|pre-?arranged|scheduled", t):
        return "announced"
    return None


_STAGES = [
    ("follow-up", r"follow[\s-]?up|re-?audit|re-?assessment|verification|closure|close[\s-]?out|re-?visit|corrective action"),
    ("periodic", r"periodic|annual|renewal|re-?certification|surveillance|recurring"),
    ("initial", r"\binitial\b|\bfirst\b|\bfull\b|\bbaseline\b|\bnew\b|\bcertification\b"),
]


def audit_stage_of(text: str) -> str | None:
    """initial / follow-up / periodic, from a value or sentence."""
    t = text.lower()
    for stage, rx in _STAGES:
        if re.search(rx, t):
            return stage
    return None


_ORG_SUFFIX = r"(?:Sdn\.? Bhd\.?|Co\.,? Ltd\.?|Company Limited|Pvt\.? Ltd\.?|Private Limited|Ltd\.?|Limited|LLC|Inc\.?|JSC|PLC|GmbH|S\.A\.|S\.A\.S\.|A\.Ş\.|A\.S\.|Corp(?:oration)?\.?|Company|Tbk|Bhd\.?|Pte\.? Ltd\.?|Industries|Group)"


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" \t:;,-–|")


def _value_for(field: str, value: str) -> object | None:
    """Validate and normalise a raw value for ``field``; None when it cannot be right."""
    v = _clean(value)
    if not v or len(v) > 200:
        return None
    if field == "audit_date":
        return parse_date(v)
    if field == "country":
        return country_code(v)
    if field == "audit_type":
        return audit_type_of(v)
    if field == "audit_stage":
        return audit_stage_of(v)
    if field == "standard":
        return v if detect_standard(v) else None
    if field == "interviews_offsite":
        t = v.lower()
        if re.search(r"off[\s-]?site|outside|home|dormitor|community", t):
            return True
        if re.search(r"on[\s-]?site|in the factory|at the (site|factory|facility)|^no\b", t):
            return False
        return None
    if field in {"workers_total", "workers_female", "workers_male", "migrant_workers", "agency_workers",
                 "workers_interviewed"}:
        if re.fullmatch(r"(none|nil|no|zero|not applicable)\.?", v.lower()):
            return 0
        if len(v) > 60 or re.match(r"^\D{0,12}\d[\d,.\s]*%", v):  # a sentence or a share, not a count
            return None
        n = parse_int(v)
        return n if n is not None and n < 10_000_000 else None
    if field == "sector":
        # the products or industry as written ("Garments", "Frozen shrimp and squid"), not a sentence or a label
        words = re.findall(r"[A-Za-z][A-Za-z'&-]*", v)
        if not words or len(v) > 60 or len(words) > 8 or classify_label(v) or re.search(r"[.!?]$", v):
            return None
        return v[0].upper() + v[1:]
    if field in {"site_name", "auditor"}:
        # OCR noise after a capitalised name: "Tessellate Audit Services ale"
        v = re.sub(r"^((?:[A-Z0-9][\w&.,'()-]*\s+)+[A-Z0-9][\w&.,'()-]*)\s+[a-z]{1,3}$", r"\1", v)
    if field in {"site_name", "auditor", "address"}:
        if (re.fullmatch(r"[\d\W]*", v) or len(v) < 2 or v.lower() in {"n/a", "na", "none", "-", "not stated"}
                or classify_label(v) or re.search(r"\b(of|and|by|the|for|to|in|at)$", v.lower())):
            return None  # a label or a broken line, not a value
        return v if field != "address" or len(v) >= 5 else None
    return None


# --- prose fallbacks -------------------------------------------------------------------------------------

_N = r"(\d{1,3}(?:,\d{3})+|\d+)"
_PROSE: list[tuple[str, re.Pattern[str]]] = [(f, re.compile(p, re.IGNORECASE)) for f, p in [
    ("workers_interviewed", _N + r"\s+(?:[A-Za-z-]+\s+){0,3}(?:workers|employees|staff|people|individuals|persons)\s+(?:[A-Za-z-]+\s+){0,3}(?:were|was)\s+interviewed"),
    ("workers_interviewed", r"interview(?:ed|s)\s+(?:with\s+)?(?:a (?:total|sample) of\s+)?" + _N + r"\s+(?:\w+\s+){0,2}(?:workers|employees|staff)"),
    ("workers_interviewed", r"(?:a (?:total|sample) of\s+)?" + _N + r"\s+(?:worker|employee)\s+interviews"),
    ("workers_interviewed", _N + r"\s+(?:[A-Za-z-]+\s+){0,3}(?:workers|employees|staff|people|persons)\s+(?:were\s+)?(?:selected|chosen|sampled|randomly selected)\s+for\s+(?:the\s+)?(?:private\s+|individual\s+|group\s+)?interviews?"),
    ("workers_total", r"(?:employs|employing|employed|workforce of|headcount of|employ)\s+(?:a total of\s+|about\s+|approximately\s+|around\s+)?" + _N + r"\s+(?:\w+\s+){0,2}(?:workers|employees|people|staff)"),
    ("workers_total", r"(?:total of|total workforce (?:is|was|of)|total number of (?:workers|employees) (?:is|was))\s+" + _N),
    ("workers_total", _N + r"\s+(?:workers|employees)\s+(?:in total|are employed|were employed|work at|on site)"),
    ("workers_female", _N + r"\s+(?:\(\d+%\)\s+)?(?:are\s+|were\s+)?(?:female|women)"),
    ("workers_male", _N + r"\s+(?:\(\d+%\)\s+)?(?:are\s+|were\s+)?(?:male|men)\b"),
    ("migrant_workers", _N + r"\s+(?:\(\d+%\)\s+)?(?:are\s+|were\s+)?(?:[A-Za-z-]+\s+)?(?:migrant|foreign)"),
    ("agency_workers", _N + r"\s+(?:\(\d+%\)\s+)?(?:are\s+|were\s+)?(?:[A-Za-z-]+\s+)?(?:agency|contract|dispatched|outsourced)\s+(?:workers|employees|staff|labou?r)"),
    ("audit_date", r"(?:audit|assessment|visit)\b[^\n]{0,80}?\b(?:on|from|between|dated)\s+(.{6,40})"),
    ("audit_date", r"(?:conducted|carried out|performed|took place|held|undertaken|visited)\s+(?:on|from|between)\s+(.{6,40})"),
    ("auditor", r"(?:conducted|carried out|performed|undertaken)\b(?:(?!\.\s).){0,40}?\bby\s+((?:[A-Z][\w&.'-]*\s?){1,6})"),
    ("address", r"(?:located|situated|based)\s+(?:at|in)\s+(.{5,160}?)(?=,?\s+(?:conducted|and|which|where|employing|employs|with|has)\b|[.;]\s|$)"),
    ("auditor", r"(?:conducted|carried out|performed|undertaken|audited|assessed)\s+by\s+((?:[A-Z][\w&.'-]*\s?){1,6}" + _ORG_SUFFIX + r"?)"),
    ("auditor", r"(?:audit|assessment)\b[^\n]{0,80}?\bby\s+((?:[A-Z][\w&.'-]*\s?){1,6}" + _ORG_SUFFIX + r")"),
    ("site_name", r"(?:audit|assessment|visit)\s+(?:of|at)\s+((?:[A-Z][\w&'-]*[.,]?\s?){1,6}" + _ORG_SUFFIX + r")"),
    ("audit_stage", r"\b((?:initial|follow[\s-]?up|periodic|annual|re-?audit|renewal|surveillance|first)\s+(?:audit|assessment|visit))"),
    ("interviews_offsite", r"(interview(?:s|ed)?\s+(?:\w+\s+){0,4}(?:off[\s-]?site|outside the (?:factory|site|facility)|at (?:their|workers') homes?))"),
    ("sector", r"(?:site|factory|facility|company|plant|mill|supplier|it)\s+(?:produces|manufactures|makes|processes|assembles|is a (?:manufacturer|producer|processor) of|is engaged in (?:the )?(?:production|manufacture|manufacturing|processing) of)\s+([a-z][a-z ,&'-]{2,50}?)(?=\s+(?:and employs|and has|with|for|employing|at)\b|[.;(]|,\s+(?:and|with|employing)\b)"),
]]


def _prose_candidates(doc: Document) -> Iterator[Pair]:
    for page in doc.pages[:META_PAGES]:
        text = re.sub(r"\s+", " ", page.text)
        for field, rx in _PROSE:
            for m in rx.finditer(text):
                # a name at the end of a sentence loses the full stop, unless it ends an abbreviation ("Bhd.")
                value = re.split(r"(?<!\bSdn\.)(?<!\bCo\.)(?<!\bNo\.)(?<!\bSt\.)(?<=\.)\s+(?=[A-Z])", m.group(1).strip())[0]
                if not re.search(r"\b(?:Ltd|Bhd|Co|Inc|Corp|Pvt|Pte|S\.A|Ş|Tbk|JSC)\.$", value):
                    value = value.rstrip(". ")
                yield Pair(field, "prose", value, page.number, 5)


# --- main entry points -----------------------------------------------------------------------------------

_META_FIELDS = ("standard", "audit_date", "audit_type", "audit_stage", "auditor", "site_name", "address",
                "country", "workers_total", "workers_female", "workers_male", "migrant_workers",
                "agency_workers", "workers_interviewed", "interviews_offsite", "sector")


def collect(doc: Document) -> dict[str, tuple[object, str]]:
    """Best value per metadata field, with the raw text it came from: ``{"audit_date": ("2025-03-14", "12-13 March 2025")}``.

    For each field the most trusted source wins (tables, then ``Label: value``, stacked, inline, prose); within a
    source, the earliest on the page.
    """
    best: dict[str, tuple[int, object, str]] = {}
    for pair in _all_pairs(doc):
        val = _value_for(pair.field, pair.value)
        if val is None:
            continue
        if pair.field not in best or pair.rank < best[pair.field][0]:
            best[pair.field] = (pair.rank, val, _clean(pair.value))
    return {f: (v, raw) for f, (_, v, raw) in best.items()}


def _all_pairs(doc: Document) -> Iterator[Pair]:
    for pair in (*iter_pairs(doc), *_prose_candidates(doc)):
        yield pair
        # "Audit type: Full initial" names the stage; "Audit stage: Semi-announced follow-up" the type too
        twin = {"audit_type": "audit_stage", "audit_stage": "audit_type"}.get(pair.field)
        if twin:
            yield Pair(twin, pair.label, pair.value, pair.page, pair.rank)


def extract_metadata(doc: Document) -> tuple[AuditMeta, SiteMeta, Coverage]:
    """Audit and site metadata, plus the interview counts that feed coverage.

    Args:
        doc: an extracted report.

    Returns:
        ``(audit, site, coverage)``; fields the report does not state stay None. Only
        ``coverage.workers_interviewed`` and ``coverage.interviews_offsite`` are filled here.
    """
    got = collect(doc)
    head = "\n".join(p.text for p in doc.pages[:META_PAGES])

    def val(field: str) -> object | None:
        return got[field][0] if field in got else None

    std_raw = got["standard"][1] if "standard" in got else _standard_label_from_text(head)
    standard = detect_standard(std_raw) if std_raw else None
    if standard is None:
        standard = detect_standard(head) or ("other" if head.strip() else None)
    audit_type = val("audit_type") or _first_in_text(
        re.sub(r"\s+", " ", head), audit_type_of, r"[^.\n]*\b(audit|assessment|visit)\b[^.\n]*announced[^.\n]*|"
                             r"[^.\n]*announced\s+(\S+\s+){0,3}(audit|assessment|visit)[^.\n]*")
    stage = val("audit_stage")
    address = val("address")
    country = val("country") or country_code(address if isinstance(address, str) else None)
    if country is None:
        country = _most_named_country(head)
    audit = AuditMeta.model_validate(dict(
        standard=standard, standard_label=std_raw, audit_date=val("audit_date"), audit_type=audit_type,
        audit_stage=stage, auditor=val("auditor")))
    site = SiteMeta.model_validate(dict(
        name=val("site_name"), address=address, country=country, workers_total=val("workers_total"),
        workers_female=val("workers_female"), workers_male=val("workers_male"),
        migrant_workers=val("migrant_workers"), agency_workers=val("agency_workers"), sector=val("sector")))
    if site.workers_total is None and site.workers_female is not None and site.workers_male is not None:
        site.workers_total = site.workers_female + site.workers_male
    coverage = Coverage.model_validate(dict(workers_interviewed=val("workers_interviewed"),
                                            interviews_offsite=val("interviews_offsite")))
    log.debug("metadata fields found: %s", sorted(got))
    return audit, site, coverage


def _standard_label_from_text(text: str) -> str | None:
    """The first short line naming a scheme, e.g. a cover title ``"SMETA 6.1 4-Pillar Audit Report"``."""
    lines = [ln for ln in _split_lines(text)[:40] if len(ln) <= 80 and detect_standard(ln)]
    if not lines:
        return None
    # the first scheme named wins; among its lines, one with a version number ("SMETA 6.1") is the fuller label
    same = [ln for ln in lines if detect_standard(ln) == detect_standard(lines[0])]
    line = next((ln for ln in same if re.search(r"\d", re.sub(r"(?i)SA ?8000", "", ln))), lines[0])
    return _clean(re.sub(r"(?i)\b(audit\s+)?report\b", "", line)) or line


def _first_in_text(text: str, fn, pattern: str) -> str | None:  # type: ignore[no-untyped-def]
    for m in re.finditer(pattern, text, re.IGNORECASE):
        if (v := fn(m.group(0))) is not None:
            return v
    return None


def _most_named_country(text: str) -> str | None:
    counts: dict[str, int] = {}
    for m in _COUNTRY_RE.finditer(text):
        name = m.group(1)
        if name.lower() in _UPPER_ONLY and not name.isupper():
            continue
        code = _COUNTRY_LOOKUP[name.lower()]
        counts[code] = counts.get(code, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


# --- non-compliances -------------------------------------------------------------------------------------

_SEVERITY_RULES: list[tuple[Severity, str]] = [
    ("critical", r"zero[\s-]?tolerance|\bcritical\b|business critical|\bpriority\b|\bzt\b|immediate action|\bsevere\b|rating\s*:?\s*e\b|^e$"),
    ("major", r"\bmajor\b|\bsignificant\b|\bserious\b|\bhigh\b|rating\s*:?\s*d\b|^d$"),
    ("minor", r"\bminor\b|\bmoderate\b|\bmedium\b|\blow\b|improvement (is )?needed|needs improvement|rating\s*:?\s*c\b|^c$"),
    ("observation", r"observation|risk of non|opportunity for improvement|\bofi\b|recommendation|good practice|advisory|note\b|rating\s*:?\s*[ab]\b|^[ab]$"),
]


def normalise_severity(label: str | None) -> Severity | None:
    """Map a scheme's severity label onto critical / major / minor / observation.

    ``"Zero Tolerance"`` and RBA ``"Priority"`` -> critical; ``"Improvement needed"`` -> minor; amfori BSCI
    performance-area ratings E/D/C/A-B -> critical/major/minor/observation.
    """
    if not label:
        return None
    t = label.strip().lower()
    for sev, rx in _SEVERITY_RULES:
        if re.search(rx, t):
            return sev
    return None


_NC_COLUMNS: list[tuple[str, str]] = [
    ("corrective_action", r"corrective|remediation|action plan|\bcap\b|\baction|recommend"),
    ("due_date", r"due|deadline|time ?frame|timeline|target date|completion|by when|time ?line"),
    ("severity", r"severity|rating|grade|classification|level|risk|category|type of (finding|nc)|priority|status"),
    ("reference", r"^(ref|reference|no|nr|#|id|nc ?(no|#|ref|id)?|finding (no|#|id|ref)|item|s/?n|sl)\b"),
    ("clause", r"clause|code|requirement|standard|section|element|provision|area|pillar|chapter|question|criteri"),
    ("text", r"description|detail|non.?complian|non.?conformit|finding|issue|observation|\bnc\b|evidence|objective"),
]
_TEXT_STRONG = r"description|detail|non.?complian|non.?conformit"


def _column_roles(header: list[str], body: list[list[str]]) -> dict[int, str]:
    """Role of each column of a findings table, from its header (``"Classificatio n"`` reads as one word).

    When two columns could hold the finding text, a "Description"-like one wins and a column of short
    id-like values ("A1.1", "F003") becomes the reference.
    """
    roles: dict[int, str] = {}
    for i, cell in enumerate(header):
        t = normalise_label(cell)
        for role, rx in _NC_COLUMNS:
            if role not in roles.values() and (re.search(rx, t) or re.search(rx, t.replace(" ", ""))):
                roles[i] = role
                break
    strong = [i for i, c in enumerate(header) if re.search(_TEXT_STRONG, normalise_label(c))]
    if strong and "reference" not in roles.values():
        text_cols = [i for i, r in roles.items() if r == "text"]
        for i in (text_cols or [0]):
            values = [row[i] for row in body if i < len(row) and row[i]]
            if i not in strong and values and all(len(v) <= 12 and re.search(r"\d", v) for v in values):
                roles[i] = "reference"
        if "text" not in roles.values() or strong[0] not in roles:
            roles = {k: v for k, v in roles.items() if v != "text"}
            roles[strong[0]] = "text"
    return roles


def _is_findings_table(roles: dict[int, str]) -> bool:
    return "text" in roles.values() and bool({"severity", "corrective_action", "reference"} & set(roles.values()))


def _ref_shape(ref: str) -> str:
    return re.sub(r"\d+", "9", re.sub(r"\s+", "", ref)).upper()


def _continues(rows: list[list[str]], roles: dict[int, str], found: list[NonCompliance]) -> bool:
    """A headerless table continues a findings table when its reference column holds references shaped like the
    ones already read (``NC-02`` after ``NC-01``)."""
    col = next((i for i, r in roles.items() if r == "reference"), None)
    shapes = {_ref_shape(nc.reference) for nc in found if nc.reference}
    return col is not None and bool(shapes) and all(
        col < len(r) and _ref_shape(r[col]) in shapes for r in rows)


def _nc_from_tables(doc: Document) -> list[NonCompliance]:
    """Rows of findings tables; a headerless table with the same columns on the next page continues the last one."""
    out: list[NonCompliance] = []
    last: tuple[int, int, dict[int, str]] | None = None  # (page, columns, roles) of the last findings table
    for page in doc.pages:
        for table in page.tables:
            rows = [[re.sub(r"\s+", " ", c or "").strip() for c in r] for r in table.as_lists()]
            if not rows:
                continue
            roles = _column_roles(rows[0], rows[1:])
            if _is_findings_table(roles):
                body = rows[1:]
                last = (page.number, len(rows[0]), roles)
            elif last and last[0] in (page.number, page.number - 1) and len(rows[0]) == last[1] \
                    and _continues(rows, last[2], out):
                body, roles = rows, last[2]
                last = (page.number, last[1], roles)
            else:
                continue
            for row in body:
                rec = {role: row[i] for i, role in roles.items() if i < len(row) and row[i]}
                if not rec.get("text"):
                    continue
                out.append(_make_nc(rec, page.number))
    return out


def _unwrap(cell: str) -> str:
    """Undo the breaks a narrow table cell puts inside words and numbers: "Majo r", "6.06.2 025", "2025- 05-07"."""
    cell = re.sub(r"(?<=[\d./-])\s+(?=[\d./-])|(?<=\d)\s+(?=[/.-])|(?<=[/.-])\s+(?=\w)", "", cell)
    return re.sub(r"(?<=[a-z])\s(?=[a-z]{1,2}\b)", "", cell)


def _make_nc(rec: dict[str, str], page: int) -> NonCompliance:
    label = rec.get("severity")
    if label and not normalise_severity(label) and normalise_severity(_unwrap(label)):
        label = _unwrap(label)
    ref = rec.get("reference")
    if ref and len(ref) <= 14:
        ref = re.sub(r"(?<=\d)\s+(?=\d)", "", ref)  # a number split by extraction: "F0 01"
    due = rec.get("due_date")
    return NonCompliance(
        reference=ref, clause=rec.get("clause"), text=_clean(rec["text"]),
        severity=normalise_severity(label), severity_label=_clean(label) if label else None,
        corrective_action=_clean(rec["corrective_action"]) if rec.get("corrective_action") else None,
        due_date=parse_date(due) or (parse_date(_unwrap(due)) if due else None), page=page,
    )


# A finding heading in text: "NC-01", "NC 3:", "Non-compliance 2", "Finding #4", "NCR-07", "Issue 5"
_NC_HEAD = re.compile(
    r"^\s*(?P<ref>(?:NC|NCR|CAR|Non[-\s]?complian(?:ce|t)|Non[-\s]?conformit(?:y|ies)|Nonconformance|Finding|Issue)"
    r"\s*(?:No\.?|#)?\s*[-.:]?\s*\d+[A-Za-z]?(?:\.\d+)*)\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# a field label inside a finding block, with or without a colon ("Corrective action: ...", "Due by 30 May")
_NC_FIELDS: list[tuple[str, str]] = [
    ("severity", r"severity|rating|grade|classification|risk level|finding type|nc type|category"),
    ("corrective_action", r"corrective actions?(?: required| plan)?|recommended actions?|remediation(?: plan)?|"
                          r"action(?:s)? required|required actions?|cap"),
    ("due_date", r"due date|due by|deadline|target date|timeline|time ?frame|to be completed by|completion date"),
    ("clause", r"clause|requirement|code reference|reference|standard clause|provision|pillar"),
    ("text", r"finding|description|details|evidence|objective evidence|non-?compliance"),
]
_NC_FIELD_RE = re.compile(
    r"(?:^|(?<=[.;!?)])\s+|\n)(?P<label>" + "|".join("(?:" + rx.replace(" ", r"\s+") + ")" for _, rx in _NC_FIELDS)
    + r")\s*(?:[:：]|(?<=by)\s)",
    re.IGNORECASE,
)


def _field_role(label: str) -> str:
    for role, rx in _NC_FIELDS:
        if re.fullmatch(rx, " ".join(label.split()), re.IGNORECASE):
            return role
    return "text"


def _nc_blocks(text: str) -> Iterator[tuple[str, str]]:
    """``(reference, block text)`` for each finding heading on a page; a block ends at the next heading, a blank
    line after its due date, or 1,200 characters."""
    lines = text.split("\n")
    heads = [(i, m) for i, ln in enumerate(lines) if (m := _NC_HEAD.match(ln)) and not _looks_like_toc(ln)
             and (m.group("rest").strip() or len(ln) < 40)]
    for k, (i, m) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        body = [m.group("rest")]
        for ln in lines[i + 1:end]:
            if not ln.strip() and re.search(r"(?i)due|deadline|timeline", " ".join(body)):
                break
            body.append(ln)
        yield _clean(m.group("ref")), re.sub(r"[ \t]+", " ", "\n".join(body)).strip()[:1200]


def _parse_nc_block(ref: str, block: str, page: int) -> NonCompliance | None:
    rec: dict[str, str] = {"reference": ref}
    head = re.match(r"^[-–:.]?\s*[\[(](?P<inner>[^\])\n]{2,60})[\])]\s*[-–:.]?\s*", block)
    if head:
        for part in re.split(r"[,;/]", head.group("inner")):
            part = part.strip()
            if normalise_severity(part) and "severity" not in rec:
                rec["severity"] = part
            elif part and "clause" not in rec:
                rec["clause"] = part
        block = block[head.end():]
    else:
        block = re.sub(r"^[-–:.)]\s*", "", block)
    first, _, rest = block.partition("\n")
    first = re.sub(r"^[-–:.)\s]+|[-–:.(\s]+$", "", first)
    if "severity" not in rec and len(first) <= 40 and normalise_severity(first) and rest.strip():
        rec["severity"], block = first, rest  # "Finding 1 (PA4) - Major finding" then the text
    marks = list(_NC_FIELD_RE.finditer(block))
    pieces = [("text", 0, marks[0].start() if marks else len(block))]
    for j, mk in enumerate(marks):
        pieces.append((_field_role(mk.group("label")), mk.end(), marks[j + 1].start() if j + 1 < len(marks) else len(block)))
    for role, a, b in pieces:
        value = _clean(block[a:b])
        if value and role not in rec:
            rec[role] = value
    if rec.get("due_date"):
        rec["due_date"] = rec["due_date"][:60]
    if rec.get("severity") and len(rec["severity"]) > 40:
        rec["severity"] = rec["severity"][:40].rsplit(" ", 1)[0]
    if not rec.get("text"):
        return None
    return _make_nc(rec, page)


def _nc_from_text(doc: Document) -> list[NonCompliance]:
    out = []
    for page in doc.pages:
        for ref, block in _nc_blocks(page.text):
            if (nc := _parse_nc_block(ref, block, page.number)) is not None:
                out.append(nc)
    return out


def _looks_like_toc(line: str) -> bool:
    return bool(re.search(r"\.{4,}\s*\d+\s*$", line))


def extract_non_compliances(doc: Document) -> list[NonCompliance]:
    """Non-compliances as the report lists them, from tables first, then from finding blocks in the text.

    A text finding already read from a table (same reference) is not repeated.
    """
    from_tables = _nc_from_tables(doc)
    seen = {_ref_key(nc.reference) for nc in from_tables if nc.reference}
    from_text = [nc for nc in _nc_from_text(doc) if not nc.reference or _ref_key(nc.reference) not in seen]
    return from_tables + from_text


def _ref_key(ref: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ref.lower())

