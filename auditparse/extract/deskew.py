"""Straighten a slightly skewed scan: the angle that makes text rows sharpest in a row-ink profile."""

from __future__ import annotations

from typing import Any

#: angles tried, degrees; scans are rarely skewed more than this (bigger turns are orientation, not skew)
_MAX_ANGLE = 3.0
_STEP = 0.2


def skew_angle(image: Any) -> float:
    """Counter-clockwise degrees to rotate a grayscale PIL image by to level its text rows."""
    import numpy as np
    from PIL import Image

    small = image.copy()
    small.thumbnail((800, 800))
    ink = small.point(lambda v: 255 if v < 128 else 0)
    if np.asarray(ink).mean() < 0.5:  # blank page
        return 0.0
    best, best_score = 0.0, -1.0
    steps = int(_MAX_ANGLE / _STEP)
    for k in range(-steps, steps + 1):
        angle = k * _STEP
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def deskew(image: Any) -> Any:
    """The image rotated to level its text rows (unchanged when already straight)."""
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < _STEP / 2:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
