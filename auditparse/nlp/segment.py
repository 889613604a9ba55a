"""Sentence segmentation for audit-report text.

Audit text is not prose: table cells and bullets sit on their own lines with no final stop, references such as
"NC-02-01" and "ETI 1.1" contain punctuation, abbreviations ("No.", "approx.", "e.g.") end in a dot, OCR breaks
lines in the middle of sentences. The rules here work on characters, so the same offsets serve the spaCy
component and the tagger.
"""

from __future__ import annotations

import re

#: abbreviations after which a dot does not end a sentence (lower-case, without the dot)
ABBREVIATIONS = frozenset(
    ["no", "nos", "approx", "appr", "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "st", "co", "ltd", "inc", "dept", "govt", "max", "min", "avg", "hrs", "hr", "ref", "fig", "p", "pp", "para", "art", "sec", "cl", "nc", "rm", "rs", "nrs", "tk", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "incl", "est", "mgmt", "wk"]
)

_BULLET = re.compile(r"^\s*(?:[-•▪●◦*·–—>»✓✗☐☑■□]|\(?[0-9]{1,2}[.)]|\(?[a-hA-H][.)]|\(?[ivxIVX]{1,4}\))\s+")
_CELL_SPLIT = re.compile(r"\t+| {3,}| \| ")
_END = re.compile(r"[.!?][\"'”’)\]]*$")
_STRONG_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
#: a table row up to this long (characters, cells) stays one unit: "Identity documents retained | No" means
#: nothing cut in two, and the tagger is trained on whole rows
ROW_MAX_CHARS, ROW_MAX_CELLS = 300, 6
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")
#: the start of an answer: a plain one ("A:", "Yes", "No", "N/A") or a rhetorical denial from an interview
#: ("Pay the agent? For what?", "Locked in? Never.", "Slap us? Who would dare?")
_ANSWER_START = re.compile(
    r"(?:[-–—]\s*)?[\"“]?[(\[]?(?:A\s*[:.)\-]|Ans(?:wer)?\b|Yes\b|No\b|Y\b|N\b|N/?A\b|None\b|Nil\b|Not\b|Partially\b|Partly\b|Always\b|"
    r"Never\b|Nobody\b|For\s+what\b|What\s+for\b|Who\s+would\b|Of\s+course\s+not\b)",
    re.I,
)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one line into table cells (tabs, runs of 3+ spaces, ' | ')."""
    out, pos = [], start
    for m in _CELL_SPLIT.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def is_heading_like(line: str) -> bool:
    """Short, no final stop, and in title case or capitals, or a sentence-case phrase of at most five words."""
    s = line.strip()
    if not s or len(s) > 80 or _END.search(s) or s[-1] in ",;:":
        return False
    words = s.split()
    if len(words) > 10:
        return False
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return s.isupper() or caps >= max(1, len(words) * 0.6) or (len(words) <= 5 and s[:1].isupper())


def _split_prose(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a run of prose at sentence-final punctuation followed by space and a sentence start."""
    out, pos = [], start
    for m in re.finditer(r"[.!?]+[\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9•\-])", text[start:end]):
        cut = start + m.start(1)
        # the word before the dot: skip abbreviations, initials, numbered references such as "1.1" or "NC-02."
        before = re.search(r"([\w.\-]+)[.!?]+[\"'”’)\]]*$", text[pos:cut])
        if before and text[start + m.start()] == ".":
            word = before.group(1).lower()
            if word.rstrip(".") in ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"[a-z]\.[a-z.]*", word):
                continue
        out.append((pos, cut))
        pos = start + m.end(1)
    out.append((pos, end))
    return out


def _continues_after_gap(text: str, lines: list[tuple[int, int]], i: int, cur: tuple[int, int]) -> bool:
    """Whether the open sentence ``cur`` goes on after the blank line ``i``: it has no final stop and the next
    text line starts in lower case (OCR splits paragraphs into blocks mid-sentence: "two hours\n\nfrom the")."""
    if _STRONG_END.search(text[cur[0] : cur[1]].rstrip()) or not re.match(r"[\w'’,%)]", text[cur[1] - 1 : cur[1]]):
        return False
    for a, b in lines[i + 1 :]:
        nxt = text[a:b]
        if nxt.strip():
            return nxt[:1].islower() and len(_cells(text, a, b)) == 1
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences in ``text``, trimmed of surrounding whitespace.

    Lines are joined into one unit unless a line ends a sentence or a cell, is heading-like, or the next line
    starts a bullet or a numbered item; a table row is one unit when short (:data:`ROW_MAX_CHARS`, :data:`ROW_MAX_CELLS`),
    otherwise one unit per cell; a question and its short answer are one unit. A blank line ends a unit
    unless the unit has no final stop and the next line starts in lower case.
    """
    units: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    lines = _line_spans(text)
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        if not line.strip():
            if cur and not _continues_after_gap(text, lines, i, cur):
                units.append(cur)
                cur = None
            continue
        cells = _cells(text, a, b)
        if len(cells) > 1:
            if cur:
                units.append(cur)
            short_row = len(cells) <= ROW_MAX_CELLS and b - a <= ROW_MAX_CHARS
            units.extend([(a, b)] if short_row else cells)
            cur = None
            continue
        starts_item = bool(_BULLET.match(line))
        if cur and (starts_item or is_heading_like(line) and not text[cur[1] - 1 : cur[1]].isalnum()):
            units.append(cur)
            cur = None
        cur = (cur[0], b) if cur else (a, b)
        nxt = text[lines[i + 1][0] : lines[i + 1][1]] if i + 1 < len(lines) else ""
        # a colon or semicolon at the end of a line ends the unit unless the text runs on in lower case
        # ("Workers are not cut off from their families:\nfree internet access is available ...")
        run_on = line.rstrip()[-1:] in (":", ";") and nxt[:1].islower()
        if _STRONG_END.search(line.rstrip()) and not run_on or is_heading_like(line) and not nxt[:1].islower():
            units.append(cur)
            cur = None
    if cur:
        units.append(cur)
    out: list[tuple[int, int]] = []
    for a, b in units:
        for s, e in _split_prose(text, a, b):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
    return _join_answers(text, out)


#: a unit of up to this many words after a question, not a question itself, is its answer ("Who paid for the
#: medical? Worker (4,780 taka)", "Who has my passport? Me.")
SHORT_ANSWER_WORDS = 3


def _join_answers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A question and the short answer after it are one unit: "Q: Are passports kept? A: Yes, 40 of them."."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        prev = text[out[-1][0] : out[-1][1]] if out else ""
        if _QUESTION_END.search(prev):
            words = len(text[s:e].split())
            answer = _ANSWER_START.match(text, s) and words <= 40
            if answer or (words <= SHORT_ANSWER_WORDS and not _QUESTION_END.search(text[s:e])):
                out[-1] = (out[-1][0], e)
                continue
        out.append((s, e))
    return out
