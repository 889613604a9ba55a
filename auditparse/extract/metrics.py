"""Text fidelity measures for extraction: character error rate against a reference text."""

from __future__ import annotations

import re

_SPACE_RE = re.compile(r"\s+")


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), O(len(a)) numpy rows of len(b)."""
    import numpy as np

    if not a or not b:
        return max(len(a), len(b))
    bs = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    idx = np.arange(len(b) + 1)
    prev = idx.copy()
    for i, code in enumerate(np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32), 1):
        sub = prev[:-1] + (bs != code)
        cur = np.empty_like(prev)
        cur[0] = i
        cur[1:] = np.minimum(prev[1:] + 1, sub)
        # insertions run left to right: cur[j] = min_k<=j (cur[k] + j - k)
        cur = np.minimum.accumulate(cur - idx) + idx
        prev = cur
    return int(prev[-1])


def normalise(text: str) -> str:
    """Whitespace runs to one space, trimmed: layout whitespace is not a character error."""
    return _SPACE_RE.sub(" ", text).strip()


def cer(hypothesis: str, reference: str) -> tuple[int, int]:
    """``(edits, reference length)`` after :func:`normalise`; their ratio is the character error rate."""
    hyp, ref = normalise(hypothesis), normalise(reference)
    return (0 if hyp == ref else edit_distance(hyp, ref)), len(ref)
