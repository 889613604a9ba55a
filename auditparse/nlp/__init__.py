"""NLP stage: find forced-labour indicator mentions, with assertion status, quantities, section and provenance.

Public API: :func:`tag_texts`, :func:`load_tagger` and :class:`Tagger` (``tag_texts``, ``tag_document``,
``versions``). Nothing heavy is imported until a function is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from auditparse.datamodel.nlp import SentenceResult

if TYPE_CHECKING:
    from auditparse.nlp.tagger import Tagger

__all__ = ["Tagger", "load_tagger", "tag_texts"]


def load_tagger(use_transformer: bool = True) -> Tagger:
    """The trained tagger from ``models/tagger`` (cached per process); raises ModelError when missing."""
    from auditparse.nlp.tagger import load_tagger as _load

    return _load(use_transformer)


def tag_texts(texts: Sequence[str], *, use_transformer: bool = True) -> list[SentenceResult]:
    """Tag texts with the default tagger: one :class:`SentenceResult` per text (offsets index into it)."""
    return load_tagger(use_transformer).tag_texts(texts)


def __getattr__(name: str) -> object:
    if name == "Tagger":
        from auditparse.nlp.tagger import Tagger

        return Tagger
    raise AttributeError(name)
