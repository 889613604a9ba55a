"""spaCy components of the tagger, registered with ``@Language.factory``.

Pipeline (``models/tagger/``): ``audit_sentencizer`` -> ``audit_sections`` -> ``indicator_tagger`` ->
``audit_quantities``. Results live in ``doc.spans``: ``"sections"`` (label = section id), ``"indicators"``
(label = indicator id; ``attrs["meta"]`` holds status and score per span, in span order) and ``"quantities"``
(``attrs["values"]``). spaCy objects never leave ``auditparse.nlp``; :mod:`auditparse.nlp.tagger` converts them.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from auditparse.datamodel.nlp import INDICATORS
from auditparse.nlp.assertion import clause_spans, scope_marked, status_features
from auditparse.nlp.linear import LinearModel
from auditparse.nlp.quantities import find_quantities
from auditparse.nlp.sections import heading_section, section_of_heading
from auditparse.nlp.segment import split_sentences
from auditparse.taxonomy import load_taxonomy

log = logging.getLogger(__name__)

STATUSES: tuple[str, ...] = ("present", "negated", "policy_only", "remediated", "hypothetical")
#: when one sentence mentions an indicator in several clauses, the mention kept first is the most positive
_STATUS_RANK = {"present": 0, "remediated": 1, "hypothetical": 2, "policy_only": 3, "negated": 4}


def _char_span(doc: Doc, start: int, end: int) -> Any:
    return doc.char_span(start, end, alignment_mode="expand")


@Language.factory("audit_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> AuditSentencizer:
    return AuditSentencizer()


class AuditSentencizer:
    """Sentence boundaries from :func:`auditparse.nlp.segment.split_sentences` (cells, bullets, abbreviations)."""

    def __call__(self, doc: Doc) -> Doc:
        starts = set()
        for a, b in split_sentences(doc.text):
            span = _char_span(doc, a, b)
            if span is not None:
                starts.add(span.start)
        for tok in doc:
            tok.is_sent_start = tok.i in starts or tok.i == 0
        return doc


@Language.factory("audit_sections")
def make_sections(nlp: Language, name: str) -> AuditSections:
    return AuditSections()


class AuditSections:
    """Label runs of sentences with the report section their nearest heading names.

    Headings come from ``doc.user_data["headings"]`` (character spans, e.g. extraction's heading blocks) and
    from heading-like sentences. ``doc.user_data["section"]`` gives the section in force at the start of the
    text and receives the one in force at its end; in :meth:`pipe`, a doc with ``user_data["carry"]`` starts in
    the section the previous doc ended in (pages of one report).
    """

    def pipe(self, docs: Iterable[Doc], batch_size: int = 0) -> Iterator[Doc]:
        last = None
        for doc in docs:
            if doc.user_data.get("carry"):
                doc.user_data.setdefault("section", last)
            yield self(doc)
            last = doc.user_data["section"]

    def __call__(self, doc: Doc) -> Doc:
        given = [(a, b) for a, b in doc.user_data.get("headings", [])]
        current: str | None = doc.user_data.get("section")
        spans = []
        open_start, open_label = 0, current
        for sent in doc.sents:
            text = sent.text
            is_given = any(a < sent.end_char and b > sent.start_char for a, b in given)
            sid = section_of_heading(text) if is_given else heading_section(text)
            if sid and sid != open_label:
                if open_label and sent.start > open_start:
                    spans.append(doc[open_start : sent.start])
                    spans[-1].label_ = open_label
                open_start, open_label = sent.start, sid
        if open_label and len(doc) > open_start:
            spans.append(doc[open_start : len(doc)])
            spans[-1].label_ = open_label
        doc.spans["sections"] = spans
        doc.user_data["section"] = open_label
        return doc


@Language.factory(
    "indicator_tagger",
    default_config={"threshold": 0.5, "candidate_threshold": 0.05, "blend": 0.5, "use_transformer": True},
)
def make_indicator_tagger(
    nlp: Language, name: str, threshold: float, candidate_threshold: float, blend: float, use_transformer: bool
) -> IndicatorTagger:
    return IndicatorTagger(threshold, candidate_threshold, blend, use_transformer)


class IndicatorTagger:
    """Two tiers: a fast n-gram model (+ cue lexicon) on every sentence picks candidates; the MiniLM tier
    re-scores candidates; then each detected indicator is placed in its clause and given an assertion status.

    Model data (``to_disk``): ``detector.{npz,json}`` (fast tier), ``head.npz`` (logistic head on MiniLM
    embeddings), ``status.{npz,json}`` (assertion status model), ``config.json`` (thresholds).
    """

    def __init__(self, threshold: float, candidate_threshold: float, blend: float, use_transformer: bool) -> None:
        self.threshold = threshold
        self.candidate_threshold = candidate_threshold
        self.blend = blend
        self.use_transformer = use_transformer
        self.detector: LinearModel | None = None
        self.status_model: LinearModel | None = None
        self.head_w: np.ndarray | None = None
        self.head_b: np.ndarray | None = None
        self._encoder: Any = None
        tax = load_taxonomy()
        self.cues = [re.compile(r"\b(?:" + "|".join(tax[i].cues) + r")\b", re.I) for i in INDICATORS]

    # --- model parts ---------------------------------------------------------------------------------

    @property
    def encoder(self) -> Any:
        if self._encoder is None:
            from auditparse.nlp.encoder import MiniLMEncoder

            self._encoder = MiniLMEncoder()
        return self._encoder

    def cue_hits(self, text: str) -> np.ndarray:
        """1.0 per indicator whose cue lexicon matches ``text``."""
        return np.array([1.0 if c.search(text) else 0.0 for c in self.cues], dtype=np.float32)

    def fast_scores(self, texts: list[str]) -> np.ndarray:
        assert self.detector is not None, "indicator_tagger has no trained model: load it from models/tagger"
        return self.detector.scores(texts)

    def head_scores(self, emb: np.ndarray) -> np.ndarray:
        assert self.head_w is not None and self.head_b is not None
        return 1.0 / (1.0 + np.exp(-(emb @ self.head_w + self.head_b)))

    def sentence_scores(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Final indicator probabilities per sentence, and which sentences went to the transformer tier.

        Candidates are the sentences the fast tier does not rule out (best score >= ``candidate_threshold`` or
        a cue-lexicon hit). Of those, MiniLM runs only where its score can still change a decision: with
        ``p = blend * fast + (1 - blend) * head`` and the head in [0, 1], a fast score ``>= threshold / blend``
        is accepted and one ``< (threshold - 1 + blend) / blend`` rejected whatever the head says.
        """
        p = self.fast_scores(texts)
        cand = np.array([p[i].max() >= self.candidate_threshold or self.cue_hits(t).any() for i, t in enumerate(texts)], dtype=bool)
        if not (self.use_transformer and self.head_w is not None and cand.any()):
            return p, np.zeros(len(texts), dtype=bool)
        b = self.blend
        lo, hi = ((self.threshold - 1.0 + b) / b, self.threshold / b) if b > 0 else (-np.inf, np.inf)
        undecided = ((p >= lo) & (p < hi)).any(1) & cand
        fast_positive = p >= hi  # decided without the head
        if undecided.any():
            idx = np.flatnonzero(undecided)
            p[idx] = b * p[idx] + (1.0 - b) * self.head_scores(self.encoder.encode([texts[i] for i in idx]))
        decided = ~undecided
        # sentences not sent to MiniLM: map the fast score onto the same scale, keeping each decision
        p[decided] = np.where(fast_positive[decided], np.maximum(b * p[decided], self.threshold), b * p[decided])
        return p, undecided

    def status_inputs(self, text: str, clause: tuple[int, int], k: int) -> tuple[str, dict[str, float]]:
        """What the status model sees for indicator ``k`` in ``clause``: its text and rule signals.

        The rules look at negators around the indicator's cue word when the lexicon finds one in the clause,
        otherwise at the whole clause.
        """
        a, b = clause
        hit = self.cues[k].search(text, a, b)
        s, e = (hit.start(), hit.end()) if hit else (b, b)
        feats = status_features(text, s, e, clause)
        feats[f"indicator={INDICATORS[k]}"] = 1.0
        return scope_marked(text[a:b]), feats

    def status_of(self, text: str, clause: tuple[int, int], k: int) -> tuple[str, float]:
        """Assertion status (and its probability) of indicator ``k`` mentioned in ``clause`` of ``text``."""
        assert self.status_model is not None
        clause_text, feats = self.status_inputs(text, clause, k)
        dense = np.array([[feats.get(n, 0.0) for n in self.status_model.dense_names]], dtype=np.float32)
        probs = self.status_model.scores([clause_text], dense)[0]
        j = int(probs.argmax())
        return self.status_model.labels[j], float(probs[j])

    def locate(self, text: str, k: int) -> list[tuple[int, int]]:
        """Clauses of ``text`` that carry indicator ``k``: cue-lexicon hits, else the best-scoring clause."""
        clauses = [(a, b) for a, b in clause_spans(text) if text[a:b].strip()]
        if len(clauses) <= 1:
            return clauses or [(0, len(text))]
        hits = [c for c in clauses if self.cues[k].search(text[c[0] : c[1]])]
        scores = self.fast_scores([text[a:b] for a, b in clauses])[:, k]
        strong = [c for c, s in zip(clauses, scores, strict=True) if s >= self.threshold]
        chosen = sorted(set(hits) | set(strong))
        return chosen or [clauses[int(scores.argmax())]]

    def mentions(self, text: str, probs: np.ndarray) -> list[dict[str, Any]]:
        """Mentions (dicts with indicator, status, score, start, end) in one sentence ``text``."""
        out: list[dict[str, Any]] = []
        for k in np.flatnonzero(probs >= self.threshold):
            found: list[dict[str, Any]] = []
            for a, b in self.locate(text, int(k)):
                a, b = _trim(text, a, b)
                status, _ = self.status_of(text, (a, b), int(k))
                found.append({"indicator": INDICATORS[k], "status": status, "score": float(probs[k]), "start": a, "end": b})
            # one mention per status, most positive first: a negated and a present clause both stay
            by_status: dict[str, dict[str, Any]] = {}
            for m in sorted(found, key=lambda m: _STATUS_RANK[m["status"]]):
                by_status.setdefault(m["status"], m)
            out += by_status.values()
        return out

    # --- spaCy interface ---------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._process(batch)
                batch = []
        if batch:
            yield from self._process(batch)

    def _process(self, docs: list[Doc]) -> list[Doc]:
        sents = [(d, s) for d in docs for s in d.sents]
        probs, cand = self.sentence_scores([s.text for _, s in sents]) if sents else (np.zeros((0, 12)), np.zeros(0, bool))
        found: dict[int, list[tuple[Any, dict[str, Any]]]] = {id(d): [] for d in docs}
        for (doc, sent), p in zip(sents, probs, strict=True):
            if p.max() < self.threshold:
                continue
            for m in self.mentions(sent.text, p):
                span = _char_span(doc, sent.start_char + m["start"], sent.start_char + m["end"])
                if span is not None:
                    span.label_ = m["indicator"]
                    found[id(doc)].append((span, {"status": m["status"], "score": m["score"], "sent": (sent.start_char, sent.end_char)}))
        for doc in docs:
            pairs = found[id(doc)]
            doc.spans["indicators"] = [s for s, _ in pairs]
            doc.spans["indicators"].attrs["meta"] = [m for _, m in pairs]
            doc.spans["indicators"].attrs["candidates"] = int(sum(1 for (d, _), c in zip(sents, cand, strict=True) if d is doc and c))
        return docs

    def to_disk(self, path: Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        assert self.detector is not None and self.status_model is not None
        self.detector.save(path / "detector")
        self.status_model.save(path / "status")
        if self.head_w is not None and self.head_b is not None:
            np.savez_compressed(path / "head.npz", w=self.head_w.astype(np.float16), b=self.head_b)
        cfg = {"threshold": self.threshold, "candidate_threshold": self.candidate_threshold, "blend": self.blend}
        (path / "config.json").write_text(json.dumps(cfg), encoding="utf-8")

    def from_disk(self, path: Path, exclude: Iterable[str] = ()) -> IndicatorTagger:
        path = Path(path)
        self.detector = LinearModel.load(path / "detector")
        self.status_model = LinearModel.load(path / "status")
        if (path / "head.npz").exists():
            arr = np.load(path / "head.npz")
            self.head_w, self.head_b = arr["w"].astype(np.float32), arr["b"].astype(np.float32)
        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.threshold, self.candidate_threshold, self.blend = cfg["threshold"], cfg["candidate_threshold"], cfg["blend"]
        return self


@Language.factory("audit_quantities")
def make_quantities(nlp: Language, name: str) -> AuditQuantities:
    return AuditQuantities()


class AuditQuantities:
    """Quantities of the sentences that carry an indicator mention (``doc.spans["quantities"]``)."""

    def __call__(self, doc: Doc) -> Doc:
        spans, values = [], []
        for sent_start, sent_end in sorted({m["sent"] for m in doc.spans["indicators"].attrs.get("meta", [])}) if "indicators" in doc.spans else []:
            for q in find_quantities(doc.text[sent_start:sent_end]):
                span = _char_span(doc, sent_start + q.start, sent_start + q.end)
                if span is not None:
                    span.label_ = q.kind
                    spans.append(span)
                    values.append(q.model_copy(update={"start": sent_start + q.start, "end": sent_start + q.end}))
        doc.spans["quantities"] = spans
        doc.spans["quantities"].attrs["values"] = values
        return doc


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:-–—|"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:-–—|"):
        b -= 1
    return a, b
