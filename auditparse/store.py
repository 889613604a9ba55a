"""Results database: SQLite file by default, any SQLAlchemy URL (PostgreSQL via ``postgresql+psycopg://``).

One row per distinct document (``documents.sha256`` is unique); every path a document was seen under is kept in
``document_paths``. A document is processed again only when its content (sha256) or the pipeline version changes.

Site identity: ``site_key = normalise(site name) + "|" + country`` (see :func:`site_key`): NFKC, case-folded,
punctuation dropped, legal-form words such as "Sdn Bhd", "Ltd", "Co." removed, so "ABC Garments Sdn. Bhd." and
"abc garments" in MY are the same site. Audits whose report names no site have ``site_id`` NULL.

API for the risk stage::

    store = Store.open()                       # settings.db_url() unless a URL is given
    histories = store.site_histories()         # {site_id: [ {audit meta + features}, ... oldest first ]}
    store.write_risk_scores([RiskScore(site_id=1, score=0.82, model_version="risk-1", band="high")])

``risk_scores`` keeps every score written; ``auditparse sites`` shows the latest one per site.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from auditparse.datamodel import ReviewResult
from auditparse.exceptions import StoreError

log = logging.getLogger(__name__)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(32), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("status", String(16), nullable=False),  # processing | done | failed
    Column("result_status", String(24)),  # success | partial_success | failure (from ReviewResult)
    Column("pages", Integer),
    Column("size_bytes", Integer),
    Column("error_cause", String(32)),
    Column("error_message", Text),
    Column("exit_code", Integer),
    Column("pipeline_version", String(128)),
    Column("versions", JSON),
    Column("timings", JSON),
    Column("seconds", Float),
    Column("attempts", Integer, nullable=False, default=0),
    Column("claimed_by", String(128)),
    Column("result", JSON),  # the full ReviewResult JSON, for `auditparse show`
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
)

document_paths = Table(
    "document_paths",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("path", Text, nullable=False),
    Column("disposition", String(16), nullable=False),  # original | duplicate | seen
    Column("seen_at", String(32), nullable=False),
    UniqueConstraint("document_id", "path"),
)

sites = Table(
    "sites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site_key", String(400), nullable=False, unique=True),
    Column("name", Text),
    Column("country", String(2)),
    Column("address", Text),
    Column("sector", String(64)),
    Column("created_at", String(32), nullable=False),
)

audits = Table(
    "audits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("site_id", ForeignKey("sites.id"), index=True),
    Column("standard", String(32)),
    Column("standard_label", Text),
    Column("audit_date", String(10), index=True),
    Column("audit_type", String(24)),
    Column("audit_stage", String(64)),
    Column("auditor", Text),
    Column("site_meta", JSON),
    Column("coverage", JSON),
)

findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("audit_id", ForeignKey("audits.id", ondelete="CASCADE"), nullable=False),
    Column("indicator", String(64), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("severity", String(16)),
    UniqueConstraint("audit_id", "indicator"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("finding_id", ForeignKey("findings.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("page", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("bbox", JSON),
    Column("status", String(16), nullable=False),
    Column("score", Float),
    Column("section", Text),
)

non_compliances = Table(
    "non_compliances",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("audit_id", ForeignKey("audits.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("reference", String(64)),
    Column("clause", Text),
    Column("text", Text, nullable=False),
    Column("severity", String(16)),
    Column("severity_label", Text),
    Column("corrective_action", Text),
    Column("due_date", String(10)),
    Column("page", Integer),
    Column("indicators", JSON),
)

features = Table(
    "features",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("audit_id", ForeignKey("audits.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(128), nullable=False),
    Column("value", Float),
    UniqueConstraint("audit_id", "name"),
)

risk_scores = Table(
    "risk_scores",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", ForeignKey("sites.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("band", String(16)),
    Column("model_version", String(64), nullable=False),
    Column("details", JSON),
    Column("computed_at", String(32), nullable=False),
)

#: tables holding one processed result, children first (deleted in this order before re-recording)
_RESULT_TABLES = (evidence, findings, non_compliances, features, audits)


def _migrate_1(conn: Connection) -> None:
    """Initial schema."""
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t is not schema_version])


#: ordered migrations; migration ``i`` brings the schema to version ``i + 1``. Append, never edit.
MIGRATIONS: list[Callable[[Connection], None]] = [_migrate_1]
SCHEMA_VERSION = len(MIGRATIONS)

_LEGAL_FORMS = re.compile(
    r"\b(sdn bhd|bhd|ltd|limited|co|company|inc|incorporated|llc|plc|pvt|private|corp|corporation|gmbh|s a|sa|"
    r"srl|spa|jsc|pt|tbk|cv|pte|ag|bv|nv|oy|ab|as|kft|sro|sp z o o|joint stock|llp)\b"
)


def now() -> str:
    """UTC timestamp, ISO 8601, seconds precision."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def site_key(name: str | None, country: str | None) -> str | None:
    """Identity of a site: normalised name + ``|`` + ISO country code (``None`` when the name is unknown)."""
    if not name or not name.strip():
        return None
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    text = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    text = _LEGAL_FORMS.sub(" ", text)
    text = " ".join(text.split()) or " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())
    return f"{text}|{(country or '').upper()}"


@dataclass
class Claim:
    """What to do with a file, decided by :meth:`Store.claim`."""

    action: str  # process | done | failed (already recorded with this version) | busy (another process has it)
    document_id: int
    attempts: int = 0
    error: dict[str, Any] = field(default_factory=dict)


@dataclass
class RiskScore:
    """One risk score for one site, written by the risk stage."""

    site_id: int
    score: float
    model_version: str
    band: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


class Store:
    """The results database. Thread-safe; safe for several processes writing at once.

    Args:
        url: SQLAlchemy URL; ``auditparse.settings.db_url()`` when ``None``.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        try:
            if self.is_sqlite:
                self._ensure_sqlite_dir(url)
                self.engine: Engine = create_engine(url, connect_args={"timeout": 60})
                event.listen(self.engine, "connect", _sqlite_on_connect)
                event.listen(self.engine, "begin", _sqlite_on_begin)
            else:
                self.engine = create_engine(url, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as e:
            raise StoreError(f"cannot open results database {self.safe_url}: {e}",
                             hint="check --db / AUDITPARSE_DB") from e

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating and migrating as needed) the store at ``url`` or the default one."""
        from auditparse.settings import db_url

        store = cls(url or db_url())
        store.migrate()
        return store

    @property
    def safe_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", self.url)

    @staticmethod
    def _ensure_sqlite_dir(url: str) -> None:
        path = url.split(":///", 1)[-1]
        if path and path != ":memory:" and not path.startswith("file:"):
            from pathlib import Path

            Path(path).parent.mkdir(parents=True, exist_ok=True)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite, so writers queue instead of failing)."""
        try:
            with self.engine.connect().execution_options(auditparse_write=True) as conn, conn.begin():
                yield conn
        except SQLAlchemyError as e:
            raise StoreError(f"results database error ({self.safe_url}): {type(e).__name__}: {e.args[0] if e.args else e}",
                             hint="check --db / AUDITPARSE_DB and that the database is reachable") from e

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as e:
            raise StoreError(f"results database error ({self.safe_url}): {type(e).__name__}",
                             hint="check --db / AUDITPARSE_DB") from e

    # --- schema ------------------------------------------------------------------------------------

    def current_schema_version(self) -> int:
        """The schema version of the database (0 when empty); creates the ``schema_version`` table if missing."""
        for attempt in range(3):
            try:
                with self._read() as conn:
                    schema_version.create(conn, checkfirst=True)
                    conn.commit()
                    return conn.execute(select(func.max(schema_version.c.version))).scalar() or 0
            except StoreError:
                if attempt == 2:
                    raise
                time.sleep(0.5)  # another process was creating the table at the same moment
        return 0

    def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction; returns the schema version."""
        current = self.current_schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"the results database {self.safe_url} has schema v{current}, newer than this auditparse "
                f"(v{SCHEMA_VERSION})", hint="upgrade auditparse or use another --db")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            try:
                with self._tx() as conn:
                    if conn.execute(select(schema_version.c.version).where(
                            schema_version.c.version == version)).first():
                        continue  # another process migrated meanwhile
                    MIGRATIONS[version - 1](conn)
                    conn.execute(insert(schema_version).values(version=version, applied_at=now()))
                log.info("results database migrated to schema v%d", version)
            except StoreError as e:
                if not isinstance(e.__cause__, IntegrityError):
                    raise
        return SCHEMA_VERSION

    # --- documents ----------------------------------------------------------------------------------

    def claim(self, sha256: str, path: str, pipeline_version: str, *, retry_failed: bool = False,
              stale_after: float = 6 * 3600) -> Claim:
        """Record that ``path`` (content ``sha256``) is about to be processed, unless that is already done.

        Returns ``done``/``failed`` when this content was already recorded by the same pipeline version (the
        path is added to the paths seen), else marks the document ``processing`` (attempts + 1) and returns
        ``process``. A document left ``processing`` by a crashed run is claimed again; one being processed by a
        live process (same host: its pid exists; other host: claimed less than ``stale_after`` seconds ago)
        gives ``busy``.
        """
        owner = f"{socket.gethostname()}:{os.getpid()}"
        with self._tx() as conn:
            row = conn.execute(select(documents).where(documents.c.sha256 == sha256)).mappings().first()
            if row is None:
                try:
                    with conn.begin_nested():
                        doc_id = _insert_id(conn, insert(documents).values(
                            sha256=sha256, status="processing", attempts=1, claimed_by=owner,
                            pipeline_version=pipeline_version, created_at=now(), updated_at=now(),
                        ))
                except IntegrityError:  # another process inserted it first: fall through as if it existed
                    row = conn.execute(select(documents).where(documents.c.sha256 == sha256)).mappings().one()
                else:
                    self._add_path(conn, doc_id, path, "original")
                    return Claim("process", doc_id, attempts=1)
            doc_id = row["id"]
            self._add_path(conn, doc_id, path, "duplicate")
            same_version = row["pipeline_version"] == pipeline_version
            if same_version and row["status"] == "done":
                return Claim("done", doc_id, row["attempts"])
            if same_version and row["status"] == "failed" and not retry_failed:
                return Claim("failed", doc_id, row["attempts"], error={
                    "cause": row["error_cause"], "message": row["error_message"], "exit_code": row["exit_code"]})
            if row["status"] == "processing" and row["claimed_by"] not in (None, owner) and _alive(
                    row["claimed_by"], row["updated_at"], stale_after):
                return Claim("busy", doc_id, row["attempts"])
            attempts = (row["attempts"] or 0) + 1 if row["status"] == "processing" else 1
            conn.execute(update(documents).where(documents.c.id == doc_id).values(
                status="processing", attempts=attempts, claimed_by=owner, pipeline_version=pipeline_version,
                updated_at=now()))
            return Claim("process", doc_id, attempts=attempts)

    def note_path(self, sha256: str, path: str, disposition: str) -> None:
        """Remember that an already-claimed document was also seen under ``path``."""
        with self._tx() as conn:
            self._add_path(conn, self._document_id(conn, sha256), path, disposition)

    @staticmethod
    def _add_path(conn: Connection, doc_id: int, path: str, disposition: str) -> None:
        exists = conn.execute(select(document_paths.c.id).where(
            document_paths.c.document_id == doc_id, document_paths.c.path == path)).first()
        if not exists:
            conn.execute(insert(document_paths).values(
                document_id=doc_id, path=path, disposition=disposition, seen_at=now()))

    def record_result(self, sha256: str, result: ReviewResult, *, pipeline_version: str,
                      seconds: float | None = None) -> int:
        """Store one processed document's result in one transaction (replacing an older result); returns its id."""
        data = result.to_json_dict()
        with self._tx() as conn:
            doc_id = self._document_id(conn, sha256)
            self._delete_result(conn, doc_id)
            site_id = self._upsert_site(conn, result)
            audit_id = _insert_id(conn, insert(audits).values(
                document_id=doc_id, site_id=site_id, **result.audit.model_dump(),
                site_meta=result.site.model_dump(mode="json"), coverage=result.coverage.model_dump(mode="json"),
            ))
            if result.indicators:  # one statement for all findings, one for all their evidence
                finding_ids = conn.execute(
                    insert(findings).returning(findings.c.id, sort_by_parameter_order=True),
                    [{"audit_id": audit_id, "indicator": f.indicator, "status": f.status, "severity": f.severity}
                     for f in result.indicators]).scalars().all()
                quotes = [{"finding_id": fid, "page": e.page, "quote": e.quote,
                           "bbox": list(e.bbox) if e.bbox else None, "status": e.status, "score": e.score,
                           "section": e.section}
                          for fid, f in zip(finding_ids, result.indicators, strict=True) for e in f.evidence]
                if quotes:
                    conn.execute(insert(evidence), quotes)
            if result.non_compliances:
                conn.execute(insert(non_compliances), [
                    {"audit_id": audit_id, **nc.model_dump(mode="json")} for nc in result.non_compliances])
            if result.features:
                conn.execute(insert(features), [
                    {"audit_id": audit_id, "name": k, "value": float(v)} for k, v in sorted(result.features.items())])
            conn.execute(update(documents).where(documents.c.id == doc_id).values(
                status="done", result_status=result.status, pages=result.source.pages,
                error_cause=None, error_message=None, exit_code=None, pipeline_version=pipeline_version,
                versions=result.versions, timings=result.timings, seconds=seconds, result=data,
                claimed_by=None, updated_at=now()))
            return doc_id

    def record_failure(self, sha256: str, *, cause: str, message: str, exit_code: int, pipeline_version: str,
                       seconds: float | None = None) -> None:
        """Mark a document failed (no result rows are kept for it)."""
        with self._tx() as conn:
            doc_id = self._document_id(conn, sha256)
            self._delete_result(conn, doc_id)
            conn.execute(update(documents).where(documents.c.id == doc_id).values(
                status="failed", result_status="failure", error_cause=cause, error_message=message,
                exit_code=exit_code, pipeline_version=pipeline_version, seconds=seconds, result=None,
                claimed_by=None, updated_at=now()))

    def release(self, sha256: str) -> None:
        """Forget an unfinished claim (the file was not complete yet); the next claim starts at attempt 1."""
        with self._tx() as conn:
            conn.execute(update(documents).where(
                documents.c.sha256 == sha256, documents.c.status == "processing").values(
                attempts=0, claimed_by=None, updated_at=now()))

    @staticmethod
    def _document_id(conn: Connection, sha256: str) -> int:
        doc_id = conn.execute(select(documents.c.id).where(documents.c.sha256 == sha256)).scalar()
        if doc_id is None:
            raise StoreError(f"document {sha256[:12]} was never claimed", hint="this is a bug; report it")
        return doc_id

    @staticmethod
    def _delete_result(conn: Connection, doc_id: int) -> None:
        audit_ids = select(audits.c.id).where(audits.c.document_id == doc_id).scalar_subquery()
        finding_ids = select(findings.c.id).where(findings.c.audit_id.in_(audit_ids)).scalar_subquery()
        conn.execute(delete(evidence).where(evidence.c.finding_id.in_(finding_ids)))
        for table in (findings, non_compliances, features):
            conn.execute(delete(table).where(table.c.audit_id.in_(audit_ids)))
        conn.execute(delete(audits).where(audits.c.document_id == doc_id))

    @staticmethod
    def _upsert_site(conn: Connection, result: ReviewResult) -> int | None:
        key = site_key(result.site.name, result.site.country)
        if key is None:
            return None
        site_id = conn.execute(select(sites.c.id).where(sites.c.site_key == key)).scalar()
        if site_id is None:
            try:
                with conn.begin_nested():
                    site_id = _insert_id(conn, insert(sites).values(
                        site_key=key, name=result.site.name, country=result.site.country,
                        address=result.site.address, sector=result.site.sector, created_at=now(),
                    ))
            except IntegrityError:
                site_id = conn.execute(select(sites.c.id).where(sites.c.site_key == key)).scalar_one()
        # a later report may state what an earlier one did not (a scan that lost its cover table, say)
        for column in ("address", "sector"):
            value = getattr(result.site, column)
            if value:
                conn.execute(update(sites).where(sites.c.id == site_id, sites.c[column].is_(None)).values({column: value}))
        return site_id

    def status_of(self, sha256s: list[str], pipeline_version: str) -> dict[str, str]:
        """``{sha256: status}`` for documents already recorded by ``pipeline_version`` (done or failed)."""
        out: dict[str, str] = {}
        with self._read() as conn:
            for i in range(0, len(sha256s), 500):
                rows = conn.execute(select(documents.c.sha256, documents.c.status).where(
                    documents.c.sha256.in_(sha256s[i:i + 500]),
                    documents.c.pipeline_version == pipeline_version,
                    documents.c.status.in_(("done", "failed"))))
                out.update({sha: status for sha, status in rows})
        return out

    # --- queries ------------------------------------------------------------------------------------

    def document(self, key: str) -> dict[str, Any] | None:
        """One document by sha256 (or a unique prefix of at least 8 characters) or by a path it was seen under."""
        with self._read() as conn:
            q = select(documents).where(documents.c.sha256 == key)
            if len(key) >= 8 and re.fullmatch(r"[0-9a-f]+", key):
                q = select(documents).where(documents.c.sha256.like(f"{key}%"))
            rows = conn.execute(q).mappings().all()
            if not rows:
                by_path = select(document_paths.c.document_id).where(
                    (document_paths.c.path == key) | (document_paths.c.path.like(f"%/{key}")))
                rows = conn.execute(select(documents).where(documents.c.id.in_(by_path))).mappings().all()
            if len(rows) != 1:
                if len(rows) > 1:
                    raise StoreError(f"{key!r} matches {len(rows)} documents", hint="give more of the sha256")
                return None
            doc = dict(rows[0])
            doc["paths"] = [dict(r) for r in conn.execute(
                select(document_paths.c.path, document_paths.c.disposition, document_paths.c.seen_at)
                .where(document_paths.c.document_id == doc["id"]).order_by(document_paths.c.id)).mappings()]
            return doc

    def counts(self) -> dict[str, int]:
        """Row counts per table (documents split by status)."""
        with self._read() as conn:
            out = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                   for t in metadata.sorted_tables if t is not schema_version}
            for status, n in conn.execute(select(documents.c.status, func.count()).group_by(documents.c.status)):
                out[f"documents_{status}"] = n
            return out

    def findings_rows(self, *, indicator: str | None = None, country: str | None = None,
                      since: str | None = None, positive_only: bool = True) -> list[dict[str, Any]]:
        """Findings joined with their audit, site and document; one row per finding, newest audit first."""
        q = (select(documents.c.sha256, sites.c.id.label("site_id"), sites.c.name.label("site"),
                    sites.c.country, audits.c.standard, audits.c.audit_date, findings.c.indicator,
                    findings.c.status, findings.c.severity,
                    select(func.count()).where(evidence.c.finding_id == findings.c.id)
                    .scalar_subquery().label("evidence"),
                    select(func.min(evidence.c.page)).where(evidence.c.finding_id == findings.c.id)
                    .scalar_subquery().label("first_page"))
             .select_from(findings.join(audits).join(documents).outerjoin(sites, audits.c.site_id == sites.c.id)))
        if positive_only:
            q = q.where(findings.c.status == "present")
        if indicator:
            q = q.where(findings.c.indicator == indicator)
        if country:
            q = q.where(sites.c.country == country.upper())
        if since:
            q = q.where(audits.c.audit_date >= since)
        q = q.order_by(audits.c.audit_date.desc(), documents.c.sha256, findings.c.indicator)
        with self._read() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def features_rows(self) -> list[dict[str, Any]]:
        """One row per audit: document, site, audit meta and every feature as a column."""
        with self._read() as conn:
            rows = {r["audit_id"]: dict(r) for r in conn.execute(
                select(audits.c.id.label("audit_id"), documents.c.sha256, audits.c.site_id, sites.c.name.label("site"),
                       sites.c.country, audits.c.standard, audits.c.audit_date)
                .select_from(audits.join(documents).outerjoin(sites, audits.c.site_id == sites.c.id))
                .order_by(audits.c.id)).mappings()}
            for audit_id, name, value in conn.execute(select(features.c.audit_id, features.c.name, features.c.value)):
                rows[audit_id][name] = value
            return list(rows.values())

    def sites_rows(self) -> list[dict[str, Any]]:
        """One row per site: latest audit, indicators present in it, latest risk score; riskiest first."""
        with self._read() as conn:
            latest: dict[int, dict[str, Any]] = {}
            for r in conn.execute(
                    select(sites.c.id, sites.c.name, sites.c.country, sites.c.sector, audits.c.id.label("audit_id"),
                           audits.c.audit_date, audits.c.standard, documents.c.sha256)
                    .select_from(sites.join(audits).join(documents))
                    .order_by(sites.c.id, audits.c.audit_date, audits.c.id)).mappings():
                entry = latest.setdefault(r["id"], {"audits": 0})
                entry.update(site_id=r["id"], name=r["name"], country=r["country"], sector=r["sector"],
                             latest_audit=r["audit_date"], standard=r["standard"], sha256=r["sha256"],
                             audit_id=r["audit_id"], audits=entry["audits"] + 1)
            present: dict[int, list[str]] = {}
            for audit_id, ind in conn.execute(select(findings.c.audit_id, findings.c.indicator).where(
                    findings.c.status == "present").order_by(findings.c.indicator)):
                present.setdefault(audit_id, []).append(ind)
            risk = {r["site_id"]: r for r in conn.execute(
                select(risk_scores).order_by(risk_scores.c.computed_at, risk_scores.c.id)).mappings()}
        out = []
        for site_id, e in latest.items():
            score = risk.get(site_id)
            e["indicators_present"] = present.get(e.pop("audit_id"), [])
            e["risk"] = score["score"] if score else None
            e["risk_band"] = score["band"] if score else None
            out.append(e)
        out.sort(key=lambda e: (e["risk"] is None, -(e["risk"] or 0), -len(e["indicators_present"]), e["name"] or ""))
        return out

    # --- risk stage API -----------------------------------------------------------------------------

    def site_histories(self) -> dict[int, list[dict[str, Any]]]:
        """Every site's audit history for the risk model, oldest audit first.

        Returns:
            ``{site_id: [{"audit_id", "sha256", "site_key", "site", "country", "sector", "standard",
            "audit_date", "audit_type", "coverage": {...}, "site_meta": {...},
            "indicators": {indicator: status}, "features": {name: value}}, ...]}``
        """
        with self._read() as conn:
            feats: dict[int, dict[str, float]] = {}
            for audit_id, name, value in conn.execute(select(features.c.audit_id, features.c.name, features.c.value)):
                feats.setdefault(audit_id, {})[name] = value
            inds: dict[int, dict[str, str]] = {}
            for audit_id, ind, status in conn.execute(
                    select(findings.c.audit_id, findings.c.indicator, findings.c.status)):
                inds.setdefault(audit_id, {})[ind] = status
            out: dict[int, list[dict[str, Any]]] = {}
            for r in conn.execute(
                    select(audits.c.id.label("audit_id"), documents.c.sha256, sites.c.id.label("site_id"),
                           sites.c.site_key, sites.c.name.label("site"), sites.c.country, sites.c.sector,
                           audits.c.standard, audits.c.audit_date, audits.c.audit_type, audits.c.coverage,
                           audits.c.site_meta)
                    .select_from(audits.join(sites).join(documents, audits.c.document_id == documents.c.id))
                    .order_by(sites.c.id, audits.c.audit_date, audits.c.id)).mappings():
                item = dict(r)
                item["indicators"] = inds.get(r["audit_id"], {})
                item["features"] = feats.get(r["audit_id"], {})
                out.setdefault(r["site_id"], []).append(item)
            return out

    def write_risk_scores(self, scores: list[RiskScore]) -> None:
        """Append risk scores (one transaction); the latest per site is the one shown."""
        if not scores:
            return
        stamp = now()
        with self._tx() as conn:
            conn.execute(insert(risk_scores), [
                {"site_id": s.site_id, "score": float(s.score), "band": s.band, "model_version": s.model_version,
                 "details": s.details, "computed_at": stamp} for s in scores])


def _insert_id(conn: Connection, stmt: Any) -> int:
    """Run an INSERT of one row; its new primary key."""
    key = conn.execute(stmt).inserted_primary_key
    if key is None:
        raise StoreError("the database returned no id for a new row", hint="check --db / AUDITPARSE_DB")
    return int(key[0])


def _alive(owner: str, claimed_at: str, stale_after: float) -> bool:
    """Whether the claim ``host:pid`` made at ``claimed_at`` may still be worked on."""
    host, _, pid = owner.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    age = datetime.now(UTC) - datetime.fromisoformat(claimed_at)
    return age.total_seconds() < stale_after


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let the "begin" listener below issue BEGIN itself
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_on_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get("auditparse_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def dumps(obj: Any) -> str:
    """Compact JSON for log lines and sidecars."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)


def export_rows(rows: list[dict[str, Any]], fmt: str) -> bytes:
    """Serialise query rows as ``csv``, ``jsonl`` or ``parquet`` (lists and dicts become JSON text in CSV)."""
    if fmt == "jsonl":
        return "".join(dumps(r) + "\n" for r in rows).encode()
    columns = list(dict.fromkeys(k for r in rows for k in r))
    flat = [{c: dumps(r[c]) if isinstance(r.get(c), list | dict) else r.get(c) for c in columns} for r in rows]
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return buf.getvalue().encode()
    if fmt == "parquet":
        import io

        import pyarrow as pa
        import pyarrow.parquet as pq

        sink = io.BytesIO()
        pq.write_table(pa.Table.from_pylist(flat), sink)
        return sink.getvalue()
    raise ValueError(f"unknown export format {fmt!r}")
