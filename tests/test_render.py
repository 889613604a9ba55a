"""Renderers: text, json (validated against the committed JSON Schema), md, and html checked in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_review import result  # noqa: F401  (fixture)

from auditparse.datamodel import REVIEW_SCHEMA_VERSION
from auditparse.render import render, review_json_schema
from auditparse.settings import PACKAGE_DIR

SCHEMA_PATH = PACKAGE_DIR / "schemas" / "review.schema.json"


def test_schema_file_matches_model() -> None:
    if os.environ.get("AUDITPARSE_UPDATE_GOLDEN"):
        SCHEMA_PATH.write_text(json.dumps(review_json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == review_json_schema(), (
        "schemas/review.schema.json is stale: rerun with AUDITPARSE_UPDATE_GOLDEN=1 and bump REVIEW_SCHEMA_VERSION")


def test_json_validates(result) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    import jsonschema

    data = json.loads(render(result, "json"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert data["schema"] == REVIEW_SCHEMA_VERSION
    for key in ("path", "sha256", "pages", "ocr_pages"):
        assert key in data["source"]
    bad = dict(data, indicators=[{"indicator": "x", "status": "maybe"}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_text_and_markdown(result) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    text = render(result, "text", width=140)
    assert "Alpha Knit Ltd" in text and "PRESENT" in text and "ruled out" in text
    assert "Payroll reviewed" in text and "not stated" in text
    assert "\x1b[" not in text  # no colour codes unless asked
    md = render(result, "md")
    assert md.startswith("# Audit review")
    assert "| Recruitment fees | PRESENT | major | 2, 3 |" in md
    assert "| Payroll reviewed | not stated |" in md


def _make_pdf(path: Path, pages: int = 3) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 12)
        c.drawString(72, 740, f"Page {n}: Workers paid recruitment fees of RM 4,000 to agents in Nepal.")
        c.showPage()
    c.save()


def test_html_self_contained(result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    pdf = tmp_path / "r.pdf"
    _make_pdf(pdf)
    result.source.path, result.source.pages = str(pdf), 3
    page = render(result, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("data:image/jpeg;base64,") == 3
    assert "http://" not in page and "https://" not in page.replace("https://json-schema", "")
    assert "data-box='[50.0, 100.0, 500.0, 120.0]'" in page
    assert "<script>" in page and "<style>" in page


def test_html_without_pdf_still_renders(result) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    result.source.path = "/nonexistent/report.pdf"
    page = render(result, "html")
    assert "Alpha Knit Ltd" in page and "data:image/jpeg" not in page


@pytest.mark.slow
def test_html_renders_in_chromium(result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        pytest.skip("chromium is not installed (apt-get install -y chromium): cannot screenshot the HTML view")
    from PIL import Image, ImageStat

    pdf = tmp_path / "r.pdf"
    _make_pdf(pdf)
    result.source.path, result.source.pages = str(pdf), 3
    html_path = tmp_path / "review.html"
    html_path.write_text(render(result, "html"), encoding="utf-8")
    png = tmp_path / "out.png"
    profile = tmp_path / "profile"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         f"--screenshot={png}", "--window-size=1280,900", html_path.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    img = Image.open(png).convert("L")
    assert img.size == (1280, 900)
    stat = ImageStat.Stat(img)
    assert stat.stddev[0] > 20, "screenshot is blank"
    # the page viewer shows the first evidence page: a highlighted (yellow/red) box is drawn on it
    rgb = Image.open(png).convert("RGB").crop((640, 0, 1280, 900))
    reds = sum(1 for r, g, b in rgb.get_flattened_data() if r > 200 and g < 80 and b < 80)
    assert reds > 50, "no evidence box drawn on the page image"
