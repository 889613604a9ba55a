"""Watched folder: slow copies, duplicates, bad files, kill -9 and restart, locks, signals, safe moves."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditparse.batch import NullProcessor
from auditparse.cli import cli
from auditparse.exceptions import ConfigurationError
from auditparse.store import Store
from auditparse.watch import LOCK_NAME, InboxLock, Watcher, move_safely


def make_pdf(path: Path, text: str, pages: int = 2, password: str | None = None) -> bytes:
    """A small real PDF (reportlab), distinct per ``text``; encrypted when ``password`` is given."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=password)
    for n in range(pages):
        c.drawString(72, 720, f"{text} page {n + 1}")
        c.drawString(72, 700, "x" * 80)  # some bulk so a chunked copy takes several writes
        c.showPage()
    c.save()
    return path.read_bytes()


def slow_copy(data: bytes, dest: Path, chunks: int = 6, pause: float = 0.05) -> None:
    """Write ``data`` to ``dest`` in pieces, as a slow network copy does (the file is visible while growing)."""
    step = max(1, len(data) // chunks)
    with dest.open("wb") as fh:
        for i in range(0, len(data), step):
            fh.write(data[i:i + step])
            fh.flush()
            time.sleep(pause)


def watch_cmd(tmp: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "auditparse", "watch", str(tmp / "inbox"), "--out", str(tmp / "out"),
            "--archive", str(tmp / "archive"), "--failed", str(tmp / "failed"), "--db", str(tmp / "w.db"),
            "--poll", "0.2", *extra]


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.slow
def test_watcher_loses_nothing_through_slow_copies_duplicates_bad_files_and_kill_9(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    src = tmp_path / "src"
    src.mkdir()
    inputs: dict[str, bytes] = {f"report_{i}.pdf": make_pdf(src / f"r{i}.pdf", f"report {i}", pages=1 + i % 3)
                                for i in range(6)}
    inputs["report_0 (copy).pdf"] = inputs["report_0.pdf"]  # duplicates under new names
    inputs["renamed.pdf"] = inputs["report_3.pdf"]
    inputs["encrypted.pdf"] = make_pdf(src / "enc.pdf", "secret report", password="foo")
    inputs["corrupt.pdf"] = b"%PDF-1.7\n" + os.urandom(3000) + b"\n%%EOF\n"
    ignored = {".hidden.pdf": b"x", "~$report.pdf": b"x", "download.pdf.part": b"x", "big.crdownload": b"x",
               "scratch.tmp": b"x"}
    for name, data in ignored.items():
        (inbox / name).write_bytes(data)

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    first = subprocess.Popen(watch_cmd(tmp_path, "--processor", "null:0.3"), env=env,
                             stderr=subprocess.PIPE, text=True)
    copier = threading.Thread(target=lambda: [slow_copy(d, inbox / n) for n, d in inputs.items()])
    copier.start()
    deadline = time.monotonic() + 60
    while len(list((tmp_path / "archive").glob("*.pdf"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)  # mid-run: more files are still being copied in or processed
    first.wait(10)
    copier.join(60)
    assert (inbox / LOCK_NAME).exists()  # left behind by the killed watcher: must be taken over

    second = subprocess.run(watch_cmd(tmp_path, "--processor", "null:0.05", "--once"), env=env,
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert "taking over the stale lock" in second.stderr

    # every input ended up in the archive or the failed folder exactly once, nothing left in the inbox
    archived = sorted(p.name for p in (tmp_path / "archive").iterdir())
    failed = sorted(p.name for p in (tmp_path / "failed").glob("*.pdf"))
    assert sorted(archived + failed) == sorted(inputs)
    assert failed == ["corrupt.pdf", "encrypted.pdf"]
    assert sorted(p.name for p in inbox.iterdir()) == sorted(ignored)  # temp/hidden files untouched
    for name, data in inputs.items():
        where = tmp_path / ("failed" if name in failed else "archive") / name
        assert where.read_bytes() == data, name
    sidecar = json.loads((tmp_path / "failed" / "encrypted.pdf.error.json").read_text())
    assert sidecar["cause"] == "encrypted" and sidecar["exit_code"] == 5 and sidecar["what_to_do"]
    assert json.loads((tmp_path / "failed" / "corrupt.pdf.error.json").read_text())["exit_code"] == 7

    # each distinct content exactly once in the database, each input path exactly once, nothing left claimed
    db = tmp_path / "w.db"
    distinct = {d for d in inputs.values()}
    assert rows(db, "select count(*), count(distinct sha256) from documents") == [(len(distinct), len(distinct))]
    assert rows(db, "select status, count(*) from documents group by status order by status") == [
        ("done", len(distinct) - 2), ("failed", 2)]
    paths = [Path(p).name for (p,) in rows(db, "select path from document_paths")]
    assert sorted(paths) == sorted(inputs)
    assert rows(db, "select count(*) from audits") == [(len(distinct) - 2,)]
    results = [json.loads(p.read_text())["source"]["sha256"] for p in (tmp_path / "out").glob("*.json")]
    assert sorted(results) == sorted(hashlib.sha256(inputs[f"report_{i}.pdf"]).hexdigest() for i in range(6))


def test_half_copied_file_is_waited_for_not_failed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = make_pdf(tmp_path / "a.pdf", "slow one", pages=3)
    store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    watcher = Watcher(inbox, store, NullProcessor(), poll=0.05, settle=1000, html=False)
    runner = threading.Thread(target=watcher.run)
    runner.start()
    try:
        target = inbox / "slow.pdf"
        with target.open("wb") as fh:
            fh.write(data[: len(data) // 2])  # the copy stalls half-way for many polls
            fh.flush()
            time.sleep(1.0)
            assert target.exists() and store.counts()["documents"] == 0
            fh.write(data[len(data) // 2:])
        deadline = time.monotonic() + 20
        while not (tmp_path / "archive" / "slow.pdf").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        watcher.stop_event.set()
        runner.join(20)
    assert (tmp_path / "archive" / "slow.pdf").read_bytes() == data
    assert store.counts()["documents_done"] == 1


def test_output_folders_inside_the_inbox_are_refused(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    res = CliRunner().invoke(cli, ["watch", str(tmp_path / "inbox"), "--out", str(tmp_path / "inbox" / "out"),
                                   "--db", str(tmp_path / "w.db"), "--once", "--processor", "null"])
    assert res.exit_code == 2 and "inside the inbox" in res.output
    res = CliRunner().invoke(cli, ["watch", str(tmp_path / "missing"), "--db", str(tmp_path / "w.db")])
    assert res.exit_code == 3


def test_one_watcher_per_inbox_and_a_stale_lock_is_taken_over(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lock = InboxLock(inbox)
    lock.acquire()
    try:
        with pytest.raises(ConfigurationError, match="already watched"):
            InboxLock(inbox).acquire()
        busy = subprocess.run(watch_cmd(tmp_path, "--once", "--processor", "null"), capture_output=True,
                              text=True, timeout=60)
        assert busy.returncode == 2 and "already watched" in busy.stderr
    finally:
        lock.release()
    (inbox / LOCK_NAME).write_text("somehost:999999\n")  # left by a watcher killed with -9
    taken = InboxLock(inbox)
    taken.acquire()
    assert (inbox / LOCK_NAME).read_text().endswith(f":{os.getpid()}\n")
    taken.release()
    assert not (inbox / LOCK_NAME).exists()


def test_sigterm_stops_the_watcher_cleanly(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    proc = subprocess.Popen(watch_cmd(tmp_path, "--processor", "null"), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not (tmp_path / "inbox" / LOCK_NAME).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    events = [json.loads(line)["event"] for line in err.splitlines() if line.startswith("{")]
    assert events == ["started", "stopped"]
    assert not (tmp_path / "inbox" / LOCK_NAME).exists()


def test_move_across_filesystems_copies_fsyncs_then_unlinks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.pdf"
    src.write_bytes(b"%PDF-1.4 data")
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest" / "a.pdf").write_bytes(b"older file with the same name")
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == src:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    dest = move_safely(src, tmp_path / "dest")
    assert dest.name == "a-1.pdf" and dest.read_bytes() == b"%PDF-1.4 data" and not src.exists()
    assert (tmp_path / "dest" / "a.pdf").read_bytes() == b"older file with the same name"
    assert sorted(p.name for p in (tmp_path / "dest").iterdir()) == ["a-1.pdf", "a.pdf"]


def test_a_file_that_keeps_crashing_the_watcher_is_quarantined(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = make_pdf(inbox / "poison.pdf", "crashes the parser")
    store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    for _ in range(3):  # three earlier runs died on it (claimed, never recorded)
        store.claim(hashlib.sha256(data).hexdigest(), str(inbox / "poison.pdf"), NullProcessor.version)
    watcher = Watcher(inbox, store, NullProcessor(), poll=0.05, html=False)
    assert watcher.handle(inbox / "poison.pdf") == "failed"
    sidecar = json.loads((tmp_path / "failed" / "poison.pdf.error.json").read_text())
    assert sidecar["cause"] == "crashed" and "3 times" in sidecar["message"]
    assert store.counts()["documents_failed"] == 1
