"""End to end with the real pipeline: a sample report through the watcher into the store and back out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditparse.batch import ReviewProcessor
from auditparse.cli import cli
from auditparse.settings import REPO_DIR
from auditparse.store import Store
from auditparse.watch import Watcher

SAMPLE = REPO_DIR / "samples" / "smeta_garment_my.pdf"


@pytest.mark.slow
@pytest.mark.skipif(not SAMPLE.exists(), reason="samples/smeta_garment_my.pdf is not in this checkout")
def test_real_review_through_the_watcher_into_the_store(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "audit.pdf")
    shutil.copy(SAMPLE, inbox / "audit again.pdf")  # a duplicate: reviewed once
    db = f"sqlite:///{tmp_path / 'r.db'}"
    events: list[dict] = []
    counts = Watcher(inbox, Store.open(db), ReviewProcessor(), poll=0.05, on_event=events.append).run(once=True)
    assert counts == {"archived": 1, "duplicate": 1}, events

    result = json.loads((tmp_path / "out" / "audit again.json").read_text())
    assert "<html" in (tmp_path / "out" / "audit again.html").read_text().lower()
    assert result["source"]["pages"] > 1 and result["versions"]
    store = Store.open(db)
    doc = store.document(result["source"]["sha256"])
    assert doc["status"] == "done" and doc["pipeline_version"] == ReviewProcessor().version
    assert len(doc["paths"]) == 2
    present = sorted(f["indicator"] for f in result["indicators"] if f["status"] == "present")
    assert sorted(r["indicator"] for r in store.findings_rows()) == present
    evidence = sum(len(f["evidence"]) for f in result["indicators"])
    assert store.counts()["evidence"] == evidence
    if result["site"]["name"]:
        (site,) = store.sites_rows()
        assert site["name"] == result["site"]["name"] and site["indicators_present"] == present

    res = CliRunner().invoke(cli, ["show", "audit.pdf", "--db", db, "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.output)["result"]["source"]["sha256"] == doc["sha256"]
