"""Scan clean-up before OCR: straighten a small skew, erase ruling lines and light shading.

Ruling lines and grey cell shading are what make tesseract invent "|", "=" and letter soup in tables;
erasing long straight runs of ink and whitening light grey removes both while leaving glyphs alone.
"""

from __future__ import annotations

from typing import Any

#: angles tried, degrees; scans are rarely skewed more than this (bigger turns are orientation, not skew)
_MAX_ANGLE = 3.0
_STEP = 0.1
#: grey levels above this are paper, cell shading or scanner noise, not print
_SHADING_LEVEL = 200


def skew_angle(image: Any) -> float:
    """Counter-clockwise degrees to rotate a grayscale PIL image by to level its text rows."""
    import numpy as np
    from PIL import Image

    small = image.copy()
    small.thumbnail((700, 700))
    ink = small.point(lambda v: 255 if v < 128 else 0)
    if np.asarray(ink).mean() < 0.5:  # blank page
        return 0.0
    def score(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = [k * 0.5 for k in range(-int(_MAX_ANGLE * 2), int(_MAX_ANGLE * 2) + 1)]
    best = max(coarse, key=score)
    fine = [best + k * _STEP for k in (-2, -1, 1, 2)]
    return max([best, *fine], key=score)


def deskew(image: Any) -> Any:
    """The image rotated to level its text rows (unchanged when already straight)."""
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < _STEP / 2:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)


def _long_runs(ink: Any, length: int) -> tuple[Any, list[tuple[int, int, int]]]:
    """Horizontal runs of ink at least ``length`` pixels long: their mask and ``(row, start, end)`` list.

    Transpose the input (and the mask back) for vertical runs.
    """
    import numpy as np

    h, w = ink.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)  # same row-major order: the k-th end closes the k-th start
    keep = ends - starts >= length
    runs = list(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True))
    mask = np.zeros((h, w), dtype=bool)
    for r, a, b in runs:
        mask[r, a:b] = True
    return mask, runs


Rule = tuple[float, float, float]


def clean(image: Any, dpi: float) -> tuple[Any, list[Rule], list[Rule]]:
    """Erase ruling lines (straight ink runs over ~1/4 inch) and light shading from a grayscale PIL image.

    Glyphs keep their grey levels for tesseract's own binarisation.

    Returns:
        The cleaned image, and the erased horizontal ``(y, x0, x1)`` and vertical ``(x, top, bottom)`` rules
        in pixels (one per pixel row/column of a rule; the table finder merges them).
    """
    import numpy as np
    from PIL import Image

    gray = np.asarray(image, dtype=np.uint8)
    ink = gray <= _SHADING_LEVEL  # faint grey rules count too
    length = max(20, int(dpi * 0.25))
    horizontal, hruns = _long_runs(ink, length)
    vertical_t, vruns = _long_runs(np.ascontiguousarray(ink.T), length)
    vertical = vertical_t.T
    rules = horizontal | vertical
    for shift in (1, 2):  # the anti-aliased fringe of a rule
        rules[shift:] |= horizontal[:-shift]
        rules[:-shift] |= horizontal[shift:]
        rules[:, shift:] |= vertical[:, :-shift]
        rules[:, :-shift] |= vertical[:, shift:]
    out = gray.copy()
    out[rules | (gray > _SHADING_LEVEL)] = 255
    return (
        Image.fromarray(out, mode="L"),
        [(float(r), float(a), float(b)) for r, a, b in hruns],
        [(float(c), float(a), float(b)) for c, a, b in vruns],
    )
