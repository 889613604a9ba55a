"""A linear model over word and character n-grams (tf-idf), optionally with dense features appended.

Trained with scikit-learn (``fit``, training time only), run in numpy (``scores``), so that loading the tagger
imports neither scikit-learn nor scipy. Character n-grams make it robust to OCR noise ("evldence", "retallation").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"[a-z]+|\d+")


@lru_cache(maxsize=1 << 16)
def _char_grams(word: str) -> tuple[str, ...]:
    """The character 3-, 4- and 5-grams of one word, padded with a space either side (words repeat: cached)."""
    w = f" {word} "
    return tuple("#" + w[i : i + n] for n in (3, 4, 5) for i in range(len(w) - n + 1))


def ngrams(text: str) -> Counter[str]:
    """Word 1-2-grams and character 3-5-grams (inside word boundaries) of lower-cased text; digits become 0."""
    text = re.sub(r"\d", "0", text.lower())
    words = _TOKEN.findall(text)
    feats: Counter[str] = Counter(words)
    feats.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    for w in words:
        feats.update(_char_grams(w))
    return feats


class LinearModel:
    """``labels`` outputs from tf-idf n-grams (+ dense features); sigmoid (multi-label) or softmax (one label)."""

    def __init__(
        self,
        labels: Sequence[str],
        vocab: dict[str, int],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        multilabel: bool,
        dense_names: Sequence[str] = (),
    ) -> None:
        self.labels = list(labels)
        self.vocab = vocab
        self.idf = idf.astype(np.float32)
        self.coef = coef.astype(np.float32)  # (n_sparse + n_dense, n_labels)
        self.intercept = intercept.astype(np.float32)
        self.multilabel = multilabel
        self.dense_names = list(dense_names)

    def _sparse_rows(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        rows = []
        vocab = self.vocab
        for t in texts:
            items = [(j, c) for f, c in ngrams(t).items() if (j := vocab.get(f)) is not None]
            found, counts = zip(*items, strict=True) if items else ((), ())
            idx = np.array(found, dtype=np.int64)
            val = (1.0 + np.log(np.array(counts, dtype=np.float32))) * self.idf[idx]
            norm = float(np.linalg.norm(val))
            rows.append((idx, val / norm if norm else val))
        return rows

    def scores(self, texts: Sequence[str], dense: np.ndarray | None = None) -> np.ndarray:
        """Probabilities, shape (len(texts), len(labels))."""
        first: dict[str, int] = {}  # the same text (a repeated header or cell) is featurised once
        same = np.array([first.setdefault(t, len(first)) for t in texts], dtype=np.int64)
        z = np.tile(self.intercept, (len(first), 1))
        for r, (idx, val) in enumerate(self._sparse_rows(list(first))):
            if len(idx):
                z[r] += val @ self.coef[idx]
        z = z[same]
        if self.dense_names:
            assert dense is not None, "this model needs its dense features"
            z += dense @ self.coef[len(self.vocab) :]
        if self.multilabel:
            return 1.0 / (1.0 + np.exp(-z))
        z = np.exp(z - z.max(1, keepdims=True))
        return z / z.sum(1, keepdims=True)

    # --- training (scikit-learn, scipy) ------------------------------------------------------------------

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        y: np.ndarray,
        labels: Sequence[str],
        *,
        multilabel: bool,
        dense: np.ndarray | None = None,
        dense_names: Sequence[str] = (),
        c: float = 4.0,
        min_df: int = 2,
        seed: int = 0,
    ) -> LinearModel:
        """Fit on ``texts`` with targets ``y`` (n x labels 0/1 when multi-label, else n label indices)."""
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression

        counts = [ngrams(t) for t in texts]
        df: Counter[str] = Counter(f for cnt in counts for f in cnt)
        vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= min_df))}
        idf = np.array([np.log((1 + len(texts)) / (1 + df[f])) + 1.0 for f in vocab], dtype=np.float32)
        model = cls(labels, vocab, idf, np.zeros((len(vocab) + len(dense_names), len(labels))), np.zeros(len(labels)), multilabel, dense_names)
        rows, cols, vals = [], [], []
        for r, (idx, val) in enumerate(model._sparse_rows(texts)):
            rows += [r] * len(idx)
            cols += idx.tolist()
            vals += val.tolist()
        x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))
        if dense_names:
            x = sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()
        if multilabel:
            for j in range(len(labels)):
                if y[:, j].min() == y[:, j].max():  # a label never (or always) seen: constant output
                    model.intercept[j] = 8.0 if y[0, j] else -8.0
                    continue
                lr = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=seed)
                lr.fit(x, y[:, j])
                model.coef[:, j], model.intercept[j] = lr.coef_[0], lr.intercept_[0]
        else:
            lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)
            lr.fit(x, y)
            full = np.zeros((len(labels), x.shape[1]))
            full[lr.classes_] = lr.coef_ if len(lr.classes_) > 2 else np.vstack([-lr.coef_, lr.coef_])
            model.coef = full.T.astype(np.float32)
            b = np.full(len(labels), -30.0)
            b[lr.classes_] = lr.intercept_ if len(lr.classes_) > 2 else [-lr.intercept_[0], lr.intercept_[0]]
            model.intercept = b.astype(np.float32)
        return model

    def save(self, path: Path) -> None:
        """Write ``<path>.npz`` (fp16 weights) and ``<path>.json`` (labels, vocabulary)."""
        np.savez_compressed(path.with_suffix(".npz"), idf=self.idf.astype(np.float16), coef=self.coef.astype(np.float16), intercept=self.intercept)
        meta = {"labels": self.labels, "multilabel": self.multilabel, "dense_names": self.dense_names, "vocab": sorted(self.vocab, key=self.vocab.__getitem__)}
        path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        arr = np.load(path.with_suffix(".npz"))
        vocab = {f: i for i, f in enumerate(meta["vocab"])}
        return cls(meta["labels"], vocab, arr["idf"], arr["coef"], arr["intercept"], meta["multilabel"], meta["dense_names"])
