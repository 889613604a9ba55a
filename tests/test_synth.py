"""The synthetic report generator: determinism, truth consistency, text fidelity, scanned twins, CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from auditparse.datamodel.nlp import INDICATORS
from auditparse.synth import FAMILIES, TRUTH_SCHEMA, IndicatorCondition, generate, random_spec
from auditparse.synth.__main__ import main as synth_main
from auditparse.synth.bundled import bundled_specs

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _check_truth(truth: dict) -> None:
    """Every claim of a truth file is backed by the page text it points to."""
    assert truth["schema"] == TRUTH_SCHEMA
    pages = {p["number"]: _norm(p["text"]) for p in truth["pages"]}
    assert sorted(pages) == list(range(1, len(pages) + 1))
    assert set(truth["indicators"]) == set(INDICATORS)
    for ind, info in truth["indicators"].items():
        for m in info["mentions"]:
            assert _norm(m["text"]) in pages[m["page"]], (ind, m)
        evidence = [m for m in info["mentions"] if m["status"] in ("present", "remediated", "negated")]
        assert info["assertions"] == [m["status"] for m in evidence]
        assert info["pages"] == sorted({m["page"] for m in evidence})
        statuses = set(info["assertions"])
        if info["status"] == "present":
            assert statuses & {"present", "remediated"}
            assert info["condition"] in ("present", "remediated")
        elif info["status"] == "ruled_out":
            assert statuses == {"negated"}
        else:
            assert info["status"] == "not_found" and not evidence
    for nc in truth["non_compliances"]:
        assert _norm(nc["text"]) in pages[nc["page"]]
        assert nc["severity"] in ("critical", "major", "minor", "observation")
    site = truth["site"]
    assert site["workers_female"] + site["workers_male"] == site["workers_total"]
    for key in ("standard", "audit_date", "audit_type", "auditor"):
        assert truth["audit"][key]


def _words(s: str) -> Counter[str]:
    return Counter(s.split())


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_generates_consistent_truth(family: str, tmp_path: Path) -> None:
    spec = random_spec(11, family=family, risk=2.0)
    report = generate(spec, tmp_path, scanned=False)
    truth = json.loads(report.truth.read_text())
    assert truth["family"] == family and report.pages == len(truth["pages"]) >= 3
    _check_truth(truth)
    assert {p["columns"] for p in truth["pages"]} == {1, 2}


def test_digital_text_layer_matches_truth(tmp_path: Path) -> None:
    """pypdfium2 reads back exactly the words the truth says are on each page (header/footer apart)."""
    for family in ("smeta", "narrative"):
        report = generate(random_spec(5, family=family), tmp_path, scanned=False)
        truth = json.loads(report.truth.read_text())
        doc = pdfium.PdfDocument(report.digital)
        for page in truth["pages"]:
            text = doc[page["number"] - 1].get_textpage().get_text_bounded()
            expected = _words(page["text"]) + _words(page["header"] or "") + _words(page["footer"] or "")
            assert _words(text) == expected, (family, page["number"])
        doc.close()


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    a = generate(random_spec(42), tmp_path / "a", scanned=False)
    b = generate(random_spec(42), tmp_path / "b", scanned=False)
    c = generate(random_spec(43), tmp_path / "c", scanned=False)
    assert a.digital.read_bytes() == b.digital.read_bytes()
    assert a.truth.read_text() == b.truth.read_text()
    assert a.digital.read_bytes() != c.digital.read_bytes()


def test_overrides_and_page_target(tmp_path: Path) -> None:
    spec = random_spec(8, family="rba", pages=12, site={"country": "TH"},
                       indicators={"recruitment_fees": "present", "isolation": "negated", "deception": "absent",
                                   "excessive_overtime": {"condition": "present", "weekly_hours": 81}})
    assert spec.site.country == "TH" and spec.indicators["recruitment_fees"].fee_amount
    assert spec.indicators["excessive_overtime"].weekly_hours == 81
    truth = json.loads(generate(spec, tmp_path, scanned=False).truth.read_text())
    assert abs(len(truth["pages"]) - 12) <= 1
    assert truth["indicators"]["recruitment_fees"]["status"] == "present"
    assert truth["indicators"]["isolation"]["status"] == "ruled_out"
    assert truth["indicators"]["deception"]["status"] == "not_found"
    assert truth["indicators"]["excessive_overtime"]["quantities"]["weekly_hours"] == 81
    with pytest.raises(ValueError, match="unknown indicator"):
        random_spec(1, indicators={"slavery": "present"})
    # the migrant workers' origin follows overridden sites and fee currencies
    fees = IndicatorCondition("present", workers_affected=5, fee_amount=90000, fee_currency="NPR")
    assert random_spec(3, site={"country": "MY", "migrant_workers": 50},
                       indicators={"recruitment_fees": fees}).origin == "Nepal"
    assert random_spec(3, site={"country": "MY", "migrant_workers": 0}).origin == ""


def test_wording_varies_across_reports(tmp_path: Path) -> None:
    """The same indicator is worded differently in different reports (no single template per finding)."""
    sentences = set()
    for seed in range(6):
        spec = random_spec(seed, indicators={"recruitment_fees": "present"})
        truth = json.loads(generate(spec, tmp_path / str(seed), scanned=False).truth.read_text())
        sentences |= {m["text"] for m in truth["indicators"]["recruitment_fees"]["mentions"]}
    assert len(sentences) >= 8


@pytest.mark.slow
def test_scanned_twin_is_image_only_with_rotated_page(tmp_path: Path) -> None:
    spec = random_spec(3, family="wca", pages=4)
    report = generate(spec, tmp_path, scanned=True)
    again = generate(spec, tmp_path / "again", scanned=True)
    assert report.scanned and again.scanned and report.scanned.read_bytes() == again.scanned.read_bytes()
    truth = json.loads(report.truth.read_text())
    scan = truth["scan"]
    assert 0.3 <= abs(scan["skew_deg"]) <= 1.5
    ((page, angle),) = scan["rotated_pages"].items()
    assert angle in (90, 180, 270)
    digital, scanned = pdfium.PdfDocument(report.digital), pdfium.PdfDocument(report.scanned)
    assert len(scanned) == len(digital) == len(truth["pages"])
    for i in range(len(scanned)):
        assert scanned[i].get_textpage().get_text_bounded().strip() == ""
        w, h = scanned[i].get_size()
        turned = i + 1 == int(page) and angle in (90, 270)
        assert (w > h) == turned, i + 1


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_scanned_page_is_readable_by_tesseract(tmp_path: Path) -> None:
    """Noise is moderate: tesseract finds nearly every word of a text page of the scan."""
    spec = random_spec(9, family="narrative", pages=3, columns=1)
    report = generate(spec, tmp_path, scanned=True)
    truth = json.loads(report.truth.read_text())
    rotated = {int(k) for k in truth["scan"]["rotated_pages"]}
    number = next(p["number"] for p in truth["pages"] if p["number"] > 1 and p["number"] not in rotated)
    doc = pdfium.PdfDocument(report.scanned)
    image = tmp_path / "page.png"
    (obj,) = list(doc[number - 1].get_objects())  # the page is one 200 dpi image: OCR it as it is
    obj.get_bitmap().to_pil().save(image)
    doc.close()
    out = subprocess.run(["tesseract", str(image), "-", "--psm", "3"], capture_output=True, text=True,
                         env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}, check=True).stdout
    expected = _words(truth["pages"][number - 1]["text"])
    found = sum((expected & _words(out)).values())
    assert found / sum(expected.values()) >= 0.95


def test_cli_writes_reports_and_progress(tmp_path: Path) -> None:
    result = CliRunner().invoke(synth_main, ["--out", str(tmp_path), "--count", "2", "--seed", "4",
                                             "--family", "bsci", "--no-scanned"])
    assert result.exit_code == 0, result.output
    truths = sorted(tmp_path.glob("*.truth.json"))
    assert len(truths) == 2 and not list(tmp_path.glob("*_scan.pdf"))
    assert all(json.loads(t.read_text())["family"] == "bsci" for t in truths)
    bad = CliRunner().invoke(synth_main, ["--out", str(tmp_path), "--count", "0"])
    assert bad.exit_code == 2
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    bad = CliRunner().invoke(synth_main, ["--out", str(blocked / "sub"), "--count", "1", "--no-scanned"])
    assert bad.exit_code == 2 and "cannot write" in bad.output and "Traceback" not in bad.output


def test_invalid_spec_is_refused(tmp_path: Path) -> None:
    spec = random_spec(1)
    spec.family = "iso9001"  # type: ignore[assignment]
    with pytest.raises(ValueError, match="family 'iso9001'"):
        generate(spec, tmp_path)


@pytest.mark.skipif(not (SAMPLES / "smeta_garment_my.truth.json").exists(), reason="bundled samples not present")
def test_bundled_samples_match_generator(tmp_path: Path) -> None:
    """The committed samples are what the generator makes today (regenerate with --bundled if this fails)."""
    for spec, with_scan in bundled_specs():
        committed = json.loads((SAMPLES / f"{spec.name}.truth.json").read_text())
        _check_truth(committed)
        for kind in ("digital", "scanned"):
            if committed["files"][kind]:
                assert (SAMPLES / committed["files"][kind]).exists()
        assert (committed["files"]["scanned"] is not None) == with_scan
        fresh = json.loads(generate(spec, tmp_path, scanned=False).truth.read_text())
        for key in ("pages", "indicators", "non_compliances", "site", "audit", "coverage"):
            assert fresh[key] == committed[key], (spec.name, key)
    smeta = json.loads((SAMPLES / "smeta_garment_my.truth.json").read_text())
    statuses = Counter(v["status"] for v in smeta["indicators"].values())
    assert statuses["present"] >= 2 and statuses["ruled_out"] >= 2 and smeta["site"]["country"] == "MY"


def test_a_phrase_that_evidences_two_indicators_counts_for_both() -> None:
    from types import SimpleNamespace

    from auditparse.synth import truth_dict
    from auditparse.synth.content import MentionRec

    spec = random_spec(7, name="t", family="smeta", pages=2)
    debt = MentionRec("debt_bondage", "present", "12 workers are still repaying debts of RM 900 incurred for their job.")
    fee_negated = MentionRec("recruitment_fees", "negated", "No worker paid a recruitment fee.")
    page = SimpleNamespace(number=1, mentions=[debt, fee_negated], ncs=[], text="", header=None, footer=None, columns=1)
    truth = truth_dict(spec, SimpleNamespace(pages=[page]), {"digital": "t.pdf", "scanned": None}, None)
    assert truth["indicators"]["debt_bondage"]["status"] == "present"
    # the debt taken on to pay for the job is a recruitment fee too, whatever else the report says about fees
    assert truth["indicators"]["recruitment_fees"]["status"] == "present"
    assert truth["indicators"]["intimidation_threats"]["status"] == "not_found"
