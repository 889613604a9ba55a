"""Command-line interface. The only module that prints, prompts or exits.

stdout carries data (text, JSON, tables); logs and progress go to stderr. Every option can also be set
from an ``AUDITPARSE_<COMMAND>_<OPTION>`` environment variable (click ``auto_envvar_prefix``).
Heavy libraries are imported inside the commands so that ``auditparse --help`` is instant.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
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
        except BrokenPipeError:  # the reader of stdout went away (`| head`): stop quietly, as Unix tools do
            _drop_stdout()
            ctx.exit(int(ExitCode.BROKEN_PIPE))
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


def _drop_stdout() -> None:
    """Point stdout at the null device, so that flushing what is left at exit raises no second BrokenPipeError."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (a test runner's buffer)
        pass


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
@click.option("--workers", type=click.IntRange(1), help="OCR processes (default: one per core).")
@click.option("--ocr-timeout", type=click.FloatRange(1), default=120, show_default=True,
              help="Seconds allowed per OCR'd page; a slower page is marked failed.")
@click.option("--max-pages", type=click.IntRange(1), default=2000, show_default=True,
              help="Refuse documents with more pages.")
@handle_errors
def extract(
    file: Path, fmt: str, pages: str | None, ocr: str, password: str | None, output: Path | None,
    workers: int | None, ocr_timeout: float, max_pages: int,
) -> None:
    """Extract a PDF or image scan into page-anchored text.

    Exit code 10 when some pages failed (they are listed on stderr and marked in the output).

    \b
    Example:
      auditparse extract report.pdf --pages 1-3
      auditparse extract scan.tiff --format json -o scan.json
    """
    from auditparse.extract import extract as run_extract

    doc = run_extract(file, pages=parse_pages(pages), ocr=ocr, password=password, workers=workers,
                      ocr_timeout=ocr_timeout, max_pages=max_pages)
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
    if doc.status != "success":  # every page is in the output; the failed ones are marked
        sys.exit(int(ExitCode.PARTIAL))


# --- store: sites, findings, show, export, watch, backfill ---------------------------------------------

db_option = click.option("--db", help="Results database: SQLAlchemy URL or SQLite file (default: AUDITPARSE_DB, "
                                      "else auditparse.db in the data folder).")


def _open_store(db: str | None) -> Any:
    from auditparse.store import Store

    return Store.open(db if not db or "://" in db else f"sqlite:///{Path(db).resolve()}")


def _processor(spec: str) -> Any:
    """``review`` (the real pipeline) or ``null[:DELAY]`` (the null engine, for tests and overhead runs)."""
    import importlib.util

    from auditparse.batch import NullProcessor, ReviewProcessor
    from auditparse.exceptions import DependencyMissingError

    if spec.startswith("null"):
        return NullProcessor(delay=float(spec.partition(":")[2] or 0))
    if importlib.util.find_spec("auditparse.summarise") is None:
        raise DependencyMissingError("the review pipeline (auditparse.summarise) is not installed",
                                     hint="reinstall auditparse (pip install -e .)")
    return ReviewProcessor()


processor_option = click.option("--processor", default="review", hidden=True,
                                help="review, or null[:DELAY] (null engine for tests).")


def _print_rows(rows: list[dict[str, Any]], columns: list[str], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for col in columns:
        table.add_column(col.replace("_", " "), overflow="fold")
    for row in rows:
        cells = [row.get(col) for col in columns]
        table.add_row(*("" if v is None else ", ".join(v) if isinstance(v, list) else
                        f"{v:.2f}" if isinstance(v, float) else str(v) for v in cells))
    Console(soft_wrap=False).print(table)


format_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                             show_default=True)


@cli.command()
@db_option
@format_option
@handle_errors
def sites(db: str | None, fmt: str) -> None:
    """One row per site: latest audit, indicators present in it, risk when scored (riskiest first).

    \b
    Example:
      auditparse sites --db results.db --format json
    """
    rows = _open_store(db).sites_rows()
    if fmt == "json":
        emit_json(rows)
    else:
        _print_rows(rows, ["site_id", "name", "country", "latest_audit", "standard", "audits", "risk",
                           "indicators_present"], f"{len(rows)} sites")


@cli.command()
@click.option("--indicator", help="Only this indicator id, e.g. recruitment_fees.")
@click.option("--country", help="Only sites in this ISO country code, e.g. MY.")
@click.option("--since", help="Only audits on or after this date (YYYY-MM-DD).")
@db_option
@format_option
@handle_errors
def findings(indicator: str | None, country: str | None, since: str | None, db: str | None, fmt: str) -> None:
    """Indicators found present, one row per audit and indicator, newest audit first.

    \b
    Example:
      auditparse findings --indicator recruitment_fees --country MY --since 2024-01-01
    """
    from auditparse.datamodel import INDICATORS

    if indicator and indicator not in INDICATORS:
        raise click.BadParameter(f"{indicator!r} is not one of: {', '.join(INDICATORS)}", param_hint="--indicator")
    rows = _open_store(db).findings_rows(indicator=indicator, country=country, since=since)
    if fmt == "json":
        emit_json(rows)
    else:
        for r in rows:
            r["sha256"] = r["sha256"][:12]
        _print_rows(rows, ["audit_date", "site", "country", "indicator", "severity", "evidence", "first_page",
                           "sha256"], f"{len(rows)} findings")


@cli.command()
@click.argument("key")
@db_option
@format_option
@handle_errors
def show(key: str, db: str | None, fmt: str) -> None:
    """Show one recorded document by sha256 (or a prefix of 8+ characters) or by a path it was seen under.

    \b
    Example:
      auditparse show 3f2a9c01
      auditparse show inbox/report.pdf --format json
    """
    from auditparse.exceptions import InputNotFoundError

    doc = _open_store(db).document(key if "/" not in key or not Path(key).exists() else str(Path(key).resolve()))
    if doc is None:
        raise InputNotFoundError(f"no recorded document matches {key!r}",
                                 hint="see `auditparse findings` or `auditparse sites` for what is recorded")
    if fmt == "json":
        emit_json(doc)
        return
    result = doc.pop("result") or {}
    meta = {k: doc[k] for k in ("sha256", "status", "result_status", "pages", "pipeline_version", "attempts",
                                "error_cause", "error_message", "updated_at")}
    meta["paths"] = [f"{p['path']} ({p['disposition']})" for p in doc["paths"]]
    meta["site"] = (result.get("site") or {}).get("name")
    meta["audit_date"] = (result.get("audit") or {}).get("audit_date")
    _print_rows([{"field": k, "value": v} for k, v in meta.items()], ["field", "value"], "document")
    rows = [{"indicator": f["indicator"], "status": f["status"], "severity": f.get("severity"),
             "pages": [str(p) for p in sorted({e["page"] for e in f.get("evidence", [])})]}
            for f in result.get("indicators", []) if f["status"] != "not_found"]
    if rows:
        _print_rows(rows, ["indicator", "status", "severity", "pages"], "indicators")


@cli.command()
@click.option("--what", type=click.Choice(["findings", "features", "sites"]), required=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "jsonl"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (stdout if omitted).")
@db_option
@handle_errors
def export(what: str, fmt: str, output: Path | None, db: str | None) -> None:
    """Export findings, features (one row per audit) or sites as CSV, Parquet or JSON lines.

    \b
    Example:
      auditparse export --what features --format parquet -o features.parquet
    """
    from auditparse.store import export_rows

    store = _open_store(db)
    rows = {"findings": store.findings_rows, "features": store.features_rows, "sites": store.sites_rows}[what]()
    if fmt == "parquet" and output is None:
        raise click.BadParameter("Parquet is binary: give -o FILE", param_hint="--format")
    data = export_rows(rows, fmt)
    if output:
        output.write_bytes(data)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@cli.command()
@click.argument("inbox", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), help="Results (JSON, HTML) [default: INBOX/../out].")
@click.option("--archive", type=click.Path(path_type=Path), help="Processed originals [default: INBOX/../archive].")
@click.option("--failed", type=click.Path(path_type=Path), help="Quarantine [default: INBOX/../failed].")
@click.option("--poll", type=click.FloatRange(min=0.05), default=2.0, show_default=True,
              help="Seconds between polls of the inbox.")
@click.option("--once", is_flag=True, help="Process what is in the inbox, then exit.")
@db_option
@processor_option
@handle_errors
def watch(inbox: Path, out: Path | None, archive: Path | None, failed: Path | None, poll: float, once: bool,
          db: str | None, processor: str) -> None:
    """Watch a folder: review every report dropped into it, archive or quarantine it, record the result.

    One JSON log line per file on stderr. Stop with Ctrl-C or SIGTERM (the current file is finished first).

    \b
    Example:
      auditparse watch /srv/audits/inbox --out /srv/audits/out --poll 5
    """
    from auditparse.store import dumps
    from auditparse.watch import Watcher

    watcher = Watcher(inbox, _open_store(db), _processor(processor), out=out, archive=archive, failed=failed,
                      poll=poll, on_event=lambda event: click.echo(dumps(event), err=True))
    watcher.run(once=once)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(min=1), help="Parallel workers [default: one per core].")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); a LocalCluster if omitted.")
@click.option("--timeout", type=click.FloatRange(min=1), default=1800, show_default=True,
              help="Seconds per document before it is stopped and recorded as failed.")
@click.option("--max-tasks-per-child", type=click.IntRange(min=1), default=100, show_default=True,
              help="Documents per worker process before it is replaced (keeps memory flat).")
@click.option("--retry-failed", is_flag=True, help="Process again documents that failed before.")
@db_option
@processor_option
@format_option
@handle_errors
def backfill(paths: tuple[Path, ...], workers: int | None, engine: str, scheduler: str | None, timeout: float,
             max_tasks_per_child: int, retry_failed: bool, db: str | None, processor: str, fmt: str) -> None:
    """Review every report under PATHS in parallel and record the results; rerun to resume.

    Files with the same content are processed once; what is already recorded is skipped.

    \b
    Example:
      auditparse backfill /archive/audits --workers 2
      auditparse backfill /archive/audits --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from auditparse import batch
    from auditparse.settings import default_workers

    if scheduler and engine != "dask":
        raise click.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    store = _open_store(db)
    proc = _processor(processor)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[pages_s]:.1f} pages/s  {task.fields[failed]} failed"),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=False)
    state = {"task": None, "pages": 0, "failed": 0, "start": 0.0}

    def on_event(kind: str, data: Any) -> None:
        import time

        if kind == "found":
            state["start"] = time.perf_counter()
            state["task"] = progress.add_task("backfill", total=data, pages_s=0.0, failed=0)
            return
        state["pages"] += data.pages
        state["failed"] += data.status != "done"
        rate = state["pages"] / max(time.perf_counter() - state["start"], 1e-6)
        progress.update(state["task"], advance=1, pages_s=rate, failed=state["failed"])

    eng = batch.Engine(kind=engine, workers=workers or default_workers(), timeout=timeout,
                       max_tasks_per_child=max_tasks_per_child, scheduler=scheduler)
    with progress:
        summary = batch.backfill(list(paths), store, proc, eng, retry_failed=retry_failed, on_event=on_event)
    result = summary.as_dict()
    if fmt == "json":
        emit_json(result)
    else:
        rows = [{"what": k, "count": v} for k, v in result.items() if k not in ("failed", "seconds")]
        rows += [{"what": f"failed: {cause}", "count": n} for cause, n in sorted(summary.failed.items())]
        rows.append({"what": "seconds", "count": result["seconds"]})
        _print_rows(rows, ["what", "count"], "backfill")
    if summary.failed:
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
@click.option("--fast", is_flag=True, help="Skip the tagger's transformer tier (quicker, a little less accurate).")
@handle_errors
def review(
    file: Path, fmt: str, output: Path | None, pages: str | None, ocr: str, password: str | None, fast: bool
) -> None:
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
    result = run_review(file, pages=parse_pages(pages), ocr=ocr, password=password, transformer=not fast)
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

# --- tag, eval tagger (NLP) ----------------------------------------------------------------------------


def _tag_output(result: Any) -> dict[str, Any]:
    mentions = [
        {
            "indicator": m.indicator,
            "status": m.status,
            "score": m.score,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "quantities": [q.model_dump(mode="json") for q in m.quantities],
        }
        for m in result.mentions
    ]
    return {"id": result.id, "indicators": result.indicators, "mentions": mentions}


@cli.command()
@click.option("--text", help="One text (a sentence or a passage) to tag.")
@click.option("--jsonl", type=click.Path(path_type=Path, allow_dash=True), help='File of {"id", "text"} lines; - = stdin.')
@click.option("--fast", is_flag=True, help="Fast tier only (skip the MiniLM transformer tier).")
@handle_errors
def tag(text: str | None, jsonl: Path | None, fast: bool) -> None:
    """Tag forced-labour indicators in text: one JSON line per input.

    \b
    Output: {"id", "indicators": [present or remediated], "mentions": [{"indicator", "status",
    "score", "start", "end", "text", "quantities"}]}; offsets index into the input text.
    \b
    Example:
      auditparse tag --text "No passports were retained; however, workers paid RM 5,200 to the agent."
      auditparse tag --jsonl sentences.jsonl > tags.jsonl
    """
    from auditparse.nlp import load_tagger
    from auditparse.nlp.evaluate import read_jsonl

    if (text is None) == (jsonl is None):
        raise click.UsageError("give exactly one of --text or --jsonl")
    rows = [{"id": None, "text": text}] if text is not None else read_jsonl(jsonl)  # type: ignore[arg-type]
    tagger = load_tagger(use_transformer=not fast)
    for result in _tag_rows(tagger, rows, ids=True):
        click.echo(json.dumps(_tag_output(result), ensure_ascii=False))


#: texts tagged per call by ``tag --jsonl`` and ``eval tagger``: results stream out and progress moves chunk by chunk
TAG_CHUNK = 512


def _tag_rows(tagger: Any, rows: list[dict[str, Any]], *, ids: bool = False) -> Iterator[Any]:
    """Tag ``rows`` (``text``, optional ``id``) chunk by chunk, in order; a progress bar on stderr when there is more
    than one chunk and stderr is a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    progress = Progress(TextColumn("tagging"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=console, transient=True, disable=len(rows) <= TAG_CHUNK or not console.is_terminal)
    with progress:
        task = progress.add_task("tag", total=len(rows))
        for start in range(0, len(rows), TAG_CHUNK):
            part = rows[start : start + TAG_CHUNK]
            yield from tagger.tag_texts([r["text"] for r in part], ids=[r.get("id") for r in part] if ids else None)
            progress.update(task, advance=len(part))


@cli.group(name="eval")
def eval_group() -> None:
    """Measure a trained model on labelled data."""


@eval_group.command(name="tagger")
@click.option("--data", required=True, type=click.Path(path_type=Path, allow_dash=True),
              help='JSONL with "text", "indicators" and optionally "mentions" [{"indicator", "status"}].')
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fast", is_flag=True, help="Fast tier only (skip the MiniLM transformer tier).")
@handle_errors
def eval_tagger(data: Path, fmt: str, fast: bool) -> None:
    """Per-indicator precision/recall/F1, micro/macro F1, false alarms on negated-only sentences, status accuracy.

    \b
    Example:
      auditparse eval tagger --data data/tagger/test.jsonl
      auditparse eval tagger --data labelled.jsonl --format json | jq .micro
    """
    from auditparse.nlp import load_tagger
    from auditparse.nlp.evaluate import evaluate, read_jsonl

    rows = read_jsonl(data, require=("text", "indicators"))
    pred = list(_tag_rows(load_tagger(use_transformer=not fast), rows))
    m = evaluate(rows, pred)
    if fmt == "json":
        emit_json(m)
        return
    lines = [f"{'indicator':36} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}"]
    for name, v in m["per_indicator"].items():
        lines.append(f"{name:36} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['support']:5d}")
    mi = m["micro"]
    acc = m["status_accuracy"]
    lines += [
        f"{'micro':36} {mi['precision']:6.3f} {mi['recall']:6.3f} {mi['f1']:6.3f} {mi['support']:5d}",
        f"macro-F1 {m['macro_f1']:.3f} over {m['sentences']} sentences",
        f"false alarms on negated-only sentences: {m['false_alarm_rate']:.3f} ({m['negated_only_sentences']} sentences)",
        "assertion-status accuracy: "
        + ("n/a (no statuses in the data)" if acc is None else f"{acc:.3f} on {m['status_coverage']:.1%} of {m['status_mentions']} mentions found"),
    ]
    click.echo("\n".join(lines))


# --- risk: train, score, explain, evaluate ---------------------------------------------------------------


@cli.group()
def risk() -> None:
    """Site risk model: calibrated probability that a site hides forced labour, with the reasons.

    \b
    Examples:
      auditparse risk score                      # score every site in the store (writes the scores)
      auditparse risk explain 12                 # why site 12 scores what it does
      auditparse risk train --labels sites.csv   # retrain on your own labels (site_id,label[,date])
      auditparse risk evaluate --labels sites.csv --plots out/
    """


model_option = click.option("--model", "model_dir", type=click.Path(path_type=Path),
                            help="Risk model folder [default: your trained model if any, else models/risk].")
signals_option = click.option("--signals", type=click.Path(path_type=Path),
                              help="External signals CSV: site_id,signal,value,date.")


def _risk_model(model_dir: Path | None) -> Any:
    from auditparse.risk.model import RiskModel
    from auditparse.risk.sites import default_model_dir

    return RiskModel.load(model_dir or default_model_dir())


def _risk_signals(path: Path | None) -> dict[str, list[dict[str, Any]]]:
    from auditparse.risk.sites import read_signals

    return read_signals(path) if path else {}


def _print_metrics(title: str, m: dict[str, Any]) -> None:
    click.echo(f"{title}: {m['n']} sites ({m['n_high']} high-risk), threshold {m['threshold']:.3f}")
    click.echo(f"  recall (high-risk) {m['recall_high']:.3f}  precision {m['precision_high']:.3f}  "
               f"accuracy {m['accuracy']:.3f}  ROC-AUC {m['roc_auc']:.3f}  Brier {m['brier']:.3f}  "
               f"ECE {m['ece']:.3f}")
    click.echo("  calibration: " + "; ".join(
        f"{r['bin']}: n={r['n']} predicted {r['mean_predicted']:.2f} observed {r['observed']:.2f}"
        for r in m["calibration"]))


@risk.command("train")
@click.option("--labels", type=click.Path(path_type=Path), required=True,
              help="CSV with site_id,label (high|low) and optionally date (YYYY-MM-DD).")
@click.option("-o", "--out", type=click.Path(path_type=Path), help="Model folder [default: <data dir>/risk-model].")
@click.option("--target-recall", type=click.FloatRange(0.5, 1.0), default=0.95, show_default=True,
              help="Recall on high-risk sites the decision threshold is chosen for.")
@click.option("--seed", type=int, default=0, show_default=True)
@signals_option
@db_option
@handle_errors
def risk_train(labels: Path, out: Path | None, target_recall: float, seed: int, signals: Path | None,
               db: str | None) -> None:
    """Train the risk model on your own labelled sites from the results store.

    \b
    Example:
      auditparse risk train --labels sites.csv
    """
    from auditparse.risk.sites import read_labels, train, user_model_dir

    target = out or user_model_dir()
    model, cv = train(_open_store(db), read_labels(labels), target, seed=seed, target_recall=target_recall,
                      signals=_risk_signals(signals))
    _print_metrics("held-out sites (5 folds), model", cv["model"])
    _print_metrics("held-out sites (5 folds), priors only", cv["priors_only"])
    click.echo(f"saved to {target} (threshold {model.threshold:.3f}, {model.meta['full']['calibration']} "
               "calibration)")


@risk.command("score")
@model_option
@signals_option
@click.option("--no-write", is_flag=True, help="Only show the scores; do not write them to the store.")
@db_option
@format_option
@handle_errors
def risk_score(model_dir: Path | None, signals: Path | None, no_write: bool, db: str | None, fmt: str) -> None:
    """Score every site in the store and write the scores (`auditparse sites` shows them, riskiest first).

    \b
    Example:
      auditparse risk score --format json
    """
    from auditparse.risk.sites import score_all

    scored = score_all(_open_store(db), _risk_model(model_dir), signals=_risk_signals(signals), write=not no_write)
    rows = [{"site_id": s.site_id, "name": s.name, "country": s.country, "risk": r.probability,
             "flag": "HIGH" if r.high_risk else "low", "basis": r.basis,
             "top_reason": str(r.factors[0]) if r.factors else ""} for s, r in scored]
    if fmt == "json":
        emit_json([{**row, **r.to_dict()} for row, (_, r) in zip(rows, scored, strict=True)])
    else:
        _print_rows(rows, ["site_id", "name", "country", "risk", "flag", "basis", "top_reason"],
                    f"{len(rows)} sites scored")


@risk.command("explain")
@click.argument("site")
@click.option("--country", help="ISO country of a site with no audits in the store (priors-only score).")
@click.option("--sector", help="Sector of a site with no audits in the store.")
@click.option("--top", type=click.IntRange(min=1), default=6, show_default=True)
@model_option
@signals_option
@db_option
@format_option
@handle_errors
def risk_explain(site: str, country: str | None, sector: str | None, top: int, model_dir: Path | None,
                 signals: Path | None, db: str | None, fmt: str) -> None:
    """Why SITE (store id, site key or name) scores what it does: the factors that raised or lowered it.

    \b
    Example:
      auditparse risk explain 12
      auditparse risk explain "New Supplier" --country MY --sector garments   # no audits yet: priors only
    """
    from auditparse.exceptions import InputNotFoundError
    from auditparse.risk.features import site_features
    from auditparse.risk.sites import _signals_for, histories, match

    model = _risk_model(model_dir)
    sig = _risk_signals(signals)
    found = match(histories(_open_store(db)), site)
    if found:
        feats = found.features(None, _signals_for(found, sig))
        result = model.score(str(found.site_id), feats, country=found.country, sector=found.sector, top=top)
        title = f"{found.name} ({found.country or '??'}, {found.sector or 'sector not stated'})"
    elif country:
        result = model.score(site, site_features([], country=country, sector=sector, signals=sig.get(site, [])),
                             country=country, sector=sector, top=top)
        title = f"{site} ({country.upper()}, {sector or 'sector not stated'})"
    else:
        raise InputNotFoundError(f"site {site!r} is not in the results store",
                                 hint="see `auditparse sites`, or give --country (and --sector) for a priors-only score.")
    if fmt == "json":
        emit_json(result.to_dict())
        return
    flag = "HIGH RISK" if result.high_risk else "low risk"
    click.echo(f"{title}: probability {result.probability:.2f} -> {flag} (threshold {result.threshold:.2f}; "
               f"basis: {result.basis})")
    if result.note:
        click.echo(f"  note: {result.note}")
    for f in result.factors:
        click.echo(f"  {'+' if f.delta >= 0 else '-'} {f}")


@risk.command("evaluate")
@click.option("--labels", type=click.Path(path_type=Path), required=True,
              help="CSV with site_id,label (high|low) and optionally date.")
@click.option("--plots", type=click.Path(path_type=Path), help="Folder for precision_recall.png and calibration.png.")
@model_option
@signals_option
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def risk_evaluate(labels: Path, plots: Path | None, model_dir: Path | None, signals: Path | None, db: str | None,
                  fmt: str) -> None:
    """Measure the model on labelled sites: recall on high-risk, precision, accuracy, ROC-AUC, Brier, calibration.

    \b
    Example:
      auditparse risk evaluate --labels sites.csv --plots eval/
    """
    from auditparse.risk.evaluate import metrics, save_plots
    from auditparse.risk.sites import labelled, read_labels

    model = _risk_model(model_dir)
    _, rows, ys = labelled(_open_store(db), read_labels(labels), _risk_signals(signals))
    audited = [r.get("n_audits", 0) > 0 for r in rows]
    p = [float(model.predict_proba([r], priors_only=not a)[0]) for r, a in zip(rows, audited, strict=True)]
    m = metrics(ys, p, [model.threshold if a else model.priors_threshold for a in audited])
    paths = save_plots(ys, p, plots) if plots else []
    if fmt == "json":
        emit_json({**m, "plots": [str(x) for x in paths]})
        return
    _print_metrics("labelled sites", m)
    for x in paths:
        click.echo(f"  wrote {x}")


def main() -> None:
    cli(prog_name="auditparse")


if __name__ == "__main__":
    main()
