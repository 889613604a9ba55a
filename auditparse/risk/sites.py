"""Risk work on the sites of the results store: label and signal files, training, scoring, evaluation.

Labels CSV (``auditparse risk train --labels``): a header ``site_id,label`` and optionally ``date``; ``site_id``
is the store's site id, its site key (``name|CC``) or its name; ``label`` is ``high`` or ``low``; ``date``
(ISO) is when the label held: only audits up to that date are used for that site.

Signals CSV (``--signals``): ``site_id,signal,value,date`` (news or government-report flags per site; ``value`` a
number, e.g. 1 for a flag or a severity).
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from auditparse.exceptions import BadDataError, InputNotFoundError
from auditparse.risk.features import site_features
from auditparse.risk.model import RiskModel, RiskScore
from auditparse.settings import data_dir, models_dir

log = logging.getLogger(__name__)

LABEL_VALUES = {"high": 1, "low": 0}
MIN_PER_CLASS = 10


def default_model_dir() -> Path:
    """The user-trained model (``<data dir>/risk-model``) when there is one, else the shipped default."""
    user = user_model_dir()
    return user if (user / "model.json").is_file() else models_dir() / "risk"


def user_model_dir() -> Path:
    """Where ``auditparse risk train`` writes its model unless told otherwise."""
    return data_dir() / "risk-model"


@dataclass
class Label:
    site: str
    high_risk: int
    as_of: date | None
    line: int


def _rows(path: Path, required: tuple[str, ...], what: str) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise InputNotFoundError(f"{what} file not found: {path}", hint="check the path.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise BadDataError(f"{path}: cannot read it as UTF-8 text ({e})", hint="save it as a UTF-8 CSV.") from e
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise BadDataError(f"{path}, line 1: missing column(s) {', '.join(missing)} (found: {', '.join(header) or 'nothing'})",
                           hint=f"the header must be {','.join(required)}.")  # fmt: skip
    reader.fieldnames = header
    out = []
    for row in reader:
        if any(v is None for v in row.values()) or None in row:
            raise BadDataError(f"{path}, line {reader.line_num}: expected {len(header)} fields",
                               hint="check the commas on that line.")  # fmt: skip
        cleaned = {k: (v or "").strip() for k, v in row.items()}
        if any(cleaned.values()):
            out.append((reader.line_num, cleaned))
    return out


def _date(path: Path, line: int, text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadDataError(f"{path}, line {line}: date {text!r} is not an ISO date",
                           hint="write dates as YYYY-MM-DD.") from None  # fmt: skip


def read_labels(path: Path) -> list[Label]:
    """Parse a labels CSV; raises BadDataError naming the line of the first problem."""
    labels: list[Label] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, ("site_id", "label"), "labels"):
        site, value = row["site_id"], row["label"].lower()
        if not site:
            raise BadDataError(f"{path}, line {line}: empty site_id", hint="give the site id, key or name.")
        if value not in LABEL_VALUES:
            raise BadDataError(f"{path}, line {line}: label {row['label']!r} is not 'high' or 'low'",
                               hint="use high or low.")  # fmt: skip
        if site in seen:
            raise BadDataError(f"{path}, line {line}: site {site!r} already labelled on line {seen[site]}",
                               hint="keep one label per site.")  # fmt: skip
        seen[site] = line
        labels.append(Label(site, LABEL_VALUES[value], _date(path, line, row.get("date", "")), line))
    if not labels:
        raise BadDataError(f"{path}: no labels", hint="add rows site_id,label under the header.")
    return labels


def read_signals(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Parse an external-signals CSV into ``{site: [{"signal", "value", "date"}]}``."""
    out: dict[str, list[dict[str, Any]]] = {}
    for line, row in _rows(path, ("site_id", "signal", "value", "date"), "signals"):
        try:
            value = float(row["value"])
        except ValueError:
            raise BadDataError(f"{path}, line {line}: value {row['value']!r} is not a number",
                               hint="use a number, e.g. 1 for a flag.") from None  # fmt: skip
        d = _date(path, line, row["date"])
        out.setdefault(row["site_id"], []).append(
            {"signal": row["signal"], "value": value, "date": d.isoformat() if d else None})
    return out


@dataclass
class SiteHistory:
    site_id: int
    name: str | None
    country: str | None
    sector: str | None
    site_key: str | None
    audits: list[dict[str, Any]]

    def features(self, as_of: date | None = None, signals: list[dict[str, Any]] | None = None) -> dict[str, float]:
        """Site features from the audits up to ``as_of`` (all audits when None)."""
        audits = [a for a in self.audits if as_of is None or not a.get("audit_date") or a["audit_date"] <= as_of.isoformat()]
        return site_features(audits, country=self.country, sector=self.sector, as_of=as_of, signals=signals or [])


def histories(store: Any) -> list[SiteHistory]:
    """Every site of the store with its audit history (oldest first)."""
    out = []
    for site_id, audits in store.site_histories().items():
        latest = audits[-1]
        out.append(SiteHistory(site_id, latest.get("site"), latest.get("country"), latest.get("sector"),
                               latest.get("site_key"), audits))  # fmt: skip
    return out


def match(sites: list[SiteHistory], ref: str) -> SiteHistory | None:
    """The site a label or command names: store id, site key, or name (case-insensitive)."""
    low = ref.strip().casefold()
    for pred in (lambda s: str(s.site_id) == low, lambda s: (s.site_key or "").casefold() == low,
                 lambda s: (s.name or "").casefold() == low):  # fmt: skip
        hits = [s for s in sites if pred(s)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise BadDataError(f"site {ref!r} matches {len(hits)} sites", hint="use the site id or key instead.")
    return None


def _signals_for(site: SiteHistory, signals: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    keys = {str(site.site_id), (site.site_key or "").casefold(), (site.name or "").casefold()}
    return [s for k, v in signals.items() if k.casefold() in keys for s in v]


def labelled(
    store: Any, labels: list[Label], signals: dict[str, list[dict[str, Any]]] | None = None
) -> tuple[list[SiteHistory], list[dict[str, float]], list[int]]:
    """Features and labels of the labelled sites found in the store (unknown sites are reported, not fatal)."""
    sites = histories(store)
    found, rows, ys, unknown = [], [], [], []
    for lab in labels:
        site = match(sites, lab.site)
        if site is None:
            unknown.append(lab)
            continue
        found.append(site)
        rows.append(site.features(lab.as_of, _signals_for(site, signals or {})))
        ys.append(lab.high_risk)
    if unknown:
        log.warning("%d labelled site(s) are not in the store, e.g. line %d (%r)", len(unknown), unknown[0].line,
                    unknown[0].site)  # fmt: skip
    if not found:
        raise BadDataError("none of the labelled sites is in the results store",
                           hint="review their reports first (auditparse backfill), or check the site ids.")  # fmt: skip
    return found, rows, ys


def train(store: Any, labels: list[Label], out: Path, *, seed: int = 0, target_recall: float = 0.95,
          signals: dict[str, list[dict[str, Any]]] | None = None) -> tuple[RiskModel, dict[str, Any]]:  # fmt: skip
    """Train a model on labelled store sites, evaluate it by held-out site (5 folds), save it to ``out``."""
    from auditparse.risk.model import cross_validate

    found, rows, ys = labelled(store, labels, signals)
    n_high = sum(ys)
    if min(n_high, len(ys) - n_high) < MIN_PER_CLASS:
        raise BadDataError(f"{n_high} high and {len(ys) - n_high} low labelled sites found in the store",
                           hint=f"label at least {MIN_PER_CLASS} of each.")  # fmt: skip
    cv = cross_validate(rows, ys, seed=seed, target_recall=target_recall)
    model = RiskModel.fit(rows, ys, seed=seed, target_recall=target_recall,
                          data=f"{len(ys)} user-labelled sites from the results store")  # fmt: skip
    model.meta["heldout"] = {k: cv[k] for k in ("model", "priors_only", "folds")}
    model.save(out)
    return model, cv


def score_all(store: Any, model: RiskModel, *, signals: dict[str, list[dict[str, Any]]] | None = None,
              write: bool = True) -> list[tuple[SiteHistory, RiskScore]]:  # fmt: skip
    """Score every site of the store (as of today); write the scores to its ``risk_scores`` table."""
    from auditparse.store import RiskScore as StoredScore

    out = []
    for site in histories(store):
        f = site.features(None, _signals_for(site, signals or {}))
        out.append((site, model.score(str(site.site_id), f, country=site.country, sector=site.sector)))
    if write:
        version = f"risk-{model.meta.get('sha256', '')[:12]}"
        store.write_risk_scores([
            StoredScore(site_id=s.site_id, score=r.probability, model_version=version,
                        band="high" if r.high_risk else "low", details=r.to_dict())
            for s, r in out])  # fmt: skip
    out.sort(key=lambda sr: -sr[1].probability)
    return out
