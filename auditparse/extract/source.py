"""Open an input file: sniff its type from magic bytes, map library errors to auditparse errors, enforce limits."""

from __future__ import annotations

import hashlib
import logging
import warnings
from pathlib import Path
from typing import Any

from auditparse.exceptions import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedPdfError,
    InputNotFoundError,
    TooLargeError,
    UnsupportedFileError,
    WrongPasswordError,
)

log = logging.getLogger(__name__)

#: largest page side we accept, in points (200 inches); bigger pages are bombs or broken boxes
MAX_PAGE_SIDE_PT = 14_400.0
#: largest image we decode (pixels); PIL's own bomb guard uses the same kind of limit
MAX_IMAGE_PIXELS = 180_000_000

_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def sniff(path: Path) -> tuple[str, int, str]:
    """Return ``(media_type, size_bytes, sha256)`` of ``path`` judged by its content, not its name.

    Raises:
        InputNotFoundError: the path does not exist, is a folder or cannot be read.
        EmptyDocumentError: the file has no bytes.
        UnsupportedFileError: neither a PDF nor a PNG/JPEG/TIFF image.
    """
    try:
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as fh:
            head = fh.read(1024)
            digest.update(head)
            size = len(head)
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        raise InputNotFoundError(f"{path}: no such file.", hint="Check the path.") from None
    except IsADirectoryError:
        raise InputNotFoundError(f"{path}: is a folder, not a file.", hint="Give one PDF or image.") from None
    except OSError as e:
        raise InputNotFoundError(f"{path}: cannot read it ({e.strerror}).", hint="Check permissions.") from e
    if not head.strip():
        raise EmptyDocumentError(f"{path}: the file is empty.", hint="Check it was fully copied.")
    for magic, media_type in _MAGIC:
        # PDF producers may put junk before the header; pdfium tolerates it within the first kilobyte
        if head.startswith(magic) or (magic == b"%PDF-" and magic in head):
            return media_type, size, digest.hexdigest()
    raise UnsupportedFileError(
        f"{path}: not a PDF or a PNG/JPEG/TIFF image.", hint="Convert it to PDF first."
    )


def open_pdf(path: Path, password: str | None) -> Any:
    """Open a PDF with pypdfium2, mapping its errors to auditparse errors."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path, password=password)
    except OSError as e:  # vanished or unreadable between sniffing and opening
        raise InputNotFoundError(f"{path}: cannot read the file ({e}).", hint="Check it still exists.") from None
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == 4:  # FPDF_ERR_PASSWORD
            if password is None:
                raise EncryptedPdfError(
                    f"{path}: the PDF is encrypted.", hint="Pass its password with --password."
                ) from None
            raise WrongPasswordError(f"{path}: the password does not open this PDF.", hint="Check it.") from None
        if code == 1:  # FPDF_ERR_FILE: vanished or unreadable between sniffing and opening
            raise InputNotFoundError(f"{path}: cannot read the file.", hint="Check it still exists.") from e
        if _loads_without_pages(path, password):  # pypdfium2 refuses a document of zero pages
            raise EmptyDocumentError(f"{path}: the PDF has no pages.", hint="Check the file was fully exported.") from None
        raise CorruptFileError(
            f"{path}: the PDF is damaged and cannot be read.", hint="Get a fresh copy or re-export it."
        ) from e


def _loads_without_pages(path: Path, password: str | None) -> bool:
    """True when raw pdfium parses the file but finds no page in it."""
    import pypdfium2.raw as R

    handle = R.FPDF_LoadDocument(str(path).encode(), password.encode() if password else None)
    if not handle:
        return False
    try:
        return R.FPDF_GetPageCount(handle) == 0
    finally:
        R.FPDF_CloseDocument(handle)


def check_page_count(path: Path, count: int, max_pages: int) -> None:
    """Raise for a document with no pages or more than ``max_pages``."""
    if count == 0:
        raise EmptyDocumentError(f"{path}: the document has no pages.", hint="Check the file was fully copied.")
    if count > max_pages:
        raise TooLargeError(
            f"{path}: {count} pages, more than the limit of {max_pages}.",
            hint="Split the file, or raise max_pages / --max-pages.",
        )


def check_page_size(path: Path, number: int, width: float, height: float) -> None:
    """Raise for an absurd page size (a decompression bomb when rendered)."""
    if width > MAX_PAGE_SIDE_PT or height > MAX_PAGE_SIDE_PT:
        raise TooLargeError(
            f"{path}: page {number} is {width:.0f}x{height:.0f} points, over the {MAX_PAGE_SIDE_PT:.0f} limit.",
            hint="Fix the page size in the source document.",
        )


def open_image(path: Path) -> Any:
    """Open an image with PIL under a decompression-bomb limit; multi-page TIFF frames are its pages."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise TooLargeError(f"{path}: image too large ({e}).", hint="Downscale it to 300 dpi.") from None
    except FileNotFoundError:
        raise InputNotFoundError(f"{path}: no such file.", hint="Check the path.") from None
    except (OSError, SyntaxError, ValueError) as e:
        raise CorruptFileError(f"{path}: the image is damaged ({e}).", hint="Get a fresh copy.") from None
    if img.width * img.height > MAX_IMAGE_PIXELS:
        raise TooLargeError(f"{path}: image of {img.width}x{img.height} pixels is too large.", hint="Downscale it.")
    return img
