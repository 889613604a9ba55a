"""Quantities in audit sentences: fees with their currency, working hours, rest days, wage delays, affected workers.

Pure regular expressions over characters; offsets index into the text given. Currency spellings map to ISO 4217.
"""

from __future__ import annotations

import re

from auditparse.datamodel.nlp import Quantity

#: currency spelling (regex, case-insensitive) -> ISO 4217 code
CURRENCIES: tuple[tuple[str, str], ...] = (
    (r"US\s?\$|USD|US\s?dollars?|dollars?|\$", "USD"),
    (r"RM|MYR|ringgits?|Malaysian\s+ringgits?", "MYR"),
    (r"BDT|Tk\.?|taka|৳", "BDT"),
    (r"NPR|NRs\.?|Nepal(?:i|ese)?\s+rupees?|Rs\.?|rupees?", "NPR"),
    (r"THB|baht|฿|Bt\.?", "THB"),
    (r"CNY|RMB|yuan|renminbi|CN¥|¥", "CNY"),
)
_CUR_ALT = "|".join(f"(?:{p})" for p, _ in CURRENCIES)
_CUR_RES = tuple((re.compile(rf"^(?:{p})$", re.I), code) for p, code in CURRENCIES)

_WORDNUM = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_NUM = r"(?:\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(_WORDNUM) + r")"
_MULT = r"(?:\s?(?:k|thousand|lakhs?|lacs?|million|m)\b)?"
_CUR = rf"(?<![A-Za-z])(?:{_CUR_ALT})"
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "million": 1e6, "m": 1e6}

_MONEY = re.compile(
    rf"(?P<c1>{_CUR})\s?(?P<n1>{_NUM})(?P<m1>{_MULT})|(?P<n2>{_NUM})(?P<m2>{_MULT})\s?(?P<c2>{_CUR})(?![A-Za-z])",
    re.I,
)
#: "per week", and one week named: "in the peak week", "during the busiest week", "that week", "in week 32"
_PER_WEEK = (r"(?:per|a|an|each|every)\s+week|(?:in|during|over)\s+(?:a|one|the|that|this)\s+(?:[a-z-]+\s+){0,2}?week(?![\w-])"
             r"|(?:that|this|the\s+same)\s+week(?![\w-])|in\s+week\s+(?:no\.?\s*)?\d+|/\s?(?:week|wk)|weekly")
_PER_DAY = r"(?:per|a|each|every|in\s+(?:a|one))\s+day|/\s?day|daily"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")
_PER_MONTH = r"(?:per|a|each|every|in\s+(?:a|one|the))\s+month|/\s?month|monthly"
_HRS = r"(?:hours?|hrs?\.?|h)\b"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pat, re.I))
    for kind, pat in (
        ("overtime_hours_per_week", rf"(?P<n>{_NUM})\s?(?:overtime|OT)\s{_HRS}\s?(?:{_PER_WEEK})|(?:overtime|OT)\s(?:of\s)?(?:up\sto\s)?(?P<n2>{_NUM})\s?{_HRS}\s?(?:{_PER_WEEK})"),
        ("overtime_hours_per_month", rf"(?P<n>{_NUM})\s?(?:overtime|OT)\s{_HRS}\s?(?:{_PER_MONTH})|(?:overtime|OT)\s(?:hours\s)?(?:of|reached|totall?ed|averaged|was|were)?\s?(?:up\sto\s|about\s)?(?P<n2>{_NUM})\s?{_HRS}\s?(?:{_PER_MONTH})|"
                                     rf"(?P<n3>{_NUM})\s?{_HRS}\sof\s(?:overtime|OT)\s(?:in|during|for)\s(?:{_MONTH}|(?:a|one|the|that)\s(?:[a-z-]+\s){{0,2}}?month(?![\w-]))"),
        ("hours_per_week", rf"(?P<n>{_NUM})\s?(?:working\s|work\s)?{_HRS}\s?(?:{_PER_WEEK})|(?P<n2>{_NUM})[-\s]hour\s(?:work\s?)?weeks?|"
                           rf"(?:working|work)\s?week\s(?:[\w-]+\s){{0,5}}?(?:was|were|of|reached|averaged|at|is)\s(?:about\s|around\s|up\sto\s)?(?P<n3>{_NUM})\s?{_HRS}"),
        ("hours_per_day", rf"(?P<n>{_NUM})\s?(?:working\s|work\s)?{_HRS}\s?(?:{_PER_DAY})|(?P<n2>{_NUM})[-\s]hour\s(?:(?:working|work)\s?)?(?:shifts?|days?)|"
                          rf"(?:shifts?|(?:working|work)\s?days?)\s(?:of|lasting|averaging)\s(?:up\sto\s|about\s|around\s|over\s)?(?P<n3>{_NUM})\s?{_HRS}|"
                          rf"(?P<n4>{_NUM})\s?{_HRS}\s(?:straight|non-?stop|at\sa\sstretch|without\s(?:a\s|any\s)?break)"),
        ("consecutive_days", rf"(?P<n>{_NUM})\s(?:consecutive|straight|continuous)\s(?:working\s|work\s)?days|(?P<n2>{_NUM})\s(?:working\s)?days\s(?:in\sa\srow|without\s(?:a\s|any\s)?(?:rest|day\soff|break))|"
                             rf"(?:no|without\s(?:a|any))\s(?:rest\sday|day\s?off|weekly\srest)\s(?:for|in)\s(?:over\s|more\sthan\s)?(?:(?P<n3>{_NUM})\s(?:consecutive\s|straight\s)?days|(?P<nweeks>{_NUM})\s(?:consecutive\s|straight\s)?weeks)|"
                             rf"(?P<nweeks2>{_NUM})\s(?:consecutive\s|straight\s)?weeks\s(?:in\sa\srow\s)?without\s(?:a\s|any\s)?(?:rest\sday|day\s?off|weekly\srest)"),
        ("wage_delay_days", rf"(?P<nmonths>{_NUM})\smonths?\s(?:late|overdue|in\sarrears)\b|(?:delay(?:ed)?|overdue|withheld|unpaid|not\s(?:been\s)?paid)\s(?:by\s|for\s)(?:the\s(?:last|past)\s|up\sto\s|over\s)?(?P<nmonths2>{_NUM})\smonths?|"
                            rf"(?:delay(?:ed)?|late|overdue|withheld)\s(?:by\s|for\s|of\s)?(?:up\sto\s)?(?P<n>{_NUM})\s(?:calendar\s|working\s)?days|(?P<n2>{_NUM})\s(?:calendar\s|working\s)?days?\s(?:(?:late|overdue)\b|after\s(?:the\s)?(?:legal\s|contractual\s|agreed\s|statutory\s)?(?:deadline|due\sdate|pay\s?day|pay(?:ment)?\sdate|end\sof\s(?:the\s)?(?:month|wage\speriod)))"),
        ("duration_months", rf"(?:for|over|during|of|within)\s(?:the\s(?:first\s|last\s)?)?(?P<n>{_NUM})\s(?:consecutive\s)?months?|(?P<n2>{_NUM})[-\s]months?\b"),
        ("share_affected", rf"(?P<n>{_NUM})\s?(?:%|per\s?cent|percent)\s(?:of\s)?(?:the\s)?(?:\w+\s){{0,3}}?(?:workers|employees|interviewees|respondents|staff|migrants)"),
        ("workers_affected", rf"(?P<n>{_NUM})\s(?:out\s)?of\s(?:the\s)?(?P<t>{_NUM})\s(?:\w+\s){{0,3}}?(?:workers|employees|interviewees|respondents|staff|migrants|people|persons)|(?P<n2>{_NUM})\s(?:\w+\s){{0,2}}?(?:workers|employees|interviewees|migrants|persons)\b"),
    )
)
#: number groups of :data:`_PATTERNS` counted in weeks or months, for kinds counted in days
_UNIT_DAYS = {"nweeks": 7.0, "nmonths": 30.0}
#: a table row or key-value line whose label names working hours or days without rest and whose next cell is the
#: figure: "Weekly hours (max) | 71 | NC", "Highest weekly total in sample | 75 h", "Maximum weekly hours found: 74",
#: "Longest stretch without a day off: 19 days"; a label that names a rule (legal, policy, limit...) is no hours worked
_TABLE_HOURS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(
        rf"(?:^|\|)\s*(?:[\w.]+\s?\d*:\s)?(?P<label>(?![^|]*\b(?:legal|law|policy|limit|standard|allowed|permitted|code|contract\w*|premium|rate)\b)"
        rf"[^|]*?\b(?:{label})\b[^|:]*?)[|:]\s*(?:(?:max\.?|maximum|highest|longest|up\sto)\s)?(?P<n>\d{{1,3}}(?:\.\d)?)\s?(?P<unit>h|hrs?\.?|hours|days?)?\s*(?=\||$)", re.I | re.M))
    for kind, label in (
        ("overtime_hours_per_week", r"weekly\s(?:overtime|OT)|(?:overtime|OT)\s(?:hours\s?)?(?:per|/|a)\s?week"),
        ("hours_per_week", r"weekly\s(?:working\s|work\s)?(?:hours|total|schedule)|(?:working\s|work\s)?hours\s(?:worked\s)?(?:per|/|a|in\s(?:a|the|one))\s?week|(?:working|work)\s?week"),
        ("hours_per_day", r"daily\s(?:working\s|work\s)?hours|(?:working\s|work\s)?hours\s(?:worked\s)?(?:per|/|a|in\s(?:a|one))\s?day|longest\s(?:working\s)?(?:day|shift)|shift\s(?:length|duration)"),
        ("consecutive_days", r"consecutive\s(?:working\s|work\s)?days|days?\s(?:worked\s)?(?:in\sa\srow|without\s(?:a\s|any\s)?(?:rest|day\s?off|break))|"
                             r"(?:without|no)\s(?:a\s|any\s)?(?:rest\sday|day\s?off|weekly\srest)"),
    )
)
#: a label that counts days itself ("Consecutive working days (max) | 13"), so that its figure needs no unit
_DAYS_LABEL = re.compile(r"\bdays\b|\bin\sa\srow\b", re.I)
#: a shift given as clock times: "shifts from 18:00 to 09:30", "worked from 7 am to 11 pm", "on duty 06.00-21.00";
#: the times must follow a word for working time, so opening hours of a canteen or a gate are no shift
_CLOCK = r"(?P<{g}h>[01]?\d|2[0-3])(?:[:.](?P<{g}m>[0-5]\d))?(?:\s?(?P<{g}ap>[ap]\.?m\b\.?))?"
_CLOCK_SHIFT = re.compile(
    r"\b(?:shifts?|worked|working|work(?:ed)?\s(?:hours|days?)|on\sduty|duty|clocked(?:\sin)?|rostered|scheduled)\b"
    r"[^.;:|]{0,30}?\b(?:from\s)?" + _CLOCK.format(g="a") + r"\s?(?:to|till|until|-|–|—)\s?" + _CLOCK.format(g="b")
    + r"(?![\d:])(?!\s?(?:hours?|hrs?|%)\b)",
    re.I,
)


def _clock(h: str, m: str | None, ap: str | None) -> float | None:
    """Hours since midnight of a clock time, or None when it is no clock time ("shift 3 to 4" has no minutes or am/pm)."""
    hour = int(h) + int(m or 0) / 60.0
    if ap:
        if hour >= 13:
            return None
        return hour % 12 + (12.0 if ap[0].lower() == "p" else 0.0)
    return hour if m else None


def clock_shift_hours(text: str) -> list[Quantity]:
    """Shift lengths given as clock times ("the time cards show shifts from 18:00 to 09:30" -> 15.5 hours a day).
    A time needs minutes or am/pm to count; a shift past midnight wraps."""
    out = []
    for m in _CLOCK_SHIFT.finditer(text):
        a = _clock(m.group("ah"), m.group("am"), m.group("aap"))
        b = _clock(m.group("bh"), m.group("bm"), m.group("bap"))
        if a is None or b is None or a == b or _LIMIT_WORDS.search(text[max(0, m.start() - 60) : m.start()]):
            continue
        start = m.start("ah")
        out.append(Quantity(kind="hours_per_day", value=round((b - a) % 24.0, 2), text=text[start : m.end()], start=start, end=m.end()))
    return out


_SHARE_WORDS = {"half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "a quarter": 0.25, "two thirds": 2 / 3, "all": 1.0}
_SHARE_WORD_RE = re.compile(r"\b(half|a third|one third|a quarter|two thirds)\sof\s(?:the\s)?(?:\w+\s){0,2}?(?:workers|employees|interviewees)", re.I)


def parse_number(s: str) -> float:
    """'5,200' -> 5200.0, '1 500' -> 1500.0, 'twelve' -> 12.0."""
    s = s.strip().lower()
    if s in _WORDNUM:
        return float(_WORDNUM[s])
    return float(re.sub(r"[,\s]", "", s))


def currency_code(spelling: str) -> str | None:
    """ISO 4217 code for a currency spelling ('RM' -> 'MYR', 'Tk.' -> 'BDT'), None when unknown."""
    for pat, code in _CUR_RES:
        if pat.match(spelling.strip()):
            return code
    return None


def _overlaps(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    return any(a < e and b > s for s, e in taken)


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in ``text``, in order of position; each character belongs to at most one quantity."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _MONEY.finditer(text):
        cur = m.group("c1") or m.group("c2")
        num = m.group("n1") or m.group("n2")
        mult_txt = (m.group("m1") or m.group("m2") or "").strip().lower()
        try:
            value = parse_number(num) * _MULTIPLIERS.get(mult_txt, 1.0)
        except ValueError:
            continue
        found.append(Quantity(kind="money", value=value, unit=currency_code(cur), text=m.group(0), start=m.start(), end=m.end()))
        taken.append((m.start(), m.end()))
    if "|" in text or ":" in text:
        for kind, pat in _TABLE_HOURS:
            for m in pat.finditer(text):
                unit = (m.group("unit") or "").lower()
                if unit.startswith("d") != (kind == "consecutive_days") and (unit or not _DAYS_LABEL.search(m.group("label"))):
                    continue  # hours given in days, or days given in hours; "Workers without a day off: 12" is a count
                start, span = m.start("label"), text[m.start("label") : m.end()].rstrip()
                if not _overlaps(start, start + len(span), taken):
                    found.append(Quantity(kind=kind, value=float(m.group("n")), text=span, start=start, end=start + len(span)))  # type: ignore[arg-type]
                    taken.append((start, start + len(span)))
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            # a number glued to a reference ("NC-01 workers", "ETI 1.1") is not a count
            if _overlaps(m.start(), m.end(), taken) or (m.start() and text[m.start() - 1] in "-–/.#" + "_"):
                continue
            key, num = next(((k, v) for k, v in m.groupdict().items() if k.startswith("n") and v is not None), ("", None))
            if num is None:
                continue
            value = parse_number(num) * _UNIT_DAYS.get(key.rstrip("0123456789"), 1.0)
            total = None
            if kind == "share_affected":
                value /= 100.0
            elif kind == "workers_affected" and m.groupdict().get("t"):
                total = parse_number(m.group("t"))
            found.append(Quantity(kind=kind, value=value, total=total, text=m.group(0), start=m.start(), end=m.end()))  # type: ignore[arg-type]
            taken.append((m.start(), m.end()))
    for q in [*dated_wage_delays(text), *clock_shift_hours(text)]:
        if not _overlaps(q.start, q.end, taken):
            found.append(q)
            taken.append((q.start, q.end))
    for m in _SHARE_WORD_RE.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            found.append(Quantity(kind="share_affected", value=_SHARE_WORDS[m.group(1).lower()], text=m.group(0), start=m.start(), end=m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)


#: quantities beyond the limits that define excessive overtime in the labelling rules (README of data/tagger):
#: more than 60 h a week, 12 h a day or 12 h of overtime a week, or 7 and more days without a rest day
OVERTIME_LIMITS: dict[str, float] = {"hours_per_week": 60.0, "hours_per_day": 12.0, "overtime_hours_per_week": 12.0,
                                     "consecutive_days": 6.0}
#: words before a quantity that make it a limit, a rule or a scale rather than hours someone worked
_LIMIT_WORDS = re.compile(
    r"\b(?:limit|limits|limited|maximum|max|cap|capped|ceiling|exceed|exceeding|exceeds|allow|allows|allowed|permit|"
    r"permits|permitted|legal|law|statutory|standard|code|policy|must|shall|should|up to the|threshold)\b[^.;]{0,40}$",
    re.I,
)
#: cheap test before the full quantity scan: a number and a unit of working time in the same sentence
_HOURISH = re.compile(r"\b(?:hours?|hrs?|h|days?|weeks?|months?)\b|\d[:.][0-5]\d|\d\s?[ap]\.?m\b", re.I)
_NUMBERISH = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b", re.I)


#: a wage delay longer than this many days is a withholding-of-wages mention (pay laws give 7 to 10 days after the
#: wage period; every stated delay in the tagger corpus, 10 to 95 days, is labelled withheld wages)
WAGE_DELAY_LIMIT = 7.0


def wage_delay_quantities(text: str) -> bool:
    """Whether ``text`` states a wage delay of more than :data:`WAGE_DELAY_LIMIT` days ("paid 45 days late",
    "transferred 30 days after the pay date"); a stated rule ("the law allows a delay of up to 10 days") does not
    count, and whether the delay was found or checked and not found is left to the assertion status."""
    if _beyond(text, {"wage_delay_days": WAGE_DELAY_LIMIT}):
        return True
    return any(q.value > DATED_WAGE_DELAY_LIMIT for q in dated_wage_delays(text))


#: a wage paid more than this many days after its wage period closed ("the January payroll reached the accounts on
#: 19 March") is late under any pay law of the main sourcing countries, including those that let the payday fall
#: anywhere in the following month
DATED_WAGE_DELAY_LIMIT = 31.0
#: ``Quantity.unit`` of a wage delay computed from dates: days from the end of the wage period to the payment
AFTER_WAGE_PERIOD = "days after the wage period"

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_YEAR = r"(?:,?\s(?:19|20)\d\d\b)?"
_WAGE_NOUN = r"(?:salar(?:y|ies)|wages?|pay(?:rolls?|\s?runs?|ments?)?|remuneration)\b"
#: the wage periods: "the January, February and March payrolls", "wages for July 2024", "salary of May"
_PERIODS = re.compile(
    rf"\b(?P<list>{_MONTH}{_YEAR}(?:(?:,\s|,?\sand\s){_MONTH}{_YEAR})*)(?:'s)?\s(?:\w+\s)?{_WAGE_NOUN}"
    rf"|\b{_WAGE_NOUN}\s(?:due\s)?(?:for|of)\s(?:the\s)?(?:month\sof\s|months\sof\s)?(?P<list2>{_MONTH}{_YEAR}(?:(?:,\s|,?\sand\s){_MONTH}{_YEAR})*)",
    re.I,
)
#: the payment, after the wage period in the same clause: "... reached the accounts on 3 February, 29 March and
#: 30 May respectively", "... came in the middle of February"
_PAY_VERB = (r"\b(?:paid|pays|came|arrived|reached|transferred|credited|received|disbursed|deposited|released|"
             r"settled|handed\sover|went\sout)\b")
_PAID = re.compile(rf"{_PAY_VERB}[^.;]{{0,80}}?\b(?:on|in|by|around|until|only\son)\s(?P<dates>[^.;]{{0,120}})", re.I)
#: ... or before it: "workers received the May salary in July"
_PAID_BEFORE = re.compile(_PAY_VERB + r"[^.;]{0,60}$", re.I)
_DATES_AFTER = re.compile(r"^[^.;]{0,40}?\b(?:on|in|by|around|until|only\son)\s(?P<dates>[^.;]{0,120})", re.I)
_DATE = re.compile(
    rf"(?:the\s)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<m>{_MONTH}|the\sfollowing\smonth|the\snext\smonth)"
    rf"|(?P<m2>{_MONTH})\s(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?:the\s)?(?P<part>middle|mid|end|beginning|start|first\sweek|second\sweek|third\sweek|last\sweek)(?:\s|-)(?:of\s)?(?P<m3>{_MONTH}|the\sfollowing\smonth|the\snext\smonth)"
    rf"|(?P<m4>{_MONTH})",
    re.I,
)
_RULE = re.compile(r"\b(?:to\sbe|must|shall|should|required|allowed|permitted|may\sbe|can\sbe)\b", re.I)
_DATE_SEP = re.compile(r"(?:,?\s(?:19|20)\d\d)?(?:,\s|,?\s(?:and|&)\s)", re.I)
_PART_DAY = {"middle": 15, "mid": 15, "end": 28, "beginning": 1, "start": 1, "first week": 1, "second week": 8,
             "third week": 15, "last week": 22}


def _month(word: str, period: int) -> int:
    """Month index 0-11 of ``word``; "the following month" is the month after ``period``."""
    w = word.lower()
    return (period + 1) % 12 if w.endswith("month") else _MONTHS.index(w[:3])


def _date_list(text: str) -> list[re.Match[str]]:
    """The dates at the start of ``text``: "3 February, 29 March and 30 May respectively" -> three matches."""
    out = []
    pos = 0
    while (d := _DATE.match(text, pos)) is not None:
        out.append(d)
        sep = _DATE_SEP.match(text, d.end())
        if sep is None:
            break
        pos = sep.end()
    return out


def dated_wage_delays(text: str) -> list[Quantity]:
    """Wage delays stated as dates: the wage period's month and the day the pay came ("Our December salary came in
    the middle of February" -> 46 days after the wage period). One quantity (kind ``wage_delay_days``, unit
    :data:`AFTER_WAGE_PERIOD`) per period paid after it closed; several periods pair with several dates in order
    ("the January and February wages were paid on 3 March and 30 April respectively"). The quantity's text is
    the payment date. A stated rule ("wages for March must be paid by 7 April") gives none."""
    if not re.search(_PAY_VERB, text, re.I):
        return []
    found = []
    for per in _PERIODS.finditer(text):
        pay = _PAID.search(text, per.end())
        if pay is None or pay.start() - per.end() > 80 or re.search(r"[.;]\s", text[per.end() : pay.start()]):
            pay = _DATES_AFTER.search(text[per.end() :]) if _PAID_BEFORE.search(text[: per.start()]) else None
            offset = per.end()
        else:
            offset = 0
        if pay is None or _LIMIT_WORDS.search(text[max(0, per.start() - 60) : per.start()]) or _RULE.search(
                text[per.end() : offset + pay.start("dates")]):
            continue  # a rule ("the law requires the wages for March to be paid by 30 April"), not a payment
        periods = [_MONTHS.index(m.group(0)[:3].lower()) for m in re.finditer(_MONTH, per.group("list") or per.group("list2"), re.I)]
        dates = _date_list(pay.group("dates"))
        if not dates or (len(periods) > 1 and len(dates) not in (1, len(periods))):
            continue
        if len(dates) == 1:  # "the November and December salaries were both credited on 9 February"
            dates = dates * len(periods)
        for period, d in zip(periods, dates, strict=False):
            paid = _month(d.group("m") or d.group("m2") or d.group("m3") or d.group("m4"), period)
            day = int(d.group("d") or d.group("d2") or 0) or _PART_DAY.get(re.sub(r"\s+", " ", (d.group("part") or "").lower()), 1)
            months_on = (paid - period) % 12  # a payday in an earlier month is in the next year
            delay = sum(_MONTH_DAYS[(period + k) % 12] for k in range(1, months_on)) + day if months_on else day - _MONTH_DAYS[period]
            if delay > 0:
                start, end = offset + pay.start("dates") + d.start(), offset + pay.start("dates") + d.end()
                found.append(Quantity(kind="wage_delay_days", value=float(delay), unit=AFTER_WAGE_PERIOD,
                                      text=text[start:end], start=start, end=end))
    return found


def _beyond(text: str, limits: dict[str, float]) -> bool:
    """Whether ``text`` states a quantity of a kind in ``limits`` above its limit, not as a limit or rule itself."""
    if not (_NUMBERISH.search(text) and _HOURISH.search(text)):
        return False
    for q in find_quantities(text):
        limit = limits.get(q.kind) if q.unit != AFTER_WAGE_PERIOD else None  # dated delays have their own limit
        if limit is not None and q.value > limit and not _LIMIT_WORDS.search(text[max(0, q.start - 60) : q.start]):
            return True
    return False


#: words in a row that make hours within the limits still evidence (involuntary overtime) or flag a breach of a
#: stricter law ("| 58 | NC")
_NOT_JUST_HOURS = re.compile(
    r"\b(?:NC|non[-\s]?complian\w*|not\scompliant|breach\w*|violat\w*|exceed\w*|above|beyond|forc\w*|compuls\w*|"
    r"involuntar\w*|mandatory|obligator\w*|refus\w*|penal\w*|fine[ds]?|punish\w*|threat\w*|no\schoice|consent|"
    r"unpaid|without\spay)\b",
    re.I,
)


def table_hours_within_limits(text: str) -> bool:
    """Whether ``text`` is a table row or key-value line that gives hours or days without rest as a figure, every such
    figure within :data:`OVERTIME_LIMITS` ("Longest stretch without a day off: 6 days", "Maximum weekly hours | 58"),
    with no quantity beyond them and no word of involuntary overtime or of a breach. Such a line reports a figure
    that is no excessive overtime (every such line in TRAIN and DEV is negated or routine)."""
    if not ("|" in text or ":" in text) or _NOT_JUST_HOURS.search(text):
        return False
    if not any(p.search(text) for _, p in _TABLE_HOURS):
        return False
    figures = [q for q in find_quantities(text) if q.kind in OVERTIME_LIMITS]
    return bool(figures) and all(q.value <= OVERTIME_LIMITS[q.kind] for q in figures) and not overtime_quantities(text)


def overtime_quantities(text: str) -> bool:
    """Whether ``text`` states hours or days worked beyond the limits of :data:`OVERTIME_LIMITS`.

    A stated limit or rule ("the legal maximum of 72 hours per week") does not count; whether the hours were
    found, or checked and not found, is left to the assertion status.
    """
    return _beyond(text, OVERTIME_LIMITS)
