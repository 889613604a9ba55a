"""Command-line interface. The only module that prints, prompts or exits.

stdout carries data (text, JSON, tables); logs and progress go to stderr. Every option can also be set
from an ``AUDITPARSE_<COMMAND>_<OPTION>`` environment variable (click ``auto_envvar_prefix``).
Heavy libraries are imported inside the commands so that ``auditparse --help`` is instant.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from auditparse import __version__
from auditparse.exceptions import AuditparseError, ExitCode

log = logging.getLogger("auditparse")

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "AUDITPARSE"}


def _configure_logging(verbosity: int) -> None:
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("auditparse")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn AuditparseError into one stderr line + its exit code; a traceback only with -v."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        verbose = (ctx.find_root().obj or {}).get("verbosity", 0) >= 1
        try:
            return func(*args, **kwargs)
        except AuditparseError as e:
            if verbose:
                log.exception("failed")
            click.echo(f"auditparse: error: {e}", err=True)
            ctx.exit(int(e.exit_code))
        except KeyboardInterrupt:
            click.echo("auditparse: interrupted", err=True)
            ctx.exit(int(ExitCode.INTERRUPTED))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as e:  # a bug: say so in one line, full detail with -v
            if verbose:
                log.exception("internal error")
            click.echo(
                f"auditparse: internal error: {type(e).__name__}: {e} "
                "(run again with -v for the traceback and report it)",
                err=True,
            )
            ctx.exit(int(ExitCode.INTERNAL_ERROR))

    return wrapper


def emit_json(obj: Any) -> None:
    """Write one JSON document to stdout."""
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False))


def parse_pages(spec: str | None) -> list[int] | None:
    """'1-3,7' -> [1, 2, 3, 7] (1-based)."""
    if not spec:
        return None
    pages: list[int] = []
    try:
        for part in spec.split(","):
            part = part.strip()
            if "-" in part:
                a, b = part.split("-", 1)
                pages.extend(range(int(a), int(b) + 1))
            elif part:
                pages.append(int(part))
    except ValueError:
        raise click.BadParameter(f"{spec!r} is not a page list like '1-5' or '2,4,7-9'") from None
    if not pages or min(pages) < 1:
        raise click.BadParameter("pages are numbered from 1")
    return sorted(set(pages))


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="auditparse")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Find the ILO indicators of forced labour in social-compliance audit reports.

    \b
    Quick start:
      auditparse review report.pdf              # findings with evidence, in the terminal
      auditparse review report.pdf --format html -o report.html
      auditparse extract scan.pdf --format json # page-anchored text, OCR where needed
      auditparse tag --text "Workers paid RM 5,200 to the agent."

    Exit codes are listed in the README ("Exit codes").
    """
    verbosity = -1 if quiet else verbose
    ctx.ensure_object(dict)["verbosity"] = verbosity
    _configure_logging(verbosity)


# --- extract -------------------------------------------------------------------------------------------


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--pages", help="Pages to extract, e.g. '1-5' or '2,4,7-9' (1-based).")
@click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="auto: OCR only pages without a usable text layer.",
)
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of stdout.")
@handle_errors
def extract(
    file: Path, fmt: str, pages: str | None, ocr: str, password: str | None, output: Path | None
) -> None:
    """Extract a PDF or image scan into page-anchored text.

    \b
    Example:
      auditparse extract report.pdf --pages 1-3
      auditparse extract scan.tiff --format json -o scan.json
    """
    from auditparse.extract import extract as run_extract

    doc = run_extract(file, pages=parse_pages(pages), ocr=ocr, password=password)
    if fmt == "json":
        out = json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2)
    else:
        parts = []
        for p in doc.pages:
            head = f"=== page {p.number}" + (f" (label {p.label})" if p.label else "") + f" [{p.text_source}]"
            if p.status == "failed":
                head += f" FAILED: {p.error}"
            parts.append(f"{head}\n{p.text}")
        out = "\n\n".join(parts)
    if output:
        output.write_text(out + "\n", encoding="utf-8")
    else:
        click.echo(out)
    for err in doc.errors:
        click.echo(f"auditparse: warning: page {err.page}: {err.message}", err=True)
    if doc.status == "partial_success":
        sys.exit(int(ExitCode.PARTIAL))


# --- review --------------------------------------------------------------------------------------------


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text",
              show_default=True, help="text: terminal view; json: machine-readable (schemas/review.schema.json); "
              "md: Markdown; html: one self-contained file with page images.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of stdout.")
@click.option("--pages", help="Pages to read, e.g. '1-5' (1-based); all by default.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="auto: OCR only pages without a usable text layer.")
@click.option("--password", help="Password of an encrypted PDF.")
@handle_errors
def review(file: Path, fmt: str, output: Path | None, pages: str | None, ocr: str, password: str | None) -> None:
    """Review an audit report: metadata, forced-labour indicators with evidence, non-compliances, coverage.

    \b
    Example:
      auditparse review report.pdf
      auditparse review report.pdf --format json | jq '.indicators[] | select(.status=="present")'
      auditparse review report.pdf --format html -o report.html
    """
    import shutil

    from auditparse.render import render
    from auditparse.summarise import review as run_review

    if fmt == "html" and output is None and sys.stdout.isatty():
        raise click.UsageError("--format html writes a whole web page: give -o report.html")
    result = run_review(file, pages=parse_pages(pages), ocr=ocr, password=password)
    color = fmt == "text" and output is None and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if color else 120
    out = render(result, fmt, color=color, width=max(width, 100), pdf=file, password=password)
    if output:
        output.write_text(out if out.endswith("\n") else out + "\n", encoding="utf-8")
        click.echo(f"auditparse: wrote {output}", err=True)
    else:
        click.echo(out, nl=not out.endswith("\n"))
    for err in result.errors:
        click.echo(f"auditparse: warning: page {err.page}: {err.message}", err=True)
    if result.status == "partial_success":
        sys.exit(int(ExitCode.PARTIAL))


def main() -> None:
    cli(prog_name="auditparse")


if __name__ == "__main__":
    main()
