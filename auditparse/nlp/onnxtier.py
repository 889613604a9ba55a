"""The transformer tier on onnxruntime: the fine-tuned MiniLM layers as an ONNX graph, weights quantised to int8.

:func:`build_graph` writes the six BERT layers, mean pooling and the head as a plain ONNX graph from the tuned
weights (exact erf GELU, as in training); :func:`quantize_rows` makes its matrix products int8 (weights per output
channel, activations per token, so that a sentence scores the same whatever it is batched with) and
:class:`OnnxTier` runs it with one session. The embeddings (a table lookup and a layer norm)
stay in numpy. About 3x the speed of the numpy forward pass on CPUs with int8 dot products (VNNI).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from auditparse.datamodel.nlp import INDICATORS

HEADS = 12
OPSET = 17
#: tokens per onnxruntime call (padding included). Small batches keep the activations in cache and the padding
#: low when a report has few candidates: on 2 cores, 256 ran report text 1.2x (one batch of 12 reports) to 1.6x
#: (report by report) faster than 4096.
BATCH_TOKENS = 256
#: batches embedded together; each ensemble member runs over them all before the next member starts
CHUNK_BATCHES = 64


def build_graph(weights: dict[str, np.ndarray], head_w: np.ndarray, head_b: np.ndarray) -> Any:
    """An ONNX model: inputs ``x`` (n, t, 384 embeddings) and ``mask`` (n, t, 0/1), output ``logits`` (n, 72)."""
    from onnx import TensorProto, helper, numpy_helper

    nodes: list[Any] = []
    inits: list[Any] = []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def node(op: str, inputs: list[str], name: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    d = head_w.shape[0]
    hd = d // HEADS
    const("shape_split", np.array([0, 0, HEADS, hd], dtype=np.int64))
    const("shape_merge", np.array([0, 0, d], dtype=np.int64))
    const("scale", np.array(1.0 / np.sqrt(hd), dtype=np.float32))
    const("neg", np.array(-1e9, dtype=np.float32))
    const("one", np.array(1.0, dtype=np.float32))
    const("half", np.array(0.5, dtype=np.float32))
    const("sqrt2", np.array(np.sqrt(2.0), dtype=np.float32))
    const("ax_1", np.array([1], dtype=np.int64))
    const("ax_12", np.array([1, 2], dtype=np.int64))
    const("ax_m1", np.array([-1], dtype=np.int64))
    # additive attention bias (n, 1, 1, t): 0 for tokens, -1e9 for padding
    m4 = node("Unsqueeze", ["mask", "ax_12"], "mask4")
    inv = node("Sub", ["one", m4], "mask_inv")
    bias = node("Mul", [inv, "neg"], "att_bias")
    x = "x"
    i = 0
    while f"encoder.layer.{i}.attention.self.query.weight" in weights:
        p = f"encoder.layer.{i}."
        w = {k[len(p):]: v for k, v in weights.items() if k.startswith(p)}

        def lin(inp: str, key: str, out: str, w: dict[str, np.ndarray] = w, p: str = p) -> str:
            mm = node("MatMul", [inp, const(f"{p}{key}.W", w[f"{key}.weight"].T)], f"{p}{key}.mm")
            return node("Add", [mm, const(f"{p}{key}.b", w[f"{key}.bias"])], out)

        def norm(inp: str, key: str, out: str, w: dict[str, np.ndarray] = w) -> str:
            gain, shift = const(f"{out}.g", w[f"{key}.weight"]), const(f"{out}.b", w[f"{key}.bias"])
            return node("LayerNormalization", [inp, gain, shift], out, axis=-1, epsilon=1e-12)

        heads = []
        for role in ("query", "key", "value"):
            y = lin(x, f"attention.self.{role}", f"{p}{role}")
            y = node("Reshape", [y, "shape_split"], f"{p}{role}.split")
            perm = [0, 2, 3, 1] if role == "key" else [0, 2, 1, 3]
            heads.append(node("Transpose", [y], f"{p}{role}.t", perm=perm))
        q, k, v = heads
        s = node("MatMul", [q, k], f"{p}att.scores")  # excluded from quantisation (two activations)
        s = node("Mul", [s, "scale"], f"{p}att.scaled")
        s = node("Add", [s, bias], f"{p}att.masked")
        s = node("Softmax", [s], f"{p}att.probs", axis=-1)
        c = node("MatMul", [s, v], f"{p}att.ctx")
        c = node("Transpose", [c], f"{p}att.ctx.t", perm=[0, 2, 1, 3])
        c = node("Reshape", [c, "shape_merge"], f"{p}att.ctx.merge")
        a = lin(c, "attention.output.dense", f"{p}att.out")
        x = norm(node("Add", [a, x], f"{p}att.res"), "attention.output.LayerNorm", f"{p}ln1")
        h = lin(x, "intermediate.dense", f"{p}inter")
        e = node("Div", [h, "sqrt2"], f"{p}gelu.div")
        e = node("Erf", [e], f"{p}gelu.erf")
        e = node("Add", [e, "one"], f"{p}gelu.add")
        e = node("Mul", [h, e], f"{p}gelu.mul")
        h = node("Mul", [e, "half"], f"{p}gelu")
        o = lin(h, "output.dense", f"{p}ffn.out")
        x = norm(node("Add", [o, x], f"{p}ffn.res"), "output.LayerNorm", f"{p}ln2")
        i += 1
    m3 = node("Unsqueeze", ["mask", "ax_m1"], "mask3")
    summed = node("ReduceSum", [node("Mul", [x, m3], "masked_x"), "ax_1"], "pool.sum", keepdims=0)
    count = node("ReduceSum", ["mask", "ax_1"], "pool.count", keepdims=1)
    pooled = node("Div", [summed, count], "pooled")
    mm = node("MatMul", [pooled, const("head.W", head_w)], "head.mm")
    nodes.append(helper.make_node("Add", [mm, const("head.b", head_b)], ["logits"], name="head.add"))
    graph = helper.make_graph(
        nodes, "auditparse_tier",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", "t", d]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["n", "t"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["n", head_w.shape[1]])],
        inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=8)


def quantize_rows(model: Any) -> Any:
    """Turn every weight matrix product of ``model`` into an int8 one, in place, and return it.

    Weights: int8 with a scale per output channel. Activations: int8 with a scale per token (its largest
    magnitude / 127), stored as uint8 around a fixed zero point of 128 (the fast u8 x s8 path). Unlike
    onnxruntime's dynamic quantisation, whose one scale covers the whole batch, a sentence's scores then do not
    depend on the other sentences it is batched with, and they stay closer to float32. The two attention
    products (activation x activation) stay float32. A token's input is quantised once, however many products
    read it (query, key and value).
    """
    from onnx import TensorProto, helper, numpy_helper

    g = model.graph
    inits = {i.name: i for i in g.initializer}
    consts = {"q.127": np.array(127.0, np.float32), "q.eps": np.array(1e-8, np.float32),
              "q.one": np.array(1.0, np.float32), "q.zp": np.array(128, np.uint8)}
    added = [numpy_helper.from_array(v, k) for k, v in consts.items()]
    nodes: list[Any] = []
    quantised: dict[str, tuple[str, str]] = {}
    replaced: set[str] = set()

    def op(kind: str, inputs: list[str], name: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(kind, inputs, [name], name=name, **attrs))
        return name

    for n in g.node:
        if n.op_type != "MatMul" or n.input[1] not in inits or n.name.endswith(("att.scores", "att.ctx")):
            nodes.append(n)
            continue
        w = numpy_helper.to_array(inits[n.input[1]]).astype(np.float32)
        w_scale = (np.maximum(np.abs(w).max(0), 1e-12) / 127.0).astype(np.float32)
        added += [numpy_helper.from_array(np.clip(np.round(w / w_scale), -127, 127).astype(np.int8), f"{n.name}.wq"),
                  numpy_helper.from_array(w_scale, f"{n.name}.ws")]
        replaced.add(n.input[1])
        x = n.input[0]
        if x not in quantised:
            q = f"{x}.q"
            top = op("ReduceMax", [x], f"{q}.max", axes=[-1], keepdims=1)
            low = op("Neg", [op("ReduceMin", [x], f"{q}.min", axes=[-1], keepdims=1)], f"{q}.negmin")
            amax = op("Max", [top, low, "q.eps"], f"{q}.amax")
            scaled = op("Mul", [x, op("Div", ["q.127", amax], f"{q}.inv")], f"{q}.scaled")
            quantised[x] = (op("QuantizeLinear", [scaled, "q.one", "q.zp"], f"{q}.u8"), op("Div", [amax, "q.127"], f"{q}.scale"))
        xq, x_scale = quantised[x]
        acc = op("Cast", [op("MatMulInteger", [xq, f"{n.name}.wq", "q.zp"], f"{n.name}.int")], f"{n.name}.acc",
                 to=TensorProto.FLOAT)
        nodes.append(helper.make_node("Mul", [op("Mul", [acc, x_scale], f"{n.name}.rowscaled"), f"{n.name}.ws"],
                                      [n.output[0]], name=f"{n.name}.scaled"))
    kept = [i for i in g.initializer if i.name not in replaced]
    del g.node[:]
    g.node.extend(nodes)
    del g.initializer[:]
    g.initializer.extend(kept + added)
    return model


#: (name in the tuned weights, name in the graph) of every layer's linear maps and layer norms
_LINEAR = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")
_NORMS = (("attention.output.LayerNorm", "ln1"), ("output.LayerNorm", "ln2"))


def tier_weights(path: Path) -> dict[str, np.ndarray]:
    """The tuned weights (by Hugging Face name, as :func:`export_tier` takes them) read back from a tier's ONNX
    file; int8 matrices come back dequantised. For warm-starting a fine-tune from a shipped tier."""
    import onnx
    from onnx import numpy_helper

    from auditparse.nlp.finetune import HEAD

    inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}

    def matrix(name: str) -> np.ndarray:  # (in, out), as the graph multiplies
        if f"{name}.wq" in inits:
            return inits[f"{name}.wq"].astype(np.float32) * inits[f"{name}.ws"]
        return inits[name.removesuffix(".mm") + ".W"].astype(np.float32)

    out: dict[str, np.ndarray] = {}
    i = 0
    while f"encoder.layer.{i}.attention.self.query.b" in inits:
        p = f"encoder.layer.{i}."
        for key in _LINEAR:
            out[f"{p}{key}.weight"] = matrix(f"{p}{key}.mm").T.copy()
            out[f"{p}{key}.bias"] = inits[f"{p}{key}.b"].astype(np.float32)
        for key, short in _NORMS:
            out[f"{p}{key}.weight"] = inits[f"{p}{short}.g"].astype(np.float32)
            out[f"{p}{key}.bias"] = inits[f"{p}{short}.b"].astype(np.float32)
        i += 1
    out[HEAD + "weight"] = matrix("head.mm")
    out[HEAD + "bias"] = inits["head.b"].astype(np.float32)
    return out


def export_tier(weights: dict[str, np.ndarray], out: Path, *, quantize: bool = True) -> Path:
    """Write the tier's ONNX graph to ``out``: int8 matrix products (:func:`quantize_rows`, default), or float32."""
    from auditparse.nlp.finetune import HEAD

    model = build_graph(weights, weights[HEAD + "weight"], weights[HEAD + "bias"])
    if quantize:
        model = quantize_rows(model)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(model.SerializeToString())
    return out


class OnnxTier:
    """Fine-tuned MiniLM + head on onnxruntime: ``probs(texts)`` is (n, 12, 6) over the tier's labels.

    With several graphs (an ensemble of tiers fine-tuned with different seeds) ``probs`` is the mean of their
    distributions; the frozen embeddings are computed once per batch and fed to every graph.

    Args:
        path: the graph :func:`export_tier` wrote (``models/tagger/indicator_tagger/tier.onnx``), or a sequence
            of such graphs.
        threads: onnxruntime intra-op threads (default: ``OMP_NUM_THREADS`` when set, as in batch workers, else
            onnxruntime's own choice, one per core).
    """

    def __init__(self, path: Path | Sequence[Path], *, threads: int | None = None) -> None:
        import onnxruntime as ort

        from auditparse.exceptions import ModelError
        from auditparse.nlp.encoder import MiniLMEncoder
        from auditparse.nlp.finetune import MAX_TOKENS

        # the frozen embeddings and the tokenizer come from the package; the tuned layers run in onnxruntime
        self.embedder = MiniLMEncoder(max_tokens=MAX_TOKENS, embeddings_only=True)
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        threads = threads or int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
        if threads:
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            # idle threads must not spin: other worker processes need the cores
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.sessions: list[Any] = []
        for p in [path] if isinstance(path, (str, Path)) else list(path):
            try:
                self.sessions.append(ort.InferenceSession(str(p), opts, providers=["CPUExecutionProvider"]))
            except Exception as e:  # onnxruntime raises its own exception types for missing or damaged files
                raise ModelError(f"cannot load the transformer tier {p}: {e}",
                                 hint="retrain with `make models` or restore models/tagger from git") from e
        if not self.sessions:
            raise ModelError("no transformer tier graph given", hint="retrain with `make models`")

    @property
    def session(self) -> Any:
        """The first graph's session (its options are the same for every member)."""
        return self.sessions[0]

    def probs(self, texts: Sequence[str], batch_tokens: int = BATCH_TOKENS, members: slice | None = None) -> np.ndarray:
        """The mean distribution of the ensemble members (all, or the ``members`` slice of them) per text."""
        sessions = self.sessions if members is None else self.sessions[members]
        out = np.zeros((len(texts), len(INDICATORS), 6), dtype=np.float32)
        if not sessions or not texts:
            return out
        # texts that tokenise alike (a page header on every page, the same answer cell, whitespace variants) have
        # the same distribution: run each distinct token sequence once
        encs = self.embedder.token_ids(texts)
        first: dict[tuple[int, ...], int] = {}
        same = np.array([first.setdefault(tuple(e), i) for i, e in enumerate(encs)])
        unique = np.array(sorted(first.values()))
        batches = iter(self.embedder.id_batches([encs[i] for i in unique], batch_tokens))
        while chunk := [(unique[idx], self.embedder.embed_tokens(ids), mask) for idx, ids, mask in islice(batches, CHUNK_BATCHES)]:
            for session in sessions:  # one member over the whole chunk, then the next: its weights stay in cache
                for rows, x, mask in chunk:
                    logits = session.run(["logits"], {"x": x, "mask": mask})[0].reshape(len(rows), len(INDICATORS), -1)
                    logits -= logits.max(-1, keepdims=True)
                    e = np.exp(logits)
                    out[rows] += e / e.sum(-1, keepdims=True)
        return out[same] / len(sessions)
