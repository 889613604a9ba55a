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
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from auditparse.datamodel.nlp import INDICATORS, POSITIVE_STATUSES
from auditparse.nlp.assertion import (
    clause_spans,
    corrected_headline,
    has_negator,
    held_by_workers,
    is_allegation,
    is_contrastive,
    scope_marked,
    status_features,
)
from auditparse.nlp.checklist import dense as checklist_dense
from auditparse.nlp.checklist import parse_row
from auditparse.nlp.finetune import STATUS_RANK, STATUSES
from auditparse.nlp.linear import LinearModel
from auditparse.nlp.onnxtier import OnnxTier, export_tier
from auditparse.nlp.quantities import (
    find_quantities,
    overtime_quantities,
    table_hours_within_limits,
    wage_delay_quantities,
)
from auditparse.nlp.sections import heading_section, section_of_heading
from auditparse.nlp.segment import split_sentences
from auditparse.taxonomy import load_taxonomy

log = logging.getLogger(__name__)

_OVERTIME = INDICATORS.index("excessive_overtime")
_WITHHOLDING = INDICATORS.index("withholding_of_wages")
#: a stated wage delay beyond the limit raises withholding of wages as the overtime rule raises overtime
WAGE_DELAY_RULE = True
#: a clause that states such a delay, or hours beyond the overtime limits, without any negation word is not read as
#: negated (``status_of``)
QUANTITY_STATUS_RULE = True
#: a negated reading after a corrective-action headline ("Document retention corrected: all passports returned")
#: is a remediation (``status_of``)
HEADLINE_REMEDIATION_RULE = True
#: an unanswered question is no evidence (:func:`resolve_open_question`); off only to measure what it changes
OPEN_QUESTION_RULE = True
#: a table row marked compliant is no evidence (:func:`resolve_compliant_row`)
COMPLIANT_ROW_RULE = True
#: hours or rest days given as a figure within the limits in a table row or key-value line are no evidence (session 18)
WITHIN_LIMITS_RULE = True
_DOCUMENTS = INDICATORS.index("retention_of_identity_documents")
#: a checklist question read as harm or protection with less confidence than 0.5 +- this leaves statuses alone
CHECKLIST_MARGIN = 0.15
#: the readings of a mention that a checklist answer can turn (policy, remediated and hypothetical ones stay)
FLIPPABLE = ("present", "negated")
#: mention probability given to excessive overtime by :func:`overtime_quantities` (above every threshold DEV can pick)
QUANTITY_SCORE = 0.9
_EVIDENCE = np.array([s in POSITIVE_STATUSES for s in STATUSES])  # the statuses that count as evidence


def states_excess(clause: str, k: int) -> bool:
    """Whether ``clause`` states, with no negation word, a quantity beyond the limit of indicator ``k``: a wage delay
    (withholding of wages) or hours worked (excessive overtime)."""
    if k == _WITHHOLDING:
        beyond = wage_delay_quantities
    elif k == _OVERTIME:
        beyond = overtime_quantities
    else:
        return False
    return not has_negator(clause) and beyond(clause)


def tier_name(i: int) -> str:
    """File name of ensemble member ``i`` of the transformer tier: ``tier.onnx``, ``tier_2.onnx``, ..."""
    return "tier.onnx" if i == 0 else f"tier_{i + 1}.onnx"


def _char_span(doc: Doc, start: int, end: int) -> Any:
    return doc.char_span(start, end, alignment_mode="expand")


@Language.factory("audit_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> AuditSentencizer:
    return AuditSentencizer()


class AuditSentencizer:
    """Sentence boundaries from :func:`auditparse.nlp.segment.split_sentences` (cells, bullets, abbreviations)."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # SENT_START per token: 1 starts a sentence, -1 does not (one array write; setting
        # Token.is_sent_start one token at a time rescans the doc's annotation on every call)
        starts = np.full((len(doc), 1), -1, dtype=np.int64)
        starts[0, 0] = 1
        for a, b in split_sentences(doc.text):
            span = _char_span(doc, a, b)
            if span is not None:
                starts[span.start, 0] = 1
        doc.from_array([SENT_START], starts.view(np.uint64))
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
    default_config={"threshold": 0.5, "candidate_threshold": 0.05, "blend": 0.5, "status_blend": 0.5,
                    "use_transformer": True},
)
def make_indicator_tagger(nlp: Language, name: str, threshold: float, candidate_threshold: float, blend: float,
                          status_blend: float, use_transformer: bool) -> IndicatorTagger:
    return IndicatorTagger(threshold, candidate_threshold, blend, status_blend, use_transformer)


class IndicatorTagger:
    """Two tiers: a fast n-gram model (+ cue lexicon) on every sentence picks candidates; the fine-tuned MiniLM
    tier gives each candidate, per indicator, a distribution over none and the five statuses. Then each
    mentioned indicator is placed in its clause(s) and given an assertion status.

    - mention probability ``p = blend * fast + (1 - blend) * (1 - tier[none])``; a mention when ``>= threshold``;
    - status: ``status_blend * clause model + (1 - status_blend) * tier statuses`` (renormalised), with the
      evidence statuses (present, remediated) weighted by ``evidence_weight``, argmax. A weight below 1 asks
      for a clearer reading before a mention counts as evidence: a negated statement read as a finding is the
      costliest error for a reviewer.

    Model data (``to_disk``): ``detector.{npz,json}`` (fast tier), ``tier.onnx`` (fine-tuned MiniLM layers and
    head, int8; with an ensemble also ``tier_2.onnx`` ..., averaged), ``status.{npz,json}`` (clause status model), ``config.json`` (thresholds and blends).
    """

    def __init__(self, threshold: float, candidate_threshold: float, blend: float, status_blend: float,
                 use_transformer: bool) -> None:
        self.threshold = threshold
        self.candidate_threshold = candidate_threshold
        self.blend = blend
        self.status_blend = status_blend
        self.use_transformer = use_transformer
        self.quantity_score = QUANTITY_SCORE
        self.evidence_weight = 1.0  # tuned on DEV; set by from_disk
        # (mention margin, status margin): the second and later ensemble members read only the candidates the
        # first leaves unsure; None: every member reads every candidate
        self.cascade: tuple[float, float] | None = None
        # reads a checklist question as about a harm or a protection (resolve_checklist); None in older models
        self.checklist: LinearModel | None = None
        self.checklist_margin = CHECKLIST_MARGIN
        self.detector: LinearModel | None = None
        self.status_model: LinearModel | None = None
        self.tier_files: list[Path] = []  # tier*.onnx of a loaded model, or those exported after training
        self._tier: OnnxTier | None = None
        tax = load_taxonomy()
        self.cues = [re.compile(r"\b(?:" + "|".join(tax[i].cues) + r")\b", re.I) for i in INDICATORS]

    # --- model parts ---------------------------------------------------------------------------------

    @property
    def tier(self) -> OnnxTier | None:
        """The transformer tier (loaded on first use), or None without one or with it switched off."""
        if self._tier is None and self.use_transformer and self.tier_files:
            self._tier = OnnxTier(self.tier_files)
        return self._tier if self.use_transformer else None

    def set_tuned(self, weights: Sequence[dict[str, np.ndarray]], workdir: Path) -> None:
        """Use freshly fine-tuned weights (training; one set per ensemble member): export each as int8 ONNX into
        ``workdir`` and load those."""
        self.tier_files = [export_tier(w, Path(workdir) / tier_name(i)) for i, w in enumerate(weights)]
        self._tier = None

    def cue_hits(self, text: str) -> np.ndarray:
        """1.0 per indicator whose cue lexicon matches ``text``."""
        return np.array([1.0 if c.search(text) else 0.0 for c in self.cues], dtype=np.float32)

    def fast_scores(self, texts: list[str]) -> np.ndarray:
        assert self.detector is not None, "indicator_tagger has no trained model: load it from models/tagger"
        return self.detector.scores(texts)

    def candidates(self, texts: list[str], p_fast: np.ndarray) -> np.ndarray:
        """Sentences the fast tier does not rule out: best score >= ``candidate_threshold`` or a cue-lexicon hit."""
        return np.array([p_fast[i].max() >= self.candidate_threshold or self.cue_hits(t).any()
                         for i, t in enumerate(texts)], dtype=bool)

    def sentence_scores(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mention probabilities (n x 12), tier distributions (n x 12 x 6; zeros where the tier did not run) and
        which sentences went to the tier. Without the tier the mention probability is the fast score."""
        dist = np.zeros((len(texts), len(INDICATORS), len(STATUSES) + 1), dtype=np.float32)
        if not texts:
            return np.zeros((0, len(INDICATORS)), dtype=np.float32), dist, np.zeros(0, dtype=bool)
        p = self.fast_scores(texts)
        tier = self.tier
        if tier is None:
            return self.with_quantities(texts, p), dist, np.zeros(len(texts), dtype=bool)
        cand = self.candidates(texts, p)
        b = self.blend
        p = b * p  # not a candidate: the fast tier rules it out; keep its score on the blended scale
        floor = self.quantity_floor(texts)  # scanned once, for the cascade and the final scores
        if cand.any():
            idx = np.flatnonzero(cand)
            dist[idx] = self.tier_dist([texts[i] for i in idx], p[idx] / b if b else p[idx], floor[idx])
            p[idx] += (1.0 - b) * (1.0 - dist[idx, :, 0])
        return self.with_quantities(texts, p, floor), dist, cand

    def tier_dist(self, texts: list[str], fast: np.ndarray, floor: np.ndarray | None = None) -> np.ndarray:
        """The transformer tier's distributions (n x 12 x 6) for candidate ``texts`` with fast scores ``fast``
        (and :meth:`quantity_floor`, when the caller has it).

        With an ensemble and ``cascade`` set, the first member reads every text and the others only the texts
        whose outcome it leaves unsure (:meth:`unsure`); the rest keep the first member's distribution.
        """
        tier = self.tier
        assert tier is not None
        n = len(tier.sessions)
        if self.cascade is None or n == 1:
            return tier.probs(texts)
        d = tier.probs(texts, members=slice(0, 1))
        rows = np.flatnonzero(self.unsure(texts, fast, d, floor))
        if rows.size:
            rest = tier.probs([texts[i] for i in rows], members=slice(1, None))
            d[rows] = (d[rows] + (n - 1) * rest) / n
        return d

    def unsure(self, texts: list[str], fast: np.ndarray, d: np.ndarray, floor: np.ndarray | None = None) -> np.ndarray:
        """Which texts the first ensemble member leaves unsure: some indicator's mention probability within
        ``cascade[0]`` of the threshold, or a possible mention whose tier status has its best two readings
        (evidence weighted, as in :meth:`status_of`) within ``cascade[1]`` of each other."""
        assert self.cascade is not None
        m, s = self.cascade
        p = self.with_quantities(texts, self.blend * fast + (1.0 - self.blend) * (1.0 - d[:, :, 0]), floor)
        near = np.abs(p - self.threshold) < m
        st = d[:, :, 1:] / np.maximum(d[:, :, 1:].sum(-1, keepdims=True), 1e-9)
        st = np.sort(st * np.where(_EVIDENCE, self.evidence_weight, 1.0), axis=-1)
        close = (st[:, :, -1] - st[:, :, -2] < s) & (p >= self.threshold - m)
        return (near | close).any(axis=1)

    def with_quantities(self, texts: list[str], p: np.ndarray, floor: np.ndarray | None = None) -> np.ndarray:
        """``p`` raised to :meth:`quantity_floor` (computed here unless given): 78 hours in a week is a mention
        whatever the wording."""
        return np.maximum(p, self.quantity_floor(texts) if floor is None else floor)

    def quantity_floor(self, texts: list[str]) -> np.ndarray:
        """Lowest mention probability per text and indicator that stated quantities demand (n x 12): at least
        ``quantity_score`` for excessive overtime where a sentence states hours beyond the limits
        (:func:`overtime_quantities`), and for withholding of wages where it states a wage delay beyond the limit."""
        floor = np.zeros((len(texts), len(INDICATORS)), dtype=np.float32)
        if self.quantity_score <= 0:
            return floor
        for i, t in enumerate(texts):
            if overtime_quantities(t):
                floor[i, _OVERTIME] = self.quantity_score
            if WAGE_DELAY_RULE and wage_delay_quantities(t):
                floor[i, _WITHHOLDING] = self.quantity_score
        return floor

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

    def clause_status_probs(self, text: str, clause: tuple[int, int], k: int) -> np.ndarray:
        """The clause model's probabilities over ``STATUSES`` for indicator ``k`` in ``clause`` of ``text``."""
        assert self.status_model is not None
        clause_text, feats = self.status_inputs(text, clause, k)
        dense = np.array([[feats.get(n, 0.0) for n in self.status_model.dense_names]], dtype=np.float32)
        probs = self.status_model.scores([clause_text], dense)[0]
        return np.array([probs[self.status_model.labels.index(s)] for s in STATUSES], dtype=np.float32)

    def status_of(self, text: str, clause: tuple[int, int], k: int, tier: np.ndarray | None = None) -> tuple[str, float]:
        """Assertion status (and its probability) of indicator ``k`` mentioned in ``clause`` of ``text``;
        ``tier`` is the transformer tier's distribution for ``k`` (none + statuses), when it ran."""
        probs = self.clause_status_probs(text, clause, k)
        if tier is not None and tier[1:].sum() > 0:
            a = self.status_blend
            probs = a * probs + (1.0 - a) * tier[1:] / tier[1:].sum()
        j = int((probs * np.where(_EVIDENCE, self.evidence_weight, 1.0)).argmax())
        if k == _DOCUMENTS and STATUSES[j] == "present" and held_by_workers(text[clause[0] : clause[1]]):
            # "Passport custody: retained by workers": retention words, but the holder is the worker
            j = STATUSES.index("negated")
        elif QUANTITY_STATUS_RULE and STATUSES[j] == "negated" and states_excess(text[clause[0] : clause[1]], k):
            # "Bank records showed the wages were transferred 45 days after the pay date", "The average working week
            # in the sample was 63 hours": a quantity beyond the limit, stated without any negation word, is not a
            # check that found nothing
            j = STATUSES.index("present")
        elif HEADLINE_REMEDIATION_RULE and STATUSES[j] == "negated" and corrected_headline(text):
            # "Document retention corrected: all passports returned, lockers installed": the compliant state that
            # follows a corrective-action headline is the correction
            j = STATUSES.index("remediated")
        return STATUSES[j], float(probs[j])

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

    def mentions(self, text: str, probs: np.ndarray, dist: np.ndarray | None = None) -> list[dict[str, Any]]:
        """Mentions (dicts with indicator, status, score, start, end) in one sentence ``text``; ``dist`` is the
        transformer tier's output for it (12 x 6) when it ran."""
        out: list[dict[str, Any]] = []
        for k in np.flatnonzero(probs >= self.threshold):
            for a, b in self.locate(text, int(k)):
                a, b = _trim(text, a, b)
                status, _ = self.status_of(text, (a, b), int(k), None if dist is None else dist[k])
                out.append({"indicator": INDICATORS[k], "status": status, "score": float(probs[k]), "start": a, "end": b})
        if dist is not None:
            self.resolve_contrast(text, out)
        resolve_allegations(text, out)
        self.resolve_checklist(text, out)
        resolve_open_question(text, out)
        resolve_compliant_row(text, out)
        resolve_hours_within_limits(text, out)
        # one mention per indicator and status, quoting from its first clause to its last: a label clause
        # ("Contract substitution: contracts were replaced on arrival") alone is no statement for a reviewer;
        # a negated and a present clause both stay
        kept: dict[tuple[str, str], dict[str, Any]] = {}
        for m in out:
            k = kept.setdefault((m["indicator"], m["status"]), m)
            k["start"], k["end"] = min(k["start"], m["start"]), max(k["end"], m["end"])
        return sorted(kept.values(), key=lambda m: (INDICATORS.index(m["indicator"]), STATUS_RANK[m["status"]]))

    def resolve_checklist(self, text: str, mentions: list[dict[str, Any]]) -> None:
        """Statuses in a checklist row ("Do workers hold their own passports? | No | held by the agent"): the
        answer, read with what the question asks (harm or protection, by the ``checklist`` model), decides
        between present and negated. Policy, remediated and hypothetical readings stay; so does everything when
        the model is unsure of the question or the row has no plain yes/no answer."""
        if self.checklist is None or not mentions:
            return
        row = parse_row(text)
        if row is None:
            return
        question = text[row.start : row.end]
        harm = float(self.checklist.scores([question], checklist_dense([question]))[0, 1])
        if abs(harm - 0.5) < self.checklist_margin:
            return
        about = self.fast_scores([question])[0]  # only mentions of indicators the question itself is about turn
        status = "present" if row.partial or (harm >= 0.5) == row.yes else "negated"
        for m in mentions:
            k = INDICATORS.index(m["indicator"])
            if m["status"] in FLIPPABLE and (about[k] >= self.candidate_threshold or self.cues[k].search(question)):
                m["status"] = status

    def resolve_contrast(self, text: str, mentions: list[dict[str, Any]]) -> None:
        """Statuses in a contrastive sentence with evidence placed in two or more different clauses.

        The tier gives one status per indicator for the whole sentence, so in "Wages are paid on time, but the
        passports of 149 workers were kept" the present reading of the passports spills over onto wages. A
        contrast sets a finding against a clause that is not one: there, a positive mention whose own clause the
        clause model reads as not evidence takes the clause model's status. Changes ``mentions`` in place.
        """
        positive = [m for m in mentions if m["status"] in POSITIVE_STATUSES]
        if len({(m["start"], m["end"]) for m in positive}) < 2 or not is_contrastive(text):
            return
        for m in positive:
            probs = self.clause_status_probs(text, (m["start"], m["end"]), INDICATORS.index(m["indicator"]))
            status = STATUSES[int(probs.argmax())]
            if status not in POSITIVE_STATUSES:
                m["status"] = status

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
        doc_text = {id(d): d.text for d in docs}  # Span.text joins the tokens on every read; slicing is the same
        texts = [doc_text[id(d)][s.start_char : s.end_char] for d, s in sents]
        probs, dist, cand = self.sentence_scores(texts)
        found: dict[int, list[tuple[Any, dict[str, Any]]]] = {id(d): [] for d in docs}
        n_cand: dict[int, int] = {id(d): 0 for d in docs}
        for (doc, sent), text, p, d, c in zip(sents, texts, probs, dist, cand, strict=True):
            n_cand[id(doc)] += int(c)
            if p.max() < self.threshold:
                continue
            for m in self.mentions(text, p, d if c else None):
                span = _char_span(doc, sent.start_char + m["start"], sent.start_char + m["end"])
                if span is not None:
                    span.label_ = m["indicator"]
                    found[id(doc)].append((span, {"status": m["status"], "score": m["score"], "sent": (sent.start_char, sent.end_char)}))
        for doc in docs:
            pairs = found[id(doc)]
            doc.spans["indicators"] = [s for s, _ in pairs]
            doc.spans["indicators"].attrs["meta"] = [m for _, m in pairs]
            doc.spans["indicators"].attrs["candidates"] = n_cand[id(doc)]
        return docs

    def to_disk(self, path: Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        assert self.detector is not None and self.status_model is not None
        self.detector.save(path / "detector")
        self.status_model.save(path / "status")
        if self.checklist is not None:
            self.checklist.save(path / "checklist")
        else:  # a model without one must not pick up an older model's file
            for old in path.glob("checklist.*"):
                old.unlink()
        keep = {f.resolve() for f in self.tier_files}
        for old in path.glob("tier*.onnx"):  # a smaller ensemble must not leave members of a bigger one behind
            if old.resolve() not in keep:
                old.unlink()
        for i, f in enumerate(self.tier_files):
            if f.resolve() != (path / tier_name(i)).resolve():
                shutil.copyfile(f, path / tier_name(i))
        cfg = {"threshold": self.threshold, "candidate_threshold": self.candidate_threshold, "blend": self.blend,
               "status_blend": self.status_blend, "quantity_score": self.quantity_score,
               "evidence_weight": self.evidence_weight}
        if self.cascade is not None:
            cfg["cascade"] = list(self.cascade)
        (path / "config.json").write_text(json.dumps(cfg), encoding="utf-8")

    def from_disk(self, path: Path, exclude: Iterable[str] = ()) -> IndicatorTagger:
        path = Path(path)
        self.detector = LinearModel.load(path / "detector")
        self.status_model = LinearModel.load(path / "status")
        self.checklist = LinearModel.load(path / "checklist") if (path / "checklist.json").is_file() else None
        self.tier_files = []
        while (path / tier_name(len(self.tier_files))).exists():
            self.tier_files.append(path / tier_name(len(self.tier_files)))
        self._tier = None
        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.threshold, self.candidate_threshold, self.blend = cfg["threshold"], cfg["candidate_threshold"], cfg["blend"]
        self.status_blend = cfg.get("status_blend", 1.0)
        self.quantity_score = cfg.get("quantity_score", 0.0)  # models saved before the overtime rule: off
        self.evidence_weight = cfg.get("evidence_weight", 1.0)  # models saved before the weight: unweighted
        self.cascade = tuple(cfg["cascade"]) if cfg.get("cascade") else None  # type: ignore[assignment]
        return self


@Language.factory("audit_quantities")
def make_quantities(nlp: Language, name: str) -> AuditQuantities:
    return AuditQuantities()


class AuditQuantities:
    """Quantities of the sentences that carry an indicator mention (``doc.spans["quantities"]``)."""

    def __call__(self, doc: Doc) -> Doc:
        spans, values = [], []
        text = doc.text  # spaCy joins the tokens on every read
        for sent_start, sent_end in sorted({m["sent"] for m in doc.spans["indicators"].attrs.get("meta", [])}) if "indicators" in doc.spans else []:
            for q in find_quantities(text[sent_start:sent_end]):
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


# text before an unanswered question: a label ("Remarks:", "Question 12:"), a bullet or number, quotes
_QUESTION_LEAD = re.compile(r"^(?:\s*(?:[-*•·]|\(?\d{1,3}[.)])\s*)?(?:[A-Za-z][\w ]{0,28}(?:\s\d{1,3})?\s*:\s*)?[\"“‘'\s]*")
# a question that states something in a clause of its own: "How can we leave when the boss holds our passports?"
_ASSERTING_QUESTION = re.compile(r"^(?:how|why|what|where)\b.*\b(?:when|while|because|since|if|after|with|so)\b", re.I | re.S)


def open_question(text: str) -> bool:
    """Whether sentence ``text`` is a question with no answer in it ("Are workers' passports retained by the
    employer?", "Who keeps the workers' passports?", an interviewer's "Pay the agent?"): a checklist or interview
    question whose answer, if any, is elsewhere. A rhetorical question that states a fact in a clause of its own
    ("How can we leave when the boss holds our passports?") is not one, nor is a question quoted inside a
    statement ('The supervisor says "you want to go home? I can arrange it"')."""
    body = text[_QUESTION_LEAD.match(text).end() :].rstrip().rstrip("\"”’')]").rstrip()  # type: ignore[union-attr]
    quoted = any(q in body for q in '"“”')  # a question quoted inside a statement: 'The supervisor says "go home?"'
    return body.endswith("?") and body.count("?") == 1 and not quoted and not _ASSERTING_QUESTION.search(body)


def resolve_open_question(text: str, mentions: list[dict[str, Any]]) -> None:
    """A question with no answer asks; it does not find: its present or remediated readings become hypothetical
    (no evidence), so a blank checklist or an interview guide in an annex is no finding. Changes ``mentions``."""
    if OPEN_QUESTION_RULE and any(m["status"] in ("present", "remediated") for m in mentions) and open_question(text):
        for m in mentions:
            if m["status"] in ("present", "remediated"):
                m["status"] = "hypothetical"


# a table row whose last cell is the auditor's verdict that it complies: "Week 37 | total hours: 57 | C"
_COMPLIANT_ROW = re.compile(r"\|\s*(?:C|Compliant|Complied|OK|Pass(?:ed)?)\s*\|?\s*$", re.I)


def resolve_compliant_row(text: str, mentions: list[dict[str, Any]]) -> None:
    """A table row the auditor marked compliant ("Max consecutive days worked | 6 | C") found nothing: its present
    readings become negated (every such row in TRAIN is negated or routine). Changes ``mentions`` in place."""
    if COMPLIANT_ROW_RULE and any(m["status"] == "present" for m in mentions) and _COMPLIANT_ROW.search(text):
        for m in mentions:
            if m["status"] == "present":
                m["status"] = "negated"


def resolve_hours_within_limits(text: str, mentions: list[dict[str, Any]]) -> None:
    """A table row or key-value line whose hours or days without rest are all within the limits ("Longest stretch
    without a day off: 6 days") reports a checked figure, not excessive overtime: a present reading of excessive
    overtime becomes negated (:func:`~auditparse.nlp.quantities.table_hours_within_limits`). Changes ``mentions``."""
    if (WITHIN_LIMITS_RULE and any(m["indicator"] == "excessive_overtime" and m["status"] == "present" for m in mentions)
            and table_hours_within_limits(text)):
        for m in mentions:
            if m["indicator"] == "excessive_overtime" and m["status"] == "present":
                m["status"] = "negated"


def resolve_allegations(text: str, mentions: list[dict[str, Any]]) -> None:
    """An allegation checked and not confirmed: "A media story said the cannery keeps passports, but the HR safe held
    only copies" has a present and a negated mention of the same indicator. A present mention whose clause only
    reports a claim from outside the audit (:func:`~auditparse.nlp.assertion.is_allegation`) takes the status of
    the audit's own negated finding. Changes ``mentions`` in place."""
    negated = {m["indicator"] for m in mentions if m["status"] == "negated"}
    for m in mentions:
        if m["status"] == "present" and m["indicator"] in negated and is_allegation(text[m["start"] : m["end"]]):
            m["status"] = "negated"
