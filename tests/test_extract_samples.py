"""Extraction of the bundled samples: golden files, fidelity to the ground truth, OCR of the scanned twins."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES_DIR

from auditparse.datamodel import Document
from auditparse.extract import extract
from auditparse.extract.metrics import cer

TRUTHS = sorted(SAMPLES_DIR.glob("*.truth.json"))


def _truth(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _summary(doc: Document) -> dict[str, Any]:
    """What the golden file pins: page text, labels, running lines, tables and block layout (not line boxes)."""
    return {
        "pages": [
            {
                "number": p.number,
                "label": p.label,
                "size": [p.width, p.height],
                "text_source": p.text_source,
                "header": p.header,
                "footer": p.footer,
                "text": p.text,
                "tables": [t.as_lists() for t in p.tables],
                "blocks": [[b.kind, list(b.bbox), b.start, b.end, len(b.lines)] for b in p.blocks],
            }
            for p in doc.pages
        ]
    }


@pytest.mark.parametrize("truth_path", TRUTHS, ids=[p.name.split(".")[0] for p in TRUTHS])
def test_digital_sample_golden_and_truth(truth_path: Path, golden) -> None:  # type: ignore[no-untyped-def]
    truth = _truth(truth_path)
    doc = extract(SAMPLES_DIR / truth["files"]["digital"], ocr="never")
    assert len(doc.pages) == len(truth["pages"])
    edits = length = 0
    for page, ref in zip(doc.pages, truth["pages"], strict=True):
        assert page.header == ref.get("header"), page.number
        assert page.footer == ref.get("footer"), page.number
        e, n = cer(page.text, ref["text"])
        edits, length = edits + e, length + n
    assert edits / length <= 0.005, f"text differs from the truth: CER {edits / length:.2%}"
    golden(truth["name"], "extract", _summary(doc))


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_scanned_sample_ocr_cer_and_orientation() -> None:
    truth_path = SAMPLES_DIR / "smeta_garment_my.truth.json"
    if not truth_path.exists():
        pytest.skip("sample smeta_garment_my is not there")
    truth = _truth(truth_path)
    turned = {int(k): v for k, v in truth["scan"]["rotated_pages"].items()}
    pages = sorted({next(iter(turned)), 3})  # one turned page, one table page
    doc = extract(SAMPLES_DIR / truth["files"]["scanned"], pages=pages, workers=2)
    assert doc.status == "success"
    edits = length = 0
    for page in doc.pages:
        assert page.text_source == "ocr" and page.ocr_confidence is not None
        assert page.rotation == turned.get(page.number, 0)
        assert 590 < page.width < 600  # A4 points, back from pixels
        e, n = cer(page.text, truth["pages"][page.number - 1]["text"])
        edits, length = edits + e, length + n
    assert edits / length <= 0.02, f"OCR CER {edits / length:.2%}"


@pytest.mark.ocr
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_png_scan_is_ocrd(tmp_path: Path) -> None:
    from auditparse.extract import render_page

    truth_path = SAMPLES_DIR / "wca_footwear_cn.truth.json"
    if not truth_path.exists():
        pytest.skip("sample wca_footwear_cn is not there")
    truth = _truth(truth_path)
    image = render_page(SAMPLES_DIR / truth["files"]["digital"], 2, scale=250 / 72).convert("L")
    image.save(tmp_path / "page.png", dpi=(250, 250))
    doc = extract(tmp_path / "page.png")
    page = doc.pages[0]
    assert doc.source.media_type == "image/png" and page.text_source == "ocr"
    digital = extract(SAMPLES_DIR / truth["files"]["digital"], pages=[2], ocr="never").pages[0]
    assert page.width == pytest.approx(digital.width, abs=1) and page.height == pytest.approx(digital.height, abs=1)
    edits, length = cer(page.text, truth["pages"][1]["text"])
    assert edits / length <= 0.02, f"OCR CER {edits / length:.2%}"
