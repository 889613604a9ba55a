"""Paths and defaults. Every setting can be overridden with an ``AUDITPARSE_*`` environment variable."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def _env(name: str, default: str) -> str:
    return os.environ.get(f"AUDITPARSE_{name}", default)


def models_dir() -> Path:
    """Folder of trained artefacts (``models/`` in a checkout; ``AUDITPARSE_MODELS`` to override)."""
    return Path(_env("MODELS", str(REPO_DIR / "models")))


def data_dir() -> Path:
    """Folder for the default SQLite database and other state (``AUDITPARSE_DATA_DIR``)."""
    default = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "auditparse"
    return Path(_env("DATA_DIR", str(default)))


def db_url() -> str:
    """SQLAlchemy URL of the results store (``AUDITPARSE_DB``); SQLite under :func:`data_dir` by default."""
    url = os.environ.get("AUDITPARSE_DB")
    if url:
        return url if "://" in url else f"sqlite:///{Path(url).resolve()}"
    return f"sqlite:///{data_dir() / 'auditparse.db'}"


def shared_dir() -> Path:
    """The reference material folder (``../shared`` next to a checkout; ``AUDITPARSE_SHARED``)."""
    return Path(_env("SHARED", str(REPO_DIR.parent / "shared")))


def default_workers() -> int:
    """Worker processes for OCR and batch work: one per core unless ``AUDITPARSE_WORKERS`` says otherwise."""
    return int(_env("WORKERS", str(os.cpu_count() or 1)))
