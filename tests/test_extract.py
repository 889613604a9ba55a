"""Extraction: layout on PDFs made here with reportlab, the error tree, fault injection, the CLI."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditparse.cli import cli
from auditparse.exceptions import (
    ConfigurationError,
    CorruptFileError,
    EmptyDocumentError,
    EncryptedPdfError,
    InputNotFoundError,
    TooLargeError,
    UnsupportedFileError,
    WrongPasswordError,
)
from auditparse.extract import extract, render_page
from auditparse.extract.layout import page_label
from auditparse.extract.ocr import NullEngine
from auditparse.extract.textlayer import garbage_reason

LOREM = str.split(
    "workers interviewed said that overtime was voluntary and paid at the legal premium rate while the "
    "payroll records for the last twelve months matched the time records and the bank transfers"
)


def _make_pdf(path: Path, pages: list[list[tuple[float, float, str]]], size=(595.0, 842.0), font_size=10) -> Path:
    """A PDF with text drawn at (x, y-from-top) on each page."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=size)
    for items in pages:
        c.setFont("Helvetica", font_size)
        for x, y, text in items:
            c.drawString(x, size[1] - y, text)
        c.showPage()
    c.save()
    return path


def _column(x: float, top: float, tag: str, n: int = 12, words: int = 8) -> list[tuple[float, float, str]]:
    return [(x, top + 14 * i, f"{tag}{i:02d} " + " ".join(LOREM[i : i + words])) for i in range(n)]


# --- layout ------------------------------------------------------------------------------------------


def test_two_columns_read_column_by_column(tmp_path: Path) -> None:
    items = [(50, 60, "A two-column page title that runs across the whole width of the page")]
    items += _column(50, 100, "L", words=6) + _column(320, 100, "R", words=6)
    doc = extract(_make_pdf(tmp_path / "cols.pdf", [items]), ocr="never")
    text = doc.pages[0].text
    order = [text.index(f"L{i:02d}") for i in range(12)] + [text.index(f"R{i:02d}") for i in range(12)]
    assert order == sorted(order), text
    assert text.index("A two-column page title") < order[0]


def test_label_value_rows_stay_together(tmp_path: Path) -> None:
    rows = [("Facility name", "Bluewater Fashions Sdn. Bhd."), ("Country", "Malaysia"), ("Total workers", "698")]
    items = [(60, 100 + 16 * i, k) for i, (k, _) in enumerate(rows)]
    items += [(300, 100 + 16 * i, v) for i, (_, v) in enumerate(rows)]
    text = extract(_make_pdf(tmp_path / "kv.pdf", [items]), ocr="never").pages[0].text
    for k, v in rows:
        assert f"{k} {v}" in text, text


def test_running_header_footer_and_labels(tmp_path: Path) -> None:
    pages = [
        [(50, 30, "Acme Audits - Site 42 - Confidential"), (50, 120, f"Body text of page {n} about wages.")]
        + [(270, 815, f"Page {n} of 4")]
        for n in range(1, 5)
    ]
    doc = extract(_make_pdf(tmp_path / "hf.pdf", pages), ocr="never")
    assert [p.label for p in doc.pages] == ["1", "2", "3", "4"]
    for n, page in enumerate(doc.pages, 1):
        assert page.header == "Acme Audits - Site 42 - Confidential"
        assert page.footer == f"Page {n} of 4"
        assert page.text == f"Body text of page {n} about wages."
    # a page subset still recognises the running lines (other pages are read for context only)
    sub = extract(tmp_path / "hf.pdf", pages=[3], ocr="never")
    assert [p.number for p in sub.pages] == [3] and sub.pages[0].header is not None


def test_dehyphenation_and_offsets(tmp_path: Path) -> None:
    items = [(50, 100, "Workers paid recruit-"), (50, 113, "ment fees to the agent in Kathmandu."), (50, 126, "Well-")]
    items += [(50, 139, "Being checks were done.")]
    page = extract(_make_pdf(tmp_path / "hy.pdf", [items]), ocr="never").pages[0]
    assert "recruitment fees" in page.text
    assert "Well-\nBeing" in page.text  # a capital after the hyphen: a real hyphenated compound
    for block in page.blocks:
        assert page.text[block.start : block.end] == block.text
        for line in block.lines:
            assert line.text.startswith(page.text[line.start : line.end].rstrip("-"))
    start = page.text.index("Kathmandu")
    box = page.bbox_for_span(start, start + 9)
    assert box is not None and 40 < box[0] < 60 and 100 < box[1] < 130


def test_ruled_table_rows_and_cells(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    data = [["Ref", "Finding", "Severity"], ["NC-01", "Passports held by the employer", "Major"], ["NC-02", "No rest day", "Minor"]]
    table = Table(data)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    page = extract(path, ocr="never").pages[0]
    assert len(page.tables) == 1
    assert page.tables[0].as_lists() == data
    assert "NC-01 Passports held by the employer Major" in page.text
    assert any(b.kind == "table" for b in page.blocks)


@pytest.mark.parametrize(
    ("text", "label"),
    [("Page 3 of 40", "3"), ("- 12 -", "12"), ("3/40", "3"), ("iv", "iv"), ("Audit ref 5 | Page 2/8", "2"),
     ("Wages and hours", None), ("Civil", None)],
)
def test_page_label(text: str, label: str | None) -> None:
    assert page_label(text) == label


def test_garbage_detection() -> None:
    assert garbage_reason("Workers said their passports were returned after the audit of the site.") is None
    assert garbage_reason("\ue001\ue002\ue003 \ue004\ue005") is not None
    nonsense = " ".join(["xqzv", "HQČåQtSURVW", "bdfgklm", "qwrtps", "zzkx"] * 5)
    assert garbage_reason(nonsense) is not None


# --- errors ------------------------------------------------------------------------------------------


def test_errors_for_bad_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        extract(tmp_path / "missing.pdf")
    with pytest.raises(InputNotFoundError):
        extract(tmp_path)
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(EmptyDocumentError):
        extract(tmp_path / "empty.pdf")
    (tmp_path / "notes.pdf").write_text("just some notes, not a PDF\n")
    with pytest.raises(UnsupportedFileError):
        extract(tmp_path / "notes.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(CorruptFileError):
        extract(tmp_path / "broken.pdf")


def test_zero_pages_and_limits(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    empty = pdfium.PdfDocument.new()
    empty.save(tmp_path / "zero.pdf")
    with pytest.raises(EmptyDocumentError):
        extract(tmp_path / "zero.pdf")
    small = _make_pdf(tmp_path / "three.pdf", [[(50, 50, "a")]] * 3)
    with pytest.raises(TooLargeError):
        extract(small, max_pages=2)
    with pytest.raises(ConfigurationError):
        extract(small, pages=[4])
    with pytest.raises(TooLargeError):
        extract(_make_pdf(tmp_path / "huge.pdf", [[(50, 50, "a")]], size=(20000.0, 20000.0)))


def test_image_decompression_bomb(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("1", (20000, 12000)).save(tmp_path / "bomb.png")  # 240 Mpx, tiny on disk
    with pytest.raises(TooLargeError):
        extract(tmp_path / "bomb.png", engine=NullEngine())


def test_edge_corpus(shared: Path) -> None:
    passwords = {"encryption__aes-256-r6.pdf": "usersecret"}
    files = sorted((shared / "corpus" / "pdf-edge").glob("*.pdf"))
    assert files
    for path in files:
        password = passwords.get(path.name, "foo") if path.name.startswith("encryption__") else None
        doc = extract(path, password=password, ocr="never")
        assert len(doc.pages) == doc.source.pages >= 1, path.name
    assert "Secret!" in extract(shared / "corpus/pdf-edge/encryption__base.pdf", password="foo").pages[0].text
    # no ToUnicode map: the text layer is flagged as garbage and the page goes to OCR
    cmap = extract(shared / "corpus/pdf-edge/contrib__issue-791-non-unicode-cmap.pdf", engine=NullEngine())
    assert cmap.pages[0].text_source == "ocr"


@pytest.mark.parametrize("name", ["encryption__aes-128.pdf", "encryption__aes-256-r6.pdf", "encryption__rc4-40.pdf"])
def test_encrypted_needs_password(shared: Path, name: str) -> None:
    path = shared / "corpus" / "pdf-edge" / name
    with pytest.raises(EncryptedPdfError):
        extract(path)
    with pytest.raises(WrongPasswordError):
        extract(path, password="not-it")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 5 and "--password" in result.output and "Traceback" not in result.output


def test_encryption_base_has_an_empty_user_password(shared: Path) -> None:
    # encryption__base.pdf is encrypted with an owner password only: it opens without one, as in any viewer
    assert "Secret!" in extract(shared / "corpus/pdf-edge/encryption__base.pdf").pages[0].text


@pytest.mark.slow
def test_ilab_corpus_no_exception(shared: Path) -> None:
    files = sorted((shared / "corpus" / "ilab").glob("*.pdf"))
    assert len(files) >= 40
    for path in files:
        doc = extract(path, ocr="never")
        assert doc.status == "success", path.name
        assert [p.number for p in doc.pages] == list(range(1, doc.source.pages + 1))
        assert sum(len(p.text) for p in doc.pages) > 1000, path.name


# --- fault injection -----------------------------------------------------------------------------------


class CrashingEngine(NullEngine):
    """Fails on the second page it sees (page index 1)."""

    def recognise(self, image, dpi):  # type: ignore[no-untyped-def]
        if image.info.get("page") == 1 or getattr(image, "_crash", False):
            raise RuntimeError("engine crashed")
        raise RuntimeError("engine crashed")


class HangingEngine(NullEngine):
    def recognise(self, image, dpi):  # type: ignore[no-untyped-def]
        time.sleep(60)
        return []


def _tiff(tmp_path: Path, n: int = 3) -> Path:
    from PIL import Image, ImageDraw

    frames = []
    for i in range(n):
        img = Image.new("L", (850, 1100), 255)
        ImageDraw.Draw(img).text((100, 100), f"Scanned page {i + 1}", fill=0)
        frames.append(img)
    path = tmp_path / "scan.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(100, 100))
    return path


def test_images_are_pages(tmp_path: Path) -> None:
    doc = extract(_tiff(tmp_path), engine=NullEngine())
    assert doc.source.media_type == "image/tiff"
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert all(p.text_source == "ocr" and p.status == "ok" for p in doc.pages)
    assert doc.pages[0].width == pytest.approx(850 * 72 / 100)
    assert render_page(tmp_path / "scan.tif", 2, scale=0.5).size == (425, 550)


@pytest.mark.parametrize("workers", [1, 2])
def test_crashing_engine_marks_pages_failed(tmp_path: Path, workers: int) -> None:
    doc = extract(_tiff(tmp_path), engine=CrashingEngine(), workers=workers)
    assert len(doc.pages) == 3
    assert all(p.status == "failed" and "engine crashed" in (p.error or "") for p in doc.pages)
    assert doc.status == "failure" and [e.page for e in doc.errors] == [1, 2, 3]


def test_hanging_engine_times_out_page_only(tmp_path: Path) -> None:
    pdf = _make_pdf(tmp_path / "mixed.pdf", [[(50, 80, "A digital page with a text layer.")], []])
    started = time.monotonic()
    doc = extract(pdf, engine=HangingEngine(), ocr_timeout=1, workers=2)
    assert time.monotonic() - started < 30
    assert doc.status == "partial_success"
    assert doc.pages[0].status == "ok" and "digital page" in doc.pages[0].text
    assert doc.pages[1].status == "failed" and doc.errors[0].cause == "timeout"


def test_file_disappears_mid_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import auditparse.extract as ex

    real_sniff = ex.sniff

    def sniff_then_delete(path: Path):  # type: ignore[no-untyped-def]
        found = real_sniff(path)
        path.unlink()
        return found

    monkeypatch.setattr(ex, "sniff", sniff_then_delete)
    with pytest.raises(InputNotFoundError):
        extract(_make_pdf(tmp_path / "gone.pdf", [[(50, 50, "x")]]))
    monkeypatch.undo()

    real_ocr_pages = ex.ocr_pages

    def delete_then_ocr(jobs, workers):  # type: ignore[no-untyped-def]
        Path(jobs[0].path).unlink()
        return real_ocr_pages(jobs, workers)

    monkeypatch.setattr(ex, "ocr_pages", delete_then_ocr)
    doc = extract(_tiff(tmp_path), engine=NullEngine(), workers=1)  # the OCR pages fail, none is dropped
    assert len(doc.pages) == 3 and doc.status == "failure"
    assert all(p.status == "failed" for p in doc.pages)


# --- CLI -------------------------------------------------------------------------------------------------


def test_cli_json_and_text(tmp_path: Path) -> None:
    pdf = _make_pdf(tmp_path / "two.pdf", [[(50, 80, "First page text.")], [(50, 80, "Second page text.")]])
    result = CliRunner().invoke(cli, ["extract", str(pdf), "--format", "json", "--pages", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [p["number"] for p in data["pages"]] == [2] and data["pages"][0]["text"] == "Second page text."
    result = CliRunner().invoke(cli, ["extract", str(pdf), "-o", str(tmp_path / "out.txt")])
    assert result.exit_code == 0 and "First page text." in (tmp_path / "out.txt").read_text()


@pytest.mark.parametrize(
    ("content", "code"), [(b"", 8), (b"hello world", 4), (b"%PDF-1.4\n\x00\x01 broken", 7)]
)
def test_cli_exit_codes(tmp_path: Path, content: bytes, code: int) -> None:
    (tmp_path / "in.pdf").write_bytes(content)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "in.pdf")])
    assert result.exit_code == code
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_cli_bad_page_range(tmp_path: Path) -> None:
    pdf = _make_pdf(tmp_path / "one.pdf", [[(50, 80, "x")]])
    assert CliRunner().invoke(cli, ["extract", str(pdf), "--pages", "5"]).exit_code == 2


def test_cli_partial_result_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    import auditparse.extract as ex
    from auditparse.extract.ocr import OcrResult

    monkeypatch.setattr(ex, "ocr_pages", lambda jobs, workers: [OcrResult(j.index, error="OCR failed: boom") for j in jobs])
    pdf = _make_pdf(tmp_path / "mixed.pdf", [[(50, 80, "A digital page.")], []])
    result = CliRunner().invoke(cli, ["extract", str(pdf), "--format", "json"])
    assert result.exit_code == 10
    assert [p["status"] for p in json.loads(result.stdout)["pages"]] == ["ok", "failed"]
    assert "page 2: OCR failed: boom" in result.stderr
    monkeypatch.undo()

    (tmp_path / "noise.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)  # a PNG header, no image
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "noise.png")])
    assert result.exit_code == 7 and "Traceback" not in result.output
    Image.new("L", (200, 100), 255).save(tmp_path / "blank.png")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "blank.png"), "--max-pages", "1", "--ocr-timeout", "30"])
    assert result.exit_code == 0, result.output  # a blank page stays blank, that is not a failure


def test_missing_tesseract_is_exit_11(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("auditparse.extract.ocr.shutil.which", lambda name: None)
    pdf = _make_pdf(tmp_path / "blank.pdf", [[]])
    result = CliRunner().invoke(cli, ["extract", str(pdf)])
    assert result.exit_code == 11 and "tesseract" in result.output
    assert CliRunner().invoke(cli, ["extract", str(pdf), "--ocr", "never"]).exit_code == 0
