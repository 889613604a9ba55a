"""The public Python API in ``auditparse/__init__.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

import auditparse

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "smeta_garment_my.pdf"


def test_extract_callable_after_subpackage_import() -> None:
    # importing the subpackage rebinds the attribute `auditparse.extract` to the module (regression)
    import auditparse.extract as extract_module

    assert extract_module is auditparse.extract
    doc = auditparse.extract(SAMPLE, pages=[1])
    assert [p.number for p in doc.pages] == [1]
    assert doc.source.sha256 and doc.pages[0].text.strip()


def test_extract_reports_missing_file(tmp_path: Path) -> None:
    from auditparse.exceptions import InputNotFoundError

    with pytest.raises(InputNotFoundError):
        auditparse.extract(tmp_path / "missing.pdf")
