"""The contract between the single read of a file and everything that consumes its bytes.

The pipeline reads each file stream once, in chunks. Before the first chunk is fed it knows
the file's identity and its libmagic type (from the first bytes); every analyzer (YARA,
artifact extractors, content search, ...) is offered the file and, if interested, fed the
same chunks. Analyzers never read the evidence themselves.

Unreadable bytes (an image truncated inside a file, a range the evidence cannot give) are
never skipped over silently and never shift what follows: every chunk is fed at its true
offset, so a gap between the end of one chunk and the offset of the next *is* an unreadable
range (also in ``FileResult.read_errors`` and a stored warning naming it), and ``finish`` gets
``complete=False``. Each analyzer type handles a gap its own way:

* extractors (whole-buffer parsers) get zeros in place of the unreadable bytes, the file
  padded with zeros to its full size, so every record stays at its true position; each
  extractor that parsed such a file adds a warning naming the zero-filled ranges;
* YARA scans zeros in their place (offsets stay true); matched strings lying on those zeros
  are dropped afterwards (:func:`~.filework.drop_gap_hits`), with a warning;
* content search restarts after each gap, so no hit spans one;
* hash-set lookups are skipped (the digests of a partial file identify nothing);
* when no byte of a file can be read, ``finish`` is not called at all: no findings.
"""

from __future__ import annotations

from typing import Protocol

from ..model import FileInfo, FileResult

__all__ = ["Analyzer", "AnalyzerRun", "FileInfo"]  # FileInfo lives in model (plugins import it from plugin_api)


class AnalyzerRun(Protocol):
    def feed(self, offset: int, data: bytes) -> None:
        """The next chunk of the file, in order (offset = position of data[0]); when ``offset`` is past
        the end of the previous chunk, the bytes between could not be read (see the module docstring)."""

    def finish(self, result: FileResult, complete: bool) -> None:
        """All readable chunks were fed (``complete`` False when some bytes could not be read:
        ``result.read_errors`` holds their [start, end) ranges); add findings."""


class Analyzer(Protocol):
    name: str

    def start(self, info: FileInfo) -> AnalyzerRun | None:
        """Return a run to be fed this file's chunks, or None when not interested."""

    def describe(self) -> dict[str, object]:
        """Provenance for the job record (versions, rule-set hashes, settings)."""
