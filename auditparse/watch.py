"""Watched folder: process every report dropped into an inbox, unattended, losing nothing.

Polling only (works on network shares). A file is taken once its size and mtime are unchanged over two polls and
it opens (a PDF must also end with ``%%EOF``, unless it has stayed unchanged for ``settle`` polls: a truncated file
is then processed and quarantined as corrupt). Each file is claimed in the store (``processing``) before work, so
after a kill -9 the restarted watcher redoes exactly the unfinished files; a file that crashed the watcher
``MAX_ATTEMPTS`` times is quarantined instead of crashing it forever.

Per file: result JSON (+ HTML when the renderer is installed) to ``out``, the original moved to ``archive``; a
failure moved to ``failed`` with ``<name>.error.json`` beside it; a duplicate (same content, another name) recorded
and moved to ``archive``. Moves are atomic renames, or copy + fsync + unlink across filesystems.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import shutil
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditparse.batch import Outcome, Processor, Task, file_sha256, is_ignored, record, run_one
from auditparse.datamodel import ReviewResult
from auditparse.exceptions import ConfigurationError, InputNotFoundError
from auditparse.store import Store, now

log = logging.getLogger(__name__)

LOCK_NAME = ".auditparse-watch.lock"
MAX_ATTEMPTS = 3

#: per-file event callback; events are JSON-serialisable dicts without document text
WatchEvent = Callable[[dict[str, Any]], None]


def move_safely(src: Path, dest_dir: Path, name: str | None = None) -> Path:
    """Move ``src`` into ``dest_dir`` without ever losing it; never overwrites (adds ``-1``, ``-2``...).

    Same filesystem: one atomic rename. Across filesystems: copy to a hidden temp file, fsync, rename into
    place, fsync the folder, then unlink the source.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = unique_path(dest_dir / (name or src.name))
    try:
        src.rename(target)
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        tmp = dest_dir / f".{target.name}.part"
        with src.open("rb") as fin, tmp.open("wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
        tmp.rename(target)
        _fsync_dir(dest_dir)
        src.unlink()
    _fsync_dir(dest_dir)
    return target


def unique_path(path: Path) -> Path:
    """``path``, or ``stem-N.suffix`` for the first N that does not exist."""
    n = 0
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not supported on every platform / share
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, text: str) -> None:
    """Write a text file so that readers see the old or the new content, never half of it."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


class InboxLock:
    """One watcher per inbox: an exclusive ``flock`` on ``INBOX/.auditparse-watch.lock`` holding ``host:pid``.

    The kernel drops the flock when its holder dies (even by kill -9), so a stale lock file is simply taken over.
    """

    def __init__(self, inbox: Path) -> None:
        self.path = inbox / LOCK_NAME
        self.fd: int | None = None

    def acquire(self) -> None:
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise ConfigurationError(f"{self.path.parent} is already watched by {holder}",
                                     hint="stop that watcher first; only one may watch an inbox") from None
        previous = os.pread(fd, 200, 0).decode(errors="replace").strip()
        if previous:
            log.warning("taking over the stale lock of %s (that watcher ended without cleaning up)", previous)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{socket.gethostname()}:{os.getpid()}\n".encode(), 0)
        os.fsync(fd)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            os.close(self.fd)
            self.fd = None


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    stable_polls: int = 0


class Watcher:
    """Watch ``inbox`` and process every file dropped into it (see the module docstring).

    Args:
        inbox: folder to watch (not recursive).
        store: where results are recorded.
        processor: ``processor(path) -> ReviewResult`` (e.g. :class:`auditparse.batch.ReviewProcessor`).
        out: folder for result JSON/HTML (``INBOX/../out`` by default).
        archive: folder for processed originals (``INBOX/../archive``).
        failed: quarantine folder (``INBOX/../failed``).
        poll: seconds between polls.
        settle: polls after which an unchanged file that still looks truncated is processed anyway.
        on_event: called with one dict per file event (for structured logging).
    """

    def __init__(self, inbox: Path, store: Store, processor: Processor, *, out: Path | None = None,
                 archive: Path | None = None, failed: Path | None = None, poll: float = 2.0, settle: int = 5,
                 html: bool = True, on_event: WatchEvent | None = None) -> None:
        if not inbox.is_dir():
            raise InputNotFoundError(f"inbox {inbox} is not a folder", hint="create it or check the path")
        self.inbox = inbox.resolve()
        self.out = (out or self.inbox.parent / "out").resolve()
        self.archive = (archive or self.inbox.parent / "archive").resolve()
        self.failed = (failed or self.inbox.parent / "failed").resolve()
        for label, folder in (("--out", self.out), ("--archive", self.archive), ("--failed", self.failed)):
            if folder == self.inbox or folder.is_relative_to(self.inbox):
                raise ConfigurationError(f"{label} {folder} is inside the inbox {self.inbox}",
                                         hint=f"choose a {label} folder outside the inbox (it would loop)")
        self.store, self.processor = store, processor
        self.poll, self.settle, self.html = poll, settle, html
        self.emit = on_event or (lambda event: None)
        self.stop_event = threading.Event()
        self._seen: dict[str, _Seen] = {}

    # --- main loop -------------------------------------------------------------------------------------

    def run(self, *, once: bool = False) -> dict[str, int]:
        """Watch until stopped (SIGINT/SIGTERM or :attr:`stop_event`); with ``once``, until the inbox is empty.

        The first signal finishes the current file, then stops; a second one abandons it (it stays in the
        inbox and is redone by the next run). Returns counts of what happened, by event.
        """
        lock = InboxLock(self.inbox)
        lock.acquire()
        counts: dict[str, int] = {}
        restore = self._install_signals()
        try:
            for folder in (self.out, self.archive, self.failed):
                folder.mkdir(parents=True, exist_ok=True)
            self.emit({"event": "started", "inbox": str(self.inbox), "pid": os.getpid(), "time": now()})
            while not self.stop_event.is_set():
                waiting = False
                for path, state in self._scan():
                    if self.stop_event.is_set():
                        break
                    if state == "ready":
                        event = self.handle(path)
                        counts[event] = counts.get(event, 0) + 1
                    else:
                        waiting = True
                if once and not waiting and not any(self._candidates()):
                    break
                self.stop_event.wait(self.poll)
        finally:
            restore()
            lock.release()
            self.emit({"event": "stopped", "inbox": str(self.inbox), "time": now(), "counts": counts})
        return counts

    def _install_signals(self) -> Callable[[], None]:
        if threading.current_thread() is not threading.main_thread():
            return lambda: None

        def on_signal(signum: int, _frame: Any) -> None:
            if self.stop_event.is_set():
                raise KeyboardInterrupt  # second signal: abandon the current file
            log.warning("stopping after the current file (signal %d); send it again to stop now", signum)
            self.stop_event.set()

        old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}

        def restore() -> None:
            for signum, handler in old.items():
                signal.signal(signum, handler)

        return restore

    def _candidates(self) -> Iterator[Path]:
        with os.scandir(self.inbox) as it:
            for entry in it:
                if entry.is_file(follow_symlinks=False) and not is_ignored(Path(entry.name)):
                    yield Path(entry.path)

    def _scan(self) -> list[tuple[Path, str]]:
        """Candidates in name order with ``ready`` or ``waiting``; updates the size/mtime stability record."""
        out: list[tuple[Path, str]] = []
        current: dict[str, _Seen] = {}
        for path in sorted(self._candidates()):
            try:
                st = path.stat()
            except FileNotFoundError:
                continue
            prev = self._seen.get(path.name)
            seen = _Seen(st.st_size, st.st_mtime_ns)
            if prev and (prev.size, prev.mtime_ns) == (seen.size, seen.mtime_ns):
                seen.stable_polls = prev.stable_polls + 1
            current[path.name] = seen
            out.append((path, "ready" if seen.stable_polls >= 1 and self._looks_complete(path, seen) else "waiting"))
        self._seen = current
        return out

    def _looks_complete(self, path: Path, seen: _Seen) -> bool:
        try:
            with path.open("rb") as fh:
                head = fh.read(5)
                if seen.size > 1024:
                    fh.seek(-1024, os.SEEK_END)
                tail = fh.read()
        except OSError:  # locked by the copying program (e.g. SMB) or vanished
            return False
        if seen.size == 0:
            return seen.stable_polls >= self.settle  # an empty file may still be filled
        return not head.startswith(b"%PDF") or b"%%EOF" in tail or seen.stable_polls >= self.settle

    # --- one file -------------------------------------------------------------------------------------

    def handle(self, path: Path) -> str:
        """Process one ready file; returns the event name (archived, duplicate, failed, waiting)."""
        started = time.perf_counter()
        try:
            sha = file_sha256(path)
        except FileNotFoundError:
            return "vanished"
        claim = self.store.claim(sha, str(path), self.processor.version)
        base = {"file": path.name, "sha256": sha}
        if claim.action == "done":
            dest = move_safely(path, self.archive)
            return self._emit("duplicate", base, archived=dest.name, time=now())
        if claim.action == "failed":  # same content failed before with this pipeline: same verdict
            earlier = Outcome(sha, str(path), "failed", **claim.error)
            return self._quarantine(path, base, earlier.error, duplicate=True)
        if claim.action == "busy":  # the same content is being processed by another live process
            self._seen.pop(path.name, None)
            return self._emit("waiting", base, reason="in_progress_elsewhere")
        if claim.attempts > MAX_ATTEMPTS:
            outcome = Outcome(sha, str(path), "failed", cause="crashed",
                              message=f"processing stopped the watcher {claim.attempts - 1} times",
                              hint="report it with the file if you can share it", exit_code=1)
        else:
            try:
                outcome = run_one(self.processor, Task(sha, str(path)))
            except KeyboardInterrupt:
                self.store.release(sha)  # abandoned on purpose: not a crash
                raise
        if outcome.status == "busy":
            self.store.release(sha)
            self._seen.pop(path.name, None)
            return self._emit("waiting", base, reason=outcome.cause)
        if outcome.status == "done" and outcome.result is not None:
            self._write_outputs(path, sha, outcome.result)
        record(self.store, outcome, self.processor.version)
        if outcome.status != "done":
            return self._quarantine(path, base, outcome.error)
        dest = move_safely(path, self.archive)
        return self._emit("archived", base, archived=dest.name, pages=outcome.pages,
                          status=(outcome.result or {}).get("status"),
                          seconds=round(time.perf_counter() - started, 3), time=now())

    def _quarantine(self, path: Path, base: dict[str, Any], error: dict[str, Any], duplicate: bool = False) -> str:
        dest = move_safely(path, self.failed)
        sidecar = {"file": path.name, "quarantined_as": dest.name, "sha256": base["sha256"], **error,
                   "duplicate_of_failed": duplicate, "time": now()}
        write_atomic(dest.with_name(dest.name + ".error.json"), json.dumps(sidecar, indent=2) + "\n")
        return self._emit("failed", base, quarantined=dest.name, cause=error.get("cause"),
                          exit_code=error.get("exit_code"), time=now())

    def _write_outputs(self, path: Path, sha: str, result: dict[str, Any]) -> None:
        target = self.out / f"{path.stem}.json"
        if target.exists():
            with contextlib.suppress(OSError, ValueError):
                if json.loads(target.read_text())["source"]["sha256"] != sha:
                    target = self.out / f"{path.stem}-{sha[:8]}.json"
        write_atomic(target, json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        if self.html:
            html = render_html(result, path)
            if html is not None:
                write_atomic(target.with_suffix(".html"), html)

    def _emit(self, event: str, base: dict[str, Any], **extra: Any) -> str:
        self.emit({"event": event, **base, **extra})
        return event


def render_html(result: dict[str, Any], pdf: Path) -> str | None:
    """The HTML report of a result (with page images from ``pdf``); ``None`` if it cannot be made."""
    from auditparse.render import render

    try:
        return render(ReviewResult.model_validate(result), "html", pdf=pdf)
    except Exception as e:  # the JSON result is what matters; a renderer bug must not quarantine the file
        log.warning("no HTML report for %s: %s: %s", pdf.name, type(e).__name__, e)
        return None
