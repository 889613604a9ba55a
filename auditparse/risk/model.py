"""The site risk model: gradient-boosted trees, calibrated, a threshold for a target recall, explanations.

A :class:`RiskModel` holds two calibrated classifiers: ``full`` (audit history + priors + signals) and ``priors``
(country x sector priors only), which scores sites with no audits on record and serves as the baseline. Saved as
``model.joblib`` + ``model.json`` (feature names, thresholds, reference values, versions, metrics, sha256).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from auditparse import __version__
from auditparse.exceptions import ModelError
from auditparse.risk.evaluate import threshold_for_recall
from auditparse.risk.explain import GROUPS, describe
from auditparse.risk.features import FEATURE_NAMES, PRIOR_NAMES

log = logging.getLogger(__name__)

MODEL_FORMAT = "auditparse-risk/1"
CALIBRATION_METHODS = ("isotonic", "sigmoid")


@dataclass
class Factor:
    """One reason: a feature group, what the site's values are, and how much it moved the probability."""

    group: str
    text: str
    delta: float

    def __str__(self) -> str:
        return f"{self.text} ({self.delta:+.2f})"


@dataclass
class RiskScore:
    site_id: str
    probability: float
    high_risk: bool
    threshold: float
    basis: str  # "audits" or "priors only"
    factors: list[Factor] = field(default_factory=list)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "site_id": self.site_id, "probability": round(self.probability, 4), "high_risk": self.high_risk,
            "threshold": round(self.threshold, 4), "basis": self.basis, "note": self.note,
            "factors": [{"group": f.group, "text": f.text, "delta": round(f.delta, 4)} for f in self.factors],
        }  # fmt: skip


def _matrix(rows: Sequence[Mapping[str, float]], names: Sequence[str]) -> np.ndarray:
    return np.array([[float(r.get(n, math.nan)) for n in names] for r in rows], dtype=float)


class CalibratedTrees:
    """Gradient-boosted trees whose scores are mapped to probabilities by a calibrator fitted out of fold.

    Like scikit-learn's ``CalibratedClassifierCV(ensemble=False)``, but keeping the out-of-fold calibrated
    probabilities of the training sites, from which the calibration method and the threshold are chosen.
    """

    def __init__(self, trees: Any, calibrator: Any, method: str) -> None:
        self.trees, self.calibrator, self.method = trees, calibrator, method

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = _calibrate(self.calibrator, self.method, self.trees.decision_function(X))
        return np.column_stack([1 - p, p])


def _new_calibrator(method: str) -> Any:
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    if method == "isotonic":
        return IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    return LogisticRegression(C=1e4)


def _calibrate(calibrator: Any, method: str, scores: np.ndarray) -> np.ndarray:
    if method == "isotonic":
        return np.asarray(calibrator.predict(scores), dtype=float)
    return np.asarray(calibrator.predict_proba(scores.reshape(-1, 1))[:, 1], dtype=float)


def _fit_calibrator(method: str, scores: np.ndarray, y: np.ndarray) -> Any:
    cal = _new_calibrator(method)
    return cal.fit(scores, y) if method == "isotonic" else cal.fit(scores.reshape(-1, 1), y)


def _fit_one(X: np.ndarray, y: np.ndarray, seed: int, target_recall: float) -> tuple[Any, float, dict[str, Any]]:
    """Fit trees, choose the calibration method (by out-of-fold Brier score) and the decision threshold.

    The trees' out-of-fold scores on the training sites (5 folds) feed the calibrator; a second 5-fold split of
    those scores gives calibrated probabilities no calibrator saw, on which the method with the lower Brier score
    wins and the threshold is set: the highest one reaching ``target_recall`` plus one standard error of a recall
    measured on this many high-risk sites (a margin against the sampling noise of the choice).
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import brier_score_loss
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from threadpoolctl import threadpool_limits

    def trees() -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(
            learning_rate=0.06, max_iter=200, max_leaf_nodes=15, min_samples_leaf=10, l2_regularization=1.0,
            early_stopping=False, random_state=seed,
        )  # fmt: skip

    X = np.where(np.isnan(X).all(axis=0), 0.0, X)  # a never-stated feature: constant (the trees cannot bin all-NaN)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    with threadpool_limits(1):  # small data: OpenMP threads only spin, worst on a shared machine
        oof = cross_val_predict(trees(), X, y, cv=cv, method="decision_function")
        fitted = trees().fit(X, y)
    probs: dict[str, np.ndarray] = {}
    for method in CALIBRATION_METHODS:
        probs[method] = np.zeros(len(y))
        for tr, te in cv.split(oof, y):
            probs[method][te] = _calibrate(_fit_calibrator(method, oof[tr], y[tr]), method, oof[te])
    briers = {m: float(brier_score_loss(y, p)) for m, p in probs.items()}
    method = min(briers, key=briers.__getitem__)
    model = CalibratedTrees(fitted, _fit_calibrator(method, oof, y), method)
    n_pos = int(y.sum())
    margin = math.sqrt(target_recall * (1 - target_recall) / n_pos)
    threshold = threshold_for_recall(y, probs[method], min(target_recall + margin, 1.0))
    return model, threshold, {"calibration": method, "oof_brier": briers, "n_train": int(len(y)),
                              "recall_margin": round(margin, 4)}  # fmt: skip


class RiskModel:
    """Calibrated site risk classifier with a priors-only fallback."""

    def __init__(
        self, full: Any, priors: Any, threshold: float, priors_threshold: float,
        reference: dict[str, float], meta: dict[str, Any],
    ) -> None:  # fmt: skip
        self.full, self.priors = full, priors
        self.threshold, self.priors_threshold = threshold, priors_threshold
        self.reference, self.meta = reference, meta

    @classmethod
    def fit(
        cls, rows: Sequence[Mapping[str, float]], labels: Sequence[int], *, seed: int = 0,
        target_recall: float = 0.95, data: str = "",
    ) -> RiskModel:  # fmt: skip
        """Train on site feature dicts (one per site) and labels (1 = high risk).

        Args:
            rows: :func:`auditparse.risk.features.site_features` outputs.
            labels: 1 for high-risk, 0 for low-risk, aligned with ``rows``.
            seed: seeds the validation split, the cross-validation folds and the trees: same inputs, same model.
            target_recall: the recall on high-risk sites the threshold is chosen for (on validation sites).
            data: a description of the training data, kept in the metadata.
        """
        import sklearn

        y = np.asarray(labels, dtype=int)
        if len(set(y.tolist())) < 2 or min(np.bincount(y)) < 10:
            raise ValueError("need at least 10 high-risk and 10 low-risk sites to train")
        X = _matrix(rows, FEATURE_NAMES)
        full, thr, info = _fit_one(X, y, seed, target_recall)
        prior_cols = [FEATURE_NAMES.index(n) for n in PRIOR_NAMES]
        priors, pthr, pinfo = _fit_one(X[:, prior_cols], y, seed, target_recall)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN column has a NaN reference: fine
            med = np.nanmedian(X, axis=0)
        reference = {n: float(v) for n, v in zip(FEATURE_NAMES, med, strict=True)}
        meta = {
            "format": MODEL_FORMAT, "auditparse": __version__, "sklearn": sklearn.__version__,
            "numpy": np.__version__, "seed": seed, "target_recall": target_recall, "data": data,
            "n_sites": int(len(y)), "n_high": int(y.sum()), "feature_names": list(FEATURE_NAMES),
            "prior_feature_names": list(PRIOR_NAMES), "full": info, "priors": pinfo,
        }  # fmt: skip
        return cls(full, priors, thr, pthr, reference, meta)

    # -- scoring ------------------------------------------------------------------------------------------
    def predict_proba(self, rows: Sequence[Mapping[str, float]], *, priors_only: bool = False) -> np.ndarray:
        """Calibrated probability of high risk for each feature dict."""
        if priors_only:
            return self.priors.predict_proba(_matrix(rows, PRIOR_NAMES))[:, 1]
        return self.full.predict_proba(_matrix(rows, FEATURE_NAMES))[:, 1]

    def score(
        self, site_id: str, features: Mapping[str, float], *, country: str | None = None,
        sector: str | None = None, top: int = 5,
    ) -> RiskScore:  # fmt: skip
        """Score one site and explain it; a site with no audits is scored from its priors only, and says so."""
        if not features.get("n_audits"):
            p = float(self.predict_proba([features], priors_only=True)[0])
            text = describe("priors", features, country=country, sector=sector)
            return RiskScore(
                site_id, p, p >= self.priors_threshold, self.priors_threshold, "priors only",
                [Factor("priors", text, p - float(self.predict_proba([self.reference], priors_only=True)[0]))],
                note="no audits on record: score from the country x sector priors only (US DOL list)",
            )  # fmt: skip
        p = float(self.predict_proba([features])[0])
        factors = self.explain(features, country=country, sector=sector, top=top)
        return RiskScore(site_id, p, p >= self.threshold, self.threshold, "audits", factors)

    def explain(
        self, features: Mapping[str, float], *, country: str | None = None, sector: str | None = None,
        top: int = 5,
    ) -> list[Factor]:  # fmt: skip
        """The feature groups that moved this site's probability most, against the reference (training median).

        Each group's features are set to their reference values together; the change in probability is the
        group's contribution (positive: raised the score).
        """
        base = float(self.predict_proba([features])[0])
        variants = []
        for names in GROUPS.values():
            v = dict(features)
            v.update({n: self.reference[n] for n in names})
            variants.append(v)
        probs = self.predict_proba(variants)
        factors = [
            Factor(g, describe(g, features, country=country, sector=sector), base - float(pv))
            for g, pv in zip(GROUPS, probs, strict=True)
        ]
        factors.sort(key=lambda f: -abs(f.delta))
        return [f for f in factors if abs(f.delta) >= 0.005][:top]

    # -- persistence ---------------------------------------------------------------------------------------
    def save(self, out_dir: Path) -> Path:
        """Write ``model.joblib`` and ``model.json`` into ``out_dir``; returns the JSON path."""
        import joblib

        out_dir.mkdir(parents=True, exist_ok=True)
        blob = out_dir / "model.joblib"
        joblib.dump({"full": self.full, "priors": self.priors}, blob, compress=3)
        meta = dict(self.meta)
        meta.update(threshold=self.threshold, priors_threshold=self.priors_threshold, reference=self.reference,
                    sha256=hashlib.sha256(blob.read_bytes()).hexdigest())  # fmt: skip
        path = out_dir / "model.json"
        path.write_text(json.dumps(meta, indent=2, allow_nan=True) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, model_dir: Path) -> RiskModel:
        """Load a model saved by :meth:`save`; raises ModelError when missing, altered or incompatible."""
        import joblib
        import sklearn

        meta_path, blob = model_dir / "model.json", model_dir / "model.joblib"
        if not meta_path.is_file() or not blob.is_file():
            raise ModelError(f"no risk model in {model_dir}", hint="run `make models` or `auditparse risk train`.")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ModelError(f"cannot read {meta_path}: {e}", hint="retrain with `make models`.") from e
        if meta.get("format") != MODEL_FORMAT or meta.get("feature_names") != list(FEATURE_NAMES):
            raise ModelError(f"risk model in {model_dir} was made for another feature set",
                             hint="retrain it with `auditparse risk train` or `make models`.")  # fmt: skip
        if hashlib.sha256(blob.read_bytes()).hexdigest() != meta.get("sha256"):
            raise ModelError(f"{blob} does not match its checksum", hint="retrain with `make models`.")
        if meta.get("sklearn", "").split(".")[:2] != sklearn.__version__.split(".")[:2]:
            log.warning("risk model trained with scikit-learn %s, running %s", meta.get("sklearn"),
                        sklearn.__version__)  # fmt: skip
        try:
            parts = joblib.load(blob)
        except Exception as e:  # unpickling errors come in many types
            raise ModelError(f"cannot load {blob}: {e}", hint="retrain with `make models`.") from e
        return cls(parts["full"], parts["priors"], meta["threshold"], meta["priors_threshold"],
                   meta["reference"], meta)  # fmt: skip


def cross_validate(
    rows: Sequence[Mapping[str, float]], labels: Sequence[int], *, seed: int = 0, folds: int = 5,
    target_recall: float = 0.95,
) -> dict[str, Any]:  # fmt: skip
    """Held-out-site evaluation: each site is scored by a model trained (and thresholded) without it.

    Returns:
        ``{"model": metrics, "priors_only": metrics, "folds": folds}`` over the pooled out-of-fold scores.
    """
    from sklearn.model_selection import StratifiedKFold

    from auditparse.risk.evaluate import metrics

    y = np.asarray(labels, dtype=int)
    p_full, p_prior = np.zeros(len(y)), np.zeros(len(y))
    t_full, t_prior = np.zeros(len(y)), np.zeros(len(y))
    for k, (tr, te) in enumerate(StratifiedKFold(folds, shuffle=True, random_state=seed).split(y, y)):
        m = RiskModel.fit([rows[i] for i in tr], y[tr], seed=seed + k, target_recall=target_recall)
        test_rows = [rows[i] for i in te]
        p_full[te], t_full[te] = m.predict_proba(test_rows), m.threshold
        p_prior[te], t_prior[te] = m.predict_proba(test_rows, priors_only=True), m.priors_threshold
    return {
        "model": metrics(y, p_full, t_full),
        "priors_only": metrics(y, p_prior, t_prior),
        "folds": folds,
        "scores": {"y": y.tolist(), "model": p_full.tolist(), "priors_only": p_prior.tolist()},
    }
