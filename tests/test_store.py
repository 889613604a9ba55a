"""Results store: schema, claims, re-processing, queries, risk API, export, concurrency — on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import multiprocessing as mp
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import insert, text

from auditparse.cli import cli
from auditparse.datamodel import (
    AuditMeta,
    Evidence,
    IndicatorFinding,
    NonCompliance,
    ReviewResult,
    ReviewSource,
    SiteMeta,
)
from auditparse.exceptions import StoreError
from auditparse.store import SCHEMA_VERSION, RiskScore, Store, export_rows, metadata, schema_version, site_key

PG_URL = os.environ.get("AUDITPARSE_TEST_PG_URL")


def fresh_store(url: str) -> Store:
    """A store on an empty database (PostgreSQL tables are dropped first: the test database is disposable)."""
    store = Store(url)
    if not store.is_sqlite:
        with store.engine.begin() as conn:
            metadata.drop_all(conn)
    store.migrate()
    return store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.db'}"
    if not PG_URL:
        pytest.skip("AUDITPARSE_TEST_PG_URL is not set (.ci/run sets it up with a local PostgreSQL)")
    return PG_URL


@pytest.fixture
def store(store_url: str) -> Store:
    s = fresh_store(store_url)
    yield s
    s.close()


def make_result(sha: str, *, site: str = "Sunrise Garments Sdn. Bhd.", country: str = "MY",
                date: str = "2025-03-14", present: tuple[str, ...] = ("recruitment_fees",),
                ruled_out: tuple[str, ...] = ("retention_of_identity_documents",)) -> ReviewResult:
    inds = [IndicatorFinding(indicator=i, status="present", severity="major", evidence=[
        Evidence(page=6, quote=f"evidence for {i}", bbox=(10.0, 20.0, 300.0, 40.0), status="present", score=0.9),
        Evidence(page=7, quote="second quote", status="remediated", score=0.7)]) for i in present]
    inds += [IndicatorFinding(indicator=i, status="ruled_out", evidence=[
        Evidence(page=3, quote="no passports were held", status="negated", score=0.8)]) for i in ruled_out]
    return ReviewResult(
        source=ReviewSource(path=f"/x/{sha}.pdf", sha256=sha, pages=12),
        audit=AuditMeta(standard="SMETA", audit_date=date, audit_type="semi-announced"),
        site=SiteMeta(name=site, country=country, workers_total=400),
        indicators=inds,
        non_compliances=[NonCompliance(reference="NC-01", text="Fees charged", severity="major", page=6,
                                       indicators=list(present))],
        features={"n_present": float(len(present)), "workers_total": 400.0},
        versions={"auditparse": "test"},
    )


def add(store: Store, sha: str, version: str = "v1", **kw: object) -> None:
    assert store.claim(sha, f"/in/{sha}.pdf", version).action == "process"
    store.record_result(sha, make_result(sha, **kw), pipeline_version=version, seconds=1.0)


def test_migrate_is_idempotent_and_refuses_a_newer_schema(store: Store) -> None:
    assert store.migrate() == SCHEMA_VERSION
    assert store.current_schema_version() == SCHEMA_VERSION
    with store.engine.begin() as conn:
        conn.execute(insert(schema_version).values(version=SCHEMA_VERSION + 1, applied_at="x"))
    with pytest.raises(StoreError, match="newer than this auditparse"):
        store.migrate()


def test_claim_lifecycle_and_reprocessing_on_version_change(store: Store) -> None:
    sha = "a" * 64
    add(store, sha)
    again = store.claim(sha, f"/in/{sha}.pdf", "v1")
    assert again.action == "done"
    assert store.claim(sha, "/elsewhere/renamed.pdf", "v1").action == "done"
    doc = store.document(sha)
    assert [p["disposition"] for p in doc["paths"]] == ["original", "duplicate"]
    assert doc["status"] == "done" and doc["pages"] == 12 and doc["result"]["source"]["sha256"] == sha

    # a new pipeline version re-processes, replacing (not duplicating) the result rows
    assert store.claim(sha, f"/in/{sha}.pdf", "v2").action == "process"
    store.record_result(sha, make_result(sha, present=("debt_bondage", "isolation")), pipeline_version="v2")
    counts = store.counts()
    assert counts["documents"] == 1 and counts["audits"] == 1 and counts["sites"] == 1
    assert counts["findings"] == 3 and counts["evidence"] == 5 and counts["non_compliances"] == 1
    assert {r["indicator"] for r in store.findings_rows()} == {"debt_bondage", "isolation"}


def test_failures_are_recorded_once_and_retried_only_on_request(store: Store) -> None:
    sha = "b" * 64
    assert store.claim(sha, "/in/b.pdf", "v1").action == "process"
    store.record_failure(sha, cause="encrypted", message="b.pdf is encrypted", exit_code=5, pipeline_version="v1")
    claim = store.claim(sha, "/in/b-copy.pdf", "v1")
    assert claim.action == "failed" and claim.error["cause"] == "encrypted" and claim.error["exit_code"] == 5
    assert store.claim(sha, "/in/b.pdf", "v1", retry_failed=True).action == "process"
    assert store.counts()["documents"] == 1


def test_an_unfinished_claim_is_redone_with_attempts_counted(store: Store) -> None:
    sha = "c" * 64
    assert store.claim(sha, "/in/c.pdf", "v1").attempts == 1
    assert store.claim(sha, "/in/c.pdf", "v1").attempts == 2  # the first run died mid-document
    store.release(sha)  # the file was not complete after all: not a crash
    assert store.claim(sha, "/in/c.pdf", "v1").attempts == 1
    assert store.status_of([sha], "v1") == {}


@pytest.mark.parametrize(("a", "b", "same"), [
    (("Sunrise Garments Sdn. Bhd.", "MY"), ("SUNRISE  garments", "my"), True),
    (("Sunrise Garments Sdn. Bhd.", "MY"), ("Sunrise Garments Sdn. Bhd.", "TH"), False),
    (("Ánh Dương Co., Ltd", "VN"), ("anh dương", "VN"), False),  # accents are kept: different letters
    (("Ánh Dương Co., Ltd", "VN"), ("ÁNH DƯƠNG COMPANY LIMITED", "VN"), True),
    (("Fish & Co Ltd", "TH"), ("Fish and Co", "TH"), True),
])
def test_site_identity_is_normalised_name_and_country(a: tuple[str, str], b: tuple[str, str], same: bool) -> None:
    assert (site_key(*a) == site_key(*b)) is same


def test_site_key_needs_a_name() -> None:
    assert site_key(None, "MY") is None and site_key("  ", "MY") is None
    assert site_key("Ltd", "MY") == "ltd|MY"  # a name made only of a legal form is kept, not emptied


def test_sites_histories_and_risk_scores(store: Store) -> None:
    add(store, "1" * 64, site="Alpha Ltd", date="2023-01-10", present=())
    add(store, "2" * 64, site="ALPHA LIMITED", date="2025-02-01", present=("recruitment_fees", "debt_bondage"))
    add(store, "3" * 64, site="Beta Co", country="TH", date="2024-05-05", present=("isolation",))
    add(store, "4" * 64, site=None, date="2024-05-05")  # type: ignore[arg-type]
    histories = store.site_histories()
    assert len(histories) == 2
    alpha = next(h for h in histories.values() if h[0]["site_key"] == "alpha|MY")
    assert [a["audit_date"] for a in alpha] == ["2023-01-10", "2025-02-01"]
    assert alpha[1]["features"] == {"n_present": 2.0, "workers_total": 400.0}
    assert alpha[1]["indicators"]["debt_bondage"] == "present"
    assert alpha[0]["coverage"]["workers_interviewed"] is None

    rows = store.sites_rows()
    assert [r["name"] for r in rows] == ["Alpha Ltd", "Beta Co"]  # first-seen name; most indicators first
    assert rows[0]["latest_audit"] == "2025-02-01" and rows[0]["audits"] == 2
    assert rows[0]["indicators_present"] == ["debt_bondage", "recruitment_fees"]
    beta_id = rows[1]["site_id"]
    store.write_risk_scores([RiskScore(site_id=beta_id, score=0.2, model_version="r1"),
                             RiskScore(site_id=rows[0]["site_id"], score=0.5, model_version="r1", band="medium")])
    store.write_risk_scores([RiskScore(site_id=beta_id, score=0.9, model_version="r2", band="high")])
    rows = store.sites_rows()
    assert [(r["name"], r["risk"], r["risk_band"]) for r in rows] == [
        ("Beta Co", 0.9, "high"), ("Alpha Ltd", 0.5, "medium")]


def test_findings_filters(store: Store) -> None:
    add(store, "5" * 64, site="Alpha", date="2023-01-10", present=("debt_bondage",))
    add(store, "6" * 64, site="Beta", country="TH", date="2025-01-10", present=("debt_bondage", "isolation"))
    assert len(store.findings_rows()) == 3
    assert {r["site"] for r in store.findings_rows(indicator="debt_bondage")} == {"Alpha", "Beta"}
    assert [r["indicator"] for r in store.findings_rows(country="th")] == ["debt_bondage", "isolation"]
    rows = store.findings_rows(since="2024-01-01")
    assert {r["site"] for r in rows} == {"Beta"} and rows[0]["evidence"] == 2 and rows[0]["first_page"] == 6


def test_document_lookup_by_prefix_and_path(store: Store) -> None:
    add(store, "7" * 64)
    assert store.document("7" * 10)["sha256"] == "7" * 64
    assert store.document(f"/in/{'7' * 64}.pdf")["sha256"] == "7" * 64
    assert store.document(f"{'7' * 64}.pdf")["sha256"] == "7" * 64  # a bare file name
    assert store.document("deadbeef00") is None


def test_export_formats_round_trip(store: Store, tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    add(store, "8" * 64)
    rows = store.features_rows()
    assert rows[0]["n_present"] == 1.0 and rows[0]["site"] == "Sunrise Garments Sdn. Bhd."
    got = list(csv.DictReader(io.StringIO(export_rows(rows, "csv").decode())))
    assert got[0]["workers_total"] == "400.0"
    assert json.loads(export_rows(rows, "jsonl").decode().splitlines()[0])["sha256"] == "8" * 64
    table = pq.read_table(io.BytesIO(export_rows(store.sites_rows(), "parquet")))
    assert table.num_rows == 1 and json.loads(table.column("indicators_present")[0].as_py()) == ["recruitment_fees"]


def _race(url: str, shas: list[str], barrier: mp.synchronize.Barrier, out: mp.Queue) -> None:
    store = Store(url)
    barrier.wait()
    actions = []
    for sha in shas:
        claim = store.claim(sha, f"/in/{os.getpid()}/{sha}.pdf", "v1")
        actions.append(claim.action)
        if claim.action == "process":
            store.record_result(sha, make_result(sha), pipeline_version="v1")
    out.put(actions)


def test_concurrent_writers_never_record_a_document_twice(store_url: str) -> None:
    store = fresh_store(store_url)
    shas = [f"{i:064x}" for i in range(12)]
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(3), ctx.Queue()
    procs = [ctx.Process(target=_race, args=(store_url, shas, barrier, out)) for _ in range(3)]
    for p in procs:
        p.start()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    # each document was processed by exactly one writer; the others saw it as in progress or done
    assert sum(r.count("process") for r in results) == 12
    assert sum(r.count("busy") + r.count("done") for r in results) == 24
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from documents")).scalar() == 12
        assert conn.execute(text("select count(*) from audits")).scalar() == 12
        assert conn.execute(text("select count(*) from document_paths")).scalar() == 36
        assert conn.execute(text("select count(*) from sites")).scalar() == 1
        assert conn.execute(text("select count(distinct audit_id) from findings")).scalar() == 12


def test_query_commands(store_url: str, tmp_path: Path) -> None:
    store = fresh_store(store_url)
    add(store, "9" * 64, site="Gamma Ltd", country="VN", present=("excessive_overtime",))
    runner = CliRunner()
    env = {"AUDITPARSE_DB": store_url}
    res = runner.invoke(cli, ["sites", "--format", "json"], env=env)
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)[0]["indicators_present"] == ["excessive_overtime"]
    res = runner.invoke(cli, ["findings", "--indicator", "excessive_overtime", "--country", "VN", "--format", "json"],
                        env=env)
    assert res.exit_code == 0 and len(json.loads(res.output)) == 1
    res = runner.invoke(cli, ["findings", "--indicator", "nonsense"], env=env)
    assert res.exit_code == 2
    res = runner.invoke(cli, ["show", "9" * 12, "--format", "json"], env=env)
    assert res.exit_code == 0 and json.loads(res.output)["result"]["site"]["name"] == "Gamma Ltd"
    res = runner.invoke(cli, ["show", "9" * 12], env=env)
    assert res.exit_code == 0 and "excessive_overtime" in res.output
    assert runner.invoke(cli, ["show", "f" * 12], env=env).exit_code == 3
    res = runner.invoke(cli, ["export", "--what", "findings", "--format", "jsonl"], env=env)
    assert res.exit_code == 0 and json.loads(res.output)["indicator"] == "excessive_overtime"
    out = tmp_path / "sites.parquet"
    res = runner.invoke(cli, ["export", "--what", "sites", "--format", "parquet", "-o", str(out)], env=env)
    assert res.exit_code == 0 and out.read_bytes()[:4] == b"PAR1"
    assert runner.invoke(cli, ["export", "--what", "sites", "--format", "parquet"], env=env).exit_code == 2


def test_unreachable_database_is_one_line_exit_14(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["sites", "--db", "postgresql+psycopg://nobody:pw@127.0.0.1:1/none"])
    assert res.exit_code == 14
    assert "results database" in res.output and "pw" not in res.output and "Traceback" not in res.output


def test_a_later_report_fills_in_the_sector_an_earlier_one_missed(store: Store) -> None:
    first = make_result("a" * 64)  # no sector on record (say, a scan whose cover table was lost)
    assert store.claim("a" * 64, "/in/a.pdf", "v1").action == "process"
    store.record_result("a" * 64, first, pipeline_version="v1", seconds=1.0)
    second = make_result("b" * 64, date="2025-09-01")
    second.site.sector = "Garments"
    assert store.claim("b" * 64, "/in/b.pdf", "v1").action == "process"
    store.record_result("b" * 64, second, pipeline_version="v1", seconds=1.0)
    third = make_result("c" * 64, date="2025-10-01")
    third.site.sector = "Knitwear"  # a stated sector is not overwritten
    assert store.claim("c" * 64, "/in/c.pdf", "v1").action == "process"
    store.record_result("c" * 64, third, pipeline_version="v1", seconds=1.0)
    rows = store.sites_rows()
    assert len(rows) == 1 and rows[0]["sector"] == "Garments"
