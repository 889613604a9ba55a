"""Build the tagger corpus (train/dev/test JSONL) from the hand-written sources in ``data/tagger/src/``.

Source format (UTF-8 text, one base sentence per line, ``#`` starts a comment line):

* ``src/<indicator>.txt``: each line is ``S[@style] text`` where ``S`` is the assertion status of the file's
  indicator (``P`` present, ``N`` negated, ``O`` policy_only, ``R`` remediated, ``H`` hypothetical). Cues are
  marked inline: ``{cue}`` is a mention of the file's indicator with the line's status; ``{cue|other_id}`` a
  mention of another indicator with the same status; ``{cue|other_id:S}`` one with its own status.
* ``src/routine*.txt``: ``[@style] text`` with no mention at all (routine report text and hard negatives).

Slots ``<NAME>`` (see ``SLOTS``) are filled with seeded random values; every base sentence and all its
variants share one ``group`` and land in one split (chosen from a hash of the group, so adding sentences never
moves existing groups between splits). Run: ``python data/tagger/build.py`` (deterministic).
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from auditparse.datamodel.nlp import INDICATORS
from auditparse.datamodel.nlp import POSITIVE_STATUSES as POSITIVE

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
SEED = 20261127
STATUS = {"P": "present", "N": "negated", "O": "policy_only", "R": "remediated", "H": "hypothetical"}
SPLITS = (("test", 0.15), ("dev", 0.12), ("train", 1.0))
ID_PREFIX = {"train": "tr", "dev": "dv", "test": "te"}

# ---------------------------------------------------------------------------------------------- slot values
NATIONALITIES = [
    "Nepali", "Bangladeshi", "Myanmar", "Indonesian", "Cambodian", "Vietnamese", "Indian", "Filipino",
    "Sri Lankan", "Lao", "Pakistani", "Ethiopian", "Ugandan", "Kenyan", "North Korean", "Uzbek", "Burmese",
]
COUNTRIES = [
    "Nepal", "Bangladesh", "Myanmar", "Indonesia", "Cambodia", "Vietnam", "India", "the Philippines",
    "Sri Lanka", "Laos", "Pakistan", "Ethiopia", "Uganda", "Kenya",
]
LANGUAGES = ["Nepali", "Bengali", "Burmese", "Bahasa Indonesia", "Khmer", "Vietnamese", "Hindi", "Tagalog", "Sinhala",
             "Lao", "Urdu", "Amharic", "Thai", "Tamil", "Malay"]
AGENTS = [
    "Sunrise Manpower", "Global Link Recruiting", "Everest Overseas", "Golden Bridge HR", "PT Karya Mandiri",
    "Al-Noor Employment", "Asia Pacific Workforce", "Himalaya Job Services", "Mekong Labour Supply",
    "Bright Star Agency", "Lotus Outsourcing", "Apex Staffing Sdn Bhd", "United Overseas Placement",
    "the sub-agent in the home village", "a local broker", "the labour contractor",
]
ROLES = ["HR manager", "compliance officer", "general manager", "production manager", "admin executive",
         "factory director", "line supervisor", "dormitory warden", "HR assistant", "site manager"]
CURRENCIES = {
    # code: (formats, low, high) for recruitment-sized amounts; formats take a formatted number
    "BDT": (["BDT {n}", "Tk. {i}", "Tk {n}", "{n} taka", "BDT{n}", "Taka {n}"], 150_000, 550_000),
    "MYR": (["RM {n}", "RM{n}", "MYR {n}", "MYR{r}", "{n} ringgit", "RM {r}"], 1_500, 9_000),
    "NPR": (["NPR {n}", "Rs {n}", "NRs. {n}", "{n} Nepali rupees", "NPR{r}"], 60_000, 250_000),
    "USD": (["USD {n}", "US${n}", "$ {n}", "{n} USD", "US${k}k", "USD{r}", "{n} US dollars"], 800, 5_000),
    "THB": (["{n} baht", "THB {n}", "{n} THB", "฿{n}", "Baht {n}"], 8_000, 45_000),
    "CNY": (["RMB {n}", "RMB{r}", "CNY {n}", "{n} yuan", "¥{n}"], 2_000, 12_000),
    "INR": (["Rs {n}", "INR {n}", "Rs. {i}", "₹{n}"], 40_000, 150_000),
    "IDR": (["IDR {n}", "Rp {n}", "Rp{n}"], 8_000_000, 40_000_000),
    "VND": (["VND {n}", "{n} dong"], 30_000_000, 120_000_000),
}
SMALL = {"BDT": (500, 6_000), "MYR": (50, 600), "NPR": (2_000, 15_000), "USD": (10, 200), "THB": (300, 3_000),
         "CNY": (100, 1_500), "INR": (500, 6_000), "IDR": (100_000, 900_000), "VND": (300_000, 3_000_000)}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NC_FORMS = ["NC-{a:02d}-{b:02d}", "NC {a}", "NC#{a}", "Finding {a}.{b}", "NC-{a:02d}", "Ref. {a}.{b}"]


def _indian(n: int) -> str:
    """Format ``n`` with Indian digit grouping (3,50,000)."""
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return ",".join(groups) + "," + tail


def _money(rng: random.Random, lo_hi: tuple[int, int] | None = None, code: str | None = None) -> str:
    code = code or rng.choice(list(CURRENCIES))
    forms, lo, hi = CURRENCIES[code]
    if lo_hi is not None:
        lo, hi = lo_hi
    step = 10 ** max(0, len(str(lo)) - 2)
    value = rng.randrange(lo, hi + 1, step) if hi > lo else lo
    form = rng.choice([f for f in forms if "{k}" not in f or value >= 1000])
    return form.format(n=f"{value:,}", r=str(value), i=_indian(value), k=f"{value / 1000:.1f}".rstrip("0").rstrip("."))


def _slot(name: str, rng: random.Random, currency: str | None = None) -> str:  # noqa: C901, PLR0911, PLR0912
    """One random value for slot ``<name>``; money slots use ``currency`` when given (one currency per sentence)."""
    if name == "FEE":
        return _money(rng, code=currency)
    if name.startswith("FEE_"):
        return _money(rng, code=name[4:])
    if name == "SMALL":
        code = currency or rng.choice(list(SMALL))
        return _money(rng, SMALL[code], code)
    if name == "N":
        return str(rng.randint(2, 19))
    if name == "NW":  # number in words
        return rng.choice(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
                           "some", "a few", "many", "most", "twelve", "fifteen"])
    if name == "TOTAL":
        return str(rng.choice([20, 24, 25, 30, 32, 35, 40, 45, 50, 60]))
    if name == "BIG":
        return str(rng.randint(40, 900))
    if name == "PCT":
        return f"{rng.randint(5, 95)}%"
    if name == "NAT":
        return rng.choice(NATIONALITIES)
    if name == "LANG":
        return rng.choice(LANGUAGES)
    if name == "COUNTRY":
        return rng.choice(COUNTRIES)
    if name == "AGENT":
        return rng.choice(AGENTS)
    if name == "ROLE":
        return rng.choice(ROLES)
    if name == "HW_EX":  # hours per week over any limit
        return str(rng.randint(63, 88))
    if name == "HW_OK":  # weekly hours within ETI limits
        return str(rng.choice([40, 44, 45, 46, 48, 50, 52, 54, 55, 56, 57, 58, 60]))
    if name == "HD_EX":
        return str(rng.choice([13, 14, 15, 16, 17]))
    if name == "HD_OK":
        return str(rng.choice([8, 9, 10, 11]))
    if name == "OT_EX":  # overtime hours per week over limit
        return str(rng.randint(16, 36))
    if name == "OT_OK":
        return str(rng.randint(2, 12))
    if name == "OTM_EX":  # overtime hours per month over limit (CN 36, MY 104)
        return str(rng.randint(110, 160))
    if name == "DAYS_EX":  # consecutive days without rest
        return str(rng.randint(8, 45))
    if name == "DELAY":
        return str(rng.randint(10, 95))
    if name == "MONTHS":
        return str(rng.randint(2, 24))
    if name == "YEAR":
        return str(rng.randint(2019, 2026))
    if name == "DATE":
        return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2022, 2026)}"
    if name == "MONTH":
        return f"{rng.choice(MONTHS)} {rng.randint(2022, 2026)}"
    if name == "WPCT":  # share of a wage
        return f"{rng.choice([5, 10, 10, 15, 20, 20, 25, 30])}%"
    if name == "RATE":  # monthly interest rate
        return f"{rng.choice([2, 3, 5, 5, 8, 10, 10, 15, 20])}%"
    if name == "DUE":
        return str(rng.choice([7, 14, 30, 45, 60, 90]))
    if name == "NC":
        return rng.choice(NC_FORMS).format(a=rng.randint(1, 12), b=rng.randint(1, 9))
    raise KeyError(f"unknown slot <{name}>")


# ---------------------------------------------------------------------------------------------- parsing
CUE_RE = re.compile(r"\{([^{}]+?)(?:\|(\+?[a-z_]+)(?::([PNORH]))?)?\}")
SLOT_RE = re.compile(r"<([A-Z_]+)>")


@dataclass
class Base:
    """One hand-written base sentence with its cue markup still in place."""

    source: str
    line: int
    raw: str
    status: str | None  # line status for indicator files, None for routine
    indicator: str | None
    style: str | None
    group: str = field(default="")


@dataclass
class Example:
    text: str
    mentions: list[dict]
    style: str
    group: str
    lang_note: str | None = None
    aug: str | None = None  # augmentation applied (internal, not written)

    def record(self, ident: str) -> dict:
        indicators = sorted({m["indicator"] for m in self.mentions if m["status"] in POSITIVE},
                            key=INDICATORS.index)
        return {"id": ident, "text": self.text, "indicators": indicators, "mentions": self.mentions,
                "style": self.style, "group": self.group, "lang_note": self.lang_note}


def read_sources(src: Path = SRC) -> list[Base]:
    """Parse every source file under ``src`` into base sentences (validating the markup)."""
    bases: list[Base] = []
    for path in sorted(src.glob("*.txt")):
        stem = path.stem
        indicator = None if stem.startswith("routine") else stem
        if indicator is not None and indicator not in INDICATORS:
            raise ValueError(f"{path}: file name is not an indicator id")
        section_style = None  # a "# ... headline ..." comment makes the lines below it headline findings
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if line.startswith("#"):
                section_style = "headline" if "headline" in line.lower() else None
                continue
            if not line:
                continue
            status = style = None
            if indicator is not None:
                head, _, rest = line.partition(" ")
                status, _, style = head.partition("@")
                if status not in STATUS:
                    raise ValueError(f"{path}:{no}: line must start with one of {''.join(STATUS)}")
                line = rest.strip()
                if not CUE_RE.search(line):
                    raise ValueError(f"{path}:{no}: no {{cue}} marked")
            elif line.startswith("@"):
                head, _, line = line.partition(" ")
                style = head[1:]
            for m in CUE_RE.finditer(line):
                if m.group(2) and m.group(2).lstrip("+") not in INDICATORS:
                    raise ValueError(f"{path}:{no}: unknown indicator {m.group(2)}")
            if "{" in CUE_RE.sub("", line) or "}" in CUE_RE.sub("", line):
                raise ValueError(f"{path}:{no}: unbalanced cue braces")
            key = re.sub(r"\W+", " ", line.lower()).strip()
            group = "g" + hashlib.sha1(key.encode()).hexdigest()[:10]
            if not style and section_style and guess_style(CUE_RE.sub(r"\1", line)) != "table_cell":
                style = section_style
            bases.append(Base(path.name, no, line, STATUS.get(status or ""), indicator, style or None, group))
    seen: dict[str, Base] = {}
    for b in bases:
        if b.group in seen:
            raise ValueError(f"duplicate base sentence: {b.source}:{b.line} and {seen[b.group].source}:{seen[b.group].line}")
        seen[b.group] = b
    return bases


def guess_style(text: str) -> str:
    """Label the voice of a sentence from its wording (used when the source line gives no ``@style``)."""
    t = text.strip()
    low = t.lower()
    if "|" in t or re.match(r"^[\w /()'-]{2,60}:\s*\S{1,40}$", t):
        return "table_cell"
    if re.search(r"\b(stated|reported|said|told|mentioned|claimed|explained|complained|alleged|according to)\b", low) \
            and re.search(r"\b(worker|interviewee|employee|respondent|migrant|operator|staff|she|he|they)", low):
        return "worker_interview"
    if re.match(r"^(factory|the factory|site|supplier|management|facility|company) (to|shall|must|should)\b", low) \
            or re.search(r"\b(corrective action|within \d+ days|capa|root cause)\b", low):
        return "corrective_action"
    if re.search(r"\b(management|hr manager|the company|general manager|director|policy|procedure)\b", low):
        return "management_statement"
    return "auditor_finding"


def realise(base: Base, rng: random.Random) -> Example:
    """Fill the slots of ``base`` and resolve its cue markup into clean text plus mentions."""
    currency = rng.choice(list(CURRENCIES))
    filled = SLOT_RE.sub(lambda m: _slot(m.group(1), rng, currency), base.raw)
    text, mentions, pos = [], [], 0
    for m in CUE_RE.finditer(filled):
        text.append(filled[pos:m.start()])
        cue, other = m.group(1), m.group(2) or ""
        status = STATUS[m.group(3)] if m.group(3) else base.status
        if not other or other.startswith("+"):
            mentions.append({"indicator": base.indicator, "status": base.status, "cue": cue})
        if other:
            mentions.append({"indicator": other.lstrip("+"), "status": status, "cue": cue})
        text.append(cue)
        pos = m.end()
    text.append(filled[pos:])
    style = base.style or guess_style("".join(text))
    lang_note = "non_native" if style == "non_native" else None
    return Example("".join(text), mentions, style, base.group, lang_note)


# ---------------------------------------------------------------------------------------------- augmentation
OCR_SUBS = [("rn", "m"), ("m", "rn"), ("l", "1"), ("I", "l"), ("O", "0"), ("e", "c"), ("i", "l"), ("S", "5"),
            ("cl", "d"), ("h", "b"), (",", "."), ("fi", "fl"), ("t", "f")]


def _ocr(s: str, rng: random.Random, rate: float) -> str:
    out, i = [], 0
    while i < len(s):
        if rng.random() < rate:
            for a, b in rng.sample(OCR_SUBS, len(OCR_SUBS)):
                if s.startswith(a, i):
                    out.append(b)
                    i += len(a)
                    break
            else:
                if s[i] == " " and rng.random() < 0.5:
                    i += 1  # dropped space
                    continue
                out.append(s[i])
                i += 1
            continue
        out.append(s[i])
        i += 1
    return "".join(out)


def _segments(ex: Example) -> list[tuple[str, tuple[int, ...] | None]]:
    """Split ``ex.text`` into (piece, indices of the mentions whose cue it is, or None)."""
    segs, pos = [], 0
    for k, m in enumerate(ex.mentions):
        if k and m["cue"] == ex.mentions[k - 1]["cue"]:
            segs[-1] = (segs[-1][0], (*segs[-1][1], k))
            continue
        at = ex.text.find(m["cue"], pos)
        if at < 0:  # overlapping or repeated cue: fall back to no per-cue treatment
            return [(ex.text, None)]
        segs.append((ex.text[pos:at], None))
        segs.append((m["cue"], (k,)))
        pos = at + len(m["cue"])
    segs.append((ex.text[pos:], None))
    return segs


def transform(ex: Example, fn, style: str | None = None, lang_note: str | None = None) -> Example | None:
    """Apply a string function to every piece of ``ex`` so that cues stay verbatim substrings."""
    segs = _segments(ex)
    if len(segs) == 1 and ex.mentions:
        return None
    pieces, mentions = [], [dict(m) for m in ex.mentions]
    for piece, k in segs:
        new = fn(piece)
        if k is not None:
            if not new.strip():
                return None
            for j in k:
                mentions[j]["cue"] = new
        pieces.append(new)
    return Example("".join(pieces), mentions, style or ex.style, ex.group, lang_note or ex.lang_note, "transform")


def hyphen_break(s: str, rng: random.Random) -> str:
    words = s.split(" ")
    cands = [i for i, w in enumerate(words) if len(w) >= 8 and w.isalpha()]
    if not cands:
        return s
    i = rng.choice(cands)
    cut = rng.randint(3, len(words[i]) - 3)
    words[i] = words[i][:cut] + rng.choice(["- ", "-", "¬ "]) + words[i][cut:]
    return " ".join(words)


PREFIXES = ["• ", "- ", "* ", "1. ", "3) ", "a) ", "Finding: ", "Observation: ", "Details: ", "Evidence: ",
            "Comment: ", "Auditor note: ", "Remarks: ", "ii. ", "Objective evidence: "]


def line_wrap(s: str, rng: random.Random) -> str:
    """Replace one or two spaces by line breaks, as text extracted from a PDF column keeps them."""
    spaces = [i for i, c in enumerate(s) if c == " "]
    for i in rng.sample(spaces, min(len(spaces), rng.choice([1, 1, 2]))):
        s = s[:i] + "\n" + s[i + 1:]
    return s


LEADS = ["In addition, ", "Furthermore, ", "Moreover, ", "It was noted that ", "The auditor noted that ",
         "It should be noted that ", "During the audit, ", "Also, ", "At the time of the audit, ", "Additionally, ",
         "As a result, ", "Based on the interviews, "]
NO_LEAD = {"During", "Based", "It", "In", "Also", "Furthermore", "Moreover", "Although", "Since", "Following", "After",
           "However", "Additionally", "As", "At", "According"}
AUGMENTS = ("ocr", "prefix", "hyphen", "case", "fragment", "wrap", "lead")
AUGMENT_WEIGHTS = (30, 15, 10, 8, 12, 10, 12)


def lead_in(ex: Example, rng: random.Random) -> Example | None:
    """Put a neutral discourse lead-in ("In addition, ...") before a full sentence; meaning and labels unchanged."""
    first = ex.text.split(" ", 1)[0].strip(",")
    if ex.style in ("table_cell", "corrective_action", "headline") or not ex.text.endswith(".") or len(ex.text.split()) < 8 or ":" in ex.text[:45] \
            or not ex.text[:1].isalpha() or first in NO_LEAD:
        return None
    lead = rng.choice(LEADS)
    body = _lower_first(ex.text)
    mentions = [dict(m) for m in ex.mentions]
    for m in mentions:
        if ex.text.startswith(m["cue"]):
            m["cue"] = body[: len(m["cue"])]
    return Example(lead + body, mentions, ex.style, ex.group, ex.lang_note, "lead")


def augment(ex: Example, rng: random.Random) -> list[Example]:
    """Return 0-2 augmented copies of one realised example (OCR noise, prefixes, hyphenation, case, fragments,
    line wraps), each made from the original."""
    out: list[Example] = []
    n = rng.choices((0, 1, 2), (15, 55, 30))[0]
    kinds = set(rng.choices(AUGMENTS, AUGMENT_WEIGHTS, k=n))
    local = random.Random(rng.random())
    for kind in sorted(kinds):
        new: Example | None = None
        if kind == "ocr":
            rate = local.choice([0.02, 0.04, 0.06])
            new = transform(ex, lambda p, r=rate: _ocr(p, local, r), lang_note="ocr_noise")
        elif kind == "prefix":
            pre = local.choice(PREFIXES + [_slot("NC", local) + ": ", _slot("NC", local) + " "])
            new = Example(pre + ex.text, [dict(m) for m in ex.mentions], ex.style, ex.group, ex.lang_note, "prefix")
        elif kind == "hyphen":
            new = transform(ex, lambda p: hyphen_break(p, local), lang_note="hyphenation")
        elif kind == "case" and len(ex.text) < 140:
            new = transform(ex, local.choice([str.upper, str.lower]), lang_note="case")
        elif kind == "fragment":
            new = fragment(ex, local)
        elif kind == "lead":
            new = lead_in(ex, local)
        elif kind == "wrap" and len(ex.text) > 60:
            new = Example(line_wrap(ex.text, local), [dict(m) for m in ex.mentions], ex.style, ex.group,
                          "line_wrap", "wrap")
            if any(m["cue"] not in new.text for m in new.mentions):
                new = transform(ex, lambda p: line_wrap(p, local) if len(p) > 30 else p, lang_note="line_wrap")
        if new is not None and new.text != ex.text:
            out.append(new)
    return out


def fragment(ex: Example, rng: random.Random) -> Example | None:
    """Cut the text after the last cue at a clause boundary (only when nothing after it can change a status)."""
    if not ex.mentions:
        words = ex.text.split()
        if len(words) < 10:
            return None
        keep = rng.randint(6, len(words) - 2)
        return Example(" ".join(words[:keep]), [], ex.style, ex.group, "fragment", "fragment")
    segs = _segments(ex)
    if len(segs) == 1:
        return None
    tail = segs[-1][0]
    if any(m["status"] != "present" for m in ex.mentions) or re.search(r"\b(would|if|unless)\b", ex.text, re.I):
        return None  # the cut-off context could be what makes a conditional sentence a present threat
    if re.search(r"\b(not|no|never|without|denied|but|however|although|alleged|claimed)\b", tail, re.I):
        return None
    cut = re.search(r"[,;(]| and | which | who | as ", tail)
    at = cut.start() if cut is not None and cut.start() > 0 else (0 if len(tail.split()) >= 3 else -1)
    if at < 0:
        return None
    return Example(ex.text[: len(ex.text) - len(tail) + at].rstrip(), [dict(m) for m in ex.mentions],
                   ex.style, ex.group, "fragment", "fragment")


JOINERS = ["; however, ", ", but ", ". However, ", ", whereas ", ". On the other hand, ", " but ", ", while ",
           "; nevertheless, "]
CONCESSIVES = ["Although ", "While ", "Even though ", "Though ", "Whereas "]
CONCESSIVE_SHARE = 0.4
ADDITIVE_JOINERS = ["; ", ", and ", ". In addition, ", ". Also, ", "; moreover, ", ", and also "]
KEEP_CASE = {w.split()[0] for w in NATIONALITIES + COUNTRIES + AGENTS} | {"I", "Myanmar", "Thai", "English"}


def _lower_first(text: str) -> str:
    """Lower-case the first letter of a clause that moves into the middle of a sentence, keeping names/acronyms."""
    first = text.split(" ", 1)[0]
    if not first[:1].isupper() or first in KEEP_CASE or first.isupper() and first != "A" or any(c.isdigit() for c in first) \
            or sum(c.isupper() for c in first) > 1:
        return text
    return text[0].lower() + text[1:]


def _clause_ok(ex: Example) -> bool:
    """A full prose sentence that can become one clause of a longer sentence."""
    return (ex.text.endswith(".") and ex.text[:1].isalpha() and len(ex.text.split()) >= 6
            and not any(c in ex.text for c in ':|"')
            and ex.style not in ("table_cell", "corrective_action", "headline", "non_native"))


def combine(a: Example, b: Example, rng: random.Random) -> Example | None:
    """Join two examples into one long sentence, keeping both sets of mentions (contrastive joiners only when
    one clause is evidence and the other is not)."""
    if len(a.text) + len(b.text) > 330 or not (_clause_ok(a) and _clause_ok(b)):
        return None
    positive = [any(m["status"] in POSITIVE for m in ex.mentions) for ex in (a, b)]
    joiner = rng.choice(JOINERS if positive[0] != positive[1] else ADDITIVE_JOINERS)
    second, mentions_b = _lower_first(b.text), [dict(m) for m in b.mentions]
    for m in mentions_b:
        if b.text.startswith(m["cue"]):
            m["cue"] = second[: len(m["cue"])]
    mentions_a = [dict(m) for m in a.mentions]
    # some contrasts open with a concessive clause instead ("Although wages are paid on time, passports ...");
    # its own generator keeps the main one (and so every other record) unchanged
    crng = random.Random(f"concessive:{a.group}:{b.group}")
    if positive[0] != positive[1] and crng.random() < CONCESSIVE_SHARE:
        first = _lower_first(a.text[:-1])
        for m in mentions_a:
            if a.text.startswith(m["cue"]):
                m["cue"] = first[: len(m["cue"])]
        text = crng.choice(CONCESSIVES) + first + ", " + second
    else:
        text = a.text[:-1] + joiner + second
    statuses = {m["status"] for m in a.mentions}, {m["status"] for m in b.mentions}
    note = "negated_and_present" if {"negated"} in statuses and any(s & POSITIVE for s in statuses) else "two_clauses"
    return Example(text, mentions_a + mentions_b, "combined", a.group, note, "combined")


# ---------------------------------------------------------------------------------------------- build
def split_of(group: str) -> str:
    u = int(hashlib.sha1(f"split:{group}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    acc = 0.0
    for name, share in SPLITS:
        acc += share
        if u < acc:
            return name
    return "train"


def n_variants(base: Base) -> int:
    """How many slot fillings to draw for one base (sentences with slots vary more)."""
    slots = len(SLOT_RE.findall(base.raw))
    return 1 + min(slots, 2)


def build(seed: int = SEED) -> dict[str, list[dict]]:
    """Realise, augment, combine and split the whole corpus; returns records per split."""
    bases = read_sources()
    per_split: dict[str, list[Example]] = {"train": [], "dev": [], "test": []}
    for base in bases:  # one generator per base: adding sentences leaves the others' variants unchanged
        rng = random.Random(f"{seed}:{base.group}")
        split = split_of(base.group)
        seen: set[str] = set()
        for _ in range(n_variants(base)):
            ex = realise(base, rng)
            if ex.text in seen:
                continue
            seen.add(ex.text)
            per_split[split].append(ex)
            for aug in augment(ex, rng):
                if aug.text not in seen:
                    seen.add(aug.text)
                    per_split[split].append(aug)
    for split, exs in per_split.items():
        rng = random.Random(f"{seed}:combine:{split}")
        negs = [e for e in exs if e.mentions and {m["status"] for m in e.mentions} == {"negated"}
                and e.aug is None and e.style != "table_cell"]
        others = [e for e in exs if e.mentions and any(m["status"] in POSITIVE for m in e.mentions)
                  and e.aug is None and e.style != "table_cell"]
        routine = [e for e in exs if not e.mentions and e.aug is None and e.style != "table_cell"]
        combos: list[Example] = []
        for _ in range(len(negs)):
            a = rng.choice(negs)
            b = rng.choice(others if rng.random() < 0.7 else negs)
            if {m["indicator"] for m in a.mentions} & {m["indicator"] for m in b.mentions}:
                continue
            new = combine(a, b, rng) if rng.random() < 0.8 else combine(b, a, rng)
            if new is not None:
                combos.append(new)
        for _ in range(len(others) // 6):  # two findings about different indicators in one sentence
            a, b = rng.choice(others), rng.choice(others)
            if not {m["indicator"] for m in a.mentions} & {m["indicator"] for m in b.mentions}:
                new = combine(a, b, rng)
                if new is not None:
                    combos.append(new)
        for _ in range(len(routine) // 10):  # routine clause + indicator clause, and routine + routine
            a = rng.choice(routine)
            b = rng.choice(others + negs + routine)
            new = combine(a, b, rng)
            if new is not None:
                combos.append(new)
        exs.extend(combos)
        rng.shuffle(exs)
    out: dict[str, list[dict]] = {}
    for split, exs in per_split.items():
        seen_text: set[str] = set()
        records = []
        for ex in exs:
            if ex.text in seen_text:
                continue
            seen_text.add(ex.text)
            check(ex)
            records.append(ex.record(f"{ID_PREFIX[split]}-{len(records):05d}"))
        out[split] = records
    leak = {r["text"] for r in out["train"]} & {r["text"] for s in ("dev", "test") for r in out[s]}
    if leak:
        raise AssertionError(f"{len(leak)} texts in train also appear in dev/test")
    return out


def check(ex: Example) -> None:
    for m in ex.mentions:
        if m["cue"] not in ex.text:
            raise AssertionError(f"cue {m['cue']!r} not in {ex.text!r}")
        if m["indicator"] not in INDICATORS or m["status"] not in STATUS.values():
            raise AssertionError(f"bad mention {m}")


def stats(out: dict[str, list[dict]]) -> str:
    """Markdown tables of sizes, label and status distributions, styles."""
    lines = ["| split | sentences | no mention | any positive | negated-only | groups |", "|---|---|---|---|---|---|"]
    for split in ("train", "dev", "test"):
        rs = out[split]
        lines.append(
            f"| {split} | {len(rs)} | {sum(not r['mentions'] for r in rs)} | {sum(bool(r['indicators']) for r in rs)} "
            f"| {sum(bool(r['mentions']) and all(m['status'] == 'negated' for m in r['mentions']) for r in rs)} "
            f"| {len({r['group'] for r in rs})} |")
    lines += ["", "Mentions per indicator and status (train / dev / test):", "",
              "| indicator | " + " | ".join(STATUS.values()) + " | positive label |",
              "|---|" + "---|" * (len(STATUS) + 1)]
    counts = {s: Counter((m["indicator"], m["status"]) for r in out[s] for m in r["mentions"]) for s in out}
    labels = {s: Counter(i for r in out[s] for i in r["indicators"]) for s in out}
    for ind in INDICATORS:
        cells = [" / ".join(str(counts[s][(ind, st)]) for s in ("train", "dev", "test")) for st in STATUS.values()]
        lab = " / ".join(str(labels[s][ind]) for s in ("train", "dev", "test"))
        lines.append(f"| {ind} | " + " | ".join(cells) + f" | {lab} |")
    styles = Counter(r["style"] for s in out for r in out[s])
    notes = Counter(r["lang_note"] for s in out for r in out[s])
    lines += ["", "Styles (all splits): " + ", ".join(f"{k} {v}" for k, v in styles.most_common()),
              "", "lang_note (all splits): " + ", ".join(f"{k} {v}" for k, v in notes.most_common())]
    return "\n".join(lines)


def validate(out: dict[str, list[dict]]) -> list[str]:
    """Check the corpus contract; returns a list of problems (empty when the corpus is valid)."""
    problems: list[str] = []
    keys = {"id", "text", "indicators", "mentions", "style", "group", "lang_note"}
    groups: dict[str, str] = {}
    texts: dict[str, str] = {}
    for split, records in out.items():
        ids = [r["id"] for r in records]
        if len(ids) != len(set(ids)):
            problems.append(f"{split}: duplicate ids")
        for r in records:
            if set(r) != keys:
                problems.append(f"{r['id']}: keys {sorted(r)}")
            positive = sorted({m["indicator"] for m in r["mentions"] if m["status"] in POSITIVE}, key=INDICATORS.index)
            if r["indicators"] != positive:
                problems.append(f"{r['id']}: indicators {r['indicators']} != positive mentions {positive}")
            for m in r["mentions"]:
                if m["indicator"] not in INDICATORS or m["status"] not in STATUS.values() or m["cue"] not in r["text"]:
                    problems.append(f"{r['id']}: bad mention {m}")
            if groups.setdefault(r["group"], split) != split:
                problems.append(f"{r['id']}: group {r['group']} in {split} and {groups[r['group']]}")
            if texts.setdefault(r["text"], split) != split:
                problems.append(f"{r['id']}: text also in {texts[r['text']]}")
        routine = sum(not r["mentions"] for r in records) / max(1, len(records))
        if routine < 0.35:
            problems.append(f"{split}: only {routine:.0%} routine sentences (want >= 35% per split)")
    everything = [r for records in out.values() for r in records]
    routine = sum(not r["mentions"] for r in everything) / max(1, len(everything))
    if routine < 0.4:
        problems.append(f"only {routine:.0%} routine sentences overall (want >= 40%)")
    return problems


def main() -> None:
    """Build the splits (default) or, with ``--check``, verify the committed files without writing anything."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if "--check" in sys.argv[1:]:
        committed = {s: [json.loads(line) for line in (HERE / f"{s}.jsonl").open(encoding="utf-8")]
                     for s in ("train", "dev", "test")}
        problems = validate(committed)
        if committed != build():
            problems.append("committed splits differ from a fresh build: run python data/tagger/build.py")
        for p in problems:
            log.error("%s", p)
        log.info("%s", "corpus OK" if not problems else f"{len(problems)} problem(s)")
        raise SystemExit(1 if problems else 0)
    out = build()
    problems = validate(out)
    if problems:
        raise SystemExit("corpus invalid:\n" + "\n".join(problems[:20]))
    for split, records in out.items():
        path = HERE / f"{split}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        log.info("wrote %s (%d lines)", path.name, len(records))
    bases = Counter(b.indicator or "routine" for b in read_sources())
    table = ("Hand-written base sentences: " + ", ".join(f"{k} {v}" for k, v in sorted(bases.items()))
             + f" (total {sum(bases.values())}).\n\n" + stats(out))
    card = HERE / "README.md"
    if card.exists():
        text = card.read_text(encoding="utf-8")
        start, end = "<!-- stats:start -->", "<!-- stats:end -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            _, tail = rest.split(end, 1)
            card.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
    print(table)  # noqa: T201 - build script, not library code


if __name__ == "__main__":
    main()
