"""Metrics of a risk score against labels: recall on high-risk, precision, accuracy, ROC-AUC, Brier, calibration."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

log = logging.getLogger(__name__)


def calibration_table(y: ArrayLike, p: ArrayLike, bins: int = 10) -> list[dict[str, Any]]:
    """Equal-width probability bins: count, mean predicted probability and observed high-risk share per bin."""
    y_arr, p_arr = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    idx = np.minimum((p_arr * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        mask = idx == b
        if mask.any():
            rows.append({
                "bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "n": int(mask.sum()),
                "mean_predicted": float(p_arr[mask].mean()), "observed": float(y_arr[mask].mean()),
            })  # fmt: skip
    return rows


def expected_calibration_error(y: ArrayLike, p: ArrayLike, bins: int = 10) -> float:
    """Share-weighted mean |mean predicted - observed| over equal-width bins."""
    rows = calibration_table(y, p, bins)
    n = sum(r["n"] for r in rows)
    return sum(r["n"] / n * abs(r["mean_predicted"] - r["observed"]) for r in rows)


def metrics(y: ArrayLike, p: ArrayLike, threshold: ArrayLike) -> dict[str, Any]:
    """Classification and probability metrics of scores ``p`` (probability of high risk) at ``threshold``.

    Args:
        y: 1 = high risk, 0 = low risk.
        p: predicted probabilities of high risk.
        threshold: a site is flagged high-risk when ``p >= threshold`` (one per site when evaluating
            out-of-fold scores whose folds have their own thresholds; the mean is reported).
    """
    from sklearn.metrics import brier_score_loss, roc_auc_score

    y_arr, p_arr = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    thr = np.asarray(threshold, dtype=float)
    pred = p_arr >= thr
    tp = int((pred & (y_arr == 1)).sum())
    fp = int((pred & (y_arr == 0)).sum())
    fn = int((~pred & (y_arr == 1)).sum())
    tn = int((~pred & (y_arr == 0)).sum())
    both = len(set(y_arr.tolist())) == 2
    return {
        "n": int(len(y_arr)),
        "n_high": int(y_arr.sum()),
        "threshold": float(thr.mean()),
        "recall_high": tp / (tp + fn) if tp + fn else float("nan"),
        "precision_high": tp / (tp + fp) if tp + fp else float("nan"),
        "accuracy": (tp + tn) / len(y_arr),
        "roc_auc": float(roc_auc_score(y_arr, p_arr)) if both else float("nan"),
        "brier": float(brier_score_loss(y_arr, p_arr)),
        "ece": expected_calibration_error(y_arr, p_arr),
        "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
        "calibration": calibration_table(y_arr, p_arr),
    }


def threshold_for_recall(y: ArrayLike, p: ArrayLike, target: float) -> float:
    """The highest threshold whose recall on high-risk sites is at least ``target``."""
    y_arr, p_arr = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    pos = np.sort(p_arr[y_arr == 1])[::-1]
    if not len(pos):
        return 0.5
    k = int(np.ceil(target * len(pos)))  # flag at least k of the positives
    return float(pos[max(k - 1, 0)])


def save_plots(y: ArrayLike, p: ArrayLike, out_dir: Path, label: str = "model") -> list[Path]:
    """Write ``precision_recall.png`` and ``calibration.png`` to ``out_dir``; returns their paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import precision_recall_curve

    out_dir.mkdir(parents=True, exist_ok=True)
    prec, rec, _ = precision_recall_curve(np.asarray(y), np.asarray(p))
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot(rec, prec, label=label)
    ax.set(xlabel="recall (high-risk sites)", ylabel="precision", title="Precision-recall", xlim=(0, 1.01),
           ylim=(0, 1.01))  # fmt: skip
    ax.legend(loc="lower left")
    pr_path = out_dir / "precision_recall.png"
    fig.tight_layout()
    fig.savefig(pr_path, dpi=100)
    plt.close(fig)

    table = calibration_table(y, p)
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot([0, 1], [0, 1], ls="--", c="grey", label="perfect")
    xs, ys = [r["mean_predicted"] for r in table], [r["observed"] for r in table]
    ax.plot(xs, ys, label=label)
    ax.scatter(xs, ys, s=[10 + 8 * r["n"] ** 0.5 for r in table], zorder=3)
    for x, yv, r in zip(xs, ys, table, strict=True):
        ax.annotate(str(r["n"]), (x, yv), textcoords="offset points", xytext=(6, -10), fontsize=7)
    ax.set(xlabel="mean predicted probability (marker: sites per bin)", ylabel="observed share high-risk",
           title="Calibration",
           xlim=(0, 1), ylim=(0, 1))  # fmt: skip
    ax.legend(loc="upper left")
    cal_path = out_dir / "calibration.png"
    fig.tight_layout()
    fig.savefig(cal_path, dpi=100)
    plt.close(fig)
    log.info("wrote %s and %s", pr_path, cal_path)
    return [pr_path, cal_path]
