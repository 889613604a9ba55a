"""Backfill: dedup, broken files, kill -9 and resume, timeouts, worker recycling, Dask = local."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_store import PG_URL, fresh_store
from test_watch import make_pdf

from auditparse.batch import Engine, NullProcessor, backfill
from auditparse.cli import cli
from auditparse.store import Store


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """12 distinct reports in nested folders, 3 renamed duplicates, a corrupt, an encrypted and a non-PDF file."""
    root = tmp_path / "archive"
    for i in range(12):
        sub = root / f"{2020 + i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        make_pdf(sub / f"audit_{i:02d}.pdf", f"audit number {i}", pages=1 + i % 4)
    for i in range(3):
        (root / f"copy of audit_{i:02d}.pdf").write_bytes((root / f"{2020 + i % 3}" / f"audit_{i:02d}.pdf").read_bytes())
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.5\n" + bytes(range(256)) * 20)
    make_pdf(root / "locked.pdf", "secret", password="foo")
    (root / "notes.png").write_bytes(b"not really a png")
    (root / ".hidden.pdf").write_bytes(b"ignored")
    (root / "readme.txt").write_text("not a supported suffix: not even looked at")
    return root


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql" and not PG_URL:
        pytest.skip("AUDITPARSE_TEST_PG_URL is not set (.ci/run sets it up with a local PostgreSQL)")
    url = PG_URL if request.param == "postgresql" else f"sqlite:///{tmp_path / 'b.db'}"
    fresh_store(url).close()
    return url


def snapshot(store: Store) -> dict:
    """The database content with surrogate ids, timestamps and timings removed: equal for equal work."""
    docs = {d["sha256"]: d for d in (store.document(sha) for sha in _shas(store))}
    for d in docs.values():
        for key in ("id", "created_at", "updated_at", "seconds", "timings", "claimed_by", "attempts"):
            d.pop(key)
        for p in d["paths"]:
            p.pop("seen_at")
    histories = sorted((a for h in store.site_histories().values() for a in h), key=lambda a: a["sha256"])
    for a in histories:
        a.pop("audit_id")
        a.pop("site_id")
    findings = sorted(store.findings_rows(positive_only=False), key=lambda r: (r["sha256"], r["indicator"]))
    for f in findings:
        f.pop("site_id")
    return {"documents": docs, "histories": histories, "findings": findings}


def _shas(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(r[0] for r in conn.exec_driver_sql("select sha256 from documents"))


def test_backfill_dedups_records_failures_by_cause_and_skips_done_on_rerun(folder: Path, db_url: str) -> None:
    store = Store.open(db_url)
    seen: list[int] = []
    summary = backfill([folder], store, NullProcessor(), Engine(workers=2, max_tasks_per_child=3),
                       on_event=lambda kind, data: seen.append(data) if kind == "found" else None)
    assert seen == [15]
    assert summary.files == 18 and summary.duplicates == 3 and summary.done == 12
    assert dict(summary.failed) == {"corrupt": 1, "encrypted": 1, "unsupported": 1}
    assert summary.pages == sum(1 + i % 4 for i in range(12))
    counts = store.counts()
    assert counts["documents"] == 15 and counts["documents_done"] == 12 and counts["document_paths"] == 18
    again = backfill([folder], store, NullProcessor(), Engine(workers=2))
    assert (again.done, again.skipped, again.duplicates, dict(again.failed)) == (0, 15, 3, {})
    assert store.counts()["document_paths"] == 18
    retried = backfill([folder], store, NullProcessor(), Engine(workers=1), retry_failed=True)
    assert retried.skipped == 12 and sum(retried.failed.values()) == 3


def test_backfill_times_out_a_stuck_document_and_recycles_workers(folder: Path, tmp_path: Path) -> None:
    (folder / "stuck.pdf").write_bytes((folder / "2020" / "audit_00.pdf").read_bytes() + b"\n%STALL\n")
    store = Store.open(f"sqlite:///{tmp_path / 'b.db'}")
    starts: list[int] = []
    engine = Engine(workers=2, timeout=3, max_tasks_per_child=2, on_worker_start=lambda pid, rss: starts.append(pid))
    summary = backfill([folder], store, NullProcessor(stall_marker=b"%STALL"), engine)
    assert summary.done == 12 and summary.failed["timeout"] == 1
    assert store.document("stuck.pdf")["error_cause"] == "timeout"
    assert store.document("stuck.pdf")["exit_code"] == 16
    # 16 documents, at most 2 per worker process, plus a replacement for the killed one
    assert len(set(starts)) >= 8


@pytest.mark.slow
def test_backfill_killed_mid_run_resumes_without_loss_or_double_records(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    cmd = [sys.executable, "-m", "auditparse", "backfill", str(folder), "--workers", "2", "--db", str(db),
           "--format", "json"]
    first = subprocess.Popen([*cmd, "--processor", "null:0.4"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    done = 0
    while done < 4 and time.monotonic() < deadline:
        time.sleep(0.1)
        if db.exists():
            with sqlite3.connect(db) as conn, suppress(sqlite3.OperationalError):
                done = conn.execute("select count(*) from documents where status = 'done'").fetchone()[0]
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    with sqlite3.connect(db) as conn:
        before = dict(conn.execute("select status, count(*) from documents group by status").fetchall())
    assert before.get("done", 0) >= 4 and before.get("processing", 0) >= 1  # killed with work in flight

    second = subprocess.run([*cmd, "--processor", "null"], capture_output=True, text=True, timeout=120)
    assert second.returncode == 10, second.stderr  # some files failed: exit 10, summary on stdout
    summary = json.loads(second.stdout)
    assert summary["skipped"] + summary["done"] + sum(summary["failed"].values()) == 15
    assert summary["skipped"] >= before["done"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*), count(distinct sha256) from documents").fetchone() == (15, 15)
        assert dict(conn.execute("select status, count(*) from documents group by status").fetchall()) == {
            "done": 12, "failed": 3}
        assert conn.execute("select count(*) from audits").fetchone() == (12,)
        assert conn.execute("select count(*) from document_paths").fetchone() == (18,)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_rows_as_the_local_engine(folder: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local = Store.open(f"sqlite:///{tmp_path / 'local.db'}")
    dask = Store.open(f"sqlite:///{tmp_path / 'dask.db'}")
    a = backfill([folder], local, NullProcessor(), Engine(workers=2))
    b = backfill([folder], dask, NullProcessor(), Engine(kind="dask", workers=2))
    assert a.as_dict() | {"seconds": 0} == b.as_dict() | {"seconds": 0}
    assert snapshot(local) == snapshot(dask)
    assert len(snapshot(dask)["documents"]) == 15


def test_backfill_cli_summary_and_usage_errors(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "c.db")
    res = runner.invoke(cli, ["backfill", str(folder / "2020"), "--db", db, "--processor", "null", "--workers", "1",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["done"] == 4
    res = runner.invoke(cli, ["backfill", str(folder), "--db", db, "--processor", "null", "--workers", "1"])
    assert res.exit_code == 10 and "failed: encrypted" in res.stdout
    assert runner.invoke(cli, ["backfill", str(tmp_path / "nowhere"), "--db", db]).exit_code == 3
    assert runner.invoke(cli, ["backfill", str(folder), "--scheduler", "tcp://x:1", "--db", db]).exit_code == 2


def test_a_worker_keeps_the_first_processor_of_a_version_so_models_load_once() -> None:
    from auditparse.batch import _WORKER_PROCESSOR, _cached

    _WORKER_PROCESSOR.clear()
    first, second = NullProcessor(delay=0.5), NullProcessor()  # a fresh copy arrives with every Dask task
    assert _cached(first) is first and _cached(second) is first


def test_a_worker_is_one_core_one_math_thread_and_one_ocr_process() -> None:
    from auditparse.batch import WORKER_THREADS

    assert WORKER_THREADS == 1
    code = ("import os, numpy, threadpoolctl; from auditparse.batch import _warm_up, NullProcessor; "
            "from auditparse.settings import default_workers; _warm_up(NullProcessor(), 1); "
            "print(max(i['num_threads'] for i in threadpoolctl.threadpool_info()), default_workers())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["1", "1"]


def test_the_pipeline_version_follows_what_a_review_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A backfill reviews stored audits again when the pipeline version changes: a new tagger must change it; a
    model card, recorded figures or the risk model (not read by a review) must not."""
    from auditparse.batch import pipeline_version

    models = tmp_path / "models"
    (models / "tagger" / "indicator_tagger").mkdir(parents=True)
    (models / "risk").mkdir()
    files = {"tagger/indicator_tagger/tier.onnx": "w1", "tagger/MODEL_CARD.md": "card", "tagger/metrics.json": "{}",
             "risk/model.joblib": "r1", "risk/MODEL_CARD.md": "risk card"}
    for name, text in files.items():
        (models / name).write_text(text)
    monkeypatch.setenv("AUDITPARSE_MODELS", str(models))

    def current() -> str:
        pipeline_version.cache_clear()
        return pipeline_version()

    try:
        first = current()
        (models / "tagger" / "MODEL_CARD.md").write_text("card, edited")
        (models / "tagger" / "metrics.json").write_text('{"micro": 1}')
        (models / "risk" / "model.joblib").write_text("r2")
        assert current() == first
        (models / "tagger" / "indicator_tagger" / "tier.onnx").write_text("w2")
        assert current() != first
    finally:
        pipeline_version.cache_clear()  # the next test reads the real models
