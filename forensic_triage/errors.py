"""One small error tree for the whole product.

Back-end errors (OSError from pytsk3/pyewf, yara.Error, sqlite3.Error) are translated at the
boundary into these, with context (which evidence item, which locator). Every error carries a
plain sentence for the examiner (``str(err)``) and, optionally, a hint saying what to do.
"""

from __future__ import annotations


class TriageError(Exception):
    """Base class: a problem the examiner is told about in one clear sentence."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def user_message(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class UsageError(TriageError):
    """The command was called with arguments that cannot work."""

    exit_code = 2


class EvidenceError(TriageError):
    """An evidence container cannot be opened or read."""

    exit_code = 3


class UnsupportedFormatError(EvidenceError):
    """The container format is recognised but not supported (VHD, VMDK, QCOW, AFF...)."""


class FileSystemError(TriageError):
    """A volume or file system cannot be parsed."""

    exit_code = 3


class ParseError(TriageError):
    """An artifact or file could not be parsed."""


class PluginError(TriageError):
    """An extractor plugin is broken (cannot be loaded, wrong API version, raised)."""


class StoreError(TriageError):
    """The case database cannot be used (missing, newer schema, locked, disk full)."""

    exit_code = 4


class IntegrityError(TriageError):
    """A verification failed: evidence changed, audit chain broken, package altered."""

    exit_code = 5


class Cancelled(TriageError):
    """The examiner cancelled a running job; work already committed is kept."""

    exit_code = 130

    def __init__(self, message: str = "Cancelled by the examiner; work done so far is kept.") -> None:
        super().__init__(message)
