"""Metadata and non-compliance extraction on many layouts and wordings (Documents built in memory)."""

from __future__ import annotations

import pytest

from auditparse.datamodel import Cell, Document, Page, Source, Table
from auditparse.metadata import (
    classify_label,
    country_code,
    extract_metadata,
    extract_non_compliances,
    normalise_severity,
    parse_date,
    parse_int,
)


def make_doc(*texts: str, tables: dict[int, list[list[list[str]]]] | None = None) -> Document:
    """A Document whose page i has text ``texts[i]`` and the given tables (lists of rows of cell texts)."""
    pages = [
        Page(number=i + 1, width=595, height=842, text=t,
             tables=[Table(bbox=(0, 0, 595, 842), rows=[[Cell(text=c) for c in row] for row in rows])
                     for rows in (tables or {}).get(i + 1, [])])
        for i, t in enumerate(texts)
    ]
    return Document(source=Source(path="x.pdf", sha256="0", pages=len(pages), media_type="application/pdf",
                                  size_bytes=1), pages=pages)


@pytest.mark.parametrize(("text", "iso"), [
    ("Date(s) of audit: 12–13 March 2025", "2025-03-12"),
    ("14/03/2025", "2025-03-14"),
    ("05/31/2024", "2024-05-31"),
    ("March 12-13, 2025", "2025-03-12"),
    ("2025-03-14", "2025-03-14"),
    ("14-Mar-2025", "2025-03-14"),
    ("3rd of June, 2024", "2024-06-03"),
    ("Sept. 9 2023", "2023-09-09"),
    ("12.3.2025", "2025-03-12"),
    ("from 2 to 4 December 2024", "2024-12-02"),
    ("no date here", None),
    ("31/02/2025", None),
])
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(("text", "code"), [
    ("Bangladesh", "BD"), ("Viet Nam", "VN"), ("Türkiye", "TR"), ("Turkey", "TR"),
    ("Lot 5, Jalan Perusahaan, Prai, Penang, Malaysia", "MY"), ("Ho Chi Minh City", "VN"),
    ("No. 8 Industrial Road, Dongguan, Guangdong", "CN"), ("TH", "TH"), ("Atlantis", None),
    ("Unit 4, Leicester, UK", "GB"), ("the uk", None),
])
def test_country_code(text: str, code: str | None) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize(("label", "field"), [
    ("Site name", "site_name"), ("Factory Name:", "site_name"), ("Name of facility", "site_name"),
    ("Supplier site", "site_name"), ("Audit date", "audit_date"), ("Date of audit", "audit_date"),
    ("Date(s) of audit", "audit_date"), ("Audit type", "audit_type"), ("Announcement type", "audit_type"),
    ("Audit company", "auditor"), ("Name of audit firm", "auditor"), ("Conducted by", "auditor"),
    ("Number of workers interviewed", "workers_interviewed"), ("Total number of workers", "workers_total"),
    ("Female workers", "workers_female"), ("Male", "workers_male"), ("Foreign workers", "migrant_workers"),
    ("Agency / contract workers", "agency_workers"), ("Factory address", "address"), ("Country", "country"),
    ("Report date", None), ("Due date", None), ("Contact phone", None), ("Products", "sector"),
])
def test_classify_label(label: str, field: str | None) -> None:
    assert classify_label(label) == field


EXPECTED = dict(name="Sunrise Garments Sdn Bhd", country="MY", workers_total=412, workers_female=250,
                workers_male=162, migrant_workers=120, agency_workers=30)


def _check(doc: Document) -> None:
    audit, site, cov = extract_metadata(doc)
    got = {k: getattr(site, k) for k in EXPECTED}
    assert got == EXPECTED
    assert audit.audit_date == "2025-03-12"
    assert audit.audit_type == "semi-announced"
    assert (audit.auditor or "").rstrip(".") == "Veritas Ethical Audits Ltd"
    assert cov.workers_interviewed == 25


def test_colon_lines_cover() -> None:
    _check(make_doc("""SMETA 6.1 4-Pillar Audit Report
Factory Name: Sunrise Garments Sdn Bhd
Site address: 12 Jalan Industri, Bayan Lepas, Penang, Malaysia
Date(s) of audit: 12–13 March 2025
Audit type: Semi-announced (2-week window)
Audit company: Veritas Ethical Audits Ltd
Total number of workers: 412
Female workers: 250
Male workers: 162
Migrant workers: 120
Agency workers: 30
Number of workers interviewed: 25"""))


def test_key_value_table() -> None:
    rows = [["Name of facility", "Sunrise Garments Sdn Bhd"], ["Address", "Lot 7, Prai, Penang"],
            ["Country", "Malaysia"], ["Date of audit", "12/03/2025"], ["Announcement", "Semi-announced"],
            ["Audit firm", "Veritas Ethical Audits Ltd"], ["Workforce", "412"], ["Women", "250"], ["Men", "162"],
            ["Foreign workers", "120"], ["Contract / agency workers", "30"], ["Workers interviewed", "25"]]
    _check(make_doc("Social audit report\nsee table", tables={1: [rows]}))


def test_info_box_stacked_labels() -> None:
    """A label alone on its line, the value on the next (two-column info boxes flattened)."""
    _check(make_doc("""WCA Workplace Conditions Assessment
Supplier site
Sunrise Garments Sdn Bhd
Location
Bayan Lepas, Penang, Malaysia
Audit dates
March 12-13, 2025
Type of audit
Semi-announced
Audit body
Veritas Ethical Audits Ltd
Employees
412
Female
250
Male
162
Migrant workers
120
Dispatched workers
30
Interviews
25"""))


def test_prose_cover() -> None:
    _check(make_doc(
        "This semi-announced amfori BSCI audit of Sunrise Garments Sdn Bhd was carried out on 12 March 2025 "
        "by Veritas Ethical Audits Ltd. The site, in Penang, Malaysia, employs 412 workers, of whom 250 are "
        "female and 162 male; 120 are migrant workers and 30 are agency workers. In total 25 workers were "
        "interviewed."))


def test_standard_detection_and_label() -> None:
    audit, _, _ = extract_metadata(make_doc("RBA Validated Assessment Program (VAP) Audit Report\nVersion 7.0"))
    assert audit.standard == "RBA VAP"
    assert "RBA" in (audit.standard_label or "")
    audit, _, _ = extract_metadata(make_doc("Audit standard: SA8000:2014\nSite: X"))
    assert (audit.standard, audit.standard_label) == ("SA8000", "SA8000:2014")
    audit, _, _ = extract_metadata(make_doc("Social audit report of a factory"))
    assert audit.standard == "other"


def test_unknowns_stay_none() -> None:
    audit, site, cov = extract_metadata(make_doc("Factory Name: Alpha Knit Ltd\nNothing else is stated here."))
    assert site.name == "Alpha Knit Ltd"
    assert site.workers_total is None and audit.audit_date is None and cov.workers_interviewed is None


@pytest.mark.parametrize(("label", "sev"), [
    ("Zero Tolerance", "critical"), ("Priority", "critical"), ("Major", "major"), ("Minor", "minor"),
    ("Observation", "observation"), ("Improvement needed", "minor"), ("Business critical", "critical"),
    ("Rating: E", "critical"), ("Opportunity for improvement", "observation"), ("Unclear", None),
])
def test_normalise_severity(label: str, sev: str | None) -> None:
    assert normalise_severity(label) == sev


def test_nc_table() -> None:
    rows = [["Ref", "Clause", "Finding", "Severity", "Corrective action", "Due date"],
            ["NC-01", "ETI 1.1", "Workers paid recruitment fees of RM 4,000.", "Major", "Reimburse fees.",
             "14/05/2025"],
            ["NC-02", "ETI 6", "Overtime exceeded 12 hours a week.", "Minor", "Plan overtime.", "June 30, 2025"]]
    ncs = extract_non_compliances(make_doc("Findings", tables={1: [rows]}))
    assert [(n.reference, n.clause, n.severity, n.severity_label, n.due_date) for n in ncs] == [
        ("NC-01", "ETI 1.1", "major", "Major", "2025-05-14"), ("NC-02", "ETI 6", "minor", "Minor", "2025-06-30")]
    assert ncs[0].corrective_action == "Reimburse fees." and ncs[0].page == 1


def test_nc_text_blocks() -> None:
    text = """Non-compliance details
NC-01 [Zero Tolerance] Passports of 12 migrant workers were kept by the HR office.
Clause: Base code 1.2
Corrective action: Return all passports and provide lockers.
Due date: 1 April 2025
Finding 2: Wage slips were not issued in a language workers understand.
Severity: Improvement needed
Corrective action: Translate wage slips.
"""
    ncs = extract_non_compliances(make_doc(text))
    assert len(ncs) == 2
    a, b = ncs
    assert (a.reference, a.severity, a.severity_label, a.clause, a.due_date) == (
        "NC-01", "critical", "Zero Tolerance", "Base code 1.2", "2025-04-01")
    assert a.text.startswith("Passports of 12 migrant workers")
    assert (b.reference, b.severity, b.corrective_action) == ("Finding 2", "minor", "Translate wage slips.")


def test_nc_inline_paragraph() -> None:
    """Narrative reports: severity and clause in brackets, fields inline, the block ends at its due date."""
    text = ("The team sampled files.\nNC 1 (Critical NC, Clause 2.3): The facility keeps\nidentity documents of "
            "3 workers. Corrective action: Return all\npassports. Due by 30 May 2022.\nNC 2 (Minor, Clause 4): "
            "Toilets were dirty. Corrective action: Clean them. Due by 31 March 2022.\n\nThe next paragraph.")
    ncs = extract_non_compliances(make_doc(text))
    assert [(n.reference, n.severity, n.severity_label, n.clause, n.due_date) for n in ncs] == [
        ("NC 1", "critical", "Critical NC", "Clause 2.3", "2022-05-30"),
        ("NC 2", "minor", "Minor", "Clause 4", "2022-03-31")]
    assert ncs[0].text == "The facility keeps identity documents of 3 workers."
    assert ncs[0].corrective_action == "Return all passports."


def test_workforce_matrix_table() -> None:
    rows = [["Category", "Male", "Female", "Total"], ["Local workers (direct)", "1,248", "932", "2,180"],
            ["Migrant workers", "1", "0", "1"], ["Agency workers", "91", "68", "159"],
            ["Total", "1,340", "1,000", "2,340"]]
    _, site, _ = extract_metadata(make_doc("Employee information", tables={1: [rows]}))
    assert (site.workers_total, site.workers_male, site.workers_female, site.migrant_workers,
            site.agency_workers) == (2340, 1340, 1000, 1, 159)


def test_findings_table_with_id_column() -> None:
    rows = [["Finding", "Description", "Classificatio n", "Corrective action", "Due"],
            ["A1.1", "Passports are retained by the employer.", "Major", "Return passports.", "6.02.2022"],
            ["B1.8", "An exit was locked.", "Risk of Non conformance", "Unlock exits.", "7-Apr-2022"]]
    ncs = extract_non_compliances(make_doc("Findings", tables={1: [rows]}))
    assert [(n.reference, n.text, n.severity, n.due_date) for n in ncs] == [
        ("A1.1", "Passports are retained by the employer.", "major", "2022-02-06"),
        ("B1.8", "An exit was locked.", "observation", "2022-04-07")]


def test_unseen_wordings_smeta_like_details() -> None:
    """Label wordings from layouts the samples do not use."""
    doc = make_doc("""Site Details
Auditee name: Golden Loom Textiles Pvt. Ltd.
Auditee address: Plot 14, SIPCOT Industrial Estate, Tiruppur, Tamil Nadu
Site phone: +91 421 555 0100
Audit Details
Audit Company Name: Northstar Compliance Services
Lead auditor: A. Sample
Date of Audit: 12th - 14th March 2025
Audit type: Full Initial
Was the audit announced?: Semi-announced
Migrant workers (%): 30%
No. of female workers: 1,100
Number of Workers (total): 1,650
Verification body: ignored because the auditor is already known""")
    audit, site, _ = extract_metadata(doc)
    assert site.name == "Golden Loom Textiles Pvt. Ltd."
    assert site.country == "IN"
    assert audit.auditor == "Northstar Compliance Services"
    assert audit.audit_date == "2025-03-12"
    assert (audit.audit_type, audit.audit_stage) == ("semi-announced", "initial")
    assert site.migrant_workers is None  # a share is not a head-count
    assert (site.workers_female, site.workers_total) == (1100, 1650)


def test_slcp_like_verification() -> None:
    rows = [["Facility name", "Anatolia Denim A.Ş."], ["Verifier body", "Kestrel Verification"],
            ["Verification date(s)", "2024/11/05 - 2024/11/06"], ["Facility address", "Organize Sanayi, Denizli"],
            ["Total workers", "830"]]
    audit, site, _ = extract_metadata(make_doc("SLCP Converged Assessment Framework\nVerified assessment report",
                                                tables={1: [rows]}))
    assert (audit.standard, site.name, audit.auditor) == ("SLCP", "Anatolia Denim A.Ş.", "Kestrel Verification")
    assert (audit.audit_date, site.country, site.workers_total) == ("2024-11-05", "TR", 830)


def test_findings_table_continues_on_next_page() -> None:
    head = [["Ref", "Finding", "Severity", "Corrective action", "Due date"],
            ["NC-01", "Passports are kept by the employer.", "Major", "Return passports.", "1 May 2025"]]
    cont = [["NC-02", "Fees were charged by the agent.", "Critical", "Repay the fees.", "1 June 2025"]]
    ncs = extract_non_compliances(make_doc("Findings", "continued", tables={1: [head], 2: [cont]}))
    assert [(n.reference, n.severity, n.page) for n in ncs] == [("NC-01", "major", 1), ("NC-02", "critical", 2)]


def test_ocr_lines_without_colons_or_cells() -> None:
    """OCR text of a key/value box and a workforce table: no colons, no table cells, stray marks."""
    doc = make_doc("""VAP Audit Report
| Site name Northstar Precision Components Sdn. Bhd.
Audit date 2023-06-12
Audit company Ardent Workplace Auditing
Number of workers interviewed 25
Worker demographics
Category Male Female Total
Local workers (direct) 4 14 18
Migrant workers 9 36 . 45
Agency workers 1 4 5
Total 14 54 68""")
    audit, site, cov = extract_metadata(doc)
    assert (site.name, audit.audit_date, audit.auditor) == (
        "Northstar Precision Components Sdn. Bhd.", "2023-06-12", "Ardent Workplace Auditing")
    assert cov.workers_interviewed == 25
    assert (site.workers_total, site.workers_male, site.workers_female, site.migrant_workers,
            site.agency_workers) == (68, 14, 54, 45, 5)


def test_space_is_not_a_thousands_separator() -> None:
    assert parse_int("277 748 1,025") == 277


@pytest.mark.parametrize(("text", "sector"), [
    ("Facility name: Harbour Foods Co.\nMain products: Frozen shrimp and squid\nCountry: Thailand", "Frozen shrimp and squid"),
    ("Industry: garments", "Garments"),
    ("Type of business: Electronic components assembly", "Electronic components assembly"),
    ("The factory produces cotton knitwear and employs 812 workers.", "Cotton knitwear"),
    ("The site is engaged in the processing of palm fruit, with 140 workers on the estate.", "Palm fruit"),
    ("Product manager: Ms Lee\nProduction capacity: 40,000 pieces", None),  # labels that only look alike
    ("The audit covered the products of the site.", None),
])
def test_sector_from_labels_and_prose(text: str, sector: str | None) -> None:
    _, site, _ = extract_metadata(make_doc(text))
    assert site.sector == sector
