"""CLI plumbing: help, version, lazy imports, error mapping."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from auditparse import __version__
from auditparse.cli import cli, parse_pages


def test_help_lists_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "extract" in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_imports_no_heavy_library() -> None:
    # `auditparse --help` must stay instant: torch, spacy, transformers, pdfplumber are imported lazily.
    code = (
        "import sys; from auditparse.cli import cli\n"
        "try:\n    cli(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'spacy', 'transformers', 'pdfplumber', 'sklearn', 'dask', 'sqlalchemy')"
        " if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY=\n" in out + "\n" and out.rstrip().endswith("HEAVY="), out


def test_parse_pages() -> None:
    assert parse_pages("1-3,7,2") == [1, 2, 3, 7]
    assert parse_pages(None) is None


def test_missing_file_is_one_line_error(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
