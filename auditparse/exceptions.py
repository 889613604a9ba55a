"""Error tree and exit codes.

Every error a user can cause has its own class, a one-line docstring and a message that says how to fix it.
``cli.py`` turns them into one line on stderr and ``exit_code``; a traceback shows only with ``-v``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes (README, "Exit codes")."""

    OK = 0
    INTERNAL_ERROR = 1
    USAGE = 2
    INPUT_NOT_FOUND = 3
    UNSUPPORTED_FILE = 4
    ENCRYPTED = 5
    WRONG_PASSWORD = 6
    CORRUPT = 7
    EMPTY = 8
    TOO_LARGE = 9
    PARTIAL = 10
    DEPENDENCY_MISSING = 11
    FILE_BUSY = 12
    MODEL_ERROR = 13
    STORE_ERROR = 14
    BAD_DATA = 15
    TIMEOUT = 16
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # 128 + SIGPIPE, as Unix tools exit when the reader of their output goes away


class AuditparseError(Exception):
    """Base class of every error auditparse raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL_ERROR
    #: short machine-readable cause, used in quarantine sidecars and backfill summaries
    cause: str = "error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class InputNotFoundError(AuditparseError):
    """The input path does not exist or cannot be read."""

    exit_code = ExitCode.INPUT_NOT_FOUND
    cause = "not_found"


class UnsupportedFileError(AuditparseError):
    """The file is neither a PDF nor a supported image (PNG, JPEG, TIFF)."""

    exit_code = ExitCode.UNSUPPORTED_FILE
    cause = "unsupported"


class EncryptedPdfError(AuditparseError):
    """The PDF is encrypted and no password was given."""

    exit_code = ExitCode.ENCRYPTED
    cause = "encrypted"


class WrongPasswordError(AuditparseError):
    """The password given does not open the PDF."""

    exit_code = ExitCode.WRONG_PASSWORD
    cause = "wrong_password"


class CorruptFileError(AuditparseError):
    """The file is damaged and cannot be parsed."""

    exit_code = ExitCode.CORRUPT
    cause = "corrupt"


class EmptyDocumentError(AuditparseError):
    """The file is empty or has no pages."""

    exit_code = ExitCode.EMPTY
    cause = "empty"


class TooLargeError(AuditparseError):
    """The file or one of its images exceeds a safety limit (decompression bomb, page count)."""

    exit_code = ExitCode.TOO_LARGE
    cause = "too_large"


class FileBusyError(AuditparseError):
    """The file is still being written by another program."""

    exit_code = ExitCode.FILE_BUSY
    cause = "busy"


class DependencyMissingError(AuditparseError):
    """A program or package auditparse needs is not installed."""

    exit_code = ExitCode.DEPENDENCY_MISSING
    cause = "dependency_missing"


class ModelError(AuditparseError):
    """A trained model is missing, corrupt or from an incompatible version."""

    exit_code = ExitCode.MODEL_ERROR
    cause = "model"


class StoreError(AuditparseError):
    """The results database cannot be opened, migrated or written."""

    exit_code = ExitCode.STORE_ERROR
    cause = "store"


class BadDataError(AuditparseError):
    """A user-supplied data file (labels, JSONL, CSV) is malformed."""

    exit_code = ExitCode.BAD_DATA
    cause = "bad_data"


class ProcessingTimeoutError(AuditparseError):
    """Processing a document or page took longer than its time limit."""

    exit_code = ExitCode.TIMEOUT
    cause = "timeout"


class ConfigurationError(AuditparseError):
    """The options cannot work together (an output folder inside the watched inbox, an inbox already watched)."""

    exit_code = ExitCode.USAGE
    cause = "usage"
