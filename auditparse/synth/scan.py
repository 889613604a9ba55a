"""The scanned twin of a digital PDF: rendered pages, skewed, noisy, JPEG-compressed, one page turned.

Noise is moderate on purpose: tesseract should still read it at ~98% character accuracy.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter


@dataclass
class ScanParams:
    dpi: int = 200
    skew_deg: float = 0.6
    rotated_pages: dict[int, int] = field(default_factory=dict)  # page -> degrees turned counter-clockwise
    noise: float = 6.0  # std-dev of grey-level noise
    blur: float = 0.5
    jpeg_quality: int = 25  # low, to keep committed samples small; tesseract still reads it


def scan_params(seed: int, pages: int) -> ScanParams:
    """Deterministic scan settings: a skew of 0.3-1.5 degrees and one non-cover page turned 90/180/270."""
    rng = random.Random(seed * 101 + 3)
    skew = round(rng.uniform(0.3, 1.5) * rng.choice([-1, 1]), 2)
    rotated = {rng.randint(2, pages) if pages > 1 else 1: rng.choice([90, 180, 270])}
    return ScanParams(skew_deg=skew, rotated_pages=rotated, noise=rng.uniform(3, 6), blur=rng.uniform(0.4, 0.6))


def _degrade(img: Image.Image, params: ScanParams, rng: np.random.Generator, angle: float) -> Image.Image:
    img = img.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    arr = np.asarray(img, dtype=np.float32)
    arr = arr * rng.uniform(0.92, 0.98) + rng.uniform(4, 12)  # paper is never white, toner never black
    arr += rng.normal(0.0, params.noise, arr.shape).astype(np.float32)
    specks = rng.random(arr.shape) < 0.0004
    arr[specks] = rng.uniform(0, 120)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    return img.filter(ImageFilter.GaussianBlur(params.blur))


def make_scan(pdf: bytes, out: Path, params: ScanParams, seed: int, created: str) -> None:
    """Write an image-only PDF of ``pdf`` rendered and degraded with ``params``; ``created`` is an ISO date."""
    import pypdfium2 as pdfium

    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(pdf)
    images = []
    try:
        for i in range(len(doc)):
            bitmap = doc[i].render(scale=params.dpi / 72, grayscale=True)
            img = _degrade(bitmap.to_pil().convert("L"), params, rng, params.skew_deg + rng.uniform(-0.15, 0.15))
            turn = params.rotated_pages.get(i + 1)
            if turn:
                img = img.rotate(turn, expand=True)
            images.append(img)
    finally:
        doc.close()
    stamp = time.strptime(created, "%Y-%m-%d")  # fixed dates keep the file deterministic
    # Pillow stores greyscale pages as JPEG (DCTDecode): the block artefacts of a real scanner's compression
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(params.dpi),
                   quality=params.jpeg_quality, optimize=True, creationDate=stamp, modDate=stamp)
