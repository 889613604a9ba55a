"""The fine-tuned transformer tier: labels, weight storage, the ONNX graph against the numpy forward pass, and that
against torch."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from auditparse.datamodel.nlp import INDICATORS
from auditparse.exceptions import ModelError
from auditparse.nlp.finetune import HEAD, TIER_LABELS, TunedTier, load_tuned, save_tuned, targets
from auditparse.nlp.onnxtier import OnnxTier, export_tier, tier_weights


def test_targets_keep_the_most_positive_status_per_indicator() -> None:
    row = {
        "text": "...",
        "indicators": ["recruitment_fees"],
        "mentions": [
            {"indicator": "excessive_overtime", "status": "negated"},
            {"indicator": "excessive_overtime", "status": "remediated"},
            {"indicator": "isolation", "status": "policy_only"},
        ],
    }
    y = targets(row)
    label = {INDICATORS[k]: TIER_LABELS[int(v)] for k, v in enumerate(y) if v}
    # an evidence label without a mention record counts as present
    assert label == {"excessive_overtime": "remediated", "isolation": "policy_only", "recruitment_fees": "present"}
    assert targets({"text": "Fire drills are held monthly.", "indicators": [], "mentions": []}).sum() == 0


def test_int8_storage_round_trips_within_a_row_scale(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    w = {"encoder.layer.0.output.dense.weight": rng.normal(size=(8, 16)).astype(np.float32),
         "encoder.layer.0.output.dense.bias": rng.normal(size=8).astype(np.float32),
         HEAD + "weight": rng.normal(size=(16, 72)).astype(np.float32)}
    save_tuned(tmp_path / "t.npz", w)
    back = load_tuned(tmp_path / "t.npz")
    assert set(back) == set(w)
    m = w["encoder.layer.0.output.dense.weight"]
    err = np.abs(back["encoder.layer.0.output.dense.weight"] - m).max(1)
    assert (err <= np.abs(m).max(1) / 254 + 1e-7).all()  # half a quantisation step per row
    assert np.array_equal(back[HEAD + "weight"], w[HEAD + "weight"])  # the head stays float32
    assert np.array_equal(back["encoder.layer.0.output.dense.bias"], w["encoder.layer.0.output.dense.bias"])


def test_damaged_weights_give_a_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "tuned.npz"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ModelError, match="retrain"):
        load_tuned(bad)


def base_weights(head_seed: int = 0) -> dict[str, np.ndarray]:
    """The packaged MiniLM layers with a random head: realistic scales without a trained model."""
    from safetensors.numpy import load_file

    from auditparse.nlp.encoder import minilm_dir

    w = {k: v for k, v in load_file(str(minilm_dir() / "model.safetensors")).items() if k.startswith("encoder.")}
    rng = np.random.default_rng(head_seed)
    w[HEAD + "weight"] = rng.normal(scale=0.5, size=(384, len(INDICATORS) * len(TIER_LABELS))).astype(np.float32)
    w[HEAD + "bias"] = rng.normal(size=len(INDICATORS) * len(TIER_LABELS)).astype(np.float32)
    return w


TEXTS = ["The agent kept the workers' passports.", "No recruitment fees were charged to any worker.",
         "Fire extinguishers were inspected monthly and found in order, with records kept by the EHS team.", "Nil"]


def test_onnx_graph_computes_what_the_numpy_forward_pass_computes(tmp_path: Path) -> None:
    w = base_weights()
    want = TunedTier(w).probs(TEXTS)
    got = OnnxTier(export_tier(w, tmp_path / "f32.onnx", quantize=False)).probs(TEXTS)
    assert got.shape == (len(TEXTS), len(INDICATORS), len(TIER_LABELS))
    assert np.allclose(got.sum(-1), 1.0, atol=1e-5)
    assert np.abs(got - want).max() < 1e-4


def test_int8_tier_keeps_the_decisions_of_the_float_graph(tmp_path: Path) -> None:
    w = base_weights()
    f32 = OnnxTier(export_tier(w, tmp_path / "f32.onnx", quantize=False)).probs(TEXTS)
    i8 = OnnxTier(export_tier(w, tmp_path / "i8.onnx")).probs(TEXTS)
    assert (tmp_path / "i8.onnx").stat().st_size < 0.4 * (tmp_path / "f32.onnx").stat().st_size
    assert np.abs(i8 - f32).mean() < 0.05
    top2 = np.sort(f32, -1)[..., -2:]
    clear = top2[..., 1] - top2[..., 0] > 0.2  # not a near-tie of the float graph
    assert clear.sum() > 20 and (i8.argmax(-1) == f32.argmax(-1))[clear].mean() >= 0.95


def test_a_sentence_scores_the_same_whatever_it_is_batched_with(tmp_path: Path) -> None:
    # one activation scale per batch (onnxruntime's dynamic quantisation) moved scores by up to 0.3 with the
    # neighbours: the same boilerplate on two pages could get two statuses
    tier = OnnxTier(export_tier(base_weights(), tmp_path / "i8.onnx"))
    together = tier.probs(TEXTS)
    alone = np.concatenate([tier.probs([t]) for t in TEXTS])
    assert np.abs(together - alone).max() < 1e-5


def test_texts_that_tokenise_alike_are_run_once_and_each_gets_its_distribution(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    tier = OnnxTier(export_tier(base_weights(), tmp_path / "i8.onnx"))
    texts = [TEXTS[0], TEXTS[1], TEXTS[0], TEXTS[0].replace(" ", "\n  "), TEXTS[3], TEXTS[1]]
    rows_run: list[int] = []
    real = tier.sessions[0].run

    class Spy:  # onnxruntime sessions do not take new attributes: wrap the one the tier holds
        def run(self, names: list[str], feed: dict[str, np.ndarray]) -> list[np.ndarray]:
            rows_run.append(len(feed["x"]))
            return real(names, feed)

    monkeypatch.setattr(tier, "sessions", [Spy()])
    got = tier.probs(texts)
    assert sum(rows_run) == 3  # three distinct token sequences (a newline and spaces tokenise as one space)
    alone = np.concatenate([tier.probs([t]) for t in texts])
    assert got.shape == alone.shape and np.abs(got - alone).max() < 1e-5
    assert np.array_equal(got[0], got[2]) and np.array_equal(got[0], got[3]) and np.array_equal(got[1], got[5])
    assert not np.allclose(got[0], got[1])


@pytest.mark.parametrize("quantize", [True, False])
def test_a_tier_reads_back_as_the_weights_that_export_it_again(tmp_path: Path, quantize: bool) -> None:
    # a warm start (`train --warm-start`) continues from a shipped tier: its weights must come back by name
    w = base_weights()
    first = export_tier(w, tmp_path / "a.onnx", quantize=quantize)
    back = tier_weights(first)
    assert sorted(back) == sorted(w) and all(back[k].shape == w[k].shape for k in w)
    for k, v in w.items():  # int8: within half a step of each output channel's scale
        step = np.abs(v).max(axis=-1 if k.startswith("encoder.") and v.ndim == 2 else 0) / 127.0
        tol = (step[:, None] if v.ndim == 2 and k.startswith("encoder.") else step) * 0.51 if quantize else 1e-6
        assert np.all(np.abs(back[k] - v) <= tol + 1e-7), k
    again = export_tier(back, tmp_path / "b.onnx", quantize=quantize)
    assert again.read_bytes() == first.read_bytes()


def test_a_damaged_tier_gives_a_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "tier.onnx"
    bad.write_bytes(b"\x08\x07 not a graph")
    with pytest.raises(ModelError, match="retrain"):
        OnnxTier(bad)


@pytest.mark.slow
def test_numpy_forward_pass_matches_torch() -> None:
    """The numpy encoder (the reference the ONNX graph is checked against) equals torch on the same weights."""
    torch = pytest.importorskip("torch")
    from transformers import AutoModel, AutoTokenizer

    from auditparse.nlp.encoder import minilm_dir
    from auditparse.nlp.finetune import MAX_TOKENS

    weights = base_weights()
    got = TunedTier(weights).probs(TEXTS)
    enc = AutoModel.from_pretrained(str(minilm_dir()))
    enc.eval()
    tok = AutoTokenizer.from_pretrained(str(minilm_dir()))
    with torch.no_grad():
        t = tok(TEXTS, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        h = enc(**t).last_hidden_state
        m = t["attention_mask"].unsqueeze(-1).float()
        pooled = ((h * m).sum(1) / m.sum(1)).numpy()
    logits = (pooled @ weights[HEAD + "weight"] + weights[HEAD + "bias"]).reshape(len(TEXTS), len(INDICATORS), -1)
    want = np.exp(logits - logits.max(-1, keepdims=True))
    want /= want.sum(-1, keepdims=True)
    assert np.abs(got - want).max() < 1e-4


def test_tier_in_a_batch_worker_uses_one_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batch workers set OMP_NUM_THREADS=1 before loading models; onnxruntime must not start a thread per core."""
    path = export_tier(base_weights(), tmp_path / "t.onnx")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert OnnxTier(path).session.get_session_options().intra_op_num_threads == 1


def test_an_ensemble_of_tiers_averages_their_distributions(tmp_path: Path) -> None:
    a = export_tier(base_weights(0), tmp_path / "a.onnx")
    b = export_tier(base_weights(1), tmp_path / "b.onnx")
    pa, pb = OnnxTier(a).probs(TEXTS), OnnxTier(b).probs(TEXTS)
    both = OnnxTier([a, b]).probs(TEXTS)
    assert np.abs(pa - pb).max() > 0.01  # two different heads, or the test proves nothing
    assert np.abs(both - (pa + pb) / 2).max() < 1e-6
    assert np.allclose(both.sum(-1), 1.0, atol=1e-5)


def test_a_tagger_saves_and_loads_every_member_of_its_ensemble(tmp_path: Path) -> None:
    from auditparse.nlp.components import tier_name
    from auditparse.nlp.tagger import Tagger

    src = Path(__file__).resolve().parents[1] / "models" / "tagger"
    tagger = Tagger(src)
    comp = tagger.component
    comp.set_tuned([base_weights(0), base_weights(1)], tmp_path / "work")
    comp.to_disk(tmp_path / "two")
    assert sorted(p.name for p in (tmp_path / "two").glob("tier*.onnx")) == [tier_name(0), tier_name(1)]
    comp.set_tuned([base_weights(0)], tmp_path / "work1")
    comp.to_disk(tmp_path / "two")  # saving a single tier over an ensemble leaves no stale member
    assert [p.name for p in (tmp_path / "two").glob("tier*.onnx")] == ["tier.onnx"]
    comp.set_tuned([base_weights(0), base_weights(1)], tmp_path / "work2")
    comp.to_disk(tmp_path / "two")
    comp.from_disk(tmp_path / "two")
    assert [p.name for p in comp.tier_files] == ["tier.onnx", "tier_2.onnx"]
    assert comp.tier is not None and len(comp.tier.sessions) == 2


def test_an_interrupted_fine_tune_resumes_from_its_checkpoint_to_the_same_weights(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A fine-tune stopped after an epoch and rerun with its checkpoint ends where an unbroken run ends."""
    torch = pytest.importorskip("torch")
    from auditparse.nlp.finetune import finetune

    texts = [*TEXTS, "Workers repaid RM 5,200 to the agent.", "Fire drills are held monthly."] * 2
    y = np.zeros((len(texts), len(INDICATORS)), dtype=np.int64)
    y[::3, 0] = 1
    unbroken = finetune(texts, y, seed=3, epochs=2, batch_size=4, threads=1)
    ckpt = tmp_path / "tier1.pt"
    real_replace = Path.replace

    def replace_then_stop(self: Path, target: Path) -> Path:  # the checkpoint is in place, then the run dies
        real_replace(self, target)
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", replace_then_stop)
    with pytest.raises(KeyboardInterrupt):
        finetune(texts, y, seed=3, epochs=2, batch_size=4, threads=1, checkpoint=ckpt)
    monkeypatch.setattr(Path, "replace", real_replace)
    assert torch.load(ckpt, weights_only=False)["epoch"] == 1
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="auditparse.nlp.finetune"):
        resumed = finetune(texts, y, seed=3, epochs=2, batch_size=4, threads=1, checkpoint=ckpt)
    assert "epoch 1/2" not in caplog.text and "epoch 2/2" in caplog.text  # only the missing epoch ran
    assert set(resumed) == set(unbroken)
    assert all(np.array_equal(resumed[k], unbroken[k]) for k in unbroken)
    with pytest.raises(ModelError, match="another fine-tune"):  # a checkpoint of another set-up is not mixed in
        finetune(texts, y, seed=4, epochs=2, batch_size=4, threads=1, checkpoint=ckpt)
    relabelled = y.copy()
    relabelled[1, 0] = 2
    with pytest.raises(ModelError, match="another fine-tune"):  # nor one of other training data of the same size
        finetune(texts, relabelled, seed=3, epochs=2, batch_size=4, threads=1, checkpoint=ckpt)
