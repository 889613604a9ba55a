"""Build the independent hold-out audit reports in ``tests/holdout/`` (PDFs + ``<name>.truth.json``).

Written without reading the team's sample generator, metadata or NLP code: six layouts and wordings of our own, drawn
with reportlab, to measure how ``auditparse review`` generalises. Indicator and non-compliance pages in the truth are
not typed by hand: each is located by searching a key phrase in the generated PDF's text layer, and the build fails
when a phrase is not found exactly where expected.

    .venv/bin/python tests/holdout/make_holdout.py [--out tests/holdout]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

rl_config.invariant = 1  # no timestamps or random ids: the same script gives the same bytes

HERE = Path(__file__).parent
GREY = colors.HexColor("#dddddd")
INDICATORS = (
    "abuse_of_vulnerability", "deception", "restriction_of_movement", "isolation", "physical_sexual_violence",
    "intimidation_threats", "retention_of_identity_documents", "withholding_of_wages", "debt_bondage",
    "abusive_working_living_conditions", "excessive_overtime", "recruitment_fees",
)


@dataclass
class Spec:
    """One report: its metadata truth, the story to draw, and the phrases that locate indicators and NCs."""

    name: str
    family: str
    audit: dict[str, Any]
    site: dict[str, Any]
    coverage: dict[str, Any]
    #: (indicator, assertion, phrase as printed): assertion is present | negated | remediated
    mentions: list[tuple[str, str, str]]
    #: truth non-compliances; each has a "key" phrase (removed from the JSON) to find its page
    ncs: list[dict[str, Any]]
    header: str
    footer: str
    story: Callable[[], list[Any]]
    templates: Callable[[Spec], list[PageTemplate]]
    pagesize: tuple[float, float] = A4
    two_column_pages: set[int] = field(default_factory=set)
    scanned: bool = False


def style(name: str, font: str = "Helvetica", size: float = 9.5, lead: float | None = None, **kw: Any) -> ParagraphStyle:
    """A paragraph style; ``lead`` defaults to 1.25 x size."""
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=lead or size * 1.25, **kw)


def grid(rows: list[list[str]], widths: list[float], st: ParagraphStyle, head: ParagraphStyle | None = None,
         lines: str = "grid", shade: Any = GREY, repeat: int = 1) -> Table:
    """A table whose cells wrap (Paragraphs); first row bold-shaded when ``head`` is given."""
    cells = [[Paragraph(c, head if (head and i == 0) else st) for c in r] for i, r in enumerate(rows)]
    t = Table(cells, colWidths=widths, repeatRows=repeat if head else 0)
    cmds: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if lines == "grid":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif lines == "rows":
        cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey))
    elif lines == "box":
        cmds.append(("BOX", (0, 0), (-1, -1), 1.2, colors.black))
    if head:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), shade))
    t.setStyle(TableStyle(cmds))
    return t


def furniture(spec: Spec, font: str = "Helvetica", size: float = 7.5) -> Callable[[Any, Any], None]:
    """onPage callback drawing the running header (top left) and footer (bottom left, page number right)."""

    def draw(canvas: Any, doc: Any) -> None:
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.drawString(18 * mm, h - 11 * mm, spec.header)
        canvas.setLineWidth(0.4)
        canvas.line(18 * mm, h - 12.5 * mm, w - 18 * mm, h - 12.5 * mm)
        canvas.drawString(18 * mm, 9 * mm, spec.footer)
        canvas.drawRightString(w - 18 * mm, 9 * mm, f"Page {doc.page}")
        canvas.restoreState()

    return draw


def one_column(spec: Spec, pid: str = "body", size: tuple[float, float] | None = None,
               font: str = "Helvetica") -> PageTemplate:
    """A single-frame page template with the running header/footer."""
    w, h = size or spec.pagesize
    return PageTemplate(id=pid, pagesize=(w, h), onPage=furniture(spec, font),
                        frames=[Frame(18 * mm, 16 * mm, w - 36 * mm, h - 32 * mm, id=pid)])


def two_columns(spec: Spec, pid: str = "twocol", font: str = "Helvetica") -> PageTemplate:
    """Two frames side by side, read left column then right."""
    w, h = spec.pagesize
    cw = (w - 36 * mm - 8 * mm) / 2
    frames = [Frame(18 * mm, 16 * mm, cw, h - 32 * mm, id=f"{pid}L"),
              Frame(18 * mm + cw + 8 * mm, 16 * mm, cw, h - 32 * mm, id=f"{pid}R")]
    return PageTemplate(id=pid, pagesize=(w, h), frames=frames, onPage=furniture(spec, font))


# --------------------------------------------------------------------------------------------------- truth helpers


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00ad", "")).strip().lower()


def page_texts(pdf: bytes) -> list[str]:
    """Text layer of every page (what a digital-path extractor sees)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    out = []
    for page in doc:
        tp = page.get_textpage()
        out.append(tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
    return out


def find_pages(texts: list[str], phrase: str) -> list[int]:
    """1-based pages whose flattened text contains ``phrase`` (case and whitespace folded)."""
    p = _flat(phrase)
    return [i + 1 for i, t in enumerate(texts) if p in _flat(t)]


def truth(spec: Spec, texts: list[str], files: dict[str, str | None]) -> dict[str, Any]:
    """The ``auditparse-synth-truth/1`` record of a built report."""
    inds: dict[str, dict[str, Any]] = {i: {"status": "not_found", "pages": [], "assertions": []} for i in INDICATORS}
    for ind, assertion, phrase in spec.mentions:
        pages = find_pages(texts, phrase)
        if len(pages) != 1:
            raise SystemExit(f"{spec.name}: phrase for {ind} found on pages {pages}: {phrase!r}")
        rec = inds[ind]
        rec["pages"] = sorted(set(rec["pages"]) | set(pages))
        rec["assertions"].append(assertion)
    for rec in inds.values():
        if rec["assertions"]:
            rec["status"] = "ruled_out" if set(rec["assertions"]) == {"negated"} else "present"
    ncs = []
    for nc in spec.ncs:
        pages = find_pages(texts, nc["key"])
        if not pages:
            raise SystemExit(f"{spec.name}: NC {nc['reference']} key not found: {nc['key']!r}")
        ncs.append({k: v for k, v in nc.items() if k != "key"} | {"page": pages[0]})
    pages_out = []
    for i, t in enumerate(texts, 1):
        footer = f"{spec.footer} Page {i}"
        body = [ln for ln in t.split("\n") if ln.strip() and _flat(ln) not in {_flat(spec.header), _flat(footer),
                                                                             _flat(spec.footer), f"page {i}"}]
        pages_out.append({"number": i, "text": "\n".join(body), "header": spec.header, "footer": footer,
                          "columns": 2 if i in spec.two_column_pages else 1})
    return {"schema": "auditparse-synth-truth/1", "name": spec.name, "family": spec.family, "files": files,
            "audit": spec.audit, "site": spec.site, "coverage": spec.coverage, "indicators": inds,
            "non_compliances": ncs, "pages": pages_out}


def scan(pdf: bytes, rotate_page: int, seed: int, dpi: int = 200) -> bytes:
    """An image-only twin: 200 dpi render, noise, slight skew, one page turned 90 degrees, saved bitonal (CCITT G4).

    Bitonal like an office scanner's default: greyscale JPEG pages at 200 dpi came to 110-150 KB each, over the
    400 KB budget of a hold-out file.
    """
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    images = []
    for n, page in enumerate(pdfium.PdfDocument(pdf), 1):
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        img = img.rotate(float(rng.uniform(-0.9, 0.9)), resample=Image.BICUBIC, fillcolor=255)
        a = np.asarray(img, dtype=np.float32) * 0.85 + 22 + rng.normal(0, 20, img.size[::-1])  # grey paper, noise
        a[rng.random(a.shape) < 3e-4] = 0  # dust specks
        img = Image.fromarray(np.where(a > 140, 255, 0).astype(np.uint8)).convert("1")
        if n == rotate_page:
            img = img.rotate(90, expand=True)
        images.append(img)
    buf = io.BytesIO()
    fixed = time.gmtime(1756684800)  # 2025-09-01: no run-time dates, so the bytes are reproducible
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=dpi,
                   creationDate=fixed, modDate=fixed)
    return buf.getvalue()


def build(spec: Spec, out: Path) -> dict[str, Any]:
    """Draw ``spec`` to ``out/<name>.pdf`` (and its scan), write ``<name>.truth.json``; return the truth."""
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=spec.pagesize, title=spec.name, author="auditparse hold-out",
                          leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm)
    doc.addPageTemplates(spec.templates(spec))
    doc.build(spec.story())
    pdf = buf.getvalue()
    texts = page_texts(pdf)
    files: dict[str, str | None] = {"digital": f"{spec.name}.pdf", "scanned": None}
    if spec.scanned:
        (out / f"{spec.name}_scan.pdf").write_bytes(scan(pdf, rotate_page=3, seed=7))
        files["scanned"] = f"{spec.name}_scan.pdf"
    (out / f"{spec.name}.pdf").write_bytes(pdf)
    rec = truth(spec, texts, files)
    if spec.scanned:
        rec["scan"] = {"dpi": 200, "rotated_pages": {"3": 90}, "skew_deg": 0.9, "bitonal": True}
    (out / f"{spec.name}.truth.json").write_text(json.dumps(rec, indent=1, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    return rec


# ------------------------------------------------------------------------------------------------------- reports
def slcp_footwear_vn() -> Spec:
    """1. SLCP-style verified assessment: facility profile grid, question/answer grid per section."""
    b = style("slcp_b", size=8.6)
    h = style("slcp_h", "Helvetica-Bold", 8.6, textColor=colors.white)
    t1 = style("slcp_t1", "Helvetica-Bold", 18, 24, spaceAfter=6)
    t2 = style("slcp_t2", "Helvetica-Bold", 11.5, 15, spaceBefore=8, spaceAfter=4, textColor=colors.HexColor("#1f4e79"))
    w = A4[0] - 36 * mm
    qa_w = [0.36 * w, 0.09 * w, 0.13 * w, 0.42 * w]
    blue = colors.HexColor("#1f4e79")

    def qa(rows: list[list[str]]) -> Table:
        return grid([["Question", "Answer", "Verification status", "Verified by / verifier comment"], *rows],
                    qa_w, b, h, shade=blue)

    def story() -> list[Any]:
        return [
            Spacer(1, 30 * mm),
            Paragraph("Converged Assessment Framework", t1),
            Paragraph("Verified Assessment Report &mdash; Social &amp; Labor module", style("c2", size=13, lead=18)),
            Spacer(1, 10 * mm),
            grid([["Facility name", "Phuoc Long Footwear Company Limited"],
                  ["Facility address", "Lot C4, Road N7, Tan Uyen Industrial Park, Binh Duong Province"],
                  ["Country / region", "Viet Nam"],
                  ["Facility processes", "Footwear: cutting, stitching, cementing and assembly"],
                  ["Verification type", "Semi-announced (30-day window notified to the facility)"],
                  ["Onsite verification", "18 Sep 2025 &ndash; 19 Sep 2025 (2 verifier-days)"],
                  ["Verifier body", "Meridian Verification Services JSC"],
                  ["Assessment cycle", "Initial verification of the 2025 self/joint assessment"],
                  ["Tool version", "CAF 1.6"]], [0.32 * w, 0.68 * w], b, lines="grid"),
            Spacer(1, 12 * mm),
            Paragraph("This report records the verifier's review of the facility's self-assessment. Each answer was "
                      "marked accurate or corrected after document review, management interviews, worker interviews "
                      "and a walk-through of the site. The report does not rate or certify the facility.", b),
            PageBreak(),
            Paragraph("Facility profile", t2),
            Paragraph("Phuoc Long Footwear makes cemented casual shoes for two European brands. Production runs on "
                      "one shift from 07:30 to 16:30, Monday to Saturday, with overtime in the evening during peak "
                      "season. The site has four production buildings, a chemical store and a canteen run by a "
                      "contractor. The facility does not provide worker housing.", b),
            Spacer(1, 4 * mm),
            grid([["Workforce category", "Female", "Male", "Total"],
                  ["Permanent production workers", "662", "301", "963"],
                  ["Office and management staff", "41", "36", "77"],
                  ["Seasonal workers (fixed-term)", "9", "35", "44"],
                  ["Total workers", "712", "372", "1,084"]], [0.55 * w, 0.15 * w, 0.15 * w, 0.15 * w], b, h,
                 shade=blue),
            Spacer(1, 3 * mm),
            Paragraph("Foreign migrant workers: 0. Workers employed through a labour agency or subcontractor: 0. "
                      "Youngest worker on site: 19 years.", b),
            Paragraph("Verification activities", t2),
            grid([["Activity", "Scope"],
                  ["Worker interviews", "32 workers (18 female, 14 male), 22 individual and 10 in two groups, held "
                                        "on site in the training room without managers present"],
                  ["Management interviews", "General director, HR manager, EHS officer, trade union chairwoman"],
                  ["Records reviewed", "Payroll and time records for 40 sampled workers, June 2024 to August 2025; "
                                       "labour contracts; social insurance lists; fire drill log; wastewater test "
                                       "reports"],
                  ["Site tour", "Production buildings, chemical store, canteen, boiler room, waste area"]],
                 [0.3 * w, 0.7 * w], b, h, shade=blue),
            PageBreak(),
            Paragraph("Recruitment and hiring", t2),
            qa([["Does the facility have written recruitment procedures?", "Yes", "Accurate",
                 "Document review: HR procedure HR-02, revised March 2025."],
                ["Are workers required to pay any fee, deposit or cost to obtain employment?", "No", "Accurate",
                 "Worker interviews and HR records: recent hires stated they paid nothing to be hired; the "
                 "pre-employment health check is paid by the facility."],
                ["Does the facility retain workers' original identity documents?", "No", "Accurate",
                 "Personnel files hold photocopies only; interviewed workers keep their own citizen ID cards."],
                ["Are all workers given a written contract in Vietnamese?", "Yes", "Accurate",
                 "40 of 40 sampled files contain a signed contract."]]),
            Paragraph("Working hours", t2),
            qa([["Are regular working hours within 48 hours per week?", "Yes", "Accurate",
                 "Time records and shift schedule."],
                ["Do total working hours including overtime exceed the legal limits?", "Yes", "Corrected",
                 "The facility answered No. Time records show 14 of 40 sampled stitching workers worked between 312 "
                 "and 346 overtime hours in 2024, above the statutory cap of 300 hours a year; in May 2025 the "
                 "longest week recorded was 69 hours."],
                ["Do workers get at least one day off in seven?", "Yes", "Accurate",
                 "Sundays are rest days; no Sunday work found in the sampled months."],
                ["Is overtime voluntary?", "Yes", "Accurate",
                 "Workers sign a monthly overtime consent list; interviewed workers said they can decline."]]),
            PageBreak(),
            Paragraph("Wages and benefits", t2),
            qa([["Are wages at least the regional minimum wage (Region I)?", "Yes", "Accurate",
                 "Lowest basic wage VND 5,100,000 per month against the Region I minimum of VND 4,960,000."],
                ["Are wages paid on time and in full?", "Yes", "Accurate",
                 "Wages are paid by bank transfer on the 10th of each month; no late payments or unlawful "
                 "deductions were found in the sampled months."],
                ["Is overtime paid at the legal premium?", "Yes", "Accurate",
                 "150% on weekdays verified against payslips."],
                ["Are social insurance contributions paid for all eligible workers?", "No", "Corrected",
                 "44 seasonal workers on contracts shorter than one month were not enrolled."]]),
            Paragraph("Treatment of workers and forced labor", t2),
            qa([["Does the facility use threats, fines or penalties to discipline workers?", "No", "Accurate",
                 "Disciplinary rules allow verbal and written warnings only; none of the interviewed workers "
                 "described threats from supervisors."],
                ["Are workers free to leave the premises after their shift and during breaks?", "Yes", "Accurate",
                 "Gates stay open at shift change; workers are not restricted from leaving during the lunch break."],
                ["Can workers resign by giving the notice set by law?", "Yes", "Accurate",
                 "Resignation letters for 2025 reviewed; final pay settled within 14 days."]]),
            PageBreak(),
            Paragraph("Health and safety", t2),
            qa([["Are emergency exits marked, unlocked and unobstructed?", "Yes", "Accurate", "Site tour."],
                ["Are fire extinguishers inspected as required?", "No", "Corrected",
                 "Two extinguishers in the cutting section were past their inspection date (June 2025)."],
                ["Is local exhaust ventilation provided at cementing stations?", "Yes", "Accurate",
                 "Air monitoring report of April 2025 within limits."],
                ["Do workers handling solvents wear suitable gloves and masks?", "Partly", "Corrected",
                 "Six workers on cementing line 3 wore cotton gloves instead of nitrile gloves."]]),
            Paragraph("Environment", t2),
            qa([["Does the facility hold a valid environmental permit?", "Yes", "Accurate",
                 "Environmental permit issued by Binh Duong DONRE, valid to 2029."],
                ["Is hazardous waste stored with secondary containment?", "No", "Corrected",
                 "Used adhesive drums stored on bare ground next to the boiler room."]]),
            PageBreak(),
            Paragraph("Issues identified by the verifier", t2),
            grid([["Ref.", "Legal reference", "Issue", "Verifier classification", "Facility corrective action"],
                  ["WH-01", "Labour Code 2019, Art. 107", "Overtime above the annual cap of 300 hours for 14 "
                   "sampled stitching workers in 2024.", "Moderate",
                   "Cap overtime planning at 25 hours per month per worker; weekly HR review. Due 31 Dec 2025."],
                  ["WB-02", "Law on Social Insurance 2024", "Seasonal workers on short contracts not enrolled in "
                   "social insurance.", "Moderate", "Enrol all workers from the first month. Due 31 Oct 2025."],
                  ["HS-03", "Decree 136/2020", "Fire extinguishers past inspection date in the cutting section.",
                   "Minor", "Inspect and tag all extinguishers; monthly checklist. Due 30 Sep 2025."],
                  ["HS-04", "Circular 25/2022", "Cotton gloves used for solvent work on cementing line 3.",
                   "Minor", "Issue nitrile gloves and train line leaders. Due 30 Sep 2025."],
                  ["EN-05", "Decree 08/2022", "Hazardous waste drums stored without secondary containment.",
                   "Minor", "Build a bunded store with roof. Due 30 Nov 2025."]],
                 [0.09 * w, 0.17 * w, 0.34 * w, 0.14 * w, 0.26 * w], b, h, shade=blue),
            Spacer(1, 8 * mm),
            Paragraph("Verifier statement: the verifier confirms that the data above reflect the conditions observed "
                      "on the verification days. Lead verifier: Tran Thi Hoa, Meridian Verification Services JSC, "
                      "Ho Chi Minh City.", b),
        ]

    return Spec(
        name="slcp_footwear_vn", family="holdout-slcp", header="CAF Verified Assessment | Phuoc Long Footwear",
        footer="Verification report - confidential to the facility and its authorised users",
        audit={"standard": "SLCP", "standard_label": "Converged Assessment Framework", "audit_date": "2025-09-18",
               "audit_type": "semi-announced", "audit_stage": "initial",
               "auditor": "Meridian Verification Services JSC"},
        site={"name": "Phuoc Long Footwear Company Limited",
              "address": "Lot C4, Road N7, Tan Uyen Industrial Park, Binh Duong Province", "country": "VN",
              "sector": "footwear", "workers_total": 1084, "workers_female": 712, "workers_male": 372,
              "migrant_workers": 0, "agency_workers": 0},
        coverage={"workers_interviewed": 32, "interviews_offsite": False, "migrant_workers_interviewed": None,
                  "agency_workers_interviewed": None, "payroll_reviewed": True, "time_records_reviewed": True,
                  "dormitory_visited": None},
        mentions=[
            ("recruitment_fees", "negated", "recent hires stated they paid nothing to be hired"),
            ("retention_of_identity_documents", "negated", "Personnel files hold photocopies only"),
            ("excessive_overtime", "present", "above the statutory cap of 300 hours a year"),
            ("excessive_overtime", "present", "Overtime above the annual cap of 300 hours"),
            ("withholding_of_wages", "negated", "no late payments or unlawful deductions were found"),
            ("intimidation_threats", "negated", "none of the interviewed workers described threats"),
            ("restriction_of_movement", "negated", "workers are not restricted from leaving"),
        ],
        ncs=[
            {"reference": "WH-01", "clause": "Labour Code 2019, Art. 107", "severity": "minor",
             "severity_label": "Moderate", "text": "Overtime above the annual cap of 300 hours for 14 sampled "
             "stitching workers in 2024.", "corrective_action": "Cap overtime planning at 25 hours per month per "
             "worker; weekly HR review.", "due_date": "2025-12-31", "indicators": ["excessive_overtime"],
             "key": "WH-01"},
            {"reference": "WB-02", "clause": "Law on Social Insurance 2024", "severity": "minor",
             "severity_label": "Moderate", "text": "Seasonal workers on short contracts not enrolled in social "
             "insurance.", "corrective_action": "Enrol all workers from the first month.",
             "due_date": "2025-10-31", "indicators": [], "key": "WB-02"},
            {"reference": "HS-03", "clause": "Decree 136/2020", "severity": "minor", "severity_label": "Minor",
             "text": "Fire extinguishers past inspection date in the cutting section.",
             "corrective_action": "Inspect and tag all extinguishers; monthly checklist.", "due_date": "2025-09-30",
             "indicators": [], "key": "HS-03"},
            {"reference": "HS-04", "clause": "Circular 25/2022", "severity": "minor", "severity_label": "Minor",
             "text": "Cotton gloves used for solvent work on cementing line 3.",
             "corrective_action": "Issue nitrile gloves and train line leaders.", "due_date": "2025-09-30",
             "indicators": [], "key": "HS-04"},
            {"reference": "EN-05", "clause": "Decree 08/2022", "severity": "minor", "severity_label": "Minor",
             "text": "Hazardous waste drums stored without secondary containment.",
             "corrective_action": "Build a bunded store with roof.", "due_date": "2025-11-30", "indicators": [],
             "key": "EN-05"},
        ],
        story=story, templates=lambda s: [one_column(s)],
    )

def fla_denim_tr() -> Spec:
    """2. FLA-style narrative assessment: prose profile, findings with root cause and company action plan."""
    b = style("fla_b", "Times-Roman", 10.5, 13.5, spaceAfter=5)
    lab = style("fla_l", "Times-Bold", 10.5, 13.5, spaceBefore=4)
    t1 = style("fla_t1", "Times-Bold", 20, 26, spaceAfter=8)
    t2 = style("fla_t2", "Times-Bold", 13, 17, spaceBefore=10, spaceAfter=5)
    w = A4[0] - 36 * mm

    def finding(n: int, element: str, text: str, root: str, law: str, plan: str, done: str) -> list[Any]:
        return [Paragraph(f"Finding {n} &mdash; {element}", t2),
                Paragraph("Finding explanation", lab), Paragraph(text, b),
                Paragraph("Root cause", lab), Paragraph(root, b),
                Paragraph("Local law or FLA Code reference", lab), Paragraph(law, b),
                Paragraph("Company action plan", lab), Paragraph(plan, b),
                Paragraph(f"Planned completion date: {done}", style("fla_d", "Times-Italic", 10.5, 13.5))]

    def story() -> list[Any]:
        return [
            Spacer(1, 20 * mm),
            Paragraph("Fair Labor Association", style("fla_o", "Times-Roman", 14, 18)),
            Paragraph("Independent External Assessment Report", t1),
            grid([["Factory", "Ege Denim Tekstil Sanayi ve Ticaret A.S."],
                  ["Location", "Organize Sanayi Bolgesi 4. Cadde No: 18, Cerkezkoy, Tekirdag"],
                  ["Country", "Türkiye"],
                  ["Products", "Denim trousers and jackets (cutting, sewing, laundry, finishing)"],
                  ["Assessment date(s)", "4-5 March 2025"],
                  ["Type of visit", "Unannounced"],
                  ["Visit", "First assessment of this factory"],
                  ["Assessor", "Bosphorus Social Compliance Ltd. on behalf of the FLA"]],
                 [0.3 * w, 0.7 * w], style("fla_g", "Times-Roman", 10.5, 13.5), lines="rows"),
            Spacer(1, 8 * mm),
            Paragraph("Executive summary", t2),
            Paragraph("The assessment found serious problems in how the factory employs Syrian workers and in the "
                      "timely payment of wages, together with long working hours during the winter peak. Health and "
                      "safety management is generally sound, with gaps in chemical labelling in the laundry. "
                      "Management cooperated fully, gave the assessors access to all areas and records, and agreed "
                      "the action plans set out in this report.", b),
            PageBreak(),
            Paragraph("Factory profile and workforce", t2),
            Paragraph("Ege Denim is a family-owned company supplying three FLA-affiliated brands. At the time of the "
                      "visit the factory employed 517 workers (296 women and 221 men). Among them were 64 Syrian "
                      "nationals under temporary protection. In addition, 41 workers in the laundry were supplied "
                      "by a labour subcontractor, Yildiz Insan Kaynaklari; they are included in the 517. There is no "
                      "trade union; a worker representative was elected in 2023.", b),
            Paragraph("Assessment methodology", t2),
            Paragraph("Two assessors spent two days at the factory. They interviewed 36 workers: 24 individually on "
                      "the factory premises and 12 in a group interview held off site at a community centre in "
                      "Cerkezkoy, with an Arabic interpreter. The sample included 9 Syrian workers and 5 workers of "
                      "the labour subcontractor. Payroll and timekeeping records for December 2024 to February 2025 "
                      "were reviewed for 50 workers, together with personnel files, contracts of the subcontractor, "
                      "health and safety documents and the grievance log. The factory does not provide housing.", b),
            Paragraph("Areas with no findings", t2),
            Paragraph("Each worker keeps his or her own identity card and residence permit; the human resources "
                      "office holds only photocopies. No interviewed worker, Turkish or Syrian, had paid anyone to "
                      "get the job, and the subcontractor's contract forbids charging workers. No worker reported "
                      "physical punishment, shouting or sexual harassment, and the grievance log for 2024 contains no "
                      "such complaint. Child labour was not found: the youngest worker was 18.", b),
            PageBreak(),
            *finding(1, "Employment relationship / Compensation",
                     "Nine Syrian workers in the sewing section had no work permit and were not registered with the "
                     "social security institution. They were paid in cash at a daily rate of TRY 700, below the "
                     "legal minimum wage, with no payslip. Two of them told the assessors they accepted these terms "
                     "because, without a permit, no other employer would take them and they feared being sent back "
                     "to the camp.",
                     "Management said that work-permit applications take several months and chose to employ the "
                     "workers informally in the meantime. There is no procedure for hiring foreign workers.",
                     "Law No. 6735 on International Labour Force; Labour Law No. 4857, Art. 39; FLA Code: "
                     "Employment Relationship, Compensation.",
                     "Apply for work permits for all nine workers, register them with social security from their "
                     "first day of work and pay the difference to the minimum wage for the whole period worked. "
                     "Write a procedure for employing foreign nationals.", "30 June 2025"),
            *finding(2, "Compensation",
                     "Wages for December 2024 and January 2025 were paid 24 and 31 days late respectively. On the "
                     "first day of the visit, the 41 subcontracted laundry workers had still not received their "
                     "February wages, which were due on 28 February.",
                     "Cash-flow shortfall after a buyer delayed payment; the subcontractor waits for the factory's "
                     "payment before paying its own workers.",
                     "Labour Law No. 4857, Art. 32 and 34; FLA Code: Compensation.",
                     "Pay wages no later than the 5th of the following month through bank transfer, including for "
                     "subcontracted workers, and pay the statutory interest for the late months.", "31 May 2025"),
            PageBreak(),
            *finding(3, "Hours of work",
                     "Time records show that workers in the laundry and finishing sections worked up to 72 hours a "
                     "week in January 2025, and some worked 13 days in a row before a day off. Overtime exceeded the "
                     "legal ceiling of 270 hours a year for 38 of the 50 sampled workers in 2024.",
                     "Orders were accepted beyond the factory's capacity; there is no capacity planning.",
                     "Labour Law No. 4857, Art. 41 and 63; FLA Code: Hours of Work.",
                     "Introduce capacity planning with the buyers, limit weekly hours to 60 and guarantee one day "
                     "off in seven.", "31 July 2025"),
            *finding(4, "Harassment and abuse / Hours of work",
                     "Several interviewed workers said that line supervisors told them they would be dismissed, or "
                     "would lose the monthly attendance bonus, if they refused Saturday overtime. Workers in the "
                     "group interview repeated this account.",
                     "Supervisors are rated on output only and have not been trained on voluntary overtime.",
                     "FLA Code: Harassment or Abuse; Hours of Work (voluntary overtime).",
                     "Train all supervisors; state in writing that refusing overtime has no consequence; open an "
                     "anonymous hotline run by the worker representative.", "30 April 2025"),
            PageBreak(),
            *finding(5, "Health, safety and environment",
                     "Chemical containers in the laundry (potassium permanganate, enzymes) had no labels in Turkish "
                     "or Arabic, and safety data sheets were available only in English.",
                     "The chemical supplier's labels were removed when products were decanted.",
                     "Occupational Health and Safety Law No. 6331; FLA Code: Health, Safety and Environment.",
                     "Label all decanted containers and post safety data sheets in Turkish and Arabic.",
                     "31 March 2025"),
            Paragraph("Good practices", t2),
            Paragraph("The factory runs a free shuttle bus for all shifts and has a well-equipped nursing room. "
                      "Fire drills were held twice in 2024 and evacuation took under four minutes.", b),
            Paragraph("Closing", t2),
            Paragraph("The findings were presented at a closing meeting attended by the general manager and the "
                      "human resources manager, who accepted them. The FLA will verify the action plans at a "
                      "follow-up visit.", b),
        ]

    return Spec(
        name="fla_denim_tr", family="holdout-fla", header="FLA Independent External Assessment - Ege Denim",
        footer="Fair Labor Association - assessment report",
        audit={"standard": "FLA", "standard_label": "Independent External Assessment", "audit_date": "2025-03-04",
               "audit_type": "unannounced", "audit_stage": "initial", "auditor": "Bosphorus Social Compliance Ltd."},
        site={"name": "Ege Denim Tekstil Sanayi ve Ticaret A.S.",
              "address": "Organize Sanayi Bolgesi 4. Cadde No: 18, Cerkezkoy, Tekirdag", "country": "TR",
              "sector": "garments", "workers_total": 517, "workers_female": 296, "workers_male": 221,
              "migrant_workers": 64, "agency_workers": 41},
        coverage={"workers_interviewed": 36, "interviews_offsite": True, "migrant_workers_interviewed": True,
                  "agency_workers_interviewed": True, "payroll_reviewed": True, "time_records_reviewed": True,
                  "dormitory_visited": None},
        mentions=[
            ("retention_of_identity_documents", "negated", "the human resources office holds only photocopies"),
            ("recruitment_fees", "negated", "had paid anyone to get the job"),
            ("physical_sexual_violence", "negated", "No worker reported physical punishment"),
            ("abuse_of_vulnerability", "present", "without a permit, no other employer would take them"),
            ("withholding_of_wages", "present", "were paid 24 and 31 days late"),
            ("excessive_overtime", "present", "worked up to 72 hours a week in January 2025"),
            ("intimidation_threats", "present", "they would be dismissed, or would lose the monthly attendance"),
        ],
        ncs=[
            {"reference": "Finding 1", "clause": "Employment relationship / Compensation", "severity": None,
             "severity_label": None, "text": "Nine Syrian workers in the sewing section had no work permit and were "
             "not registered with the social security institution.", "corrective_action": "Apply for work permits "
             "for all nine workers, register them with social security from their first day of work and pay the "
             "difference to the minimum wage for the whole period worked.", "due_date": "2025-06-30",
             "indicators": ["abuse_of_vulnerability"], "key": "Finding 1"},
            {"reference": "Finding 2", "clause": "Compensation", "severity": None, "severity_label": None,
             "text": "Wages for December 2024 and January 2025 were paid 24 and 31 days late respectively.",
             "corrective_action": "Pay wages no later than the 5th of the following month through bank transfer.",
             "due_date": "2025-05-31", "indicators": ["withholding_of_wages"], "key": "Finding 2"},
            {"reference": "Finding 3", "clause": "Hours of work", "severity": None, "severity_label": None,
             "text": "Time records show that workers in the laundry and finishing sections worked up to 72 hours a "
             "week in January 2025.", "corrective_action": "Introduce capacity planning with the buyers, limit "
             "weekly hours to 60 and guarantee one day off in seven.", "due_date": "2025-07-31",
             "indicators": ["excessive_overtime"], "key": "Finding 3"},
            {"reference": "Finding 4", "clause": "Harassment and abuse / Hours of work", "severity": None,
             "severity_label": None, "text": "Line supervisors told workers they would be dismissed or lose the "
             "attendance bonus if they refused Saturday overtime.", "corrective_action": "Train all supervisors; "
             "state in writing that refusing overtime has no consequence.", "due_date": "2025-04-30",
             "indicators": ["intimidation_threats"], "key": "Finding 4"},
            {"reference": "Finding 5", "clause": "Health, safety and environment", "severity": None,
             "severity_label": None, "text": "Chemical containers in the laundry had no labels in Turkish or "
             "Arabic.", "corrective_action": "Label all decanted containers and post safety data sheets in Turkish "
             "and Arabic.", "due_date": "2025-03-31", "indicators": [], "key": "Finding 5"},
        ],
        story=story, templates=lambda s: [one_column(s, font="Times-Roman")],
    )


def sa8000_spinning_in() -> Spec:
    """3. SA8000-style certification audit: cover info box, then two-column body text, NC list."""
    b = style("sa_b", "Helvetica", 9.6, 12.6, spaceAfter=5, alignment=4)
    t1 = style("sa_t1", "Helvetica-Bold", 17, 22, spaceAfter=4)
    t2 = style("sa_t2", "Helvetica-Bold", 10, 13, spaceBefore=7, spaceAfter=3)
    cell = style("sa_c", "Helvetica", 9, 11.5)
    w = A4[0] - 36 * mm
    cw = (w - 8 * mm) / 2

    def nc(ref: str, clause: str, grade: str, text: str, action: str, due: str) -> Table:
        return grid([[f"<b>{ref}</b> | Clause {clause} | <b>{grade}</b>"], [text],
                     [f"<i>Corrective action:</i> {action} <i>Target date:</i> {due}"]],
                    [cw], style("sa_nc", "Helvetica", 8.4, 10.8), lines="box")

    def story() -> list[Any]:
        box = grid([["Organisation", "Sri Lakshmi Spinning Mills Private Limited"],
                    ["Site address", "SF No. 212, Palladam Road, Tiruppur District, Tamil Nadu 641664, India"],
                    ["Standard", "SA8000:2014"],
                    ["Audit", "Initial certification audit (Stage 2)"],
                    ["Dates of audit", "21.01.2025 - 23.01.2025"],
                    ["Audit methodology", "Semi-announced"],
                    ["Certification body", "Coromandel Assurance Pvt. Ltd."],
                    ["Audit team", "R. Meenakshi (lead), A. Khan, S. Pradhan (Odia interpreter)"],
                    ["Audit days", "6 auditor-days"]], [0.3 * w, 0.7 * w], cell, lines="box")
        return [
            Paragraph("SA8000 Audit Report", t1),
            Paragraph("Social Accountability &mdash; certification audit of a cotton yarn spinning mill",
                      style("sa_s", size=11, lead=15, spaceAfter=10)),
            box,
            Spacer(1, 6 * mm),
            grid([["Headcount on audit day", "Female", "Male", "Total"],
                  ["Directly employed", "842", "268", "1,110"],
                  ["Contract labour (manpower agencies)", "170", "40", "210"],
                  ["All workers", "1,012", "308", "1,320"],
                  ["of whom inter-state migrants (Odisha, Jharkhand)", "301", "129", "430"]],
                 [0.55 * w, 0.15 * w, 0.15 * w, 0.15 * w], cell, style("sa_h", "Helvetica-Bold", 9, 11.5)),
            Spacer(1, 6 * mm),
            grid([["Audit recommendation", "Certification not recommended until the major non-conformities "
                   "listed in section 4 are closed."]], [0.3 * w, 0.7 * w], cell, lines="box"),
            NextPageTemplate("twocol"), PageBreak(),
            Paragraph("1. Audit scope and sampling", t2),
            Paragraph("The audit covered the spinning mill, the ginning shed, the canteen and the two hostel blocks "
                      "inside the compound, where 640 women workers live. Hostel blocks A and B were visited on both "
                      "days, including at night. Worker interviews: 48 in total, including 20 hostel residents, 12 "
                      "inter-state migrants and 8 contract workers. All interviews were held inside the premises, "
                      "in the first-aid room, with no supervisor present; an Odia interpreter assisted.", b),
            Paragraph("Records reviewed: wage registers and payslips for October to December 2024 for 60 workers, "
                      "attendance and overtime registers for the same months, the hostel movement register, "
                      "contracts with three manpower agencies, ESI and PF challans, the fire licence and the "
                      "consent to operate issued by the Pollution Control Board.", b),
            Paragraph("2. Management system", t2),
            Paragraph("The mill has a Social Performance Team of four members, two elected by workers. A social "
                      "policy in Tamil, Hindi and Odia is posted at the gate. Risk assessment was done in November "
                      "2024 but did not consider hostel rules or the recruitment of migrants through agents.", b),
            Paragraph("3. Findings by SA8000 element", t2),
            Paragraph("<b>Child labour.</b> No worker under 18 was found; age proof is kept for all workers, and "
                      "eleven workers aged 18 were on day shift only.", b),
            Paragraph("<b>Forced or compulsory labour.</b> Eleven migrant workers from Odisha stated that the "
                      "contractor had advanced them between INR 15,000 and INR 25,000 before they travelled, which "
                      "is now recovered at INR 2,000 a month from their wages; several said they could not leave "
                      "the mill before the advance was repaid. Female hostel residents may go out only on Sundays, "
                      "for three hours, in a group escorted by a warden, and need written permission; the hostel "
                      "gate is locked from 8 pm to 6 am. Workers recruited in Jharkhand said the agent had "
                      "described the job as tailoring at INR 14,000 a month, but on arrival they were placed in "
                      "spinning at INR 9,800. Original Aadhaar cards and school certificates are not kept by the "
                      "company; workers showed their own cards to the auditors.", b),
            Paragraph("<b>Health and safety.</b> In hostel block B, fourteen women share a room of about 28 square "
                      "metres, sleeping on mats, with two toilets for 96 residents and no drinking water on the "
                      "upper floor. In the mill, guards were missing on two carding machines and noise in the ring "
                      "frame section measured 92 dB(A) while ear plugs were not worn. Fire extinguishers, exits and "
                      "the first-aid boxes were in order.", b),
            Paragraph("<b>Environment.</b> The consent to operate is valid until March 2027. Cotton dust from the "
                      "blow room is collected by a bag filter; the filter bags were replaced in December. Diesel for "
                      "the standby generator is stored in a bunded tank. Rainwater from the roofs is harvested into "
                      "two sumps and used for the humidification plant.", b),
            Paragraph("<b>Personnel records.</b> Each file holds the appointment order, age proof, nomination forms "
                      "for PF and ESI, and the signed standing orders in the worker's language. Leave records were "
                      "complete; festival bonus at 8.33% was paid in October 2024.", b),
            Paragraph("<b>Freedom of association.</b> Workers may join a union; none is active. The works "
                      "committee meets monthly and its minutes are posted.", b),
            Paragraph("<b>Discrimination and discipline.</b> No worker reported harassment or physical abuse by "
                      "wardens or supervisors, and the Internal Committee under the POSH Act received no complaint "
                      "in 2024. Disciplinary action follows the certified standing orders.", b),
            Paragraph("<b>Working hours.</b> All sampled records showed 48 regular hours and at most 12 hours of "
                      "overtime per week; no worker exceeded 60 hours in a week, and the weekly holiday was given.", b),
            Paragraph("<b>Remuneration.</b> Basic wages meet the Tamil Nadu minimum wage for spinning mills. "
                      "However, for workers under the 'Comfort Scheme', INR 1,500 of each month's wage is held back "
                      "by the company and paid only when the worker completes three years of service; workers who "
                      "leave earlier lose it. Contract workers are paid by the agencies on time through bank "
                      "transfer.", b),
            Paragraph("4. Non-conformities", t2),
            nc("NC 01", "2.1", "Major NC", "Migrant workers repay recruitment advances from the contractor through "
               "wage deductions and cannot leave until the advance is repaid.", "Stop the deductions, take over "
               "the outstanding advances and inform workers in writing that they are free to leave.", "22.03.2025"),
            Spacer(1, 2 * mm),
            nc("NC 02", "2.3", "Major NC", "Hostel residents cannot leave the hostel freely outside working hours; "
               "the gate is locked at night.", "Remove the outing restrictions; keep the gate open with a "
               "security guard.", "22.03.2025"),
            Spacer(1, 2 * mm),
            nc("NC 03", "2.1", "Major NC", "Jharkhand workers were misled by the agent about the job and the "
               "wage.", "Written job offers in the worker's language before travel; audit the agents.",
               "22.04.2025"),
            Spacer(1, 2 * mm),
            nc("NC 04", "8.1", "Major NC", "INR 1,500 a month is retained from wages under the Comfort Scheme and "
               "forfeited by workers who leave before three years.", "Pay all retained amounts to current and "
               "former workers and end the scheme.", "22.03.2025"),
            Spacer(1, 2 * mm),
            nc("NC 05", "3.6", "Major NC", "Overcrowded hostel block B with too few toilets and no drinking "
               "water on the upper floor.", "Reduce occupancy to six per room, add toilets and water "
               "points.", "22.04.2025"),
            Spacer(1, 2 * mm),
            nc("NC 06", "3.1", "Minor NC", "Machine guards missing on two carding machines; ear plugs not worn in "
               "the ring frame section.", "Fit guards; enforce hearing protection.", "22.02.2025"),
            Paragraph("5. Worker interviews", t2),
            Paragraph("Workers described the canteen food as adequate and said the mill bus runs on time. Several "
                      "Tamil workers living in nearby villages said they like the day-shift pattern. Most hostel "
                      "residents said they send money home monthly through the bank counter set up in the compound. "
                      "Contract workers knew the name of their agency supervisor and had payslips.", b),
            Paragraph("6. Good practices", t2),
            Paragraph("A creche with two trained caretakers is open for all shifts. The mill sponsors evening "
                      "classes in tailoring and computer skills, attended by 85 workers in 2024.", b),
            Paragraph("7. Closing meeting", t2),
            Paragraph("The findings were presented to the managing director and the HR manager on 23 January 2025. "
                      "Management disagreed with NC 04, stating the scheme is voluntary, but committed to review "
                      "it. A follow-up audit will be scheduled within 60 days.", b),
            NextPageTemplate("cover"), PageBreak(),
            Paragraph("Annex A - Wage and hours sample", t2),
            grid([["Month", "Workers sampled", "Lowest monthly wage (INR)", "Legal minimum (INR)",
                   "Highest weekly hours", "Overtime rate"],
                  ["October 2024", "20", "10,240", "9,876", "58", "2 x ordinary rate"],
                  ["November 2024", "20", "10,240", "9,876", "56", "2 x ordinary rate"],
                  ["December 2024", "20", "10,420", "9,876", "60", "2 x ordinary rate"]],
                 [0.17 * w, 0.15 * w, 0.19 * w, 0.17 * w, 0.16 * w, 0.16 * w], cell,
                 style("sa_h2", "Helvetica-Bold", 9, 11.5)),
            Paragraph("Annex B - Documents reviewed", t2),
            grid([["Document", "Period / reference", "Remark"],
                  ["Wage register and payslips", "Oct-Dec 2024", "60 workers"],
                  ["Attendance and overtime register", "Oct-Dec 2024", "Electronic punch records"],
                  ["Hostel movement register", "Nov 2024 - Jan 2025", "Outing permissions signed by warden"],
                  ["Manpower agency contracts", "3 agencies", "Licences under the CLRA Act valid"],
                  ["Fire licence", "No. TPR/FS/2024/118", "Valid to Dec 2025"],
                  ["Consent to operate (TNPCB)", "Order 2203/2022", "Valid to Mar 2027"],
                  ["Minutes of works committee", "Jan-Dec 2024", "12 meetings"]],
                 [0.4 * w, 0.3 * w, 0.3 * w], cell, style("sa_h3", "Helvetica-Bold", 9, 11.5)),
            Paragraph("Annex C - Closing meeting attendance", t2),
            grid([["Name", "Function"], ["K. Ramasamy", "Managing Director"], ["P. Latha", "HR Manager"],
                  ["V. Selvi", "Worker representative, Social Performance Team"],
                  ["R. Meenakshi", "Lead auditor, Coromandel Assurance Pvt. Ltd."]],
                 [0.4 * w, 0.6 * w], cell, style("sa_h4", "Helvetica-Bold", 9, 11.5)),
        ]

    return Spec(
        name="sa8000_spinning_in", family="holdout-sa8000", header="SA8000 Audit Report | Sri Lakshmi Spinning Mills",
        footer="Coromandel Assurance Pvt. Ltd. - SA8000 certification", pagesize=A4,
        audit={"standard": "SA8000", "standard_label": "SA8000:2014", "audit_date": "2025-01-21",
               "audit_type": "semi-announced", "audit_stage": "initial", "auditor": "Coromandel Assurance Pvt. Ltd."},
        site={"name": "Sri Lakshmi Spinning Mills Private Limited",
              "address": "SF No. 212, Palladam Road, Tiruppur District, Tamil Nadu 641664, India", "country": "IN",
              "sector": "textiles", "workers_total": 1320, "workers_female": 1012, "workers_male": 308,
              "migrant_workers": 430, "agency_workers": 210},
        coverage={"workers_interviewed": 48, "interviews_offsite": False, "migrant_workers_interviewed": True,
                  "agency_workers_interviewed": True, "payroll_reviewed": True, "time_records_reviewed": True,
                  "dormitory_visited": True},
        mentions=[
            ("debt_bondage", "present", "could not leave the mill before the advance was repaid"),
            ("restriction_of_movement", "present", "gate is locked from 8 pm to 6 am"),
            ("deception", "present", "described the job as tailoring"),
            ("retention_of_identity_documents", "negated", "are not kept by the company"),
            ("abusive_working_living_conditions", "present", "fourteen women share a room"),
            ("physical_sexual_violence", "negated", "No worker reported harassment or physical abuse"),
            ("excessive_overtime", "negated", "no worker exceeded 60 hours in a week"),
            ("withholding_of_wages", "present", "of each month's wage is held back"),
        ],
        ncs=[
            {"reference": "NC 01", "clause": "2.1", "severity": "major", "severity_label": "Major NC",
             "text": "Migrant workers repay recruitment advances from the contractor through wage deductions and "
             "cannot leave until the advance is repaid.", "corrective_action": "Stop the deductions, take over the "
             "outstanding advances and inform workers in writing that they are free to leave.",
             "due_date": "2025-03-22", "indicators": ["debt_bondage"], "key": "NC 01 |"},
            {"reference": "NC 02", "clause": "2.3", "severity": "major", "severity_label": "Major NC",
             "text": "Hostel residents cannot leave the hostel freely outside working hours; the gate is locked at "
             "night.", "corrective_action": "Remove the outing restrictions; keep the gate open with a security "
             "guard.", "due_date": "2025-03-22", "indicators": ["restriction_of_movement"], "key": "NC 02 |"},
            {"reference": "NC 03", "clause": "2.1", "severity": "major", "severity_label": "Major NC",
             "text": "Jharkhand workers were misled by the agent about the job and the wage.",
             "corrective_action": "Written job offers in the worker's language before travel; audit the agents.",
             "due_date": "2025-04-22", "indicators": ["deception"], "key": "NC 03 |"},
            {"reference": "NC 04", "clause": "8.1", "severity": "major", "severity_label": "Major NC",
             "text": "INR 1,500 a month is retained from wages under the Comfort Scheme and forfeited by workers who "
             "leave before three years.", "corrective_action": "Pay all retained amounts to current and former "
             "workers and end the scheme.", "due_date": "2025-03-22", "indicators": ["withholding_of_wages"],
             "key": "NC 04 |"},
            {"reference": "NC 05", "clause": "3.6", "severity": "major", "severity_label": "Major NC",
             "text": "Overcrowded hostel block B with too few toilets and no drinking water on the upper floor.",
             "corrective_action": "Reduce occupancy to six per room, add toilets and water points.",
             "due_date": "2025-04-22", "indicators": ["abusive_working_living_conditions"], "key": "NC 05 |"},
            {"reference": "NC 06", "clause": "3.1", "severity": "minor", "severity_label": "Minor NC",
             "text": "Machine guards missing on two carding machines; ear plugs not worn in the ring frame section.",
             "corrective_action": "Fit guards; enforce hearing protection.", "due_date": "2025-02-22",
             "indicators": [], "key": "NC 06 |"},
        ],
        story=story, templates=lambda s: [one_column(s, "cover"), two_columns(s)], two_column_pages={2, 3},
    )


def regional_seafood_th() -> Spec:
    """4. A regional audit firm's 'Social Audit Report': portrait cover, landscape findings table, ratings legend."""
    b = style("rg_b", "Helvetica", 9.5, 12.5, spaceAfter=5)
    small = style("rg_s", "Helvetica", 7.9, 9.8)
    hd = style("rg_h", "Helvetica-Bold", 7.9, 9.8, textColor=colors.white)
    t1 = style("rg_t1", "Helvetica-Bold", 22, 28, textColor=colors.HexColor("#8b1a1a"), spaceAfter=6)
    t2 = style("rg_t2", "Helvetica-Bold", 11, 14, spaceBefore=8, spaceAfter=4, textColor=colors.HexColor("#8b1a1a"))
    red = colors.HexColor("#8b1a1a")
    w = A4[0] - 36 * mm
    lw = landscape(A4)[0] - 36 * mm
    fw = [0.035, 0.08, 0.25, 0.2, 0.1, 0.05, 0.2, 0.085]

    def story() -> list[Any]:
        rows = [
            ["No.", "Area", "Finding", "Evidence", "Legal / code ref.", "Rating", "Corrective action", "Due"],
            ["1", "Recruitment", "22 of the 26 Myanmar workers interviewed paid brokers in Myawaddy between "
             "THB 12,000 and THB 18,000 each for job placement, work permit and transport. The factory has not "
             "reimbursed these costs.", "Worker interviews (with Burmese interpreter); broker receipts shown by "
             "4 workers.", "Client code 2.2; ILO C181", "C", "Reimburse all recruitment costs paid by workers; "
             "use only licensed agencies under a zero-fee contract.", "07/06/2025"],
            ["2", "Recruitment / wages", "THB 1,000 a month is deducted from the wages of 48 workers to repay a loan "
             "that the broker advanced for their travel; workers said they may not resign until the loan is "
             "cleared.", "Payroll March 2025; deduction list signed by HR; 9 worker interviews.",
             "LPA s.76; client code 2.1", "C", "Stop the deductions, refund amounts deducted, write off the "
             "balances with the broker.", "07/05/2025"],
            ["3", "Documents", "Passports and work permits of 311 Myanmar and Cambodian workers were held in the HR "
             "office safe. During the closing meeting management returned all documents to the workers and "
             "installed personal lockers; the auditor confirmed that 20 workers now held their own passports.",
             "Safe register; observation at closing meeting.", "Royal Ordinance on Managing the Employment of "
             "Migrant Workers B.E. 2560, s.131", "C", "Keep the lockers; written policy that no document is held "
             "by the company.", "Closed on site"],
            ["4", "Treatment of workers", "Two Myanmar workers said a packing supervisor threatened to report them "
             "to the immigration police when they complained about the cold in the freezer store.", "Worker interviews (off-site "
             "group).", "Client code 4.1", "MA", "Investigate, discipline the supervisor, train supervisors, "
             "publicise the hotline in Burmese and Khmer.", "07/06/2025"],
            ["5", "Health & safety", "Two emergency exits in the peeling hall were blocked by stacked ice boxes.",
             "Site tour, photos kept on file.", "Ministerial Reg. on fire safety B.E. 2555", "MA",
             "Clear exits; mark no-storage zones; daily checks.", "14/04/2025"],
            ["6", "Health & safety", "Workers in the freezer store (-25 C) had no insulated gloves; cold-exposure "
             "breaks not scheduled.", "Observation; interviews.", "OSH Act B.E. 2554", "MI",
             "Provide insulated PPE; 10-minute warm-up break each hour.", "07/05/2025"],
            ["7", "Environment", "Wastewater discharge permit renewal submitted late; permit expired 28/02/2025.",
             "Permit file.", "Factory Act B.E. 2535", "OB", "Follow up the renewal with the provincial office.",
             "07/07/2025"],
        ]
        return [
            Spacer(1, 25 * mm),
            Paragraph("SIAM ETHICAL AUDIT CO., LTD.", style("rg_o", "Helvetica-Bold", 12, 16, textColor=red)),
            Paragraph("Social Audit Report", t1),
            Paragraph("Prepared for: Nordic Seafood Trading AB (client)", b),
            Spacer(1, 10 * mm),
            grid([["Supplier site", "Andaman Bay Frozen Foods Co., Ltd."],
                  ["Site address", "88/3 Moo 2, Tha Chalom, Mueang Samut Sakhon, Samut Sakhon 74000"],
                  ["Country", "Thailand"],
                  ["Products", "Frozen shrimp and surimi"],
                  ["Date of visit", "Monday, 7 April 2025"],
                  ["Audit type", "Unannounced - no notice was given to the supplier"],
                  ["Audit round", "First audit for this client"],
                  ["Audit criteria", "Client Supplier Code of Conduct (2024) and Thai labour law"],
                  ["Report no.", "SEA-25-0412"]], [0.3 * w, 0.7 * w], b, lines="rows"),
            PageBreak(),
            Paragraph("1. Workforce", t2),
            grid([["Nationality", "Female", "Male", "Total"],
                  ["Thai", "130", "82", "212"],
                  ["Myanmar", "301", "185", "486"],
                  ["Cambodian", "40", "34", "74"],
                  ["Total", "471", "301", "772"]], [0.4 * w, 0.2 * w, 0.2 * w, 0.2 * w], b,
                 style("rg_bh", "Helvetica-Bold", 9.5, 12.5)),
            Spacer(1, 2 * mm),
            Paragraph("Of the 772 workers, 95 are supplied by a registered labour supplier (Golden Land Manpower) "
                      "and work in the peeling hall; the other 677 are direct employees. Foreign workers: 560.", b),
            Paragraph("2. How the audit was done", t2),
            Paragraph("Two auditors arrived at 07:00 without notice and stayed until 19:30. Workers interviewed: 40 "
                      "(Myanmar 26, Cambodian 6, Thai 8), with Burmese and Khmer interpreters; 30 were interviewed "
                      "in the factory and 10 off-site at a nearby temple after the shift. Seven of the 40 were "
                      "labour-supplier workers. The auditors checked payroll and time-attendance records for "
                      "January to March 2025 (45 workers), personnel files, the broker agreements and the "
                      "dormitory, which was visited in the evening.", b),
            Paragraph("3. Summary", t2),
            Paragraph("The site is clean and well organised and the production managers were open with the "
                      "auditors. The main risks lie in the recruitment of migrant workers through brokers in "
                      "Myanmar. Workers may leave the housing freely outside working hours and the gate is not "
                      "locked at night. No worker exceeded 60 hours in a week or worked more than six days in a "
                      "row in the sampled records. In the dormitory, rooms sleep four people with their own toilet "
                      "and fan, and no overcrowding was observed.", b),
            Paragraph("Overall rating: <b>Needs urgent improvement</b> (3 critical, 2 major, 1 minor, 1 "
                      "observation).", b),
            NextPageTemplate("land"), PageBreak(),
            Paragraph("4. Findings", t2),
            grid(rows, [f * lw for f in fw], small, hd, shade=red),
            Spacer(1, 5 * mm),
            Paragraph("Ratings legend", t2),
            grid([["Rating", "Meaning", "Time to correct"],
                  ["C", "Critical - a breach that puts workers at serious risk or violates basic rights", "30 days"],
                  ["MA", "Major - a systemic breach of law or of the client code", "60 days"],
                  ["MI", "Minor - an isolated breach with low impact", "90 days"],
                  ["OB", "Observation - not a breach; improvement recommended", "next audit"]],
                 [0.1 * lw, 0.6 * lw, 0.3 * lw], small, hd, shade=red),
            NextPageTemplate("body"), PageBreak(),
            Paragraph("5. Good practices", t2),
            Paragraph("The factory runs a Thai-language class for migrant workers on Sunday mornings, and the "
                      "canteen serves free lunch. A welfare committee with Myanmar and Cambodian members meets "
                      "every month.", b),
            Paragraph("6. Sign-off", t2),
            Paragraph("Lead auditor: Kanokwan S., Siam Ethical Audit Co., Ltd., Bangkok. The supplier's general "
                      "manager received the findings at the closing meeting and signed the findings sheet.", b),
        ]

    return Spec(
        name="regional_seafood_th", family="holdout-regional", header="Siam Ethical Audit - Report SEA-25-0412",
        footer="Confidential - for the client and the supplier only",
        audit={"standard": "other", "standard_label": "Client Supplier Code of Conduct (2024)",
               "audit_date": "2025-04-07", "audit_type": "unannounced", "audit_stage": "initial",
               "auditor": "Siam Ethical Audit Co., Ltd."},
        site={"name": "Andaman Bay Frozen Foods Co., Ltd.",
              "address": "88/3 Moo 2, Tha Chalom, Mueang Samut Sakhon, Samut Sakhon 74000", "country": "TH",
              "sector": "seafood processing", "workers_total": 772, "workers_female": 471, "workers_male": 301,
              "migrant_workers": 560, "agency_workers": 95},
        coverage={"workers_interviewed": 40, "interviews_offsite": True, "migrant_workers_interviewed": True,
                  "agency_workers_interviewed": True, "payroll_reviewed": True, "time_records_reviewed": True,
                  "dormitory_visited": True},
        mentions=[
            ("restriction_of_movement", "negated", "Workers may leave the housing freely"),
            ("excessive_overtime", "negated", "No worker exceeded 60 hours in a week"),
            ("abusive_working_living_conditions", "negated", "no overcrowding was observed"),
            ("recruitment_fees", "present", "paid brokers in Myawaddy"),
            ("debt_bondage", "present", "may not resign until the loan is"),
            ("retention_of_identity_documents", "present", "were held in the HR office safe"),
            ("retention_of_identity_documents", "remediated", "management returned all documents"),
            ("intimidation_threats", "present", "threatened to report them to the immigration police"),
        ],
        ncs=[
            {"reference": "1", "clause": "Client code 2.2; ILO C181", "severity": "critical", "severity_label": "C",
             "text": "22 of the 26 Myanmar workers interviewed paid brokers in Myawaddy between THB 12,000 and "
             "THB 18,000 each for job placement, work permit and transport.", "corrective_action": "Reimburse all "
             "recruitment costs paid by workers; use only licensed agencies under a zero-fee contract.",
             "due_date": "2025-06-07", "indicators": ["recruitment_fees"], "key": "paid brokers in Myawaddy"},
            {"reference": "2", "clause": "LPA s.76; client code 2.1", "severity": "critical", "severity_label": "C",
             "text": "THB 1,000 a month is deducted from the wages of 48 workers to repay a loan that the broker "
             "advanced for their travel.", "corrective_action": "Stop the deductions, refund amounts deducted, "
             "write off the balances with the broker.", "due_date": "2025-05-07", "indicators": ["debt_bondage"],
             "key": "THB 1,000 a month is deducted"},
            {"reference": "3", "clause": "Royal Ordinance on Managing the Employment of Migrant Workers B.E. 2560, "
             "s.131", "severity": "critical", "severity_label": "C", "text": "Passports and work permits of 311 "
             "Myanmar and Cambodian workers were held in the HR office safe.", "corrective_action": "Keep the "
             "lockers; written policy that no document is held by the company.", "due_date": None,
             "indicators": ["retention_of_identity_documents"], "key": "held in the HR office safe"},
            {"reference": "4", "clause": "Client code 4.1", "severity": "major", "severity_label": "MA",
             "text": "Two Myanmar workers said a packing supervisor threatened to report them to the immigration "
             "police when they complained about the cold in the freezer store.", "corrective_action": "Investigate, discipline "
             "the supervisor, train supervisors, publicise the hotline in Burmese and Khmer.",
             "due_date": "2025-06-07", "indicators": ["intimidation_threats"], "key": "packing supervisor"},
            {"reference": "5", "clause": "Ministerial Reg. on fire safety B.E. 2555", "severity": "major",
             "severity_label": "MA", "text": "Two emergency exits in the peeling hall were blocked by stacked ice "
             "boxes.", "corrective_action": "Clear exits; mark no-storage zones; daily checks.",
             "due_date": "2025-04-14", "indicators": [], "key": "stacked ice boxes"},
            {"reference": "6", "clause": "OSH Act B.E. 2554", "severity": "minor", "severity_label": "MI",
             "text": "Workers in the freezer store (-25 C) had no insulated gloves; cold-exposure breaks not "
             "scheduled.", "corrective_action": "Provide insulated PPE; 10-minute warm-up break each hour.",
             "due_date": "2025-05-07", "indicators": [], "key": "no insulated gloves"},
            {"reference": "7", "clause": "Factory Act B.E. 2535", "severity": "observation", "severity_label": "OB",
             "text": "Wastewater discharge permit renewal submitted late; permit expired 28/02/2025.",
             "corrective_action": "Follow up the renewal with the provincial office.", "due_date": "2025-07-07",
             "indicators": [], "key": "Wastewater discharge permit"},
        ],
        story=story,
        templates=lambda s: [one_column(s), one_column(s, "land", landscape(A4))],
    )


def buyer_scorecard_bd() -> Spec:
    """5. A buyer's own 'Supplier Code of Conduct Assessment': scorecard, evidence log, findings; US Letter."""
    b = style("by_b", "Helvetica", 9.4, 12.2, spaceAfter=5)
    cell = style("by_c", "Helvetica", 8.5, 10.8)
    hd = style("by_h", "Helvetica-Bold", 8.5, 10.8)
    t1 = style("by_t1", "Helvetica-Bold", 19, 24, spaceAfter=4)
    t2 = style("by_t2", "Helvetica-Bold", 11, 14, spaceBefore=9, spaceAfter=4)
    w = letter[0] - 36 * mm
    teal = colors.HexColor("#b7dde0")

    def story() -> list[Any]:
        return [
            Paragraph("NORTHWIND RETAIL GROUP &middot; Responsible Sourcing", style("by_o", "Helvetica", 10, 13)),
            Paragraph("Supplier Code of Conduct Assessment", t1),
            Spacer(1, 4 * mm),
            grid([["Supplier", "Karnaphuli Knit Composite Ltd.", "Supplier ID", "NW-BD-00871"],
                  ["Factory address", "Plot 14-17, Sector 3, Chattogram Export Processing Zone, Chattogram 4223, "
                   "Bangladesh", "Product", "Knitted T-shirts, polo shirts"],
                  ["Audit window", "01 Jun 2025 to 30 Jun 2025", "On-site day", "17 June 2025"],
                  ["Assessment methodology", "Announced, one full day on site", "Assessment stage",
                   "Annual re-assessment"],
                  ["Assessed by", "Northwind Retail Group, Responsible Sourcing team", "Previous rating",
                   "B (2024)"]],
                 [0.2 * w, 0.38 * w, 0.16 * w, 0.26 * w], cell, lines="grid"),
            Paragraph("Workforce", t2),
            grid([["Headcount", "Women", "Men", "Foreign workers", "Agency / contract workers"],
                  ["2,360", "1,540", "820", "0", "0"]], [0.2 * w] * 5, cell, hd, shade=teal),
            Paragraph("Scorecard", t2),
            grid([["Code section", "Score", "Result", "Comment"],
                  ["1. Forced labour", "10 / 10", "Meets", "See evidence log E-03 to E-06"],
                  ["2. Child labour and young workers", "10 / 10", "Meets", "Age checks in all files"],
                  ["3. Wages and benefits", "9 / 10", "Meets", "Minimum wage grade 7 met"],
                  ["4. Working hours", "4 / 10", "Does not meet", "Finding F-1"],
                  ["5. Health and safety", "7 / 10", "Partly meets", "Finding F-2"],
                  ["6. Freedom of association", "8 / 10", "Meets", "Participation committee elected 2024"],
                  ["7. Harassment and discipline", "10 / 10", "Meets", "See E-07"],
                  ["8. Environment", "8 / 10", "Partly meets", "Finding F-3"],
                  ["Overall", "66 / 80", "B - Acceptable", "Re-assess in 12 months"]],
                 [0.36 * w, 0.12 * w, 0.18 * w, 0.34 * w], cell, hd, shade=teal),
            Spacer(1, 3 * mm),
            Paragraph("Scoring: 9-10 Meets; 6-8 Partly meets; 0-5 Does not meet. Overall A 72-80, B 60-71, C 45-59, "
                      "D below 45 or any zero-tolerance issue.", style("by_n", "Helvetica-Oblique", 8, 10)),
            PageBreak(),
            Paragraph("Scope of the assessment", t2),
            Paragraph("The assessor toured the knitting, dyeing, cutting, sewing and finishing floors, the effluent "
                      "treatment plant and the medical centre. Worker interviews: 30 (20 individual, 10 in two "
                      "groups), all on site in the library room; no off-site interviews were held. Payroll, "
                      "attendance and leave records for March, April and May 2025 were checked for 35 workers. The "
                      "factory has no worker housing; all workers live in the surrounding area.", b),
            Paragraph("Evidence log", t2),
            grid([["Ref.", "Topic", "Evidence reviewed", "Assessor note"],
                  ["E-01", "Contracts", "Appointment letters, 35 files", "All in Bangla, signed, with job grade."],
                  ["E-02", "Age", "NID copies, medical age certificates", "Youngest worker 18 years 3 months."],
                  ["E-03", "Recruitment", "Hiring records; interviews with 6 workers who joined in 2025",
                   "Hiring is at the factory gate and by referral. New joiners confirmed they paid nothing to "
                   "anyone to get the job."],
                  ["E-04", "Identity documents", "HR files; worker interviews",
                   "Original NID cards are not held by HR; files contain photocopies."],
                  ["E-05", "Freedom to leave", "Gate log; observation at shift end",
                   "Workers are free to leave at the end of their shift; exit gates are not locked during working "
                   "hours."],
                  ["E-06", "Wage payment", "Bank statements; payslips",
                   "Wages and overtime were paid by the 7th working day each month, with no deductions other than "
                   "the statutory ones."],
                  ["E-07", "Harassment", "Anti-harassment committee minutes; interviews",
                   "No case of harassment or abuse reported to the committee or to the assessor; interviewed "
                   "workers reported no threats from line supervisors."],
                  ["E-08", "Salary advance", "Advance register", "Workers may take an interest-free salary "
                   "advance of up to one month's wage, repaid over six months; 23 workers used it in 2025."],
                  ["E-09", "Working hours", "Time cards, production plan", "See finding F-1."],
                  ["E-10", "Fire safety", "Drill records, extinguisher tags", "Drills quarterly; see F-2."]],
                 [0.08 * w, 0.16 * w, 0.3 * w, 0.46 * w], cell, hd, shade=teal),
            PageBreak(),
            Paragraph("Findings and required actions", t2),
            grid([["Finding", "Description", "Grade", "Required action", "Deadline"],
                  ["F-1", "In April and May 2025, 186 sewing operators worked 66 to 74 hours a week, beyond the "
                   "60-hour limit of the Bangladesh Labour Act 2006 (s.108), and 11 of them worked 13 days in a "
                   "row without the weekly holiday.", "Major gap",
                   "Cap weekly hours at 60; guarantee one day off in seven; share the monthly hours report with "
                   "Northwind.", "30 Sep 2025"],
                  ["F-2", "First-aid boxes on sewing floors 3 and 4 were missing bandages and eye wash; two "
                   "first-aiders' certificates had expired.", "Minor gap",
                   "Restock boxes monthly; renew first-aid training.", "31 Jul 2025"],
                  ["F-3", "The daily log of the effluent treatment plant had gaps of up to five days in May.",
                   "Observation", "Keep the ETP log daily; monthly review by the compliance manager.",
                   "31 Aug 2025"]],
                 [0.08 * w, 0.4 * w, 0.12 * w, 0.27 * w, 0.13 * w], cell, hd, shade=teal),
            Paragraph("Sample of weekly hours (sewing, April-May 2025)", t2),
            grid([["Worker ID", "Line", "Week of", "Regular hours", "Overtime hours", "Total", "Days worked in row"],
                  ["KK-10442", "Sewing 7", "14 Apr", "48", "24", "72", "13"],
                  ["KK-11873", "Sewing 7", "21 Apr", "48", "26", "74", "12"],
                  ["KK-09310", "Sewing 9", "5 May", "48", "18", "66", "6"],
                  ["KK-12004", "Finishing 2", "5 May", "48", "10", "58", "6"],
                  ["KK-08765", "Knitting", "12 May", "48", "8", "56", "6"]],
                 [0.15 * w, 0.15 * w, 0.12 * w, 0.14 * w, 0.15 * w, 0.1 * w, 0.19 * w], cell, hd, shade=teal),
            PageBreak(),
            Paragraph("Health and safety walk-through", t2),
            Paragraph("Aisles were marked and clear, and each floor had two protected staircases with fire doors. "
                      "Needle guards and pulley covers were fitted on all sewing machines checked. The boiler "
                      "certificate is valid to March 2026. Chemical store: safety data sheets in Bangla, spill kit "
                      "present, eye-wash station working. Drinking water tested in April 2025 was fit to drink.", b),
            Paragraph("Management conversation", t2),
            Paragraph("The managing director explained that the long hours in April and May followed a late fabric "
                      "delivery for a large order, and said a second knitting line will be commissioned in August "
                      "to reduce the pressure. The compliance manager will report hours to Northwind monthly.", b),
            Paragraph("Supplier comments", t2),
            Paragraph("The supplier accepts findings F-1 to F-3 and will submit its corrective action plan through "
                      "the Northwind supplier portal within 14 days.", b),
            Paragraph("Closing meeting attendance", t2),
            grid([["Name", "Role"], ["Md. Jahangir Alam", "Managing Director"], ["Sharmin Akter", "Compliance "
                  "Manager"], ["Rafiqul Islam", "Participation committee, workers' side"],
                  ["Farhana Rahman", "Assessor, Northwind"]], [0.45 * w, 0.55 * w], cell, hd, shade=teal),
            Spacer(1, 6 * mm),
            Paragraph("Assessor: Farhana Rahman, Northwind Responsible Sourcing, Dhaka office.", b),
        ]

    return Spec(
        name="buyer_scorecard_bd", family="holdout-buyer", header="Northwind Retail Group - Supplier Assessment "
        "NW-BD-00871", footer="Northwind internal - share only with the supplier", pagesize=letter,
        audit={"standard": "other", "standard_label": "Supplier Code of Conduct Assessment",
               "audit_date": "2025-06-17", "audit_type": "announced", "audit_stage": "periodic",
               "auditor": "Northwind Retail Group"},
        site={"name": "Karnaphuli Knit Composite Ltd.",
              "address": "Plot 14-17, Sector 3, Chattogram Export Processing Zone, Chattogram 4223, Bangladesh",
              "country": "BD", "sector": "garments", "workers_total": 2360, "workers_female": 1540,
              "workers_male": 820, "migrant_workers": 0, "agency_workers": 0},
        coverage={"workers_interviewed": 30, "interviews_offsite": False, "migrant_workers_interviewed": None,
                  "agency_workers_interviewed": None, "payroll_reviewed": True, "time_records_reviewed": True,
                  "dormitory_visited": None},
        mentions=[
            ("recruitment_fees", "negated", "they paid nothing to anyone to get the job"),
            ("retention_of_identity_documents", "negated", "Original NID cards are not held by HR"),
            ("restriction_of_movement", "negated", "exit gates are not locked during working"),
            ("withholding_of_wages", "negated", "with no deductions other than"),
            ("physical_sexual_violence", "negated", "No case of harassment or abuse reported"),
            ("intimidation_threats", "negated", "workers reported no threats from line supervisors"),
            ("excessive_overtime", "present", "186 sewing operators worked 66 to 74 hours a week"),
        ],
        ncs=[
            {"reference": "F-1", "clause": "Bangladesh Labour Act 2006 (s.108)", "severity": "major",
             "severity_label": "Major gap", "text": "In April and May 2025, 186 sewing operators worked 66 to 74 "
             "hours a week, beyond the 60-hour limit of the Bangladesh Labour Act 2006 (s.108), and 11 of them "
             "worked 13 days in a row without the weekly holiday.", "corrective_action": "Cap weekly hours at 60; "
             "guarantee one day off in seven; share the monthly hours report with Northwind.",
             "due_date": "2025-09-30", "indicators": ["excessive_overtime"], "key": "186 sewing operators"},
            {"reference": "F-2", "clause": None, "severity": "minor", "severity_label": "Minor gap",
             "text": "First-aid boxes on sewing floors 3 and 4 were missing bandages and eye wash; two first-aiders' "
             "certificates had expired.", "corrective_action": "Restock boxes monthly; renew first-aid training.",
             "due_date": "2025-07-31", "indicators": [], "key": "First-aid boxes on sewing floors"},
            {"reference": "F-3", "clause": None, "severity": "observation", "severity_label": "Observation",
             "text": "The daily log of the effluent treatment plant had gaps of up to five days in May.",
             "corrective_action": "Keep the ETP log daily; monthly review by the compliance manager.",
             "due_date": "2025-08-31", "indicators": [], "key": "gaps of up to five days"},
        ],
        story=story, templates=lambda s: [one_column(s)],
    )


def followup_gloves_my() -> Spec:
    """6. A closure (follow-up) audit, later scanned: status table of earlier findings, Courier typewriter look."""
    b = style("fu_b", "Times-Roman", 11, 14, spaceAfter=6)
    cell = style("fu_c", "Times-Roman", 9.8, 12)
    hd = style("fu_h", "Times-Bold", 9.8, 12)
    t1 = style("fu_t1", "Courier-Bold", 16, 21, spaceAfter=6)
    t2 = style("fu_t2", "Courier-Bold", 12, 15, spaceBefore=10, spaceAfter=5)
    w = A4[0] - 36 * mm

    def story() -> list[Any]:
        return [
            Paragraph("STRAITS ASSURANCE PARTNERS", style("fu_o", "Courier", 11, 14)),
            Paragraph("FOLLOW-UP AUDIT REPORT", t1),
            Paragraph("RBA Validated Assessment Program (VAP) - Closure Audit", style("fu_s", "Times-Italic", 12, 16,
                                                                                     spaceAfter=10)),
            grid([["Facility:", "Perak Latex Products Sdn. Bhd."],
                  ["Address:", "Lot 2231, Jalan Kamunting Lama, Kawasan Perindustrian Kamunting, 34600 Taiping, "
                   "Perak"],
                  ["Country:", "Malaysia"],
                  ["Product:", "Nitrile examination gloves"],
                  ["Date of closure audit:", "26 August 2025"],
                  ["Date of initial audit:", "11 February 2025"],
                  ["Audit announcement:", "Announced"],
                  ["Audit firm:", "Straits Assurance Partners"],
                  ["Purpose:", "Verify closure of the priority and major findings of the initial VAP audit"]],
                 [0.3 * w, 0.7 * w], cell, lines="none"),
            Paragraph("Workforce at the time of the closure audit", t2),
            grid([["", "Malaysian", "Foreign", "Total"],
                  ["Female", "402", "238", "640"],
                  ["Male", "115", "1,150", "1,265"],
                  ["Total", "517", "1,388", "1,905"]], [0.25 * w] * 4, cell, hd),
            Paragraph("Foreign workers come from Nepal (702), Bangladesh (451) and Myanmar (235). All workers are "
                      "employed directly; there are no outsourced or agency workers.", b),
            PageBreak(),
            Paragraph("Audit scope", t2),
            Paragraph("The closure audit took one day with two auditors. We interviewed 40 workers (34 foreign "
                      "workers and 6 Malaysian workers) in a meeting room next to the canteen and in the workers' "
                      "hostel; interpreters for Nepali and Bengali were present. We reviewed payroll for May to July "
                      "2025, the reimbursement bank records, time records for July 2025, the passport locker "
                      "register and the hostel inspection reports, and we visited hostel blocks A, B and C.", b),
            Paragraph("Summary of results", t2),
            Paragraph("Of the six findings raised at the initial audit, four are closed, one is partly closed and "
                      "one remains open. The company has made real progress on recruitment fees and on document "
                      "retention. Hostel conditions in block C remain the main concern.", b),
            Paragraph("Working hours were not a finding at the initial audit; the July 2025 time records we sampled "
                      "confirmed that no worker worked more than 60 hours in any week.", b),
            PageBreak(),
            Paragraph("Status of findings from the initial audit", t2),
            grid([["No.", "Initial finding (February 2025)", "Grade", "Evidence at closure audit", "Status"],
                  ["1", "Foreign workers had paid recruitment fees of MYR 4,000 to MYR 6,500 to agents in Nepal "
                   "and Bangladesh.", "Priority", "The company repaid a total of MYR 5.1 million to 1,212 workers in "
                   "three instalments between April and July 2025; bank records for 30 sampled workers confirmed "
                   "receipt.", "Closed"],
                  ["2", "Passports of foreign workers were kept by the HR department.", "Priority",
                   "All passports were handed back to workers by March 2025; each worker has a lockable locker. "
                   "All 34 foreign workers interviewed had their passport.", "Closed"],
                  ["3", "Overcrowding in hostel block C: 18 workers per room, one toilet for 25 workers.", "Major",
                   "Unchanged. Block C still houses 18 workers per room and the move to the new hostel is delayed "
                   "to November 2025.", "Open"],
                  ["4", "Fire alarm not audible in the compounding area.", "Major",
                   "Two sounders added; test on 26 August audible in all areas.", "Closed"],
                  ["5", "No health surveillance for workers exposed to chemical accelerators.", "Major",
                   "Audiometry done; skin surveillance scheduled for October 2025.", "Partly closed"],
                  ["6", "Grievance box keys held by HR manager.", "Minor",
                   "Keys now held by the welfare committee.", "Closed"]],
                 [0.06 * w, 0.3 * w, 0.1 * w, 0.42 * w, 0.12 * w], cell, hd),
            PageBreak(),
            Paragraph("Remaining corrective actions", t2),
            grid([["Ref.", "Action", "Due date"],
                  ["3", "Move 240 workers from block C to the new hostel and limit rooms to 8 persons.", "30/11/2025"],
                  ["5", "Complete skin surveillance for exposed workers.", "31/10/2025"]],
                 [0.1 * w, 0.7 * w, 0.2 * w], cell, hd),
            Paragraph("Auditor's declaration", t2),
            Paragraph("This report reflects what the audit team saw and was told on the day of the closure audit. "
                      "A further verification of finding 3 will be done by document review in December 2025.", b),
            Paragraph("Lead auditor: Lim Wei Ling", b),
        ]

    return Spec(
        name="followup_gloves_my", family="holdout-scan-followup", header="Straits Assurance Partners / VAP Closure "
        "Audit / Perak Latex Products", footer="Report SAP-VAP-25-118 - confidential", scanned=True,
        audit={"standard": "RBA VAP", "standard_label": "RBA Validated Assessment Program (VAP)",
               "audit_date": "2025-08-26", "audit_type": "announced", "audit_stage": "follow-up",
               "auditor": "Straits Assurance Partners"},
        site={"name": "Perak Latex Products Sdn. Bhd.",
              "address": "Lot 2231, Jalan Kamunting Lama, Kawasan Perindustrian Kamunting, 34600 Taiping, Perak",
              "country": "MY", "sector": "rubber gloves", "workers_total": 1905, "workers_female": 640,
              "workers_male": 1265, "migrant_workers": 1388, "agency_workers": 0},
        coverage={"workers_interviewed": 40, "interviews_offsite": False, "migrant_workers_interviewed": True,
                  "agency_workers_interviewed": None, "payroll_reviewed": True, "time_records_reviewed": True,
                  "dormitory_visited": True},
        mentions=[
            ("excessive_overtime", "negated", "no worker worked more than 60 hours"),
            ("recruitment_fees", "present", "had paid recruitment fees of MYR 4,000"),
            ("recruitment_fees", "remediated", "The company repaid a total of MYR 5.1 million"),
            ("retention_of_identity_documents", "present", "were kept by the HR department"),
            ("retention_of_identity_documents", "remediated", "All passports were handed back"),
            ("abusive_working_living_conditions", "present", "Block C still houses 18 workers per room"),
        ],
        ncs=[
            {"reference": "3", "clause": None, "severity": "major", "severity_label": "Major",
             "text": "Overcrowding in hostel block C: 18 workers per room, one toilet for 25 workers.",
             "corrective_action": "Move 240 workers from block C to the new hostel and limit rooms to 8 persons.",
             "due_date": "2025-11-30", "indicators": ["abusive_working_living_conditions"],
             "key": "Overcrowding in hostel block C"},
            {"reference": "5", "clause": None, "severity": "major", "severity_label": "Major",
             "text": "No health surveillance for workers exposed to chemical accelerators.",
             "corrective_action": "Complete skin surveillance for exposed workers.", "due_date": "2025-10-31",
             "indicators": [], "key": "No health surveillance"},
        ],
        story=story, templates=lambda s: [one_column(s, font="Courier")],
    )




def specs() -> list[Spec]:
    """All hold-out reports."""
    return [slcp_footwear_vn(), fla_denim_tr(), sa8000_spinning_in(), regional_seafood_th(), buyer_scorecard_bd(), followup_gloves_my()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args()
    for spec in specs():
        rec = build(spec, args.out)
        st = {k: v["status"] for k, v in rec["indicators"].items() if v["status"] != "not_found"}
        print(f"{spec.name}: {len(rec['pages'])} pages, {st}")


if __name__ == "__main__":
    main()
