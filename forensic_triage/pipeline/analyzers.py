"""The contract between the single read of a file and everything that consumes its bytes.

The pipeline reads each file stream once, in chunks. Before the first chunk is fed it knows
the file's identity and its libmagic type (from the first bytes); every analyzer (YARA,
artifact extractors, content search, ...) is offered the file and, if interested, fed the
same chunks. Analyzers never read the evidence themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Protocol

from ..model import FileResult, Locator


@dataclasses.dataclass(frozen=True, slots=True)
class FileInfo:
    """What an analyzer knows about a file before its content arrives."""

    file_id: int
    locator: Locator
    evidence: str
    path: str  # full path inside the file system, "/" separated
    name: str
    extension: str
    size: int
    deleted: bool
    mime: str
    magic: str
    head: bytes  # the first bytes (up to 64 KiB)
    mtime: str | None = None
    crtime: str | None = None
    # Bytes of another file in the same folder (e.g. a SQLite "-wal" beside its database), read
    # read-only from the same file system; None when absent. Set by the pipeline.
    read_sibling: Callable[[str], bytes | None] | None = dataclasses.field(default=None, compare=False, repr=False)


class AnalyzerRun(Protocol):
    def feed(self, offset: int, data: bytes) -> None:
        """The next chunk of the file, in order (offset = position of data[0])."""

    def finish(self, result: FileResult, complete: bool) -> None:
        """All chunks were fed (``complete`` False if reading stopped early); add findings."""


class Analyzer(Protocol):
    name: str

    def start(self, info: FileInfo) -> AnalyzerRun | None:
        """Return a run to be fed this file's chunks, or None when not interested."""

    def describe(self) -> dict[str, object]:
        """Provenance for the job record (versions, rule-set hashes, settings)."""
